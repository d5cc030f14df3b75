"""After erasure nothing of a person's phrases or vectors remains, on either engine (issue 14, item 3).

Before, every phrase a person's matching embedded stayed in the embedding cache file
(``instance/embeddings``), keyed by ``sha256(model + phrase)``, after the person was
erased; key rotation, retention and backups did not know about it. Now a person's vectors
live only in their own encrypted row (``prepared_people``) and their kept matches in
``match_results``, both erased with them. The checks read the tables with plain SQL, and
on SQLite the database files byte by byte, for the stored ciphertexts, the vectors and the
phrases, and the embedding cache file for anything of theirs.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from flask import Flask
from sqlalchemy import select, text, update

from matcher.alignment import person_texts
from tests.web.conftest import MINIMAL_DEMO, AuthActions, finish_jobs
from tests.web.test_api import make_token
from tests.web.test_raw_database import raw_column_texts
from web.infra import retention
from web.infra.db import scrub_erased, session
from web.matching.vectors import Keys
from web.ops.backup import read_backup, write_backup
from web.ops.keys import reencrypt
from web.people.service import to_profile
from web.storage.crypto import active_keyring
from web.storage.schema import Person, PhraseVector


def _public_text() -> str:
    return "\n".join(MINIMAL_DEMO[name] for name in ("vacancies.csv", "programmes.csv", "organisations.csv"))


def _asha(app: Flask) -> tuple[int, list[str]]:
    """Asha's id and the phrases matching embeds for her that are hers alone (not also a posting's)."""
    with app.app_context():
        person = session().execute(select(Person).where(Person.ref == "p1")).scalar_one()
        texts = [t for t in person_texts(to_profile(person)) if t.lower() not in _public_text().lower()]
        return person.id, texts


def _raw(app: Flask, sql: str, **params: Any) -> list[Any]:
    with app.app_context():
        return list(session().execute(text(sql), params).scalars())


def _sqlite_files(app: Flask) -> bytes:
    url = app.extensions["pathways.engine"].url
    if url.get_backend_name() != "sqlite":
        return b""
    base = Path(url.database)
    return b"".join(p.read_bytes() for p in base.parent.glob(base.name + "*"))


def _pieces(values: list[str], size: int = 48, step: int = 997) -> list[bytes]:
    """Short runs of each stored value (a long one spans several database pages: it is searched in pieces)."""
    return [v[i : i + size].encode() for v in values for i in range(0, max(len(v) - size, 1), step)]


def _cache_files(encoder: Any) -> bytes:
    folder = encoder.cache_.path.parent
    return b"".join(p.read_bytes() for p in folder.iterdir() if p.is_file())


def _erase(app: Flask, how: str, person_id: int) -> None:
    client = app.test_client()
    auth = AuthActions(client)
    if how == "page":
        auth.login("counsellor.a")
        response = client.post(
            f"/people/{person_id}/erase", data={"confirm": "p1", "csrf_token": auth.csrf()}
        )
        assert response.status_code == 302
    elif how == "api":
        bearer = {"Authorization": f"Bearer {make_token(app, 'counsellor.a')}"}
        assert client.delete(f"/api/v1/people/{person_id}?confirm=p1", headers=bearer).status_code == 204
    else:  # the retention period, as `pathways retention` applies it
        with app.app_context():
            db = session()
            db.execute(update(Person).values(created_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)))
            db.execute(update(Person).values(updated_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)))
            db.commit()
            later = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
            report = retention.apply(db, retention.RetentionPolicy(730), now=later)
            db.commit()
            scrub_erased()
            assert report.people_erased >= 1


@pytest.mark.parametrize("how", ["page", "api", "retention"])
def test_after_erasure_nothing_of_their_phrases_or_vectors_remains(
    minimal_demo_app: Flask, encoder: Any, how: str
) -> None:
    app = minimal_demo_app
    asha, phrases = _asha(app)
    assert len(phrases) >= 5
    vectors = [encoder.encode([t], private=True)[0].tobytes() for t in phrases]
    # A phrase that is also public text (a vacancy titled "Cleaner" encoded by another test of the
    # run) may be in the shared cache already; what matters is that Asha's processing adds none.
    public_before = _cache_files(encoder)
    mine = [t for t in phrases if encoder.key(t).encode() not in public_before]
    assert len(mine) >= len(phrases) - 2, "the check would see too few of her phrases"
    client = app.test_client()
    AuthActions(client).login("counsellor.a")
    assert b"Delivery driver" in client.get(f"/people/{asha}/matches").data  # ranked and kept
    finish_jobs(app)
    kept = _raw(app, "SELECT vectors FROM prepared_people WHERE person_id = :p", p=asha)
    kept += _raw(app, "SELECT payload FROM match_results WHERE person_id = :p", p=asha)
    assert len(kept) >= 3 and all(c.startswith("enc1:") for c in kept)  # vectors, the page, programme scores
    pieces = _pieces(kept)
    before = _sqlite_files(app)
    assert not before or sum(p in before for p in pieces) > len(pieces) / 2  # the file scan does see them
    _erase(app, how, asha)
    for table in ("prepared_people", "match_results"):
        assert _raw(app, f"SELECT COUNT(*) FROM {table} WHERE person_id = :p", p=asha) == [0], table  # noqa: S608
    with app.app_context():
        columns = raw_column_texts(session())
        keys = Keys.for_ring(active_keyring())
        public = {r.key: r.vector for r in session().execute(select(PhraseVector)).scalars()}
    everything = "\n".join(columns.values())
    assert not [c[:20] for c in kept if c in everything]  # no ciphertext of theirs is left anywhere
    assert not [t for t in phrases if t in everything]  # nor their words in clear
    assert not [t for t in phrases if keys(t) in public]  # postings' phrase table never held theirs
    assert not [v for v in vectors if any(v == blob for blob in public.values())]
    on_disk = _sqlite_files(app)
    assert not [p for p in pieces if p in on_disk]  # nor in the SQLite files (free pages, the log)
    assert not [t for t in phrases if t.encode() in on_disk]
    cache = _cache_files(encoder)
    assert not [t for t in phrases if t.encode() in cache]
    assert not [t for t in mine if encoder.key(t).encode() in cache]
    assert not [v for t, v in zip(phrases, vectors, strict=True) if t in mine and v in cache]


def test_their_vectors_are_encrypted_with_the_data_keys_and_rotate_with_them(
    minimal_demo_app: Flask, encoder: Any
) -> None:
    app = minimal_demo_app
    asha, phrases = _asha(app)
    vectors = np.stack([encoder.encode([t], private=True)[0] for t in phrases])
    [stored] = _raw(app, "SELECT vectors FROM prepared_people WHERE person_id = :p", p=asha)
    assert stored.startswith("enc1:") and not any(v.tobytes() in stored.encode() for v in vectors)
    old_key = stored.split(":")[1]
    with app.app_context():
        ring = active_keyring().with_new_key()
        report = reencrypt(app.extensions["pathways.engine"], ring)
    assert report.values.get("prepared_people.vectors", 0) >= 1
    [rotated] = _raw(app, "SELECT vectors FROM prepared_people WHERE person_id = :p", p=asha)
    assert rotated.split(":")[1] == ring.current != old_key


def test_backups_keep_their_encrypted_vectors_and_leave_derived_tables_out(
    minimal_demo_app: Flask, tmp_path: Path
) -> None:
    app = minimal_demo_app
    asha, _phrases = _asha(app)
    client = app.test_client()
    AuthActions(client).login("counsellor.a")
    client.get(f"/people/{asha}/matches")
    finish_jobs(app)
    assert _raw(app, "SELECT COUNT(*) FROM match_results")[0] > 0
    assert _raw(app, "SELECT COUNT(*) FROM phrase_vectors")[0] > 0
    report = write_backup(app.extensions["pathways.engine"], tmp_path / "b.pwbk", "correct horse", n=2**10)
    assert report.rows["prepared_people"] == 3  # with each person's record, encrypted
    assert report.rows["match_results"] == report.rows["phrase_vectors"] == report.rows["esco_labels"] == 0
    assert read_backup(tmp_path / "b.pwbk", "correct horse").rows == report.rows
