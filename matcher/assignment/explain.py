"""Per-person explanations: why each person got what they got, or why nothing.

Explanations name placements and score cut-offs only; they never say who took a place.
"""

from __future__ import annotations

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

#: At most this many cut-offs are listed in one message (all are kept in ``cutoffs``).
MESSAGE_CUTOFFS = 3


def _placement_state(
    instance: AssignmentInstance, per_person: NDArray[np.intp]
) -> tuple[NDArray[np.bool_], NDArray[np.float64]]:
    """Which placements are full, and the lowest score each admitted (``nan`` where nobody)."""
    assigned = per_person[per_person >= 0]
    placement = instance.pair_placement[assigned]
    counts = np.bincount(placement, minlength=instance.n_placements)
    lowest = np.full(instance.n_placements, np.inf)
    np.minimum.at(lowest, placement, instance.pair_score[assigned])
    lowest[counts == 0] = np.nan
    return counts >= instance.capacities, lowest


def _describe(cutoffs: list[Cutoff]) -> str:
    parts = []
    for c in cutoffs[:MESSAGE_CUTOFFS]:
        if c.lowest_admitted is None:
            parts.append(f"{c.placement} (no one admitted; score {c.your_score:.3f})")
        else:
            parts.append(
                f"{c.placement} (lowest admitted score {c.lowest_admitted:.3f}; score {c.your_score:.3f})"
            )
    more = len(cutoffs) - MESSAGE_CUTOFFS
    return "; ".join(parts) + (f"; and {more} more" if more > 0 else "")


def _unplaced(
    instance: AssignmentInstance, person: int, pairs: list[int], cutoffs: list[Cutoff]
) -> Explanation:
    who = instance.people[person]
    if instance.opted_out[person]:
        return Explanation(who, "opted_out", None, None, None, (), "Opted out: nothing is proposed.")
    if cutoffs:
        message = "Every eligible placement was filled: " + _describe(cutoffs) + "."
        return Explanation(who, "outranked", None, None, None, tuple(cutoffs), message)
    ranked = [e for e in pairs if instance.ranked[e]]
    if ranked and instance.min_score is not None:
        best = max(float(instance.pair_score[e]) for e in ranked)
        message = (
            f"Every candidate placement scores below the minimum {instance.min_score:.3f} (best {best:.3f})."
        )
        return Explanation(who, "below_min_score", None, None, None, (), message)
    detail = "no scored candidate placement" if not pairs else "no placement accepted by both sides' rankings"
    return Explanation(
        who, "no_eligible_placement", None, None, None, (), f"No eligible placement: {detail}."
    )


def explain(
    instance: AssignmentInstance, per_person: NDArray[np.intp], method: Method
) -> tuple[Explanation, ...]:
    """One explanation per person for the proposal ``per_person`` (pair index or ``-1``).

    An assigned person's explanation lists the eligible placements they ranked higher and
    their cut-offs; an unassigned person's lists every eligible placement's cut-off.

    Examples
    --------
    >>> from matcher.assignment.instance import from_arrays
    >>> inst = from_arrays(["a", "b"], ["x"], [1], [0, 1], [0, 0], [0.9, 0.4])
    >>> [e.reason for e in explain(inst, np.array([0, -1]), "stable")]
    ['assigned', 'outranked']
    >>> explain(inst, np.array([0, -1]), "stable")[1].message
    'Every eligible placement was filled: x (lowest admitted score 0.900; score 0.400).'

    """
    full, lowest = _placement_state(instance, per_person)
    order = np.lexsort((instance.person_rank, instance.pair_person))
    starts = np.searchsorted(instance.pair_person[order], np.arange(instance.n_people + 1))
    eligible, scores = instance.eligible.tolist(), instance.pair_score.tolist()
    placement_of, names = instance.pair_placement.tolist(), instance.placements
    ordered, chosen = order.tolist(), per_person.tolist()
    result = []
    for person in range(instance.n_people):
        pairs = ordered[starts[person] : starts[person + 1]]
        mine = chosen[person]
        cutoffs: list[Cutoff] = []
        choice = 0
        for e in pairs:
            if not eligible[e]:
                continue
            choice += 1
            if e == mine:
                break
            h = placement_of[e]
            low = None if np.isnan(lowest[h]) else float(lowest[h])
            cutoffs.append(Cutoff(names[h], scores[e], low))
        if mine < 0:
            result.append(_unplaced(instance, person, pairs, cutoffs))
            continue
        placement, score = names[placement_of[mine]], scores[mine]
        message = (
            f"Proposed for {placement} (score {score:.3f}; choice {choice} of their eligible placements)."
        )
        if cutoffs:
            verb = "were filled" if method == "stable" else "went to a higher-total assignment"
            message += f" Placements they ranked higher {verb}: " + _describe(cutoffs) + "."
        result.append(
            Explanation(
                instance.people[person], "assigned", placement, score, choice, tuple(cutoffs), message
            )
        )
    return tuple(result)


def assemble(
    instance: AssignmentInstance, method: Method, chosen_pairs: NDArray[np.intp], greedy_total: float
) -> Assignment:
    """Check a solver's pairs and build the immutable :class:`Assignment` with its explanations."""
    per_person = chosen_per_person(instance, chosen_pairs)
    pairs = per_person[per_person >= 0]
    people, placements, scores = instance.people, instance.placements, instance.pair_score
    placement_of = instance.pair_placement
    proposals = tuple(
        Proposal(people[p], placements[placement_of[e]], float(scores[e]))
        for p, e in zip(np.flatnonzero(per_person >= 0).tolist(), pairs.tolist(), strict=True)
    )
    unassigned: tuple[Id, ...] = tuple(people[p] for p in np.flatnonzero(per_person < 0).tolist())
    blocking = tuple(
        BlockingPair(people[instance.pair_person[e]], placements[placement_of[e]])
        for e in blocking_pairs(instance, per_person).tolist()
    )
    return Assignment(
        method=method,
        pairs=proposals,
        total_score=float(scores[pairs].sum()),
        unassigned=unassigned,
        blocking_pairs=blocking,
        greedy_total=greedy_total,
        explanations=explain(instance, per_person, method),
    )
