"""Fill programme places by the expected number of people employed at a horizon (issue 20).

The cohort's candidate pairs (people x programmes with places, with their match scores) become a
one-month :class:`matcher.outcomes.History` of unproposed pairs with the same features a
proposal's snapshot keeps (:func:`web.placements.history.snapshot`). An outcome model learned
from the stored history (:func:`web.placements.history.model_for`) gives each pair's probability
of employment; :func:`matcher.outcomes.propose_for_cohort` maximises their sum within the places
left. With too little history the match score is the objective, and the result says why.
Protected attributes never reach the features: the snapshot reads only distance, hours and pay.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np
from flask_babel import format_date, format_decimal
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from matcher.outcomes import HORIZONS, PlacementRecord, from_records, propose_for_cohort
from web.i18n import percent
from web.placements import history as learning
from web.storage.schema import Person, PlacementProgramme, utctoday

OBJECTIVES = ("match_score", "expected_outcome")


def propose(
    db: Session,
    people: Sequence[Person],
    programmes: Sequence[tuple[str, int]],
    matrix: np.ndarray,
    left: dict[int, int],
    horizon: int,
    min_score: float | None = None,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """Propose by expected outcome; return the JSON-ready additions to the cohort's result.

    ``matrix[i, j]`` is person ``i``'s match score (0-100, NaN: ruled out) for programme ``j``
    of ``programmes`` (``(ref, id)``). The returned ``assignment`` is the library's
    :class:`~matcher.assignment.Assignment` (person ids, programme refs, scores 0-1), for the
    people left unplaced.
    """
    if horizon not in HORIZONS:
        raise ValueError(f"horizon must be one of {', '.join(map(str, HORIZONS))} months")
    day = today or utctoday()
    wanted = [i for _r, i in programmes]
    by_id = {
        p.id: p
        for p in db.execute(select(PlacementProgramme).where(PlacementProgramme.id.in_(wanted))).scalars()
    }
    records, snapshots = [], {}
    for i, person in enumerate(people):
        for j, (ref, programme_id) in enumerate(programmes):
            score = float(matrix[i, j])
            if not np.isfinite(score) or (min_score is not None and score < min_score):
                continue
            programme = by_id[programme_id]
            taken = learning.snapshot(person, programme, score)
            snapshots[(person.id, programme_id)] = taken
            records.append(
                PlacementRecord(
                    person=person.id,
                    opening=ref,
                    employer=programme.employer.ref,
                    day=day,
                    programme=True,
                    sector=programme.sector,
                    score=taken["score"],
                    features=learning.finite(taken["features"]),
                )
            )
    model, fallback = learning.model_for(learning.load_history(db), horizon, day)
    if not records:
        return {"assignment": None, "pairs": [], "expected_employed": None, "fallback": fallback}
    cohort = from_records(records)
    result = propose_for_cohort(
        model,
        cohort,
        np.arange(len(cohort)),
        capacities={ref: left.get(i, 0) for ref, i in programmes},
        fallback="too little history" if fallback else None,
    )
    ids = {ref: i for ref, i in programmes}
    scores = {
        (p.id, programme_id): float(matrix[a, b])
        for a, p in enumerate(people)
        for b, (_r, programme_id) in enumerate(programmes)
    }
    pairs = []
    for pair in result.pairs:
        programme_id = ids[str(pair.placement)]
        pairs.append(
            {
                "person": int(pair.person),
                "programme": programme_id,
                "score": round(scores[(int(pair.person), programme_id)], 1),
                "probability": None if pair.probability is None else round(pair.probability, 4),
                "reasons": [
                    {
                        "feature": r.feature,
                        "value": r.value,
                        "contribution": round(r.contribution, 4),
                        "typical": None if model is None else model.typical(r.feature),
                    }
                    for r in pair.reasons
                ],
                "sector": by_id[programme_id].sector,
            }
        )
    return {
        "assignment": result.assignment,
        "pairs": pairs,
        "expected_employed": None if result.expected_employed is None else round(result.expected_employed, 2),
        "fallback": fallback,
        "learned_from": None
        if model is None
        else {**learned_from(model), "synthetic": learning.synthetic_count(db)},
    }


def learned_from(model: Any) -> dict[str, Any]:
    """How much the model learned from, JSON-ready."""
    return {
        "proposals": int(model.n_proposals_),
        "employed": int(model.n_employed_),
        "from": model.trained_from_.isoformat(),
        "until": model.trained_until_.isoformat(),
        "auc": round(float(model.validation_.auc), 3),
        "auc_match_score": round(float(model.validation_.auc_match_score), 3),
    }


#: What each feature of the model is, in words (the reason's value is formatted by :func:`reason_text`).
FEATURE_TEXT = {
    "distance_km": _l("Distance: %(value)s km"),
    "hours_fit": _l("How well the hours fit what they want (%(value)s, 1 = exactly)"),
    "pay_fit": _l("How the pay compares with what they want (%(value)s, 0 = the same)"),
    "score": _l("Match score %(value)s"),
    "programme": _l("A programme place rather than a job"),
    "sector": _l("The sector (%(value)s)"),
    "opening_track_record": _l("This programme's record: %(value)s of people proposed still employed"),
    "employer_track_record": _l("This employer's record: %(value)s of people proposed still employed"),
}


#: features whose reason says the typical value it is compared with (a sector or programme flag has none)
COMPARED = ("distance_km", "hours_fit", "pay_fit", "score", "opening_track_record", "employer_track_record")
TYPICAL = _l("%(what)s, against a typical %(typical)s")
RAISES = _l("%(what)s: raises the chance by %(points)s points")
LOWERS = _l("%(what)s: lowers the chance by %(points)s points")


def _number(name: str, value: float) -> str:
    """A feature's value as the reasons show it, in the reader's locale."""
    if name == "score":
        return format_decimal(value * 100, format="#,##0")
    if name.endswith("_track_record"):
        return percent(value)
    return format_decimal(value, format="#,##0.##")


def reason_text(reason: dict[str, Any], sector: str) -> str:
    """One reason in plain words, in the reader's locale, with the typical value it is measured from."""
    name, value = reason["feature"], reason["value"]
    shown = sector if name == "sector" else _number(name, value)
    what = str(FEATURE_TEXT.get(name, name)) % {"value": shown}
    typical = reason.get("typical")
    if typical is not None and name in COMPARED:  # what "raises" or "lowers" is measured from
        usual = _number(name, typical) + (" km" if name == "distance_km" else "")
        what = str(TYPICAL) % {"what": what, "typical": usual}
    points = format_decimal(abs(reason["contribution"]) * 100, format="#,##0.#")
    return str(RAISES if reason["contribution"] >= 0 else LOWERS) % {"what": what, "points": points}


FALLBACK_TEXT = _l(
    "Too little history to learn from: %(found)s placements with a known %(horizon)s-month outcome, "
    "at least %(needed)s needed (and %(per_class)s of each kind). The places follow the match score instead."
)


def pair_view(pair: dict[str, Any]) -> dict[str, Any]:
    """A proposed pair's probability (a percentage in the reader's locale) and reasons in words."""
    probability = pair.get("probability")
    return {
        "probability_text": "" if probability is None else percent(probability),
        "reasons_text": [reason_text(r, pair.get("sector", "")) for r in pair.get("reasons", [])],
    }


def summary_view(result: dict[str, Any]) -> dict[str, Any] | None:
    """What the page says of a proposal by expected outcome: expectation, what it learned from, or why not.

    None for a proposal by match score that was asked for as such.
    """
    if result.get("asked") != "expected_outcome":
        return None
    horizon = result.get("horizon", 6)
    fallback = result.get("fallback")
    learned = result.get("learned_from")
    expected = result.get("expected_employed")
    return {
        "horizon": horizon,
        "expected_text": ""
        if expected is None
        else str(EXPECTED_TEXT)
        % {
            "expected": format_decimal(expected, format="#,##0.#"),
            "horizon": horizon,
            "pairs": len(result["pairs"]),
        },
        "learned_text": ""
        if not learned
        else str(LEARNED_TEXT)
        % {
            "proposals": format_decimal(learned["proposals"]),
            "employed": format_decimal(learned["employed"]),
            "start": format_date(dt.date.fromisoformat(learned["from"])),
            "end": format_date(dt.date.fromisoformat(learned["until"])),
        }
        + ("" if not learned.get("synthetic") else " " + str(SYNTHETIC_TEXT)),
        "fallback_text": ""
        if not fallback
        else str(FALLBACK_TEXT)
        % {
            "found": format_decimal(fallback["found"]),
            "horizon": fallback["horizon"],
            "needed": format_decimal(fallback["needed"]),
            "per_class": format_decimal(fallback["per_class"]),
        },
    }


EXPECTED_TEXT = _l(
    "Expected to be still employed at %(horizon)s months: %(expected)s of the %(pairs)s people proposed."
)
SYNTHETIC_TEXT = _l(
    "This history includes synthetic records generated for the demo, not real placements: "
    "its figures only show how the page works."
)
LEARNED_TEXT = _l(
    "Learned from %(proposals)s past proposals with a known outcome (%(employed)s still employed), "
    "made since %(start)s, with what was known by %(end)s."
)
