"""What a treasurer writes in the books at a meeting: typed, immutable entries, and the group's rules.

Every entry has an ``entry_id`` (unique in the books), the ``date`` of the meeting it belongs to, the
day it was written down (``recorded_on``, the same day unless said) and an optional ``note``. Amounts
are whole minor units of the books' currency (paisa, cents, santim; whole francs for BIF), so sums are
exact. Nothing is ever changed in place: a mistake is put right by a :class:`Reversal` naming the wrong
entry (it then counts as if it had never been written, from its own date on) and, if needed, a new
entry with the right figures. The books keep both, so the trail of corrections stays visible.

Kinds of entry, by what they do to the group's money:

=====================  ==========================================================================
entry                  effect
=====================  ==========================================================================
MemberJoined/Left      who is a member (a member leaves only with no savings and no loan left)
Attendance             who came to a meeting (no money)
Saving                 member's savings (shares) up, cash up
SocialContribution     social fund up, cash up
SavingsWithdrawal      member's savings down, cash down
LoanDisbursed          a loan (member, amount, interest rule, rate per period, term): cash down
Repayment              loan principal down, interest earned; cash up
WriteOff               loan principal down, a loss; no cash moves
Fine                   income (loan fund); cash up
SocialPayout           social fund down, cash down
OtherIncome/OtherCost  income or running costs of the group (cash up or down)
BusinessSales/Cost     the group business's sales and costs (cash up or down)
LoanKeptBack           a loan repaid out of the borrower's share-out (loan down, cash kept)
ShareOutPayment        a member's share-out: savings back, their part of the earnings and, when
                       the constitution shares it, of the social fund; cash down
Reversal               cancels an earlier entry (the correction)
=====================  ==========================================================================
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar, Literal

InterestRule = Literal["flat", "declining"]
Frequency = Literal["weekly", "monthly"]
ShareOutMethod = Literal["shares_held", "share_value", "equal_gain"]

SHARE_OUT_METHODS: tuple[str, ...] = ("shares_held", "share_value", "equal_gain")
INTEREST_RULES: tuple[str, ...] = ("flat", "declining")
FREQUENCIES: tuple[str, ...] = ("weekly", "monthly")


@dataclass(frozen=True, kw_only=True)
class Constitution:
    """The group's own rules that the books and the share-out follow.

    Attributes
    ----------
    share_price : int, optional
        Price of one share in minor units (VSLA groups buy 1 to 5 shares a meeting at a fixed price).
        With a price, savings and withdrawals must be whole shares; without one, a member's shares
        are their savings counted in minor units (so "by shares" means "by savings").
    max_loan_multiple : Decimal, optional
        A loan may be at most this many times the borrower's savings (3 in many groups).
    share_out_method : {"shares_held", "share_value", "equal_gain"}
        ``shares_held``: each member gets their savings back and the gain (or loss) is split in
        proportion to shares held, to the last minor unit. ``share_value``: the VSLA rule, share value
        = distributable equity / shares, each member gets shares x share value, the share value
        rounded down to the minor unit and what is left over kept for the next cycle. ``equal_gain``:
        savings back and the gain split equally between members (a loss is still split by shares).
    carry_social_fund : bool
        Keep the social fund for the next cycle (VSLA practice); otherwise it is shared out equally.
    offset_loans_at_share_out : bool
        Take a borrower's outstanding loan out of their share-out; otherwise every loan must be
        repaid (or written off) before the share-out.
    """

    share_price: int | None = None
    max_loan_multiple: Decimal | None = None
    share_out_method: ShareOutMethod = "shares_held"
    carry_social_fund: bool = True
    offset_loans_at_share_out: bool = False


@dataclass(frozen=True, kw_only=True)
class Entry:
    """What every entry has: its id, the meeting's date, when it was written down, a note."""

    kind: ClassVar[str] = "entry"
    entry_id: str
    date: dt.date
    recorded_on: dt.date | None = None
    note: str = ""

    @property
    def recorded(self) -> dt.date:
        """The day the entry was written down (its meeting's date unless said)."""
        return self.recorded_on or self.date


@dataclass(frozen=True, kw_only=True)
class MemberJoined(Entry):
    """A member joins the group."""

    kind: ClassVar[str] = "joined"
    member: str


@dataclass(frozen=True, kw_only=True)
class MemberLeft(Entry):
    """A member leaves the group (after taking their savings out and repaying their loans)."""

    kind: ClassVar[str] = "left"
    member: str


@dataclass(frozen=True, kw_only=True)
class Attendance(Entry):
    """Whether a member came to the meeting."""

    kind: ClassVar[str] = "attendance"
    member: str
    present: bool


@dataclass(frozen=True, kw_only=True)
class Saving(Entry):
    """A member's savings (shares bought) at a meeting."""

    kind: ClassVar[str] = "savings"
    member: str
    amount: int


@dataclass(frozen=True, kw_only=True)
class SocialContribution(Entry):
    """A member's contribution to the social (emergency) fund."""

    kind: ClassVar[str] = "social"
    member: str
    amount: int


@dataclass(frozen=True, kw_only=True)
class SavingsWithdrawal(Entry):
    """A member takes savings out (usually on leaving)."""

    kind: ClassVar[str] = "withdrawal"
    member: str
    amount: int


@dataclass(frozen=True, kw_only=True)
class LoanDisbursed(Entry):
    """A loan paid out to a member.

    ``rate`` is the interest rate per period (``Decimal("0.01")`` for 1% a month on a monthly loan);
    ``rule`` says on what it is charged: ``flat`` on the amount lent every period, ``declining`` on
    the balance still owed (equal instalments). ``term`` is the number of periods, weekly or monthly.
    """

    kind: ClassVar[str] = "loan"
    member: str
    loan_id: str
    amount: int
    rate: Decimal
    rule: InterestRule
    term: int
    frequency: Frequency = "monthly"


@dataclass(frozen=True, kw_only=True)
class Repayment(Entry):
    """A repayment on a loan: the principal and the interest parts, as the treasurer records them."""

    kind: ClassVar[str] = "repayment"
    loan_id: str
    principal: int
    interest: int = 0


@dataclass(frozen=True, kw_only=True)
class WriteOff(Entry):
    """Part of a loan the group accepts it will not get back (a loss)."""

    kind: ClassVar[str] = "write_off"
    loan_id: str
    amount: int


@dataclass(frozen=True, kw_only=True)
class Fine(Entry):
    """A fine paid by a member (late, absent, rules broken): income of the loan fund."""

    kind: ClassVar[str] = "fine"
    member: str
    amount: int


@dataclass(frozen=True, kw_only=True)
class SocialPayout(Entry):
    """A grant from the social fund to a member in need."""

    kind: ClassVar[str] = "social_payout"
    member: str
    amount: int


@dataclass(frozen=True, kw_only=True)
class OtherIncome(Entry):
    """Other income of the group (bank interest, a gift); the note says what."""

    kind: ClassVar[str] = "income"
    amount: int


@dataclass(frozen=True, kw_only=True)
class OtherCost(Entry):
    """A running cost of the group (stationery, a padlock, the meeting room); the note says what."""

    kind: ClassVar[str] = "cost"
    amount: int


@dataclass(frozen=True, kw_only=True)
class BusinessSales(Entry):
    """Sales of the group business since the last meeting."""

    kind: ClassVar[str] = "sales"
    amount: int


@dataclass(frozen=True, kw_only=True)
class BusinessCost(Entry):
    """Costs of the group business since the last meeting (stock, rent, wages)."""

    kind: ClassVar[str] = "business_cost"
    amount: int


@dataclass(frozen=True, kw_only=True)
class LoanKeptBack(Entry):
    """A loan repaid out of the borrower's share-out (principal; no cash changes hands for it)."""

    kind: ClassVar[str] = "kept_back"
    loan_id: str
    amount: int


@dataclass(frozen=True, kw_only=True)
class ShareOutPayment(Entry):
    """A member's share-out: savings back, their part of the earnings and of a shared social fund.

    ``savings`` is all of the member's savings, ``earnings`` may be negative (a loss), ``social`` is their
    part of a social fund shared out. A loan kept back from it is a :class:`LoanKeptBack` of the day.
    """

    kind: ClassVar[str] = "share_out"
    member: str
    savings: int
    earnings: int
    social: int = 0

    @property
    def cash(self) -> int:
        """What the share-out pays the member (before any loan is kept back)."""
        return self.savings + self.earnings + self.social


@dataclass(frozen=True, kw_only=True)
class Reversal(Entry):
    """Cancels entry ``reverses``: the books then read as if it had never been written."""

    kind: ClassVar[str] = "reversal"
    reverses: str


ENTRY_TYPES: tuple[type[Entry], ...] = (
    MemberJoined,
    Attendance,
    Saving,
    SocialContribution,
    Fine,
    Repayment,
    OtherIncome,
    BusinessSales,
    WriteOff,
    SavingsWithdrawal,
    SocialPayout,
    OtherCost,
    BusinessCost,
    LoanDisbursed,
    LoanKeptBack,
    ShareOutPayment,
    MemberLeft,
    Reversal,
)
#: entry type by its kind word (``"savings"`` -> :class:`Saving`)
BY_KIND: dict[str, type[Entry]] = {t.kind: t for t in ENTRY_TYPES}
#: the order a meeting is run in: members arrive, money comes in, then money goes out, then leavers
MEETING_ORDER: dict[str, int] = {t.kind: i for i, t in enumerate(ENTRY_TYPES)}
