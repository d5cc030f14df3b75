"""Sign-in, role landing pages, lockout, CSRF and security headers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from tests.web.conftest import AuthActions, make_test_app, migrate_and_load
from web.accounts.service import PasswordRejected, check_password_rules
from web.infra.audit import verify
from web.infra.db import session
from web.storage.schema import AuditEvent, User

LANDING = [
    ("counsellor.a", "/counsellor", b"Your caseload"),
    ("employer.a", "/employer", b"Northern Grocers"),
    ("treasurer.a", "/cooperative", b"Mill Lane Savers"),
    ("admin.a", "/admin", b"Accounts"),
]


def test_visitors_are_sent_to_sign_in(client) -> None:
    response = client.get("/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/auth/login")
    assert client.get("/counsellor").status_code == 302


@pytest.mark.parametrize(("username", "landing", "marker"), LANDING)
def test_each_role_lands_on_its_page(client, auth, username: str, landing: str, marker: bytes) -> None:
    response = auth.login(username)
    assert response.status_code == 302
    home = client.get("/")
    assert home.headers["Location"].endswith(landing)
    page = client.get(landing)
    assert page.status_code == 200 and marker in page.data
    assert page.headers["Cache-Control"] == "no-store"


def test_counsellor_sees_own_caseload(client, auth) -> None:
    auth.login("counsellor.a")
    page = client.get("/counsellor")
    assert b"Asha K." in page.data and b"Matching to work" in page.data
    assert b"Sharing with employers" not in page.data  # withdrawn consent is not shown as in force


@pytest.mark.parametrize(
    ("username", "path"),
    [
        ("employer.a", "/counsellor"),
        ("employer.a", "/admin"),
        ("counsellor.a", "/employer"),
        ("treasurer.a", "/counsellor"),
        ("admin.a", "/counsellor"),
    ],
)
def test_other_roles_pages_are_forbidden_and_logged(app, client, auth, username: str, path: str) -> None:
    auth.login(username)
    assert client.get(path).status_code == 403
    with app.app_context():
        denied = session().execute(select(AuditEvent).where(AuditEvent.action == "denied")).scalars().all()
        assert len(denied) == 1 and denied[0].object_id.startswith("home.")


def test_wrong_password_fails_and_backs_off_after_five(app, client, auth) -> None:
    for _ in range(5):
        assert auth.login("counsellor.a", "wrong password!").status_code == 401
    waiting = auth.login("counsellor.a")
    assert waiting.status_code == 429 and b"Too many failed sign-ins. Wait 1 second" in waiting.data
    with app.app_context():
        report = verify(session())
        assert report.ok and report.events == 6


def test_unknown_user_gets_the_same_message(client, auth) -> None:
    response = auth.login("nobody", "whatever password")
    assert response.status_code == 401 and b"Wrong username or password." in response.data


def test_nul_in_username_is_a_failed_sign_in_not_a_server_error(
    database_url: str, minimal_demo: Path, encoder: Any, tmp_path: Path
) -> None:
    """Regression: PostgreSQL refuses NUL in text, so the account lookup raised a 500."""
    migrate_and_load(database_url, minimal_demo, encoder)
    app = make_test_app(database_url, tmp_path / "instance")
    try:
        response = AuthActions(app.test_client()).login("counsellor.a\x00", "whatever password")
        assert response.status_code == 401 and b"Wrong username or password." in response.data
    finally:
        app.extensions["pathways.engine"].dispose()


def test_post_without_csrf_token_is_rejected(client) -> None:
    response = client.post("/auth/login", data={"username": "counsellor.a", "password": "pathways-demo-2026"})
    assert response.status_code == 400 and b"Reload the page" in response.data


def test_logout_ends_the_session(client, auth) -> None:
    auth.login("counsellor.a")
    auth.logout()
    assert client.get("/counsellor").status_code == 302


def test_open_redirect_is_refused(client, auth) -> None:
    token = auth.csrf()
    response = client.post(
        "/auth/login?next=//evil.example/",
        data={"username": "counsellor.a", "password": "pathways-demo-2026", "csrf_token": token},
    )
    assert response.headers["Location"] == "/"


def test_security_headers_and_cookie_flags(client, auth) -> None:
    response = auth.login("counsellor.a")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    page = client.get("/counsellor")
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Frame-Options"] == "DENY"


def test_error_pages_are_generic(client) -> None:
    response = client.get("/no/such/page")
    assert response.status_code == 404 and b"Traceback" not in response.data


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("short", "at least 12"),
        ("password1234", "too easy"),
        ("counsellor.a-is-me", "too easy"),
        ("x" * 129, "at most"),
    ],
)
def test_password_rules(password: str, problem: str) -> None:
    with pytest.raises(PasswordRejected, match=problem):
        check_password_rules(password, "counsellor.a")


def test_good_password_passes_and_demo_hash_is_argon2id(app) -> None:
    check_password_rules("a long sentence about tea", "counsellor.a")
    with app.app_context():
        user = session().execute(select(User).where(User.username == "admin.a")).scalar_one()
        assert user.password_hash.startswith("$argon2id$")
