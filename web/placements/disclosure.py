"""Disclosure per introduction: what a person shares with one employer for one proposal.

The person's consent to ``share_with_employers`` names the fields they agree may be shared at
all. Each introduction then shares some of them, chosen with the person, with the one employer
of that proposal: a :class:`~web.storage.schema.Disclosure`, tied to the proposal and to the
consent in force. It ends when the proposal closes (withdrawn, no offer, ended early, left the
job, ...) or when that consent is withdrawn, and an ended disclosure never reopens: after a new
consent, sharing with an employer again is a new disclosure, recorded on purpose. What an
employer sees of a person's fields comes only from :func:`current`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner.messages import Message
from web.i18n import N_
from web.infra import audit
from web.placements.pipeline import CLOSED, TransitionRefused
from web.storage.schema import (
    SHAREABLE_FIELDS,
    AuditEvent,
    Consent,
    Disclosure,
    Person,
    PlacementProposal,
    User,
    utcnow,
)
from web.vocabulary import DISCLOSURE_END_LABELS, SHARE_FIELD_LABELS

SHARE_PURPOSE = "share_with_employers"
#: Steps before the employer knows of the proposal: nothing is shared yet.
NOT_INTRODUCED = frozenset({"proposed", "person_agreed"})
#: Why a disclosure ended.
END_REASONS = tuple(DISCLOSURE_END_LABELS)
#: What the employer sees in the introductions list when it reads them (``web.placements.service``).
VIEW_ACTION = "disclose_introduction"


class DisclosureRefused(TransitionRefused):
    """A share the person did not agree to, or one this proposal cannot have (said as its ``message``)."""


def _field_list(fields: Iterable[str]) -> Message:
    names = list(fields)
    template = ", ".join(f"%(f{i})s" for i in range(len(names)))
    return Message(template, {f"f{i}": Message(SHARE_FIELD_LABELS.get(f, f)) for i, f in enumerate(names)})


def share_consent(person: Person) -> Consent | None:
    """The person's consent to share with employers, if one is in force."""
    return next((c for c in person.consents if c.purpose == SHARE_PURPOSE and c.in_force), None)


def agreed_fields(person: Person) -> tuple[str, ...]:
    """The fields the person's consent in force lets a counsellor share; none without one."""
    consent = share_consent(person)
    agreed = set(consent.fields or ()) if consent is not None else set()
    return tuple(f for f in SHAREABLE_FIELDS if f in agreed)


def check_fields(person: Person, fields: Sequence[str]) -> list[str]:
    """``fields`` in display order, if the person agreed to share each of them; else refused.

    Raises
    ------
    DisclosureRefused
        A field that cannot be shared at all, no consent to share in force, or a field the
        person's consent does not name.
    """
    unknown = [f for f in dict.fromkeys(fields) if f not in SHAREABLE_FIELDS]
    if unknown:
        raise DisclosureRefused(
            N_("%(fields)s cannot be shared with employers; only %(allowed)s can."),
            fields=", ".join(unknown),
            allowed=_field_list(SHAREABLE_FIELDS),
        )
    chosen = [f for f in SHAREABLE_FIELDS if f in fields]
    if not chosen:
        return []
    agreed = agreed_fields(person)
    if not agreed:
        raise DisclosureRefused(
            N_(
                "The person has not agreed to share details with employers; introduce them anonymously "
                "or record their consent first."
            )
        )
    beyond = [f for f in chosen if f not in agreed]
    if beyond:
        raise DisclosureRefused(
            N_(
                "The person did not agree to share %(fields)s with employers; share only what they agreed "
                "to (%(agreed)s), or record their consent again."
            ),
            fields=_field_list(beyond),
            agreed=_field_list(agreed),
        )
    return chosen


def employer_id_of(proposal: PlacementProposal) -> int | None:
    """The organisation that runs the programme or offers the vacancy."""
    if proposal.programme is not None:
        return proposal.programme.employer_id
    return proposal.vacancy.employer_id if proposal.vacancy is not None else None


def in_force(disclosure: Disclosure) -> bool:
    """Whether the employer may see the fields now: not ended, consent in force, proposal open."""
    return (
        disclosure.ended_at is None
        and disclosure.consent.in_force
        and disclosure.proposal.state not in CLOSED
    )


def current(proposal: PlacementProposal) -> Disclosure | None:
    """The proposal's disclosure in force, if any: the only source of what its employer sees."""
    return next((d for d in proposal.disclosures if in_force(d)), None)


def _end(db: Session, user: User | None, disclosure: Disclosure, reason: str, at: dt.datetime) -> None:
    disclosure.ended_at = at
    disclosure.ended_by_id = user.id if user is not None else None
    disclosure.end_reason = reason
    audit.record(
        db,
        "end_disclosure",
        actor_id=disclosure.ended_by_id,
        object_type="disclosure",
        object_id=disclosure.id,
    )


def _open(disclosures: Iterable[Disclosure]) -> list[Disclosure]:
    return [d for d in disclosures if d.ended_at is None]


def grant(db: Session, user: User, proposal: PlacementProposal, fields: Sequence[str]) -> Disclosure | None:
    """Share ``fields`` (checked against the person's consent) with the proposal's employer.

    Ends the disclosure the proposal had, if any: an empty ``fields`` stops sharing. Only an
    open introduction can share.
    """
    chosen = check_fields(proposal.person, fields)
    if proposal.state in NOT_INTRODUCED or proposal.state in CLOSED:
        raise DisclosureRefused(N_("Share details only on an open introduction; this proposal is not one."))
    now = utcnow()
    for earlier in _open(proposal.disclosures):
        _end(db, user, earlier, "replaced" if chosen else "stopped", now)
    if not chosen:
        return None
    disclosure = Disclosure(
        person=proposal.person,
        proposal=proposal,
        employer_id=employer_id_of(proposal),
        consent=share_consent(proposal.person),
        fields=chosen,
        granted_at=now,
        granted_by_id=user.id,
    )
    db.add(disclosure)
    db.flush()
    audit.record(db, "grant_disclosure", actor_id=user.id, object_type="disclosure", object_id=disclosure.id)
    return disclosure


def end_for_proposal(db: Session, user: User | None, proposal: PlacementProposal) -> None:
    """End the proposal's disclosures: it has closed."""
    now = utcnow()
    for disclosure in _open(proposal.disclosures):
        _end(db, user, disclosure, "proposal_closed", now)


def end_for_consent(db: Session, user: User | None, consent: Consent) -> None:
    """End every disclosure that relied on ``consent``: it has been withdrawn."""
    now = utcnow()
    for disclosure in _open(d for d in consent.person.disclosures if d.consent_id == consent.id):
        _end(db, user, disclosure, "consent_withdrawn", now)


@dataclass(frozen=True)
class DisclosureRow:
    """One line of a person's record of sharing: which employer saw what, and when.

    ``views`` counts the employer's listings of the introduction while it was in force
    (from the audit log); ``last_viewed_at`` is the latest of them.
    """

    employer: str
    opening: str
    fields: tuple[str, ...]
    granted_at: dt.datetime
    granted_by: str | None
    ended_at: dt.datetime | None
    end_reason: str | None
    proposal_state: str
    in_force: bool
    views: int
    last_viewed_at: dt.datetime | None


def history(db: Session, person: Person) -> list[DisclosureRow]:
    """Every disclosure of the person, newest first, with the employer's views of each."""
    rows = []
    for d in sorted(person.disclosures, key=lambda d: (d.granted_at, d.id), reverse=True):
        opening = d.proposal.programme or d.proposal.vacancy
        views, last = _views(db, d)
        rows.append(
            DisclosureRow(
                employer=d.employer.name,
                opening=opening.title if opening is not None else "",
                fields=tuple(d.fields),
                granted_at=d.granted_at,
                granted_by=d.granted_by.display_name if d.granted_by is not None else None,
                ended_at=d.ended_at,
                end_reason=d.end_reason,
                proposal_state=d.proposal.state,
                in_force=in_force(d),
                views=views,
                last_viewed_at=last,
            )
        )
    return rows


def _views(db: Session, disclosure: Disclosure) -> tuple[int, dt.datetime | None]:
    query = select(func.count(), func.max(AuditEvent.at)).where(
        AuditEvent.action == VIEW_ACTION,
        AuditEvent.object_type == "proposal",
        AuditEvent.object_id == str(disclosure.proposal_id),
        AuditEvent.outcome == "ok",
        AuditEvent.at >= disclosure.granted_at,
    )
    if disclosure.ended_at is not None:
        query = query.where(AuditEvent.at <= disclosure.ended_at)
    count, last = db.execute(query).one()
    return int(count), last
