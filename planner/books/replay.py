"""Play the books' entries forward, meeting by meeting, checking each one (internal to ``planner.books``).

Entries are taken in date order and, within a meeting, in the order a meeting is run
(:data:`~planner.books.entries.MEETING_ORDER`: money in before money out); a reversed entry and its
reversal are left out. Each entry is checked against the books as they stand; an entry that cannot go
in is reported as a :class:`~planner.exceptions.Problem` and left out, and the rest are still checked,
so a treasurer sees every problem at once. Money is whole minor units; after every entry::

    cash box + loans outstanding = member savings + social fund + retained earnings
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from planner.books import entries as e
from planner.books.checks import problem
from planner.books.schedule import Instalment, instalments
from planner.exceptions import Problem
from planner.messages import N_
from planner.money import minor_to_decimal


@dataclass
class LoanAccount:
    """A loan as the books stand (mutable while replaying)."""

    loan: e.LoanDisbursed
    plan: tuple[Instalment, ...]
    principal_paid: int = 0
    interest_paid: int = 0
    written_off: int = 0

    @property
    def outstanding(self) -> int:
        """Principal still owed."""
        return self.loan.amount - self.principal_paid - self.written_off


@dataclass
class MemberAccount:
    """A member as the books stand (mutable while replaying)."""

    member: str
    joined: dt.date | None = None
    left: dt.date | None = None
    savings: int = 0
    social_paid: int = 0
    fines: int = 0
    share_outs: int = 0

    def active(self) -> bool:
        """Joined and not left since."""
        return self.joined is not None and self.left is None


@dataclass
class State:
    """The whole books at a point (mutable while replaying)."""

    currency: str
    constitution: e.Constitution
    cash: int = 0
    social: int = 0
    retained: int = 0
    members: dict[str, MemberAccount] = field(default_factory=dict)
    loans: dict[str, LoanAccount] = field(default_factory=dict)
    attended: set[tuple[dt.date, str]] = field(default_factory=set)

    @property
    def savings(self) -> int:
        """Members' savings, all together."""
        return sum(m.savings for m in self.members.values())

    @property
    def loans_outstanding(self) -> int:
        """Principal still owed on every loan."""
        return sum(a.outstanding for a in self.loans.values())

    @property
    def loan_fund(self) -> int:
        """Cash that may be lent: the cash box less the social fund."""
        return self.cash - self.social

    def shares(self, member: str) -> int:
        """Shares the member holds: savings / share price (savings in minor units without a price)."""
        price = self.constitution.share_price
        savings = self.members[member].savings
        return savings // price if price else savings

    def money(self, minor: int) -> dict[str, Any]:
        """An amount as a message value of kind ``money``."""
        return {"amount": float(minor_to_decimal(minor, self.currency)), "currency": self.currency}


def in_meeting_order(entries: Iterable[e.Entry]) -> list[e.Entry]:
    """Entries by date, then in the order a meeting is run, then as written."""
    numbered = list(enumerate(entries))
    numbered.sort(key=lambda p: (p[1].date, e.MEETING_ORDER[p[1].kind], p[0]))
    return [entry for _, entry in numbered]


class Replay:
    """Applies entries one by one to a :class:`State`, collecting problems."""

    def __init__(
        self,
        currency: str,
        constitution: e.Constitution,
        reversed_loans: dict[str, str],
        loan_days: dict[str, dt.date] | None = None,
    ) -> None:
        self.state = State(currency, constitution)
        self.problems: list[Problem] = []
        self.reversed_loans = reversed_loans
        self.loan_days = loan_days or {}

    def _say(
        self, entry: e.Entry, where: str, template: str, values: dict[str, Any], money: Iterable[str] = ()
    ) -> None:
        self.problems.append(problem(entry, where, template, values, money))

    def _member(self, entry: e.Entry, name: str) -> MemberAccount | None:
        account = self.state.members.get(name)
        if account is None or not account.active():
            self._say(
                entry,
                "member",
                N_("%(member)s is not a member on %(date)s: record them joining first"),
                {"member": name, "date": entry.date.isoformat()},
            )
            return None
        return account

    def _find_loan(self, entry: e.Entry, loan_id: str) -> LoanAccount | None:
        account = self.state.loans.get(loan_id)
        if account is not None:
            return account
        values = {"loan": loan_id, "date": entry.date.isoformat()}
        if self.loan_days.get(loan_id) == entry.date:
            self._say(
                entry,
                "loan",
                N_(
                    "loan %(loan)s is paid out later that day: "
                    "a loan is repaid from the meeting after it is paid out"
                ),
                values,
            )
        elif loan_id in self.reversed_loans:
            values["by"] = self.reversed_loans[loan_id]
            self._say(
                entry,
                "loan",
                N_("loan %(loan)s was reversed by %(by)s: reverse this entry too, or write the loan again"),
                values,
            )
        else:
            self._say(entry, "loan", N_("there is no loan %(loan)s in the books on %(date)s"), values)
        return None

    def _enough(self, entry: e.Entry, amount: int, held: int, where: str, template: str, fund: str) -> bool:
        """Whether ``held`` covers ``amount``; if not, says so (``template`` names ``held`` %(<fund>)s)."""
        if amount <= held:
            return True
        values = {fund: self.state.money(held), "amount": self.state.money(amount)}
        self._say(entry, where, template, values, (fund, "amount"))
        return False

    def _cash(self, entry: e.Entry, amount: int, where: str = "amount") -> bool:
        return self._enough(
            entry,
            amount,
            self.state.loan_fund,
            where,
            N_("the cash box holds only %(cash)s outside the social fund, not enough to pay out %(amount)s"),
            "cash",
        )

    def _loan_owing(
        self, entry: e.Entry, loan_id: str, where: str, amount: int, template: str
    ) -> LoanAccount | None:
        """The loan ``amount`` is taken off, or ``None`` (said) if there is no such loan or less is owed.

        ``template`` names ``amount`` as ``%(<where>)s``, the amount still owed as ``%(owed)s`` and the
        loan as ``%(loan)s``.
        """
        loan = self._find_loan(entry, loan_id)
        if loan is None:
            return None
        if amount > loan.outstanding:
            self._say(
                entry,
                where,
                template,
                {
                    where: self.state.money(amount),
                    "owed": self.state.money(loan.outstanding),
                    "loan": loan_id,
                },
                (where, "owed"),
            )
            return None
        return loan

    def _social_fund(self, entry: e.Entry, amount: int, where: str) -> bool:
        template = N_("the social fund holds only %(fund)s, not enough to pay %(amount)s")
        return self._enough(entry, amount, self.state.social, where, template, "fund")

    def _whole_shares(self, entry: e.Entry, amount: int) -> bool:
        price = self.state.constitution.share_price
        if not price or amount % price == 0:
            return True
        self._say(
            entry,
            "amount",
            N_("%(amount)s is not a whole number of shares at %(price)s a share"),
            {"amount": self.state.money(amount), "price": self.state.money(price)},
            ("amount", "price"),
        )
        return False

    def apply(self, entry: e.Entry) -> None:
        """Check ``entry`` against the books and, if it fits, post it."""
        handler = getattr(self, f"_{entry.kind}")
        handler(entry)

    def _joined(self, x: e.MemberJoined) -> None:
        account = self.state.members.setdefault(x.member, MemberAccount(x.member))
        if account.active():
            self._say(x, "member", N_("%(member)s is already a member"), {"member": x.member})
            return
        account.joined, account.left = x.date, None

    def _left(self, x: e.MemberLeft) -> None:
        account = self._member(x, x.member)
        if account is None:
            return
        owed = [a for a in self.state.loans.values() if a.loan.member == x.member and a.outstanding > 0]
        if account.savings:
            self._say(
                x,
                "member",
                N_("%(member)s still has %(savings)s saved: record the withdrawal before they leave"),
                {"member": x.member, "savings": self.state.money(account.savings)},
                ("savings",),
            )
        elif owed:
            self._say(
                x,
                "member",
                N_(
                    "%(member)s still owes %(owed)s on loan %(loan)s: "
                    "record the repayment or a write-off first"
                ),
                {
                    "member": x.member,
                    "owed": self.state.money(owed[0].outstanding),
                    "loan": owed[0].loan.loan_id,
                },
                ("owed",),
            )
        else:
            account.left = x.date

    def _attendance(self, x: e.Attendance) -> None:
        if self._member(x, x.member) is None:
            return
        key = (x.date, x.member)
        if key in self.state.attended:
            self._say(
                x,
                "member",
                N_("attendance of %(member)s at this meeting is already recorded"),
                {"member": x.member},
            )
            return
        self.state.attended.add(key)

    def _savings(self, x: e.Saving) -> None:
        account = self._member(x, x.member)
        if account is not None and self._whole_shares(x, x.amount):
            account.savings += x.amount
            self.state.cash += x.amount

    def _social(self, x: e.SocialContribution) -> None:
        account = self._member(x, x.member)
        if account is not None:
            account.social_paid += x.amount
            self.state.social += x.amount
            self.state.cash += x.amount

    def _fine(self, x: e.Fine) -> None:
        account = self._member(x, x.member)
        if account is not None:
            account.fines += x.amount
            self.state.retained += x.amount
            self.state.cash += x.amount

    def _repayment(self, x: e.Repayment) -> None:
        loan = self._loan_owing(
            x,
            x.loan_id,
            "principal",
            x.principal,
            N_("repays %(principal)s of principal, but only %(owed)s is still owed on loan %(loan)s"),
        )
        if loan is None:
            return
        loan.principal_paid += x.principal
        loan.interest_paid += x.interest
        self.state.retained += x.interest
        self.state.cash += x.principal + x.interest

    def _kept_back(self, x: e.LoanKeptBack) -> None:
        self._repayment(e.Repayment(entry_id=x.entry_id, date=x.date, loan_id=x.loan_id, principal=x.amount))

    def _income(self, x: e.OtherIncome) -> None:
        self.state.retained += x.amount
        self.state.cash += x.amount

    _sales = _income

    def _write_off(self, x: e.WriteOff) -> None:
        loan = self._loan_owing(
            x,
            x.loan_id,
            "amount",
            x.amount,
            N_("writes off %(amount)s, but only %(owed)s is still owed on loan %(loan)s"),
        )
        if loan is None:
            return
        loan.written_off += x.amount
        self.state.retained -= x.amount

    def _withdrawal(self, x: e.SavingsWithdrawal) -> None:
        account = self._member(x, x.member)
        if account is None or not self._whole_shares(x, x.amount):
            return
        if x.amount > account.savings:
            self._say(
                x,
                "amount",
                N_("%(member)s has %(savings)s saved, less than the %(amount)s taken out"),
                {
                    "member": x.member,
                    "savings": self.state.money(account.savings),
                    "amount": self.state.money(x.amount),
                },
                ("savings", "amount"),
            )
        elif self._cash(x, x.amount):
            account.savings -= x.amount
            self.state.cash -= x.amount

    def _social_payout(self, x: e.SocialPayout) -> None:
        if self._member(x, x.member) is None:
            return
        if not self._social_fund(x, x.amount, "amount"):
            return
        self.state.social -= x.amount
        self.state.cash -= x.amount

    def _cost(self, x: e.OtherCost) -> None:
        if self._cash(x, x.amount):
            self.state.retained -= x.amount
            self.state.cash -= x.amount

    _business_cost = _cost

    def _loan(self, x: e.LoanDisbursed) -> None:
        account = self._member(x, x.member)
        if account is None:
            return
        if x.loan_id in self.state.loans:
            self._say(
                x,
                "loan",
                N_("there is already a loan %(loan)s: give this loan its own number"),
                {"loan": x.loan_id},
            )
            return
        multiple = self.state.constitution.max_loan_multiple
        if multiple is not None and x.amount > account.savings * multiple:
            self._say(
                x,
                "amount",
                N_(
                    "a loan of %(amount)s is more than %(multiple)s times "
                    "the savings of %(member)s (%(savings)s)"
                ),
                {
                    "amount": self.state.money(x.amount),
                    "multiple": str(multiple),
                    "member": x.member,
                    "savings": self.state.money(account.savings),
                },
                ("amount", "savings"),
            )
            return
        if self._cash(x, x.amount):
            self.state.loans[x.loan_id] = LoanAccount(x, instalments(x))
            self.state.cash -= x.amount

    def _share_out(self, x: e.ShareOutPayment) -> None:
        account = self._member(x, x.member)
        if account is None:
            return
        if x.savings != account.savings:
            self._say(
                x,
                "savings",
                N_("gives back %(given)s of savings, but %(member)s has %(savings)s saved"),
                {
                    "given": self.state.money(x.savings),
                    "member": x.member,
                    "savings": self.state.money(account.savings),
                },
                ("given", "savings"),
            )
            return
        if not self._social_fund(x, x.social, "social"):
            return
        if x.cash < 0:
            self._say(x, "earnings", N_("would leave %(member)s owing the group"), {"member": x.member})
            return
        if not self._cash(x, x.savings + x.earnings, "earnings"):
            return
        account.savings = 0
        account.share_outs += 1
        self.state.retained -= x.earnings
        self.state.social -= x.social
        self.state.cash -= x.cash
