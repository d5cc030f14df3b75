"""Reason sentences go through the caller's translator; without one they stay the English they were."""

from __future__ import annotations

from typing import Any

import pytest

from matcher.match_result import Match, Penalty, Reason, SkillPair
from matcher.matching import Matcher
from matcher.reasons import english, hard_cause_text, penalty_text
from matcher.records import Location, PastJob, Pay, PersonProfile, Vacancy

HOME = Location(53.4808, -2.2426)
NEAR = Location(53.4900, -2.2500)


def bracket(template: str) -> str:
    """A stand-in catalogue: every template comes back marked, so untranslated text shows."""
    return f"[{template}]"


def _vacancy(id: str, title: str = "Night cleaner", **kw: Any) -> Vacancy:
    fields: dict[str, Any] = dict(
        languages_required=("English", "Spanish"),
        location=NEAR,
        hours_per_week=60.0,
        shift="night",
        pay=Pay(9.0, "hour", "GBP"),
        contract="zero_hours",
        description="Clean offices at night.",
    )
    fields.update(kw)
    return Vacancy(id, title, "cleaning", skills_required=("cleaning",), **fields)


def _person(**kw: Any) -> PersonProfile:
    fields: dict[str, Any] = dict(
        id="p-t",
        skills_text="I clean offices",
        work_history=(PastJob("cleaner", "Lisbon", 2.0),),
        interests_text="cleaning work",
        languages=("English",),
        location=HOME,
        max_distance_km=0.5,
        min_hours_per_week=20.0,
        max_hours_per_week=40.0,
        availability=("weekdays", "mornings"),
        exclusions=("no night shifts",),
        desired_pay=Pay(11.0, "hour", "GBP"),
    )
    fields.update(kw)
    return PersonProfile(**fields)


CODES = ("language", "distance", "hours", "shift", "exclusion", "pay", "filter_sector", "placement_pay")
EXPECTED_HARD = {
    "language": "This job needs Spanish; your languages are English.",
    "distance": "This job is 1.2 km away; you said up to 0.5 km.",
    "hours": "This job is 60 hours a week; you want 20-40 hours.",
    "shift": "This job is nights; you said you are available weekdays, mornings.",
    "exclusion": "You said you do not want night shifts; this job is nights.",
    "pay": "This job pays about 9 GBP per hour; you asked for at least 11 GBP per hour.",
    "filter_sector": "Left out by the sector filter.",
}
EXPECTED_SOFT = {
    "distance": "This job is 1.2 km away; you said up to 0.5 km.",
    "hours": "This job is 60 hours a week, a little outside the 20-40 hours you want.",
    "shift": (
        "This job is nights; you said you are available weekdays, mornings, so some shifts may not suit you."
    ),
    "pay": "This job pays about 9 GBP per hour, a little below the 11 GBP per hour you asked for.",
}


@pytest.mark.parametrize("code", CODES)
def test_default_sentences_are_the_english_ones(code: str) -> None:
    person, vacancy = _person(), _vacancy("v1")
    hard = hard_cause_text(code, person, vacancy, 1.2, {})
    soft = penalty_text(code, person, vacancy, 1.2, {})
    assert hard == hard_cause_text(code, person, vacancy, 1.2, {}, english)
    assert soft == penalty_text(code, person, vacancy, 1.2, {}, english)
    if code in EXPECTED_HARD:
        assert hard == EXPECTED_HARD[code]
    if code in EXPECTED_SOFT:
        assert soft == EXPECTED_SOFT[code]


HARD = ("language", "distance", "hours", "shift", "exclusion", "pay", "filter_sector")
SOFT = ("distance", "hours", "shift", "exclusion", "pay", "placement_pay")


@pytest.mark.parametrize(
    ("sentence", "code"), [(hard_cause_text, c) for c in HARD] + [(penalty_text, c) for c in SOFT]
)
def test_every_sentence_goes_through_the_translator(sentence: Any, code: str) -> None:
    person, vacancy = _person(), _vacancy("v1", kind="programme", placement_weeks=6.0)
    for evidence in ({}, {"no night shifts": "Nights only"}):
        text = sentence(code, person, vacancy, 1.2, evidence, bracket)
        assert text.startswith("[") and text.endswith("]"), text
        assert text != sentence(code, person, vacancy, 1.2, evidence)


def test_words_inside_a_sentence_are_translated_too() -> None:
    person, vacancy = _person(), _vacancy("v1")
    assert hard_cause_text("shift", person, vacancy, 1.2, {}, bracket) == (
        "[This job is [nights]; you said you are available [weekdays], [mornings].]"
    )
    assert hard_cause_text("pay", person, vacancy, 1.2, {}, bracket) == (
        "[This job pays about [9 GBP per hour]; you asked for at least [11 GBP per hour].]"
    )
    assert hard_cause_text("language", _person(languages=()), vacancy, 1.2, {}, bracket) == (
        "[This job needs English, Spanish; your languages are [none given].]"
    )


def test_a_match_explains_itself_through_the_translator() -> None:
    pair = SkillPair("cleaning", "I clean offices", 0.9, True)
    esco = SkillPair("cleaning", "I clean offices", 0.9, True, esco_skill="clean buildings")
    match = Match(
        "v1", "Night cleaner", "vacancy", 70.0, 0.9, 0.5, 0.5, (pair, esco), ("driving",),
        (Penalty("distance", 0.4, "[near]"),), (Reason("programme", "[note]"),), 1.0,
    )  # fmt: skip
    assert match.explain() == [
        "[note]",
        "The job needs 'cleaning'; you said 'I clean offices'.",
        "The job needs 'cleaning' (ESCO skill: clean buildings); you said 'I clean offices'.",
        "Not yet covered by what you told us: driving.",
        "[near] (-0.4 points)",
    ]
    assert pair.text == pair.sentence() == pair.sentence(english)
    assert match.explain(bracket) == [
        "[note]",
        "[The job needs 'cleaning'; you said 'I clean offices'.]",
        "[The job needs 'cleaning' (ESCO skill: clean buildings); you said 'I clean offices'.]",
        "[Not yet covered by what you told us: driving.]",
        "[[near] (-0.4 points)]",
    ]


@pytest.mark.model
def test_the_matcher_passes_the_translator_down(encoder: Any) -> None:
    vacancies = (
        _vacancy("v-night"),
        _vacancy(
            "v-day", "Office cleaner",
            shift="day", hours_per_week=44.0, pay=Pay(12.0, "hour", "GBP"), languages_required=(),
            description="Clean offices in the daytime.",
        ),
        _vacancy(
            "p-day", "Office cleaning placement",
            shift="day", hours_per_week=30.0, pay=Pay(8.0, "hour", "GBP"), languages_required=(),
            description="Learn to clean offices in the daytime.", kind="programme", capacity=3,
            placement_weeks=8.0, job_title="Cleaner", job_pay=Pay(12.0, "hour", "GBP"),
        ),
    )  # fmt: skip
    matcher = Matcher(encoder=encoder).fit(vacancies)
    person = _person(max_distance_km=None, exclusions=("no night shifts",))
    english_ranking = matcher.rank_with_exclusions(person)
    assert english_ranking == matcher.rank_with_exclusions(person, translate=english)
    assert matcher.rank(person) == list(english_ranking.matches)
    ranking = matcher.rank_with_exclusions(person, translate=bracket)
    assert [m.vacancy_id for m in ranking.matches] == [m.vacancy_id for m in english_ranking.matches]
    assert {m.vacancy_id for m in ranking.matches} == {"v-day", "p-day"}
    for match in ranking.matches:
        assert match.notes and match.penalties
        for line in match.explain(bracket):
            assert line.startswith("[") and line.endswith("]"), line
    (excluded,) = ranking.exclusions
    assert [c.text for c in excluded.causes] == [
        "[This job needs Spanish; your languages are English.]",
        "[This job is 60 hours a week; you want 20-40 hours.]",
        "[This job is [nights]; you said you are available [weekdays], [mornings].]",
        "[You said you do not want night shifts; this job is [nights].]",
        "[This job pays about [9 GBP per hour]; you asked for at least [11 GBP per hour].]",
    ]
    assert [c.code for c in excluded.causes] == [c.code for c in english_ranking.exclusions[0].causes]
    explained = matcher.explain(person, "v-night", translate=bracket)
    assert explained == excluded
