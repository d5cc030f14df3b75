"""Assignment by expected outcome: never over capacity, the true maximum (brute force), reasons per pair."""

from __future__ import annotations

import datetime as dt
import itertools

import numpy as np
import pytest

from matcher.assignment import from_arrays
from matcher.exceptions import AssignmentError
from matcher.outcomes import OutcomeModel, assign_by_expected_outcome, propose_for_cohort
from matcher.outcomes.simulate import simulate_history


def _random_instance(seed: int):
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(1, 6)), int(rng.integers(1, 4))
    capacities = rng.integers(0, 3, m)
    pairs = [(p, h) for p in range(n) for h in range(m) if rng.random() < 0.7]
    person = np.array([p for p, _ in pairs], dtype=np.intp)
    placement = np.array([h for _, h in pairs], dtype=np.intp)
    scores = rng.random(len(pairs))
    probabilities = np.round(rng.random(len(pairs)), 2)
    instance = from_arrays(
        [f"p{i}" for i in range(n)], [f"h{j}" for j in range(m)], capacities, person, placement, scores
    )
    # the instance stores pairs by (person, placement), as generated
    return instance, probabilities


def _brute_force(instance, probabilities) -> float:
    options = [
        [-1] + [e for e in range(len(instance.pair_person)) if instance.pair_person[e] == p]
        for p in range(instance.n_people)
    ]
    best = 0.0
    for choice in itertools.product(*options):
        used = [e for e in choice if e >= 0]
        counts = np.bincount(instance.pair_placement[used], minlength=instance.n_placements)
        if (counts <= instance.capacities).all():
            best = max(best, float(probabilities[used].sum()))
    return best


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("solver", ["lapjv", "lp"])
def test_expected_outcome_is_the_brute_force_maximum_and_within_capacity(seed: int, solver: str) -> None:
    instance, probabilities = _random_instance(seed)
    result = assign_by_expected_outcome(instance, probabilities, solver=solver)  # type: ignore[arg-type]
    counts: dict[str, int] = {}
    for pair in result.pairs:
        counts[str(pair.placement)] = counts.get(str(pair.placement), 0) + 1
    capacity = dict(zip(instance.placements, instance.capacities.tolist(), strict=True))
    assert all(counts[h] <= capacity[h] for h in counts)
    assert len({p.person for p in result.pairs}) == len(result.pairs)
    assert result.expected_employed == pytest.approx(_brute_force(instance, probabilities))
    assert result.objective == "expected_outcome"


def test_the_objective_changes_the_proposal_and_the_instance_stays_the_same() -> None:
    inst = from_arrays(["a", "b"], ["x", "y"], [1, 1], [0, 0, 1], [0, 1, 0], [0.9, 0.8, 0.85])
    by_score = assign_by_expected_outcome(inst, None, fallback="too little history")
    by_outcome = assign_by_expected_outcome(inst, [0.9, 0.1, 0.2])
    assert [(p.person, p.placement) for p in by_score.pairs] == [("a", "y"), ("b", "x")]
    assert [(p.person, p.placement) for p in by_outcome.pairs] == [("a", "x")]
    assert by_outcome.expected_employed == pytest.approx(0.9)
    assert by_score.fallback == "too little history" and by_score.objective == "match_score"
    assert inst.pair_score.tolist() == [0.9, 0.8, 0.85]


@pytest.mark.parametrize("weights", [[0.1, 0.2], [0.1, -0.2, 0.3], [0.1, float("nan"), 0.3]])
def test_bad_weights_are_refused(weights: list[float]) -> None:
    inst = from_arrays(["a", "b"], ["x", "y"], [1, 1], [0, 0, 1], [0, 1, 0], [0.9, 0.8, 0.85])
    with pytest.raises(AssignmentError, match="weight"):
        assign_by_expected_outcome(inst, weights)


def test_cohort_proposals_carry_probabilities_and_reasons() -> None:
    sim = simulate_history(months=20, people_per_month=300, random_state=2)
    history = sim.history
    model = OutcomeModel(random_state=0).fit(history, until=dt.date(2025, 6, 1))
    rows = np.flatnonzero(history.month == history.month.max())
    result = propose_for_cohort(model, history, rows)
    assert result.objective == "expected_outcome" and result.learned_from == model.n_proposals_
    assert len(result.pairs) == 300  # places are at least the proposals the cohort was expected to get
    for pair in result.pairs:
        assert 0 <= pair.probability <= 1 and len(pair.reasons) == 3
        assert all(r.feature in model.feature_names_ for r in pair.reasons)
        assert abs(pair.reasons[0].contribution) >= abs(pair.reasons[-1].contribution)
    by_score = propose_for_cohort(None, history, rows)
    probabilities = model.predict_proba(history, rows)
    row_of = {
        (history.people[history.person[r]], history.openings[history.opening[r]]): i
        for i, r in enumerate(rows.tolist())
    }
    score_total = sum(probabilities[row_of[(p.person, p.placement)]] for p in by_score.pairs)
    assert result.expected_employed > score_total
