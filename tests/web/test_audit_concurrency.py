"""The audit chain under concurrent writers: no fork, no lost event, no "database is locked" (issue 14).

Many threads, and several processes, each with its own database connection, append audit
events to one database at once; the chain must then hold every event, each linked to the one
before it. Before the fix, SQLite read the last hash outside any write lock, so two writers
could link to the same event (a fork that ``pathways audit verify`` reports as broken).
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from web.infra import audit
from web.storage import make_engine, make_sessionmaker
from web.storage.crypto import KeyRing, active_keyring, install_keyring
from web.storage.schema import AuditEvent

THREADS = 12
EVENTS_PER_THREAD = 20
PROCESSES = 3


def write_events(database_url: str, threads: int, events: int, tag: str) -> None:
    """Append ``threads`` x ``events`` audit events, every thread on its own session, all at once."""
    engine = make_engine(database_url)
    sessions = make_sessionmaker(engine)
    start = threading.Barrier(threads)

    def writer(n: int) -> None:
        start.wait()
        for i in range(events):
            with sessions() as db:
                audit.record(db, "view_person", actor_id=n, object_type="person", object_id=f"{tag}-{n}-{i}")
                db.commit()

    try:
        with ThreadPoolExecutor(threads) as pool:
            for done in [pool.submit(writer, n) for n in range(threads)]:
                done.result()  # a "database is locked" or any other error fails the test here
    finally:
        engine.dispose()


def _process_main(database_url: str, ring_json: str, threads: int, events: int, tag: str) -> None:
    install_keyring(KeyRing.from_json(ring_json))
    write_events(database_url, threads, events, tag)


def _assert_one_unbroken_chain(db: Session, before: int, written: int) -> None:
    db.rollback()  # a fresh read
    report = audit.verify(db)
    shared = "SELECT prev_hash FROM audit_events GROUP BY prev_hash HAVING COUNT(*) > 1"
    forks = db.execute(text(f"SELECT COUNT(*) FROM ({shared}) f")).scalar_one()
    assert forks == 0, f"the chain forks {forks} times: events share the prev_hash they link to"
    assert report.ok, f"chain broken at event {report.first_bad_id}: {report.problem}"
    assert report.events == before + written
    ids = db.execute(select(AuditEvent.object_id).where(AuditEvent.action == "view_person")).scalars().all()
    assert len(ids) == len(set(ids)) == written  # every event kept, none twice


def test_threads_appending_at_once_keep_one_chain(db: Session, database_url: str) -> None:
    before = audit.verify(db).events
    write_events(database_url, THREADS, EVENTS_PER_THREAD, "t")
    _assert_one_unbroken_chain(db, before, THREADS * EVENTS_PER_THREAD)


def test_processes_appending_at_once_keep_one_chain(db: Session, database_url: str) -> None:
    before = audit.verify(db).events
    spawn = multiprocessing.get_context("spawn")
    ring = active_keyring().to_json()
    workers = [
        spawn.Process(target=_process_main, args=(database_url, ring, 4, 10, f"p{n}"))
        for n in range(PROCESSES)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=300)
    assert [w.exitcode for w in workers] == [0] * PROCESSES, "a writer process failed (see its output above)"
    _assert_one_unbroken_chain(db, before, PROCESSES * 4 * 10)


def _read_then_record(sessions: Callable[[], Session]) -> None:
    """One session reads, another commits an event, then the first records: both must land."""
    with sessions() as first:
        first.execute(select(AuditEvent.id)).all()  # a request reads before it writes
        with sessions() as second:
            audit.record(second, "login", actor_id=2)
            second.commit()
        audit.record(first, "view_person", actor_id=1, object_type="person", object_id="read-first")
        first.commit()


def test_a_session_that_read_before_another_committed_can_still_record(
    db: Session, database_url: str
) -> None:
    """Guards the SQLite transaction mode the chain lock relies on (docs/security.md, "Audit log").

    If SQLite transactions began at their first read (a deferred ``BEGIN``), the first session
    would hold a snapshot older than the second's commit, and in WAL mode could not then take
    the write lock (SQLITE_BUSY_SNAPSHOT, which no busy timeout cures).
    """
    engine = make_engine(database_url)
    try:
        _read_then_record(make_sessionmaker(engine))
    finally:
        engine.dispose()
    db.rollback()
    assert audit.verify(db).ok


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_sqlite_runs_in_wal_mode_with_a_busy_timeout_and_secure_delete(db: Session) -> None:
    assert db.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
    assert db.execute(text("PRAGMA busy_timeout")).scalar_one() >= 10_000
    assert db.execute(text("PRAGMA secure_delete")).scalar_one() == 1
