"""Filling programme places in the background, in-process and through RQ on the real Redis."""

from __future__ import annotations

import time
import uuid

import pytest
from sqlalchemy import select

from tests.web.conftest import finished_job_page
from web.infra import jobs
from web.infra.db import session
from web.storage.schema import Person, PlacementProposal


def test_cohort_assignment_runs_in_the_background_and_proposes_only_on_confirm(app, client, auth) -> None:
    auth.login("counsellor.a")
    start = client.get("/placements/cohort")
    # p1 consented; p2 did not
    assert b"1 person in your caseload agreed to matching and has no programme place yet." in start.data
    response = client.post("/placements/cohort", data={"method": "optimal", "csrf_token": auth.csrf()})
    url = response.headers["Location"]
    page = finished_job_page(client, url)
    assert b"Asha K." in page and b"Bright Start (Northern Grocers)" in page
    with app.app_context():
        assert session().execute(select(PlacementProposal)).scalars().all() == []
    key = page.split(b'name="pair" value="')[1].split(b'"')[0].decode()
    client.post(url, data={"pair": key, "csrf_token": auth.csrf()})
    with app.app_context():
        [proposal] = session().execute(select(PlacementProposal)).scalars().all()
        assert proposal.state == "proposed" and proposal.programme.ref == "bf1"


def test_another_users_job_is_not_found(app, client, auth) -> None:
    auth.login("counsellor.a")
    response = client.post("/placements/cohort", data={"method": "stable", "csrf_token": auth.csrf()})
    url = response.headers["Location"]
    finished_job_page(client, url)
    auth.logout()
    auth.login("counsellor.b")
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("page", ["/market/{job}", "/market/unlock/{person}/{job}"])
def test_a_job_of_another_kind_is_not_found_on_a_results_page(app, client, auth, page: str) -> None:
    """Regression: the demand map's page given the user's own cohort job id failed with a KeyError (500)."""
    auth.login("counsellor.a")
    response = client.post("/placements/cohort", data={"method": "stable", "csrf_token": auth.csrf()})
    url = response.headers["Location"]
    finished_job_page(client, url)
    job = url.rsplit("/", 1)[1]
    with app.app_context():
        person = session().execute(select(Person).where(Person.ref == "p1")).scalar_one().id
    assert client.get(page.format(job=job, person=person)).status_code == 404
    assert client.get(url).status_code == 200  # the job's own page still shows it


def test_bad_cohort_request_is_explained(client, auth) -> None:
    auth.login("counsellor.a")
    response = client.post("/placements/cohort", data={"method": "random", "csrf_token": auth.csrf()})
    assert b"Choose optimal or stable" in client.get(response.headers["Location"]).data


def test_failed_jobs_report_a_readable_error(app) -> None:
    queue = jobs.InProcessQueue(app)
    with pytest.raises(ValueError, match="not a Pathways task"):
        jobs.resolve("os:system")
    job_id = queue.submit("web.tasks:cohort_assignment", organisation_id=1, method="nonsense")
    for _ in range(100):
        status = queue.status(job_id)
        if status.state == "failed":
            break
        time.sleep(0.05)
    assert status.state == "failed" and "try again" in status.error


@pytest.mark.redis
def test_rq_queue_runs_the_job_in_a_worker_with_progress(app, client, auth, redis_url: str) -> None:
    from rq import SimpleWorker

    queue = jobs.RedisQueue(redis_url, app.extensions["pathways.job_store"])
    queue.queue.name = f"pathways-test-{uuid.uuid4().hex[:8]}"
    queue.queue._key = f"rq:queue:{queue.queue.name}"
    app.extensions["pathways.jobs"] = queue
    auth.login("counsellor.a")
    response = client.post("/placements/cohort", data={"method": "optimal", "csrf_token": auth.csrf()})
    url = response.headers["Location"]
    assert b"Working on it" in client.get(url).data  # queued: nothing runs until a worker takes it
    with app.app_context():
        SimpleWorker([queue.queue], connection=queue.connection).work(burst=True)
    page = finished_job_page(client, url, 5)
    assert b"Bright Start (Northern Grocers)" in page
    job_id = url.rsplit("/", 1)[1]
    status = queue.status(job_id)
    assert status.state == "finished" and status.progress == 1.0 and status.result["pairs"]
    queue.queue.empty()
