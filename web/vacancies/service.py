"""Vacancies and placement programmes: employers post them, every vacancy is screened.

A vacancy the screener flags is held (``pending_review``) until a counsellor approves it
with a note or rejects it; only ``open`` vacancies can be matched or proposed. Saving
resets the screening: the vacancy is screened again in the background
(:mod:`web.preparation`), and cannot be reviewed until then. A CSV
upload is validated whole: either every row is stored, or none is and each bad row is
reported by line.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.exceptions import NotFound

from matcher.records import CONTRACTS, PAY_PERIODS, SECTORS, SHIFTS
from web import audit
from web.csvrows import Column, ParsedRows, RowError, check_unique, read_rows
from web.forms import FormResult
from web.storage.schema import Locality, Organisation, PlacementProgramme, User, Vacancy, utcnow

LAT = {"minimum": -90, "maximum": 90}
LON = {"minimum": -180, "maximum": 180}
#: What every posting has, vacancy or placement programme: the form, the CSV upload, the API
#: and the demo files (which change a few rules, see :func:`posting_columns`) all build on it.
POSTING_COLUMNS = [
    Column("title", max_length=200),
    Column("sector", "choice", choices=SECTORS),
    Column("locality"),
    Column("latitude", "float", required=False, **LAT),
    Column("longitude", "float", required=False, **LON),
    Column("description", max_length=8000),
    Column("skills_required", "list", required=False),
    Column("languages_required", "list", required=False),
    Column("hours_per_week", "float", required=False, minimum=1, maximum=80),
]
VACANCY_COLUMNS = [
    Column("id", required=False, max_length=40),
    *POSTING_COLUMNS,
    Column("shift", "choice", required=False, choices=SHIFTS),
    Column("pay", "decimal", minimum=0, maximum=10_000_000),
    Column("pay_period", "choice", choices=PAY_PERIODS),
    Column("contract", "choice", required=False, choices=CONTRACTS),
    Column("closes_on", "date", required=False),
]
PROGRAMME_COLUMNS = [
    *POSTING_COLUMNS,
    Column("capacity", "int", minimum=1, maximum=1000),
    Column("placement_weeks", "int", minimum=1, maximum=52),
    Column("placement_pay", "decimal", minimum=0, maximum=10_000_000),
    Column("job_title", max_length=200),
    Column("job_pay", "decimal", minimum=0, maximum=10_000_000),
    Column("pay_period", "choice", choices=PAY_PERIODS),
    Column("interview", "choice", choices=("non_competitive", "competitive")),
    Column("starts_on", "date", required=False),
]
MULTILINE = {"skills_required"}


def posting_columns(**changes: dict[str, Any]) -> list[Column]:
    """The posting columns, in order, with some of their rules changed.

    Examples
    --------
    >>> [c.required for c in posting_columns(latitude={"required": True}) if c.name == "latitude"]
    [True]

    """
    unknown = set(changes) - {c.name for c in POSTING_COLUMNS}
    if unknown:
        raise ValueError(f"Not posting columns: {', '.join(sorted(unknown))}")
    return [replace(c, **changes.get(c.name, {})) for c in POSTING_COLUMNS]


def stored_ref(org: Organisation, own_ref: str) -> str:
    """The stored reference of an employer's posting: the organisation's, then the employer's own.

    It fits the 64 characters a reference may have. A longer one keeps its start and ends in a
    digest of the whole, so two different long references never become the same stored one.

    Examples
    --------
    >>> org = Organisation(ref="employer-7")
    >>> stored_ref(org, "kitchen-2026")
    'employer-7-kitchen-2026'
    >>> org = Organisation(ref="x" * 60)
    >>> a, b = stored_ref(org, "vacancy-1"), stored_ref(org, "vacancy-2")
    >>> len(a), a == b
    (64, False)

    """
    joined = f"{org.ref}-{own_ref}"
    if len(joined) <= 64:
        return joined
    return f"{joined[:51]}~{hashlib.sha256(joined.encode()).hexdigest()[:12]}"


def _ref_owner(db: Session, ref: str) -> int | None:
    return db.execute(select(Vacancy.employer_id).where(Vacancy.ref == ref)).scalar_one_or_none()


def check_vacancy_ref(db: Session, user: User, result: FormResult) -> None:
    """Add an error when the form's own reference for a new vacancy is taken already."""
    own_ref = result.values.get("id")
    org = db.get(Organisation, user.organisation_id)
    if own_ref and org is not None and _ref_owner(db, stored_ref(org, own_ref)) is not None:
        result.errors["id"] = _("is already used by a vacancy; choose another reference")


def find_locality(db: Session, name_or_ref: str) -> Locality | None:
    """A locality by its reference or its name (any case)."""
    key = name_or_ref.strip().lower()
    return db.execute(
        select(Locality).where((func.lower(Locality.ref) == key) | (func.lower(Locality.name) == key))
    ).scalar_one_or_none()


def check_locality(db: Session, result: FormResult) -> Locality | None:
    """Resolve the form's locality, or add an error naming the known ones."""
    name = result.values.get("locality")
    if not name:
        return None
    locality = find_locality(db, name)
    if locality is None:
        known = ", ".join(loc.name for loc in db.execute(select(Locality).order_by(Locality.name)).scalars())
        result.errors["locality"] = _(
            "is not a locality Pathways knows (%(name)s); use one of: %(known)s", name=repr(name), known=known
        )
    return locality


def _place(target: Vacancy | PlacementProgramme, values: dict[str, Any], locality: Locality) -> None:
    for column in POSTING_COLUMNS:
        if column.name not in ("locality", "latitude", "longitude"):
            setattr(target, column.name, values[column.name])
    target.locality = locality
    target.currency = locality.currency
    target.latitude = values["latitude"] if values.get("latitude") is not None else locality.latitude
    target.longitude = values["longitude"] if values.get("longitude") is not None else locality.longitude


def save_vacancy(
    db: Session, user: User, values: dict[str, Any], locality: Locality, vacancy: Vacancy | None = None
) -> Vacancy:
    """Create or change one of the employer's vacancies; it must be screened again."""
    org = db.get(Organisation, user.organisation_id)
    if vacancy is None:
        own_ref = values.get("id") or utcnow().strftime("%y%m%d%H%M%S%f")
        vacancy = Vacancy(ref=stored_ref(org, own_ref), employer_id=org.id, posted_on=utcnow().date())
        db.add(vacancy)
    _place(vacancy, values, locality)
    for name in ("shift", "pay", "pay_period", "contract", "closes_on"):
        setattr(vacancy, name, values[name])
    vacancy.status = "pending_review"
    vacancy.screening = None
    db.flush()
    audit.record(db, "save_vacancy", actor_id=user.id, object_type="vacancy", object_id=vacancy.id)
    return vacancy


def save_programme(
    db: Session,
    user: User,
    values: dict[str, Any],
    locality: Locality,
    programme: PlacementProgramme | None = None,
) -> PlacementProgramme:
    """Create or change one of the employer's placement programmes."""
    org = db.get(Organisation, user.organisation_id)
    if programme is None:
        programme = PlacementProgramme(
            ref=stored_ref(org, f"prog-{utcnow().strftime('%y%m%d%H%M%S%f')}"), employer_id=org.id
        )
        db.add(programme)
    _place(programme, values, locality)
    for name in (
        "capacity",
        "placement_weeks",
        "placement_pay",
        "job_title",
        "job_pay",
        "pay_period",
        "interview",
        "starts_on",
    ):
        setattr(programme, name, values[name])
    db.flush()
    audit.record(db, "save_programme", actor_id=user.id, object_type="programme", object_id=programme.id)
    return programme


def screen(db: Session, vacancies: Sequence[Vacancy], screener: Any) -> None:
    """Screen vacancies; hold the flagged ones for review, open the others."""
    from matcher.screening import VacancyAd, requires_review

    ads = [
        VacancyAd(
            id=v.ref,
            title=v.title,
            employer=v.employer.name,
            location=v.locality.name if v.locality else "",
            wage=f"{v.pay} {v.currency} per {v.pay_period}" if v.pay is not None else None,
            description=v.description,
        )
        for v in vacancies
    ]
    for vacancy, result in zip(vacancies, screener.screen_many(ads), strict=True):
        vacancy.screening = result.to_dict(explain=True)
        vacancy.status = "pending_review" if requires_review(result) else "open"


def screen_unscreened(db: Session, screener: Any) -> int:
    """Screen every vacancy that has not been screened yet; return how many."""
    todo = list(db.execute(select(Vacancy).where(Vacancy.screening.is_(None))).scalars())
    if todo:
        screen(db, todo, screener)
    return len(todo)


def vacancy_for(db: Session, user: User, vacancy_id: int, *, change: bool = False) -> Vacancy:
    """A vacancy the user may see (counsellors: all; employers: their own), else 404."""
    vacancy = db.get(Vacancy, vacancy_id)
    own = vacancy is not None and user.role == "employer" and vacancy.employer_id == user.organisation_id
    if vacancy is None or not (own or (user.role == "counsellor" and not change)):
        raise NotFound(_("No such vacancy for you."))
    return vacancy


def programme_for(db: Session, user: User, programme_id: int) -> PlacementProgramme:
    """One of the employer's own programmes, else 404."""
    programme = db.get(PlacementProgramme, programme_id)
    if programme is None or programme.employer_id != user.organisation_id:
        raise NotFound(_("No such programme for you."))
    return programme


REVIEW_DECISIONS = ("approve", "reject")


def review(db: Session, user: User, vacancy: Vacancy, decision: str, note: str) -> None:
    """A counsellor approves (with a note) or rejects a held vacancy."""
    if decision not in REVIEW_DECISIONS:
        raise ValueError(_("Choose approve or reject."))
    if vacancy.screening is None:
        raise ValueError(_("This vacancy is still being screened; review it once the screening is done."))
    if not note.strip():
        raise ValueError(_("Write a short note: why it is safe, or what is wrong."))
    vacancy.status = "open" if decision == "approve" else "rejected"
    vacancy.review_note = note.strip()
    vacancy.reviewed_by_id = user.id
    audit.record(db, f"review_{decision}", actor_id=user.id, object_type="vacancy", object_id=vacancy.id)


def review_queue(db: Session) -> list[Vacancy]:
    """Vacancies held for review, oldest first."""
    return list(
        db.execute(
            select(Vacancy)
            .where(Vacancy.status == "pending_review", Vacancy.screening.is_not(None))
            .order_by(Vacancy.posted_on, Vacancy.id)
        ).scalars()
    )


@dataclass
class ImportReport:
    """What a CSV upload did, or why it did nothing."""

    created: int = 0
    updated: int = 0
    held: int = 0
    errors: list[RowError] = field(default_factory=list)


def _check_upload(
    db: Session, org: Organisation, parsed: ParsedRows, source: str
) -> tuple[list[RowError], dict[int, Locality]]:
    """Every problem of every row, and each row's locality.

    Problems: bad cells, an id repeated in the file, an unknown locality, an id that
    another organisation's vacancy has. The checks across rows look at every row, also
    those with a bad cell (``all_rows``), so that one upload reports all there is to fix.
    """
    errors = list(parsed.errors) + check_unique(parsed.all_rows, ["id"], source)
    localities: dict[str, Locality | None] = {}
    places: dict[int, Locality] = {}
    for row in parsed.all_rows:
        line = int(row["_line"])
        name = row.get("locality")
        if name:
            if name not in localities:
                localities[name] = find_locality(db, name)
            if localities[name] is None:
                message = _("is not a locality Pathways knows (%(name)s)", name=repr(name))
                errors.append(RowError(source, line, "locality", message))
            else:
                places[line] = localities[name]
        if row.get("id") and _ref_owner(db, stored_ref(org, row["id"])) not in (None, org.id):
            message = _("is already used by another organisation's vacancy; choose another id")
            errors.append(RowError(source, line, "id", message))
    return errors, places


def import_vacancies(db: Session, user: User, text: str, source: str, screener: Any) -> ImportReport:
    """Validate the whole CSV; store every row and screen it, or store nothing and report each bad row."""
    parsed = read_rows(
        text, [c if c.name != "id" else Column("id", max_length=40) for c in VACANCY_COLUMNS], source
    )
    org = db.get(Organisation, user.organisation_id)
    errors, places = _check_upload(db, org, parsed, source)
    report = ImportReport(errors=sorted(errors, key=lambda e: e.line))
    if report.errors or not parsed.rows:
        if not parsed.rows and not report.errors:
            report.errors.append(RowError(source, 0, "", _("has no vacancy rows")))
        return report
    saved = []
    for row in parsed.rows:
        existing = db.execute(
            select(Vacancy).where(Vacancy.ref == stored_ref(org, row["id"]))
        ).scalar_one_or_none()
        if existing is None:
            report.created += 1
        else:
            report.updated += 1
        saved.append(save_vacancy(db, user, row, places[row["_line"]], existing))
    screen(db, saved, screener)
    report.held = sum(1 for v in saved if v.status == "pending_review")
    audit.record(db, "import_vacancies", actor_id=user.id, object_type="organisation", object_id=org.id)
    return report


ORGANISATION_COLUMNS = [
    Column("name", max_length=200),
    Column("description", required=False, max_length=2000),
    Column("locality"),
]


def update_organisation(db: Session, user: User, values: dict[str, Any], locality: Locality) -> Organisation:
    """Change the employer's own organisation profile (name, description, locality)."""
    org = db.get(Organisation, user.organisation_id)
    if org is None or org.kind != "employer":
        raise NotFound(_("Your account is not linked to an employer."))
    org.name = values["name"]
    org.description = values["description"] or ""
    org.locality = locality
    audit.record(db, "update_organisation", actor_id=user.id, object_type="organisation", object_id=org.id)
    return org
