"""A programme's cohort start: up to and on its start date it takes proposals, after it none.

Walk of 2026-12-05: a programme whose start date had passed was still matched, offered by
"Fill programme places" and could be proposed, and its employer was never told.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from sqlalchemy import select, update

from tests.web.test_api import make_token
from web.infra.db import session
from web.matching.openings import open_postings
from web.placements.service import places_left
from web.storage.schema import Person, PlacementProgramme, utctoday


def _start(app, days_from_today: int | None) -> int:
    """Set Bright Start's start date ``days_from_today`` away (``None``: no start date); its id."""
    with app.app_context():
        db = session()
        starts = None if days_from_today is None else utctoday() + dt.timedelta(days=days_from_today)
        db.execute(update(PlacementProgramme).where(PlacementProgramme.ref == "bf1").values(starts_on=starts))
        db.commit()
        return db.execute(select(PlacementProgramme.id).where(PlacementProgramme.ref == "bf1")).scalar_one()


def _day(days_from_today: int) -> str:
    """The date as the English pages write it."""
    return format_date(utctoday() + dt.timedelta(days=days_from_today), locale="en")


def _asha(app) -> int:
    with app.app_context():
        return session().execute(select(Person.id).where(Person.ref == "p1")).scalar_one()


def _propose(client, auth, person: int, programme: int):
    return client.post(
        "/placements/propose",
        data={"person_id": person, "programme_id": programme, "csrf_token": auth.csrf()},
        follow_redirects=True,
    )


def test_a_started_programme_is_not_matched_counted_or_proposed(app, client, auth) -> None:
    programme = _start(app, -1)
    with app.app_context():
        assert "bf1" not in {p.ref for p in open_postings(session())}
        assert places_left(session()) == {}
        assert places_left(session(), [programme]) == {}
    auth.login("counsellor.a")
    person = _asha(app)
    page = client.get(f"/people/{person}/matches").get_data(as_text=True)
    assert "Delivery driver" in page and "Bright Start" not in page
    cohort = client.get("/placements/cohort").get_data(as_text=True)
    assert "no placement programme has a place open" in cohort  # a started programme has none
    refused = _propose(client, auth, person, programme).get_data(as_text=True)
    assert f"That programme started on {_day(-1)} and takes no more proposals." in refused


def test_a_programme_takes_proposals_on_its_start_date(app, client, auth) -> None:
    programme = _start(app, 0)
    with app.app_context():
        assert "bf1" in {p.ref for p in open_postings(session())}
        assert places_left(session(), [programme]) == {programme: 4}
    auth.login("counsellor.a")
    person = _asha(app)
    page = client.get(f"/people/{person}/matches").get_data(as_text=True)
    assert "Bright Start" in page
    assert f"starts {_day(0)}" in page and "4 of 4 places left" in page
    assert "Proposed" in _propose(client, auth, person, programme).get_data(as_text=True)
    with app.app_context():
        assert places_left(session(), [programme]) == {programme: 3}


def test_a_programme_without_a_start_date_is_a_rolling_intake(app, client, auth) -> None:
    programme = _start(app, None)
    with app.app_context():
        assert places_left(session(), [programme]) == {programme: 4}
    auth.login("employer.a")
    page = client.get("/employer").get_data(as_text=True)
    assert "no start date: people join as places free up" in page and "4 of 4 places left" in page


def test_the_employer_is_told_a_programme_has_started(app, client, auth) -> None:
    _start(app, -3)
    auth.login("employer.a")
    page = client.get("/employer").get_data(as_text=True)
    assert f"Started on {_day(-3)}: it takes no more proposals." in page
    _start(app, 10)  # the employer sets the next cohort's date: it takes proposals again
    page = client.get("/employer").get_data(as_text=True)
    assert "Started on" not in page
    assert f"starts {_day(10)}" in page


def test_the_api_says_whether_a_programme_has_started(app, client) -> None:
    headers = {"Authorization": f"Bearer {make_token(app, 'employer.a')}"}
    _start(app, -1)
    [started] = client.get("/api/v1/programmes", headers=headers).get_json()
    assert started["started"] is True
    _start(app, 1)
    [upcoming] = client.get("/api/v1/programmes", headers=headers).get_json()
    assert upcoming["started"] is False


PROGRAMME_FORM = {
    "title": "Bright Future Logistics",
    "sector": "logistics",
    "description": "Four weeks' paid placement in our warehouse, then a non-competitive interview for a job.",
    "skills_required": "picking orders",
    "languages_required": "English",
    "locality": "Manchester",
    "hours_per_week": "37.5",
    "capacity": "5",
    "placement_weeks": "4",
    "placement_pay": "12.21",
    "job_title": "Warehouse operative",
    "job_pay": "12.60",
    "pay_period": "hour",
    "interview": "non_competitive",
}


def test_a_start_date_in_the_past_is_refused_unless_it_is_the_one_kept(app, client, auth) -> None:
    auth.login("employer.a")
    form = {**PROGRAMME_FORM, "csrf_token": auth.csrf()}
    past = (utctoday() - dt.timedelta(days=2)).isoformat()
    refused = client.post("/vacancies/programmes/new", data={**form, "starts_on": past})
    assert refused.status_code == 400
    assert (
        f"is in the past ({past}): counsellors can propose people up to the start date"
        in refused.get_data(as_text=True)
    )
    made = client.post("/vacancies/programmes/new", data={**form, "starts_on": utctoday().isoformat()})
    assert made.status_code == 302
    programme = _start(app, -3)  # Bright Start began three days ago: its places can still be edited
    kept = (utctoday() - dt.timedelta(days=3)).isoformat()
    edit = f"/vacancies/programmes/{programme}/edit"
    assert client.post(edit, data={**form, "capacity": "6", "starts_on": kept}).status_code == 302
    moved = client.post(edit, data={**form, "starts_on": past})  # but not moved to another past day
    assert moved.status_code == 400 and "is in the past" in moved.get_data(as_text=True)
