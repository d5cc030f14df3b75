"""The local labour-market map and "what would unlock more work", for the web app.

Both add up groundings prepared ahead (:mod:`web.market.data`): nothing is linked to ESCO
while a page waits. People are counted only if they agreed to ``demand_statistics``;
counts of people under 5 are suppressed for everyone, since the map mixes every
organisation's caseload. People are grounded with their counsellors' ESCO corrections
(:mod:`web.people.grounding`). Where some records are still being prepared the page
says how many and asks for the preparation; the chart is drawn in the reader's language
and kept per map and language for the next reader.
"""

from __future__ import annotations

import base64
import hashlib
import json
import threading
from collections import OrderedDict
from dataclasses import asdict, dataclass
from typing import Any

from flask import current_app
from flask_babel import format_decimal, get_locale, gettext
from sqlalchemy import select
from sqlalchemy.orm import Session

from matcher.demand import build_map, skills_to_unlock
from matcher.demand.aggregate import select_vacancies, titles_by_occupation
from matcher.demand.chart import gap_chart
from matcher.demand.unlock import languages_in_demand
from web.i18n import N_
from web.infra import services
from web.infra.jobs import report_progress
from web.market import data as market_data
from web.matching import preparation
from web.matching.openings import languages_asked
from web.people.grounding import language_notes
from web.storage.schema import Locality, Person

CHARTS_KEPT = 64
_CHARTS = "pathways.market_charts"
_LOCK = threading.Lock()
EscoNotConfigured = services.EscoNotConfigured  # raised by esco_tools(); defined with the shared grounding


def esco_ready() -> bool:
    """Whether an ESCO folder is configured."""
    return market_data.esco_configured()


def esco_tools() -> services.EscoGrounding:
    """The process's shared ESCO grounding (:func:`web.infra.services.esco`), read on first use (in a job)."""
    if services.esco_configured():
        report_progress(0.1, N_("Reading the ESCO classification (the first time takes a few minutes)"))
    return services.esco()


@dataclass(frozen=True)
class Preparing:
    """How much of the labour-market data is still being prepared."""

    vacancies_waiting: int
    people_waiting: int

    @property
    def waiting(self) -> bool:
        """Whether anything is still being prepared."""
        return bool(self.vacancies_waiting or self.people_waiting)


def _preparing(data: market_data.MarketData) -> Preparing:
    if not data.complete:
        preparation.request_market()
    return Preparing(data.vacancies_waiting, data.people_waiting)


def _chart(market: Any, digest: str) -> str:
    """The map's chart (SVG, base64) in the reader's language, drawn once per map and language."""
    locale = str(get_locale() or "en")
    charts: OrderedDict[tuple[str, str], str] = current_app.extensions.setdefault(_CHARTS, OrderedDict())
    with _LOCK:
        found = charts.get((digest, locale))
    if found is None:
        svg = gap_chart(
            market.occupation_gaps,
            title=gettext("Vacancies and people, by occupation"),
            fmt="svg",
            translate=gettext,
            number=format_decimal,
        )
        found = base64.b64encode(svg).decode()
        with _LOCK:
            charts[(digest, locale)] = found
            while len(charts) > CHARTS_KEPT:
                charts.popitem(last=False)
    return found


def market_map(
    db: Session, locality_ref: str | None, level: int | None
) -> tuple[dict[str, Any], str, Preparing]:
    """Demand, supply and gaps for a locality (JSON-ready), its chart ("" if none), what is being prepared."""
    data = market_data.stored_market(db, locality=locality_ref)
    result = build_map(data.vacancies, data.people, locality=locality_ref, level=level, labels=data.labels)
    plain = result.to_dict()
    digest = hashlib.sha256(json.dumps(plain, sort_keys=True, default=str).encode()).hexdigest()
    chart = _chart(result, digest) if result.occupation_gaps else ""  # nothing to draw (yet)
    linked = titles_by_occupation(select_vacancies(data.vacancies, locality_ref), data.titles, level)
    plain["linked_titles"] = {key: _titles_text(found) for key, found in linked.items()}
    return plain, chart, _preparing(data)


def _titles_text(found: tuple[tuple[str, int], ...], shown: int = 4) -> str:
    """``Cook ×2; Staff Canteen Cook``: the titles behind a row, how many vacancies each where more than one.

    Examples
    --------
    >>> _titles_text((("Cook", 2), ("Staff Canteen Cook", 1)))
    'Cook ×2; Staff Canteen Cook'
    >>> _titles_text(tuple((f"T{i}", 1) for i in range(6)), shown=4)
    'T0; T1; T2; T3; …'
    """
    said = [title if n == 1 else f"{title} ×{n}" for title, n in found[:shown]]
    return "; ".join(said + (["…"] if len(found) > shown else []))


def unlock_for(db: Session, person: Person) -> tuple[dict[str, Any] | None, Preparing]:
    """The one to three skills that would open most local vacancies for the person, weighted by pay.

    ``None`` while the person's own grounding is being prepared. ``language_notes`` says when
    some of their words are in a language read by meaning only, whose links wait for a
    counsellor's confirmation (ESCO read in this process; else none).
    """
    data = market_data.stored_market(db, people=[person])
    if not data.people:
        return None, _preparing(data)
    plain = skills_to_unlock(data.people[0], data.vacancies, labels=data.labels).to_dict()
    # the page lists the skills local vacancies ask for, then names the rest in one line
    plain["not_asked"] = [s["label"] for s in plain["in_demand"] if not s["vacancies"]]
    plain["in_demand"] = [s for s in plain["in_demand"] if s["vacancies"]]
    tools = services.esco_if_ready()
    plain["language_notes"] = language_notes(person, tools) if tools is not None else ()
    # a language an opening requires is a hard limit in matching: name those they lack
    asked = languages_asked(db, person.locality_id)
    plain["languages"] = [asdict(x) for x in languages_in_demand(person.languages or [], asked)]
    return plain, _preparing(data)


def localities(db: Session) -> list[tuple[str, str]]:
    """``(ref, name)`` of every locality."""
    return [(loc.ref, loc.name) for loc in db.execute(select(Locality).order_by(Locality.name)).scalars()]
