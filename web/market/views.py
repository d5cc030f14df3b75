"""Counsellors' labour-market pages: the local demand map, and what would unlock work for a person.

Both answer at once from groundings prepared in the background (:mod:`web.market.data`);
while some are being prepared, the page says how many, shows the job's progress and
refreshes itself (a ``<meta>`` refresh: the CSP allows no inline script).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from web.accounts.access import login_required
from web.infra import jobs
from web.infra.db import session
from web.market import service as labour_market
from web.market.service import esco_ready, localities
from web.matching import preparation
from web.people.service import person_for

bp = Blueprint("market", __name__, url_prefix="/market")
LEVELS = [
    ("", _l("ESCO occupations")),
    ("1", _l("ISCO major groups")),
    ("2", _l("ISCO sub-major groups")),
    ("3", _l("ISCO minor groups")),
    ("4", _l("ISCO unit groups")),
]


@bp.app_context_processor
def _esco_state() -> dict[str, Any]:
    """Pages ask ``esco_ready()`` to offer the features that need ESCO only when it is there."""
    return {"esco_ready": esco_ready}


@bp.route("/", methods=["GET", "POST"])
@login_required("counsellor")
def demand():
    """Choose a locality and a level of detail; the map is shown at once from prepared data."""
    db = session()
    if request.method == "GET":
        org = g.user.organisation
        home = org.locality.ref if org is not None and org.locality is not None else ""
        return render_template(
            "market/start.html", localities=localities(db), levels=LEVELS, ready=esco_ready(), home=home
        )
    locality = request.form.get("locality") or None
    level = request.form.get("level") or None
    if locality not in {ref for ref, _ in localities(db)} | {None} or level not in (None, "1", "2", "3", "4"):
        flash(_("Choose a locality from the list and a level of detail."), "error")
        return redirect(url_for("market.demand"))
    return redirect(url_for("market.demand_map", locality=locality or "", level=level or ""))


@bp.route("/map")
@login_required("counsellor")
def demand_map():
    """The map: where demand exceeds the skills people have, and skills nobody is hiring for."""
    db = session()
    locality = request.args.get("locality") or None
    level = request.args.get("level") or None
    names = dict(localities(db))
    if locality not in set(names) | {None} or level not in (None, "1", "2", "3", "4"):
        flash(_("Choose a locality from the list and a level of detail."), "error")
        return redirect(url_for("market.demand"))
    if not esco_ready():
        return redirect(url_for("market.demand"))
    market, chart, preparing = labour_market.market_map(db, locality, int(level) if level else None)
    return render_template(
        "market/map.html",
        market=market,
        place=names.get(locality or ""),  # the locality's name, not its reference
        chart="data:image/svg+xml;base64," + chart if chart else "",
        preparing=preparing,
        progress=_progress(preparing),
    )


def _progress(preparing: labour_market.Preparing) -> str:
    """What the preparation job is doing, in the reader's language (empty when unknown)."""
    status = preparation.status("market", lane="market") if preparing.waiting else None
    return jobs.progress_text(status) if status is not None and status.state == "running" else ""


@bp.route("/unlock/<int:person_id>", methods=["GET", "POST"])
@login_required("counsellor")
def unlock(person_id: int):
    """Skills to gain (most local vacancies, weighted by pay, first) and their skills most in demand."""
    db = session()
    person = person_for(db, g.user, person_id, "unlock_person")
    db.commit()  # no write (the audited read) stays open while the skills are worked out
    if request.method == "POST":  # the profile's button: the answer is a plain page now
        return redirect(url_for("market.unlock", person_id=person.id))
    if not esco_ready():
        return render_template("market/start.html", localities=[], levels=LEVELS, ready=False)
    result, preparing = labour_market.unlock_for(db, person)
    return render_template(
        "market/unlock.html", person=person, result=result, preparing=preparing, progress=_progress(preparing)
    )
