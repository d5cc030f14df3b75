"""Who may see, approve and refuse privileged account changes: every persona x every new route (issue 14.8).

A pending change (a password reset for ``counsellor.a2`` of ngo-a, asked for by ``admin.a``) is
requested by each persona on each route; the table says the status each gets and whether the
change is applied. Another organisation's change answers 404, like other objects that are not
theirs. Then: the organisation's page lists every change, with no password; the lead requires
two-step sign-in; the account_changes migration goes up and down on SQLite and PostgreSQL.
"""

from __future__ import annotations

import pytest
from alembic import command
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import inspect, select, text

from tests.web.conftest import AuthActions, add_account
from web.accounts.service import verify_password
from web.admin import changes
from web.infra.db import session
from web.storage import alembic_config, make_engine, upgrade
from web.storage.schema import AccountChange, Organisation, User

NEW_PASSWORD = "a quiet river at dawn"
ANON = "anonymous"
ASKER, SECOND_ADMIN, LEAD, TARGET = "admin.a", "admin.b", "counsellor.a", "counsellor.a2"
OTHER_LEAD, EMPLOYER, MEMBER = "counsellor.b", "employer.a", "member.a"
PERSONAS = [ANON, ASKER, SECOND_ADMIN, LEAD, TARGET, OTHER_LEAD, EMPLOYER, MEMBER]
LOGIN = "login"

#: route -> persona -> the status it gets ("login": sent to sign in)
EXPECTED: dict[str, dict[str, int | str]] = {
    "GET /account-changes/": {ANON: LOGIN} | {p: 200 for p in PERSONAS[1:]},
    "GET /account-changes/{id}": {
        ANON: LOGIN, ASKER: 200, SECOND_ADMIN: 200, LEAD: 200, TARGET: 200,
        OTHER_LEAD: 404, EMPLOYER: 404, MEMBER: 404,
    },
    "POST /account-changes/{id}/approve": {
        ANON: LOGIN, ASKER: 403, SECOND_ADMIN: 302, LEAD: 302, TARGET: 403,
        OTHER_LEAD: 404, EMPLOYER: 404, MEMBER: 404,
    },
    "POST /account-changes/{id}/refuse": {
        ANON: LOGIN, ASKER: 302, SECOND_ADMIN: 302, LEAD: 302, TARGET: 403,
        OTHER_LEAD: 404, EMPLOYER: 404, MEMBER: 404,
    },
    "POST /account-changes/second-factor": {
        ANON: LOGIN, ASKER: 403, SECOND_ADMIN: 403, LEAD: 302, TARGET: 403,
        OTHER_LEAD: 302, EMPLOYER: 302, MEMBER: 403,
    },
    "POST /admin/users/{target}/role": {ANON: LOGIN, ASKER: 302, SECOND_ADMIN: 302}
    | {p: 403 for p in (LEAD, TARGET, OTHER_LEAD, EMPLOYER, MEMBER)},
}  # fmt: skip
#: route -> the change's state after a persona got 302 there
AFTER = {"POST /account-changes/{id}/approve": "applied", "POST /account-changes/{id}/refuse": None}


def _setting_up(app: Flask) -> dict[str, int]:
    add_account(app, SECOND_ADMIN)
    target = add_account(app, TARGET, "counsellor", "ngo-a")
    with app.app_context():
        db = session()
        asker = db.execute(select(User).where(User.username == ASKER)).scalar_one()
        change = changes.ask(db, asker, "reset_password", target=db.get(User, target))
        db.commit()
        return {"id": change.id, "target": target}


def _state(app: Flask, change_id: int) -> str:
    with app.app_context():
        return session().get(AccountChange, change_id).status  # type: ignore[union-attr]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("route", list(EXPECTED))
def test_each_persona_gets_exactly_its_rights_on_each_route(app: Flask, route: str, persona: str) -> None:
    ids = _setting_up(app)
    client = app.test_client()
    if persona != ANON:
        assert AuthActions(client).login(persona).status_code == 302
    method, path = route.split(" ")
    url = path.format(**ids)
    form = {"csrf_token": AuthActions(client).csrf(), "role": "counsellor", "required": "1"}
    form |= {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD}
    response = client.get(url) if method == "GET" else client.post(url, data=form)
    expected = EXPECTED[route][persona]
    if expected == LOGIN:
        assert response.status_code == 302 and response.headers["Location"].startswith("/auth/login")
        return
    assert response.status_code == expected, (route, persona, response.status_code)
    state = _state(app, ids["id"])
    if route in AFTER and expected == 302:
        wanted = AFTER[route] or ("withdrawn" if persona == ASKER else "rejected")
        assert state == wanted
    else:
        assert state == "pending"  # nothing decided by anyone else
    with app.app_context():
        password_hash = session().get(User, ids["target"]).password_hash  # type: ignore[union-attr]
    assert verify_password(password_hash, NEW_PASSWORD) is (state == "applied")


def _client(app: Flask, username: str) -> FlaskClient:
    client = app.test_client()
    assert AuthActions(client).login(username).status_code == 302
    return client


def test_the_organisation_sees_every_change_to_its_accounts_and_no_password(app: Flask) -> None:
    ids = _setting_up(app)
    lead = _client(app, LEAD)
    form = {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD, "csrf_token": AuthActions(lead).csrf()}
    lead.post(f"/account-changes/{ids['id']}/approve", data=form)
    admin = _client(app, ASKER)
    admin.post(
        f"/admin/users/{ids['target']}/active", data={"active": "0", "csrf_token": AuthActions(admin).csrf()}
    )
    page = _client(app, "counsellor.a").get("/account-changes/").get_data(as_text=True)
    for shown in ("Password reset", "Deactivation", TARGET, ASKER, "Applied"):
        assert shown in page, shown
    assert NEW_PASSWORD not in page
    assert TARGET not in _client(app, OTHER_LEAD).get("/account-changes/").get_data(as_text=True)
    with app.app_context():
        raw = repr(session().execute(text("SELECT * FROM account_changes")).all())
    assert NEW_PASSWORD not in raw and TARGET not in raw  # details encrypted, password never kept


def test_the_lead_requires_two_step_sign_in_of_everyone_in_the_organisation(app: Flask) -> None:
    lead = _client(app, LEAD)
    assert b"Require it of everyone" in lead.get("/account-changes/").data
    lead.post(
        "/account-changes/second-factor", data={"required": "1", "csrf_token": AuthActions(lead).csrf()}
    )
    with app.app_context():
        org = session().execute(select(Organisation).where(Organisation.ref == "ngo-a")).scalar_one()
        assert org.requires_second_factor
    colleague = _client(app, LEAD)  # signs in again: must now enrol
    assert colleague.get("/counsellor").headers["Location"] == "/auth/totp/setup"


def test_nobody_decides_a_change_to_their_own_account(app: Flask) -> None:
    ids = _setting_up(app)
    with app.app_context():
        db = session()
        target = db.get(User, ids["target"])
        assert target is not None
        target.is_lead = True  # even as a lead of the organisation
        db.commit()
        assert not changes.may_decide(target, db.get(AccountChange, ids["id"]))  # type: ignore[arg-type]


def test_the_account_changes_migration_upgrades_and_downgrades(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    assert "account_changes" in inspect(engine).get_table_names()
    assert "is_lead" in {c["name"] for c in inspect(engine).get_columns("users")}
    command.downgrade(alembic_config(engine), "0006")
    assert "account_changes" not in inspect(engine).get_table_names()
    assert "is_lead" not in {c["name"] for c in inspect(engine).get_columns("users")}
    upgrade(engine)
    engine.dispose()
