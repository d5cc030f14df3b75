"""The feasibility gate on plain market evidence."""

from __future__ import annotations

import json

import pytest

from planner.exceptions import ParameterError
from planner.feasibility import MarketEvidence, assess_feasibility, demand_trend_from_counts
from planner.messages import Message
from planner.parameters import threex6_config

CFG = threex6_config()


@pytest.mark.parametrize(
    ("evidence", "passed", "n_reasons"),
    [
        (MarketEvidence(10, 5), True, 0),
        (MarketEvidence(10, 2), False, 1),
        (MarketEvidence(4, 5), False, 1),
        (MarketEvidence(10, 5, demand_trend=-0.2), False, 1),
        (MarketEvidence(10, 5, demand_trend=-0.05), True, 0),
        (MarketEvidence(0, 0, demand_trend=-1.0), False, 3),
    ],
)
def test_gate(evidence: MarketEvidence, passed: bool, n_reasons: int) -> None:
    verdict = assess_feasibility(evidence, CFG)
    assert verdict.applied and verdict.passed is passed and len(verdict.reasons) == n_reasons


def test_no_evidence_means_no_gate() -> None:
    verdict = assess_feasibility(None, CFG)
    assert verdict.passed and not verdict.applied and verdict.warnings


def test_demand_trend_sets_growth_and_pay_warns() -> None:
    verdict = assess_feasibility(MarketEvidence(10, 5, 200.0, 0.08), CFG, expected_profit_per_member=50.0)
    assert verdict.revenue_growth_annual == 0.08
    assert "median pay" in str(verdict.warnings[0])


def test_reasons_are_english_by_default_and_said_through_translate() -> None:
    verdict = assess_feasibility(
        MarketEvidence(2, 1, median_monthly_pay=1234.5, demand_trend=-0.5),
        CFG,
        expected_profit_per_member=12.25,
    )
    assert [str(m) for m in verdict.reasons] == [
        "only 1 related local employers or buyers (at least 3 needed)",
        "only 2 related local vacancies (at least 5 needed)",
        "demand is falling 50% a year (the limit is 10%)",
    ]
    assert str(verdict.warnings[0]) == (
        "expected profit per member (12.25 a month) is below the local median pay (1234.50): "
        "a job may pay more than the business"
    )
    templates = []

    def translate(template: str) -> str:
        templates.append(template)
        return "<" + template + ">"

    said = verdict.reasons[2].text(translate, numbers={"percent": lambda v: f"{v * 100:g} pc"})
    assert said == "<demand is falling 50 pc a year (the limit is 10 pc)>"
    assert templates == ["demand is falling %(fall)s a year (the limit is %(limit)s)"]


def test_the_verdict_travels_as_json_and_is_said_again_from_it() -> None:
    verdict = assess_feasibility(MarketEvidence(2, 1), CFG)
    data = json.loads(json.dumps(verdict.to_dict()))
    assert data["reasons"] == [str(m) for m in verdict.reasons]  # English for scripts and the CLI
    assert tuple(Message.from_dict(m) for m in data["reason_messages"]) == verdict.reasons


@pytest.mark.parametrize(
    "values",
    [
        {"related_vacancies": -1, "related_employers": 1},
        {"related_vacancies": 1, "related_employers": 1, "median_monthly_pay": -3},
        {"related_vacancies": 1, "related_employers": 1, "demand_trend": -2},
        {"related_vacancies": 1, "related_employers": 1, "colour": "red"},
        {"related_vacancies": 1},
    ],
)
def test_bad_evidence(values: dict) -> None:
    with pytest.raises(ParameterError, match="market evidence"):
        MarketEvidence.from_mapping(values)


def test_demand_trend_from_counts() -> None:
    assert demand_trend_from_counts([50] * 12) == 0.0
    falling = [100 - m for m in range(12)]
    assert demand_trend_from_counts(falling) == pytest.approx(-12 / 94.5, abs=1e-4)
    steep = [600 - 60 * m for m in range(10)]
    assert demand_trend_from_counts(steep) == -1.0  # cannot fall by more than everything
    assert demand_trend_from_counts([]) is None


@pytest.mark.parametrize(
    ("counts", "why"),
    [
        ([4, 0, 1], "5 vacancies over 3 months (the walk's '-100% a year')"),
        ([100, 99, 98, 97, 96], "fewer than six months"),
        ([3, 1, 2, 0, 2, 1, 3, 0, 1, 2, 1, 0], "a year of a vacancy or two a month"),
        ([40, 5, 60, 10, 55, 0, 70, 5, 50, 10, 65, 0], "counts scattered far more than chance would"),
        ([0] * 12, "no vacancies"),
    ],
)
def test_no_demand_trend_is_stated_from_counts_that_cannot_tell(counts: list[int], why: str) -> None:
    assert demand_trend_from_counts(counts) is None, why


def test_a_trend_is_stated_once_the_counts_pin_it_down() -> None:
    """Thirty related vacancies a month over two years pin a 10% yearly fall to within a few points."""
    counts = [round(30 * (1 - 0.1 * m / 12)) for m in range(24)]
    assert demand_trend_from_counts(counts) == pytest.approx(-0.1, abs=0.02)
