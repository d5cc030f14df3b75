"""The joint business's cash flows: closed forms when nothing is random, firm death, expansion."""

from __future__ import annotations

import numpy as np
import pytest

from planner.business import simulate_business
from planner.config import BusinessConfig

STEADY = {"enabled": True, "revenue_volatility": 0.0, "annual_failure_rate": 0.0, "variable_cost_share": 0.5}


def run(cfg: BusinessConfig, months: int = 12, n: int = 1, seed: int = 0):  # noqa: ANN201
    level = np.full(n, 1000.0)
    return simulate_business(
        cfg, months, np.random.default_rng(seed), level, np.full(n, 100.0), np.full(n, 2000.0)
    )


def test_ramp_up_and_growth_closed_form() -> None:
    b = run(BusinessConfig(**STEADY, ramp_up_months=4, revenue_growth_annual=0.12, expansion_month=0))
    ages = np.arange(1, 13)
    expected = 1000.0 * np.minimum(ages / 4, 1) * 1.12 ** (ages / 12)
    np.testing.assert_allclose(b.revenue[:, 0], expected)
    np.testing.assert_allclose(b.operating_profit[:, 0], 0.5 * expected - 100.0)
    assert b.investment[0, 0] == 2000.0 and b.investment[1:, 0].sum() == 0.0


def test_firm_death_matches_the_yearly_rate() -> None:
    cfg = BusinessConfig(**{**STEADY, "annual_failure_rate": 0.083}, ramp_up_months=0, expansion_month=0)
    b = run(cfg, months=13, n=40000, seed=1)
    assert cfg.monthly_failure_hazard == pytest.approx(1 - 0.917 ** (1 / 12))
    assert 1 - b.alive[-1].mean() == pytest.approx(0.083, abs=0.006)
    assert (b.revenue[~b.alive] == 0).all()


def test_expansion_raises_revenue_when_profits_cover_it() -> None:
    cfg = BusinessConfig(**STEADY, ramp_up_months=0, expansion_month=6, expansion_cost_share=0.5)
    b = run(cfg)
    assert b.investment[5, 0] == 1000.0  # half the capital, paid from 5 months of 400 profit
    assert b.revenue[6, 0] == pytest.approx(1300.0)


def test_expansion_skipped_when_profits_fall_short() -> None:
    cfg = BusinessConfig(**STEADY, ramp_up_months=0, expansion_month=2, expansion_cost_share=0.5)
    b = run(cfg)
    assert b.investment[1:, 0].sum() == 0.0 and b.revenue[-1, 0] == pytest.approx(1000.0)


def test_noise_has_mean_one() -> None:
    cfg = BusinessConfig(**{**STEADY, "revenue_volatility": 0.5}, ramp_up_months=0, expansion_month=0)
    b = run(cfg, months=2, n=200000, seed=3)
    assert b.revenue[1].mean() == pytest.approx(1000.0, rel=0.01)
