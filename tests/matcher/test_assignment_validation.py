"""Bad assignment instances stop with a message naming the problem (library and CLI)."""

from __future__ import annotations

import copy
import json
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner

from cli import main
from matcher.assignment import from_arrays, from_records
from matcher.exceptions import AssignmentError, InputError

PEOPLE = [{"id": "ana"}, {"id": "ben"}]
PLACEMENTS = [{"id": "bakery", "capacity": 1}, {"id": "garage", "capacity": 2}]
SCORES = [
    {"person": "ana", "placement": "bakery", "score": 0.9},
    {"person": "ben", "placement": "garage", "score": 0.5},
]


def instance(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"people": PEOPLE, "placements": PLACEMENTS, "scores": SCORES}
    data = copy.deepcopy(data)
    data.update(changes)
    return data


BAD = [
    (
        "unknown person",
        instance(scores=[{"person": "zoe", "placement": "bakery", "score": 1}]),
        "scores[0]: unknown person 'zoe'",
    ),
    (
        "unknown placement",
        instance(scores=[*SCORES, {"person": "ana", "placement": "farm", "score": 1}]),
        "scores[2]: unknown placement 'farm'",
    ),
    (
        "negative capacity",
        instance(placements=[{"id": "bakery", "capacity": -1}, PLACEMENTS[1]]),
        "placement 'bakery': capacity must be a whole number of places >= 0, got -1",
    ),
    (
        "fractional capacity",
        instance(placements=[{"id": "bakery", "capacity": 1.5}, PLACEMENTS[1]]),
        "placement 'bakery': capacity must be a whole number",
    ),
    (
        "boolean capacity",
        instance(placements=[{"id": "bakery", "capacity": True}, PLACEMENTS[1]]),
        "placement 'bakery': capacity must be a whole number",
    ),
    ("missing capacity", instance(placements=[{"id": "bakery"}]), "placements[0] has no 'capacity'"),
    (
        "duplicate pair",
        instance(scores=[*SCORES, {"person": "ana", "placement": "bakery", "score": 0.1}]),
        "duplicate pair: person 'ana' and placement 'bakery' are scored twice",
    ),
    ("duplicate person", instance(people=[{"id": "ana"}, {"id": "ana"}]), "people[1]: duplicate id 'ana'"),
    (
        "duplicate placement",
        instance(placements=[*PLACEMENTS, {"id": "garage", "capacity": 1}]),
        "placements[2]: duplicate id 'garage'",
    ),
    ("missing id", instance(people=[{"name": "ana"}]), "people[0] has no 'id'"),
    ("person not an object", instance(people=["ana"]), "people[0] must be an object"),
    ("float id", instance(people=[{"id": 1.5}]), "people[0]: id must be a string or an integer"),
    ("people not a list", instance(people={"id": "ana"}), "'people' must be a list"),
    (
        "opted_out not a flag",
        instance(people=[{"id": "ana", "opted_out": "yes"}, {"id": "ben"}]),
        "people[0].opted_out must be true or false",
    ),
    (
        "score is text",
        instance(scores=[{"person": "ana", "placement": "bakery", "score": "0.9"}]),
        "scores[0]: score must be a number, got '0.9'",
    ),
    (
        "score is a flag",
        instance(scores=[{"person": "ana", "placement": "bakery", "score": True}]),
        "scores[0]: score must be a number",
    ),
    (
        "negative score",
        instance(scores=[{"person": "ana", "placement": "bakery", "score": -0.1}]),
        "scores[0]: score must be a finite number >= 0, got -0.1",
    ),
    (
        "NaN score",
        instance(scores=[{"person": "ana", "placement": "bakery", "score": float("nan")}]),
        "scores[0]: score must be a finite number >= 0",
    ),
    (
        "score missing",
        instance(scores=[{"person": "ana", "placement": "bakery"}]),
        "scores[0] has no 'score'",
    ),
    (
        "person pref names an unscored pair",
        instance(person_prefs={"ana": ["bakery", "garage"]}),
        "person_prefs['ana'] names placement 'garage', but that pair has no score",
    ),
    (
        "placement pref names an unscored pair",
        instance(placement_prefs={"bakery": ["ben"]}),
        "placement_prefs['bakery'] names person 'ben', but that pair has no score",
    ),
    (
        "person pref for unknown person",
        instance(person_prefs={"zoe": ["bakery"]}),
        "person_prefs: unknown person 'zoe'",
    ),
    (
        "person pref names unknown placement",
        instance(person_prefs={"ana": ["farm"]}),
        "person_prefs['ana'][0]: unknown placement 'farm'",
    ),
    (
        "person pref lists a placement twice",
        instance(person_prefs={"ana": ["bakery", "bakery"]}),
        "person_prefs['ana'] lists placement 'bakery' twice",
    ),
    (
        "person pref not a list",
        instance(person_prefs={"ana": "bakery"}),
        "person_prefs['ana'] must be a list of placement ids",
    ),
    (
        "score record not an object",
        instance(scores=[*SCORES, ["ana", "garage", 0.4]]),
        "scores[2] must be an object",
    ),
    (
        "pref holds a list",
        instance(person_prefs={"ana": [["bakery"]]}),
        "person_prefs['ana'][0]: unknown placement ['bakery']",
    ),
    (
        "integer where ids are text",
        instance(scores=[{"person": "ana", "placement": 1, "score": 0.5}]),
        "scores[0]: unknown placement 1",
    ),
    ("min score not a number", instance(min_score="high"), "min_score must be a finite number"),
]


@pytest.mark.parametrize(("case", "data", "message"), BAD, ids=[case for case, _, _ in BAD])
def test_from_records_names_the_problem(case: str, data: dict[str, Any], message: str) -> None:
    with pytest.raises(AssignmentError) as info:
        from_records(
            data["people"],
            data["placements"],
            data["scores"],
            person_prefs=data.get("person_prefs"),
            placement_prefs=data.get("placement_prefs"),
            min_score=data.get("min_score"),
        )
    assert message in str(info.value)
    assert isinstance(info.value, InputError)


@pytest.mark.parametrize(("case", "data", "message"), BAD, ids=[case for case, _, _ in BAD])
def test_cli_stops_with_the_message(case: str, data: dict[str, Any], message: str) -> None:
    result = CliRunner().invoke(main, ["assign", "--method", "stable"], input=json.dumps(data))
    assert result.exit_code != 0
    assert message in result.output


CLI_BAD = [
    ("malformed JSON", '{"people": [', "input is not valid JSON: line 1"),
    ("not an object", "[1, 2]", "input must be a JSON object"),
    ("unknown key", json.dumps(instance(people_prefs={})), "unknown key(s) ['people_prefs']"),
    ("missing key", json.dumps({"people": [], "placements": []}), "missing key(s) ['scores']"),
    (
        "prefs not an object",
        json.dumps(instance(person_prefs=[["bakery"]])),
        "'person_prefs' must be an object",
    ),
]


@pytest.mark.parametrize(("case", "text", "message"), CLI_BAD, ids=[case for case, _, _ in CLI_BAD])
def test_cli_rejects_bad_documents(case: str, text: str, message: str) -> None:
    result = CliRunner().invoke(main, ["assign"], input=text)
    assert result.exit_code != 0
    assert message in result.output


ARRAY_BAD = [
    ("index out of range", dict(person_index=[0, 5]), "person_index must hold positions 0..1"),
    ("lengths differ", dict(scores=[0.5]), "must be 1-D arrays of the same length"),
    ("capacities count", dict(capacities=[1]), "1 capacities given for 2 placements"),
    ("opted out unknown", dict(opted_out=["zoe"]), "opted_out: unknown person 'zoe'"),
    ("infinite score", dict(scores=[0.5, np.inf]), "must be finite and >= 0"),
]


@pytest.mark.parametrize(("case", "changes", "message"), ARRAY_BAD, ids=[case for case, _, _ in ARRAY_BAD])
def test_from_arrays_names_the_problem(case: str, changes: dict[str, Any], message: str) -> None:
    arguments: dict[str, Any] = dict(
        people=["ana", "ben"],
        placements=["bakery", "garage"],
        capacities=[1, 1],
        person_index=[0, 1],
        placement_index=[0, 1],
        scores=[0.5, 0.7],
    )
    arguments.update(changes)
    with pytest.raises(AssignmentError) as info:
        from_arrays(**arguments)
    assert message in str(info.value)


def test_integer_ids_with_string_keys_in_prefs() -> None:
    # JSON object keys are always strings; integer ids must still be found.
    inst = from_records(
        [{"id": 1}, {"id": 2}],
        [{"id": 10, "capacity": 1}],
        [{"person": 1, "placement": 10, "score": 0.2}, {"person": 2, "placement": 10, "score": 0.9}],
        placement_prefs={"10": [1, 2]},
    )
    assert inst.placement_rank.tolist() == [0, 1]


def test_valid_instance_accepted_and_inputs_untouched() -> None:
    data = instance(person_prefs={"ana": ["bakery"]}, placement_prefs={"garage": ["ben"]})
    before = copy.deepcopy(data)
    inst = from_records(
        data["people"],
        data["placements"],
        data["scores"],
        person_prefs=data["person_prefs"],
        placement_prefs=data["placement_prefs"],
    )
    assert data == before
    assert inst.eligible.tolist() == [True, True]
    with pytest.raises(ValueError):
        inst.pair_score[0] = 5.0  # read-only arrays: an instance cannot be changed after validation
