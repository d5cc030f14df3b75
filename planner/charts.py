"""Charts of planner results as PNG bytes (matplotlib's Agg backend, no pyplot global state).

The fan panels are :func:`planner.fan_chart.draw_fan`, the one fan chart (meant for the web and the printable
plan too).

* Cooperative: fan chart of the fund balance, chance of operating profitability by month,
  break-even and payback months, share-out per member.
* 3x6: fan chart of a group's cumulative net cash, chance of profitability and of still being
  open, payback months, money per person.
* Loans: what the same loan costs from each lender.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from numpy.typing import NDArray

from planner.comparison import LoanCost
from planner.fan_chart import BLUE, GREEN, ORANGE, SHARE_LIMITS, draw_fan
from planner.results import CooperativeResult
from planner.threex6_results import ThreeBySixResult

__all__ = [
    "BLUE",
    "GREEN",
    "ORANGE",
    "cooperative_figure",
    "loan_comparison_figure",
    "render_png",
    "threex6_figure",
    "to_png",
]


def to_png(fig: Figure, dpi: int = 110) -> bytes:
    """Render a figure to PNG bytes.

    Examples
    --------
    >>> fig = Figure(figsize=(2, 2))
    >>> to_png(fig)[1:4]
    b'PNG'
    """
    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def _hist(
    ax: Axes,
    series: Sequence[tuple[str, NDArray[np.float64], str]],
    title: str,
    xlabel: str,
    ylabel: str = "simulated futures",
) -> None:
    drawn = False
    for label, values, colour in series:
        ok = values[~np.isnan(values)]
        if ok.size:
            share = ok.size / max(values.size, 1)
            ax.hist(ok, bins=30, alpha=0.6, color=colour, label=f"{label} ({share:.0%} reach it)")
            drawn = True
    if not drawn:
        ax.text(0.5, 0.5, "not reached in any simulated future", ha="center", transform=ax.transAxes)
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    if drawn:
        ax.legend(fontsize=8)


def cooperative_figure(result: CooperativeResult) -> Figure:
    """Four panels for a cooperative simulation."""
    fig = Figure(figsize=(11, 8), layout="constrained")
    (a, b), (c, d) = fig.subplots(2, 2)
    cur = result.config.currency
    outcome = result.outcome()
    draw_fan(a, outcome.months, outcome.fan, currency=cur)
    b.plot(result.months, result.series["p_operating_profitable"], color=GREEN)
    b.set(title="Chance of operating profit (last 12 months)", xlabel="month", ylabel="share of futures")
    b.set_ylim(*SHARE_LIMITS)
    series = [("break-even", result.break_even_months, BLUE)]
    if result.payback_months is not None:
        series.append(("business payback", result.payback_months, ORANGE))
    _hist(c, series, "When it breaks even / pays back", "month")
    if result.share_out_per_member is not None:
        _hist(d, [("share-out", result.share_out_per_member, GREEN)], "Share-out per member, last cycle", cur)
    fig.suptitle(f"Cooperative plan: {result.runs} simulated futures")
    return fig


def threex6_figure(result: ThreeBySixResult) -> Figure:
    """Four panels for a 3x6 simulation."""
    fig = Figure(figsize=(11, 8), layout="constrained")
    (a, b), (c, d) = fig.subplots(2, 2)
    cur = result.config.currency
    months = np.arange(result.config.months + 1)
    outcome = result.outcome()
    draw_fan(a, outcome.months, outcome.fan, currency=cur)
    b.plot(months, result.series["p_operating_profitable"], color=GREEN, label="operating profit (12 months)")
    b.plot(months, result.series["p_open"], color=ORANGE, label="business still open")
    b.set(title="Chance by month", xlabel="month", ylabel="share of groups")
    b.set_ylim(*SHARE_LIMITS)
    b.legend(fontsize=8)
    _hist(
        c,
        [
            ("own savings back", result.payback_own_savings_months, GREEN),
            ("whole investment back", result.payback_total_months, BLUE),
        ],
        "Payback month",
        "month",
        "simulated groups",
    )
    f = result.planned
    labels = ["own savings", "matched funds", "total investment"]
    amounts = [f.savings_per_person, f.matched_funds_per_person, f.total_investment_per_person]
    d.bar(labels, amounts, color=BLUE)
    d.set(title=f"Per person in a full group of {int(f.group_members)}", ylabel=cur)
    fig.suptitle(f"3x6 plan: {result.runs} simulated futures x {result.config.n_groups} planned groups")
    return fig


def loan_comparison_figure(rows: Sequence[LoanCost], currency: str = "NPR") -> Figure:
    """Bar chart of what the same loan costs from each lender, with the APR on each bar."""
    fig = Figure(figsize=(7, 4), layout="constrained")
    ax = fig.subplots()
    bars = ax.bar([r.label for r in rows], [r.total_cost for r in rows], color=BLUE)
    for bar, row in zip(bars, rows, strict=True):
        top = (bar.get_x() + bar.get_width() / 2, bar.get_height())
        ax.annotate(f"APR {row.apr:.1%}", top, ha="center", va="bottom")
    ax.set(title="Interest and fees on the same loan", ylabel=currency)
    ax.tick_params(axis="x", labelrotation=15)
    return fig


def render_png(result: CooperativeResult | ThreeBySixResult, dpi: int = 110) -> bytes:
    """PNG bytes of the charts for a cooperative or 3x6 result.

    Examples
    --------
    >>> from planner.parameters import threex6_config
    >>> from planner.threex6_results import simulate_threex6
    >>> render_png(simulate_threex6(threex6_config(), runs=20, seed=1), dpi=40)[1:4]
    b'PNG'
    """
    if isinstance(result, CooperativeResult):
        return to_png(cooperative_figure(result), dpi)
    return to_png(threex6_figure(result), dpi)
