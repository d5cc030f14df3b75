"""Plans from a group's books: where a savings-and-loans plan starts when the group keeps its books here.

The plan form's first values (:func:`form_start`), a plan's start from the books on a day with the
group's own defaults for what the books do not tell (:func:`group_plan_start`, :func:`start_on`),
saving a plan from the books (:func:`plan_from_books`, :func:`replan_from_today`) and the newest such
plan against what the books then show (:func:`latest_check`, :func:`plan_check_view`). Storage and
access are :mod:`web.books.service`'s.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from flask_babel import format_date
from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.books.ledger import Books
from planner.books.plan import BooksReading, PlanStart, plan_start, read_books
from planner.books.plan_check import PlanCheck, plan_against_actual
from planner.cooperative import OpeningBalances, simulate_cooperative
from planner.exceptions import MissingFigureError, PlannerError
from planner.messages import Message
from planner.outcomes import CooperativeOutcome, outcome_from_dict
from web.books.service import books_today, load_books, require_treasurer
from web.coop.plan_fields import FIELDS, PlanField
from web.coop.plans import COOP_PLACE_FIELDS, books_only_settings, to_overrides, unshown_settings
from web.coop.plans import defaults as plan_defaults
from web.coop.service import facts
from web.i18n import N_
from web.infra import audit
from web.storage.schema import Cooperative, SavedPlan, User


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
    members = reading.opening.members  # room for twice the books' members (not the record's), 5 at least
    open_fields["max_members"] = max(members * 2, members + 5)
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


def form_sources(
    reading: BooksReading, say: Callable[[Message], str]
) -> tuple[dict[str, str], dict[str, str]]:
    """What the books tell, in words, and why they cannot tell the rest (each by setting), for the form.

    ``say`` puts a planner message in the reader's language.
    """
    told = {f.setting: say(f.source) for f in reading.from_books}
    return told, {n.setting: say(n.reason) for n in reading.not_told if n.setting not in told}


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
        "start": format_date(check.start),
        "messages": [say(m) for m in check.messages],
        "left_band_at": check.left_band_at,
        "older": len(plans_from_books(db, coop)) - 1,
    }
