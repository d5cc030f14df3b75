"""A paper ledger's CSV: all rows or none, and every problem reported by line and column."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from planner.books import entries as e
from planner.books.ledger_csv import COLUMNS, read_ledger
from planner.books.statements import group_balances, passbook

HEADER = "date,kind,entry,member,amount,interest,loan,rate_percent,rule,term,frequency,reverses,note\n"
GOOD = HEADER + (
    "2025-01-06,joined,,asha,,,,,,,,,\n"
    "2025-01-06,joined,,bina,,,,,,,,,\n"
    "2025-01-06,present,,asha,,,,,,,,,\n"
    "2025-01-06,absent,,bina,,,,,,,,,\n"
    '2025-01-06,savings,,asha,"1,000.00",,,,,,,,\n'
    "2025-01-06,savings,s-bina,bina,500,,,,,,,,\n"
    "2025-01-06,social,,asha,10,,,,,,,,\n"
    "2025-01-13,loan,,asha,900,,L1,1.5,declining,4,monthly,,\n"
    "2025-02-13,repayment,,,300,18,L1,,,,,,\n"
    "2025-02-13,reversal,,,,,,,,,,s-bina,typed 500 for 50\n"
    "2025-02-13,savings,,bina,50,,,,,,,,\n"
    "2025-02-13,cost,,,35.50,,,,,,,,stationery\n"
)


def test_a_good_ledger_becomes_books() -> None:
    result = read_ledger(GOOD, "ledger.csv", "NPR")
    assert result.ok and result.problems == () and result.rows == 12
    books = result.books
    assert books is not None
    loan = next(x for x in books.entries if isinstance(x, e.LoanDisbursed))
    assert (loan.amount, loan.rate, loan.rule, loan.term) == (90000, Decimal("0.015"), "declining", 4)
    assert books.entry("line-10") == e.Repayment(
        entry_id="line-10", date=dt.date(2025, 2, 13), loan_id="L1", principal=30000, interest=1800
    )
    b = group_balances(books, dt.date(2025, 2, 13))
    assert (b.member_savings, b.social_fund, b.loans_outstanding) == (105000, 1000, 60000)
    assert b.retained_earnings == 1800 - 3550 and b.balanced
    assert passbook(books, "bina", dt.date(2025, 2, 13)).savings == 5000


def ledger(*rows: str, header: str = HEADER) -> str:
    return header + "2025-01-06,joined,,asha,,,,,,,,,\n" + "".join(r + "\n" for r in rows)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "date,kind,amont\n2025-01-06,income,5\n",
            "ledger.csv line 1: unknown column(s) amont. Expected: " + ", ".join(COLUMNS),
        ),
        ("kind,member\njoined,asha\n", "ledger.csv line 1: missing column(s) date. Expected: "),
        (
            ledger("2025-13-06,savings,,asha,5,,,,,,,,"),
            "ledger.csv line 3, date: should be a date like 2026-11-30, got '2025-13-06'",
        ),
        (
            ledger("2025-01-06,savngs,,asha,5,,,,,,,,"),
            "ledger.csv line 3, kind: should be one of joined, left, present",
        ),
        (
            ledger("2025-01-06,savings,,asha,5x,,,,,,,,"),
            "ledger.csv line 3, amount: should be a number, got '5x'",
        ),
        (
            ledger("2025-01-06,savings,,asha,5.005,,,,,,,,"),
            "ledger.csv line 3, amount: NPR amounts have at most 2 decimals, got '5.005'",
        ),
        (ledger("2025-01-06,savings,,asha,,,,,,,,,"), "ledger.csv line 3, amount: is required"),
        (ledger("2025-01-06,savings,,,5,,,,,,,,"), "ledger.csv line 3, member: is required"),
        (
            ledger("2025-01-06,savings,,asha,-5,,,,,,,,"),
            "ledger.csv line 3, amount: must be more than 0, got -500",
        ),
        (
            ledger("2025-01-06,loan,,asha,100,,L1,1,weekly,4,,,"),
            "ledger.csv line 3, rule: should be one of flat, declining, got 'weekly'",
        ),
        (
            ledger("2025-01-06,loan,,asha,100,,L1,1,flat,four,,,"),
            "ledger.csv line 3, term: should be a whole number, got 'four'",
        ),
        (ledger("2025-01-06,loan,,asha,100,,L1,,flat,4,,,"), "ledger.csv line 3, rate_percent: is required"),
        (
            ledger("2025-01-06,loan,,asha,100,,L1,150,flat,4,,,"),
            "ledger.csv line 3, rate_percent: the interest rate per period must be from 0 to under 100%",
        ),
        (
            ledger("2025-01-06,savings,,bina,5,,,,,,,,"),
            "ledger.csv line 3, member: bina is not a member on 2025-01-06: record them joining first",
        ),
        (
            ledger("2025-01-06,loan,,asha,100,,L1,1,flat,4,,,"),
            "ledger.csv line 3, amount: the cash box holds only NPR 0.00 outside the social fund, "
            "not enough to pay out NPR 100.00",
        ),
        (
            ledger("2025-01-06,repayment,,,5,,L9,,,,,,"),
            "ledger.csv line 3, loan: there is no loan L9 in the books on 2025-01-06",
        ),
        (
            ledger("2025-01-06,reversal,,,,,,,,,,line-7,"),
            "ledger.csv line 3, reverses: reverses line-7, which is not in the books",
        ),
        (
            ledger("2025-01-06,withdrawal,,asha,5,,,,,,,,"),
            "ledger.csv line 3, amount: asha has NPR 0.00 saved, less than the NPR 5.00 taken out",
        ),
        (
            ledger("2025-01-06,social_payout,,asha,5,,,,,,,,"),
            "ledger.csv line 3, amount: the social fund holds only NPR 0.00, not enough to pay NPR 5.00",
        ),
        (ledger("2025-01-06,joined,,asha,,,,,,,,,"), "ledger.csv line 3, member: asha is already a member"),
        (
            ledger("2025-01-06,savings,,asha,5,,,,,,,,,extra"),
            "ledger.csv line 3: has more cells than the header",
        ),
        (
            ledger(
                "2025-01-06,savings,,asha,500,,,,,,,,",
                "2025-01-06,loan,,asha,100,,L1,1,flat,4,,,",
                "2025-01-06,share_out,,,,,,,,,,,",
            ),
            "ledger.csv line 5, kind: loans are still out on 2025-01-06: asha (NPR 100.00)",
        ),
    ],
)
def test_each_problem_is_reported_by_line_and_column(text: str, expected: str) -> None:
    result = read_ledger(text, "ledger.csv", "NPR")
    assert result.books is None
    assert any(str(p).startswith(expected) for p in result.problems), [str(p) for p in result.problems]


def test_every_problem_is_reported_at_once_and_nothing_is_kept() -> None:
    text = ledger(
        "2025-01-06,savings,,asha,5x,,,,,,,,",
        "2025-01-06,savngs,,asha,5,,,,,,,,",
        "2025-01-06,fine,,,5,,,,,,,,",
    )
    result = read_ledger(text, "ledger.csv", "NPR")
    assert result.books is None
    assert [(p.line, p.column) for p in result.problems] == [(3, "amount"), (4, "kind"), (5, "member")]


def test_problems_are_said_in_the_readers_language() -> None:
    result = read_ledger(ledger("2025-01-06,savings,,asha,5x,,,,,,,,"), "ledger.csv", "NPR")
    french = {
        "%(source)s line %(line)s": "%(source)s ligne %(line)s",
        "should be a number, got %(value)s": "doit être un nombre, reçu %(value)s",
    }
    assert (
        result.problems[0].text(lambda t: french.get(t, t))
        == "ledger.csv ligne 3, amount: doit être un nombre, reçu '5x'"
    )


def test_a_share_out_row_is_worked_out_from_the_rows_before_it() -> None:
    text = ledger(
        "2025-01-06,joined,,bina,,,,,,,,,",
        "2025-01-06,savings,,asha,300,,,,,,,,",
        "2025-01-06,savings,,bina,100,,,,,,,,",
        "2025-02-03,income,,,10.01,,,,,,,,bank interest",
        "2025-02-03,share_out,so1,,,,,,,,,,",
        "2025-02-10,savings,,asha,50,,,,,,,,",
    )
    result = read_ledger(text, "ledger.csv", "NPR")
    assert result.books is not None, [str(p) for p in result.problems]
    payments = [x for x in result.books.entries if isinstance(x, e.ShareOutPayment)]
    assert [(p.member, p.savings, p.earnings) for p in payments] == [
        ("asha", 30000, 751),
        ("bina", 10000, 250),
    ]
    assert group_balances(result.books, dt.date(2025, 2, 10)).cash_box == 5000


def test_amounts_follow_the_currency() -> None:
    text = "date,kind,member,amount\n2025-01-06,joined,asha,\n2025-01-06,savings,asha,300\n"
    text += "2025-01-06,savings,asha,0.5\n"
    result = read_ledger(text, "ledger.csv", "BIF")
    assert [str(p) for p in result.problems] == [
        "ledger.csv line 4, amount: BIF amounts have at most 0 decimals, got '0.5'"
    ]
