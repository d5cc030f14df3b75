"""Score formula and constraints without the model: table-driven cases and invariants."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from matcher.alignment import keyword_evidence, keywords, word_sets
from matcher.constraints import ConstraintArrays, MatchFilters, check, haversine_km, structured_exclusions
from matcher.phrases import phrases, strip_negation
from matcher.records import Location, Pay, PersonProfile, Vacancy
from matcher.scoring import combine, credit

HOME = Location(53.4808, -2.2426)
unit = st.floats(0, 1)


@given(unit, unit, unit, st.floats(0, 500))
def test_score_is_always_between_0_and_100(a: float, s: float, e: float, penalty: float) -> None:
    (score,) = combine(np.array([a]), np.array([s]), np.array([e]), np.array([penalty]))
    assert 0.0 <= score <= 100.0


@given(unit, unit, unit, unit, st.floats(0, 50))
def test_more_skill_never_lowers_the_score(a: float, s: float, more: float, e: float, penalty: float) -> None:
    low, high = combine(
        np.array([a, a]), np.array([s, min(1.0, s + more)]), np.array([e, e]), np.full(2, penalty)
    )
    assert high >= low


@given(st.lists(st.floats(-1, 1), min_size=1, max_size=20))
def test_credit_is_monotone_and_bounded(values: list[float]) -> None:
    ordered = np.sort(np.array(values))
    out = credit(ordered, 0.3, 0.6)
    assert ((0 <= out) & (out <= 1)).all() and (np.diff(out) >= 0).all()


def job(shift: str = "day", hours: float = 38.0, **kw: object) -> Vacancy:
    fields: dict[str, object] = dict(
        location=HOME, hours_per_week=hours, shift=shift, pay=Pay(12, "hour", "GBP")
    )
    fields.update(kw)
    return Vacancy("v", "Job", "cleaning", "", (), **fields)  # type: ignore[arg-type]


def person(**kw: object) -> PersonProfile:
    return PersonProfile("p", location=HOME, **kw)  # type: ignore[arg-type]


def outcome(
    p: PersonProfile, v: Vacancy, filters: MatchFilters | None = None
) -> tuple[set[str], dict[str, float]]:
    result = check(p, ConstraintArrays.from_vacancies([v]), filters=filters)
    hard = {code for code, mask in result.hard.items() if mask[0]}
    soft = {code: round(float(points[0]), 2) for code, points in result.soft.items() if points[0] > 0}
    return hard, soft


@pytest.mark.parametrize(
    ("availability", "shift", "hard", "soft"),
    [
        ((), "night", False, 0.0),
        (("weekdays",), "night", False, 0.0),
        (("mornings", "afternoons"), "night", True, 0.0),
        (("mornings", "afternoons"), "evening", True, 0.0),
        (("mornings", "afternoons"), "day", False, 0.0),
        (("mornings",), "day", False, 5.0),
        (("evenings", "nights"), "day", True, 0.0),
        (("nights",), "night", False, 0.0),
        (("mornings", "afternoons"), "mixed", False, 8.0),
        (("mornings", "evenings", "nights"), "mixed", False, 0.0),
        (("mornings",), "flexible", False, 0.0),
        (("mornings",), "", False, 0.0),
    ],
)
def test_shift_against_availability(
    availability: tuple[str, ...], shift: str, hard: bool, soft: float
) -> None:
    ruled, points = outcome(person(availability=availability), job(shift))
    assert ("shift" in ruled) is hard
    assert points.get("shift", 0.0) == soft


@pytest.mark.parametrize(
    ("hours", "hard", "soft"),
    [(30, False, 0.0), (40, False, 0.0), (44, False, 4.0), (50, False, 10.0), (50.5, True, 0.0),
     (16, False, 8.0), (15, False, 10.0), (14, True, 0.0), (None, False, 0.0)],
)  # fmt: skip
def test_hours_within_and_outside_the_range(hours: float | None, hard: bool, soft: float) -> None:
    # range 20-40 h; tolerance 25 % of the bound, at least 4 h: 5 h below 20, 10 h above 40
    ruled, points = outcome(person(min_hours_per_week=20.0, max_hours_per_week=40.0), job(hours=hours))  # type: ignore[arg-type]
    assert ("hours" in ruled) is hard
    assert points.get("hours", 0.0) == soft


@pytest.mark.parametrize(
    ("desired", "offered", "hours", "hard", "soft"),
    [
        (Pay(11, "hour", "GBP"), Pay(12, "hour", "GBP"), 38, False, 0.0),
        (Pay(12, "hour", "GBP"), Pay(11, "hour", "GBP"), 38, False, 5.56),
        (Pay(12, "hour", "GBP"), Pay(10, "hour", "GBP"), 38, True, 0.0),
        (Pay(2000, "month", "GBP"), Pay(12, "hour", "GBP"), 40, False, 0.0),  # 2080 a month
        (Pay(2000, "month", "GBP"), Pay(12, "hour", "GBP"), 20, True, 0.0),  # 1040 a month
        (Pay(90, "day", "GBP"), Pay(450, "week", "GBP"), 40, False, 0.0),  # 11.25 x 8 = 90
        (Pay(90, "day", "GBP"), Pay(300, "week", "GBP"), 40, True, 0.0),
        (Pay(20000, "month", "NPR"), Pay(12, "hour", "GBP"), 40, False, 0.0),  # other currency: not compared
    ],
)
def test_pay_in_the_persons_period(desired: Pay, offered: Pay, hours: float, hard: bool, soft: float) -> None:
    ruled, points = outcome(person(desired_pay=desired), job(hours=hours, pay=offered))
    assert ("pay" in ruled) is hard
    assert points.get("pay", 0.0) == soft


def test_distance_and_languages() -> None:
    far = job(location=Location(53.80, -1.55), languages_required=("Spanish", "English"))  # Leeds, ~57 km
    ruled, points = outcome(person(max_distance_km=60.0, languages=("english",)), far)
    assert ruled == {"language"} and 4.5 < points["distance"] < 5.0
    ruled, _ = outcome(person(max_distance_km=50.0, languages=("English", "spanish")), far)
    assert ruled == {"distance"}


@pytest.mark.parametrize(
    ("filters", "ruled"),
    [
        (MatchFilters(max_distance_km=1), set()),
        (MatchFilters(sectors=("care",)), {"filter_sector"}),
        (MatchFilters(sectors=("Cleaning",)), set()),
        (MatchFilters(kinds=("programme",)), {"filter_kind"}),
        (MatchFilters(min_hours=40), {"filter_hours"}),
        (MatchFilters(max_hours=30), {"filter_hours"}),
        (MatchFilters(min_pay=Pay(460, "week", "GBP")), {"filter_pay"}),  # 12 x 38 = 456 a week
        (MatchFilters(min_pay=Pay(450, "week", "EUR")), {"filter_pay"}),
        (MatchFilters(min_pay=Pay(450, "week", "GBP")), set()),
    ],
)
def test_counsellor_filters(filters: MatchFilters, ruled: set[str]) -> None:
    assert outcome(person(), job(), filters)[0] == ruled


def test_haversine_is_symmetric_and_zero_on_the_spot() -> None:
    a, b = (53.48, -2.24), (27.72, 85.32)
    assert float(haversine_km(*a, *b)) == pytest.approx(float(haversine_km(*b, *a)))
    assert float(haversine_km(*a, *a)) == 0.0


@pytest.mark.parametrize(
    ("text", "stripped", "words"),
    [
        ("no night shifts", "night shifts", {"night"}),
        ("Not live-in", "live-in", {"live-in"}),
        ("I don't want agency work", "agency work", {"agency"}),
        ("I do not want to work in hotels", "work in hotels", {"hotel"}),
        ("Gulf countries", "Gulf countries", {"gulf", "country"}),
        ("going abroad again", "going abroad again", {"abroad"}),
    ],
)
def test_what_a_person_does_not_want(text: str, stripped: str, words: set[str]) -> None:
    assert strip_negation(text) == stripped
    assert keywords(stripped) == words


@pytest.mark.parametrize(
    ("exclusion", "description", "hit"),
    [
        ("hotels", "Clean rooms. Hotel: city centre.", "Hotel: city centre"),
        ("agency work", "Paid weekly. We are not an agency.", None),
        ("live-in", "Live-in post with own room.", "Live-in post with own room"),
        ("live-in", "Live-out post, no accommodation.", None),
        ("cash in hand", "Wages paid cash in hand daily.", "Wages paid cash in hand daily"),
    ],
)
def test_exclusions_named_in_a_vacancy(exclusion: str, description: str, hit: str | None) -> None:
    vacancy = Vacancy("v", "Cleaner", "cleaning", description)
    assert keyword_evidence(keywords(strip_negation(exclusion)), word_sets(vacancy)) == hit


def test_structured_exclusions() -> None:
    assert structured_exclusions(["late evenings", "seasonal work"]) == ({"evening"}, {"mixed"}, {"seasonal"})
    assert structured_exclusions(["hotels"]) == (set(), set(), set())


def test_phrases_keep_sentences_and_parts() -> None:
    assert phrases("Cook, clean. Drive vans") == ["Cook, clean", "Cook", "clean", "Drive vans"]


def test_a_mixed_shift_is_marked_down_once() -> None:
    # Issue 16, item 2: "no night shifts" and day-only availability both spoke of the same shifts.
    said = person(availability=("mornings", "afternoons"), exclusions=("no night shifts",))
    ruled, points = outcome(said, job("mixed"))
    assert not ruled and points == {"exclusion": 8.0}
