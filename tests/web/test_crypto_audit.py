"""Encryption at rest (key ring, rotation, tampering) and the hash-chained audit log."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from web.infra import audit
from web.storage.crypto import DataKeyError, KeyRing, load_keyring, save_keyring


def test_round_trip_and_rotation_keep_old_data_readable() -> None:
    ring = KeyRing.generate()
    old = ring.encrypt("Asha, cook in Dubai")
    rotated = ring.with_new_key()
    new = rotated.encrypt("Asha, cook in Dubai")
    assert rotated.decrypt(old) == rotated.decrypt(new) == "Asha, cook in Dubai"
    assert rotated.key_id_of(old) == ring.current != rotated.key_id_of(new)
    with pytest.raises(DataKeyError, match="not in the key ring"):
        ring.decrypt(new)


def test_same_text_encrypts_differently_each_time() -> None:
    ring = KeyRing.generate()
    assert ring.encrypt("x") != ring.encrypt("x")


def test_tampering_is_detected() -> None:
    ring = KeyRing.generate()
    stored = ring.encrypt("secret")
    prefix, key_id, payload = stored.split(":", 2)
    flipped = payload[:20] + ("A" if payload[20] != "A" else "B") + payload[21:]
    with pytest.raises(DataKeyError, match="integrity"):
        ring.decrypt(f"{prefix}:{key_id}:{flipped}")


def test_key_file_is_private_and_reloads(tmp_path) -> None:
    ring = load_keyring(tmp_path)
    path = tmp_path / "data-keys.json"
    assert path.stat().st_mode & 0o077 == 0
    assert load_keyring(tmp_path) == ring
    save_keyring(ring.with_new_key(), tmp_path)
    assert load_keyring(tmp_path).current != ring.current


@pytest.mark.parametrize(
    "content", ["not json", '{"keys": {}}', '{"current": "a", "keys": {"a": "c2hvcnQ="}}']
)
def test_malformed_key_file_is_refused(content: str) -> None:
    with pytest.raises(DataKeyError):
        KeyRing.from_json(content)


def test_audit_chain_verifies_and_detects_edits_and_deletions(db) -> None:
    for action in ("login", "view_person", "export_person"):
        audit.record(db, action, actor_id=1, object_type="person", object_id=7)
    db.commit()
    assert audit.verify(db).ok and audit.verify(db).events == 3
    db.execute(text("UPDATE audit_events SET action = 'login' WHERE action = 'export_person'"))
    db.commit()
    report = audit.verify(db)
    assert not report.ok and report.problem.startswith("this event was edited after it was written")
    db.execute(
        text("UPDATE audit_events SET action = 'export_person' WHERE id = :i"), {"i": report.first_bad_id}
    )
    db.execute(text("DELETE FROM audit_events WHERE action = 'view_person'"))
    db.commit()
    report = audit.verify(db)
    assert not report.ok and "removed or changed" in report.problem
