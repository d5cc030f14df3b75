"""Key rotation and encrypted backup/restore on SQLite and PostgreSQL (web/ops)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session

from web import audit
from web.demo_data import load_demo
from web.ops.archive import BackupError, open_sealed, seal
from web.ops.backup import read_backup, restore, snapshot, write_backup
from web.ops.keys import reencrypt
from web.ops.tables import encrypted_columns
from web.storage import make_engine, make_sessionmaker, upgrade
from web.storage.crypto import DataKeyError, KeyRing, active_keyring, install_keyring
from web.storage.schema import (
    Person,
    PlacementProgramme,
    PlacementProposal,
    ProposalEvent,
    SavedPlan,
    User,
    Vacancy,
)

#: For checks that do not depend on the engine; the round trips run on both.
SQLITE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
PASSPHRASE = "a long and private passphrase"


@pytest.fixture()
def filled(db: Session, minimal_demo: Path) -> Iterator[Session]:
    """The minimal demo plus a proposal with a reason, a TOTP secret, plans and audit events."""
    load_demo(db, minimal_demo)
    db.flush()
    person = db.execute(select(Person).where(Person.ref == "p1")).scalar_one()
    programme = db.execute(select(PlacementProgramme)).scalars().first()
    proposal = PlacementProposal(person=person, programme=programme, state="proposed", shared_fields=[])
    proposal.events.append(ProposalEvent(to_state="proposed", reason="Asha asked for day shifts only"))
    db.add(proposal)
    db.execute(select(User).where(User.username == "admin.a")).scalar_one().totp_secret = "JBSWY3DPEHPK3PXP"
    coop_id = db.execute(text("SELECT MIN(id) FROM cooperatives")).scalar_one()
    db.add(SavedPlan(cooperative_id=coop_id, name="with summary", kind="loan", inputs={"a": 1}, summary=None))
    db.add(SavedPlan(cooperative_id=coop_id, name="no summary", kind="loan", inputs={"b": [1, 2.5]}))
    db.flush()
    for action in ("login", "view_person", "export_person"):
        audit.record(db, action, actor_id=1, object_type="person", object_id=person.id)
    db.commit()
    ring = active_keyring()
    yield db
    install_keyring(ring)


def _stored(db: Session) -> dict[str, str]:
    """Every stored encrypted value, raw, by table.column.row."""
    found = {}
    for enc in encrypted_columns():
        for name in enc.columns:
            pk = ", ".join(enc.primary_key)
            for row in db.execute(text(f"SELECT {pk}, {name} FROM {enc.table}")):
                if row[-1] is not None:
                    found[f"{enc.table}.{name}.{row[0]}"] = row[-1]
    return found


def test_rotation_reencrypts_every_encrypted_column_and_keeps_data(filled: Session) -> None:
    db = filled
    before_raw = _stored(db)
    before = {p.ref: (p.pseudonym, p.work_history, p.location) for p in db.execute(select(Person)).scalars()}
    pid = db.execute(text("SELECT person_id FROM protected_attributes")).scalar_one()
    ring = active_keyring().with_new_key()
    report = reencrypt(db.get_bind(), ring)  # type: ignore[arg-type]
    after_raw = _stored(db)
    assert set(after_raw) == set(before_raw) and report.total_values == len(before_raw)
    assert {"users.totp_secret", "proposal_events.reason", "protected_attributes.gender"} <= set(
        report.values
    )
    assert all(v.startswith(f"enc1:{ring.current}:") for v in after_raw.values())
    assert not set(after_raw.values()) & set(before_raw.values())
    install_keyring(ring)
    db.expire_all()
    assert {
        p.ref: (p.pseudonym, p.work_history, p.location) for p in db.execute(select(Person)).scalars()
    } == (before)
    old_keys = {k: v for k, v in ring.keys.items() if k != ring.current}
    with pytest.raises(DataKeyError, match="not in the key ring"):
        KeyRing(old_keys, next(iter(old_keys))).decrypt(
            after_raw[f"protected_attributes.trafficking_history.{pid}"]
        )
    assert reencrypt(db.get_bind(), ring).total_values == 0  # type: ignore[arg-type]


@SQLITE_ONLY
def test_rotation_is_all_or_nothing(filled: Session) -> None:
    db = filled
    damaged = active_keyring().encrypt("x")[:-6] + "AAAAAA"
    db.execute(text("UPDATE protected_attributes SET gender = :g"), {"g": damaged})
    db.commit()
    before = _stored(db)
    with pytest.raises(DataKeyError, match="protected_attributes.gender"):
        reencrypt(db.get_bind(), active_keyring().with_new_key())  # type: ignore[arg-type]
    assert _stored(db) == before


@pytest.fixture()
def other_database_url(database_url: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A second empty database on the same engine as ``database_url``."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'other.sqlite3'}"
        return
    server = request.getfixturevalue("postgres_server")
    schema = f"r_{uuid.uuid4().hex[:16]}"
    admin = create_engine(server)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{server}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _rows(data: dict) -> dict:
    return data["tables"]


def test_backup_restore_round_trip_loses_nothing(
    filled: Session, other_database_url: str, tmp_path: Path
) -> None:
    source = filled.get_bind()
    archive = tmp_path / "pathways.backup"
    report = write_backup(source, archive, PASSPHRASE)  # type: ignore[arg-type]
    assert archive.stat().st_mode & 0o077 == 0
    assert report.rows["people"] == filled.query(Person).count() and report.rows["audit_events"] == 3
    assert report.key_ids == (active_keyring().current,)
    blob = archive.read_bytes()
    for clear in (b"Asha", b"Domestic servitude", b"Hope Works", b"audit_events"):
        assert clear not in blob
    target = make_engine(other_database_url)
    restored = restore(target, read_backup(archive, PASSPHRASE))  # migrates the empty database first
    assert restored.rows == report.rows
    assert _rows(snapshot(target)) == _rows(snapshot(source))  # type: ignore[arg-type]
    with make_sessionmaker(target)() as db:
        assert _stored(db) == _stored(filled)  # still encrypted, byte for byte
        person = db.execute(select(Person).where(Person.ref == "p1")).scalar_one()
        assert (
            person.pseudonym == "Asha K."
            and person.protected.trafficking_history == "Domestic servitude abroad"
        )
        plans = {p.name: p.summary for p in db.execute(select(SavedPlan)).scalars()}
        assert plans == {"with summary": None, "no summary": None}
        sql_nulls = db.execute(text("SELECT name FROM saved_plans WHERE summary IS NULL")).scalars().all()
        original = filled.execute(text("SELECT name FROM saved_plans WHERE summary IS NULL")).scalars().all()
        assert sorted(sql_nulls) == sorted(original)
        assert audit.verify(db).ok and audit.verify(db).events == 3
        db.add(
            Vacancy(
                ref="v-new", employer_id=person.organisation_id, title="t", sector="care", description="d"
            )
        )
        audit.record(db, "after_restore", actor_id=None)
        db.commit()  # new ids follow the restored ones (sequences reset on PostgreSQL)
        assert audit.verify(db).ok
    target.dispose()


def test_restore_refuses_a_database_with_rows_unless_forced(filled: Session, tmp_path: Path) -> None:
    engine = filled.get_bind()
    archive = tmp_path / "b"
    write_backup(engine, archive, PASSPHRASE)  # type: ignore[arg-type]
    data = read_backup(archive, PASSPHRASE)
    filled.add(Vacancy(ref="v-later", employer_id=1, title="t", sector="care", description="d"))
    filled.commit()
    filled.close()
    with pytest.raises(BackupError, match="not empty"):
        restore(engine, data)  # type: ignore[arg-type]
    restore(engine, data, force=True)  # type: ignore[arg-type]
    assert _rows(snapshot(engine)) == data["tables"]  # type: ignore[arg-type]


@SQLITE_ONLY
def test_restore_refuses_another_schema_version(filled: Session, tmp_path: Path) -> None:
    data = snapshot(filled.get_bind())  # type: ignore[arg-type]
    data["schema_version"] = "9999_future"
    with pytest.raises(BackupError, match="schema version 9999_future"):
        restore(filled.get_bind(), data, force=True)  # type: ignore[arg-type]


def test_backup_needs_the_passphrase_and_detects_tampering(tmp_path: Path) -> None:
    blob = seal(b'{"format": 1}', PASSPHRASE, n=2**10)
    assert open_sealed(blob, PASSPHRASE) == b'{"format": 1}'
    with pytest.raises(BackupError, match="Wrong passphrase"):
        open_sealed(blob, PASSPHRASE + "x")
    for index in (len(blob) - 1, 30):  # a ciphertext byte, a header byte
        changed = bytearray(blob)
        changed[index] ^= 1
        with pytest.raises(BackupError):
            open_sealed(bytes(changed), PASSPHRASE)
    with pytest.raises(BackupError, match="not a Pathways backup"):
        open_sealed(b"PK\x03\x04 zip file", PASSPHRASE)
    with pytest.raises(BackupError, match="at least 12"):
        seal(b"x", "short")


def test_backup_of_a_database_without_schema_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="no schema"):
        snapshot(make_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}"))


def test_fresh_schema_restores_an_empty_backup(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'a.sqlite3'}")
    upgrade(engine)
    data = snapshot(engine)
    assert all(not t["rows"] for t in data["tables"].values())
    assert restore(engine, data).total_rows == 0
