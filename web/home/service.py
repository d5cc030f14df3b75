"""View-ready summaries for each role's landing page (plain data, no Flask)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from web.storage.schema import (
    Consent,
    Cooperative,
    CoopMember,
    Organisation,
    Person,
    PlacementProgramme,
    PlacementProposal,
    User,
    Vacancy,
)


@dataclass(frozen=True)
class CaseRow:
    """One person in a counsellor's caseload."""

    id: int
    ref: str
    pseudonym: str
    locality: str
    consents: tuple[str, ...]
    open_proposals: int


def caseload(db: Session, user: User) -> list[CaseRow]:
    """People supported by the counsellor's organisation, newest first."""
    people = db.execute(
        select(Person).where(Person.organisation_id == user.organisation_id).order_by(Person.ref)
    ).scalars()
    open_counts = dict(
        db.execute(
            select(PlacementProposal.person_id, func.count())
            .where(PlacementProposal.state.not_in(("hired", "withdrawn", "ended_early")))
            .group_by(PlacementProposal.person_id)
        ).all()
    )
    rows = []
    for person in people:
        purposes = tuple(sorted({c.purpose for c in person.consents if c.in_force}))
        rows.append(
            CaseRow(
                id=person.id,
                ref=person.ref,
                pseudonym=person.pseudonym,
                locality=person.locality.name if person.locality else "",
                consents=purposes,
                open_proposals=int(open_counts.get(person.id, 0)),
            )
        )
    return rows


@dataclass(frozen=True)
class EmployerSummary:
    """An employer's own vacancies and programmes."""

    organisation: str
    vacancies: tuple[Vacancy, ...]
    programmes: tuple[PlacementProgramme, ...]


def employer_summary(db: Session, user: User) -> EmployerSummary:
    """Only the employer's own organisation's postings."""
    org = db.get(Organisation, user.organisation_id) if user.organisation_id else None
    vacancies = db.execute(
        select(Vacancy).where(Vacancy.employer_id == user.organisation_id).order_by(Vacancy.posted_on.desc())
    ).scalars()
    programmes = db.execute(
        select(PlacementProgramme).where(PlacementProgramme.employer_id == user.organisation_id)
    ).scalars()
    return EmployerSummary(org.name if org else "", tuple(vacancies), tuple(programmes))


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
