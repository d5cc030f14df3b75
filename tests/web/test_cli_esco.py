"""The ``pathways normalize`` and ``pathways skills`` contracts, on a tiny ESCO folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main

OCCUPATIONS_CSV = """conceptUri,iscoGroup,preferredLabel,altLabels,description
u:occ/cook,5120,cook,"chef
line cook",Cooks prepare food.
u:occ/officer,0110,army officer,,Officers lead soldiers.
"""
SKILLS_CSV = """conceptUri,preferredLabel,altLabels,description
u:skill/bake,bake goods,"bake bread
baking",Bake bread and pastry.
u:skill/forklift,operate forklift,,Drive a forklift truck.
u:skill/sew,sew garments,sewing,Sew clothes.
"""
ISCO_CSV = "code,preferredLabel\n5120,Cooks\n0110,Commissioned armed forces officers\n"


@pytest.fixture(scope="module")
def esco_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("esco")
    (folder / "occupations_en.csv").write_text(OCCUPATIONS_CSV, encoding="utf-8")
    (folder / "skills_en.csv").write_text(SKILLS_CSV, encoding="utf-8")
    (folder / "ISCOGroups_en.csv").write_text(ISCO_CSV, encoding="utf-8")
    return folder


def invoke(encoder: object, args: list[str], stdin: str | bytes) -> object:
    return CliRunner().invoke(main, args, input=stdin, obj={"encoder": encoder})


@pytest.mark.model
def test_normalize_writes_one_json_line_per_title_best_first(encoder: object, esco_folder: Path) -> None:
    result = invoke(
        encoder, ["normalize", "--esco", str(esco_folder), "--top", "2"], "Head Chef\n\n  \nArmy officer\n"
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["query"] for line in lines] == ["Head Chef", "Army officer"]
    first = lines[0]["matches"]
    assert len(first) == 2 and set(first[0]) == {"uri", "label", "isco", "score"}
    assert first[0] == {"uri": "u:occ/cook", "label": "cook", "isco": "5120", "score": first[0]["score"]}
    assert first[0]["score"] >= first[1]["score"]
    assert lines[1]["matches"][0]["isco"] == "0110"


@pytest.mark.model
def test_skills_writes_one_json_line_per_sentence_best_first(encoder: object, esco_folder: Path) -> None:
    result = invoke(
        encoder,
        ["skills", "--esco", str(esco_folder), "--top", "2", "--head", "none"],
        "I can drive a forklift truck\n\nwe bake bread daily\n",
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["text"] for line in lines] == ["I can drive a forklift truck", "we bake bread daily"]
    assert [line["skills"][0]["uri"] for line in lines] == ["u:skill/forklift", "u:skill/bake"]
    assert set(lines[0]["skills"][0]) == {"uri", "label", "score"}
    assert lines[0]["skills"][0]["score"] >= lines[0]["skills"][1]["score"]


@pytest.mark.parametrize("command", ["normalize", "skills"])
@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        (b"cook\n\xff\xfe bad\n", "line 2: not UTF-8"),
        (b"cook\n\nbaker\x00\n", "line 3: contains control characters"),
        (b"x" * 5000 + b"\n", "line 1: 5000 characters"),
    ],
)
def test_malformed_input_stops_naming_the_line(
    encoder: object, esco_folder: Path, command: str, stdin: bytes, message: str
) -> None:
    result = invoke(encoder, [command, "--esco", str(esco_folder)], stdin)
    assert result.exit_code != 0
    assert message in result.output
    assert "{" not in result.output


@pytest.mark.parametrize("command", ["normalize", "skills"])
def test_bad_esco_folder_is_a_clear_error(encoder: object, tmp_path: Path, command: str) -> None:
    result = invoke(encoder, [command, "--esco", str(tmp_path)], "cook\n")
    assert result.exit_code != 0
    assert "occupations_en.csv" in result.output


@pytest.mark.parametrize("command", ["normalize", "skills"])
def test_empty_input_writes_nothing(encoder: object, esco_folder: Path, command: str) -> None:
    result = invoke(encoder, [command, "--esco", str(esco_folder)], "\n\n")
    assert result.exit_code == 0 and result.output == ""
