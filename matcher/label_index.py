"""Rank concepts that each have several texts (a label, its synonyms) by their best match.

A concept scores the highest cosine similarity between a query and any of its texts.
Used by title normalisation (occupations) and skill linking (skills).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from matcher.encoder import Encoder
    from matcher.heads import ProjectionHead


def concept_texts(groups: Sequence[Sequence[str]]) -> tuple[list[str], NDArray[np.int64]]:
    """Flatten per-concept texts, dropping blanks and repeats within a concept.

    Returns the texts and, for each, the index of its concept.

    Examples
    --------
    >>> texts, owners = concept_texts([["cook", "chef", "cook"], ["baker", ""]])
    >>> texts, owners.tolist()
    (['cook', 'chef', 'baker'], [0, 0, 1])

    """
    texts: list[str] = []
    owners: list[int] = []
    for index, group in enumerate(groups):
        for text in dict.fromkeys(t.strip() for t in group):
            if text:
                texts.append(text)
                owners.append(index)
    return texts, np.asarray(owners, dtype=np.int64)


def max_by_owner(
    sims: NDArray[np.float32], owners: NDArray[np.int64], n_concepts: int
) -> NDArray[np.float32]:
    """Per query row, the maximum of ``sims`` over each concept's columns.

    ``owners`` must be sorted (as :func:`concept_texts` returns them); concepts with no
    column get ``-inf``.

    Examples
    --------
    >>> sims = np.array([[0.25, 0.75, 0.5]], dtype=np.float32)
    >>> max_by_owner(sims, np.array([0, 0, 1]), 3).tolist()
    [[0.75, 0.5, -inf]]

    """
    out = np.full((sims.shape[0], n_concepts), -np.inf, dtype=np.float32)
    if sims.shape[1] == 0:
        return out
    starts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
    out[:, owners[starts]] = np.maximum.reduceat(sims, starts, axis=1)
    return out


def top_k(scores: NDArray[np.float32], k: int) -> tuple[NDArray[np.int64], NDArray[np.float32]]:
    """Return indices and values of the ``k`` best columns per row, best first.

    Examples
    --------
    >>> idx, val = top_k(np.array([[0.25, 0.75, 0.5]], dtype=np.float32), 2)
    >>> idx.tolist(), val.tolist()
    ([[1, 2]], [[0.75, 0.5]])

    """
    k = max(0, min(k, scores.shape[1]))
    if k == 0:
        return np.zeros((scores.shape[0], 0), np.int64), np.zeros((scores.shape[0], 0), np.float32)
    part = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    vals = np.take_along_axis(scores, part, axis=1)
    order = np.argsort(-vals, axis=1, kind="stable")
    idx = np.take_along_axis(part, order, axis=1)
    return idx.astype(np.int64), np.take_along_axis(vals, order, axis=1)


class ConceptRanker:
    """Score queries against concepts that each have several texts, via embeddings.

    Parameters
    ----------
    encoder:
        A fitted :class:`matcher.encoder.Encoder`.
    head:
        A :class:`matcher.heads.ProjectionHead`, or ``None`` for zero-shot cosine.
    block_size:
        Queries scored at a time (bounds memory: block_size x number of texts floats).

    """

    def __init__(self, encoder: Encoder, head: ProjectionHead | None = None, block_size: int = 256) -> None:
        self.encoder = encoder
        self.head = head
        self.block_size = block_size

    def fit(self, groups: Sequence[Sequence[str]], uris: Sequence[str]) -> ConceptRanker:
        """Encode every concept's texts (``groups[i]`` belongs to ``uris[i]``)."""
        texts, owners = concept_texts(groups)
        vectors = self.encoder.encode(texts)
        self.concept_vectors_: NDArray[np.float32] | None = None
        if self.head is not None:
            vectors = self.head.project_labels(vectors)
            self.bias_ = self.head.concept_bias(list(uris))
            self.concept_vectors_ = self.head.concept_matrix(list(uris))
        else:
            self.bias_ = np.zeros(len(uris), dtype=np.float32)
        self.label_vectors_ = vectors
        self.owners_ = owners
        self.n_concepts_ = len(uris)
        return self

    def embed_queries(self, queries: Sequence[str], private: bool = True) -> NDArray[np.float32]:
        """Query embeddings, projected by the head when there is one.

        Queries are private by default (often a person's words: never cached, see
        :meth:`matcher.encoder.Encoder.encode`); pass ``private=False`` for public text.
        """
        return self.project_queries(self.encoder.encode(list(queries), private=private))

    def project_queries(self, vectors: NDArray[np.float32]) -> NDArray[np.float32]:
        """Encoder embeddings of queries, projected by the head when there is one."""
        return self.head.project_queries(vectors) if self.head is not None else vectors

    def best_of_groups(
        self,
        query_vectors: NDArray[np.float32],
        groups: Sequence[Sequence[int]],
        max_rows: int = 2048,
        shortlist: int = 0,
    ) -> NDArray[np.float32]:
        """``(n_groups, n_concepts)``: each concept's best score over each group of query rows.

        Row ``g`` equals ``scores(query_vectors[groups[g]]).max(axis=0)`` (``-inf`` for an
        empty group), but the maximum over a group's queries is taken before the maximum
        over each concept's texts (the two commute), and groups go through one matrix
        product per block of about ``max_rows`` queries. A sentence's spans so cost one
        product and one per-concept reduction, not one reduction per span.

        ``shortlist > 0``: coarse to fine. The product is taken in bfloat16 (several times
        faster than float32 on a processor with bfloat16 instructions), and only each group's
        ``shortlist`` best texts by that product are scored again exactly; every other text
        keeps its bfloat16 score (within about 0.005 of the exact one, and below the
        shortlist's). Without a head only (with one, every score is exact).
        """
        out = np.full((len(groups), self.n_concepts_), -np.inf, dtype=np.float32)
        start = 0
        while start < len(groups):
            stop, rows = start, 0
            while stop < len(groups) and (stop == start or rows + len(groups[stop]) <= max_rows):
                rows += len(groups[stop])
                stop += 1
            out[start:stop] = self._best_of_block(query_vectors, groups[start:stop], shortlist)
            start = stop
        return out

    def _best_of_block(
        self, query_vectors: NDArray[np.float32], groups: Sequence[Sequence[int]], shortlist: int = 0
    ) -> NDArray[np.float32]:
        if self.concept_vectors_ is not None:  # per-query concept terms do not commute with the max
            return np.vstack(
                [self.scores(query_vectors[list(g)]).max(axis=0) if len(g) else self._empty() for g in groups]
            )
        used = sorted({i for g in groups for i in g})
        n_texts = self.label_vectors_.shape[0]
        if 0 < shortlist < n_texts and used:
            where = {row: k for k, row in enumerate(used)}
            best = self._coarse_best(query_vectors, [[where[i] for i in g] for g in groups], used)
            for k, group in enumerate(groups):  # each group's best texts scored again in float32
                if len(group):
                    top = np.argpartition(-best[k], shortlist - 1)[:shortlist]
                    best[k, top] = (query_vectors[list(group)] @ self.label_vectors_[top].T).max(axis=0)
            return max_by_owner(best, self.owners_, self.n_concepts_) + self.bias_
        best = np.full((len(groups), n_texts), -np.inf, dtype=np.float32)
        if used:  # one product over the groups' rows one after another; each group's maximum over its slice
            sims = query_vectors[[i for g in groups for i in g]] @ self.label_vectors_.T
            start = 0
            for k, group in enumerate(groups):
                if len(group):
                    best[k] = sims[start : start + len(group)].max(axis=0)
                start += len(group)
        return max_by_owner(best, self.owners_, self.n_concepts_) + self.bias_

    def nearest_text_scores(
        self, query_vectors: NDArray[np.float32], bfloat16: bool = False
    ) -> NDArray[np.float32]:
        """Each query's best cosine to any concept's text (``bfloat16``: a bfloat16 product, within ~0.005).

        Take the bfloat16 product only where the queries are encoded in bfloat16 (a processor with
        bfloat16 instructions); elsewhere it is several times slower than the float32 one.
        """
        import torch

        if len(query_vectors) == 0:
            return np.zeros(0, dtype=np.float32)
        if not bfloat16:
            return (query_vectors @ self.label_vectors_.T).max(axis=1)
        with torch.inference_mode():
            sims = torch.from_numpy(query_vectors).to(torch.bfloat16) @ self._bfloat16_labels().T
            return sims.amax(dim=1).float().numpy()

    def _bfloat16_labels(self) -> Any:
        """The label texts' vectors in bfloat16 (a torch tensor), converted once, on first use."""
        import torch

        labels = getattr(self, "coarse_labels_", None)
        if labels is None:
            labels = self.coarse_labels_ = torch.from_numpy(self.label_vectors_).to(torch.bfloat16)
        return labels

    def _coarse_best(
        self, query_vectors: NDArray[np.float32], groups: list[list[int]], used: list[int]
    ) -> NDArray[np.float32]:
        """Each group's best bfloat16 product with every text (``groups`` index ``used``)."""
        import torch

        labels = self._bfloat16_labels()
        best = torch.full((len(groups), labels.shape[0]), -torch.inf, dtype=torch.bfloat16)
        with torch.inference_mode():
            sims = torch.from_numpy(query_vectors[used]).to(torch.bfloat16) @ labels.T
            for k, group in enumerate(groups):
                if group:
                    best[k] = sims[group].amax(dim=0)
        return best.float().numpy()

    def _empty(self) -> NDArray[np.float32]:
        return np.full(self.n_concepts_, -np.inf, dtype=np.float32)

    def scores(self, query_vectors: NDArray[np.float32]) -> NDArray[np.float32]:
        """``(n_queries, n_concepts)`` best-text cosine plus the head's concept terms."""
        blocks = []
        for start in range(0, len(query_vectors), self.block_size):
            block = query_vectors[start : start + self.block_size]
            scores = max_by_owner(block @ self.label_vectors_.T, self.owners_, self.n_concepts_) + self.bias_
            if self.concept_vectors_ is not None:
                scores += block @ self.concept_vectors_.T
            blocks.append(scores)
        if not blocks:
            return np.zeros((0, self.n_concepts_), dtype=np.float32)
        return np.vstack(blocks)
