"""Held-out ESCO alternative labels as title queries: the folds and their zero-shot scores.

The shared ESCO copy already lacks some alternative labels (they are a sealed test: a
returnee or a counsellor typing a plain occupation synonym). To measure that kind of
input on data nothing was trained on, every alternative label the copy *does* have is
put in one of ``k`` seeded folds. For fold ``f``, the label index is every preferred and
alternative label except fold ``f``'s; the fold's labels are the test queries, scored
against that reduced index exactly as a withheld label would be.

Training queries are the other folds' labels. Each is scored *leave-one-out*: against
the same reduced index minus its own text, so the head learns from a label as if it
were withheld (its own exact match would otherwise make every training query trivial).
``fold=None`` gives the leave-one-out scores against the full index, the training data
of the shipped head.

Helper module for ``bench/train_heads.py`` and ``bench/matcher_quality.py``; never reads
``../shared/holdout``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from matcher.encoder import Encoder
from matcher.esco import EscoTaxonomy
from matcher.label_index import concept_texts, max_by_owner
from matcher.lexical import LexicalIndex

BLOCK = 512


@dataclass(frozen=True)
class SynonymFolds:
    """Every occupation label (``concept_texts`` order) and the fold of each alternative label.

    ``fold`` is -1 for preferred labels (never held out: the sealed test withholds
    alternative labels only). ``queries`` are the positions of the alternative labels.
    """

    texts: list[str]
    owners: NDArray[np.int64]
    fold: NDArray[np.int64]
    n_occupations: int

    @property
    def queries(self) -> NDArray[np.int64]:
        """Positions (in ``texts``) of the alternative labels, the held-out queries."""
        return np.flatnonzero(self.fold >= 0)

    @property
    def gold(self) -> NDArray[np.int64]:
        """Occupation index of each query."""
        return self.owners[self.queries]

    @property
    def query_fold(self) -> NDArray[np.int64]:
        """Fold of each query."""
        return self.fold[self.queries]


def synonym_folds(esco: EscoTaxonomy, k: int = 5, seed: int = 0) -> SynonymFolds:
    """Cut the occupations' alternative labels into ``k`` seeded folds."""
    groups = [[o.label, *o.alt_labels] for o in esco.occupations]
    texts, owners = concept_texts(groups)
    preferred = np.r_[True, owners[1:] != owners[:-1]]  # the first text of each concept
    fold = np.full(len(texts), -1, dtype=np.int64)
    alternative = np.flatnonzero(~preferred)
    fold[alternative] = np.random.default_rng(seed).permutation(len(alternative)) % k
    return SynonymFolds(texts, owners, fold, len(groups))


def zero_shot_scores(
    data: SynonymFolds,
    vectors: NDArray[np.float32],
    fold: int | None,
    lexical_weight: float = 0.2,
    queries: NDArray[np.int64] | None = None,
) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """Zero-shot title scores of every query (or of ``queries``) against the index without fold ``fold``.

    Each query's own text is also left out (leave-one-out). Returns ``(base,
    semantic)``: ``base`` = best MiniLM cosine + ``lexical_weight`` x best character
    TF-IDF cosine per occupation (``TitleNormalizer(head=None)``'s score), ``semantic``
    the MiniLM part alone, both ``(n_queries, n_occupations)``.
    """
    keep = np.ones(len(data.texts), dtype=bool) if fold is None else data.fold != fold
    index = np.flatnonzero(keep)
    owners = data.owners[index]
    lexical = LexicalIndex().fit([[data.texts[i]] for i in index])
    label_tfidf = lexical.labels_
    queries = data.queries if queries is None else queries
    column_of = np.full(len(data.texts), -1, dtype=np.int64)
    column_of[index] = np.arange(len(index))
    base = np.zeros((len(queries), data.n_occupations), dtype=np.float32)
    semantic = np.zeros_like(base)
    for start in range(0, len(queries), BLOCK):
        rows = queries[start : start + BLOCK]
        own = column_of[rows]
        sims = vectors[rows] @ vectors[index].T
        words = lexical.vectorizer_.transform([data.texts[i] for i in rows])
        chars = np.asarray((words @ label_tfidf.T).todense(), dtype=np.float32)
        present = np.flatnonzero(own >= 0)
        sims[present, own[present]] = -np.inf
        chars[present, own[present]] = 0.0
        sem = max_by_owner(sims, owners, data.n_occupations)
        sem[~np.isfinite(sem)] = 0.0  # an occupation whose only label was left out
        semantic[start : start + len(rows)] = sem
        lex = max_by_owner(chars, owners, data.n_occupations)
        lex[~np.isfinite(lex)] = 0.0
        base[start : start + len(rows)] = sem + lexical_weight * lex
    return base, semantic


def label_vectors(data: SynonymFolds, encoder: Encoder) -> NDArray[np.float32]:
    """MiniLM embeddings of every label (cached by the encoder)."""
    return encoder.encode(data.texts)
