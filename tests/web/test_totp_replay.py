"""Each TOTP code signs in once (RFC 6238 §5.2): a replayed code is refused with a clear message."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pyotp
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from web.accounts.totp import claim_step, matching_step
from web.infra.db import session
from web.storage.demo_data import DEMO_PASSWORD
from web.storage.schema import AuditEvent, SignInFailure, User

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def _enrol(app: Any, username: str) -> None:
    with app.app_context():
        db = session()
        db.execute(select(User).where(User.username == username)).scalar_one().totp_secret = SECRET
        db.commit()


def _user(app: Any, username: str) -> User:
    with app.app_context():
        return session().execute(select(User).where(User.username == username)).scalar_one()


def _sign_in(client: FlaskClient, auth: Any, username: str, code: str) -> Any:
    client.post(
        "/auth/login", data={"username": username, "password": DEMO_PASSWORD, "csrf_token": auth.csrf()}
    )
    return client.post("/auth/totp/verify", data={"code": code, "csrf_token": auth.csrf()})


def test_a_code_that_signed_in_once_is_refused_the_second_time(
    client: FlaskClient, auth: Any, app: Any
) -> None:
    _enrol(app, "counsellor.a")
    code = pyotp.TOTP(SECRET).now()
    assert _sign_in(client, auth, "counsellor.a", code).status_code == 302
    assert _user(app, "counsellor.a").totp_last_step is not None
    auth.logout()
    replay = _sign_in(client, auth, "counsellor.a", code)
    assert replay.status_code == 401
    assert "That code was already used; wait for the next one." in replay.get_data(as_text=True)
    assert client.get("/counsellor").status_code == 302  # not signed in
    with app.app_context():
        last = session().execute(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).scalar_one()
    assert (last.action, last.outcome, last.object_id) == ("totp_replayed", "denied", str(last.actor_id))
    with app.app_context():  # a replay counts towards the back-off, like a wrong code
        failures = session().execute(
            select(SignInFailure.failures).where(SignInFailure.account_key.is_not(None))
        )
        assert failures.scalars().all() == [1]


def test_only_a_later_step_is_claimed_even_by_a_session_holding_stale_rows(db: Session) -> None:
    db.add(User(username="u", display_name="U", password_hash="x", role="admin", totp_secret=SECRET))
    db.commit()
    other = Session(db.get_bind())  # another worker that read the row before the first claim
    stale = other.execute(select(User).where(User.username == "u")).scalar_one()
    assert stale.totp_last_step is None
    other.commit()
    now = dt.datetime.now(dt.UTC)
    step = matching_step(SECRET, pyotp.TOTP(SECRET).at(now), now)
    assert step is not None
    user = db.execute(select(User).where(User.username == "u")).scalar_one()
    assert claim_step(db, user, step) and user.totp_last_step == step
    db.commit()
    assert not claim_step(other, stale, step)  # the same code in the other worker
    assert stale.totp_last_step == step
    assert not claim_step(other, stale, step - 1)  # an earlier step, still within the drift window
    assert claim_step(other, stale, step + 1)  # the next code is fine
    other.commit()
    other.close()
    db.refresh(user)
    assert user.totp_last_step == step + 1


def test_the_code_that_switched_two_step_sign_in_on_cannot_sign_in(
    client: FlaskClient, auth: Any, app: Any
) -> None:
    auth.login("counsellor.b")
    code = pyotp.TOTP(SECRET).now()
    form = {"secret": SECRET, "code": code, "password": DEMO_PASSWORD, "csrf_token": auth.csrf()}
    client.post("/auth/totp/setup", data=form)
    assert _user(app, "counsellor.b").totp_secret == SECRET
    auth.logout()
    assert _sign_in(client, auth, "counsellor.b", code).status_code == 401


def test_switching_off_spends_the_code_and_forgets_the_step(client: FlaskClient, auth: Any, app: Any) -> None:
    auth.login("counsellor.b")
    _enrol(app, "counsellor.b")
    with app.app_context():
        db = session()
        user = db.execute(select(User).where(User.username == "counsellor.b")).scalar_one()
        user.totp_last_step = pyotp.TOTP(SECRET).timecode(dt.datetime.now(dt.UTC)) + 1  # every code now used
        db.commit()
    form = {"password": DEMO_PASSWORD, "code": pyotp.TOTP(SECRET).now(), "csrf_token": auth.csrf()}
    assert client.post("/auth/totp/disable", data=form).status_code == 400
    assert _user(app, "counsellor.b").totp_secret == SECRET
    with app.app_context():
        db = session()
        db.execute(select(User).where(User.username == "counsellor.b")).scalar_one().totp_last_step = None
        db.commit()
    assert client.post("/auth/totp/disable", data=form).status_code == 302
    user = _user(app, "counsellor.b")
    assert user.totp_secret is None and user.totp_last_step is None
