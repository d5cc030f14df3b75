"""The placement history the outcome model learns from: real proposals and stored records.

Every proposal keeps a snapshot of the match's numeric features when it was made
(:func:`snapshot`: distance, hours fit, pay fit, the match score, programme or job, sector; never
a protected attribute). :func:`load_history` turns the proposals, with outcomes read from their
dated pipeline steps (:func:`outcomes_of`), and the de-identified records of ``outcome_records``
(the synthetic demo history, say) into one :class:`matcher.outcomes.History`. :func:`model_for`
fits an :class:`~matcher.outcomes.OutcomeModel` on it, or says why it cannot, and keeps the
fitted model in this process for as long as the history does not change.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import threading
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from matcher.assignment import Id
from matcher.constraints import haversine_km
from matcher.exceptions import TooLittleHistoryError
from matcher.outcomes import (
    HORIZONS,
    History,
    Outcome,
    OutcomeModel,
    PlacementRecord,
    check_features,
    from_records,
)
from web.placements.pipeline import CLOSING, Step
from web.storage.schema import (
    OutcomeRecord,
    Person,
    PlacementProgramme,
    PlacementProposal,
    Vacancy,
)

#: The match features a proposal's snapshot and a stored record carry, besides the score.
FEATURES: tuple[str, ...] = ("distance_km", "hours_fit", "pay_fit")
#: Hours apart (wanted vs offered) at which the hours fit reaches 0 (as in ``simulate_history``).
HOURS_SPAN = 20.0
#: Relative pay difference at which the pay fit reaches -1 or 1 (as in ``simulate_history``).
PAY_SPAN = 0.3

Posting = PlacementProgramme | Vacancy


def _hours_fit(person: Person, hours: float | None) -> float | None:
    wanted = [h for h in (person.min_hours_per_week, person.max_hours_per_week) if h is not None]
    if hours is None or not wanted:
        return None
    return round(1.0 - abs(sum(wanted) / len(wanted) - float(hours)) / HOURS_SPAN, 4)


def _pay(posting: Posting) -> tuple[float | None, str | None, str | None]:
    if isinstance(posting, PlacementProgramme):
        pay = posting.job_pay
    else:
        pay = posting.pay
    return (None if pay is None else float(pay)), posting.pay_period, posting.currency


def _pay_fit(person: Person, posting: Posting) -> float | None:
    pay, period, currency = _pay(posting)
    if pay is None or not person.desired_pay or (person.pay_period, person.currency) != (period, currency):
        return None
    relative = (pay / float(person.desired_pay) - 1.0) / PAY_SPAN
    return round(max(-1.0, min(1.0, relative)), 4)


def _distance(person: Person, posting: Posting) -> float | None:
    where = person.location or {}
    lat, lon = where.get("latitude"), where.get("longitude")
    if lat is None or lon is None or posting.latitude is None or posting.longitude is None:
        return None
    return round(float(haversine_km(float(lat), float(lon), posting.latitude, posting.longitude)), 2)


def snapshot(person: Person, posting: Posting, score: float | None) -> dict[str, Any]:
    """The match's numeric features for a person and an opening, as kept on a proposal (JSON-ready).

    ``score`` is the match score (0-100) or None. Missing parts are None. Nothing protected:
    the names are checked (:func:`matcher.outcomes.check_features`).
    """
    features = {
        "distance_km": _distance(person, posting),
        "hours_fit": _hours_fit(person, posting.hours_per_week),
        "pay_fit": _pay_fit(person, posting),
    }
    check_features(tuple(features))
    return {
        "score": None if score is None else round(float(score) / 100.0, 4),
        "programme": isinstance(posting, PlacementProgramme),
        "sector": posting.sector,
        "features": features,
    }


def outcomes_of(steps: Iterable[Step]) -> tuple[Outcome, ...]:
    """Outcomes at 3, 6 and 12 months from a proposal's dated steps (docs/outcomes.md's table).

    Reaching ``employed_h_months`` is employed, known on that step's day; a closing step
    reached first is not employed, known on the closing day; neither: unknown (left out).
    """
    steps = list(steps)
    reached = {s.state: s.on for s in steps}
    closed = next((s.on for s in steps if s.state in CLOSING), None)
    found = []
    for horizon in HORIZONS:
        day = reached.get(f"employed_{horizon}_months")
        if day is not None:
            found.append(Outcome(horizon, True, day))
        elif closed is not None:
            found.append(Outcome(horizon, False, closed))
    return tuple(found)


def finite(features: dict[str, Any]) -> dict[str, float]:
    """A snapshot's features as numbers (None: NaN, missing), only the known :data:`FEATURES`."""
    return {
        name: float("nan") if value is None else float(value)
        for name, value in features.items()
        if name in FEATURES
    }


def proposal_record(proposal: PlacementProposal) -> PlacementRecord | None:
    """A proposal as a learning record (person and opening as opaque refs); None without a score."""
    posting: Posting | None = proposal.programme or proposal.vacancy
    taken = proposal.features or {}
    score = taken.get("score")
    if score is None and proposal.score is not None:
        score = proposal.score / 100.0
    if posting is None or score is None or not math.isfinite(score):
        return None
    steps = [Step(e.to_state, e.happened_on, e.at, e.by_user_id, e.reason) for e in proposal.events]
    day = min((e.happened_on for e in proposal.events), default=proposal.created_at.date())
    return PlacementRecord(
        person=f"person-{proposal.person_id}",
        opening=posting.ref,
        employer=posting.employer.ref,
        day=day,
        programme=proposal.programme_id is not None,
        sector=posting.sector,
        score=float(score),
        features=finite(taken.get("features") or {}),
        proposed=True,
        propensity=proposal.propensity,
        outcomes=outcomes_of(steps),
    )


def stored_record(row: OutcomeRecord) -> PlacementRecord:
    """One row of ``outcome_records`` as a learning record."""
    return PlacementRecord(
        person=row.case_key,
        opening=row.opening,
        employer=row.employer,
        day=row.day,
        programme=row.programme,
        sector=row.sector,
        score=row.score,
        features=finite(row.features),
        proposed=row.proposed,
        propensity=row.propensity,
        outcomes=tuple(
            Outcome(int(h), bool(o["employed"]), dt.date.fromisoformat(o["known_on"]))
            for h, o in sorted(row.outcomes.items(), key=lambda item: int(item[0]))
        ),
    )


def records(db: Session) -> tuple[list[PlacementRecord], dict[Id, Mapping[str, str]]]:
    """Every learning record (real proposals, then stored ones) and the stored audit attributes."""
    proposals = db.execute(
        select(PlacementProposal)
        .options(selectinload(PlacementProposal.events))
        .order_by(PlacementProposal.id)
    ).scalars()
    found = [r for r in (proposal_record(p) for p in proposals) if r is not None]
    audit: dict[Id, Mapping[str, str]] = {}
    for row in db.execute(select(OutcomeRecord).order_by(OutcomeRecord.id)).scalars():
        found.append(stored_record(row))
        if row.audit:
            audit[row.case_key] = dict(row.audit)
    return found, audit


def load_history(db: Session) -> History:
    """The placement history to learn from: real proposals and stored records, in one History."""
    found, audit = records(db)
    return from_records(found, audit=audit)


def digest(history: History) -> str:
    """A fingerprint of a history's content: the same history, the same digest."""
    h = hashlib.sha256()
    h.update(
        json.dumps([history.openings, history.employers, history.sectors, history.feature_names]).encode()
    )
    for name in (
        "person",
        "opening",
        "day",
        "score",
        "features",
        "proposed",
        "propensity",
        "employed",
        "known_on",
    ):
        h.update(getattr(history, name).tobytes())
    return h.hexdigest()


Fallback = dict[str, int]
_models: dict[tuple[str, int, dt.date], tuple[OutcomeModel | None, Fallback | None]] = {}
_lock = threading.Lock()
#: Fitted models kept per process (each a few hundred small trees).
KEEP_MODELS = 4


def model_for(history: History, horizon: int, today: dt.date) -> tuple[OutcomeModel | None, Fallback | None]:
    """An outcome model fitted on ``history`` up to ``today`` (reused while the history is unchanged).

    Returns ``(model, None)``, or ``(None, fallback)`` when there is too little history: proposals
    then follow the match score, and ``fallback`` says why (``found``, ``needed``, ``per_class``
    outcomes at ``horizon`` months).
    """
    key = (digest(history), horizon, today)
    with _lock:
        if key in _models:
            return _models[key]
    model = OutcomeModel(horizon, random_state=0)
    fitted: tuple[OutcomeModel | None, Fallback | None]
    try:
        fitted = model.fit(history, until=today), None
    except TooLittleHistoryError as exc:
        fitted = (
            None,
            {
                "found": exc.found,
                "needed": exc.needed,
                "per_class": model.min_per_class,
                "horizon": horizon,
            },
        )
    with _lock:
        if len(_models) >= KEEP_MODELS:
            _models.pop(next(iter(_models)))
        _models[key] = fitted
    return fitted


def synthetic_count(db: Session) -> int:
    """How many stored learning records were generated (``synthetic-*`` sources), not recorded."""
    return int(
        db.scalar(
            select(func.count()).select_from(OutcomeRecord).where(OutcomeRecord.source.like("synthetic%"))
        )
        or 0
    )
