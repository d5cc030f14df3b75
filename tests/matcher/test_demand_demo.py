"""The labour-market map on the demo data, grounded in an ESCO subset with the real encoder.

The subset (the ESCO occupations of the ISCO-08 groups the demo sectors hire in, by
preferred label, and the skills whose label names common demo work) keeps the test
fast; the answers checked are those that hold whatever the grounding: totals, roll-ups,
the time window, suppression, unlock consistency and the sector evidence counted
straight from the file.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from matcher.demand import build_map, market_evidence, skills_to_unlock
from matcher.demand.grounding import ground_people, ground_vacancies, taxonomy_labels

pytestmark = [pytest.mark.model, pytest.mark.esco]

DEMO = Path(__file__).resolve().parents[2] / "datasets" / "demo"
GROUPS = {
    "5120",
    "5131",
    "5223",
    "5230",
    "5322",
    "9112",
    "9412",
    "9333",
    "7531",
    "8153",
    "9211",
    "4110",
    "2513",
}
WORDS = (
    "cook",
    "clean",
    "hygien",
    "sew",
    "cash",
    "customer",
    "lift",
    "driv",
    "pack",
    "elderly",
    "record",
    "harvest",
)
PEOPLE_OF = "kathmandu"  # people of one locality are grounded, to keep the test short


@pytest.fixture(scope="module")
def demo(esco_dir, encoder):
    if not (DEMO / "vacancies.csv").is_file() or not (DEMO / "people.csv").is_file():
        pytest.skip("demo data not found in datasets/demo")
    from matcher.esco import EscoTaxonomy, load_esco
    from matcher.normalize import TitleNormalizer
    from matcher.record_io import read_people, read_vacancies
    from matcher.skills import SkillLinker

    full = load_esco(esco_dir)
    taxonomy = EscoTaxonomy(  # preferred labels only: fewer texts to encode
        tuple(replace(o, alt_labels=()) for o in full.occupations if o.isco_group in GROUPS),
        tuple(s for s in full.skills if any(w.lower() in s.label for w in WORDS)),
        full.isco_groups,
    )
    normalizer = TitleNormalizer(encoder=encoder, head=None).fit(taxonomy)
    linker = SkillLinker(encoder=encoder, head=None).fit(taxonomy)
    vacancies = read_vacancies(DEMO / "vacancies.csv")
    people = [p for p in read_people(DEMO / "people.csv") if p.locality == PEOPLE_OF]
    return {
        "raw_vacancies": vacancies,
        "vacancies": ground_vacancies(vacancies, normalizer, linker),
        "people": ground_people(people, normalizer, linker),
        "labels": taxonomy_labels(taxonomy),
    }


def rows(name):
    with (DEMO / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_totals_and_roll_ups_on_the_demo(demo):
    by_locality = Counter(r["locality"] for r in rows("vacancies.csv"))
    people_by_locality = Counter(r["locality"] for r in rows("people.csv") if r["locality"] == PEOPLE_OF)
    for locality, count in by_locality.items():
        m = build_map(demo["vacancies"], demo["people"], locality=locality, level=1, labels=demo["labels"])
        assert m.vacancies == count
        assert sum(r.vacancies for r in m.demand_occupations) + m.vacancies_unlinked == count
        assert m.vacancies_unlinked < count  # some demo titles find an occupation in the subset
        for level in (2, 3, 4):
            finer = build_map(demo["vacancies"], demo["people"], locality=locality, level=level)
            assert sum(r.vacancies for r in finer.demand_occupations) == count - m.vacancies_unlinked
        shown = people_by_locality[locality]
        assert m.people == (shown if shown == 0 or shown >= 5 else None)
        assert all(r.people is None or r.people >= 5 for r in m.supply_skills + m.supply_occupations)
        assert all(r.vacancies <= count for r in m.demand_skills)


def test_window_on_the_demo(demo):
    october = [r for r in rows("vacancies.csv") if r["posted_on"].startswith("2026-10")]
    m = build_map(demo["vacancies"], [], start=dt.date(2026, 10, 1), end=dt.date(2026, 10, 31))
    assert m.vacancies == len(october)


def test_unlock_is_consistent_for_every_demo_person(demo):
    locality_of = {v.id: v.locality for v in demo["vacancies"]}
    for person in demo["people"]:
        result = skills_to_unlock(person, demo["vacancies"], labels=demo["labels"])
        assert all(locality_of[v] == person.locality for v in result.reachable_now)
        assert len(result.suggestions) <= 3
        after = [len(result.reachable_now)] + [s.reachable_after for s in result.suggestions]
        assert after == sorted(after)
        assert all(s.skill_uri not in person.skill_uris for s in result.suggestions)
        assert {s.skill_uri for s in result.in_demand} == set(person.skill_uris)


def test_sector_evidence_matches_the_file(demo):
    garment = [r for r in rows("vacancies.csv") if r["sector"] == "garment" and r["locality"] == "kathmandu"]
    ev = market_evidence(demo["vacancies"], locality="kathmandu", sectors=["garment"])
    assert ev.related_vacancies == len(garment)
    assert ev.distinct_employers == len({r["employer"] for r in garment})
    assert sum(m.vacancies for m in ev.trend) == len(garment)
