"""Capacity-aware assignment of people to placements: optimal, stable and explained.

The engine only proposes: every result is an immutable :class:`Assignment` that a
counsellor and the person confirm. Inputs are never modified.

1. Build an instance: :func:`from_records` (JSON-like records, as ``pathways assign``
   reads them), :func:`from_score_matrix` (the matcher's people x placements scores,
   optionally cut to each person's top-K) or :func:`from_arrays` (candidate index arrays).
   All validate everything and raise :class:`~matcher.exceptions.AssignmentError` naming
   the problem.
2. Propose: :func:`assign_optimal` (highest total score, exact) or :func:`assign_stable`
   (person-proposing deferred acceptance: no blocking pairs). :func:`assign_greedy` is the
   baseline both are compared with.
3. Explain: every result carries one :class:`Explanation` per person; :func:`explain`
   re-explains any set of pairs (e.g. after someone declined).

Eligibility: a pair is eligible if it was scored, the person has not opted out, its
score reaches ``min_score`` (if given), and neither side's own ranking (if given) leaves
it out. Preferences: a side's own ranking where given, else scores, ties going to the
placement (for people) or person (for placements) listed first in the instance.

Examples
--------
>>> from matcher.assignment import assign_optimal, from_records
>>> instance = from_records(
...     people=[{"id": "ana"}, {"id": "ben"}],
...     placements=[{"id": "bakery", "capacity": 1}, {"id": "garage", "capacity": 1}],
...     scores=[
...         {"person": "ana", "placement": "bakery", "score": 0.9},
...         {"person": "ana", "placement": "garage", "score": 0.8},
...         {"person": "ben", "placement": "bakery", "score": 0.85},
...     ],
... )
>>> [(p.person, p.placement) for p in assign_optimal(instance).pairs]
[('ana', 'garage'), ('ben', 'bakery')]

"""

from __future__ import annotations

from matcher.assignment.explain import explain
from matcher.assignment.greedy import assign_greedy
from matcher.assignment.instance import AssignmentInstance, Id, from_arrays
from matcher.assignment.optimal import assign_optimal
from matcher.assignment.records import from_records, from_score_matrix
from matcher.assignment.result import Assignment, BlockingPair, Cutoff, Explanation, Proposal
from matcher.assignment.stable import assign_stable

__all__ = [
    "Assignment",
    "AssignmentInstance",
    "BlockingPair",
    "Cutoff",
    "Explanation",
    "Id",
    "Proposal",
    "assign_greedy",
    "assign_optimal",
    "assign_stable",
    "explain",
    "from_arrays",
    "from_records",
    "from_score_matrix",
]
