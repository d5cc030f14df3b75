"""The fair job queue: job state shared across processes, per-user limits, time limits (in-process and RQ)."""

from __future__ import annotations

import datetime as dt
import socket
import subprocess
import sys
import threading
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from tests.web.conftest import finished_job_page, make_test_app
from web.infra import jobs
from web.storage import make_engine, make_sessionmaker, upgrade
from web.storage.schema import BackgroundJob, User, utcnow

COHORT = "web.tasks:cohort_assignment"


def _user_id(app, username: str) -> int:
    with app.app_context():
        store = jobs.queue().store
        with store.sessions() as db:
            return int(db.execute(select(User.id).where(User.username == username)).scalar_one())


def _start_cohort(client, auth):
    return client.post("/placements/cohort", data={"method": "optimal", "csrf_token": auth.csrf()})


def test_a_job_started_by_one_web_process_is_followed_from_another(
    app, client, auth, tmp_path, encoder
) -> None:
    """Regression: in-process jobs lived in one process's memory, so another worker process answered 404."""
    other = make_test_app(app.config["DATABASE_URL"], tmp_path / "other-instance")
    other.extensions["pathways.encoder"] = encoder
    auth.login("counsellor.a")
    url = _start_cohort(client, auth).headers["Location"]
    second = other.test_client()
    second.set_cookie("pathways_session", client.get_cookie("pathways_session").value)
    page = finished_job_page(second, url)
    assert b"Bright Start (Northern Grocers)" in page
    other.extensions["pathways.engine"].dispose()


def test_a_user_with_too_many_jobs_is_told_to_wait_and_others_are_not_held_up(app, client, auth) -> None:
    store = app.extensions["pathways.job_store"]
    owner = _user_id(app, "counsellor.a")
    waiting = [store.create(COHORT, owner, jobs._this_runner()) for _ in range(app.config["JOBS_PER_USER"])]
    auth.login("counsellor.a")
    refused = _start_cohort(client, auth)
    assert refused.status_code == 429
    assert b"You already have 2 background jobs running or waiting" in refused.data
    api = client.post(
        "/api/v1/cohort-jobs", json={"method": "optimal"}, headers={"X-CSRF-Token": auth.csrf()}
    )
    assert api.status_code == 429 and api.json["error"] == "too_many_jobs"
    assert "2 background jobs running or waiting" in api.json["message"]
    auth.logout()
    auth.login("counsellor.b")
    assert _start_cohort(client, auth).status_code == 302
    auth.logout()
    store.end(waiting[0], result={})
    auth.login("counsellor.a")
    assert _start_cohort(client, auth).status_code == 302


def test_the_limit_message_is_in_the_reader_s_language(app, client, auth) -> None:
    store = app.extensions["pathways.job_store"]
    owner = _user_id(app, "counsellor.b")  # works in Spanish
    for _ in range(app.config["JOBS_PER_USER"]):
        store.create(COHORT, owner, jobs._this_runner())
    auth.login("counsellor.b")
    refused = _start_cohort(client, auth)
    assert refused.status_code == 429 and b"Ya tiene 2 trabajos" in refused.data


def _one_user_store(
    db, database_url: str, time_limit_s: int, per_user: int
) -> tuple[jobs.JobStore, int, Any]:
    """A job store on an engine of its own (dispose of it), and the id of the database's one user."""
    db.add(User(username="u", display_name="U", password_hash="x", role="counsellor"))
    db.commit()
    owner = db.execute(select(User.id)).scalar_one()
    engine = make_engine(database_url)
    store = jobs.JobStore(make_sessionmaker(engine), time_limit_s=time_limit_s, per_user=per_user)
    return store, owner, engine


def test_racing_submissions_never_pass_the_per_user_limit(db, database_url: str) -> None:
    store, owner, engine = _one_user_store(db, database_url, time_limit_s=600, per_user=2)
    accepted: list[str] = []
    refused: list[int] = []

    def submit() -> None:
        try:
            accepted.append(store.create(COHORT, owner, jobs._this_runner()))
        except jobs.TooManyJobs as error:
            refused.append(error.limit)

    threads = [threading.Thread(target=submit) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(accepted) == 2 and refused == [2] * 6
    assert set(db.execute(select(BackgroundJob.key)).scalars()) == set(accepted)  # refused ones leave no row
    engine.dispose()


def test_a_job_past_its_time_limit_fails_and_frees_its_place(db, database_url: str) -> None:
    store, owner, engine = _one_user_store(db, database_url, time_limit_s=60, per_user=1)
    key = store.create(COHORT, owner, jobs._this_runner())
    assert store.start(key) and store.status(key).state == "running"
    with pytest.raises(jobs.TooManyJobs):
        store.create(COHORT, owner, jobs._this_runner())
    with store.sessions() as session:
        an_hour_ago = utcnow() - dt.timedelta(hours=1)
        session.execute(update(BackgroundJob).where(BackgroundJob.key == key).values(started_at=an_hour_ago))
        session.commit()
    status = store.status(key)
    assert status.state == "failed" and status.error == jobs.JOB_TOO_LONG
    assert store.create(COHORT, owner, jobs._this_runner())
    engine.dispose()


def test_an_in_process_job_is_stopped_at_its_time_limit(app) -> None:
    store = jobs.JobStore(app.extensions["pathways.sessions"], time_limit_s=0, per_user=1)
    key = store.create(COHORT, None, jobs._this_runner())
    with app.app_context():
        jobs.execute(store, key, COHORT, {"organisation_id": 1, "method": "optimal"})
    status = store.status(key)
    assert status.state == "failed" and status.error == jobs.JOB_TOO_LONG and status.result is None


def test_a_job_whose_web_process_died_is_reported_lost(app) -> None:
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True)
    dead_pid = int(finished.stdout)
    store = app.extensions["pathways.job_store"]
    key = store.create(COHORT, None, f"{socket.gethostname()}:{dead_pid}")
    status = store.status(key)
    assert status.state == "failed" and status.error == jobs.JOB_LOST


@pytest.mark.parametrize(
    ("name", "value", "rule"),
    [
        ("JOBS_PER_USER", "-1", "from 1 to 100, or 0 to switch it off"),
        ("JOB_TIME_LIMIT_S", "5", "from 10 to 86400"),
        ("JOB_THREADS", "lots", "from 1 to 32"),
        ("IMPORT_MAX_ROWS", "0", "from 1 to 1000000"),
        ("IMPORT_MAX_MB", "2GB", "from 1 to 1024"),
    ],
)
def test_bad_job_settings_stop_the_app_with_a_clear_message(
    tmp_path: Path, name: str, value: str, rule: str
) -> None:
    from web.infra.settings import SettingError

    with pytest.raises(SettingError, match=rule):
        make_test_app(f"sqlite:///{tmp_path / 'x.sqlite3'}", tmp_path / "instance", **{name: value})


@pytest.mark.redis
def test_rq_jobs_keep_the_per_user_limit(app, redis_url: str) -> None:
    from rq import SimpleWorker

    install = app.extensions["pathways.job_store"]
    store = jobs.JobStore(install.sessions, time_limit_s=600, per_user=1)
    queue = jobs.RedisQueue(redis_url, store)
    queue.queue.name = f"pathways-test-{uuid.uuid4().hex[:8]}"
    queue.queue._key = f"rq:queue:{queue.queue.name}"
    owner = _user_id(app, "counsellor.a")
    first = queue.submit(COHORT, owner_id=owner, organisation_id=1, method="optimal")
    with pytest.raises(jobs.TooManyJobs):
        queue.submit(COHORT, owner_id=owner, organisation_id=1, method="optimal")
    assert queue.status(first).state == "queued"  # no worker yet
    with app.app_context():
        app.extensions["pathways.job_store"] = store
        try:
            SimpleWorker([queue.queue], connection=queue.connection).work(burst=True)
        finally:
            app.extensions["pathways.job_store"] = install
    done: Any = queue.status(first)
    assert done.state == "finished" and done.progress == 1.0
    second = queue.submit(COHORT, owner_id=owner, organisation_id=1, method="optimal")
    assert queue.status(second).state == "queued"
    queue.queue.empty()


def test_the_job_table_migrates_up_and_down(database_url: str) -> None:
    from alembic import command

    from web.storage import alembic_config

    engine = make_engine(database_url)
    upgrade(engine)
    command.downgrade(alembic_config(engine), "0004")
    upgrade(engine)
    with make_sessionmaker(engine)() as session:
        assert session.execute(select(BackgroundJob)).scalars().all() == []
    engine.dispose()
