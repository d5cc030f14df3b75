"""Savings-group performance measures, computed month by month while the simulation runs.

Keeping only a 12-month window per future (instead of every month of every future) keeps 10,000
futures x 120 months fast and small. Definitions (see ``docs/planner.md`` for sources):

* return on savings: net income over the last 12 months / member savings now;
* annualised return on assets: net income over the last 12 months / average assets (cash + loans);
* loan fund utilisation: loans outstanding / (loans outstanding + cash available to lend);
* PAR30: loans with a payment more than 30 days late / all loans outstanding;
* write-off ratio: write-offs over the last 12 months / average loans outstanding;
* operational self-sufficiency (OSS): operating income / operating costs (incl. write-offs and
  interest paid on savings) over the last 12 months;
* dropout rate: members who left this month / members at the start of the month.

Before month 12 the window is the months so far, annualised. A plan that starts from the books counts
the books' months before it (``OpeningBalances.past``) in its window: its month 1 is judged over the
books' last 11 months and itself, and a group whose books already show an operating profit over their
last 12 months has broken even before the plan (break-even month 0).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from planner.money import MINOR_PER_MAJOR
from planner.montecarlo import PERCENTILES

if TYPE_CHECKING:
    from planner.cooperative import PastMonth

WINDOW = 12
SERIES = (
    "members",
    "member_savings",
    "retained_earnings",
    "social_fund",
    "loans_outstanding",
    "cash",
    "fund_balance",
    "return_on_savings",
    "annualised_roa",
    "loan_fund_utilisation",
    "par30",
    "write_off_ratio",
    "operational_self_sufficiency",
    "dropout_rate",
    "p_operating_profitable",
    "p_business_open",
    "business_revenue",
    "dividends",
)


def _ratio(num: NDArray[np.float64], den: NDArray[np.float64]) -> NDArray[np.float64]:
    out = np.full(num.shape, np.nan)
    np.divide(num, den, out=out, where=den > 0)
    return out


class MonthlyTracker:
    """Accumulates per-month averages over futures and per-future event months (internal)."""

    def __init__(self, runs: int, months: int, business_start: int | None) -> None:
        self.months = months
        self.business_start = business_start
        self.series = {name: np.full(months + 1, np.nan) for name in SERIES}
        self.fund_fan = np.full((len(PERCENTILES), months + 1), np.nan)
        self.window = {
            k: np.zeros((WINDOW, runs)) for k in ("income", "costs", "net", "wo", "assets", "loans")
        }
        self.sums = {k: np.zeros(runs) for k in self.window}
        self.break_even = np.full(runs, np.nan)
        self.payback = np.full(runs, np.nan)
        self.business_cumulative = np.zeros(runs)
        self.share_out: list[NDArray[np.float64]] = []
        self.cash_shortfall = np.zeros(runs, dtype=bool)
        #: months of the books before the plan counted in the 12-month window
        self.past_months = 0

    def opening(self, states: dict[str, NDArray[np.int64]], past: Sequence[PastMonth] = ()) -> None:
        """Record month 0 balances, and the books' months before the plan (oldest first) in the window."""
        self._balances(0, states)
        past = tuple(past)[-WINDOW:]
        self.past_months = len(past)
        for i, month in enumerate(past):
            slot = WINDOW - len(past) + i  # the oldest month leaves the window first
            seen = {
                "income": month.income,
                "costs": month.costs,
                "net": month.income - month.costs,
                "wo": month.written_off,
                "assets": month.assets,
                "loans": month.loans,
            }
            for key, cents in seen.items():
                self.window[key][slot] = cents / MINOR_PER_MAJOR
        self.sums = {k: w.sum(axis=0) for k, w in self.window.items()}
        if past and sum(m.income for m in past) > sum(m.costs for m in past):
            self.break_even[:] = 0

    def _balances(self, t: int, s: dict[str, NDArray[np.int64]]) -> NDArray[np.float64]:
        loans = (s["loans_current"] + s["loans_late"] + s["loans_par30"]) / MINOR_PER_MAJOR
        fund = s["cash"] / MINOR_PER_MAJOR + loans
        for name, value in (
            ("members", s["members"]),
            ("member_savings", s["savings"] / MINOR_PER_MAJOR),
            ("retained_earnings", s["retained"] / MINOR_PER_MAJOR),
            ("social_fund", s["social"] / MINOR_PER_MAJOR),
            ("loans_outstanding", loans),
            ("cash", s["cash"] / MINOR_PER_MAJOR),
            ("fund_balance", fund),
        ):
            self.series[name][t] = float(np.mean(value))
        self.fund_fan[:, t] = np.percentile(fund, PERCENTILES)
        return loans

    def _roll(self, t: int, key: str, value: NDArray[np.float64]) -> NDArray[np.float64]:
        slot = (t - 1) % WINDOW
        self.sums[key] += value - self.window[key][slot]
        self.window[key][slot] = value
        return self.sums[key]

    def record(
        self,
        t: int,
        s: dict[str, NDArray[np.int64]],
        f: dict[str, NDArray[np.int64]],
        members_before: NDArray,
    ) -> None:
        """Record month ``t`` (1-based) from end-of-month balances ``s`` and the month's flows ``f``."""
        loans = self._balances(t, s)
        cash = s["cash"] / MINOR_PER_MAJOR
        income = (f["interest"] + f["fees"] + f["business_revenue"]) / MINOR_PER_MAJOR
        costs = (
            f["expenses"] + f["write_offs"] + f["savings_interest"] + f["business_costs"]
        ) / MINOR_PER_MAJOR
        invest = f["investment"] / MINOR_PER_MAJOR
        span = min(t + self.past_months, WINDOW)
        inc12, cost12 = self._roll(t, "income", income), self._roll(t, "costs", costs)
        net12 = self._roll(t, "net", income - costs - invest)
        wo12 = self._roll(t, "wo", f["write_offs"] / MINOR_PER_MAJOR)
        assets12, loans12 = self._roll(t, "assets", cash + loans) / span, self._roll(t, "loans", loans) / span
        yearly = WINDOW / span
        lendable = np.maximum(s["cash"] - s["social"], 0) / MINOR_PER_MAJOR
        profitable = inc12 - cost12 > 0
        values = {
            "return_on_savings": _ratio(net12 * yearly, s["savings"] / MINOR_PER_MAJOR),
            "annualised_roa": _ratio(net12 * yearly, assets12),
            "loan_fund_utilisation": _ratio(loans, loans + lendable),
            "par30": _ratio(s["loans_par30"] / MINOR_PER_MAJOR, loans),
            "write_off_ratio": _ratio(wo12 * yearly, loans12),
            "operational_self_sufficiency": _ratio(inc12, cost12),
            "dropout_rate": _ratio(f["leavers"].astype(np.float64), members_before.astype(np.float64)),
        }
        for name, value in values.items():
            finite = value[~np.isnan(value)]
            self.series[name][t] = float(finite.mean()) if finite.size else np.nan
        self.series["p_operating_profitable"][t] = float(profitable.mean())
        self.series["p_business_open"][t] = float(np.mean(f["business_revenue"] > 0))
        self.series["business_revenue"][t] = float(np.mean(f["business_revenue"])) / MINOR_PER_MAJOR
        self.series["dividends"][t] = float(np.mean(f["dividends"])) / MINOR_PER_MAJOR
        self.break_even[np.isnan(self.break_even) & profitable] = t
        self._business(t, f)
        if f["share_out_per_member"].any():
            self.share_out.append(f["share_out_per_member"] / MINOR_PER_MAJOR)
        self.cash_shortfall |= s["cash"] < 0

    def _business(self, t: int, f: dict[str, NDArray[np.int64]]) -> None:
        if self.business_start is None or t <= self.business_start:
            return
        net = (f["business_revenue"] - f["business_costs"] - f["investment"]) / MINOR_PER_MAJOR
        self.business_cumulative += net
        if t > self.business_start + 1:
            self.payback[np.isnan(self.payback) & (self.business_cumulative >= 0)] = t
