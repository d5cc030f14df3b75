"""Placement proposals: propose, move along the pipeline, disclose to employers by consent.

Counsellors act for people of their own organisation; employers only on proposals for
their own programmes and vacancies. What an employer sees of a person is an anonymised
summary plus exactly the fields the person agreed to share for that introduction, only
while the introduction is open and the consent it relied on is in force
(:mod:`web.placements.disclosure`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session
from werkzeug.exceptions import NotFound

from matcher.records import Pay
from web import audit
from web.i18n import N_
from web.placements import disclosure
from web.placements.disclosure import DisclosureRefused, employer_id_of
from web.placements.pipeline import CLOSED, ProposalHistory, TransitionRefused, check_transition
from web.storage.schema import (
    SHAREABLE_FIELDS,
    Person,
    PlacementProgramme,
    PlacementProposal,
    ProposalEvent,
    User,
    Vacancy,
    VacancyStatus,
    utcnow,
)


def _consents(person: Person) -> set[str]:
    return {c.purpose for c in person.consents if c.in_force}


def propose(
    db: Session,
    user: User,
    person: Person,
    *,
    programme_id: int | None = None,
    vacancy_id: int | None = None,
    score: float | None = None,
) -> PlacementProposal:
    """Propose a place or a job to a person; needs their consent to matching."""
    if "matching" not in _consents(person):
        raise TransitionRefused("Record the person's consent to matching before proposing anything.")
    if (programme_id is None) == (vacancy_id is None):
        raise TransitionRefused("Propose either a placement programme or a vacancy.")
    if programme_id is not None and db.get(PlacementProgramme, programme_id) is None:
        raise TransitionRefused("That placement programme does not exist.")
    if vacancy_id is not None:
        vacancy = db.get(Vacancy, vacancy_id)
        if vacancy is None or vacancy.status != VacancyStatus.OPEN:
            raise TransitionRefused("That vacancy is not open (it may be waiting for its safety review).")
    open_same = db.execute(
        select(PlacementProposal).where(
            PlacementProposal.person_id == person.id,
            PlacementProposal.programme_id == programme_id
            if programme_id
            else PlacementProposal.vacancy_id == vacancy_id,
            PlacementProposal.state.not_in(CLOSED),
        )
    ).scalar_one_or_none()
    if open_same is not None:
        return open_same
    now = utcnow()
    proposal = PlacementProposal(
        person=person,
        programme_id=programme_id,
        vacancy_id=vacancy_id,
        score=score,
        created_by_id=user.id,
        created_at=now,
        state="proposed",
    )
    proposal.events.append(ProposalEvent(from_state=None, to_state="proposed", at=now, by_user_id=user.id))
    db.add(proposal)
    db.flush()
    audit.record(db, "propose", actor_id=user.id, object_type="proposal", object_id=proposal.id)
    return proposal


def proposal_for(db: Session, user: User, proposal_id: int) -> PlacementProposal:
    """The proposal if ``user`` may act on it, else 404 (audited)."""
    proposal = db.get(PlacementProposal, proposal_id)
    if proposal is None or not _may_act(user, proposal):
        audit.record(
            db,
            "view_proposal",
            actor_id=user.id,
            object_type="proposal",
            object_id=proposal_id,
            outcome="denied",
        )
        db.commit()
        raise NotFound(N_("No such proposal for you."))
    return proposal


def _may_act(user: User, proposal: PlacementProposal) -> bool:
    if user.role == "counsellor":
        return proposal.person.organisation_id == user.organisation_id
    if user.role == "employer":
        introduced = proposal.state not in ("proposed", "person_agreed")
        return introduced and employer_id_of(proposal) == user.organisation_id
    return False


def move(
    db: Session,
    user: User,
    proposal: PlacementProposal,
    target: str,
    reason: str = "",
    shared_fields: list[str] | None = None,
) -> None:
    """Record the next step; at introduction, share what the person agreed to share with this employer.

    Closing the proposal ends what it shared.
    """
    check_transition(proposal.state, target, user.role, reason)
    chosen = disclosure.check_fields(proposal.person, shared_fields or [])
    if chosen and target != "introduced":
        raise DisclosureRefused(N_("Choose what to share when introducing the person, not at a later step."))
    proposal.events.append(
        ProposalEvent(
            from_state=proposal.state,
            to_state=target,
            at=utcnow(),
            by_user_id=user.id,
            reason=reason.strip() or None,
        )
    )
    proposal.state = target
    audit.record(db, f"proposal_{target}", actor_id=user.id, object_type="proposal", object_id=proposal.id)
    if chosen:
        disclosure.grant(db, user, proposal, chosen)
    if target in CLOSED:
        disclosure.end_for_proposal(db, user, proposal)


def share(db: Session, user: User, proposal: PlacementProposal, fields: list[str]) -> None:
    """Share ``fields`` with the employer of an open introduction again (none: stop sharing).

    A new disclosure, checked against the person's consent in force; the one before ends.
    """
    if user.role != "counsellor":
        raise TransitionRefused("Only the person's counsellor records what they share.")
    disclosure.grant(db, user, proposal, fields)


@dataclass(frozen=True)
class Introduction:
    """What an employer sees of one introduced person."""

    proposal_id: int
    state: str
    opening: str
    summary: dict[str, Any]
    shared: dict[str, Any]


def disclose(proposal: PlacementProposal) -> Introduction:
    """The employer's view: an anonymised summary, plus only the fields of the disclosure in force."""
    person = proposal.person
    summary = {
        "languages": list(person.languages),
        "availability": list(person.availability),
        "hours_per_week": [person.min_hours_per_week, person.max_hours_per_week],
        "locality": person.locality.name if person.locality else "",
        "match_score": None if proposal.score is None else round(proposal.score),
    }
    current = disclosure.current(proposal)
    fields = [name for name in current.fields if name in SHAREABLE_FIELDS] if current is not None else []
    shared = {name: getattr(person, name) for name in fields}
    opening = (
        proposal.programme.title if proposal.programme else proposal.vacancy.title if proposal.vacancy else ""
    )
    return Introduction(proposal.id, proposal.state, opening, summary, shared)


def introductions(db: Session, user: User) -> list[Introduction]:
    """Introductions made to the employer's own programmes and vacancies."""
    rows = db.execute(
        select(PlacementProposal)
        .outerjoin(PlacementProgramme, PlacementProposal.programme_id == PlacementProgramme.id)
        .outerjoin(Vacancy, PlacementProposal.vacancy_id == Vacancy.id)
        .where(
            or_(
                PlacementProgramme.employer_id == user.organisation_id,
                Vacancy.employer_id == user.organisation_id,
            )
        )
        .where(PlacementProposal.state.not_in(("proposed", "person_agreed")))
        .order_by(PlacementProposal.created_at.desc())
    ).scalars()
    shown = [disclose(p) for p in rows]
    for item in shown:
        audit.record(
            db, "disclose_introduction", actor_id=user.id, object_type="proposal", object_id=item.proposal_id
        )
    return shown


def caseload_proposals(db: Session, user: User) -> list[PlacementProposal]:
    """Every proposal for people of the counsellor's organisation, newest first."""
    return list(
        db.execute(
            select(PlacementProposal)
            .join(Person)
            .where(Person.organisation_id == user.organisation_id)
            .order_by(PlacementProposal.created_at.desc())
        ).scalars()
    )


def histories(db: Session, employer_id: int | None = None) -> list[ProposalHistory]:
    """Each proposal's reached states, grouped by programme or vacancy title, for outcome figures."""
    query = select(PlacementProposal)
    if employer_id is not None:
        query = (
            query.outerjoin(PlacementProgramme, PlacementProposal.programme_id == PlacementProgramme.id)
            .outerjoin(Vacancy, PlacementProposal.vacancy_id == Vacancy.id)
            .where(or_(PlacementProgramme.employer_id == employer_id, Vacancy.employer_id == employer_id))
        )
    result = []
    for proposal in db.execute(query).scalars():
        reached = {event.to_state: event.at for event in proposal.events}
        opening = proposal.programme or proposal.vacancy
        group = f"{opening.employer.name}: {opening.title}" if opening is not None else "?"
        result.append(ProposalHistory(group, reached, _monthly_job_pay(proposal)))
    return result


def _monthly_job_pay(proposal: PlacementProposal) -> float | None:
    if proposal.programme is not None:
        p = proposal.programme
        amount, period, hours = p.job_pay, p.pay_period, p.hours_per_week
    elif proposal.vacancy is not None:
        v = proposal.vacancy
        amount, period, hours = v.pay, v.pay_period, v.hours_per_week
    else:
        return None
    if amount is None or not period:
        return None
    return Pay(float(amount), period, "").per("month", hours)
