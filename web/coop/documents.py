"""A saved plan as a printable PDF and as month-by-month rows for a CSV file.

The PDF is written in the reader's language with numbers and dates in their locale. The CSV is for
spreadsheets and scripts: its column names are the planner's own series names (stable English
identifiers, listed in ``docs/cooperatives.md``) and its numbers are plain, so any program can read
it whatever the language of the person who downloaded it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import format_datetime, format_decimal
from flask_babel import gettext as _

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


def _pair(row: figures.Figure) -> str:
    return _("%(label)s: %(value)s", label=row.label, value=row.value)


def pdf_sections(coop: Cooperative, plan: SavedPlan) -> list[tuple[str, list[str]]]:
    """The printable plan's text, in the reader's language: headed sections of lines."""
    result = plan.summary or {}
    made = format_datetime(plan.created_at) if plan.created_at else ""
    runs, seed = result.get("runs"), result.get("seed")
    sections = [
        (
            _("About this plan"),
            [
                _("Cooperative: %(name)s", name=coop.name),
                _("Model: %(model)s", model=figures.kind_label(plan.kind)),
                _("Saved: %(when)s", when=made),
                _(
                    "Simulated futures: %(runs)s (simulation number %(seed)s); the same number gives the "
                    "same figures.",
                    runs=figures.DASH if runs is None else format_decimal(runs),
                    seed=figures.DASH if seed is None else str(seed),
                ),
            ],
        ),
        (_("What the simulated futures show"), figures.plain_words(result, plan.inputs)),
        (_("Key figures"), [_pair(f) for f in figures.key_figure_rows(result, plan.inputs)]),
        (_("Inputs"), [_pair(f) for f in figures.input_rows(plan.kind, plan.inputs, coop.currency)]),
        (
            _("Reading the numbers"),
            [
                _(
                    "Nobody knows the future, so the plan is played out many times, each with its own luck "
                    "(members leaving, late loans, a bad month for the business). 'Middle future' is the "
                    "median; 'most futures' is the range holding 90 in 100 of them."
                ),
            ],
        ),
    ]
    return sections


def pdf_document(coop: Cooperative, plan: SavedPlan) -> bytes:
    """The printable plan: facts, results in words, key figures and inputs, then the charts."""
    figure = charts.plan_figure(plan.summary or {}, plan.name)
    return charts.plan_pdf(f"{plan.name} - {coop.name}", pdf_sections(coop, plan), [figure])
