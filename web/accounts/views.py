"""Sign-in, sign-out and role checks.

Passwords are hashed with argon2id; repeated failures slow further attempts from the same
address (:mod:`web.infra.sign_in_backoff`), and an unknown username costs as much as a real one.
Sessions are kept on the server (:mod:`web.infra.sessions`): they end after 30 idle minutes and
at most 12 hours after sign-in, and signing in or out starts a new session id. Each
session carries the account's ``session_epoch`` from sign-in; a password reset or a
deactivation raises the epoch and deletes the account's other sessions
(:func:`end_all_sessions`, which also revokes the account's API tokens).
"""

from __future__ import annotations

import functools
import math
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
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
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.exceptions import Forbidden
from werkzeug.wrappers import Response

from web.infra import audit, sessions
from web.infra import sign_in_backoff as backoff
from web.infra.db import session as db_session
from web.infra.redirects import safe_next
from web.storage.schema import ApiToken, User, utcnow

bp = Blueprint("auth", __name__, url_prefix="/auth")
hasher = PasswordHasher()  # argon2id with the library's RFC 9106 low-memory profile
MIN_PASSWORD_LENGTH = 12
COMMON_PASSWORDS = frozenset((Path(__file__).with_name("common_passwords.txt")).read_text().split())
F = TypeVar("F", bound=Callable[..., Any])


class PasswordRejected(ValueError):
    """A new password breaks a rule; the message says which."""


def check_password_rules(password: str, username: str = "") -> None:
    """Raise :class:`PasswordRejected` unless the password meets the account rules (ASVS 2.1)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise PasswordRejected(
            _("Use at least %(count)d characters; a short sentence works well.", count=MIN_PASSWORD_LENGTH)
        )
    if len(password) > 128:
        raise PasswordRejected(_("Use at most 128 characters."))
    lowered = password.lower()
    if lowered in COMMON_PASSWORDS or (username and username.lower() in lowered):
        raise PasswordRejected(_("That password is too easy to guess; choose another one."))


def hash_password(password: str) -> str:
    """An argon2id hash of ``password``."""
    return hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """True if ``password`` matches the stored hash."""
    try:
        return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


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
        db.commit()
        return
    g.user = user


def end_all_sessions(db: Session, actor_id: int | None, user: User) -> None:
    """Sign ``user`` out everywhere: stored sessions deleted, epoch raised (audited, ids only).

    Their API tokens are revoked too (they make new ones). Nobody applies such a change to
    their own account (web/admin/changes.py), so no session of theirs survives it.
    """
    user.session_epoch = (user.session_epoch or 0) + 1
    audit.record(db, "end_sessions", actor_id=actor_id, object_type="user", object_id=user.id)
    live = select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
    for token in db.execute(live).scalars():
        token.revoked_at = utcnow()
        audit.record(db, "revoke_api_token", actor_id=actor_id, object_type="api_token", object_id=token.id)
    sessions.end_sessions_of(db, user.id)


def login_required(*roles: str) -> Callable[[F], F]:
    """Require a signed-in user, and one of ``roles`` when given; log denials."""

    def decorator(view: F) -> F:
        @functools.wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if g.user is None:
                return redirect(
                    url_for("auth.login", next=request.full_path if request.method == "GET" else None)
                )
            if roles and g.user.role not in roles:
                deny(f"role:{g.user.role}")
            return view(*args, **kwargs)

        wrapped.required_roles = roles  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorator


def deny(reason: str = "") -> None:
    """Record a denied request in the audit log and stop with 403."""
    db = db_session()
    audit.record(
        db,
        "denied",
        actor_id=g.user.id if g.get("user") else None,
        object_type="route",
        object_id=request.endpoint or "",
        outcome="denied",
    )
    db.commit()
    raise Forbidden(_("You do not have access to this page."))


def attempt_keys(username: str) -> backoff.Keys:
    """The back-off keys of a sign-in attempt for ``username`` from this request's address."""
    return backoff.keys(current_app.config["SECRET_KEY"], username, request.remote_addr or "unknown")


def wait_message(seconds: int) -> str:
    """How long to wait, said the same whatever the account, real or not."""
    if seconds < 60:
        return ngettext(
            "Too many failed sign-ins. Wait %(num)d second, then try again.",
            "Too many failed sign-ins. Wait %(num)d seconds, then try again.",
            seconds,
        )
    return ngettext(
        "Too many failed sign-ins. Wait %(num)d minute, then try again.",
        "Too many failed sign-ins. Wait %(num)d minutes, then try again.",
        math.ceil(seconds / 60),
    )


def refuse_while_waiting(
    user: User | None, found: backoff.Keys, page: str, **context: Any
) -> Response | None:
    """A 429 page (audited) when this attempt must wait, else ``None``: checked before any password."""
    db = db_session()
    wait = backoff.retry_after_s(db, found, current_app.config)
    if not wait:
        return None
    audit.record(
        db,
        "login_throttled",
        actor_id=user.id if user else None,
        object_type="user",
        object_id=user.id if user else "",
        outcome="denied",
    )
    db.commit()
    flash(wait_message(wait), "error")
    response = current_app.make_response((render_template(page, **context), 429))
    response.headers["Retry-After"] = str(wait)
    return response


@functools.cache
def _dummy_hash() -> str:
    """A hash of a random password, made with the same argon2 settings, for unknown usernames."""
    return hasher.hash(secrets.token_urlsafe(32))


def check_password(user: User | None, password: str) -> bool:
    """True for an active user's right password; as slow for an unknown user as for a real one.

    An unknown username is checked against a dummy argon2 hash of the same cost, and an inactive
    account's password is checked too, so the answer's timing does not tell which accounts exist.
    """
    matches = verify_password(user.password_hash if user is not None else _dummy_hash(), password)
    return user is not None and user.active and matches


@bp.route("/login", methods=["GET", "POST"])
def login() -> str | Response:
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
        audit.record(
            db,
            "login_failed",
            actor_id=user.id if user else None,
            object_type="user",
            object_id=user.id if user else "",
            outcome="denied",
        )
        db.commit()
        flash(_("Wrong username or password."), "error")
        return render_template("auth/login.html", username=username), 401
    if user.totp_secret:
        from web.accounts.totp import second_step  # imported here: web.accounts.totp imports this module

        return second_step(user)
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    backoff.record_success(db, found)
    user.last_login_at = now
    audit.record(db, "login", actor_id=user.id, object_type="user", object_id=user.id)
    db.commit()
    sessions.renew(session)  # a new id: one planted before sign-in is worth nothing now
    session.permanent = True
    session["user_id"] = user.id
    session["epoch"] = user.session_epoch
    return redirect(safe_next(request.args.get("next"), url_for("home.index")))


@bp.route("/logout", methods=["POST"])
def logout() -> Response:
    """Sign out and forget the session."""
    if g.user is not None:
        db = db_session()
        audit.record(db, "logout", actor_id=g.user.id, object_type="user", object_id=g.user.id)
        db.commit()
    sessions.renew(session)  # the stored session is deleted: a copy of the cookie no longer works
    flash(_("You have signed out."), "info")
    return redirect(url_for("auth.login"))
