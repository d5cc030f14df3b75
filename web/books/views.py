"""The books' pages: thin routes that parse the request, call one service function and render.

Members and treasurers reach only their own cooperative (another id is 404); a member reads their
own passbook and the group's totals; only the treasurer records meetings, corrects entries,
imports a ledger, reads every passbook and plans again from the books.
"""

from __future__ import annotations

import datetime as dt
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
from flask_babel import get_translations, ngettext
from flask_babel import gettext as _
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response as WerkzeugResponse

from planner import PlannerError
from planner.books.ledger import Books
from planner.books.measures import measures
from planner.books.shareout import share_out
from planner.books.statements import group_balances, passbook, passbooks
from planner.charts import to_png
from planner.exceptions import BooksError
from planner.fan_chart import plan_figure
from web.accounts.access import login_required
from web.books import pages, plans, service
from web.books.forms import parse_meeting
from web.coop.planner_words import NUMBERS, as_sentence, planner_error_text, say
from web.infra.db import discard_changes, session

bp = Blueprint("books", __name__, url_prefix="/books")

ROLES = ("coop_member", "coop_treasurer")


def _coop(coop_id: int, action: str) -> Any:
    return service.books_cooperative(session(), g.user, coop_id, action)


def _open_books(coop_id: int, action: str) -> tuple[Session, Any, Books, dt.date]:
    """The session, the cooperative (access checked and audited as ``action``), its books and their day."""
    db = session()
    coop = _coop(coop_id, action)
    books = service.load_books(db, coop)
    return db, coop, books, service.books_today(books)


@bp.route("/<int:coop_id>")
@login_required(*ROLES)
def overview(coop_id: int) -> str:
    """The group's books: totals, the plan against the books, and (treasurer) every passbook."""
    db, coop, books, day = _open_books(coop_id, "view_books")
    treasurer = service.is_treasurer(g.user)
    view = {
        "day": pages.day_text(day),
        "balances": pages.balances_rows(group_balances(books, day), coop.currency),
        "passbooks": pages.passbook_rows(books, passbooks(books, day)) if treasurer else [],
        "entries": pages.entry_rows(books) if treasurer else [],
        "check": plans.plan_check_view(db, coop, books, day),
    }
    return render_template("books/overview.html", coop=coop, view=view, is_treasurer=treasurer)


@bp.route("/<int:coop_id>/plan.png")
@login_required(*ROLES)
def plan_chart(coop_id: int) -> Response:
    """The latest plan from the books: its fan chart with the actual line drawn over it."""
    db, coop, books, day = _open_books(coop_id, "view_plan_chart")
    found = plans.latest_check(db, coop, books, day)
    if found is None:
        abort(404)
    plan, outcome, check = found
    plural = get_translations().ngettext  # the chart fills in its own values
    figure = plan_figure(
        outcome, name=plan.name, actual=check.points, translate=_, ngettext=plural, numbers=NUMBERS
    )
    return Response(to_png(figure, dpi=90), mimetype="image/png", headers={"Cache-Control": "no-store"})


@bp.route("/<int:coop_id>/plan", methods=["POST"])
@login_required("coop_treasurer")
def replan(coop_id: int) -> WerkzeugResponse:
    """Plan again from the books as they stand today; the older plans are kept for comparison."""
    db = session()
    coop = _coop(coop_id, "save_plan")
    runs = int(current_app.config.get("COOP_PLAN_RUNS", 1000))
    try:
        plans.replan_from_today(db, g.user, coop, _("From the books"), runs)
    except PlannerError as error:
        discard_changes()  # the redirect would commit the refused change; its audit rows stay
        flash(as_sentence(planner_error_text(error)), "error")
        return redirect(url_for("books.overview", coop_id=coop.id))
    flash(_("A new plan starts from the books today; the older plans are kept."), "success")
    return redirect(url_for("books.overview", coop_id=coop.id))


@bp.route("/<int:coop_id>/meeting", methods=["GET", "POST"])
@login_required("coop_treasurer")
def meeting(coop_id: int) -> tuple[str, int] | WerkzeugResponse:
    """The treasurer's meeting form: attendance, savings, loans, repayments and the group's money."""
    db = session()
    coop = _coop(coop_id, "record_meeting")
    service.require_treasurer(db, g.user, coop, "record_meeting")
    books = service.load_books(db, coop)
    today = service.books_today(books, dt.date.today())
    members = service.member_refs(coop)
    loans = [x for p in passbooks(books, today) for x in p.loans if x.outstanding > 0]
    errors: dict[str, str] = {}
    if request.method == "POST":
        parsed = parse_meeting(request.form, books, members, loans, dt.date.today())
        errors = {k: _(v) for k, v in parsed.errors.items()}
        if parsed.ok:
            try:
                service.record_entries(db, g.user, coop, parsed.entries)
            except BooksError as error:  # raised before anything is stored: the access stays audited
                for p in error.problems:
                    errors.setdefault(parsed.fields.get(p.entry_id, "date"), say(p.message))
            else:
                flash(
                    ngettext(
                        "%(num)s entry written in the books.",
                        "%(num)s entries written in the books.",
                        len(parsed.entries),
                    ),
                    "success",
                )
                return redirect(url_for("books.overview", coop_id=coop.id))
    status = 400 if errors else 200
    return (
        render_template(
            "books/meeting.html",
            coop=coop,
            members=members,
            loans=loans,
            form=request.form,
            errors=errors,
            today=dt.date.today().isoformat(),
        ),
        status,
    )


@bp.route("/<int:coop_id>/entries/reverse", methods=["POST"])
@login_required("coop_treasurer")
def reverse(coop_id: int) -> WerkzeugResponse:
    """Correct an entry by reversing it (a new entry; the old one stays in the books).

    The entry's id comes in the form, not the address: ids name members (``2026-01-15-sav-m3``),
    and addresses end up in access logs.
    """
    db = session()
    coop = _coop(coop_id, "correct_book_entry")
    entry_id = request.form.get("entry", "").strip()[:200]
    try:
        service.correct_entry(db, g.user, coop, entry_id, dt.date.today(), request.form.get("note", "")[:200])
    except BooksError as error:  # raised before anything is stored: the access stays audited
        flash("; ".join(say(p.message) for p in error.problems), "error")
    else:
        flash(_("Entry %(id)s reversed.", id=entry_id), "success")
    return redirect(url_for("books.overview", coop_id=coop.id))


@bp.route("/<int:coop_id>/import", methods=["GET", "POST"])
@login_required("coop_treasurer")
def import_ledger(coop_id: int) -> tuple[str, int]:
    """Read a paper ledger's CSV into empty books: every problem by line, nothing kept while any remains."""
    db = session()
    coop = _coop(coop_id, "import_ledger")
    service.require_treasurer(db, g.user, coop, "import_ledger")
    report = None
    status = 200
    if request.method == "POST":
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            flash(_("Choose a CSV file to upload."), "error")
            status = 400
        else:
            text = upload.read().decode("utf-8-sig", errors="replace")
            result = service.import_ledger(db, g.user, coop, text, upload.filename)
            report = {
                "errors": [p.text(_, NUMBERS) for p in result.problems],
                "rows": result.rows,
            }
            status = 200 if result.ok else 400
    return render_template("books/import.html", coop=coop, report=report), status


@bp.route("/<int:coop_id>/passbook")
@login_required(*ROLES)
def member_passbook(coop_id: int) -> str:
    """A member's passbook: their own (the treasurer may read any member's with ``?member=``)."""
    coop, view = _passbook(coop_id, "view_passbook")
    return render_template("books/passbook.html", coop=coop, view=view, member=request.args.get("member"))


@bp.route("/<int:coop_id>/passbook.pdf")
@login_required(*ROLES)
def passbook_pdf(coop_id: int) -> Response:
    """The same passbook, printable (PDF), in the reader's language."""
    coop, view = _passbook(coop_id, "export_passbook_pdf")
    data = pages.passbook_pdf(coop, view)
    return Response(
        data,
        mimetype="application/pdf",
        headers={"Content-Disposition": f"attachment; filename=passbook-{view['member']}.pdf"},
    )


def _passbook(coop_id: int, action: str) -> tuple[Any, dict[str, Any]]:
    db, coop, books, day = _open_books(coop_id, action)
    member = service.passbook_member(db, g.user, coop, request.args.get("member") or None)
    try:
        view = pages.passbook_view(
            passbook(books, member, day), coop.currency, books.constitution.share_price
        )
    except KeyError:  # a member the books do not name yet
        view = {"member": member, "on": pages.day_text(day), "rows": [], "loans": []}
    return coop, view


@bp.route("/<int:coop_id>/share-out")
@login_required(*ROLES)
def share_out_preview(coop_id: int) -> str:
    """What the share-out would pay today, by the constitution's method (a member sees their own payout)."""
    db, coop, books, day = _open_books(coop_id, "view_share_out")
    member = None if service.is_treasurer(g.user) else service.own_member_ref(db, g.user, coop) or ""
    view, problem = None, ""
    try:
        view = pages.share_out_view(share_out(books, day), member)
    except PlannerError as error:
        problem = as_sentence(planner_error_text(error))
    return render_template(
        "books/share_out.html", coop=coop, view=view, problem=problem, day=pages.day_text(day)
    )


@bp.route("/<int:coop_id>/measures")
@login_required(*ROLES)
def measures_page(coop_id: int) -> str:
    """The standard measures of the cycle so far, each with one plain sentence."""
    _db, coop, books, day = _open_books(coop_id, "view_measures")
    rows = pages.measure_rows(measures(books, on=day), coop.currency) if books.effective else []
    return render_template("books/measures.html", coop=coop, rows=rows, day=pages.day_text(day))
