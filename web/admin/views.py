"""Administrators' account pages under ``/admin/users``; no route here shows anyone's case file.

Privileged changes are asked for here and applied once approved (:mod:`web.admin.changes`).
"""

from __future__ import annotations

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from web.accounts.access import login_required
from web.admin import changes, service
from web.infra import audit
from web.infra.db import discard_changes, session
from web.storage.schema import ROLES

bp = Blueprint("admin", __name__, url_prefix="/admin/users")


def _create_page(values: dict[str, str], errors: dict[str, str], status: int = 200) -> tuple[str, int]:
    orgs = [(o.ref, f"{o.name} ({o.kind})") for o in service.organisations(session())]
    return render_template(
        "admin/create.html",
        values=values,
        errors=errors,
        roles=[(r, r) for r in ROLES],
        organisations=[("", "-")] + orgs,
        languages=[(lang, lang) for lang in current_app.config["LANGUAGES"]],
    ), status


@bp.route("/")
@login_required("admin")
def users() -> str:
    """Every account: role, organisation, language, whether active, locked, or using two-step sign-in."""
    db = session()
    rows = service.users(db)
    audit.record(db, "admin_view_users", actor_id=g.user.id, object_type="user")
    return render_template("admin/users.html", users=rows)


@bp.route("/new", methods=["GET", "POST"])
@login_required("admin")
def create() -> tuple[str, int] | Response:
    """Ask for a new account: a second admin or the organisation's lead approves it and sets a password."""
    if request.method == "GET":
        return _create_page({"role": "counsellor", "language": "en"}, {})
    db = session()
    values, errors = service.validate_new_user(db, request.form, current_app.config["LANGUAGES"])
    if errors:
        return _create_page(values, errors, 400)
    org = changes.organisation_of_new_account(db, values)
    change = changes.ask(db, g.user, "create_user", organisation_id=org, details=values)
    flash(_asked(), "success")
    return redirect(url_for("changes.detail", change_id=change.id))


def _asked() -> str:
    return _("Asked. Another administrator, or the lead of the account's organisation, must approve it.")


@bp.route("/<int:user_id>")
@login_required("admin")
def detail(user_id: int) -> str:
    """One account, the changes to it waiting for approval, and the actions on it."""
    db = session()
    user = service.user_for(db, user_id)
    audit.record(db, "admin_view_user", actor_id=g.user.id, object_type="user", object_id=user.id)
    return render_template(
        "admin/detail.html",
        user=service.row(db, user),
        pending=[changes.row(c) for c in changes.pending_of(db, user)],
        roles=[(r, r) for r in service.role_choices(user)],
        kind_label=lambda kind: changes.KINDS.get(kind, kind),
    )


def _ask(user_id: int, kind: str, details: dict[str, object] | None = None) -> Response:
    db = session()
    user = service.user_for(db, user_id)
    try:
        changes.ask(db, g.user, kind, target=user, details=details)
    except service.AccountRefused as refusal:
        discard_changes()  # the redirect would commit the refused change; its audit rows stay
        flash(str(refusal), "error")
        return redirect(url_for("admin.detail", user_id=user_id))
    flash(_asked(), "success")
    return redirect(url_for("admin.detail", user_id=user_id))


@bp.route("/<int:user_id>/password", methods=["POST"])
@login_required("admin")
def reset_password(user_id: int) -> Response:
    """Ask for a password reset (whoever approves sets the new password, and ends any lockout)."""
    return _ask(user_id, "reset_password")


@bp.route("/<int:user_id>/unlock", methods=["POST"])
@login_required("admin")
def unlock(user_id: int) -> Response:
    """Ask to end the waits after failed sign-ins."""
    return _ask(user_id, "unlock")


@bp.route("/<int:user_id>/role", methods=["POST"])
@login_required("admin")
def set_role(user_id: int) -> Response:
    """Ask for another role of the organisation's kind, or to (un)make the account its lead."""
    user = service.user_for(session(), user_id)
    role, is_lead = request.form.get("role", ""), request.form.get("is_lead") == "1"
    try:
        service.check_role(user, role)
    except service.AccountRefused as refusal:
        flash(str(refusal), "error")
        return redirect(url_for("admin.detail", user_id=user_id))
    return _ask(user_id, "set_role", {"role": role, "is_lead": is_lead})


@bp.route("/<int:user_id>/active", methods=["POST"])
@login_required("admin")
def set_active(user_id: int) -> Response:
    """Deactivate at once (it only takes access away), or ask to reactivate."""
    if request.form.get("active") == "1":
        return _ask(user_id, "reactivate")
    db = session()
    user = service.user_for(db, user_id)
    try:
        service.set_active(db, g.user, user, False)
    except service.AccountRefused as refusal:
        discard_changes()  # the redirect would commit the refused change; its audit rows stay
        flash(str(refusal), "error")
        return redirect(url_for("admin.detail", user_id=user_id))
    changes.record_deactivation(db, g.user, user)
    flash(_("Done."), "success")
    return redirect(url_for("admin.detail", user_id=user_id))


@bp.route("/<int:user_id>/totp", methods=["POST"])
@login_required("admin")
def remove_totp(user_id: int) -> Response:
    """Ask to turn off two-step sign-in for someone who lost their phone."""
    return _ask(user_id, "remove_totp")
