"""The server's in-memory index of openings, built from stored vectors: pages never run the encoder.

Each process keeps one fitted :class:`~matcher.matching.Matcher` over the openings whose
phrases are prepared (:mod:`web.matching.preparation`), and rebuilds it when a cheap stamp of
the postings tables moves (any posting written, screened, reviewed, closed or prepared).
An opening whose vectors are not stored yet is left out and counted as ``waiting``; the
page says so, preparation is asked for, and the next build takes it in.

The index holds, per opening, a digest of its matcher record, so that cached results
can tell whether anything within a person's reach changed (:mod:`web.matching.cache`).
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass

import numpy as np
from flask import Flask, current_app
from numpy.typing import NDArray
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from matcher.encoder import VectorTable
from matcher.matching import Matcher
from matcher.vacancy_index import VacancyIndex
from web.matching import vectors
from web.matching.openings import Opening, open_openings
from web.storage.schema import PlacementProgramme, Vacancy, utctoday

_LOCK = threading.Lock()
_KEY = "pathways.openings_index"
#: below this many openings the coarse vectors keep their full dimension: projecting them saves
#: nothing worth an SVD, and each opening's coarse score then depends on that opening alone
PROJECT_FROM = 10_000


@dataclass(frozen=True)
class OpeningsIndex:
    """The prepared openings, fitted, with their rows and record digests (in index order).

    ``matcher`` is ``None`` when no opening is prepared yet. ``waiting`` counts open
    postings still being prepared (not in the index), out of ``total``.
    """

    stamp: tuple[object, ...]
    matcher: Matcher | None
    rows: dict[str, tuple[str, int]]
    record_digests: NDArray[np.uint8]
    programme_refs: tuple[str, ...]
    programmes: NDArray[np.bool_]
    waiting: int
    total: int

    @property
    def dim(self) -> int:
        """The length of the vectors (0 before any opening is prepared)."""
        return 0 if self.matcher is None else int(self.matcher.index_.vectors.shape[1])

    def reach_digest(self, reachable: NDArray[np.bool_], *extra: str) -> str:
        """A digest of the openings marked ``reachable`` (their records) and ``extra`` words."""
        h = hashlib.sha256("\x00".join((str(self.stamp[0]), *extra)).encode())
        h.update(np.ascontiguousarray(self.record_digests[np.flatnonzero(reachable)]).tobytes())
        return h.hexdigest()


def stamp(db: Session) -> tuple[object, ...]:
    """A cheap fingerprint of the postings tables: it moves whenever any posting is written.

    Today's date is part of it: a vacancy closes on its own when its closing date passes.
    """
    parts: list[object] = [vectors.keys().model, str(utctoday())]
    for table in (Vacancy, PlacementProgramme):
        count, latest = db.execute(select(func.count(table.id), func.max(table.updated_at))).one()
        parts += [count, str(latest)]
    return tuple(parts)


def _record_digest(opening: Opening) -> bytes:
    return hashlib.sha256(repr(opening.record).encode()).digest()


def build(db: Session, at: tuple[object, ...]) -> OpeningsIndex:
    """Fit a matcher over the prepared openings, from stored vectors only."""
    key = vectors.keys()
    found = open_openings(db)
    texts = {o.record.id: vectors.posting_texts(o.record) for o in found}
    ready = [o for o in found if o.vectors_digest == vectors.digest(texts[o.record.id], key)]
    stored = vectors.stored_postings(db, (key(t) for o in ready for t in texts[o.record.id]))
    ready = [o for o in ready if all(key(t) in stored for t in texts[o.record.id])]
    matcher = None
    if ready:
        table = VectorTable(stored, key)
        coarse_dims = None if len(ready) < PROJECT_FROM else 128
        index = VacancyIndex.build([o.record for o in ready], table.encode, coarse_dims=coarse_dims)
        matcher = Matcher().fit(index)
    joined = b"".join(_record_digest(o) for o in ready)
    digests = np.frombuffer(joined, dtype=np.uint8).reshape(len(ready), 32)
    return OpeningsIndex(
        stamp=at,
        matcher=matcher,
        rows={o.record.id: (o.kind, o.row_id) for o in ready},
        record_digests=digests,
        programme_refs=tuple(o.record.id for o in ready if o.kind == "programme"),
        programmes=np.array([o.kind == "programme" for o in ready], dtype=bool),
        waiting=len(found) - len(ready),
        total=len(found),
    )


def current(db: Session) -> OpeningsIndex:
    """This process's index, rebuilt first if the postings changed since it was built."""
    at = stamp(db)
    cached: OpeningsIndex | None = current_app.extensions.get(_KEY)
    if cached is not None and cached.stamp == at:
        return cached
    with _LOCK:
        cached = current_app.extensions.get(_KEY)
        if cached is None or cached.stamp != at:
            cached = build(db, at)
            current_app.extensions[_KEY] = cached
    if cached.waiting:
        from web.matching import preparation

        preparation.request_postings()
    return cached


def warm_up(app: Flask) -> threading.Thread:
    """Build the index in a background thread, so the first page that needs it does not wait."""

    def build_now() -> None:
        with app.app_context():
            from web.infra.db import session

            try:
                current(session())
            except Exception as exc:  # a page will build it (and report any real problem) later
                app.logger.warning("Could not prepare the openings index at start: %s", exc)

    thread = threading.Thread(target=build_now, name="pathways-index", daemon=True)
    thread.start()
    return thread
