"""ESCO in any language: one or several languages at once, v1.0 and v1.1 column sets, shared URIs."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from matcher.esco import esco_folders, folder_languages, load_esco
from matcher.exceptions import EscoDataError

# ESCO v1.1 portal columns (occupations carry code, hiddenLabels, status...; ISCO groups inScheme).
V11_OCCUPATION_COLUMNS = [
    "conceptType", "conceptUri", "iscoGroup", "preferredLabel", "altLabels", "hiddenLabels", "status",
    "modifiedDate", "regulatedProfessionNote", "scopeNote", "definition", "inScheme", "description", "code",
]  # fmt: skip
# ESCO v1.0 as in the official Spanish and French files: a smaller set.
V10_OCCUPATION_COLUMNS = [
    "conceptType",
    "conceptUri",
    "iscoGroup",
    "preferredLabel",
    "altLabels",
    "description",
]
V10_SKILL_COLUMNS = [
    "conceptType",
    "conceptUri",
    "skillType",
    "reuseLevel",
    "preferredLabel",
    "altLabels",
    "description",
]

COOK, SEAMSTRESS, GUARD = (
    "http://data.europa.eu/esco/occupation/c",
    "http://data.europa.eu/esco/occupation/s",
    "u:g",
)
SEW = "http://data.europa.eu/esco/skill/sew"

LABELS = {
    "en": {
        "occupations": [
            (COOK, "5120", "cook", "chef\nline cook"),
            (SEAMSTRESS, "7533", "sewing machinist", "seamstress"),
        ],
        "skills": [(SEW, "sew textile pieces", "sew garments")],
        "isco": [("5120", "Cooks"), ("7533", "Sewing machine operators")],
    },
    "es": {
        "occupations": [
            (COOK, "5120", "cocinero/cocinera", "cocinero\ncocinera"),
            (SEAMSTRESS, "7533", "maquinista de confección", "costurera\ncosturero"),
            (GUARD, "5414", "vigilante de seguridad", "guardia de seguridad"),
        ],
        "skills": [(SEW, "coser piezas textiles", "coser prendas")],
        "isco": [("5120", "Cocineros"), ("7533", "Operadores de máquinas de coser"), ("5414", "Guardias")],
    },
    "fr": {
        "occupations": [(COOK, "5120", "cuisinier/cuisinière", "cuisinier\ncuisinière")],
        "skills": [(SEW, "coudre des pièces textiles", "")],
        "isco": [("5120", "Cuisiniers")],
    },
}  # fmt: skip


def _write(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in columns})


def write_language(folder: Path, language: str, version: str = "v1.0") -> Path:
    """Write one language's three ESCO files, with the column set of ``version``."""
    folder.mkdir(parents=True, exist_ok=True)
    data = LABELS[language]
    occupations = [
        {"conceptType": "Occupation", "conceptUri": u, "iscoGroup": g, "preferredLabel": p, "altLabels": a,
         "description": f"{p}.", "status": "released", "code": f"{g}.1"}
        for u, g, p, a in data["occupations"]
    ]  # fmt: skip
    skills = [
        {"conceptType": "KnowledgeSkillCompetence", "conceptUri": u, "skillType": "skill/competence",
         "reuseLevel": "sector-specific", "preferredLabel": p, "altLabels": a, "description": f"{p}."}
        for u, p, a in data["skills"]
    ]  # fmt: skip
    isco = [
        {"conceptType": "ISCOGroup", "conceptUri": f"u:isco/C{c}", "code": c, "preferredLabel": p}
        for c, p in data["isco"]
    ]
    occupation_columns = V11_OCCUPATION_COLUMNS if version == "v1.1" else V10_OCCUPATION_COLUMNS
    _write(folder / f"occupations_{language}.csv", occupation_columns, occupations)
    _write(folder / f"skills_{language}.csv", V10_SKILL_COLUMNS, skills)
    _write(
        folder / f"ISCOGroups_{language}.csv",
        ["conceptType", "conceptUri", "code", "preferredLabel", "altLabels"],
        isco,
    )
    return folder


def test_two_folders_ground_every_language_to_the_same_uris(tmp_path: Path) -> None:
    en = write_language(tmp_path / "en", "en", "v1.1")
    es = write_language(tmp_path / "es", "es", "v1.0")
    esco = load_esco([en, es])
    assert esco.languages == ("en", "es")
    cook = esco.occupation(COOK)
    assert cook.label == "cook" and cook.language == "en"
    assert [(x.language, x.label) for x in cook.labels_by_language()] == [
        ("en", "cook"),
        ("es", "cocinero/cocinera"),
    ]
    assert cook.label_in("es") == "cocinero/cocinera" and cook.label_in("fr") == "cook"
    sew = esco.skill(SEW)
    assert sew.translations[0].alt_labels == ("coser prendas",)
    assert esco.isco_label("7533") == "Sewing machine operators"
    assert esco.isco_translations["es"]["7533"] == "Operadores de máquinas de coser"


def test_folders_joined_by_pathsep_as_in_esco_dir(tmp_path: Path) -> None:
    en = write_language(tmp_path / "en", "en")
    fr = write_language(tmp_path / "fr", "fr")
    esco = load_esco(f"{en}{os.pathsep}{fr}")
    assert esco.languages == ("en", "fr")
    assert esco.occupation(COOK).label_in("fr") == "cuisinier/cuisinière"


def test_one_folder_holding_several_languages(tmp_path: Path) -> None:
    folder = tmp_path / "esco"
    for language in ("fr", "es", "en"):
        write_language(folder, language)
    assert folder_languages(folder) == ("en", "es", "fr")
    esco = load_esco(folder)
    assert esco.languages == ("en", "es", "fr")
    assert [x.language for x in esco.occupation(COOK).labels_by_language()] == ["en", "es", "fr"]


def test_a_concept_only_another_language_has_joins_in_that_language(tmp_path: Path) -> None:
    esco = load_esco([write_language(tmp_path / "en", "en"), write_language(tmp_path / "es", "es")])
    guard = esco.occupation(GUARD)
    assert guard.language == "es" and guard.label == "vigilante de seguridad" and guard.isco_group == "5414"
    assert esco.isco_label("5414") == "Guardias"  # no English name: the Spanish one


def test_a_spanish_download_alone_is_a_whole_taxonomy(tmp_path: Path) -> None:
    esco = load_esco(write_language(tmp_path / "es", "es"))
    assert esco.languages == ("es",)
    assert esco.occupation(SEAMSTRESS).alt_labels == ("costurera", "costurero")
    assert esco.isco_label("5120") == "Cocineros"


def test_languages_choose_and_order(tmp_path: Path) -> None:
    folder = tmp_path / "esco"
    for language in ("en", "es", "fr"):
        write_language(folder, language)
    esco = load_esco(folder, languages=["fr", "en"])
    assert esco.languages == ("fr", "en")
    assert esco.occupation(COOK).label == "cuisinier/cuisinière"
    with pytest.raises(EscoDataError, match="'de'|de"):
        load_esco(folder, languages=["de"])


def test_v10_and_v11_column_sets_read_the_same(tmp_path: Path) -> None:
    old = load_esco(write_language(tmp_path / "v10", "en", "v1.0"))
    new = load_esco(write_language(tmp_path / "v11", "en", "v1.1"))
    assert old.occupations == new.occupations and old.skills == new.skills


def test_a_language_in_two_folders_is_refused(tmp_path: Path) -> None:
    one = write_language(tmp_path / "one", "es")
    two = write_language(tmp_path / "two", "es")
    with pytest.raises(EscoDataError, match="two folders"):
        load_esco([one, two])


def test_a_missing_file_of_one_language_is_named(tmp_path: Path) -> None:
    en = write_language(tmp_path / "en", "en")
    es = write_language(tmp_path / "es", "es")
    (es / "skills_es.csv").unlink()
    with pytest.raises(EscoDataError, match="skills_es.csv"):
        load_esco([en, es])


def test_a_folder_without_occupations_says_what_it_needs(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(EscoDataError, match="occupations_en.csv"):
        load_esco(tmp_path / "empty")


def test_esco_folders_forms() -> None:
    assert esco_folders(Path("/a")) == [Path("/a")]
    assert esco_folders(f"/a{os.pathsep}/b{os.pathsep}") == [Path("/a"), Path("/b")]
    assert esco_folders(["/a", Path("/b"), "/a"]) == [Path("/a"), Path("/b")]


@pytest.mark.esco
def test_reference_spanish_and_french_ground_to_the_english_uris(esco_dir: Path) -> None:
    shared = esco_dir.parent
    if not (shared / "esco-es").is_dir() or not (shared / "esco-fr").is_dir():
        pytest.skip("the Spanish and French ESCO copies are not beside the checkout")
    esco = load_esco([esco_dir, shared / "esco-es", shared / "esco-fr"])
    assert esco.languages == ("en", "es", "fr")
    translated = [o for o in esco.occupations if {x.language for x in o.translations} == {"es", "fr"}]
    assert len(translated) == len(esco.occupations) == 2942
