"""Pages of privileged account changes, under ``/account-changes``: seen by the organisation, decided by two.

Every signed-in user sees the changes to their own organisation's accounts (administrators see
all); a second administrator or the organisation's lead approves or refuses a pending one, and
whoever asked can withdraw it. The organisation's lead can also require two-step sign-in of
every account of the organisation.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from web.accounts.access import deny, login_required
from web.accounts.service import PasswordRejected
from web.admin import changes, service
from web.infra import audit
from web.infra.db import discard_changes, session

bp = Blueprint("changes", __name__, url_prefix="/account-changes")


def _labels() -> dict[str, object]:
    return {
        "kind_label": lambda kind: changes.KINDS.get(kind, kind),
        "status_name": lambda status: changes.STATUSES.get(status, status),
    }


def _decided(
    change_id: int, decide: Callable[[], object], refusals: tuple[type[Exception], ...], done: str
) -> Response:
    """Run ``decide`` and go back to the change's page saying ``done``, or the refusal (nothing kept)."""
    try:
        decide()
    except refusals as refusal:
        discard_changes()  # the redirect would commit the refused change; its audit rows stay
        flash(str(refusal), "error")
    else:
        flash(done, "success")
    return redirect(url_for("changes.detail", change_id=change_id))


@bp.route("/")
@login_required()
def index() -> str:
    """The changes to the organisation's accounts (all of them, for an administrator), newest first."""
    db = session()
    user = g.user
    shown = [changes.row(c) for c in changes.changes_for(db, user)]
    waiting = [changes.row(c) for c in changes.waiting_for(db, user)]
    audit.record(
        db,
        "view_account_changes",
        actor_id=user.id,
        object_type="organisation",
        object_id=user.organisation_id or "",
    )
    return render_template(
        "admin/changes.html",
        changes=shown,
        waiting=waiting,
        organisation=user.organisation,
        is_lead=bool(user.is_lead and user.organisation is not None),
        leads=[u.username for u in changes.leads_of(db, user.organisation_id)],
        **_labels(),
    )


@bp.route("/<int:change_id>")
@login_required()
def detail(change_id: int) -> str:
    """One change: what, for whom, who asked, who decided; the approval form for who may decide."""
    db = session()
    change = changes.change_for(db, g.user, change_id)
    audit.record(
        db, "view_account_change", actor_id=g.user.id, object_type="account_change", object_id=change.id
    )
    return render_template(
        "admin/change.html",
        change=changes.row(change),
        may_decide=changes.may_decide(g.user, change),
        may_withdraw=change.status == "pending" and change.requested_by_id == g.user.id,
        needs_password=change.kind in changes.NEEDS_PASSWORD,
        leads=[u.username for u in changes.leads_of(db, change.organisation_id)],
        **_labels(),
    )


@bp.route("/<int:change_id>/approve", methods=["POST"])
@login_required()
def approve(change_id: int) -> Response:
    """Apply a pending change (a second administrator or the organisation's lead)."""
    db = session()
    change = changes.change_for(db, g.user, change_id)
    if not changes.may_decide(g.user, change):
        deny("account_change")
    return _decided(
        change_id,
        lambda: changes.approve(db, g.user, change, request.form),
        (PasswordRejected, service.AccountRefused),
        _("Approved and applied."),
    )


@bp.route("/<int:change_id>/refuse", methods=["POST"])
@login_required()
def refuse(change_id: int) -> Response:
    """Refuse a pending change, or withdraw one you asked for."""
    db = session()
    change = changes.change_for(db, g.user, change_id)
    if not (changes.may_decide(g.user, change) or change.requested_by_id == g.user.id):
        deny("account_change")
    return _decided(
        change_id, lambda: changes.refuse(db, g.user, change), (service.AccountRefused,), _("Done.")
    )


@bp.route("/second-factor", methods=["POST"])
@login_required()
def second_factor() -> Response:
    """The organisation's lead requires (or stops requiring) two-step sign-in of every account of it."""
    user = g.user
    if not user.is_lead or user.organisation is None:
        deny("lead_only")
    required = request.form.get("required") == "1"
    user.organisation.requires_second_factor = required
    action = "require_second_factor" if required else "stop_requiring_second_factor"
    audit.record(
        session(), action, actor_id=user.id, object_type="organisation", object_id=user.organisation_id
    )
    if required:
        flash(_("Everyone in your organisation must now use two-step sign-in."), "success")
    else:
        flash(_("Two-step sign-in is now each person's choice in your organisation."), "success")
    return redirect(url_for("changes.index"))
