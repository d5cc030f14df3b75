"""Placement pages: the counsellor's board, employers' introductions, outcome figures."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from web.auth import login_required
from web.db import session
from web.people.service import person_for
from web.placements import service
from web.placements.pipeline import EMPLOYER_MAY_RECORD, STEPS, TRANSITIONS, TransitionRefused, outcomes

bp = Blueprint("placements", __name__, url_prefix="/placements")


def _int(name: str) -> int | None:
    value = request.form.get(name, "")
    return int(value) if value.isdigit() else None


@bp.route("/")
@login_required("counsellor")
def board() -> str:
    """Every proposal of the caseload, by step, with the steps that may follow."""
    proposals = service.caseload_proposals(session(), g.user)
    columns = [(step, [p for p in proposals if p.state == step]) for step in STEPS]
    closed = [p for p in proposals if not TRANSITIONS[p.state] and p.state not in STEPS]
    return render_template(
        "placements/board.html",
        columns=columns,
        closed=closed,
        transitions=TRANSITIONS,
        shareable=service.SHAREABLE_FIELDS,
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
        db.rollback()
        flash(str(refusal), "error")
        return redirect(url_for("people.detail", person_id=person.id))
    db.commit()
    flash("Proposed. Next: talk it through with the person and record whether they agree.", "success")
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
        )
    except TransitionRefused as refusal:
        db.rollback()
        flash(str(refusal), "error")
    else:
        db.commit()
        flash("Step recorded.", "success")
    return redirect(
        url_for("placements.board" if g.user.role == "counsellor" else "placements.introductions")
    )


@bp.route("/introductions")
@login_required("employer")
def introductions() -> str:
    """People introduced to the employer, as far as each agreed to share."""
    db = session()
    shown = service.introductions(db, g.user)
    db.commit()
    items = [(i, [s for s in TRANSITIONS[i.state] if s in EMPLOYER_MAY_RECORD]) for i in shown]
    return render_template("placements/introductions.html", items=items)


@bp.route("/outcomes")
@login_required("counsellor", "employer")
def outcome_figures() -> str:
    """Conversion at each step, time to job and pay, per programme; small counts hidden."""
    employer = g.user.organisation_id if g.user.role == "employer" else None
    return render_template(
        "placements/outcomes.html", groups=outcomes(service.histories(session(), employer))
    )
