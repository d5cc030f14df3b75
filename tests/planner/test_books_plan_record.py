"""A plan from the books takes what the books record, not the Nepal file's defaults or a plan of nothing.

The walk of the cooperative pages found figures untrue for the group a plan is about: break-even "at
month 1" for a group with years of books (the books' months before the plan were not counted), a
running business said to "earn back its cost" when the plan has no cost for it, and the Nepal file's
running costs per member counted on top of the books' own running costs.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from planner.books import entries as e
from planner.books.ledger import Books
from planner.books.measures import Period, measures
from planner.books.plan import plan_start, read_books
from planner.books.schedule import add_months
from planner.books.shareout import record_share_out
from planner.cooperative import OpeningBalances, simulate_cooperative
from planner.parameters import cooperative_config

FIRST = dt.date(2024, 1, 15)
MEMBERS = [f"m{i}" for i in range(10)]
#: a plan with no randomness in its income and costs, so a break-even month is exact
STEADY: dict[str, Any] = {
    "months": 24,
    "joins_per_month": 0.0,
    "monthly_dropout_rate": 0.0,
    "borrowing_rate": 0.0,
    "social_fund_claim_rate": 0.0,
    "savings_interest_rate_annual": 0.0,
    "loan_fee_rate": 0.0,
    "monthly_fixed_expenses": 0.0,
}


def monthly_books(months: int, *, sales: int = 0, costs: int = 0, payout: int = 0) -> Books:
    """Ten members saving NPR 100 a month for ``months`` meetings; each month the group's sales, its
    business costs and running costs (``costs``, paisa), and a social fund payout when ``payout``."""
    entries: list[e.Entry] = [e.MemberJoined(entry_id=f"j-{m}", date=FIRST, member=m) for m in MEMBERS]
    for k in range(months):
        day = add_months(FIRST, k)
        entries += [e.Saving(entry_id=f"s{k}-{m}", date=day, member=m, amount=10000) for m in MEMBERS]
        entries += [
            e.SocialContribution(entry_id=f"c{k}-{m}", date=day, member=m, amount=1000) for m in MEMBERS
        ]
        if sales:
            entries.append(e.BusinessSales(entry_id=f"sales{k}", date=day, amount=sales))
            entries.append(e.BusinessCost(entry_id=f"bcost{k}", date=day, amount=sales // 2))
        if costs:
            entries.append(e.OtherCost(entry_id=f"cost{k}", date=day, amount=costs))
        if payout and k % 4 == 3:
            entries.append(e.SocialPayout(entry_id=f"grant{k}", date=day, member="m1", amount=payout))
    return Books("NPR").record(*entries)


def test_break_even_counts_the_months_the_books_record_before_the_plan() -> None:
    """A year of losses in the books is not undone by one good month: the plan's month 1 is judged over
    the books' last 11 months and itself (the old plan said "breaks even at month 1")."""
    books = monthly_books(13, costs=500_00)  # NPR 500 of running costs a month, no income
    on = books.meeting_days[-1]
    shop = {"enabled": True, "monthly_revenue": 2000, "fixed_costs_monthly": 0, "variable_cost_share": 0.6}
    shop |= {"revenue_volatility": 0.0, "annual_failure_rate": 0.0, "revenue_growth_annual": 0.0}
    shop |= {"start_month": 0, "startup_cost": 0, "ramp_up_months": 0, "expansion_month": 0}
    start = plan_start(books, on, overrides={**STEADY, "business": shop})
    assert len(start.opening.past) == 12 and all(m.costs == 500_00 for m in start.opening.past)
    result = simulate_cooperative(start.config, runs=20, seed=1, opening=start.opening)
    # the plan earns NPR 800 a month: the window's net turns positive once the books' losses left in it
    # are outweighed, -(12 - t) x 500 + t x 800 > 0, from month 5
    assert result.break_even().median == 5 and result.break_even().reached_share == 1.0
    assert (
        result.series["p_operating_profitable"][4] == 0.0 and result.series["p_operating_profitable"][5] == 1
    )


def test_books_that_already_show_a_profit_broke_even_before_the_plan() -> None:
    books = monthly_books(14, sales=60_000_00, costs=1_000_00)
    start = plan_start(books, books.meeting_days[-1], overrides={"months": 24})
    result = simulate_cooperative(start.config, runs=20, seed=1, opening=start.opening)
    assert result.break_even().median == 0 and result.break_even().reached_share == 1.0
    assert result.to_dict()["summary"]["break_even_month"]["median"] == 0


def test_the_months_before_the_plan_are_the_books_own() -> None:
    books = monthly_books(20, sales=60_000_00, costs=1_000_00)
    on = books.meeting_days[-1]
    past = read_books(books, on).opening.past
    assert len(past) == 12
    year = measures(books, Period(add_months(on, -12), on))
    assert sum(m.income for m in past) == year.income and sum(m.costs for m in past) == year.costs
    assert past[-1].assets == year.cash_flow.closing + year.loans_outstanding
    young = monthly_books(3)
    assert len(read_books(young, young.meeting_days[-1]).opening.past) == 3  # the months the books have


def test_the_opening_keeps_its_months_through_a_saved_plan() -> None:
    books = monthly_books(5, sales=60_000_00)
    opening = read_books(books, books.meeting_days[-1]).opening
    assert OpeningBalances.from_dict(opening.to_dict()) == opening
    saved_before = {k: v for k, v in opening.to_dict().items() if k != "past"}
    assert OpeningBalances.from_dict(saved_before).past == ()


def test_running_costs_are_not_counted_twice() -> None:
    """The books' running costs are all of the group's running costs: the plan adds no cost per member
    on top (the Nepal file's NPR 20 a member a month, taken as ETB or GBP by other groups)."""
    books = monthly_books(13, costs=300_00)
    start = plan_start(books, books.meeting_days[-1], overrides={"months": 24})
    assert start.config.monthly_fixed_expenses == pytest.approx(300, abs=1)
    assert start.config.expense_per_member == 0 and "expense_per_member" in start.settings()


def test_the_social_fund_draws_are_the_books_own() -> None:
    books = monthly_books(13, payout=200_00)
    settings = plan_start(books, books.meeting_days[-1], overrides={"months": 24}).settings()
    assert settings["social_fund_grant"] == 200.0
    assert settings["social_fund_claim_rate"] == pytest.approx(3 / 12 / 10, abs=0.002)  # 3 a year, 10 members
    quiet = monthly_books(13)
    assert (
        plan_start(quiet, quiet.meeting_days[-1], overrides={"months": 24}).settings()[
            "social_fund_claim_rate"
        ]
        == 0.0
    )


def test_the_share_out_the_books_record_is_the_plans_dividend() -> None:
    books = monthly_books(13, sales=60_000_00)
    day = books.meeting_days[-1]
    books, _out = record_share_out(books, day)  # everything earned is shared out, a year after the start
    start = plan_start(books, day, overrides={"months": 24})
    assert start.settings()["cycle_months"] == 12 and start.config.cycle_months == 12
    assert start.config.dividend_payout_share == pytest.approx(1.0, abs=0.001)
    before = monthly_books(13, sales=60_000_00)  # no share-out yet: the books do not tell it
    assert "dividend_payout_share" not in plan_start(before, day, overrides={"months": 24}).settings()


def test_a_business_with_no_start_up_cost_has_nothing_to_earn_back() -> None:
    """A business already running in the books (or typed with no cost) has no payback month: the old
    plan said it "earns back its cost at month 2"."""
    books = monthly_books(13, sales=60_000_00)
    start = plan_start(books, books.meeting_days[-1], overrides={"months": 24})
    assert start.config.business.enabled and start.config.business.startup_cost == 0
    result = simulate_cooperative(start.config, runs=20, seed=1, opening=start.opening)
    assert result.payback() is None and result.to_dict()["summary"]["business_payback_month"] is None
    free = cooperative_config({"months": 48, "business": {"startup_cost": 0, "start_month": 12}})
    assert simulate_cooperative(free, runs=20, seed=1).payback() is None
    costly = cooperative_config({"months": 48, "business": {"startup_cost": 200_000, "start_month": 12}})
    assert simulate_cooperative(costly, runs=20, seed=1).payback() is not None
