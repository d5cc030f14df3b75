"""Employers' API for their own vacancies and placement programmes, by JSON and by CSV.

Saving goes through the services the vacancy pages use: the same column rules, the
same locality check, and a vacancy is screened again after every save, in the background
(``status`` stays ``pending_review`` with ``screening`` null until then; flagged ones stay
held for review). A CSV upload is all or nothing: 422 with every bad row, and nothing stored.
"""

from __future__ import annotations

from typing import Any

from flask import Response, g, jsonify, request, url_for
from sqlalchemy import select

from web.api import shapes
from web.api.bodies import form_from_json
from web.api.core import ApiError, bp, invalid, json_body, roles
from web.api.jobs import IMPORT_JOBS, job_handle, job_reply
from web.infra import jobs, services
from web.infra.db import session
from web.infra.forms import parse_form
from web.matching import preparation
from web.storage.schema import PlacementProgramme, Vacancy
from web.vacancies import imports, service
from web.vacancies.service import MULTILINE, PROGRAMME_COLUMNS, VACANCY_COLUMNS

CSV_TYPES = ("text/csv", "text/plain")
UPLOAD_NAME = "upload.csv"


def _save(kind: str, body: dict[str, Any], target: Any = None) -> Any:
    """Validate like the page's form and save (screening a vacancy); 422 with every field otherwise."""
    db = session()
    columns = VACANCY_COLUMNS if kind == "vacancy" else PROGRAMME_COLUMNS
    misnamed = {}
    if kind == "vacancy" and "id" in body:
        misnamed["id"] = "is not a field here (the vacancy's own reference is 'reference')"
    if kind == "vacancy":
        body = {("id" if k == "reference" else k): v for k, v in body.items() if k != "id"}
    form, type_errors = form_from_json(body, columns)
    type_errors = {("reference" if k == "id" else k): v for k, v in type_errors.items()} | misnamed
    result = parse_form(form, columns, MULTILINE)
    saved = service.save_posting(db, g.user, kind, result, target, check_only=bool(type_errors))
    if saved is None:
        fields = {("reference" if k == "id" else k): v for k, v in result.errors.items()} | type_errors
        raise invalid(fields or {"locality": "is required"})
    preparation.request_postings()  # screened and prepared in the background, off this request
    return saved


@bp.get("/vacancies")
@roles("employer", scope="vacancies:read")
def list_vacancies() -> Response:
    """The employer's own vacancies, newest first."""
    rows = session().execute(
        select(Vacancy).where(Vacancy.employer_id == g.user.organisation_id).order_by(Vacancy.id.desc())
    )
    return jsonify([shapes.vacancy(v) for v in rows.scalars()])


@bp.post("/vacancies")
@roles("employer", scope="vacancies:write")
def create_vacancy() -> tuple[Response, int, dict[str, str]]:
    """Post a vacancy; it is screened in the background and held for review when flagged."""
    saved = _save("vacancy", json_body())
    return jsonify(shapes.vacancy(saved)), 201, {"Location": url_for("api.read_vacancy", vacancy_id=saved.id)}


@bp.get("/vacancies/<int:vacancy_id>")
@roles("employer", "counsellor", scope="vacancies:read")
def read_vacancy(vacancy_id: int) -> Response:
    """One vacancy (employers: their own; counsellors: any), with its flags and review."""
    return jsonify(shapes.vacancy(service.vacancy_for(session(), g.user, vacancy_id)))


@bp.patch("/vacancies/<int:vacancy_id>")
@roles("employer", scope="vacancies:write")
def update_vacancy(vacancy_id: int) -> Response:
    """Change the fields sent (``null`` empties one); the vacancy is screened again."""
    vacancy = service.vacancy_for(session(), g.user, vacancy_id, change=True)
    body = json_body()
    if "reference" in body:
        raise invalid({"reference": "is set when the vacancy is made and cannot change"})
    saved = _save("vacancy", {**shapes.vacancy_input(vacancy), **body}, vacancy)
    return jsonify(shapes.vacancy(saved))


@bp.post("/vacancies/import")
@roles("employer", scope="vacancies:write")
def import_vacancies() -> Response | tuple[Response, int, dict[str, str]]:
    """Upload vacancies as CSV (the page's columns): every row is stored and screened, or none is.

    A file over ``IMPORT_BACKGROUND_ROWS`` rows is stored by a background job: 202 and the job.
    """
    if request.mimetype not in CSV_TYPES:
        raise ApiError(400, "bad_request", "Send the CSV file as the body with 'Content-Type: text/csv'.")
    bounds = imports.limits()
    if (request.content_length or 0) > bounds.max_bytes:
        raise _refused(bounds.too_large())
    request.max_content_length = bounds.max_bytes  # a body without a length is cut off there
    db = session()
    try:
        checked = imports.check_upload(
            db, g.user, imports.text_lines(request.stream), UPLOAD_NAME, bounds.max_rows
        )
    except imports.UploadRefused as refusal:
        raise _refused(refusal) from None
    if checked.errors:
        rows = [{"line": e.line, "column": e.column, "message": e.message} for e in checked.errors]
        raise ApiError(
            422, "invalid_csv", "Nothing was imported; fix these rows and upload again.", rows=rows
        )
    if len(checked.rows) > bounds.background_rows:
        job_id = jobs.submit(
            imports.IMPORT_TASK, owner_id=g.user.id, user_id=g.user.id, text=checked.text, source=UPLOAD_NAME
        )
        handle = job_handle(job_id, IMPORT_JOBS)
        return (
            jsonify(job_reply(handle, IMPORT_JOBS)),
            202,
            {"Location": url_for("api.import_job", handle=handle)},
        )
    report = imports.store_upload(db, g.user, checked, services.screener_or_none())
    preparation.request_postings()
    counts = {"created": report.created, "updated": report.updated, "held": report.held}
    return jsonify({**counts, "unscreened": report.unscreened})


def _refused(refusal: imports.UploadRefused) -> ApiError:
    return ApiError(refusal.status, refusal.code, str(refusal))


@bp.get("/import-jobs/<handle>")
@roles("employer", scope="vacancies:read")
def import_job(handle: str) -> Response:
    """A large import's progress, then what it did: ``created``, ``updated``, ``held`` and any ``errors``."""
    return jsonify(job_reply(handle, IMPORT_JOBS))


@bp.get("/programmes")
@roles("employer", scope="vacancies:read")
def list_programmes() -> Response:
    """The employer's own placement programmes."""
    rows = session().execute(
        select(PlacementProgramme)
        .where(PlacementProgramme.employer_id == g.user.organisation_id)
        .order_by(PlacementProgramme.id.desc())
    )
    return jsonify([shapes.programme(p) for p in rows.scalars()])


@bp.post("/programmes")
@roles("employer", scope="vacancies:write")
def create_programme() -> tuple[Response, int, dict[str, str]]:
    """Offer a placement programme (paid placement, interview, job)."""
    saved = _save("programme", json_body())
    location = url_for("api.read_programme", programme_id=saved.id)
    return jsonify(shapes.programme(saved)), 201, {"Location": location}


@bp.get("/programmes/<int:programme_id>")
@roles("employer", scope="vacancies:read")
def read_programme(programme_id: int) -> Response:
    """One of the employer's own programmes."""
    return jsonify(shapes.programme(service.programme_for(session(), g.user, programme_id)))


@bp.patch("/programmes/<int:programme_id>")
@roles("employer", scope="vacancies:write")
def update_programme(programme_id: int) -> Response:
    """Change the fields sent (``null`` empties one)."""
    programme = service.programme_for(session(), g.user, programme_id)
    saved = _save("programme", {**shapes.programme_input(programme), **json_body()}, programme)
    return jsonify(shapes.programme(saved))
