"""Loan-cost comparison across lenders, using the packaged Nepal rates."""

from __future__ import annotations

import pytest

from planner.comparison import LenderOffer, compare_lenders, lender_offers
from planner.exceptions import ParameterError


def test_every_offer_has_a_source() -> None:
    offers = lender_offers()
    assert {o.key for o in offers} == {"bank", "cooperative", "mfi", "moneylender"}
    assert all(o.source.strip() for o in offers)


def test_moneylender_costs_most_and_rows_are_sorted() -> None:
    rows = compare_lenders(20000, 12)
    costs = [r.total_cost for r in rows]
    assert costs == sorted(costs)
    assert rows[-1].key == "moneylender"
    assert rows[0].extra_cost_vs_cheapest == 0.0
    assert rows[-1].apr > 0.6  # 3% a month flat is over 60% a year in truth


def test_cooperative_true_rate_includes_its_fee() -> None:
    coop = next(r for r in compare_lenders(20000, 12) if r.key == "cooperative")
    assert coop.apr > coop.stated_annual_rate
    assert coop.apr == pytest.approx(0.1667, abs=1e-3)


def test_custom_offers_and_weekly() -> None:
    offers = (
        LenderOffer("a", "A", 0.12, "declining", 0.0, "test"),
        LenderOffer("b", "B", 0.12, "flat", 0.0, "test"),
    )
    rows = compare_lenders(1000, 6, offers, frequency="weekly")
    assert [r.key for r in rows] == ["a", "b"]
    assert rows[0].apr == pytest.approx(0.12, abs=1e-9)


def test_unknown_frequency() -> None:
    with pytest.raises(ParameterError, match="frequency"):
        compare_lenders(1000, 6, frequency="daily")
