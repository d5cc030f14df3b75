"""Plan from the books: the simulation's starting state and the settings the books can tell.

:func:`plan_start` turns the books on a day into the starting state of the cooperative simulation
(:class:`~planner.cooperative.OpeningBalances`: members, savings, social fund, loans outstanding by how
late they are, cash, retained earnings, and the income and costs of the months before it) and into the
settings the books can tell (monthly saving and social fund, social fund payouts, running costs, the
business's sales and costs over the last 12 months; how often the group shares out and how much of its
earnings it pays out, from its last share-out; and, from :mod:`planner.books.rates`, how many members
join and leave, how often members borrow and loans fall behind or are written off, and a loan's size,
rate and term), each with a sentence saying where it came from, and the settings the books cannot tell
yet, with why. Everything else comes from the packaged defaults, and the treasurer's own ``overrides``
win over both. :func:`read_books` gives the reading alone (one replay
of the books), without making a plan of it.

The books have no entry for interest credited on savings or for a fee on a loan (a fee would be other
income), so they never tell those: a caller takes them from the group's country
(:func:`planner.places.cooperative_figures`) or asks for them.

The plan against what the books then show is :mod:`planner.books.plan_check`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from planner.books import entries as e
from planner.books.ledger import Books
from planner.books.measures import operating_totals
from planner.books.rates import (
    DAYS_A_MONTH,
    LOOKBACK_MONTHS,
    FromBooks,
    LoanPiles,
    NotInBooks,
    loan_piles,
    loan_rates,
    member_rates,
    rate_bounds,
)
from planner.books.rates import major as _major
from planner.books.rates import money as _money
from planner.books.replay import State
from planner.books.schedule import add_months, due_state
from planner.config import MAX_MONTHS, CooperativeConfig
from planner.cooperative import OpeningBalances, PastMonth
from planner.exceptions import ParameterError
from planner.messages import N_, Message
from planner.money import MINOR_PER_MAJOR, minor_digits
from planner.parameters import cooperative_config


def _cents(minor: int, currency: str) -> int:
    """Books' minor units to the simulation's cents (hundredths of the major unit)."""
    return minor * MINOR_PER_MAJOR // 10 ** minor_digits(currency)


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


@dataclass(frozen=True)
class BooksReading:
    """The books on a day as a plan reads them: its opening balances and the settings they tell.

    ``not_told`` names the settings the books cannot tell yet, and why (no loans yet, no loan ever more
    than 30 days late...): a plan keeps their defaults.
    """

    opening: OpeningBalances
    from_books: tuple[FromBooks, ...]
    not_told: tuple[NotInBooks, ...] = ()

    def settings(self) -> dict[str, Any]:
        """The settings read from the books, as plain ``name: value`` (``business.x`` for the business)."""
        return {f.setting: f.value for f in self.from_books}


def opening_balances(state: State, on: dt.date) -> OpeningBalances:
    """The books' state on ``on`` as the simulation's opening balances (cents), without past months."""
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


def _month_ends(books: Books, on: dt.date) -> list[dt.date]:
    """The ends of the books' months before ``on``, oldest first, ending with ``on`` (at most 12 months).

    Month ``k`` runs from ``on`` less ``k`` months to ``on`` less ``k - 1`` months; a month counts when
    the books had begun by its end.
    """
    first = books.first_day or on
    ends = [on]
    while len(ends) <= LOOKBACK_MONTHS and ends[-1] >= first:
        ends.append(add_months(on, -len(ends)))
    return ends[::-1]


def _past_months(
    books: Books, bounds: list[dt.date], balances: dict[dt.date, tuple[int, int]]
) -> list[PastMonth]:
    cur = books.currency
    entries = books.between(bounds[0], bounds[-1])
    out = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        income, costs, written_off = operating_totals(tuple(x for x in entries if start < x.date <= end))
        cash, loans = balances[end]
        out.append(
            PastMonth(
                income=_cents(income, cur),
                costs=_cents(costs, cur),
                written_off=_cents(written_off, cur),
                assets=_cents(cash + loans, cur),
                loans=_cents(loans, cur),
            )
        )
    return out


def read_books(books: Books, on: dt.date) -> BooksReading:
    """The books at the end of ``on`` as a plan's start: opening balances (with past months) and settings.

    One replay of the books. The settings are read even when the books have no members on ``on``
    (:func:`plan_start` refuses to plan for nobody).

    Examples
    --------
    >>> from planner.books.entries import MemberJoined, OtherCost, Saving
    >>> day = dt.date(2025, 1, 6)
    >>> books = Books("NPR").record(MemberJoined(entry_id="j", date=day, member="a"),
    ...     Saving(entry_id="s", date=day, member="a", amount=100000),
    ...     OtherCost(entry_id="c", date=dt.date(2025, 2, 6), amount=5000))
    >>> reading = read_books(books, dt.date(2025, 2, 6))
    >>> [(m.income, m.costs) for m in reading.opening.past], reading.settings()["expense_per_member"]
    ([(0, 0), (0, 5000)], 0.0)
    """
    bounds = _month_ends(books, on)
    shared = _last_share_out(books, on)
    rates = rate_bounds(books, on)
    days = sorted({*bounds, *rates, *([shared] if shared else [])})
    order = iter(days)

    found: list[OpeningBalances] = []  # the state on ``on`` (the last day walked) as the opening

    def take(state: State) -> tuple[int, int, int, LoanPiles]:
        day = next(order)
        if day == on:
            found.append(opening_balances(state, on))
        return state.cash, state.loans_outstanding, state.retained, loan_piles(state, day)

    seen = dict(zip(days, books.walk(days, take), strict=True))
    past = _past_months(books, bounds, {d: (v[0], v[1]) for d, v in seen.items()})
    opening = found[0]
    read: list[FromBooks | NotInBooks] = [*_read(books, on, opening.members), *member_rates(books, on)]
    read.append(NotInBooks("entry_share", Message(N_("the books keep what a new member pays as savings"))))
    read += loan_rates(books, on, {d: seen[d][3] for d in rates})
    if shared is not None:
        read.extend(_share_out_settings(books, shared, seen[shared][2]))
    told = tuple(x for x in read if isinstance(x, FromBooks))
    not_told = tuple(x for x in read if isinstance(x, NotInBooks))
    return BooksReading(dataclasses.replace(opening, past=tuple(past)), told, not_told)


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
    out.append(
        FromBooks(
            "expense_per_member",
            0.0,
            Message(N_("none apart: the books' running costs a month are all of the group's running costs")),
        )
    )
    out.extend(_social_payouts(entries, cur, members, months, span))
    out.extend(_business(entries, cur, months, span))
    return out


def _social_payouts(
    entries: tuple[e.Entry, ...], cur: str, members: int, months: Fraction, span: dict[str, Any]
) -> list[FromBooks]:
    """How often members draw on the social fund and how much, from its payouts in the books."""
    paid = [x.amount for x in entries if isinstance(x, e.SocialPayout)]
    if not paid:
        said = Message(
            N_("the books show no social fund payouts in the last %(months)s months"),
            span,
            {"months": "count"},
        )
        return [FromBooks("social_fund_claim_rate", 0.0, said)]
    said = Message(
        N_("from the %(payouts)s social fund payouts of the last %(months)s months"),
        {"payouts": len(paid), **span},
        {"payouts": "count", "months": "count"},
    )
    claims = min(float(len(paid) / months / max(members, 1)), 1.0)
    return [
        FromBooks("social_fund_claim_rate", round(claims, 4), said),
        FromBooks("social_fund_grant", round(_major(Fraction(sum(paid), len(paid)), cur), 2), said),
    ]


def _last_share_out(books: Books, on: dt.date) -> dt.date | None:
    """The day of the books' last share-out up to ``on`` (``None``: the group has not shared out)."""
    days = [x.date for x in books.effective if isinstance(x, e.ShareOutPayment) and x.date <= on]
    return max(days) if days else None


def _share_out_settings(books: Books, day: dt.date, retained_after: int) -> list[FromBooks]:
    """The group's share-out as the plan's dividend: how many months a cycle runs and what it pays out.

    The cycle is the months from the share-out before (or the books' first day) to the last one; what is
    paid out is the earnings the last share-out paid over what the group had earned before it.
    """
    cur = books.currency
    outs = [x for x in books.effective if isinstance(x, e.ShareOutPayment)]
    earnings = sum(x.earnings for x in outs if x.date == day)
    before = [x.date for x in outs if x.date < day]
    since = max(before) if before else (books.first_day or day)
    cycle = min(max(round(Fraction((day - since).days) / DAYS_A_MONTH), 1), MAX_MONTHS)
    earned = retained_after + earnings  # the share-out took its earnings out of the retained earnings
    said = Message(
        N_(
            "the share-out of %(date)s paid out %(paid)s of the %(earned)s earned, "
            "%(months)s months after %(since)s"
        ),
        {
            "date": day.isoformat(),
            "paid": _money(earnings, cur),
            "earned": _money(earned, cur),
            "months": cycle,
            "since": since.isoformat(),
        },
        {"paid": "money", "earned": "money", "months": "count"},
    )
    out = [FromBooks("cycle_months", cycle, said)]
    if earned > 0:
        out.append(FromBooks("dividend_payout_share", round(min(max(earnings / earned, 0.0), 1.0), 4), said))
    return out


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
    reading: BooksReading | None = None,
) -> PlanStart:
    """A cooperative plan starting from the books at the end of ``on``.

    ``reading`` is :func:`read_books` of the same books and day, when the caller has it already.

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
    reading = reading or read_books(books, on)
    opening, read = reading.opening, reading.from_books
    if opening.members == 0:
        raise ParameterError(
            Message(N_("the books have no members on %(date)s to plan for"), {"date": on.isoformat()})
        )
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
    return PlanStart(on, config, opening, read)
