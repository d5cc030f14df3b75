"""People supported: caseload access, profile changes, consent, export and erasure.

Every function takes the acting user and enforces the rule that a counsellor reaches
only people of their own organisation; anything else is "not found", so ids cannot be
probed. Each access and change is written to the audit log (ids only).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.exceptions import NotFound

from matcher.record_io import person_from_record
from matcher.records import PastJob, PersonProfile
from planner.messages import Message
from web.i18n import N_
from web.infra import audit
from web.storage.schema import (
    CONSENT_PURPOSES,
    SHAREABLE_FIELDS,
    Consent,
    Locality,
    Person,
    ProtectedAttributes,
    User,
    utcnow,
)

PROFILE_FIELDS = (
    "pseudonym",
    "skills_text",
    "work_history",
    "interests_text",
    "languages",
    "max_distance_km",
    "min_hours_per_week",
    "max_hours_per_week",
    "availability",
    "constraints_text",
    "exclusions",
    "desired_pay",
    "pay_period",
)
PROTECTED_FIELDS = ("gender", "nationality", "birth_year", "trafficking_history")


def person_for(db: Session, user: User, person_id: int, action: str = "view_person") -> Person:
    """The person if ``user`` may see them (same organisation), else 404; audited."""
    person = db.get(Person, person_id)
    if person is None or user.role != "counsellor" or person.organisation_id != user.organisation_id:
        audit.refuse(
            db,
            action,
            actor_id=user.id,
            object_type="person",
            object_id=person_id,
            error=NotFound(N_("No such person in your caseload.")),
        )
    audit.record(db, action, actor_id=user.id, object_type="person", object_id=person.id)
    return person


def localities(db: Session) -> list[Locality]:
    """Every locality, by name."""
    return list(db.execute(select(Locality).order_by(Locality.name)).scalars())


def _apply(db: Session, person: Person, values: dict[str, Any]) -> None:
    locality = db.execute(select(Locality).where(Locality.ref == values["locality"])).scalar_one()
    for name in PROFILE_FIELDS:
        setattr(person, name, values[name] if values[name] is not None or name not in _TEXTS else "")
    person.locality = locality
    person.currency = locality.currency
    lat, lon = values.get("latitude"), values.get("longitude")
    person.location = (
        {"latitude": lat, "longitude": lon}
        if lat is not None
        else {"latitude": locality.latitude, "longitude": locality.longitude}
    )
    protected = person.protected or ProtectedAttributes()
    for name in PROTECTED_FIELDS:
        value = values.get(name)
        setattr(protected, name, None if value is None else str(value))
    person.protected = protected


_TEXTS = {"skills_text", "interests_text", "constraints_text", "pseudonym"}


def create_person(db: Session, user: User, values: dict[str, Any]) -> Person:
    """Add a person to the counsellor's organisation's caseload."""
    person = Person(
        ref=f"p-{utcnow().strftime('%y%m%d%H%M%S%f')}",
        organisation_id=user.organisation_id,
        counsellor_id=user.id,
    )
    _apply(db, person, values)
    db.add(person)
    db.flush()
    audit.record(db, "create_person", actor_id=user.id, object_type="person", object_id=person.id)
    return person


def update_person(db: Session, user: User, person: Person, values: dict[str, Any]) -> None:
    """Change a person's profile."""
    _apply(db, person, values)
    audit.record(db, "update_person", actor_id=user.id, object_type="person", object_id=person.id)


def form_values(person: Person) -> dict[str, Any]:
    """The person's current values, as the form shows them."""
    values: dict[str, Any] = {name: getattr(person, name) for name in PROFILE_FIELDS}
    values["locality"] = person.locality.ref if person.locality else ""
    location = person.location or {}
    values["latitude"], values["longitude"] = location.get("latitude"), location.get("longitude")
    for name in PROTECTED_FIELDS:
        values[name] = getattr(person.protected, name) if person.protected else None
    return values


def consents_in_force(person: Person) -> set[str]:
    """Purposes the person currently agrees to."""
    return {c.purpose for c in person.consents if c.in_force}


class ConsentRefused(ValueError):
    """A consent that cannot be recorded as asked; the message says what to change.

    ``message`` says it in English (``str``) or, with ``message.text(gettext)``, in the
    reader's language.
    """

    def __init__(self, template: str, **values: Any) -> None:
        self.message = Message(template, values)
        super().__init__(str(self.message))


def grant_consent(
    db: Session, user: User, person: Person, purpose: str, fields: Sequence[str] | None = None
) -> Consent:
    """Record that the person agreed to ``purpose`` (idempotent while in force).

    Consent to share with employers names the ``fields`` the person agrees may be shared (at
    least one of :data:`~web.storage.schema.SHAREABLE_FIELDS`); other purposes take none.
    To change the fields, withdraw the consent and record it again.

    Raises
    ------
    ConsentRefused
        An unknown purpose, fields missing or unknown, or fields given for another purpose or
        different from those of the consent in force.
    """
    if purpose not in CONSENT_PURPOSES:
        raise ConsentRefused(N_("%(purpose)s is not a purpose of consent."), purpose=repr(purpose))
    chosen = _consent_fields(purpose, fields)
    for consent in person.consents:
        if consent.purpose == purpose and consent.in_force:
            if chosen is not None and set(consent.fields or ()) != set(chosen):
                raise ConsentRefused(
                    N_(
                        "The person already agreed to share other details; withdraw that consent first, "
                        "then record what they agree to now."
                    )
                )
            return consent
    consent = Consent(purpose=purpose, granted_by_id=user.id, granted_at=utcnow(), fields=chosen)
    person.consents.append(consent)
    db.flush()
    audit.record(db, "grant_consent", actor_id=user.id, object_type="consent", object_id=consent.id)
    return consent


def _consent_fields(purpose: str, fields: Sequence[str] | None) -> list[str] | None:
    if purpose != "share_with_employers":
        if fields:
            raise ConsentRefused(N_("Only consent to share with employers names fields."))
        return None
    unknown = [f for f in fields or () if f not in SHAREABLE_FIELDS]
    if unknown:
        raise ConsentRefused(
            N_("These cannot be shared with employers: %(fields)s."), fields=", ".join(unknown)
        )
    chosen = [f for f in SHAREABLE_FIELDS if f in (fields or ())]
    if not chosen:
        raise ConsentRefused(N_("Tick what the person agrees to share with employers (at least one)."))
    return chosen


def check_consents(purposes: Sequence[str], share_fields: Sequence[str]) -> Message | None:
    """Why consents to ``purposes`` (sharing ``share_fields``) cannot be recorded at once, or ``None``."""
    if share_fields and "share_with_employers" not in purposes:
        return Message(N_("Tick 'Sharing with employers' as well, or untick the details to share."))
    try:
        for purpose in purposes:
            _consent_fields(purpose, share_fields if purpose == "share_with_employers" else None)
    except ConsentRefused as refusal:
        return refusal.message
    return None


def withdraw_consent(db: Session, user: User, person: Person, purpose: str) -> bool:
    """Withdraw ``purpose`` at once; the record is kept, marked withdrawn.

    Withdrawing consent to share with employers ends every disclosure made under it.
    """
    from web.placements import disclosure  # here: the placements package imports this module

    changed = False
    for consent in person.consents:
        if consent.purpose == purpose and consent.in_force:
            consent.withdrawn_at = utcnow()
            consent.withdrawn_by_id = user.id
            audit.record(
                db, "withdraw_consent", actor_id=user.id, object_type="consent", object_id=consent.id
            )
            disclosure.end_for_consent(db, user, consent)
            changed = True
    return changed


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def export_person(db: Session, user: User, person: Person) -> dict[str, Any]:
    """Everything held about the person, readable, for a subject-access request.

    ``shared_with_employers`` lists each disclosure: which employer saw what, from when until
    when and why it ended, and how often the employer listed the introduction meanwhile.
    """
    from web.placements import disclosure  # here: the placements package imports this module

    audit.record(db, "export_person", actor_id=user.id, object_type="person", object_id=person.id)
    return {
        "reference": person.ref,
        "organisation": person.organisation.name,
        "locality": person.locality.name if person.locality else None,
        "profile": {name: _plain(getattr(person, name)) for name in PROFILE_FIELDS},
        "location": person.location,
        "protected_attributes": {
            name: getattr(person.protected, name) if person.protected else None for name in PROTECTED_FIELDS
        },
        "consents": [
            {
                "purpose": c.purpose,
                "fields": c.fields,
                "granted_at": _plain(c.granted_at),
                "withdrawn_at": _plain(c.withdrawn_at) if c.withdrawn_at else None,
            }
            for c in person.consents
        ],
        "shared_with_employers": [
            {
                "employer": row.employer,
                "opening": row.opening,
                "fields": list(row.fields),
                "from": _plain(row.granted_at),
                "until": _plain(row.ended_at) if row.ended_at else None,
                "why_ended": row.end_reason,
                "recorded_by": row.granted_by,
                "employer_views": row.views,
                "last_viewed_at": _plain(row.last_viewed_at) if row.last_viewed_at else None,
            }
            for row in disclosure.history(db, person)
        ],
        "esco_corrections": [
            {
                "kind": c.kind,
                "esco_uri": c.concept_uri,
                "esco_label": c.label,
                "decision": c.decision,
                "from_their_words": c.source_text,
                "decided_at": _plain(c.decided_at),
            }
            for c in person.esco_corrections
        ],
        "created_at": _plain(person.created_at),
        "updated_at": _plain(person.updated_at),
    }


def erase_person(db: Session, user: User | None, person: Person) -> None:
    """Erase the person and everything linked to them; the audit log keeps only the number.

    ``user`` is ``None`` when the retention period erases them (``pathways retention``).
    """
    person_id = person.id
    db.delete(person)
    db.flush()
    actor_id = user.id if user is not None else None
    audit.record(db, "erase_person", actor_id=actor_id, object_type="person", object_id=person_id)


def to_profile(person: Person, corrected: bool = True) -> PersonProfile:
    """The matcher's view of the person: no protected attribute can reach it.

    With ``corrected`` (the default), the counsellor's ESCO corrections count: each
    confirmed or added ESCO skill is one more line of the skills text, and each confirmed
    or added ESCO occupation one more past job, so matching reads them like the person's
    own words. ``corrected=False`` gives the person's words alone (what grounding reads).
    """
    location = person.location or {}
    record = {
        "id": person.ref,
        "skills_text": person.skills_text,
        "work_history": person.work_history,
        "interests_text": person.interests_text,
        "languages": person.languages,
        "latitude": location.get("latitude"),
        "longitude": location.get("longitude"),
        "max_distance_km": person.max_distance_km,
        "min_hours_per_week": person.min_hours_per_week,
        "max_hours_per_week": person.max_hours_per_week,
        "availability": person.availability,
        "constraints_text": person.constraints_text,
        "exclusions": person.exclusions,
        "desired_pay": None if person.desired_pay is None else float(person.desired_pay),
        "pay_period": person.pay_period,
        "currency": person.currency,
        "locality": person.locality.ref if person.locality else "",
    }
    profile = person_from_record(record, where=f"person {person.ref}")
    return _with_corrections(profile, person) if corrected else profile


def _with_corrections(profile: PersonProfile, person: Person) -> PersonProfile:
    kept = [c for c in person.esco_corrections if c.decision in ("confirmed", "added")]
    skills = [c.label for c in kept if c.kind == "skill"]
    titles = {j.title.casefold() for j in profile.work_history}
    jobs = [
        PastJob(title=c.label) for c in kept if c.kind == "occupation" and c.label.casefold() not in titles
    ]
    if not skills and not jobs:
        return profile
    return dataclasses.replace(
        profile,
        skills_text="\n".join([profile.skills_text, *skills]).strip(),
        work_history=profile.work_history + tuple(jobs),
    )


def language_notes(person: Person) -> tuple[str, ...]:
    """What the counsellor should know about the languages of the person's words for matching, if anything.

    The same notes as the matches page (:func:`web.matching.languages.matching_notes`).
    """
    from web.infra import services
    from web.matching.languages import matching_notes

    return matching_notes(person.pseudonym, to_profile(person), services.person_bridge())
