"""Administrators' account pages: create, reset, unlock, (de)activate; audited; no case files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.web.conftest import AuthActions, app_on_demo_copy
from web.db import session
from web.storage.schema import AuditEvent, User

GOOD = "a quiet river at dawn"
NEW_USER = {
    "username": "counsellor.c",
    "display_name": "Cleo",
    "role": "counsellor",
    "organisation": "ngo-a",
    "language": "es",
    "password": GOOD,
    "password_again": GOOD,
}


def _user(app: Any, username: str) -> User:
    with app.app_context():
        return session().execute(select(User).where(User.username == username)).scalar_one()


def _actions(app: Any) -> list[str]:
    with app.app_context():
        return list(session().execute(select(AuditEvent.action).order_by(AuditEvent.id)).scalars())


def _post(client: FlaskClient, auth: Any, url: str, **data: str) -> Any:
    return client.post(url, data={**data, "csrf_token": auth.csrf()})


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
        ({"password": "short", "password_again": "short"}, b"at least 12"),
        ({"password": "password1234", "password_again": "password1234"}, b"too easy"),
        ({"password": "counsellor.c is me", "password_again": "counsellor.c is me"}, b"too easy"),
        ({"password_again": GOOD + "x"}, b"differ"),
        ({"display_name": "Ana\x00"}, b"NUL character"),
        ({"organisation": "ngo-a\x00"}, b"NUL character"),
    ],
)
def test_create_refuses_bad_accounts(
    refusing_admin: tuple[Any, FlaskClient], change: dict[str, str], field_message: bytes
) -> None:
    app, client = refusing_admin
    page = _post(client, AuthActions(client), "/admin/users/new", **{**NEW_USER, **change})
    assert page.status_code == 400 and field_message in page.data
    assert "admin_create_user" not in _actions(app)


def test_created_account_can_sign_in(client: FlaskClient, auth: Any, app: Any) -> None:
    auth.login("admin.a")
    assert client.get("/admin/users/new").status_code == 200
    made = _post(client, auth, "/admin/users/new", **NEW_USER)
    assert made.status_code == 302
    with app.app_context():
        user = session().execute(select(User).where(User.username == "counsellor.c")).scalar_one()
        assert (user.role, user.organisation.ref, user.language) == ("counsellor", "ngo-a", "es")
        assert user.active and user.password_hash.startswith("$argon2id$")
    assert "admin_create_user" in _actions(app)
    auth.logout()
    assert auth.login("counsellor.c", GOOD).headers["Location"] == "/"


def test_reset_password_unlock_and_deactivate(client: FlaskClient, auth: Any, app: Any) -> None:
    target = _user(app, "employer.b")
    for _ in range(5):
        auth.login("employer.b", "not the password at all")
    assert auth.login("employer.b").status_code == 429  # waiting
    auth.login("admin.a")
    base = f"/admin/users/{target.id}"
    assert b"Locked" in client.get(base).data
    assert _post(client, auth, f"{base}/unlock").status_code == 302
    assert b"Locked" not in client.get(base).data
    weak = _post(client, auth, f"{base}/password", password="123", password_again="123")
    assert weak.status_code == 302 and b"at least 12" in client.get(base).data
    _post(client, auth, f"{base}/password", password=GOOD, password_again=GOOD)
    _post(client, auth, f"{base}/active", active="0")
    assert not _user(app, "employer.b").active
    own = _user(app, "admin.a").id
    _post(client, auth, f"/admin/users/{own}/active", active="0")
    assert _user(app, "admin.a").active  # an admin cannot lock themself out
    auth.logout()
    assert auth.login("employer.b", GOOD).status_code == 401  # deactivated
    auth.login("admin.a")
    _post(client, auth, f"{base}/active", active="1")
    auth.logout()
    assert auth.login("employer.b", GOOD).status_code == 302
    actions = _actions(app)
    for action in ("admin_unlock", "admin_reset_password", "admin_deactivate", "admin_reactivate"):
        assert action in actions


def test_deactivation_ends_a_session_at_once(app: Any, client: FlaskClient, auth: Any) -> None:
    other = app.test_client()  # a second browser
    AuthActions(other).login("counsellor.b")
    assert other.get("/counsellor").status_code == 200
    auth.login("admin.a")
    _post(client, auth, f"/admin/users/{_user(app, 'counsellor.b').id}/active", active="0")
    assert other.get("/counsellor").status_code == 302


def test_admin_removes_second_factor(client: FlaskClient, auth: Any, app: Any) -> None:
    with app.app_context():
        db = session()
        db.execute(select(User).where(User.username == "counsellor.a")).scalar_one().totp_secret = "A" * 32
        db.commit()
    auth.login("admin.a")
    target = _user(app, "counsellor.a").id
    assert b"two-step" in client.get("/admin/users/").data
    _post(client, auth, f"/admin/users/{target}/totp")
    assert _user(app, "counsellor.a").totp_secret is None and "admin_remove_totp" in _actions(app)


def test_unknown_account_is_not_found(client: FlaskClient, auth: Any) -> None:
    auth.login("admin.a")
    assert client.get("/admin/users/999999").status_code == 404
    assert _post(client, auth, "/admin/users/999999/unlock").status_code == 404
