"""Filling placement programmes with the caseload, reviewed before anything is proposed.

Score the caseload against every programme with places left (reusing the scores kept by
:mod:`web.matching.cache`), assign optimally or stably, and let the counsellor review the result.

The assignment only proposes. Confirming creates ``proposed`` placements, each still
needing the person's agreement, and only for people whose consent to matching is in force.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from matcher.assignment import assign_greedy, assign_optimal, assign_stable, from_score_matrix
from matcher.constraints import haversine_km
from matcher.scoring import DEFAULT_WEIGHTS
from web.i18n import N_
from web.infra import audit, services
from web.infra.jobs import report_progress
from web.matching import index as match_index
from web.matching import preparation, vectors
from web.matching.service import programme_scores
from web.people.service import consents_in_force
from web.placements import by_outcome
from web.placements.pipeline import CLOSED, TransitionRefused
from web.placements.service import places_left
from web.storage.schema import Person, PlacementProgramme, PlacementProposal

METHODS = ("optimal", "stable")


def candidates(db: Session, organisation_id: int) -> list[Person]:
    """People of the organisation who agreed to matching and have no active programme proposal."""
    busy = set(
        db.execute(
            select(PlacementProposal.person_id).where(
                PlacementProposal.programme_id.is_not(None), PlacementProposal.state.not_in(CLOSED)
            )
        ).scalars()
    )
    people = db.execute(select(Person).where(Person.organisation_id == organisation_id).order_by(Person.ref))
    return [p for p in people.scalars() if p.id not in busy and "matching" in consents_in_force(p)]


def reachable_places(db: Session, people: Sequence[Person], left: dict[int, int]) -> tuple[int, int]:
    """``(reachable, out of reach)``: places left at programmes at least one of ``people`` can reach.

    A person reaches a programme within their own distance limit, as the matching has it: with
    no limit given, within ``ScoreWeights.travel_limit_km``; with no location on either side, it
    counts as reachable. Places nobody in the caseload can reach are not offered to them, so they
    are not counted as open for them.
    """
    reachable = out_of_reach = 0
    programmes = db.execute(select(PlacementProgramme).where(PlacementProgramme.id.in_(list(left)))).scalars()
    for programme in programmes:
        places = left.get(programme.id, 0)
        if places and any(_reaches(person, programme) for person in people):
            reachable += places
        else:
            out_of_reach += places
    return reachable, out_of_reach


def _reaches(person: Person, programme: PlacementProgramme) -> bool:
    where = person.location or {}
    lat, lon = where.get("latitude"), where.get("longitude")
    to_lat, to_lon = programme.latitude, programme.longitude
    if lat is None or lon is None or to_lat is None or to_lon is None:
        return True
    return float(haversine_km(lat, lon, to_lat, to_lon)) <= DEFAULT_WEIGHTS.travel_limit_km(
        person.max_distance_km
    )


def _ready_programmes(db: Session, left: dict[int, int]) -> list[tuple[str, int]]:
    """``(ref, id)`` of the programmes with places left, prepared first if any is not (a job may encode)."""
    index = match_index.current(db)
    wanted = {i for i, n in left.items() if n > 0}
    if wanted - {row_id for kind, row_id in index.rows.values() if kind == "programme"}:
        with preparation.exclusive():
            preparation.prepare_postings(db, services.encoder, services.screener_or_none, vectors.keys())
        index = match_index.current(db)
    return [(ref, index.rows[ref][1]) for ref in index.programme_refs if index.rows[ref][1] in wanted]


def _scores(db: Session, people: list[Person]) -> dict[int, dict[str, float | None]]:
    """Every person's programme scores: kept ones reused, people not prepared yet prepared now."""
    scores, unprepared = programme_scores(db, people)
    if unprepared:
        with preparation.exclusive():
            bridge = services.person_bridge()
            preparation.prepare_people(db, services.encoder, vectors.keys(), unprepared, bridge=bridge)
        more, _still = programme_scores(db, [p for p in people if p.id in set(unprepared)])
        scores |= more
    return scores


def run_cohort(
    db: Session,
    organisation_id: int,
    method: str,
    min_score: float | None = None,
    objective: str = "match_score",
    horizon: int = 6,
) -> dict[str, Any]:
    """Score and assign; return a JSON-ready proposal for the counsellor to review (ids, no names).

    Scores come from :mod:`web.matching.cache` where the person and the programmes have not
    changed since they were last computed (on their matches page, or a previous run).
    ``objective`` ``expected_outcome`` maximises the expected number of people employed at
    ``horizon`` months instead of the total score (:mod:`web.placements.by_outcome`).
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}")
    if objective not in by_outcome.OBJECTIVES:
        raise ValueError(f"objective must be one of {', '.join(by_outcome.OBJECTIVES)}")
    report_progress(0.05, N_("Reading the caseload and the programmes"))
    people = candidates(db, organisation_id)
    left = places_left(db)
    programmes = _ready_programmes(db, left) if people else []
    if not people or not programmes:
        return {
            "method": method,
            "pairs": [],
            "unassigned": [
                {"person": p.id, "reason": "no_eligible_placement", "best_score": None} for p in people
            ],
            "total_score": 0.0,
            "greedy_total": 0.0,
            "people": len(people),
            "programmes": len(programmes),
            "places": 0,
            "agreement": "",
            "objective": objective,
            "horizon": horizon,
        }
    report_progress(
        0.2,
        N_("Scoring %(people)s people against %(programmes)s programmes"),
        people=len(people),
        programmes=len(programmes),
    )
    scores = _scores(db, people)
    matrix = np.array(
        [[_score(scores.get(p.id, {}), ref) for ref, _id in programmes] for p in people], dtype=np.float64
    )
    db.commit()  # scores are kept for the next run; no write stays open while places are assigned
    programme_ids = [row_id for _ref, row_id in programmes]
    fits = np.isfinite(matrix) if min_score is None else np.isfinite(matrix) & (matrix >= min_score)
    capacities = np.array([left[i] for i in programme_ids])
    reach = {
        "places": int(capacities[fits.any(axis=0)].sum()),  # places someone in the caseload fits
        # the programmes each person fits: the only ones a counsellor may move them to
        "fits": {
            str(p.id): [programme_ids[j] for j in np.flatnonzero(fits[i])] for i, p in enumerate(people)
        },
    }
    if objective == "expected_outcome":
        report_progress(0.8, N_("Learning from past placements and assigning places"))
        return {**_by_outcome(db, people, programmes, matrix, left, min_score, method, horizon), **reach}
    report_progress(0.8, N_("Assigning places"))
    instance = from_score_matrix(
        [p.id for p in people],
        programme_ids,
        [left[i] for i in programme_ids],
        matrix,
        min_score=min_score,
    )
    results = {"optimal": assign_optimal(instance), "stable": assign_stable(instance)}
    results["greedy"] = assign_greedy(instance)
    report_progress(1.0, N_("Done"))
    plain = {**_plain(results[method], method, len(people), len(programmes)), **reach}
    plain["agreement"] = _agreement(results, fits, capacities)
    plain["objective"] = objective
    plain["horizon"] = horizon
    return plain


def _by_outcome(
    db: Session,
    people: list[Person],
    programmes: list[tuple[str, int]],
    matrix: Any,
    left: dict[int, int],
    min_score: float | None,
    method: str,
    horizon: int,
) -> dict[str, Any]:
    """The proposal by expected outcome (or by match score, saying why), in the usual result's shape."""
    found = by_outcome.propose(db, people, programmes, matrix, left, horizon, min_score)
    report_progress(1.0, N_("Done"))
    plain: dict[str, Any] = {
        "method": "optimal",
        "people": len(people),
        "programmes": len(programmes),
        "total_score": round(sum(p["score"] for p in found["pairs"]), 2),
        "greedy_total": None,
        "pairs": found["pairs"],
        "unassigned": [],
        "blocking_pairs": 0,
        "agreement": "",
    }
    if found["assignment"] is not None:  # scores in the cohort history are 0-1
        plain["unassigned"] = [
            {
                "person": int(e.person),
                "reason": e.reason,
                "best_score": None if e.score is None else round(float(e.score) * 100, 1),
            }
            for e in found["assignment"].explanations
            if e.reason != "assigned"
        ]
    assigned = {p["person"] for p in found["pairs"]} | {u["person"] for u in plain["unassigned"]}
    plain["unassigned"] += [
        {"person": p.id, "reason": "no_eligible_placement", "best_score": None}
        for p in people
        if p.id not in assigned
    ]
    plain.update(
        objective="match_score" if found["fallback"] else "expected_outcome",
        asked="expected_outcome",
        horizon=horizon,
        expected_employed=found["expected_employed"],
        learned_from=found.get("learned_from"),
        fallback=found["fallback"],
    )
    return plain


def _agreement(results: dict[str, Any], fits: Any, capacities: Any) -> str:
    """Why the methods give the same places (a key of :data:`AGREEMENT_TEXT`), or ``""`` if they differ.

    ``no_competition``: no programme has more people who fit it than places, so every method
    gives everyone who fits a place, and the same one whenever each fits only one. ``same_order``:
    people do compete, but the best score for each contested place also goes to someone with no
    better alternative, so maximising the total and respecting everyone's preferences agree.
    """
    chosen = [frozenset((p.person, p.placement) for p in r.pairs) for r in results.values()]
    if any(c != chosen[0] for c in chosen):
        return ""
    contested = bool((fits.sum(axis=0) > capacities).any())
    return "same_order" if contested else "no_competition"


def _score(scores: dict[str, float | None], ref: str) -> float:
    found = scores.get(ref)
    return float("nan") if found is None else float(found)


def _plain(result: Any, method: str, n_people: int, n_programmes: int) -> dict[str, Any]:
    return {
        "method": method,
        "people": n_people,
        "programmes": n_programmes,
        "total_score": round(float(result.total_score), 2),
        "greedy_total": round(float(result.greedy_total), 2),
        "pairs": [
            {"person": int(p.person), "programme": int(p.placement), "score": round(float(p.score), 1)}
            for p in result.pairs
        ],
        "unassigned": [
            {
                "person": int(e.person),
                "reason": e.reason,
                "best_score": None if e.score is None else round(float(e.score), 1),
            }
            for e in result.explanations
            if e.reason != "assigned"
        ],
        "blocking_pairs": len(result.blocking_pairs),
    }


def confirm(db: Session, user: Any, pairs: Sequence[tuple[Any, ...]]) -> int:
    """Create ``proposed`` placements for the pairs the counsellor kept; return how many.

    Each pair is ``(person id, programme id, score)``, optionally with an
    :class:`~web.placements.service.EngineChoice` (the engine's probability, any override).
    """
    from web.people.service import person_for
    from web.placements.service import propose

    made = 0
    for person_id, programme_id, score, *engine in pairs:
        person = person_for(db, user, person_id, "propose")
        propose(
            db, user, person, programme_id=programme_id, score=score, engine=engine[0] if engine else None
        )
        made += 1
    return made


def confirm_reviewed(
    db: Session, user: Any, result: dict[str, Any], kept: set[str], moves: dict[int, int]
) -> int:
    """Propose the reviewed pairs: kept as proposed, moved to another programme, or dropped.

    ``kept`` holds the keys (``person:programme``) of the pairs still ticked; ``moves`` maps a
    person to the programme the counsellor chose instead. Every drop and move is recorded in the
    audit log, and a moved proposal is marked ``override="moved"``; kept pairs keep the
    engine's probability. A move to a programme with no place left is refused.
    """
    from web.placements.service import EngineChoice

    left = places_left(db)
    chosen: list[tuple[Any, ...]] = []
    horizon = result.get("horizon") if result.get("objective") == "expected_outcome" else None
    for pair in result["pairs"]:
        person, programme = pair["person"], pair["programme"]
        if f"{person}:{programme}" not in kept:
            audit.record(db, "drop_proposed_pair", actor_id=user.id, object_type="person", object_id=person)
            continue
        target = moves.get(person, programme)
        if target != programme:
            if left.get(target, 0) <= 0:
                raise TransitionRefused(
                    N_("That programme has no place left; choose another or keep the proposal.")
                )
            audit.record(db, "move_proposed_pair", actor_id=user.id, object_type="person", object_id=person)
            chosen.append((person, target, None, EngineChoice(override="moved")))
        else:
            probability = pair.get("probability")
            engine = EngineChoice(
                probability=probability, horizon=horizon if probability is not None else None
            )
            chosen.append((person, programme, pair["score"], engine))
        left[target] = left.get(target, 0) - 1
    return confirm(db, user, chosen)


REASON_TEXT = {
    "no_eligible_placement": _l(
        "No programme fits their own limits (languages, distance, hours, pay or exclusions)."
    ),
    "below_min_score": _l("Every programme scores below the minimum score you set."),
    "outranked": _l("The programmes that fit them were filled by people with higher scores."),
    "outranked_by_outcome": _l(
        "The programmes that fit them were filled by people more likely to be still in work there."
    ),
    "opted_out": _l("They opted out."),
}


AGREEMENT_TEXT = {
    "no_competition": _l(
        "Best total fit, stable and first-come give the same places here, because no programme has more "
        "people who fit it than places: nobody competes for a place, so there is no choice to make."
    ),
    "same_order": _l(
        "Best total fit, stable and first-come give the same places here: where people compete for a "
        "place, the highest score goes to someone with no better alternative, so every method makes the "
        "same choice."
    ),
}


def _title(programme: PlacementProgramme) -> str:
    return f"{programme.title} ({programme.employer.name})"


def _reason_text(reason: str, by_chance: bool) -> str:
    """Why a person was not placed, in words (outranked reads differently when places follow chances)."""
    key = "outranked_by_outcome" if by_chance and reason == "outranked" else reason
    return str(REASON_TEXT.get(key, key))


def describe(db: Session, result: dict[str, Any]) -> dict[str, Any]:
    """The job's result with names and titles, for the review page (people erased since are left out)."""
    people = {
        p.id: p
        for p in db.execute(
            select(Person).where(
                Person.id.in_(
                    [r["person"] for r in result["pairs"]] + [r["person"] for r in result["unassigned"]]
                )
            )
        ).scalars()
    }
    programmes = {p.id: p for p in db.execute(select(PlacementProgramme)).scalars()}
    left = places_left(db)
    for r in result["pairs"]:  # a move is offered only into a place this result leaves free
        left[r["programme"]] = left.get(r["programme"], 0) - 1
    fits = result.get("fits")  # None in results kept from before it was recorded
    pairs = [
        {
            **r,
            "key": f"{r['person']}:{r['programme']}",
            "name": people[r["person"]].pseudonym,
            "programme_title": _title(programmes[r["programme"]]),
            "moves": [
                (i, _title(p))
                for i, p in programmes.items()
                if i != r["programme"]
                and left.get(i, 0) > 0
                and (fits is None or i in fits.get(str(r["person"]), ()))
            ],
            **by_outcome.pair_view(r),
        }
        for r in result["pairs"]
        if r["person"] in people and r["programme"] in programmes
    ]
    by_chance = result.get("objective") == "expected_outcome"
    unassigned = [
        {**r, "name": people[r["person"]].pseudonym, "why": _reason_text(r["reason"], by_chance)}
        for r in result["unassigned"]
        if r["person"] in people
    ]
    gain = result["total_score"] - (result["greedy_total"] or 0.0)
    agreement = str(AGREEMENT_TEXT.get(result.get("agreement") or "", ""))
    return {
        **result,
        "pairs": pairs,
        "unassigned": unassigned,
        "gain_over_greedy": round(gain, 1),
        "agreement_text": agreement,
        "outcome": by_outcome.summary_view(result),
    }
