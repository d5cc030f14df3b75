"""Stored embeddings: postings' phrases in one shared table, each person's with their encrypted record.

Pages never run the encoder: they read vectors stored when a record was written
(:mod:`web.matching.preparation`). A posting's phrases (public text) are kept once each in
:class:`~web.storage.schema.PhraseVector`; a person's phrases are kept only in their own
:class:`~web.storage.schema.PreparedPerson` row, encrypted with the data keys, so erasure,
retention, key rotation and backups cover them like the rest of the record, and no file
or shared table ever holds a person's words or vectors.

Every vector is found by the HMAC-SHA256 of (model, text) under a secret derived from the
data key ring (:meth:`~web.storage.crypto.KeyRing.derived_secret`): the same key the
encoder's on-disk cache uses (:func:`matcher.encoder.text_key`), so nobody who lacks the
keys can test a guessed phrase against either.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from flask import current_app
from numpy.typing import NDArray
from sqlalchemy import select
from sqlalchemy.orm import Session

from matcher.encoder import VectorTable, model_id, text_key
from matcher.phrases import vacancy_phrases
from matcher.records import Vacancy as VacancyRecord
from web.storage.crypto import KeyRing, active_keyring
from web.storage.schema import Person, PhraseVector, PreparedPerson

PURPOSE = "phrase-keys"
CHUNK = 500
Vector = NDArray[np.float32]


@dataclass(frozen=True)
class Keys:
    """How vectors are found: a model name and the secret that keys (model, text) pairs."""

    model: str
    secret: bytes = field(repr=False)

    def __call__(self, text: str) -> str:
        """The storage key of ``text``."""
        return text_key(self.model, text, self.secret)

    @classmethod
    def for_ring(cls, ring: KeyRing, model: str | None = None) -> Keys:
        """The keys of an instance with data key ring ``ring`` and model ``model`` (``None``: the default)."""
        return cls(model_id(model), ring.derived_secret(PURPOSE))


def keys() -> Keys:
    """This app's keys: its model (``PATHWAYS_MODEL``) and a secret derived from its data keys."""
    return Keys.for_ring(active_keyring(), current_app.config.get("PATHWAYS_MODEL"))


def digest(texts: Sequence[str], key: Callable[[str], str]) -> str:
    """A digest that names exactly ``texts`` (in order) under one model and secret."""
    joined = "\n".join(key(t) for t in texts)
    return hashlib.sha256(joined.encode()).hexdigest()


def keyed_digest(value: object, key: Keys) -> str:
    """A keyed digest of ``value`` (for what describes a person: it cannot be guessed back)."""
    text = json.dumps([key.model, value], sort_keys=True, default=repr)
    return hmac.new(key.secret, text.encode(), hashlib.sha256).hexdigest()


def posting_texts(record: VacancyRecord) -> tuple[str, ...]:
    """Every phrase of a posting the matcher embeds (its needs, then what the job is)."""
    split = vacancy_phrases(record)
    return tuple(dict.fromkeys((*split.needs, *split.about)))


def stored_postings(db: Session, keys: Iterable[str]) -> dict[str, Vector]:
    """The stored postings' vectors among ``keys`` (absent keys are left out)."""
    wanted = list(dict.fromkeys(keys))
    found: dict[str, Vector] = {}
    for start in range(0, len(wanted), CHUNK):
        rows = db.execute(select(PhraseVector).where(PhraseVector.key.in_(wanted[start : start + CHUNK])))
        found.update((row.key, np.frombuffer(row.vector, dtype=np.float32)) for row in rows.scalars())
    return found


def store_postings(db: Session, vectors: Mapping[str, Vector]) -> None:
    """Keep postings' vectors (public phrases); a key already stored keeps its vector.

    Another process may store the same phrase at the same moment: the insert skips keys already there.
    """
    rows = [{"key": k, "vector": np.asarray(v, dtype=np.float32).tobytes()} for k, v in vectors.items()]
    if rows:
        db.execute(insert_new(db, PhraseVector.__table__, ["key"]), rows)


def insert_new(db: Session, table: Any, keys: list[str]) -> Any:
    """An INSERT that skips rows whose ``keys`` are already stored (SQLite and PostgreSQL)."""
    if db.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).on_conflict_do_nothing(index_elements=keys)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table).on_conflict_do_nothing(index_elements=keys)


def person_table(prepared: PreparedPerson | None, key: Keys, dim: int = 0) -> VectorTable:
    """A person's stored vectors (decrypted), as a lookup that raises for any phrase not stored.

    ``dim`` is the vectors' length when none is stored (a person with no words at all).
    """
    stored = (prepared.vectors if prepared is not None else None) or {}
    if stored.get("model") != key.model or not stored.get("keys"):
        return VectorTable({}, key, dim)
    data = np.frombuffer(base64.b64decode(stored["data"]), dtype=np.float32)
    matrix = data.reshape(len(stored["keys"]), int(stored["dim"]))
    return VectorTable(dict(zip(stored["keys"], matrix, strict=True)), key, int(stored["dim"]))


def store_person(
    person: Person, key: Keys, texts: Sequence[str], matrix: Vector, made: Sequence[str] = ()
) -> None:
    """Keep exactly the vectors of ``texts`` for the person (older phrases' are dropped), encrypted.

    ``made`` says, per text, how its vector was made: ``""`` by the encoder itself, else the
    identity of the bridge that placed it (:class:`~matcher.grounding.PersonBridge`). It is
    kept only when some vector was bridged, so an English speaker's row is as it always was.
    """
    prepared = person.prepared or PreparedPerson()
    stored: dict[str, Any] = {
        "model": key.model,
        "dim": int(matrix.shape[1]) if matrix.ndim == 2 else 0,
        "keys": [key(t) for t in texts],
        "data": base64.b64encode(np.ascontiguousarray(matrix, dtype=np.float32).tobytes()).decode(),
    }
    if any(made):
        stored["made"] = list(made)
    prepared.vectors = stored
    person.prepared = prepared


def person_made(prepared: PreparedPerson | None, key: Keys) -> dict[str, str]:
    """How each stored vector of the person was made, by key: ``""`` (the encoder) or a bridge's identity."""
    stored = (prepared.vectors if prepared is not None else None) or {}
    if stored.get("model") != key.model:
        return {}
    keys = stored.get("keys") or []
    made = stored.get("made") or [""] * len(keys)
    return dict(zip(keys, made, strict=True))
