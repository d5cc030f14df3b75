"""A vacancy's needs are the skills and duties it names, not the lines that say where it is or its terms.

Regression: the demo's Pastry Assistant advert ends "Place of work: Bole."; that line was a need, and
Kidist M.'s matches read "The job needs 'Place of work: Bole'; you said 'Housework'".
"""

from __future__ import annotations

import pytest

from matcher.phrases import vacancy_phrases, where_or_terms
from matcher.records import Vacancy

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
