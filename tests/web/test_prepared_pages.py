"""Work is off the request path: records are prepared when written, pages read what was stored (issue 15).

Before, the first matches page of a person encoded their phrases and every vacancy's while
the counsellor waited (58.7 s on the demo), and saving a vacancy screened it on the request.
Here an encoder that refuses to run inside a request proves that no page encodes anything:
saving a person or a vacancy queues the preparation, pages say what is still being
prepared (and refresh themselves), and fill in when it is done.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, has_request_context
from sqlalchemy import select, update

from tests.web.conftest import app_on_demo_copy, finish_jobs
from tests.web.test_api import make_token
from web.infra.db import session
from web.storage.schema import Person, PlacementProgramme, Vacancy

NEW_PERSON = {
    "pseudonym": "Meera",
    "skills_text": "I drove a pick-up truck on a farm and fixed the engine myself",
    "work_history": "farm worker, Qatar, 2 years",
    "interests_text": "I want to drive a delivery van",
    "exclusions": "night shifts",
    "languages": "English",
    "locality": "mcr",
    "max_distance_km": "20",
    "pay_period": "hour",
    "consent": ["matching"],
}
NEW_VACANCY = {
    "title": "Van driver for a bakery",
    "sector": "logistics",
    "description": "Deliver bread to cafes around Manchester in our van. Written contract, weekly pay.",
    "skills_required": "driving licence\nloading the van",
    "languages_required": "English",
    "locality": "Manchester",
    "hours_per_week": "30",
    "shift": "day",
    "pay": "12.90",
    "pay_period": "hour",
    "contract": "permanent",
}


class RequestGuardEncoder:
    """The run's encoder, except that encoding inside a web request fails the test."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.in_requests = 0
        self.in_jobs = 0

    def encode(self, texts: Any, private: bool = False) -> Any:
        if has_request_context():
            self.in_requests += 1
            raise AssertionError(f"encoded during a page request: {len(texts)} text(s)")
        self.in_jobs += len(texts)
        return self.real.encode(texts, private=private)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


@pytest.fixture()
def guarded(demo_template: Path, tmp_path: Path, encoder: Any) -> Iterator[tuple[Flask, RequestGuardEncoder]]:
    guard = RequestGuardEncoder(encoder)
    app = app_on_demo_copy(demo_template, tmp_path, encoder)
    app.extensions["pathways.encoder"] = guard
    yield app, guard
    finish_jobs(app)
    app.extensions["pathways.engine"].dispose()


def _post(client, auth, path: str, data: dict) -> Any:
    return client.post(path, data={**data, "csrf_token": auth.csrf()})


def _person_id(app: Flask, pseudonym: str) -> int:
    with app.app_context():
        people = session().execute(select(Person)).scalars()
        return next(p.id for p in people if p.pseudonym == pseudonym)


def test_nothing_is_encoded_on_a_page_request(guarded, auth) -> None:
    app, guard = guarded
    client = app.test_client()
    auth = type(auth)(client)
    auth.login("counsellor.a")
    asha = _person_id(app, "Asha K.")
    page = client.get(f"/people/{asha}/matches").get_data(as_text=True)
    assert "Delivery driver" in page and "Bright Start" in page and 'http-equiv="refresh"' not in page
    bearer = {"Authorization": f"Bearer {make_token(app, 'counsellor.a')}"}
    api = client.get(f"/api/v1/people/{asha}/matches", headers=bearer)
    assert api.status_code == 200 and api.json["matches"] and api.json["complete"] is True
    # a new person: their words are read in the background, the page says so meanwhile
    response = _post(client, auth, "/people/new", NEW_PERSON)
    meera = int(response.headers["Location"].rsplit("/", 1)[1])
    first = client.get(f"/people/{meera}/matches")
    assert first.status_code == 200
    if "reading Meera" in first.get_data(as_text=True):
        assert 'http-equiv="refresh"' in first.get_data(as_text=True)
    finish_jobs(app)
    page = client.get(f"/people/{meera}/matches").get_data(as_text=True)
    assert "Delivery driver" in page and 'http-equiv="refresh"' not in page
    # an employer's new vacancy is screened and prepared in the background, then matched
    auth.logout()
    auth.login("employer.a")
    saved = _post(client, auth, "/vacancies/new", NEW_VACANCY)
    detail = client.get(saved.headers["Location"]).get_data(as_text=True)
    assert "Being checked for signs of exploitation" in detail or "Open" in detail
    finish_jobs(app)
    with app.app_context():
        vacancy = session().execute(select(Vacancy).where(Vacancy.title == NEW_VACANCY["title"])).scalar_one()
        assert vacancy.status == "open" and vacancy.screening is not None and vacancy.vectors_digest
    auth.logout()
    auth.login("counsellor.a")
    assert NEW_VACANCY["title"] in client.get(f"/people/{meera}/matches").get_data(as_text=True)
    assert guard.in_requests == 0 and guard.in_jobs > 0


def test_openings_still_being_prepared_are_counted_and_filled_in(app, client, auth) -> None:
    with app.app_context():
        session().execute(update(Vacancy).values(vectors_digest=None))
        session().execute(update(PlacementProgramme).values(vectors_digest=None))
        session().commit()
    auth.login("counsellor.a")
    asha = _person_id(app, "Asha K.")
    page = client.get(f"/people/{asha}/matches").get_data(as_text=True)
    assert "Openings ready to rank: 0 of 2" in page
    assert "<progress" in page and 'http-equiv="refresh"' in page and "Delivery driver" not in page
    finish_jobs(app)
    page = client.get(f"/people/{asha}/matches").get_data(as_text=True)
    assert "Delivery driver" in page and "Bright Start" in page and 'http-equiv="refresh"' not in page


def test_a_vacancy_cannot_be_reviewed_before_it_is_screened(app, client, auth) -> None:
    with app.app_context():
        session().execute(update(Vacancy).values(status="pending_review", screening=None))
        session().commit()
        vacancy_id = session().execute(select(Vacancy.id)).scalar_one()
    auth.login("counsellor.a")
    assert b"Approve and publish" not in client.get(f"/vacancies/{vacancy_id}").data
    response = _post(client, auth, f"/vacancies/{vacancy_id}/review", {"decision": "approve", "note": "fine"})
    assert b"still being screened" in client.get(response.headers["Location"]).data
    finish_jobs(app)
