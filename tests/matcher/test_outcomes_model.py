"""The outcome model: no leakage from the future, calibration, reproducibility, the fallback."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pytest

from matcher.exceptions import InputError, NotFittedError, TooLittleHistoryError
from matcher.outcomes import OutcomeModel, fit_or_fall_back, propose_for_cohort
from matcher.outcomes.history import NEVER, day_number
from matcher.outcomes.simulate import SimulatedHistory, simulate_history
from matcher.outcomes.track_record import Events, shrunk_rates

#: 30 months from 2024-01: the proposals learned from (before the cut-off less 9 months' follow-up)
#: span 15 months, so the later ones have track records (outcomes usable after their follow-up).
CUTOFF = dt.date(2026, 1, 1)


@pytest.fixture(scope="module")
def sim() -> SimulatedHistory:
    return simulate_history(months=30, people_per_month=400, random_state=7)


@pytest.fixture(scope="module")
def model(sim: SimulatedHistory) -> OutcomeModel:
    return OutcomeModel(horizon=6, random_state=0).fit(sim.history, until=CUTOFF)


def _flip_from(history, day: int):
    """The same history with every outcome known on or after ``day`` flipped."""
    employed = history.employed.copy()
    late = history.known_on >= day
    employed[late & (history.known_on < NEVER)] = 1 - employed[late & (history.known_on < NEVER)]
    employed.flags.writeable = False
    return dataclasses.replace(history, employed=employed)


def test_fit_uses_nothing_known_on_or_after_the_cutoff(sim: SimulatedHistory, model: OutcomeModel) -> None:
    altered = _flip_from(sim.history, day_number(CUTOFF))
    again = OutcomeModel(horizon=6, random_state=0).fit(altered, until=CUTOFF)
    rows = np.flatnonzero(sim.history.day < day_number(CUTOFF))[:3000]
    np.testing.assert_array_equal(model.predict_proba(sim.history, rows), again.predict_proba(altered, rows))
    assert again.n_proposals_ == model.n_proposals_


def test_track_records_use_only_outcomes_known_before_each_pair(
    sim: SimulatedHistory, model: OutcomeModel
) -> None:
    """A later pair's prediction cannot change when outcomes known on or after its own day change."""
    history = sim.history
    day = day_number(dt.date(2026, 4, 1))
    rows = np.flatnonzero((history.day >= day) & (history.day < day + 5))[:500]
    first = int(history.day[rows].min())
    altered = _flip_from(history, first)
    np.testing.assert_array_equal(model.design_matrix(history, rows), model.design_matrix(altered, rows))
    np.testing.assert_array_equal(model.predict_proba(history, rows), model.predict_proba(altered, rows))
    # ...while outcomes known after the training cut-off but before the pairs' day do change them
    earlier = _flip_from(history, day_number(CUTOFF))
    changed = np.abs(model.design_matrix(history, rows) - model.design_matrix(earlier, rows)).max(axis=0)
    names = [n for n, c in zip(model.feature_names_, changed, strict=True) if c > 0]
    assert names == ["opening_track_record", "employer_track_record"]


def test_shrunk_rates_count_only_earlier_outcomes_and_shrink_small_groups() -> None:
    events = Events(np.array([0, 0, 0, 1]), np.array([5, 6, 7, 5]), np.array([1.0, 1.0, 1.0, 0.0]))
    rate, n = shrunk_rates(events, np.array([0, 0, 1]), np.array([7, 8, 9]), strength=10, prior_rate=0.5)
    assert n.tolist() == [2.0, 3.0, 1.0]
    assert 0.5 < rate[0] < rate[1] < 1.0  # pulled toward the overall rate, less so with more outcomes
    assert rate[2] < 0.5


def test_calibrated_and_better_than_the_match_score_on_the_later_slice(model: OutcomeModel) -> None:
    v = model.validation_
    assert v.ece <= 0.06
    assert v.auc > v.auc_match_score
    assert v.last_day < CUTOFF
    assert model.n_proposals_ + model.n_unresolved_ > model.n_proposals_ > 1000


def test_same_seed_same_history_and_model() -> None:
    a = simulate_history(months=12, people_per_month=200, random_state=3)
    b = simulate_history(months=12, people_per_month=200, random_state=3)
    c = simulate_history(months=12, people_per_month=200, random_state=4)
    np.testing.assert_array_equal(a.history.employed, b.history.employed)
    np.testing.assert_array_equal(a.history.features, b.history.features)
    assert not np.array_equal(a.history.features, c.history.features)
    fit = {"min_outcomes": 200, "random_state": 1}
    pa = OutcomeModel(**fit).fit(a.history).predict_proba(a.history)
    pb = OutcomeModel(**fit).fit(b.history).predict_proba(b.history)
    np.testing.assert_array_equal(pa, pb)


def test_too_little_history_refuses_and_the_caller_falls_back_to_the_match_score() -> None:
    small = simulate_history(months=12, people_per_month=30, random_state=0).history
    with pytest.raises(TooLittleHistoryError, match="ranked by match score") as caught:
        OutcomeModel(min_outcomes=500).fit(small)
    assert caught.value.needed == 500 and caught.value.found < 500
    model, reason = fit_or_fall_back(small, min_outcomes=500)
    assert model is None and reason is not None and "500" in reason
    rows = np.flatnonzero(small.month == small.month.max())
    result = propose_for_cohort(model, small, rows, fallback=reason)
    assert result.objective == "match_score" and result.fallback == reason
    assert result.expected_employed is None and all(p.probability is None for p in result.pairs)
    assert len(result.pairs) > 0


def test_unfitted_model_and_bad_parameters_say_what_to_do(sim: SimulatedHistory) -> None:
    with pytest.raises(NotFittedError, match="fit"):
        OutcomeModel().predict_proba(sim.history)
    with pytest.raises(InputError, match="horizon"):
        OutcomeModel(horizon=5).fit(sim.history)
    with pytest.raises(InputError, match="calibration"):
        OutcomeModel(calibration="beta").fit(sim.history)  # type: ignore[arg-type]


def test_isotonic_calibration_is_available(sim: SimulatedHistory) -> None:
    iso = OutcomeModel(calibration="isotonic", max_iter=50, random_state=0).fit(sim.history, until=CUTOFF)
    p = iso.predict_proba(sim.history, np.arange(100))
    assert ((p >= 0) & (p <= 1)).all() and iso.validation_.ece < 0.1
