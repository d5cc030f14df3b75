"""One unit of work per request (web/infra/db.py): committed after a good answer, rolled back after an error.

Views and services never commit to keep what they wrote: a forgotten commit must not drop an audit row,
and an error half-way must not leave half a change behind. The audit rows are kept whatever the answer:
a read, a denial or a refused change is audited though the request's writes are rolled back.
"""

from __future__ import annotations

from flask import Flask, abort
from flask.testing import FlaskClient
from sqlalchemy import func, select

from tests.web.conftest import finish_jobs
from web.infra import audit
from web.infra.db import discard_changes, session
from web.storage.schema import AuditEvent, Locality, Person


def _events(app: Flask, action: str) -> int:
    with app.app_context():
        return session().execute(select(func.count()).where(AuditEvent.action == action)).scalar_one()


def _localities(app: Flask, ref: str) -> int:
    with app.app_context():
        return session().execute(select(func.count()).where(Locality.ref == ref)).scalar_one()


def _write_locality(ref: str, event: str | None = None) -> None:
    """Add the locality ``ref`` in this context's session (and record ``event``), uncommitted."""
    db = session()
    if event:
        audit.record(db, event, object_type="test")
    place = {"name": "Test", "country": "Test", "latitude": 0, "longitude": 0, "currency": "GBP"}
    db.add(Locality(ref=ref, **place))
    db.flush()


def _add_test_routes(app: Flask) -> None:
    def write_then(outcome: str) -> tuple[str, int]:
        _write_locality(f"uow-{outcome}", f"uow_{outcome}")
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
        _write_locality(f"uow-job-{outcome}", f"uow_job_{outcome}")
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


def test_a_job_asked_for_by_a_request_reads_what_the_request_wrote_without_a_commit_in_the_view(
    app: Flask, monkeypatch
) -> None:
    """A job a user starts commits the request's work first (web.infra.jobs.submit); a preparation job
    asked for anywhere in a request is queued only once the request's work is committed, and not at all
    when the request fails (web.infra.db.when_committed)."""
    import web.tasks
    from web.infra import jobs
    from web.matching import preparation
    from web.storage.schema import User

    def uow_reads(ref: str) -> dict[str, int]:
        return {"seen": _count_in_own_session(ref)}

    def _count_in_own_session(ref: str) -> int:
        with app.extensions["pathways.sessions"]() as other:
            return other.execute(select(func.count()).where(Locality.ref == ref)).scalar_one()

    monkeypatch.setattr(web.tasks, "uow_reads", uow_reads, raising=False)
    seen: dict[str, object] = {}

    def write_then_ask(how: str) -> tuple[str, int]:
        _write_locality(f"uow-ask-{how}")
        if how == "job":
            owner = session().execute(select(User.id)).scalars().first()
            job_id = jobs.submit("web.tasks:uow_reads", owner_id=owner, ref="uow-ask-job")
            assert jobs.queue().drain(timeout=60)  # the job runs while this request is still open
            status = jobs.queue().status(job_id)
            seen["job"] = status.result if status else None
            return "asked", 200
        preparation.request("web.tasks:uow_reads", f"uow-{how}", ref=f"uow-ask-{how}")
        seen[f"{how} queued before the commit"] = preparation.status(f"uow-{how}") is not None
        return "asked", 200 if how == "prep" else 409

    app.add_url_rule("/test-uow-ask/<how>", "test_uow_ask", write_then_ask)
    client = app.test_client()
    assert client.get("/test-uow-ask/job").status_code == 200
    assert client.get("/test-uow-ask/prep").status_code == 200
    assert client.get("/test-uow-ask/refused").status_code == 409
    finish_jobs(app)  # every queue, the preparation lanes too
    with app.app_context():
        done = preparation.status("uow-prep")
        assert done is not None and done.result == {"seen": 1}
        assert preparation.status("uow-refused") is None  # rolled back: nothing to prepare
    assert seen == {
        "job": {"seen": 1},
        "prep queued before the commit": False,
        "refused queued before the commit": False,
    }
    assert _localities(app, "uow-ask-refused") == 0
    with app.app_context():  # a context that has only read (a thread warming a cache) asks at once
        session().execute(select(func.count()).select_from(Locality)).scalar_one()
        preparation.request("web.tasks:uow_reads", "uow-read-only", ref="uow-ask-prep")
        assert preparation.status("uow-read-only") is not None
