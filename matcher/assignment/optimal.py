"""Optimal assignment: the maximum total score under capacities (an exact maximum-weight b-matching).

Two exact solvers give the same optimum:

``"lapjv"``
    Each placement is split into ``min(capacity, candidates)`` identical slots and every
    person gets a private "unassigned" column; SciPy's sparse Jonker-Volgenant solver
    (``min_weight_full_bipartite_matching``) then finds a minimum-cost full matching with
    cost ``C - score`` on real edges and ``C`` on the unassigned column, which is the
    maximum-score assignment. Fast while the slot-expanded graph stays small.
``"lp"``
    The transportation linear programme solved by HiGHS. Its constraint matrix is the
    incidence matrix of a bipartite graph, hence totally unimodular, so the simplex
    vertex it returns is integral; integrality is checked, never assumed.

``"auto"`` uses ``"lapjv"`` unless the expanded graph would exceed
:data:`MAX_EXPANDED_EDGES`.

Objective: by default the total of the instance's scores. ``weights`` (one value >= 0 per
candidate pair, in the instance's pair order) replaces it, e.g. by each pair's probability of
leading to employment (:mod:`matcher.outcomes`): the maximum then is the expected number of
people employed, under the same capacities and eligibility (eligibility, preferences and
explanations still come from the instance's scores).

Ties: when several assignments reach the same highest total, the solver's choice is
deterministic (same instance, same result) but is not "earlier in the list wins"; use
the stable method where a stated tie-breaking rule matters.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import scipy.sparse as sp
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import linprog
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from matcher.assignment.explain import assemble
from matcher.assignment.greedy import greedy_pairs
from matcher.assignment.instance import AssignmentInstance
from matcher.assignment.result import Assignment
from matcher.exceptions import AssignmentError

Solver = Literal["auto", "lapjv", "lp"]

#: Above this many slot-expanded edges, ``solver="auto"`` uses the linear programme.
MAX_EXPANDED_EDGES = 20_000_000


def _usable_pairs(instance: AssignmentInstance) -> NDArray[np.intp]:
    """Eligible pairs at placements with at least one place."""
    usable = instance.eligible & (instance.capacities[instance.pair_placement] > 0)
    return np.flatnonzero(usable).astype(np.intp)


def _expanded_size(instance: AssignmentInstance, pairs: NDArray[np.intp]) -> tuple[NDArray[np.int64], int]:
    degree = np.bincount(instance.pair_placement[pairs], minlength=instance.n_placements)
    slots = np.minimum(instance.capacities, degree)
    private = instance.capacities >= degree
    reps = np.where(private, 1, slots)[instance.pair_placement[pairs]]
    return slots, int(reps.sum())


def _solve_lapjv(
    instance: AssignmentInstance, pairs: NDArray[np.intp], gain: NDArray[np.float64]
) -> NDArray[np.intp]:
    """Exact optimum by sparse Jonker-Volgenant on the slot-expanded graph.

    Rows are the people with a usable pair; each row's edges are its pairs' slots, then
    its own "unassigned" column. ``pairs`` are sorted by person (as the instance is).
    """
    placement = instance.pair_placement[pairs]
    degree = np.bincount(placement, minlength=instance.n_placements)
    slots = np.minimum(instance.capacities, degree)
    slot_start = np.concatenate([[0], np.cumsum(slots)])
    private = (instance.capacities >= degree)[placement]
    reps = np.where(private, 1, slots[placement])
    position = np.zeros(len(pairs), dtype=np.int64)
    if private.any():
        # a placement with room for all its candidates gives each pair its own slot
        order = np.argsort(placement, kind="stable")
        position[order] = np.arange(len(pairs)) - np.concatenate([[0], np.cumsum(degree)])[placement[order]]
        position[~private] = 0
    # pairs are sorted by person: rows are the people with a usable pair, in order
    person = instance.pair_person[pairs]
    new_row = np.concatenate([[True], person[1:] != person[:-1]])
    rows_used = person[new_row]
    row_of_pair = np.cumsum(new_row) - 1
    n_rows, n_slots = len(rows_used), int(slot_start[-1])
    # CSR layout: row r holds its real edges, then its unassigned column. Build it from
    # "items" (the pairs, with one unassigned item inserted after each row's last pair):
    # an item covers `reps` consecutive columns starting at `base`.
    scores = gain[pairs]
    big = float(scores.max()) + 1.0
    row_ends = np.flatnonzero(np.concatenate([new_row[1:], [True]])) + 1
    base = np.insert(slot_start[placement] + position, row_ends, n_slots + np.arange(n_rows))
    weight = np.insert(big - scores, row_ends, big)
    item_reps = np.insert(reps, row_ends, 1)
    first = np.cumsum(item_reps) - item_reps
    n_edges = int(item_reps.sum())
    indices = (np.repeat(base - first, item_reps) + np.arange(n_edges)).astype(np.int32)
    data = np.repeat(weight, item_reps)
    indptr = np.concatenate([[0], np.cumsum(np.bincount(row_of_pair, weights=reps, minlength=n_rows) + 1)])
    graph = sp.csr_array((data, indices, indptr.astype(np.int32)), shape=(n_rows, n_slots + n_rows))
    row, col = min_weight_full_bipartite_matching(graph)
    real = col < n_slots
    matched_placement = np.searchsorted(slot_start, col[real], side="right") - 1
    keys = rows_used[row_of_pair] * instance.n_placements + placement
    wanted = rows_used[row[real]] * instance.n_placements + matched_placement
    return np.sort(pairs[np.searchsorted(keys, wanted)])


def _solve_lp(
    instance: AssignmentInstance, pairs: NDArray[np.intp], gain: NDArray[np.float64]
) -> NDArray[np.intp]:
    """Exact optimum of the transportation LP (totally unimodular, so the vertex is integral)."""
    k = len(pairs)
    n = instance.n_people
    columns = np.arange(k)
    matrix = sp.csr_array(
        (
            np.ones(2 * k),
            (
                np.concatenate([instance.pair_person[pairs], n + instance.pair_placement[pairs]]),
                np.concatenate([columns, columns]),
            ),
        ),
        shape=(n + instance.n_placements, k),
    )
    bounds = np.concatenate([np.ones(n), instance.capacities.astype(np.float64)])
    result = linprog(-gain[pairs], A_ub=matrix, b_ub=bounds, bounds=(0, 1), method="highs-ds")
    if result.status != 0:
        raise RuntimeError(f"HiGHS did not solve the assignment LP: {result.message}")
    x = np.asarray(result.x)
    if np.abs(x - np.round(x)).max() > 1e-6:
        raise RuntimeError("assignment LP returned a fractional vertex; the instance is not a b-matching")
    return pairs[np.round(x) == 1]


def _fill(
    instance: AssignmentInstance, chosen: NDArray[np.intp], pairs: NDArray[np.intp]
) -> NDArray[np.intp]:
    """Give still-unassigned people a free place they are eligible for (only zero-gain pairs remain)."""
    room = instance.capacities - np.bincount(instance.pair_placement[chosen], minlength=instance.n_placements)
    placed = np.zeros(instance.n_people, dtype=bool)
    placed[instance.pair_person[chosen]] = True
    waiting = pairs[~placed[instance.pair_person[pairs]] & (room[instance.pair_placement[pairs]] > 0)]
    if waiting.size == 0:
        return chosen
    extra = []
    for e in waiting[np.lexsort((instance.person_rank[waiting], instance.pair_person[waiting]))].tolist():
        p, h = int(instance.pair_person[e]), int(instance.pair_placement[e])
        if not placed[p] and room[h] > 0:
            placed[p] = True
            room[h] -= 1
            extra.append(e)
    return np.sort(np.concatenate([chosen, np.array(extra, dtype=np.intp)]))


def _check_weights(instance: AssignmentInstance, weights: ArrayLike | None) -> NDArray[np.float64]:
    if weights is None:
        return instance.pair_score
    gain = np.asarray(weights, dtype=np.float64)
    if gain.shape != instance.pair_score.shape:
        raise AssignmentError(
            f"weights must hold one value per candidate pair ({len(instance.pair_score)}), "
            f"got shape {gain.shape}"
        )
    bad = np.flatnonzero(~np.isfinite(gain) | (gain < 0))
    if bad.size:
        raise AssignmentError(f"weight of pair {int(bad[0])} must be finite and >= 0, got {gain[bad[0]]!r}")
    return gain


def optimal_pairs(
    instance: AssignmentInstance, solver: Solver = "auto", *, weights: ArrayLike | None = None
) -> NDArray[np.intp]:
    """Pair indices of a maximum-total assignment (see the module docstring for ``solver`` and ``weights``).

    Examples
    --------
    >>> from matcher.assignment.instance import from_arrays
    >>> inst = from_arrays(["a", "b"], ["x", "y"], [1, 1], [0, 0, 1], [0, 1, 0], [0.9, 0.8, 0.85])
    >>> optimal_pairs(inst).tolist(), optimal_pairs(inst, solver="lp").tolist()
    ([1, 2], [1, 2])
    >>> optimal_pairs(inst, weights=[0.9, 0.1, 0.2]).tolist()  # e.g. probabilities of employment
    [0]

    """
    if solver not in ("auto", "lapjv", "lp"):
        raise AssignmentError(f"unknown solver {solver!r}; use 'auto', 'lapjv' or 'lp'")
    gain = _check_weights(instance, weights)
    pairs = _usable_pairs(instance)
    if pairs.size == 0:
        return pairs
    if solver == "lp" or (solver == "auto" and _expanded_size(instance, pairs)[1] > MAX_EXPANDED_EDGES):
        chosen = _solve_lp(instance, pairs, gain)
    else:
        chosen = _solve_lapjv(instance, pairs, gain)
    return _fill(instance, chosen, pairs)


def assign_optimal(
    instance: AssignmentInstance, *, solver: Solver = "auto", weights: ArrayLike | None = None
) -> Assignment:
    """Propose the assignment with the highest total score (or weights), within capacities and eligibility.

    Leaving a person unassigned is allowed; with scores >= 0 every person who fits is
    considered, and anyone left over with a free eligible place gets it. Blocking pairs
    are reported (the optimum need not be stable), with the greedy total for comparison.

    Parameters
    ----------
    instance : AssignmentInstance
        From :func:`from_records` or :func:`from_arrays`; never modified.
    solver : {"auto", "lapjv", "lp"}
        Exact solver to use; both give the same total.
    weights : array-like of float, optional
        One value >= 0 per candidate pair (the instance's pair order) to maximise instead of the
        scores, such as each pair's probability of employment; ``total_score`` and the
        explanations still report the scores.

    Returns
    -------
    Assignment

    Examples
    --------
    >>> from matcher.assignment.instance import from_arrays
    >>> inst = from_arrays(["a", "b"], ["x", "y"], [1, 1], [0, 0, 1], [0, 1, 0], [0.9, 0.8, 0.85])
    >>> result = assign_optimal(inst)
    >>> [(p.person, p.placement) for p in result.pairs]
    [('a', 'y'), ('b', 'x')]
    >>> round(result.total_score, 2), round(result.greedy_total, 2), len(result.blocking_pairs)
    (1.65, 0.9, 1)

    """
    chosen = optimal_pairs(instance, solver, weights=weights)
    greedy = greedy_pairs(instance)
    return assemble(instance, "optimal", chosen, float(instance.pair_score[greedy].sum()))
