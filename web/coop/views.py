"""Cooperative pages: the group, its savings and loans plans, comparisons, loan costs, PDF and CSV.

Members and treasurers see only their own cooperative (another id is 404); only treasurers save or
delete plans. Views parse the request, call one function and render; see ``docs/cooperatives.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import format_decimal
from flask_babel import gettext as _
from werkzeug.wrappers import Response as WerkzeugResponse

from planner import PlannerError, compare_lenders
from planner.books.plan import PlanStart
from planner.charts import to_png
from web.accounts.access import login_required
from web.books import plans as books_plans
from web.coop import charts, documents, evidence_views, forms, pages, plans, service
from web.coop.evidence_views import plan_form_page
from web.coop.planner_words import planner_error_text
from web.infra import jobs
from web.infra.db import discard_changes, session
from web.infra.exports import safe_csv

bp = Blueprint("coop", __name__, url_prefix="/coop")
ROLES = ("coop_member", "coop_treasurer")
evidence_views.register(bp)  # the 3x6 form's look-up of local labour-market evidence


def _coop(coop_id: int | None, action: str = "view_cooperative") -> Any:
    return service.cooperative_for(session(), g.user, coop_id, action)


def _png(data: bytes) -> Response:
    return Response(data, mimetype="image/png", headers={"Cache-Control": "no-store"})


def _is_treasurer() -> bool:
    return bool(g.user.role == "coop_treasurer")


def _runs() -> int:
    return int(current_app.config.get("COOP_PLAN_RUNS", plans.WEB_RUNS))


@bp.route("/", defaults={"coop_id": None})
@bp.route("/<int:coop_id>")
@login_required(*ROLES)
def group(coop_id: int | None) -> str:
    """The group page: facts, members, monthly books, loan fund."""
    coop = _coop(coop_id)
    page = pages.group_page(session(), coop)
    return render_template("coop/group.html", coop=coop, page=page, is_treasurer=_is_treasurer())


@bp.route("/<int:coop_id>/savings.png")
@login_required(*ROLES)
def savings_chart(coop_id: int) -> Response:
    """The group's books by month, as a chart."""
    coop = _coop(coop_id, "view_savings_chart")
    totals = service.monthly_totals(session(), coop)
    return _png(to_png(charts.savings_figure(totals, coop.currency), dpi=90))


@bp.route("/plans", defaults={"coop_id": None})
@bp.route("/<int:coop_id>/plans")
@login_required(*ROLES)
def plan_list(coop_id: int | None) -> str:
    """Saved plans, with a form to compare two or three."""
    coop = _coop(coop_id, "list_plans")
    rows = pages.plan_rows(service.plans(session(), coop))
    return render_template("coop/plans.html", coop=coop, plans=rows, is_treasurer=_is_treasurer(), error="")


@bp.route("/<int:coop_id>/plans/new/<kind>", methods=["GET", "POST"])
@login_required(*ROLES)
def new_plan(coop_id: int, kind: str):
    """The plan form; "Try it" shows the result, "Save" (treasurer) stores it."""
    if kind not in plans.KINDS:
        abort(404)
    db = session()
    coop = _coop(coop_id, "plan_form")
    if request.method == "GET":
        values = forms.starting_values(
            db, g.user, coop, kind, request.args.get("from", type=int), not request.args.get("blank")
        )
        return plan_form_page(coop, kind, values, {})
    start, problem = _books_start(coop, kind, request.form)
    if problem:  # the hidden day of the books was tampered with or is gone: say so on the form
        return plan_form_page(coop, kind, forms.form_text(kind, request.form), {"plan": problem}, 400)
    saving = request.form.get("action") == "save"
    parsed = forms.parse(
        kind, request.form, saving=saving, runs=_runs(), opening=start.opening if start else None
    )
    if not parsed.ok:
        return plan_form_page(coop, kind, parsed.text, parsed.errors, 400)
    inputs = forms.stored_inputs(parsed, coop.currency, _runs(), start, _other(coop, kind))
    if request.form.get("action") == "save":
        service.require_treasurer(db, g.user, coop, "save_plan")
    result = plans.run_plan(kind, inputs, inputs["seed"], inputs["runs"])
    if request.form.get("action") != "save":
        return _preview_page(coop, kind, parsed, inputs, result)
    plan = service.save_plan(db, g.user, coop, parsed.name, kind, inputs, result)
    flash(_("Plan saved."), "success")
    return redirect(url_for("coop.plan_detail", coop_id=coop.id, plan_id=plan.id))


def _other(coop: Any, kind: str) -> dict[str, Any]:
    """The amounts a savings-and-loans plan takes that its form has no field for, in the group's money."""
    return plans.unshown_settings(service.facts(coop)) if kind == "cooperative" else {}


def _books_start(coop: Any, kind: str, form: Mapping[str, Any]) -> tuple[PlanStart | None, str]:
    """Where a savings-and-loans plan form starts, and what is wrong with its day, if anything.

    The start is the books on the form's ``from_books`` day, or ``None`` for a plan from nothing.
    """
    if kind != "cooperative":
        return None, ""
    try:
        day = forms.books_day(form)
        return (None if day is None else books_plans.start_on(session(), coop, day)), ""
    except (ValueError, PlannerError):
        return None, _("The books' day this plan starts from is not valid; open the form again.")


def _preview_page(
    coop: Any, kind: str, parsed: forms.PlanForm, inputs: dict[str, Any], result: dict[str, Any]
):
    chart_args: dict[str, Any] = {k: v for k, v in parsed.text.items() if v != "" and k != "name"}
    return render_template(
        "coop/result.html",
        coop=coop,
        kind=kind,
        plan=None,
        name=parsed.name or _("Unsaved plan"),
        page=pages.result_page(kind, inputs, result),
        chart_url=url_for("coop.preview_chart", coop_id=coop.id, kind=kind, **chart_args),
        copy_url="",
        hidden={k: v for k, v in parsed.text.items() if k != "name"},
        name_value=parsed.name,
        is_treasurer=_is_treasurer(),
    )


@bp.route("/<int:coop_id>/plans/preview/<kind>.png")
@login_required(*ROLES)
def preview_chart(coop_id: int, kind: str) -> Response:
    """Charts of an unsaved plan, from the inputs in the address (same seed, same futures)."""
    if kind not in plans.KINDS:
        abort(404)
    coop = _coop(coop_id, "view_plan_chart")
    start, problem = _books_start(coop, kind, request.args)
    if problem:
        abort(400, description=problem)
    parsed = forms.parse(
        kind, request.args, saving=False, runs=_runs(), opening=start.opening if start else None
    )
    if not parsed.ok:
        abort(400, description=_("These plan inputs are not valid; open the plan form to see why."))
    inputs = forms.stored_inputs(parsed, coop.currency, _runs(), start, _other(coop, kind))
    result = plans.run_plan(kind, inputs, inputs["seed"], inputs["runs"])
    return _png(to_png(charts.plan_figure(result), dpi=90))


@bp.route("/<int:coop_id>/plans/<int:plan_id>")
@login_required(*ROLES)
def plan_detail(coop_id: int, plan_id: int) -> str:
    """A saved plan: results in words, key figures, charts, inputs, downloads."""
    coop = _coop(coop_id)
    plan = service.plan_for(session(), g.user, coop, plan_id)
    if not service.has_result(plan):
        return render_template("coop/pending.html", coop=coop, plan=plan, is_treasurer=_is_treasurer())
    copy_from: dict[str, Any] = {"from": plan.id}
    return render_template(
        "coop/result.html",
        coop=coop,
        kind=plan.kind,
        plan=plan,
        name=plan.name,
        page=pages.result_page(plan.kind, plan.inputs, plan.summary or {}, plan.name),
        chart_url=url_for("coop.plan_chart", coop_id=coop.id, plan_id=plan.id),
        copy_url=url_for("coop.new_plan", coop_id=coop.id, kind=plan.kind, **copy_from),
        hidden={},
        name_value=plan.name,
        is_treasurer=_is_treasurer(),
    )


@bp.route("/<int:coop_id>/plans/<int:plan_id>/chart.png")
@login_required(*ROLES)
def plan_chart(coop_id: int, plan_id: int) -> Response:
    """A saved plan's charts."""
    plan = service.plan_for(session(), g.user, _coop(coop_id), plan_id, "view_plan_chart", with_result=True)
    return _png(to_png(charts.plan_figure(plan.summary or {}, plan.name), dpi=90))


@bp.route("/<int:coop_id>/plans/<int:plan_id>/plan.pdf")
@login_required(*ROLES)
def plan_pdf(coop_id: int, plan_id: int) -> Response:
    """The printable plan."""
    coop = _coop(coop_id)
    plan = service.plan_for(session(), g.user, coop, plan_id, "export_plan_pdf", with_result=True)
    session().commit()  # the read is audited before the PDF is drawn, with no write held open while it is
    data = documents.pdf_document(coop, plan)
    return Response(
        data,
        mimetype="application/pdf",
        headers={"Content-Disposition": f"attachment; filename=plan-{plan.id}.pdf"},
    )


@bp.route("/<int:coop_id>/plans/<int:plan_id>/series.csv")
@login_required(*ROLES)
def plan_csv(coop_id: int, plan_id: int) -> Response:
    """A plan's month-by-month figures, safe to open in a spreadsheet."""
    plan = service.plan_for(session(), g.user, _coop(coop_id), plan_id, "export_plan_csv", with_result=True)
    return Response(
        safe_csv(documents.series_rows(plan.name, plan.summary or {})),
        mimetype="text/csv",
        headers={"Content-Disposition": f"attachment; filename=plan-{plan.id}.csv"},
    )


@bp.route("/<int:coop_id>/plans/<int:plan_id>/delete", methods=["POST"])
@login_required("coop_treasurer")
def delete_plan(coop_id: int, plan_id: int) -> WerkzeugResponse:
    """Delete a saved plan (treasurer)."""
    db = session()
    coop = _coop(coop_id)
    plan = service.plan_for(db, g.user, coop, plan_id, "delete_plan_request")
    service.delete_plan(db, g.user, coop, plan)
    flash(_("Plan deleted."), "success")
    return redirect(url_for("coop.plan_list", coop_id=coop.id))


def _compared(coop: Any) -> list[Any] | str:
    ids = forms.plan_ids(request.values.getlist("plan"))
    if not 2 <= len(ids) <= 3:
        return _("Choose two or three different plans to compare.")
    return [service.plan_for(session(), g.user, coop, i, "compare_plans", with_result=True) for i in ids]


@bp.route("/<int:coop_id>/compare", methods=["GET", "POST"])
@login_required(*ROLES)
def compare(coop_id: int):
    """Two or three saved plans side by side."""
    coop = _coop(coop_id, "compare_plans")
    chosen = _compared(coop)
    if isinstance(chosen, str):
        rows = pages.plan_rows(service.plans(session(), coop))
        return render_template(
            "coop/plans.html", coop=coop, plans=rows, is_treasurer=_is_treasurer(), error=chosen
        ), 400
    page = pages.comparison_page(chosen)
    return render_template(
        "coop/compare.html",
        coop=coop,
        page=page,
        chart_url=url_for("coop.compare_chart", coop_id=coop.id, plan=page.ids),
    )


@bp.route("/<int:coop_id>/compare.png")
@login_required(*ROLES)
def compare_chart(coop_id: int) -> Response:
    """The compared plans' charts, overlaid."""
    chosen = _compared(_coop(coop_id, "compare_plans"))
    if isinstance(chosen, str):
        abort(400, description=chosen)
    return _png(to_png(charts.comparison_figure([(p.name, p.summary or {}) for p in chosen]), dpi=90))


def _loan_lenders(
    coop: Any, source: Any
) -> tuple[pages.LoanLenders, list[str], dict[str, float], dict[str, str]]:
    """The lenders to compare, the keys of the rates the form may type, the rates typed and their errors.

    The country's lender file is read once, and a second time only when rates were typed.
    """
    lenders = pages.coop_offers(coop)
    keys = [key for key, _label in lenders.to_type]
    typed, errors = forms.parse_rates(source, keys)
    return (pages.coop_offers(coop, typed) if typed else lenders), keys, typed, errors


@bp.route("/loans", defaults={"coop_id": None}, methods=["GET", "POST"])
@bp.route("/<int:coop_id>/loans", methods=["GET", "POST"])
@login_required(*ROLES)
def loans(coop_id: int | None):
    """What the same loan costs from the cooperative and the lenders of its country."""
    coop = _coop(coop_id, "compare_loans")
    source = request.form if request.method == "POST" else {}
    parsed = forms.parse_loan(source, forms.loan_defaults(coop))
    lenders, keys, typed, rate_errors = _loan_lenders(coop, source)
    errors = {**parsed.errors, **rate_errors}
    costs = (
        compare_lenders(parsed.values["principal"], parsed.values["months"], lenders.offers)
        if not errors
        else ()
    )
    chart_args = {**parsed.values, **{forms.rate_field(k): rate * 100 for k, rate in typed.items()}}
    return render_template(
        "coop/loans.html",
        coop=coop,
        lenders=lenders,
        rate_field=forms.rate_field,
        values=forms.loan_text(source, parsed, keys),
        errors=errors,
        rows=pages.loan_rows(costs, coop.currency),
        chart_url=url_for("coop.loans_chart", coop_id=coop.id, **chart_args) if costs else "",
        chart_alt=pages.loans_alt(costs, coop.currency),
    ), (400 if errors else 200)


@bp.route("/<int:coop_id>/loans.png")
@login_required(*ROLES)
def loans_chart(coop_id: int) -> Response:
    """The loan comparison chart (the typed rates travel in the query, as on the page)."""
    coop = _coop(coop_id, "compare_loans")
    parsed = forms.parse_loan(request.args, forms.loan_defaults(coop))
    lenders, _keys, _typed, rate_errors = _loan_lenders(coop, request.args)
    if not parsed.ok or rate_errors:
        abort(400, description=_("Give the amount and the number of months."))
    costs = compare_lenders(parsed.values["principal"], parsed.values["months"], lenders.offers)
    return _png(to_png(charts.loans_figure(costs, coop.currency), dpi=90))


@bp.errorhandler(PlannerError)
def planner_error(error: PlannerError):
    """A plan the planner refuses (checked on the form first, so rare): say why."""
    discard_changes()  # nothing of the refused plan is read back by the page drawn below
    return render_template(
        "errors/error.html", code=400, name=_("Plan not valid"), description=planner_error_text(error)
    ), 400


FUTURES_CHOICES = (1_000, 5_000, 10_000)
FUTURES_TASK = "web.tasks:coop_plan_futures"


@bp.route("/<int:coop_id>/plans/<int:plan_id>/futures", methods=["POST"])
@login_required("coop_treasurer")
def more_futures(coop_id: int, plan_id: int) -> WerkzeugResponse:
    """Re-run a saved plan with more simulated futures, in the background."""
    coop = _coop(coop_id)
    plan = service.plan_for(session(), g.user, coop, plan_id, "rerun_plan")
    raw = request.form.get("runs", "")
    if not raw.isdigit() or int(raw) not in FUTURES_CHOICES:
        flash(_("Choose 1,000, 5,000 or 10,000 futures."), "error")
        return redirect(url_for("coop.plan_detail", coop_id=coop.id, plan_id=plan.id))
    job_id = jobs.start(FUTURES_TASK, plan_id=plan.id, runs=int(raw))
    return redirect(url_for("coop.futures_progress", coop_id=coop.id, plan_id=plan.id, job_id=job_id))


@bp.route("/<int:coop_id>/plans/<int:plan_id>/futures/<job_id>")
@login_required("coop_treasurer")
def futures_progress(coop_id: int, plan_id: int, job_id: str):
    """Progress of a re-run; back to the plan when it is done."""
    coop = _coop(coop_id)
    plan = service.plan_for(session(), g.user, coop, plan_id, "rerun_plan")
    status = jobs.owned_status(job_id, FUTURES_TASK)
    if status.state != "finished":
        return jobs.progress_page(status)
    flash(
        _("The plan now shows %(runs)s simulated futures.", runs=format_decimal(status.result["runs"])),
        "success",
    )
    return redirect(url_for("coop.plan_detail", coop_id=coop.id, plan_id=plan.id))
