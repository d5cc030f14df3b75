"""The demo cooperatives' books: their monthly records played out as meetings, deterministically.

Each month of ``coop_savings.csv`` becomes a meeting on the 15th: who came, each member's savings,
a small social-fund contribution, fines for some who stayed away, loans (the month's ``loan_taken``)
and repayments (``loan_repaid`` as principal, with interest on the balance at the group's monthly
rate), running costs and, where the group has a business, its sales and costs. Members join on their
``joined_on`` and leave on their ``left_on`` after taking their savings out. The same seed gives the
same books. The savings, loans and principal repaid add up to the totals of ``coop_savings.csv``.
No Flask here; :func:`load_demo_books` stores them (called by :func:`web.demo_data.load_demo`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np

from planner.books import entries as e
from planner.books.ledger import Books
from planner.exceptions import BooksError
from planner.money import parse_amount

MEETING_DAY = 15
#: per currency: social fund per member, fine, running costs (low, high), business sales a month
SMALL_AMOUNTS: dict[str, dict[str, Any]] = {
    "NPR": {"social": "20", "fine": "50", "costs": (100, 400), "sales": 45000, "payout": "2000"},
    "ETB": {"social": "5", "fine": "10", "costs": (20, 80), "sales": 6000, "payout": "300"},
}
DEFAULT_AMOUNTS = {"social": "1", "fine": "2", "costs": (5, 15), "sales": 500, "payout": "20"}
#: what the demo's treasurers typed for the plan figures their country has none sourced for (form
#: values): like most savings groups, they pay no interest on savings and charge no fee on loans (the
#: books show none), and share out all their profits
DEMO_TYPED = {"savings_interest_rate": 0.0, "loan_fee_rate": 0.0, "dividend_payout_share": 100.0}


@dataclass(frozen=True)
class DemoMember:
    """A member as ``coop_members.csv`` has them."""

    ref: str
    joined_on: dt.date
    left_on: dt.date | None


@dataclass(frozen=True)
class DemoMonth:
    """One member's month as ``coop_savings.csv`` has it (amounts as written)."""

    member: str
    month: str
    saved: Decimal
    loan_taken: Decimal
    loan_repaid: Decimal


def _meeting(month: str) -> dt.date:
    year, mon = (int(x) for x in month.split("-"))
    return dt.date(year, mon, MEETING_DAY)


@dataclass
class _Loan:
    loan_id: str
    member: str
    outstanding: int


class _Builder:
    """Writes one meeting's entries at a time, keeping the books valid (refused entries are left out)."""

    def __init__(self, currency: str, rules: e.Constitution, rate: Decimal, seed: int) -> None:
        self.books = Books(currency, rules)
        self.rate = rate
        self.rng = np.random.default_rng(seed)
        self.loans: list[_Loan] = []
        self.left_out: list[str] = []
        small = SMALL_AMOUNTS.get(currency, DEFAULT_AMOUNTS)
        self.small: dict[str, Any] = {
            k: parse_amount(v, currency) if isinstance(v, str) else v for k, v in small.items()
        }
        self.currency = currency

    def amount(self, value: Decimal) -> int:
        return parse_amount(value, self.currency)

    def record(self, entries: list[e.Entry]) -> None:
        while entries:
            try:
                self.books = self.books.record(*entries)
                return
            except BooksError as error:
                bad = {p.entry_id for p in error.problems}
                self.left_out.extend(sorted(bad))
                entries = [x for x in entries if x.entry_id not in bad]


def demo_entries(
    currency: str,
    rules: e.Constitution,
    monthly_rate: float,
    members: Sequence[DemoMember],
    months: Sequence[DemoMonth],
    *,
    business_from: dt.date | None,
    seed: int,
) -> tuple[Books, list[str]]:
    """The books the monthly records make, and the ids of any entry they refused (none for the demo).

    Examples
    --------
    >>> asha = [DemoMember("asha", dt.date(2024, 1, 1), None)]
    >>> rows = [DemoMonth("asha", "2024-01", Decimal(1000), Decimal(0), Decimal(0))]
    >>> books, refused = demo_entries("NPR", e.Constitution(), 0.01, asha, rows, business_from=None, seed=1)
    >>> sum(x.amount for x in books.effective if isinstance(x, e.Saving)), refused
    (100000, [])

    An entry the books refuse is left out and named: here the month's running costs (NPR 100 to
    400) are more than the NPR 100 saved in the cash box.

    >>> rows = [DemoMonth("asha", "2024-01", Decimal(100), Decimal(0), Decimal(0))]
    >>> demo_entries("NPR", e.Constitution(), 0.01, asha, rows, business_from=None, seed=1)[1]
    ['2024-01-15-cost']
    """
    b = _Builder(currency, rules, Decimal(str(monthly_rate)), seed)
    by_month: dict[str, list[DemoMonth]] = {}
    for row in months:
        by_month.setdefault(row.month, []).append(row)
    joined: set[str] = set()
    gone: set[str] = set()
    days = sorted({_meeting(m) for m in by_month})
    if not days:
        return b.books, []
    for day in days:
        month = f"{day:%Y-%m}"
        rows = {r.member: r for r in by_month.get(month, [])}
        entries: list[e.Entry] = []
        for m in members:
            if m.ref not in joined and m.joined_on <= day:
                entries.append(e.MemberJoined(entry_id=f"join-{m.ref}", date=m.joined_on, member=m.ref))
                joined.add(m.ref)
        active = [m.ref for m in members if m.ref in joined and m.ref not in gone]
        entries += _member_money(b, day, active, rows)
        entries += _loans(b, day, active, rows, months)
        entries += _group_money(b, day, active, business_from)
        b.record(entries)
        b.record(_leavers(b, day, members, gone, next_day=_next(days, day)))
    return b.books, b.left_out


def _next(days: Sequence[dt.date], day: dt.date) -> dt.date | None:
    later = [d for d in days if d > day]
    return later[0] if later else None


def _member_money(
    b: _Builder, day: dt.date, active: list[str], rows: Mapping[str, DemoMonth]
) -> list[e.Entry]:
    out: list[e.Entry] = []
    for ref in active:
        row = rows.get(ref)
        saved = b.amount(row.saved) if row else 0
        present = saved > 0 or bool(b.rng.random() < 0.4)
        out.append(e.Attendance(entry_id=f"{day}-att-{ref}", date=day, member=ref, present=present))
        if saved:
            out.append(e.Saving(entry_id=f"{day}-sav-{ref}", date=day, member=ref, amount=saved))
        if present:
            out.append(
                e.SocialContribution(
                    entry_id=f"{day}-soc-{ref}", date=day, member=ref, amount=b.small["social"]
                )
            )
        elif b.rng.random() < 0.5:
            out.append(e.Fine(entry_id=f"{day}-fine-{ref}", date=day, member=ref, amount=b.small["fine"]))
    return out


def _loans(
    b: _Builder, day: dt.date, active: list[str], rows: Mapping[str, DemoMonth], months: Sequence[DemoMonth]
) -> list[e.Entry]:
    out: list[e.Entry] = []
    for ref in active:
        row = rows.get(ref)
        if row is None:
            continue
        repaid = b.amount(row.loan_repaid)
        for loan in [x for x in b.loans if x.member == ref and x.outstanding > 0]:
            if repaid <= 0:
                break
            principal = min(repaid, loan.outstanding)
            interest = int((Decimal(loan.outstanding) * b.rate).to_integral_value())
            out.append(
                e.Repayment(
                    entry_id=f"{day}-rep-{loan.loan_id}",
                    date=day,
                    loan_id=loan.loan_id,
                    principal=principal,
                    interest=interest,
                )
            )
            loan.outstanding -= principal
            repaid -= principal
        taken = b.amount(row.loan_taken)
        if taken:
            loan_id = f"L-{ref}-{row.month}"
            later = [
                b.amount(x.loan_repaid)
                for x in months
                if x.member == ref and x.month > row.month and x.loan_repaid
            ]
            term = max(1, math.ceil(taken / later[0])) if later else 12
            out.append(
                e.LoanDisbursed(
                    entry_id=loan_id,
                    date=day,
                    member=ref,
                    loan_id=loan_id,
                    amount=taken,
                    rate=b.rate,
                    rule="declining",
                    term=term,
                )
            )
            b.loans.append(_Loan(loan_id, ref, taken))
    return out


def _group_money(
    b: _Builder, day: dt.date, active: list[str], business_from: dt.date | None
) -> list[e.Entry]:
    low, high = b.small["costs"]
    cost = parse_amount(str(int(b.rng.integers(low, high + 1))), b.currency)
    out: list[e.Entry] = [e.OtherCost(entry_id=f"{day}-cost", date=day, amount=cost, note="stationery, room")]
    if business_from is not None and day >= business_from:
        months_open = (day.year - business_from.year) * 12 + day.month - business_from.month
        ramp = min(1.0, 0.5 + months_open / 24)
        sales = int(b.small["sales"] * ramp * float(b.rng.uniform(0.85, 1.15)))
        costs = int(sales * float(b.rng.uniform(0.78, 0.9)))
        out.append(
            e.BusinessSales(entry_id=f"{day}-sales", date=day, amount=parse_amount(str(sales), b.currency))
        )
        out.append(
            e.BusinessCost(entry_id=f"{day}-bcost", date=day, amount=parse_amount(str(costs), b.currency))
        )
    if active and b.rng.random() < 0.08 and b.books.state_on(day).social >= b.small["payout"]:
        who = active[int(b.rng.integers(len(active)))]
        out.append(
            e.SocialPayout(
                entry_id=f"{day}-payout", date=day, member=who, amount=b.small["payout"], note="illness"
            )
        )
    return out


def _leavers(
    b: _Builder, day: dt.date, members: Iterable[DemoMember], gone: set[str], next_day: dt.date | None
) -> list[e.Entry]:
    out: list[e.Entry] = []
    for m in members:
        if m.left_on is None or m.ref in gone or (next_day is not None and m.left_on >= next_day):
            continue
        if m.left_on < day:
            continue  # left before a meeting they still have records in: they stay a member
        account = b.books.state_on(day).members.get(m.ref)
        savings = account.savings if account else 0
        if savings:
            out.append(
                e.SavingsWithdrawal(
                    entry_id=f"leave-sav-{m.ref}", date=m.left_on, member=m.ref, amount=savings
                )
            )
        out.append(e.MemberLeft(entry_id=f"leave-{m.ref}", date=m.left_on, member=m.ref))
        gone.add(m.ref)
    return out
