"""Server-side sessions (web/infra/sessions.py), on SQLite and PostgreSQL.

A cookie copied before sign-out is dead after it; the cookie holds a random id and nothing
else (no user id, no job ids), the stored contents are encrypted and keyed by a hash of the
id; a new id at sign-in (no session fixation); idle and absolute limits enforced on the
server; "sign out everywhere" deletes the stored sessions; migration 0006 up and down.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import inspect, select, text, update
from sqlalchemy.orm import Session

from tests.web.conftest import AuthActions, make_test_app
from web.accounts.service import hash_password
from web.infra.db import session
from web.infra.sessions import digest
from web.storage import alembic_config, make_engine, upgrade
from web.storage.demo_data import DEMO_PASSWORD
from web.storage.schema import Organisation, User, WebSession

COOKIE = "pathways_session"
OPAQUE = re.compile(r"^[A-Za-z0-9_-]{43}$")


@pytest.fixture()
def engine_app(db: Session, database_url: str, tmp_path: Path) -> Iterator[Flask]:
    """An app on an empty database of each engine holding one counsellor and one admin."""
    org = Organisation(ref="ngo-x", name="Hope Works", kind="ngo")
    db.add(org)
    db.flush()
    for username, role in (("counsellor.x", "counsellor"), ("admin.x", "admin")):
        db.add(
            User(
                username=username,
                display_name=username,
                role=role,
                organisation_id=org.id if role == "counsellor" else None,
                password_hash=hash_password(DEMO_PASSWORD),
            )
        )
    db.commit()
    app = make_test_app(database_url, tmp_path / "instance")
    yield app
    app.extensions["pathways.engine"].dispose()


def _cookie(client: FlaskClient) -> str:
    found = client.get_cookie(COOKIE)
    assert found is not None, "no session cookie"
    return found.value


def _browser_with(app: Flask, cookie: str) -> FlaskClient:
    copy = app.test_client()
    copy.set_cookie(COOKIE, cookie)
    return copy


def _signed_in(app: Flask, username: str = "counsellor.x") -> FlaskClient:
    client = app.test_client()
    assert AuthActions(client).login(username).status_code == 302
    assert (
        client.get("/counsellor" if username.startswith("counsellor") else "/admin/users/").status_code == 200
    )
    return client


def _rows(app: Flask) -> list[WebSession]:
    with app.app_context():
        return list(session().execute(select(WebSession)).scalars())


def test_a_cookie_copied_before_sign_out_is_dead_after_it(engine_app: Flask) -> None:
    browser = _signed_in(engine_app)
    stolen = _cookie(browser)
    thief = _browser_with(engine_app, stolen)
    assert thief.get("/counsellor").status_code == 200  # the copy works while the session lives
    AuthActions(browser).logout()
    assert browser.get("/counsellor").status_code == 302
    response = thief.get("/counsellor")
    assert response.status_code == 302 and response.headers["Location"].startswith("/auth/login")
    assert digest(stolen) not in {row.id_hash for row in _rows(engine_app)}


def test_the_cookie_holds_nothing_but_a_random_id(engine_app: Flask) -> None:
    browser = _signed_in(engine_app)
    value = _cookie(browser)
    assert OPAQUE.match(value)
    padded = value + "=" * (-len(value) % 4)
    assert len(base64.urlsafe_b64decode(padded)) == 32  # 32 random bytes, no payload
    with engine_app.app_context():
        user_id = session().execute(select(User.id).where(User.username == "counsellor.x")).scalar_one()
        raw = session().execute(text("SELECT id_hash, user_id, data FROM web_sessions")).all()
    [(id_hash, owner, data)] = [row for row in raw if row.user_id is not None]
    assert owner == user_id and id_hash == digest(value) and value not in id_hash
    assert data.startswith("enc1:") and "csrf" not in data and "epoch" not in data  # encrypted contents


def test_a_new_id_at_sign_in_so_a_planted_id_is_worth_nothing(engine_app: Flask) -> None:
    victim = engine_app.test_client()
    victim.get("/auth/login")  # an anonymous session (its CSRF token) exists before sign-in
    planted = _cookie(victim)
    assert AuthActions(victim).login("counsellor.x").status_code == 302
    assert _cookie(victim) != planted
    attacker = _browser_with(engine_app, planted)
    assert attacker.get("/counsellor").status_code == 302


@pytest.mark.parametrize(
    ("column", "age"),
    [("last_seen_at", dt.timedelta(minutes=31)), ("created_at", dt.timedelta(hours=12, minutes=1))],
    ids=["idle", "absolute"],
)
def test_expiry_is_enforced_on_the_server(engine_app: Flask, column: str, age: dt.timedelta) -> None:
    browser = _signed_in(engine_app)
    value = _cookie(browser)
    with engine_app.app_context():
        db = session()
        earlier = dt.datetime.now(dt.UTC) - age
        db.execute(update(WebSession).where(WebSession.id_hash == digest(value)).values({column: earlier}))
        db.commit()
    assert _browser_with(engine_app, value).get("/counsellor").status_code == 302
    assert digest(value) not in {row.id_hash for row in _rows(engine_app)}  # and it is deleted


def test_activity_keeps_a_session_alive(engine_app: Flask) -> None:
    browser = _signed_in(engine_app)
    value = _cookie(browser)
    with engine_app.app_context():
        db = session()
        db.execute(
            update(WebSession)
            .where(WebSession.id_hash == digest(value))
            .values(last_seen_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=29))
        )
        db.commit()
    assert browser.get("/counsellor").status_code == 200
    [row] = [r for r in _rows(engine_app) if r.id_hash == digest(value)]
    seen = row.last_seen_at if row.last_seen_at.tzinfo else row.last_seen_at.replace(tzinfo=dt.UTC)
    assert dt.datetime.now(dt.UTC) - seen < dt.timedelta(minutes=1)


def test_sign_out_everywhere_deletes_every_stored_session_of_the_account(engine_app: Flask) -> None:
    phone = _signed_in(engine_app, "counsellor.x")
    laptop = _signed_in(engine_app, "counsellor.x")
    admin = _signed_in(engine_app, "admin.x")
    with engine_app.app_context():
        target = session().execute(select(User.id).where(User.username == "counsellor.x")).scalar_one()
    form = {"active": "0", "csrf_token": AuthActions(admin).csrf()}
    assert admin.post(f"/admin/users/{target}/active", data=form).status_code == 302  # applied at once
    assert [r for r in _rows(engine_app) if r.user_id == target] == []
    assert phone.get("/counsellor").status_code == 302 and laptop.get("/counsellor").status_code == 302
    assert admin.get("/admin/users/").status_code == 200


def test_an_unknown_or_malformed_cookie_starts_an_empty_session(engine_app: Flask) -> None:
    for value in ("A" * 43, "not an id", "x" * 3000, "eyJ1c2VyX2lkIjoxfQ.signed.flask-cookie"):
        assert _browser_with(engine_app, value).get("/counsellor").status_code == 302


def test_background_job_ids_stay_on_the_server(app: Flask, client: FlaskClient, auth: AuthActions) -> None:
    auth.login("counsellor.a")
    started = client.post("/placements/cohort", data={"method": "stable", "csrf_token": auth.csrf()})
    job_id = started.headers["Location"].rsplit("/", 1)[1]
    assert job_id not in _cookie(client)
    with app.app_context():
        stored = session().execute(text("SELECT data FROM web_sessions")).scalars().all()
    assert stored and not any(job_id in data for data in stored)
    for _ in range(100):  # and the job's page still finds it through the session
        page = client.get(started.headers["Location"])
        if b"Working on it" not in page.data:
            break
        time.sleep(0.2)
    assert page.status_code == 200


def test_the_server_sessions_migration_upgrades_and_downgrades(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    assert "web_sessions" in inspect(engine).get_table_names()
    command.downgrade(alembic_config(engine), "0009")
    assert "web_sessions" not in inspect(engine).get_table_names()
    upgrade(engine)
    assert {"id_hash", "user_id", "data", "created_at", "last_seen_at"} <= {
        c["name"] for c in inspect(engine).get_columns("web_sessions")
    }
    engine.dispose()


def test_upgrading_a_populated_database_from_0009_keeps_every_row(
    database_url: str, minimal_demo: Path, encoder: object
) -> None:
    """Regression: on SQLite, migrations 0006 and 0006b rebuild ``users``; with foreign keys on, dropping
    the old table deleted every API token (ON DELETE CASCADE). Migrations now run with them off."""
    from tests.web.conftest import migrate_and_load

    migrate_and_load(database_url, minimal_demo, encoder)
    engine = make_engine(database_url)
    command.downgrade(alembic_config(engine), "0009")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO api_tokens (user_id, name, token_hash, created_at) "
                "SELECT id, 'old', :digest, CURRENT_TIMESTAMP FROM users WHERE username = 'counsellor.a'"
            ),
            {"digest": "b" * 64},
        )
    tables = [t for t in inspect(engine).get_table_names() if t != "alembic_version"]
    with engine.connect() as conn:
        before = {t: conn.execute(text(f'SELECT COUNT(*) FROM "{t}"')).scalar_one() for t in tables}
    assert before["api_tokens"] == 1 and before["people"] > 0
    upgrade(engine)
    with engine.connect() as conn:
        after = {t: conn.execute(text(f'SELECT COUNT(*) FROM "{t}"')).scalar_one() for t in tables}
        leads = conn.execute(text("SELECT COUNT(*) FROM users WHERE is_lead")).scalar_one()
    assert after == before and leads == 0
    engine.dispose()
