"""A vacancy's needs are the skills and duties it names, not the lines that say where it is or its terms.

Regression: the demo's Pastry Assistant advert ends "Place of work: Bole."; that line was a need, and
Kidist M.'s matches read "The job needs 'Place of work: Bole'; you said 'Housework'".
"""

from __future__ import annotations

import pytest

from matcher.phrases import done_phrases, person_phrases, phrases, vacancy_phrases, where_or_terms
from matcher.records import PersonProfile, Vacancy

WHERE_OR_TERMS = [
    "Place of work: Bole",
    "Location: Kality farm",
    "Work site: Megenagna",
    "Shop/site: Lebu",
    "Based at Kality hub",
    "You'll be based at our Trafford Park site",
    "This role is based in our Salford store",
    "At our Kazanchis hotel",
    "Interviews in Thamel",
    "Pay: GBP 12.71 an hour",
    "Hours: 40 a week",
    "Contract: permanent",
    "Lugar de trabajo: Vallecas",
    "Horario: de lunes a viernes",
    "Lieu de travail : Saint-Denis",
    "Salaire : 1 800 euros brut",
    "Working in Manchester city centre",
    "Work in Kalanki area",
]
NEEDS = [
    "Requirements: forklift licence",
    "Skills: food hygiene, knife skills",
    "Duties: cleaning rooms and changing beds",
    "Work in a busy hotel kitchen",
    "Help our pastry chef with cakes, bread and desserts",
    "Office cleaning in the evenings",
    "Experiencia en almacén",
    "Working in a busy kitchen",
    "Working in Manchester's busiest kitchen, you will cook for 200 covers a night",
]


@pytest.mark.parametrize(
    ("sentence", "place_or_terms"), [(s, True) for s in WHERE_OR_TERMS] + [(s, False) for s in NEEDS]
)
def test_place_and_terms_are_not_needs_and_skills_and_duties_are(sentence: str, place_or_terms: bool) -> None:
    assert where_or_terms(sentence) is place_or_terms


def test_vacancy_needs_leave_out_the_place_line() -> None:
    vacancy = Vacancy(
        "v1",
        "Pastry Assistant",
        "hospitality",
        "Place of work: Bole. Help our pastry chef with cakes, bread and desserts for the restaurant "
        "and events. We teach professional pastry techniques.",
        ("baking", "pastry", "food hygiene"),
    )
    split = vacancy_phrases(vacancy)
    assert split.needs == (
        "baking",
        "pastry",
        "food hygiene",
        "Help our pastry chef with cakes, bread and desserts for the restaurant and events",
        "We teach professional pastry techniques",
    )
    assert "Place of work: Bole" not in split.about


@pytest.mark.parametrize(
    ("sentence", "done"),
    [
        ("For two years I cared for my father after his stroke", True),
        ("When my friend was sick I looked after him", True),
        ("I was a cook in a canteen for 3 years", True),
        ("I've cooked for 40 people", True),
        ("I used to cook in a hotel in Doha", True),
        ("I have been a security guard", True),
        ("I used to live in Kuwait", False),  # a life event
        ("He cuidado a mi abuela", True),
        ("Trabajé en una cocina", True),
        ("J'ai travaillé dans un hôtel", True),
        ("I want to work as caregiver in an elderly home", False),  # a wish
        ("I would like to drive, I drove a tuk-tuk", False),  # a wish first: it stays an aspiration
        ("I was tired of kitchens", False),  # done with it
        ("I need a job near home", False),
        ("I was taken to Kuwait by an agent", False),  # done to them, not by them
        ("I was trafficked to Dubai", False),
        ("I returned from Qatar last year", False),  # a life event
    ],
)
def test_what_a_person_has_done_is_told_apart_from_wishes_and_events(sentence: str, done: bool) -> None:
    assert bool(done_phrases(sentence)) is done


def test_what_a_person_has_done_among_their_wishes_is_skills_evidence() -> None:
    """Regression (walk of 2026-12-06): Ram B. wrote "For two years I cared for my father after his stroke
    — bathing, exercises, medicine. I want to work as caregiver in an elderly home." among his wishes, and
    every care job said "Not yet covered by what you told us: elderly care; personal care"."""
    ram = PersonProfile(
        id="ram",
        skills_text="Steel fixing, shuttering",
        interests_text="For two years I cared for my father after his stroke, bathing him. "
        "I want to work as caregiver in an elderly home.",
    )
    split = person_phrases(ram)
    assert "For two years I cared for my father after his stroke, bathing him" in split.skills
    assert "I want to work as caregiver in an elderly home" not in split.skills
    assert split.skills[:3] == (
        "Steel fixing, shuttering",
        "Steel fixing",
        "shuttering",
    )  # his own words first
    assert "I want to work as caregiver in an elderly home" in split.interests


def test_a_dash_between_spaces_parts_a_sentence_as_a_comma_does() -> None:
    """Regression (walk of 2026-12-06): "... after his stroke — bathing, exercises, medicine" kept the
    stroke with "bathing", so "personal care" was covered by 'medicine' alone."""
    said = phrases("Cook in a canteen in Malaysia — dal bhat, curry. Cleaning - 3 years. Well-known")
    assert {"Cook in a canteen in Malaysia", "dal bhat", "Cleaning", "3 years"} <= set(said)
    assert "Well" not in said  # a hyphen inside a word is not a dash
