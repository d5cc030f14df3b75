"""Protected attributes can never be features of an outcome model, however they are spelled or passed."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from matcher.exceptions import ProtectedAttributeError
from matcher.outcomes import OutcomeModel, PlacementRecord, check_features, from_records, is_protected
from matcher.outcomes.simulate import simulate_history


@pytest.mark.parametrize(
    ("name", "protected"),
    [
        ("gender", True),
        ("Gender", True),
        ("age", True),
        ("age_band", True),
        ("Age band", True),
        ("nationality_code", True),
        ("country-of-origin", True),
        ("trafficking_history", True),
        ("was_trafficked", True),
        ("date of birth", True),
        ("skill_coverage", False),
        ("wage", False),
        ("hours_fit", False),
        ("distance_km", False),
        ("stage", False),
    ],
)
def test_protected_names_are_recognised(name: str, protected: bool) -> None:
    assert is_protected(name) is protected


def test_check_features_names_every_refused_feature() -> None:
    with pytest.raises(ProtectedAttributeError, match="gender.*nationality|nationality.*gender"):
        check_features(["hours_fit", "nationality", "gender"])


def test_records_with_a_protected_feature_are_refused() -> None:
    record = PlacementRecord(
        "ana", "bakery", "acme", dt.date(2025, 1, 2), False, "food", 0.5, {"hours_fit": 1.0, "Gender": 1.0}
    )
    with pytest.raises(ProtectedAttributeError, match="Gender"):
        from_records([record])


def test_model_refuses_a_history_that_smuggles_a_protected_feature_in() -> None:
    """Even a History built around the validating constructors is refused at fit time."""
    history = simulate_history(
        months=3, people_per_month=20, openings=20, employers=5, random_state=0
    ).history
    names = ("age_band", *history.feature_names[1:])
    smuggled = dataclasses.replace(history, feature_names=names)
    with pytest.raises(ProtectedAttributeError, match="age_band"):
        OutcomeModel(min_outcomes=1, min_per_class=1).fit(smuggled)


def test_simulated_audit_attributes_are_not_features() -> None:
    history = simulate_history(
        months=2, people_per_month=10, openings=20, employers=5, random_state=0
    ).history
    assert set(history.audit[0]) == {"gender", "nationality", "age_band"}
    assert not any(is_protected(name) for name in history.feature_names)
