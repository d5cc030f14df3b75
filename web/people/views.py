"""Counsellors' pages for the people they support: profile, consent, export, erasure."""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as WerkzeugResponse

from matcher.scoring import DEFAULT_WEIGHTS
from web import vocabulary
from web.accounts.access import login_required
from web.infra.db import discard_changes, scrub_erased, session
from web.matching import preparation
from web.people import grounding, service
from web.people.forms import MAX_TRAVEL_KM, display_values, parse_person_form
from web.placements import disclosure
from web.placements import service as placements
from web.storage.schema import CONSENT_PURPOSES
from web.vocabulary import CONSENT_LABELS, options, share_options

SHARE = disclosure.SHARE_PURPOSE

bp = Blueprint("people", __name__, url_prefix="/people")


def _form_page(values: dict[str, object], errors: dict[str, str], person_id: int | None, status: int = 200):
    return (
        render_template(
            "people/form.html",
            values=display_values(values),
            errors=errors,
            person_id=person_id,
            localities_options=[
                (loc.ref, f"{loc.name}, {loc.country}") for loc in service.localities(session())
            ],
            availability_options=vocabulary.choices("availability"),
            period_options=vocabulary.choices("pay_period"),
            consent_options=options(CONSENT_LABELS),
            share_options=share_options(),
            unstated_km=DEFAULT_WEIGHTS.travel_limit_km(None),
        ),
        status,
    )


@bp.route("/new", methods=["GET", "POST"])
@login_required("counsellor")
def create():
    """Register a person, with them present."""
    db = session()
    if request.method == "GET":
        return _form_page(
            {"languages": [], "availability": [], "work_history": [], "exclusions": []}, {}, None
        )
    result = parse_person_form(request.form, {loc.ref for loc in service.localities(db)})
    purposes = [p for p in request.form.getlist("consent") if p in CONSENT_PURPOSES]
    share_fields = request.form.getlist("share_fields")
    problem = service.check_consents(purposes, share_fields)
    if problem is not None:
        result.errors["share_fields"] = problem.text(_)
    if not result.ok:
        values = {**result.values, "consent": purposes, "share_fields": share_fields}
        return _form_page(values, result.errors, None, 400)
    person = service.create_person(db, g.user, result.values)
    for purpose in purposes:
        service.grant_consent(db, g.user, person, purpose, share_fields if purpose == SHARE else None)
    preparation.request_people([person.id])
    flash(_("Profile saved."), "success")
    return redirect(url_for("people.detail", person_id=person.id))


@bp.route("/<int:person_id>")
@login_required("counsellor")
def detail(person_id: int) -> str:
    """A person's profile, consent and proposals."""
    db = session()
    person = service.person_for(db, g.user, person_id)
    shared = disclosure.history(db, person)
    proposals = [(p, placements.step_view(p, "counsellor")) for p in placements.person_proposals(db, person)]
    return render_template(
        "people/detail.html",
        person=person,
        language_notes=service.language_notes(person),
        proposals=proposals,
        in_force=service.consents_in_force(person),
        purposes=CONSENT_PURPOSES,
        share_options=share_options(),
        agreed_fields=disclosure.agreed_fields(person),
        shared=shared,
    )


@bp.route("/<int:person_id>/edit", methods=["GET", "POST"])
@login_required("counsellor")
def edit(person_id: int):
    """Change a person's profile."""
    db = session()
    person = service.person_for(db, g.user, person_id, "edit_person")
    if request.method == "GET":
        return _form_page(service.form_values(person), {}, person.id)
    result = parse_person_form(request.form, {loc.ref for loc in service.localities(db)})
    if not result.ok:
        return _form_page(result.values, result.errors, person.id, 400)
    service.update_person(db, g.user, person, result.values)
    preparation.request_people([person.id])
    flash(_("Profile saved."), "success")
    return redirect(url_for("people.detail", person_id=person.id))


@bp.route("/<int:person_id>/consent", methods=["POST"])
@login_required("counsellor")
def consent(person_id: int) -> WerkzeugResponse:
    """Record or withdraw consent for one purpose."""
    db = session()
    person = service.person_for(db, g.user, person_id, "change_consent")
    purpose = request.form.get("purpose", "")
    if purpose not in CONSENT_PURPOSES:
        discard_changes()  # the redirect would commit the refused change; its audit rows stay
        flash(_("Choose one of the listed purposes."), "error")
        return redirect(url_for("people.detail", person_id=person.id))
    if request.form.get("action") == "withdraw":
        service.withdraw_consent(db, g.user, person, purpose)
        flash(_("Consent withdrawn. It takes effect now."), "success")
    else:
        fields = request.form.getlist("fields") if purpose == SHARE else None
        try:
            service.grant_consent(db, g.user, person, purpose, fields)
        except service.ConsentRefused as refusal:
            discard_changes()  # the redirect would commit the refused change; its audit rows stay
            flash(refusal.message.text(_), "error")
            return redirect(url_for("people.detail", person_id=person.id, _anchor="consent"))
        flash(_("Consent recorded."), "success")
    if purpose == "matching" and request.form.get("action") != "withdraw":
        preparation.request_people([person.id])  # ranks them ahead, now that they agreed
    return redirect(url_for("people.detail", person_id=person.id))


@bp.route("/<int:person_id>/esco")
@login_required("counsellor")
def esco(person_id: int):
    """The ESCO skills and occupations Pathways understood for the person; search ESCO to add one."""
    db = session()
    person = service.person_for(db, g.user, person_id, "view_person_esco")
    page = grounding.esco_page(person, request.args)
    return render_template("people/esco.html", person=person, page=page)


@bp.route("/<int:person_id>/esco", methods=["POST"])
@login_required("counsellor")
def esco_correct(person_id: int) -> WerkzeugResponse:
    """Confirm, reject or add an ESCO skill or occupation for the person, or undo a correction."""
    db = session()
    person = service.person_for(db, g.user, person_id, "correct_person_esco")
    try:
        message = grounding.apply_form(db, g.user, person, request.form)
    except grounding.CorrectionError as exc:
        discard_changes()  # the redirect would commit the refused change; its audit rows stay
        flash(str(exc), "error")
    else:
        preparation.request_people([person.id])  # corrections change what matching reads
        flash(message, "success")
    back: dict[str, Any] = {
        k: request.form[k] for k in ("q", "kind") if request.form.get(k)
    }  # url_for **values
    return redirect(url_for("people.esco", person_id=person.id, **back))


@bp.route("/<int:person_id>/export")
@login_required("counsellor")
def export(person_id: int) -> Response:
    """Everything held about the person, as a readable JSON file."""
    db = session()
    person = service.person_for(db, g.user, person_id, "export_person")
    data = service.export_person(db, g.user, person)
    return Response(
        json.dumps(data, indent=2, ensure_ascii=False),
        mimetype="application/json",
        headers={"Content-Disposition": f"attachment; filename=person-{person.ref}.json"},
    )


@bp.route("/<int:person_id>/erase", methods=["GET", "POST"])
@login_required("counsellor")
def erase(person_id: int):
    """Erase a person completely, after confirmation."""
    db = session()
    person = service.person_for(db, g.user, person_id, "erase_person_request")
    if request.method == "GET":
        return render_template("people/erase.html", person=person)
    if request.form.get("confirm") != person.ref:
        flash(_("What you typed is not the person's reference; type it exactly as shown."), "error")
        return render_template("people/erase.html", person=person), 400
    service.erase_person(db, g.user, person)
    db.commit()  # before the scrub, which clears what the committed erasure left in SQLite's log
    scrub_erased()
    flash(_("Everything about this person has been erased."), "success")
    return redirect(url_for("home.counsellor"))


@bp.route("/<int:person_id>/matches")
@login_required("counsellor")
def matches(person_id: int):
    """Ranked vacancies and placements for the person, with reasons and filters."""
    from web.matching import service as matching

    db = session()
    person = service.person_for(db, g.user, person_id, "match_person")
    db.commit()  # no write (the audited read) stays open while the ranking is worked out
    consented = "matching" in service.consents_in_force(person)
    filters, errors = matching.filters_from(request.args, person.currency, person.pay_period)
    page = None
    if consented and not errors:
        page = matching.ranked(db, person, filters)
    return render_template(
        "people/matches.html",
        person=person,
        consented=consented,
        page=page,
        errors=errors,
        args={"pay_period": person.pay_period or "hour", **request.args.to_dict()},
        filter_args=matching.filter_args(request.args),
        sectors=vocabulary.choices("sector", _("Any sector")),
        periods=vocabulary.choices("pay_period"),
        max_travel_km=MAX_TRAVEL_KM,
    ), (400 if errors else 200)
