"""Run a 3x6 programme over many simulated futures and summarise it (typed, JSON-ready)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from planner.config import ThreeBySixConfig
from planner.feasibility import FeasibilityVerdict, MarketEvidence
from planner.montecarlo import PERCENTILES, Distribution, distribution, first_month
from planner.results import json_list
from planner.threex6 import Funding, ThreeBySixPaths, funding, gate, simulate_groups, trailing_sum

if TYPE_CHECKING:
    from planner.outcomes import ThreeBySixOutcome


@dataclass(frozen=True)
class ThreeBySixResult:
    """What a 3x6 programme's simulated futures show.

    ``planned`` is the funding of a full group; ``realised`` the spread over the groups formed in
    the simulated futures by the participants who stayed. ``series`` (months 0..N) averages over funded
    groups: share operationally profitable over the last 12 months, share still open, revenue,
    operating profit and cumulative net cash per member. ``cash_fan`` holds percentiles of a group's
    cumulative net cash (operating profit less loan repayments and expansion costs).
    """

    config: ThreeBySixConfig
    runs: int
    seed: int | None
    evidence: MarketEvidence | None
    verdict: FeasibilityVerdict
    planned: Funding
    realised: dict[str, Distribution]
    groups_formed: Distribution
    people_exited: Distribution
    series: dict[str, NDArray[np.float64]]
    cash_fan: dict[str, NDArray[np.float64]]
    break_even_months: NDArray[np.float64]
    payback_total_months: NDArray[np.float64]
    payback_own_savings_months: NDArray[np.float64]
    profit_per_member: NDArray[np.float64]

    def summary(self) -> dict[str, Any]:
        """Headline figures for the programme."""
        last = self.config.months
        p = self.series["p_operating_profitable"]
        return {
            "feasibility": self.verdict.to_dict(),
            "planned_funding": self.planned.to_dict(),
            "realised_funding": {k: v.to_dict() for k, v in self.realised.items()},
            "planned_groups": self.config.n_groups,
            "groups_formed": self.groups_formed.to_dict(),
            "people_exited_with_savings": self.people_exited.to_dict(),
            "p_operating_profitable": {
                f"month_{m}": json_list(p[m : m + 1])[0] for m in (12, 24, 36, 48, 60, 72, 120) if m <= last
            },
            "break_even_month": distribution(self.break_even_months).to_dict(),
            "payback_total_investment_month": distribution(self.payback_total_months).to_dict(),
            "payback_own_savings_month": distribution(self.payback_own_savings_months).to_dict(),
            "cumulative_profit_per_member_at_end": distribution(self.profit_per_member).to_dict(),
        }

    def outcome(self) -> ThreeBySixOutcome:
        """The typed form of :meth:`to_dict` (what a saved plan reads back)."""
        from planner.outcomes import ThreeBySixOutcome

        return ThreeBySixOutcome.from_dict(self.to_dict())

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form: per-month series, cash fan chart and summary."""
        return {
            "model": "3x6",
            "kind": "3x6",
            "currency": self.config.currency,
            "runs": self.runs,
            "seed": self.seed,
            "groups": self.config.n_groups,
            "market_evidence": None if self.evidence is None else self.evidence.to_dict(),
            "months": list(range(self.config.months + 1)),
            "series": {k: json_list(v) for k, v in self.series.items()},
            "cash_fan": {k: json_list(v, 2) for k, v in self.cash_fan.items()},
            "summary": self.summary(),
        }


def simulate_threex6(
    config: ThreeBySixConfig,
    evidence: MarketEvidence | None = None,
    runs: int = 1000,
    seed: int | None = None,
) -> ThreeBySixResult:
    """Simulate a 3x6 programme: gate, exits, pooling, match and every group's business.

    Parameters
    ----------
    config : ThreeBySixConfig
        Settings (see :func:`planner.parameters.threex6_config`).
    evidence : MarketEvidence, optional
        Local market evidence for the feasibility gate; without it the gate is not applied.
    runs : int
        Number of simulated futures; each has ``config.n_groups`` groups.
    seed : int, optional
        Seed for ``numpy.random.default_rng``; the same seed gives the same result.

    Examples
    --------
    >>> from planner.parameters import threex6_config
    >>> res = simulate_threex6(threex6_config(), runs=200, seed=4)
    >>> res.planned.total_investment_per_group
    2112.0
    >>> res.groups_formed.median
    12.0
    """
    rng = np.random.default_rng(seed)
    verdict = gate(config, evidence)
    paths = simulate_groups(config, verdict, runs, rng)
    funded = paths.funded
    members = paths.members[funded].astype(np.float64)
    realised = {
        "group_members": distribution(members),
        "pooled_savings_per_group": distribution(paths.pooled[funded]),
        "pooled_savings_per_person": distribution(paths.pooled[funded] / np.maximum(members, 1)),
        "matched_funds_per_group": distribution(paths.matched[funded]),
        "total_investment_per_group": distribution(paths.capital[funded]),
        "matched_funds_per_person": distribution(paths.matched[funded] / np.maximum(members, 1)),
        "total_investment_per_person": distribution(paths.capital[funded] / np.maximum(members, 1)),
    }
    exited = config.participants - paths.members.sum(axis=1)
    extra = _outcomes(paths, funded)
    return ThreeBySixResult(
        config=config,
        runs=runs,
        seed=seed,
        evidence=evidence,
        verdict=verdict,
        planned=funding(config, config.group_size, matched=verdict.passed),
        realised=realised,
        groups_formed=distribution(funded.sum(axis=1).astype(np.float64)),
        people_exited=distribution(exited.astype(np.float64)),
        **extra,
    )


def _outcomes(paths: ThreeBySixPaths, funded: NDArray[np.bool_]) -> dict[str, Any]:
    b = paths.business
    months = b.revenue.shape[0]
    profit = b.operating_profit[:, funded]  # (months, funded groups)
    net = paths.net_cash_flow[:, funded]
    cumulative = np.cumsum(net, axis=0)
    members = paths.members[funded].astype(np.float64)
    profitable = trailing_sum(profit) > 0
    zero = np.zeros((1, profit.shape[1]))
    cum0 = np.concatenate([zero, cumulative])
    series = {
        "p_operating_profitable": _mean0(profitable),
        "p_open": _mean0(b.alive[:, funded]),
        "revenue": _mean0(b.revenue[:, funded]),
        "operating_profit": _mean0(profit),
        "cumulative_net_cash_per_member": _mean0(cumulative / np.maximum(members, 1)),
    }
    if cum0.shape[1]:
        pct = np.percentile(cum0, PERCENTILES, axis=1)
        fan = {f"p{q}": pct[i] for i, q in enumerate(PERCENTILES)}
    else:
        fan = {f"p{q}": np.full(months + 1, np.nan) for q in PERCENTILES}
    capital = paths.capital[funded]
    return {
        "series": series,
        "cash_fan": fan,
        "break_even_months": first_month(profitable),
        "payback_total_months": first_month(cumulative >= capital[None]),
        "payback_own_savings_months": first_month(cumulative >= paths.pooled[funded][None]),
        "profit_per_member": cumulative[-1] / np.maximum(members, 1) if members.size else np.array([]),
    }


def _mean0(values: NDArray[Any]) -> NDArray[np.float64]:
    """Mean over groups per month, with month 0 prepended as 0 (``nan`` when no group was funded)."""
    if values.shape[1] == 0:
        return np.full(values.shape[0] + 1, np.nan)
    return np.concatenate([[0.0], values.astype(np.float64).mean(axis=1)])
