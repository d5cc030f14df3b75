"""Capacity-aware assignment of people to placements: optimal, stable and explained.

The engine only proposes: every result is an immutable :class:`Assignment` that a
counsellor and the person confirm. Build an instance with :func:`from_records` (JSON-like
records) or :func:`from_arrays` (index arrays from the matcher), then call
:func:`assign_optimal` or :func:`assign_stable`.

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
from matcher.assignment.instance import AssignmentInstance, Id, from_arrays, from_records
from matcher.assignment.optimal import assign_optimal
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
]
