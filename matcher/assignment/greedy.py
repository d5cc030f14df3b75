"""The greedy baseline: best remaining score first. Not optimal; kept for comparison."""

from __future__ import annotations

import heapq

import numpy as np
from numpy.typing import NDArray

from matcher.assignment.explain import assemble
from matcher.assignment.instance import AssignmentInstance
from matcher.assignment.result import Assignment


def greedy_pairs(instance: AssignmentInstance) -> NDArray[np.intp]:
    """Greedy baseline: take eligible pairs best score first (ties: people order, then placements).

    Examples
    --------
    >>> from matcher.assignment.instance import from_arrays
    >>> inst = from_arrays(["a", "b"], ["x", "y"], [1, 1], [0, 0, 1], [0, 1, 0], [0.9, 0.8, 0.85])
    >>> greedy_pairs(inst).tolist()
    [0]

    """
    # each person's pairs best score first (ties: placement order); global order (-score, person, placement)
    ordered = instance.by_person_score[instance.eligible[instance.by_person_score]]
    bounds_arr = np.searchsorted(instance.pair_person[ordered], np.arange(instance.n_people + 1))
    bounds = bounds_arr.tolist()
    flat = ordered.tolist()
    _, placement_of, scores = instance.pair_lists
    room = instance.capacities.tolist()
    # a heap of every unplaced person's best pair at a placement that had room when pushed
    starts = bounds_arr[:-1]
    has_pairs = np.flatnonzero(starts < bounds_arr[1:])
    first = ordered[starts[has_pairs]]
    heap = list(
        zip(
            (-instance.pair_score[first]).tolist(),
            has_pairs.tolist(),
            instance.pair_placement[first].tolist(),
            starts[has_pairs].tolist(),
            strict=True,
        )
    )
    heapq.heapify(heap)
    chosen: list[int] = []
    while heap:
        _, p, h, i = heapq.heappop(heap)
        if room[h]:
            room[h] -= 1
            chosen.append(flat[i])
            continue
        i += 1
        while i < bounds[p + 1] and not room[placement_of[flat[i]]]:
            i += 1
        if i < bounds[p + 1]:
            heapq.heappush(heap, (-scores[flat[i]], p, placement_of[flat[i]], i))
    return np.array(sorted(chosen), dtype=np.intp)


def assign_greedy(instance: AssignmentInstance) -> Assignment:
    """Propose the greedy assignment (a baseline; use :func:`assign_optimal` or :func:`assign_stable`).

    Examples
    --------
    >>> from matcher.assignment.instance import from_arrays
    >>> inst = from_arrays(["a", "b"], ["x", "y"], [1, 1], [0, 0, 1], [0, 1, 0], [0.9, 0.8, 0.85])
    >>> result = assign_greedy(inst)
    >>> [(p.person, p.placement) for p in result.pairs], result.unassigned
    ([('a', 'x')], ('b',))

    """
    chosen = greedy_pairs(instance)
    return assemble(instance, "greedy", chosen, float(instance.pair_score[chosen].sum()))
