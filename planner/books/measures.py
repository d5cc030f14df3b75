"""Standard savings-group measures computed from the books, over a period ``(start, end]``.

Formulas (``docs/planner.md`` puts them beside the SAVIX and SEEP/CGAP definitions). Flows are the
entries dated in the period; balances are at the end of ``end`` (before that day's share-out, if any);
averages are over the end of every meeting in the period; ``days = end - start``.

* net income = loan interest + fines + other income + business sales
  - other costs - business costs - loans written off
* return on savings = net income / member savings (annualised: x 365 / days)
* annualised return on assets = net income / average assets (cash box + loans) x 365 / days
* loan fund utilisation = loans outstanding / (loans outstanding + loan fund)
* portfolio at risk (PAR30) = principal of loans with an instalment more than 30 days late / all principal out
* write-off ratio = loans written off / average loans outstanding x 365 / days
* operational self-sufficiency = (interest + fines + other income + business sales)
  / (other costs + business costs + write-offs)
* attendance = members present / members on the roll, over the meetings where attendance was taken
* savings per member = member savings / members

A ratio whose denominator is 0 is ``None`` (not a number a treasurer could act on).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from fractions import Fraction
from typing import Any

from planner.books import entries as e
from planner.books.ledger import Books
from planner.books.replay import State
from planner.books.schedule import due_state

#: days a loan's oldest unpaid instalment may be late before the loan counts as at risk
PAR_DAYS = 30


def _ratio(num: int | Fraction, den: int | Fraction) -> float | None:
    return None if den == 0 else float(Fraction(num) / Fraction(den))


@dataclass(frozen=True)
class Period:
    """Days after ``start`` up to and including ``end``."""

    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        """Length in days."""
        return (self.end - self.start).days


def cycle_period(books: Books, on: dt.date) -> Period:
    """The current cycle up to ``on``.

    It runs from the last share-out before ``on`` (or the day before the first entry) to ``on``.

    Examples
    --------
    >>> from planner.books.entries import MemberJoined
    >>> books = Books("NPR").record(MemberJoined(entry_id="j", date=dt.date(2025, 1, 6), member="a"))
    >>> cycle_period(books, dt.date(2025, 6, 30))
    Period(start=datetime.date(2025, 1, 5), end=datetime.date(2025, 6, 30))
    """
    outs = [x.date for x in books.effective if isinstance(x, e.ShareOutPayment) and x.date < on]
    if outs:
        return Period(max(outs), on)
    first = books.first_day or on
    return Period(first - dt.timedelta(days=1), on)


@dataclass(frozen=True)
class CashFlow:
    """Money into and out of the cash box over a period, by kind (minor units).

    opening + money in - money out = closing.
    """

    start: dt.date
    end: dt.date
    opening: int
    inflows: dict[str, int]
    outflows: dict[str, int]
    closing: int

    @property
    def net(self) -> int:
        """Money in less money out."""
        return sum(self.inflows.values()) - sum(self.outflows.values())

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {**asdict(self), "start": self.start.isoformat(), "end": self.end.isoformat(), "net": self.net}


INFLOWS = (
    "savings",
    "social_fund",
    "loan_principal",
    "loan_interest",
    "fines",
    "other_income",
    "business_sales",
    "loans_kept_back",
)
OUTFLOWS = (
    "loans_disbursed",
    "savings_withdrawn",
    "social_payouts",
    "other_costs",
    "business_costs",
    "share_out",
)


def _flows(entries: tuple[e.Entry, ...]) -> tuple[dict[str, int], dict[str, int], int]:
    ins, outs, written_off = dict.fromkeys(INFLOWS, 0), dict.fromkeys(OUTFLOWS, 0), 0
    for x in entries:
        if isinstance(x, e.Saving):
            ins["savings"] += x.amount
        elif isinstance(x, e.SocialContribution):
            ins["social_fund"] += x.amount
        elif isinstance(x, e.Repayment):
            ins["loan_principal"] += x.principal
            ins["loan_interest"] += x.interest
        elif isinstance(x, e.Fine):
            ins["fines"] += x.amount
        elif isinstance(x, e.OtherIncome):
            ins["other_income"] += x.amount
        elif isinstance(x, e.BusinessSales):
            ins["business_sales"] += x.amount
        elif isinstance(x, e.LoanDisbursed):
            outs["loans_disbursed"] += x.amount
        elif isinstance(x, e.SavingsWithdrawal):
            outs["savings_withdrawn"] += x.amount
        elif isinstance(x, e.SocialPayout):
            outs["social_payouts"] += x.amount
        elif isinstance(x, e.OtherCost):
            outs["other_costs"] += x.amount
        elif isinstance(x, e.BusinessCost):
            outs["business_costs"] += x.amount
        elif isinstance(x, e.LoanKeptBack):
            ins["loans_kept_back"] += x.amount
        elif isinstance(x, e.ShareOutPayment):
            outs["share_out"] += x.cash
        elif isinstance(x, e.WriteOff):
            written_off += x.amount
    return ins, outs, written_off


def operating_totals(entries: tuple[e.Entry, ...]) -> tuple[int, int, int]:
    """Income, costs and loans written off of ``entries`` (minor units), as the measures count them.

    Income is loan interest, fines, other income and business sales; costs are other costs, business
    costs and loans written off.

    Examples
    --------
    >>> from planner.books.entries import BusinessSales, OtherCost
    >>> day = dt.date(2025, 1, 6)
    >>> operating_totals((BusinessSales(entry_id="s", date=day, amount=900),
    ...                   OtherCost(entry_id="c", date=day, amount=200)))
    (900, 200, 0)
    """
    ins, outs, written_off = _flows(entries)
    income = ins["loan_interest"] + ins["fines"] + ins["other_income"] + ins["business_sales"]
    return income, outs["other_costs"] + outs["business_costs"] + written_off, written_off


def cash_flow(books: Books, period: Period) -> CashFlow:
    """The group's cash flow over ``period``.

    Examples
    --------
    >>> from planner.books.entries import MemberJoined, OtherCost, Saving
    >>> d1, d2 = dt.date(2025, 1, 6), dt.date(2025, 1, 13)
    >>> books = Books("NPR").record(MemberJoined(entry_id="j", date=d1, member="a"),
    ...     Saving(entry_id="s1", date=d1, member="a", amount=5000),
    ...     Saving(entry_id="s2", date=d2, member="a", amount=5000),
    ...     OtherCost(entry_id="c", date=d2, amount=700))
    >>> f = cash_flow(books, Period(d1, d2))
    >>> f.opening, f.inflows["savings"], f.outflows["other_costs"], f.closing
    (5000, 5000, 700, 9300)
    """
    opening, closing = books.walk([period.start, period.end], lambda s: s.cash)
    ins, outs, _ = _flows(books.between(period.start, period.end))
    return CashFlow(period.start, period.end, opening, ins, outs, closing)


def cash_flow_by_month(books: Books, first: dt.date, last: dt.date) -> tuple[CashFlow, ...]:
    """Cash flow of each calendar month from the month of ``first`` to the month of ``last``.

    Examples
    --------
    >>> from planner.books.entries import MemberJoined, Saving
    >>> books = Books("NPR").record(MemberJoined(entry_id="j", date=dt.date(2025, 1, 6), member="a"),
    ...     Saving(entry_id="s1", date=dt.date(2025, 1, 6), member="a", amount=500),
    ...     Saving(entry_id="s2", date=dt.date(2025, 2, 3), member="a", amount=700))
    >>> months = cash_flow_by_month(books, dt.date(2025, 1, 6), dt.date(2025, 2, 3))
    >>> [(f.end.isoformat(), f.opening, f.closing) for f in months]
    [('2025-01-31', 0, 500), ('2025-02-28', 500, 1200)]
    """
    starts = []
    day = dt.date(first.year, first.month, 1)
    while day <= last:
        starts.append(day)
        day = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    bounds = [s - dt.timedelta(days=1) for s in starts] + [day - dt.timedelta(days=1)]
    cash = books.walk(bounds, lambda s: s.cash)
    out = []
    for i in range(len(starts)):
        ins, outs, _ = _flows(books.between(bounds[i], bounds[i + 1]))
        out.append(CashFlow(bounds[i], bounds[i + 1], cash[i], ins, outs, cash[i + 1]))
    return tuple(out)


def loans_at_risk(state: State, on: dt.date, days: int = PAR_DAYS) -> int:
    """Principal outstanding on loans whose oldest unpaid instalment is more than ``days`` days late.

    Examples
    --------
    >>> from decimal import Decimal
    >>> from planner.books.entries import LoanDisbursed, MemberJoined, Saving
    >>> day = dt.date(2025, 1, 6)
    >>> books = Books("NPR").record(MemberJoined(entry_id="j", date=day, member="a"),
    ...     Saving(entry_id="s", date=day, member="a", amount=5000),
    ...     LoanDisbursed(entry_id="l", date=day, member="a", loan_id="L1", amount=3000, rate=Decimal("0.01"),
    ...                   rule="flat", term=2))
    >>> loans_at_risk(books.state_on(dt.date(2025, 3, 1)), dt.date(2025, 3, 1))
    0
    >>> loans_at_risk(books.state_on(dt.date(2025, 3, 10)), dt.date(2025, 3, 10))
    3000
    """
    total = 0
    for account in state.loans.values():
        if (
            account.outstanding
            and due_state(account.plan, account.principal_paid + account.interest_paid, on).days_late > days
        ):
            total += account.outstanding
    return total


@dataclass(frozen=True)
class Measures:
    """The standard measures of a group's books over a period (see the module's formulas).

    Amounts are minor units; ratios are plain fractions (0.12 for 12%), ``None`` where undefined.
    """

    period: Period
    members: int
    member_savings: int
    loans_outstanding: int
    loan_fund: int
    loans_at_risk: int
    income: int
    costs: int
    written_off: int
    net_income: int
    average_assets: float
    average_loans: float
    return_on_savings: float | None
    annualised_return_on_savings: float | None
    annualised_return_on_assets: float | None
    loan_fund_utilisation: float | None
    par30: float | None
    write_off_ratio: float | None
    operational_self_sufficiency: float | None
    attendance: float | None
    savings_per_member: float | None
    cash_flow: CashFlow

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        out = {k: v for k, v in asdict(self).items() if k not in ("period", "cash_flow")}
        return {
            "start": self.period.start.isoformat(),
            "end": self.period.end.isoformat(),
            "days": self.period.days,
            **out,
            "cash_flow": self.cash_flow.to_dict(),
        }


def measures(books: Books, period: Period | None = None, *, on: dt.date | None = None) -> Measures:
    """The standard measures over ``period`` (default: the cycle to ``on``).

    Examples
    --------
    >>> from planner.books.entries import MemberJoined, OtherIncome, Saving
    >>> d1, d2 = dt.date(2025, 1, 6), dt.date(2025, 1, 13)
    >>> books = Books("NPR").record(MemberJoined(entry_id="j", date=d1, member="a"),
    ...     Saving(entry_id="s", date=d1, member="a", amount=10000),
    ...     OtherIncome(entry_id="i", date=d2, amount=500))
    >>> m = measures(books, on=d2)
    >>> m.net_income, m.return_on_savings, m.savings_per_member
    (500, 0.05, 10000.0)
    """
    if period is None:
        period = cycle_period(books, on or max(books.meeting_days, default=dt.date.today()))
    entries = books.between(period.start, period.end)
    income, costs, written_off = operating_totals(entries)
    net = income - costs
    meetings = sorted({x.date for x in entries}) or [period.end]
    days = sorted({*meetings, period.end})
    order = iter(days)  # walk takes the days in order, once each
    figures = books.walk(days, lambda s: _figures(s, next(order), period.end), before_share_out=True)
    snaps = dict(zip(days, figures, strict=True))
    average_assets = Fraction(sum(snaps[d].assets for d in meetings), len(meetings))
    average_loans = Fraction(sum(snaps[d].loans for d in meetings), len(meetings))
    end = snaps[period.end]
    members, savings, loans, fund, at_risk = end.members, end.savings, end.loans, end.loan_fund, end.at_risk
    year = Fraction(365, max(period.days, 1))
    present, on_roll = _attendance(entries, snaps)
    return Measures(
        period=period,
        members=members,
        member_savings=savings,
        loans_outstanding=loans,
        loan_fund=fund,
        loans_at_risk=at_risk,
        income=income,
        costs=costs,
        written_off=written_off,
        net_income=net,
        average_assets=float(average_assets),
        average_loans=float(average_loans),
        return_on_savings=_ratio(net, savings),
        annualised_return_on_savings=_ratio(net * year, savings),
        annualised_return_on_assets=_ratio(net * year, average_assets),
        loan_fund_utilisation=_ratio(loans, loans + fund),
        par30=_ratio(at_risk, loans),
        write_off_ratio=_ratio(written_off * year, average_loans),
        operational_self_sufficiency=_ratio(income, costs),
        attendance=_ratio(present, on_roll),
        savings_per_member=_ratio(savings, members),
        cash_flow=cash_flow(books, period),
    )


@dataclass(frozen=True)
class _Figures:
    assets: int
    loans: int
    members: int
    savings: int
    loan_fund: int
    at_risk: int


def _figures(state: State, day: dt.date, end: dt.date) -> _Figures:
    members = sum(1 for m in state.members.values() if m.active())
    at_risk = loans_at_risk(state, day) if day == end else 0
    loans = state.loans_outstanding
    return _Figures(state.cash + loans, loans, members, state.savings, state.loan_fund, at_risk)


def _attendance(entries: tuple[e.Entry, ...], snaps: dict[dt.date, _Figures]) -> tuple[int, int]:
    """Members present, and members on the roll at each meeting where attendance was taken."""
    days = {x.date for x in entries if isinstance(x, e.Attendance)}
    present = sum(1 for x in entries if isinstance(x, e.Attendance) and x.present)
    return present, sum(snaps[d].members for d in days)
