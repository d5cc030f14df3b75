"""Immutable assignment results and the shared bookkeeping every method uses.

The engine only proposes: an :class:`Assignment` is a proposal that a counsellor and
the person confirm; nothing here records consent or changes any input.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from matcher.assignment.instance import AssignmentInstance, Id

Method = Literal["optimal", "stable", "greedy"]

#: At most this many cut-offs are listed in one message (all are kept in ``cutoffs``).
MESSAGE_CUTOFFS = 3
Reason = Literal["assigned", "opted_out", "no_eligible_placement", "below_min_score", "outranked"]


@dataclass(frozen=True, slots=True)
class Proposal:
    """One proposed (person, placement) pair and its score."""

    person: Id
    placement: Id
    score: float


@dataclass(frozen=True, slots=True)
class BlockingPair:
    """A person and a placement who would both rather be matched to each other than keep their proposal."""

    person: Id
    placement: Id


@dataclass(frozen=True, slots=True)
class Cutoff:
    """A placement the person wanted more (or at all) and the lowest score it admitted.

    ``lowest_admitted`` is ``None`` when the placement has no places. Who was admitted is
    never disclosed.
    """

    placement: Id
    your_score: float
    lowest_admitted: float | None


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why one person got what they got, or why nothing.

    Attributes
    ----------
    person : id
    reason : {"assigned", "opted_out", "no_eligible_placement", "below_min_score", "outranked"}
    placement : id or None
        The proposed placement (``assigned`` only).
    score : float or None
        The proposed pair's score; for ``below_min_score``, the person's best candidate score.
    choice : int or None
        Rank of the proposal among the person's eligible placements (1 = first choice).
    cutoffs : tuple of Cutoff
        Assigned: the eligible placements the person ranked higher. Outranked: all their
        eligible placements. Each with the lowest admitted score, never who was admitted.
    method : {"optimal", "stable", "greedy"}
    min_score : float or None
        The instance's minimum score.
    """

    person: Id
    reason: Reason
    placement: Id | None
    score: float | None
    choice: int | None
    cutoffs: tuple[Cutoff, ...]
    method: Method
    min_score: float | None = None

    @property
    def message(self) -> str:
        """The explanation in one or two sentences for a counsellor."""
        if self.reason == "assigned":
            text = (
                f"Proposed for {self.placement} "
                f"(score {self.score:.3f}; choice {self.choice} of their eligible placements)."
            )
            if self.cutoffs:
                verb = "were filled" if self.method == "stable" else "went to a higher-total assignment"
                text += f" Placements they ranked higher {verb}: {_describe(self.cutoffs)}."
            return text
        if self.reason == "opted_out":
            return "Opted out: nothing is proposed."
        if self.reason == "outranked":
            return f"Every eligible placement was filled: {_describe(self.cutoffs)}."
        if self.reason == "below_min_score":
            return (
                f"Every candidate placement scores below the minimum {self.min_score:.3f} "
                f"(best {self.score:.3f})."
            )
        return "No eligible placement: none was scored, or none is accepted by both sides' rankings."


def _describe(cutoffs: tuple[Cutoff, ...]) -> str:
    parts = []
    for c in cutoffs[:MESSAGE_CUTOFFS]:
        admitted = (
            "no one admitted"
            if c.lowest_admitted is None
            else f"lowest admitted score {c.lowest_admitted:.3f}"
        )
        parts.append(f"{c.placement} ({admitted}; score {c.your_score:.3f})")
    more = len(cutoffs) - MESSAGE_CUTOFFS
    return "; ".join(parts) + (f"; and {more} more" if more > 0 else "")


@dataclass(frozen=True)
class Assignment:
    """A proposed assignment of people to placements.

    Attributes
    ----------
    method : {"optimal", "stable", "greedy"}
    pairs : tuple of Proposal
        In the instance's people order.
    total_score : float
        Sum of the proposed pairs' scores.
    unassigned : tuple of id
        People with no proposal (opted-out people included), in people order.
    blocking_pairs : tuple of BlockingPair
        Pairs that would rather be matched to each other; none for the stable method.
    greedy_total : float
        Total of the greedy baseline (best remaining score first) on the same instance.
    explanations : tuple of Explanation
        One per person, in people order.

    """

    method: Method
    pairs: tuple[Proposal, ...]
    total_score: float
    unassigned: tuple[Id, ...]
    blocking_pairs: tuple[BlockingPair, ...]
    greedy_total: float
    explanations: tuple[Explanation, ...]


def chosen_per_person(instance: AssignmentInstance, chosen_pairs: NDArray[np.intp]) -> NDArray[np.intp]:
    """Pair index proposed to each person, ``-1`` for nobody; checks capacities and uniqueness.

    Raises ``RuntimeError`` if a solver broke an invariant (a bug, not bad input).
    """
    per_person = np.full(instance.n_people, -1, dtype=np.intp)
    people = instance.pair_person[chosen_pairs]
    if np.unique(people).size != people.size:
        raise RuntimeError("assignment engine bug: a person was assigned twice")
    if not instance.eligible[chosen_pairs].all():
        raise RuntimeError("assignment engine bug: an ineligible pair was assigned")
    counts = np.bincount(instance.pair_placement[chosen_pairs], minlength=instance.n_placements)
    if (counts > instance.capacities).any():
        raise RuntimeError("assignment engine bug: a placement is over capacity")
    per_person[people] = chosen_pairs
    return per_person


def blocking_pairs(instance: AssignmentInstance, per_person: NDArray[np.intp]) -> NDArray[np.intp]:
    """Eligible pairs whose person and placement both prefer each other to what they were given.

    The person prefers the placement if unassigned or if it ranks higher than their
    proposal; the placement prefers the person if it has a free place or ranks the person
    above the worst person proposed to it.

    Examples
    --------
    >>> from matcher.assignment.instance import from_arrays
    >>> inst = from_arrays(["a", "b"], ["x"], [1], [0, 1], [0, 0], [0.2, 0.9])
    >>> blocking_pairs(inst, np.array([0, -1])).tolist()
    [1]

    """
    eligible = np.flatnonzero(instance.eligible)
    person, placement = instance.pair_person[eligible], instance.pair_placement[eligible]
    current = per_person[person]
    person_rank = instance.person_rank
    person_wants = (current < 0) | (person_rank[eligible] < person_rank[np.maximum(current, 0)])
    assigned = per_person[per_person >= 0]
    counts = np.bincount(instance.pair_placement[assigned], minlength=instance.n_placements)
    worst = np.full(instance.n_placements, -1, dtype=np.int64)
    np.maximum.at(worst, instance.pair_placement[assigned], instance.placement_rank[assigned])
    placement_wants = (counts[placement] < instance.capacities[placement]) | (
        instance.placement_rank[eligible] < worst[placement]
    )
    return eligible[person_wants & placement_wants & (current != eligible)]
