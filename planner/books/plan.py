"""Plan from the books, and the plan against what the books then show.

:func:`plan_start` turns the books on a day into the starting state of the cooperative simulation
(:class:`~planner.cooperative.OpeningBalances`: members, savings, social fund, loans outstanding by how
late they are, cash, retained earnings) and into the settings the books can tell (monthly saving and
social fund, loan size, rate, term and how often members borrow, running costs, the business's sales
and costs over the last 12 months), each with a sentence saying where it came from. Everything else
comes from the packaged defaults, and the treasurer's own ``overrides`` win over both.

:func:`plan_against_actual` then reads the books month by month after the plan's start and compares the
fund (cash + loans) with the plan's fan: it says in plain words (:class:`~planner.messages.Message`)
whether the group is inside the plan's 90% band, below or above it, since when, and - as far as the
books show - why: savings behind or ahead of the plan, more or fewer loans late, business sales short
or ahead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from planner.books import entries as e
from planner.books.ledger import Books
from planner.books.measures import loans_at_risk
from planner.books.replay import State
from planner.books.schedule import add_months, due_state
from planner.config import CooperativeConfig
from planner.cooperative import OpeningBalances
from planner.exceptions import ParameterError
from planner.loans import loan_schedule
from planner.messages import N_, Message
from planner.money import MINOR_PER_MAJOR, minor_digits
from planner.outcomes import ActualPoint, CooperativeOutcome
from planner.parameters import cooperative_config

#: months of books read for the settings (fewer when the books are younger)
LOOKBACK_MONTHS = 12
DAYS_A_MONTH = Fraction(36525, 1200)


def _cents(minor: int, currency: str) -> int:
    """Books' minor units to the simulation's cents (hundredths of the major unit)."""
    return minor * MINOR_PER_MAJOR // 10 ** minor_digits(currency)


def _major(minor: int | Fraction, currency: str) -> float:
    return float(Fraction(minor) / 10 ** minor_digits(currency))


def _money(minor: int | Fraction, currency: str) -> dict[str, Any]:
    return {"amount": _major(minor, currency), "currency": currency}


@dataclass(frozen=True)
class FromBooks:
    """A plan setting read from the books, and where it came from."""

    setting: str
    value: Any
    source: Message


@dataclass(frozen=True)
class PlanStart:
    """A cooperative plan that starts from the books on ``on``."""

    on: dt.date
    config: CooperativeConfig
    opening: OpeningBalances
    from_books: tuple[FromBooks, ...] = ()

    def settings(self) -> dict[str, Any]:
        """The settings read from the books, as plain ``name: value`` (``business.x`` for the business)."""
        return {f.setting: f.value for f in self.from_books}


def opening_balances(state: State, on: dt.date) -> OpeningBalances:
    """The books' state on ``on`` as the simulation's opening balances (cents)."""
    cur = state.currency
    piles = [0, 0, 0]
    for account in state.loans.values():
        if account.outstanding:
            late = due_state(account.plan, account.principal_paid + account.interest_paid, on).days_late
            piles[0 if late == 0 else 1 if late <= 30 else 2] += account.outstanding
    return OpeningBalances(
        members=sum(1 for m in state.members.values() if m.active()),
        cash=_cents(state.cash, cur),
        savings=_cents(state.savings, cur),
        social=_cents(state.social, cur),
        retained=_cents(state.retained, cur),
        loans_current=_cents(piles[0], cur),
        loans_late=_cents(piles[1], cur),
        loans_par30=_cents(piles[2], cur),
        on=on,
    )


def _lookback(books: Books, on: dt.date) -> tuple[dt.date, Fraction]:
    first = books.first_day or on
    start = max(add_months(on, -LOOKBACK_MONTHS), first - dt.timedelta(days=1))
    return start, max(Fraction((on - start).days) / DAYS_A_MONTH, Fraction(1))


def _read(books: Books, on: dt.date, members: int) -> list[FromBooks]:
    cur = books.currency
    start, months = _lookback(books, on)
    entries = books.between(start, on)
    span = {"months": round(float(months), 1)}
    per = Fraction(1, max(members, 1)) / months
    out: list[FromBooks] = []

    def total(kind: type[e.Entry]) -> int:
        return sum(getattr(x, "amount", 0) for x in entries if isinstance(x, kind))

    for setting, kind, template in (
        (
            "monthly_saving",
            e.Saving,
            N_("%(amount)s a member a month: the savings of the last %(months)s months"),
        ),
        (
            "social_fund_contribution",
            e.SocialContribution,
            N_("%(amount)s a member a month: the social fund of the last %(months)s months"),
        ),
    ):
        amount = total(kind) * per
        value = Message(
            template, {"amount": _money(amount, cur), **span}, {"amount": "money", "months": "count"}
        )
        out.append(FromBooks(setting, round(_major(amount, cur), 2), value))
    costs = Fraction(total(e.OtherCost)) / months
    out.append(
        FromBooks(
            "monthly_fixed_expenses",
            round(_major(costs, cur), 2),
            Message(
                N_("%(amount)s a month: the running costs of the last %(months)s months"),
                {"amount": _money(costs, cur), **span},
                {"amount": "money", "months": "count"},
            ),
        )
    )
    out.extend(_loans(entries, cur, members, months, span))
    out.extend(_business(entries, cur, months, span))
    return out


def _loans(
    entries: tuple[e.Entry, ...], cur: str, members: int, months: Fraction, span: dict[str, Any]
) -> list[FromBooks]:
    loans = [x for x in entries if isinstance(x, e.LoanDisbursed)]
    if not loans:
        return []
    lent = sum(x.amount for x in loans)
    apr = sum(
        x.amount
        * loan_schedule(
            _major(x.amount, cur), float(x.rate), x.term, method=x.rule, frequency=x.frequency
        ).apr
        for x in loans
    )
    term = sum(x.amount * (x.term if x.frequency == "monthly" else Fraction(x.term * 12, 52)) for x in loans)
    values = {"loans": len(loans), **span}
    kinds = {"loans": "count", "months": "count"}
    said = Message(N_("from the %(loans)s loans of the last %(months)s months"), values, kinds)
    return [
        FromBooks("loan_interest_rate_annual", round(apr / lent, 4), said),
        FromBooks("loan_term_months", max(1, round(term / lent)), said),
        FromBooks("average_loan_request", round(_major(Fraction(lent, len(loans)), cur), 2), said),
        FromBooks("borrowing_rate", round(min(float(len(loans) / months / max(members, 1)), 1.0), 4), said),
    ]


def _business(
    entries: tuple[e.Entry, ...], cur: str, months: Fraction, span: dict[str, Any]
) -> list[FromBooks]:
    sales = Fraction(sum(x.amount for x in entries if isinstance(x, e.BusinessSales))) / months
    if not sales:
        said = Message(
            N_("the books show no business sales in the last %(months)s months"), span, {"months": "count"}
        )
        return [FromBooks("business.enabled", False, said)]
    costs = Fraction(sum(x.amount for x in entries if isinstance(x, e.BusinessCost))) / months
    said = Message(
        N_("the business sold %(sales)s a month and cost %(costs)s a month over the last %(months)s months"),
        {"sales": _money(sales, cur), "costs": _money(costs, cur), **span},
        {"sales": "money", "costs": "money", "months": "count"},
    )
    revenue = round(_major(sales, cur), 2)
    return [
        FromBooks("business.enabled", True, said),
        FromBooks("business.start_month", 0, said),
        FromBooks("business.startup_cost", 0.0, said),
        FromBooks("business.ramp_up_months", 0, said),
        FromBooks("business.expansion_month", 0, said),
        FromBooks("business.monthly_revenue", revenue, said),
        FromBooks("business.fixed_costs_monthly", round(_major(costs, cur), 2), said),
    ]


def plan_start(
    books: Books,
    on: dt.date,
    *,
    overrides: Mapping[str, Any] | None = None,
    defaults: str = "cooperative_nepal",
) -> PlanStart:
    """A cooperative plan starting from the books at the end of ``on``.

    The settings the books tell are put over the ``defaults`` parameter set, and ``overrides`` (the
    treasurer's own, e.g. from a form; a nested ``business`` mapping for the business) over both.
    With a business in the books, its fixed costs are its costs less the defaults' variable share of
    its sales; with none, the plan has none unless ``overrides`` open one.

    Raises
    ------
    ParameterError
        The books have no members on ``on``, or the settings do not make a valid plan.

    Examples
    --------
    >>> from planner.books.entries import MemberJoined, Saving
    >>> day = dt.date(2025, 1, 6)
    >>> members = [f"m{i}" for i in range(10)]
    >>> books = Books("NPR").record(*[MemberJoined(entry_id=f"j-{m}", date=day, member=m) for m in members],
    ...     *[Saving(entry_id=f"s-{m}", date=day, member=m, amount=100000) for m in members])
    >>> start = plan_start(books, day, overrides={"months": 60})
    >>> start.opening.members, start.opening.savings, start.config.initial_members
    (10, 1000000, 10)
    """
    state = books.state_on(on)
    opening = opening_balances(state, on)
    if opening.members == 0:
        raise ParameterError(
            Message(N_("the books have no members on %(date)s to plan for"), {"date": on.isoformat()})
        )
    read = _read(books, on, opening.members)
    values: dict[str, Any] = {"business": {}}
    for f in read:
        section, _, name = f.setting.rpartition(".")
        (values["business"] if section else values)[name] = f.value
    base = cooperative_config({"business": {"enabled": False}}, defaults=defaults)
    values["initial_members"] = opening.members
    values["max_members"] = max(base.max_members, opening.members)
    values["currency"] = books.currency
    business = values["business"]
    if "fixed_costs_monthly" in business:
        share = float(
            (overrides or {})
            .get("business", {})
            .get("variable_cost_share", base.business.variable_cost_share)
        )
        business["fixed_costs_monthly"] = round(
            max(business["fixed_costs_monthly"] - share * business["monthly_revenue"], 0.0), 2
        )
    own = dict(overrides or {})
    merged = {**values, **{k: v for k, v in own.items() if k != "business"}}
    merged["business"] = {**business, **dict(own.get("business") or {})}
    config = cooperative_config(merged, defaults=defaults)
    opening.check(config)
    return PlanStart(on, config, opening, tuple(read))


@dataclass(frozen=True)
class DriftRules:
    """When a driver counts as a reason the group left the plan's band.

    By default: members' savings more than 10% off the plan's average future, loans more than 30 days
    late 5 points off, business sales over the last 3 months 20% off.
    """

    savings: float = 0.10
    par30_points: float = 0.05
    sales: float = 0.20
    sales_months: int = 3


@dataclass(frozen=True)
class MonthCheck:
    """One month of the plan against the books (major units)."""

    month: int
    day: dt.date
    actual: float
    low: float | None
    middle: float | None
    high: float | None
    savings: float
    par30: float | None
    sales: float

    @property
    def side(self) -> int:
        """-1 below the 90% band, 1 above it, 0 inside."""
        if self.low is not None and self.actual < self.low:
            return -1
        if self.high is not None and self.actual > self.high:
            return 1
        return 0


@dataclass(frozen=True)
class PlanCheck:
    """The plan against the books: each month so far, and what to say about it."""

    start: dt.date
    currency: str
    months: tuple[MonthCheck, ...]
    messages: tuple[Message, ...] = field(default_factory=tuple)

    @property
    def points(self) -> tuple[ActualPoint, ...]:
        """The actual fund by plan month, to draw over the fan (:func:`planner.fan_chart.plan_figure`)."""
        return tuple(ActualPoint(m.month, m.actual) for m in self.months)

    @property
    def left_band_at(self) -> int | None:
        """The month the group last left the 90% band and has stayed out since (``None``: inside now)."""
        if not self.months or self.months[-1].side == 0:
            return None
        first = len(self.months) - 1
        while first > 0 and self.months[first - 1].side == self.months[-1].side:
            first -= 1
        return self.months[first].month


def plan_against_actual(
    outcome: CooperativeOutcome,
    books: Books,
    on: dt.date,
    *,
    start: dt.date | None = None,
    rules: DriftRules | None = None,
) -> PlanCheck:
    """Compare the books month by month since the plan's start (``outcome.opening.on`` unless given).

    Plan month ``k`` is the day ``k`` months after the start; months up to ``on`` are compared.

    Raises
    ------
    ParameterError
        The plan has no start day (it did not start from the books and ``start`` is not given).
    """
    start = start or (outcome.opening.on if outcome.opening else None)
    if start is None:
        raise ParameterError(
            Message(N_("this plan did not start from the books: say on which day it starts"))
        )
    days = []
    for k in range(1, outcome.last_month + 1):
        day = add_months(start, k)
        if day > on:
            break
        days.append((k, day))
    cur = books.currency
    order = iter(d for _, d in days)  # walk takes the days in order, once each
    states = books.walk([d for _, d in days], lambda s: _month_figures(s, cur, next(order)))
    checks = []
    for (k, day), (fund, savings, par30) in zip(days, states, strict=True):
        low, high = outcome.fan.band(k)
        sales = sum(
            x.amount for x in books.between(add_months(start, k - 1), day) if isinstance(x, e.BusinessSales)
        )
        checks.append(
            MonthCheck(k, day, fund, low, outcome.fan.at(k, 50), high, savings, par30, _major(sales, cur))
        )
    check = PlanCheck(start, cur, tuple(checks))
    return PlanCheck(start, cur, tuple(checks), _say(check, outcome, rules or DriftRules()))


def _month_figures(state: State, currency: str, day: dt.date) -> tuple[float, float, float | None]:
    loans = state.loans_outstanding
    return (
        _major(state.cash + loans, currency),
        _major(state.savings, currency),
        None if loans == 0 else loans_at_risk(state, day) / loans,
    )


def _say(check: PlanCheck, outcome: CooperativeOutcome, rules: DriftRules) -> tuple[Message, ...]:
    if not check.months:
        return (
            Message(
                N_(
                    "No month of the plan has passed yet: the books are compared month by month "
                    "from the plan's start."
                )
            ),
        )
    last = check.months[-1]
    cur = check.currency
    values = {
        "month": last.month,
        "date": last.day.isoformat(),
        "actual": {"amount": last.actual, "currency": cur},
        "low": {"amount": last.low or 0.0, "currency": cur},
        "high": {"amount": last.high or 0.0, "currency": cur},
    }
    kinds = {"month": "count", "actual": "money", "low": "money", "high": "money"}
    template = {
        0: N_(
            "In month %(month)s (%(date)s) the fund is %(actual)s, "
            "inside the plan's 90%% band (%(low)s to %(high)s)."
        ),
        -1: N_(
            "In month %(month)s (%(date)s) the fund is %(actual)s, "
            "below the plan's 90%% band (%(low)s to %(high)s): worse than 19 in 20 of the plan's futures."
        ),
        1: N_(
            "In month %(month)s (%(date)s) the fund is %(actual)s, "
            "above the plan's 90%% band (%(low)s to %(high)s): better than 19 in 20 of the plan's futures."
        ),
    }[last.side]
    said = [Message(template, values, kinds)]
    since = check.left_band_at
    if since is not None and since != last.month:
        said.append(
            Message(
                N_("The group has been outside the band since month %(month)s."),
                {"month": since},
                {"month": "count"},
            )
        )
    if last.side:
        reasons = _reasons(check, outcome, rules)
        said.extend(
            reasons
            or [
                Message(
                    N_(
                        "The books do not show why: savings, late loans and business sales "
                        "are close to the plan."
                    )
                )
            ]
        )
    return tuple(said)


def _reasons(check: PlanCheck, outcome: CooperativeOutcome, rules: DriftRules) -> list[Message]:
    last, cur, out = check.months[-1], check.currency, []
    planned = outcome.value("member_savings", last.month)
    if planned:
        gap = (last.savings - planned) / planned
        if abs(gap) > rules.savings:
            template = (
                N_("Members' savings are %(actual)s, %(gap)s behind the plan's average future (%(plan)s).")
                if gap < 0
                else N_(
                    "Members' savings are %(actual)s, %(gap)s ahead of the plan's average future (%(plan)s)."
                )
            )
            out.append(
                Message(
                    template,
                    {
                        "actual": {"amount": last.savings, "currency": cur},
                        "gap": abs(gap),
                        "plan": {"amount": planned, "currency": cur},
                    },
                    {"actual": "money", "gap": "percent", "plan": "money"},
                )
            )
    par_plan = outcome.value("par30", last.month)
    if last.par30 is not None and par_plan is not None and abs(last.par30 - par_plan) > rules.par30_points:
        template = (
            N_(
                "Loans more than 30 days late are %(actual)s of the loans out; "
                "the plan expected about %(plan)s."
            )
            if last.par30 > par_plan
            else N_(
                "Fewer loans are late than planned: %(actual)s of the loans out are more than 30 days late "
                "(the plan: about %(plan)s)."
            )
        )
        out.append(
            Message(
                template, {"actual": last.par30, "plan": par_plan}, {"actual": "percent", "plan": "percent"}
            )
        )
    recent = check.months[-rules.sales_months :]
    sold = sum(m.sales for m in recent)
    plan_sales = sum(outcome.value("business_revenue", m.month) or 0.0 for m in recent)
    if plan_sales > 0 and abs(sold - plan_sales) / plan_sales > rules.sales:
        gap = (sold - plan_sales) / plan_sales
        template = (
            N_(
                "The business sold %(actual)s in the last %(months)s months, "
                "%(gap)s short of the plan's %(plan)s."
            )
            if gap < 0
            else N_(
                "The business sold %(actual)s in the last %(months)s months, "
                "%(gap)s more than the plan's %(plan)s."
            )
        )
        out.append(
            Message(
                template,
                {
                    "actual": {"amount": sold, "currency": cur},
                    "months": len(recent),
                    "gap": abs(gap),
                    "plan": {"amount": plan_sales, "currency": cur},
                },
                {"actual": "money", "months": "count", "gap": "percent", "plan": "money"},
            )
        )
    return out
