"""Character n-gram TF-IDF similarity between queries and concepts' label texts.

Catches what sentence embeddings blur: spelling variants, abbreviations and word
fragments ("sales rep", "ICT"). A concept scores the best cosine over its texts.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from matcher.exceptions import NotFittedError
from matcher.label_index import concept_texts, max_by_owner


class LexicalIndex:
    """Character 2-4-gram TF-IDF over concept texts (best text per concept).

    Examples
    --------
    >>> index = LexicalIndex().fit([["cook", "chef"], ["forklift driver"]])
    >>> index.scores(["forklift drivers"]).argmax(axis=1).tolist()
    [1]

    """

    def __init__(self, ngram_range: tuple[int, int] = (2, 4), block_size: int = 256) -> None:
        self.ngram_range = ngram_range
        self.block_size = block_size

    def fit(self, groups: Sequence[Sequence[str]]) -> LexicalIndex:
        """Learn the n-gram vocabulary and weights from every concept's texts."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        texts, owners = concept_texts(groups)
        self.vectorizer_ = TfidfVectorizer(
            analyzer="char_wb", ngram_range=self.ngram_range, lowercase=True, sublinear_tf=True
        )
        self.labels_ = self.vectorizer_.fit_transform(texts).tocsr().astype(np.float32)
        self.owners_ = owners
        self.n_concepts_ = len(groups)
        return self

    def scores(self, queries: Sequence[str]) -> NDArray[np.float32]:
        """``(n_queries, n_concepts)`` best-text TF-IDF cosine in [0, 1]."""
        if not hasattr(self, "vectorizer_"):
            raise NotFittedError("Call LexicalIndex.fit(groups) before scoring.")
        blocks = [np.zeros((0, self.n_concepts_), dtype=np.float32)]
        for start in range(0, len(queries), self.block_size):
            chunk = self.vectorizer_.transform(list(queries[start : start + self.block_size]))
            # sparse labels x dense queries: far faster than sparse x sparse for dense results
            dense = np.asarray(chunk.T.todense(), dtype=np.float32)
            sims = np.ascontiguousarray((self.labels_ @ dense).T)
            blocks.append(max_by_owner(sims, self.owners_, self.n_concepts_))
        return np.vstack(blocks)
