"""The ``pathways screen`` contract: JSON lines in, one verdict a line out, bad lines named."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from cli import main

GOOD = [
    {
        "id": "v1",
        "title": "Factory operator",
        "employer": "Sinar Moulding",
        "location": "Johor",
        "wage": "MYR 1,700 per month",
        "description": "We keep your passport safe. Free accommodation.",
    },
    {
        "id": "v2",
        "title": "Cleaner",
        "employer": "City Council",
        "location": "Leeds",
        "wage": 12.21,
        "description": "Evening cleaning, no fees, you keep your documents.",
    },
]


def _lines(records: list[Any]) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


def _run(stdin: str, *args: str, obj: Any = None) -> Any:
    return CliRunner().invoke(main, ["screen", *args], input=stdin, obj=obj)


def test_writes_one_verdict_per_vacancy_in_order() -> None:
    result = _run(_lines(GOOD), "--patterns-only")
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [o["id"] for o in out] == ["v1", "v2"]
    for o in out:
        assert set(o) == {"id", "flagged", "score", "flags"}
        assert isinstance(o["flagged"], bool) and 0.0 <= o["score"] <= 1.0
        for flag in o["flags"]:
            assert set(flag) == {"indicator", "severity", "evidence"}
    assert out[0]["flagged"] and out[0]["flags"][0]["evidence"] == "We keep your passport safe."
    assert not out[1]["flagged"] and out[1]["flags"] == []


@pytest.mark.model
def test_semantic_run_with_the_shared_encoder(encoder: Any) -> None:
    result = _run(_lines(GOOD), obj={"encoder": encoder})
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["flagged"] for line in result.output.splitlines()] == [True, False]


def test_explain_adds_details() -> None:
    result = _run(_lines(GOOD[:1]), "--patterns-only", "--explain")
    flag = json.loads(result.output)["flags"][0]
    assert flag["name"] == "Retention of identity documents" and flag["source"] == "pattern"
    assert {"fixable", "fix_hint", "start", "end", "field", "trigger", "confidence"} <= set(flag)


def test_reference_wage_is_read() -> None:
    record = GOOD[1] | {"wage": "GBP 40 per hour", "reference_wage": "GBP 12 per hour"}
    out = json.loads(_run(_lines([record]), "--patterns-only").output)
    assert [f["indicator"] for f in out["flags"]] == ["too_good_to_be_true"]


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        (_lines(GOOD[:1]) + "{not json\n", "line 2: not valid JSON"),
        (_lines(GOOD[:1]) + "\n" + '["a list"]\n', "line 3"),
        ('{"title": "no id"}\n', "line 1 has no 'id'"),
        ('{"id": "x", "description": 5.5, "wage": [1]}\n', "line 1: field 'wage'"),
        (_lines([GOOD[0], GOOD[0]]), "line 2: id 'v1' was already used on line 1"),
    ],
)
def test_malformed_line_stops_with_its_number(stdin: str, message: str) -> None:
    result = _run(stdin, "--patterns-only")
    assert result.exit_code != 0
    assert message in result.output
    assert '"flagged"' not in result.output


def test_empty_input_writes_nothing() -> None:
    result = _run("\n\n", "--patterns-only")
    assert result.exit_code == 0 and result.output == ""
