"""Results a treasurer can read: the surprising figures explained, labels that follow the plan's length."""

from __future__ import annotations

from dataclasses import replace

import pytest

from planner.cooperative import simulate_cooperative
from planner.explain import (
    explain_operating_profit,
    explain_take_home,
    key_months,
    notices,
    paid_in_by_a_founder,
    share_words,
    when,
)
from planner.feasibility import MarketEvidence
from planner.montecarlo import Distribution
from planner.parameters import cooperative_config, threex6_config
from planner.threex6_results import simulate_threex6

# the Kathmandu plan: 11 members saving NPR 1,000 a month for ten years, no shop
NO_SHOP = {
    "months": 120,
    "initial_members": 11,
    "max_members": 22,
    "entry_share": 2000,
    "monthly_saving": 1000,
    "loan_interest_rate_annual": 0.12,
    "business": {"enabled": False},
}


@pytest.fixture(scope="module")
def no_shop():
    return simulate_cooperative(cooperative_config(NO_SHOP), runs=200, seed=1).outcome()


def test_zero_percent_profitable_while_the_fund_grows_is_explained(no_shop) -> None:
    assert no_shop.value("p_operating_profitable", 120) < 0.5
    assert (no_shop.fan.at(120, 50) or 0) > (no_shop.fan.at(0, 50) or 0)
    said = [str(m) for m in explain_operating_profit(no_shop)]
    assert said[0].startswith("Only ") and "yet the fund grows from NPR 22,000.00 to NPR " in said[0]
    assert "because members keep saving" in said[0]
    assert said[1].startswith("This plan has no business, so the group's only income is the interest")


def test_nothing_to_explain_when_most_futures_are_profitable(no_shop) -> None:
    series = dict(no_shop.series) | {"p_operating_profitable": (0.9,) * len(no_shop.months)}
    assert explain_operating_profit(replace(no_shop, series=series)) == ()


def test_take_home_against_paid_in(no_shop) -> None:
    config = cooperative_config(NO_SHOP)
    paid = paid_in_by_a_founder(config)
    assert paid == 2000 + 1000 * 120
    less = replace(no_shop, share_out_per_member=Distribution(1.0, 110456.0, 1.0, 1.0, 110456.0, 1.0, 1.0))
    said = str(explain_take_home(less, paid))
    assert said.startswith(
        "Each member takes home NPR 110,456.00 at the last share-out in the middle future, "
    )
    assert (
        "NPR 11,544.00 less than the NPR 122,000.00 a member there from the start paid in as savings" in said
    )
    assert "members who joined later saved less" in said
    more = replace(no_shop, share_out_per_member=Distribution(1.0, 1.0, 1.0, 1.0, 130000.0, 1.0, 1.0))
    assert "and a gain of NPR 8,000.00." in str(explain_take_home(more, paid))


@pytest.mark.parametrize(
    ("months", "fund", "profit"),
    [
        (
            120,
            "Fund or group cash by year 10: 19 in 20 futures above",
            "Chance of operating profit in year 6 (month 72)",
        ),
        (
            36,
            "Fund or group cash by year 3: 19 in 20 futures above",
            "Chance of operating profit in year 3 (month 36)",
        ),
        (
            18,
            "Fund or group cash by month 18: 19 in 20 futures above",
            "Chance of operating profit in year 2 (month 18)",
        ),
    ],
)
def test_labels_follow_the_plans_length(months: int, fund: str, profit: str) -> None:
    outcome = simulate_threex6(threex6_config({"months": months}), runs=5, seed=1).outcome()
    labels = key_months(outcome).labels()
    assert (str(labels["fund_low"]), str(labels["p_profit"])) == (fund, profit)


def test_percentages_at_a_sensible_precision() -> None:
    # the 3x6 form showed "share of pay saved 33.333"
    assert str(share_words(threex6_config().savings_share)) == "one third (33%)"
    french = {"one third (%(percent)s)": "un tiers (%(percent)s)"}
    assert share_words(1 / 3).text(lambda t: french.get(t, t), {"percent": lambda v: f"{v * 100:.0f} %"}) == (
        "un tiers (33 %)"
    )
    assert [str(share_words(v)) for v in (0.123, 0.0123, 0.999)] == ["12%", "1.2%", "more than 99%"]
    assert str(when(72)) == "by year 6"


def test_warnings_that_matter_come_first() -> None:
    failed = simulate_threex6(threex6_config(), MarketEvidence(1, 1, median_monthly_pay=1e6), runs=20, seed=1)
    found = notices(failed.outcome())
    assert found[0].level == "warning" and "fails the feasibility check" in str(found[0].message)
    risky = simulate_cooperative(
        cooperative_config({**NO_SHOP, "monthly_dropout_rate": 0.2}), runs=50, seed=1
    )
    levels = {n.level for n in notices(risky.outcome())}
    assert "warning" in levels
