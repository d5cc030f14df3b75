"""Per-person explanations: why each person got what they got, or why nothing.

Explanations name placements and score cut-offs only; they never say who took a place.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from numpy.typing import NDArray

from matcher.assignment.instance import AssignmentInstance, Id
from matcher.assignment.result import (
    Assignment,
    BlockingPair,
    Cutoff,
    Explanation,
    Method,
    Proposal,
    blocking_pairs,
    chosen_per_person,
)
from matcher.exceptions import AssignmentError


def _lowest_admitted(instance: AssignmentInstance, per_person: NDArray[np.intp]) -> list[float | None]:
    """The lowest score each placement admitted (``None`` where nobody)."""
    assigned = per_person[per_person >= 0]
    lowest = np.full(instance.n_placements, np.inf)
    np.minimum.at(lowest, instance.pair_placement[assigned], instance.pair_score[assigned])
    return [None if np.isinf(value) else value for value in lowest.tolist()]


def _unplaced(
    instance: AssignmentInstance, person: int, cutoffs: tuple[Cutoff, ...], own: slice, method: Method
) -> Explanation:
    """Why ``person`` got nothing; ``own`` is the slice of their pairs (pairs are stored by person)."""
    who, floor = instance.people[person], instance.min_score
    if instance.opted_out[person]:
        return Explanation(who, "opted_out", None, None, None, (), method, floor)
    if cutoffs:
        return Explanation(who, "outranked", None, None, None, cutoffs, method, floor)
    ranked = instance.pair_score[own][instance.ranked[own]]
    if ranked.size and floor is not None:
        return Explanation(who, "below_min_score", None, float(ranked.max()), None, (), method, floor)
    return Explanation(who, "no_eligible_placement", None, None, None, (), method, floor)


def _cutoff_pairs(
    instance: AssignmentInstance, per_person: NDArray[np.intp]
) -> tuple[NDArray[np.intp], NDArray[np.int64], NDArray[np.int64]]:
    """Eligible pairs each person ranked above their proposal (all of them if unassigned).

    Returns the pairs grouped by person in preference order, each person's count, and each
    person's choice number of the proposal (1 = first eligible choice, 0 = unassigned).
    """
    ordered = instance.eligible_by_preference
    owner = instance.pair_person[ordered]
    starts = np.searchsorted(owner, np.arange(instance.n_people + 1))
    position = np.arange(len(ordered)) - starts[owner]
    mine = ordered == per_person[owner]
    choice = np.zeros(instance.n_people, dtype=np.int64)
    choice[owner[mine]] = position[mine] + 1
    count = np.where(per_person >= 0, choice - 1, np.diff(starts))
    return ordered[position < count[owner]], count, choice


def explain_proposal(
    instance: AssignmentInstance, per_person: NDArray[np.intp], method: Method
) -> tuple[Explanation, ...]:
    """One explanation per person for the proposal ``per_person`` (pair index or ``-1``).

    An assigned person's explanation lists the eligible placements they ranked higher and
    their cut-offs; an unassigned person's lists every eligible placement's cut-off.

    Examples
    --------
    >>> from matcher.assignment.instance import from_arrays
    >>> inst = from_arrays(["a", "b"], ["x"], [1], [0, 1], [0, 0], [0.9, 0.4])
    >>> [e.reason for e in explain_proposal(inst, np.array([0, -1]), "stable")]
    ['assigned', 'outranked']
    >>> explain_proposal(inst, np.array([0, -1]), "stable")[1].message
    'Every eligible placement was filled: x (lowest admitted score 0.900; score 0.400).'

    """
    lowest = _lowest_admitted(instance, per_person)
    cut, count, choice = _cutoff_pairs(instance, per_person)
    names = instance.placements
    _, placement_of, scores = instance.pair_lists
    cutoffs = [Cutoff(names[placement_of[e]], scores[e], lowest[placement_of[e]]) for e in cut.tolist()]
    bounds = np.concatenate([[0], np.cumsum(count)]).tolist()
    starts = np.searchsorted(instance.pair_person, np.arange(instance.n_people + 1)).tolist()
    people, floor = instance.people, instance.min_score
    result = []
    for person, (mine, number) in enumerate(zip(per_person.tolist(), choice.tolist(), strict=True)):
        low, high = bounds[person], bounds[person + 1]
        mine_cutoffs = tuple(cutoffs[low:high]) if high > low else ()
        if mine < 0:
            own = slice(starts[person], starts[person + 1])
            result.append(_unplaced(instance, person, mine_cutoffs, own, method))
            continue
        result.append(
            Explanation(
                people[person],
                "assigned",
                names[placement_of[mine]],
                scores[mine],
                number,
                mine_cutoffs,
                method,
                floor,
            )
        )
    return tuple(result)


def explain(
    instance: AssignmentInstance, pairs: Iterable[tuple[Id, Id]], method: Method = "optimal"
) -> tuple[Explanation, ...]:
    """Explain any set of (person, placement) pairs, e.g. a proposal after some people declined.

    Parameters
    ----------
    instance : AssignmentInstance
    pairs : iterable of (person id, placement id)
        Each person at most once, each pair eligible, no placement over capacity.
    method : {"optimal", "stable", "greedy"}
        Only changes the wording for people who did not get their first choice.

    Raises
    ------
    AssignmentError
        If a pair is unknown or ineligible, a person appears twice or a placement is over capacity.

    Examples
    --------
    >>> from matcher.assignment.instance import from_arrays
    >>> inst = from_arrays(["a", "b"], ["x"], [1], [0, 1], [0, 0], [0.9, 0.4])
    >>> [e.reason for e in explain(inst, [("b", "x")])]
    ['outranked', 'assigned']
    """
    person_of, placement_of, _ = instance.pair_lists
    lookup = {
        (instance.people[p], instance.placements[h]): e
        for e, (p, h) in enumerate(zip(person_of, placement_of, strict=True))
    }
    per_person = np.full(instance.n_people, -1, dtype=np.intp)
    taken = np.zeros(instance.n_placements, dtype=np.int64)
    for person, placement in pairs:
        e = lookup.get((person, placement), -1)
        if e < 0 or not instance.eligible[e]:
            raise AssignmentError(f"person {person!r} and placement {placement!r} are not an eligible pair")
        p, h = instance.pair_person[e], instance.pair_placement[e]
        if per_person[p] >= 0:
            raise AssignmentError(f"person {person!r} appears twice")
        taken[h] += 1
        if taken[h] > instance.capacities[h]:
            raise AssignmentError(f"placement {placement!r} is over its capacity of {instance.capacities[h]}")
        per_person[p] = e
    return explain_proposal(instance, per_person, method)


def assemble(
    instance: AssignmentInstance, method: Method, chosen_pairs: NDArray[np.intp], greedy_total: float
) -> Assignment:
    """Check a solver's pairs and build the immutable :class:`Assignment` with its explanations."""
    per_person = chosen_per_person(instance, chosen_pairs)
    pairs = per_person[per_person >= 0]
    people, placements = instance.people, instance.placements
    person_of, placement_of, scores = instance.pair_lists
    proposals = tuple(
        Proposal(people[person_of[e]], placements[placement_of[e]], scores[e]) for e in pairs.tolist()
    )
    unassigned: tuple[Id, ...] = tuple(people[p] for p in np.flatnonzero(per_person < 0).tolist())
    blocking = tuple(
        BlockingPair(people[person_of[e]], placements[placement_of[e]])
        for e in blocking_pairs(instance, per_person).tolist()
    )
    return Assignment(
        method=method,
        pairs=proposals,
        total_score=float(instance.pair_score[pairs].sum()),
        unassigned=unassigned,
        blocking_pairs=blocking,
        greedy_total=greedy_total,
        explanations=explain_proposal(instance, per_person, method),
    )
