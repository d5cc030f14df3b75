"""Password and sign-in rules: the password policy, argon2id hashing, checking a password, ending sessions.

An unknown username costs as much as a real one (:func:`check_password`). :func:`end_all_sessions` raises the
account's ``session_epoch``, deletes its stored sessions and revokes its API tokens.
"""

from __future__ import annotations

import functools
import math
import secrets
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select
from sqlalchemy.orm import Session

from web.infra import audit, sessions
from web.storage.schema import ApiToken, User, utcnow

hasher = PasswordHasher()  # argon2id with the library's RFC 9106 low-memory profile
MIN_PASSWORD_LENGTH = 12
COMMON_PASSWORDS = frozenset((Path(__file__).with_name("common_passwords.txt")).read_text().split())


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
