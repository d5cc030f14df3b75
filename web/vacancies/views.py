"""Employers' vacancies and programmes (form and CSV), and counsellors' safety review."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Response

from web import vocabulary
from web.accounts.access import login_required
from web.infra import jobs, services
from web.infra.db import discard_changes, session
from web.infra.forms import display_values, parse_form
from web.matching import preparation
from web.storage.schema import Organisation, VacancyStatus
from web.vacancies import flags, imports, service
from web.vacancies.service import MULTILINE, PROGRAMME_COLUMNS, VACANCY_COLUMNS

bp = Blueprint("vacancies", __name__, url_prefix="/vacancies")
FORM_OVERHEAD = 64 * 1024  # the multipart form around the file: boundaries, the CSRF token
UPLOAD_TYPES = ("text/csv", "application/vnd.ms-excel", "text/plain", "application/octet-stream")


def _form(kind: str, values: dict[str, Any], errors: dict[str, str], action: str, status: int = 200):
    shown = display_values(values, MULTILINE)
    for name in ("languages_required",):
        if isinstance(shown.get(name), list):
            shown[name] = ", ".join(shown[name])
    if shown.get("locality") and not isinstance(shown["locality"], str):
        shown["locality"] = shown["locality"].name
    return render_template(
        f"vacancies/{kind}_form.html",
        values=shown,
        errors=errors,
        action=action,
        locality_hint=service.locality_hint(session(), g.user),
        periods=vocabulary.choices("pay_period"),
        sectors=vocabulary.choices("sector", _("Choose…")),
        shifts=vocabulary.choices("shift", _("Choose…")),
        contracts=vocabulary.choices("contract", _("Choose…")),
        interviews=vocabulary.choices("interview", _("Choose…")),
    ), status


def _new_posting() -> dict[str, Any]:
    """A new posting's form starts in the employer organisation's own locality, when it has one."""
    place = service.own_locality(g.user)
    return {"locality": place} if place else {}


def _save(kind: str, target: Any = None):
    db = session()
    columns = VACANCY_COLUMNS if kind == "vacancy" else PROGRAMME_COLUMNS
    result = parse_form(request.form, columns, MULTILINE)
    saved = service.save_posting(db, g.user, kind, result, target)
    if saved is None:
        return None, result
    preparation.request_postings()  # screened and prepared in the background, off this request
    return saved, result


@bp.route("/new", methods=["GET", "POST"])
@login_required("employer")
def create():
    """Post a vacancy; it is screened before anyone can be matched to it."""
    if request.method == "GET":
        return _form("vacancy", _new_posting(), {}, url_for("vacancies.create"))
    saved, result = _save("vacancy")
    if saved is None:
        return _form("vacancy", result.values, result.errors, url_for("vacancies.create"), 400)
    _flash_screening(saved)
    return redirect(url_for("vacancies.detail", vacancy_id=saved.id))


def _flash_screening(vacancy: Any) -> None:
    if vacancy.screening is None and services.screener_cannot_run():
        flash(
            _(
                "Vacancy saved and held: it cannot be checked for signs of exploitation with this "
                "installation's language model, so it is not published until an administrator sets a "
                "supported model."
            ),
            "warning",
        )
        return
    if vacancy.screening is None:
        flash(
            _(
                "Vacancy saved. It is being checked for signs of exploitation and is published in a moment "
                "if nothing is flagged."
            ),
            "success",
        )
        return
    if vacancy.status == VacancyStatus.OPEN:
        flash(_("Vacancy published: counsellors can now match people to it."), "success")
        return
    hints = flags.fix_hints(vacancy.screening)
    message = _("Vacancy saved and held for a safety review by a counsellor before it is published.")
    if hints:
        message += " " + _("You can speed this up:") + " " + " ".join(hints)
    flash(message, "warning")


@bp.route("/<int:vacancy_id>")
@login_required("employer", "counsellor")
def detail(vacancy_id: int) -> str:
    """One vacancy, with any safety flags and the review decision."""
    db = session()
    vacancy = service.vacancy_for(db, g.user, vacancy_id)
    checking = vacancy.screening is None and vacancy.status == VacancyStatus.PENDING_REVIEW
    return render_template(
        "vacancies/detail.html",
        vacancy=vacancy,
        checking=checking,
        unscreenable=checking and services.screener_cannot_run(),
        flags=flags.shown_flags(vacancy.screening),
        may_review=service.serves(g.user, vacancy) and service.held(vacancy),
        came_from=_from_matches(db, vacancy),
    )


def _from_matches(db: Any, vacancy: Any) -> dict[str, Any] | None:
    """The person whose matches the counsellor came from (``?person=``), their match and the way back."""
    from matcher.match_result import Match
    from web.matching import service as matching
    from web.people import service as people

    raw = request.args.get("person", "")
    if g.user.role != "counsellor" or not raw.isdigit():
        return None
    person = people.person_for(db, g.user, int(raw), "match_person")
    db.commit()  # the read is audited, with no write held open while the match is worked out
    consented = "matching" in people.consents_in_force(person)
    match = matching.one(db, person, vacancy.ref) if consented else None
    filters: dict[str, Any] = matching.filter_args(request.args)  # url_for's **values are Any
    return {
        "person": person,
        "back": url_for("people.matches", person_id=person.id, **filters),
        "match": match if isinstance(match, Match) else None,
        "excluded": match if match is not None and not isinstance(match, Match) else None,
    }


@bp.route("/<int:vacancy_id>/edit", methods=["GET", "POST"])
@login_required("employer")
def edit(vacancy_id: int):
    """Change a vacancy (it is screened again)."""
    db = session()
    vacancy = service.vacancy_for(db, g.user, vacancy_id, change=True)
    action = url_for("vacancies.edit", vacancy_id=vacancy.id)
    if request.method == "GET":
        values = {c.name: getattr(vacancy, c.name, None) for c in VACANCY_COLUMNS}
        values["id"] = vacancy.ref
        values["locality"] = vacancy.locality.name if vacancy.locality else ""
        return _form("vacancy", values, {}, action)
    saved, result = _save("vacancy", vacancy)
    if saved is None:
        return _form("vacancy", result.values, result.errors, action, 400)
    _flash_screening(saved)
    return redirect(url_for("vacancies.detail", vacancy_id=saved.id))


@bp.route("/<int:vacancy_id>/close", methods=["POST"])
@login_required("employer")
def close(vacancy_id: int) -> Response:
    """Close a vacancy: nobody new is matched to it."""
    db = session()
    vacancy = service.vacancy_for(db, g.user, vacancy_id, change=True)
    vacancy.status = VacancyStatus.CLOSED
    flash(_("Vacancy closed."), "success")
    return redirect(url_for("home.employer"))


@bp.url_value_preprocessor
def _upload_limit(endpoint: str | None, _values: dict[str, Any] | None) -> None:
    # Runs before the app's CSRF check reads the form: a file over the limit is refused before
    # any of it is read, and the limit of this one form is the upload limit, not the app's.
    if endpoint != "vacancies.upload" or request.method != "POST":
        return
    bounds = imports.limits()
    if (request.content_length or 0) > bounds.max_bytes + FORM_OVERHEAD:
        raise RequestEntityTooLarge(bounds.too_large().text())
    request.max_content_length = bounds.max_bytes + FORM_OVERHEAD


def _upload_page(report: imports.ImportReport | None = None, status: int = 200) -> tuple[str, int]:
    bounds = imports.limits()
    return render_template(
        "vacancies/upload.html",
        columns=[c.name for c in VACANCY_COLUMNS],
        guide=imports.column_guide(),
        report=report,
        max_rows=bounds.max_rows,
        max_mb=bounds.max_bytes // 2**20,
    ), status


@bp.route("/upload", methods=["GET", "POST"])
@login_required("employer")
def upload():
    """Upload vacancies as CSV: all rows are stored, or none and every bad row is listed.

    A large file is stored by a background job; the page then shows its progress.
    """
    if request.method == "GET":
        return _upload_page()
    file = request.files.get("file")
    if file is None or not file.filename:
        flash(_("Choose a CSV file to upload."), "error")
        return _upload_page(status=400)
    if not file.filename.lower().endswith(".csv") or (file.mimetype or "") not in UPLOAD_TYPES:
        flash(_("Upload a .csv file (save your spreadsheet as CSV UTF-8)."), "error")
        return _upload_page(status=400)
    db = session()
    lines = imports.text_lines(file.stream)
    try:
        checked = imports.check_upload(db, g.user, lines, file.filename, imports.limits().max_rows)
    except imports.UploadRefused as refusal:
        flash(refusal.text(), "error")
        return _upload_page(status=refusal.status)
    if checked.errors:
        return _upload_page(imports.ImportReport(errors=checked.errors), 400)
    if len(checked.rows) > imports.limits().background_rows:
        job_id = jobs.start(imports.IMPORT_TASK, user_id=g.user.id, text=checked.text, source=file.filename)
        return redirect(url_for("vacancies.upload_result", job_id=job_id))
    report = imports.store_upload(db, g.user, checked, services.screener_or_none())
    preparation.request_postings()
    return _upload_page(report)


@bp.route("/upload/template.csv")
@login_required("employer")
def upload_template() -> Response:
    """A CSV to fill in: the columns, an example row, and the values each choice column takes."""
    db = session()
    org = db.get(Organisation, g.user.organisation_id)
    text = imports.template_csv(org.locality.name if org is not None and org.locality else "")
    return Response(
        text,
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=vacancies-template.csv"},
    )


@bp.route("/upload/<job_id>")
@login_required("employer")
def upload_result(job_id: str):
    """A large upload being stored: its progress, then what it did (or every problem found)."""
    status = jobs.owned_status(job_id, imports.IMPORT_TASK)
    if status.state != "finished":
        return jobs.progress_page(status)
    report = imports.ImportReport.from_dict(status.result, status.result.get("source", ""))
    return _upload_page(report, 400 if report.errors else 200)


@bp.route("/review")
@login_required("counsellor")
def review_queue() -> str:
    """Vacancies held by the safety screening in the counsellor's localities, for their decision."""
    db = session()
    held = [(v, flags.shown_flags(v.screening)) for v in service.review_queue(db, g.user)]
    unchecked = service.held_unscreened(db, g.user) if services.screener_cannot_run() else 0
    return render_template("vacancies/review.html", vacancies=held, unchecked=unchecked)


@bp.route("/<int:vacancy_id>/review", methods=["POST"])
@login_required("counsellor")
def review(vacancy_id: int) -> Response:
    """Approve with a note, or reject, a held vacancy of the counsellor's localities."""
    db = session()
    vacancy = service.vacancy_to_review(db, g.user, vacancy_id)
    try:
        service.review(db, g.user, vacancy, request.form.get("decision", ""), request.form.get("note", ""))
    except ValueError as problem:  # ReviewRefused too: the page says why
        discard_changes()  # the redirect would commit the refused change; its audit rows stay
        flash(str(problem), "error")
        return redirect(url_for("vacancies.detail", vacancy_id=vacancy.id))
    flash(_("Decision recorded."), "success")
    return redirect(url_for("vacancies.review_queue"))


@bp.route("/programmes/new", methods=["GET", "POST"])
@login_required("employer")
def create_programme():
    """Offer a placement programme (paid placement, interview, job)."""
    if request.method == "GET":
        values = {**_new_posting(), "placement_weeks": 4, "interview": "non_competitive"}
        return _form("programme", values, {}, url_for("vacancies.create_programme"))
    saved, result = _save("programme")
    if saved is None:
        return _form("programme", result.values, result.errors, url_for("vacancies.create_programme"), 400)
    flash(_("Programme saved."), "success")
    return redirect(url_for("home.employer"))


@bp.route("/programmes/<int:programme_id>/edit", methods=["GET", "POST"])
@login_required("employer")
def edit_programme(programme_id: int):
    """Change a placement programme."""
    db = session()
    programme = service.programme_for(db, g.user, programme_id)
    action = url_for("vacancies.edit_programme", programme_id=programme.id)
    if request.method == "GET":
        values = {c.name: getattr(programme, c.name, None) for c in PROGRAMME_COLUMNS}
        values["locality"] = programme.locality.name if programme.locality else ""
        return _form("programme", values, {}, action)
    saved, result = _save("programme", programme)
    if saved is None:
        return _form("programme", result.values, result.errors, action, 400)
    flash(_("Programme saved."), "success")
    return redirect(url_for("home.employer"))


@bp.route("/organisation", methods=["GET", "POST"])
@login_required("employer")
def organisation():
    """The employer's organisation profile, as counsellors and introduced people see it."""
    db = session()
    org = service.employer_of(db, g.user)
    hint, template = service.locality_hint(db, g.user), "vacancies/organisation.html"
    if request.method == "GET":
        values = {
            "name": org.name,
            "description": org.description,
            "locality": org.locality.name if org.locality else "",
        }
        return render_template(template, values=values, errors={}, locality_hint=hint)
    result = parse_form(request.form, service.ORGANISATION_COLUMNS)
    locality = service.check_locality(db, result)
    if not result.ok or locality is None:
        return render_template(template, values=result.values, errors=result.errors, locality_hint=hint), 400
    service.update_organisation(db, g.user, result.values, locality)
    flash(_("Organisation profile saved."), "success")
    return redirect(url_for("home.employer"))
