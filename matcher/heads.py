"""Learned projection heads over frozen sentence embeddings.

A head is a small ``.npz`` file (see ``models/*/MODEL_CARD.md``) holding two residual
linear maps, one for queries (titles, sentences) and one for concept labels::

    query' = normalise(x + x @ query_weight)      label' = normalise(y + y @ label_weight)

and, optionally, learned per-concept terms (``uris`` with a ``bias`` and a vector ``c``
each) added to the best-label cosine: ``score = max_label cos(query', label') +
query' . c + bias``. With zero weights and no concept terms a head is the identity,
i.e. zero-shot. Concepts the head does not know (another ESCO release) get no extra term.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from numpy.lib.npyio import NpzFile
from numpy.typing import NDArray

from matcher.exceptions import ModelLoadError

MODELS_DIR = Path(__file__).resolve().parents[1] / "models"


@dataclass(frozen=True)
class ProjectionHead:
    """Residual linear maps for queries and labels, plus an optional per-concept bias."""

    query_weight: NDArray[np.float32]
    label_weight: NDArray[np.float32]
    uris: tuple[str, ...] = ()
    bias: NDArray[np.float32] | None = None
    concept_vectors: NDArray[np.float32] | None = None
    base_model: str = ""

    def project_queries(self, vectors: NDArray[np.float32]) -> NDArray[np.float32]:
        """Map query embeddings and re-normalise them.

        Examples
        --------
        >>> head = identity_head(2)
        >>> head.project_queries(np.array([[3.0, 4.0]], dtype=np.float32)).tolist()
        [[0.6000000238418579, 0.800000011920929]]

        """
        return _residual(vectors, self.query_weight)

    def project_labels(self, vectors: NDArray[np.float32]) -> NDArray[np.float32]:
        """Map label embeddings and re-normalise them."""
        return _residual(vectors, self.label_weight)

    def concept_bias(self, uris: tuple[str, ...] | list[str]) -> NDArray[np.float32]:
        """Bias per concept in the order of ``uris`` (0 for concepts the head does not know).

        Examples
        --------
        >>> head = identity_head(2)
        >>> head.concept_bias(["u:a"]).tolist()
        [0.0]

        """
        out = np.zeros(len(uris), dtype=np.float32)
        if self.bias is not None and self.uris:
            known = dict(zip(self.uris, self.bias.tolist(), strict=True))
            out[:] = [known.get(u, 0.0) for u in uris]
        return out

    def concept_matrix(self, uris: tuple[str, ...] | list[str]) -> NDArray[np.float32] | None:
        """Per-concept vectors in the order of ``uris`` (zeros for unknown ones), or ``None``.

        Examples
        --------
        >>> identity_head(2).concept_matrix(["u:a"]) is None
        True

        """
        if self.concept_vectors is None or not self.uris:
            return None
        row = {u: i for i, u in enumerate(self.uris)}
        out = np.zeros((len(uris), self.concept_vectors.shape[1]), dtype=np.float32)
        for i, uri in enumerate(uris):
            if uri in row:
                out[i] = self.concept_vectors[row[uri]]
        return out


def _residual(vectors: NDArray[np.float32], weight: NDArray[np.float32]) -> NDArray[np.float32]:
    x = np.asarray(vectors, dtype=np.float32)
    y = x + x @ weight
    norms = np.linalg.norm(y, axis=1, keepdims=True)
    return (y / np.maximum(norms, 1e-12)).astype(np.float32)


def identity_head(dim: int) -> ProjectionHead:
    """Return a head that changes nothing (zero-shot).

    Examples
    --------
    >>> identity_head(4).query_weight.shape
    (4, 4)

    """
    zeros = np.zeros((dim, dim), dtype=np.float32)
    return ProjectionHead(zeros, zeros.copy())


def save_head(head: ProjectionHead, path: str | Path) -> Path:
    """Write a head as a compressed ``.npz`` (weights as float16 to keep it small)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    meta = json.dumps({"base_model": head.base_model})
    bias = head.bias if head.bias is not None else np.zeros(0, dtype=np.float32)
    vectors = head.concept_vectors if head.concept_vectors is not None else np.zeros((0, 0), np.float32)
    with target.open("wb") as handle:
        np.savez_compressed(
            handle,
            query_weight=head.query_weight.astype(np.float16),
            label_weight=head.label_weight.astype(np.float16),
            uris=np.asarray(head.uris, dtype=str),
            bias=bias.astype(np.float32),
            concept_vectors=vectors.astype(np.float16),
            meta=np.asarray(meta),
        )
    return target


ArtefactT = TypeVar("ArtefactT")


def read_artefact(
    path: str | Path, what: str, build: Callable[[NpzFile, dict[str, Any]], ArtefactT]
) -> ArtefactT:
    """``build(arrays, meta)`` of an ``.npz`` file with JSON ``meta``; :class:`ModelLoadError` if unreadable.

    ``what`` names the artefact in the error (``"projection head"``, ``"title gate"``).
    """
    source = Path(path)
    try:
        with np.load(source, allow_pickle=False) as data:
            return build(data, json.loads(str(data["meta"])))
    except (OSError, KeyError, ValueError) as exc:
        raise ModelLoadError(f"Could not read the {what} {str(source)!r}: {exc}") from exc


def _head_from(data: NpzFile, meta: dict[str, Any]) -> ProjectionHead:
    bias = data["bias"].astype(np.float32)
    vectors = data["concept_vectors"].astype(np.float32) if "concept_vectors" in data else None
    return ProjectionHead(
        query_weight=data["query_weight"].astype(np.float32),
        label_weight=data["label_weight"].astype(np.float32),
        uris=tuple(str(u) for u in data["uris"]),
        bias=bias if bias.size else None,
        concept_vectors=vectors if vectors is not None and vectors.size else None,
        base_model=str(meta.get("base_model", "")),
    )


def load_head(path: str | Path) -> ProjectionHead:
    """Read a head written by :func:`save_head`; :class:`ModelLoadError` if unreadable."""
    return read_artefact(path, "projection head", _head_from)


def resolve_head(head: str | Path | ProjectionHead | None, default_name: str) -> ProjectionHead | None:
    """Turn a ``head`` parameter into a head, or ``None`` for zero-shot.

    ``"default"`` means ``models/<default_name>/head.npz`` when it exists, else zero-shot;
    a path must exist.

    Examples
    --------
    >>> resolve_head(None, "title-head") is None
    True

    """
    if head is None or isinstance(head, ProjectionHead):
        return head
    path = artefact_path(head, default_name, "head.npz", "projection head")
    return None if path is None else load_head(path)


def artefact_path(value: str | Path, default_name: str, filename: str, what: str) -> Path | None:
    """The file a model parameter names.

    ``"default"`` is ``models/<default_name>/<filename>`` (``None`` when it is not there); a
    path is the file or its folder, and must exist.

    Examples
    --------
    >>> artefact_path("default", "no-such-model", "head.npz", "projection head") is None
    True
    """
    if str(value) == "default":
        path = MODELS_DIR / default_name / filename
        return path if path.is_file() else None
    path = Path(value)
    if path.is_dir():
        path = path / filename
    if not path.is_file():
        raise ModelLoadError(f"No {what} at {str(path)!r}; give a {filename} file or its folder.")
    return path


def head_for_encoder(
    head: ProjectionHead | None, model_id: str, dim: int, explicit: bool
) -> ProjectionHead | None:
    """Check a head fits the encoder; a default head for another model is dropped (zero-shot).

    Examples
    --------
    >>> head_for_encoder(identity_head(4), "other-model", 4, explicit=False) is not None
    True
    >>> head_for_encoder(None, "m", 4, explicit=True) is None
    True

    """
    if head is None:
        return None
    same_model = not head.base_model or Path(model_id).name == Path(head.base_model).name
    if not same_model and not explicit:
        return None
    if head.query_weight.shape[0] != dim or not same_model:
        raise ModelLoadError(
            f"The projection head was trained for {head.base_model or 'a'} model with "
            f"{head.query_weight.shape[0]}-dimensional embeddings, not for {model_id!r} ({dim}). "
            "Use --head none, or a head trained for this model."
        )
    return head
