"""One unit of work per request (web/infra/db.py): committed after a good answer, rolled back after an error.

Views and services never commit to keep what they wrote: a forgotten commit must not drop an audit row,
and an error half-way must not leave half a change behind. Denials are the exception on purpose: their
audit row outlives the 403 or 404 that answers them.
"""

from __future__ import annotations

from flask import Flask, abort
from flask.testing import FlaskClient
from sqlalchemy import func, select

from web.infra import audit
from web.infra.db import session
from web.storage.schema import AuditEvent, Person


def _events(app: Flask, action: str) -> int:
    with app.app_context():
        return session().execute(select(func.count()).where(AuditEvent.action == action)).scalar_one()


def _add_test_routes(app: Flask) -> None:
    def write_then(outcome: str) -> tuple[str, int]:
        audit.record(session(), f"uow_{outcome}", object_type="test")
        if outcome == "crash":
            raise RuntimeError("a failure after the write")
        if outcome == "abort":
            abort(409)
        if outcome == "answer_400":
            return "refused", 400
        return "fine", 200

    app.add_url_rule("/test-uow/<outcome>", "test_uow", write_then)


def test_an_audited_read_keeps_its_audit_row_without_a_commit_in_the_view(app: Flask, client, auth) -> None:
    auth.login("counsellor.a")
    with app.app_context():
        person = session().execute(select(Person).where(Person.ref == "p1")).scalar_one()
        about = (AuditEvent.object_type == "person", AuditEvent.object_id == str(person.id))
        before = session().execute(select(func.count()).where(*about)).scalar_one()
    assert client.get(f"/people/{person.id}").status_code == 200
    with app.app_context():
        after = session().execute(select(func.count()).where(*about)).scalar_one()
    assert after == before + 1


def test_a_write_is_committed_with_a_good_answer_and_rolled_back_with_an_error(app: Flask) -> None:
    app.config["PROPAGATE_EXCEPTIONS"] = False  # the 500 page, as in production
    _add_test_routes(app)
    client: FlaskClient = app.test_client()
    assert client.get("/test-uow/ok").status_code == 200
    assert client.get("/test-uow/crash").status_code == 500
    assert client.get("/test-uow/abort").status_code == 409
    assert client.get("/test-uow/answer_400").status_code == 400
    assert _events(app, "uow_ok") == 1
    assert _events(app, "uow_crash") == 0
    assert _events(app, "uow_abort") == 0
    assert _events(app, "uow_answer_400") == 0


def test_a_denial_keeps_its_audit_row_though_the_answer_is_an_error(app: Flask, client, auth) -> None:
    auth.login("employer.a")
    before = _events(app, "denied")
    assert client.get("/people/new").status_code == 403
    assert _events(app, "denied") == before + 1
