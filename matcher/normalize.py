"""Job-title normalisation: a title (a vacancy's or a past job's) -> ranked ESCO occupations.

Each occupation is represented by its preferred label and its alternative labels. A
title's score for an occupation is

    best cosine(title, label) over the occupation's labels        (all-MiniLM-L6-v2)
    + lexical_weight * best character-TF-IDF cosine over the same labels
    + the head's learned term for that occupation: title . c + bias

The head (``models/title-head``, trained by ``bench/train_heads.py``) is optional: with
``head=None`` or without the file the normaliser is zero-shot (embeddings + TF-IDF).

The head learns the job board's prior, which costs plain occupation synonyms typed the way
ESCO writes them. A title-vs-label gate (``models/title-gate``, :mod:`matcher.title_gate`)
decides per title: written like a vacancy title, it keeps the head (+ 0.1 x the cosine to
the occupation's label centroid); written like a label, it gets no head term and + 1.0 x
that centroid cosine. ``gate=None`` applies the head to every title.

Titles in another language than English go the multilingual way instead
(:mod:`matcher.multilingual`, chosen per title by :mod:`matcher.text_language`), unless
``multilingual=False``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from matcher.encoder import Encoder
from matcher.esco import EscoTaxonomy
from matcher.exceptions import NotFittedError
from matcher.heads import ProjectionHead, head_for_encoder, resolve_head
from matcher.label_index import ConceptRanker, top_k
from matcher.lexical import LexicalIndex
from matcher.multilingual import LanguageRouter
from matcher.title_gate import TitleGate, gated_scores, label_centroids, resolve_title_gate

TITLE_HEAD = "title-head"


@dataclass(frozen=True)
class OccupationMatch:
    """One ranked occupation for a title: ESCO URI, preferred label, ISCO-08 group, score."""

    uri: str
    label: str
    isco: str
    score: float


def clean_title(title: str) -> str:
    """Collapse whitespace; titles are otherwise given to the encoder as written.

    Examples
    --------
    >>> clean_title("  Senior   Chef ")
    'Senior Chef'

    """
    return " ".join(title.split())


@dataclass(eq=False, repr=False)
class TitleNormalizer:
    """Map job titles to ESCO occupations (scikit-learn style: ``fit`` then ``normalize``).

    Parameters
    ----------
    encoder:
        A fitted :class:`Encoder` to reuse; ``None`` builds and fits the default one.
    head:
        ``"default"`` (the shipped ``models/title-head`` if present, else zero-shot),
        a path to a ``head.npz`` or its folder, a :class:`ProjectionHead`, or ``None``
        for zero-shot.
    cache_dir:
        Embedding cache folder for the encoder built when ``encoder`` is ``None``.
    lexical_weight:
        Weight of the character TF-IDF similarity; 0 for embeddings alone.
    multilingual:
        Route titles that are not English to :class:`matcher.multilingual.MultilingualRanker`
        (``False``: every title takes the English path).
    gate:
        ``"default"`` (the shipped ``models/title-gate`` if present), a path to a
        ``gate.npz`` or its folder, a :class:`matcher.title_gate.TitleGate`, or ``None``:
        which titles the head's per-occupation terms apply to. Unused without a head that
        has per-occupation terms.

    """

    encoder: Encoder | None = None
    head: str | Path | ProjectionHead | None = "default"
    cache_dir: str | Path | None = None
    lexical_weight: float = 0.2
    multilingual: bool = True
    gate: str | Path | TitleGate | None = "default"

    def fit(self, taxonomy: EscoTaxonomy) -> TitleNormalizer:
        """Encode the labels of every occupation in ``taxonomy``."""
        encoder = self.encoder if self.encoder is not None else Encoder(cache_dir=self.cache_dir).fit()
        self.encoder_ = encoder
        self.head_ = head_for_encoder(
            resolve_head(self.head, TITLE_HEAD),
            encoder.model_id_,
            encoder.dim_,
            explicit=not (isinstance(self.head, str) and self.head == "default"),
        )
        self.occupations_ = taxonomy.occupations
        groups = [[o.label, *o.alt_labels] for o in taxonomy.occupations]
        self.ranker_ = ConceptRanker(encoder, self.head_).fit(groups, [o.uri for o in self.occupations_])
        self.lexical_ = LexicalIndex().fit(groups) if self.lexical_weight else None
        self.router_ = LanguageRouter(self.occupations_, encoder) if self.multilingual else None
        has_terms = self.head_ is not None and self.ranker_.concept_vectors_ is not None
        self.gate_ = resolve_title_gate(self.gate) if has_terms else None
        if self.gate_ is not None:
            self.centroids_ = label_centroids(
                self.ranker_.label_vectors_, self.ranker_.owners_, len(self.occupations_)
            )
        return self

    def scores(self, titles: Sequence[str], private: bool = True) -> np.ndarray:
        """``(n_titles, n_occupations)`` scores, columns in ``occupations_`` order.

        Titles are a person's words unless ``private=False`` (a vacancy's title): private
        ones are never written to the encoder's cache.
        """
        if not hasattr(self, "ranker_"):
            raise NotFittedError("Call TitleNormalizer.fit(taxonomy) before normalising titles.")
        clean = [clean_title(t) for t in titles]
        if self.router_ is not None:
            return self.router_.scores(clean, lambda english: self._english_scores(english, private))
        return self._english_scores(clean, private)

    def _english_scores(self, clean: list[str], private: bool = True) -> np.ndarray:
        raw = self.encoder_.encode(clean, private=private)
        queries = self.ranker_.project_queries(raw)
        scores = self.ranker_.scores(queries)
        if self.lexical_ is not None:
            scores += self.lexical_weight * self.lexical_.scores(clean)
        if self.gate_ is None or not clean:
            return scores
        # the head's per-occupation term (title . c + bias), kept only for title-like queries
        head_term = self.ranker_.bias_ + queries @ self.ranker_.concept_vectors_.T  # type: ignore[union-attr]
        p_title = self.gate_.p_title(clean, raw)
        return gated_scores(scores, scores - head_term, queries @ self.centroids_.T, p_title, self.gate_)

    def normalize(
        self, titles: Sequence[str], top_k: int = 5, private: bool = True
    ) -> list[list[OccupationMatch]]:
        """Return the ``top_k`` best occupations for each title, best first (``private``: :meth:`scores`)."""
        scores = self.scores(titles, private)
        return [self._matches(i, v) for i, v in zip(*_best(scores, top_k), strict=True)]

    def _matches(self, idx: np.ndarray, vals: np.ndarray) -> list[OccupationMatch]:
        found = []
        for i, v in zip(idx.tolist(), vals.tolist(), strict=True):
            occ = self.occupations_[i]
            found.append(OccupationMatch(occ.uri, occ.label, occ.isco_group, round(float(v), 4)))
        return found


def _best(scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    return top_k(scores.astype(np.float32, copy=False), k)
