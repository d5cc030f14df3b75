"""A second factor is mandatory for administrators and can be required per organisation (issue 14.9).

An account that must have one and has not is signed in to the enrolment page only (every other
page sends it there, the API answers 403, its tokens are refused) until it enrols; enrolling
asks for the password again and starts a new session id; it cannot then be turned off.
Regression: a stolen browser session could enrol its own second factor without the password.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyotp
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.web.conftest import AuthActions, app_on_demo_copy
from tests.web.test_api_tokens import token_with
from web.infra.db import session
from web.storage.demo_data import DEMO_PASSWORD
from web.storage.schema import AuditEvent, Organisation, User

COOKIE = "pathways_session"


@pytest.fixture()
def strict_app(demo_template: Path, tmp_path: Path, encoder: Any) -> Iterator[Flask]:
    """The test demo as deployed: administrators must use a second factor."""
    app = app_on_demo_copy(demo_template, tmp_path, encoder, SECOND_FACTOR_ROLES=("admin",))
    yield app
    app.extensions["pathways.engine"].dispose()


def _secret_on(page: str) -> str:
    found = re.search(r'name="secret" value="([A-Z2-7]{32})"', page)
    assert found is not None, "no enrolment form"
    return found.group(1)


def _enrol(client: FlaskClient, password: str = DEMO_PASSWORD) -> tuple[Any, str]:
    secret = _secret_on(client.get("/auth/totp/setup").get_data(as_text=True))
    form = {"secret": secret, "password": password, "code": pyotp.TOTP(secret).now()}
    return client.post("/auth/totp/setup", data={**form, "csrf_token": AuthActions(client).csrf()}), secret


def _require_for(app: Flask, org_ref: str) -> None:
    with app.app_context():
        db = session()
        db.execute(
            select(Organisation).where(Organisation.ref == org_ref)
        ).scalar_one().requires_second_factor = True
        db.commit()


@pytest.mark.parametrize("path", ["/", "/admin/users/", "/admin/users/new", "/api/v1/tokens", "/api/v1/docs"])
def test_an_admin_without_a_second_factor_reaches_only_the_enrolment_page(
    strict_app: Flask, path: str
) -> None:
    client = strict_app.test_client()
    assert AuthActions(client).login("admin.a").status_code == 302
    response = client.get(path)
    if path == "/api/v1/docs":
        assert response.status_code == 200  # public
    else:
        assert response.status_code == 302 and response.headers["Location"] == "/auth/totp/setup", path
    assert client.get("/auth/totp/setup").status_code == 200
    language = {"language": "fr", "next": "/auth/totp/setup", "csrf_token": AuthActions(client).csrf()}
    assert client.post("/account/language", data=language).headers["Location"] == "/auth/totp/setup"


def test_the_session_api_answers_403_until_the_admin_enrols(strict_app: Flask) -> None:
    client = strict_app.test_client()
    AuthActions(client).login("admin.a")
    response = client.get("/api/v1/me")
    assert response.status_code == 403 and response.json["error"] == "second_factor_required"


def test_enrolling_lets_the_admin_in_with_a_new_session_id(strict_app: Flask) -> None:
    client = strict_app.test_client()
    AuthActions(client).login("admin.a")
    before = client.get_cookie(COOKIE)
    assert before is not None
    done, secret = _enrol(client)
    assert done.status_code == 302
    after = client.get_cookie(COOKIE)
    assert after is not None and after.value != before.value
    assert client.get("/admin/users/").status_code == 200
    stale = strict_app.test_client()
    stale.set_cookie(COOKIE, before.value)
    assert stale.get("/admin/users/").status_code == 302  # the id from before enrolment is dead
    AuthActions(client).logout()
    assert AuthActions(client).login("admin.a").headers["Location"] == "/auth/totp/verify"
    del secret


@pytest.mark.parametrize("password", ["", "not my password"], ids=["none", "wrong"])
def test_enrolling_needs_the_password_again(strict_app: Flask, password: str) -> None:
    """Regression: a stolen session could enrol a second factor of its own."""
    client = strict_app.test_client()
    AuthActions(client).login("counsellor.a")
    refused, _secret = _enrol(client, password)
    assert refused.status_code == 400 and "Your password is not right." in refused.get_data(as_text=True)
    with strict_app.app_context():
        db = session()
        assert (
            db.execute(select(User.totp_secret).where(User.username == "counsellor.a")).scalar_one() is None
        )
        assert "reauth_failed" in db.execute(select(AuditEvent.action)).scalars().all()


def test_an_organisation_can_require_it_of_every_account(strict_app: Flask) -> None:
    _require_for(strict_app, "emp-a")
    employer = strict_app.test_client()
    AuthActions(employer).login("employer.a")
    assert employer.get("/employer").headers["Location"] == "/auth/totp/setup"
    other = strict_app.test_client()
    AuthActions(other).login("employer.b")  # another organisation: not required
    assert other.get("/employer").status_code == 200
    assert _enrol(employer)[0].status_code == 302
    assert employer.get("/employer").status_code == 200


def test_a_token_of_an_account_that_must_enrol_is_refused_until_it_does(strict_app: Flask) -> None:
    secret = token_with(strict_app, "employer.a", ["vacancies:read"], dt.timedelta(days=1))
    client = strict_app.test_client()
    bearer = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/vacancies", headers=bearer).status_code == 200
    _require_for(strict_app, "emp-a")
    refused = client.get("/api/v1/vacancies", headers=bearer)
    assert refused.status_code == 403 and refused.json["error"] == "second_factor_required"
    browser = strict_app.test_client()
    AuthActions(browser).login("employer.a")
    _enrol(browser)
    assert client.get("/api/v1/vacancies", headers=bearer).status_code == 200


def test_a_required_second_factor_cannot_be_turned_off_but_an_admin_can_remove_a_lost_one(
    strict_app: Flask,
) -> None:
    _require_for(strict_app, "ngo-a")
    counsellor = strict_app.test_client()
    AuthActions(counsellor).login("counsellor.a")
    _done, secret = _enrol(counsellor)
    page = counsellor.get("/auth/totp/setup").get_data(as_text=True)
    assert "cannot be turned off" in page and 'action="/auth/totp/disable"' not in page
    form = {
        "password": DEMO_PASSWORD,
        "code": pyotp.TOTP(secret).now(),
        "csrf_token": AuthActions(counsellor).csrf(),
    }
    refused = counsellor.post("/auth/totp/disable", data=form)
    assert refused.status_code == 400
    with strict_app.app_context():
        db = session()
        user = db.execute(select(User).where(User.username == "counsellor.a")).scalar_one()
        assert user.totp_secret == secret
        user.totp_secret = None  # as an administrator's removal does (tests/web/test_admin.py)
        db.commit()
    AuthActions(counsellor).logout()
    AuthActions(counsellor).login("counsellor.a")
    assert counsellor.get("/counsellor").headers["Location"] == "/auth/totp/setup"  # enrol again


def test_when_not_required_it_can_be_turned_off_with_password_and_code(strict_app: Flask) -> None:
    client = strict_app.test_client()
    AuthActions(client).login("counsellor.b")
    _done, secret = _enrol(client)
    wrong = {"password": DEMO_PASSWORD, "code": "000000", "csrf_token": AuthActions(client).csrf()}
    assert client.post("/auth/totp/disable", data=wrong).status_code == 400
    right = {**wrong, "code": pyotp.TOTP(secret).at(time.time() + 30)}  # the enrolment spent this step's code
    assert client.post("/auth/totp/disable", data=right).status_code == 302
    with strict_app.app_context():
        assert (
            session().execute(select(User.totp_secret).where(User.username == "counsellor.b")).scalar_one()
            is None
        )
