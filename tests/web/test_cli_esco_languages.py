"""``pathways normalize`` and ``pathways skills`` read any language with ESCO in several languages."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main

FILES = {
    "en": (
        'conceptUri,iscoGroup,preferredLabel,altLabels\nu:occ/cook,5120,cook,"chef\nline cook"\n'
        'u:occ/tailor,7533,sewing machinist,"seamstress\n'
        'dressmaker"\nu:occ/guard,5414,security guard,watchman\n',
        "conceptUri,preferredLabel,altLabels,description\nu:skill/sew,sew garments,sewing,Sew clothes.\n"
        "u:skill/cook,prepare meals,cooking,Cook food.\nu:skill/drive,drive vehicles,driving,Drive.\n",
        "code,preferredLabel\n5120,Cooks\n7533,Sewing machine operators\n5414,Security guards\n",
    ),
    "es": (
        "conceptUri,iscoGroup,preferredLabel,altLabels\n"
        'u:occ/cook,5120,cocinero/cocinera,"cocinero\ncocinera"\n'
        'u:occ/tailor,7533,maquinista de confección,"costurera\ncosturero"\n'
        'u:occ/guard,5414,vigilante de seguridad,"guardia de seguridad\nvigilante"\n',
        'conceptUri,preferredLabel,altLabels,description\nu:skill/sew,coser prendas,"coser\ncostura",Coser.\n'
        "u:skill/cook,preparar comidas,cocinar,Cocinar.\n"
        "u:skill/drive,conducir vehículos,conducir,Conducir.\n",
        "code,preferredLabel\n5120,Cocineros\n7533,Operadores de máquinas de coser\n5414,Guardias\n",
    ),
    "fr": (
        "conceptUri,iscoGroup,preferredLabel,altLabels\n"
        'u:occ/cook,5120,cuisinier/cuisinière,"cuisinier\ncuisinière"\n'
        "u:occ/tailor,7533,mécanicien en confection,couturière\nu:occ/guard,5414,agent de sécurité,vigile\n",
        "conceptUri,preferredLabel,altLabels,description\nu:skill/sew,coudre des vêtements,couture,Coudre.\n"
        "u:skill/cook,préparer des repas,cuisiner,Cuisiner.\n"
        "u:skill/drive,conduire des véhicules,conduire,Conduire.\n",
        "code,preferredLabel\n"
        "5120,Cuisiniers\n7533,Conducteurs de machines à coudre\n5414,Agents de sécurité\n",
    ),
}


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = {}
    for language, (occupations, skills, isco) in FILES.items():
        folder = tmp_path_factory.mktemp(f"esco-{language}")
        (folder / f"occupations_{language}.csv").write_text(occupations, encoding="utf-8")
        (folder / f"skills_{language}.csv").write_text(skills, encoding="utf-8")
        (folder / f"ISCOGroups_{language}.csv").write_text(isco, encoding="utf-8")
        out[language] = folder
    return out


def run(encoder: object, args: list[str], stdin: str, env: dict[str, str] | None = None) -> list[dict]:
    result = CliRunner().invoke(main, args, input=stdin, obj={"encoder": encoder}, env=env)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


@pytest.mark.model
def test_normalize_reads_spanish_french_nepali_and_english(encoder: object, folders: dict[str, Path]) -> None:
    args = ["normalize", "--top", "1"]
    for language in ("en", "es", "fr"):
        args += ["--esco", str(folders[language])]
    lines = run(encoder, args, "costurera\nvigile\nसेक्युरिटी गार्ड\nline cook\n")
    assert [line["matches"][0]["uri"] for line in lines] == [
        "u:occ/tailor",
        "u:occ/guard",
        "u:occ/guard",
        "u:occ/cook",
    ]
    assert lines[0]["query"] == "costurera"
    assert [(line["language"], line["well_read"]) for line in lines] == [
        ("es", True),
        ("fr", True),
        ("und-Deva", True),
        ("en", True),
    ]


@pytest.mark.model
def test_esco_dir_may_join_several_languages(encoder: object, folders: dict[str, Path]) -> None:
    env = {"ESCO_DIR": os.pathsep.join(str(folders[x]) for x in ("en", "es"))}
    lines = run(encoder, ["normalize", "--top", "1"], "cocinera\n", env=env)
    assert lines[0]["matches"][0]["uri"] == "u:occ/cook"


@pytest.mark.model
def test_skills_reads_a_spanish_sentence(encoder: object, folders: dict[str, Path]) -> None:
    args = ["skills", "--top", "1", "--esco", str(folders["en"]), "--esco", str(folders["es"])]
    lines = run(encoder, args, "Costurera, cinco años cosiendo en un taller\n")
    assert lines[0]["skills"][0]["uri"] == "u:skill/sew"


@pytest.mark.model
def test_a_spanish_download_alone_serves_spanish_titles(encoder: object, folders: dict[str, Path]) -> None:
    lines = run(encoder, ["normalize", "--top", "1", "--esco", str(folders["es"])], "guardia de seguridad\n")
    assert lines[0]["matches"][0] == {
        "uri": "u:occ/guard",
        "label": "vigilante de seguridad",
        "isco": "5414",
        **{"score": lines[0]["matches"][0]["score"]},
    }
