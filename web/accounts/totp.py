"""Two-step sign-in with a time-based one-time code (RFC 6238): any account may use it; some must.

A second factor is required of the roles in ``SECOND_FACTOR_ROLES`` (administrators) and of
every account of an organisation whose lead turned ``requires_second_factor`` on. Such an
account without one is signed in to one page only, the enrolment page, until it has one
(:func:`second_factor_missing`); its API tokens are refused meanwhile (``web.api.core``).

Enrolment asks for the password again and shows the secret and an ``otpauth://`` URI as text
(no outside QR service); the secret is stored encrypted (``User.totp_secret``). Turning it off
asks for the password and a current code (:func:`confirm_identity`, also used before making an
API token), and is refused where a second factor is required. At sign-in, a correct password
for an enrolled user parks the sign-in until a valid code arrives; wrong codes count
towards the same back-off as wrong passwords (:mod:`web.infra.sign_in_backoff`). Each code is
accepted once (RFC 6238 §5.2): the time step of the last accepted code is kept in
``User.totp_last_step`` and only a later step is taken (:func:`claim_step`).
"""

from __future__ import annotations

import datetime as dt
import hmac
import re

import pyotp
from flask import (
    Blueprint,
    current_app,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from sqlalchemy import or_, update
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response

from web.accounts.access import attempt_keys, login_required, refuse_while_waiting
from web.accounts.service import verify_password, wait_message
from web.infra import audit, sessions
from web.infra import sign_in_backoff as backoff
from web.infra.db import session as db_session
from web.infra.redirects import safe_next, safe_path
from web.storage.schema import User, utcnow

bp = Blueprint("totp", __name__, url_prefix="/auth/totp")
PENDING_SECONDS = 300
#: What an account that must enrol can still reach before it has.
OPEN_WHILE_ENROLLING = frozenset(
    {"totp.setup", "auth.logout", "account.language", "static", "api.openapi_document", "api.docs"}
)
ISSUER = "Pathways"
_SECRET = re.compile(r"^[A-Z2-7]{32}$")


def matching_step(secret: str, code: str, for_time: dt.datetime | None = None) -> int | None:
    """The time step (RFC 6238 counter) whose code ``code`` is, one step of drift allowed; else ``None``.

    Says nothing about earlier use: sign-in and switch-off spend the step with :func:`use_code`.

    Examples
    --------
    >>> secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    >>> moment = dt.datetime(2026, 11, 28, 12, 0, 10, tzinfo=dt.UTC)
    >>> step = pyotp.TOTP(secret).timecode(moment)
    >>> matching_step(secret, pyotp.TOTP(secret).at(moment), moment) == step
    True
    >>> matching_step(secret, pyotp.TOTP(secret).at(moment - dt.timedelta(seconds=30)), moment) == step - 1
    True
    >>> matching_step(secret, "12345", moment) is None
    True
    """
    code = code.replace(" ", "")
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    now = totp.timecode(for_time or dt.datetime.now(dt.UTC))
    for step in (now - 1, now, now + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def claim_step(db: Session, user: User, step: int) -> bool:
    """Record ``step`` as the user's last used one if it is later than any used before; True if it was.

    The check and the write are one ``UPDATE``, so of two requests racing with the same code
    (even in other processes) only one wins.
    """
    claimed = db.execute(
        update(User)
        .where(User.id == user.id, or_(User.totp_last_step.is_(None), User.totp_last_step < step))
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    )
    db.refresh(user, ["totp_last_step"])
    return bool(claimed.rowcount == 1)  # type: ignore[attr-defined]


def use_code(user: User, code: str) -> str:
    """Check ``code`` against the user's secret and spend it: ``"ok"``, ``"wrong"`` or ``"replayed"``."""
    step = matching_step(user.totp_secret or "", code)
    if step is None:
        return "wrong"
    return "ok" if claim_step(db_session(), user, step) else "replayed"


def provisioning_uri(secret: str, username: str) -> str:
    """The ``otpauth://`` URI an authenticator app accepts."""
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER)


def second_step(user: User) -> Response:
    """Park a sign-in whose password was right until the user gives a code (called by the sign-in view)."""
    audit.record(db_session(), "login_password_ok", actor_id=user.id, object_type="user", object_id=user.id)
    sessions.renew(session)
    session["totp_user_id"] = user.id
    session["totp_started_at"] = utcnow().timestamp()
    session["totp_next"] = safe_path(request.args.get("next")) or ""
    return redirect(url_for("totp.verify"))


def _pending_user() -> User | None:
    user_id = session.get("totp_user_id")
    started = float(session.get("totp_started_at", 0))
    if user_id is None or utcnow().timestamp() - started > PENDING_SECONDS:
        return None
    user = db_session().get(User, user_id)
    return user if user is not None and user.active and user.totp_secret else None


@bp.route("/verify", methods=["GET", "POST"])
def verify() -> str | Response | tuple[str, int]:
    """Second step of sign-in: the code from the authenticator app."""
    user = _pending_user()
    if user is None:
        session.pop("totp_user_id", None)
        flash(_("Sign in again, then give the code from your authenticator app."), "info")
        return redirect(url_for("auth.login"))
    if request.method == "GET":
        return render_template("totp/verify.html")
    found = attempt_keys(user.username)
    waiting = refuse_while_waiting(user, found, "totp/verify.html")
    if waiting is not None:
        return waiting
    db = db_session()
    outcome = use_code(user, request.form.get("code", ""))
    if outcome != "ok":
        backoff.record_failure(db, found, current_app.config)  # as a wrong password, from this address
        action = "totp_replayed" if outcome == "replayed" else "totp_failed"
        audit.record(db, action, actor_id=user.id, object_type="user", object_id=user.id, outcome="denied")
        db.commit()  # the audit row and the back-off stay though the answer is a 401
        if outcome == "replayed":
            flash(_("That code was already used; wait for the next one."), "error")
        else:
            flash(_("That code is not right. Check the time on your phone and try the newest code."), "error")
        return render_template("totp/verify.html"), 401
    backoff.record_success(db, found)
    user.last_login_at = utcnow()
    audit.record(db, "login", actor_id=user.id, object_type="user", object_id=user.id)
    target = safe_next(str(session.get("totp_next") or ""), url_for("home.index"))
    sessions.renew(session)
    session.permanent = True
    session["user_id"] = user.id
    session["epoch"] = user.session_epoch
    return redirect(target)


def second_factor_required(user: User) -> bool:
    """True when ``user`` must use two-step sign-in: by their role, or by their organisation's choice."""
    if user.role in current_app.config["SECOND_FACTOR_ROLES"]:
        return True
    return bool(user.organisation is not None and user.organisation.requires_second_factor)


def second_factor_missing(user: User) -> bool:
    """True when ``user`` must use two-step sign-in and has not set it up yet."""
    return not user.totp_secret and second_factor_required(user)


@bp.before_app_request
def _enrol_first() -> Response | tuple[Response, int] | None:
    """Send an account that must have a second factor, and lacks one, to the enrolment page."""
    user = g.get("user")
    if user is None or request.endpoint in OPEN_WHILE_ENROLLING or not second_factor_missing(user):
        return None
    if request.blueprint == "api" and request.endpoint not in ("api.tokens_page", "api.revoke_token"):
        if request.headers.get("Authorization"):
            return None  # a token call: checked by web.api.core with the token's own user
        body = {
            "error": "second_factor_required",
            "message": "Your account must use two-step sign-in: set it up in the browser first.",
            "fields": {},
        }
        return jsonify(body), 403
    flash(_("Your account must use two-step sign-in. Set it up to continue."), "info")
    return redirect(url_for("totp.setup"))


def confirm_identity(user: User, password: str, code: str) -> str | None:
    """Check the password again (and a current code when a second factor is set up) before a sensitive change.

    Returns ``None`` when both are right, else what to tell the user. Failures count towards the
    sign-in back-off from this address (:mod:`web.infra.sign_in_backoff`), so this form cannot be used to
    guess a password, and are audited as ``reauth_failed``.
    """
    db = db_session()
    found = attempt_keys(user.username)
    wait = backoff.retry_after_s(db, found, current_app.config)
    if wait:
        return wait_message(wait)
    right = verify_password(user.password_hash, password) and (
        not user.totp_secret or use_code(user, code) == "ok"
    )
    if right:
        return None
    backoff.record_failure(db, found, current_app.config)
    audit.record(
        db, "reauth_failed", actor_id=user.id, object_type="user", object_id=user.id, outcome="denied"
    )
    db.commit()  # the audit row and the back-off stay though the form is refused (400)
    if user.totp_secret:
        return _("Your password or the current code is not right.")
    return _("Your password is not right.")


def _setup_page(secret: str, status: int = 200) -> tuple[str, int]:
    user: User = g.user
    page = render_template(
        "totp/setup.html",
        enabled=False,
        secret=secret,
        uri=provisioning_uri(secret, user.username),
        required=second_factor_required(user),
    )
    return page, status


def _enabled_page(user: User, status: int = 200) -> tuple[str, int]:
    """The page once two-step sign-in is on: the switch-off form, never the stored secret."""
    # An empty secret and link: nothing of the stored secret is shown once it is on.
    nothing = {"secret": "", "uri": ""}  # nosec B105
    page = render_template("totp/setup.html", enabled=True, required=second_factor_required(user), **nothing)
    return page, status


@bp.route("/setup", methods=["GET", "POST"])
@login_required()
def setup() -> str | Response | tuple[str, int]:
    """Turn on two-step sign-in: the password again, then the secret into an app, then a code from it."""
    user: User = g.user
    if user.totp_secret:
        return _enabled_page(user)
    if request.method == "GET":
        return _setup_page(pyotp.random_base32(length=32))
    secret = request.form.get("secret", "")
    if not _SECRET.match(secret):
        flash(_("The set-up form expired; start again."), "error")
        return redirect(url_for("totp.setup"))
    refused = confirm_identity(user, request.form.get("password", ""), "")
    if refused is not None:
        flash(refused, "error")
        return _setup_page(secret, 400)
    step = matching_step(secret, request.form.get("code", ""))
    if step is None:
        flash(_("That code is not right. Enter the 6-digit code your app shows now."), "error")
        return _setup_page(secret, 400)
    user.totp_secret = secret
    user.totp_last_step = step  # the code that switched it on cannot sign in as well
    audit.record(db_session(), "totp_enable", actor_id=user.id, object_type="user", object_id=user.id)
    sessions.rotate(session)  # more trust than before: a new session id
    flash(_("Two-step sign-in is on. You will be asked for a code each time you sign in."), "success")
    return redirect(url_for("totp.setup"))


@bp.route("/disable", methods=["POST"])
@login_required()
def disable() -> Response | tuple[str, int]:
    """Turn off two-step sign-in; needs the password and a current code; refused where it is required."""
    user: User = g.user
    db = db_session()
    if not user.totp_secret:
        return redirect(url_for("totp.setup"))
    if second_factor_required(user):
        refused: str | None = _("Your account must use two-step sign-in; it cannot be turned off.")
    else:
        refused = confirm_identity(user, request.form.get("password", ""), request.form.get("code", ""))
    if refused is not None:
        audit.record(
            db, "totp_disable", actor_id=user.id, object_type="user", object_id=user.id, outcome="denied"
        )
        flash(refused, "error")
        return _enabled_page(user, 400)
    user.totp_secret = None
    user.totp_last_step = None  # steps belong to the old secret
    audit.record(db, "totp_disable", actor_id=user.id, object_type="user", object_id=user.id)
    flash(_("Two-step sign-in is off."), "success")
    return redirect(url_for("totp.setup"))
