"""The security commands through the real CLI: keys rotate, audit verify, backup, restore."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.web.conftest import cli_instance, run_cli
from web.storage import make_engine, make_sessionmaker
from web.storage.crypto import KeyRing, save_keyring
from web.storage.demo_data import load_demo
from web.storage.schema import Person

#: For checks that do not depend on the engine; the round trips run on both.
SQLITE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
PASSPHRASE = "another long private passphrase"


@pytest.fixture()
def instance(
    db: Session, database_url: str, minimal_demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """An instance folder holding the test key ring; the CLI's app uses it and ``database_url``."""
    load_demo(db, minimal_demo)
    db.commit()
    with cli_instance(tmp_path, database_url, monkeypatch, unset=("PATHWAYS_BACKUP_PASSPHRASE",)) as folder:
        yield folder


def test_keys_rotate_saves_the_ring_and_reencrypts(instance: Path, db: Session) -> None:
    old = KeyRing.from_json((instance / "data-keys.json").read_text())
    code, out = run_cli("keys", "rotate")
    assert code == 0, out
    report = json.loads(out)
    new = KeyRing.from_json((instance / "data-keys.json").read_text())
    assert new.current == report["key_id"] != old.current and set(old.keys) < set(new.keys)
    assert report["values_reencrypted"]["people.pseudonym"] == db.query(Person).count()
    stored = db.execute(text("SELECT pseudonym FROM people")).scalars().all()
    assert all(value.startswith(f"enc1:{new.current}:") for value in stored)
    code, out = run_cli("audit", "verify")
    assert code == 0 and json.loads(out)["ok"]


@SQLITE_ONLY
def test_keys_rotate_from_environment_needs_an_output_file(
    instance: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATHWAYS_DATA_KEYS", (instance / "data-keys.json").read_text())
    code, out = run_cli("keys", "rotate")
    assert code != 0 and "--output" in out
    target = tmp_path / "new-ring.json"
    code, out = run_cli("keys", "rotate", "--output", str(target))
    assert code == 0, out
    assert KeyRing.from_json(target.read_text()).current == json.loads(out)["key_id"]
    assert target.stat().st_mode & 0o077 == 0


@SQLITE_ONLY
def test_audit_verify_names_the_first_edited_event(instance: Path, db: Session) -> None:
    for _ in range(2):
        run_cli("keys", "rotate")
    first = db.execute(text("SELECT MIN(id) FROM audit_events")).scalar_one()
    db.execute(text("UPDATE audit_events SET outcome = 'denied' WHERE id = :i"), {"i": first})
    db.commit()
    code, out = run_cli("audit", "verify")
    assert code == 1 and f"broken at event {first}" in out and "edited" in out


def test_backup_and_restore_round_trip_through_the_cli(
    instance: Path, db: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "site.backup"
    secret = tmp_path / "passphrase"
    secret.write_text(PASSPHRASE + "\n")
    code, out = run_cli("backup", str(archive))
    assert code != 0 and "passphrase" in out
    code, out = run_cli("backup", str(archive), "--passphrase-file", str(secret))
    assert code == 0, out
    pseudonyms = sorted(p.pseudonym for p in db.query(Person))
    assert json.loads(out)["rows"]["people"] == len(pseudonyms)
    code, out = run_cli("restore", str(archive), "--passphrase-file", str(secret))
    assert code == 1 and "not empty" in out
    fresh = tmp_path / "fresh.sqlite3"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{fresh}")
    monkeypatch.setenv("PATHWAYS_BACKUP_PASSPHRASE", "wrong passphrase, long enough")
    code, out = run_cli("restore", str(archive))
    assert code == 1 and "Wrong passphrase" in out
    monkeypatch.setenv("PATHWAYS_BACKUP_PASSPHRASE", PASSPHRASE)
    code, out = run_cli("restore", str(archive))
    assert code == 0, out
    engine = make_engine(f"sqlite:///{fresh}")
    with make_sessionmaker(engine)() as restored:
        assert sorted(p.pseudonym for p in restored.query(Person)) == pseudonyms
        assert restored.execute(text("SELECT action FROM audit_events")).scalars().all() == ["restore"]
    engine.dispose()
    assert db.execute(text("SELECT action FROM audit_events")).scalars().all() == ["backup"]
    code, out = run_cli("audit", "verify")
    assert code == 0 and json.loads(out)["events"] == 1


@SQLITE_ONLY
def test_restore_refuses_a_backup_whose_keys_are_missing(instance: Path, tmp_path: Path) -> None:
    archive = tmp_path / "site.backup"
    secret = tmp_path / "passphrase"
    secret.write_text(PASSPHRASE)
    assert run_cli("backup", str(archive), "--passphrase-file", str(secret))[0] == 0
    save_keyring(KeyRing.generate(), instance)
    code, out = run_cli("restore", str(archive), "--passphrase-file", str(secret), "--force")
    assert code == 1 and "lacks keys" in out and "Nothing was changed" in out
