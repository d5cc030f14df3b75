"""Proposals that maximise the expected number of people employed at a horizon, with reasons per pair.

The optimal method (:func:`matcher.assignment.assign_optimal`) maximises the sum of each
proposed pair's probability of employment (from :class:`~matcher.outcomes.model.OutcomeModel`)
under the same capacities and exclusions as the match-score assignment. When the model cannot be
used (too little history), the match score is the objective and the result says so
(``fallback``). The instance has no household groups, so each person counts once: the objective
is the plain sum of probabilities.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from matcher.assignment import Assignment, AssignmentInstance, Id, assign_optimal, from_arrays
from matcher.assignment.optimal import Solver
from matcher.exceptions import TooLittleHistoryError
from matcher.outcomes.history import History, month_of
from matcher.outcomes.model import OutcomeModel

Objective = Literal["expected_outcome", "match_score"]


@dataclass(frozen=True)
class Reason:
    """One main reason for a pair's probability: the feature, its value, how much it moves the probability."""

    feature: str
    value: float
    contribution: float


@dataclass(frozen=True)
class OutcomeProposal:
    """A proposed pair with its match score and, when a model was used, its probability and main reasons."""

    person: Id
    placement: Id
    score: float
    probability: float | None
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class OutcomeAssignment:
    """A proposal by expected outcome (or by match score, with the reason for falling back).

    Attributes
    ----------
    objective : {"expected_outcome", "match_score"}
    horizon : int
    assignment : Assignment
        The usual result: pairs, unassigned people, explanations (by match score).
    pairs : tuple of OutcomeProposal
        The proposed pairs, in the assignment's order.
    expected_employed : float or None
        Sum of the proposed pairs' probabilities (None without a model).
    fallback : str or None
        Why the match score was used instead of a model.
    learned_from : int or None
        Proposals with known outcomes the model learned from.
    """

    objective: Objective
    horizon: int
    assignment: Assignment
    pairs: tuple[OutcomeProposal, ...]
    expected_employed: float | None
    fallback: str | None = None
    learned_from: int | None = None


def instance_from_history(
    history: History, rows: ArrayLike, capacities: Mapping[Id, int]
) -> tuple[AssignmentInstance, NDArray[np.intp]]:
    """An assignment instance over some candidate rows (one cohort), and the history row of each pair.

    ``capacities`` maps opening ids to places; an opening not named has none.
    """
    take = np.asarray(rows, dtype=np.intp)
    people_idx, person = np.unique(history.person[take], return_inverse=True)
    opening_idx, opening = np.unique(history.opening[take], return_inverse=True)
    order = np.argsort(person.astype(np.int64) * max(len(opening_idx), 1) + opening, kind="stable")
    openings = [history.openings[i] for i in opening_idx]
    instance = from_arrays(
        [history.people[i] for i in people_idx],
        openings,
        [int(capacities.get(o, 0)) for o in openings],
        person[order],
        opening[order],
        history.score[take][order],
    )
    return instance, take[order]


def cohort_capacities(history: History, rows: ArrayLike) -> dict[Id, int]:
    """Places per opening for the rows' month: the history's capacities, else the proposals actually made."""
    take = np.asarray(rows, dtype=np.intp)
    month = int(month_of(history.day[take[:1]])[0]) if len(take) else 0
    openings = np.unique(history.opening[take])
    if history.capacities is not None:
        return {history.openings[o]: int(history.capacities.get((int(o), month), 0)) for o in openings}
    filled = np.bincount(history.opening[take][history.proposed[take]], minlength=len(history.openings))
    return {history.openings[o]: int(filled[o]) for o in openings}


def assign_by_expected_outcome(
    instance: AssignmentInstance,
    probabilities: ArrayLike | None,
    *,
    horizon: int = 6,
    reasons: list[tuple[tuple[str, float, float], ...]] | None = None,
    fallback: str | None = None,
    learned_from: int | None = None,
    solver: Solver = "auto",
) -> OutcomeAssignment:
    """Maximise the sum of the proposed pairs' probabilities (or, without them, the match score).

    Parameters
    ----------
    instance : AssignmentInstance
        Capacities, exclusions and match scores, as for :func:`assign_optimal`.
    probabilities : array-like or None
        One probability per candidate pair in the instance's pair order; None falls back to the
        match score (give ``fallback``, the reason, to show the counsellor).
    reasons : list, optional
        Per candidate pair, ``(feature, value, contribution)`` tuples (see
        :meth:`OutcomeModel.reasons`); only the proposed pairs' are kept.

    Examples
    --------
    >>> inst = from_arrays(["a", "b"], ["x", "y"], [1, 1], [0, 0, 1], [0, 1, 0], [0.9, 0.8, 0.85])
    >>> result = assign_by_expected_outcome(inst, [0.2, 0.7, 0.6])
    >>> [(p.person, p.placement, p.probability) for p in result.pairs], round(result.expected_employed, 2)
    ([('a', 'y', 0.7), ('b', 'x', 0.6)], 1.3)

    """
    probs = None if probabilities is None else np.asarray(probabilities, dtype=np.float64)
    result = assign_optimal(instance, solver=solver, weights=probs)
    pair_of = {
        (instance.people[p], instance.placements[h]): e
        for e, (p, h) in enumerate(
            zip(instance.pair_person.tolist(), instance.pair_placement.tolist(), strict=True)
        )
    }
    pairs = []
    for proposal in result.pairs:
        e = pair_of[(proposal.person, proposal.placement)]
        why = tuple(Reason(*r) for r in reasons[e]) if reasons is not None else ()
        pairs.append(
            OutcomeProposal(
                proposal.person,
                proposal.placement,
                proposal.score,
                None if probs is None else float(probs[e]),
                why,
            )
        )
    return OutcomeAssignment(
        objective="match_score" if probs is None else "expected_outcome",
        horizon=horizon,
        assignment=result,
        pairs=tuple(pairs),
        expected_employed=None if probs is None else float(sum(p.probability or 0.0 for p in pairs)),
        fallback=fallback,
        learned_from=learned_from,
    )


def propose_for_cohort(
    model: OutcomeModel | None,
    history: History,
    rows: ArrayLike,
    *,
    capacities: Mapping[Id, int] | None = None,
    explain: bool = True,
    solver: Solver = "auto",
    fallback: str | None = None,
) -> OutcomeAssignment:
    """Propose for one cohort's candidate rows by expected outcome; by match score if ``model`` is None.

    ``capacities`` defaults to :func:`cohort_capacities`. Reasons are computed for the proposed
    pairs only (``explain=False`` skips them).
    """
    places = cohort_capacities(history, rows) if capacities is None else dict(capacities)
    instance, pair_rows = instance_from_history(history, rows, places)
    if model is None:
        return assign_by_expected_outcome(
            instance,
            None,
            fallback=fallback or "no outcome model: proposals follow the match score",
            solver=solver,
        )
    probs = model.predict_proba(history, pair_rows)
    first = assign_by_expected_outcome(
        instance, probs, horizon=model.horizon_, solver=solver, learned_from=model.n_proposals_
    )
    if not explain or not first.pairs:
        return first
    index = {
        (instance.people[p], instance.placements[h]): e
        for e, (p, h) in enumerate(
            zip(instance.pair_person.tolist(), instance.pair_placement.tolist(), strict=True)
        )
    }
    chosen = [index[(p.person, p.placement)] for p in first.pairs]
    why = model.reasons(history, pair_rows[chosen])
    reasons: list[tuple[tuple[str, float, float], ...]] = [()] * len(pair_rows)
    for e, r in zip(chosen, why, strict=True):
        reasons[e] = r
    pairs = tuple(
        OutcomeProposal(p.person, p.placement, p.score, p.probability, tuple(Reason(*x) for x in reasons[e]))
        for p, e in zip(first.pairs, chosen, strict=True)
    )
    return OutcomeAssignment(
        first.objective,
        first.horizon,
        first.assignment,
        pairs,
        first.expected_employed,
        None,
        model.n_proposals_,
    )


def fit_or_fall_back(
    history: History, *, until: dt.date | None = None, **params: Any
) -> tuple[OutcomeModel | None, str | None]:
    """Fit an :class:`OutcomeModel`; with too little history, ``(None, reason)``: fall back to match score."""
    try:
        return OutcomeModel(**params).fit(history, until=until), None
    except TooLittleHistoryError as exc:
        return None, str(exc)
