"""The local labour-market map and "what would unlock more work", for the web app.

Grounding in ESCO needs the taxonomy (``ESCO_DIR``) and encodes every ESCO label once
(minutes the first time, then from the embedding cache), so both run as background jobs.
People are counted only if they agreed to ``demand_statistics``; counts of people under
5 are suppressed for everyone, since the map mixes every organisation's caseload.
People are grounded with their counsellors' ESCO corrections (:mod:`web.people.grounding`).
A job has no request, so the map's chart is drawn in the language the page that started it
passed in (``locale``).
"""

from __future__ import annotations

import base64
from contextlib import nullcontext
from typing import Any

from flask_babel import force_locale, format_decimal, gettext
from sqlalchemy import select
from sqlalchemy.orm import Session

from matcher.demand import build_map, skills_to_unlock
from matcher.demand.chart import gap_chart
from matcher.demand.grounding import ground_vacancies
from web import services
from web.i18n import N_
from web.jobs import report_progress
from web.matches import openings
from web.people.grounding import grounded_people
from web.people.service import consents_in_force
from web.storage.schema import Locality, Person

EscoNotConfigured = services.EscoNotConfigured  # raised by esco_tools(); defined with the shared grounding


def esco_ready() -> bool:
    """Whether an ESCO folder is configured."""
    return services.esco_configured()


def esco_tools() -> services.EscoGrounding:
    """The process's shared ESCO grounding (:func:`web.services.esco`), read on first use."""
    if services.esco_configured():
        report_progress(0.1, N_("Reading the ESCO classification (the first time takes a few minutes)"))
    return services.esco()


def _grounded_vacancies(db: Session, tools: services.EscoGrounding) -> tuple[Any, ...]:
    records, _rows = openings(db)
    return ground_vacancies(records, tools.normalizer, tools.linker)


def market_map(
    db: Session, locality_ref: str | None, level: int | None, locale: str | None = None
) -> dict[str, Any]:
    """Demand, supply and gaps for a locality, with a chart in ``locale`` (default: the app's); JSON-ready."""
    tools = esco_tools()
    report_progress(0.4, N_("Linking vacancies to ESCO occupations and skills"))
    vacancies = _grounded_vacancies(db, tools)
    report_progress(0.7, N_("Linking people's skills (only those who agreed to statistics)"))
    people = [p for p in db.execute(select(Person)).scalars() if "demand_statistics" in consents_in_force(p)]
    result = build_map(
        vacancies, grounded_people(people, tools), locality=locality_ref, level=level, labels=tools.labels
    )
    with force_locale(locale) if locale else nullcontext():
        chart = gap_chart(
            result.occupation_gaps,
            title=gettext("Vacancies and people, by occupation"),
            fmt="svg",
            translate=gettext,
            number=format_decimal,
        )
    report_progress(1.0, N_("Done"))
    return {"map": result.to_dict(), "chart_svg": base64.b64encode(chart).decode()}


def unlock_for(db: Session, person_id: int) -> dict[str, Any]:
    """The one to three skills that would open most local vacancies for the person, weighted by pay."""
    tools = esco_tools()
    person = db.get(Person, person_id)
    if person is None:
        raise LookupError("That person is no longer in the caseload.")
    report_progress(0.4, N_("Linking local vacancies to ESCO skills"))
    vacancies = _grounded_vacancies(db, tools)
    [grounded] = grounded_people([person], tools)
    report_progress(0.9, N_("Finding the skills that open most doors"))
    return skills_to_unlock(grounded, vacancies, labels=tools.labels).to_dict()


def localities(db: Session) -> list[tuple[str, str]]:
    """``(ref, name)`` of every locality."""
    return [(loc.ref, loc.name) for loc in db.execute(select(Locality).order_by(Locality.name)).scalars()]
