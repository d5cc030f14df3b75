"""Title-vs-label gate: whether a query is written like a vacancy title or an ESCO label.

The title head (``models/title-head``) learns the job board's prior: it lifts vacancy
titles but pushes plain occupation synonyms ("technical supervisor") away from occupations
the board rarely names. The gate (``models/title-gate``, trained by
``bench/train_title_gate.py``) is a logistic regression on lower-cased character 2-4-gram
TF-IDF and the query's MiniLM vector that gives P(title). A query with P(title) above the
threshold keeps the head (plus a small share of the cosine to each occupation's label
centroid); any other query gets the zero-shot score plus the centroid cosine, no head.
The classifier is case-blind on purpose: ESCO labels are lower case and board titles
capitalised, and "Primary school teacher" must go the same way as "primary school teacher".
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.lib.npyio import NpzFile
from numpy.typing import NDArray

from matcher.heads import artefact_path, read_artefact

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import TfidfVectorizer

TITLE_GATE = "title-gate"
NGRAMS = (2, 4)


@dataclass(frozen=True)
class TitleGate:
    """A fitted title-vs-label classifier and how its P(title) mixes the two scores.

    ``vocabulary`` and ``idf`` define the character TF-IDF (``char_wb``, lower-cased,
    sublinear tf, l2-normalised); ``char_coef``, ``vector_coef`` and ``intercept`` the
    logistic regression. Queries with P(title) > ``threshold`` keep the head and add
    ``head_centroid_weight`` x centroid cosine; the others drop the head and add
    ``label_centroid_weight`` x centroid cosine.
    """

    vocabulary: tuple[str, ...]
    idf: NDArray[np.float32]
    char_coef: NDArray[np.float32]
    vector_coef: NDArray[np.float32]
    intercept: float
    threshold: float = 0.2
    head_centroid_weight: float = 0.1
    label_centroid_weight: float = 1.0
    base_model: str = ""

    def p_title(self, texts: Sequence[str], vectors: NDArray[np.float32]) -> NDArray[np.float64]:
        """P(written like a vacancy title) for each text, given its encoder embedding."""
        chars = _vectorizer(self).transform(list(texts))
        logit = chars @ self.char_coef.astype(np.float64) + vectors @ self.vector_coef.astype(np.float64)
        return np.asarray(1.0 / (1.0 + np.exp(-(logit + self.intercept))), dtype=np.float64)


def _vectorizer(gate: TitleGate) -> TfidfVectorizer:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=NGRAMS,
        lowercase=True,
        sublinear_tf=True,
        vocabulary={g: i for i, g in enumerate(gate.vocabulary)},
    )
    vectorizer.idf_ = gate.idf.astype(np.float64)
    return vectorizer


def label_centroids(
    label_vectors: NDArray[np.float32], owners: NDArray[np.int64], n_concepts: int
) -> NDArray[np.float32]:
    """Unit-length mean of each concept's label vectors (zeros for a concept with none).

    Examples
    --------
    >>> v = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]], dtype=np.float32)
    >>> label_centroids(v, np.array([0, 0, 1]), 2).astype(float).round(3).tolist()
    [[0.707, 0.707], [1.0, 0.0]]

    """
    total = np.zeros((n_concepts, label_vectors.shape[1]), dtype=np.float32)
    np.add.at(total, owners, label_vectors)
    norms = np.linalg.norm(total, axis=1, keepdims=True)
    return (total / np.maximum(norms, 1e-6)).astype(np.float32)


def gated_scores(
    with_head: NDArray[np.float32],
    without_head: NDArray[np.float32],
    centroid: NDArray[np.float32],
    p_title: NDArray[np.float64],
    gate: TitleGate,
) -> NDArray[np.float32]:
    """Per query row: the head's scores if P(title) > threshold, else the head-free ones.

    Each branch adds its weight times the centroid cosine and is divided by one plus that
    weight, so its scores stay on the scale of the scores without a gate (thresholds such as
    the grounding's were set on that scale; a label-like query summing two cosines scored up
    to twice as high). Dividing a query's scores by one number changes none of its rankings.

    Examples
    --------
    >>> zeros = np.zeros(2, np.float32)
    >>> gate = TitleGate(("ab",), np.ones(1, np.float32), zeros[:1], zeros, 0.0)
    >>> head, plain, cent = np.array([[1.1, 0.0]] * 2), np.array([[0.0, 1.0]] * 2), np.ones((2, 2))
    >>> scores = gated_scores(head, plain, cent, np.array([0.9, 0.1]), gate)
    >>> [[round(float(x), 3) for x in row] for row in scores]
    [[1.091, 0.091], [0.5, 1.0]]

    """
    title_like = (p_title > gate.threshold)[:, None]
    scores = np.where(
        title_like,
        (with_head + gate.head_centroid_weight * centroid) / (1.0 + gate.head_centroid_weight),
        (without_head + gate.label_centroid_weight * centroid) / (1.0 + gate.label_centroid_weight),
    )
    return scores.astype(np.float32)


def save_title_gate(gate: TitleGate, path: str | Path) -> Path:
    """Write ``gate`` to an ``.npz`` file (float16 coefficients, the rest as is)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    meta = {
        "intercept": gate.intercept,
        "threshold": gate.threshold,
        "head_centroid_weight": gate.head_centroid_weight,
        "label_centroid_weight": gate.label_centroid_weight,
        "base_model": gate.base_model,
    }
    np.savez_compressed(
        target,
        vocabulary=np.asarray(gate.vocabulary, dtype=str),
        idf=gate.idf.astype(np.float32),
        char_coef=gate.char_coef.astype(np.float32),
        vector_coef=gate.vector_coef.astype(np.float32),
        meta=np.asarray(json.dumps(meta)),
    )
    return target


def _gate_from(data: NpzFile, meta: dict[str, Any]) -> TitleGate:
    return TitleGate(
        vocabulary=tuple(str(g) for g in data["vocabulary"]),
        idf=data["idf"].astype(np.float32),
        char_coef=data["char_coef"].astype(np.float32),
        vector_coef=data["vector_coef"].astype(np.float32),
        intercept=float(meta["intercept"]),
        threshold=float(meta["threshold"]),
        head_centroid_weight=float(meta["head_centroid_weight"]),
        label_centroid_weight=float(meta["label_centroid_weight"]),
        base_model=str(meta.get("base_model", "")),
    )


def load_title_gate(path: str | Path) -> TitleGate:
    """Read a gate written by :func:`save_title_gate`; :class:`ModelLoadError` if unreadable."""
    return read_artefact(path, "title gate", _gate_from)


def resolve_title_gate(gate: str | Path | TitleGate | None) -> TitleGate | None:
    """Turn a ``gate`` parameter into a gate, or ``None`` (no gate).

    ``"default"`` means ``models/title-gate/gate.npz`` when it exists, else no gate; a
    path (the file or its folder) must exist.

    Examples
    --------
    >>> resolve_title_gate(None) is None
    True

    """
    if gate is None or isinstance(gate, TitleGate):
        return gate
    path = artefact_path(gate, TITLE_GATE, "gate.npz", "title gate")
    return None if path is None else load_title_gate(path)
