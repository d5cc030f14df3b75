"""Append-only, keyed hash chain of audit events: who did what to which record, and when.

Lines carry ids and action names only, never personal data. Each event's hash is an
HMAC-SHA256 of its fields and the previous event's hash, under a key derived from a data
key (:meth:`~web.storage.crypto.KeyRing.derived_key`) and named in the event
(``key_id``), so editing, deleting or inserting a line breaks the chain, and rewriting
the chain after it needs the key ring, which is kept outside the database.
:func:`verify` walks the chain (``pathways audit verify``). ``pathways keys rotate``
makes a new key current: later events are keyed with it, earlier ones keep theirs, so
the ring must keep every key the chain names. What a key holder could still do, and how
checkpoints kept elsewhere stop it, is in :mod:`web.infra.audit_checkpoint`.

Events written before the chain was keyed (migration 0005) are plain SHA-256, which
anyone can recompute. They are checked as they were, and the migration appended a keyed
marker event (``audit_chain_keyed``, its object id the number of earlier events) whose
keyed hash covers the last of them: the old part cannot be changed without the key
either. Any event in the old format after the marker is refused.

One chain, whatever the concurrency
-----------------------------------
Reading the last hash and appending the next event is one serialised step on every
engine, across threads and server processes alike (:func:`_hold_chain_lock`):

* PostgreSQL: a transaction-scoped advisory lock, taken before the read and held to
  commit or rollback. Under READ COMMITTED the read after the lock sees every event
  committed before it.
* SQLite: the database's single write lock, taken before the read by a write statement
  (an ``UPDATE`` that changes nothing). Only one connection in any process holds it, to
  commit or rollback, so the read sees the true head. This relies on the pysqlite
  driver's transaction mode that :func:`web.storage.make_engine` keeps: a transaction
  begins at its first write, so the statement that takes the lock is either a
  transaction's first (and SQLite waits up to the busy timeout for the lock) or comes
  after an earlier write that already holds it. Were transactions begun at their first
  read (a deferred ``BEGIN``), a transaction that read before another connection
  committed could not take the lock in WAL mode (SQLITE_BUSY_SNAPSHOT, which no busy
  timeout cures): the step would then fail loudly, never fork the chain.

The event is written in the caller's transaction, and the lock is held until the caller
commits: keep work after ``record`` short. An access is audited whatever the request answers:
when a request or job ends in an error, or a view refuses a change, its transaction is rolled
back with :func:`roll_back_keeping_events`, which records the events of that transaction again
and commits them alone. No view or service commits to keep an audit row.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import NoReturn, TypeVar

from sqlalchemy import event as orm_event
from sqlalchemy import select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from werkzeug.exceptions import HTTPException, NotFound

from web.storage.crypto import KeyRing, active_keyring
from web.storage.schema import AuditEvent, User, utcnow

logger = logging.getLogger(__name__)

GENESIS = "0" * 64
#: PostgreSQL advisory lock key of the chain's writer.
CHAIN_LOCK_ID = 7311
#: The event migration 0005 appends after the unkeyed events it found.
KEYED_START = "audit_chain_keyed"
#: What the chain's HMAC keys are derived for (:meth:`KeyRing.derived_key`).
CHAIN_KEY_PURPOSE = "audit-chain"


class AuditChainError(Exception):
    """The audit chain does not hold where an operation needs it to (a downgrade, a checkpoint)."""


#: What each link hashes of its event: when, who (or ``None``), action, object type, object id, outcome.
EventFields = tuple[dt.datetime, int | None, str, str, str, str]


def _line(*fields: *EventFields) -> str:
    at, actor_id, action, object_type, object_id, outcome = fields
    utc = at.astimezone(dt.UTC) if at.tzinfo else at  # SQLite hands back naive UTC
    stamp = utc.strftime("%Y-%m-%dT%H:%M:%S.%f")
    return "|".join([stamp, str(actor_id or ""), action, object_type, object_id, outcome])


def legacy_digest(prev_hash: str, *fields: *EventFields) -> str:
    """The plain SHA-256 link of events written before the chain was keyed (anyone can compute it)."""
    line = f"{prev_hash}|{_line(*fields)}"
    return hashlib.sha256(line.encode()).hexdigest()


def keyed_digest(ring: KeyRing, key_id: str, prev_hash: str, *fields: *EventFields) -> str:
    """The HMAC-SHA256 link of an event keyed with data key ``key_id``."""
    line = f"v2|{key_id}|{prev_hash}|{_line(*fields)}"
    key = ring.derived_key(key_id, CHAIN_KEY_PURPOSE)
    return hmac.new(key, line.encode(), hashlib.sha256).hexdigest()


def refuse(
    db: Session,
    action: str,
    *,
    actor_id: int | None,
    object_type: str,
    object_id: object,
    error: HTTPException,
) -> NoReturn:
    """Record a denied access and raise ``error`` (a 403 or 404).

    The error response rolls the rest of the request back and keeps the record
    (:func:`roll_back_keeping_events`): a refusal is audited like any other access.
    """
    record(db, action, actor_id=actor_id, object_type=object_type, object_id=object_id, outcome="denied")
    raise error


RowT = TypeVar("RowT")


@dataclass(frozen=True)
class NotFoundFor:
    """How :func:`row_for` refuses a row that is not the user's: audited action and object type, 404 text."""

    action: str
    object_type: str
    message: str


def row_for(
    db: Session,
    user: User,
    model: type[RowT],
    object_id: int,
    allowed: Callable[[User, RowT], bool],
    refusal: NotFoundFor,
) -> RowT:
    """Row ``object_id`` of ``model`` if ``allowed(user, row)``, else a 404 audited by :func:`refuse`.

    A row that does not exist and one that is not the user's are answered alike, so an id reveals nothing.
    """
    row = db.get(model, object_id)
    if row is None or not allowed(user, row):
        refuse(
            db,
            refusal.action,
            actor_id=user.id,
            object_type=refusal.object_type,
            object_id=object_id,
            error=NotFound(refusal.message),
        )
    return row


def record(
    db: Session,
    action: str,
    *,
    actor_id: int | None = None,
    object_type: str = "",
    object_id: object = "",
    outcome: str = "ok",
    at: dt.datetime | None = None,
) -> AuditEvent:
    """Append one event, keyed with the current data key, in the caller's transaction (committed with it).

    ``at`` defaults to now. Should that transaction be rolled back by :func:`roll_back_keeping_events`,
    the event is recorded again, with the time it was first recorded.
    """
    ring = active_keyring()
    _hold_chain_lock(db)
    last = db.execute(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).scalar()
    prev = last or GENESIS
    event = AuditEvent(
        at=at or utcnow(),
        actor_id=actor_id,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        outcome=outcome,
        prev_hash=prev,
        key_id=ring.current,
    )
    fields = (event.at, actor_id, action, object_type, str(object_id), outcome)
    event.hash = keyed_digest(ring, ring.current, prev, *fields)
    db.add(event)
    db.flush()
    db.info.setdefault(_UNCOMMITTED, []).append(_Recorded(*fields))
    return event


#: ``Session.info`` key: what :func:`record` wrote in the session's open transaction.
_UNCOMMITTED = "pathways.audit.uncommitted"


@dataclass(frozen=True)
class _Recorded:
    at: dt.datetime
    actor_id: int | None
    action: str
    object_type: str
    object_id: str
    outcome: str


@orm_event.listens_for(Session, "after_commit")
def _committed(db: Session) -> None:
    db.info.pop(_UNCOMMITTED, None)


def roll_back_keeping_events(db: Session) -> None:
    """Roll back ``db``'s transaction, then record its audit events again and commit them alone.

    What a refused or failed request wrote is dropped, but that the access happened is not: its
    events join the chain again after the rollback, each with the time it was first recorded.
    Should that fail too (the database gone), the count of lost events is logged, never their
    fields, and nothing is raised, so the error the request answers with is the one it had.
    """
    recorded: list[_Recorded] = db.info.pop(_UNCOMMITTED, [])
    db.rollback()
    if not recorded:
        return
    try:
        for kept in recorded:
            record(
                db,
                kept.action,
                actor_id=kept.actor_id,
                object_type=kept.object_type,
                object_id=kept.object_id,
                outcome=kept.outcome,
                at=kept.at,
            )
        db.commit()
    except SQLAlchemyError:
        db.rollback()
        logger.exception("%d audit event(s) of a rolled-back transaction not recorded again", len(recorded))


def _hold_chain_lock(db: Session) -> None:
    """Make this transaction the chain's only writer until it ends (see the module docstring)."""
    dialect = db.get_bind().dialect.name
    if dialect == "postgresql":
        db.execute(text(f"SELECT pg_advisory_xact_lock({CHAIN_LOCK_ID})"))
    elif dialect == "sqlite":
        db.execute(text("UPDATE audit_events SET id = id WHERE 0 = 1"))


@dataclass(frozen=True)
class ChainHead:
    """The chain's newest event as a checkpoint recorded it: how many events, which, and its hash."""

    events: int
    last_id: int
    last_hash: str


@dataclass(frozen=True)
class ChainReport:
    """Result of checking the audit chain (and any checkpoints given)."""

    events: int
    ok: bool
    first_bad_id: int | None
    problem: str
    legacy_events: int = 0
    keyed_since_id: int | None = None
    key_ids: tuple[str, ...] = ()
    heads_checked: int = 0


@dataclass
class _Walk:
    """The state of one walk along the chain."""

    ring: KeyRing
    heads: dict[int, ChainHead]
    prev: str = GENESIS
    count: int = 0
    legacy: int = 0
    keyed_since: int | None = None
    key_ids: set[str] = field(default_factory=set)
    heads_seen: set[int] = field(default_factory=set)

    def problem(self, event: AuditEvent) -> str:
        """What is wrong with the next event, or ``""``."""
        self.count += 1
        if event.prev_hash != self.prev:
            return "an event before this one was removed or changed"
        fields = (event.at, event.actor_id, event.action, event.object_type, event.object_id, event.outcome)
        if event.key_id is None:
            if self.keyed_since is not None:
                return "this event is in the old unkeyed format but was written after the chain was keyed"
            if event.hash != legacy_digest(self.prev, *fields):
                return "this event was edited after it was written"
            self.legacy += 1
        else:
            if event.key_id not in self.ring.keys:
                return f"this event is keyed with data key {event.key_id!r}, which is not in the key ring"
            if self.keyed_since is None and self.legacy and event.action != KEYED_START:
                return "the first keyed event after the unkeyed ones is not the upgrade's marker"
            if event.hash != keyed_digest(self.ring, event.key_id, self.prev, *fields):
                return "this event was edited after it was written, or written without the key"
            self.keyed_since = self.keyed_since or event.id
            self.key_ids.add(event.key_id)
        self.prev = event.hash
        return self._head_problem(event)

    def _head_problem(self, event: AuditEvent) -> str:
        head = self.heads.get(event.id)
        if head is None:
            return ""
        self.heads_seen.add(event.id)
        if event.hash != head.last_hash:
            return "the chain up to a checkpoint was rewritten: this event differs from the checkpoint's head"
        if self.count != head.events:
            return (
                f"events up to a checkpoint were removed or added: this, its head, is event {self.count} "
                f"of the chain, the checkpoint says {head.events}"
            )
        return ""


def verify(db: Session, heads: Iterable[ChainHead] = (), ring: KeyRing | None = None) -> ChainReport:
    """Walk the whole chain; report the first event whose hash or link does not hold.

    Each of ``heads`` (from checkpoints kept outside the database) must be in the chain,
    at its position and with its hash: that proves no event up to it was removed,
    changed or cut off, even by someone holding the key ring.
    """
    walk = _Walk(ring or active_keyring(), {h.last_id: h for h in heads})
    first_id: int | None = None
    for event in db.execute(select(AuditEvent).order_by(AuditEvent.id)).scalars():
        first_id = first_id or event.id
        problem = walk.problem(event)
        if problem:
            return _report(walk, False, event.id, problem)
    if walk.count and walk.keyed_since is None:
        problem = "no event is keyed: the chain was rewritten without the key, or not upgraded"
        return _report(walk, False, first_id, problem)
    missing = sorted(set(walk.heads) - walk.heads_seen)
    if missing:
        return _report(
            walk,
            False,
            missing[0],
            "a checkpoint's head event is missing: the newest events up to it were cut off or removed",
        )
    return _report(walk, True, None, "")


def _report(walk: _Walk, ok: bool, first_bad_id: int | None, problem: str) -> ChainReport:
    return ChainReport(
        walk.count,
        ok,
        first_bad_id,
        problem,
        walk.legacy,
        walk.keyed_since,
        tuple(sorted(walk.key_ids)),
        len(walk.heads_seen),
    )
