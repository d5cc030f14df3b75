"""Monte Carlo summaries."""

from __future__ import annotations

import numpy as np
import pytest

from planner.money import round_half_up, round_half_up_array, to_major, to_minor
from planner.montecarlo import distribution, fan, first_month, rng_from


def test_first_month_and_distribution() -> None:
    mask = np.array([[0, 0, 0], [1, 0, 0], [1, 1, 0]], dtype=bool)
    months = first_month(mask)
    assert np.isnan(months[2]) and months[:2].tolist() == [2.0, 3.0]
    d = distribution(months)
    assert d.reached_share == pytest.approx(2 / 3) and d.median == 2.5


def test_empty_distribution() -> None:
    d = distribution(np.array([np.nan]))
    assert d.reached_share == 0.0 and d.median is None


def test_fan_percentiles_are_ordered() -> None:
    f = fan(np.random.default_rng(0).normal(size=(5, 1000)))
    assert (f["p5"] <= f["p25"]).all() and (f["p75"] <= f["p95"]).all()


def test_rng_from_seed_and_generator() -> None:
    g = np.random.default_rng(1)
    assert rng_from(g) is g
    assert rng_from(5).random() == np.random.default_rng(5).random()


@pytest.mark.parametrize(("value", "cents"), [(0.1, 10), (2.675, 268), ("19.995", 2000), (1e6, 100_000_000)])
def test_to_minor(value: float | str, cents: int) -> None:
    assert to_minor(value) == cents and to_major(cents) == pytest.approx(float(value), abs=0.0051)


def test_rounding_rule_is_the_same_scalar_and_vectorised() -> None:
    x = np.array([-2.5, -0.5, 0.5, 1.49999, 2.5, 1e12 + 0.5])
    assert round_half_up_array(x).tolist() == [round_half_up(v) for v in x]
