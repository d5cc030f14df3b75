"""Fairness: protected attributes never reach a score; stated interests outweigh history."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from matcher.matching import Matcher
from matcher.record_io import read_people
from matcher.records import Location, Pay, Vacancy

pytestmark = pytest.mark.model

TOWN = Location(27.7172, 85.3240)  # Kathmandu


def job(id: str, title: str, sector: str, description: str, skills: tuple[str, ...]) -> Vacancy:
    return Vacancy(
        id,
        title,
        sector,
        description,
        skills,
        ("Nepali",),
        TOWN,
        40.0,
        "day",
        Pay(20000, "month", "NPR"),
        "permanent",
    )


VACANCIES = (
    job("garment-1", "Sewing machine operator", "garment", "Sew shirts on industrial machines.",
        ("operate industrial sewing machines", "quality check garments")),
    job("garment-2", "Tailoring assistant", "garment", "Cut and stitch clothes to order.",
        ("hand sewing", "measuring fabric")),
    job("domestic-1", "Housekeeper", "cleaning", "Clean and cook for a family.",
        ("cleaning houses", "cooking")),
    job("drive-1", "Delivery driver", "logistics", "Deliver parcels across the city by scooter.",
        ("driving", "route planning", "customer service")),
    job("ware-1", "Warehouse operative", "logistics", "Pick, pack and load orders in a warehouse.",
        ("pick and pack orders", "loading vans", "stock counting")),
    job("care-1", "Care assistant", "care", "Help older people with daily tasks.",
        ("personal care", "patience")),
)  # fmt: skip

HEADER = [
    "id", "skills_text", "work_history", "interests_text", "languages", "latitude", "longitude",
    "max_distance_km", "min_hours_per_week", "max_hours_per_week", "availability", "exclusions",
    "desired_pay", "pay_period", "currency", "gender", "nationality", "birth_year", "trafficking_history",
]  # fmt: skip
BASE = {
    "skills_text": "I sew clothes by hand and by machine, I iron, cook and clean",
    "work_history": "sewing machine operator, garment factory, 6 years;domestic worker, Kuwait, 3 years",
    "languages": "Nepali;Hindi",
    "latitude": "27.70",
    "longitude": "85.32",
    "max_distance_km": "25",
    "min_hours_per_week": "30",
    "max_hours_per_week": "48",
    "availability": "weekdays;mornings;afternoons",
    "exclusions": "live-in",
    "desired_pay": "15000",
    "pay_period": "month",
    "currency": "NPR",
}
PROTECTED = [
    {
        "gender": "female",
        "nationality": "Nepali",
        "birth_year": "1994",
        "trafficking_history": "domestic servitude",
    },
    {"gender": "male", "nationality": "Indian", "birth_year": "1971", "trafficking_history": ""},
    {
        "gender": "non-binary",
        "nationality": "Bangladeshi",
        "birth_year": "2004",
        "trafficking_history": "forced labour",
    },
]


@pytest.fixture(scope="module")
def matcher(encoder: Any) -> Matcher:
    return Matcher(encoder=encoder).fit(VACANCIES)


def people_file(tmp_path: Path, rows: list[dict[str, str]]) -> Path:
    path = tmp_path / "people.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, HEADER)
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.mark.parametrize("interests", ["", "I would like to drive or work in a warehouse"])
def test_protected_attributes_change_nothing(matcher: Matcher, tmp_path: Path, interests: str) -> None:
    rows = [
        {"id": f"p-{i}", **BASE, "interests_text": interests, **extra} for i, extra in enumerate(PROTECTED)
    ]
    people = read_people(people_file(tmp_path, rows))
    assert len({replace(p, id="same") for p in people}) == 1  # the parser dropped every protected column
    rankings = [matcher.rank_with_exclusions(p, top_k=len(VACANCIES)) for p in people]
    first = rankings[0]
    for other in rankings[1:]:
        assert other.matches == first.matches  # same vacancies, order, scores and reasons
        assert other.excluded_by_cause == first.excluded_by_cause
    table = matcher.score_matrix(people)
    for row in table.scores[1:]:
        np.testing.assert_array_equal(row, table.scores[0])  # NaN (ruled out) counts as equal


def order(matcher: Matcher, tmp_path: Path, interests: str) -> list[str]:
    (person,) = read_people(
        people_file(tmp_path, [{"id": "p", **BASE, "interests_text": interests, **PROTECTED[0]}])
    )
    return [m.vacancy_id for m in matcher.rank(person, top_k=len(VACANCIES))]


def test_stated_interest_outweighs_work_history(matcher: Matcher, tmp_path: Path) -> None:
    # A woman whose history is sewing and domestic work, who says she wants to drive or do logistics.
    ranked = order(matcher, tmp_path, "I want to learn to drive and work in deliveries or logistics")
    assert set(ranked[:2]) == {"drive-1", "ware-1"}
    for garment in ("garment-1", "garment-2", "domestic-1"):
        assert ranked.index(garment) > ranked.index("drive-1")
        assert ranked.index(garment) > ranked.index("ware-1")


def test_history_leads_only_when_no_other_wish_is_stated(matcher: Matcher, tmp_path: Path) -> None:
    assert order(matcher, tmp_path, "")[0] == "garment-1"
    assert order(matcher, tmp_path, "I would like to keep sewing clothes")[0] == "garment-1"
    assert order(matcher, tmp_path, "I want to care for older people")[0] == "care-1"


@pytest.mark.parametrize(
    "interests",
    [
        "People think because I sewed I want to sew clothes. No. I want to care for older people",
        "I don't want to sew any more, I want to care for older people",
    ],
)
def test_a_denied_wish_is_not_taken_as_one(matcher: Matcher, tmp_path: Path, interests: str) -> None:
    """Regression: "People think I want to sew. No." was read as a wish to sew (back to garments)."""
    (person,) = read_people(
        people_file(tmp_path, [{"id": "p", **BASE, "interests_text": interests, **PROTECTED[0]}])
    )
    ranked = matcher.rank(person, top_k=len(VACANCIES))
    assert ranked[0].vacancy_id == "care-1"
    for match in ranked:
        assert not any("sew" in line.lower() and "would like" in line for line in match.explain())
