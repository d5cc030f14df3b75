"""Ranking open vacancies and placement programmes for a person, for the counsellor's pages.

The fitted :class:`~matcher.matching.Matcher` is kept per app and rebuilt only when the
set of open vacancies and programmes changes. Only ``open`` vacancies (screened, or
approved after review) not past their closing date are ever matched.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from matcher.constraints import MatchFilters
from matcher.matching import Matcher
from matcher.reasons import Exclusion, Match
from matcher.record_io import vacancy_from_record
from matcher.records import PAY_PERIODS, Pay, Vacancy
from web import services, vocabulary
from web.i18n import LocaleTranslate
from web.storage.schema import PlacementProgramme, utctoday
from web.storage.schema import Vacancy as VacancyRow

_LOCK = threading.Lock()


def _posting_record(row: VacancyRow | PlacementProgramme) -> dict[str, Any]:
    return {
        "title": row.title,
        "sector": row.sector,
        "description": row.description,
        "skills_required": row.skills_required,
        "languages_required": row.languages_required,
        "latitude": row.latitude,
        "longitude": row.longitude,
        "hours_per_week": row.hours_per_week,
        "pay_period": row.pay_period,
        "currency": row.currency,
        "employer": row.employer.name,
        "locality": row.locality.ref if row.locality else "",
    }


def openings(db: Session) -> tuple[list[Vacancy], dict[str, tuple[str, int]]]:
    """Every open vacancy and every programme as the matcher sees them, and ref -> (kind, row id)."""
    records: list[Vacancy] = []
    rows: dict[str, tuple[str, int]] = {}
    for v in db.execute(
        select(VacancyRow).where(VacancyRow.open_on(utctoday())).order_by(VacancyRow.id)
    ).scalars():
        rec = _posting_record(v) | {
            "id": v.ref,
            "shift": v.shift,
            "pay": _num(v.pay),
            "contract": v.contract,
            "posted_on": str(v.posted_on or ""),
            "closes_on": str(v.closes_on or ""),
        }
        records.append(vacancy_from_record(rec, where=f"vacancy {v.ref}"))
        rows[v.ref] = ("vacancy", v.id)
    for p in db.execute(select(PlacementProgramme).order_by(PlacementProgramme.id)).scalars():
        rec = _posting_record(p) | {
            "id": p.ref,
            "kind": "programme",
            "capacity": p.capacity,
            "placement_weeks": p.placement_weeks,
            "placement_pay": _num(p.placement_pay),
            "job_title": p.job_title,
            "job_pay": _num(p.job_pay),
            "interview": p.interview,
            "starts_on": str(p.starts_on or ""),
        }
        records.append(vacancy_from_record(rec, where=f"programme {p.ref}"))
        rows[p.ref] = ("programme", p.id)
    return records, rows


def _num(value: Any) -> float | None:
    return None if value is None else float(value)


def _fingerprint(records: list[Vacancy]) -> str:
    return hashlib.sha256(json.dumps([repr(r) for r in records]).encode()).hexdigest()


def fitted_matcher(db: Session) -> tuple[Matcher, dict[str, tuple[str, int]]]:
    """The app's matcher over the current openings, refitted only when they changed."""
    records, rows = openings(db)
    key = _fingerprint(records)
    with _LOCK:
        cached = current_app.extensions.get("pathways.matcher")
        if cached is None or cached[0] != key:
            cached = (key, Matcher(encoder=services.encoder()).fit(records))
            current_app.extensions["pathways.matcher"] = cached
    return cached[1], rows


@dataclass(frozen=True)
class MatchRow:
    """One ranked opening, ready for the page."""

    match: Match
    kind: str
    row_id: int
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class MatchPage:
    """A person's ranked openings and what was left out.

    ``rows`` fit and may be proposed; ``not_a_fit`` fail a hard requirement (a licence, certificate,
    language or thing of one's own they do not have) or score 0, and are listed apart, never proposed.
    """

    rows: tuple[MatchRow, ...]
    excluded_count: int
    excluded_by_cause: tuple[tuple[str, int], ...]
    not_a_fit: tuple[MatchRow, ...] = ()


def filters_from(args: Any, currency: str | None) -> tuple[MatchFilters, dict[str, str]]:
    """Counsellor filters from the query string; bad values are named, not ignored."""
    errors: dict[str, str] = {}

    def number(name: str) -> float | None:
        raw = (args.get(name) or "").strip()
        if not raw:
            return None
        try:
            value = float(raw)
        except ValueError:
            errors[name] = _("should be a number, got %(value)s", value=repr(raw))
            return None
        if value < 0:
            errors[name] = _("should not be negative")
            return None
        return value

    min_pay = number("min_pay")
    period = args.get("pay_period") or "hour"
    if period not in PAY_PERIODS:
        errors["pay_period"] = _(
            "should be one of %(choices)s, got %(value)s",
            choices=vocabulary.labels("pay_period", PAY_PERIODS),
            value=repr(period),
        )
        period = "hour"
    sector = (args.get("sector") or "").strip()
    kind = (args.get("kind") or "").strip()
    filters = MatchFilters(
        max_distance_km=number("max_distance_km"),
        sectors=(sector,) if sector else (),
        kinds=(kind,) if kind in ("vacancy", "programme") else (),
        min_hours=number("min_hours"),
        max_hours=number("max_hours"),
        min_pay=Pay(min_pay, period, currency or "") if min_pay is not None else None,
    )
    return filters, errors


def ranked(db: Session, profile: Any, filters: MatchFilters, top_k: int = 20) -> MatchPage:
    """The person's best openings with reasons in the user's language, and what was ruled out by cause."""
    matcher, rows = fitted_matcher(db)
    ranking = matcher.rank_with_exclusions(
        profile, top_k=top_k, filters=filters, max_exclusions=0, translate=LocaleTranslate()
    )
    shown = [
        MatchRow(m, rows[m.vacancy_id][0], rows[m.vacancy_id][1], tuple(m.explain(LocaleTranslate())))
        for m in ranking.matches
        if m.vacancy_id in rows
    ]
    return MatchPage(
        tuple(r for r in shown if r.match.fits),
        ranking.excluded_count,
        ranking.excluded_by_cause,
        tuple(r for r in shown if not r.match.fits),
    )


#: The matches page's filters, carried to a vacancy's page and back.
FILTER_ARGS = ("max_distance_km", "sector", "kind", "min_hours", "max_hours", "min_pay", "pay_period")


def filter_args(args: Any) -> dict[str, str]:
    """The matches page's filters found in ``args`` (nothing else is carried along)."""
    return {k: str(args[k]) for k in FILTER_ARGS if args.get(k)}


def one(db: Session, profile: Any, ref: str) -> Match | Exclusion | None:
    """The person's match with one open opening, with reasons in the user's language (``None``: not open)."""
    matcher, rows = fitted_matcher(db)
    if ref not in rows:
        return None
    return matcher.explain(profile, ref, translate=LocaleTranslate())
