"""Personal API tokens: made once, shown once, stored only as a SHA-256 digest, revoked at once.

A token is ``pw_`` followed by 32 random bytes (URL-safe base64). The database keeps
its SHA-256, so a copy of the database cannot be used to call the API. Revoking sets
``revoked_at``; the very next request with that token is refused.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.exceptions import NotFound

from web import audit
from web.i18n import N_
from web.storage.schema import ApiToken, User, utcnow

PREFIX = "pw_"
MAX_NAME = 80
MAX_ACTIVE_TOKENS = 20


class TokenRefused(ValueError):
    """A token cannot be made (bad name, too many); the message says what to do."""


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


def create_token(db: Session, user: User, name: str) -> NewToken:
    """Make a token for ``user`` named ``name``; audited (the id only)."""
    name = name.strip()
    if not name or len(name) > MAX_NAME:
        raise TokenRefused(f"Give the token a name of 1 to {MAX_NAME} characters, e.g. 'reporting script'.")
    if len(active_tokens(db, user)) >= MAX_ACTIVE_TOKENS:
        raise TokenRefused(f"You have {MAX_ACTIVE_TOKENS} active tokens; revoke one you no longer use first.")
    secret = PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(user_id=user.id, name=name, token_hash=digest(secret), created_at=utcnow())
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
    """The user's tokens that still work."""
    return [t for t in tokens_of(db, user) if t.active]


def revoke_token(db: Session, user: User, token_id: int) -> ApiToken:
    """Revoke one of the user's own tokens (another user's is "not found"); audited."""
    row = db.get(ApiToken, token_id)
    if row is None or row.user_id != user.id:
        audit.record(
            db,
            "revoke_api_token",
            actor_id=user.id,
            object_type="api_token",
            object_id=token_id,
            outcome="denied",
        )
        db.commit()
        raise NotFound(N_("No such token of yours."))
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        audit.record(db, "revoke_api_token", actor_id=user.id, object_type="api_token", object_id=row.id)
    return row


def authenticate(db: Session, secret: str) -> ApiToken | None:
    """The active token whose secret this is, for an active user; records its use. ``None`` otherwise."""
    if not secret.startswith(PREFIX) or len(secret) > 200:
        return None
    row = db.execute(select(ApiToken).where(ApiToken.token_hash == digest(secret))).scalar_one_or_none()
    if row is None or row.revoked_at is not None or not row.user.active:
        return None
    row.last_used_at = utcnow()
    return row
