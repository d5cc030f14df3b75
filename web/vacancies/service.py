"""Vacancies and placement programmes: employers post them, every vacancy is screened.

A vacancy the screener flags is held (``pending_review``) until a counsellor approves it
with a note or rejects it; only ``open`` vacancies can be matched or proposed. Saving
resets the screening: the vacancy is screened again in the background
(:mod:`web.matching.preparation`), and cannot be reviewed until then. A CSV
upload is validated whole: either every row is stored, or none is and each bad row is
reported by line.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, cast

from flask_babel import gettext as _
from sqlalchemy import ColumnElement, and_, func, select, update
from sqlalchemy.orm import Session
from werkzeug.exceptions import NotFound

from matcher.records import CONTRACTS, PAY_PERIODS, SECTORS, SHIFTS
from web import vocabulary
from web.i18n import N_
from web.infra import audit
from web.infra.csvrows import Bounds, Column
from web.infra.forms import FormResult
from web.storage.schema import (
    Locality,
    Organisation,
    PlacementProgramme,
    User,
    Vacancy,
    VacancyStatus,
    utcnow,
)

if TYPE_CHECKING:
    from matcher.screening import Screener, ScreeningResult, VacancyAd

LAT: Bounds = {"minimum": -90, "maximum": 90}
LON: Bounds = {"minimum": -180, "maximum": 180}
#: What every posting has, vacancy or placement programme: the form, the CSV upload, the API
#: and the demo files (which change a few rules, see :func:`posting_columns`) all build on it.
POSTING_COLUMNS = [
    Column("title", max_length=200, no_formulas=True),
    Column("sector", "choice", choices=SECTORS),
    Column("locality", no_formulas=True),
    Column("latitude", "float", required=False, **LAT),
    Column("longitude", "float", required=False, **LON),
    Column("description", max_length=8000, no_formulas=True),
    Column("skills_required", "list", required=False, no_formulas=True),
    Column("languages_required", "list", required=False, no_formulas=True),
    Column("hours_per_week", "float", required=False, minimum=1, maximum=80),
]
VACANCY_COLUMNS = [
    Column("id", required=False, max_length=40, no_formulas=True),
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
    Column("job_title", max_length=200, no_formulas=True),
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


def employer_of(db: Session, user: User) -> Organisation:
    """The organisation whose postings ``user`` keeps; not found when the account has none."""
    org = db.get(Organisation, user.organisation_id) if user.organisation_id is not None else None
    if org is None:
        raise NotFound(N_("Your account is not linked to an employer."))
    return org


def check_vacancy_ref(db: Session, user: User, result: FormResult) -> None:
    """Add an error when the form's own reference for a new vacancy is taken already."""
    own_ref = result.values.get("id")
    org = db.get(Organisation, user.organisation_id)
    if own_ref and org is not None and _ref_owner(db, stored_ref(org, own_ref)) is not None:
        result.errors["id"] = _("is already used by a vacancy; choose another reference")


def past_closing_date(values: dict[str, Any]) -> str | None:
    """Why a vacancy's closing date is refused (it is already past), or ``None``."""
    closes_on = values.get("closes_on")
    if closes_on is not None and closes_on < utcnow().date():
        return _(
            "is in the past (%(date)s): a vacancy closes on that day; give a date from today on",
            date=closes_on.isoformat(),
        )
    return None


def check_closing_date(result: FormResult) -> None:
    """Add an error when the form's closing date is already past."""
    problem = past_closing_date(result.values)
    if problem:
        result.errors["closes_on"] = problem


def check_start_date(result: FormResult, target: PlacementProgramme | None) -> None:
    """Add an error when a programme's start date is past, unless it is the one already stored.

    A programme takes proposals up to its start date, so a past one would close it at once; a
    started programme may still be edited (its places, its pay) without moving the date.
    """
    starts_on = result.values.get("starts_on")
    kept = target is not None and target.starts_on == starts_on
    if starts_on is None or starts_on >= utcnow().date() or kept:
        return
    result.errors["starts_on"] = _(
        "is in the past (%(date)s): counsellors can propose people up to the start date; give a date from "
        "today on",
        date=starts_on.isoformat(),
    )


def find_locality(db: Session, name_or_ref: str) -> Locality | None:
    """A locality by its reference or its name (any case)."""
    key = name_or_ref.strip().lower()
    return db.execute(
        select(Locality).where((func.lower(Locality.ref) == key) | (func.lower(Locality.name) == key))
    ).scalar_one_or_none()


def own_locality(user: User) -> str:
    """The name of the locality of ``user``'s organisation ('' if it has none): where a new posting starts."""
    org = user.organisation
    return org.locality.name if org is not None and org.locality is not None else ""


def locality_hint(db: Session, user: User) -> str:
    """The hint under a locality field: its example is :func:`own_locality`, else the first place known."""
    place = own_locality(user)
    if not place:
        place = db.execute(select(Locality.name).order_by(Locality.name).limit(1)).scalar_one_or_none() or ""
    return _("Town or city, e.g. %(place)s", place=place) if place else _("Town or city")


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


def save_posting(
    db: Session,
    user: User,
    kind: str,
    result: FormResult,
    target: Vacancy | PlacementProgramme | None = None,
    check_only: bool = False,
) -> Vacancy | PlacementProgramme | None:
    """Check a parsed vacancy or programme form (``kind``) and save it, for the page and the API alike.

    The locality must be known, a new vacancy's own reference free, its closing date (a
    programme's new start date) not past: problems are added to
    ``result.errors`` and nothing is saved (``None``), as with ``check_only`` (the caller found
    other problems). A vacancy saved is screened again. The caller commits or rolls back.
    """
    locality = check_locality(db, result)
    if kind == "vacancy" and target is None:
        check_vacancy_ref(db, user, result)
    if kind == "vacancy":
        check_closing_date(result)
    else:
        check_start_date(result, cast(PlacementProgramme | None, target))
    if check_only or not result.ok or locality is None:
        return None
    if kind == "vacancy":
        return save_vacancy(db, user, result.values, locality, cast(Vacancy | None, target))
    return save_programme(db, user, result.values, locality, cast(PlacementProgramme | None, target))


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
    org = employer_of(db, user)
    if vacancy is None:
        own_ref = values.get("id") or utcnow().strftime("%y%m%d%H%M%S%f")
        vacancy = Vacancy(ref=stored_ref(org, own_ref), employer_id=org.id, posted_on=utcnow().date())
        db.add(vacancy)
    _place(vacancy, values, locality)
    for name in ("shift", "pay", "pay_period", "contract", "closes_on"):
        setattr(vacancy, name, values[name])
    vacancy.status = VacancyStatus.PENDING_REVIEW
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
    org = employer_of(db, user)
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


def screening_ad(
    vacancy: Vacancy | dict[str, Any], employer: str, location: str, currency: str | None
) -> VacancyAd:
    """What the safety screener reads of a vacancy, or of a CSV row about to become one."""
    from matcher.screening import VacancyAd

    def get(name: str) -> Any:
        return vacancy.get(name) if isinstance(vacancy, dict) else getattr(vacancy, name)

    pay = get("pay")
    return VacancyAd(
        id=str(get("ref") or get("id") or ""),
        title=get("title"),
        employer=employer,
        location=location,
        wage=f"{pay} {currency} per {get('pay_period')}" if pay is not None else None,
        description=get("description"),
    )


def apply_screening(vacancy: Vacancy, result: ScreeningResult) -> None:
    """Keep the screener's result on the vacancy: held for review when flagged, else open."""
    from matcher.screening import requires_review

    vacancy.screening = result.to_dict(explain=True)
    vacancy.status = VacancyStatus.PENDING_REVIEW if requires_review(result) else VacancyStatus.OPEN


def screen(db: Session, vacancies: Sequence[Vacancy], screener: Screener) -> None:
    """Screen vacancies; hold the flagged ones for review, open the others."""
    ads = [
        screening_ad(v, v.employer.name, v.locality.name if v.locality else "", v.currency) for v in vacancies
    ]
    for vacancy, result in zip(vacancies, screener.screen_many(ads), strict=True):
        apply_screening(vacancy, result)


def screen_unscreened(db: Session, screener: Screener | None) -> int:
    """Screen every vacancy that has not been screened yet; return how many.

    Without a screener (none can be built for the app's model) they stay held and unscreened: 0.
    """
    todo = list(db.execute(select(Vacancy).where(Vacancy.screening.is_(None))).scalars())
    if todo and screener is not None:
        screen(db, todo, screener)
        return len(todo)
    return 0


def vacancy_for(db: Session, user: User, vacancy_id: int, *, change: bool = False) -> Vacancy:
    """A vacancy the user may see (counsellors: all; employers: their own), else 404."""
    vacancy = db.get(Vacancy, vacancy_id)
    own = vacancy is not None and user.role == "employer" and vacancy.employer_id == user.organisation_id
    if vacancy is None or not (own or (user.role == "counsellor" and not change)):
        raise NotFound(N_("No such vacancy for you."))
    return vacancy


def programme_for(db: Session, user: User, programme_id: int) -> PlacementProgramme:
    """One of the employer's own programmes, else 404."""
    programme = db.get(PlacementProgramme, programme_id)
    if programme is None or programme.employer_id != user.organisation_id:
        raise NotFound(N_("No such programme for you."))
    return programme


REVIEW_DECISIONS = ("approve", "reject")


class ReviewRefused(ValueError):
    """The vacancy is not waiting for a safety review (any more): it was opened, rejected or closed."""


def serves(user: User, vacancy: Vacancy) -> bool:
    """Whether ``user`` is a counsellor whose organisation serves the vacancy's locality.

    An organisation serves the locality it is in (``organisations.locality_id``); a vacancy
    without a locality is served by nobody.
    """
    org = user.organisation
    return (
        user.role == "counsellor"
        and org is not None
        and org.locality_id is not None
        and vacancy.locality_id == org.locality_id
    )


def held(vacancy: Vacancy) -> bool:
    """Whether the screening holds the vacancy for a counsellor's review now."""
    return vacancy.status == VacancyStatus.PENDING_REVIEW and vacancy.screening is not None


NOT_TO_REVIEW = audit.NotFoundFor("review_vacancy", "vacancy", N_("No such vacancy waiting for your review."))


def vacancy_to_review(db: Session, user: User, vacancy_id: int) -> Vacancy:
    """A vacancy in a locality the counsellor's organisation serves, else 404 (audited)."""
    return audit.row_for(db, user, Vacancy, vacancy_id, serves, NOT_TO_REVIEW)


def review(db: Session, user: User, vacancy: Vacancy, decision: str, note: str) -> None:
    """A counsellor of the vacancy's locality approves (with a note) or rejects a held vacancy.

    The decision is written only if the vacancy is still held when it is written (one
    conditional ``UPDATE``), so an employer's close or another counsellor's decision in the
    meantime is never overwritten.

    Raises
    ------
    NotFound
        The counsellor's organisation does not serve the vacancy's locality.
    ValueError
        No decision or no note.
    ReviewRefused
        The vacancy is not held for review.
    """
    if not serves(user, vacancy):
        raise NotFound(N_("No such vacancy waiting for your review."))
    if decision not in REVIEW_DECISIONS:
        raise ValueError(_("Choose approve or reject."))
    if not note.strip():
        raise ValueError(_("Write a short note: why it is safe, or what is wrong."))
    if vacancy.status == "pending_review" and vacancy.screening is None:
        raise ReviewRefused(
            _(
                "This vacancy is not waiting for a safety review yet: it is still being screened; "
                "review it once the screening is done."
            )
        )
    if not held(vacancy):
        raise ReviewRefused(
            _("This vacancy is not waiting for a safety review (it is %(status)s).", status=_status(vacancy))
        )
    decided = db.execute(
        update(Vacancy)
        .where(Vacancy.id == vacancy.id, Vacancy.status == VacancyStatus.PENDING_REVIEW)
        .values(
            status=VacancyStatus.OPEN if decision == "approve" else VacancyStatus.REJECTED,
            review_note=note.strip(),
            reviewed_by_id=user.id,
        )
        .returning(Vacancy.id)
        .execution_options(synchronize_session=False)
    ).scalar_one_or_none()
    db.refresh(vacancy)
    if decided is None:
        raise ReviewRefused(
            _("This vacancy is not waiting for a safety review (it is %(status)s).", status=_status(vacancy))
        )
    audit.record(db, f"review_{decision}", actor_id=user.id, object_type="vacancy", object_id=vacancy.id)


def _status(vacancy: Vacancy) -> str:
    return vocabulary.label("vacancy_status", vacancy.status).lower()


def review_queue(db: Session, user: User) -> list[Vacancy]:
    """Vacancies held for review in the localities the counsellor's organisation serves, oldest first."""
    held_here = _held_in_localities(user)
    if held_here is None:
        return []
    query = select(Vacancy).where(held_here, Vacancy.screening.is_not(None))
    return list(db.execute(query.order_by(Vacancy.posted_on, Vacancy.id)).scalars())


def held_unscreened(db: Session, user: User) -> int:
    """How many vacancies in the counsellor's localities are held and not screened yet.

    Normally a moment's wait; where no screener can be built for the app's model
    (``services.screener_cannot_run``) they stay so until an administrator sets a supported model,
    and the review queue says how many wait.
    """
    held_here = _held_in_localities(user)
    if held_here is None:
        return 0
    query = select(func.count()).select_from(Vacancy).where(held_here, Vacancy.screening.is_(None))
    return int(db.execute(query).scalar_one())


def _held_in_localities(user: User) -> ColumnElement[bool] | None:
    """The condition "held, in the counsellor's organisation's locality"; ``None`` for anyone else."""
    org = user.organisation
    if user.role != "counsellor" or org is None or org.locality_id is None:
        return None
    return and_(Vacancy.status == VacancyStatus.PENDING_REVIEW, Vacancy.locality_id == org.locality_id)


ORGANISATION_COLUMNS = [
    Column("name", max_length=200, no_formulas=True),
    Column("description", required=False, max_length=2000, no_formulas=True),
    Column("locality"),
]


def update_organisation(db: Session, user: User, values: dict[str, Any], locality: Locality) -> Organisation:
    """Change the employer's own organisation profile (name, description, locality)."""
    org = db.get(Organisation, user.organisation_id)
    if org is None or org.kind != "employer":
        raise NotFound(N_("Your account is not linked to an employer."))
    org.name = values["name"]
    org.description = values["description"] or ""
    org.locality = locality
    audit.record(db, "update_organisation", actor_id=user.id, object_type="organisation", object_id=org.id)
    return org
