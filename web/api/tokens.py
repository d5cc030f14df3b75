"""Personal API tokens: made once, shown once, stored only as a SHA-256 digest, revoked at once.

A token is ``pw_`` followed by 32 random bytes (URL-safe base64). The database keeps
its SHA-256, so a copy of the database cannot be used to call the API. Revoking sets
``revoked_at``; the very next request with that token is refused.

Every token expires (``API_TOKEN_DAYS``, 90 days unless the maker chooses between 1 day and
``API_TOKEN_MAX_DAYS``) and carries scopes: ``read`` or ``write`` per area (:data:`SCOPES`),
among the areas its user's role works in; each API route needs one scope (``web.api.core.roles``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from web.i18n import N_
from web.infra import audit
from web.storage.schema import ApiToken, User, utcnow

PREFIX = "pw_"
MAX_NAME = 80
MAX_ACTIVE_TOKENS = 20
DEFAULT_DAYS = 90
MAX_DAYS = 365
#: The API's areas; a scope is ``<area>:read`` or ``<area>:write`` (write does not include read).
AREAS = ("people", "placements", "vacancies", "cooperative")
LEVELS = ("read", "write")
SCOPES = tuple(f"{area}:{level}" for area in AREAS for level in LEVELS)
#: The areas each role's API routes are in: a token can hold only these scopes.
ROLE_AREAS: dict[str, tuple[str, ...]] = {
    "counsellor": ("people", "placements", "vacancies"),
    "employer": ("placements", "vacancies"),
    "coop_member": ("cooperative",),
    "coop_treasurer": ("cooperative",),
    "admin": (),
}


class TokenRefused(ValueError):
    """A token cannot be made (bad name, scopes or lifetime, too many); the message says what to do.

    ``message`` is an English msgid with ``%(name)s`` placeholders filled from ``params``: ``str()``
    gives the English, a page says it in the reader's language with ``gettext(message, **params)``.
    """

    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message % params if params else message)
        self.message = message
        self.params = params


def digest(token: str) -> str:
    """The SHA-256 (hex) under which a token is stored.

    Examples
    --------
    >>> len(digest("pw_example")), digest("pw_example") == digest("pw_example")
    (64, True)
    """
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class NewToken:
    """A freshly made token: ``secret`` is shown to the user once and never stored."""

    row: ApiToken
    secret: str


def scopes_for(role: str) -> tuple[str, ...]:
    """The scopes a user of ``role`` may give a token, in :data:`SCOPES` order.

    Examples
    --------
    >>> scopes_for("employer")
    ('placements:read', 'placements:write', 'vacancies:read', 'vacancies:write')
    >>> scopes_for("admin")
    ()
    """
    areas = ROLE_AREAS.get(role, ())
    return tuple(scope for scope in SCOPES if scope.split(":")[0] in areas)


def create_token(
    db: Session,
    user: User,
    name: str,
    scopes: Sequence[str],
    days: int = DEFAULT_DAYS,
    max_days: int = MAX_DAYS,
) -> NewToken:
    """Make a token for ``user`` named ``name`` with ``scopes``, lasting ``days``; audited (the id only)."""
    name = name.strip()
    if not name or len(name) > MAX_NAME:
        raise TokenRefused(
            N_("Give the token a name of 1 to %(most)d characters, e.g. 'reporting script'."), most=MAX_NAME
        )
    allowed = scopes_for(user.role)
    if not allowed:
        raise TokenRefused(N_("Your role has no API areas to give a token."))
    chosen = sorted(set(scopes), key=SCOPES.index) if set(scopes) <= set(SCOPES) else None
    if not chosen or not set(chosen) <= set(allowed):
        raise TokenRefused(N_("Choose at least one of your scopes: %(scopes)s."), scopes=", ".join(allowed))
    if not 1 <= days <= max_days:
        raise TokenRefused(N_("Choose how many days the token lasts, from 1 to %(most)d."), most=max_days)
    if len(active_tokens(db, user)) >= MAX_ACTIVE_TOKENS:
        raise TokenRefused(
            N_("You have %(count)d active tokens; revoke one you no longer use first."),
            count=MAX_ACTIVE_TOKENS,
        )
    secret = PREFIX + secrets.token_urlsafe(32)
    now = utcnow()
    row = ApiToken(
        user_id=user.id,
        name=name,
        token_hash=digest(secret),
        created_at=now,
        expires_at=now + dt.timedelta(days=days),
        scopes=chosen,
    )
    db.add(row)
    db.flush()
    audit.record(db, "create_api_token", actor_id=user.id, object_type="api_token", object_id=row.id)
    return NewToken(row, secret)


def tokens_of(db: Session, user: User) -> list[ApiToken]:
    """Every token of ``user``, newest first (revoked ones too)."""
    return list(
        db.execute(select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id.desc())).scalars()
    )


def active_tokens(db: Session, user: User) -> list[ApiToken]:
    """The user's tokens that still work (neither revoked nor expired)."""
    return [t for t in tokens_of(db, user) if t.active]


NO_SUCH_TOKEN = audit.NotFoundFor("revoke_api_token", "api_token", N_("No such token of yours."))


def _owns(user: User, token: ApiToken) -> bool:
    return token.user_id == user.id


def revoke_token(db: Session, user: User, token_id: int) -> ApiToken:
    """Revoke one of the user's own tokens (another user's is "not found"); audited."""
    row = audit.row_for(db, user, ApiToken, token_id, _owns, NO_SUCH_TOKEN)
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        audit.record(db, "revoke_api_token", actor_id=user.id, object_type="api_token", object_id=row.id)
    return row


def authenticate(db: Session, secret: str) -> ApiToken | None:
    """The token whose secret this is, unless revoked or its user inactive, else ``None``; records its use.

    An expired token is returned too (its ``expired`` is true): the caller says so instead of "wrong".
    """
    if not secret.startswith(PREFIX) or len(secret) > 200:
        return None
    row = db.execute(select(ApiToken).where(ApiToken.token_hash == digest(secret))).scalar_one_or_none()
    if row is None or row.revoked_at is not None or not row.user.active:
        return None
    if not row.expired:
        row.last_used_at = utcnow()
    return row
