"""The cooperative's books: money conserved to the cent, seeded runs reproducible, closed forms."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.config import CooperativeConfig
from planner.cooperative import STATE_NAMES, simulate_cooperative
from planner.parameters import cooperative_config
from planner.reference import simulate_cooperative_loop

QUIET = {
    "monthly_dropout_rate": 0.0,
    "joins_per_month": 0.0,
    "social_fund_claim_rate": 0.0,
    "risk_volatility": 0.0,
    "business": {"enabled": False},
}


@st.composite
def cooperatives(draw: st.DrawFn) -> CooperativeConfig:
    """Random but valid cooperatives, with awkward amounts (odd cents) and extreme shares."""
    share = st.floats(0.0, 1.0)
    money = st.floats(0.0, 5000.0).map(lambda x: round(x, 2))
    months = draw(st.integers(6, 36))
    initial = draw(st.integers(1, 40))
    recovery = draw(share)
    business = {"enabled": draw(st.booleans()), "start_month": draw(st.integers(0, months - 1))}
    business |= {
        "startup_cost": draw(money) * 10,
        "monthly_revenue": draw(money),
        "fixed_costs_monthly": draw(money),
    }
    business |= {"revenue_volatility": draw(st.floats(0, 1)), "annual_failure_rate": draw(share)}
    business |= {"expansion_month": draw(st.integers(0, months)), "ramp_up_months": draw(st.integers(0, 12))}
    return cooperative_config(
        {
            "months": months,
            "initial_members": initial,
            "max_members": initial + draw(st.integers(0, 20)),
            "joins_per_month": draw(st.floats(0, 3)),
            "monthly_dropout_rate": draw(st.floats(0, 0.3)),
            "entry_share": draw(money),
            "monthly_saving": draw(money),
            "social_fund_contribution": draw(money),
            "social_fund_claim_rate": draw(st.floats(0, 0.3)),
            "social_fund_grant": draw(money),
            "loan_interest_rate_annual": draw(st.floats(0, 1)),
            "loan_term_months": draw(st.integers(1, 24)),
            "loan_multiple_of_savings": draw(st.floats(0, 5)),
            "borrowing_rate": draw(share),
            "average_loan_request": draw(money) * 10,
            "loan_fee_rate": draw(st.floats(0, 0.1)),
            "liquidity_reserve_share": draw(share),
            "late_rate": draw(share),
            "cure_rate": draw(share),
            "recovery_rate_par30": recovery,
            "write_off_rate_par30": draw(st.floats(0.0, 1.0 - recovery)),
            "risk_volatility": draw(st.floats(0, 1.5)),
            "savings_interest_rate_annual": draw(st.floats(0, 0.3)),
            "monthly_fixed_expenses": draw(money),
            "expense_per_member": draw(money),
            "cycle_months": draw(st.integers(1, 12)),
            "dividend_payout_share": draw(share),
            "business": business,
        }
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(config=cooperatives(), seed=st.integers(0, 2**32 - 1), runs=st.integers(1, 6))
def test_money_is_conserved_every_month_to_the_cent(config: CooperativeConfig, seed: int, runs: int) -> None:
    paths = simulate_cooperative(config, runs=runs, seed=seed, keep_paths=True).paths
    assert paths is not None
    s = paths.states
    assert all(v.dtype == np.int64 for v in s.values())
    # cash + loans outstanding = member savings + retained earnings + social fund, exactly, in cents
    assert np.array_equal(s["cash"] + paths.loans, s["savings"] + s["retained"] + s["social"])
    assert (s["members"] >= 0).all() and (s["members"] <= config.max_members).all()
    assert (s["social"] >= 0).all() and (paths.loans >= 0).all() and (s["savings"] >= 0).all()


@settings(max_examples=15, deadline=None)
@given(config=cooperatives(), seed=st.integers(0, 2**32 - 1))
def test_same_seed_same_books(config: CooperativeConfig, seed: int) -> None:
    a = simulate_cooperative(config, runs=3, seed=seed, keep_paths=True)
    b = simulate_cooperative(config, runs=3, seed=seed, keep_paths=True)
    assert a.paths is not None and b.paths is not None
    for name in STATE_NAMES:
        assert np.array_equal(a.paths.states[name], b.paths.states[name])
    assert a.to_dict() == b.to_dict()


def test_different_seeds_differ() -> None:
    cfg = cooperative_config()
    a, b = simulate_cooperative(cfg, 200, seed=1), simulate_cooperative(cfg, 200, seed=2)
    assert not np.array_equal(a.fund_fan["p50"], b.fund_fan["p50"])


def test_vectorised_and_plain_python_books_agree_when_nothing_is_random() -> None:
    cfg = cooperative_config(
        {**QUIET, "borrowing_rate": 1.0, "business": {"revenue_volatility": 0.0, "annual_failure_rate": 0.0}}
    )
    vectorised = simulate_cooperative(cfg, runs=2, seed=0, keep_paths=True).paths
    loop = simulate_cooperative_loop(cfg, runs=2, seed=0)
    assert vectorised is not None
    for name in STATE_NAMES:
        assert np.array_equal(vectorised.states[name], np.array(loop[name]).T), name


def test_vectorised_and_plain_python_agree_in_distribution() -> None:
    cfg = cooperative_config({"months": 60})
    vectorised = simulate_cooperative(cfg, runs=400, seed=11, keep_paths=True).paths
    loop = simulate_cooperative_loop(cfg, runs=400, seed=11)
    assert vectorised is not None
    for name in ("savings", "members", "social"):
        a, b = vectorised.states[name][-1], np.array(loop[name])[:, -1]
        se = np.hypot(a.std(), b.std()) / np.sqrt(400)
        assert abs(a.mean() - b.mean()) < 4 * se + 1e-9, name


def test_savings_closed_form_without_lending_or_interest() -> None:
    cfg = cooperative_config(
        {
            **QUIET,
            "borrowing_rate": 0.0,
            "savings_interest_rate_annual": 0.0,
            "monthly_saving": 333.33,
            "months": 24,
        }
    )
    paths = simulate_cooperative(cfg, runs=1, seed=0, keep_paths=True).paths
    assert paths is not None
    months = np.arange(25)
    expected = 30 * (100_000 + 33_333 * months)  # entry share 1000.00 + 333.33 a month, in cents
    assert np.array_equal(paths.states["savings"][:, 0], expected)
    assert np.array_equal(paths.loans[:, 0], np.zeros(25))


def test_loans_never_exceed_the_multiple_of_savings_rule_when_demand_is_high() -> None:
    cfg = cooperative_config(
        {**QUIET, "borrowing_rate": 1.0, "average_loan_request": 10**6, "loan_multiple_of_savings": 3}
    )
    paths = simulate_cooperative(cfg, runs=1, seed=0, keep_paths=True).paths
    assert paths is not None
    disbursed = paths.flows["disbursed"][:, 0]
    savings_before = paths.states["savings"][:-1, 0]
    assert (disbursed <= 3 * savings_before + 100 * cfg.initial_members).all()
    assert (paths.states["cash"][:, 0] >= 0).all()


def test_metrics_are_in_range_and_summary_is_complete() -> None:
    res = simulate_cooperative(cooperative_config(), runs=300, seed=5)
    s = res.series
    for name in (
        "par30",
        "loan_fund_utilisation",
        "p_operating_profitable",
        "p_business_open",
        "dropout_rate",
    ):
        values = s[name][~np.isnan(s[name])]
        assert ((values >= 0) & (values <= 1)).all(), name
    summary = res.summary()
    assert 0 <= summary["p_operating_profitable"]["month_72"] <= 1
    assert summary["business_payback_month"]["reached_share"] > 0
    assert summary["share_out_per_member"]["median"] > 0
    assert res.fund_fan["p5"][-1] <= res.fund_fan["p50"][-1] <= res.fund_fan["p95"][-1]
    d = res.to_dict()
    assert len(d["series"]["fund_balance"]) == res.config.months + 1


def test_runs_must_be_positive() -> None:
    with pytest.raises(ValueError, match="runs"):
        simulate_cooperative(cooperative_config(), runs=0)
