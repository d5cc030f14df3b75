"""The cooperative's books in plain Python, one future and one month at a time.

A deliberately simple twin of :func:`planner.cooperative.simulate_cooperative`, used two ways: the
benchmark times it against the vectorised version, and the tests check that, when nothing is random,
both produce the same books to the cent. It draws its randomness from :mod:`random`, so with
randomness switched on the two agree in distribution, not future by future.
"""

from __future__ import annotations

import math
import random

from planner.business import growth_factors
from planner.config import CooperativeConfig
from planner.cooperative import STATE_NAMES, set_aside_for_business
from planner.money import MINOR_PER_MAJOR, round_half_up, to_minor


def _binomial(rnd: random.Random, n: int, p: float) -> int:
    return sum(1 for _ in range(n) if rnd.random() < p)


def _poisson(rnd: random.Random, lam: float) -> int:
    limit, k, prod = math.exp(-lam), 0, rnd.random()
    while prod >= limit and lam > 0:
        k += 1
        prod *= rnd.random()
    return k


def _business_month(
    cfg: CooperativeConfig, rnd: random.Random, t: int, st: dict[str, float], factors: list[float]
) -> tuple[int, int, int]:
    """Revenue, costs and investment (cents) of the joint business in month index ``t``."""
    b = cfg.business
    if not b.enabled or t < b.start_month:
        return 0, 0, 0
    age = t - b.start_month + 1
    investment = 0.0
    if age == 1:
        investment = float(b.startup_cost)
    elif b.monthly_failure_hazard > 0 and rnd.random() < b.monthly_failure_hazard:
        st["alive"] = 0.0
    sigma = b.revenue_volatility
    noise = math.exp(sigma * rnd.gauss(0.0, 1.0) - 0.5 * sigma * sigma) if sigma > 0 else 1.0
    if b.expansion_month and age == b.expansion_month:
        cost = b.expansion_cost_share * float(b.startup_cost)
        if st["alive"] and st["cumulative"] >= cost:
            investment = cost
            st["multiplier"] = st["multiplier"] * (1.0 + b.expansion_revenue_uplift)
    alive = st["alive"] > 0
    revenue = float(b.monthly_revenue) * factors[age - 1] * st["multiplier"] * noise if alive else 0.0
    variable = b.variable_cost_share * revenue
    fixed = float(b.fixed_costs_monthly) if alive else 0.0
    st["cumulative"] += revenue - variable - fixed - (investment if age > 1 else 0.0)
    return (
        round_half_up(revenue * MINOR_PER_MAJOR),
        round_half_up((variable + fixed) * MINOR_PER_MAJOR),
        round_half_up(investment * MINOR_PER_MAJOR),
    )


def _month(
    cfg: CooperativeConfig,
    rnd: random.Random,
    t: int,
    s: dict[str, int],
    st: dict[str, float],
    factors: list[float],
) -> None:
    """Advance one future's books ``s`` by one month (same order and rounding as the vectorised code)."""
    c = to_minor
    # members join and leave; leavers take their savings
    joiners = min(_poisson(rnd, cfg.joins_per_month), cfg.max_members - s["members"])
    leavers = _binomial(rnd, s["members"], cfg.monthly_dropout_rate)
    per_member = s["savings"] // s["members"] if s["members"] > 0 else 0
    paid = min(leavers * per_member, max(s["cash"] - s["social"], 0))
    s["cash"] -= paid
    s["savings"] -= paid
    s["cash"] += joiners * c(cfg.entry_share)
    s["savings"] += joiners * c(cfg.entry_share)
    s["members"] += joiners - leavers
    # saving and the social fund
    deposits, social_in = s["members"] * c(cfg.monthly_saving), s["members"] * c(cfg.social_fund_contribution)
    s["cash"] += deposits + social_in
    s["savings"] += deposits
    s["social"] += social_in
    claims = min(
        _binomial(rnd, s["members"], cfg.social_fund_claim_rate) * c(cfg.social_fund_grant), s["social"]
    )
    s["cash"] -= claims
    s["social"] -= claims
    _portfolio(cfg, rnd, s)
    revenue, costs, investment = _business_month(cfg, rnd, t, st, factors)
    s["cash"] += revenue - costs - investment
    s["retained"] += revenue - costs - investment
    expenses = c(cfg.monthly_fixed_expenses) + s["members"] * c(cfg.expense_per_member)
    s["cash"] -= expenses
    s["retained"] -= expenses
    credited = round_half_up(s["savings"] * (cfg.savings_interest_rate_annual / 12.0))
    s["savings"] += credited
    s["retained"] -= credited
    _lend(cfg, rnd, s, t + 1)
    _dividend(cfg, s, t + 1)


def _portfolio(cfg: CooperativeConfig, rnd: random.Random, s: dict[str, int]) -> None:
    sigma = cfg.risk_volatility
    risk = math.exp(sigma * rnd.gauss(0.0, 1.0) - 0.5 * sigma * sigma) if sigma > 0 else 1.0
    late_share = min(cfg.late_rate * risk, 1.0)
    wo_share = min(cfg.write_off_rate_par30 * risk, 1.0 - cfg.recovery_rate_par30)
    recovered = round_half_up(s["loans_par30"] * cfg.recovery_rate_par30)
    written_off = min(round_half_up(s["loans_par30"] * wo_share), s["loans_par30"] - recovered)
    s["loans_par30"] -= recovered + written_off
    s["retained"] -= written_off
    cured = round_half_up(s["loans_late"] * cfg.cure_rate)
    s["loans_par30"] += s["loans_late"] - cured
    s["loans_current"] += recovered + cured
    s["loans_late"] = round_half_up(s["loans_current"] * late_share)
    s["loans_current"] -= s["loans_late"]
    interest = round_half_up(s["loans_current"] * (cfg.loan_interest_rate_annual / 12.0))
    principal = min(round_half_up(s["loans_current"] / cfg.loan_term_months), s["loans_current"])
    s["loans_current"] -= principal
    s["cash"] += principal + interest
    s["retained"] += interest


def _lend(cfg: CooperativeConfig, rnd: random.Random, s: dict[str, int], month: int) -> None:
    saving_up = set_aside_for_business(cfg, month)
    requests = _binomial(rnd, s["members"], cfg.borrowing_rate)
    per_member = s["savings"] // max(s["members"], 1)
    cap_each = min(
        to_minor(cfg.average_loan_request), round_half_up(per_member * cfg.loan_multiple_of_savings)
    )
    reserve = round_half_up(s["savings"] * cfg.liquidity_reserve_share)
    lendable = max(s["cash"] - s["social"] - reserve - saving_up, 0)
    disbursed = min(requests * max(cap_each, 0), lendable)
    fees = round_half_up(disbursed * cfg.loan_fee_rate)
    s["cash"] += fees - disbursed
    s["loans_current"] += disbursed
    s["retained"] += fees


def _dividend(cfg: CooperativeConfig, s: dict[str, int], month: int) -> None:
    if month % cfg.cycle_months:
        return
    pot = min(math.floor(max(s["retained"], 0) * cfg.dividend_payout_share), max(s["cash"] - s["social"], 0))
    per_member = pot // max(s["members"], 1) if s["members"] > 0 else 0
    s["cash"] -= per_member * s["members"]
    s["retained"] -= per_member * s["members"]


def simulate_cooperative_loop(
    config: CooperativeConfig, runs: int, seed: int | None = None
) -> dict[str, list[list[int]]]:
    """Books of ``runs`` futures, month by month, as ``{state: [[month 0..N] per future]}`` in cents.

    Examples
    --------
    >>> from planner.parameters import cooperative_config
    >>> books = simulate_cooperative_loop(cooperative_config({"months": 48}), runs=2, seed=3)
    >>> len(books["cash"]), len(books["cash"][0])
    (2, 49)
    """
    rnd = random.Random(seed)  # nosec B311: a seeded simulation, not a secret
    cfg = config
    out: dict[str, list[list[int]]] = {name: [] for name in STATE_NAMES}
    factors = growth_factors(cfg.business, max(cfg.months - cfg.business.start_month, 1))
    for _ in range(runs):
        s = dict.fromkeys(STATE_NAMES, 0)
        s["members"] = cfg.initial_members
        s["savings"] = s["cash"] = cfg.initial_members * to_minor(cfg.entry_share)
        st = {"alive": 1.0, "multiplier": 1.0, "cumulative": 0.0}
        history = {name: [s[name]] for name in STATE_NAMES}
        for t in range(cfg.months):
            _month(cfg, rnd, t, s, st, factors)
            for name in STATE_NAMES:
                history[name].append(s[name])
        for name in STATE_NAMES:
            out[name].append(history[name])
    return out
