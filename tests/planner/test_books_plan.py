"""A plan starts from the books, and the books are compared with the plan's fan month by month."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import numpy as np
import pytest

from planner.books.plan import plan_start
from planner.books.plan_check import plan_against_actual
from planner.books.schedule import add_months
from planner.books.statements import group_balances
from planner.cooperative import simulate_cooperative
from planner.exceptions import ParameterError
from planner.outcomes import CooperativeOutcome, Fan

from .conftest import START, build_worked_example

ON = START + dt.timedelta(weeks=20)  # 26 May 2025, week 20 of the worked example


@pytest.fixture(scope="module")
def start():
    return plan_start(build_worked_example().books, ON, overrides={"months": 24})


def test_the_plan_starts_from_the_books(worked_example, start) -> None:
    b = group_balances(worked_example.books, ON)
    o = start.opening
    assert (o.members, o.savings, o.social, o.retained, o.cash) == (
        25,
        b.member_savings,
        b.social_fund,
        b.retained_earnings,
        b.cash_box,
    )  # NPR paisa are the simulation's cents
    assert o.loans == b.loans_outstanding and o.on == ON
    assert start.config.initial_members == 25 and start.config.currency == "NPR"


def test_settings_are_read_from_the_books(start) -> None:
    s = start.settings()
    # 21 weeks of NPR 100 savings over the 4.6 months from the first meeting: about NPR 457 a month
    months = (ON - START).days + 1
    assert s["monthly_saving"] == pytest.approx(100 * 21 / (months / (36525 / 1200)), abs=0.01)
    assert s["social_fund_contribution"] == pytest.approx(s["monthly_saving"] / 10, abs=0.01)
    assert s["average_loan_request"] == 1200.0 and s["loan_term_months"] == 1
    assert s["business.monthly_revenue"] > 0 and s["business.start_month"] == 0
    assert start.config.business.enabled and start.config.business.startup_cost == 0
    # a flat 1.25% a week over four weeks is an APR of about 103% on the balance
    assert start.config.loan_interest_rate_annual == pytest.approx(1.03, abs=0.005)
    assert all(str(f.source) for f in start.from_books)


def test_the_simulation_starts_where_the_books_are(start) -> None:
    result = simulate_cooperative(start.config, runs=30, seed=2, keep_paths=True, opening=start.opening)
    assert result.paths is not None
    assert int(abs(result.paths.balance_gap()).max()) == 0
    fund = (start.opening.cash + start.opening.loans) / 100
    assert result.fund_fan["p50"][0] == pytest.approx(fund)
    assert result.to_dict()["opening"]["on"] == ON.isoformat()
    assert result.outcome().opening == start.opening


def test_the_opening_must_fit_the_plan(start) -> None:
    with pytest.raises(ParameterError, match="the books have 25 members but the plan starts with 30"):
        simulate_cooperative(replace(start.config, initial_members=30, max_members=60), opening=start.opening)
    with pytest.raises(ParameterError, match="do not balance"):
        simulate_cooperative(start.config, opening=replace(start.opening, cash=start.opening.cash + 1))


def test_an_empty_group_cannot_be_planned(worked_example) -> None:
    with pytest.raises(ParameterError, match="no members on 2024-12-01"):
        plan_start(worked_example.books, dt.date(2024, 12, 1))


def crafted(
    outcome: CooperativeOutcome, low: float, high: float, savings: float, sales: float
) -> CooperativeOutcome:
    """The plan's outcome with a flat band and flat average futures, to know what it must say."""
    n = len(outcome.months)
    bands = {
        q: tuple(np.linspace(low, high, 5)[i] for _ in range(n)) for i, q in enumerate((5, 25, 50, 75, 95))
    }
    series = dict(outcome.series) | {
        "member_savings": (savings,) * n,
        "par30": (0.0,) * n,
        "business_revenue": (sales,) * n,
    }
    return replace(outcome, fan=Fan("fund_balance", bands), series=series)


@pytest.fixture(scope="module")
def outcome(start) -> CooperativeOutcome:
    return simulate_cooperative(start.config, runs=50, seed=3, opening=start.opening).outcome()


def test_the_books_are_compared_month_by_month(worked_example, outcome) -> None:
    check = plan_against_actual(outcome, worked_example.books, worked_example.end)
    assert [m.month for m in check.months] == list(range(1, 8))
    assert check.months[0].day == add_months(ON, 1)
    for m in check.months:
        b = group_balances(worked_example.books, m.day)
        assert m.actual == (b.cash_box + b.loans_outstanding) / 100
        assert m.savings == b.member_savings / 100
    assert check.points[-1].value == check.months[-1].actual


def test_below_the_band_with_the_reasons_the_books_show(worked_example, outcome) -> None:
    # a plan far above what the group did: savings 3x, sales 3x what the books show
    check = plan_against_actual(
        crafted(outcome, 1e7, 2e7, 3e5, 8000), worked_example.books, worked_example.end
    )
    said = [str(m) for m in check.messages]
    assert said[0].startswith("In month 7 (2025-12-26) the fund balance (cash and loans out) is NPR ")
    assert (
        "below the plan's 90% band (NPR 10,000,000.00 to NPR 20,000,000.00): worse than 19 in 20" in said[0]
    )
    assert said[1] == "The group has been outside the band since month 1."
    assert (
        said[2].startswith("Members' savings are NPR ")
        and "behind the plan's average future (NPR 300,000.00)" in said[2]
    )
    # on 26 December: L44-1 (NPR 1,200, 39 days late) of NPR 4,200 out (five week-48 loans half repaid)
    assert "Loans more than 30 days late are 29% of the loans out; the plan expected about 0%." in said
    assert any(
        s.startswith("The business sold NPR ") and "short of the plan's NPR 24,000.00" in s for s in said
    )
    assert check.left_band_at == 1


def test_the_plans_averages_are_said_in_whole_units_as_its_band_is(worked_example, outcome) -> None:
    """Regression (walk of 2026-12-06): the Kathmandu treasurer read "21% behind the plan's average
    future (NPR 482,395.06)" beside a band in whole rupees: an average of futures is not known to a paisa."""
    check = plan_against_actual(
        crafted(outcome, 1e7, 2e7, 300_000.37, 8000.41), worked_example.books, worked_example.end
    )
    plans = [m.values["plan"] for m in check.messages if isinstance(m.values.get("plan"), dict)]
    assert len(plans) == 2  # the savings and the sales sentences
    assert [p["amount"] for p in plans] == [300_000, 24_001]  # the sales: 3 months of 8,000.41
    assert all(isinstance(p["amount"], int) for p in plans)


def test_above_the_band(worked_example, outcome) -> None:
    actual = plan_against_actual(outcome, worked_example.books, worked_example.end).months
    savings = [m.savings for m in actual][-1]
    check = plan_against_actual(
        crafted(outcome, 0.0, 1.0, savings, 0.0), worked_example.books, worked_example.end
    )
    assert "above the plan's 90% band" in str(check.messages[0]) and "better than 19 in 20" in str(
        check.messages[0]
    )


def test_inside_the_band(worked_example, outcome) -> None:
    check = plan_against_actual(
        crafted(outcome, 0.0, 1e9, 1.0, 0.0), worked_example.books, worked_example.end
    )
    assert len(check.messages) == 1 and "inside the plan's 90% band" in str(check.messages[0])
    assert check.left_band_at is None


def test_a_plan_that_did_not_start_from_the_books_needs_its_start(worked_example, outcome) -> None:
    with pytest.raises(ParameterError, match="say on which day it starts"):
        plan_against_actual(replace(outcome, opening=None), worked_example.books, worked_example.end)
    early = plan_against_actual(outcome, worked_example.books, ON + dt.timedelta(days=3))
    assert early.months == () and "No month of the plan has passed yet" in str(early.messages[0])


def test_a_plan_from_the_books_is_reproducible_with_its_seed(worked_example, start) -> None:
    first = simulate_cooperative(start.config, runs=40, seed=11, opening=start.opening).to_dict()
    again = simulate_cooperative(start.config, runs=40, seed=11, opening=start.opening).to_dict()
    other = simulate_cooperative(start.config, runs=40, seed=12, opening=start.opening).to_dict()
    assert first == again and first["fund_fan"] != other["fund_fan"]
    outcome = CooperativeOutcome.from_dict(first)
    said = [
        m.to_dict() for m in plan_against_actual(outcome, worked_example.books, worked_example.end).messages
    ]
    assert said == [
        m.to_dict() for m in plan_against_actual(outcome, worked_example.books, worked_example.end).messages
    ]
