"""Stored codes, screening flags, planner refusals and job progress in the reader's language.

Each page is read as a Spanish (or French) user. The expected words are read from the committed
catalogue and must differ from the English, so a label left untranslated, or a page that shows the
stored code or the English instead of the label, fails.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from flask_babel import force_locale, format_decimal, gettext
from markupsafe import escape
from sqlalchemy import select, update

import web.tasks
from matcher.records import AVAILABILITY, CONTRACTS, PAY_PERIODS, SECTORS, SHIFTS
from matcher.screening.indicators import load_indicators
from planner import PlannerError, threex6_config
from planner.books.entries import ENTRY_TYPES
from tests.web.conftest import UK_COOP_FIGURES
from web import vocabulary
from web.coop import plans
from web.coop.planner_words import planner_error_text
from web.i18n import N_
from web.infra import jobs
from web.infra.db import session
from web.placements.views import COHORT_TASK
from web.storage.schema import Cooperative, Person, User, Vacancy, VacancyStatus
from web.vacancies import flags


def _said(app, lang: str, msgid: str, **params: Any) -> str:
    """``msgid`` in ``lang`` from the committed catalogue, as a page would escape it; never the English."""
    with app.test_request_context(), force_locale(lang):
        text = gettext(msgid, **params)
    with app.test_request_context(), force_locale("en"):
        english = gettext(msgid, **params)
    assert text != english, f"{msgid!r} is not translated into {lang}"
    return str(escape(text))


def _speaks(app, username: str, lang: str) -> None:
    with app.app_context():
        db = session()
        db.execute(update(User).where(User.username == username).values(language=lang))
        db.commit()


def _vacancy_id(app) -> int:
    with app.app_context():
        return int(session().execute(select(Vacancy.id).where(Vacancy.ref == "v1")).scalar_one())


# --- the vocabulary itself --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "codes"),
    [
        ("sector", SECTORS),
        ("shift", SHIFTS),
        ("contract", CONTRACTS),
        ("pay_period", PAY_PERIODS),
        ("availability", AVAILABILITY),
        ("entry_kind", tuple(t.kind for t in ENTRY_TYPES)),
    ],
)
def test_every_stored_code_has_a_label(kind: str, codes: tuple[str, ...]) -> None:
    assert tuple(vocabulary.VOCABULARY[kind]) == codes


def test_vacancy_states_have_one_definition() -> None:
    """Regression (issue 21.5): the labels and the OpenAPI document follow ``VacancyStatus``, not copies."""
    from web.api.openapi import _schemas

    assert tuple(vocabulary.VOCABULARY["vacancy_status"]) == VacancyStatus.ALL
    assert _schemas()["Vacancy"]["properties"]["status"]["enum"] == list(VacancyStatus.ALL)


def test_flag_words_are_the_screening_indicators() -> None:
    indicators = load_indicators().indicators
    assert {i.id: i.name for i in indicators} == {k: v._args[0] for k, v in flags.INDICATOR_NAMES.items()}
    hints = {i.id: i.fix_hint for i in indicators if i.fixable}
    assert hints == {k: v._args[0] for k, v in flags.FIX_HINTS.items()}


# --- pages ------------------------------------------------------------------------------------


def test_vacancy_page_shows_labels_in_spanish(app, client, auth) -> None:
    _speaks(app, "employer.a", "es")
    auth.login("employer.a")
    page = client.get(f"/vacancies/{_vacancy_id(app)}").get_data(as_text=True)
    assert '<html lang="es">' in page
    assert f"/ {_said(app, 'es', 'hour')}</dd>" in page and "/ hour</dd>" not in page
    for msgid in ("Day shift", "Permanent", "Logistics and warehousing"):
        assert f"<dd>{_said(app, 'es', msgid)}</dd>" in page
    assert "<dd>day</dd>" not in page and "<dd>permanent</dd>" not in page


def test_vacancy_form_choices_are_in_spanish(app, client, auth) -> None:
    _speaks(app, "employer.a", "es")
    auth.login("employer.a")
    page = client.get("/vacancies/new").get_data(as_text=True)
    assert f'<option value="food_processing">{_said(app, "es", "Food processing")}</option>' in page
    assert f'<option value="zero_hours">{_said(app, "es", "Zero-hours")}</option>' in page
    assert f'<option value="night">{_said(app, "es", "Night shift")}</option>' in page


@pytest.fixture()
def spanish_person(app, client, auth) -> int:
    """counsellor.b (Spanish) signed in, with Bea's consent to matching recorded."""
    auth.login("counsellor.b")
    with app.app_context():
        person_id = int(session().execute(select(Person.id).where(Person.ref == "p3")).scalar_one())
    client.post(f"/people/{person_id}/consent", data={"purpose": "matching", "csrf_token": auth.csrf()})
    return person_id


def test_match_filter_form_and_its_errors_are_in_spanish(app, client, spanish_person: int) -> None:
    response = client.get(
        f"/people/{spanish_person}/matches",
        query_string={"max_distance_km": "lots", "min_hours": "-3", "pay_period": "fortnight"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert f'<option value="">{_said(app, "es", "Any sector")}</option>' in page
    assert f'<option value="logistics">{_said(app, "es", "Logistics and warehousing")}</option>' in page
    assert f'<option value="month">{_said(app, "es", "month")}</option>' in page
    assert _said(app, "es", "should be a number, got %(value)s", value="'lots'") in page
    assert _said(app, "es", "should not be negative") in page
    assert "should be a number" not in page and "should not be negative" not in page


def test_person_page_shows_availability_and_pay_period_in_spanish(app, client, auth) -> None:
    _speaks(app, "counsellor.a", "es")
    auth.login("counsellor.a")
    with app.app_context():
        person_id = int(session().execute(select(Person.id).where(Person.ref == "p1")).scalar_one())
    page = client.get(f"/people/{person_id}").get_data(as_text=True)
    assert f'<span class="tag">{_said(app, "es", "Weekdays")}</span>' in page
    assert f"/ {_said(app, 'es', 'hour')}</dd>" in page and '<span class="tag">weekdays</span>' not in page


@pytest.fixture()
def flagged_vacancy(app) -> int:
    """v1 held for review with one fixable flag, stored as the screener stores it."""
    cash = load_indicators().by_id("cash_or_third_party_pay")
    flag = {
        "indicator": cash.id,
        "severity": cash.severity,
        "evidence": "Paid in cash to the team leader.",
        "name": cash.name,
        "field": "description",
        "start": 0,
        "end": 31,
        "source": "pattern",
        "trigger": "paid in cash",
        "confidence": 1.0,
        "fixable": True,
        "fix_hint": cash.fix_hint,
    }
    with app.app_context():
        db = session()
        vacancy = db.execute(select(Vacancy).where(Vacancy.ref == "v1")).scalar_one()
        vacancy.status = "pending_review"
        vacancy.screening = {"id": "v1", "flagged": True, "score": 0.4, "flags": [flag]}
        db.commit()
        return int(vacancy.id)


@pytest.mark.parametrize(
    ("username", "path"), [("employer.a", "/vacancies/{id}"), ("counsellor.b", "/vacancies/review")]
)
def test_screening_flags_and_fix_hints_are_in_spanish(
    app, client, auth, flagged_vacancy: int, username: str, path: str
) -> None:
    _speaks(app, username, "es")
    auth.login(username)
    page = client.get(path.format(id=flagged_vacancy)).get_data(as_text=True)
    assert f"<strong>{_said(app, 'es', 'Wages paid in cash or to someone else')}</strong>" in page
    hint = "State that wages are paid to the worker's own bank account with a payslip."
    assert f'<span class="hint">{_said(app, "es", hint)}</span>' in page
    assert f">{_said(app, 'es', 'medium')}</span>" in page
    assert "Paid in cash to the team leader." in page  # the employer's own words stay as written
    assert "Wages paid in cash" not in page and str(escape(hint)) not in page


# --- planner refusals -------------------------------------------------------------------------


def test_planner_refusal_on_the_plan_form_is_in_french(app, client, auth) -> None:
    auth.login("treasurer.a")  # French in the test demo
    with app.app_context():
        coop_id = int(session().execute(select(Cooperative.id).where(Cooperative.ref == "c1")).scalar_one())
    facts = plans.CoopFacts("GBP", 20, 3, 0.01, 2)
    text = plans.as_form_text({**plans.defaults("cooperative", facts), **UK_COOP_FIGURES})
    data = {
        **text,
        "seed": "3",
        "name": "Trop",
        "initial_members": "50",
        "max_members": "10",
        "action": "save",
    }
    response = client.post(f"/coop/{coop_id}/plans/new/cooperative", data={**data, "csrf_token": auth.csrf()})
    page = response.get_data(as_text=True)
    expected = _said(
        app,
        "fr",
        "the cooperative starts with %(start)s members but has room for only %(most)s: "
        "let the group take more members, or start with fewer",
        start="50",
        most="10",
    )
    assert response.status_code == 400 and expected in page and "room for only" not in page


def test_a_planner_refusal_is_said_from_its_template_in_the_readers_locale(app) -> None:
    with pytest.raises(PlannerError) as caught:
        threex6_config({"group_size": 40000, "participants": 30000})
    with app.test_request_context(), force_locale("es"):
        said = planner_error_text(caught.value)
    assert said == _said(
        app,
        "es",
        "a group of %(size)s cannot be formed from %(people)s participants",
        size="40.000",  # Spanish groups thousands with a dot
        people="30.000",
    )
    assert "threex6" not in said and "participants" not in said


def test_a_plain_planner_message_is_shown_as_written(app) -> None:
    with app.test_request_context(), force_locale("es"):
        assert (
            planner_error_text(PlannerError("runs must be at least 1, got 0"))
            == "runs must be at least 1, got 0"
        )


# --- background job progress ------------------------------------------------------------------


@pytest.fixture()
def held_job(app, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, threading.Event]]:
    """A job (a task under web.tasks) that reports progress, then waits until the test lets it go."""
    release = threading.Event()

    def probe() -> dict[str, Any]:
        jobs.report_progress(
            0.5,
            N_("Scoring %(people)s people against %(programmes)s programmes"),
            people=12000,
            programmes=3,
        )
        release.wait(30)
        return {}

    monkeypatch.setattr(web.tasks, "probe", probe, raising=False)
    with app.app_context():
        job_id = jobs.queue().submit("web.tasks:probe")
        for _ in range(300):
            if jobs.queue().status(job_id).message_id:
                break
            time.sleep(0.01)
    yield job_id, release
    release.set()


def test_job_progress_is_shown_in_the_viewers_language(app, client, auth, held_job) -> None:
    job_id, _release = held_job
    _speaks(app, "counsellor.b", "es")
    auth.login("counsellor.b")
    with client.session_transaction() as sess:
        sess["jobs"] = [[job_id, COHORT_TASK]]
    page = client.get(f"/placements/cohort/{job_id}").get_data(as_text=True)
    with app.test_request_context(), force_locale("es"):
        people = format_decimal(12000)  # "12.000": Spanish groups thousands with a dot
    expected = _said(
        app,
        "es",
        "Scoring %(people)s people against %(programmes)s programmes",
        people=people,
        programmes="3",
    )
    assert expected in page and "Scoring" not in page
    with app.app_context():  # API clients keep the English words
        assert jobs.queue().status(job_id).message == "Scoring 12000 people against 3 programmes"


def test_a_failed_job_says_so_in_the_viewers_language(app, client, auth, monkeypatch) -> None:
    def broken() -> None:
        raise RuntimeError("a bug, not for the page")

    monkeypatch.setattr(web.tasks, "broken", broken, raising=False)
    with app.app_context():
        job_id = jobs.queue().submit("web.tasks:broken")
        for _ in range(300):
            if jobs.queue().status(job_id).state == "failed":
                break
            time.sleep(0.01)
    _speaks(app, "counsellor.b", "es")
    auth.login("counsellor.b")
    with client.session_transaction() as sess:
        sess["jobs"] = [[job_id, COHORT_TASK]]
    response = client.get(f"/placements/cohort/{job_id}")
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert _said(app, "es", jobs.JOB_FAILED) in page and "a bug" not in page


@pytest.mark.redis
def test_rq_jobs_keep_the_message_id_and_parameters(app, monkeypatch: pytest.MonkeyPatch) -> None:
    import uuid

    from redis import Redis
    from redis.exceptions import ConnectionError as RedisDown
    from rq import SimpleWorker

    url = os.environ.get("PATHWAYS_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        Redis.from_url(url).ping()
    except RedisDown:
        pytest.skip(f"Redis is not reachable at {url}")
    monkeypatch.setattr(
        web.tasks,
        "count",
        lambda: jobs.report_progress(0.3, N_("Simulating %(runs)s futures"), runs=5000),
        raising=False,
    )
    queue = jobs.RedisQueue(url, app.extensions["pathways.job_store"])
    queue.queue.name = f"pathways-test-{uuid.uuid4().hex[:8]}"
    queue.queue._key = f"rq:queue:{queue.queue.name}"
    with app.app_context():
        job_id = queue.submit("web.tasks:count")
        SimpleWorker([queue.queue], connection=queue.connection).work(burst=True)
        status = queue.status(job_id)
        with force_locale("fr"):
            shown = jobs.progress_text(status)
    queue.queue.empty()
    assert (status.message_id, dict(status.params)) == ("Simulating %(runs)s futures", {"runs": 5000})
    assert status.message == "Simulating 5000 futures"
    assert shown == _said(app, "fr", "Simulating %(runs)s futures", runs="5\u202f000")  # French thousands
