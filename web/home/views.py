"""The landing page of each role."""

from __future__ import annotations

from flask import Blueprint, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from web.accounts.access import login_required
from web.coop.pages import group_facts
from web.home import service as dashboards
from web.infra.db import session

bp = Blueprint("home", __name__)
LANDING = {
    "counsellor": "home.counsellor",
    "employer": "home.employer",
    "coop_member": "home.cooperative",
    "coop_treasurer": "home.cooperative",
    "admin": "home.admin",
}


@bp.route("/")
def index() -> Response:
    """Send a visitor to sign in, and a user to their role's landing page."""
    if g.user is None:
        return redirect(url_for("auth.login"))
    return redirect(url_for(LANDING[g.user.role]))


@bp.route("/favicon.ico")
def favicon() -> Response:
    """Browsers ask for ``/favicon.ico`` on their own: send them the site's icon."""
    return redirect(url_for("static", filename="favicon.svg"), 301)


@bp.route("/counsellor")
@login_required("counsellor")
def counsellor() -> str:
    """The counsellor's caseload."""
    cases = dashboards.caseload(
        session(), g.user, request.args.get("q", "")[:100], request.args.get("sort", "name")
    )
    return render_template("home/counsellor.html", cases=cases, sorts=dashboards.CASELOAD_SORTS)


@bp.route("/employer")
@login_required("employer")
def employer() -> str:
    """The employer's vacancies and programmes."""
    return render_template("home/employer.html", summary=dashboards.employer_summary(session(), g.user))


@bp.route("/cooperative")
@login_required("coop_member", "coop_treasurer")
def cooperative() -> str:
    """The member's cooperative."""
    coop = dashboards.user_cooperative(session(), g.user)
    return render_template("home/cooperative.html", coop=coop, facts=group_facts(coop) if coop else [])


@bp.route("/admin")
@login_required("admin")
def admin() -> str:
    """Accounts."""
    return render_template("home/admin.html", summary=dashboards.admin_summary(session()))
