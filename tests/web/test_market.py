"""The labour-market pages, on a tiny ESCO folder written for the test."""

from __future__ import annotations

import base64
import re
import time
from pathlib import Path

import pytest
from sqlalchemy import select, update

from tests.web.conftest import write_tiny_esco
from web.infra.db import session
from web.storage.schema import Person, User

OCCUPATIONS = [
    ("u:occ/driver", "8322", "delivery driver", "van driver\ncourier driver"),
    ("u:occ/shop", "5223", "shop sales assistant", "store colleague\nretail assistant"),
    ("u:occ/cook", "5120", "cook", "chef"),
]
SKILLS = [
    ("u:sk/drive", "drive vans", "driving licence\ndrive a van"),
    ("u:sk/service", "provide customer service", "customer service"),
    ("u:sk/cook", "cook food", "cooking"),
    ("u:sk/accounts", "keep accounts", "bookkeeping"),
]


ISCO_GROUPS = [
    ("8322", "Car, taxi and van drivers"),
    ("5223", "Shop sales assistants"),
    ("5120", "Cooks"),
    ("8", "Plant and machine operators"),
    ("5", "Service and sales workers"),
]


@pytest.fixture()
def esco_app(app, tmp_path: Path):
    app.config["ESCO_DIR"] = str(write_tiny_esco(tmp_path / "esco", OCCUPATIONS, ISCO_GROUPS, SKILLS))
    return app


def _finish(client, url: str) -> bytes:
    """The page once everything it adds up is prepared (it answers at once, saying what is still pending)."""
    for _ in range(600):
        page = client.get(url)
        assert page.status_code == 200
        if b'http-equiv="refresh"' not in page.data:
            return page.data
        time.sleep(0.2)
    raise AssertionError("the labour-market data was not prepared")


def test_map_needs_esco_and_says_how_to_get_it(client, auth) -> None:
    auth.login("counsellor.a")
    page = client.get("/market/")
    assert b"ESCO v1.1 CSV package" in page.data and b"Build the map" not in page.data


def test_the_map_starts_at_the_counsellors_own_locality(esco_app, client, auth) -> None:
    # the walk of 2026-12-05: a Kathmandu counsellor's map started at "All localities", mixing
    # Manchester's and Addis Ababa's employers into Kathmandu's demand
    auth.login("counsellor.a")  # Hope Works, in Manchester ("mcr")
    page = client.get("/market/").get_data(as_text=True)
    assert '<option value="mcr" selected>Manchester</option>' in page
    assert '<option value="">All localities</option>' in page  # still there to choose


def test_map_shows_demand_with_people_counts_suppressed(esco_app, client, auth) -> None:
    auth.login("counsellor.a")
    with esco_app.app_context():
        person = session().execute(select(Person).where(Person.ref == "p1")).scalar_one()
    client.post(
        f"/people/{person.id}/consent",
        data={"purpose": "demand_statistics", "action": "grant", "csrf_token": auth.csrf()},
    )
    response = client.post("/market/", data={"locality": "mcr", "level": "", "csrf_token": auth.csrf()})
    page = _finish(client, response.headers["Location"]).decode()
    assert "Labour-market map" in page and "delivery driver" in page
    assert "Labour-market map: Manchester</h1>" in page  # the locality's name, not its reference "mcr"
    assert "Fewer than 5 people are counted" in page
    assert 'alt="Bar chart' in page and "data:image/svg+xml;base64," in page
    # each count says which job titles make it up (a programme by the job it leads to), so a wrong link shows
    assert re.search(r"delivery driver<br><span class=\"hint\">Job titles: Delivery driver</span>", page)
    assert re.search(r"shop sales assistant<br><span class=\"hint\">Job titles: Store colleague</span>", page)


def test_the_map_says_how_many_vacancies_are_in_a_language_without_esco_labels(
    esco_app, client, auth
) -> None:
    """No one confirms a posting's links: one in Nepali, with English ESCO, counts as not linked, and why."""
    from tests.web.conftest import add_open_vacancy

    with esco_app.app_context():
        db = session()
        nepali = {"title": "भान्से", "sector": "hospitality", "description": "होटलको भान्सामा खाना पकाउने काम।"}
        add_open_vacancy(db, "v-ne", skills_required=["खाना पकाउने"], **nepali)
        db.commit()
    auth.login("counsellor.a")
    page = " ".join(_finish(client, "/market/map?locality=mcr").decode().split())
    assert "1 of them is written in a language this server has no ESCO labels for" in page
    assert "Job titles: भान्से" not in page  # counted under no occupation


def test_the_map_chart_is_drawn_in_the_language_of_who_asked_for_it(esco_app, client, auth) -> None:
    with esco_app.app_context():
        session().execute(update(User).where(User.username == "counsellor.a").values(language="fr"))
        session().commit()
    auth.login("counsellor.a")
    response = client.post("/market/", data={"locality": "mcr", "level": "", "csrf_token": auth.csrf()})
    page = _finish(client, response.headers["Location"]).decode()
    encoded = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', page)
    assert encoded is not None
    chart = base64.b64decode(encoded[1]).decode()
    assert "offres d&#39;emploi" in chart or "offres d'emploi" in chart  # the legend, in French
    assert "Offres d" in chart and "par métier" in chart and "nombre" in chart
    assert "vacancies" not in chart and "count" not in chart


def test_bad_map_request_is_explained(esco_app, client, auth) -> None:
    auth.login("counsellor.a")
    response = client.post("/market/", data={"locality": "atlantis", "csrf_token": auth.csrf()})
    assert b"Choose a locality from the list" in client.get(response.headers["Location"]).data


def test_unlock_suggests_skills_for_a_person(esco_app, client, auth) -> None:
    auth.login("counsellor.a")
    with esco_app.app_context():
        person = session().execute(select(Person).where(Person.ref == "p1")).scalar_one()
    response = client.post(f"/market/unlock/{person.id}", data={"csrf_token": auth.csrf()})
    page = _finish(client, response.headers["Location"]).decode()
    assert page == _finish(client, f"/market/unlock/{person.id}").decode()  # the profile's link: a plain GET
    assert "What would unlock more work for Asha K." in page
    assert "local vacancies" in page and "never by who the person is" in page
    # "within reach" says what it means: not the matches page's notion (the walk: 4 here, 18 fits there)
    assert "are within reach now: the person has at least 50% of the ESCO skills each asks for" in page
    # a skill of theirs that no local vacancy asks for is named once, not listed as "in demand" with 0
    assert " 0 vacancies ask for it" not in page
    assert "No local vacancy asks for: " in page


def test_unlock_says_when_words_read_by_meaning_only_wait_for_confirmation(esco_app, client, auth) -> None:
    """Their links count only once confirmed, so the page would otherwise show a person with no skills and
    leave the counsellor guessing why: it names the language and links to where to confirm them."""
    with esco_app.app_context():
        person = session().execute(select(Person).where(Person.ref == "p1")).scalar_one()
        person.skills_text = "मैले होटलमा तीन वर्ष खाना पकाएँ"  # Nepali: I cooked in a hotel for three years
        session().commit()
    auth.login("counsellor.a")
    page = _finish(client, f"/market/unlock/{person.id}").decode()
    assert "Some of their words are in Nepali or Hindi (Devanagari script)" in page
    assert "What it links from those words is used only once you confirm it." in page
    assert f'href="/people/{person.id}/esco"' in page


def test_unlock_names_the_languages_local_openings_require_that_the_person_lacks(
    esco_app, client, auth
) -> None:
    """The walk (Hiwot G., Addis Ababa): she asks for barista or waiter work, every such opening requires
    English, so none was ever among her matches, and this page named no reason. A required language is a
    hard limit in matching: the page names those local openings ask for that she has not said she speaks."""
    from tests.web.conftest import add_open_vacancy

    with esco_app.app_context():
        db = session()
        person = db.execute(select(Person).where(Person.ref == "p1")).scalar_one()
        person.languages = ["English", "Arabic"]
        for ref, languages in (("v-ar", ["Arabic"]), ("v-pl1", ["Polish", "English"]), ("v-pl2", ["polish"])):
            coffee = {"title": "Barista", "sector": "hospitality", "description": "Make coffee."}
            add_open_vacancy(db, ref, languages_required=languages, **coffee)
        db.commit()
    auth.login("counsellor.a")
    page = " ".join(_finish(client, f"/market/unlock/{person.id}").decode().split())
    assert "Languages local openings ask for" in page
    assert "<li>Polish: 2 openings ask for it</li>" in page  # compared case-blind, as matching does
    assert "Arabic:" not in page and "English:" not in page  # theirs


def test_unlock_is_only_for_the_persons_own_organisation(esco_app, client, auth) -> None:
    auth.login("counsellor.b")
    with esco_app.app_context():
        person = session().execute(select(Person).where(Person.ref == "p1")).scalar_one()
    assert client.post(f"/market/unlock/{person.id}", data={"csrf_token": auth.csrf()}).status_code == 404
    assert client.get(f"/market/unlock/{person.id}").status_code == 404


def test_unlock_counts_read_as_sentences(app) -> None:
    """The walk of 2026-12-06 (Ram B.): "1 are within reach now", "photography: 1 vacancies ask for it", and a
    first suggestion that "opens 0 more vacancies": it opens nothing alone, only with the next skill."""
    from types import SimpleNamespace

    from flask import render_template

    from matcher.demand.unlock import SkillInDemand, UnlockResult, UnlockSuggestion

    result = UnlockResult(
        person="ktm-02",
        locality="kathmandu",
        coverage=0.5,
        vacancies_considered=84,
        reachable_now=("v1",),
        suggestions=(
            UnlockSuggestion("s:a", "prepare road directions", (), 0.0, 1),
            UnlockSuggestion("s:b", "licences regulation", ("v2", "v3", "v4", "v5"), 4.0, 5),
            UnlockSuggestion("s:c", "drive two-wheeled vehicles", ("v6",), 1.0, 6),
        ),
        in_demand=(SkillInDemand("s:d", "welding techniques", 1, 0),),
    )
    with app.test_request_context():
        page = render_template(
            "market/unlock.html",
            person=SimpleNamespace(id=1, pseudonym="Ram B."),
            result={**result.to_dict(), "not_asked": [], "language_notes": (), "languages": []},  # as given
            preparing=SimpleNamespace(waiting=0),
            progress="",
        )
    text = " ".join(page.split())
    assert (
        "Among 84 local vacancies, 1 is within reach now: the person has at least 50% of the ESCO skills it"
        in text
    )
    assert "prepare road directions</strong>: opens no vacancy on its own, only together with the" in text
    assert (
        "opens 4 more vacancies (5 reachable in all)" in text and "opens 1 more vacancy (6 reachable" in text
    )
    assert "welding techniques: 1 vacancy asks for it" in text


def test_what_is_still_being_prepared_is_counted_for_the_map_s_own_locality(esco_app) -> None:
    # the walk of 2026-12-06: Kathmandu's map read "Still being linked to ESCO and not counted yet:
    # vacancies 266, people 36", the counts of every locality, over Kathmandu's 84 vacancies
    from tests.web.conftest import add_open_vacancy
    from web.market.data import stored_market
    from web.storage.schema import Locality, Vacancy

    with esco_app.app_context():
        db = session()
        kathmandu = Locality(
            ref="ktm", name="Kathmandu", country="Nepal", latitude=27.7, longitude=85.3, currency="NPR"
        )
        db.add(kathmandu)
        add_open_vacancy(
            db, "ktm-cook", title="Cook", sector="hospitality", description="Cook for our staff."
        )
        db.flush()
        db.execute(update(Vacancy).where(Vacancy.ref == "ktm-cook").values(locality_id=kathmandu.id))
        db.commit()
        everywhere = stored_market(db)  # nothing has been linked to ESCO yet: everything waits
        here, there = stored_market(db, locality="mcr"), stored_market(db, locality="ktm")
        assert there.vacancies_waiting == 1 and there.people_waiting == 0
        assert here.vacancies_waiting == everywhere.vacancies_waiting - 1 >= 1
        assert here.people_waiting == everywhere.people_waiting
