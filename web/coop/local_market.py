"""Local labour-market evidence for a 3x6 group's proposed business, from the demand map.

:func:`lookup` describes the business in words to ESCO (``matcher.demand.grounding.proposal_evidence``)
and reads, for the cooperative's locality: the related vacancies and employers, their median pay and
monthly trend, the occupations behind them, the unmet demand in those occupations (vacancies against
people registered with Pathways who agreed to anonymous statistics, counts under 5 hidden) and how
many of those people have the skills the related vacancies ask for. Pathways keeps no skills record
for cooperative members, so "people" are local job seekers, not the group's own members.

It reads the groundings prepared for the labour-market map (:mod:`web.market.data`; any that are
stale are made first) and needs the ESCO classification (``ESCO_DIR``) to describe the business,
so the lookup runs as a background job (``web.tasks.coop_market_evidence``); its JSON-ready result
fills the feasibility fields of the 3x6 form. :func:`form_values` and :func:`panel` turn it into
form text and view-ready rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from flask_babel import format_decimal, format_percent, ngettext
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from matcher.demand import GapRow, build_map
from matcher.demand.evidence import MonthCount
from matcher.demand.grounding import proposal_evidence
from matcher.exceptions import InputError
from planner.feasibility import demand_trend_from_counts
from web.coop.feasibility import map_source
from web.coop.figures import money
from web.i18n import N_
from web.infra.jobs import report_progress
from web.market import data as market_data
from web.market.service import esco_tools
from web.matching import vectors
from web.storage.schema import Cooperative

#: the most occupations and skills the panel lists
TOP = 5


def _rows(gaps: Sequence[GapRow], keys: set[str]) -> list[dict[str, Any]]:
    return [
        {
            "label": g.label,
            "demand": g.demand,
            "supply": g.supply,
            "hidden": g.supply_suppressed,
            "gap": g.gap,
        }
        for g in gaps
        if g.key in keys
    ][:TOP]


def _whole_months(trend: Sequence[MonthCount], read_on: str) -> list[int]:
    """The monthly counts without the month still running on ``read_on`` (its count is not complete).

    >>> _whole_months([MonthCount("2026-11", 4), MonthCount("2026-12", 1)], "2026-12-06")
    [4]
    """
    return [m.vacancies for m in trend if m.month != read_on[:7]]


def lookup(db: Session, coop: Cooperative, business: str, today: dt.date | None = None) -> dict[str, Any]:
    """Evidence from the local labour market for ``business``, in ``coop``'s locality; JSON-ready.

    Raises
    ------
    web.market.service.EscoNotConfigured
        Without the ESCO classification.
    """
    tools = esco_tools()
    report_progress(0.3, N_("Linking local vacancies to ESCO occupations and skills"))
    market_data.prepare_market(db, tools, vectors.keys(), report_progress)
    data = market_data.stored_market(db)
    vacancies = data.vacancies
    locality = coop.locality.ref if coop.locality else None
    report_progress(0.6, N_("Finding vacancies related to the business"))
    read_on = (today or dt.date.today()).isoformat()
    facts = {
        "coop_id": coop.id,
        "business": business,
        "locality": coop.locality.name if coop.locality else None,
        "read_on": read_on,
        "recognised": False,
    }
    try:
        found = proposal_evidence(
            business, vacancies, tools.normalizer, locality=locality, labels=tools.labels
        )
    except InputError:  # no ESCO occupation is close enough to the description
        return facts
    market = build_map(vacancies, data.people, locality=locality, labels=tools.labels)
    occupations = {o.uri for o in found.top_occupations}
    skills = {s for v in vacancies if v.occupation_uri in occupations for s in v.skill_uris}
    report_progress(1.0, N_("Done"))
    return {
        **facts,
        "recognised": True,
        "related_vacancies": found.related_vacancies,
        "related_employers": found.distinct_employers,
        "median_monthly_pay": next((p.median for p in found.pay if p.currency == coop.currency), None),
        "demand_trend": demand_trend_from_counts(_whole_months(found.trend, read_on)),
        "months": len(found.trend),
        "occupations": [{"label": o.label, "vacancies": o.vacancies} for o in found.top_occupations],
        "unmet": _rows(market.occupation_gaps, occupations),
        "skills": _rows(market.skill_gaps, skills),
    }


def form_values(found: Mapping[str, Any]) -> dict[str, str]:
    """The 3x6 form's market fields, filled from a lookup (the trend as a yearly percentage).

    Nothing when the map could not relate the business to any occupation.
    """
    if not found["recognised"]:
        return {}
    trend = found["demand_trend"]
    pay = found["median_monthly_pay"]
    vacancies, employers = found["related_vacancies"], found["related_employers"]
    return {
        "related_vacancies": str(vacancies),
        "related_employers": str(employers),
        "median_monthly_pay": "" if pay is None else format(round(pay, 2), "g"),
        "demand_trend": "" if trend is None else format(round(trend * 100, 2), "g"),
        "evidence_source": map_source(dt.date.fromisoformat(found["read_on"]), vacancies, employers),
    }


@dataclass(frozen=True)
class MarketPanel:
    """What the 3x6 form shows about a lookup, formatted."""

    summary: str
    occupations: list[tuple[str, str]]
    unmet: list[tuple[str, str, str, str]]
    skills: list[tuple[str, str, str]]
    empty: bool


def _n(value: int) -> str:
    return format_decimal(value)


def _people(row: Mapping[str, Any]) -> str:
    return _("fewer than 5") if row["hidden"] else format_decimal(row["supply"] or 0)


def panel(found: Mapping[str, Any], currency: str) -> MarketPanel:
    """View-ready text of a lookup: a summary sentence and the tables."""
    if not found["recognised"]:
        summary = _(
            "The labour-market map could not relate “%(business)s” to any occupation, so it has no evidence "
            "for it. Describe the business differently (what it makes or sells, or the job it is closest "
            "to), or type figures you know.",
            business=found["business"],
        )
        return MarketPanel(summary, [], [], [], empty=False)
    vacancies, employers, months = found["related_vacancies"], found["related_employers"], found["months"]
    summary = _(
        "For “%(business)s” in %(place)s, the labour-market map finds %(vacancies)s from %(employers)s, "
        "posted over %(months)s.",
        business=found["business"],
        place=found["locality"] or _("all places"),
        vacancies=ngettext(
            "%(count)s related open vacancy",
            "%(count)s related open vacancies",
            vacancies,
            count=_n(vacancies),
        ),
        employers=ngettext("%(count)s employer", "%(count)s employers", employers, count=_n(employers)),
        months=ngettext("%(count)s month", "%(count)s months", months, count=_n(months)),
    )
    if found["median_monthly_pay"] is not None:
        summary += " " + _("Median pay: %(pay)s a month.", pay=money(found["median_monthly_pay"], currency))
    if found["demand_trend"] is not None:
        summary += " " + _("Demand trend: %(trend)s a year.", trend=format_percent(found["demand_trend"]))
    elif vacancies:
        summary += " " + _(
            "Too few of them, over too short a time, to tell whether demand is rising or falling: the plan "
            "leaves the trend out unless you type one you know."
        )
    return MarketPanel(
        summary=summary,
        occupations=[(o["label"], format_decimal(o["vacancies"])) for o in found["occupations"]],
        unmet=[
            (
                r["label"],
                format_decimal(r["demand"]),
                _people(r),
                "" if r["gap"] is None else format_decimal(r["gap"]),
            )
            for r in found["unmet"]
        ],
        skills=[(r["label"], format_decimal(r["demand"]), _people(r)) for r in found["skills"]],
        empty=not found["related_vacancies"],
    )
