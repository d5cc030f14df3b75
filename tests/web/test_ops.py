"""Key rotation and encrypted backup/restore on SQLite and PostgreSQL (web/ops)."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from tests.web.conftest import empty_database
from web.infra import audit
from web.ops import backup as backup_module
from web.ops.archive import MAGIC, TAG, BackupError, open_sealed, seal
from web.ops.backup import Backup, encoded_rows, read_backup, restore, write_backup
from web.ops.keys import reencrypt
from web.ops.tables import encrypted_columns
from web.storage import make_engine, make_sessionmaker, upgrade
from web.storage.crypto import DataKeyError, KeyRing, active_keyring, install_keyring
from web.storage.demo_data import load_demo
from web.storage.schema import (
    Base,
    Organisation,
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
    proposal = PlacementProposal(person=person, programme=programme, state="proposed")
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
    engine = "sqlite" if database_url.startswith("sqlite") else "postgresql"
    with empty_database(request, engine, tmp_path / "other.sqlite3", "r") as url:
        yield url


def _rows(engine: Engine) -> dict[str, list]:
    """Every table's rows as a backup encodes them, read in small batches."""
    with engine.connect() as conn:
        return {
            t.name: [row for batch in encoded_rows(conn, t, batch_rows=7) for row in batch]
            for t in Base.metadata.sorted_tables
        }


def _archived(backup: Backup) -> dict[str, list]:
    """Every table's rows as the backup file holds them."""
    found: dict[str, list] = {name: [] for name in backup.columns}
    for name, row in backup.rows_by_table():
        found[name].append(row)
    return found


def test_backup_restore_round_trip_loses_nothing(
    filled: Session, other_database_url: str, tmp_path: Path
) -> None:
    source = filled.get_bind()
    archive = tmp_path / "pathways.backup"
    report = write_backup(source, archive, PASSPHRASE, batch_rows=3)  # type: ignore[arg-type]
    assert archive.stat().st_mode & 0o077 == 0
    assert report.rows["people"] == filled.query(Person).count() and report.rows["audit_events"] == 3
    assert report.key_ids == (active_keyring().current,)
    blob = archive.read_bytes()
    for clear in (b"Asha", b"Domestic servitude", b"Hope Works", b"audit_events"):
        assert clear not in blob
    target = make_engine(other_database_url)
    backup = read_backup(archive, PASSPHRASE)
    assert backup.report() == report and _archived(backup) == _rows(source)  # type: ignore[arg-type]
    restored = restore(target, backup, batch_rows=2)  # migrates the empty database first
    assert restored.rows == report.rows
    assert _rows(target) == _rows(source)  # type: ignore[arg-type]
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
    assert _rows(engine) == _archived(data)  # type: ignore[arg-type]


@SQLITE_ONLY
def test_restore_refuses_another_schema_version(filled: Session, tmp_path: Path) -> None:
    write_backup(filled.get_bind(), tmp_path / "b", PASSPHRASE, n=2**10)  # type: ignore[arg-type]
    data = dataclasses.replace(read_backup(tmp_path / "b", PASSPHRASE), schema_version="9999_future")
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
        write_backup(make_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}"), tmp_path / "b", PASSPHRASE)
    assert not list(tmp_path.glob("b*"))  # no partial file left


def test_fresh_schema_restores_an_empty_backup(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'a.sqlite3'}")
    upgrade(engine)
    write_backup(engine, tmp_path / "b", PASSPHRASE, n=2**10)
    data = read_backup(tmp_path / "b", PASSPHRASE)
    assert data.rows and not any(data.rows.values()) and not any(_archived(data).values())
    assert restore(engine, data).total_rows == 0


CHUNK = 64


def _chunks(blob: bytes) -> tuple[bytes, list[bytes]]:
    """The header and the sealed chunks of an archive sealed with ``chunk_size=CHUNK``."""
    start = len(MAGIC) + 4 + int.from_bytes(blob[len(MAGIC) : len(MAGIC) + 4], "big")
    body = blob[start:]
    return blob[:start], [body[i : i + CHUNK + TAG] for i in range(0, len(body), CHUNK + TAG)]


def test_chunked_archive_detects_reordering_truncation_and_tampering() -> None:
    payload = os.urandom(CHUNK * 5 + 10)  # does not compress: six or more chunks
    blob = seal(payload, PASSPHRASE, n=2**10, chunk_size=CHUNK)
    assert open_sealed(blob, PASSPHRASE) == payload
    header, chunks = _chunks(blob)
    assert (
        len(chunks) >= 6 and all(len(c) == CHUNK + TAG for c in chunks[:-1]) and len(chunks[-1]) < CHUNK + TAG
    )
    swapped = [chunks[0], chunks[2], chunks[1], *chunks[3:]]
    damaged = {
        "two chunks swapped": header + b"".join(swapped),
        "a chunk dropped": header + b"".join(chunks[:2] + chunks[3:]),
        "a chunk repeated": header + b"".join(chunks[:2] + chunks[1:]),
        "final chunk dropped (cut at a chunk boundary)": header + b"".join(chunks[:-1]),
        "cut inside a chunk": blob[: len(header) + CHUNK + TAG + 20],
        "cut inside the final tag": blob[:-1],
        "bytes added after the end": blob + b"\x00",
        "a whole chunk added after the end": blob + chunks[1],
        "header only": header,
        "first chunk from another archive": header
        + _chunks(seal(payload, PASSPHRASE, n=2**10, chunk_size=CHUNK))[1][0]
        + b"".join(chunks[1:]),
    }
    for index in range(len(header), len(blob), CHUNK // 2):  # a flipped bit anywhere in the chunks
        changed = bytearray(blob)
        changed[index] ^= 0x10
        damaged[f"byte {index} changed"] = bytes(changed)
    for what, bad in damaged.items():
        with pytest.raises(BackupError):
            open_sealed(bad, PASSPHRASE)
            pytest.fail(f"not detected: {what}")


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK])
def test_chunked_archive_round_trips_at_chunk_edges(size: int) -> None:
    payload = os.urandom(size)
    blob = seal(payload, PASSPHRASE, n=2**10, chunk_size=CHUNK)
    assert open_sealed(blob, PASSPHRASE) == payload
    header, chunks = _chunks(blob)
    with pytest.raises(BackupError, match="cut short|fails its check"):
        open_sealed(header + b"".join(chunks[:-1]), PASSPHRASE)


@SQLITE_ONLY
def test_damaged_backup_file_is_refused_before_the_database_is_touched(
    filled: Session, tmp_path: Path
) -> None:
    archive = tmp_path / "b"
    write_backup(filled.get_bind(), archive, PASSPHRASE, n=2**10)  # type: ignore[arg-type]
    blob = archive.read_bytes()
    for bad in (blob[:-1], blob[: len(blob) // 2], blob[:-30] + bytes(30)):
        archive.write_bytes(bad)
        with pytest.raises(BackupError):
            read_backup(archive, PASSPHRASE)


@SQLITE_ONLY
def test_restore_rolls_back_when_the_file_changes_after_it_was_checked(
    filled: Session, tmp_path: Path
) -> None:
    engine = filled.get_bind()
    archive = tmp_path / "b"
    write_backup(engine, archive, PASSPHRASE, n=2**10)  # type: ignore[arg-type]
    checked = read_backup(archive, PASSPHRASE)
    target = make_engine(f"sqlite:///{tmp_path / 'target.sqlite3'}")
    for swap_in in ("another valid backup", "a damaged copy"):
        if swap_in == "another valid backup":
            write_backup(engine, archive, PASSPHRASE, n=2**10)  # type: ignore[arg-type]
        else:
            write_backup(engine, archive, PASSPHRASE, n=2**10)  # type: ignore[arg-type]
            archive.write_bytes(archive.read_bytes()[:-40])
        with pytest.raises(BackupError, match="changed|cut short|fails its check"):
            restore(target, checked, batch_rows=2)
        assert not any(_rows(target).values())  # nothing half-restored
    target.dispose()


def test_a_backup_is_one_snapshot_though_rows_are_written_meanwhile(
    filled: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A row written while the backup is reading is in none of its tables (one read transaction)."""
    engine = filled.get_bind()
    before = filled.query(Organisation).count()
    filled.close()
    real = backup_module.encoded_rows
    written: list[str] = []

    def write_meanwhile(conn: Any, tbl: Any, batch_rows: int = 1000) -> Iterator[list[list[Any]]]:
        if not written:  # as the first table is read, another connection adds an organisation
            with engine.begin() as other:  # type: ignore[attr-defined]
                other.execute(
                    Organisation.__table__.insert().values(ref="late", name="Late", kind="employer")
                )
            written.append(tbl.name)
        yield from real(conn, tbl, batch_rows)

    monkeypatch.setattr(backup_module, "encoded_rows", write_meanwhile)
    report = write_backup(engine, tmp_path / "b", PASSPHRASE, n=2**10)  # type: ignore[arg-type]
    assert written and report.rows["organisations"] == before
    assert len(_rows(engine)["organisations"]) == before + 1  # type: ignore[arg-type]
