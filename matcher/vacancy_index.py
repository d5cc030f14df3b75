"""Precomputed vacancy embeddings for fast ranking among very many vacancies.

Every distinct phrase (a required skill, a description sentence, a title, a sector) is
embedded once and stored in one float32 matrix; each vacancy points at its phrases by
row number (CSR-style ``ptr``/``idx`` arrays), so shared phrases cost nothing extra.
One coarse unit vector per vacancy (mean of its need vectors plus mean of its title and
sector vectors) supports a single matrix-vector product for retrieval; the exact skill
alignment then runs only on a shortlist.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import sparse

from matcher.constraints import ConstraintArrays
from matcher.exceptions import InputError
from matcher.phrases import vacancy_phrases
from matcher.records import Vacancy

Encode = Callable[[Sequence[str]], NDArray[np.float32]]
IntArray = NDArray[np.intp]
_BLAS: list[Any] = []


def single_thread_blas() -> AbstractContextManager[Any]:
    """Run small matrix products on one BLAS thread.

    A threaded BLAS spends far longer starting threads than multiplying a 1,000 x 384
    by a 384 x 10 matrix (20 ms against 0.6 ms measured on the 2-core machine under
    load); the large retrieval product keeps every thread.
    """
    if not _BLAS:
        try:
            from threadpoolctl import ThreadpoolController

            _BLAS.append(ThreadpoolController())
        except ImportError:  # pragma: no cover - threadpoolctl comes with scikit-learn
            _BLAS.append(None)
    if _BLAS[0] is None:  # pragma: no cover
        return nullcontext()
    return _BLAS[0].limit(limits=1, user_api="blas")


def normalise_rows(matrix: NDArray[np.floating]) -> NDArray[np.float32]:
    """Scale each row to unit length (zero rows stay zero).

    Examples
    --------
    >>> normalise_rows(np.array([[3.0, 4.0], [0.0, 0.0]])).tolist()
    [[0.6000000238418579, 0.800000011920929], [0.0, 0.0]]
    """
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.asarray(matrix / np.where(norms > 0, norms, 1.0), dtype=np.float32)


def gather(ptr: IntArray, rows: IntArray) -> tuple[IntArray, IntArray]:
    """Positions of the CSR entries of ``rows`` and, for each, which of ``rows`` owns it.

    Examples
    --------
    >>> pos, owner = gather(np.array([0, 2, 2, 5]), np.array([2, 0]))
    >>> pos.tolist(), owner.tolist()
    ([2, 3, 4, 0, 1], [0, 0, 0, 1, 1])
    """
    starts, lengths = ptr[rows], ptr[rows + 1] - ptr[rows]
    owner = np.repeat(np.arange(len(rows)), lengths)
    offsets = np.cumsum(lengths) - lengths
    pos = starts[owner] + np.arange(int(lengths.sum())) - offsets[owner]
    return pos.astype(np.intp), owner.astype(np.intp)


def principal_directions(matrix: NDArray[np.float32], k: int, sample: int = 20_000) -> NDArray[np.float32]:
    """The ``k`` top right-singular vectors (``(dim, k)``) of evenly spaced rows of ``matrix``.

    Examples
    --------
    >>> m = np.array([[1.0, 0.0, 0.0], [2.0, 0.1, 0.0], [3.0, 0.0, 0.1]], dtype=np.float32)
    >>> np.abs(principal_directions(m, 1)).round(1).ravel().tolist()
    [1.0, 0.0, 0.0]

    """
    rows = matrix[np.linspace(0, len(matrix) - 1, min(sample, len(matrix))).astype(np.intp)]
    _, _, vt = np.linalg.svd(rows.astype(np.float64), full_matrices=False)
    return np.ascontiguousarray(vt[:k].T, dtype=np.float32)


@dataclass(frozen=True)
class VacancyIndex:
    """Embedded phrases and constraint arrays of a fixed set of vacancies; build with :meth:`build`."""

    vacancies: tuple[Vacancy, ...]
    texts: tuple[str, ...]
    vectors: NDArray[np.float32]
    need_ptr: IntArray
    need_idx: IntArray
    need_weight: NDArray[np.float64]
    need_required: NDArray[np.bool_]
    about_ptr: IntArray
    about_idx: IntArray
    coarse: NDArray[np.float32]
    projection: NDArray[np.float32] | None
    constraints: ConstraintArrays
    rows: dict[str, int]
    word_cache: dict[int, object] = field(default_factory=dict, repr=False, compare=False)

    def __len__(self) -> int:
        """Number of vacancies."""
        return len(self.vacancies)

    @classmethod
    def build(
        cls,
        vacancies: Sequence[Vacancy],
        encode: Encode,
        description_weight: float = 0.5,
        coarse_dims: int | None = 128,
    ) -> VacancyIndex:
        """Split, embed (each distinct phrase once) and index ``vacancies``.

        ``coarse_dims`` projects the coarse vectors onto their top principal directions
        (uncentred SVD) when there are more vacancies than that, so retrieval reads a
        third of the memory; ``None`` keeps the full dimension.
        """
        rows: dict[str, int] = {}
        for row, vacancy in enumerate(vacancies):
            if vacancy.id in rows:
                raise InputError(f"vacancy id {vacancy.id!r} appears twice; ids must be unique")
            rows[vacancy.id] = row
        lookup: dict[str, int] = {}
        need_ptr: list[int] = [0]
        need_idx: list[int] = []
        need_w: list[float] = []
        need_req: list[bool] = []
        about_ptr: list[int] = [0]
        about_idx: list[int] = []
        for vacancy in vacancies:
            split = vacancy_phrases(vacancy, description_weight)
            need_idx.extend(lookup.setdefault(t, len(lookup)) for t in split.needs)
            need_w.extend(split.need_weights)
            need_req.extend(split.need_required)
            need_ptr.append(len(need_idx))
            about_idx.extend(lookup.setdefault(t, len(lookup)) for t in split.about)
            about_ptr.append(len(about_idx))
        texts = tuple(lookup)
        vectors = np.asarray(encode(list(texts)), dtype=np.float32)
        n, u = len(vacancies), len(texts)
        n_ptr, n_idx = np.asarray(need_ptr, np.intp), np.asarray(need_idx, np.intp)
        a_ptr, a_idx = np.asarray(about_ptr, np.intp), np.asarray(about_idx, np.intp)
        need_mat = sparse.csr_matrix((np.asarray(need_w, np.float32), n_idx, n_ptr), shape=(n, u))
        about_mat = sparse.csr_matrix((np.ones(len(a_idx), np.float32), a_idx, a_ptr), shape=(n, u))
        coarse = normalise_rows(normalise_rows(need_mat @ vectors) + normalise_rows(about_mat @ vectors))
        projection = None
        if coarse_dims is not None and coarse_dims < coarse.shape[1] and n > coarse_dims:
            projection = principal_directions(coarse, coarse_dims)
            coarse = np.ascontiguousarray(coarse @ projection)
        return cls(
            vacancies=tuple(vacancies),
            texts=texts,
            vectors=vectors,
            need_ptr=n_ptr,
            need_idx=n_idx,
            need_weight=np.asarray(need_w, np.float64),
            need_required=np.asarray(need_req, dtype=np.bool_),
            about_ptr=a_ptr,
            about_idx=a_idx,
            coarse=coarse,
            projection=projection,
            constraints=ConstraintArrays.from_vacancies(vacancies),
            rows=rows,
        )

    def coarse_scores(self, queries: NDArray[np.float32]) -> NDArray[np.float32]:
        """Approximate dot products of every vacancy with ``queries`` (``(dim, n_queries)``)."""
        if self.projection is not None:
            queries = self.projection.T @ queries
        return np.asarray(self.coarse @ queries, dtype=np.float32)

    def row(self, vacancy_id: str) -> int:
        """Row number of ``vacancy_id``, or :class:`InputError` naming the unknown id."""
        try:
            return self.rows[vacancy_id]
        except KeyError:
            raise InputError(f"no vacancy with id {vacancy_id!r} was given to the matcher") from None
