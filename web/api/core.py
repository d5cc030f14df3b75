"""The API blueprint: who is calling (token or session), role checks, JSON errors, no caching.

A request with ``Authorization: Bearer <token>`` is authenticated by that token alone:
a wrong or revoked token is refused (401) even if a session cookie is also sent, and such
a request skips the cookie CSRF check (a browser cannot add that header across sites).
A request without it uses the signed-in session and keeps the CSRF check (send the token
of the page in ``X-CSRF-Token``). A token past its expiry is refused (401 ``token_expired``),
and each route needs one of the token's scopes (:func:`roles`). Every response says
``Cache-Control: no-store``.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from flask import Blueprint, Response, g, jsonify, request
from flask import session as flask_session
from werkzeug.exceptions import Forbidden, HTTPException

from web.accounts.access import deny
from web.accounts.totp import second_factor_missing
from web.api import tokens
from web.infra import audit
from web.infra.db import session

bp = Blueprint("api", __name__, url_prefix="/api/v1")
F = TypeVar("F", bound=Callable[..., Any])
#: Pages of the blueprint that only a signed-in browser session may use (never a token).
COOKIE_ONLY = frozenset({"api.tokens_page", "api.revoke_token"})
MAX_ID = 2**31 - 1


class ApiError(Exception):
    """An API refusal: HTTP status, a short code, a message to act on, per-field messages."""

    def __init__(
        self,
        status: int,
        error: str,
        message: str,
        fields: Mapping[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.error = error
        self.message = message
        self.fields = dict(fields or {})
        self.extra = extra

    def response(self) -> tuple[Response, int]:
        """The JSON error body and status."""
        body = {"error": self.error, "message": self.message, "fields": self.fields, **self.extra}
        return jsonify(body), self.status


def invalid(fields: Mapping[str, str], message: str = "Some fields need fixing.") -> ApiError:
    """A 422 naming each field to fix."""
    return ApiError(422, "invalid", message, fields)


def bearer() -> str | None:
    """The Bearer token of this request, or ``None`` when it sends none."""
    header = request.headers.get("Authorization", "")
    if header[:7].lower() != "bearer ":
        return None
    return header[7:].strip()


@bp.url_value_preprocessor
def _mark_token_request(endpoint: str | None, values: dict[str, Any] | None) -> None:
    # URL value preprocessors run before every before_request hook, hence before the app's
    # CSRF check: a Bearer request is exempt here and authenticated by its token below, or refused;
    # so is a request with no signed-in session at all (it is refused with 401 below).
    if endpoint not in COOKIE_ONLY and (bearer() is not None or "user_id" not in flask_session):
        g.csrf_exempt = True
    for value in (values or {}).values():
        if isinstance(value, int) and not 0 < value <= MAX_ID:
            raise ApiError(404, "not_found", "No such record.")


@bp.before_request
def _authenticate() -> None:
    g.api_token = None
    secret = bearer()
    if request.endpoint in COOKIE_ONLY or secret is None:
        return
    db = session()
    token = tokens.authenticate(db, secret)
    if token is None or token.expired:
        g.user = None
        audit.record(
            db, "api_auth_failed", object_type="route", object_id=request.endpoint or "", outcome="denied"
        )
        if token is not None:
            raise ApiError(
                401, "token_expired", "The API token has expired. Make a new one at /api/v1/tokens."
            )
        raise ApiError(
            401, "unauthorized", "The API token is wrong or revoked. Make a new one at /api/v1/tokens."
        )
    db.commit()  # the token's use is kept even when the call is refused (4xx), with no write left open
    g.user = token.user
    g.api_token = token
    if second_factor_missing(token.user):
        raise ApiError(
            403,
            "second_factor_required",
            "Your account must use two-step sign-in: set it up in the browser, then call the API again.",
        )


@bp.after_request
def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    response.headers["Vary"] = "Authorization, Cookie"
    return response


@bp.errorhandler(ApiError)
def _api_error(error: ApiError) -> tuple[Response, int]:
    response, status = error.response()
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="pathways"'
    return response, status


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException) -> tuple[Response, int]:
    code = error.code or 500
    name = (error.name or "error").lower().replace(" ", "_")
    message = error.description if code < 500 else "Something went wrong on our side. Please try again."
    return ApiError(code, name, message or "").response()


def roles(*allowed: str, scope: str | None = None) -> Callable[[F], F]:
    """Require a caller (401 otherwise) whose role is one of ``allowed`` (403, audited, otherwise).

    A call with a token also needs ``scope`` among the token's scopes (403 ``insufficient_scope``,
    audited); a signed-in browser session acts with all of its user's access. Only ``/me`` has no scope.
    """
    if scope is not None and scope not in tokens.SCOPES:
        raise ValueError(f"unknown API scope {scope!r}")

    def decorator(view: F) -> F:
        @functools.wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if g.get("user") is None:
                raise ApiError(401, "unauthorized", "Send an API token: 'Authorization: Bearer <token>'.")
            if allowed and g.user.role not in allowed:
                try:
                    deny(f"role:{g.user.role}")
                except Forbidden:
                    raise ApiError(403, "forbidden", "Your role cannot use this endpoint.") from None
            token = g.get("api_token")
            if token is not None and scope is not None and scope not in (token.scopes or []):
                try:
                    deny(f"scope:{scope}")
                except Forbidden:
                    raise ApiError(
                        403,
                        "insufficient_scope",
                        f"This token does not have the '{scope}' scope; make a token that has it.",
                    ) from None
            return view(*args, **kwargs)

        wrapped.required_roles = allowed  # type: ignore[attr-defined]
        wrapped.required_scope = scope  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorator


def json_body() -> dict[str, Any]:
    """The request's JSON object, or a 400 saying what to send."""
    if not request.is_json:
        raise ApiError(400, "bad_request", "Send a JSON object with 'Content-Type: application/json'.")
    try:
        data = request.get_json(silent=True)
    except RecursionError:  # absurdly deep nesting; the JSON parser gives up
        data = None
    if not isinstance(data, dict):
        raise ApiError(400, "bad_request", "The body is not a JSON object.")
    return data


def only_fields(body: Mapping[str, Any], allowed: Mapping[str, type | tuple[type, ...]]) -> dict[str, str]:
    """A message for each unknown field and each field of the wrong JSON type (``bool`` is not ``int``)."""
    errors: dict[str, str] = {}
    for name, value in body.items():
        expected = allowed.get(name)
        if expected is None:
            errors[str(name)[:80]] = "is not a field here"
        elif value is not None and (
            not isinstance(value, expected) or (isinstance(value, bool) and bool not in _tuple(expected))
        ):
            errors[name] = f"should be {_describe(expected)}"
        elif isinstance(value, float) and not math.isfinite(value):
            errors[name] = "should be a finite number"
        elif (
            isinstance(value, int)
            and not isinstance(value, bool)
            and name.endswith("_id")
            and not 0 < value <= MAX_ID
        ):
            errors[name] = "is not an id"
    return errors


_TYPE_WORDS = {int: "a whole number", float: "a number", str: "a string", list: "a list", dict: "an object"}


def _tuple(expected: type | tuple[type, ...]) -> tuple[type, ...]:
    return expected if isinstance(expected, tuple) else (expected,)


def _describe(expected: type | tuple[type, ...]) -> str:
    kinds = _tuple(expected)
    if set(kinds) == {int, float}:
        return "a number"
    return " or ".join(_TYPE_WORDS.get(k, k.__name__) for k in kinds)
