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
from planner.books.plan import BooksReading, PlanStart, plan_start, read_books
from planner.books.plan_check import PlanCheck, plan_against_actual
from planner.books.serial import constitution_from_dict, constitution_to_dict, entry_from_dict, entry_to_dict
from planner.cooperative import OpeningBalances, simulate_cooperative
from planner.exceptions import MissingFigureError, PlannerError
from planner.messages import Message
from planner.outcomes import CooperativeOutcome, outcome_from_dict
from web.books.demo import DEMO_TYPED, DemoMember, DemoMonth, demo_entries
from web.coop.plan_fields import FIELDS, PlanField
from web.coop.plans import COOP_PLACE_FIELDS, books_only_settings, to_overrides, unshown_settings
from web.coop.plans import defaults as plan_defaults
from web.coop.service import cooperative_for, facts
from web.i18n import N_
from web.infra import audit
from web.storage.schema import BookEntry, CoopBooks, Cooperative, CoopMember, SavedPlan, User


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


def plan_inputs(config: Any) -> dict[str, Any]:
    """A plan's settings as the plan form holds them (so its page lists them, like any saved plan)."""
    values: dict[str, Any] = {}
    for f in FIELDS["cooperative"]:
        source = config.business if f.section == "business" else config
        value = getattr(source, f.setting, None)
        if isinstance(value, bool) or value is None:
            values[f.name] = value
        elif isinstance(value, int | float):
            value = value / f.scale
            values[f.name] = int(round(value)) if f.kind == "int" else round(float(value), 6)
    return values


def form_start(db: Session, coop: Cooperative) -> tuple[dt.date, dict[str, Any]] | None:
    """The savings-and-loans plan form's values from the books as they stand today (``None``: no books).

    What the books tell (members, monthly saving and social fund, loan size, rate, term and how often
    members borrow, running costs, the business, the share-out) is kept; the settings that rest on the
    group's country come from its country's figures, and are left empty for the treasurer to type where
    it has none; the rest are the form's defaults for a plan from nothing (scaled to the group's own
    saving).
    """
    books = load_books(db, coop)
    if not books.meeting_days:
        return None
    day = books_today(books)
    try:
        start, untyped = _group_start(coop, books, day, months=60, typed=None, require=False)
    except PlannerError:  # no members on the day: the form starts from nothing
        return None
    values = plan_inputs(start.config)
    values.update(dict.fromkeys(untyped))
    return day, values


def group_plan_start(
    coop: Cooperative,
    books: Books,
    day: dt.date,
    *,
    months: int,
    typed: Mapping[str, Any] | None = None,
    require: bool = True,
) -> PlanStart:
    """:func:`planner.books.plan.plan_start` with the group's own defaults for what the books do not tell.

    The planner's packaged defaults are Nepal's, in rupees (an entry share of 1,000 is not ETB's or
    GBP's); the plan form's defaults for a plan from nothing are scaled to the group's own saving and
    currency, so those fill the settings the books leave open. The settings that rest on the group's
    country (:data:`web.coop.plans.COOP_PLACE_FIELDS`) are its country's; where it has none they are
    ``typed`` (form values), and without them no plan is made (``MissingFigureError`` says what to type)
    unless ``require`` is false, when they are 0 until the form gives them.
    """
    return _group_start(coop, books, day, months=months, typed=typed, require=require)[0]


def _group_start(
    coop: Cooperative,
    books: Books,
    day: dt.date,
    *,
    months: int,
    typed: Mapping[str, Any] | None,
    require: bool,
) -> tuple[PlanStart, list[str]]:
    """The start and the form fields still to type (the country has no figure, none typed)."""
    reading = read_books(books, day)  # once: ``plan_start`` below reads the same
    told = set(reading.settings())
    group = facts(coop)
    scaled = plan_defaults("cooperative", group)
    open_fields = {  # the business is the books' (or none, as they show), its amounts the group's money
        f.name: scaled[f.name]
        for f in FIELDS["cooperative"]
        if _setting(f) not in told and f.name not in ("initial_members", "months", "business_enabled")
    }
    untyped = [n for n, v in open_fields.items() if v is None and (typed or {}).get(n) is None]
    if untyped and require:
        raise MissingFigureError(_missing_figures(group.country, untyped))
    for name in [n for n, v in open_fields.items() if v is None]:
        open_fields[name] = 0.0 if name in untyped else (typed or {})[name]
    overrides, _evidence = to_overrides("cooperative", open_fields)
    for name, value in unshown_settings(group).items():  # in the group's money, unless the books tell
        if name not in told:
            section, _dot, setting = name.rpartition(".")
            (overrides.setdefault(section, {}) if section else overrides)[setting] = value
    start = plan_start(books, day, overrides={**overrides, "months": months}, reading=reading)
    return start, untyped


def _setting(f: PlanField) -> str:
    """The name the books' reading gives the setting a form field feeds (``business.x`` for the business)."""
    return f"business.{f.setting}" if f.section == "business" else f.setting


def _missing_figures(country: str | None, names: Sequence[str]) -> Message:
    """Why a plan from the books cannot be made without the form: the figures to type there."""
    labels = [str(f.label) for f in COOP_PLACE_FIELDS.values() if f.name in names]
    if country:
        return Message(
            N_(
                "%(place)s has no sourced figure for: %(figures)s. Open a new savings and loans plan and "
                "type the group's own."
            ),
            {"place": country, "figures": "; ".join(labels)},
        )
    return Message(
        N_(
            "Pathways does not know this group's country, so it has no figure for: %(figures)s. Open a "
            "new savings and loans plan and type the group's own."
        ),
        {"figures": "; ".join(labels)},
    )


def opening_on(db: Session, coop: Cooperative, day: dt.date) -> OpeningBalances:
    """The group's books at the end of ``day`` as a plan's starting balances.

    Raises ``PlannerError`` when the books cannot start a plan on that day (no members).
    """
    return plan_start(load_books(db, coop), day).opening  # the balances need no settings


def reading_on(db: Session, coop: Cooperative, day: dt.date) -> BooksReading:
    """The group's books at the end of ``day`` as a plan reads them (balances and what they tell)."""
    return read_books(load_books(db, coop), day)


def has_books(db: Session, coop: Cooperative) -> bool:
    """Whether the group keeps any books here (one indexed row read, nothing decrypted)."""
    first = db.execute(select(BookEntry.id).where(BookEntry.cooperative_id == coop.id).limit(1)).first()
    return first is not None


def start_on(db: Session, coop: Cooperative, day: dt.date) -> PlanStart:
    """A plan's start from the group's books at the end of ``day`` (balances and what they tell).

    Raises ``PlannerError`` when the books cannot start a plan on that day (no members, or a day the
    books have not reached).
    """
    books = load_books(db, coop)
    if day > books_today(books):
        raise PlannerError(f"the books do not reach {day.isoformat()} yet")
    return group_plan_start(coop, books, day, months=60, require=False)  # the form types the rest


def plan_from_books(
    db: Session,
    coop: Cooperative,
    books: Books,
    day: dt.date,
    *,
    name: str,
    seed: int,
    runs: int,
    actor_id: int | None,
    months: int = 60,
    typed: Mapping[str, Any] | None = None,
) -> SavedPlan:
    """Save a cooperative plan that starts from the books at the end of ``day`` (older plans are kept).

    ``typed`` gives, in form values, the figures the group's country has none for (see
    :func:`group_plan_start`).

    Raises ``PlannerError`` when the books cannot start a plan (no members on that day), or
    ``MissingFigureError`` naming the figures to type on the form.
    """
    start = group_plan_start(coop, books, day, months=months, typed=typed)
    result = simulate_cooperative(start.config, runs=runs, seed=seed, opening=start.opening).to_dict()
    result["kind"] = "cooperative"
    inputs = {
        **plan_inputs(start.config),
        "currency": coop.currency,
        "seed": seed,
        "runs": runs,
        "from_books": day.isoformat(),
        "opening": start.opening.to_dict(),
        "books_settings": books_only_settings(start.settings()),
        "other_settings": unshown_settings(facts(coop)),
    }
    plan = SavedPlan(
        cooperative_id=coop.id,
        name=name,
        kind="cooperative",
        inputs=inputs,
        summary=result,
        created_by_id=actor_id,
    )
    db.add(plan)
    db.flush()
    audit.record(db, "save_plan", actor_id=actor_id, object_type="saved_plan", object_id=plan.id)
    return plan


def replan_from_today(db: Session, user: User, coop: Cooperative, name: str, runs: int) -> SavedPlan:
    """A new plan from the books as they stand today (treasurer only); the old plans stay.

    Figures the group's country has none for are those the treasurer typed for the newest plan from
    the books; with none typed yet, ``MissingFigureError`` says to type them on the plan form.
    """
    require_treasurer(db, user, coop, "save_plan")
    books = load_books(db, coop)
    day = books_today(books)
    return plan_from_books(
        db,
        coop,
        books,
        day,
        name=name,
        seed=day.toordinal() % 10_000,
        runs=runs,
        actor_id=user.id,
        typed=last_typed(db, coop),
    )


def last_typed(db: Session, coop: Cooperative) -> dict[str, Any]:
    """The country figures (form values) of the group's newest plan from the books that has them."""
    for plan in plans_from_books(db, coop):
        found = {f.name: (plan.inputs or {}).get(f.name) for f in COOP_PLACE_FIELDS.values()}
        if all(v is not None for v in found.values()):
            return found
    return {}


def plans_from_books(db: Session, coop: Cooperative) -> list[SavedPlan]:
    """The cooperative's saved plans that started from its books, newest first."""
    rows = db.execute(
        select(SavedPlan)
        .where(SavedPlan.cooperative_id == coop.id, SavedPlan.kind == "cooperative")
        .order_by(SavedPlan.created_at.desc(), SavedPlan.id.desc())
    ).scalars()
    return [p for p in rows if isinstance(p.summary, dict) and p.summary.get("opening")]


def store_demo_books(db: Session, rows: Mapping[str, list[dict[str, Any]]], *, seed: int = 17) -> int:
    """Give each demo cooperative with monthly records its books, and a plan from them a year ago.

    Cooperatives that already have books are left as they are (loading the demo twice changes
    nothing). Returns the number of entries written.
    """
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
            plan_from_books(
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


def latest_check(
    db: Session, coop: Cooperative, books: Books, day: dt.date
) -> tuple[SavedPlan, CooperativeOutcome, PlanCheck] | None:
    """The newest plan from the books, its typed outcome and its check against the books (or ``None``)."""
    for plan in plans_from_books(db, coop):
        outcome = outcome_from_dict(plan.summary or {})
        if isinstance(outcome, CooperativeOutcome) and outcome.opening is not None:
            return plan, outcome, plan_against_actual(outcome, books, day)
    return None


def plan_check_view(db: Session, coop: Cooperative, books: Books, day: dt.date) -> dict[str, Any] | None:
    """What the page says about the newest plan from the books: its name, start and messages."""
    found = latest_check(db, coop, books, day)
    if found is None:
        return None
    plan, outcome, check = found
    from web.coop.planner_words import say  # needs an app context, like every page

    return {
        "plan_id": plan.id,
        "name": plan.name,
        "start": check.start.isoformat(),
        "messages": [say(m) for m in check.messages],
        "left_band_at": check.left_band_at,
        "older": len(plans_from_books(db, coop)) - 1,
    }
