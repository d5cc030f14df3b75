"""A saved plan as a printable PDF and as month-by-month rows for a CSV file."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import format_datetime

from web.coop import charts, figures
from web.storage.schema import Cooperative, SavedPlan


def series_rows(name: str, result: Mapping[str, Any]) -> list[list[Any]]:
    """Header and one row a month: the plan's name, the month, every averaged series, the fan percentiles.

    Examples
    --------
    >>> rows = series_rows("=cmd", {"months": [0, 1], "series": {"cash": [0.0, 5.5]},
    ...                             "fund_fan": {"p50": [0.0, 5.0]}})
    >>> rows[0], rows[2]
    (['plan', 'month', 'cash', 'fund_p50'], ['=cmd', 1, 5.5, 5.0])
    """
    series = result.get("series", {})
    fan_name = "fund" if "fund_fan" in result else "group_cash"
    fan = result.get("fund_fan") or result.get("cash_fan") or {}
    header = ["plan", "month", *series, *(f"{fan_name}_{k}" for k in fan)]
    rows: list[list[Any]] = [header]
    for i, month in enumerate(result.get("months", [])):
        rows.append([name, month, *(v[i] for v in series.values()), *(v[i] for v in fan.values())])
    return rows


def pdf_document(coop: Cooperative, plan: SavedPlan) -> bytes:
    """The printable plan: inputs, results in words, key figures, then the charts."""
    result = plan.summary or {}
    made = format_datetime(plan.created_at) if plan.created_at else ""
    sections = [
        (
            "About this plan",
            [
                f"Cooperative: {coop.name}",
                f"Model: {figures.KIND_LABELS[plan.kind]}",
                f"Saved: {made}",
                f"Simulated futures: {result.get('runs')} (seed {result.get('seed')}); the same seed "
                "gives the same numbers.",
            ],
        ),
        ("What the simulated futures show", figures.plain_words(result)),
        ("Key figures", [f"{f.label}: {f.value}" for f in figures.key_figure_rows(result)]),
        (
            "Inputs",
            [f"{f.label}: {f.value}" for f in figures.input_rows(plan.kind, plan.inputs, coop.currency)],
        ),
        (
            "Reading the numbers",
            [
                "Nobody knows the future, so the plan is played out many times, each with its own luck "
                "(members leaving, late loans, a bad month for the business). 'Middle future' is the median; "
                "'most futures' is the range holding 90 in 100 of them.",
            ],
        ),
    ]
    return charts.plan_pdf(f"{plan.name} - {coop.name}", sections, [charts.plan_figure(result, plan.name)])
