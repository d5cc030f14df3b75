"""A loan's repayment plan in whole minor units, its due dates, and what is due or late on a day.

The same two interest rules as :func:`planner.loans.loan_schedule`, kept exact: *flat* charges
``rate x amount lent`` every period and repays the principal in equal parts (the odd minor units in the
last instalment); *declining* charges ``rate x balance`` and pays equal instalments (an annuity, rounded
to the minor unit; the last instalment clears what is left). Every amount is rounded half up.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from planner.books.entries import LoanDisbursed


def _round(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day when it is shorter.

    Examples
    --------
    >>> add_months(dt.date(2025, 1, 31), 1), add_months(dt.date(2025, 11, 15), 3)
    (datetime.date(2025, 2, 28), datetime.date(2026, 2, 15))
    """
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_date(start: dt.date, frequency: str, period: int) -> dt.date:
    """When instalment ``period`` (1, 2, ...) falls due for a loan paid out on ``start``.

    Examples
    --------
    >>> due_date(dt.date(2025, 1, 6), "weekly", 2), due_date(dt.date(2025, 1, 6), "monthly", 2)
    (datetime.date(2025, 1, 20), datetime.date(2025, 3, 6))
    """
    if frequency == "weekly":
        return start + dt.timedelta(weeks=period)
    return add_months(start, period)


@dataclass(frozen=True)
class Instalment:
    """One instalment of a loan: when it is due and its principal and interest (minor units)."""

    period: int
    due: dt.date
    principal: int
    interest: int

    @property
    def amount(self) -> int:
        """Principal plus interest."""
        return self.principal + self.interest


def instalments(loan: LoanDisbursed) -> tuple[Instalment, ...]:
    """The loan's repayment plan, exact to the minor unit.

    Examples
    --------
    >>> loan = LoanDisbursed(entry_id="l", date=dt.date(2025, 1, 1), member="m", loan_id="L1",
    ...                      amount=100000, rate=Decimal("0.01"), rule="flat", term=3)
    >>> [(i.principal, i.interest) for i in instalments(loan)]
    [(33333, 1000), (33333, 1000), (33334, 1000)]
    >>> from dataclasses import replace
    >>> [(i.principal, i.interest) for i in instalments(replace(loan, rule="declining"))]
    [(33002, 1000), (33332, 670), (33666, 337)]
    """
    n, amount, rate = loan.term, loan.amount, loan.rate
    plan: list[tuple[int, int]] = []
    if loan.rule == "flat" or rate == 0:
        interest = _round(amount * rate) if loan.rule == "flat" else 0
        part = amount // n
        plan = [(part, interest)] * (n - 1) + [(amount - part * (n - 1), interest)]
    else:
        payment = _round(amount * rate / (1 - (1 + rate) ** -n))
        balance = amount
        for period in range(1, n + 1):
            interest = _round(balance * rate)
            principal = balance if period == n else min(payment - interest, balance)
            plan.append((principal, interest))
            balance -= principal
    return tuple(
        Instalment(k, due_date(loan.date, loan.frequency, k), p, i) for k, (p, i) in enumerate(plan, start=1)
    )


@dataclass(frozen=True)
class DueState:
    """What a loan's plan asks on a day, against what was paid.

    ``due_to_date`` is every instalment (principal and interest) falling due up to the day;
    ``arrears`` what of it is unpaid; ``days_late`` how long the oldest unpaid instalment has been due
    (0 when none is); ``next_due`` and ``next_amount`` the next instalment not yet fully paid.
    """

    due_to_date: int
    arrears: int
    days_late: int
    next_due: dt.date | None
    next_amount: int


def due_state(plan: tuple[Instalment, ...], paid: int, on: dt.date) -> DueState:
    """Compare what ``plan`` asks by ``on`` with ``paid`` (principal and interest paid so far).

    Payments go to the oldest instalment first.

    Examples
    --------
    >>> plan = (Instalment(1, dt.date(2025, 2, 1), 500, 50), Instalment(2, dt.date(2025, 3, 1), 500, 50))
    >>> state = due_state(plan, 0, dt.date(2025, 3, 10))
    >>> state.due_to_date, state.arrears, state.days_late, state.next_due, state.next_amount
    (1100, 1100, 37, datetime.date(2025, 2, 1), 550)
    >>> due_state(plan, 600, dt.date(2025, 2, 15)).arrears
    0
    """
    due_to_date = sum(i.amount for i in plan if i.due <= on)
    cumulative, oldest_unpaid, next_due, next_amount = 0, None, None, 0
    for instalment in plan:
        cumulative += instalment.amount
        if cumulative > paid:
            oldest_unpaid = instalment
            next_due, next_amount = instalment.due, cumulative - max(paid, cumulative - instalment.amount)
            break
    days_late = (on - oldest_unpaid.due).days if oldest_unpaid is not None and oldest_unpaid.due < on else 0
    return DueState(due_to_date, max(due_to_date - paid, 0), days_late, next_due, next_amount)
