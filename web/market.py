"""Counsellors' labour-market pages: the local demand map, and what would unlock work for a person."""

from __future__ import annotations

import base64

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from web import jobs
from web.auth import login_required
from web.db import session
from web.labour_market import esco_ready, localities
from web.people.service import person_for

bp = Blueprint("market", __name__, url_prefix="/market")
MAP_TASK = "web.tasks:labour_market_map"
UNLOCK_TASK = "web.tasks:person_unlock"
LEVELS = [
    ("", _l("ESCO occupations")),
    ("1", _l("ISCO major groups")),
    ("2", _l("ISCO sub-major groups")),
    ("3", _l("ISCO minor groups")),
    ("4", _l("ISCO unit groups")),
]


@bp.route("/", methods=["GET", "POST"])
@login_required("counsellor")
def demand():
    """Choose a locality; the map is built in the background."""
    db = session()
    if request.method == "GET":
        return render_template(
            "market/start.html", localities=localities(db), levels=LEVELS, ready=esco_ready()
        )
    locality = request.form.get("locality") or None
    level = request.form.get("level") or None
    if locality not in {ref for ref, _ in localities(db)} | {None} or level not in (None, "1", "2", "3", "4"):
        flash(_("Choose a locality from the list and a level of detail."), "error")
        return redirect(url_for("market.demand"))
    job_id = jobs.start(
        MAP_TASK,
        locality=locality,
        level=int(level) if level else None,
        locale=str(get_locale() or "en"),  # a job has no request: the chart is drawn in this language
    )
    return redirect(url_for("market.demand_result", job_id=job_id))


@bp.route("/<job_id>")
@login_required("counsellor")
def demand_result(job_id: str):
    """The map: where demand exceeds the skills people have, and skills nobody is hiring for."""
    status = jobs.owned_status(job_id, MAP_TASK)
    if status.state != "finished":
        return jobs.progress_page(status)
    market = status.result["map"]
    chart = "data:image/svg+xml;base64," + status.result["chart_svg"]
    return render_template("market/map.html", market=market, chart=chart)


@bp.route("/unlock/<int:person_id>", methods=["POST"])
@login_required("counsellor")
def unlock(person_id: int) -> Response:
    """Start working out which skills would unlock most local work for the person."""
    db = session()
    person = person_for(db, g.user, person_id, "unlock_person")
    db.commit()
    job_id = jobs.start(UNLOCK_TASK, person_id=person.id)
    return redirect(url_for("market.unlock_result", person_id=person.id, job_id=job_id))


@bp.route("/unlock/<int:person_id>/<job_id>")
@login_required("counsellor")
def unlock_result(person_id: int, job_id: str):
    """Skills to gain (most local vacancies, weighted by pay, first) and their skills most in demand."""
    db = session()
    person = person_for(db, g.user, person_id, "unlock_person")
    db.commit()
    status = jobs.owned_status(job_id, UNLOCK_TASK)
    if status.state != "finished":
        return jobs.progress_page(status)
    return render_template("market/unlock.html", person=person, result=status.result)


def chart_bytes(encoded: str) -> bytes:
    """The chart SVG from a job result."""
    return base64.b64decode(encoded)
