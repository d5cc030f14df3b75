"""Charts and the printable plan, drawn from result dicts (so saved or queued results need no rerun).

Matplotlib's object API only (no pyplot global state); PNG through :func:`planner.charts.to_png`.
Titles, legends and tick labels follow the reader's language (Flask-Babel), so drawing needs an app
context. DejaVu Sans, matplotlib's own font, covers the accents of French and Spanish and the narrow
no-break space that French numbers use.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from flask_babel import format_decimal, format_percent, ngettext
from flask_babel import gettext as _
from matplotlib.axes import Axes
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from planner import LoanCost
from planner.fan_chart import BLUE, GREEN, ORANGE, SHARE_LIMITS
from web.coop.service import MonthTotals
from web.i18n import percent

COLOURS = (BLUE, ORANGE, GREEN)
#: axis ticks in the reader's locale: whole amounts, and shares as percentages
AMOUNT = FuncFormatter(lambda x, _pos: format_decimal(round(x)))
SHARE = FuncFormatter(lambda x, _pos: format_percent(x))
LINES = ("-", "--", ":")


def _array(values: Sequence[float | None]) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in values], dtype=np.float64)


def _fan(result: Mapping[str, Any]) -> Mapping[str, Sequence[float | None]]:
    fan: Mapping[str, Sequence[float | None]] = result.get("fund_fan") or result.get("cash_fan") or {}
    return fan


def _fund_title(result: Mapping[str, Any]) -> str:
    return (
        _("Fund balance (cash + loans)")
        if result["kind"] == "cooperative"
        else _("A group's cumulative net cash")
    )


def plan_figure(result: Mapping[str, Any], name: str = "") -> Figure:
    """Fan chart of the fund (or a 3x6 group's cash) and the chance of operating profit by month."""
    fig = Figure(figsize=(10, 4.2), layout="constrained")
    a, b = fig.subplots(1, 2)
    months, fan, cur = np.array(result["months"]), _fan(result), result["currency"]
    a.fill_between(
        months, _array(fan["p5"]), _array(fan["p95"]), color=BLUE, alpha=0.15, label=_("9 in 10 futures")
    )
    a.fill_between(
        months, _array(fan["p25"]), _array(fan["p75"]), color=BLUE, alpha=0.35, label=_("half of futures")
    )
    a.plot(months, _array(fan["p50"]), color=BLUE, label=_("middle future"))
    a.set(title=_fund_title(result), xlabel=_("month"), ylabel=cur)
    a.yaxis.set_major_formatter(AMOUNT)
    a.legend(loc="upper left", fontsize=8)
    series = result["series"]
    b.plot(
        months, _array(series["p_operating_profitable"]), color=GREEN, label=_("operating profit (12 months)")
    )
    still_open = series.get("p_business_open") or series.get("p_open")
    if still_open is not None and any(v for v in still_open if v):
        b.plot(months, _array(still_open), color=ORANGE, linestyle="--", label=_("business open"))
    _chance_axes(b)
    runs = int(result["runs"])
    fig.suptitle(
        ngettext(
            "%(plan)s: %(runs)s simulated future",
            "%(plan)s: %(runs)s simulated futures",
            runs,
            plan=name or _("Plan"),
            runs=format_decimal(runs),
        )
    )
    return fig


def _chance_axes(ax: Axes) -> None:
    ax.set(title=_("Chance by month"), xlabel=_("month"), ylabel=_("share of futures"))
    ax.set_ylim(*SHARE_LIMITS)
    ax.yaxis.set_major_formatter(SHARE)
    ax.legend(loc="lower right", fontsize=8)


def comparison_figure(plans: Sequence[tuple[str, Mapping[str, Any]]]) -> Figure:
    """Two or three plans overlaid: the middle future's fund, and the chance of operating profit."""
    fig = Figure(figsize=(10, 4.2), layout="constrained")
    a, b = fig.subplots(1, 2)
    currencies = sorted({r["currency"] for _, r in plans})
    for i, (name, result) in enumerate(plans):
        months = np.array(result["months"])
        style = {"color": COLOURS[i % 3], "linestyle": LINES[i % 3], "label": name[:40]}
        a.plot(months, _array(_fan(result)["p50"]), **style)
        b.plot(months, _array(result["series"]["p_operating_profitable"]), **style)
    a.set(title=_("Fund or group cash, middle future"), xlabel=_("month"), ylabel=", ".join(currencies))
    a.yaxis.set_major_formatter(AMOUNT)
    a.legend(loc="upper left", fontsize=8)
    _chance_axes(b)
    b.set_title(_("Chance of operating profit"))
    return fig


def savings_figure(months: Sequence[MonthTotals], currency: str) -> Figure:
    """The group's monthly savings (bars) and loans taken and repaid (lines)."""
    fig = Figure(figsize=(9, 3.6), layout="constrained")
    ax = fig.subplots()
    x = np.arange(len(months))
    ax.bar(x, [float(m.saved) for m in months], color=BLUE, alpha=0.7, label=_("saved"))
    ax.plot(x, [float(m.loans_taken) for m in months], color=ORANGE, marker=".", label=_("loans taken"))
    ax.plot(x, [float(m.loans_repaid) for m in months], color=GREEN, marker=".", label=_("loans repaid"))
    step = max(1, len(months) // 12)
    ax.set_xticks(x[::step], [m.month for m in months][::step], rotation=30)
    ax.set(title=_("The group's books by month"), ylabel=currency)
    ax.yaxis.set_major_formatter(AMOUNT)
    if months:
        ax.legend(loc="upper left", fontsize=8)
    else:
        ax.text(0.5, 0.5, _("no savings recorded yet"), ha="center", transform=ax.transAxes)
    return fig


def loans_figure(rows: Sequence[LoanCost], currency: str) -> Figure:
    """Bar chart of what the same loan costs from each lender, with the APR on each bar."""
    fig = Figure(figsize=(7, 4), layout="constrained")
    ax = fig.subplots()
    # lenders' names wrapped on the bar, not slanted: a cooperative's long name ran over its neighbours'
    names = ["\n".join(textwrap.wrap(r.label, 22)) for r in rows]
    bars = ax.bar(names, [r.total_cost for r in rows], color=BLUE)
    for bar, row in zip(bars, rows, strict=True):
        top = (bar.get_x() + bar.get_width() / 2, bar.get_height())
        ax.annotate(_("APR %(apr)s", apr=percent(row.apr, 1)), top, ha="center", va="bottom")
    ax.set(title=_("Interest and fees on the same loan"), ylabel=currency)
    ax.yaxis.set_major_formatter(AMOUNT)
    ax.tick_params(axis="x", labelsize=8)
    ax.margins(y=0.12)  # room for the APR above the tallest bar
    return fig


def _text_pages(title: str, sections: Sequence[tuple[str, Sequence[str]]]) -> list[Figure]:
    """A4 portrait pages of wrapped text: a title, then headed sections of lines."""
    lines: list[tuple[str, str]] = [("title", part) for part in textwrap.wrap(title, 60)]
    for heading, body in sections:
        lines.append(("heading", heading))
        for text in body:
            lines.extend(("body", part) for part in textwrap.wrap(text, 95) or [""])
    pages, fig, y = [], None, 0.0
    for style, text in lines:
        if fig is None or y < 0.06:
            fig, y = Figure(figsize=(8.27, 11.69)), 0.95
            pages.append(fig)
        size, weight, gap = {"title": (15, "bold", 0.04), "heading": (12, "bold", 0.032)}.get(
            style, (9.5, "normal", 0.021)
        )
        if style == "heading":
            y -= 0.012
        fig.text(0.07, y, text, fontsize=size, fontweight=weight, va="top", family="DejaVu Sans")
        y -= gap
    return pages


def plan_pdf(title: str, sections: Sequence[tuple[str, Sequence[str]]], charts: Sequence[Figure]) -> bytes:
    """A printable plan: text pages (inputs, results in words, key figures) then the charts."""
    buffer = io.BytesIO()
    with PdfPages(buffer, metadata={"Title": title, "Creator": "Pathways"}) as pdf:
        for page in [*_text_pages(title, sections), *charts]:
            pdf.savefig(page)
    return buffer.getvalue()
