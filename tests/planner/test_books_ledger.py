"""The books refuse what does not add up, keep corrections as reversals, and round-trip as JSON."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from planner.books import entries as e
from planner.books.ledger import Books
from planner.books.schedule import instalments
from planner.books.serial import books_from_dict, books_to_dict, constitution_from_mapping, entry_from_dict
from planner.books.statements import group_balances, passbook
from planner.exceptions import BooksError, ConfigError
from planner.loans import loan_schedule

DAY = dt.date(2025, 1, 6)
LATER = dt.date(2025, 2, 3)


def opened(*more: e.Entry, rules: e.Constitution | None = None) -> Books:
    base = (
        e.MemberJoined(entry_id="j1", date=DAY, member="asha"),
        e.Saving(entry_id="s1", date=DAY, member="asha", amount=10000),
    )
    return Books("NPR", rules or e.Constitution(), base + more)


def loan(**changes: object) -> e.LoanDisbursed:
    values = {"entry_id": "l1", "date": DAY, "member": "asha", "loan_id": "L1", "amount": 5000}
    values |= {"rate": Decimal("0.01"), "rule": "flat", "term": 4}
    return e.LoanDisbursed(**(values | changes))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("entries", "rules", "problem"),
    [
        (
            (e.Saving(entry_id="s1", date=DAY, member="asha", amount=5),),
            None,
            "s1, entry: another entry already has the id s1",
        ),
        (
            (e.Fine(entry_id="f", date=DAY, member="asha", amount=0),),
            None,
            "f, amount: must be more than 0, got 0",
        ),
        (
            (e.Fine(entry_id="f", date=DAY, recorded_on=DAY - dt.timedelta(1), member="asha", amount=5),),
            None,
            "f, recorded_on: is written down on 2025-01-05, before its meeting on 2025-01-06",
        ),
        (
            (loan(rate=Decimal("1.2")),),
            None,
            "l1, rate: the interest rate per period must be from 0 to under 100%, got 1.2",
        ),
        ((loan(term=0),), None, "l1, term: a loan is repaid over at least 1 period, got 0"),
        (
            (loan(amount=40000),),
            e.Constitution(max_loan_multiple=Decimal(3)),
            "l1, amount: a loan of NPR 400.00 is more than 3 times the savings of asha (NPR 100.00)",
        ),
        (
            (loan(), loan(entry_id="l2")),
            None,
            "l2, loan: there is already a loan L1: give this loan its own number",
        ),
        (
            (loan(), e.Repayment(entry_id="r", date=DAY, loan_id="L1", principal=6000)),
            None,
            "r, loan: loan L1 is paid out later that day: "
            "a loan is repaid from the meeting after it is paid out",
        ),
        (
            (loan(), e.WriteOff(entry_id="w", date=LATER, loan_id="L1", amount=6000)),
            None,
            "w, amount: writes off NPR 60.00, but only NPR 50.00 is still owed on loan L1",
        ),
        (
            (loan(), e.Repayment(entry_id="r", date=LATER, loan_id="L1", principal=6000)),
            None,
            "r, principal: repays NPR 60.00 of principal, but only NPR 50.00 is still owed on loan L1",
        ),
        (
            (e.SocialPayout(entry_id="p", date=DAY, member="asha", amount=500),),
            None,
            "p, amount: the social fund holds only NPR 0.00, not enough to pay NPR 5.00",
        ),
        (
            (
                e.ShareOutPayment(
                    entry_id="o", date=DAY, member="asha", savings=10000, earnings=0, social=500
                ),
            ),
            None,
            "o, social: the social fund holds only NPR 0.00, not enough to pay NPR 5.00",
        ),
        (
            (e.Repayment(entry_id="r", date=DAY, loan_id="L1", principal=0),),
            None,
            "r, principal: a repayment needs an amount of principal or interest",
        ),
        (
            (e.Saving(entry_id="s2", date=DAY, member="asha", amount=7000),),
            e.Constitution(share_price=5000),
            "s2, amount: NPR 70.00 is not a whole number of shares at NPR 50.00 a share",
        ),
        (
            (e.MemberLeft(entry_id="x", date=DAY, member="asha"),),
            None,
            "x, member: asha still has NPR 100.00 saved: record the withdrawal before they leave",
        ),
        (
            (
                loan(),
                e.SavingsWithdrawal(entry_id="w", date=DAY, member="asha", amount=10000),
                e.MemberLeft(entry_id="x", date=DAY, member="asha"),
            ),
            None,
            "l1, amount: the cash box holds only NPR 0.00 outside the social fund, "
            "not enough to pay out NPR 50.00",
        ),
        (
            (
                e.Reversal(entry_id="c", date=DAY, reverses="s1"),
                e.Reversal(entry_id="c2", date=DAY, reverses="s1"),
            ),
            None,
            "c2, reverses: s1 is already reversed (by c)",
        ),
        (
            (
                e.Reversal(entry_id="c", date=DAY, reverses="s1"),
                e.Reversal(entry_id="c2", date=DAY, reverses="c"),
            ),
            None,
            "c2, reverses: reverses c, itself a correction: write the entry again instead",
        ),
        (
            (
                loan(),
                e.Reversal(entry_id="c", date=DAY, reverses="l1"),
                e.Repayment(entry_id="r", date=LATER, loan_id="L1", principal=100),
            ),
            None,
            "r, loan: loan L1 was reversed by c: reverse this entry too, or write the loan again",
        ),
    ],
)
def test_the_books_refuse_what_does_not_add_up(
    entries: tuple[e.Entry, ...], rules: e.Constitution | None, problem: str
) -> None:
    with pytest.raises(BooksError) as caught:
        opened(*entries, rules=rules)
    assert problem in [str(p) for p in caught.value.problems]


def test_every_problem_is_listed_at_once() -> None:
    with pytest.raises(BooksError) as caught:
        opened(
            e.Saving(entry_id="a", date=DAY, member="bina", amount=5),
            e.OtherCost(entry_id="b", date=DAY, amount=999999),
            e.SocialPayout(entry_id="c", date=DAY, member="asha", amount=1),
        )
    assert [p.entry_id for p in caught.value.problems] == ["a", "c", "b"]  # in the order a meeting is run
    assert caught.value.problems[0].to_dict()["message"]["values"] == {"member": "bina", "date": "2025-01-06"}


def test_a_correction_keeps_the_old_entry_and_the_trail() -> None:
    books = opened(e.Saving(entry_id="s2", date=DAY, member="asha", amount=50000))
    fixed = books.correct(
        "s2",
        reversal_id="fix1",
        on=LATER,
        note="typed 500 for 50",
        replacement=e.Saving(entry_id="s3", date=DAY, recorded_on=LATER, member="asha", amount=5000),
    )
    assert group_balances(fixed, DAY).member_savings == 15000
    assert len(fixed.entries) == len(books.entries) + 2 and fixed.reversed_by == {"s2": "fix1"}
    # as the treasurer reported it before the correction was written down
    assert group_balances(fixed.as_known_on(DAY), DAY).member_savings == 60000


def test_money_declared_in_each_currency_is_exact() -> None:
    books = Books("BIF").record(
        e.MemberJoined(entry_id="j", date=DAY, member="a"),
        e.Saving(entry_id="s", date=DAY, member="a", amount=300),
    )
    assert str(books.record().entries[1]) and group_balances(books, DAY).cash_box == 300


def test_flat_and_declining_plans_match_the_loan_calculator() -> None:
    for rule in ("flat", "declining"):
        plan = instalments(loan(amount=1234567, rate=Decimal("0.0123"), rule=rule, term=12))
        reference = loan_schedule(12345.67, 0.0123, 12, method=rule)
        assert sum(i.principal for i in plan) == 1234567
        for mine, theirs in zip(plan[:-1], reference.payment[:-1], strict=True):
            assert abs(mine.amount - theirs * 100) <= 1  # each instalment within a paisa
        # the last instalment takes up the rounding of the others
        assert abs(sum(i.interest for i in plan) - reference.total_interest * 100) <= len(plan)


def test_a_loan_paid_early_has_nothing_in_arrears() -> None:
    books = opened(loan(), e.Repayment(entry_id="r", date=LATER, loan_id="L1", principal=5000, interest=200))
    book = passbook(books, "asha", dt.date(2025, 12, 1))
    assert (book.loans_outstanding, book.arrears, book.next_repayment) == (0, 0, None)


def test_books_round_trip_through_json(worked_example) -> None:
    data = json.loads(json.dumps(books_to_dict(worked_example.books)))
    assert books_from_dict(data) == worked_example.books


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "savngs", "entry_id": "x"}, "entry x: unknown kind 'savngs'"),
        (
            {"kind": "savings", "entry_id": "x", "date": "2025-01-06", "member": "a", "amont": 5},
            r"entry x: unknown field\(s\) amont",
        ),
        (
            {"kind": "savings", "entry_id": "x", "date": "6/1/2025", "member": "a", "amount": 5},
            "entry x: Invalid isoformat",
        ),
    ],
)
def test_bad_json_entries_are_named(data: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        entry_from_dict(data)


def test_a_constitution_as_typed() -> None:
    with pytest.raises(ConfigError, match="share-out method is one of shares_held, share_value, equal_gain"):
        constitution_from_mapping({"share_out_method": "by_luck"}, "NPR")
    assert constitution_from_mapping({"share_price": "1,000"}, "BIF").share_price == 1000
