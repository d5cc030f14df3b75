"""The share-out at the end of a cycle, by the method the group's constitution names, to the minor unit.

*Distributable equity* is everything the members own together apart from the social fund: the loan
fund (cash box less social fund) plus loans still out, which is the same as members' savings plus
retained earnings. The *gain* is distributable equity less members' savings (a loss when negative).

* ``shares_held``: each member gets their savings back and the gain split in proportion to their shares;
* ``share_value`` (VSLA): share value = distributable equity / shares, rounded down to the minor unit;
  each member gets shares x share value; what rounding leaves over stays in the box for the next cycle;
* ``equal_gain``: savings back and the gain split equally between members holding shares (a loss is
  split by shares, so nobody ends up owing).

Splits are exact: a share of the gain is rounded down and the minor units left over go, one each, to
the largest remainders (Hamilton's method), so every minor unit is paid out or carried over. When the
constitution does not carry the social fund over, it is shared equally between members. A loan still
out blocks the share-out unless the constitution keeps it back from the borrower's share-out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from planner.books import entries as e
from planner.books.ledger import Books
from planner.exceptions import ShareOutError
from planner.messages import N_, Message
from planner.money import minor_to_decimal


def split(total: int, weights: Sequence[int]) -> list[int]:
    """Split ``total`` minor units in proportion to ``weights``, exactly (largest remainders).

    Ties go to the earlier weight. A negative total (a loss) is split the same way.

    Examples
    --------
    >>> split(100, [1, 1, 1]), split(-100, [1, 1, 1]), split(7, [0, 2, 5]), split(5, [0, 0])
    ([34, 33, 33], [-33, -33, -34], [0, 2, 5], [0, 0])
    """
    whole = sum(weights)
    if whole <= 0:
        return [0] * len(weights)
    base = [total * w // whole for w in weights]
    left = total - sum(base)
    order = sorted(range(len(weights)), key=lambda i: (-((total * weights[i]) % whole), i))
    for i in order[:left]:
        base[i] += 1
    return base


@dataclass(frozen=True)
class MemberPayout:
    """One member's share-out (minor units): ``handed`` is what they take home after any loan kept back."""

    member: str
    shares: int
    savings: int
    earnings: int
    social: int
    loan_kept_back: int

    @property
    def total(self) -> int:
        """Savings, earnings and social fund part together."""
        return self.savings + self.earnings + self.social

    @property
    def handed(self) -> int:
        """Cash put in the member's hand."""
        return self.total - self.loan_kept_back


@dataclass(frozen=True)
class ShareOut:
    """A share-out worked out from the books on ``on`` (nothing recorded until :func:`record_share_out`).

    ``left_over`` stays in the loan fund as the next cycle's first earnings; ``social_carried`` is the
    social fund kept for the next cycle; ``share_value`` is set for the ``share_value`` method.
    """

    on: dt.date
    currency: str
    method: str
    distributable_equity: int
    member_savings: int
    social_fund: int
    loans_kept_back: int
    total_shares: int
    share_value: int | None
    payouts: tuple[MemberPayout, ...]
    left_over: int
    social_carried: int

    @property
    def gain(self) -> int:
        """Distributable equity less members' savings (negative: a loss)."""
        return self.distributable_equity - self.member_savings

    @property
    def unaccounted(self) -> int:
        """Minor units neither paid out nor carried over: always 0 (the check a treasurer reads out)."""
        paid = sum(p.savings + p.earnings for p in self.payouts)
        social = sum(p.social for p in self.payouts)
        return (self.distributable_equity - paid - self.left_over) + (
            self.social_fund - social - self.social_carried
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form (minor units), with each payout's total and cash handed."""
        out = asdict(self)
        out["on"] = self.on.isoformat()
        out["gain"] = self.gain
        out["unaccounted"] = self.unaccounted
        out["payouts"] = [{**asdict(p), "total": p.total, "handed": p.handed} for p in self.payouts]
        return out


def _money(books: Books, minor: int) -> dict[str, Any]:
    return {"amount": float(minor_to_decimal(minor, books.currency)), "currency": books.currency}


def share_out(books: Books, on: dt.date) -> ShareOut:
    """Work out the share-out on ``on`` by the constitution's method, every minor unit accounted for.

    Raises
    ------
    ShareOutError
        A loan is still out and the constitution does not keep loans back from the share-out, a
        borrower's share-out would not cover their loan, or the share-value method has no share price.

    Examples
    --------
    >>> from planner.books.entries import Constitution, MemberJoined, OtherIncome, Saving
    >>> day = dt.date(2025, 12, 29)
    >>> books = Books("NPR").record(
    ...     MemberJoined(entry_id="j1", date=day, member="asha"),
    ...     MemberJoined(entry_id="j2", date=day, member="bina"),
    ...     Saving(entry_id="s1", date=day, member="asha", amount=30000),
    ...     Saving(entry_id="s2", date=day, member="bina", amount=10000),
    ...     OtherIncome(entry_id="i", date=day, amount=1001))
    >>> out = share_out(books, day)
    >>> [(p.member, p.savings, p.earnings) for p in out.payouts], out.unaccounted
    ([('asha', 30000, 751), ('bina', 10000, 250)], 0)
    """
    state = books.state_on(on)
    rules = books.constitution
    members = [m for m in state.members.values() if m.active()]
    shares = [state.shares(m.member) for m in members]
    kept = _loans_kept_back(books, state, on)
    savings = [m.savings for m in members]
    equity = state.loan_fund + state.loans_outstanding
    gain = equity - sum(savings)
    value: int | None = None
    if rules.share_out_method == "share_value":
        if not rules.share_price:
            raise ShareOutError(
                Message(N_("the share-value method needs a share price in the group's constitution")),
                settings=("constitution.share_price",),
            )
        value = equity // sum(shares) if sum(shares) else 0
        earnings = [n * value - s for n, s in zip(shares, savings, strict=True)]
    elif rules.share_out_method == "equal_gain" and gain >= 0:
        earnings = split(gain, [1 if n else 0 for n in shares])
    else:
        earnings = split(gain, shares)
    social = [0] * len(members) if rules.carry_social_fund else split(state.social, [1] * len(members))
    payouts = tuple(
        MemberPayout(m.member, n, s, g, c, kept.get(m.member, 0))
        for m, n, s, g, c in zip(members, shares, savings, earnings, social, strict=True)
    )
    for p in payouts:
        if p.loan_kept_back > p.total:
            raise ShareOutError(
                Message(
                    N_(
                        "%(member)s owes %(owed)s but their share-out is only %(payout)s: "
                        "record a repayment or a write-off first"
                    ),
                    {
                        "member": p.member,
                        "owed": _money(books, p.loan_kept_back),
                        "payout": _money(books, p.total),
                    },
                    {"owed": "money", "payout": "money"},
                )
            )
    return ShareOut(
        on=on,
        currency=books.currency,
        method=rules.share_out_method,
        distributable_equity=equity,
        member_savings=sum(savings),
        social_fund=state.social,
        loans_kept_back=sum(kept.values()),
        total_shares=sum(shares),
        share_value=value,
        payouts=payouts,
        left_over=equity - sum(s + g for s, g in zip(savings, earnings, strict=True)),
        social_carried=state.social - sum(social),
    )


def _loans_kept_back(books: Books, state: Any, on: dt.date) -> dict[str, int]:
    owed: dict[str, int] = {}
    for account in state.loans.values():
        if account.outstanding:
            owed[account.loan.member] = owed.get(account.loan.member, 0) + account.outstanding
    if owed and not books.constitution.offset_loans_at_share_out:
        raise ShareOutError(
            Message(
                N_(
                    "loans are still out on %(date)s: %(owed)s. Record their repayment or write-off, "
                    "or let the constitution keep loans back from the share-out"
                ),
                {"date": on.isoformat(), "owed": _owed_list(owed, books.currency)},
                {"date": "date"},
            ),
            settings=("constitution.offset_loans_at_share_out",),
        )
    return owed


def _owed_list(owed: dict[str, int], currency: str) -> Message:
    """``member (amount), ...``: each amount written as money, the reader's way where it is said.

    Examples
    --------
    >>> str(_owed_list({"m1": 400000, "m2": 370050}, "ETB"))
    'm1 (ETB 4,000.00), m2 (ETB 3,700.50)'
    """
    template = ", ".join(f"%(m{i})s (%(a{i})s)" for i in range(len(owed)))
    values: dict[str, Any] = {}
    for i, (member, minor) in enumerate(owed.items()):
        values[f"m{i}"] = member
        values[f"a{i}"] = {"amount": float(minor_to_decimal(minor, currency)), "currency": currency}
    return Message(template, values, {f"a{i}": "money" for i in range(len(owed))})


def share_out_entries(
    books: Books, result: ShareOut, *, prefix: str, recorded_on: dt.date | None = None
) -> tuple[e.Entry, ...]:
    """The entries that record ``result``: the loans kept back, then each member's payment.

    Entry ids are ``{prefix}-loan-{loan}`` and ``{prefix}-{member}``; see :func:`record_share_out`.
    """
    state = books.state_on(result.on)
    out: list[e.Entry] = []
    for account in state.loans.values():
        if account.outstanding:
            out.append(
                e.LoanKeptBack(
                    entry_id=f"{prefix}-loan-{account.loan.loan_id}",
                    date=result.on,
                    recorded_on=recorded_on,
                    loan_id=account.loan.loan_id,
                    amount=account.outstanding,
                )
            )
    for p in result.payouts:
        out.append(
            e.ShareOutPayment(
                entry_id=f"{prefix}-{p.member}",
                date=result.on,
                recorded_on=recorded_on,
                member=p.member,
                savings=p.savings,
                earnings=p.earnings,
                social=p.social,
            )
        )
    return tuple(out)


def record_share_out(
    books: Books, on: dt.date, *, prefix: str = "share-out", recorded_on: dt.date | None = None
) -> tuple[Books, ShareOut]:
    """Work out the share-out on ``on`` and record it; the books after it and the share-out itself.

    After it, members' savings are 0, the loans kept back are repaid, and the cash box holds exactly
    the social fund carried over and what was left over.

    Examples
    --------
    >>> from planner.books.entries import MemberJoined, OtherIncome, Saving, SocialContribution
    >>> day = dt.date(2025, 12, 29)
    >>> books = Books("NPR").record(MemberJoined(entry_id="j", date=day, member="asha"),
    ...     Saving(entry_id="s", date=day, member="asha", amount=30000),
    ...     SocialContribution(entry_id="c", date=day, member="asha", amount=900),
    ...     OtherIncome(entry_id="i", date=day, amount=1001))
    >>> after, out = record_share_out(books, day)
    >>> out.payouts[0].handed, after.state_on(day).cash, after.state_on(day).social
    (31001, 900, 900)
    """
    result = share_out(books, on)
    prefix = f"{prefix}-{on.isoformat()}"
    return books.record(*share_out_entries(books, result, prefix=prefix, recorded_on=recorded_on)), result
