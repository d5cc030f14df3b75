"""Matching a person who wrote in Spanish, French or Nepali against English vacancies, through ESCO."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from matcher.esco import EscoTaxonomy, LocalLabels, Occupation
from matcher.matching import Matcher
from matcher.records import PastJob, PersonProfile, Vacancy

pytestmark = pytest.mark.model


def occupation(
    uri: str, isco: str, en: tuple[str, ...], es: tuple[str, ...], fr: tuple[str, ...]
) -> Occupation:
    local = (LocalLabels("es", es[0], es[1:]), LocalLabels("fr", fr[0], fr[1:]))
    return Occupation(uri, en[0], isco, en[1:], translations=local)


TAXONOMY = EscoTaxonomy(
    (
        occupation("u:sew", "7533", ("sewing machinist", "seamstress"),
                   ("maquinista de confección", "costurera"), ("mécanicien en confection", "couturière")),
        occupation("u:carer", "5322", ("home care aide", "care worker"),
                   ("auxiliar de ayuda a domicilio", "cuidadora"), ("aide à domicile", "aide-soignante")),
        occupation("u:forklift", "8344", ("forklift operator", "forklift driver"),
                   ("operador de carretilla", "carretillero"),
                   ("cariste", "conducteur de chariot élévateur")),
        occupation("u:cook", "5120", ("cook", "chef"), ("cocinero", "cocinera"), ("cuisinier", "cuisinière")),
    ),
    (),
    {"7533": "Sewing machine operators"},
    languages=("en", "es", "fr"),
)  # fmt: skip
VACANCIES = (
    Vacancy("v-sew", "Sewing machinist", "garment", "Sew garments on industrial machines.", ("sewing",), ()),
    Vacancy("v-care", "Home care worker", "care", "Support older people at home.", ("personal care",), ()),
    Vacancy("v-lift", "Forklift driver", "logistics", "Load lorries in a warehouse.", ("forklift",), ()),
)


@pytest.fixture(scope="module")
def grounded(encoder: Any) -> Matcher:
    return Matcher(encoder=encoder, taxonomy=TAXONOMY).fit(VACANCIES)


@pytest.mark.parametrize(
    ("words", "past", "expected"),
    [
        ("Costurera, cinco años en un taller de confección", "costurera", "v-sew"),
        ("J'ai travaillé trois ans comme aide-soignante", "aide-soignante", "v-care"),
        ("कतारमा फोर्कलिफ्ट चालक", "फोर्कलिफ्ट चालक", "v-lift"),  # Nepali: forklift driver in Qatar
    ],
)
def test_a_person_in_their_own_language_meets_the_right_work(
    grounded: Matcher, words: str, past: str, expected: str
) -> None:
    person = PersonProfile("p", words, (PastJob(past),), "", ())
    top = grounded.rank(person, top_k=3)[0]
    assert top.vacancy_id == expected
    said = " ".join(top.explain())
    assert past in said or words.split(",")[0] in said  # the reasons quote the person's own words


def test_english_words_are_encoded_as_before(grounded: Matcher, encoder: Any) -> None:
    texts = ["I sewed school uniforms for six years", "forklift licence"]
    assert np.array_equal(grounded._people(None)(texts), encoder.encode(texts))


@pytest.mark.parametrize(
    ("words", "label"),
    [
        ("costurera", "sewing machinist"),
        ("aide-soignante", "home care aide"),
        ("cariste", "forklift operator"),
    ],
)
def test_a_phrase_in_another_language_stands_where_its_best_occupation_is(
    grounded: Matcher, encoder: Any, words: str, label: str
) -> None:
    # Regression: the phrase used to be a rank-weighted blend of its top occupations, which pulled
    # a clear "costurera" towards the runners-up; now only occupations near the best one count.
    bridged = grounded._people(None)([words])[0]
    labels = [o.label for o in TAXONOMY.occupations]
    vectors = np.asarray(encoder.encode(labels))
    similarity = vectors @ bridged
    assert labels[int(np.argmax(similarity))] == label
    assert similarity.max() > 0.95


def test_the_bridge_names_how_it_makes_vectors(grounded: Matcher, encoder: Any) -> None:
    from dataclasses import replace

    from matcher.grounding import PersonBridge
    from matcher.normalize import TitleNormalizer

    assert grounded.grounding_ is not None
    bridge = PersonBridge(grounded.grounding_.normalizer)
    assert bridge.crosses(["costurera", "I sewed school uniforms"]) == [True, False]
    assert bridge.identity == PersonBridge(grounded.grounding_.normalizer).identity  # stable
    assert bridge.identity != PersonBridge(grounded.grounding_.normalizer, top_k=5).identity
    *others, cook = TAXONOMY.occupations
    renamed = replace(TAXONOMY, occupations=(*others, replace(cook, label="chef de partie")))
    other = PersonBridge(TitleNormalizer(encoder=encoder).fit(renamed))
    assert other.identity != bridge.identity  # other ESCO labels: vectors made through it differ
