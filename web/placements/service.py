"""Placement proposals: propose, move along the pipeline, disclose to employers by consent.

Counsellors act for people of their own organisation; employers only on proposals for
their own programmes and vacancies. What an employer sees of a person is an anonymised
summary plus exactly the fields the person agreed to share for that introduction, only
while the introduction is open and the consent it relied on is in force
(:mod:`web.placements.disclosure`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from matcher.records import Pay
from web.i18n import N_
from web.infra import audit
from web.placements import disclosure
from web.placements import history as learning
from web.placements.disclosure import DisclosureRefused, employer_id_of
from web.placements.pipeline import (
    CLOSED,
    EMPLOYER_MAY_RECORD,
    PATHS,
    RETENTION_MONTHS,
    STEPS,
    ProposalHistory,
    Step,
    TransitionRefused,
    check_transition,
    due_on,
    offered,
)
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
    utctoday,
)


@dataclass(frozen=True)
class EngineChoice:
    """What the engine said of a pair it proposed: probability at ``horizon``, propensity, any override."""

    probability: float | None = None
    horizon: int | None = None
    propensity: float | None = None
    override: str | None = None


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
    engine: EngineChoice | None = None,
) -> PlacementProposal:
    """Propose a place or a job to a person; needs their consent to matching.

    The proposal keeps a snapshot of the match's numeric features (:func:`web.placements.history.snapshot`),
    and, when the engine proposed it (``engine``), its probability, horizon and propensity and
    whether the counsellor overrode it; a counsellor's own choice has no propensity.
    """
    if "matching" not in _consents(person):
        raise TransitionRefused(N_("Record the person's consent to matching before proposing anything."))
    if (programme_id is None) == (vacancy_id is None):
        raise TransitionRefused(N_("Propose either a placement programme or a vacancy."))
    if programme_id is not None:
        programme = db.get(PlacementProgramme, programme_id)
        if programme is None:
            raise TransitionRefused(N_("That placement programme does not exist."))
        if programme.has_started:
            raise TransitionRefused(
                N_(
                    "That programme started on %(date)s and takes no more proposals. Ask the employer "
                    "when the next one starts."
                ),
                date=programme.starts_on,
            )
    if vacancy_id is not None:
        vacancy = db.get(Vacancy, vacancy_id)
        if vacancy is not None and vacancy.closed_by_date:
            raise TransitionRefused(
                N_("That vacancy closed on %(date)s; it can no longer be proposed."), date=vacancy.closes_on
            )
        if vacancy is None or vacancy.status != VacancyStatus.OPEN:
            raise TransitionRefused(N_("That vacancy is not open (it may be waiting for its safety review)."))
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
    if programme_id is not None and places_left(db, [programme_id]).get(programme_id, 0) == 0:
        raise TransitionRefused(
            N_(
                "Every place of this programme is taken by an open proposal. Close one that will not go "
                "ahead, or ask the employer to add places."
            )
        )
    now = utcnow()
    posting = db.get(PlacementProgramme, programme_id) if programme_id else db.get(Vacancy, vacancy_id)
    choice = engine or EngineChoice()
    proposal = PlacementProposal(
        person=person,
        programme_id=programme_id,
        vacancy_id=vacancy_id,
        score=score,
        created_by_id=user.id,
        created_at=now,
        state="proposed",
        features=None if posting is None else learning.snapshot(person, posting, score),
        propensity=choice.propensity,
        probability=choice.probability,
        horizon=choice.horizon,
        override=choice.override,
    )
    proposal.events.append(
        ProposalEvent(
            from_state=None, to_state="proposed", happened_on=now.date(), at=now, by_user_id=user.id
        )
    )
    db.add(proposal)
    db.flush()
    audit.record(db, "propose", actor_id=user.id, object_type="proposal", object_id=proposal.id)
    return proposal


def places_left(db: Session, programme_ids: Sequence[int] | None = None) -> dict[int, int]:
    """Programme id -> places not yet taken by an open proposal (a programme's places are limited).

    Every programme that still takes proposals (not started: :meth:`PlacementProgramme.open_on`
    today), or only those of ``programme_ids``; a started programme is left out.
    """
    taking = select(PlacementProposal.programme_id, func.count()).where(
        PlacementProposal.programme_id.is_not(None), PlacementProposal.state.not_in(CLOSED)
    )
    programmes = (
        select(PlacementProgramme)
        .where(PlacementProgramme.open_on(utctoday()))
        .order_by(PlacementProgramme.id)
    )
    if programme_ids is not None:
        taking = taking.where(PlacementProposal.programme_id.in_(programme_ids))
        programmes = programmes.where(PlacementProgramme.id.in_(programme_ids))
    taken = dict(db.execute(taking.group_by(PlacementProposal.programme_id)).all())
    return {p.id: max(0, p.capacity - int(taken.get(p.id, 0))) for p in db.execute(programmes).scalars()}


NO_SUCH_PROPOSAL = audit.NotFoundFor("view_proposal", "proposal", N_("No such proposal for you."))


def proposal_for(db: Session, user: User, proposal_id: int) -> PlacementProposal:
    """The proposal if ``user`` may act on it, else 404 (audited)."""
    return audit.row_for(db, user, PlacementProposal, proposal_id, _may_act, NO_SUCH_PROPOSAL)


def _may_act(user: User, proposal: PlacementProposal) -> bool:
    if user.role == "counsellor":
        return proposal.person.organisation_id == user.organisation_id
    if user.role == "employer":
        introduced = proposal.state not in ("proposed", "person_agreed")
        return introduced and employer_id_of(proposal) == user.organisation_id
    return False


def history(proposal: PlacementProposal) -> list[Step]:
    """The proposal's steps, oldest first, each with the day it happened: its dated history."""
    return [
        Step(e.to_state, e.happened_on, e.at, e.by_user_id, e.reason)
        for e in sorted(proposal.events, key=lambda e: e.id or 0)
    ]


def next_steps(proposal: PlacementProposal, today: dt.date | None = None) -> tuple[str, ...]:
    """The steps that may be recorded next, today (a retention step only once its time has passed)."""
    return offered(proposal.path, history(proposal), today or utctoday())


@dataclass(frozen=True)
class StepView:
    """A proposal's dated history and what ``role`` may record next, today, ready for a page.

    ``waiting`` names the next retention step not yet due and the day it can be recorded;
    ``today`` and ``earliest`` bound the day a step can be given (ISO dates for a date field).
    """

    history: tuple[Step, ...]
    since: dt.date | None
    nexts: tuple[str, ...]
    waiting: tuple[tuple[str, dt.date], ...]
    today: str
    earliest: str | None


def step_view(proposal: PlacementProposal, role: str, today: dt.date | None = None) -> StepView:
    """The :class:`StepView` of ``proposal`` for a counsellor or an employer."""
    today = today or utctoday()
    steps = history(proposal)
    nexts = tuple(
        s for s in offered(proposal.path, steps, today) if role != "employer" or s in EMPLOYER_MAY_RECORD
    )
    due = [(state, due_on(steps, state)) for state in RETENTION_MONTHS if state in PATHS[proposal.path]]
    waiting = tuple(
        (state, day)
        for state, day in due
        if day is not None and day > today and state in PATHS[proposal.path].get(proposal.state, ())
    )
    return StepView(
        history=tuple(steps),
        since=steps[-1].on if steps else None,
        nexts=nexts,
        waiting=waiting,
        today=today.isoformat(),
        earliest=steps[-1].on.isoformat() if steps else None,
    )


def move(
    db: Session,
    user: User,
    proposal: PlacementProposal,
    target: str,
    reason: str = "",
    shared_fields: list[str] | None = None,
    on: dt.date | None = None,
) -> None:
    """Record the next step as happening ``on`` (default today).

    At introduction, share what the person agreed to; closing the proposal ends what it shared.
    """
    today = utctoday()
    day = on or today
    check_transition(proposal.path, history(proposal), target, user.role, day, today, reason)
    chosen = disclosure.check_fields(proposal.person, shared_fields or [])
    if chosen and target != "introduced":
        raise DisclosureRefused(N_("Choose what to share when introducing the person, not at a later step."))
    proposal.events.append(
        ProposalEvent(
            from_state=proposal.state,
            to_state=target,
            happened_on=day,
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
        raise TransitionRefused(N_("Only the person's counsellor records what they share."))
    disclosure.grant(db, user, proposal, fields)


@dataclass(frozen=True)
class Introduction:
    """What an employer sees of one introduced person.

    ``name`` is the name the person uses when they agreed to share it with this employer
    (else ``None``: the page then never names them); ``shared`` holds the other shared fields.
    """

    proposal_id: int
    state: str
    opening: str
    summary: dict[str, Any]
    shared: dict[str, Any]
    opening_kind: str = "job"
    opening_id: int = 0
    introduced_on: dt.date | None = None
    next_steps: tuple[str, ...] = ()

    @property
    def name(self) -> str | None:
        """The shared name, if any."""
        value = self.shared.get("pseudonym")
        return str(value) if value else None

    @property
    def details(self) -> dict[str, Any]:
        """The shared fields other than the name, in display order."""
        return {k: v for k, v in self.shared.items() if k != "pseudonym"}


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
    opening = proposal.programme or proposal.vacancy
    introduced = next((s.on for s in reversed(history(proposal)) if s.state == "introduced"), None)
    return Introduction(
        proposal.id,
        proposal.state,
        opening.title if opening is not None else "",
        summary,
        shared,
        proposal.path,
        opening.id if opening is not None else 0,
        introduced,
        next_steps(proposal),
    )


@dataclass(frozen=True)
class OpeningIntroductions:
    """One of the employer's openings with the people introduced to it and how many are at each stage."""

    title: str
    kind: str
    opening_id: int
    items: tuple[Introduction, ...]
    by_stage: tuple[tuple[str, int], ...]


def by_opening(items: list[Introduction]) -> list[OpeningIntroductions]:
    """Introductions grouped by opening (in the order first met), with counts per stage in path order."""
    groups: dict[tuple[str, int], list[Introduction]] = {}
    for item in items:
        groups.setdefault((item.opening_kind, item.opening_id), []).append(item)
    out = []
    for (kind, opening_id), members in groups.items():
        order = list(STEPS[kind]) + [s for s in PATHS[kind] if s not in STEPS[kind]]
        counts = {s: sum(1 for m in members if m.state == s) for s in order}
        out.append(
            OpeningIntroductions(
                members[0].opening,
                kind,
                opening_id,
                tuple(members),
                tuple((s, n) for s, n in counts.items() if n),
            )
        )
    return out


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


def person_proposals(db: Session, person: Person) -> list[PlacementProposal]:
    """Every proposal for one person, newest first."""
    return list(
        db.execute(
            select(PlacementProposal)
            .where(PlacementProposal.person_id == person.id)
            .order_by(PlacementProposal.created_at.desc(), PlacementProposal.id.desc())
        ).scalars()
    )


def histories(db: Session, employer_id: int | None = None) -> list[ProposalHistory]:
    """Each proposal's reached states and their days, grouped by programme or vacancy, for outcome figures."""
    query = select(PlacementProposal)
    if employer_id is not None:
        query = (
            query.outerjoin(PlacementProgramme, PlacementProposal.programme_id == PlacementProgramme.id)
            .outerjoin(Vacancy, PlacementProposal.vacancy_id == Vacancy.id)
            .where(or_(PlacementProgramme.employer_id == employer_id, Vacancy.employer_id == employer_id))
        )
    result = []
    for proposal in db.execute(query).scalars():
        reached = {step.state: step.on for step in history(proposal)}
        opening = proposal.programme or proposal.vacancy
        group = f"{opening.employer.name}: {opening.title}" if opening is not None else "?"
        result.append(ProposalHistory(group, reached, _monthly_job_pay(proposal), proposal.path))
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
