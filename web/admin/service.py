"""Account management: list, create, reset, unlock, (de)activate, change roles.

Administrators manage accounts only: nothing here reads people's case files. The changes
here are applied by :mod:`web.admin.changes` once a second administrator or the organisation's
lead has approved them (a deactivation at once). Every change is written to the audit log (ids
and action names only).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.exceptions import NotFound

from web.accounts.service import PasswordRejected, check_password_rules, end_all_sessions, hash_password
from web.infra import audit
from web.infra import sign_in_backoff as backoff
from web.storage.schema import ROLES, Organisation, User

#: The kind of organisation each role belongs to (admins belong to none).
ROLE_ORGANISATION = {
    "counsellor": "ngo",
    "employer": "employer",
    "coop_member": "cooperative",
    "coop_treasurer": "cooperative",
    "admin": None,
}
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,79}$")


class AccountRefused(ValueError):
    """An account change breaks a rule; the message says which."""


@dataclass(frozen=True)
class UserRow:
    """What an administrator sees of an account."""

    id: int
    username: str
    display_name: str
    role: str
    organisation: str
    language: str
    active: bool
    locked: bool
    totp: bool
    last_login_at: dt.datetime | None
    is_lead: bool = False


def row(db: Session, user: User) -> UserRow:
    """The view of one account; ``locked`` while some address must wait before signing in to it."""
    return UserRow(
        user.id,
        user.username,
        user.display_name,
        user.role,
        user.organisation.name if user.organisation else "",
        user.language,
        user.active,
        backoff.slowed(db, current_app.config["SECRET_KEY"], user.username, current_app.config),
        bool(user.totp_secret),
        user.last_login_at,
        user.is_lead,
    )


def users(db: Session) -> list[UserRow]:
    """Every account, by role then username."""
    return [row(db, u) for u in db.execute(select(User).order_by(User.role, User.username)).scalars()]


def organisations(db: Session) -> list[Organisation]:
    """Organisations an account can belong to, by name."""
    return list(db.execute(select(Organisation).order_by(Organisation.name)).scalars())


def user_for(db: Session, user_id: int) -> User:
    """The account, else 404."""
    user = db.get(User, user_id)
    if user is None:
        raise NotFound(_("No such account."))
    return user


def validate_new_user(
    db: Session, form: Mapping[str, str], languages: Sequence[str]
) -> tuple[dict[str, str], dict[str, str]]:
    """Check the new-account form; the cleaned values and the errors by field.

    No password here: whoever approves the new account sets it (web/admin/changes.py), so the
    administrator who asked for it never knows it.
    """
    values = {
        k: (form.get(k) or "").strip()
        for k in ("username", "display_name", "role", "organisation", "language")
    }
    values["username"] = values["username"].lower()
    errors: dict[str, str] = {
        k: _("contains a NUL character (code 0); remove it") for k, v in values.items() if "\x00" in v
    }
    values = {k: "" if k in errors else v for k, v in values.items()}
    if not USERNAME.match(values["username"]):
        errors.setdefault("username", _("Use 3-80 lower-case letters, digits, dots, dashes or underscores."))
    elif db.execute(select(User.id).where(User.username == values["username"])).first():
        errors.setdefault("username", _("That username is taken."))
    if not 1 <= len(values["display_name"]) <= 120:
        errors.setdefault("display_name", _("Give a name of up to 120 characters."))
    if values["role"] not in ROLES:
        errors.setdefault("role", _("Choose one of the listed roles."))
    if values["language"] not in languages:
        errors.setdefault("language", _("Choose one of the listed languages."))
    kind = ROLE_ORGANISATION.get(values["role"])
    org = db.execute(
        select(Organisation).where(Organisation.ref == values["organisation"])
    ).scalar_one_or_none()
    if kind is None and values["organisation"] and values["role"] == "admin":
        errors.setdefault("organisation", _("Administrators do not belong to an organisation."))
    elif kind is not None and (org is None or org.kind != kind):
        errors.setdefault(
            "organisation", _("Choose an organisation of kind '%(kind)s' for this role.", kind=kind)
        )
    return values, errors


def check_new_password(password: str, again: str, username: str) -> None:
    """Raise :class:`PasswordRejected` unless ``password`` meets the account rules and ``again`` matches."""
    check_password_rules(password, username)
    if password != again:
        raise PasswordRejected(_("The two passwords differ."))


def create_user(db: Session, actor: User, values: Mapping[str, str], password: str) -> User:
    """Add an account from values checked by :func:`validate_new_user`."""
    org = db.execute(
        select(Organisation).where(Organisation.ref == values["organisation"])
    ).scalar_one_or_none()
    user = User(
        username=values["username"],
        display_name=values["display_name"],
        role=values["role"],
        organisation_id=org.id if org is not None and values["role"] != "admin" else None,
        language=values["language"],
        password_hash=hash_password(password),
        active=True,
    )
    db.add(user)
    db.flush()
    audit.record(db, "admin_create_user", actor_id=actor.id, object_type="user", object_id=user.id)
    return user


def reset_password(db: Session, actor: User, user: User, password: str, again: str) -> None:
    """Set a new password (checked by the account rules), clear any lockout, end the user's other sessions."""
    check_new_password(password, again, user.username)
    user.password_hash = hash_password(password)
    backoff.clear_account(db, current_app.config["SECRET_KEY"], user.username)
    audit.record(db, "admin_reset_password", actor_id=actor.id, object_type="user", object_id=user.id)
    end_all_sessions(db, actor.id, user)


def unlock(db: Session, actor: User, user: User) -> None:
    """End the waits after failed sign-ins, from every address."""
    backoff.clear_account(db, current_app.config["SECRET_KEY"], user.username)
    audit.record(db, "admin_unlock", actor_id=actor.id, object_type="user", object_id=user.id)


def set_active(db: Session, actor: User, user: User, active: bool) -> None:
    """Deactivate or reactivate an account; either way every session it held ends at its next request."""
    if user.id == actor.id and not active:
        raise AccountRefused(_("You cannot deactivate your own account; ask another administrator."))
    user.active = active
    action = "admin_reactivate" if active else "admin_deactivate"
    audit.record(db, action, actor_id=actor.id, object_type="user", object_id=user.id)
    end_all_sessions(db, actor.id, user)  # a reactivated account does not revive its old sessions


def role_choices(user: User) -> list[str]:
    """The roles ``user`` may be given: those of their organisation's kind (an administrator stays one)."""
    kind = user.organisation.kind if user.organisation is not None else None
    return [role for role in ROLES if ROLE_ORGANISATION[role] == kind]


def check_role(user: User, role: str) -> None:
    """Raise :class:`AccountRefused` unless ``role`` fits ``user``'s organisation."""
    choices = role_choices(user)
    if role not in choices:
        raise AccountRefused(
            _("Choose one of the roles for this organisation: %(roles)s.", roles=", ".join(choices))
        )


def set_role(db: Session, actor: User, user: User, role: str, is_lead: bool) -> None:
    """Give ``user`` another role of their organisation's kind and (un)make them its lead; sessions end."""
    check_role(user, role)
    if is_lead and user.organisation_id is None:
        raise AccountRefused(_("Only an account of an organisation can be its lead."))
    user.role = role
    user.is_lead = is_lead
    audit.record(db, "admin_set_role", actor_id=actor.id, object_type="user", object_id=user.id)
    end_all_sessions(db, actor.id, user)  # the access changes with the role


def remove_totp(db: Session, actor: User, user: User) -> None:
    """Turn off two-step sign-in for someone who lost their phone; end their sessions (it may be stolen)."""
    user.totp_secret = None
    user.totp_last_step = None
    audit.record(db, "admin_remove_totp", actor_id=actor.id, object_type="user", object_id=user.id)
    end_all_sessions(db, actor.id, user)
