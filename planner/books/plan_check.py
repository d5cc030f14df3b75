"""The plan against what the books show, month by month since the plan's start.

:func:`plan_against_actual` reads the books at each plan month and compares the fund (cash + loans)
with the plan's fan: it says in plain words (:class:`~planner.messages.Message`) whether the group is
inside the plan's 90% band, below it or above it, since when, and - as far as the books show - why:
savings behind or ahead of the plan, more or fewer loans late, business sales short or ahead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from planner.books import entries as e
from planner.books.ledger import Books
from planner.books.measures import loans_at_risk
from planner.books.replay import State
from planner.books.schedule import add_months
from planner.exceptions import ParameterError
from planner.messages import N_, Message
from planner.money import minor_digits
from planner.outcomes import ActualPoint, CooperativeOutcome


def _major(minor: int, currency: str) -> float:
    return minor / 10 ** minor_digits(currency)


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
        # a band of simulated futures is not known to the cent: whole units, as the books' figure is
        "low": {"amount": round(last.low or 0.0), "currency": cur},
        "high": {"amount": round(last.high or 0.0), "currency": cur},
    }
    kinds = {"month": "count", "date": "date", "actual": "money", "low": "money", "high": "money"}
    template = {
        0: N_(
            "In month %(month)s (%(date)s) the fund balance (cash and loans out) is %(actual)s, "
            "inside the plan's 90%% band (%(low)s to %(high)s)."
        ),
        -1: N_(
            "In month %(month)s (%(date)s) the fund balance (cash and loans out) is %(actual)s, "
            "below the plan's 90%% band (%(low)s to %(high)s): worse than 19 in 20 of the plan's futures."
        ),
        1: N_(
            "In month %(month)s (%(date)s) the fund balance (cash and loans out) is %(actual)s, "
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
                        "plan": {"amount": round(planned), "currency": cur},  # an average: whole units
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
                    "plan": {"amount": round(plan_sales), "currency": cur},  # as the band: whole units
                },
                {"actual": "money", "months": "count", "gap": "percent", "plan": "money"},
            )
        )
    return out
