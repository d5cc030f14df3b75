"""The keyed audit chain and its checkpoints against a database operator (issue 14).

Each attack below is one an operator who can write the database could make before: the
chain it leaves passes the plain-SHA-256 check that ``pathways audit verify`` made until
now (:func:`_old_verify`, kept here as it was), and the keyed chain or a checkpoint kept
elsewhere refuses it. Every test runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from tests.web.conftest import TEST_KEYRING, cli_instance, run_cli
from web.infra import audit, audit_checkpoint
from web.infra.audit_checkpoint import Checkpoint, CheckpointError
from web.ops.backup import write_backup
from web.storage import alembic_config, make_engine, make_sessionmaker, upgrade
from web.storage.crypto import KeyRing, active_keyring, install_keyring
from web.storage.schema import AuditEvent, utcnow

ACTIONS = ("login", "view_person", "export_person", "view_person", "logout")


def _old_verify(db: Session) -> bool:
    """``audit.verify`` as it was before the chain was keyed: plain SHA-256 links, nothing else."""
    prev = audit.GENESIS
    columns = "at, actor_id, action, object_type, object_id, outcome, prev_hash, hash"
    for event in db.execute(select(*AuditEvent.__table__.c[tuple(columns.split(", "))]).order_by("id")):
        if event.prev_hash != prev or event.hash != audit.legacy_digest(prev, *event[:6]):
            return False
        prev = event.hash
    return True


def _fields(event: AuditEvent) -> tuple[object, ...]:
    return (event.at, event.actor_id, event.action, event.object_type, event.object_id, event.outcome)


def _rewrite(db: Session, ring: KeyRing | None = None) -> None:
    """Re-link every event after an edit: with the project's digest, or with the key ring if given."""
    prev = audit.GENESIS
    for event in db.execute(select(AuditEvent).order_by(AuditEvent.id)).scalars().all():
        if ring is None:
            digest, key_id = audit.legacy_digest(prev, *_fields(event)), None
        else:
            digest, key_id = audit.keyed_digest(ring, ring.current, prev, *_fields(event)), ring.current
        db.execute(
            text("UPDATE audit_events SET prev_hash = :p, hash = :h, key_id = :k WHERE id = :i"),
            {"p": prev, "h": digest, "k": key_id, "i": event.id},
        )
        prev = digest
    db.commit()
    db.expire_all()


def _delete_export_event(db: Session) -> None:
    db.execute(text("DELETE FROM audit_events WHERE action = 'export_person'"))
    db.commit()


@pytest.fixture()
def logged(db: Session) -> Session:
    """A database whose log holds a few events, including one ``export_person``."""
    for action in ACTIONS:
        audit.record(db, action, actor_id=3, object_type="person", object_id=17)
    db.commit()
    return db


def _checkpoint(db: Session) -> Checkpoint:
    made = audit_checkpoint.take(db)
    db.commit()
    return made


def _verify_with(db: Session, made: Checkpoint) -> audit.ChainReport:
    db.expire_all()
    return audit.verify(db, [audit_checkpoint.check(made)])


def test_each_link_is_an_hmac_under_the_current_data_key(logged: Session) -> None:
    ring = active_keyring()
    events = logged.execute(select(AuditEvent).order_by(AuditEvent.id)).scalars().all()
    assert {e.key_id for e in events} == {ring.current}
    first = events[0]
    assert first.hash != audit.legacy_digest(audit.GENESIS, *_fields(first))
    report = audit.verify(logged)
    assert report.ok and report.events == len(ACTIONS) and report.key_ids == (ring.current,)
    assert report.legacy_events == 0 and report.keyed_since_id == first.id
    assert not audit.verify(logged, ring=KeyRing.generate()).ok  # another instance's keys


def test_rotated_keys_keep_older_links_verifiable(logged: Session) -> None:
    old = active_keyring()
    rotated = old.with_new_key()
    install_keyring(rotated)
    try:
        audit.record(logged, "keys_rotate", object_type="data_key", object_id=rotated.current)
        logged.commit()
        report = audit.verify(logged)
        assert report.ok and report.key_ids == tuple(sorted((old.current, rotated.current)))
        without_old = KeyRing({rotated.current: rotated.keys[rotated.current]}, rotated.current)
        report = audit.verify(logged, ring=without_old)
        assert not report.ok and f"{old.current!r}, which is not in the key ring" in report.problem
    finally:
        install_keyring(old)


def test_a_backup_names_the_data_keys_its_audit_chain_needs(logged: Session, tmp_path: Path) -> None:
    report = write_backup(logged.get_bind(), tmp_path / "log.backup", "a long backup passphrase", n=2**10)
    assert report.key_ids == (active_keyring().current,)  # no encrypted field here: only the audit chain


def test_a_deleted_export_event_and_a_chain_rewritten_with_the_project_digest_are_refused(
    logged: Session,
) -> None:
    made = _checkpoint(logged)
    _delete_export_event(logged)
    _rewrite(logged)
    assert _old_verify(logged)  # what `pathways audit verify` said before: ok
    report = audit.verify(logged)
    assert not report.ok and report.problem.startswith("no event is keyed")
    assert not _verify_with(logged, made).ok


def test_a_chain_rewritten_with_the_key_is_refused_by_a_checkpoint(logged: Session) -> None:
    made = _checkpoint(logged)
    _delete_export_event(logged)
    _rewrite(logged, active_keyring())  # the operator also holds the key file
    assert audit.verify(logged).ok  # without a checkpoint, a key holder's rewrite passes: documented
    report = _verify_with(logged, made)
    assert not report.ok and "rewritten" in report.problem and report.first_bad_id == made.head.last_id


def test_cut_off_newest_events_are_refused_by_a_checkpoint(logged: Session) -> None:
    made = _checkpoint(logged)
    logged.execute(text("DELETE FROM audit_events WHERE id >= :i"), {"i": made.head.last_id - 2})
    logged.commit()
    assert audit.verify(logged).ok  # a shorter chain is a whole chain, as before: only a checkpoint tells
    report = _verify_with(logged, made)
    assert not report.ok and report.first_bad_id == made.head.last_id and "cut off" in report.problem


def test_a_checkpoint_matches_the_chain_as_it_grows(logged: Session) -> None:
    first = _checkpoint(logged)
    audit.record(logged, "view_person", actor_id=3, object_type="person", object_id=17)
    logged.commit()
    second = _checkpoint(logged)
    report = audit.verify(logged, [audit_checkpoint.check(first), audit_checkpoint.check(second)])
    assert report.ok and report.heads_checked == 2 and second.head.events == len(ACTIONS) + 3


def test_an_event_moved_within_the_checkpointed_part_is_refused(logged: Session) -> None:
    made = _checkpoint(logged)
    logged.execute(text("DELETE FROM audit_events WHERE action = 'login'"))  # the first event
    logged.commit()
    _rewrite(logged, active_keyring())
    report = _verify_with(logged, made)
    assert not report.ok


def test_a_changed_or_foreign_checkpoint_file_is_refused(logged: Session) -> None:
    made = _checkpoint(logged)
    assert made.signature_holds()
    bumped = dataclasses.replace(made, head=dataclasses.replace(made.head, events=made.head.events - 1))
    assert not bumped.signature_holds()
    with pytest.raises(CheckpointError, match="does not hold"):
        audit_checkpoint.check(bumped)
    with pytest.raises(CheckpointError, match="not in the key ring"):
        audit_checkpoint.check(made, KeyRing.generate())
    again = Checkpoint.from_json(made.to_json())
    assert again == made
    with pytest.raises(CheckpointError, match="malformed"):
        Checkpoint.from_json('{"format": "pathways-audit-checkpoint/1"}')


def test_a_checkpoint_of_a_broken_chain_is_refused(logged: Session) -> None:
    logged.execute(text("UPDATE audit_events SET outcome = 'denied' WHERE action = 'export_person'"))
    logged.commit()
    with pytest.raises(CheckpointError, match="broken at event"):
        audit_checkpoint.take(logged)


# --- databases from before the keyed chain (migration 0005) ---------------------------------------------


def _legacy_database(database_url: str, events: int) -> None:
    """A database at revision 0004 whose log holds ``events`` plain-SHA-256 events, as before."""
    engine = make_engine(database_url)
    command.upgrade(alembic_config(engine), "0004")
    prev = audit.GENESIS
    with engine.begin() as conn:
        for n in range(events):
            at = utcnow()
            digest = audit.legacy_digest(prev, at, 3, "view_person", "person", str(n), "ok")
            conn.execute(
                text(
                    "INSERT INTO audit_events (at, actor_id, action, object_type, object_id, outcome, "
                    "prev_hash, hash) VALUES (:at, 3, 'view_person', 'person', :o, 'ok', :p, :h)"
                ),
                {"at": at, "o": str(n), "p": prev, "h": digest},
            )
            prev = digest
    engine.dispose()


@pytest.fixture()
def upgraded(database_url: str) -> Iterator[Session]:
    """A database with 4 legacy events, upgraded to the keyed chain, then one new event."""
    install_keyring(TEST_KEYRING)
    _legacy_database(database_url, 4)
    engine = make_engine(database_url)
    upgrade(engine)
    with make_sessionmaker(engine)() as db:
        audit.record(db, "login", actor_id=3)
        db.commit()
        yield db
    engine.dispose()


def test_an_upgraded_chain_checks_old_events_as_they_were_and_keys_the_rest(upgraded: Session) -> None:
    report = audit.verify(upgraded)
    marker = upgraded.execute(select(AuditEvent).where(AuditEvent.action == audit.KEYED_START)).scalar_one()
    assert report.ok and report.events == 6 and report.legacy_events == 4
    assert report.keyed_since_id == marker.id and marker.object_id == "4" and marker.key_id is not None


def test_an_upgraded_chains_old_part_cannot_be_rewritten_without_the_key(upgraded: Session) -> None:
    first = upgraded.execute(select(AuditEvent).order_by(AuditEvent.id)).scalars().first()
    assert first is not None and first.key_id is None
    upgraded.execute(text("DELETE FROM audit_events WHERE id = :i"), {"i": first.id})
    prev = audit.GENESIS
    for event in upgraded.execute(select(AuditEvent).order_by(AuditEvent.id)).scalars().all():
        if event.key_id is not None:
            break
        digest = audit.legacy_digest(prev, *_fields(event))
        event.prev_hash, event.hash, prev = prev, digest, digest
    upgraded.commit()
    report = audit.verify(upgraded)
    assert not report.ok and report.problem == "an event before this one was removed or changed"


def test_an_old_format_event_after_the_upgrade_is_refused(upgraded: Session) -> None:
    last = upgraded.execute(select(AuditEvent).order_by(AuditEvent.id.desc())).scalars().first()
    assert last is not None
    at = utcnow()
    forged = AuditEvent(
        at=at,
        actor_id=None,
        action="login",
        object_type="",
        object_id="",
        outcome="ok",
        prev_hash=last.hash,
        hash=audit.legacy_digest(last.hash, at, None, "login", "", "", "ok"),
    )
    upgraded.add(forged)
    upgraded.commit()
    report = audit.verify(upgraded)
    assert not report.ok and report.first_bad_id == forged.id and "old unkeyed format" in report.problem


def test_the_keyed_chain_migration_downgrades_to_plain_links_and_upgrades_again(
    upgraded: Session, database_url: str
) -> None:
    upgraded.close()
    engine = make_engine(database_url)
    command.downgrade(alembic_config(engine), "0004")
    with make_sessionmaker(engine)() as db:
        assert "key_id" not in db.execute(text("SELECT * FROM audit_events")).keys()
        assert _old_verify(db)  # the version before reads the whole chain again
    upgrade(engine)
    with make_sessionmaker(engine)() as db:
        report = audit.verify(db)
        assert report.ok and report.events == 7 and report.legacy_events == 6
    engine.dispose()


def test_the_downgrade_refuses_a_broken_chain(upgraded: Session, database_url: str) -> None:
    upgraded.execute(text("UPDATE audit_events SET outcome = 'denied' WHERE action = 'login'"))
    upgraded.commit()
    engine = make_engine(database_url)
    with pytest.raises(audit.AuditChainError, match="broken at event"):
        command.downgrade(alembic_config(engine), "0004")
    engine.dispose()


# --- the commands -------------------------------------------------------------------------------------------


def test_checkpoint_and_verify_through_the_cli(
    logged: Session, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with cli_instance(tmp_path, database_url, monkeypatch):
        target = tmp_path / "head-1.json"
        code, out = run_cli("audit", "checkpoint", "--out", str(target))
        assert code == 0, out
        summary = json.loads(out)
        made = Checkpoint.from_json(target.read_text())
        assert summary["events"] == made.head.events == len(ACTIONS) + 1 and made.signature_holds()
        assert target.stat().st_mode & 0o077 == 0
        code, out = run_cli("audit", "checkpoint", "--out", str(target))
        assert code == 1 and "exists" in out
        code, out = run_cli("audit", "checkpoint")
        assert code == 0 and Checkpoint.from_json(out).head.events == len(ACTIONS) + 2
        code, out = run_cli("audit", "verify", "--checkpoint", str(target))
        assert code == 0, out
        assert json.loads(out)["checkpoints_matched"] == 1 and json.loads(out)["keyed_since_event"] == 1
        logged.execute(text("DELETE FROM audit_events WHERE id >= :i"), {"i": made.head.last_id})
        logged.commit()
        code, out = run_cli("audit", "verify")
        assert code == 0, out  # the cut is invisible without the checkpoint
        code, out = run_cli("audit", "verify", "--checkpoint", str(target))
        assert code == 1 and f"broken at event {made.head.last_id}" in out and "cut off" in out
        target.write_text(target.read_text().replace('"events": 6', '"events": 5'))
        code, out = run_cli("audit", "verify", "--checkpoint", str(target))
        assert code == 1 and "signature does not hold" in out
