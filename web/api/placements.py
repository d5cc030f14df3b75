"""The API for proposals, their steps, cohort assignment jobs and the vacancy safety review.

Views call the placement, cohort and vacancy services the pages call. A cohort job is
known to the API by a signed handle bound to the user who started it (web/api/jobs.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Response, current_app, g, jsonify, url_for

from matcher.outcomes import HORIZONS
from web.api import shapes
from web.api.core import ApiError, bp, invalid, json_body, only_fields, roles
from web.api.jobs import COHORT_JOBS, job_handle, job_reply
from web.infra import jobs
from web.infra.db import session
from web.people.service import person_for
from web.placements import cohorts, service
from web.placements.by_outcome import OBJECTIVES
from web.placements.pipeline import TransitionRefused
from web.storage.schema import PlacementProposal
from web.vacancies import service as vacancies

COHORT_TASK = "web.tasks:cohort_assignment"


def _refused(refusal: Exception) -> ApiError:
    return ApiError(422, "refused", str(refusal))


def _day(raw: str | None, errors: dict[str, str]) -> dt.date | None:
    """The day a step happened (``YYYY-MM-DD``; none: today); a bad value goes into ``errors``."""
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        errors["on"] = f"should be a date as YYYY-MM-DD, got {raw!r}"
        return None


def _required_ints(body: dict[str, Any], names: tuple[str, ...]) -> None:
    missing = {n: "is required" for n in names if body.get(n) is None}
    if missing:
        raise invalid(missing)


@bp.get("/proposals")
@roles("counsellor", scope="placements:read")
def list_proposals() -> Response:
    """Every proposal of the organisation's caseload, newest first (the board)."""
    return jsonify([shapes.proposal(p) for p in service.caseload_proposals(session(), g.user)])


@bp.post("/proposals")
@roles("counsellor", scope="placements:write")
def propose() -> tuple[Response, int]:
    """Propose a programme place or a vacancy to a person (needs their consent to matching)."""
    db = session()
    body = json_body()
    errors = only_fields(
        body, {"person_id": int, "programme_id": int, "vacancy_id": int, "score": (int, float)}
    )
    if errors:
        raise invalid(errors)
    _required_ints(body, ("person_id",))
    person = person_for(db, g.user, body["person_id"], "propose")
    score = body.get("score")
    try:
        proposal = service.propose(
            db,
            g.user,
            person,
            programme_id=body.get("programme_id"),
            vacancy_id=body.get("vacancy_id"),
            score=None if score is None else float(score),
        )
    except TransitionRefused as refusal:
        raise _refused(refusal) from None
    return jsonify(shapes.proposal(proposal)), 201


@bp.post("/proposals/<int:proposal_id>/moves")
@roles("counsellor", "employer", scope="placements:write")
def move(proposal_id: int) -> Response:
    """Record the next step. Employers record placement, interview and offer outcomes only."""
    db = session()
    proposal = service.proposal_for(db, g.user, proposal_id)
    body = json_body()
    errors = only_fields(body, {"to": str, "reason": str, "share": list, "on": str})
    if not errors and not isinstance(body.get("to"), str):
        errors["to"] = "is required"
    on = _day(body["on"] if isinstance(body.get("on"), str) else None, errors)
    share = body.get("share") or []
    if not errors and not all(isinstance(s, str) for s in share):
        errors["share"] = "should be a list of strings"
    if errors:
        raise invalid(errors)
    try:
        service.move(db, g.user, proposal, body["to"], body.get("reason") or "", share, on)
    except TransitionRefused as refusal:
        raise _refused(refusal) from None
    return _proposal_reply(proposal)


@bp.post("/proposals/<int:proposal_id>/disclosures")
@roles("counsellor", scope="placements:write")
def share(proposal_id: int) -> Response:
    """Share with the employer of an open introduction what the person agrees to now (``[]``: stop)."""
    db = session()
    proposal = service.proposal_for(db, g.user, proposal_id)
    body = json_body()
    errors = only_fields(body, {"share": list})
    share = body.get("share")
    if not errors:
        if not isinstance(share, list):
            errors["share"] = "is required"
        elif not all(isinstance(s, str) for s in share):
            errors["share"] = "should be a list of strings"
    if errors or not isinstance(share, list):
        raise invalid(errors)
    try:
        service.share(db, g.user, proposal, share)
    except TransitionRefused as refusal:
        raise _refused(refusal) from None
    return jsonify(shapes.proposal(proposal))


def _proposal_reply(proposal: PlacementProposal) -> Response:
    if g.user.role == "employer":
        return jsonify(shapes.introduction(service.disclose(proposal)))
    return jsonify(shapes.proposal(proposal))


@bp.get("/introductions")
@roles("employer", scope="placements:read")
def introductions() -> Response:
    """People introduced to the employer: anonymised, plus only what each agreed to share."""
    db = session()
    shown = service.introductions(db, g.user)
    return jsonify([shapes.introduction(i) for i in shown])


@bp.post("/cohort-jobs")
@roles("counsellor", scope="placements:write")
def start_cohort_job() -> tuple[Response, int, dict[str, str]]:
    """Start filling programmes' places from the caseload in the background.

    ``method`` optimal or stable; ``objective`` the match score or the expected number of people
    still employed at ``horizon`` months (3, 6 or 12), learned from past placements.
    """
    body = json_body()
    errors = only_fields(body, {"method": str, "min_score": (int, float), "objective": str, "horizon": int})
    method = body.get("method", "optimal")
    if "method" not in errors and method not in cohorts.METHODS:
        errors["method"] = f"should be one of {', '.join(cohorts.METHODS)}"
    min_score = body.get("min_score")
    if "min_score" not in errors and min_score is not None and not 0 <= min_score <= 100:
        errors["min_score"] = "should be between 0 and 100"
    objective = body.get("objective", "match_score")
    if "objective" not in errors and objective not in OBJECTIVES:
        errors["objective"] = f"should be one of {', '.join(OBJECTIVES)}"
    horizon = body.get("horizon", current_app.config.get("PATHWAYS_OUTCOME_HORIZON", 6))
    if "horizon" not in errors and horizon not in HORIZONS:
        errors["horizon"] = f"should be one of {', '.join(map(str, HORIZONS))} (months)"
    if errors:
        raise invalid(errors)
    job_id = jobs.submit(
        COHORT_TASK,
        owner_id=g.user.id,
        organisation_id=g.user.organisation_id,
        method=method,
        min_score=None if min_score is None else float(min_score),
        objective=objective,
        horizon=int(horizon),
    )
    handle = job_handle(job_id, COHORT_JOBS)
    location = url_for("api.cohort_job", handle=handle)
    return jsonify(job_reply(handle, COHORT_JOBS)), 202, {"Location": location}


@bp.get("/cohort-jobs/<handle>")
@roles("counsellor", scope="placements:read")
def cohort_job(handle: str) -> Response:
    """Progress, then the proposed pairs (ids and scores) for review."""
    return jsonify(job_reply(handle, COHORT_JOBS))


@bp.post("/cohort-jobs/<handle>/confirm")
@roles("counsellor", scope="placements:write")
def confirm_cohort_job(handle: str) -> Response:
    """Propose the pairs kept from a finished job's result: ``{"pairs": [{"person": 1, "programme": 2}]}``."""
    reply = job_reply(handle, COHORT_JOBS)
    body = json_body()
    errors = only_fields(body, {"pairs": list})
    pairs = body.get("pairs")
    if not errors and (
        not isinstance(pairs, list)
        or not all(
            isinstance(p, dict)
            and set(p) == {"person", "programme"}
            and all(isinstance(v, int) and not isinstance(v, bool) for v in p.values())
            for p in pairs
        )
    ):
        errors["pairs"] = "should be a list of {person, programme} objects"
    if errors:
        raise invalid(errors)
    if reply["state"] != "finished":
        raise ApiError(422, "refused", "The job has not finished yet.")
    kept = {(p["person"], p["programme"]) for p in pairs or []}
    chosen = [
        (p["person"], p["programme"], p["score"])
        for p in reply["result"]["pairs"]
        if (p["person"], p["programme"]) in kept
    ]
    db = session()
    try:
        made = cohorts.confirm(db, g.user, chosen)
    except TransitionRefused as refusal:
        raise _refused(refusal) from None
    return jsonify({"proposed": made})


@bp.get("/review-queue")
@roles("counsellor", scope="vacancies:read")
def review_queue() -> Response:
    """Vacancies held by the safety screening in the counsellor's localities, oldest first."""
    return jsonify([shapes.vacancy(v) for v in vacancies.review_queue(session(), g.user)])


@bp.post("/vacancies/<int:vacancy_id>/review")
@roles("counsellor", scope="vacancies:write")
def review(vacancy_id: int) -> Response:
    """Approve (with a note) or reject a held vacancy of the counsellor's localities."""
    db = session()
    vacancy = vacancies.vacancy_to_review(db, g.user, vacancy_id)
    body = json_body()
    errors = only_fields(body, {"decision": str, "note": str})
    if errors:
        raise invalid(errors)
    try:
        vacancies.review(db, g.user, vacancy, body.get("decision") or "", body.get("note") or "")
    except vacancies.ReviewRefused as refusal:
        raise _refused(refusal) from None
    except ValueError as problem:
        field = "note" if body.get("decision") in vacancies.REVIEW_DECISIONS else "decision"
        raise invalid({field: str(problem)}) from None
    return jsonify(shapes.vacancy(vacancy))
