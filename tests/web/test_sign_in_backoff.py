"""Sign-in back-off per (account, address) and per address (web/infra/sign_in_backoff.py),
instead of a hard lock.

Regressions from the outside review: five wrong tries locked anyone out for 15 minutes from any
address (a trafficker could lock a counsellor out), only real accounts locked, and an unknown
username was answered without any password check (27 ms against 476 ms), so both told which
accounts exist. Storage tests run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import inspect, select, text
from sqlalchemy.orm import Session

import web.accounts.service
from tests.web.conftest import AuthActions, add_account, app_on_demo_copy, approve_change, latest_change_id
from web.infra import sign_in_backoff as backoff
from web.infra.db import session
from web.storage import alembic_config, make_engine, make_sessionmaker, upgrade
from web.storage.demo_data import DEMO_PASSWORD
from web.storage.schema import AuditEvent, SignInFailure, User

OFFICE = "192.0.2.10"
ATTACKER = "198.51.100.66"
CONFIG = {
    "LOGIN_FREE_FAILURES_PER_ACCOUNT": 3,
    "LOGIN_FREE_FAILURES_PER_ADDRESS": 6,
    "LOGIN_FIRST_DELAY_S": 60,  # long enough that a slow test machine cannot outwait it
    "LOGIN_MAX_DELAY_S": 900,
    "LOGIN_FORGET_FAILURES_S": 3600,
}


@pytest.fixture()
def strict_app(demo_template: Path, tmp_path: Path, encoder: Any) -> Any:
    """The test demo with few free failures, so that the back-off shows in a handful of tries."""
    app = app_on_demo_copy(demo_template, tmp_path, encoder, **CONFIG)
    yield app
    app.extensions["pathways.engine"].dispose()


def _try(client: FlaskClient, username: str, password: str, address: str) -> int:
    token = AuthActions(client).csrf()
    form = {"username": username, "password": password, "csrf_token": token}
    return client.post("/auth/login", data=form, environ_base={"REMOTE_ADDR": address}).status_code


@pytest.mark.parametrize("username", ["counsellor.a", "nobody.at.all"], ids=["real", "unknown"])
def test_real_and_unknown_accounts_back_off_alike(strict_app: Flask, username: str) -> None:
    client = strict_app.test_client()
    assert [_try(client, username, "wrong password!", ATTACKER) for _ in range(4)] == [401, 401, 401, 429]
    refused = client.post(
        "/auth/login",
        data={"username": username, "password": DEMO_PASSWORD, "csrf_token": AuthActions(client).csrf()},
        environ_base={"REMOTE_ADDR": ATTACKER},
    )
    assert refused.status_code == 429 and 0 < int(refused.headers["Retry-After"]) <= 60
    assert b"Too many failed sign-ins. Wait 1 minute, then try again." in refused.data


def test_a_guesser_elsewhere_cannot_lock_the_counsellor_out(strict_app: Flask) -> None:
    attacker = strict_app.test_client()
    for _ in range(5):
        _try(attacker, "counsellor.a", "wrong password!", ATTACKER)
    assert _try(attacker, "counsellor.a", DEMO_PASSWORD, ATTACKER) == 429
    assert _try(strict_app.test_client(), "counsellor.a", DEMO_PASSWORD, OFFICE) == 302


def test_good_sign_ins_never_count_against_an_office_address(strict_app: Flask) -> None:
    for _ in range(12):  # twice the address's free failures, all good
        for username in ("counsellor.a", "employer.a", "treasurer.a"):
            assert _try(strict_app.test_client(), username, DEMO_PASSWORD, OFFICE) == 302
    assert _try(strict_app.test_client(), "counsellor.b", "typo in it!", OFFICE) == 401


def test_one_address_trying_many_accounts_backs_off(strict_app: Flask) -> None:
    client = strict_app.test_client()
    statuses = [_try(client, f"user{n}", "wrong password!", ATTACKER) for n in range(8)]
    assert statuses == [401] * 6 + [429, 429]
    assert _try(client, "counsellor.a", DEMO_PASSWORD, ATTACKER) == 429  # the address waits, whoever it tries
    assert _try(strict_app.test_client(), "user1", "wrong password!", OFFICE) == 401
    with strict_app.app_context():
        actions = session().execute(select(AuditEvent.action)).scalars().all()
    assert actions.count("login_failed") == 7 and actions.count("login_throttled") == 3


def test_a_good_sign_in_forgets_its_own_failures(strict_app: Flask) -> None:
    client = strict_app.test_client()
    for _ in range(2):
        _try(client, "counsellor.a", "wrong password!", OFFICE)
    assert _try(client, "counsellor.a", DEMO_PASSWORD, OFFICE) == 302
    assert [_try(client, "counsellor.a", "wrong password!", OFFICE) for _ in range(3)] == [401, 401, 401]


def test_wrong_second_factor_codes_back_off_the_same_way(strict_app: Flask) -> None:
    with strict_app.app_context():
        db = session()
        db.execute(select(User).where(User.username == "counsellor.a")).scalar_one().totp_secret = "A" * 32
        db.commit()
    client = strict_app.test_client()
    assert _try(client, "counsellor.a", DEMO_PASSWORD, OFFICE) == 302
    token = AuthActions(client).csrf()
    codes = [
        client.post(
            "/auth/totp/verify",
            data={"code": "000000", "csrf_token": token},
            environ_base={"REMOTE_ADDR": OFFICE},
        ).status_code
        for _ in range(4)
    ]
    assert codes == [401, 401, 401, 429]


def test_an_unknown_or_inactive_account_costs_one_argon2_check_like_a_real_one(
    app: Flask, client: FlaskClient, auth: AuthActions, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[str] = []
    real_verify = web.accounts.service.verify_password

    def counting(password_hash: str, password: str) -> bool:
        checked.append(password_hash)
        return real_verify(password_hash, password)

    monkeypatch.setattr(web.accounts.service, "verify_password", counting)
    with app.app_context():
        db = session()
        db.execute(select(User).where(User.username == "employer.b")).scalar_one().active = False
        db.commit()
        real = db.execute(select(User.password_hash).where(User.username == "counsellor.a")).scalar_one()
    for username in ("nobody.at.all", "employer.b", "counsellor.a"):
        assert auth.login(username, "wrong password!").status_code == 401
    assert len(checked) == 3
    params = {h.split("$")[3] for h in checked}  # m=..., t=..., p=...: the same work for each
    assert params == {real.split("$")[3]} and all(h.startswith("$argon2id$") for h in checked)
    assert checked[0] != real


def test_an_administrator_sees_and_ends_the_wait(strict_app: Flask) -> None:
    guesser = strict_app.test_client()
    for _ in range(4):
        _try(guesser, "employer.b", "wrong password!", ATTACKER)
    admin = strict_app.test_client()
    assert _try(admin, "admin.a", DEMO_PASSWORD, OFFICE) == 302
    with strict_app.app_context():
        target = session().execute(select(User.id).where(User.username == "employer.b")).scalar_one()
    assert b"Locked after failed sign-ins" in admin.get(f"/admin/users/{target}").data
    admin.post(f"/admin/users/{target}/unlock", data={"csrf_token": AuthActions(admin).csrf()})
    add_account(strict_app, "admin.b")  # a second administrator approves (tests/web/test_account_changes.py)
    second = strict_app.test_client()
    assert _try(second, "admin.b", DEMO_PASSWORD, OFFICE) == 302
    assert approve_change(second, latest_change_id(strict_app)).status_code == 302
    assert b"Locked after failed sign-ins" not in admin.get(f"/admin/users/{target}").data
    assert _try(guesser, "employer.b", DEMO_PASSWORD, ATTACKER) == 302


# --- storage: both engines -------------------------------------------------------------------

POLICY_CONFIG = {**CONFIG, "LOGIN_FIRST_DELAY_S": 1}


def test_waits_double_then_stop_growing_and_are_forgotten(db: Session) -> None:
    found = backoff.keys("secret", "counsellor.a", ATTACKER)
    start = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
    waits = []
    for n in range(16):
        backoff.record_failure(db, found, POLICY_CONFIG, now=start)
        db.commit()
        waits.append(backoff.retry_after_s(db, found, POLICY_CONFIG, now=start))
        del n
    assert waits[:6] == [0, 0, 1, 2, 4, 8] and waits[-1] == 900
    later = start + dt.timedelta(seconds=901)
    assert backoff.retry_after_s(db, found, POLICY_CONFIG, now=later) == 0
    forgotten = start + dt.timedelta(seconds=3601)
    backoff.record_failure(db, found, POLICY_CONFIG, now=forgotten)
    db.commit()
    row = db.get(SignInFailure, found.pair)
    assert row is not None and row.failures == 1


def test_nothing_stored_names_the_account_or_the_address(db: Session) -> None:
    backoff.record_failure(db, backoff.keys("secret", "counsellor.a", ATTACKER), POLICY_CONFIG)
    db.commit()
    dump = repr(db.execute(text("SELECT * FROM sign_in_failures")).all())
    assert "counsellor" not in dump and ATTACKER not in dump and len(dump) > 100


def test_failures_from_workers_at_once_all_count(database_url: str, db: Session) -> None:
    found = backoff.keys("secret", "counsellor.a", ATTACKER)
    makers = [make_sessionmaker(make_engine(database_url)) for _ in range(2)]  # two worker processes
    errors: list[BaseException] = []

    def worker(index: int) -> None:
        try:
            for _ in range(10):
                with makers[index % 2]() as own:
                    backoff.record_failure(own, found, POLICY_CONFIG)
                    own.commit()
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    db.expire_all()
    pair, address = db.get(SignInFailure, found.pair), db.get(SignInFailure, found.address)
    assert pair is not None and address is not None and (pair.failures, address.failures) == (40, 40)
    for maker in makers:
        maker.kw["bind"].dispose()


def test_the_back_off_migration_upgrades_and_downgrades(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    users = {c["name"] for c in inspect(engine).get_columns("users")}
    assert "sign_in_failures" in inspect(engine).get_table_names() and "locked_until" not in users
    command.downgrade(alembic_config(engine), "0009")
    users = {c["name"] for c in inspect(engine).get_columns("users")}
    assert (
        "sign_in_failures" not in inspect(engine).get_table_names()
        and {"locked_until", "failed_logins"} <= users
    )
    upgrade(engine)
    engine.dispose()
