"""UNDP 3x6: cash-for-work with compulsory savings, exit or pooling, a k x match and a joint business.

1. *Enrolment*: participants are enrolled and formed into groups.
2. *Cash-for-work*: each earns ``daily_wage x days_worked``; the compulsory ``savings_share`` is
   deposited with a microfinance institution (MFI).
3. *Choice*: each may leave with their savings (``exit_rate``); groups that fall below
   ``min_group_size`` dissolve and everyone in them leaves with their savings.
4. *Pooling and match*: each group pools its savings and, if the feasibility gate passes, receives
   ``match_ratio`` times the pooled savings (a grant, or a loan repaid from the business).
5. *Joint business*: revenue and fixed costs scale with the group's capital; it ramps up, varies,
   may close, and may expand into new markets (see :mod:`planner.business`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from planner.business import BusinessPaths, simulate_business
from planner.config import BusinessConfig, ThreeBySixConfig
from planner.exceptions import ParameterError
from planner.feasibility import FeasibilityVerdict, MarketEvidence, assess_feasibility
from planner.loans import loan_schedule
from planner.money import round_half_up

WINDOW = 12
#: largest futures x groups x months held in memory at once (about 40 bytes each)
MAX_CELLS = 20_000_000


@dataclass(frozen=True)
class Funding:
    """Money for one person and one group: savings, pooled savings, matched funds, total investment."""

    group_members: float
    pay_per_person: float
    savings_per_person: float
    pooled_savings_per_group: float
    pooled_savings_per_person: float
    matched_funds_per_group: float
    total_investment_per_group: float
    matched_funds_per_person: float
    total_investment_per_person: float

    def to_dict(self) -> dict[str, float]:
        """Plain JSON-ready form."""
        return {k: round(v, 2) for k, v in asdict(self).items()}


def savings_per_person(config: ThreeBySixConfig) -> float:
    """Compulsory savings of one participant after cash-for-work, with MFI interest, to the cent.

    Examples
    --------
    >>> from planner.parameters import threex6_config
    >>> savings_per_person(threex6_config())  # 2.40 x 66 days x 1/3
    52.8
    """
    pay = config.daily_wage * config.days_worked
    saved = pay * config.savings_share
    # deposits build up evenly, so on average they earn interest for half the cash-for-work months
    saved *= 1.0 + config.mfi_deposit_rate_annual * config.cash_for_work_months / 24.0
    return round_half_up(saved * 100) / 100


def funding(config: ThreeBySixConfig, members: float, *, matched: bool = True) -> Funding:
    """Per-person and per-group amounts for a group of ``members`` people.

    Examples
    --------
    >>> from planner.parameters import threex6_config
    >>> f = funding(threex6_config(), 10)
    >>> f.pooled_savings_per_group, f.matched_funds_per_group, f.total_investment_per_group
    (528.0, 1584.0, 2112.0)
    """
    saved = savings_per_person(config)
    pooled = saved * members
    match = config.match_ratio * pooled if matched else 0.0
    per = max(members, 1e-12)
    return Funding(
        group_members=float(members),
        pay_per_person=round(config.daily_wage * config.days_worked, 2),
        savings_per_person=saved,
        pooled_savings_per_group=round(pooled, 2),
        pooled_savings_per_person=saved if members else 0.0,
        matched_funds_per_group=round(match, 2),
        total_investment_per_group=round(pooled + match, 2),
        matched_funds_per_person=round(match / per, 2) if members else 0.0,
        total_investment_per_person=round((pooled + match) / per, 2) if members else 0.0,
    )


@dataclass(frozen=True)
class ThreeBySixPaths:
    """Every simulated group in every future.

    Arrays are shaped ``(runs, slots)`` or ``(months, runs, slots)``; a slot with 0 members is a group
    that was not formed in that future.
    """

    members: NDArray[np.int64]
    pooled: NDArray[Any]
    matched: NDArray[Any]
    business: BusinessPaths
    repayments: NDArray[np.float64]

    @property
    def funded(self) -> NDArray[np.bool_]:
        """Groups that stayed together and opened a business."""
        return self.members > 0

    @property
    def capital(self) -> NDArray[np.float64]:
        """Pooled savings plus matched funds per group."""
        return self.pooled + self.matched

    @property
    def net_cash_flow(self) -> NDArray[np.float64]:
        """Operating profit less loan repayments and expansion costs, by month."""
        b = self.business
        expansion = np.where(np.arange(b.investment.shape[0])[:, None, None] > 0, b.investment, 0.0)
        return b.operating_profit - self.repayments - expansion


def simulate_groups(
    config: ThreeBySixConfig, verdict: FeasibilityVerdict, runs: int, rng: np.random.Generator
) -> ThreeBySixPaths:
    """Simulate exits, pooling, matching and each group's business in every future (vectorised).

    Examples
    --------
    >>> from planner.parameters import threex6_config
    >>> cfg = threex6_config()
    >>> v = assess_feasibility(None, cfg)
    >>> p = simulate_groups(cfg, v, runs=20, rng=np.random.default_rng(0))
    >>> p.members.shape, p.business.revenue.shape
    ((20, 31), (60, 20, 31))
    """
    if runs < 1:
        raise ParameterError(f"runs must be at least 1, got {runs}")
    per_future = (config.participants // config.group_size + 1) * config.months
    if runs * per_future > MAX_CELLS:
        raise ParameterError(
            f"{runs} futures of {per_future} group-months is too large to hold in memory; "
            f"use at most {MAX_CELLS // per_future} futures"
        )
    members = form_groups(rng.binomial(config.participants, 1.0 - config.exit_rate, size=runs), config)
    shape = members.shape
    pooled = members * savings_per_person(config)
    matched = config.match_ratio * pooled if verdict.passed else np.zeros(shape)
    capital = pooled + matched
    biz_cfg = _with_growth(config, verdict.revenue_growth_annual)
    business = simulate_business(
        biz_cfg,
        config.months,
        rng,
        capital * config.revenue_per_capital_monthly,
        capital * config.fixed_costs_per_capital_monthly,
        capital,
    )
    repayments = np.zeros((config.months, *shape))
    if config.match_type == "loan" and verdict.passed:
        unit = loan_schedule(
            1.0,
            config.match_loan_rate_annual / 12.0,
            config.match_loan_term_months,
            grace_periods=config.match_loan_grace_months,
        ).payment
        n = min(unit.size, config.months)
        alive = business.alive[:n]
        repayments[:n] = unit[:n, None, None] * matched[None] * alive
    return ThreeBySixPaths(members, pooled, matched, business, repayments)


def form_groups(stayers: NDArray[np.int64], config: ThreeBySixConfig) -> NDArray[np.int64]:
    """Group sizes in each future after exits: full groups, then the remainder.

    A remainder of at least ``min_group_size`` forms its own group; a smaller one joins the full
    groups one by one; with no full group to join, they leave with their savings.

    Examples
    --------
    >>> from planner.parameters import threex6_config
    >>> cfg = threex6_config({"participants": 30, "group_size": 10, "min_group_size": 5})
    >>> form_groups(np.array([27, 23, 4]), cfg).tolist()
    [[10, 10, 7, 0], [12, 11, 0, 0], [0, 0, 0, 0]]
    """
    g, low = config.group_size, config.min_group_size
    slots = np.arange(config.participants // g + 1)[None, :]
    full, rem = (stayers // g)[:, None], (stayers % g)[:, None]
    spread = (full > 0) & (rem < low)
    per_group = np.where(spread, rem // np.maximum(full, 1), 0)
    one_more = np.where(spread, rem % np.maximum(full, 1), 0)
    sizes = np.where(slots < full, g + per_group + (slots < one_more), 0)
    sizes = sizes + np.where((rem >= low) & (slots == full), rem, 0)
    return sizes.astype(np.int64)


def _with_growth(config: ThreeBySixConfig, growth: float) -> BusinessConfig:
    return replace(config.business, revenue_growth_annual=growth, enabled=True)


def trailing_sum(values: NDArray[np.float64], window: int = WINDOW) -> NDArray[np.float64]:
    """Sum over the last ``window`` months (fewer at the start), along axis 0.

    Examples
    --------
    >>> trailing_sum(np.array([1.0, 2.0, 3.0, 4.0]), 2).tolist()
    [1.0, 3.0, 5.0, 7.0]
    """
    c = np.cumsum(values, axis=0)
    out = c.copy()
    out[window:] = c[window:] - c[:-window]
    return out


def expected_profit_per_member(config: ThreeBySixConfig) -> float:
    """Mature monthly operating profit per member of a full, matched group (for the pay comparison).

    Examples
    --------
    >>> from planner.parameters import threex6_config
    >>> round(expected_profit_per_member(threex6_config()), 2)  # 2,112 x (0.25 x 0.4 - 0.05) / 10
    10.56
    """
    capital = funding(config, config.group_size).total_investment_per_group
    revenue = capital * config.revenue_per_capital_monthly
    profit = (
        revenue * (1 - config.business.variable_cost_share) - capital * config.fixed_costs_per_capital_monthly
    )
    return profit / config.group_size


def gate(config: ThreeBySixConfig, evidence: MarketEvidence | None) -> FeasibilityVerdict:
    """Feasibility verdict for this programme, comparing expected profit with local pay.

    Examples
    --------
    >>> from planner.parameters import threex6_config
    >>> v = gate(threex6_config(), MarketEvidence(10, 4, median_monthly_pay=50.0))
    >>> v.passed, len(v.warnings)
    (True, 1)
    """
    return assess_feasibility(evidence, config, expected_profit_per_member=expected_profit_per_member(config))
