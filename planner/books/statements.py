"""Balances and statements from the books: the group's totals and each member's passbook, on any day.

All amounts are whole minor units of the books' currency. The group's balance sheet always balances::

    cash box + loans outstanding = member savings + social fund + retained earnings

where the cash box holds the social fund and the *loan fund* (the cash that may be lent).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from planner.books.ledger import Books
from planner.books.replay import LoanAccount, State
from planner.books.schedule import due_state


@dataclass(frozen=True)
class GroupBalances:
    """The group's totals at the end of a day (minor units).

    ``loan_fund`` is the cash that may be lent (cash box less social fund); ``retained_earnings`` is
    what the group has earned (interest, fines, other income, business sales) less its costs, losses
    written off and earnings already shared out.
    """

    on: dt.date
    members: int
    cash_box: int
    loan_fund: int
    social_fund: int
    loans_outstanding: int
    member_savings: int
    retained_earnings: int

    @property
    def assets(self) -> int:
        """Cash box plus loans outstanding."""
        return self.cash_box + self.loans_outstanding

    @property
    def balanced(self) -> bool:
        """Whether assets equal member savings, social fund and retained earnings (always, to the unit)."""
        return self.assets == self.member_savings + self.social_fund + self.retained_earnings

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form (amounts in minor units, the date as ISO text)."""
        return {**asdict(self), "on": self.on.isoformat()}


def _group_balances_from(state: State, on: dt.date) -> GroupBalances:
    """:class:`GroupBalances` of a replayed state (internal)."""
    return GroupBalances(
        on=on,
        members=sum(1 for m in state.members.values() if m.active()),
        cash_box=state.cash,
        loan_fund=state.loan_fund,
        social_fund=state.social,
        loans_outstanding=state.loans_outstanding,
        member_savings=state.savings,
        retained_earnings=state.retained,
    )


def group_balances(books: Books, on: dt.date) -> GroupBalances:
    """The group's cash box, loan fund, social fund, loans outstanding and savings at the end of ``on``.

    Examples
    --------
    >>> from planner.books.entries import MemberJoined, Saving, SocialContribution
    >>> day = dt.date(2025, 1, 6)
    >>> books = Books("NPR").record(MemberJoined(entry_id="j", date=day, member="asha"),
    ...     Saving(entry_id="s", date=day, member="asha", amount=50000),
    ...     SocialContribution(entry_id="c", date=day, member="asha", amount=1000))
    >>> b = group_balances(books, day)
    >>> b.cash_box, b.loan_fund, b.social_fund, b.balanced
    (51000, 50000, 1000, True)
    """
    return _group_balances_from(books.state_on(on), on)


@dataclass(frozen=True)
class LoanStatus:
    """One loan in a passbook on a day.

    ``arrears`` is what its repayment plan asked by the day (principal and interest) and was not paid;
    ``days_late`` how long the oldest unpaid instalment has been due; ``next_due``/``next_amount`` the
    next instalment still to pay (``None`` once the plan is paid).
    """

    loan_id: str
    member: str
    disbursed_on: dt.date
    amount: int
    rule: str
    rate: str
    term: int
    frequency: str
    principal_paid: int
    interest_paid: int
    written_off: int
    outstanding: int
    due_to_date: int
    arrears: int
    days_late: int
    next_due: dt.date | None
    next_amount: int

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        out = asdict(self)
        out["disbursed_on"] = self.disbursed_on.isoformat()
        out["next_due"] = None if self.next_due is None else self.next_due.isoformat()
        return out


def _loan_status(account: LoanAccount, on: dt.date) -> LoanStatus:
    """A loan's status on ``on`` from its account (internal, but pure).

    A loan written off, or repaid in full, has nothing due and no arrears.
    """
    loan = account.loan
    settled = account.outstanding == 0
    due = due_state(account.plan, account.principal_paid + account.interest_paid, on)
    return LoanStatus(
        loan_id=loan.loan_id,
        member=loan.member,
        disbursed_on=loan.date,
        amount=loan.amount,
        rule=loan.rule,
        rate=str(loan.rate),
        term=loan.term,
        frequency=loan.frequency,
        principal_paid=account.principal_paid,
        interest_paid=account.interest_paid,
        written_off=account.written_off,
        outstanding=account.outstanding,
        due_to_date=due.due_to_date,
        arrears=0 if settled else due.arrears,
        days_late=0 if settled else due.days_late,
        next_due=None if settled else due.next_due,
        next_amount=0 if settled else due.next_amount,
    )


@dataclass(frozen=True)
class Passbook:
    """One member's passbook on a day: savings and shares, social fund paid, fines, loans."""

    member: str
    on: dt.date
    is_member: bool
    savings: int
    shares: int
    social_fund_paid: int
    fines_paid: int
    loans: tuple[LoanStatus, ...]

    @property
    def loans_outstanding(self) -> int:
        """Principal the member still owes."""
        return sum(x.outstanding for x in self.loans)

    @property
    def arrears(self) -> int:
        """Everything the member's loans asked by the day and was not paid."""
        return sum(x.arrears for x in self.loans)

    @property
    def next_repayment(self) -> tuple[dt.date, int] | None:
        """The member's next instalment due (date and amount, over all loans due that day)."""
        upcoming = [x for x in self.loans if x.next_due is not None]
        if not upcoming:
            return None
        first = min(x.next_due for x in upcoming if x.next_due is not None)
        return first, sum(x.next_amount for x in upcoming if x.next_due == first)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        nxt = self.next_repayment
        return {
            "member": self.member,
            "on": self.on.isoformat(),
            "is_member": self.is_member,
            "savings": self.savings,
            "shares": self.shares,
            "social_fund_paid": self.social_fund_paid,
            "fines_paid": self.fines_paid,
            "loans_outstanding": self.loans_outstanding,
            "arrears": self.arrears,
            "next_repayment": None if nxt is None else {"due": nxt[0].isoformat(), "amount": nxt[1]},
            "loans": [x.to_dict() for x in self.loans],
        }


def passbook(books: Books, member: str, on: dt.date) -> Passbook:
    """``member``'s passbook at the end of ``on`` (``KeyError`` naming them if they never joined).

    Loans repaid in full or written off stay in the passbook, with nothing outstanding.

    Examples
    --------
    >>> from decimal import Decimal
    >>> from planner.books.entries import LoanDisbursed, MemberJoined, Saving
    >>> day = dt.date(2025, 1, 6)
    >>> books = Books("NPR").record(MemberJoined(entry_id="j", date=day, member="asha"),
    ...     Saving(entry_id="s", date=day, member="asha", amount=100000),
    ...     LoanDisbursed(entry_id="l", date=day, member="asha", loan_id="L1", amount=60000,
    ...                   rate=Decimal("0.01"), rule="flat", term=3))
    >>> book = passbook(books, "asha", dt.date(2025, 3, 10))
    >>> book.loans_outstanding, book.arrears, book.loans[0].days_late
    (60000, 41200, 32)
    """
    return _passbook_from(books.state_on(on), member, on)


def _passbook_from(state: State, member: str, on: dt.date) -> Passbook:
    """:class:`Passbook` of a member in a replayed state (internal)."""
    account = state.members.get(member)
    if account is None:
        raise KeyError(f"{member!r} has never joined these books")
    loans = tuple(_loan_status(a, on) for a in state.loans.values() if a.loan.member == member)
    return Passbook(
        member=member,
        on=on,
        is_member=account.active(),
        savings=account.savings,
        shares=state.shares(member),
        social_fund_paid=account.social_paid,
        fines_paid=account.fines,
        loans=loans,
    )


def passbooks(books: Books, on: dt.date) -> tuple[Passbook, ...]:
    """Every member's passbook on ``on`` (the treasurer's view), members in the order they joined.

    Examples
    --------
    >>> from planner.books.entries import MemberJoined, Saving
    >>> day = dt.date(2025, 1, 6)
    >>> books = Books("NPR").record(MemberJoined(entry_id="j1", date=day, member="asha"),
    ...     MemberJoined(entry_id="j2", date=day, member="bina"),
    ...     Saving(entry_id="s", date=day, member="bina", amount=700))
    >>> [(b.member, b.savings) for b in passbooks(books, day)]
    [('asha', 0), ('bina', 700)]
    """
    state = books.state_on(on)
    return tuple(_passbook_from(state, name, on) for name in state.members)
