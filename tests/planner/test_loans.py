"""Loan schedules against closed forms and numpy-financial; APR and effective rate from IRR."""

from __future__ import annotations

import numpy as np
import numpy_financial as npf
import pytest

from planner.exceptions import ConvergenceError, ParameterError
from planner.loans import annualise, irr, loan_schedule

CASES = [
    (1000.0, 0.01, 12),
    (25000.0, 0.0123, 24),
    (500.0, 0.035, 6),
    (120000.0, 0.0075, 60),
    (80.0, 0.004, 52),
]


@pytest.mark.parametrize(("principal", "rate", "n"), CASES)
def test_declining_schedule_matches_numpy_financial(principal: float, rate: float, n: int) -> None:
    s = loan_schedule(principal, rate, n, method="declining")
    periods = np.arange(1, n + 1)
    tol = 1e-9 * principal
    np.testing.assert_allclose(s.payment, -npf.pmt(rate, n, principal), rtol=0, atol=tol)
    np.testing.assert_allclose(s.interest, -npf.ipmt(rate, periods, n, principal), rtol=0, atol=tol)
    np.testing.assert_allclose(s.principal_repaid, -npf.ppmt(rate, periods, n, principal), rtol=0, atol=tol)
    assert s.balance[-1] == 0.0
    assert s.principal_repaid.sum() == pytest.approx(principal, abs=tol)


@pytest.mark.parametrize(("principal", "rate", "n"), CASES)
@pytest.mark.parametrize("method", ["flat", "declining"])
def test_periodic_rate_matches_numpy_financial_irr(
    principal: float, rate: float, n: int, method: str
) -> None:
    s = loan_schedule(principal, rate, n, method=method, fee_rate=0.01, grace_periods=1)
    assert s.periodic_rate == pytest.approx(float(npf.irr(s.cash_flows)), abs=1e-9)


@pytest.mark.parametrize(("principal", "rate", "n"), CASES)
def test_declining_loan_without_fees_costs_its_stated_rate(principal: float, rate: float, n: int) -> None:
    s = loan_schedule(principal, rate, n)
    assert s.periodic_rate == pytest.approx(rate, abs=1e-12)


def test_flat_one_percent_a_month_is_about_21_5_percent_apr() -> None:
    s = loan_schedule(1000, 0.01, 12, method="flat")
    assert s.payment == pytest.approx(np.full(12, 1120 / 12))
    assert s.total_interest == pytest.approx(120.0)
    assert s.apr == pytest.approx(0.2146, abs=5e-4)
    assert s.effective_annual_rate == pytest.approx(0.2370, abs=5e-4)
    assert s.effective_annual_rate == pytest.approx((1 + s.apr / 12) ** 12 - 1)


def test_flat_interest_closed_form() -> None:
    s = loan_schedule(2400, 0.02, 24, method="flat")
    assert s.total_interest == pytest.approx(2400 * 0.02 * 24)
    assert np.allclose(s.principal_repaid, 100.0)


def test_grace_periods_are_interest_only() -> None:
    s = loan_schedule(1000, 0.01, 12, grace_periods=3)
    assert np.allclose(s.principal_repaid[:3], 0.0)
    assert np.allclose(s.payment[:3], 10.0)
    np.testing.assert_allclose(s.payment[3:], -npf.pmt(0.01, 9, 1000), atol=1e-9)
    assert s.periodic_rate == pytest.approx(0.01, abs=1e-12)


def test_fees_raise_the_true_cost() -> None:
    plain = loan_schedule(1000, 0.01, 12)
    with_fee = loan_schedule(1000, 0.01, 12, fee_rate=0.02, fee_flat=5)
    assert with_fee.fees == pytest.approx(25.0)
    assert with_fee.cash_flows[0] == pytest.approx(975.0)
    assert with_fee.apr > plain.apr
    assert with_fee.total_cost == pytest.approx(plain.total_interest + 25.0)


def test_weekly_loans_annualise_with_52_weeks() -> None:
    s = loan_schedule(1000, 0.005, 26, frequency="weekly")
    assert s.apr == pytest.approx(0.005 * 52, abs=1e-12)
    assert s.effective_annual_rate == pytest.approx(1.005**52 - 1, abs=1e-12)


def test_zero_rate_loan() -> None:
    s = loan_schedule(1200, 0.0, 12)
    assert np.allclose(s.payment, 100.0)
    assert s.apr == pytest.approx(0.0, abs=1e-12)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"principal": 0, "rate": 0.01, "n_periods": 12}, "principal"),
        ({"principal": 100, "rate": -0.01, "n_periods": 12}, "negative"),
        ({"principal": 100, "rate": 12, "n_periods": 12}, "fraction"),
        ({"principal": 100, "rate": 0.01, "n_periods": 0}, "at least 1"),
        ({"principal": 100, "rate": 0.01, "n_periods": 12, "method": "balloon"}, "method"),
        ({"principal": 100, "rate": 0.01, "n_periods": 12, "frequency": "daily"}, "frequency"),
        ({"principal": 100, "rate": 0.01, "n_periods": 12, "grace_periods": 12}, "grace"),
        ({"principal": 100, "rate": 0.01, "n_periods": 12, "fee_rate": -0.1}, "fees"),
        ({"principal": 100, "rate": 0.01, "n_periods": 12, "fee_flat": 100}, "whole principal"),
        # regressions: a billion months hung the CLI; 1e308 printed "Infinity"; NaN passed every check
        ({"principal": 100, "rate": 0.01, "n_periods": 1_000_000_000}, "at most 600 monthly periods"),
        ({"principal": 100, "rate": 0.01, "n_periods": 2601, "frequency": "weekly"}, "at most 2600 weekly"),
        ({"principal": 1e308, "rate": 0.01, "n_periods": 12}, "at most 1,000,000,000,000"),
        ({"principal": float("inf"), "rate": 0.01, "n_periods": 12}, "finite"),
        ({"principal": float("nan"), "rate": 0.01, "n_periods": 12}, "finite"),
        ({"principal": 100, "rate": float("nan"), "n_periods": 12}, "finite"),
        ({"principal": 100, "rate": 0.01, "n_periods": 12, "fee_rate": float("nan")}, "finite"),
    ],
)
def test_bad_loans_are_rejected_with_a_clear_message(kwargs: dict, message: str) -> None:
    with pytest.raises(ParameterError, match=message):
        loan_schedule(**kwargs)


def test_irr_needs_money_both_ways() -> None:
    with pytest.raises(ConvergenceError):
        irr([100, 10, 10])


def test_annualise() -> None:
    assert annualise(0.02, 12) == pytest.approx((0.24, 1.02**12 - 1))


def test_to_dict_is_json_ready() -> None:
    d = loan_schedule(1000, 0.01, 3).to_dict()
    assert [row["period"] for row in d["schedule"]] == [1, 2, 3]
    assert d["schedule"][-1]["balance"] == 0.0
    assert set(d) >= {"apr", "effective_annual_rate", "schedule", "total_cost"}
