"""Cooperative books: who may read or write a group's books, and storing its entries.

The rules are the planner's (:mod:`planner.books`): entries are checked by
:class:`planner.books.ledger.Books` before anything is stored, so the stored books always add up.
Entries are never updated or deleted; a correction is a reversal. Every stored entry is audited
(ids only). Access follows :mod:`web.coop.service`: members and treasurers reach only their own
cooperative (another id is 404); members read their own passbook and the group's totals; only the
treasurer reads every passbook and writes entries.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.exceptions import Forbidden, NotFound

from planner.books import entries as e
from planner.books.ledger import Books
from planner.books.ledger_csv import LedgerImport, RowProblem, read_ledger
from planner.books.serial import constitution_from_dict, constitution_to_dict, entry_from_dict, entry_to_dict
from planner.messages import Message
from web.books.demo import DEMO_TYPED, DemoMember, DemoMonth, demo_entries
from web.coop.service import cooperative_for
from web.i18n import N_
from web.infra import audit
from web.storage.schema import BookEntry, CoopBooks, Cooperative, CoopMember, User


def books_cooperative(db: Session, user: User, coop_id: int | None, action: str) -> Cooperative:
    """The user's own cooperative (404 for any other, audited), as in :mod:`web.coop.service`."""
    return cooperative_for(db, user, coop_id, action)


def is_treasurer(user: User) -> bool:
    """Whether ``user`` keeps the books (the cooperative's treasurer)."""
    return bool(user.role == "coop_treasurer")


def require_treasurer(db: Session, user: User, coop: Cooperative, action: str) -> None:
    """Stop with 403 (audited) unless ``user`` is the treasurer."""
    if not is_treasurer(user):
        audit.refuse(
            db,
            action,
            actor_id=user.id,
            object_type="cooperative",
            object_id=coop.id,
            error=Forbidden(N_("Only the treasurer can write in the books or read every passbook.")),
        )


def default_constitution(coop: Cooperative) -> e.Constitution:
    """The rules a group has before it writes its own: its loan limit, share-out by shares held."""
    return e.Constitution(max_loan_multiple=Decimal(str(coop.max_loan_multiple)))


def constitution(db: Session, coop: Cooperative) -> e.Constitution:
    """The group's constitution as stored (the default rules if it has none yet)."""
    row = db.get(CoopBooks, coop.id)
    return constitution_from_dict(row.constitution) if row else default_constitution(coop)


def set_constitution(db: Session, user: User, coop: Cooperative, rules: e.Constitution) -> None:
    """Store the group's constitution (treasurer only; the books must still add up under it)."""
    require_treasurer(db, user, coop, "set_constitution")
    Books(coop.currency, rules, load_books(db, coop).entries)  # BooksError if they would not
    row = db.get(CoopBooks, coop.id)
    if row is None:
        db.add(CoopBooks(cooperative_id=coop.id, constitution=constitution_to_dict(rules)))
    else:
        row.constitution = constitution_to_dict(rules)
    db.flush()
    audit.record(db, "set_constitution", actor_id=user.id, object_type="cooperative", object_id=coop.id)


def load_books(db: Session, coop: Cooperative) -> Books:
    """The group's books: every stored entry in the order written, under its constitution."""
    rows = db.execute(
        select(BookEntry.data).where(BookEntry.cooperative_id == coop.id).order_by(BookEntry.id)
    ).scalars()
    return Books(coop.currency, constitution(db, coop), tuple(entry_from_dict(x) for x in rows))


def store_entries(
    db: Session, coop: Cooperative, entries: Sequence[e.Entry], *, actor_id: int | None, action: str | None
) -> None:
    """Write checked entries, one row and one audit event each (the caller has checked them).

    ``action=None`` writes no audit events: the demo's books are data loaded with the demo, like
    its people and vacancies, not something a user did.
    """
    for entry in entries:
        row = BookEntry(
            cooperative_id=coop.id,
            entry_id=entry.entry_id,
            kind=entry.kind,
            date=entry.date,
            data=entry_to_dict(entry),
            recorded_by_id=actor_id,
        )
        db.add(row)
        db.flush()
        if action is not None:
            audit.record(db, action, actor_id=actor_id, object_type="book_entry", object_id=row.id)


def record_entries(db: Session, user: User, coop: Cooperative, entries: Sequence[e.Entry]) -> Books:
    """Add a meeting's entries to the books, all or none (treasurer only).

    Raises
    ------
    planner.exceptions.BooksError
        With every entry that cannot go in and why; nothing is stored.
    """
    require_treasurer(db, user, coop, "record_book_entries")
    books = load_books(db, coop).record(*entries)
    store_entries(db, coop, entries, actor_id=user.id, action="record_book_entry")
    return books


def correct_entry(
    db: Session, user: User, coop: Cooperative, entry_id: str, on: dt.date, note: str = ""
) -> Books:
    """Reverse entry ``entry_id`` (a new entry; the old one stays in the books), treasurer only.

    Raises ``NotFound`` for an entry that is not in the books, ``BooksError`` when the books would not
    add up without it (a loan with repayments: reverse those first).
    """
    require_treasurer(db, user, coop, "correct_book_entry")
    books = load_books(db, coop)
    if entry_id not in {x.entry_id for x in books.entries}:
        raise NotFound(N_("No such entry in the books."))
    reversal_id = new_entry_id(books, f"rev-{entry_id}")
    corrected = books.correct(entry_id, reversal_id=reversal_id, on=on, note=note)
    store_entries(db, coop, corrected.entries[-1:], actor_id=user.id, action="correct_book_entry")
    return corrected


def new_entry_id(books: Books, stem: str) -> str:
    """An entry id starting with ``stem`` that the books do not have yet (at most 64 characters)."""
    taken = {x.entry_id for x in books.entries}
    stem = stem[:56]
    if stem not in taken:
        return stem
    n = 2
    while f"{stem}-{n}" in taken:
        n += 1
    return f"{stem}-{n}"


def import_ledger(db: Session, user: User, coop: Cooperative, text: str, filename: str) -> LedgerImport:
    """Read a paper ledger's CSV into the group's books, all or nothing (treasurer only).

    A ledger is the group's history before it kept its books here, so it goes only into books with
    no entries yet; otherwise nothing is stored and the report says why.
    """
    require_treasurer(db, user, coop, "import_ledger")
    existing = load_books(db, coop)
    if existing.entries:
        problem = RowProblem(
            filename,
            0,
            "",
            Message(
                N_(
                    "these books already have entries: a paper ledger can be read only into empty "
                    "books; record later meetings with the meeting form"
                )
            ),
        )
        return LedgerImport(None, (problem,), 0)
    result = read_ledger(text, filename, coop.currency, existing.constitution)
    if result.ok and result.books is not None:
        store_entries(db, coop, result.books.entries, actor_id=user.id, action="import_book_entry")
        audit.record(db, "import_ledger", actor_id=user.id, object_type="cooperative", object_id=coop.id)
    return result


def member_refs(coop: Cooperative) -> list[str]:
    """References of the members who have not left, as the books name them."""
    return [m.ref for m in coop.members if m.left_on is None]


def own_member_ref(db: Session, user: User, coop: Cooperative) -> str | None:
    """The reference by which the books name ``user`` (``None`` if they have no membership here)."""
    for m in db.execute(select(CoopMember).where(CoopMember.cooperative_id == coop.id)).scalars():
        if m.user_id == user.id and m.left_on is None:
            return m.ref
    return None


def passbook_member(db: Session, user: User, coop: Cooperative, wanted: str | None) -> str:
    """Whose passbook ``user`` may read: their own; the treasurer any member's (else 404, audited)."""
    own = own_member_ref(db, user, coop)
    member = wanted or own
    allowed = member is not None and (member == own or is_treasurer(user))
    known = member in {m.ref for m in coop.members}
    if not allowed or not known:
        audit.refuse(
            db,
            "view_passbook",
            actor_id=user.id,
            object_type="cooperative",
            object_id=coop.id,
            error=NotFound(N_("No such passbook among yours.")),
        )
    audit.record(db, "view_passbook", actor_id=user.id, object_type="cooperative", object_id=coop.id)
    return str(member)


def books_today(books: Books, today: dt.date | None = None) -> dt.date:
    """The day the pages read the books on: today, or the last meeting if the books run later."""
    day = today or dt.date.today()
    days = books.meeting_days
    return max(day, days[-1]) if days else day


def has_books(db: Session, coop: Cooperative) -> bool:
    """Whether the group keeps any books here (one indexed row read, nothing decrypted)."""
    first = db.execute(select(BookEntry.id).where(BookEntry.cooperative_id == coop.id).limit(1)).first()
    return first is not None


def store_demo_books(db: Session, rows: Mapping[str, list[dict[str, Any]]], *, seed: int = 17) -> int:
    """Give each demo cooperative with monthly records its books, and a plan from them a year ago.

    Cooperatives that already have books are left as they are (loading the demo twice changes
    nothing). Returns the number of entries written.
    """
    from web.books.plans import plan_from_books  # it reads the books through this module

    written = 0
    for r in rows["cooperatives.csv"]:
        coop = db.execute(select(Cooperative).where(Cooperative.ref == r["id"])).scalar_one()
        months = [_demo_month(x) for x in rows["coop_savings.csv"] if x["cooperative"] == r["id"]]
        if (
            not months
            or db.execute(select(BookEntry.id).where(BookEntry.cooperative_id == coop.id).limit(1)).first()
        ):
            continue
        members = [
            DemoMember(x["member"], _day(x["joined_on"]) or dt.date.min, _day(x["left_on"]))
            for x in rows["coop_members.csv"]
            if x["cooperative"] == r["id"]
        ]
        rules = default_constitution(coop)
        books, _refused = demo_entries(
            coop.currency,
            rules,
            float(coop.monthly_interest_rate),
            members,
            months,
            business_from=_business_from(coop, months),
            seed=seed,
        )
        db.add(CoopBooks(cooperative_id=coop.id, constitution=constitution_to_dict(rules)))
        store_entries(db, coop, books.entries, actor_id=None, action=None)
        written += len(books.entries)
        days = books.meeting_days
        if len(days) > 13:
            day = days[-13]
            plan = plan_from_books(
                db,
                coop,
                books,
                day,
                name=f"From the books, {day.isoformat()}",
                seed=seed,
                runs=300,
                actor_id=None,
                typed=DEMO_TYPED,
            )
            # the treasurer saved it the evening of that meeting, not the day the demo was loaded
            plan.created_at = dt.datetime.combine(day, dt.time(18), tzinfo=dt.UTC)
    return written


def _day(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _demo_month(x: Mapping[str, Any]) -> DemoMonth:
    return DemoMonth(
        str(x["member"]),
        str(x["month"]),
        *(Decimal(str(x[k] or 0)) for k in ("saved", "loan_taken", "loan_repaid")),
    )


def _business_from(coop: Cooperative, months: Sequence[DemoMonth]) -> dt.date | None:
    """When the demo group's business opened: the year its description names, else a year in."""
    if not coop.business:
        return None
    named = re.search(r"opened (\d{4})", coop.business)
    if named:
        return dt.date(int(named.group(1)), 1, 15)
    first = min(m.month for m in months)
    return dt.date(int(first[:4]) + 1, int(first[5:7]), 15)
