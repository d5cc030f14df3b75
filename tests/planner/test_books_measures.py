"""Every measure of the worked example (tests/planner/conftest.py) against a hand computation.

The hand computation below works from the example's description alone: week-by-week totals with plain
integer arithmetic, no replay, no repayment schedule. Amounts are paisa.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from planner.books.measures import Period, cash_flow, cash_flow_by_month, cycle_period, measures
from planner.books.shareout import record_share_out, share_out
from planner.books.statements import group_balances, passbook, passbooks

from .conftest import (
    FINE,
    INSTALMENT_INTEREST,
    INSTALMENT_PRINCIPAL,
    LATE_LOAN,
    LOAN,
    LOAN_WEEKS,
    SALES,
    SAVING,
    SHOP_COSTS,
    SHOP_FROM,
    SOCIAL,
    START,
    WEEKS,
    WRITTEN_OFF_LOAN,
    absentees,
    build_worked_example,
    repaid_instalments,
)

N = 25
PERIOD = Period(START - dt.timedelta(weeks=1), START + dt.timedelta(weeks=51))


def loan_ids() -> list[tuple[str, int]]:
    return [(f"L{w}-{j}", w) for w in LOAN_WEEKS for j in range(1, 6)]


def outstanding_after(k: int) -> int:
    """Loan principal out at the end of week k, by hand."""
    total = 0
    for loan_id, w in loan_ids():
        if k < w:
            continue
        paid = min(k - w, repaid_instalments(loan_id, w))
        written = 60000 if loan_id == WRITTEN_OFF_LOAN and k >= 48 else 0
        total += LOAN - paid * INSTALMENT_PRINCIPAL - written
    return total


def income_through(k: int) -> tuple[int, int]:
    """(income, costs) of weeks 0..k, by hand."""
    interest = sum(
        INSTALMENT_INTEREST * max(0, min(k - w, repaid_instalments(loan_id, w)))
        for loan_id, w in loan_ids()
        if k > w
    )
    fines = 3 * FINE * len([w for w in range(0, k + 1) if w % 4 == 0])
    shop_weeks = max(0, k - SHOP_FROM + 1)
    income = interest + fines + (15000 if k >= 26 else 0) + SALES * shop_weeks
    costs = 35000 * (k >= 1) + 12000 * (k >= 30) + SHOP_COSTS * shop_weeks + 60000 * (k >= 48)
    return income, costs


def assets_after(k: int) -> int:
    """Cash box + loans = savings + social fund + retained earnings, at the end of week k."""
    income, costs = income_through(k)
    return N * SAVING * (k + 1) + N * SOCIAL * (k + 1) - 50000 * (k >= 20) + income - costs


HAND = {
    "savings": N * SAVING * WEEKS,
    "social": N * SOCIAL * WEEKS - 50000,
    "loans": outstanding_after(51),
    "at_risk": LOAN,
    "income": income_through(51)[0],
    "costs": income_through(51)[1],
}
HAND["net"] = HAND["income"] - HAND["costs"]
HAND["assets"] = assets_after(51)
HAND["cash"] = HAND["assets"] - HAND["loans"]
HAND["loan_fund"] = HAND["cash"] - HAND["social"]
AVERAGE_ASSETS = Fraction(sum(assets_after(k) for k in range(WEEKS)), WEEKS)
AVERAGE_LOANS = Fraction(sum(outstanding_after(k) for k in range(WEEKS)), WEEKS)
YEAR = Fraction(365, 364)
PRESENT = sum(N - len(absentees(k)) for k in range(WEEKS))


def test_the_hand_figures_are_what_the_example_says() -> None:
    # read straight off the description: 26 weeks with one absent and 26 with two
    assert PRESENT == 1300 - 26 - 52 == 1222
    assert HAND["loans"] == 120000 + 5 * 30000
    # interest: 53 loans repaid in full (4 x 15), one twice, five three times; in paisa
    assert income_through(51)[0] == (53 * 6000 + 3000 + 5 * 4500) + 13 * 3 * FINE + 15000 + 39 * SALES


def test_balances_at_the_end_of_the_cycle(worked_example) -> None:
    b = group_balances(worked_example.books, worked_example.end)
    assert (b.members, b.member_savings, b.social_fund, b.loans_outstanding) == (
        25,
        HAND["savings"],
        HAND["social"],
        HAND["loans"],
    )
    assert (b.cash_box, b.loan_fund, b.retained_earnings) == (HAND["cash"], HAND["loan_fund"], HAND["net"])
    assert b.balanced


def test_every_measure_equals_the_hand_computation(worked_example) -> None:
    m = measures(worked_example.books, PERIOD)
    assert PERIOD.days == 364
    assert (m.income, m.costs, m.net_income, m.written_off) == (
        HAND["income"],
        HAND["costs"],
        HAND["net"],
        60000,
    )
    assert m.return_on_savings == float(Fraction(HAND["net"], HAND["savings"]))
    assert m.annualised_return_on_savings == float(HAND["net"] * YEAR / HAND["savings"])
    assert m.annualised_return_on_assets == float(HAND["net"] * YEAR / AVERAGE_ASSETS)
    assert m.loan_fund_utilisation == float(Fraction(HAND["loans"], HAND["loans"] + HAND["loan_fund"]))
    assert m.par30 == float(Fraction(HAND["at_risk"], HAND["loans"]))
    assert m.write_off_ratio == float(60000 * YEAR / AVERAGE_LOANS)
    assert m.operational_self_sufficiency == float(Fraction(HAND["income"], HAND["costs"]))
    assert m.attendance == float(Fraction(PRESENT, N * WEEKS))
    assert m.savings_per_member == HAND["savings"] / N
    assert m.average_assets == float(AVERAGE_ASSETS)
    assert m.average_loans == float(AVERAGE_LOANS)


def test_the_cash_flow_adds_up(worked_example) -> None:
    flow = cash_flow(worked_example.books, PERIOD)
    assert flow.opening == 0 and flow.closing == HAND["cash"]
    assert flow.inflows["savings"] == HAND["savings"]
    assert (
        flow.inflows["loan_interest"]
        + flow.inflows["fines"]
        + flow.inflows["other_income"]
        + flow.inflows["business_sales"]
        == HAND["income"]
    )
    assert flow.outflows["loans_disbursed"] == 60 * LOAN
    assert flow.opening + flow.net == flow.closing
    months = cash_flow_by_month(worked_example.books, START, worked_example.end)
    assert [m.start.month for m in months][:2] == [12, 1] and len(months) == 12
    assert sum(m.net for m in months) == HAND["cash"]
    assert all(a.closing == b.opening for a, b in zip(months, months[1:], strict=False))


def test_the_default_period_is_the_cycle_so_far(worked_example) -> None:
    period = cycle_period(worked_example.books, worked_example.end)
    assert period == Period(START - dt.timedelta(days=1), worked_example.end)
    assert measures(worked_example.books, on=worked_example.end).net_income == HAND["net"]


def test_passbooks_show_savings_loans_and_arrears(worked_example) -> None:
    end = worked_example.end
    late = passbook(worked_example.books, "m01", end)  # L44-1 is m01's: round 10 starts at m01
    loan = next(x for x in late.loans if x.loan_id == LATE_LOAN)
    assert late.savings == SAVING * WEEKS and late.shares == 2 * WEEKS
    assert (loan.outstanding, loan.arrears, loan.days_late) == (
        LOAN,
        4 * (INSTALMENT_PRINCIPAL + INSTALMENT_INTEREST),
        42,
    )
    on_time = next(
        b for b in passbooks(worked_example.books, end) if any(x.loan_id == "L48-2" for x in b.loans)
    )
    assert on_time.arrears == 0
    assert on_time.next_repayment == (
        START + dt.timedelta(weeks=52),
        INSTALMENT_PRINCIPAL + INSTALMENT_INTEREST,
    )


def test_share_out_by_shares_held_pays_every_paisa(worked_example) -> None:
    books, out = record_share_out(worked_example.books, worked_example.end)
    # equal shares, so each member gets their savings back and a 25th of the earnings
    assert {p.earnings for p in out.payouts} == {HAND["net"] // N} and HAND["net"] % N == 0
    assert out.unaccounted == 0 and out.left_over == 0 and out.social_carried == HAND["social"]
    m01 = next(p for p in out.payouts if p.member == "m01")
    assert m01.loan_kept_back == LOAN and m01.handed == SAVING * WEEKS + HAND["net"] // N - LOAN
    after = group_balances(books, worked_example.end)
    assert (after.cash_box, after.member_savings, after.loans_outstanding) == (HAND["social"], 0, 0)
    handed = sum(p.handed for p in out.payouts)
    assert handed == HAND["cash"] - HAND["social"]


def test_share_out_by_share_value_keeps_the_rounding_for_the_next_cycle() -> None:
    example = build_worked_example("share_value")
    out = share_out(example.books, example.end)
    equity = HAND["savings"] + HAND["net"]
    assert out.share_value == equity // (2 * WEEKS * N)
    assert out.left_over == equity - N * 2 * WEEKS * out.share_value
    assert out.unaccounted == 0


@pytest.mark.parametrize("method", ["shares_held", "share_value", "equal_gain"])
def test_measures_are_the_same_whatever_the_share_out_method(method: str) -> None:
    example = build_worked_example(method)
    assert measures(example.books, PERIOD).net_income == HAND["net"]
