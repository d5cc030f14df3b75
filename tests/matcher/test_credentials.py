"""A licence, certificate, language or thing of one's own is met only by the same kind (issue 16, item 2).

Table-driven: each row is a vacancy's need (a listed required skill, or a sentence of its
description), where the posting is, what the person said and the languages they speak, and
whether the need is met. The first rows are the outside review's: a scooter licence was read as
covering a "heavy vehicle licence", a "three-wheeler licence" and "Must have own scooter".
"""

from __future__ import annotations

import pytest
import yaml

from matcher.credentials import (
    CREDENTIALS_FILE,
    LABELS,
    LANGUAGE,
    jurisdiction,
    read_held,
    read_requirements,
    unmet_sentence,
    verdict,
)

SITA = "I can drive scooter and I have license for it"  # ktm-01 in the demo
EXPIRED = "Counterbalance forklift licence (expired 2024, need refresher)"  # mcr-06
CARE = "I have my Care Certificate now through the support project"  # mcr-05

#: (need, a listed required skill?, jurisdiction, the person's phrases, their languages, met?)
PAIRS = [
    ("heavy vehicle licence", True, "nepal", [SITA], ["Nepali"], False),
    ("three-wheeler licence", True, "nepal", [SITA], ["Nepali"], False),
    ("Must have own scooter (fuel allowance given)", False, "nepal", [SITA], ["Nepali"], False),
    ("scooter licence", True, "nepal", [SITA], ["Nepali"], True),
    ("two-wheeler licence", True, "nepal", [SITA], ["Nepali"], True),
    ("motorcycle licence", True, "nepal", [SITA], ["Nepali"], False),
    ("Motorcycle licence required", False, "ethiopia", ["I have motorcycle licence"], [], True),
    ("scooter licence", True, "nepal", ["I have motorcycle licence (A)"], [], True),
    ("Heavy licence required", False, "nepal", ["Heavy licence (Nepal), 7 years driver in Saudi"], [], True),
    ("heavy vehicle licence", True, "nepal", ["Nepal driving licence for car and jeep"], [], False),
    ("driving licence B", True, "uk_eu", ["i have licence from slovakia (B)"], [], True),
    ("HGV class 2 licence", True, "uk_eu", ["want HGV licence"], [], False),
    ("HGV class 2 licence", True, "uk_eu", ["Driving licence (Ukrainian, exchanged to UK)"], [], False),
    ("HGV class 2 licence", True, "uk_eu", ["C licence for 6 years, rigid lorries"], [], True),
    ("automobile licence", True, "ethiopia", ["Truck driver, Level 4 (heavy) licence"], [], True),
    ("Level 3 licence", True, "ethiopia", ["Driving licence (automobile) since last year"], [], False),
    ("Level 3 licence", True, "ethiopia", ["Truck driver, Level 4 (heavy) licence"], [], True),
    ("C licence", True, "nepal", ["I have tempo licence since 2020"], [], True),  # Nepal's C: tempo
    ("C licence", True, "uk_eu", ["I have tempo licence since 2020"], [], False),  # the UK's C: a lorry
    ("Valid driving licence (category B) and 3 years' experience", False, "nepal",
     ["Nepal driving licence for car and jeep"], [], True),
    ("You need a full UK or EU driving licence (held 1 year)", False, "uk_eu",
     ["Also I know to drive (Colombian licence)"], [], True),
    ("reach truck licence", True, "uk_eu", ["Counterbalance forklift licence"], [], False),
    ("forklift licence", True, "uk_eu", ["Counterbalance forklift licence"], [], True),
    ("forklift licence", True, "uk_eu", [EXPIRED], [], False),
    ("Must have own scooter", False, "nepal", ["I have my own scooter"], [], True),
    ("own vehicle", True, "uk_eu", ["I have a car"], [], True),
    ("scooter licence", True, "nepal", ["I have my own scooter"], [], False),  # owning one is not a licence
    ("CSCS card", True, "uk_eu", ["I have CSCS card (green labourer)"], [], True),
    ("CSCS card", True, "uk_eu", ["first aid certificate"], [], False),
    ("Care Certificate", True, "uk_eu", [CARE], [], True),
    ("driver CPC", True, "uk_eu", ["C licence for 6 years, rigid lorries"], [], False),
    ("ANM certificate", True, "nepal", ["I did an 18-month auxiliary nurse midwife (ANM) course"], [], True),
    ("basic English", True, "nepal", ["cleaning big house"], ["Nepali", "Hindi"], False),
    ("basic English", True, "nepal", ["cleaning big house"], ["Nepali", "English"], True),
    ("writing in Nepali", True, "nepal", [], ["Nepali"], True),
    ("Spoken Amharic", True, "ethiopia", [], ["Afaan Oromo"], False),
    ("Good Afaan Oromo", True, "ethiopia", [], ["Oromo"], True),
    ("You must speak English", False, "uk_eu", ["I speak Spanish and English"], ["Spanish"], True),
]  # fmt: skip


@pytest.mark.parametrize(("need", "asked", "where", "said", "languages", "met"), PAIRS)
def test_a_requirement_is_met_only_by_the_same_kind(
    need: str, asked: bool, where: str, said: list[str], languages: list[str], met: bool
) -> None:
    requirements = read_requirements(need, asked, where)
    assert requirements, f"{need!r} should be read as a requirement"
    assert not any(r.offered for r in requirements)
    held = read_held(said, languages)
    assert all(verdict(r, held).met for r in requirements) is met, [verdict(r, held) for r in requirements]


#: Needs that name no credential, or offer one: matched by meaning as before, never "not met".
NOT_ASKED = [
    ("Nepali cuisine", True),
    ("food hygiene", True),  # a skill; a food hygiene certificate is asked for as one
    ("English typing", True),
    ("driving", True),
    ("counterbalance forklift", True),
    ("Drive our new electric cargo three-wheelers on short routes in the core city", False),
    ("Walk-in interview with your licence and citizenship certificate", False),
]
OFFERED = [
    "Training for the three-wheeler licence is paid by the company",
    "Deliver to shops and businesses across the North West in a 3.5-tonne van (no HGV licence needed)",
    "Good chance to learn driving with our licence sponsorship scheme",
    "We can fund a C licence for an experienced van driver after six months with us",
]


@pytest.mark.parametrize(("need", "asked"), NOT_ASKED)
def test_other_needs_are_not_credentials(need: str, asked: bool) -> None:
    assert read_requirements(need, asked, "uk_eu") == ()


@pytest.mark.parametrize("need", OFFERED)
def test_a_credential_the_job_offers_is_not_asked_for(need: str) -> None:
    found = read_requirements(need, False, "uk_eu")
    assert found and all(r.offered for r in found)


def test_two_requirements_in_one_sentence() -> None:
    found = read_requirements("C licence and CPC needed", False, "uk_eu")
    assert [(r.family, set(r.accepts)) for r in found] == [
        ("driving", {"heavy_truck"}),
        ("driver_cpc", {"driver_cpc"}),
    ]


@pytest.mark.parametrize(
    ("need", "said", "languages", "sentence"),
    [
        ("heavy vehicle licence", [SITA], [],
         "The job needs 'heavy vehicle licence' (a heavy vehicle licence); "
         f"you said '{SITA}' (a scooter licence), which does not meet it."),
        ("Must have own scooter (fuel allowance given)", [SITA], [],
         "The job needs 'Must have own scooter (fuel allowance given)' (your own scooter); "
         f"you said '{SITA}' (a scooter licence), which does not meet it."),
        ("three-wheeler licence", ["cleaning big house"], [],
         "The job needs 'three-wheeler licence' (a three-wheeler licence); you have not said you have it."),
        ("HGV class 2 licence", ["want HGV licence"], [],
         "The job needs 'HGV class 2 licence' (a heavy vehicle licence); "
         "you said 'want HGV licence', so you do not hold it yet."),
        ("forklift licence", [EXPIRED], [],
         f"The job needs 'forklift licence' (a forklift licence); you said '{EXPIRED}': "
         "it has expired, so it does not meet it until it is renewed."),
        ("basic English", [], ["Nepali", "Hindi"],
         "The job needs 'basic English'; your languages are Nepali, Hindi."),
        ("two-wheeler licence", [], [],
         "The job needs 'two-wheeler licence' (a two-wheeler (scooter or motorcycle) licence); "
         "you have not said you have it."),
    ],
)  # fmt: skip
def test_a_requirement_not_met_is_said_as_not_met(
    need: str, said: list[str], languages: list[str], sentence: str
) -> None:
    requirement = read_requirements(need, True, "uk_eu")[0]
    result = verdict(requirement, read_held(said, languages))
    assert not result.met
    assert unmet_sentence(need, requirement, result, languages) == sentence


def test_the_sentences_go_through_the_translator() -> None:
    requirement = read_requirements("heavy vehicle licence", True, "nepal")[0]
    result = verdict(requirement, read_held([SITA], []))
    words = {"a heavy vehicle licence": "un permis poids lourd", "a scooter licence": "un permis scooter"}
    said = unmet_sentence("heavy vehicle licence", requirement, result, [], lambda m: words.get(m, m))
    assert "(un permis poids lourd)" in said and "(un permis scooter)" in said and SITA in said


def test_every_kind_in_the_table_has_words_people_read_and_a_source() -> None:
    data = yaml.safe_load(CREDENTIALS_FILE.read_text(encoding="utf-8"))
    header = CREDENTIALS_FILE.read_text(encoding="utf-8").split("version:")[0]
    for source in ("2006/126/EC", "Department of Transport Management", "600/2008", "gov.uk"):
        assert source in header
    for family, spec in data["families"].items():
        named = set(spec.get("classes", {})) | set(spec.get("groups", {}))
        assert named <= set(LABELS[family]), f"{family}: {named - set(LABELS[family])} have no words"
        for table in spec.get("codes", {}).values():
            assert set(table.values()) <= set(spec["classes"]), f"{family}: a code names an unknown class"
    assert LANGUAGE not in data["families"]


def test_jurisdiction_by_currency() -> None:
    assert (jurisdiction("ETB"), jurisdiction("EUR"), jurisdiction(None)) == ("ethiopia", "uk_eu", None)
