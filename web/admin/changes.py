"""Privileged account changes wait for a second pair of eyes, and the organisation sees every one.

An administrator alone could create a counsellor account in any organisation, set its password
and read that organisation's whole caseload at once. Now a new account, a password reset, a role
change, an unlock, a reactivation and the removal of a second factor are *asked for* by an
administrator and applied only when another administrator, or the lead of the organisation the
account belongs to, approves. Where a password is needed (a new account, a reset), the approver
sets it, so whoever asked never knows it. A deactivation only takes access away: it is applied at
once, and recorded with the others.

Every change concerning an organisation's accounts (asked, approved, refused, withdrawn) is
listed to the members of that organisation (``/account-changes/``), and audited.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from web.admin import service
from web.i18n import N_
from web.infra import audit
from web.storage.schema import AccountChange, Organisation, User, utcnow

#: kind -> what it is, for the pages
KINDS = {
    "create_user": _l("New account"),
    "reset_password": _l("Password reset"),
    "set_role": _l("Role change"),
    "unlock": _l("Unlock after failed sign-ins"),
    "reactivate": _l("Reactivation"),
    "remove_totp": _l("Second factor removed"),
    "deactivate": _l("Deactivation"),
}
#: Kinds whose approver sets the account's password.
NEEDS_PASSWORD = frozenset({"create_user", "reset_password"})
STATUSES = {
    "pending": _l("Waiting for approval"),
    "applied": _l("Applied"),
    "rejected": _l("Refused"),
    "withdrawn": _l("Withdrawn"),
}


@dataclass(frozen=True)
class ChangeRow:
    """What a page shows of a change (no password, ever)."""

    id: int
    kind: str
    status: str
    account: str
    organisation: str
    details: dict[str, Any]
    requested_by: str
    requested_at: dt.datetime
    decided_by: str
    decided_at: dt.datetime | None


def row(change: AccountChange) -> ChangeRow:
    """The page view of one change."""
    account = change.target_user.username if change.target_user else str(change.details.get("username", ""))
    return ChangeRow(
        change.id,
        change.kind,
        change.status,
        account,
        change.organisation.name if change.organisation else "",
        dict(change.details),
        change.requested_by.username,
        change.requested_at,
        change.decided_by.username if change.decided_by else "",
        change.decided_at,
    )


def ask(
    db: Session,
    actor: User,
    kind: str,
    *,
    target: User | None = None,
    organisation_id: int | None = None,
    details: Mapping[str, Any] | None = None,
) -> AccountChange:
    """Record an administrator's request for a privileged change (one pending per kind and account)."""
    if kind not in KINDS or kind == "deactivate":
        raise ValueError(f"not a change that waits for approval: {kind!r}")
    if target is not None:
        waiting = db.execute(
            select(AccountChange.id).where(
                AccountChange.kind == kind,
                AccountChange.target_user_id == target.id,
                AccountChange.status == "pending",
            )
        ).first()
        if waiting is not None:
            raise service.AccountRefused(
                _("The same change to this account is already waiting for approval.")
            )
        organisation_id = target.organisation_id
    change = AccountChange(
        kind=kind,
        target_user_id=target.id if target is not None else None,
        organisation_id=organisation_id,
        details=dict(details or {}),
        status="pending",
        requested_by_id=actor.id,
        requested_at=utcnow(),
    )
    db.add(change)
    db.flush()
    audit.record(
        db, "ask_account_change", actor_id=actor.id, object_type="account_change", object_id=change.id
    )
    return change


def record_deactivation(db: Session, actor: User, target: User) -> AccountChange:
    """A deactivation (applied at once by :func:`web.admin.service.set_active`), listed with the others."""
    now = utcnow()
    change = AccountChange(
        kind="deactivate",
        target_user_id=target.id,
        organisation_id=target.organisation_id,
        details={},
        status="applied",
        requested_by_id=actor.id,
        requested_at=now,
        decided_by_id=actor.id,
        decided_at=now,
    )
    db.add(change)
    db.flush()
    return change


def may_see(user: User, change: AccountChange) -> bool:
    """Administrators see every change; anyone else, the changes to their own organisation's accounts."""
    if user.role == "admin":
        return True
    return user.organisation_id is not None and change.organisation_id == user.organisation_id


def may_decide(user: User, change: AccountChange) -> bool:
    """Another administrator, or the lead of the account's organisation; never who asked, nor the account."""
    if change.status != "pending" or not user.active:
        return False
    if user.id in (change.requested_by_id, change.target_user_id):
        return False
    if user.role == "admin":
        return True
    return bool(
        user.is_lead and change.organisation_id is not None and user.organisation_id == change.organisation_id
    )


NO_SUCH_CHANGE = audit.NotFoundFor(
    "view_account_change", "account_change", N_("No such account change for you.")
)


def change_for(db: Session, user: User, change_id: int) -> AccountChange:
    """A change ``user`` may see, else 404 (audited, like other objects that are not theirs)."""
    return audit.row_for(db, user, AccountChange, change_id, may_see, NO_SUCH_CHANGE)


def changes_for(db: Session, user: User, limit: int = 200) -> list[AccountChange]:
    """The changes ``user`` may see, newest first: all for an administrator, else their organisation's."""
    query = select(AccountChange).order_by(AccountChange.id.desc()).limit(limit)
    if user.role != "admin":
        query = query.where(AccountChange.organisation_id == user.organisation_id)
    return list(db.execute(query).scalars())


def waiting_for(db: Session, user: User) -> list[AccountChange]:
    """Pending changes ``user`` may approve or refuse."""
    query = select(AccountChange).where(AccountChange.status == "pending").order_by(AccountChange.id)
    if user.role != "admin":
        query = query.where(AccountChange.organisation_id == user.organisation_id)
    return [c for c in db.execute(query).scalars() if may_decide(user, c)]


def pending_of(db: Session, target: User) -> list[AccountChange]:
    """Changes to ``target`` still waiting for approval."""
    query = select(AccountChange).where(
        AccountChange.target_user_id == target.id, AccountChange.status == "pending"
    )
    return list(db.execute(query.order_by(AccountChange.id)).scalars())


def approve(db: Session, approver: User, change: AccountChange, form: Mapping[str, str]) -> None:
    """Apply the change as ``approver`` (who sets the password where one is needed); audited.

    Raises :class:`~web.admin.service.AccountRefused` or :class:`~web.accounts.service.PasswordRejected`
    with what to fix; nothing is changed then.
    """
    if not may_decide(approver, change):
        raise service.AccountRefused(_("You cannot approve this change."))
    password, again = form.get("password", ""), form.get("password_again", "")
    target = change.target_user
    if change.kind == "create_user":
        details = change.details
        service.check_new_password(password, again, str(details["username"]))
        if db.execute(select(User.id).where(User.username == details["username"])).first():
            raise service.AccountRefused(
                _("That username was taken meanwhile; refuse this change and ask again.")
            )
        made = service.create_user(db, approver, {k: str(v) for k, v in details.items()}, password)
        change.target_user_id = made.id
    elif target is None:
        raise service.AccountRefused(_("The account of this change no longer exists."))
    elif change.kind == "reset_password":
        service.reset_password(db, approver, target, password, again)
    elif change.kind == "set_role":
        service.set_role(db, approver, target, str(change.details["role"]), bool(change.details["is_lead"]))
    elif change.kind == "unlock":
        service.unlock(db, approver, target)
    elif change.kind == "reactivate":
        service.set_active(db, approver, target, True)
    elif change.kind == "remove_totp":
        service.remove_totp(db, approver, target)
    _decide(db, approver, change, "applied", "approve_account_change")


def refuse(db: Session, user: User, change: AccountChange) -> None:
    """Refuse (someone who may decide) or withdraw (whoever asked) a pending change; audited."""
    if change.status == "pending" and user.id == change.requested_by_id:
        _decide(db, user, change, "withdrawn", "withdraw_account_change")
    elif may_decide(user, change):
        _decide(db, user, change, "rejected", "refuse_account_change")
    else:
        raise service.AccountRefused(_("You cannot refuse this change."))


def _decide(db: Session, user: User, change: AccountChange, status: str, action: str) -> None:
    change.status = status
    change.decided_by_id = user.id
    change.decided_at = utcnow()
    audit.record(db, action, actor_id=user.id, object_type="account_change", object_id=change.id)


def organisation_of_new_account(db: Session, values: Mapping[str, str]) -> int | None:
    """The organisation a new account (checked by :func:`~web.admin.service.validate_new_user`) joins."""
    if values.get("role") == "admin":
        return None
    found = db.execute(select(Organisation.id).where(Organisation.ref == values.get("organisation"))).scalar()
    return int(found) if found is not None else None


def leads_of(db: Session, organisation_id: int | None) -> list[User]:
    """The active leads of an organisation (who may approve its changes besides administrators)."""
    if organisation_id is None:
        return []
    query = select(User).where(
        User.organisation_id == organisation_id, User.is_lead.is_(True), User.active.is_(True)
    )
    return list(db.execute(query.order_by(User.username)).scalars())
