"""The plan form page, and the 3x6 form's look-up of local labour-market evidence.

"Look up the local labour market" posts the whole 3x6 form here: the look-up runs in the background
(:func:`web.coop.local_market.lookup`, it needs ESCO), then the form comes back as it was typed, with
the market figures filled in from the map and what the map shows. Without ESCO the form says plainly
that no evidence is available. :func:`register` adds the routes to the cooperative blueprint.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from planner import PlannerError
from web.accounts.access import login_required
from web.books import plans as books_plans
from web.books import service as books_service
from web.coop import forms, local_market, pages, plans, service
from web.coop.figures import kind_label
from web.coop.planner_words import say
from web.infra import jobs
from web.infra.db import session
from web.market.service import esco_ready

EVIDENCE_TASK = "web.tasks:coop_market_evidence"


def plan_form_page(
    coop: Any,
    kind: str,
    values: dict[str, str],
    errors: dict[str, str],
    status: int = 200,
    market: local_market.MarketPanel | None = None,
) -> tuple[str, int]:
    """The plan form with its values, errors, where it starts, and what the labour-market map can tell.

    A savings-and-loans plan starts from the group's books (its ``from_books`` day) or from nothing.
    """
    start, told, not_told = _books_start(coop, kind, values)
    page = render_template(
        "coop/plan_form.html",
        coop=coop,
        kind=kind,
        kind_label=kind_label(kind),
        sections=pages.form_fields(kind, coop.currency),
        values={"business": coop.business or "", **values},
        notes=plans.form_notes(kind, service.facts(coop), told, not_told),
        books_start=start,
        books_link=not start and kind == "cooperative" and _has_books(coop),
        errors=errors,
        is_treasurer=g.user.role == "coop_treasurer",
        market=market,
        market_ready=kind == "3x6" and esco_ready(),
    )
    return page, status


def _books_start(
    coop: Any, kind: str, values: dict[str, str]
) -> tuple[str, dict[str, str], dict[str, str] | None]:
    """Where the form's plan starts, in words (the books on its ``from_books`` day), or ``""``.

    With it, for the notes beside the fields: what the books tell (setting: the books' words for it)
    and, for a plan from the books, what they cannot tell yet and why (``None`` for a plan from nothing).
    """
    try:
        day = forms.books_day(values) if kind == "cooperative" else None
        reading = None if day is None else books_plans.reading_on(session(), coop, day)
    except (ValueError, PlannerError):
        return "", {}, None
    if reading is None or reading.opening.members == 0:
        return "", {}, None
    told, not_told = books_plans.form_sources(reading, say)
    return pages.books_start(reading.opening.to_dict(), coop.currency), told, not_told


def _has_books(coop: Any) -> bool:
    """Whether the group keeps books here that a plan can start from."""
    return books_service.has_books(session(), coop)


@login_required(*service.COOP_ROLES)
def market_lookup(coop_id: int) -> Response | tuple[str, int]:
    """Start looking up the local labour market for the business the 3x6 form describes."""
    coop = service.cooperative_for(session(), g.user, coop_id, "market_evidence")
    text = forms.form_text("3x6", request.form)
    if not esco_ready():  # the form then says that no evidence is available
        return plan_form_page(coop, "3x6", text, {}, 400)
    business = forms.parse_business(request.form)
    if not business.ok:
        return plan_form_page(coop, "3x6", text, business.errors, 400)
    job_id = jobs.start(EVIDENCE_TASK, coop_id=coop.id, business=business.values["business"], form=text)
    return redirect(url_for("coop.market_result", coop_id=coop.id, job_id=job_id))


@login_required(*service.COOP_ROLES)
def market_result(coop_id: int, job_id: str) -> tuple[str, int]:
    """The 3x6 form again, with the market figures from the map (or the look-up's progress)."""
    coop = service.cooperative_for(session(), g.user, coop_id, "market_evidence")
    status = jobs.owned_status(job_id, EVIDENCE_TASK)
    if status.state != "finished":
        return jobs.progress_page(status)
    found = status.result["evidence"]
    if found["coop_id"] != coop.id:
        abort(404)
    values = {**status.result["form"], **local_market.form_values(found), "business": found["business"]}
    return plan_form_page(coop, "3x6", values, {}, market=local_market.panel(found, coop.currency))


def register(bp: Blueprint) -> None:
    """Add the look-up routes to the cooperative blueprint."""
    bp.add_url_rule("/<int:coop_id>/plans/new/3x6/market", view_func=market_lookup, methods=["POST"])
    bp.add_url_rule("/<int:coop_id>/plans/new/3x6/market/<job_id>", view_func=market_result)
