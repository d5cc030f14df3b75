"""One unit of work per request (web/infra/db.py): committed after a good answer, rolled back after an error.

Views and services never commit to keep what they wrote: a forgotten commit must not drop an audit row,
and an error half-way must not leave half a change behind. The audit rows are kept whatever the answer:
a read, a denial or a refused change is audited though the request's writes are rolled back.
"""

from __future__ import annotations

from flask import Flask, abort
from flask.testing import FlaskClient
from sqlalchemy import func, select

from web.infra import audit
from web.infra.db import discard_changes, session
from web.storage.schema import AuditEvent, Locality, Person


def _events(app: Flask, action: str) -> int:
    with app.app_context():
        return session().execute(select(func.count()).where(AuditEvent.action == action)).scalar_one()


def _localities(app: Flask, ref: str) -> int:
    with app.app_context():
        return session().execute(select(func.count()).where(Locality.ref == ref)).scalar_one()


def _add_test_routes(app: Flask) -> None:
    def write_then(outcome: str) -> tuple[str, int]:
        db = session()
        audit.record(db, f"uow_{outcome}", object_type="test")
        place = {"name": "Test", "country": "Test", "latitude": 0, "longitude": 0, "currency": "GBP"}
        db.add(Locality(ref=f"uow-{outcome}", **place))
        db.flush()
        if outcome == "refused_then_redirect":
            discard_changes()
            return "refused, see the form", 302
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


def test_a_write_is_committed_with_a_good_answer_and_rolled_back_with_an_error_keeping_its_audit_row(
    app: Flask,
) -> None:
    app.config["PROPAGATE_EXCEPTIONS"] = False  # the 500 page, as in production
    _add_test_routes(app)
    client: FlaskClient = app.test_client()
    answers = {"ok": 200, "crash": 500, "abort": 409, "answer_400": 400, "refused_then_redirect": 302}
    for outcome, status in answers.items():
        assert client.get(f"/test-uow/{outcome}").status_code == status
    assert _localities(app, "uow-ok") == 1
    for outcome in ("crash", "abort", "answer_400", "refused_then_redirect"):
        assert _localities(app, f"uow-{outcome}") == 0, outcome
    for outcome in answers:
        assert _events(app, f"uow_{outcome}") == 1, outcome
    with app.app_context():
        assert audit.verify(session()).ok  # the events recorded again join the chain like any other


def test_an_audit_row_is_kept_once_when_the_view_committed_before_the_error(app: Flask) -> None:
    def commit_then_refuse() -> tuple[str, int]:  # e.g. a ranking that takes a while, then a refusal
        db = session()
        audit.record(db, "uow_committed", object_type="test")
        db.commit()  # e.g. before a ranking
        audit.record(db, "uow_after_commit", object_type="test")
        return "refused", 422

    app.add_url_rule("/test-uow-commit", "test_uow_commit", commit_then_refuse)
    assert app.test_client().get("/test-uow-commit").status_code == 422
    assert _events(app, "uow_committed") == 1
    assert _events(app, "uow_after_commit") == 1


def test_an_event_recorded_again_keeps_the_time_of_the_access(app: Flask) -> None:
    import datetime as dt

    def slow_then_refused() -> tuple[str, int]:
        audit.record(
            session(), "uow_slow", object_type="test", at=dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
        )
        return "refused", 400

    app.add_url_rule("/test-uow-slow", "test_uow_slow", slow_then_refused)
    assert app.test_client().get("/test-uow-slow").status_code == 400
    with app.app_context():
        db = session()
        (at,) = db.execute(select(AuditEvent.at).where(AuditEvent.action == "uow_slow")).scalars()
        assert at.replace(tzinfo=dt.UTC) == dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
        assert audit.verify(db).ok


def test_a_refused_proposal_keeps_the_audit_row_of_the_look_at_the_person(app: Flask, client, auth) -> None:
    """A proposal to a full programme is refused (a redirect); the look at the person is audited still."""
    from web.storage.schema import PlacementProgramme, PlacementProposal

    with app.app_context():
        db = session()
        person = db.execute(select(Person).where(Person.ref == "p1")).scalar_one()
        programme = db.execute(select(PlacementProgramme)).scalars().first()
        assert programme is not None
        programme_id = programme.id
        programme.capacity = 0
        db.commit()
    before = _events(app, "propose")
    auth.login("counsellor.a")
    answer = client.post(
        "/placements/propose",
        data={"csrf_token": auth.csrf(), "person_id": person.id, "programme_id": programme_id},
    )
    assert answer.status_code == 302
    with app.app_context():
        assert session().execute(select(func.count()).select_from(PlacementProposal)).scalar_one() == 0
    assert _events(app, "propose") == before + 1


def test_a_denial_keeps_its_audit_row_though_the_answer_is_an_error(app: Flask, client, auth) -> None:
    auth.login("employer.a")
    before = _events(app, "denied")
    assert client.get("/people/new").status_code == 403
    assert _events(app, "denied") == before + 1


def test_a_job_is_one_unit_of_work_its_audit_rows_kept_when_it_fails(app: Flask, monkeypatch) -> None:
    """Jobs (web/tasks.py) neither commit nor roll back: the runner keeps a good job's writes only."""
    import web.tasks
    from web.infra import jobs

    def uow_job(outcome: str) -> dict[str, str]:
        db = session()
        audit.record(db, f"uow_job_{outcome}", object_type="test")
        place = {"name": "Test", "country": "Test", "latitude": 0, "longitude": 0, "currency": "GBP"}
        db.add(Locality(ref=f"uow-job-{outcome}", **place))
        db.flush()
        if outcome == "crash":
            raise RuntimeError("a failure after the write")
        return {"done": outcome}

    monkeypatch.setattr(web.tasks, "uow_job", uow_job, raising=False)
    store = app.extensions["pathways.job_store"]
    for outcome, state in (("ok", "finished"), ("crash", "failed")):
        key = store.create("web.tasks:uow_job", None, jobs._this_runner())
        with app.app_context():
            jobs.execute(store, key, "web.tasks:uow_job", {"outcome": outcome})
        assert store.status(key).state == state, outcome
        assert _events(app, f"uow_job_{outcome}") == 1, outcome
    assert _localities(app, "uow-job-ok") == 1
    assert _localities(app, "uow-job-crash") == 0
