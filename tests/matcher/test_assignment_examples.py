"""Worked examples: tie-breaking, own rankings, explanations, immutability and the CLI contract."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest
from click.testing import CliRunner

from cli import main
from matcher.assignment import (
    Assignment,
    AssignmentInstance,
    assign_greedy,
    assign_optimal,
    assign_stable,
    explain,
    from_arrays,
    from_records,
    from_score_matrix,
)
from matcher.exceptions import AssignmentError


def two_people_one_place(**kwargs: object) -> object:
    return from_records(
        [{"id": "ana"}, {"id": "ben"}],
        [{"id": "bakery", "capacity": 1}],
        [
            {"person": "ana", "placement": "bakery", "score": 0.5},
            {"person": "ben", "placement": "bakery", "score": 0.5},
        ],
        **kwargs,  # type: ignore[arg-type]
    )


def ben_second_to_the_bakery() -> AssignmentInstance:
    """Ana and Ben both want the bakery (one place), Ana more; Ben can also go to the garage."""
    return from_records(
        [{"id": "ana"}, {"id": "ben"}],
        [{"id": "bakery", "capacity": 1}, {"id": "garage", "capacity": 1}],
        [
            {"person": "ana", "placement": "bakery", "score": 0.9},
            {"person": "ben", "placement": "bakery", "score": 0.8},
            {"person": "ben", "placement": "garage", "score": 0.6},
        ],
    )


@pytest.mark.parametrize("method", [assign_stable, assign_greedy])
def test_equal_scores_go_to_the_person_listed_first(method: object) -> None:
    result = method(two_people_one_place())  # type: ignore[operator]
    assert [(p.person, p.placement) for p in result.pairs] == [("ana", "bakery")]


def test_optimal_picks_one_of_equal_optima_the_same_way_every_time() -> None:
    results = {
        tuple((p.person, p.placement) for p in assign_optimal(two_people_one_place()).pairs) for _ in range(5)
    }
    assert len(results) == 1 and len(next(iter(results))) == 1


def test_employer_ranking_overrides_scores_in_the_stable_method() -> None:
    result = assign_stable(two_people_one_place(placement_prefs={"bakery": ["ben", "ana"]}))
    assert [(p.person, p.placement) for p in result.pairs] == [("ben", "bakery")]


def test_person_ranking_overrides_scores_and_unlisted_placements_are_not_acceptable() -> None:
    inst = from_records(
        [{"id": "ana"}],
        [{"id": "bakery", "capacity": 1}, {"id": "garage", "capacity": 1}, {"id": "farm", "capacity": 1}],
        [
            {"person": "ana", "placement": "bakery", "score": 0.9},
            {"person": "ana", "placement": "garage", "score": 0.2},
            {"person": "ana", "placement": "farm", "score": 0.8},
        ],
        person_prefs={"ana": ["garage", "bakery"]},
    )
    assert assign_stable(inst).pairs[0].placement == "garage"
    # the optimal method respects the person's list too: farm (unlisted) is never proposed
    assert assign_optimal(inst).pairs[0].placement == "bakery"
    assert inst.eligible.tolist() == [True, True, False]  # pairs stored as bakery, garage, farm


def test_every_reason_is_explained() -> None:
    inst = from_records(
        [{"id": "ana"}, {"id": "ben"}, {"id": "cai", "opted_out": True}, {"id": "dee"}, {"id": "eve"}],
        [{"id": "bakery", "capacity": 1}, {"id": "garage", "capacity": 1}],
        [
            {"person": "ana", "placement": "bakery", "score": 0.9},
            {"person": "ben", "placement": "bakery", "score": 0.7},
            {"person": "cai", "placement": "bakery", "score": 0.95},
            {"person": "dee", "placement": "garage", "score": 0.1},
        ],
        min_score=0.3,
    )
    result = assign_stable(inst)
    reasons = {e.person: e.reason for e in result.explanations}
    assert reasons == {
        "ana": "assigned",
        "ben": "outranked",
        "cai": "opted_out",
        "dee": "below_min_score",
        "eve": "no_eligible_placement",
    }
    ben = result.explanations[1]
    assert ben.cutoffs[0].placement == "bakery"
    assert ben.cutoffs[0].lowest_admitted == pytest.approx(0.9)
    assert ben.cutoffs[0].your_score == pytest.approx(0.7)
    assert "ana" not in ben.message
    assert "minimum 0.300" in result.explanations[3].message
    assert result.unassigned == ("ben", "cai", "dee", "eve")


def test_assigned_person_sees_why_not_their_first_choice() -> None:
    inst = ben_second_to_the_bakery()
    ben = assign_stable(inst).explanations[1]
    assert (ben.reason, ben.placement, ben.choice) == ("assigned", "garage", 2)
    assert [(c.placement, c.lowest_admitted) for c in ben.cutoffs] == [("bakery", 0.9)]


def test_results_are_frozen_and_inputs_are_not_mutated() -> None:
    scores = np.array([0.4, 0.9, 0.3])
    person_index = np.array([0, 1, 1])
    inst = from_arrays(["ana", "ben"], ["bakery", "garage"], [1, 1], person_index, [0, 0, 1], scores)
    result = assign_optimal(inst)
    assert isinstance(result, Assignment)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.total_score = 0.0  # type: ignore[misc]
    assert scores.tolist() == [0.4, 0.9, 0.3] and person_index.tolist() == [0, 1, 1]
    # ben at the bakery alone (0.9) beats ana there plus ben at the garage (0.4 + 0.3)
    assert [(p.person, p.placement) for p in result.pairs] == [("ben", "bakery")]
    assert result.total_score == pytest.approx(0.9)


def test_zero_capacity_and_empty_instances() -> None:
    empty = from_records([], [], [])
    for method in (assign_optimal, assign_stable):
        result = method(empty)
        assert (result.pairs, result.unassigned, result.total_score) == ((), (), 0.0)
    closed = from_records(
        [{"id": "ana"}],
        [{"id": "bakery", "capacity": 0}],
        [{"person": "ana", "placement": "bakery", "score": 1}],
    )
    for method in (assign_optimal, assign_stable):
        explanation = method(closed).explanations[0]
        assert explanation.reason == "outranked"
        assert explanation.cutoffs[0].lowest_admitted is None


def test_cli_writes_exactly_the_contract() -> None:
    document = {
        "people": [{"id": 1}, {"id": 2}],
        "placements": [{"id": "x", "capacity": 1}, {"id": "y", "capacity": 1}],
        "scores": [
            {"person": 1, "placement": "x", "score": 0.9},
            {"person": 1, "placement": "y", "score": 0.8},
            {"person": 2, "placement": "x", "score": 0.85},
        ],
    }
    runner = CliRunner()
    optimal = json.loads(
        runner.invoke(main, ["assign", "--method", "optimal"], input=json.dumps(document)).output
    )
    assert optimal == {
        "assignment": [{"person": 1, "placement": "y"}, {"person": 2, "placement": "x"}],
        "total_score": pytest.approx(1.65),
        "unassigned": [],
        "blocking_pairs": [{"person": 1, "placement": "x"}],
    }
    stable = runner.invoke(main, ["assign", "--method", "stable", "--details"], input=json.dumps(document))
    assert stable.exit_code == 0
    data = json.loads(stable.output)
    assert data["assignment"] == [{"person": 1, "placement": "x"}]
    assert data["unassigned"] == [2] and data["blocking_pairs"] == []
    assert data["method"] == "stable" and data["greedy_total"] == pytest.approx(0.9)
    assert [e["reason"] for e in data["explanations"]] == ["assigned", "outranked"]


def test_cli_min_score_option_overrides_the_document() -> None:
    document = {
        "people": [{"id": "ana"}],
        "placements": [{"id": "x", "capacity": 1}],
        "scores": [{"person": "ana", "placement": "x", "score": 0.5}],
        "min_score": 0.1,
    }
    runner = CliRunner()
    kept = json.loads(runner.invoke(main, ["assign"], input=json.dumps(document)).output)
    dropped = json.loads(
        runner.invoke(main, ["assign", "--min-score", "0.6"], input=json.dumps(document)).output
    )
    assert kept["assignment"] == [{"person": "ana", "placement": "x"}]
    assert dropped["assignment"] == [] and dropped["unassigned"] == ["ana"]


def test_explain_any_pairs_matches_the_engine_and_rejects_bad_pairs() -> None:
    inst = ben_second_to_the_bakery()
    result = assign_stable(inst)
    again = explain(inst, [(p.person, p.placement) for p in result.pairs], "stable")
    assert again == result.explanations
    # after ben declines, ben is explained as unassigned with his placements' cut-offs
    declined = explain(inst, [("ana", "bakery")], "stable")
    assert declined[1].reason == "outranked"
    assert [c.placement for c in declined[1].cutoffs] == ["bakery", "garage"]


@pytest.mark.parametrize(
    ("pairs", "message"),
    [
        ([("ana", "garage")], "person 'ana' and placement 'garage' are not an eligible pair"),
        ([("ana", "bakery"), ("ana", "bakery")], "person 'ana' appears twice"),
        ([("ana", "bakery"), ("ben", "bakery")], "placement 'bakery' is over its capacity of 1"),
    ],
)
def test_explain_rejects_impossible_pairs(pairs: list[tuple[str, str]], message: str) -> None:
    inst = from_records(
        [{"id": "ana"}, {"id": "ben"}],
        [{"id": "bakery", "capacity": 1}, {"id": "garage", "capacity": 1}],
        [
            {"person": "ana", "placement": "bakery", "score": 0.9},
            {"person": "ben", "placement": "bakery", "score": 0.8},
        ],
    )
    with pytest.raises(AssignmentError, match=message):
        explain(inst, pairs)


def test_score_matrix_keeps_each_persons_top_k_and_drops_nan() -> None:
    matrix = np.array([[0.9, 0.2, np.nan, 0.4], [0.5, 0.7, 0.1, 0.7]])
    inst = from_score_matrix(["ana", "ben"], ["w", "x", "y", "z"], [1, 1, 1, 1], matrix, top_k=2)
    kept = {
        (inst.people[p], inst.placements[h])
        for p, h in zip(inst.pair_person, inst.pair_placement, strict=True)
    }
    assert kept == {("ana", "w"), ("ana", "z"), ("ben", "x"), ("ben", "z")}  # ben's tie: x listed before z
    full = from_score_matrix(["ana", "ben"], ["w", "x", "y", "z"], [1, 1, 1, 1], matrix)
    assert len(full.pair_score) == 7  # every non-NaN entry
    assert assign_optimal(full).total_score == pytest.approx(0.9 + 0.7)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"scores": [[0.5]]}, "scores must be a 2 x 2 matrix"),
        ({"top_k": 0}, "top_k must be a whole number >= 1"),
        ({"scores": [[0.5, -0.2], [0.1, 0.3]]}, "must be finite and >= 0"),
    ],
)
def test_score_matrix_names_the_problem(changes: dict[str, object], message: str) -> None:
    arguments: dict[str, object] = {
        "people": ["ana", "ben"],
        "placements": ["x", "y"],
        "capacities": [1, 1],
        "scores": [[0.5, 0.2], [0.1, 0.3]],
    }
    arguments.update(changes)
    with pytest.raises(AssignmentError, match=message):
        from_score_matrix(**arguments)  # type: ignore[arg-type]
