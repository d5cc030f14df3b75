"""ESCO loading: both skills_en.csv formats, extra labels, and errors a person can act on."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from matcher.esco import EscoTaxonomy, Occupation, Skill, load_esco, split_labels, synthetic_skill_uri
from matcher.exceptions import EscoDataError

OCCUPATIONS = [
    {
        "conceptType": "Occupation",
        "conceptUri": "u:occ/cook",
        "iscoGroup": "5120",
        "preferredLabel": "cook",
        "altLabels": "chef\nline cook",
        "description": "Cooks prepare food.",
    },
    {
        "conceptType": "Occupation",
        "conceptUri": "u:occ/officer",
        "iscoGroup": "0110",
        "preferredLabel": "army officer",
        "altLabels": "",
        "description": "Officers lead soldiers.",
    },
]
ISCO = [
    {"code": "5120", "preferredLabel": "Cooks"},
    {"code": "0110", "preferredLabel": "Commissioned armed forces officers"},
    {"code": "5", "preferredLabel": "Service and sales workers"},
]
SKILLS_OFFICIAL = [
    {
        "conceptUri": "u:skill/bake",
        "skillType": "skill/competence",
        "preferredLabel": "bake goods",
        "altLabels": "bake bread\nbaking",
        "description": "Bake bread and pastry.",
    },
    {
        "conceptUri": "u:skill/forklift",
        "skillType": "skill/competence",
        "preferredLabel": "operate forklift",
        "altLabels": "",
        "description": "Drive a forklift truck.",
    },
]
SKILLS_TEXT = [
    {
        "conceptUri": "u:skill/bake",
        "preferredLabel": "bake goods",
        "text": "bake bread Bake bread and pastry.",
    },
    {"conceptUri": "u:skill/forklift", "preferredLabel": "operate forklift", "text": "Drive a forklift."},
]


def write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def make_esco(folder: Path, skills: list[dict[str, str]] = SKILLS_OFFICIAL) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(folder / "occupations_en.csv", OCCUPATIONS)
    write_csv(folder / "ISCOGroups_en.csv", ISCO)
    write_csv(folder / "skills_en.csv", skills)
    return folder


def test_official_format_keeps_alt_labels_description_and_type(tmp_path: Path) -> None:
    esco = load_esco(make_esco(tmp_path))
    bake = esco.skill("u:skill/bake")
    assert bake.alt_labels == ("bake bread", "baking")
    assert bake.description == "Bake bread and pastry."
    assert bake.skill_type == "skill/competence"
    cook = esco.occupation("u:occ/cook")
    assert cook.alt_labels == ("chef", "line cook") and cook.isco_group == "5120"


def test_text_column_format_becomes_the_description(tmp_path: Path) -> None:
    esco = load_esco(make_esco(tmp_path, SKILLS_TEXT))
    bake = esco.skill("u:skill/bake")
    assert bake.alt_labels == ()
    assert bake.description == "bake bread Bake bread and pastry."


def test_isco_codes_keep_leading_zeros_and_all_levels(tmp_path: Path) -> None:
    esco = load_esco(make_esco(tmp_path))
    assert esco.occupation("u:occ/officer").isco_group == "0110"
    assert esco.isco_groups["0110"] == "Commissioned armed forces officers"
    assert esco.isco_label("5") == "Service and sales workers"
    assert esco.isco_label("9999") == ""


@pytest.mark.parametrize(
    ("missing_file", "named"),
    [
        ("occupations_en.csv", "occupations_en.csv"),
        ("skills_en.csv", "skills_en.csv"),
        ("ISCOGroups_en.csv", "ISCOGroups_en.csv"),
    ],
)
def test_missing_file_is_named(tmp_path: Path, missing_file: str, named: str) -> None:
    folder = make_esco(tmp_path)
    (folder / missing_file).unlink()
    with pytest.raises(EscoDataError, match=named):
        load_esco(folder)


@pytest.mark.parametrize(
    ("file", "rows", "column"),
    [
        ("occupations_en.csv", [{k: v for k, v in OCCUPATIONS[0].items() if k != "iscoGroup"}], "iscoGroup"),
        (
            "occupations_en.csv",
            [{k: v for k, v in OCCUPATIONS[0].items() if k != "conceptUri"}],
            "conceptUri",
        ),
        ("skills_en.csv", [{"conceptUri": "u:s", "text": "x"}], "preferredLabel"),
        ("skills_en.csv", [{"conceptUri": "u:s", "preferredLabel": "x"}], "text"),
        ("ISCOGroups_en.csv", [{"code": "5"}], "preferredLabel"),
    ],
)
def test_missing_column_is_named(tmp_path: Path, file: str, rows: list[dict[str, str]], column: str) -> None:
    folder = make_esco(tmp_path)
    write_csv(folder / file, rows)
    with pytest.raises(EscoDataError, match=column):
        load_esco(folder)


def test_missing_folder_says_where_to_get_esco(tmp_path: Path) -> None:
    with pytest.raises(EscoDataError, match="ESCO portal"):
        load_esco(tmp_path / "nowhere")


def test_extra_labels_add_only_unknown_labels_with_stable_uris(tmp_path: Path) -> None:
    folder = make_esco(tmp_path / "esco")
    extra = tmp_path / "labels.txt"
    extra.write_text("bake goods\nmilk cows\n\nmilk cows\n", encoding="utf-8")
    esco = load_esco(folder, extra_skill_labels=extra)
    labels = [s.label for s in esco.skills]
    assert labels.count("bake goods") == 1 and labels.count("milk cows") == 1
    milk = next(s for s in esco.skills if s.label == "milk cows")
    assert milk.uri == synthetic_skill_uri("milk cows")
    assert load_esco(folder, extra_skill_labels=extra).skills == esco.skills


def test_extra_label_known_to_a_collection_gets_its_real_uri(tmp_path: Path) -> None:
    folder = make_esco(tmp_path / "esco")
    write_csv(
        folder / "transversalSkillsCollection_en.csv",
        [
            {
                "conceptUri": "u:skill/advise",
                "skillType": "skill/competence",
                "preferredLabel": "give advice to others",
                "altLabels": "counsel others | guide",
                "description": "Offer suggestions.",
            }
        ],
    )
    (folder / "skill_labels_en_v1.1.0.txt").write_text("give advice to others\n", encoding="utf-8")
    advise = load_esco(folder).skill("u:skill/advise")
    assert advise.alt_labels == ("counsel others", "guide")
    assert advise.skill_type == "skill/competence"


def test_missing_extra_labels_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(EscoDataError, match="extra skill labels"):
        load_esco(make_esco(tmp_path / "esco"), extra_skill_labels=tmp_path / "absent.txt")


def test_unknown_uri_raises_key_error() -> None:
    esco = EscoTaxonomy((Occupation("u:a", "a", "1"),), (Skill("u:s", "s"),), {})
    with pytest.raises(KeyError, match="u:zzz"):
        esco.occupation("u:zzz")
    with pytest.raises(KeyError, match="u:zzz"):
        esco.skill("u:zzz")


@pytest.mark.parametrize(
    ("cell", "labels"),
    [("a\nb", ("a", "b")), ("a | b", ("a", "b")), (" a \n\n a ", ("a",)), ("", ())],
)
def test_split_labels(cell: str, labels: tuple[str, ...]) -> None:
    assert split_labels(cell) == labels


@pytest.mark.esco
def test_reference_copy_covers_every_v110_skill_label(esco_dir: Path) -> None:
    esco = load_esco(esco_dir)
    wanted = {line.strip() for line in (esco_dir / "skill_labels_en_v1.1.0.txt").read_text().splitlines()}
    assert wanted - {line for line in wanted if not line} <= {s.label for s in esco.skills}
    assert len(esco.occupations) == 2942
    assert all(len(o.isco_group) == 4 for o in esco.occupations)
