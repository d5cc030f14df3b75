"""A plan from the books reads how often things happen from the books, not from the Nepal file.

The walk of the cooperative pages as the Addis Ababa treasurer: new members a month, members leaving,
loans falling behind and written off stood at the Nepal file's assumptions (0.5 a month, 0.8%, 3%,
5%) although the group's books record every member's joining and leaving day and every loan's
repayments. Each rate is read over the last 12 months when they hold enough events, else over the
books' whole history, and says so; a rate from few events says it is a rough guide.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from planner.books import entries as e
from planner.books.ledger import Books
from planner.books.plan import plan_start, read_books
from planner.books.rates import ENOUGH_EVENTS, FromBooks, NotInBooks
from planner.books.schedule import add_months, instalments

FIRST = dt.date(2023, 1, 15)
FOUNDERS = [f"f{i}" for i in range(10)]


def founded(months: int, *extra: e.Entry, left: dict[str, int] | None = None) -> Books:
    """Ten founders saving NPR 100 a month for ``months`` meetings, and ``extra`` entries; a founder in
    ``left`` takes their savings out and leaves at that meeting (months from the first)."""
    entries: list[e.Entry] = [e.MemberJoined(entry_id=f"j-{m}", date=FIRST, member=m) for m in FOUNDERS]
    for k in range(months):
        day = add_months(FIRST, k)
        there = [m for m in FOUNDERS if (left or {}).get(m, months) >= k]
        entries += [e.Saving(entry_id=f"s{k}-{m}", date=day, member=m, amount=10000) for m in there]
        for m in [m for m in there if (left or {}).get(m) == k]:
            entries.append(e.SavingsWithdrawal(entry_id=f"w-{m}", date=day, member=m, amount=10000 * (k + 1)))
            entries.append(e.MemberLeft(entry_id=f"l-{m}", date=day, member=m))
    return Books("NPR").record(*entries, *extra)


def joiners(n: int) -> list[e.Entry]:
    """``n`` new members, one a month from the third month."""
    return [e.MemberJoined(entry_id=f"n{i}", date=add_months(FIRST, 2 + i), member=f"n{i}") for i in range(n)]


def told(books: Books, on: dt.date) -> dict[str, FromBooks | NotInBooks]:
    reading = read_books(books, on)
    return {x.setting: x for x in (*reading.from_books, *reading.not_told)}


def test_founders_are_not_new_members_and_few_joiners_are_read_over_the_whole_books() -> None:
    """No joiner in the last year: the plan is not told 0 new members a month, nor the Nepal file's 0.5."""
    joined = [
        e.MemberJoined(entry_id=f"n{i}", date=add_months(FIRST, 2 + i), member=f"n{i}") for i in range(3)
    ]
    books = founded(25, *joined)
    on = add_months(FIRST, 24)
    joins = told(books, on)["joins_per_month"]
    assert isinstance(joins, FromBooks)
    assert joins.value == pytest.approx(3 / ((on - FIRST).days + 1) * 365.25 / 12, abs=0.005)  # not 13 / 24
    said = str(joins.source)
    assert said.startswith("new members: 3 in all 24 months of the books (the last 12 months had too few)")
    assert said.endswith("few to go by, so a rough guide")


def test_enough_events_in_the_last_12_months_are_read_alone() -> None:
    early = [e.MemberJoined(entry_id=f"a{i}", date=add_months(FIRST, 1), member=f"a{i}") for i in range(4)]
    late = [
        e.MemberJoined(entry_id=f"b{i}", date=add_months(FIRST, 14 + i), member=f"b{i}")
        for i in range(ENOUGH_EVENTS)
    ]
    on = add_months(FIRST, 24)
    joins = told(founded(25, *early, *late), on)["joins_per_month"]
    assert isinstance(joins, FromBooks) and joins.value == pytest.approx(ENOUGH_EVENTS / 12, abs=0.005)
    assert str(joins.source) == f"new members: {ENOUGH_EVENTS} in the last 12 months"


def test_members_leaving_is_a_share_of_the_members_there_each_month() -> None:
    """Two of ten leave in two years: about 0.9% of the members a month (not 0, not Nepal's 0.8%)."""
    books = founded(25, left={"f1": 6, "f2": 20})
    on = add_months(FIRST, 24)
    leaving = told(books, on)["monthly_dropout_rate"]
    assert isinstance(leaving, FromBooks)
    gone = (on - add_months(FIRST, 6)).days + (on - add_months(FIRST, 20)).days
    member_days = 10 * ((on - FIRST).days + 1) - gone
    assert leaving.value == pytest.approx(round(2 / (member_days / (36525 / 1200)), 4))
    assert leaving.value == 0.0092
    assert "members who left: 2 in all 24 months" in str(leaving.source)


def test_a_year_without_a_leaver_is_said_to_be_few_to_go_by() -> None:
    on = add_months(FIRST, 11)
    leaving = told(founded(12), on)["monthly_dropout_rate"]
    assert isinstance(leaving, FromBooks) and leaving.value == 0
    assert str(leaving.source) == "members who left: 0 in the last 11 months; few to go by, so a rough guide"


def _loan(loan_id: str, member: str, day: dt.date, amount: int = 50000) -> e.LoanDisbursed:
    return e.LoanDisbursed(
        entry_id=loan_id,
        date=day,
        member=member,
        loan_id=loan_id,
        amount=amount,
        rate=Decimal("0.01"),
        rule="declining",
        term=5,
    )


def _repaid(loan: e.LoanDisbursed, periods: range) -> list[e.Repayment]:
    plan = instalments(loan)
    return [
        e.Repayment(
            entry_id=f"{loan.loan_id}-r{i.period}",
            date=i.due,
            loan_id=loan.loan_id,
            principal=i.principal,
            interest=i.interest,
        )
        for i in plan
        if i.period in periods
    ]


def test_loans_falling_behind_and_written_off_come_from_the_repayments() -> None:
    """Two loans: one repaid on time, one that stops after two instalments and is written off two
    months after it is 30 days late. The books tell how often loans fall behind and how much of what
    is more than 30 days late is written off a month."""
    good = _loan("L1", "f1", add_months(FIRST, 1))
    bad = _loan("L2", "f2", add_months(FIRST, 1))
    p = [i.principal for i in instalments(good)]  # the same plan for both
    owed = bad.amount - p[0] - p[1]
    off = e.WriteOff(entry_id="off", date=add_months(FIRST, 7), loan_id="L2", amount=owed)
    books = founded(10, good, bad, *_repaid(good, range(1, 6)), *_repaid(bad, range(1, 3)), off)
    on = add_months(FIRST, 9)
    rates = told(books, on)
    late, written = rates["late_rate"], rates["write_off_rate_par30"]
    assert isinstance(late, FromBooks) and isinstance(written, FromBooks)
    # up to date at the start of each month: both loans for three months, then L2 (its third instalment
    # falls due on the month's last day) beside L1, then L1 alone; L2 fell behind once, owing ``owed``
    current = 2 * 50000 + 2 * (50000 - p[0]) + 2 * owed + (owed - p[2]) + owed + (owed - p[2] - p[3])
    assert late.value == round(owed / current, 4)
    assert str(late.source) == (
        "loans that fell behind with their repayments: 1 in the last 9 months; few to go by, so a rough guide"
    )
    # more than 30 days late at the start of two months, written off whole in the second: half a month
    assert written.value == 0.5
    assert str(written.source).startswith("write-offs of loans more than 30 days late: 1 in the last 9")
    borrowing = rates["borrowing_rate"]
    assert isinstance(borrowing, FromBooks) and "loans made: 2" in str(borrowing.source)


def test_what_the_books_cannot_tell_says_why_and_the_plan_keeps_its_default() -> None:
    books = founded(6)
    on = add_months(FIRST, 5)
    rates = told(books, on)
    for name in ("borrowing_rate", "average_loan_request", "late_rate", "write_off_rate_par30"):
        found = rates[name]
        assert isinstance(found, NotInBooks) and str(found.reason) == "the books show no loans yet"
    start = plan_start(books, on)
    assert start.config.write_off_rate_par30 == 0.05 and start.config.borrowing_rate == 0.10  # the defaults
    on_time = _loan("L1", "f1", add_months(FIRST, 1))
    books = founded(6, on_time, *_repaid(on_time, range(1, 6)))
    written = told(books, on)["write_off_rate_par30"]
    assert isinstance(written, NotInBooks)
    assert str(written.reason) == "the books show no loan more than 30 days late"


def test_the_share_paid_on_joining_is_said_to_be_out_of_the_books_reach() -> None:
    # The walk: "Share capital paid on joining" stood bare on the form from the books, though it is the
    # Nepal example's figure scaled (the books record a new member's first payment as savings).
    joining = told(founded(6, *joiners(2)), add_months(FIRST, 5))["entry_share"]
    assert isinstance(joining, NotInBooks)
    assert str(joining.reason) == "the books keep what a new member pays as savings"


def test_books_younger_than_a_month_tell_no_rates() -> None:
    books = founded(1)
    rates = told(books, FIRST + dt.timedelta(days=10))
    for name in ("joins_per_month", "monthly_dropout_rate"):
        assert isinstance(rates[name], NotInBooks) and "less than a month" in str(rates[name].reason)


def test_a_plan_from_the_books_takes_the_rates() -> None:
    joined = [
        e.MemberJoined(entry_id=f"n{i}", date=add_months(FIRST, 2 + i), member=f"n{i}") for i in range(3)
    ]
    books = founded(25, *joined)
    on = add_months(FIRST, 24)
    start = plan_start(books, on)
    reading = read_books(books, on).settings()
    assert start.config.joins_per_month == reading["joins_per_month"] != 0.5  # not the Nepal file's
    assert start.config.monthly_dropout_rate == reading["monthly_dropout_rate"] == 0
