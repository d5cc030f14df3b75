"""How often things happen in the books: members join and leave, borrow, fall behind, are written off.

The plan's rates (:func:`member_rates`, :func:`loan_rates`) are counts of events over the months the
books cover, each with a sentence saying what was counted and over which months. A rate is read over
the books' last 12 months when they hold at least :data:`ENOUGH_EVENTS` such events; otherwise over
the books' whole history, which says so, and a rate still resting on fewer events says it is a rough
guide ("few to go by"). A group with nobody leaving in a year is told so, not given 0% as if it were
known. Members who start the books (joining on their first day) are the group's founders, not new
members. Where the books cannot tell a rate at all (no loans yet, no loan ever more than 30 days late)
:class:`NotInBooks` says why, and the plan keeps its default.

What a loan is like (its size, rate and term) is read from the loans of the last 12 months, or, with
none there, from every loan in the books.

Loans fall behind when the books show an instalment of their repayment plan unpaid at the end of a
month (:func:`planner.books.schedule.due_state`), as the opening balances count them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from planner.books import entries as e
from planner.books.ledger import Books
from planner.books.replay import State
from planner.books.schedule import add_months, due_state
from planner.loans import loan_schedule
from planner.messages import N_, Message
from planner.money import minor_digits

#: months of books read for the settings (fewer when the books are younger)
LOOKBACK_MONTHS = 12
DAYS_A_MONTH = Fraction(36525, 1200)
#: events (members joining, leaving, loans, loans falling behind, write-offs) the last 12 months must
#: hold for a rate to be read from them alone; with fewer, the books' whole history is read, and a rate
#: from fewer events than this says it is a rough guide
ENOUGH_EVENTS = 5

#: a loan's principal still owed and how many days its oldest unpaid instalment is late, by loan id
LoanPiles = Mapping[str, tuple[int, int]]


def major(minor: int | Fraction, currency: str) -> float:
    """Minor units as an amount in the major unit (paisa to rupees)."""
    return float(Fraction(minor) / 10 ** minor_digits(currency))


def money(minor: int | Fraction, currency: str) -> dict[str, Any]:
    """Minor units as a message value of kind ``money``."""
    return {"amount": major(minor, currency), "currency": currency}


@dataclass(frozen=True)
class FromBooks:
    """A plan setting read from the books, and where it came from."""

    setting: str
    value: Any
    source: Message


@dataclass(frozen=True)
class NotInBooks:
    """A plan setting the books cannot tell, and why (the plan keeps its default)."""

    setting: str
    reason: Message


@dataclass(frozen=True)
class Window:
    """Months of the books a rate is read over: after ``start`` up to the end of ``end``.

    ``whole`` says the window is the books' whole history because their last 12 months held fewer
    than :data:`ENOUGH_EVENTS` events.
    """

    start: dt.date
    end: dt.date
    whole: bool = False

    @property
    def months(self) -> Fraction:
        """The window's length in months."""
        return Fraction((self.end - self.start).days) / DAYS_A_MONTH

    def said(self) -> Message:
        """The window in words: "in the last 12 months" or "in all 29.5 months of the books (...)"."""
        months = {"months": round(float(self.months), 1)}
        if self.whole:
            return Message(
                N_("in all %(months)s months of the books (the last 12 months had too few)"),
                months,
                {"months": "count"},
            )
        return Message(N_("in the last %(months)s months"), months, {"months": "count"})


def rate_bounds(books: Books, on: dt.date) -> list[dt.date]:
    """The days a rate's months run between, oldest first: the day before the books, month ends, ``on``.

    Month ends are ``on`` less whole months, back to the books' first day.

    Examples
    --------
    >>> day = dt.date(2025, 1, 6)
    >>> books = Books("NPR").record(e.MemberJoined(entry_id="j", date=day, member="a"))
    >>> [d.isoformat() for d in rate_bounds(books, dt.date(2025, 3, 1))]
    ['2025-01-05', '2025-02-01', '2025-03-01']
    """
    before = (books.first_day or on) - dt.timedelta(days=1)
    ends = [on]
    while add_months(on, -len(ends)) > before:
        ends.append(add_months(on, -len(ends)))
    return [before, *ends[::-1]]


def loan_piles(state: State, on: dt.date) -> dict[str, tuple[int, int]]:
    """Every loan still owed at the end of ``on``: its principal owed and days late (:data:`LoanPiles`)."""
    return {
        loan_id: (
            account.outstanding,
            due_state(account.plan, account.principal_paid + account.interest_paid, on).days_late,
        )
        for loan_id, account in state.loans.items()
        if account.outstanding
    }


def event_window(books: Books, on: dt.date, count: Callable[[dt.date], int]) -> tuple[Window, int]:
    """The months a rate is read over, and how many events ``count(start)`` finds after ``start``.

    The last 12 months (fewer when the books are younger) when they hold :data:`ENOUGH_EVENTS`
    events, else the books' whole history.

    Examples
    --------
    >>> day = dt.date(2023, 1, 6)
    >>> books = Books("NPR").record(e.MemberJoined(entry_id="j", date=day, member="a"))
    >>> joins = [dt.date(2023, 5, 1), dt.date(2024, 9, 1)]  # one in the last 12 months
    >>> window, n = event_window(books, dt.date(2025, 1, 6), lambda s: sum(d > s for d in joins))
    >>> window.whole, n, str(window.said())
    (True, 2, 'in all 24 months of the books (the last 12 months had too few)')
    """
    before = (books.first_day or on) - dt.timedelta(days=1)
    recent = max(add_months(on, -LOOKBACK_MONTHS), before)
    found = count(recent)
    if found >= ENOUGH_EVENTS or recent == before:
        return Window(recent, on), found
    return Window(before, on, whole=True), count(before)


def _rate(setting: str, value: float, template: str, found: int, window: Window) -> FromBooks:
    """A rate read from ``found`` events over ``window``, said with ``template``."""
    few = Message(N_("; few to go by, so a rough guide")) if found < ENOUGH_EVENTS else ""
    said = Message(template, {"count": found, "window": window.said(), "few": few}, {"count": "count"})
    return FromBooks(setting, value, said)


def _too_young(settings: Sequence[str]) -> list[FromBooks | NotInBooks]:
    reason = Message(N_("the books cover less than a month"))
    return [NotInBooks(s, reason) for s in settings]


def _membership(books: Books, on: dt.date) -> list[e.Entry]:
    """The books' joinings and leavings up to ``on``, in order."""
    return [x for x in books.effective if isinstance(x, e.MemberJoined | e.MemberLeft) and x.date <= on]


def _member_days(entries: Sequence[e.Entry], start: dt.date, end: dt.date) -> int:
    """Days members were members after ``start`` up to ``end`` (a member counts from joining to leaving)."""
    joined: dict[str, dt.date] = {}
    spans: list[tuple[dt.date, dt.date]] = []
    for x in entries:
        if isinstance(x, e.MemberJoined):
            joined[x.member] = x.date
        elif isinstance(x, e.MemberLeft) and x.member in joined:
            spans.append((joined.pop(x.member), x.date))
    spans += [(j, end + dt.timedelta(days=1)) for j in joined.values()]
    first, after = start + dt.timedelta(days=1), end + dt.timedelta(days=1)
    return sum(max((min(left, after) - max(came, first)).days, 0) for came, left in spans)


def _per_member_month(events: int, entries: Sequence[e.Entry], window: Window) -> float:
    months = Fraction(_member_days(entries, window.start, window.end)) / DAYS_A_MONTH
    return round(min(float(events / months), 1.0), 4) if months else 0.0


def member_rates(books: Books, on: dt.date) -> list[FromBooks | NotInBooks]:
    """New members a month and the share of members leaving each month, from who joined and left.

    Examples
    --------
    >>> first = dt.date(2024, 1, 15)
    >>> books = Books("NPR").record(*[e.MemberJoined(entry_id=f"j{i}", date=first, member=f"m{i}")
    ...     for i in range(10)], e.MemberJoined(entry_id="new", date=dt.date(2024, 6, 15), member="x"),
    ...     e.MemberLeft(entry_id="l", date=dt.date(2025, 3, 1), member="m1"))
    >>> [(f.setting, f.value) for f in member_rates(books, dt.date(2025, 7, 15))]
    [('joins_per_month', 0.06), ('monthly_dropout_rate', 0.0053)]
    >>> print(member_rates(books, dt.date(2025, 7, 15))[0].source)  # doctest: +NORMALIZE_WHITESPACE
    new members: 1 in all 18 months of the books (the last 12 months had too few); few to go by, so a
    rough guide
    """
    settings = ("joins_per_month", "monthly_dropout_rate")
    first = books.first_day or on
    if (on - first).days < DAYS_A_MONTH:
        return _too_young(settings)
    entries = _membership(books, on)
    joins = [x.date for x in entries if isinstance(x, e.MemberJoined) and x.date > first]  # not founders
    leaves = [x.date for x in entries if isinstance(x, e.MemberLeft)]
    out: list[FromBooks | NotInBooks] = []
    window, n = event_window(books, on, lambda start: sum(d > start for d in joins))
    joined = round(min(float(n / window.months), 50.0), 2)
    out.append(_rate(settings[0], joined, N_("new members: %(count)s %(window)s%(few)s"), n, window))
    window, n = event_window(books, on, lambda start: sum(d > start for d in leaves))
    left = _per_member_month(n, entries, window)
    out.append(_rate(settings[1], left, N_("members who left: %(count)s %(window)s%(few)s"), n, window))
    return out


def loan_rates(books: Books, on: dt.date, piles: Mapping[dt.date, LoanPiles]) -> list[FromBooks | NotInBooks]:
    """What the books' loans tell: their rate, term and size; how often they are made, late, written off.

    ``piles`` holds :func:`loan_piles` at the end of each day of :func:`rate_bounds`.
    """
    entries = tuple(x for x in books.effective if x.date <= on)
    loans = [x for x in entries if isinstance(x, e.LoanDisbursed)]
    members = _membership(books, on)
    if not loans:
        reason = Message(N_("the books show no loans yet"))
        names = ("loan_interest_rate_annual", "loan_term_months", "average_loan_request", "borrowing_rate")
        return [NotInBooks(s, reason) for s in (*names, "late_rate", "write_off_rate_par30")]
    out: list[FromBooks | NotInBooks] = list(_loan_terms(books, on, loans))
    first = books.first_day or on
    if (on - first).days < DAYS_A_MONTH:
        return out + _too_young(("borrowing_rate", "late_rate", "write_off_rate_par30"))
    window, n = event_window(books, on, lambda start: sum(x.date > start for x in loans))
    borrowing = _per_member_month(n, members, window)
    out.append(_rate("borrowing_rate", borrowing, N_("loans made: %(count)s %(window)s%(few)s"), n, window))
    months = _loan_months(entries, piles)
    out.append(_late(books, on, months))
    out.append(_written_off(books, on, months))
    return out


def _loan_terms(books: Books, on: dt.date, loans: Sequence[e.LoanDisbursed]) -> list[FromBooks]:
    """A loan's rate (as an APR on the balance), term and size: the recent loans', else every loan's."""
    cur = books.currency
    before = (books.first_day or on) - dt.timedelta(days=1)
    start = max(add_months(on, -LOOKBACK_MONTHS), before)
    recent = [x for x in loans if x.date > start]
    months = {"months": round(float(Fraction((on - start).days) / DAYS_A_MONTH), 1)}
    if recent:
        values = {"loans": len(recent), **months}
        said = Message(
            N_("from the %(loans)s loans of the last %(months)s months"),
            values,
            {"loans": "count", "months": "count"},
        )
    else:
        recent = list(loans)
        months = {"months": round(float(Fraction((on - before).days) / DAYS_A_MONTH), 1)}
        said = Message(
            N_("from the %(loans)s loans in all %(months)s months of the books (none in the last 12 months)"),
            {"loans": len(recent), **months},
            {"loans": "count", "months": "count"},
        )
    lent = sum(x.amount for x in recent)
    apr = sum(
        x.amount
        * loan_schedule(major(x.amount, cur), float(x.rate), x.term, method=x.rule, frequency=x.frequency).apr
        for x in recent
    )
    term = sum(x.amount * (x.term if x.frequency == "monthly" else Fraction(x.term * 12, 52)) for x in recent)
    return [
        FromBooks("loan_interest_rate_annual", round(apr / lent, 4), said),
        FromBooks("loan_term_months", max(1, round(term / lent)), said),
        FromBooks("average_loan_request", round(major(Fraction(lent, len(recent)), cur), 2), said),
    ]


@dataclass(frozen=True)
class _LoanMonth:
    """One month of the loan book: from the end of ``start`` to the end of ``end``."""

    start: dt.date
    end: dt.date
    current: int  # principal of the loans up to date at the month's start
    fell: int  # of which, loans behind with their repayments at its end
    fell_count: int
    par30: int  # principal of the loans more than 30 days late at the month's start
    written_off: int  # written off in the month
    write_offs: int


def _loan_months(entries: Sequence[e.Entry], piles: Mapping[dt.date, LoanPiles]) -> list[_LoanMonth]:
    days = sorted(piles)
    written_off = [(x.date, x.amount) for x in entries if isinstance(x, e.WriteOff)]
    out = []
    for start, end in zip(days, days[1:], strict=False):
        before, after = piles[start], piles[end]
        current = {k: owed for k, (owed, late) in before.items() if late == 0}
        fell = [k for k in current if after.get(k, (0, 0))[1] > 0]
        offs = [amount for day, amount in written_off if start < day <= end]
        out.append(
            _LoanMonth(
                start,
                end,
                sum(current.values()),
                sum(current[k] for k in fell),
                len(fell),
                sum(owed for owed, late in before.values() if late > 30),
                sum(offs),
                len(offs),
            )
        )
    return out


def _late(books: Books, on: dt.date, months: Sequence[_LoanMonth]) -> FromBooks | NotInBooks:
    """The share of the loans up to date that fall behind in a month (weighted by what they owe)."""
    window, n = event_window(books, on, lambda start: sum(m.fell_count for m in months if m.start >= start))
    inside = [m for m in months if m.start >= window.start]
    current = sum(m.current for m in inside)
    if not current:
        return NotInBooks("late_rate", Message(N_("the books show no loan out for a whole month yet")))
    share = round(min(sum(m.fell for m in inside) / current, 1.0), 4)
    template = N_("loans that fell behind with their repayments: %(count)s %(window)s%(few)s")
    return _rate("late_rate", share, template, n, window)


def _written_off(books: Books, on: dt.date, months: Sequence[_LoanMonth]) -> FromBooks | NotInBooks:
    """The share of the loans more than 30 days late written off in a month."""
    window, n = event_window(books, on, lambda start: sum(m.write_offs for m in months if m.start >= start))
    inside = [m for m in months if m.start >= window.start]
    at_risk = sum(m.par30 for m in inside)
    written = sum(m.written_off for m in inside)
    if not at_risk and not written:
        reason = Message(N_("the books show no loan more than 30 days late"))
        return NotInBooks("write_off_rate_par30", reason)
    share = round(min(written / max(at_risk, written), 1.0), 4)
    template = N_("write-offs of loans more than 30 days late: %(count)s %(window)s%(few)s")
    return _rate("write_off_rate_par30", share, template, n, window)
