"""Counsellors' API for people: caseload, profile, consent, export, erasure, matches.

Each view calls the same service functions as the people pages, so the same
organisation check (another organisation's person is 404) and the same audit apply.
"""

from __future__ import annotations

from typing import Any

from flask import Response, g, jsonify, request, url_for
from sqlalchemy.orm import Session

from web.api import shapes
from web.api.bodies import form_from_json, string_list
from web.api.core import ApiError, bp, invalid, json_body, only_fields, roles
from web.home import service as dashboards
from web.infra import audit
from web.infra.db import scrub_erased, session
from web.matching import preparation
from web.matching import service as matching
from web.people import service
from web.people.forms import PROFILE_COLUMNS, PROTECTED_COLUMNS, parse_person_form
from web.placements.disclosure import agreed_fields
from web.storage.schema import CONSENT_PURPOSES, SHAREABLE_FIELDS, Person

COLUMNS = PROFILE_COLUMNS + PROTECTED_COLUMNS


def _values(db: Session, body: dict[str, Any], known: dict[str, str] | None = None) -> dict[str, Any]:
    """Validated profile values from a JSON object, or a 422 with every field's message."""
    form, errors = form_from_json(body, COLUMNS)
    result = parse_person_form(form, {loc.ref for loc in service.localities(db)})
    fields = {**{k: v for k, v in result.errors.items() if k not in errors}, **errors, **(known or {})}
    if fields:
        raise invalid(fields)
    return result.values


@bp.get("/people")
@roles("counsellor", scope="people:read")
def list_people() -> Response:
    """The organisation's caseload."""
    db = session()
    rows = dashboards.caseload(db, g.user, sort="ref").rows
    audit.record(
        db, "list_people", actor_id=g.user.id, object_type="organisation", object_id=g.user.organisation_id
    )
    return jsonify([shapes.case(r) for r in rows])


@bp.post("/people")
@roles("counsellor", scope="people:write")
def create_person() -> tuple[Response, int, dict[str, str]]:
    """Register a person; ``consents`` optionally lists purposes they agreed to.

    With ``share_with_employers`` among them, ``share_fields`` names what may be shared.
    """
    db = session()
    body = json_body()
    consents = body.get("consents", [])
    share_fields = body.get("share_fields", [])
    known: dict[str, str] = {}
    problem = string_list(consents, CONSENT_PURPOSES) if consents is not None else None
    if problem:
        known["consents"] = problem
    problem = string_list(share_fields, SHAREABLE_FIELDS) if share_fields is not None else None
    if problem:
        known["share_fields"] = problem
    if not known:
        refused = service.check_consents(consents or [], share_fields or [])
        if refused is not None:
            known["share_fields"] = str(refused)
    extra = {"consents", "share_fields"}
    values = _values(db, {k: v for k, v in body.items() if k not in extra}, known or None)
    person = service.create_person(db, g.user, values)
    for purpose in consents or []:
        fields = share_fields if purpose == "share_with_employers" else None
        service.grant_consent(db, g.user, person, purpose, fields)
    preparation.request_people([person.id])
    return jsonify(shapes.person(person)), 201, {"Location": url_for("api.read_person", person_id=person.id)}


@bp.get("/people/<int:person_id>")
@roles("counsellor", scope="people:read")
def read_person(person_id: int) -> Response:
    """One person's profile and consent."""
    db = session()
    person = service.person_for(db, g.user, person_id)
    return jsonify(shapes.person(person))


@bp.patch("/people/<int:person_id>")
@roles("counsellor", scope="people:write")
def update_person(person_id: int) -> Response:
    """Change the fields sent (``null`` empties one); the whole profile is validated as the form does."""
    db = session()
    person = service.person_for(db, g.user, person_id, "edit_person")
    body = json_body()
    values = _values(db, {**shapes.person_input(person), **body})
    service.update_person(db, g.user, person, values)
    preparation.request_people([person.id])
    return jsonify(shapes.person(person))


@bp.delete("/people/<int:person_id>")
@roles("counsellor", scope="people:write")
def erase_person(person_id: int) -> tuple[str, int]:
    """Erase a person completely; ``?confirm=<their ref>`` is required, as on the page."""
    db = session()
    person = service.person_for(db, g.user, person_id, "erase_person_request")
    if request.args.get("confirm") != person.ref:
        raise invalid(  # never the reference itself: a confirmation that says its own answer confirms nothing
            {"confirm": "is not the person's reference; read it with GET /people/{id} and pass it exactly"},
            "Confirm the erasure with the person's reference.",
        )
    service.erase_person(db, g.user, person)
    db.commit()  # before the scrub, which clears what the committed erasure left in SQLite's log
    scrub_erased()
    return "", 204


@bp.get("/people/<int:person_id>/export")
@roles("counsellor", scope="people:read")
def export_person(person_id: int) -> Response:
    """Everything held about the person (subject-access request)."""
    db = session()
    person = service.person_for(db, g.user, person_id, "export_person")
    data = service.export_person(db, g.user, person)
    return jsonify(data)


def _consent_reply(person: Person) -> Response:
    return jsonify(
        {
            "person_id": person.id,
            "consents": sorted(service.consents_in_force(person)),
            "share_fields": list(agreed_fields(person)),
        }
    )


@bp.post("/people/<int:person_id>/consents")
@roles("counsellor", scope="people:write")
def grant_consent(person_id: int) -> Response:
    """Record the person's consent to ``purpose``; sharing with employers names its ``fields``."""
    db = session()
    person = service.person_for(db, g.user, person_id, "change_consent")
    body = json_body()
    errors = only_fields(body, {"purpose": str, "fields": list})
    if not errors and body.get("purpose") not in CONSENT_PURPOSES:
        errors["purpose"] = f"should be one of {', '.join(CONSENT_PURPOSES)}"
    fields = body.get("fields")
    if not errors and fields is not None and not all(isinstance(f, str) for f in fields):
        errors["fields"] = "should be a list of strings"
    if errors:
        raise invalid(errors)
    try:
        service.grant_consent(db, g.user, person, body["purpose"], fields)
    except service.ConsentRefused as refusal:
        raise invalid({"fields": str(refusal)}) from None
    if body["purpose"] == "matching":
        preparation.request_people([person.id])  # ranks them ahead, now that they agreed
    return _consent_reply(person)


@bp.delete("/people/<int:person_id>/consents/<purpose>")
@roles("counsellor", scope="people:write")
def withdraw_consent(person_id: int, purpose: str) -> Response:
    """Withdraw consent to ``purpose``; it takes effect at once."""
    db = session()
    person = service.person_for(db, g.user, person_id, "change_consent")
    if purpose not in CONSENT_PURPOSES:
        raise invalid({"purpose": f"should be one of {', '.join(CONSENT_PURPOSES)}"})
    service.withdraw_consent(db, g.user, person, purpose)
    return _consent_reply(person)


@bp.get("/people/<int:person_id>/matches")
@roles("counsellor", scope="people:read")
def person_matches(person_id: int) -> Response:
    """Ranked openings with reasons; the same filters as the matches page."""
    db = session()
    person = service.person_for(db, g.user, person_id, "match_person")
    db.commit()  # no write (the audited read) stays open while the ranking is worked out
    if "matching" not in service.consents_in_force(person):
        raise ApiError(422, "consent_required", "Record the person's consent to matching first.")
    filters, errors = matching.filters_from(request.args, person.currency)
    if errors:
        raise invalid(errors, "Some filters need fixing.")
    page = matching.ranked(db, person, filters)
    return jsonify(
        {
            "person_id": person.id,
            "matches": [shapes.match(row) for row in page.rows],
            "not_a_fit": [shapes.match(row) for row in page.not_a_fit],
            "excluded_count": page.excluded_count,
            "excluded_by_cause": {cause: count for cause, count in page.excluded_by_cause},
            "filtered_count": page.filtered_count,
            "elsewhere_count": page.elsewhere,
            "complete": not page.preparing,
            "person_ready": page.person_ready,
            "openings_waiting": page.waiting,
            "language_notes": list(page.language_notes),
        }
    )
