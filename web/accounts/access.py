"""Role checks for every page, and the sign-in back-off's refusal page.

:func:`login_required` sends visitors to sign in and records denials (:func:`deny`) in the audit log.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from flask import current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy.orm import Session
from werkzeug.exceptions import Forbidden
from werkzeug.wrappers import Response

from web.accounts.service import wait_message
from web.infra import audit
from web.infra import sign_in_backoff as backoff
from web.infra.db import session as db_session
from web.storage.schema import User

F = TypeVar("F", bound=Callable[..., Any])


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
    audit.refuse(
        db,
        "denied",
        actor_id=g.user.id if g.get("user") else None,
        object_type="route",
        object_id=request.endpoint or "",
        error=Forbidden(_("You do not have access to this page.")),
    )


def attempt_keys(username: str) -> backoff.Keys:
    """The back-off keys of a sign-in attempt for ``username`` from this request's address."""
    return backoff.keys(current_app.config["SECRET_KEY"], username, request.remote_addr or "unknown")


def record_refused_sign_in(db: Session, action: str, user: User | None) -> None:
    """Audit a refused sign-in of ``user`` (``None``: no such account); commit it with the back-off."""
    audit.record(
        db,
        action,
        actor_id=user.id if user else None,
        object_type="user",
        object_id=user.id if user else "",
        outcome="denied",
    )
    db.commit()  # the back-off counted before it stays though the answer is an error (401, 429)


def refuse_while_waiting(
    user: User | None, found: backoff.Keys, page: str, **context: Any
) -> Response | None:
    """A 429 page (audited) when this attempt must wait, else ``None``: checked before any password."""
    db = db_session()
    wait = backoff.retry_after_s(db, found, current_app.config)
    if not wait:
        return None
    record_refused_sign_in(db, "login_throttled", user)
    flash(wait_message(wait), "error")
    response = current_app.make_response((render_template(page, **context), 429))
    response.headers["Retry-After"] = str(wait)
    return response
