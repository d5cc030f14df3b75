"""Administrators' account pages: ask for accounts, resets, unlocks, roles; deactivate; no case files.

Privileged changes wait for a second administrator or the organisation's lead (the table-driven
authorisation of who may decide is in tests/web/test_account_changes.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.web.conftest import AuthActions, add_account, app_on_demo_copy, approve_change, latest_change_id
from web.infra.db import session
from web.storage.schema import AccountChange, AuditEvent, User

GOOD = "a quiet river at dawn"
NEW_USER = {
    "username": "counsellor.c",
    "display_name": "Cleo",
    "role": "counsellor",
    "organisation": "ngo-a",
    "language": "es",
}


def _user(app: Any, username: str) -> User:
    with app.app_context():
        return session().execute(select(User).where(User.username == username)).scalar_one()


def _actions(app: Any) -> list[str]:
    with app.app_context():
        return list(session().execute(select(AuditEvent.action).order_by(AuditEvent.id)).scalars())


def _post(client: FlaskClient, auth: Any, url: str, **data: str) -> Any:
    return client.post(url, data={**data, "csrf_token": auth.csrf()})


def _signed_in(app: Any, username: str) -> FlaskClient:
    client = app.test_client()
    assert AuthActions(client).login(username).status_code == 302
    return client


def test_admin_lists_accounts_but_no_case_file(client: FlaskClient, auth: Any, app: Any) -> None:
    auth.login("admin.a")
    page = client.get("/admin/users/")
    assert page.status_code == 200 and b"counsellor.b" in page.data and b"employer.a" in page.data
    detail = client.get(f"/admin/users/{_user(app, 'counsellor.a').id}")
    for personal in (b"Asha", b"cooked for a big family", b"Domestic servitude", b"Bea"):
        assert personal not in page.data and personal not in detail.data
    assert {"admin_view_users", "admin_view_user"} <= set(_actions(app))


@pytest.fixture(scope="module")
def refusing_admin(
    demo_template: Path, tmp_path_factory: pytest.TempPathFactory, encoder: Any
) -> Iterator[tuple[Any, FlaskClient]]:
    """One app and a signed-in admin for the refusal cases (a refusal changes nothing)."""
    app = app_on_demo_copy(demo_template, tmp_path_factory.mktemp("admin-refusals"), encoder)
    client = app.test_client()
    assert AuthActions(client).login("admin.a").status_code == 302
    yield app, client
    app.extensions["pathways.engine"].dispose()


@pytest.mark.parametrize(
    ("change", "field_message"),
    [
        ({"username": "Bad Name!"}, b"lower-case letters"),
        ({"username": "counsellor.b"}, b"taken"),
        ({"role": "superuser"}, b"listed roles"),
        ({"organisation": "emp-a"}, b"kind &#39;ngo&#39;"),
        ({"role": "employer", "organisation": "ngo-a"}, b"kind &#39;employer&#39;"),
        ({"role": "admin", "organisation": "ngo-a"}, b"do not belong"),
        ({"language": "de"}, b"listed languages"),
        ({"display_name": "Ana\x00"}, b"NUL character"),
        ({"organisation": "ngo-a\x00"}, b"NUL character"),
    ],
)
def test_asking_for_a_bad_account_is_refused(
    refusing_admin: tuple[Any, FlaskClient], change: dict[str, str], field_message: bytes
) -> None:
    app, client = refusing_admin
    page = _post(client, AuthActions(client), "/admin/users/new", **{**NEW_USER, **change})
    assert page.status_code == 400 and field_message in page.data
    assert "ask_account_change" not in _actions(app)


def test_a_new_account_exists_only_once_the_lead_approves_and_sets_its_password(
    client: FlaskClient, auth: Any, app: Any
) -> None:
    """Regression: an administrator alone made a counsellor account and could read its caseload at once."""
    auth.login("admin.a")
    assert b'name="password"' not in client.get("/admin/users/new").data  # the asker never sets it
    asked = _post(client, auth, "/admin/users/new", **NEW_USER)
    assert asked.status_code == 302 and asked.headers["Location"].startswith("/account-changes/")
    with app.app_context():
        assert session().execute(select(User).where(User.username == "counsellor.c")).first() is None
    change = latest_change_id(app)
    assert approve_change(client, change, GOOD).status_code == 403  # not by whoever asked
    lead = _signed_in(app, "counsellor.a")  # the lead of ngo-a
    short = approve_change(lead, change, "short")
    assert short.status_code == 302 and b"at least 12" in lead.get(f"/account-changes/{change}").data
    assert approve_change(lead, change, GOOD).status_code == 302
    user = _user(app, "counsellor.c")
    assert (user.role, user.organisation_id, user.language, user.active) == (
        "counsellor",
        _user(app, "counsellor.a").organisation_id,
        "es",
        True,
    )
    assert user.password_hash.startswith("$argon2id$")
    assert {"ask_account_change", "admin_create_user", "approve_account_change"} <= set(_actions(app))
    assert AuthActions(app.test_client()).login("counsellor.c", GOOD).headers["Location"] == "/"


def test_reset_unlock_and_reactivation_wait_for_a_second_administrator(
    client: FlaskClient, auth: Any, app: Any
) -> None:
    app.config.update(LOGIN_FIRST_DELAY_S=600)  # the wait lasts while the test looks at it
    add_account(app, "admin.b")
    target = _user(app, "employer.b")  # its organisation's only lead is the account itself
    for _ in range(5):
        auth.login("employer.b", "not the password at all")
    assert auth.login("employer.b").status_code == 429  # waiting
    auth.login("admin.a")
    base = f"/admin/users/{target.id}"
    assert b"Locked" in client.get(base).data
    second = _signed_in(app, "admin.b")
    _post(client, auth, f"{base}/unlock")
    assert b"Locked" in client.get(base).data  # asked, not yet applied
    assert approve_change(second, latest_change_id(app)).status_code == 302
    assert b"Locked" not in client.get(base).data
    _post(client, auth, f"{base}/password")
    assert approve_change(second, latest_change_id(app), GOOD).status_code == 302
    _post(client, auth, f"{base}/active", active="0")
    assert not _user(app, "employer.b").active  # a deactivation is applied at once
    own = _user(app, "admin.a").id
    _post(client, auth, f"/admin/users/{own}/active", active="0")
    assert _user(app, "admin.a").active  # an admin cannot lock themself out
    auth.logout()
    assert auth.login("employer.b", GOOD).status_code == 401  # deactivated
    auth.login("admin.a")
    _post(client, auth, f"{base}/active", active="1")
    assert not _user(app, "employer.b").active
    approve_change(second, latest_change_id(app))
    assert _user(app, "employer.b").active
    auth.logout()
    assert auth.login("employer.b", GOOD).status_code == 302
    actions = _actions(app)
    for action in ("admin_unlock", "admin_reset_password", "admin_deactivate", "admin_reactivate"):
        assert action in actions


def test_the_same_change_cannot_be_asked_twice_while_it_waits(
    client: FlaskClient, auth: Any, app: Any
) -> None:
    auth.login("admin.a")
    base = f"/admin/users/{_user(app, 'counsellor.b').id}"
    _post(client, auth, f"{base}/password")
    again = _post(client, auth, f"{base}/password")
    assert b"already waiting for approval" in client.get(again.headers["Location"]).data
    with app.app_context():
        assert len(session().execute(select(AccountChange)).all()) == 1


def test_a_role_change_is_asked_for_and_checked_against_the_organisation(
    client: FlaskClient, auth: Any, app: Any
) -> None:
    member = _user(app, "member.a")
    auth.login("admin.a")
    base = f"/admin/users/{member.id}"
    refused = _post(client, auth, f"{base}/role", role="counsellor")
    assert b"Choose one of the roles for this organisation" in client.get(refused.headers["Location"]).data
    _post(client, auth, f"{base}/role", role="coop_treasurer", is_lead="1")
    lead = _signed_in(app, "treasurer.a")  # lead of coop-a
    assert approve_change(lead, latest_change_id(app)).status_code == 302
    changed = _user(app, "member.a")
    assert (changed.role, changed.is_lead) == ("coop_treasurer", True)
    assert "admin_set_role" in _actions(app)


def test_deactivation_ends_a_session_at_once(app: Any, client: FlaskClient, auth: Any) -> None:
    other = app.test_client()  # a second browser
    AuthActions(other).login("counsellor.b")
    assert other.get("/counsellor").status_code == 200
    auth.login("admin.a")
    _post(client, auth, f"/admin/users/{_user(app, 'counsellor.b').id}/active", active="0")
    assert other.get("/counsellor").status_code == 302


def test_removing_a_lost_second_factor_is_approved_by_the_lead(
    client: FlaskClient, auth: Any, app: Any
) -> None:
    with app.app_context():
        db = session()
        db.execute(select(User).where(User.username == "employer.a")).scalar_one().totp_secret = "A" * 32
        db.commit()
    auth.login("admin.a")
    assert b"two-step" in client.get("/admin/users/").data
    _post(client, auth, f"/admin/users/{_user(app, 'employer.a').id}/totp")
    assert _user(app, "employer.a").totp_secret is not None
    add_account(app, "employer.a2", "employer", "emp-a")
    with app.app_context():  # a second person at the employer, made its lead too
        db = session()
        db.execute(select(User).where(User.username == "employer.a2")).scalar_one().is_lead = True
        db.commit()
    assert approve_change(_signed_in(app, "employer.a2"), latest_change_id(app)).status_code == 302
    assert _user(app, "employer.a").totp_secret is None and "admin_remove_totp" in _actions(app)


def test_unknown_account_is_not_found(client: FlaskClient, auth: Any) -> None:
    auth.login("admin.a")
    assert client.get("/admin/users/999999").status_code == 404
    assert _post(client, auth, "/admin/users/999999/unlock").status_code == 404
