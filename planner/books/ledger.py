"""The books: a group's currency, its constitution and every entry ever written, checked as a whole.

:class:`Books` is immutable. :meth:`Books.record` returns new books with the entries added, or raises
:class:`~planner.exceptions.BooksError` listing every entry that cannot go in and why (a member who has
not joined, a loan bigger than the loan fund, a repayment on a loan that is not there...). A
correction is a :class:`~planner.books.entries.Reversal` (see :meth:`Books.correct`); nothing is
edited in place, so the books on any earlier day can be read back as they were known then
(:meth:`Books.as_known_on`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TypeVar

from planner.books import entries as e
from planner.books.checks import reversal_problems, static_problems
from planner.books.replay import Replay, State, in_meeting_order
from planner.exceptions import BooksError, Problem
from planner.messages import N_, Message

T = TypeVar("T")


def check_entries(
    currency: str, constitution: e.Constitution, entries: Sequence[e.Entry]
) -> tuple[Problem, ...]:
    """Every problem in a set of entries (empty when they make valid books).

    Examples
    --------
    >>> day = dt.date(2025, 1, 6)
    >>> problems = check_entries("NPR", e.Constitution(), [
    ...     e.MemberJoined(entry_id="j1", date=day, member="asha"),
    ...     e.Saving(entry_id="s1", date=day, member="bina", amount=5000)])
    >>> [str(p) for p in problems]
    ['s1, member: bina is not a member on 2025-01-06: record them joining first']
    """
    problems: list[Problem] = []
    seen: set[str] = set()
    for entry in entries:
        if entry.entry_id in seen:
            problems.append(
                Problem(
                    entry.entry_id,
                    "entry",
                    Message(N_("another entry already has the id %(id)s"), {"id": entry.entry_id}),
                )
            )
        seen.add(entry.entry_id)
        problems.extend(static_problems(entry))
    corrections, reversed_by = reversal_problems(entries)
    problems.extend(corrections)
    bad = {p.entry_id for p in problems}
    reversed_loans = {
        x.loan_id: reversed_by[x.entry_id]
        for x in entries
        if isinstance(x, e.LoanDisbursed) and x.entry_id in reversed_by
    }
    effective = _effective(entries, reversed_by)
    loan_days = {x.loan_id: x.date for x in effective if isinstance(x, e.LoanDisbursed)}
    replay = Replay(currency, constitution, reversed_loans, loan_days)
    for entry in effective:
        if entry.entry_id not in bad:
            replay.apply(entry)
    return tuple(problems + replay.problems)


def _effective(entries: Iterable[e.Entry], reversed_by: dict[str, str]) -> list[e.Entry]:
    return in_meeting_order(
        x for x in entries if not isinstance(x, e.Reversal) and x.entry_id not in reversed_by
    )


@dataclass(frozen=True)
class Books:
    """A group's books: currency (ISO 4217), constitution and entries, always valid.

    Examples
    --------
    >>> day = dt.date(2025, 1, 6)
    >>> books = Books("NPR").record(
    ...     e.MemberJoined(entry_id="j1", date=day, member="asha"),
    ...     e.Saving(entry_id="s1", date=day, member="asha", amount=50000))
    >>> books.state_on(day).cash
    50000
    >>> books.record(e.SavingsWithdrawal(entry_id="w1", date=day, member="asha", amount=90000))
    Traceback (most recent call last):
    ...
    planner.exceptions.BooksError: the books cannot take these entries: w1, amount: asha has NPR 500.00 ...
    """

    currency: str
    constitution: e.Constitution = field(default_factory=e.Constitution)
    entries: tuple[e.Entry, ...] = ()

    def __post_init__(self) -> None:
        problems = check_entries(self.currency, self.constitution, self.entries)
        if problems:
            raise BooksError(problems)

    def record(self, *entries: e.Entry) -> Books:
        """New books with ``entries`` added (all or none)."""
        return replace(self, entries=self.entries + tuple(entries))

    def correct(
        self,
        entry_id: str,
        *,
        reversal_id: str,
        on: dt.date,
        note: str = "",
        replacement: e.Entry | None = None,
    ) -> Books:
        """New books in which entry ``entry_id`` is reversed (on ``on``) and, if given, replaced."""
        target = self.entry(entry_id)
        reversal = e.Reversal(
            entry_id=reversal_id, date=target.date, recorded_on=on, note=note, reverses=entry_id
        )
        return self.record(reversal, *(() if replacement is None else (replacement,)))

    def entry(self, entry_id: str) -> e.Entry:
        """The entry with this id (``KeyError`` naming it if there is none)."""
        for x in self.entries:
            if x.entry_id == entry_id:
                return x
        raise KeyError(f"no entry {entry_id!r} in the books")

    def as_known_on(self, day: dt.date) -> Books:
        """The books as they stood on ``day``: only entries written down by then.

        Corrections written later are left out, so this is what the treasurer reported that day.
        """
        return replace(self, entries=tuple(x for x in self.entries if x.recorded <= day))

    @cached_property
    def reversed_by(self) -> dict[str, str]:
        """``{reversed entry id: id of the reversal}``."""
        return reversal_problems(self.entries)[1]

    @cached_property
    def effective(self) -> tuple[e.Entry, ...]:
        """Entries that count (not reversed, not reversals), in meeting order."""
        return tuple(_effective(self.entries, self.reversed_by))

    @property
    def first_day(self) -> dt.date | None:
        """Date of the first entry that counts."""
        return self.effective[0].date if self.effective else None

    @property
    def meeting_days(self) -> tuple[dt.date, ...]:
        """Every date with an entry that counts, in order."""
        return tuple(sorted({x.date for x in self.effective}))

    def walk(
        self, days: Sequence[dt.date], take: Callable[[State], T], *, before_share_out: bool = False
    ) -> list[T]:
        """``take(state)`` for the books at the end of each of ``days`` (ascending).

        With ``before_share_out``, a day's books are taken before its share-out payments (the
        cycle's balances as the share-out found them).
        """
        if list(days) != sorted(days):
            raise ValueError("days must be in ascending order")
        replay = Replay(self.currency, self.constitution, {})
        out: list[T] = []
        pending = list(days)
        for entry in self.effective:
            cut = before_share_out and isinstance(entry, e.ShareOutPayment)
            while pending and (entry.date > pending[0] or (cut and entry.date == pending[0])):
                out.append(take(replay.state))
                pending.pop(0)
            if not pending:
                return out
            replay.apply(entry)
        out.extend(take(replay.state) for _ in pending)
        return out

    def state_on(self, day: dt.date) -> State:
        """The books at the end of ``day`` (internal :class:`~planner.books.replay.State`)."""
        return self.walk([day], lambda s: s)[0]

    def between(self, start: dt.date, end: dt.date) -> tuple[e.Entry, ...]:
        """Entries that count dated after ``start`` up to and including ``end``."""
        return tuple(x for x in self.effective if start < x.date <= end)
