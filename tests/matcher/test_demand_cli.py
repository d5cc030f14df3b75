"""``pathways demand`` and ``pathways unlock`` through click's CliRunner, on a tiny ESCO folder."""

from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner

from cli import main

pytestmark = [pytest.mark.model, pytest.mark.esco]

OCCUPATIONS = {"cook", "chef", "tailor", "waiter/waitress", "domestic cleaner", "sewing machine operator"}
SKILLS = {
    "use cooking techniques",
    "follow hygienic procedures during food processing",
    "sew pieces of fabric",
    "serve food in table service",
    "clean rooms",
    "operate cash register",
    "iron textiles",
}
VACANCY_FIELDS = [
    "id",
    "employer",
    "title",
    "sector",
    "locality",
    "skills_required",
    "hours_per_week",
    "pay",
    "pay_period",
    "currency",
    "posted_on",
]
PEOPLE_FIELDS = ["id", "locality", "pseudonym", "skills_text", "work_history"]


def write_csv(path, fields, rows):
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(fields)
        writer.writerows(rows)
    return str(path)


@pytest.fixture(scope="module")
def files(esco_dir, tmp_path_factory):
    """A tiny ESCO folder (a subset of the real one, in a temporary folder) and demo-format files."""
    from matcher.esco import load_esco

    full = load_esco(esco_dir)
    root = tmp_path_factory.mktemp("demand-cli")
    esco = root / "esco"
    esco.mkdir()
    write_csv(
        esco / "occupations_en.csv",
        ["conceptUri", "iscoGroup", "preferredLabel", "altLabels", "description"],
        [
            [o.uri, o.isco_group, o.label, "\n".join(o.alt_labels), ""]
            for o in full.occupations
            if o.label in OCCUPATIONS
        ],
    )
    write_csv(
        esco / "skills_en.csv",
        ["conceptUri", "preferredLabel", "text"],
        [[s.uri, s.label, s.label] for s in full.skills if s.label in SKILLS],
    )
    write_csv(esco / "ISCOGroups_en.csv", ["code", "preferredLabel"], list(full.isco_groups.items()))
    vacancies = write_csv(
        root / "vacancies.csv",
        VACANCY_FIELDS,
        [
            [
                "v1",
                "hotel",
                "Cook",
                "hospitality",
                "Kathmandu",
                "cooking;food hygiene",
                "40",
                "45000",
                "month",
                "NPR",
                "2026-01-10",
            ],
            [
                "v2",
                "hotel",
                "Head chef",
                "hospitality",
                "Kathmandu",
                "cooking;food hygiene;table service",
                "48",
                "60000",
                "month",
                "NPR",
                "2026-02-10",
            ],
            [
                "v3",
                "cafe",
                "Waitress",
                "hospitality",
                "Kathmandu",
                "table service;cash handling",
                "30",
                "150",
                "hour",
                "NPR",
                "2026-02-11",
            ],
            [
                "v4",
                "atelier",
                "Tailor",
                "garment",
                "Pokhara",
                "sewing;ironing",
                "40",
                "5000",
                "week",
                "NPR",
                "2026-02-12",
            ],
        ],
    )
    people = write_csv(
        root / "people.csv",
        PEOPLE_FIELDS,
        [
            ["p1", "Kathmandu", "Asha", "cooking, cleaning hotel rooms", "Kitchen helper, Dubai, 2 years"],
            ["p2", "Kathmandu", "Binu", "sewing, ironing", "Tailor, Kathmandu, 3 years"],
        ],
    )
    return {"esco": str(esco), "vacancies": vacancies, "people": people, "root": root}


def _inputs(files):
    """The options naming the test's vacancies, people and ESCO folder."""
    return ["--vacancies", files["vacancies"], "--people", files["people"], "--esco", files["esco"]]


@pytest.fixture()
def run(encoder):
    def invoke(*args):
        return CliRunner().invoke(main, [*args, "--head", "none"], obj={"encoder": encoder})

    return invoke


def test_demand_prints_demand_supply_and_gaps(run, files):
    result = run("demand", *_inputs(files), "--locality", "Kathmandu", "--level", "1")
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["vacancies"] == 3 and out["level"] == "isco_1_digit"
    assert {r["key"]: r["vacancies"] for r in out["demand"]["occupations"]} == {"5": 2, "3": 1}
    assert out["people"] == {"value": None, "suppressed": True}
    assert all(r["people"] is None and r["suppressed"] for r in out["supply"]["skills"])
    statuses = {g["label"]: g["status"] for g in out["gaps"]["skills"]}
    assert statuses["use cooking techniques"] == "uncertain" and statuses["clean rooms"] == "no_demand"


def test_demand_small_counts_and_chart(run, files):
    chart = files["root"] / "gaps.svg"
    result = run(
        "demand", *_inputs(files), "--show-small-counts", "--chart", str(chart), "--since", "2026-02-01"
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["people"] == {"value": 2, "suppressed": False} and out["vacancies"] == 3
    assert chart.read_bytes().startswith(b"<?xml")


def test_unlock_names_skills_and_the_vacancies_they_unlock(run, files):
    result = run("unlock", "--person", "p1", *_inputs(files))
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert [v["id"] for v in out["reachable_now"]] == ["v1"]
    first = out["skills_that_unlock_most"][0]
    assert first["label"] == "serve food in table service"
    assert [v["id"] for v in first["unlocks"]] == ["v2", "v3"]
    assert out["current_skills_in_demand"][0]["label"] == "use cooking techniques"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["demand", "--level", "7"], "1<=x<=4"),
        (["demand", "--since", "10/01/2026"], "YYYY-MM-DD"),
        (["demand", "--chart", "x.gif"], ".svg or .png"),
        (["demand", "--locality", "Atlantis"], "Atlantis"),
        (["unlock", "--person", "nobody"], "nobody"),
    ],
)
def test_bad_input_gives_a_clear_error(run, files, args, message):
    command, *rest = args
    result = run(command, *_inputs(files), *rest)
    assert result.exit_code != 0 and message in result.output


def test_malformed_file_and_missing_esco(run, files, tmp_path, monkeypatch):
    bad = write_csv(
        tmp_path / "bad.csv", VACANCY_FIELDS, [["v1", "e", "Cook", "", "K", "", "x", "1", "month", "NPR", ""]]
    )
    result = run("demand", "--vacancies", bad, "--people", files["people"], "--esco", files["esco"])
    assert result.exit_code != 0 and "bad.csv:2" in result.output
    monkeypatch.delenv("ESCO_DIR", raising=False)
    result = run("demand", "--vacancies", files["vacancies"], "--people", files["people"])
    assert result.exit_code != 0 and "ESCO" in result.output


def test_words_read_by_meaning_only_are_left_out_and_said_so(run, files, tmp_path):
    """No one confirms links on the command line: the commands say what they left out and how to link it."""
    people = write_csv(
        tmp_path / "people.csv",
        PEOPLE_FIELDS,  # "I cook in a hotel"; "kitchen helper": with English ESCO, read by meaning only
        [["p9", "Kathmandu", "Sita", "म होटलमा खाना पकाउँछु", "भान्सा सहयोगी, दोहा, ३ वर्ष"]],
    )
    args = ["--vacancies", files["vacancies"], "--people", people, "--esco", files["esco"]]
    left_out = run("demand", *args, "--show-small-counts")
    assert left_out.exit_code == 0, left_out.output
    assert "read by meaning only, and are not linked" in left_out.stderr and "--by-meaning" in left_out.stderr
    assert json.loads(left_out.stdout)["supply"]["skills"] == []
    linked = run("demand", *args, "--show-small-counts", "--by-meaning")
    assert linked.exit_code == 0 and "read by meaning only" not in linked.stderr
    unlock = run("unlock", "--person", "p9", *args)
    assert unlock.exit_code == 0 and "read by meaning only, and are not linked" in unlock.stderr


def test_a_vacancy_read_by_meaning_only_is_counted_unlinked_and_said_so(run, files, tmp_path):
    row = ["v9", "hotel", "भान्से", "hospitality", "Kathmandu", "खाना पकाउने", "40", "30000", "month", "NPR", ""]
    vacancies = write_csv(tmp_path / "vacancies.csv", VACANCY_FIELDS, [row])
    args = ["--vacancies", vacancies, "--people", files["people"], "--esco", files["esco"]]
    left_out = run("demand", *args, "--show-small-counts")
    assert left_out.exit_code == 0, left_out.output
    assert "2 of the vacancies' titles or skills are in a language without ESCO labels" in left_out.stderr
    assert json.loads(left_out.stdout)["vacancies_without_occupation"] == 1
    linked = run("demand", *args, "--show-small-counts", "--by-meaning")
    assert linked.exit_code == 0 and "read by meaning only" not in linked.stderr  # linked where close enough
