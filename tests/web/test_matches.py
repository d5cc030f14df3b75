"""The counsellor's matches page: ranked openings with reasons, filters, consent first."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from web.infra.db import session
from web.storage.schema import Person


def _person_id(app, ref: str) -> int:
    with app.app_context():
        return session().execute(select(Person).where(Person.ref == ref)).scalar_one().id


def test_matches_are_ranked_with_reasons_and_can_be_proposed(app, client, auth) -> None:
    auth.login("counsellor.a")
    page = client.get(f"/people/{_person_id(app, 'p1')}/matches")
    assert page.status_code == 200
    text = page.data.decode()
    assert "Delivery driver" in text and "Bright Start" in text
    assert "Placement programme" in text and "Propose to Asha K." in text
    assert "you said" in text  # a matched skill pair is read out in the person's words


def test_filters_narrow_the_list(app, client, auth) -> None:
    auth.login("counsellor.a")
    page = client.get(f"/people/{_person_id(app, 'p1')}/matches?sector=retail").data.decode()
    assert "Bright Start" in page and "Delivery driver" not in page
    page = client.get(f"/people/{_person_id(app, 'p1')}/matches?kind=vacancy").data.decode()
    assert "Delivery driver" in page and "Bright Start" not in page


def test_bad_filters_are_named(app, client, auth) -> None:
    auth.login("counsellor.a")
    page = client.get(f"/people/{_person_id(app, 'p1')}/matches?min_pay=lots&max_distance_km=-3")
    assert page.status_code == 400
    assert b"should be a number, got &#39;lots&#39;" in page.data and b"should not be negative" in page.data


@pytest.mark.parametrize("value", ["NaN", "nan", "inf", "-Infinity"])
def test_a_filter_that_is_not_a_finite_number_is_named(app, client, auth, value: str) -> None:
    """Regression: ``max_distance_km=NaN`` was accepted and silently ruled out every opening."""
    auth.login("counsellor.a")
    person = _person_id(app, "p1")
    page = client.get(f"/people/{person}/matches?max_distance_km={value}")
    assert page.status_code == 400 and b"should be a finite number" in page.data
    api = client.get(
        f"/api/v1/people/{person}/matches?max_distance_km={value}", headers={"X-CSRF-Token": auth.csrf()}
    )
    assert api.status_code == 422
    assert api.json["fields"]["max_distance_km"].startswith("should be a finite number")


def test_no_matching_without_consent(app, client, auth) -> None:
    auth.login("counsellor.a")
    page = client.get(f"/people/{_person_id(app, 'p2')}/matches")
    assert b"has not agreed to matching" in page.data and b"Delivery driver" not in page.data


def test_protected_attributes_do_not_change_the_page(app, client, auth) -> None:
    auth.login("counsellor.a")
    pid = _person_id(app, "p1")
    before = client.get(f"/people/{pid}/matches").data
    with app.app_context():
        db = session()
        person = db.get(Person, pid)
        person.protected.gender = "male"
        person.protected.nationality = "British"
        person.protected.trafficking_history = "none recorded"
        db.commit()
    assert client.get(f"/people/{pid}/matches").data == before


def test_other_organisations_cannot_match_a_person(app, client, auth) -> None:
    auth.login("counsellor.b")
    assert client.get(f"/people/{_person_id(app, 'p1')}/matches").status_code == 404
