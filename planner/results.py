"""Typed, immutable results of the cooperative simulation, with a JSON-ready form."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from planner.config import CooperativeConfig
from planner.montecarlo import PERCENTILES, Distribution, distribution

if TYPE_CHECKING:
    from planner.coop_metrics import MonthlyTracker
    from planner.cooperative import CooperativeRun, OpeningBalances
    from planner.outcomes import CooperativeOutcome

#: months at which the summary reports the chance of being operationally profitable
CHECKPOINTS = (12, 24, 36, 48, 60, 72, 84, 96, 108, 120)


def _has_cost(config: CooperativeConfig, tracker: MonthlyTracker) -> bool:
    """Whether the plan's business has a cost to earn back (a start-up cost; expansion is a share of it).

    A business already running in the books, or one typed with no start-up cost, has none: its
    "payback month" would be a month in which it earned back nothing.
    """
    return tracker.business_start is not None and config.business.startup_cost > 0


def json_list(values: NDArray[Any], digits: int = 4) -> list[float | None]:
    """Array to a JSON list, ``nan`` as ``None``, rounded.

    Examples
    --------
    >>> json_list(np.array([1.23456, np.nan]), 2)
    [1.23, None]
    """
    return [None if not math.isfinite(float(v)) else round(float(v), digits) for v in values]


@dataclass(frozen=True)
class CooperativeResult:
    """What the cooperative's simulated futures show.

    ``series`` holds, for months 0..N, the average over futures of balances (members, member savings,
    retained earnings, social fund, loans, cash, fund balance) and of the savings-group measures, and
    the share of futures operationally profitable (``p_operating_profitable``). ``fund_fan`` holds
    percentiles of the fund balance (cash + loans) by month. Event months are ``nan`` where a future
    never reached the event.
    """

    config: CooperativeConfig
    runs: int
    seed: int | None
    series: dict[str, NDArray[np.float64]]
    fund_fan: dict[str, NDArray[np.float64]]
    break_even_months: NDArray[np.float64]
    payback_months: NDArray[np.float64] | None
    share_out_per_member: NDArray[np.float64] | None
    cash_shortfall_share: float
    paths: CooperativeRun | None = None
    opening: OpeningBalances | None = None

    @classmethod
    def from_tracker(
        cls,
        config: CooperativeConfig,
        runs: int,
        seed: int | None,
        tracker: MonthlyTracker,
        paths: CooperativeRun | None,
        opening: OpeningBalances | None = None,
    ) -> CooperativeResult:
        """Assemble the result from the month-by-month tracker (internal)."""
        return cls(
            config=config,
            runs=runs,
            seed=seed,
            series=tracker.series,
            fund_fan={f"p{q}": tracker.fund_fan[i] for i, q in enumerate(PERCENTILES)},
            break_even_months=tracker.break_even,
            payback_months=tracker.payback if _has_cost(config, tracker) else None,
            share_out_per_member=tracker.share_out[-1] if tracker.share_out else None,
            cash_shortfall_share=float(tracker.cash_shortfall.mean()),
            paths=paths,
            opening=opening,
        )

    @property
    def months(self) -> NDArray[np.int64]:
        """Month numbers 0..N matching ``series``."""
        return np.arange(self.config.months + 1)

    def p_profitable_at(self, month: int) -> float:
        """Share of futures operationally profitable (last 12 months) at ``month``."""
        return float(self.series["p_operating_profitable"][month])

    def break_even(self) -> Distribution:
        """When futures first become operationally profitable over the last 12 months."""
        return distribution(self.break_even_months)

    def payback(self) -> Distribution | None:
        """When the joint business has earned back its start-up (and expansion) cost.

        ``None`` without a business, or when it has no start-up cost to earn back.
        """
        return None if self.payback_months is None else distribution(self.payback_months)

    def share_out(self) -> Distribution | None:
        """Per-member share-out (savings plus dividend) at the last cycle end."""
        return None if self.share_out_per_member is None else distribution(self.share_out_per_member)

    def summary(self) -> dict[str, Any]:
        """Headline figures: profitability by year, break-even, payback, share-out, final measures."""
        last = self.config.months
        payback, share = self.payback(), self.share_out()
        return {
            "p_operating_profitable": {
                f"month_{m}": round(self.p_profitable_at(m), 4) for m in CHECKPOINTS if m <= last
            },
            "break_even_month": self.break_even().to_dict(),
            "business_payback_month": None if payback is None else payback.to_dict(),
            "share_out_per_member": None if share is None else share.to_dict(),
            "final_fund_balance": {k: round(float(v[-1]), 2) for k, v in self.fund_fan.items()},
            "cash_shortfall_share": round(self.cash_shortfall_share, 4),
            "final": {k: json_list(v[-1:], 4)[0] for k, v in self.series.items()},
        }

    def outcome(self) -> CooperativeOutcome:
        """The typed form of :meth:`to_dict` (what a saved plan reads back)."""
        from planner.outcomes import CooperativeOutcome

        return CooperativeOutcome.from_dict(self.to_dict())

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form: per-month series, fund fan chart and summary (and the opening books).

        The same form :class:`planner.outcomes.CooperativeOutcome` reads and writes.
        """
        out = {
            "model": "cooperative",
            "kind": "cooperative",
            "currency": self.config.currency,
            "runs": self.runs,
            "seed": self.seed,
            "months": self.months.tolist(),
            "series": {k: json_list(v) for k, v in self.series.items()},
            "fund_fan": {k: json_list(v, 2) for k, v in self.fund_fan.items()},
            "summary": self.summary(),
        }
        if self.opening is not None:
            out["opening"] = self.opening.to_dict()
        return out
