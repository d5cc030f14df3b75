"""Ranking open vacancies and placement programmes for a person, for the counsellor's pages.

Pages read only what was prepared when records were written (:mod:`web.matching.preparation`):
the openings' stored vectors (:mod:`web.matching.index`) and the person's own, encrypted
with their record (:mod:`web.matching.vectors`). Nothing is encoded here. Where a person's words
or some openings are not prepared yet, the page says so and shows progress, and the
preparation is asked for; it fills in when ready. A ranking is kept
(:mod:`web.matching.cache`) until the person or an opening within their reach changes.
Only ``open`` vacancies not past their closing date are ever matched; openings that fail a
hard requirement (or score 0) are listed apart as not a fit, never proposed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import numpy as np
from flask_babel import format_date, format_decimal, get_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from matcher.alignment import person_texts
from matcher.constraints import ConstraintOutcome, MatchFilters, cause_counts
from matcher.encoder import VectorTable
from matcher.match_result import Exclusion, Match
from matcher.records import PAY_PERIODS, Pay, PersonProfile
from web import vocabulary
from web.i18n import N_, LocaleTranslate, money
from web.infra import services
from web.matching import bridging, languages, preparation, vectors
from web.matching import cache as match_cache
from web.matching import index as match_index
from web.matching.index import OpeningsIndex
from web.people.forms import MAX_TRAVEL_KM
from web.people.service import to_profile
from web.placements.service import places_left
from web.storage.schema import Person, PlacementProgramme, Vacancy

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
    not_a_fit: tuple[str, ...] = ()  # why it is not a fit (a hard requirement not met); empty: it fits

    @property
    def fits(self) -> bool:
        """Whether the opening may be proposed (no hard requirement failed)."""
        return not self.not_a_fit

    @classmethod
    def of(cls, match: Match, kind: str, row_id: int) -> ShownMatch:
        """The view of ``match`` (reasons in the current language, numbers in its locale)."""
        translate = LocaleTranslate()
        return cls(
            kind,
            row_id,
            match.vacancy_id,
            match.title,
            float(match.score),
            match.distance_km,
            tuple(match.explain(translate)),
            tuple(match.gaps),
            tuple(r.text for r in match.unfit),
        )

    @classmethod
    def kept(cls, stored: dict[str, Any]) -> ShownMatch:
        """The match as kept by :mod:`web.matching.cache` (lists become tuples again)."""
        tupled = {k: tuple(stored.get(k, ())) for k in ("reasons", "gaps", "not_a_fit")}
        return cls(**{**stored, **tupled})


@dataclass(frozen=True)
class MatchPage:
    """A person's ranked openings, what was left out, and what is still being prepared.

    ``rows`` fit and may be proposed; ``not_a_fit`` fail a hard requirement (a licence,
    certificate, language or thing of one's own they do not have) or score 0, and are listed
    apart, never proposed.

    ``person_ready`` is false while the person's own words are being prepared (no rows
    yet); ``waiting`` openings of ``total`` are still being prepared and not ranked yet.
    ``elsewhere`` openings are further than any travel limit (another city or country): they
    are not counted among those left out, nor in ``nearby``, the openings they are counted of.
    """

    rows: tuple[ShownMatch, ...]
    excluded_count: int
    #: per cause, the openings the person's own limits leave out
    limit_causes: tuple[tuple[str, int], ...]
    not_a_fit: tuple[ShownMatch, ...] = ()
    person_ready: bool = True
    waiting: int = 0
    total: int = 0
    #: ``"kind:row_id"`` -> what the card says besides the reasons (:func:`card_facts`)
    facts: dict[str, CardFacts] = field(default_factory=dict)
    #: what the counsellor should know about the languages of the person's words (:mod:`.languages`)
    language_notes: tuple[str, ...] = ()
    elsewhere: int = 0
    #: of ``excluded_count``, the openings only the counsellor's filters leave out (no limit of the person's)
    filtered_count: int = 0
    #: per filter, the openings it leaves out that no limit of the person's does
    filter_causes: tuple[tuple[str, int], ...] = ()

    @property
    def excluded_by_cause(self) -> tuple[tuple[str, int], ...]:
        """Per cause, the openings left out: the person's limits, then the counsellor's filters."""
        return self.limit_causes + self.filter_causes

    @property
    def limited_count(self) -> int:
        """The openings left out by the person's own limits (whatever the filters say of them)."""
        return self.excluded_count - self.filtered_count

    @property
    def nearby(self) -> int:
        """The openings within reach of some travel limit: those the counts of what is left out are of."""
        return self.total - self.elsewhere

    @property
    def preparing(self) -> bool:
        """Whether anything is still being prepared (the page then refreshes itself)."""
        return not self.person_ready or self.waiting > 0

    @property
    def main_exclusion(self) -> tuple[str, int] | None:
        """When the person's limits leave nothing to show: the cause that left out the most openings.

        ``None`` when some opening fits, or when openings were scored and are listed as not a fit
        (the cause is then theirs, not the limits').

        Examples
        --------
        >>> MatchPage((), 266, (("distance", 203), ("language", 266))).main_exclusion
        ('language', 266)
        """
        if self.rows or self.not_a_fit or not self.excluded_by_cause:
            return None
        return max(self.excluded_by_cause, key=lambda pair: pair[1])


@dataclass(frozen=True)
class CardFacts:
    """What a match card says of the opening besides its reasons, in the reader's language.

    Pay is the job's pay per the person's own pay period (in the posting's currency: no
    exchange rate is assumed); empty strings where the posting does not say.
    """

    employer: str
    pay: str
    hours: str
    #: a vacancy's closing date, or a programme's start date (the last day it takes proposals)
    closes_on: str
    #: a programme's places not yet taken by an open proposal, of its capacity (empty for a vacancy)
    places: str = ""


PER_PERIOD = {
    "hour": N_("%(money)s per hour"),
    "day": N_("%(money)s per day"),
    "week": N_("%(money)s per week"),
    "month": N_("%(money)s per month"),
}


def card_facts(db: Session, person: Person, rows: Sequence[ShownMatch]) -> dict[str, CardFacts]:
    """What each shown opening's card says: employer, pay, hours, closing or start date, places left.

    Pay is shown per the person's own pay period, so that it compares with what they asked
    for; a person who gave no period sees each opening's pay as it was posted.
    """
    vacancy_ids = [r.row_id for r in rows if r.kind == "vacancy"]
    programme_ids = [r.row_id for r in rows if r.kind == "programme"]
    own = person.pay_period if person.pay_period in PAY_PERIODS else None
    facts: dict[str, CardFacts] = {}
    postings: list[Vacancy | PlacementProgramme] = []
    if vacancy_ids:
        postings.extend(db.execute(select(Vacancy).where(Vacancy.id.in_(vacancy_ids))).scalars())
    if programme_ids:
        postings.extend(
            db.execute(select(PlacementProgramme).where(PlacementProgramme.id.in_(programme_ids))).scalars()
        )
    left = places_left(db, programme_ids) if programme_ids else {}
    for posting in postings:
        if isinstance(posting, Vacancy):
            kind, amount, places = "vacancy", posting.pay, ""
            on = _("closes %(date)s", date=format_date(posting.closes_on)) if posting.closes_on else ""
        else:
            kind, amount = "programme", posting.job_pay
            places = _(
                "%(left)s of %(capacity)s places left",
                left=left.get(posting.id, 0),
                capacity=posting.capacity,
            )
            on = _("starts %(date)s", date=format_date(posting.starts_on)) if posting.starts_on else ""
        pay = ""
        if amount is not None and posting.pay_period in PAY_PERIODS:
            offered = Pay(float(amount), posting.pay_period, posting.currency or "")  # money() shows no code
            period = own or posting.pay_period
            per = offered.per(period, posting.hours_per_week)
            pay = _(PER_PERIOD[period], money=money(per, posting.currency))
        hours = posting.hours_per_week
        facts[f"{kind}:{posting.id}"] = CardFacts(
            posting.employer.name if posting.employer else "",
            pay,
            _("%(hours)s hours a week", hours=format_decimal(hours)) if hours else "",
            on,
            places,
        )
    return facts


def filters_from(
    args: Any, currency: str | None, own_period: str | None = None
) -> tuple[MatchFilters, dict[str, str]]:
    """Counsellor filters from the query string; bad values are named, not ignored.

    The pay filter's period defaults to the person's own pay period (``own_period``).
    """
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
    period = args.get("pay_period") or (own_period if own_period in PAY_PERIODS else "hour")
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
    """The person's stored vectors, or ``None`` (preparation asked for) if any phrase has none yet.

    Also ``None`` when this process has read ESCO and a phrase's vector was not made the way it
    now would be (words in another language stored before ESCO was read, say).
    """
    table = vectors.person_table(person.prepared, key, index.dim)
    texts = person_texts(profile)
    if table.missing(texts):
        preparation.request_people([person.id])
        return None
    wanted = bridging.ways(texts, services.person_bridge())
    if bridging.to_make(texts, key, table, vectors.person_made(person.prepared, key), wanted):
        preparation.request_people([person.id], through_esco=True)
        return None
    return table


def _who(person: Person, profile: PersonProfile, key: vectors.Keys) -> str:
    """What the matcher saw of the person: their profile and how their vectors were made."""
    made = sorted({way for way in vectors.person_made(person.prepared, key).values() if way})
    return match_cache.person_digest(profile, key, made)


def ranked(db: Session, person: Person, filters: MatchFilters, top_k: int = 20) -> MatchPage:
    """The person's best openings with reasons in the user's language, and what was ruled out by cause."""
    index = match_index.current(db)
    key = vectors.keys()
    profile = to_profile(person)
    table = _person_vectors(person, profile, key, index)
    notes = languages.matching_notes(person.pseudonym, profile, services.person_bridge())
    if table is None or index.matcher is None:
        return MatchPage((), 0, (), (), table is not None, index.waiting, index.total, language_notes=notes)
    outcome = index.matcher.constraints(profile, filters)
    entry = match_cache.entry_key("fits", filters, str(get_locale() or "en"), top_k)
    who, reach = _who(person, profile, key), index.reach_digest(~outcome.excluded)
    kept = match_cache.lookup(db, person.id, entry, who, reach)
    if kept is None:
        ranking = index.matcher.rank_with_exclusions(
            profile,
            top_k=top_k,
            filters=filters,
            max_exclusions=0,
            translate=LocaleTranslate(),
            encode=table.encode,
        )
        shown = [ShownMatch.of(m, *index.rows[m.vacancy_id]) for m in ranking.matches]
        kept = {
            "rows": [asdict(r) for r in shown],
            "late": ranking.excluded_count - int(outcome.excluded.sum()),
        }
        match_cache.store(db, person.id, entry, who, reach, kept)
        _remember_programme_scores(db, index, person, profile, table, key)
    rows = [ShownMatch.kept(r) for r in kept["rows"]]
    late = int(kept["late"])
    nearby, elsewhere = _nearby(outcome)
    limit_causes, filter_causes, filtered = _left_out_by_cause(nearby, late)
    return MatchPage(
        tuple(r for r in rows if r.fits),
        int(nearby.excluded.sum()) + late,
        limit_causes,
        tuple(r for r in rows if not r.fits),
        True,
        index.waiting,
        index.total,
        card_facts(db, person, rows),
        notes,
        elsewhere,
        filtered,
        filter_causes,
    )


def _nearby(outcome: ConstraintOutcome) -> tuple[ConstraintOutcome, int]:
    """``outcome`` without the openings further than any travel limit, and how many those are.

    A Manchester person's "left out for distance" should not count the jobs in Kathmandu:
    no limit they could give would reach them, so they are another place's openings.
    """
    far = np.nan_to_num(outcome.distance_km, nan=0.0) > MAX_TRAVEL_KM
    if not far.any():
        return outcome, 0
    return replace(outcome, hard={code: mask & ~far for code, mask in outcome.hard.items()}), int(far.sum())


def _left_out_by_cause(
    nearby: ConstraintOutcome, late: int
) -> tuple[tuple[tuple[str, int], ...], tuple[tuple[str, int], ...], int]:
    """Per cause, the openings the person's limits leave out, then the filters'; how many only filters drop.

    A filter's count is of the openings no limit of the person's leaves out.
    """
    limits, filters = nearby.split()
    only = filters.excluded & ~limits.excluded
    filters = replace(filters, hard={code: mask & only for code, mask in filters.hard.items()})
    return cause_counts(limits, late), cause_counts(filters), int(only.sum())


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
    who, reach = _who(person, profile, key), _programmes_reach(index)
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
        who = _who(person, profile, key)
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


#: The matches page's filters, carried to a vacancy's page and back.
FILTER_ARGS = ("max_distance_km", "sector", "kind", "min_hours", "max_hours", "min_pay", "pay_period")


def filter_args(args: Any) -> dict[str, str]:
    """The matches page's filters found in ``args`` (nothing else is carried along)."""
    return {k: str(args[k]) for k in FILTER_ARGS if args.get(k)}


def one(db: Session, person: Person, ref: str) -> Match | Exclusion | None:
    """The person's match with one open opening, in the user's language (``None``: not ready or not open)."""
    index = match_index.current(db)
    profile = to_profile(person)
    table = _person_vectors(person, profile, vectors.keys(), index)
    if table is None or index.matcher is None or ref not in index.rows:
        return None
    return index.matcher.explain(profile, ref, translate=LocaleTranslate(), encode=table.encode)
