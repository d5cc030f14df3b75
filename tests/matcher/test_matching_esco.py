"""Matching with ESCO grounding, on a small hand-made taxonomy (no ../shared data needed)."""

from __future__ import annotations

from typing import Any

import pytest

from matcher.esco import EscoTaxonomy, Occupation, Skill
from matcher.matching import Matcher
from matcher.records import PastJob, PersonProfile, Vacancy

pytestmark = pytest.mark.model

TAXONOMY = EscoTaxonomy(
    (
        Occupation("u:courier", "courier", "9331", ("delivery driver", "parcel courier")),
        Occupation("u:sewer", "sewing machine operator", "8153", ("sewing machinist",)),
        Occupation("u:cleaner", "domestic cleaner", "9111", ("house cleaner",)),
        Occupation("u:ware", "warehouse worker", "9333", ("warehouse operative",)),
        Occupation("u:cook", "cook", "5120", ("chef",)),
        Occupation("u:carer", "care assistant", "5322", ("home carer",)),
    ),
    (
        Skill("u:drive", "drive vehicles", ("driving",)),
        Skill("u:cs", "customer service", ()),
        Skill("u:route", "plan routes", ("route planning",)),
        Skill("u:sew", "sew pieces of fabric", ("sewing",)),
        Skill("u:pack", "pack goods", ("packing",)),
    ),
    {"9331": "Drivers of human-powered vehicles", "8153": "Sewing machine operators"},
)
VACANCIES = (
    Vacancy("v-courier", "Parcel courier", "logistics", "Deliver parcels to homes.",
            ("driving", "route planning", "customer service"), ("English",)),
    Vacancy("v-sew", "Sewing machinist", "garment", "Sew garments.", ("sewing",), ("English",)),
)  # fmt: skip
PERSON = PersonProfile(
    "p", "I drive a van, customer service", (PastJob("delivery driver"),), "", ("English",)
)


@pytest.fixture(scope="module")
def grounded(encoder: Any) -> Matcher:
    return Matcher(encoder=encoder, taxonomy=TAXONOMY).fit(VACANCIES)


def test_matched_skills_are_named_with_esco_labels(grounded: Matcher) -> None:
    (top, *_) = grounded.rank(PERSON, top_k=2)
    assert top.vacancy_id == "v-courier"
    labels = {p.need: p.esco_skill for p in top.matched}
    assert labels == {"driving": "drive vehicles", "customer service": "customer service"}
    assert "The job needs 'driving' (ESCO skill: drive vehicles); you said 'I drive a van'." in top.explain()


def test_past_job_and_vacancy_compared_as_esco_occupations(grounded: Matcher, encoder: Any) -> None:
    courier = grounded.explain(PERSON, "v-courier")
    assert courier.experience == 1.0  # type: ignore[union-attr]
    notes = [n.text for n in courier.notes]  # type: ignore[union-attr]
    assert (
        "Your past job 'delivery driver' and this job are both 'courier' or close to it in ESCO" in notes[-1]
    )
    plain = Matcher(encoder=encoder).fit(VACANCIES).explain(PERSON, "v-courier")
    assert plain.experience < 1.0  # type: ignore[union-attr]
    assert all(p.esco_skill is None for p in plain.matched)  # type: ignore[union-attr]
