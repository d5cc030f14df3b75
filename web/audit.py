"""Append-only, hash-chained audit log: who did what to which record, and when.

Lines carry ids and action names only, never personal data. Each event's hash covers
its fields and the previous event's hash, so editing or deleting a line breaks the
chain, which :func:`verify` detects (``pathways audit verify``).

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

The event is written in the caller's transaction, so a rolled-back request leaves no
event, and the lock is held until the caller commits: keep work after ``record`` short.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from web.storage.schema import AuditEvent, utcnow

GENESIS = "0" * 64
#: PostgreSQL advisory lock key of the chain's writer.
CHAIN_LOCK_ID = 7311


def _digest(
    prev_hash: str,
    at: dt.datetime,
    actor_id: int | None,
    action: str,
    object_type: str,
    object_id: str,
    outcome: str,
) -> str:
    utc = at.astimezone(dt.UTC) if at.tzinfo else at  # SQLite hands back naive UTC
    stamp = utc.strftime("%Y-%m-%dT%H:%M:%S.%f")
    line = "|".join([prev_hash, stamp, str(actor_id or ""), action, object_type, object_id, outcome])
    return hashlib.sha256(line.encode()).hexdigest()


def record(
    db: Session,
    action: str,
    *,
    actor_id: int | None = None,
    object_type: str = "",
    object_id: object = "",
    outcome: str = "ok",
) -> AuditEvent:
    """Append one event in the caller's transaction (committed with it)."""
    _hold_chain_lock(db)
    last = db.execute(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).scalar()
    prev = last or GENESIS
    at = utcnow()
    event = AuditEvent(
        at=at,
        actor_id=actor_id,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        outcome=outcome,
        prev_hash=prev,
    )
    event.hash = _digest(prev, at, actor_id, action, object_type, str(object_id), outcome)
    db.add(event)
    db.flush()
    return event


def _hold_chain_lock(db: Session) -> None:
    """Make this transaction the chain's only writer until it ends (see the module docstring)."""
    dialect = db.get_bind().dialect.name
    if dialect == "postgresql":
        db.execute(text(f"SELECT pg_advisory_xact_lock({CHAIN_LOCK_ID})"))
    elif dialect == "sqlite":
        db.execute(text("UPDATE audit_events SET id = id WHERE 0 = 1"))


@dataclass(frozen=True)
class ChainReport:
    """Result of checking the audit chain."""

    events: int
    ok: bool
    first_bad_id: int | None
    problem: str


def verify(db: Session) -> ChainReport:
    """Walk the whole chain; report the first event whose hash or link does not hold."""
    prev = GENESIS
    count = 0
    for event in db.execute(select(AuditEvent).order_by(AuditEvent.id)).scalars():
        count += 1
        if event.prev_hash != prev:
            return ChainReport(count, False, event.id, "an event before this one was removed or changed")
        expected = _digest(
            prev, event.at, event.actor_id, event.action, event.object_type, event.object_id, event.outcome
        )
        if event.hash != expected:
            return ChainReport(count, False, event.id, "this event was edited after it was written")
        prev = event.hash
    return ChainReport(count, True, None, "")
