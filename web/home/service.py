"""View-ready summaries for each role's landing page (plain data, no Flask)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from web.placements.service import places_left
from web.storage.schema import (
    Consent,
    Cooperative,
    CoopMember,
    Organisation,
    Person,
    PlacementProgramme,
    PlacementProposal,
    ProposalEvent,
    User,
    Vacancy,
)


@dataclass(frozen=True)
class CaseRow:
    """One person in a counsellor's caseload, with where their proposals stand."""

    id: int
    ref: str
    pseudonym: str
    locality: str
    consents: tuple[str, ...]
    open_proposals: int
    latest_step: str | None
    last_activity: dt.date | None


#: How the caseload can be sorted: name, reference, locality, open proposals, last activity.
CASELOAD_SORTS = ("name", "ref", "locality", "open", "activity")


@dataclass(frozen=True)
class Caseload:
    """The caseload as shown: the rows matching ``query`` in ``sort`` order, out of ``total``."""

    rows: tuple[CaseRow, ...]
    total: int
    query: str
    sort: str


def _day(value: dt.datetime | dt.date | None) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def _latest(*values: dt.datetime | dt.date | None) -> dt.date | None:
    days = [d for d in (_day(v) for v in values) if d is not None]
    return max(days) if days else None


def _sort_key(sort: str) -> Callable[[CaseRow], Any]:
    name: Callable[[CaseRow], Any] = lambda r: (r.pseudonym.casefold(), r.ref)  # noqa: E731
    keys: dict[str, Callable[[CaseRow], Any]] = {
        "name": name,
        "ref": lambda r: r.ref,
        "locality": lambda r: (r.locality.casefold(), name(r)),
        "open": lambda r: (-r.open_proposals, name(r)),
        "activity": lambda r: (-(r.last_activity or dt.date.min).toordinal(), name(r)),
    }
    return keys.get(sort, name)


def caseload(db: Session, user: User, query: str = "", sort: str = "name") -> Caseload:
    """People supported by the counsellor's organisation, searched and sorted, in a fixed number of queries.

    ``query`` is matched (case-insensitive) against the pseudonym, reference and locality; the
    pseudonym is encrypted, so the search happens here rather than in SQL. Open proposals are those
    not closed (:data:`web.placements.pipeline.CLOSED`); the latest step is that of the most recently
    changed open one; last activity is the latest of the profile's change, a consent given or
    withdrawn, a proposal made and a step recorded.
    """
    from web.placements.pipeline import CLOSED  # the blueprint package imports this module's callers

    people = db.execute(
        select(Person)
        .where(Person.organisation_id == user.organisation_id)
        .options(selectinload(Person.consents), selectinload(Person.locality))
        .order_by(Person.ref)
    ).scalars()
    proposals = db.execute(
        select(
            PlacementProposal.person_id,
            PlacementProposal.state,
            PlacementProposal.created_at,
            func.max(ProposalEvent.at),
        )
        .join(Person, Person.id == PlacementProposal.person_id)
        .outerjoin(ProposalEvent, ProposalEvent.proposal_id == PlacementProposal.id)
        .where(Person.organisation_id == user.organisation_id)
        .group_by(PlacementProposal.id)
    ).all()
    open_count: dict[int, int] = {}
    latest_step: dict[int, tuple[dt.date, str]] = {}
    touched: dict[int, dt.date | None] = {}
    for person_id, state, created_at, event_at in proposals:
        changed = _latest(created_at, event_at)
        touched[person_id] = _latest(touched.get(person_id), changed)
        if state not in CLOSED:
            open_count[person_id] = open_count.get(person_id, 0) + 1
            if changed is not None and (person_id not in latest_step or changed >= latest_step[person_id][0]):
                latest_step[person_id] = (changed, state)
    needle = query.strip().casefold()
    rows = []
    total = 0
    for person in people:
        total += 1
        locality = person.locality.name if person.locality else ""
        if needle and not any(needle in text.casefold() for text in (person.pseudonym, person.ref, locality)):
            continue
        consents = person.consents
        rows.append(
            CaseRow(
                id=person.id,
                ref=person.ref,
                pseudonym=person.pseudonym,
                locality=locality,
                consents=tuple(sorted({c.purpose for c in consents if c.in_force})),
                open_proposals=open_count.get(person.id, 0),
                latest_step=latest_step[person.id][1] if person.id in latest_step else None,
                last_activity=_latest(
                    person.updated_at,
                    touched.get(person.id),
                    *(c.granted_at for c in consents),
                    *(c.withdrawn_at for c in consents),
                ),
            )
        )
    sort = sort if sort in CASELOAD_SORTS else "name"
    return Caseload(tuple(sorted(rows, key=_sort_key(sort))), total, query.strip(), sort)


@dataclass(frozen=True)
class EmployerSummary:
    """An employer's own vacancies and programmes."""

    organisation: str
    vacancies: tuple[Vacancy, ...]
    programmes: tuple[PlacementProgramme, ...]
    #: programme id -> places not taken by an open proposal (started programmes are absent)
    places_left: dict[int, int]


def employer_summary(db: Session, user: User) -> EmployerSummary:
    """Only the employer's own organisation's postings."""
    org = db.get(Organisation, user.organisation_id) if user.organisation_id else None
    vacancies = db.execute(
        select(Vacancy).where(Vacancy.employer_id == user.organisation_id).order_by(Vacancy.posted_on.desc())
    ).scalars()
    programmes = tuple(
        db.execute(
            select(PlacementProgramme)
            .where(PlacementProgramme.employer_id == user.organisation_id)
            .order_by(PlacementProgramme.id)
        ).scalars()
    )
    left = places_left(db, [p.id for p in programmes]) if programmes else {}
    return EmployerSummary(org.name if org else "", tuple(vacancies), programmes, left)


def user_cooperative(db: Session, user: User) -> Cooperative | None:
    """The cooperative the member or treasurer belongs to."""
    member = db.execute(select(CoopMember).where(CoopMember.user_id == user.id)).scalar_one_or_none()
    return member.cooperative if member else None


@dataclass(frozen=True)
class AdminSummary:
    """Accounts for an administrator; no case files."""

    users: tuple[User, ...]
    people_count: int
    consent_count: int


def admin_summary(db: Session) -> AdminSummary:
    """Users and headline counts (no personal data)."""
    users = tuple(db.execute(select(User).order_by(User.role, User.username)).scalars())
    people = db.execute(select(func.count()).select_from(Person)).scalar_one()
    consents = db.execute(select(func.count()).select_from(Consent)).scalar_one()
    return AdminSummary(users, int(people), int(consents))
