"""The greedy baseline: best remaining score first. Not optimal; kept for comparison."""

from __future__ import annotations

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
    eligible = np.flatnonzero(instance.eligible)
    order = eligible[
        np.lexsort(
            (
                instance.pair_placement[eligible],
                instance.pair_person[eligible],
                -instance.pair_score[eligible],
            )
        )
    ]
    room = instance.capacities.tolist()
    placed = [False] * instance.n_people
    people, placements = instance.pair_person.tolist(), instance.pair_placement.tolist()
    chosen: list[int] = []
    left = min(instance.n_people, int(instance.capacities.sum()))
    for e in order.tolist():
        if left == 0:
            break
        p, h = people[e], placements[e]
        if not placed[p] and room[h]:
            placed[p] = True
            room[h] -= 1
            left -= 1
            chosen.append(e)
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
