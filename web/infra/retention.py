"""Retention periods: erase people whose case has been inactive longer than the configured period.

``RETENTION_INACTIVE_PERSON_DAYS`` (default 730, about 24 months; 0 switches automatic
erasure off; otherwise at least 90, so that a number of months typed by mistake cannot
erase a caseload) is checked when the app starts. ``pathways retention`` applies it with
the same erasure code path a counsellor uses (:func:`web.people.service.erase_person`):
the person and everything linked to them go, and the audit log keeps only the id.

A case's last activity is the latest of: the record's creation or last change, a consent
granted or withdrawn, a proposal made or moved on, and any audited access to the record
that succeeded (a counsellor opening, exporting or changing it).

The audit log itself is not pruned: its lines hold ids and action names only, never
personal data, and deleting lines would break the hash chain that ``pathways audit
verify`` checks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from web.infra import audit
from web.infra.settings import whole_number
from web.storage.schema import AuditEvent, Consent, Person, PlacementProposal, ProposalEvent, utcnow

DEFAULT_INACTIVE_PERSON_DAYS = 730
MIN_INACTIVE_PERSON_DAYS = 90
MAX_DAYS = 36_500


@dataclass(frozen=True)
class RetentionPolicy:
    """How long data is kept; 0 means "until erased by hand"."""

    inactive_person_days: int = DEFAULT_INACTIVE_PERSON_DAYS

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> RetentionPolicy:
        """The policy in the app's configuration; :class:`~web.infra.settings.SettingError` if bad."""
        days = whole_number(
            {"RETENTION_INACTIVE_PERSON_DAYS": DEFAULT_INACTIVE_PERSON_DAYS, **config},
            "RETENTION_INACTIVE_PERSON_DAYS",
            minimum=MIN_INACTIVE_PERSON_DAYS,
            maximum=MAX_DAYS,
            off=0,
        )
        return cls(inactive_person_days=days)


@dataclass(frozen=True)
class RetentionReport:
    """What a retention run found and did: counts only, nothing about any person."""

    inactive_person_days: int
    cutoff: dt.datetime | None
    people_due: int
    people_erased: int
    dry_run: bool


def init_app(app: Flask) -> None:
    """Check the retention settings when the app starts (a bad value stops it with a clear message)."""
    policy = RetentionPolicy.from_config(app.config)
    app.config["RETENTION_INACTIVE_PERSON_DAYS"] = policy.inactive_person_days


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)  # SQLite hands back naive UTC


def last_activity(db: Session) -> dict[int, dt.datetime]:
    """Each person's id and the moment their case was last worked on (UTC)."""
    sources = [
        select(Person.id, Person.created_at),
        select(Person.id, Person.updated_at),
        select(Consent.person_id, func.max(Consent.granted_at)).group_by(Consent.person_id),
        select(Consent.person_id, func.max(Consent.withdrawn_at)).group_by(Consent.person_id),
        select(PlacementProposal.person_id, func.max(PlacementProposal.created_at)).group_by(
            PlacementProposal.person_id
        ),
        select(PlacementProposal.person_id, func.max(ProposalEvent.at))
        .join(ProposalEvent, ProposalEvent.proposal_id == PlacementProposal.id)
        .group_by(PlacementProposal.person_id),
    ]
    latest: dict[int, dt.datetime] = {}
    for query in sources:
        for person_id, moment in db.execute(query):
            if moment is not None and (person_id not in latest or _utc(moment) > latest[person_id]):
                latest[person_id] = _utc(moment)
    accesses = (
        select(AuditEvent.object_id, func.max(AuditEvent.at))
        .where(AuditEvent.object_type == "person", AuditEvent.outcome == "ok")
        .group_by(AuditEvent.object_id)
    )
    for object_id, moment in db.execute(accesses):
        if object_id.isdigit() and int(object_id) in latest and _utc(moment) > latest[int(object_id)]:
            latest[int(object_id)] = _utc(moment)
    return latest


def people_due(db: Session, policy: RetentionPolicy, now: dt.datetime) -> list[int]:
    """Ids of people whose case has been inactive longer than the policy allows (none when it is off)."""
    if not policy.inactive_person_days:
        return []
    cutoff = now - dt.timedelta(days=policy.inactive_person_days)
    return sorted(pid for pid, moment in last_activity(db).items() if moment < cutoff)


def apply(
    db: Session, policy: RetentionPolicy, *, dry_run: bool = False, now: dt.datetime | None = None
) -> RetentionReport:
    """Erase every person past the retention period (unless ``dry_run``), in the caller's transaction.

    Each erasure goes through :func:`web.people.service.erase_person` and is audited
    (``erase_person`` with no actor); the run itself is audited as ``retention_run``.
    """
    from web.people.service import erase_person

    now = now or utcnow()
    due = people_due(db, policy, now)
    erased = 0
    if not dry_run:
        for person_id in due:
            person = db.get(Person, person_id)
            if person is not None:
                erase_person(db, None, person)
                erased += 1
        audit.record(db, "retention_run", object_type="retention", object_id=erased)
    cutoff = now - dt.timedelta(days=policy.inactive_person_days) if policy.inactive_person_days else None
    return RetentionReport(policy.inactive_person_days, cutoff, len(due), erased, dry_run)
