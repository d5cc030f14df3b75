"""API tokens expire and carry scopes; making one asks for the password again (issue 14.9).

Every scope x every API route: a token holding only that scope reaches the route exactly when it
is the route's scope (table written here, not read from the code). Expiry: 90 days unless the
maker chooses (configurable), shown on the page and by ``/me``, enforced on every call. Making
a token needs the password (and a current code when two-step sign-in is on), so a stolen
browser session cannot mint one. Migration 0006b gives older tokens every scope and 90 days.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from typing import Any

import pyotp
import pytest
from alembic import command
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import inspect, select, text, update
from sqlalchemy.orm import Session

from tests.web.conftest import AuthActions
from web.api import tokens
from web.infra.db import session
from web.storage import alembic_config, upgrade
from web.storage.demo_data import DEMO_PASSWORD
from web.storage.schema import ApiToken, AuditEvent, SignInFailure, User

#: endpoint -> the one scope it needs (``None``: any valid token).
ROUTE_SCOPES: dict[str, str | None] = {
    "api.me": None,
    "api.list_people": "people:read",
    "api.create_person": "people:write",
    "api.read_person": "people:read",
    "api.update_person": "people:write",
    "api.erase_person": "people:write",
    "api.export_person": "people:read",
    "api.grant_consent": "people:write",
    "api.withdraw_consent": "people:write",
    "api.person_matches": "people:read",
    "api.list_proposals": "placements:read",
    "api.propose": "placements:write",
    "api.move": "placements:write",
    "api.share": "placements:write",
    "api.introductions": "placements:read",
    "api.start_cohort_job": "placements:write",
    "api.cohort_job": "placements:read",
    "api.confirm_cohort_job": "placements:write",
    "api.review_queue": "vacancies:read",
    "api.review": "vacancies:write",
    "api.list_vacancies": "vacancies:read",
    "api.create_vacancy": "vacancies:write",
    "api.read_vacancy": "vacancies:read",
    "api.update_vacancy": "vacancies:write",
    "api.import_vacancies": "vacancies:write",
    "api.import_job": "vacancies:read",
    "api.list_programmes": "vacancies:read",
    "api.create_programme": "vacancies:write",
    "api.read_programme": "vacancies:read",
    "api.update_programme": "vacancies:write",
    "api.list_plans": "cooperative:read",
    "api.read_plan": "cooperative:read",
    "api.delete_plan": "cooperative:write",
}
NOT_FOR_TOKENS = {"api.openapi_document", "api.docs", "api.tokens_page", "api.revoke_token"}
CALLER = {"counsellor": "counsellor.a", "employer": "employer.a", "coop_treasurer": "treasurer.a"}
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def token_with(app: Flask, username: str, scopes: list[str], expires_in: dt.timedelta) -> str:
    """A token row as the database may hold it (any scopes, any expiry), for the checks at call time."""
    secret = tokens.PREFIX + secrets.token_urlsafe(32)
    with app.app_context():
        db = session()
        user_id = db.execute(select(User.id).where(User.username == username)).scalar_one()
        db.add(
            ApiToken(
                user_id=user_id,
                name="t",
                token_hash=tokens.digest(secret),
                expires_at=dt.datetime.now(dt.UTC) + expires_in,
                scopes=scopes,
            )
        )
        db.commit()
    return secret


def _api_rules(app: Flask) -> list[Any]:
    return [
        r
        for r in app.url_map.iter_rules()
        if r.endpoint.startswith("api.") and r.endpoint not in NOT_FOR_TOKENS
    ]


def _path(rule: Any) -> str:
    values = {name: 999_999 if name.endswith("_id") else "zz" for name in rule.arguments}
    return str(rule.build(values)[1])


def test_every_api_route_has_the_scope_written_here_and_in_the_openapi_document(app: Flask) -> None:
    from web.api.openapi import OPERATIONS

    routes = {r.endpoint: app.view_functions[r.endpoint] for r in _api_rules(app)}
    assert set(routes) == set(ROUTE_SCOPES), "a new API route needs its scope in ROUTE_SCOPES"
    for endpoint, view in routes.items():
        assert view.required_scope == ROUTE_SCOPES[endpoint], endpoint
    documented = {(op.method.upper(), "/api/v1" + op.path): op.scope for op in OPERATIONS}
    for rule in _api_rules(app):
        path = str(rule.rule).replace("<int:", "{").replace("<", "{").replace(">", "}")
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert documented[(method, path)] == ROUTE_SCOPES[rule.endpoint], (method, path)


@pytest.mark.parametrize("scope", tokens.SCOPES)
def test_a_token_reaches_exactly_the_routes_of_its_scope(app: Flask, client: FlaskClient, scope: str) -> None:
    made: dict[str, str] = {}
    wrong = []
    for rule in _api_rules(app):
        view = app.view_functions[rule.endpoint]
        role = next((r for r in CALLER if not view.required_roles or r in view.required_roles), None)
        assert role is not None, rule.endpoint
        if role not in made:
            made[role] = token_with(app, CALLER[role], [scope], dt.timedelta(days=1))
        method = sorted(rule.methods - {"HEAD", "OPTIONS"})[0]
        response = client.open(
            _path(rule),
            method=method,
            json={} if method != "GET" else None,
            headers={"Authorization": f"Bearer {made[role]}"},
        )
        needed = ROUTE_SCOPES[rule.endpoint]
        refused = response.status_code == 403 and response.json["error"] == "insufficient_scope"
        if refused is (needed is None or needed == scope) or response.status_code == 401:
            wrong.append(f"{method} {rule.rule}: {response.status_code} {response.json}")
    assert not wrong, "\n".join(wrong)


def test_a_refused_scope_says_which_is_needed_and_is_audited(app: Flask, client: FlaskClient) -> None:
    secret = token_with(app, "counsellor.a", ["people:read"], dt.timedelta(days=1))
    response = client.post("/api/v1/people", json={}, headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 403 and "'people:write'" in response.json["message"]
    with app.app_context():
        last = session().execute(select(AuditEvent).order_by(AuditEvent.id.desc())).scalars().first()
    assert (last.action, last.outcome, last.object_id) == ("denied", "denied", "api.create_person")


def test_an_expired_token_is_refused_with_a_reason_and_shown_as_expired(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    live = token_with(app, "counsellor.a", ["people:read"], dt.timedelta(minutes=5))
    assert client.get("/api/v1/people", headers={"Authorization": f"Bearer {live}"}).status_code == 200
    with app.app_context():
        db = session()
        db.execute(update(ApiToken).values(expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)))
        db.commit()
    response = client.get("/api/v1/people", headers={"Authorization": f"Bearer {live}"})
    assert response.status_code == 401 and response.json["error"] == "token_expired"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    auth.login("counsellor.a")
    assert "Expired" in client.get("/api/v1/tokens").get_data(as_text=True)


def _make(client: FlaskClient, **form: Any) -> Any:
    data = {"name": "reporting", "scope": ["people:read"], "days": "", "password": DEMO_PASSWORD, **form}
    return client.post("/api/v1/tokens", data={**data, "csrf_token": AuthActions(client).csrf()})


def _only_token(app: Flask) -> ApiToken:
    with app.app_context():
        return session().execute(select(ApiToken)).scalar_one()


def test_a_new_token_lasts_90_days_unless_its_maker_chooses_and_me_shows_it(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    auth.login("counsellor.a")
    page = client.get("/api/v1/tokens").get_data(as_text=True)
    assert 'name="days" type="number" min="1" max="365" value="90"' in page
    made = _make(client, days="90")
    assert made.status_code == 201
    token = _only_token(app)
    expires = token.expires_at if token.expires_at.tzinfo else token.expires_at.replace(tzinfo=dt.UTC)
    assert abs(expires - (dt.datetime.now(dt.UTC) + dt.timedelta(days=90))) < dt.timedelta(minutes=5)
    secret = re.search(r'value="(pw_[^"]+)"', made.get_data(as_text=True)).group(1)  # type: ignore[union-attr]
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).json
    assert me["token"]["scopes"] == ["people:read"] and me["token"]["expires_at"].startswith(
        str(expires.date())
    )
    assert client.get("/api/v1/me").json["token"] is None  # a browser session is not a token


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"days": "0"}, "from 1 to 365"),
        ({"days": "366"}, "from 1 to 365"),
        ({"days": "ninety"}, "from 1 to 365"),
        ({"scope": []}, "Choose at least one of your scopes"),
        ({"scope": ["cooperative:read"]}, "Choose at least one of your scopes"),
        ({"scope": ["people:admin"]}, "Choose at least one of your scopes"),
    ],
)
def test_bad_lifetimes_and_scopes_are_refused(
    app: Flask, client: FlaskClient, auth: AuthActions, form: dict[str, Any], message: str
) -> None:
    auth.login("counsellor.a")
    response = _make(client, **form)
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    with app.app_context():
        assert session().execute(select(ApiToken)).first() is None


def test_the_default_lifetime_is_a_setting(app: Flask, client: FlaskClient, auth: AuthActions) -> None:
    app.config.update(API_TOKEN_DAYS=30, API_TOKEN_MAX_DAYS=60)
    auth.login("employer.a")
    page = client.get("/api/v1/tokens").get_data(as_text=True)
    assert 'max="60" value="30"' in page and "from 1 to 60" not in page
    assert "from 1 to 60" in _make(client, scope=["vacancies:read"], days="61").get_data(as_text=True)


@pytest.mark.parametrize("password", ["", "not my password"], ids=["none", "wrong"])
def test_a_session_alone_cannot_make_a_token(
    app: Flask, client: FlaskClient, auth: AuthActions, password: str
) -> None:
    """Regression: a stolen browser session minted a token without the password."""
    auth.login("counsellor.a")
    response = _make(client, password=password, days="90")
    assert response.status_code == 400 and "Your password is not right." in response.get_data(as_text=True)
    with app.app_context():
        db = session()
        assert db.execute(select(ApiToken)).first() is None
        assert db.execute(select(SignInFailure)).first() is not None  # counted like a wrong sign-in
        actions = db.execute(select(AuditEvent.action)).scalars().all()
    assert "reauth_failed" in actions


def test_with_two_step_sign_in_a_token_also_needs_a_current_code(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    auth.login("counsellor.a")
    with app.app_context():
        db = session()
        db.execute(select(User).where(User.username == "counsellor.a")).scalar_one().totp_secret = SECRET
        db.commit()
    assert 'name="code"' in client.get("/api/v1/tokens").get_data(as_text=True)
    assert _make(client, days="90").status_code == 400
    assert _make(client, days="90", code=pyotp.TOTP(SECRET).now()).status_code == 201


def test_an_administrator_has_no_api_area_to_give_a_token(client: FlaskClient, auth: AuthActions) -> None:
    auth.login("admin.a")
    page = client.get("/api/v1/tokens").get_data(as_text=True)
    assert "Your role has no API areas to give a token." in page and 'name="scope"' not in page


def test_older_tokens_get_every_scope_and_90_days_from_the_upgrade(database_url: str, db: Session) -> None:
    engine = db.get_bind()
    config = alembic_config(engine)  # type: ignore[arg-type]
    command.downgrade(config, "0006")
    with engine.begin() as conn:  # type: ignore[union-attr]
        conn.execute(
            text(
                "INSERT INTO users (username, display_name, password_hash, role, language, active, "
                "session_epoch, created_at) "
                "VALUES ('u', 'U', 'x', 'employer', 'en', true, 0, CURRENT_TIMESTAMP)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO api_tokens (user_id, name, token_hash, created_at) "
                "SELECT id, 'old', :digest, CURRENT_TIMESTAMP FROM users WHERE username = 'u'"
            ),
            {"digest": "a" * 64},
        )
    command.upgrade(config, "head")
    token = db.execute(select(ApiToken)).scalar_one()
    expires = token.expires_at if token.expires_at.tzinfo else token.expires_at.replace(tzinfo=dt.UTC)
    assert token.scopes == list(tokens.SCOPES)
    assert abs(expires - (dt.datetime.now(dt.UTC) + dt.timedelta(days=90))) < dt.timedelta(minutes=5)
    db.rollback()  # end the read before the schema changes (PostgreSQL would wait for it)
    command.downgrade(config, "0006")
    assert not {"scopes", "expires_at"} & {c["name"] for c in inspect(engine).get_columns("api_tokens")}
    upgrade(engine)  # type: ignore[arg-type]
