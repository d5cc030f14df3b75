"""Sign-in, sign-out and role checks.

Passwords are hashed with argon2id; repeated failures slow further attempts from the same
address (:mod:`web.infra.sign_in_backoff`), and an unknown username costs as much as a real one.
Sessions are kept on the server (:mod:`web.infra.sessions`): they end after 30 idle minutes and
at most 12 hours after sign-in, and signing in or out starts a new session id. Each
session carries the account's ``session_epoch`` from sign-in; a password reset or a
deactivation raises the epoch and deletes the account's other sessions
(:func:`web.accounts.service.end_all_sessions`, which also revokes the account's API tokens).
Password rules live in :mod:`web.accounts.service`, role checks in :mod:`web.accounts.access`.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.wrappers import Response

from web.accounts.access import attempt_keys, record_refused_sign_in, refuse_while_waiting
from web.accounts.service import check_password, hash_password, hasher
from web.accounts.totp import second_step
from web.infra import audit, sessions
from web.infra import sign_in_backoff as backoff
from web.infra.db import session as db_session
from web.infra.redirects import safe_next
from web.storage.schema import User, utcnow

bp = Blueprint("auth", __name__, url_prefix="/auth")


@bp.before_app_request
def load_user() -> None:
    """Put the signed-in, active user (or ``None``) on ``g.user``; end stale sessions."""
    g.user = None
    user_id = session.get("user_id")
    if user_id is None:
        return
    db = db_session()
    user = db.get(User, user_id)
    if user is None or not user.active:
        sessions.renew(session)
        return
    if session.get("epoch") != user.session_epoch:
        sessions.renew(session)
        audit.record(
            db, "session_revoked", actor_id=user.id, object_type="user", object_id=user.id, outcome="denied"
        )
        return
    g.user = user


@bp.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    """Sign in with username and password."""
    if request.method == "GET":
        return render_template("auth/login.html", username="")
    username = request.form.get("username", "").strip()
    password = request.form.get("password", "")
    db = db_session()
    user = None
    if "\x00" not in username:  # PostgreSQL refuses NUL in text; no account has one
        user = db.execute(select(User).where(User.username == username)).scalar_one_or_none()
    now = utcnow()
    found = attempt_keys(username)
    waiting = refuse_while_waiting(user, found, "auth/login.html", username=username)
    if waiting is not None:
        return waiting
    if not check_password(user, password) or user is None:
        backoff.record_failure(db, found, current_app.config)
        record_refused_sign_in(db, "login_failed", user)
        flash(_("Wrong username or password."), "error")
        return render_template("auth/login.html", username=username), 401
    if user.totp_secret:
        return second_step(user)
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    backoff.record_success(db, found)
    user.last_login_at = now
    audit.record(db, "login", actor_id=user.id, object_type="user", object_id=user.id)
    sessions.renew(session)  # a new id: one planted before sign-in is worth nothing now
    session.permanent = True
    session["user_id"] = user.id
    session["epoch"] = user.session_epoch
    return redirect(safe_next(request.args.get("next"), url_for("home.index")))


@bp.route("/logout", methods=["POST"])
def logout() -> Response:
    """Sign out and forget the session."""
    if g.user is not None:
        audit.record(db_session(), "logout", actor_id=g.user.id, object_type="user", object_id=g.user.id)
    sessions.renew(session)  # the stored session is deleted: a copy of the cookie no longer works
    flash(_("You have signed out."), "info")
    return redirect(url_for("auth.login"))
