"""Placement pages: the counsellor's board, employers' introductions, outcome figures."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, current_app, flash, g, jsonify, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from matcher.outcomes import HORIZONS
from web.accounts.access import deny, login_required
from web.i18n import N_
from web.infra import jobs
from web.infra.db import discard_changes, session
from web.people.service import person_for
from web.placements import backtests, by_outcome, cohorts, disclosure, service
from web.placements.pipeline import (
    CLOSED,
    JOB,
    PROGRAMME,
    STEPS,
    TransitionRefused,
    outcomes,
)
from web.storage.schema import PlacementProposal

bp = Blueprint("placements", __name__, url_prefix="/placements")
COHORT_TASK = "web.tasks:cohort_assignment"
BACKTEST_TASK = "web.tasks:outcome_backtest"


def _default_horizon() -> int:
    """The horizon the cohort form offers first (``PATHWAYS_OUTCOME_HORIZON``; 6 if not 3, 6 or 12)."""
    configured = str(current_app.config.get("PATHWAYS_OUTCOME_HORIZON", 6))
    return int(configured) if configured in {str(h) for h in HORIZONS} else 6


def _int(name: str) -> int | None:
    value = request.form.get(name, "")
    return int(value) if value.isdigit() else None


def _said(refusal: TransitionRefused) -> str:
    """The refusal in the reader's language, dates as the reader's locale writes them."""
    return refusal.message.text(_, {"date": format_date})


#: The board's columns: every open step of both paths, in the order a proposal meets them.
BOARD_STEPS = tuple(dict.fromkeys(STEPS[PROGRAMME][:6] + STEPS[JOB][3:] + STEPS[PROGRAMME][6:]))


def _day(name: str = "on") -> dt.date | None:
    """The day a step happened, from the form (empty: today); a bad value is refused."""
    raw = request.form.get(name, "").strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise TransitionRefused(
            N_("%(value)s is not a date; give the day the step happened as YYYY-MM-DD."), value=repr(raw)
        ) from None


def _sharing(proposal: PlacementProposal) -> dict[str, object]:
    """What the board shows of one proposal's sharing: what it shares now, and what may be shared."""
    introduced = proposal.state not in disclosure.NOT_INTRODUCED and proposal.state not in CLOSED
    return {
        "current": disclosure.current(proposal),
        "choices": disclosure.agreed_fields(proposal.person),
        "introducing": proposal.state == "person_agreed",
        "introduced": introduced,
    }


@bp.route("/")
@login_required("counsellor")
def board() -> str:
    """Every proposal of the caseload, by step, with its dated history and the steps that may follow."""
    proposals = service.caseload_proposals(session(), g.user)
    columns = [(step, [p for p in proposals if p.state == step]) for step in BOARD_STEPS]
    closed = [p for p in proposals if p.state in CLOSED and p.state not in BOARD_STEPS]
    return render_template(
        "placements/board.html",
        columns=columns,
        closed=closed,
        steps={p.id: service.step_view(p, "counsellor") for p in proposals},
        sharing={p.id: _sharing(p) for p in proposals},
        may_backtest=backtests.may_run(g.user),
    )


@bp.route("/propose", methods=["POST"])
@login_required("counsellor")
def propose() -> Response:
    """Propose a programme place or a vacancy to a person."""
    db = session()
    person_id = _int("person_id")
    person = person_for(db, g.user, person_id or 0, "propose")
    score = request.form.get("score", "")
    try:
        service.propose(
            db,
            g.user,
            person,
            programme_id=_int("programme_id"),
            vacancy_id=_int("vacancy_id"),
            score=float(score) if score.replace(".", "", 1).isdigit() else None,
        )
    except TransitionRefused as refusal:
        discard_changes()  # the redirect would commit the refused change; its audit rows stay
        flash(_said(refusal), "error")
        return redirect(url_for("people.detail", person_id=person.id))
    flash(_("Proposed. Next: talk it through with the person and record whether they agree."), "success")
    return redirect(url_for("placements.board"))


@bp.route("/<int:proposal_id>/move", methods=["POST"])
@login_required("counsellor", "employer")
def move(proposal_id: int) -> Response:
    """Record the next step of a proposal."""
    db = session()
    proposal = service.proposal_for(db, g.user, proposal_id)
    try:
        service.move(
            db,
            g.user,
            proposal,
            request.form.get("to", ""),
            request.form.get("reason", ""),
            request.form.getlist("share"),
            on=_day(),
        )
    except TransitionRefused as refusal:
        discard_changes()  # the redirect would commit the refused change; its audit rows stay
        flash(_said(refusal), "error")
    else:
        flash(_("Step recorded."), "success")
    return redirect(
        url_for("placements.board" if g.user.role == "counsellor" else "placements.introductions")
    )


@bp.route("/<int:proposal_id>/share", methods=["POST"])
@login_required("counsellor")
def share(proposal_id: int) -> Response:
    """Share again with the employer of an open introduction what the person agrees to now (none: stop)."""
    db = session()
    proposal = service.proposal_for(db, g.user, proposal_id)
    try:
        service.share(db, g.user, proposal, request.form.getlist("share"))
    except TransitionRefused as refusal:
        discard_changes()  # the redirect would commit the refused change; its audit rows stay
        flash(_said(refusal), "error")
    else:
        flash(_("What the employer sees is recorded."), "success")
    return redirect(url_for("placements.board"))


@bp.route("/introductions")
@login_required("employer")
def introductions() -> str:
    """People introduced to the employer, by opening, as far as each agreed to share."""
    db = session()
    shown = service.introductions(db, g.user)
    steps = {
        i.proposal_id: service.step_view(db.get_one(PlacementProposal, i.proposal_id), "employer")
        for i in shown
    }
    return render_template("placements/introductions.html", openings=service.by_opening(shown), steps=steps)


@bp.route("/outcomes")
@login_required("counsellor", "employer")
def outcome_figures() -> str:
    """Conversion at each step, time to job and pay, per programme; small counts hidden."""
    employer = g.user.organisation_id if g.user.role == "employer" else None
    return render_template(
        "placements/outcomes.html", groups=outcomes(service.histories(session(), employer))
    )


@bp.route("/cohort", methods=["GET", "POST"])
@login_required("counsellor")
def cohort():
    """Fill programmes' places from the caseload: start the assignment in the background."""
    db = session()
    if request.method == "GET":
        people = cohorts.candidates(db, g.user.organisation_id)
        reachable, out_of_reach = cohorts.reachable_places(db, people, cohorts.places_left(db))
        return render_template(
            "placements/cohort.html",
            candidates=len(people),
            places=reachable,
            out_of_reach=out_of_reach,
            latest=jobs.latest_owned(COHORT_TASK),
            horizons=HORIZONS,
            horizon=_default_horizon(),
        )
    method = request.form.get("method", "optimal")
    raw_min = request.form.get("min_score", "").strip()
    objective = request.form.get("objective", "match_score")
    horizon = request.form.get("horizon", str(_default_horizon()))
    if method not in cohorts.METHODS or (raw_min and not raw_min.replace(".", "", 1).isdigit()):
        flash(
            _("Choose optimal or stable, and a minimum score between 0 and 100 (or leave it empty)."), "error"
        )
        return redirect(url_for("placements.cohort"))
    if objective not in by_outcome.OBJECTIVES or horizon not in {str(h) for h in HORIZONS}:
        flash(_("Choose the match score or people employed at 3, 6 or 12 months."), "error")
        return redirect(url_for("placements.cohort"))
    job_id = jobs.start(
        COHORT_TASK,
        organisation_id=g.user.organisation_id,
        method=method,
        min_score=float(raw_min) if raw_min else None,
        objective=objective,
        horizon=int(horizon),
    )
    return redirect(url_for("placements.cohort_result", job_id=job_id))


@bp.route("/cohort/<job_id>", methods=["GET", "POST"])
@login_required("counsellor")
def cohort_result(job_id: str):
    """Progress of the assignment, then its proposal for review; confirm proposes the kept pairs."""
    status = jobs.owned_status(job_id, COHORT_TASK)
    if status.state != "finished":
        return jobs.progress_page(status)
    db = session()
    if request.method == "POST":
        kept = set(request.form.getlist("pair"))
        moves = {
            int(name[5:]): int(value)
            for name, value in request.form.items()
            if name.startswith("move-") and name[5:].isdigit() and value.isdigit()
        }
        try:
            made = cohorts.confirm_reviewed(db, g.user, status.result, kept, moves)
        except TransitionRefused as refusal:
            discard_changes()  # the redirect would commit the refused change; its audit rows stay
            flash(_said(refusal), "error")
            return redirect(url_for("placements.cohort_result", job_id=job_id))
        flash(
            _(
                "%(count)s placement(s) proposed. "
                "Talk each through with the person before recording agreement.",
                count=made,
            ),
            "success",
        )
        return redirect(url_for("placements.board"))
    return render_template(
        "placements/cohort_result.html", result=cohorts.describe(db, status.result), job_id=job_id
    )


def _managers_only() -> None:
    if not backtests.may_run(g.user):
        deny("not_lead")


@bp.route("/backtest", methods=["GET", "POST"])
@login_required("counsellor", "admin")
def backtest():
    """Organisation leads and administrators: start a backtest of proposing by expected outcome."""
    _managers_only()
    horizon = request.values.get("horizon", str(_default_horizon()))
    if horizon not in {str(h) for h in HORIZONS}:
        flash(_("Choose people employed at 3, 6 or 12 months."), "error")
        return redirect(url_for("placements.backtest"))
    since, until = backtests.default_period(dt.date.today(), int(horizon))
    if request.method == "GET":
        return render_template(
            "placements/backtest.html",
            horizons=HORIZONS,
            horizon=int(horizon),
            since=since.isoformat(),
            until=until.isoformat(),
            latest=jobs.latest_owned(BACKTEST_TASK),
        )
    try:
        since = dt.date.fromisoformat(request.form.get("since", "") or since.isoformat())
        until = dt.date.fromisoformat(request.form.get("until", "") or until.isoformat())
    except ValueError:
        flash(_("Give the dates as YYYY-MM-DD."), "error")
        return redirect(url_for("placements.backtest"))
    if until <= since:
        flash(_("The replay must end after it starts."), "error")
        return redirect(url_for("placements.backtest"))
    job_id = jobs.start(BACKTEST_TASK, horizon=int(horizon), since=since.isoformat(), until=until.isoformat())
    return redirect(url_for("placements.backtest_result", job_id=job_id))


@bp.route("/backtest/<job_id>")
@login_required("counsellor", "admin")
def backtest_result(job_id: str):
    """Progress, then the backtest's figures and subgroups (or why it could not run)."""
    _managers_only()
    status = jobs.owned_status(job_id, BACKTEST_TASK)
    if status.state != "finished":
        return jobs.progress_page(status)
    return render_template(
        "placements/backtest_result.html", result=backtests.view(status.result), job_id=job_id
    )


@bp.route("/backtest/<job_id>.json")
@login_required("counsellor", "admin")
def backtest_json(job_id: str):
    """The finished backtest's whole result as JSON (BacktestResult.to_dict), for download."""
    _managers_only()
    status = jobs.owned_status(job_id, BACKTEST_TASK)
    if status.state != "finished":
        return jsonify({"state": status.state}), 202
    response = jsonify(status.result)
    response.headers["Content-Disposition"] = f'attachment; filename="backtest-{job_id[:8]}.json"'
    return response
