"""Sign-out everywhere: a password reset, a deactivation or a stale session stamp ends old sessions."""

from __future__ import annotations

from typing import Any

import pytest
from alembic import command
from flask.testing import FlaskClient
from sqlalchemy import inspect, select

from tests.web.conftest import AuthActions, add_account, approve_change, latest_change_id
from web.api.tokens import create_token
from web.infra.db import session
from web.storage import alembic_config, make_engine, upgrade
from web.storage.schema import ApiToken, AuditEvent, User, WebSession


def test_the_session_epoch_migration_upgrades_and_downgrades(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    columns = {c["name"] for c in inspect(engine).get_columns("users")}
    assert {"session_epoch", "totp_last_step"} <= columns
    command.downgrade(alembic_config(engine), "0002")
    columns = {c["name"] for c in inspect(engine).get_columns("users")}
    assert not {"session_epoch", "totp_last_step"} & columns
    upgrade(engine)
    assert "session_epoch" in {c["name"] for c in inspect(engine).get_columns("users")}
    engine.dispose()


GOOD = "a quiet river at dawn"


def _user(app: Any, username: str) -> User:
    with app.app_context():
        return session().execute(select(User).where(User.username == username)).scalar_one()


def _events(app: Any, since: int = 0) -> list[AuditEvent]:
    with app.app_context():
        query = select(AuditEvent).where(AuditEvent.id > since).order_by(AuditEvent.id)
        return list(session().execute(query).scalars())


def _last_event_id(app: Any) -> int:
    events = _events(app)
    return events[-1].id if events else 0


def _stored_sessions(app: Any, user_id: int) -> int:
    with app.app_context():
        return len(session().execute(select(WebSession).where(WebSession.user_id == user_id)).all())


def _post(client: FlaskClient, auth: AuthActions, url: str, **data: str) -> Any:
    return client.post(url, data={**data, "csrf_token": auth.csrf()})


def _signed_in_browser(app: Any, username: str, page: str) -> FlaskClient:
    browser = app.test_client()
    AuthActions(browser).login(username)
    assert browser.get(page).status_code == 200
    return browser


def test_a_password_reset_ends_every_session_of_that_user(
    app: Any, client: FlaskClient, auth: AuthActions
) -> None:
    phone = _signed_in_browser(app, "counsellor.b", "/counsellor")
    laptop = _signed_in_browser(app, "counsellor.b", "/counsellor")
    target = _user(app, "counsellor.b")
    auth.login("admin.a")
    before = _last_event_id(app)
    assert _post(client, auth, f"/admin/users/{target.id}/password").status_code == 302
    assert phone.get("/counsellor").status_code == 200  # asked for, not yet applied
    add_account(app, "admin.b")
    approver = _signed_in_browser(app, "admin.b", "/admin/users/")
    assert approve_change(approver, latest_change_id(app), GOOD).status_code == 302
    assert _user(app, "counsellor.b").session_epoch == target.session_epoch + 1
    assert _stored_sessions(app, target.id) == 0  # deleted on the server, not only refused later
    assert phone.get("/counsellor").status_code == 302
    assert laptop.get("/counsellor").status_code == 302
    assert phone.get("/counsellor").status_code == 302  # dropped for good, not only once
    fresh = app.test_client()
    assert AuthActions(fresh).login("counsellor.b", GOOD).status_code == 302
    assert fresh.get("/counsellor").status_code == 200
    events = [(e.action, e.object_type, e.object_id, e.outcome) for e in _events(app, before)]
    assert ("admin_reset_password", "user", str(target.id), "ok") in events
    assert ("end_sessions", "user", str(target.id), "ok") in events
    for event in _events(app, before):  # ids and action names only
        assert "counsellor.b" not in repr(vars(event)) and GOOD not in repr(vars(event))


def test_the_approvers_own_session_stays(app: Any, client: FlaskClient, auth: AuthActions) -> None:
    add_account(app, "admin.b")
    target = _user(app, "admin.a").id
    approver = _signed_in_browser(app, "admin.b", "/admin/users/")
    elsewhere = _signed_in_browser(app, "admin.a", "/admin/users/")
    _post(approver, AuthActions(approver), f"/admin/users/{target}/password")  # admin.b asks for admin.a
    auth.login("admin.a")
    approve_change(client, latest_change_id(app), GOOD)  # nobody approves a change to their own account
    assert _user(app, "admin.a").session_epoch == 0 and elsewhere.get("/admin/users/").status_code == 200
    add_account(app, "admin.c")
    third = _signed_in_browser(app, "admin.c", "/admin/users/")
    assert approve_change(third, latest_change_id(app), GOOD).status_code == 302
    assert third.get("/admin/users/").status_code == 200 and approver.get("/admin/users/").status_code == 200
    assert (
        elsewhere.get("/admin/users/").status_code == 302 and client.get("/admin/users/").status_code == 302
    )


@pytest.mark.parametrize("steps", [("0",), ("0", "1")], ids=["deactivated", "deactivated-then-reactivated"])
def test_deactivation_ends_sessions_and_reactivation_does_not_revive_them(
    app: Any, client: FlaskClient, auth: AuthActions, steps: tuple[str, ...]
) -> None:
    browser = _signed_in_browser(app, "employer.b", "/employer")
    auth.login("admin.a")
    target = _user(app, "employer.b").id
    add_account(app, "admin.b")
    approver = _signed_in_browser(app, "admin.b", "/admin/users/")
    for active in steps:
        _post(client, auth, f"/admin/users/{target}/active", active=active)
        if active == "1":  # a reactivation waits for approval
            approve_change(approver, latest_change_id(app))
    assert browser.get("/employer").status_code == 302
    assert _user(app, "employer.b").active is (steps[-1] == "1")


def test_removing_the_second_factor_ends_sessions(app: Any, client: FlaskClient, auth: AuthActions) -> None:
    with app.app_context():
        db = session()
        db.execute(select(User).where(User.username == "counsellor.a")).scalar_one().totp_last_step = 5
        db.commit()
    browser = _signed_in_browser(app, "counsellor.a", "/counsellor")
    auth.login("admin.a")
    _post(client, auth, f"/admin/users/{_user(app, 'counsellor.a').id}/totp")
    assert browser.get("/counsellor").status_code == 200  # asked for, not yet applied
    add_account(app, "admin.b")
    approve_change(_signed_in_browser(app, "admin.b", "/admin/users/"), latest_change_id(app))
    assert browser.get("/counsellor").status_code == 302
    assert _user(app, "counsellor.a").totp_last_step is None


@pytest.mark.parametrize("stamp", [None, -1], ids=["no-stamp", "old-stamp"])
def test_a_session_without_the_current_stamp_is_dropped(
    app: Any, client: FlaskClient, auth: AuthActions, stamp: int | None
) -> None:
    auth.login("counsellor.a")
    assert client.get("/counsellor").status_code == 200
    with client.session_transaction() as sess:
        if stamp is None:
            del sess["epoch"]  # a cookie from before sessions carried a stamp
        else:
            sess["epoch"] = stamp
    assert client.get("/counsellor").status_code == 302
    with client.session_transaction() as sess:
        assert "user_id" not in sess


def test_a_password_reset_revokes_the_users_api_tokens(
    app: Any, client: FlaskClient, auth: AuthActions
) -> None:
    target = _user(app, "counsellor.b")
    with app.app_context():
        db = session()
        secret = create_token(db, db.get(User, target.id), "script", ["people:read"]).secret
        db.commit()
    bearer = {"Authorization": f"Bearer {secret}"}
    api = app.test_client()
    assert api.get("/api/v1/me", headers=bearer).status_code == 200
    auth.login("admin.a")
    _post(client, auth, f"/admin/users/{target.id}/password")
    add_account(app, "admin.b")
    approve_change(_signed_in_browser(app, "admin.b", "/admin/users/"), latest_change_id(app), GOOD)
    assert api.get("/api/v1/me", headers=bearer).status_code == 401
    with app.app_context():
        tokens = session().execute(select(ApiToken).where(ApiToken.user_id == target.id)).scalars().all()
        revoked = (
            session().execute(select(AuditEvent).where(AuditEvent.action == "revoke_api_token")).scalars()
        )
        assert [t.revoked_at is not None for t in tokens] == [True]
        assert [(e.object_id, e.actor_id) for e in revoked] == [(str(tokens[0].id), _user(app, "admin.b").id)]
