"""Administrators' account pages under ``/admin/users``; no route here shows anyone's case file."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from web import audit
from web.admin import service
from web.auth import PasswordRejected, login_required
from web.db import session
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
    db.commit()
    return render_template("admin/users.html", users=rows)


@bp.route("/new", methods=["GET", "POST"])
@login_required("admin")
def create() -> tuple[str, int] | Response:
    """Add an account with an initial password that meets the account rules."""
    if request.method == "GET":
        return _create_page({"role": "counsellor", "language": "en"}, {})
    db = session()
    values, errors = service.validate_new_user(db, request.form, current_app.config["LANGUAGES"])
    if errors:
        return _create_page(values, errors, 400)
    user = service.create_user(db, g.user, values, request.form["password"])
    db.commit()
    flash(_("Account created. Give the person their password in a safe way."), "success")
    return redirect(url_for("admin.detail", user_id=user.id))


@bp.route("/<int:user_id>")
@login_required("admin")
def detail(user_id: int) -> str:
    """One account and the actions on it."""
    db = session()
    user = service.user_for(db, user_id)
    audit.record(db, "admin_view_user", actor_id=g.user.id, object_type="user", object_id=user.id)
    db.commit()
    return render_template("admin/detail.html", user=service.row(db, user))


def _act(user_id: int, action: str) -> Response:
    db = session()
    user = service.user_for(db, user_id)
    form = request.form
    try:
        if action == "password":
            service.reset_password(db, g.user, user, form.get("password", ""), form.get("password_again", ""))
        elif action == "unlock":
            service.unlock(db, g.user, user)
        elif action == "active":
            service.set_active(db, g.user, user, form.get("active") == "1")
        else:
            service.remove_totp(db, g.user, user)
    except (PasswordRejected, service.AccountRefused) as refusal:
        db.rollback()
        flash(str(refusal), "error")
        return redirect(url_for("admin.detail", user_id=user_id))
    db.commit()
    flash(_("Done."), "success")
    return redirect(url_for("admin.detail", user_id=user_id))


@bp.route("/<int:user_id>/password", methods=["POST"])
@login_required("admin")
def reset_password(user_id: int) -> Response:
    """Set a new password (and end any lockout)."""
    return _act(user_id, "password")


@bp.route("/<int:user_id>/unlock", methods=["POST"])
@login_required("admin")
def unlock(user_id: int) -> Response:
    """End a lockout."""
    return _act(user_id, "unlock")


@bp.route("/<int:user_id>/active", methods=["POST"])
@login_required("admin")
def set_active(user_id: int) -> Response:
    """Deactivate or reactivate an account."""
    return _act(user_id, "active")


@bp.route("/<int:user_id>/totp", methods=["POST"])
@login_required("admin")
def remove_totp(user_id: int) -> Response:
    """Turn off two-step sign-in for the account."""
    return _act(user_id, "totp")
