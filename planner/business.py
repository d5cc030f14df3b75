"""A joint business's monthly cash flows over many simulated futures at once (numpy, vectorised).

Month by month after opening: revenue ramps up to its mature level, grows with the market, varies
randomly (log-normal noise with mean 1), and may stop for good (firm death, a monthly hazard from the
yearly rate). Costs are a share of revenue plus fixed costs. At ``expansion_month`` of its life, a
business that has earned back the expansion cost from its profits pays it and raises revenue by
``expansion_revenue_uplift`` (market expansion).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from planner.config import BusinessConfig


@dataclass(frozen=True)
class BusinessPaths:
    """Monthly flows, shape ``(months, *paths_shape)``; row ``t`` is plan month ``t + 1``."""

    revenue: NDArray[np.float64]
    variable_costs: NDArray[np.float64]
    fixed_costs: NDArray[np.float64]
    investment: NDArray[np.float64]
    alive: NDArray[np.bool_]

    @property
    def operating_profit(self) -> NDArray[np.float64]:
        """Revenue less variable and fixed costs (investment excluded)."""
        return self.revenue - self.variable_costs - self.fixed_costs


def growth_factors(cfg: BusinessConfig, max_age: int) -> list[float]:
    """Ramp-up times market growth for business ages 1..``max_age`` (plain floats, deterministic).

    Examples
    --------
    >>> cfg = BusinessConfig(ramp_up_months=2, revenue_growth_annual=0.0)
    >>> growth_factors(cfg, 3)
    [0.5, 1.0, 1.0]
    """
    out = []
    for age in range(1, max_age + 1):
        ramp = min(age / cfg.ramp_up_months, 1.0) if cfg.ramp_up_months > 0 else 1.0
        out.append(ramp * (1.0 + cfg.revenue_growth_annual) ** (age / 12.0))
    return out


def simulate_business(
    cfg: BusinessConfig,
    months: int,
    rng: np.random.Generator,
    revenue_level: NDArray[np.float64],
    fixed_level: NDArray[np.float64],
    capital: NDArray[np.float64],
    *,
    start_month: int = 0,
) -> BusinessPaths:
    """Simulate the business on every path; level arrays give each path's own scale.

    Parameters
    ----------
    cfg : BusinessConfig
        Shape of the business (ramp-up, cost share, volatility, growth, failure, expansion).
    months : int
        Plan length; the business opens in month ``start_month + 1``.
    rng : numpy.random.Generator
        Source of randomness (draws are made in a fixed order, so a seed reproduces a run).
    revenue_level, fixed_level, capital : ndarray
        Mature monthly revenue, fixed monthly costs and the capital invested at opening, one per path
        (any shape; all three the same shape). Capital is paid as investment in the opening month.

    Examples
    --------
    >>> cfg = BusinessConfig(enabled=True, ramp_up_months=0, revenue_volatility=0.0,
    ...                      annual_failure_rate=0.0, variable_cost_share=0.5)
    >>> b = simulate_business(cfg, 3, np.random.default_rng(0), np.array([100.0]),
    ...                       np.array([10.0]), np.array([500.0]), start_month=1)
    >>> b.operating_profit[:, 0].tolist(), b.investment[:, 0].tolist()
    ([0.0, 40.0, 40.0], [0.0, 500.0, 0.0])
    """
    shape = revenue_level.shape
    out = {k: np.zeros((months, *shape)) for k in ("revenue", "variable", "fixed", "investment")}
    alive_out = np.zeros((months, *shape), dtype=bool)
    alive = np.ones(shape, dtype=bool)
    multiplier = np.ones(shape)
    cumulative = np.zeros(shape)
    factors = growth_factors(cfg, max(months - start_month, 1))
    hazard = cfg.monthly_failure_hazard
    sigma = cfg.revenue_volatility
    for t in range(start_month, months):
        age = t - start_month + 1
        if age == 1:
            out["investment"][t] = capital
        elif hazard > 0:
            alive &= rng.random(shape) >= hazard
        noise = np.exp(sigma * rng.standard_normal(shape) - 0.5 * sigma * sigma) if sigma > 0 else 1.0
        if cfg.expansion_month and age == cfg.expansion_month:
            cost = cfg.expansion_cost_share * capital
            expand = alive & (cumulative >= cost)
            out["investment"][t] = np.where(expand, cost, 0.0)
            multiplier = np.where(expand, multiplier * (1.0 + cfg.expansion_revenue_uplift), multiplier)
        revenue = np.where(alive, revenue_level * factors[age - 1] * multiplier * noise, 0.0)
        out["revenue"][t] = revenue
        out["variable"][t] = cfg.variable_cost_share * revenue
        out["fixed"][t] = np.where(alive, fixed_level, 0.0)
        alive_out[t] = alive
        cumulative += revenue - out["variable"][t] - out["fixed"][t] - out["investment"][t] * (age > 1)
    return BusinessPaths(out["revenue"], out["variable"], out["fixed"], out["investment"], alive_out)
