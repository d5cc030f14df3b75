"""Saved plans' results typed end to end: exact round trips, old plans readable, one fan chart."""

from __future__ import annotations

import copy
import io
import json

import matplotlib.image as mpimg
import pytest

from planner.charts import to_png
from planner.cooperative import simulate_cooperative
from planner.exceptions import ConfigError
from planner.fan_chart import ActualPoint, plan_figure
from planner.feasibility import MarketEvidence
from planner.outcomes import CooperativeOutcome, ThreeBySixOutcome, outcome_from_dict
from planner.parameters import cooperative_config, threex6_config
from planner.threex6_results import simulate_threex6


@pytest.fixture(scope="module")
def saved_coop() -> dict:
    result = simulate_cooperative(cooperative_config({"months": 72}), runs=40, seed=5)
    return json.loads(json.dumps(result.to_dict()))  # as the database gives it back


@pytest.fixture(scope="module")
def saved_3x6() -> dict:
    evidence = MarketEvidence(2, 1, median_monthly_pay=500.0, source="survey")
    result = simulate_threex6(threex6_config({"months": 36}), evidence, runs=30, seed=5)
    return json.loads(json.dumps(result.to_dict()))


def test_a_saved_cooperative_plan_round_trips_exactly(saved_coop) -> None:
    outcome = outcome_from_dict(saved_coop)
    assert isinstance(outcome, CooperativeOutcome)
    assert outcome.to_dict() == saved_coop
    assert (
        outcome.last_month == 72
        and outcome.profitable_at[72] == saved_coop["summary"]["p_operating_profitable"]["month_72"]
    )
    assert outcome.fan.at(60, 5) == saved_coop["fund_fan"]["p5"][60]
    assert outcome.share_out_per_member is not None and outcome.share_out_per_member.median is not None


def test_a_saved_3x6_plan_round_trips_exactly(saved_3x6) -> None:
    outcome = outcome_from_dict(saved_3x6)
    assert isinstance(outcome, ThreeBySixOutcome)
    assert outcome.to_dict() == saved_3x6
    assert not outcome.verdict.passed and outcome.evidence is not None and outcome.evidence.source == "survey"
    assert str(outcome.verdict.reasons[0]).startswith("only 1 related local employers")


def test_old_saved_plans_stay_readable(saved_coop, saved_3x6) -> None:
    old_coop = {k: v for k, v in saved_coop.items() if k not in ("kind", "model")}
    assert isinstance(outcome_from_dict(old_coop), CooperativeOutcome)
    old = copy.deepcopy(saved_3x6)
    del old["kind"], old["model"]
    feasibility = old["summary"]["feasibility"]
    del feasibility["reason_messages"], feasibility["warning_messages"]
    outcome = outcome_from_dict(old)
    assert isinstance(outcome, ThreeBySixOutcome)
    assert [str(m) for m in outcome.verdict.reasons] == feasibility["reasons"]
    # a plan saved with the web's kind and an extra key keeps both
    tagged = {**saved_coop, "note": "from an older version"}
    assert outcome_from_dict(tagged).to_dict() == tagged


@pytest.mark.parametrize(
    ("data", "message"),
    [({"kind": "lottery"}, "unknown kind 'lottery'"), ({"kind": "cooperative", "runs": 1}, "cannot be read")],
)
def test_what_is_not_a_plan_result_is_refused(data: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        outcome_from_dict(data)


def _texts(fig) -> list[str]:
    texts = [fig.get_suptitle()]
    for ax in fig.axes:
        texts += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
        texts += [t.get_text() for t in ax.get_legend().get_texts()]
    return [t for t in texts if t]


def test_the_fan_chart_speaks_the_readers_language(saved_coop) -> None:
    outcome = outcome_from_dict(saved_coop)
    low = outcome.fan.at(2, 5) or 0.0
    fig = plan_figure(
        outcome,
        name="Plan A",
        actual=[ActualPoint(1, outcome.fan.at(1, 50) or 0.0), ActualPoint(2, low - 1000)],
        translate=lambda t: "«" + t + "»",
        ngettext=lambda one, many, n: "«" + (one if n == 1 else many) + "»",
        numbers={"count": lambda v: f"#{v}", "percent": lambda v: f"{v * 100:.0f} pc"},
    )
    texts = _texts(fig)
    assert all(t.startswith("«") or t == "NPR" for t in texts), texts
    assert "«below the 90% band»" in texts and "«actual (the books)»" in texts
    assert "«Plan A: #40 simulated futures»" in texts
    image = mpimg.imread(io.BytesIO(to_png(fig, dpi=40)), format="png")
    assert image.shape[0] > 100


def test_the_fan_chart_draws_a_3x6_plan(saved_3x6) -> None:
    fig = plan_figure(outcome_from_dict(saved_3x6))
    assert "A group's cumulative net cash" in _texts(fig) and "business open" in _texts(fig)


def test_the_fan_charts_light_band_is_named_for_the_futures_it_holds(saved_coop) -> None:
    """Regression: the 5th-95th percentile band was labelled "19 in 20 futures"; it holds 9 in 10."""
    texts = _texts(plan_figure(outcome_from_dict(saved_coop), name="Plan A"))
    assert "9 in 10 futures" in texts and "half of futures" in texts and "19 in 20 futures" not in texts


def test_a_chance_of_100_percent_is_drawn_inside_the_frame(saved_coop) -> None:
    """Regression: a line at 100% (or 0%) lay on the axes' frame; the legend named a line nobody could see."""
    chances = plan_figure(outcome_from_dict(saved_coop), name="Plan A").axes[1]
    low, high = chances.get_ylim()
    assert low < 0 < 1 < high
