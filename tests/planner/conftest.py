"""The worked example of the books: a 25-member savings group's 52-week cycle, written out meeting by meeting.

Group "Saathi" (NPR), meetings every Monday from 6 January 2025 (week 0) to week 51, share price
NPR 50, loans up to 3 times a member's savings:

* week 0: members m01..m25 join;
* every week: each member buys 2 shares (NPR 100) and pays NPR 10 to the social fund;
* attendance: in even weeks one member is absent, in odd weeks two (m(w % 25 + 1) and the next);
* weeks 0, 4, ..., 48: three members pay a NPR 20 fine for coming late;
* weeks 4, 8, ..., 48 (12 rounds): five members (round i: m(5i % 25 + 1) to the next four) each borrow
  NPR 1,200 at a flat 1.25% a week over 4 weeks, and repay NPR 300 + NPR 15 interest in each of the
  next four weeks, except
  - the first loan of week 36 repays twice, and its last NPR 600 is written off in week 48;
  - the first loan of week 44 repays nothing (more than 30 days late at the end);
  - the week-48 loans have repaid 3 of their 4 instalments by week 51;
* week 1: stationery NPR 350; week 30: a padlock NPR 120; week 26: bank interest NPR 150;
* week 20: a social-fund grant of NPR 500 to m07;
* weeks 13..51: the group's shop sells NPR 600 a week and its costs are NPR 450 a week.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest

from planner.books import entries as e
from planner.books.ledger import Books

START = dt.date(2025, 1, 6)
MEMBERS = tuple(f"m{i:02d}" for i in range(1, 26))
WEEKS = 52
SHARE_PRICE = 5000  # NPR 50 in paisa
SAVING = 2 * SHARE_PRICE
SOCIAL = 1000
FINE = 2000
LOAN = 120000
LOAN_RATE = Decimal("0.0125")
INSTALMENT_PRINCIPAL, INSTALMENT_INTEREST = 30000, 1500
SALES, SHOP_COSTS, SHOP_FROM = 60000, 45000, 13
LOAN_WEEKS = tuple(range(4, 49, 4))
WRITTEN_OFF_LOAN, LATE_LOAN = "L36-1", "L44-1"


def week(k: int) -> dt.date:
    return START + dt.timedelta(weeks=k)


def absentees(k: int) -> tuple[str, ...]:
    first = k % 25
    return (MEMBERS[first],) if k % 2 == 0 else (MEMBERS[first], MEMBERS[(first + 1) % 25])


def borrowers(k: int) -> tuple[str, ...]:
    i = LOAN_WEEKS.index(k)
    return tuple(MEMBERS[(5 * i + j) % 25] for j in range(5))


def repaid_instalments(loan_id: str, loan_week: int) -> int:
    """How many of its 4 instalments a loan has paid by week 51."""
    if loan_id == WRITTEN_OFF_LOAN:
        return 2
    if loan_id == LATE_LOAN:
        return 0
    return min(4, 51 - loan_week)


@dataclass(frozen=True)
class WorkedExample:
    books: Books
    end: dt.date


def build_worked_example(method: str = "shares_held") -> WorkedExample:
    rules = e.Constitution(
        share_price=SHARE_PRICE,
        max_loan_multiple=Decimal(3),
        share_out_method=method,  # type: ignore[arg-type]
        offset_loans_at_share_out=True,
    )
    out: list[e.Entry] = [e.MemberJoined(entry_id=f"join-{m}", date=START, member=m) for m in MEMBERS]
    for k in range(WEEKS):
        day = week(k)
        away = absentees(k)
        for m in MEMBERS:
            out.append(e.Attendance(entry_id=f"w{k}-att-{m}", date=day, member=m, present=m not in away))
            out.append(e.Saving(entry_id=f"w{k}-sav-{m}", date=day, member=m, amount=SAVING))
            out.append(e.SocialContribution(entry_id=f"w{k}-soc-{m}", date=day, member=m, amount=SOCIAL))
        if k % 4 == 0:
            out += [
                e.Fine(entry_id=f"w{k}-fine-{j}", date=day, member=MEMBERS[(k + 10 + j) % 25], amount=FINE)
                for j in range(3)
            ]
        for loan_week in LOAN_WEEKS:
            for j, member in enumerate(borrowers(loan_week)):
                loan_id = f"L{loan_week}-{j + 1}"
                if k == loan_week:
                    out.append(
                        e.LoanDisbursed(
                            entry_id=loan_id,
                            date=day,
                            member=member,
                            loan_id=loan_id,
                            amount=LOAN,
                            rate=LOAN_RATE,
                            rule="flat",
                            term=4,
                            frequency="weekly",
                        )
                    )
                if loan_week < k <= loan_week + repaid_instalments(loan_id, loan_week):
                    out.append(
                        e.Repayment(
                            entry_id=f"w{k}-rep-{loan_id}",
                            date=day,
                            loan_id=loan_id,
                            principal=INSTALMENT_PRINCIPAL,
                            interest=INSTALMENT_INTEREST,
                        )
                    )
        if k == 48:
            out.append(e.WriteOff(entry_id="w48-writeoff", date=day, loan_id=WRITTEN_OFF_LOAN, amount=60000))
        if k == 1:
            out.append(e.OtherCost(entry_id="w1-stationery", date=day, amount=35000, note="stationery"))
        if k == 30:
            out.append(e.OtherCost(entry_id="w30-padlock", date=day, amount=12000, note="padlock"))
        if k == 26:
            out.append(e.OtherIncome(entry_id="w26-bank", date=day, amount=15000, note="bank interest"))
        if k == 20:
            out.append(e.SocialPayout(entry_id="w20-grant", date=day, member="m07", amount=50000))
        if k >= SHOP_FROM:
            out.append(e.BusinessSales(entry_id=f"w{k}-sales", date=day, amount=SALES))
            out.append(e.BusinessCost(entry_id=f"w{k}-shop", date=day, amount=SHOP_COSTS))
    return WorkedExample(Books("NPR", rules, tuple(out)), week(WEEKS - 1))


@pytest.fixture(scope="session")
def worked_example() -> WorkedExample:
    return build_worked_example()
