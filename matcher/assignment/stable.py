"""Stable assignment: person-proposing deferred acceptance with capacities (hospital/resident).

People propose down their preference list; each placement holds its best proposals up
to capacity and rejects the rest. The result is the person-optimal stable matching,
which is unique for strict preferences, so it does not depend on proposal order.

Preferences and tie-breaking (deterministic): a person ranks eligible placements by
their own ranking where given, else by score, ties going to the placement listed
first in the instance; a placement ranks people by its own ranking where given, else
by score, ties going to the person listed first. The loop is iterative (no recursion)
and uses a heap per placement, so a run costs O(proposals x log capacity).
"""

from __future__ import annotations

import heapq

import numpy as np
from numpy.typing import NDArray

from matcher.assignment.explain import assemble
from matcher.assignment.greedy import greedy_pairs
from matcher.assignment.instance import AssignmentInstance
from matcher.assignment.result import Assignment


def stable_pairs(instance: AssignmentInstance) -> NDArray[np.intp]:
    """Pair indices of the person-optimal stable assignment.

    Examples
    --------
    >>> from matcher.assignment.instance import from_arrays
    >>> inst = from_arrays(["a", "b"], ["x", "y"], [1, 1], [0, 0, 1], [0, 1, 0], [0.9, 0.8, 0.85])
    >>> stable_pairs(inst).tolist()
    [0]

    """
    # every person's eligible pairs, best first, in one flat list: person p owns flat[start[p]:end[p]]
    ordered = instance.eligible_by_preference
    bounds = np.searchsorted(instance.pair_person[ordered], np.arange(instance.n_people + 1)).tolist()
    flat, end = ordered.tolist(), bounds[1:]
    person_of, placement_of, _ = instance.pair_lists
    rank = instance.placement_rank.tolist()
    capacity = instance.capacities.tolist()
    held: list[list[tuple[int, int]]] = [
        [] for _ in range(instance.n_placements)
    ]  # (-rank, pair): worst on top
    next_choice = bounds[:-1]
    free = [p for p in range(instance.n_people - 1, -1, -1) if next_choice[p] < end[p]]
    while free:
        person = free.pop()
        i, stop = next_choice[person], end[person]
        while i < stop:
            e = flat[i]
            i += 1
            h = placement_of[e]
            heap = held[h]
            if len(heap) < capacity[h]:
                heapq.heappush(heap, (-rank[e], e))
                break
            if heap and -heap[0][0] > rank[e]:
                _, rejected = heapq.heapreplace(heap, (-rank[e], e))
                free.append(person_of[rejected])
                break
        next_choice[person] = i
    chosen = [e for heap in held for _, e in heap]
    return np.array(sorted(chosen), dtype=np.intp)


def assign_stable(instance: AssignmentInstance) -> Assignment:
    """Propose the person-optimal stable assignment; it has no blocking pairs.

    Parameters
    ----------
    instance : AssignmentInstance
        From :func:`from_records` or :func:`from_arrays`; never modified.

    Returns
    -------
    Assignment
        ``blocking_pairs`` is empty (checked on every run).

    Examples
    --------
    >>> from matcher.assignment.instance import from_arrays
    >>> inst = from_arrays(["a", "b"], ["x", "y"], [1, 1], [0, 0, 1], [0, 1, 0], [0.9, 0.8, 0.85])
    >>> result = assign_stable(inst)
    >>> [(p.person, p.placement) for p in result.pairs], result.unassigned, result.blocking_pairs
    ([('a', 'x')], ('b',), ())
    >>> result.explanations[1].reason
    'outranked'

    """
    chosen = stable_pairs(instance)
    greedy = greedy_pairs(instance)
    result = assemble(instance, "stable", chosen, float(instance.pair_score[greedy].sum()))
    if result.blocking_pairs:
        raise RuntimeError("assignment engine bug: the stable assignment has blocking pairs")
    return result
