"""Schemathesis against the served OpenAPI document, and Hypothesis fuzzing of the JSON body parsers.

Schemathesis runs in-process over the Flask app (its WSGI transport), with a valid token
of a role allowed to call each operation, generating both valid and invalid requests:
no response may be a server error, and every response must match the document.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance
from sqlalchemy import func, select

from web.api import tokens
from web.api.bodies import form_from_json, type_problem
from web.api.openapi import OPERATIONS, document
from web.infra.db import session
from web.people.forms import PROFILE_COLUMNS, PROTECTED_COLUMNS, parse_person_form
from web.storage.schema import Person, User, Vacancy
from web.vacancies.service import PROGRAMME_COLUMNS, VACANCY_COLUMNS

FUZZ = settings(
    max_examples=8,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=10,
)


def make_token(app: Any, username: str) -> str:
    """A fresh API token for a demo user."""
    with app.app_context():
        db = session()
        user = db.execute(select(User).where(User.username == username)).scalar_one()
        secret = tokens.create_token(db, user, "schemathesis", tokens.scopes_for(user.role)).secret
        db.commit()
        return secret


def test_the_served_document_is_the_built_one_and_valid_openapi(client) -> None:
    served = client.get("/api/v1/openapi.json")
    assert served.status_code == 200 and served.json == json.loads(json.dumps(document()))
    schema = schemathesis.openapi.from_dict(served.json)
    assert len(list(schema.get_all_operations())) == len(OPERATIONS)
    page = client.get("/api/v1/docs")
    assert page.status_code == 200 and b"/api/v1/people/{person_id}/matches" in page.data
    scripts = re.findall(rb"<script[^>]*>", page.data)
    assert all(b'src="/static/' in tag for tag in scripts), scripts  # only the site's own (the menu)
    assert b"http" not in page.data.split(b"<body")[1].replace(b"https://", b"")


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.operation_id)
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=lambda m: m.value)
def test_schemathesis(app, op, mode: GenerationMode) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operation = schema[op.path][op.method.upper()]
    username = {
        ("employer",): "employer.a",
        ("coop_treasurer",): "treasurer.a",
        ("coop_member", "coop_treasurer"): "treasurer.a",
    }.get(op.roles, "counsellor.a")
    headers = {"Authorization": f"Bearer {make_token(app, username)}"}

    @FUZZ
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case: Any) -> None:
        case.call_and_validate(headers=headers, checks=[not_a_server_error, response_schema_conformance])

    check()


PERSON_COLUMNS = PROFILE_COLUMNS + PROTECTED_COLUMNS
ALL_COLUMNS = PERSON_COLUMNS + VACANCY_COLUMNS + PROGRAMME_COLUMNS


@FUZZ
@given(column=st.sampled_from(ALL_COLUMNS), value=JSON)
def test_type_check_answers_every_json_value(column, value) -> None:
    problem = type_problem(column, value)
    assert problem is None or (isinstance(problem, str) and problem)


@settings(max_examples=150, deadline=None, database=None)
@given(
    body=st.dictionaries(
        st.sampled_from([c.name for c in PERSON_COLUMNS] + ["other"]), JSON | st.text(max_size=30), max_size=8
    )
)
def test_person_bodies_parse_to_field_messages_never_exceptions(body: dict[str, Any]) -> None:
    form, errors = form_from_json(body, PERSON_COLUMNS)
    result = parse_person_form(form, {"mcr"})
    assert all(
        isinstance(k, str) and isinstance(v, str) and v for k, v in {**errors, **result.errors}.items()
    )
    if not errors and result.ok:
        assert isinstance(result.values["languages"], list) and result.values["locality"] == "mcr"
        assert all(isinstance(v, str) for v in result.values["languages"])


@pytest.mark.parametrize(
    ("path", "username", "model"),
    [("/people", "counsellor.a", Person), ("/vacancies", "employer.a", Vacancy)],
)
def test_arbitrary_json_posted_is_refused_cleanly_and_stores_nothing(app, path, username, model) -> None:
    client = app.test_client()
    headers = {"Authorization": f"Bearer {make_token(app, username)}"}

    def count() -> int:
        with app.app_context():
            return int(session().execute(select(func.count()).select_from(model)).scalar_one())

    before = count()

    @FUZZ
    @given(body=JSON)
    def post(body: Any) -> None:
        response = client.post(
            "/api/v1" + path, data=json.dumps(body), content_type="application/json", headers=headers
        )
        assert response.status_code in (400, 422), response.json
        assert set(response.json) >= {"error", "message", "fields"}

    post()
    assert count() == before
