"""The embedding cache keeps public text only, under keys nobody can test a guess against (issue 14, item 3).

Before, the cache keyed each vector by ``sha256(model + text)`` and held every phrase the
matcher embedded, people's included: anyone who could read the file could test a guessed
phrase and partly invert the vectors, and nothing removed them on erasure.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from matcher.alignment import person_texts
from matcher.encoder import Encoder, VectorTable, text_key
from matcher.exceptions import MissingVectorsError, NotFittedError
from matcher.matching import Matcher
from matcher.records import PersonProfile, Vacancy
from matcher.vacancy_index import VacancyIndex

SECRET_PHRASE = "forklift licence expired 2024"
PUBLIC_PHRASE = "driving licence"
PERSON = PersonProfile(
    "p1",
    skills_text=f"I drove a van for three years, {SECRET_PHRASE}",
    interests_text="I want to drive a delivery van",
    exclusions=("no night shifts",),
)
VACANCIES = [
    Vacancy("v1", "Delivery driver", "logistics", "Drive our van to local shops.", (PUBLIC_PHRASE,)),
    Vacancy(
        "v2", "Kitchen porter", "hospitality", "Wash pots and keep the kitchen clean.", ("dish washing",)
    ),
]


LEGACY = ("embeddings-0123456789abcdef.sqlite3", "embeddings-0123456789abcdef.sqlite3-wal")


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder where an earlier version left its caches (keyed by a plain hash)."""
    folder = tmp_path_factory.mktemp("cache")
    for name in LEGACY:
        (folder / name).write_bytes(b"vectors keyed by sha256(model + phrase)")
    return folder


@pytest.fixture(scope="module")
def cached(cache_dir: Path) -> Iterator[Encoder]:
    """An encoder with its own on-disk cache (the model is loaded once for the module)."""
    enc = Encoder(cache_dir=cache_dir).fit()
    yield enc
    if enc.cache_ is not None:
        enc.cache_.close()


def _on_disk(folder: Path) -> bytes:
    """Every byte of every cache file (the database and its write-ahead log)."""
    return b"".join(p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file())


def test_a_private_text_never_reaches_the_cache(cached: Encoder, cache_dir: Path) -> None:
    public = cached.encode([PUBLIC_PHRASE])
    private = cached.encode([SECRET_PHRASE], private=True)
    raw = _on_disk(cache_dir)
    assert public.tobytes() in raw  # the scan does see what is cached
    assert private.tobytes() not in raw
    assert SECRET_PHRASE.encode() not in raw
    for key in (
        cached.key(SECRET_PHRASE),
        hashlib.sha256(f"{cached.model_id_}\x00{SECRET_PHRASE}".encode()).hexdigest(),
    ):
        assert key.encode() not in raw
    assert cached.key(SECRET_PHRASE) not in cached.memory_  # nor kept in memory


def test_a_guessed_phrase_cannot_be_tested_without_the_secret(cached: Encoder, cache_dir: Path) -> None:
    cached.encode([PUBLIC_PHRASE])
    raw = _on_disk(cache_dir)
    secret = bytes.fromhex((cache_dir / "cache-key").read_text())
    assert text_key(cached.model_id_, PUBLIC_PHRASE, secret).encode() in raw  # with the secret: found
    plain = hashlib.sha256(f"{cached.model_id_}\x00{PUBLIC_PHRASE}".encode()).hexdigest()
    assert plain.encode() not in raw  # the old, unkeyed digest tells nothing
    assert text_key(cached.model_id_, PUBLIC_PHRASE, b"a guessed secret").encode() not in raw


def test_the_cache_and_its_secret_are_readable_by_their_owner_only(cached: Encoder, cache_dir: Path) -> None:
    cached.encode([PUBLIC_PHRASE])
    assert stat.S_IMODE(os.stat(cache_dir).st_mode) == 0o700
    for path in cache_dir.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


def test_caches_of_earlier_versions_are_deleted(cached: Encoder, cache_dir: Path) -> None:
    assert not [name for name in LEGACY if (cache_dir / name).exists()]
    assert cached.cache_ is not None and cached.cache_.path.name.startswith("phrases-")


def test_ranking_a_person_leaves_none_of_their_words_in_the_cache(cached: Encoder, cache_dir: Path) -> None:
    matcher = Matcher(encoder=cached).fit(VACANCIES)
    assert matcher.rank(PERSON, top_k=2)[0].vacancy_id == "v1"
    raw = _on_disk(cache_dir)
    for text in person_texts(PERSON):
        vector = cached.encode([text], private=True)
        if text in {PUBLIC_PHRASE, *matcher.index_.texts}:
            continue  # also a vacancy's words: public
        assert vector.tobytes() not in raw, text
        assert text.encode() not in raw and cached.key(text).encode() not in raw, text


def test_a_matcher_on_stored_vectors_runs_no_model(cached: Encoder) -> None:
    index = VacancyIndex.build(VACANCIES, cached.encode)
    matcher = Matcher().fit(index)
    assert matcher.encoder_ is None
    with pytest.raises(NotFittedError, match="encode="):
        matcher.rank(PERSON)
    texts = person_texts(PERSON)
    stored = VectorTable(
        dict(zip(map(cached.key, texts), cached.encode(texts, private=True), strict=True)), cached.key
    )
    assert matcher.rank(PERSON, encode=stored.encode) == Matcher(encoder=cached).fit(VACANCIES).rank(PERSON)
    with pytest.raises(MissingVectorsError):
        matcher.rank(PersonProfile("p2", skills_text="something never stored"), encode=stored.encode)


def test_scores_for_chosen_columns_equal_the_full_matrix(cached: Encoder) -> None:
    matcher = Matcher(encoder=cached).fit(VACANCIES)
    full = matcher.score_matrix([PERSON])
    one = matcher.score_matrix([PERSON], vacancy_ids=["v2"])
    assert one.vacancy_ids == ("v2",)
    np.testing.assert_array_equal(one.scores[:, 0], full.scores[:, 1])
