"""Ranking open vacancies and placement programmes for a person, for the counsellor's pages.

Pages read only what was prepared when records were written (:mod:`web.preparation`):
the openings' stored vectors (:mod:`web.match_index`) and the person's own, encrypted
with their record (:mod:`web.vectors`). Nothing is encoded here. Where a person's words
or some openings are not prepared yet, the page says so and shows progress, and the
preparation is asked for; it fills in when ready. A ranking is kept
(:mod:`web.match_cache`) until the person or an opening within their reach changes.
Only ``open`` vacancies (screened, or approved after review) are ever matched.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from matcher.alignment import person_texts
from matcher.constraints import MatchFilters, cause_counts
from matcher.encoder import VectorTable
from matcher.match_result import Match
from matcher.records import PAY_PERIODS, Pay, PersonProfile
from web import match_cache, match_index, preparation, vectors, vocabulary
from web.match_index import OpeningsIndex
from web.people.service import to_profile
from web.storage.schema import Person

__all__ = ["MatchPage", "ShownMatch", "filters_from", "programme_scores", "ranked"]


@dataclass(frozen=True)
class ShownMatch:
    """One ranked opening, ready for the page and the API (plain values, so it can be kept)."""

    kind: str
    row_id: int
    ref: str
    title: str
    score: float
    distance_km: float | None
    reasons: tuple[str, ...]
    gaps: tuple[str, ...]

    @classmethod
    def of(cls, match: Match, kind: str, row_id: int) -> ShownMatch:
        """The view of ``match`` (reasons in the current language)."""
        return cls(
            kind,
            row_id,
            match.vacancy_id,
            match.title,
            float(match.score),
            match.distance_km,
            tuple(match.explain(_)),
            tuple(match.gaps),
        )

    @classmethod
    def kept(cls, stored: dict[str, Any]) -> ShownMatch:
        """The match as kept by :mod:`web.match_cache` (lists become tuples again)."""
        return cls(**{**stored, "reasons": tuple(stored["reasons"]), "gaps": tuple(stored["gaps"])})


@dataclass(frozen=True)
class MatchPage:
    """A person's ranked openings, what was left out, and what is still being prepared.

    ``person_ready`` is false while the person's own words are being prepared (no rows
    yet); ``waiting`` openings of ``total`` are still being prepared and not ranked yet.
    """

    rows: tuple[ShownMatch, ...]
    excluded_count: int
    excluded_by_cause: tuple[tuple[str, int], ...]
    person_ready: bool = True
    waiting: int = 0
    total: int = 0

    @property
    def preparing(self) -> bool:
        """Whether anything is still being prepared (the page then refreshes itself)."""
        return not self.person_ready or self.waiting > 0


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
        if not math.isfinite(value):  # float() reads "NaN" and "inf"; NaN fails every comparison
            errors[name] = _("should be a finite number, got %(value)s", value=repr(raw))
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


def _person_vectors(
    person: Person, profile: PersonProfile, key: vectors.Keys, index: OpeningsIndex
) -> VectorTable | None:
    """The person's stored vectors, or ``None`` (preparation asked for) if any phrase has none yet."""
    table = vectors.person_table(person.prepared, key, index.dim)
    if table.missing(person_texts(profile)):
        preparation.request_people([person.id])
        return None
    return table


def ranked(db: Session, person: Person, filters: MatchFilters, top_k: int = 20) -> MatchPage:
    """The person's best openings with reasons in the user's language, and what was ruled out by cause."""
    index = match_index.current(db)
    key = vectors.keys()
    profile = to_profile(person)
    table = _person_vectors(person, profile, key, index)
    if table is None or index.matcher is None:
        return MatchPage((), 0, (), table is not None, index.waiting, index.total)
    outcome = index.matcher.constraints(profile, filters)
    entry = match_cache.entry_key(filters, str(get_locale() or "en"), top_k)
    who, reach = match_cache.person_digest(profile, key), index.reach_digest(~outcome.excluded)
    kept = match_cache.lookup(db, person.id, entry, who, reach)
    if kept is None:
        ranking = index.matcher.rank_with_exclusions(
            profile, top_k=top_k, filters=filters, max_exclusions=0, translate=_, encode=table.encode
        )
        shown = [ShownMatch.of(m, *index.rows[m.vacancy_id]) for m in ranking.matches]
        kept = {
            "rows": [asdict(r) for r in shown],
            "late": ranking.excluded_count - int(outcome.excluded.sum()),
        }
        match_cache.store(db, person.id, entry, who, reach, kept)
        _remember_programme_scores(db, index, person, profile, table, key)
        db.commit()
    rows = tuple(ShownMatch.kept(r) for r in kept["rows"])
    late = int(kept["late"])
    return MatchPage(
        rows,
        int(outcome.excluded.sum()) + late,
        cause_counts(outcome, late),
        True,
        index.waiting,
        index.total,
    )


def _programmes_reach(index: OpeningsIndex) -> str:
    """Every programme counts (the cohort reads all of them), whatever the person's limits."""
    return index.reach_digest(index.programmes, match_cache.PROGRAMMES)


def _remember_programme_scores(
    db: Session,
    index: OpeningsIndex,
    person: Person,
    profile: PersonProfile,
    table: VectorTable,
    key: vectors.Keys,
) -> dict[str, float | None]:
    """Score the person against every programme (unfiltered) and keep the scores for the cohort."""
    if index.matcher is None or not index.programme_refs:
        return {}
    matrix = index.matcher.score_matrix([profile], vacancy_ids=index.programme_refs, encode=table.encode)
    scores = {
        ref: None if np.isnan(value) else round(float(value), 1)
        for ref, value in zip(matrix.vacancy_ids, matrix.scores[0], strict=True)
    }
    who, reach = match_cache.person_digest(profile, key), _programmes_reach(index)
    match_cache.store(db, person.id, match_cache.PROGRAMMES, who, reach, {"scores": scores})
    return scores


Scores = dict[str, float | None]


def programme_scores(db: Session, people: list[Person]) -> tuple[dict[int, Scores], list[int]]:
    """Each person's scores against every prepared programme (NaN-free: ``None`` where ruled out).

    Kept scores are reused; the rest are computed now and kept. People whose words are
    not prepared yet are returned apart (second value), with no scores.
    """
    index = match_index.current(db)
    key = vectors.keys()
    found: dict[int, Scores] = {}
    unprepared: list[int] = []
    if index.matcher is None:
        return found, [p.id for p in people]
    reach = _programmes_reach(index)
    for person in people:
        profile = to_profile(person)
        who = match_cache.person_digest(profile, key)
        kept = match_cache.lookup(db, person.id, match_cache.PROGRAMMES, who, reach)
        if kept is not None:
            found[person.id] = kept["scores"]
            continue
        table = vectors.person_table(person.prepared, key, index.dim)
        if table.missing(person_texts(profile)):
            unprepared.append(person.id)
            continue
        found[person.id] = _remember_programme_scores(db, index, person, profile, table, key)
    return found, unprepared
