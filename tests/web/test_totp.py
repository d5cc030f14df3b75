"""Optional two-step sign-in (TOTP) for counsellors and admins (web/accounts/totp.py)."""

from __future__ import annotations

import re
import time
from typing import Any

import pyotp
import pytest
from flask.testing import FlaskClient
from sqlalchemy import select, text

from web.infra.db import session
from web.storage.demo_data import DEMO_PASSWORD
from web.storage.schema import AuditEvent, User

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def _enrol_directly(app: Any, username: str, secret: str = SECRET) -> None:
    with app.app_context():
        db = session()
        db.execute(select(User).where(User.username == username)).scalar_one().totp_secret = secret
        db.commit()


def _actions(app: Any) -> list[str]:
    with app.app_context():
        return list(session().execute(select(AuditEvent.action).order_by(AuditEvent.id)).scalars())


def _code(secret: str = SECRET) -> str:
    return pyotp.TOTP(secret).now()


def _wrong(secret: str = SECRET) -> str:
    totp = pyotp.TOTP(secret)
    now = time.time()
    good = {totp.at(now + step) for step in (-60, -30, 0, 30, 60)}
    return next(c for c in ("000000", "111111", "222222", "333333", "444444", "555555") if c not in good)


def test_enrolment_shows_the_secret_as_text_and_stores_it_encrypted(
    client: FlaskClient, auth: Any, app: Any
) -> None:
    auth.login("counsellor.a")
    page = client.get("/auth/totp/setup").get_data(as_text=True)
    secret = re.search(r'name="secret" value="([A-Z2-7]{32})"', page).group(1)  # type: ignore[union-attr]
    assert f"otpauth://totp/Pathways:counsellor.a?secret={secret}" in page
    assert "<img" not in page and "chart.googleapis" not in page  # no outside QR service
    form = {"secret": secret, "password": DEMO_PASSWORD}
    wrong = client.post("/auth/totp/setup", data={**form, "code": _wrong(secret), "csrf_token": auth.csrf()})
    assert wrong.status_code == 400
    client.post("/auth/totp/setup", data={**form, "code": _code(secret), "csrf_token": auth.csrf()})
    with app.app_context():
        raw = (
            session()
            .execute(text("SELECT totp_secret FROM users WHERE username = 'counsellor.a'"))
            .scalar_one()
        )
        assert raw.startswith("enc1:") and secret not in raw
    assert "totp_enable" in _actions(app)
    assert b"is on" in client.get("/auth/totp/setup").data


def test_sign_in_needs_the_code_after_the_password(client: FlaskClient, auth: Any, app: Any) -> None:
    _enrol_directly(app, "counsellor.a")
    first = client.post(
        "/auth/login?next=/people/new",
        data={"username": "counsellor.a", "password": DEMO_PASSWORD, "csrf_token": auth.csrf()},
    )
    assert first.headers["Location"] == "/auth/totp/verify"
    assert client.get("/counsellor").status_code == 302  # not signed in yet
    token = auth.csrf()
    assert client.post("/auth/totp/verify", data={"code": _wrong(), "csrf_token": token}).status_code == 401
    done = client.post("/auth/totp/verify", data={"code": _code(), "csrf_token": token})
    assert done.headers["Location"] == "/people/new"
    assert client.get("/counsellor").status_code == 200
    actions = _actions(app)
    assert actions[-3:] == ["login_password_ok", "totp_failed", "login"]


def test_wrong_codes_back_off_like_wrong_passwords(client: FlaskClient, auth: Any, app: Any) -> None:
    _enrol_directly(app, "admin.a")
    auth.login("admin.a")
    codes = [
        client.post("/auth/totp/verify", data={"code": _wrong(), "csrf_token": auth.csrf()}).status_code
        for _ in range(6)
    ]
    assert codes == [401] * 5 + [429]
    assert auth.login("admin.a").status_code == 429  # the password step from here waits too


def test_a_parked_sign_in_expires(client: FlaskClient, auth: Any, app: Any) -> None:
    _enrol_directly(app, "counsellor.a")
    auth.login("counsellor.a")
    with client.session_transaction() as sess:
        sess["totp_started_at"] = float(sess["totp_started_at"]) - 301
    late = client.post("/auth/totp/verify", data={"code": _code(), "csrf_token": auth.csrf()})
    assert late.status_code == 302 and late.headers["Location"] == "/auth/login"
    assert client.get("/counsellor").status_code == 302


@pytest.mark.parametrize(
    ("password", "use_code", "turned_off"),
    [(DEMO_PASSWORD, True, True), ("wrong password here", True, False), (DEMO_PASSWORD, False, False)],
)
def test_disable_needs_password_and_code(
    client: FlaskClient, auth: Any, app: Any, password: str, use_code: bool, turned_off: bool
) -> None:
    auth.login("counsellor.b")
    _enrol_directly(app, "counsellor.b")
    client.post(
        "/auth/totp/disable",
        data={"password": password, "code": _code() if use_code else _wrong(), "csrf_token": auth.csrf()},
    )
    with app.app_context():
        secret = (
            session().execute(select(User).where(User.username == "counsellor.b")).scalar_one().totp_secret
        )
    assert (secret is None) is turned_off


def test_every_role_may_enrol(client: FlaskClient, auth: Any) -> None:
    """Any account can protect itself (and an organisation may require it of every account)."""
    for username in ("employer.a", "member.a", "treasurer.a"):
        auth.login(username)
        assert client.get("/auth/totp/setup").status_code == 200, username
        auth.logout()
