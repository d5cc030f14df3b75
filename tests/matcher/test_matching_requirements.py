"""Reasons that do not mislead (issue 16, item 2): requirements by kind, each rule once, not-a-fit apart.

The outside review read a person's "I can drive scooter and I have license for it" as meeting a
truck job's "heavy vehicle licence", listed the same shift penalty twice and offered jobs scoring 0
with a Propose button. These run the whole matcher over a few postings.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from matcher.match_result import Match
from matcher.matching import Matcher
from matcher.records import Location, Pay, PersonProfile, Vacancy

pytestmark = pytest.mark.model

HOME = Location(27.7172, 85.3240)  # Kathmandu
NEAR = Location(27.7200, 85.3300)
SITA = "I can drive scooter and I have license for it"


def posting(id: str, title: str, description: str, skills: tuple[str, ...], **kw: object) -> Vacancy:
    fields: dict[str, object] = dict(
        languages_required=("Nepali",),
        location=NEAR,
        hours_per_week=40.0,
        shift="day",
        pay=Pay(25000.0, "month", "NPR"),
        contract="permanent",
    )
    fields.update(kw)
    return Vacancy(id, title, "logistics", description, skills, **fields)  # type: ignore[arg-type]


POSTINGS = (
    posting("v-truck", "Truck driver", "Drive a truck between Kathmandu and Birgunj.",
            ("heavy vehicle licence", "driving")),
    posting("v-scooter", "Scooter delivery rider", "Deliver food orders around the city by scooter.",
            ("scooter licence", "delivery")),
    posting("v-own", "Courier", "Deliver parcels in the city. Must have own scooter (fuel allowance given).",
            ("delivery",)),
    posting("v-tempo", "Tempo driver", "Drive an electric tempo on a city route.",
            ("three-wheeler licence", "driving")),
    posting("v-mixed", "Packer on rotating shifts", "Pack orders in a warehouse.", ("delivery",),
            shift="mixed"),
)  # fmt: skip


def sita(**kw: object) -> PersonProfile:
    fields: dict[str, object] = dict(
        id="ktm-01",
        skills_text=f"{SITA}, delivery of food",
        interests_text="delivery work",
        languages=("Nepali",),
        location=HOME,
        availability=("mornings", "afternoons"),
        desired_pay=Pay(20000.0, "month", "NPR"),
    )
    fields.update(kw)
    return PersonProfile(**fields)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def matcher(encoder: Any) -> Matcher:
    return Matcher(encoder=encoder).fit(POSTINGS)


def explain(matcher: Matcher, person: PersonProfile, vacancy_id: str) -> Match:
    result = matcher.explain(person, vacancy_id)
    assert isinstance(result, Match), result
    return result


@pytest.mark.parametrize("vacancy_id", ["v-truck", "v-own", "v-tempo"])
def test_a_scooter_licence_meets_no_other_kind(matcher: Matcher, vacancy_id: str) -> None:
    match = explain(matcher, sita(), vacancy_id)
    assert not match.fits and match.unmet and match.unfit == match.unmet
    assert all("does not meet it" in r.text and SITA in r.text for r in match.unmet)
    assert not any(SITA in p.person_words and "licence" in p.need for p in match.matched)
    text = " ".join(match.explain())
    assert "does not meet it" in text


def test_the_same_kind_meets_it_with_the_persons_words(matcher: Matcher) -> None:
    match = explain(matcher, sita(), "v-scooter")
    assert match.fits and not match.unmet
    (pair,) = [p for p in match.matched if p.need == "scooter licence"]
    assert SITA in pair.person_words and pair.esco_skill is None


def test_openings_that_are_not_a_fit_come_after_those_that_fit(matcher: Matcher) -> None:
    ranked = matcher.rank(sita(), top_k=10)
    fits = [m.fits for m in ranked]
    assert fits == sorted(fits, reverse=True) and fits[0]
    assert {m.vacancy_id for m in ranked if not m.fits} >= {"v-truck", "v-own", "v-tempo"}
    reasons = next(m for m in ranked if m.vacancy_id == "v-truck").reasons_dict()
    assert reasons["not_a_fit"] and reasons["not_met"]


def test_not_a_fit_is_never_assigned(matcher: Matcher) -> None:
    table = matcher.score_matrix([sita()])
    for vacancy_id in ("v-truck", "v-own", "v-tempo"):
        assert np.isnan(table.scores[0, table.vacancy_ids.index(vacancy_id)])
    assert not np.isnan(table.scores[0, table.vacancy_ids.index("v-scooter")])


def test_a_score_of_zero_is_not_a_fit(matcher: Matcher) -> None:
    nobody = sita(skills_text="", interests_text="", work_history=())
    for match in matcher.rank(nobody, top_k=10):
        if round(match.score) <= 0:
            assert not match.fits and match.unfit


def test_each_rule_is_applied_once(matcher: Matcher) -> None:
    # Available mornings and afternoons, and "no night shifts": a mixed-shift job is marked down once.
    match = explain(matcher, sita(exclusions=("no night shifts",)), "v-mixed")
    codes = [p.code for p in match.penalties]
    assert len(codes) == len(set(codes)), match.penalties
    shift_lines = [p for p in match.penalties if p.code in ("shift", "exclusion")]
    assert len(shift_lines) == 1, shift_lines
    sentences = match.explain()
    assert len(sentences) == len(set(sentences))
