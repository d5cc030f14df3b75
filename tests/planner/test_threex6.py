"""3x6: Burundi funding arithmetic, exits and regrouping, match as grant or loan, reproducibility."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.exceptions import ParameterError
from planner.feasibility import MarketEvidence
from planner.parameters import threex6_config
from planner.threex6 import form_groups, funding, savings_per_person, trailing_sum
from planner.threex6_results import simulate_threex6


def test_burundi_funding_per_person_and_per_group() -> None:
    cfg = threex6_config()
    f = funding(cfg, 10)
    assert f.pay_per_person == pytest.approx(2.40 * 66)
    assert f.savings_per_person == pytest.approx(52.80)  # one third of 158.40
    assert f.pooled_savings_per_group == pytest.approx(528.0)
    assert f.matched_funds_per_group == pytest.approx(3 * 528.0)
    assert f.total_investment_per_group == pytest.approx(4 * 528.0)
    assert f.total_investment_per_person == pytest.approx(4 * 52.80)


def test_mfi_interest_adds_to_savings() -> None:
    assert savings_per_person(threex6_config({"mfi_deposit_rate_annual": 0.12})) == pytest.approx(
        52.80 * 1.015, abs=0.005
    )


@settings(max_examples=80, deadline=None)
@given(
    participants=st.integers(2, 200),
    size=st.integers(2, 20),
    low=st.integers(1, 20),
    stayers=st.lists(st.integers(0, 200), min_size=1, max_size=8),
)
def test_groups_formed_from_stayers(participants: int, size: int, low: int, stayers: list[int]) -> None:
    if size > participants or low > size:
        return
    cfg = threex6_config({"participants": participants, "group_size": size, "min_group_size": low})
    stay = np.minimum(np.array(stayers), participants)
    sizes = form_groups(stay, cfg)
    totals = sizes.sum(axis=1)
    assert (totals <= stay).all()
    # everyone who stays is in a group, unless too few stayed to form even one
    assert ((totals == stay) | ((stay < size) & (stay < low) & (totals == 0))).all()
    formed = sizes[sizes > 0]
    assert (formed >= low).all()


def test_every_result_reports_money_per_person_and_per_group() -> None:
    res = simulate_threex6(threex6_config(), runs=100, seed=2)
    summary = res.to_dict()["summary"]
    for key in (
        "savings_per_person",
        "pooled_savings_per_person",
        "pooled_savings_per_group",
        "matched_funds_per_group",
    ):
        assert key in summary["planned_funding"]
    for key in ("total_investment_per_group", "total_investment_per_person", "matched_funds_per_person"):
        assert key in summary["planned_funding"] and key in summary["realised_funding"]
    realised = summary["realised_funding"]
    assert realised["matched_funds_per_group"]["mean"] == pytest.approx(
        3 * realised["pooled_savings_per_group"]["mean"]
    )


def test_about_sixty_percent_leave_with_their_savings_in_burundi() -> None:
    res = simulate_threex6(threex6_config(), runs=300, seed=1)
    assert res.people_exited.mean == pytest.approx(0.6 * 300, rel=0.05)


def test_failed_gate_releases_no_match() -> None:
    res = simulate_threex6(threex6_config(), MarketEvidence(0, 0, demand_trend=-0.5), runs=50, seed=1)
    assert not res.verdict.passed and len(res.verdict.reasons) == 3
    assert res.planned.matched_funds_per_group == 0.0
    assert res.realised["matched_funds_per_group"].mean == 0.0


def test_loan_match_is_repaid_and_pays_back_later_than_a_grant() -> None:
    grant = simulate_threex6(threex6_config(), runs=300, seed=9)
    loan = simulate_threex6(
        threex6_config({"match_type": "loan", "match_loan_rate_annual": 0.1}), runs=300, seed=9
    )
    assert np.nanmedian(loan.payback_total_months) > np.nanmedian(grant.payback_total_months)
    assert (
        loan.series["cumulative_net_cash_per_member"][-1] < grant.series["cumulative_net_cash_per_member"][-1]
    )


def test_same_seed_same_result() -> None:
    cfg = threex6_config()
    assert (
        simulate_threex6(cfg, runs=50, seed=3).to_dict() == simulate_threex6(cfg, runs=50, seed=3).to_dict()
    )
    assert (
        simulate_threex6(cfg, runs=50, seed=3).to_dict() != simulate_threex6(cfg, runs=50, seed=4).to_dict()
    )


def test_everyone_leaving_gives_an_empty_but_valid_result() -> None:
    res = simulate_threex6(threex6_config({"exit_rate": 1.0}), runs=10, seed=0)
    assert res.groups_formed.median == 0.0
    assert res.to_dict()["summary"]["break_even_month"]["reached_share"] == 0.0


def test_trailing_sum() -> None:
    np.testing.assert_allclose(trailing_sum(np.ones(15), 12)[-1], 12.0)


def test_too_many_futures_is_refused_with_a_limit() -> None:
    with pytest.raises(ParameterError, match="at most"):
        simulate_threex6(threex6_config(), runs=10**6)
