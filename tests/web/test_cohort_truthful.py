"""Issue 16 item 4: "Fill programme places" says something true, and its result stays with the counsellor."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update

from tests.web.conftest import finished_job_page
from web.infra.db import session
from web.storage.schema import Person, PlacementProgramme

COHORT = "/placements/cohort"


def _wait(client, url: str, seconds: float = 60) -> str:
    return finished_job_page(client, url, seconds).decode()


def _add_far_programme(app, places: int = 10) -> None:
    """A copy of Bright Start in London: 260 km from Asha K., who travels at most 15 km."""
    _copy_bright_start(app, "far1", "Far Start", places, (51.507, -0.128))


def _copy_bright_start(
    app, ref: str, title: str, places: int, where: tuple[float, float] | None = None
) -> None:
    """A copy of Bright Start with its own reference, title and places (in London, or where it is)."""
    with app.app_context():
        db = session()
        bf1 = db.execute(select(PlacementProgramme).where(PlacementProgramme.ref == "bf1")).scalar_one()
        columns = [c.key for c in PlacementProgramme.__table__.columns if c.key not in ("id", "ref")]
        copy = PlacementProgramme(**{name: getattr(bf1, name) for name in columns})
        copy.ref, copy.title, copy.capacity = ref, title, places
        if where is not None:
            copy.latitude, copy.longitude = where
        db.add(copy)
        db.commit()


def _run(client, auth, method: str = "optimal") -> tuple[str, str]:
    response = client.post(COHORT, data={"method": method, "csrf_token": auth.csrf()})
    url = response.headers["Location"]
    return url, _wait(client, url)


def test_only_places_the_caseload_can_reach_are_counted(app, client, auth) -> None:
    """Regression: places in a city nobody in the caseload can reach were counted as open."""
    _add_far_programme(app)
    auth.login("counsellor.a")
    page = client.get(COHORT).get_data(as_text=True)
    assert "4 places are open in programmes they can reach" in page
    assert "10 more places, in programmes too far for everyone in your caseload, are not counted" in page
    _url, result = _run(client, auth)
    assert "People to place: 1. Places they fit: 4." in result


def test_a_person_with_no_travel_limit_does_not_reach_another_citys_places(app, client, auth) -> None:
    """Regression (walk of 2026-12-05): one Kathmandu person with no travel limit made every place in
    Manchester and Addis Ababa count as "open in programmes they can reach"."""
    _add_far_programme(app)
    with app.app_context():  # Asha K. gives no limit: London is 260 km away, beyond the 100 km assumed
        session().execute(update(Person).where(Person.ref == "p1").values(max_distance_km=None))
        session().commit()
    auth.login("counsellor.a")
    page = client.get(COHORT).get_data(as_text=True)
    assert "4 places are open in programmes they can reach" in page
    assert "10 more places, in programmes too far for everyone in your caseload, are not counted" in page


def test_with_no_place_within_reach_there_is_no_proposal_to_work_out(app, client, auth) -> None:
    """Regression (walk of 2026-12-05): with 0 places in reach the page still offered "Work out a proposal",
    whose result listed every person as fitting no programme."""
    with app.app_context():  # Bright Start moves to London, beyond everyone's limit
        session().execute(update(PlacementProgramme).values(latitude=51.507, longitude=-0.128))
        session().commit()
    auth.login("counsellor.a")
    page = client.get(COHORT).get_data(as_text=True)
    assert "in programmes they can reach" not in page  # the warning says where the places are instead
    assert "nothing to share out now: 4 places are open, all in programmes too far for everyone" in page
    assert "Work out a proposal" not in page


def test_with_no_programme_open_the_page_does_not_speak_of_places_left(app, client, auth) -> None:
    """Regression (walk of 2026-12-06): with no programme taking proposals anywhere, the page said
    "no programme within reach of your caseload has a place left", as if full ones were near."""
    with app.app_context():  # every programme's cohort has started: none takes proposals
        session().execute(update(PlacementProgramme).values(starts_on=dt.date(2020, 1, 6)))
        session().commit()
    auth.login("counsellor.a")
    page = client.get(COHORT).get_data(as_text=True)
    assert "1 person in your caseload agreed to matching and has no programme place yet." in page
    assert "no placement programme has a place open" in page
    assert "place left" not in page and "Work out a proposal" not in page


def test_with_nobody_left_to_place_there_is_no_proposal_to_work_out(app, client, auth) -> None:
    with app.app_context():  # Asha K., the only one who agreed to matching, already has a place proposed
        person = session().execute(select(Person).where(Person.ref == "p1")).scalar_one().id
        programme = session().execute(select(PlacementProgramme.id)).scalars().first()
    auth.login("counsellor.a")
    client.post(
        "/placements/propose",
        data={"person_id": person, "programme_id": programme, "csrf_token": auth.csrf()},
    )
    page = client.get(COHORT).get_data(as_text=True)
    assert "0 people in your caseload agreed to matching and have no programme place yet" in page
    assert "There is nobody to share places among now" in page and "Work out a proposal" not in page


def test_when_the_methods_agree_the_page_says_so_and_why(app, client, auth) -> None:
    """Regression: "Total score 524.6 (a simple first-come share-out would give 524.6)", nothing more."""
    auth.login("counsellor.a")
    for method in ("optimal", "stable"):
        _url, result = _run(client, auth, method)
        assert 'id="methods-agree"' in result
        assert "the same places here, because no programme has more people who fit it than places" in result
        assert "a simple first-come share-out would give" not in result


def test_people_left_without_a_place_are_listed_with_why(app, client, auth) -> None:
    with app.app_context():
        session().execute(update(PlacementProgramme).values(latitude=51.507, longitude=-0.128))
        session().commit()
    auth.login("counsellor.a")
    _url, result = _run(client, auth)
    assert "Not placed, and why" in result
    assert "Asha K.: No programme fits their own limits" in result


def test_signing_in_again_finds_the_latest_result(app, client, auth) -> None:
    """Regression: the result was kept in the browser session, lost on signing out."""
    auth.login("counsellor.a")
    url, first = _run(client, auth)
    auth.logout()
    auth.login("counsellor.a")
    start = client.get(COHORT).get_data(as_text=True)
    assert f'href="{url}"' in start and "Your latest proposal" in start
    again = client.get(url)
    assert again.status_code == 200 and "Asha K." in again.get_data(as_text=True)
    auth.logout()
    auth.login("counsellor.b")
    assert client.get(url).status_code == 404
    assert f'href="{url}"' not in client.get(COHORT).get_data(as_text=True)


def test_a_move_is_offered_only_into_a_programme_with_a_place_the_result_leaves_free(
    app, client, auth
) -> None:
    """The walk of 2026-12-06: with every place shared out, each pair still offered "another programme" whose
    places the same result had filled; confirming the move was then refused."""
    _copy_bright_start(app, "bf2", "Second Start", 1)  # beside Bright Start, one place
    with app.app_context():
        session().execute(
            update(PlacementProgramme).where(PlacementProgramme.ref == "bf1").values(capacity=1)
        )
        session().commit()
        person2 = session().execute(select(Person.id).where(Person.ref == "p2")).scalar_one()
    auth.login("counsellor.a")
    granted = client.post(
        f"/people/{person2}/consent",
        data={"csrf_token": auth.csrf(), "purpose": "matching", "action": "grant"},
    )
    assert granted.status_code == 302
    _url, result = _run(client, auth)
    assert "People to place: 2. Places they fit: 2." in result, result
    assert "Asha K." in result and "Person 2" in result
    assert '<select name="move-' not in result  # both places are taken by this result: nowhere to move
    _copy_bright_start(app, "bf3", "Third Start", 1)  # a third place, free after the result
    _url, result = _run(client, auth)
    assert result.count(">Third Start (Northern Grocers)</option>") == 2, result
