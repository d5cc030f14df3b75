from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from matcher.assignment import assign_optimal, from_arrays
from matcher.constraints import MatchFilters
from matcher.exceptions import InputError, NotFittedError
from matcher.match_result import Exclusion, Match
from matcher.matching import Matcher
from matcher.records import Location, PastJob, Pay, PersonProfile, Vacancy
from matcher.scoring import ScoreWeights

pytestmark = pytest.mark.model

HOME = Location(53.4808, -2.2426)  # Manchester
NEAR = Location(53.4900, -2.2500)  # about 1 km away
FAR = Location(55.9533, -3.1883)  # Edinburgh, about 290 km away


def vacancy(
    id: str, title: str, sector: str, description: str, skills: tuple[str, ...], **kw: object
) -> Vacancy:
    fields: dict[str, object] = dict(
        languages_required=("English",),
        location=NEAR,
        hours_per_week=38.0,
        shift="day",
        pay=Pay(12.0, "hour", "GBP"),
        contract="permanent",
    )
    fields.update(kw)
    return Vacancy(id, title, sector, description, skills, **fields)  # type: ignore[arg-type]


VACANCIES = (
    vacancy(
        "v-drive",
        "Delivery driver",
        "logistics",
        "Deliver parcels to homes around the city in a company van.",
        ("driving", "route planning", "customer service"),
    ),
    vacancy(
        "v-ware",
        "Warehouse operative",
        "logistics",
        "Pick and pack orders in our warehouse.",
        ("pick and pack orders", "lifting boxes", "teamwork"),
    ),
    vacancy(
        "v-sew",
        "Sewing machinist",
        "garment",
        "Sew garments on industrial machines in our factory.",
        ("operate industrial sewing machines", "quality check garments"),
    ),
    vacancy(
        "v-clean", "Domestic cleaner", "cleaning", "Clean private houses.", ("cleaning houses", "ironing")
    ),
    vacancy(
        "v-night",
        "Night cleaner",
        "cleaning",
        "Clean offices.",
        ("cleaning offices",),
        shift="night",
        hours_per_week=30.0,
    ),
    vacancy(
        "v-live", "Live-in carer", "care", "Live-in position caring for an elderly lady.", ("personal care",)
    ),
    vacancy(
        "v-cook",
        "Cook",
        "hospitality",
        "Cook Peruvian dishes.",
        ("cooking",),
        languages_required=("Spanish",),
    ),
    vacancy("v-far", "Housekeeper", "hospitality", "Clean hotel rooms.", ("cleaning rooms",), location=FAR),
    vacancy(
        "v-lowpay",
        "Kitchen assistant",
        "hospitality",
        "Help in a busy kitchen.",
        ("food preparation",),
        pay=Pay(1000.0, "month", "GBP"),
        hours_per_week=40.0,
    ),
    vacancy(
        "v-bitlow",
        "Laundry assistant",
        "cleaning",
        "Wash and iron linen.",
        ("ironing",),
        pay=Pay(10.0, "hour", "GBP"),
    ),
    vacancy("v-48h", "Packer", "food_processing", "Pack food on a line.", ("packing",), hours_per_week=48.0),
    vacancy(
        "v-60h",
        "Packer (long hours)",
        "food_processing",
        "Pack food on a line.",
        ("packing",),
        hours_per_week=60.0,
    ),
    Vacancy(
        "p-ware",
        "Warehouse placement",
        "logistics",
        "Learn forklift and warehouse work with a mentor.",
        ("teamwork",),
        ("English",),
        NEAR,
        37.5,
        pay=Pay(9.0, "hour", "GBP"),
        kind="programme",
        capacity=6,
        placement_weeks=12,
        job_title="Warehouse operative",
        job_pay=Pay(12.5, "hour", "GBP"),
    ),
)


def person(**kw: object) -> PersonProfile:
    """A person near Manchester who wants day work; override any field."""
    fields: dict[str, object] = dict(
        id="p-test",
        skills_text="I can drive a van, I know customer service",
        work_history=(PastJob("delivery driver", "Kathmandu", 2.0),),
        interests_text="I would like to drive or work in logistics",
        languages=("English", "Nepali"),
        location=HOME,
        max_distance_km=20.0,
        min_hours_per_week=20.0,
        max_hours_per_week=40.0,
        availability=("weekdays", "mornings", "afternoons", "evenings", "nights"),
        exclusions=(),
        desired_pay=Pay(11.0, "hour", "GBP"),
    )
    fields.update(kw)
    return PersonProfile(**fields)  # type: ignore[arg-type]


SEAMSTRESS = dict(
    skills_text="I sew clothes, iron, cook and clean houses",
    work_history=(
        PastJob("sewing machinist", "garment factory", 6.0),
        PastJob("domestic worker", "Doha", 3.0),
    ),
)


@pytest.fixture(scope="module")
def matcher(encoder: Any) -> Matcher:
    return Matcher(encoder=encoder).fit(VACANCIES)


def causes(result: Match | Exclusion) -> dict[str, str]:
    assert isinstance(result, Exclusion), f"expected {result} to be excluded"
    return {c.code: c.text for c in result.causes}


def test_language_is_a_hard_constraint(matcher: Matcher) -> None:
    assert causes(matcher.explain(person(), "v-cook")) == {
        "language": "This job needs Spanish; your languages are English, Nepali."
    }
    assert isinstance(matcher.explain(person(languages=("english", "Spanish")), "v-cook"), Match)


def test_distance_beyond_the_persons_radius_excludes(matcher: Matcher) -> None:
    assert causes(matcher.explain(person(), "v-far"))["distance"].startswith("This job is 28")
    assert "you said up to 20 km" in causes(matcher.explain(person(), "v-far"))["distance"]
    near = matcher.explain(person(), "v-drive")
    assert isinstance(near, Match) and near.distance_km == pytest.approx(1.0, abs=0.3)
    assert isinstance(matcher.explain(person(max_distance_km=None), "v-drive"), Match)


def test_with_no_travel_limit_work_in_another_city_is_left_out(matcher: Matcher, encoder: Any) -> None:
    """Regression: no limit meant anywhere; a Kathmandu person saw Manchester jobs 7,412 km away first."""
    far = causes(matcher.explain(person(max_distance_km=None), "v-far"))["distance"]
    assert far == "This job is 281.6 km away; you gave no travel limit, so work over 100 km away is left out."
    wide = Matcher(encoder=encoder, weights=ScoreWeights(distance_unstated_limit_km=300)).fit(VACANCIES)
    ranked = wide.explain(person(max_distance_km=None), "v-far")
    assert isinstance(ranked, Match) and any(p.code == "distance" for p in ranked.penalties)


def test_pay_is_converted_between_periods(matcher: Matcher) -> None:
    # 1000 GBP a month for 40 h a week is 5.77 GBP an hour: far below 11 an hour.
    low = causes(matcher.explain(person(), "v-lowpay"))["pay"]
    assert low == "This job pays about 5.77 GBP per hour; you asked for at least 11 GBP per hour."
    # 10 an hour is 9 % below 11: a soft penalty of 10 * 0.0909 / 0.15 points.
    bit = matcher.explain(person(), "v-bitlow")
    assert isinstance(bit, Match)
    (pay,) = [p for p in bit.penalties if p.code == "pay"]
    assert pay.points == pytest.approx(6.1, abs=0.05)
    # Asked per month: 12 GBP/h x 38 h x 52/12 = 1976 a month meets 1900.
    assert isinstance(matcher.explain(person(desired_pay=Pay(1900, "month", "GBP")), "v-drive"), Match)
    other_currency = person(desired_pay=Pay(99999, "month", "EUR"))
    assert isinstance(matcher.explain(other_currency, "v-drive"), Match)


def test_no_nights_excludes_a_night_shift_job(matcher: Matcher) -> None:
    found = causes(matcher.explain(person(exclusions=("no night shifts",)), "v-night"))
    assert found == {"exclusion": "You said you do not want night shifts; this job is nights."}
    day_only = causes(matcher.explain(person(availability=("mornings", "afternoons")), "v-night"))
    assert day_only == {"shift": "This job is nights; you said you are available mornings, afternoons."}
    assert isinstance(matcher.explain(person(exclusions=("no night shifts",)), "v-drive"), Match)


def test_exclusion_named_in_the_vacancy_text(matcher: Matcher) -> None:
    found = causes(matcher.explain(person(exclusions=("not live-in",)), "v-live"))
    assert found["exclusion"].startswith("You said you do not want live-in; this job says: 'Live-in")


@pytest.mark.parametrize(("vacancy", "hard"), [("v-48h", False), ("v-60h", True)])
def test_hours_over_the_limit(matcher: Matcher, vacancy: str, hard: bool) -> None:
    result = matcher.explain(person(), vacancy)
    if hard:
        assert causes(result) == {"hours": "This job is 60 hours a week; you want 20-40 hours."}
    else:
        assert isinstance(result, Match)
        (hours,) = [p for p in result.penalties if p.code == "hours"]
        assert hours.points == pytest.approx(8.0)  # 8 h over, tolerance 10 h, 10 points at most


def test_skill_pairs_and_gap(matcher: Matcher) -> None:
    result = matcher.explain(person(), "v-drive")
    assert isinstance(result, Match)
    pairs = {p.need: p.person_words for p in result.matched}
    assert pairs["driving"] == "I can drive a van"
    assert pairs["customer service"] == "I know customer service"
    assert result.gaps == ("route planning",)
    text = result.explain()
    assert "The job needs 'driving'; you said 'I can drive a van'." in text
    assert "Not yet covered by what you told us: route planning." in text


def test_a_sentence_of_the_advert_is_quoted_as_the_advert_not_as_a_need(encoder: Any) -> None:
    """Regression (walk of 2026-12-05): "Experience ... is welcome" read "The job needs 'Experience ...'"."""
    cook = vacancy(
        "v-commis",
        "Commis cook",
        "hospitality",
        "Experience in a canteen or restaurant kitchen is welcome.",
        ("food preparation",),
    )
    cook_words = person(skills_text="I cooked in a factory canteen, I prepare food")
    result = Matcher(encoder=encoder).fit((cook,)).explain(cook_words, "v-commis")
    assert isinstance(result, Match)
    described = [p for p in result.matched if not p.required]
    assert described and described[0].need == "Experience in a canteen or restaurant kitchen is welcome"
    text = " ".join(result.explain())
    assert "The advert says 'Experience in a canteen or restaurant kitchen is welcome'; you said" in text
    assert "The job needs 'Experience" not in text
    assert "The job needs 'food preparation'" in text


def test_scores_are_on_the_fixed_scale_and_ranked(matcher: Matcher) -> None:
    ranking = matcher.rank_with_exclusions(person(), top_k=20)
    scores = [m.score for m in ranking.matches]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s <= 100 for s in scores)
    assert ranking.matches[0].vacancy_id == "v-drive"
    ids = {m.vacancy_id for m in ranking.matches}
    assert not ids & {"v-cook", "v-far", "v-lowpay", "v-60h"}
    assert ranking.excluded_count == len(VACANCIES) - len(ranking.matches)
    assert dict(ranking.excluded_by_cause) == {"distance": 1, "hours": 1, "language": 1, "pay": 1}


def test_ranking_is_deterministic_and_batched_ranking_agrees(matcher: Matcher) -> None:
    people = [
        person(id=f"p-{i}", interests_text=t) for i, t in enumerate(["cleaning", "cooking", "driving", ""])
    ]
    one_by_one = [(p.id, matcher.rank(p, top_k=5)) for p in people]
    assert one_by_one == [(p.id, matcher.rank(p, top_k=5)) for p in people]
    assert list(matcher.rank_many(people, top_k=5, batch_size=3)) == one_by_one


def test_small_shortlist_widens_until_enough_survive(encoder: Any) -> None:
    small = Matcher(encoder=encoder, shortlist=1).fit(VACANCIES)
    full = Matcher(encoder=encoder).fit(VACANCIES)
    wanted = person(exclusions=("no night shifts", "live-in"))
    # 13 vacancies; language, distance, pay, hours, nights and live-in rule out 6.
    assert small.rank(wanted, top_k=50) == full.rank(wanted, top_k=50)
    assert len(small.rank(wanted, top_k=50)) == 7


@pytest.mark.parametrize(
    ("filters", "allowed"),
    [
        (MatchFilters(sectors=("logistics",)), {"v-drive", "v-ware", "p-ware"}),
        (MatchFilters(kinds=("programme",)), {"p-ware"}),
        (MatchFilters(max_hours=35), {"v-night"}),
        (MatchFilters(min_pay=Pay(12.2, "hour", "GBP")), {"p-ware"}),
        (MatchFilters(max_distance_km=0.5), set()),
    ],
)
def test_counsellor_filters(matcher: Matcher, filters: MatchFilters, allowed: set[str]) -> None:
    assert {m.vacancy_id for m in matcher.rank(person(), top_k=50, filters=filters)} == allowed


def test_score_matrix_for_placements(matcher: Matcher) -> None:
    people = [person(id="a"), person(id="b", **SEAMSTRESS, interests_text="")]
    table = matcher.score_matrix(people)
    assert table.scores.shape == (2, len(VACANCIES))
    col = table.vacancy_ids.index("v-cook")
    assert np.isnan(table.scores[:, col]).all()
    assert table.capacities[table.vacancy_ids.index("p-ware")] == 6
    for match in matcher.rank(people[0], top_k=50):
        cell = table.scores[0, table.vacancy_ids.index(match.vacancy_id)]
        if match.fits:
            assert cell == pytest.approx(match.score)
        else:  # not a fit (a hard requirement not met, or a score of 0): never assigned
            assert np.isnan(cell)
    pairs = list(table.pairs())
    assert len(pairs) == int((~np.isnan(table.scores)).sum()) and all(not math.isnan(s) for _, _, s in pairs)
    instance = from_arrays(table.person_ids, table.vacancy_ids, table.capacities, *table.candidate_pairs())
    result = assign_optimal(instance)
    assert len(result.pairs) == 2 and {p.person for p in result.pairs} == {"a", "b"}


def test_a_job_only_somewhat_like_the_wish_is_not_called_the_wish(encoder: Any) -> None:
    # the walk of 2026-12-05: Maya T. wants a mobile repair shop; her office-cleaner matches said
    # "You said you would like: 'mobile repair shop'; this job: 'Office Cleaner'" (cosine 0.38)
    jobs = (
        vacancy("v-phone", "Mobile Repair Technician", "retail", "Repair phones.", ("mobile repair",)),
        vacancy("v-office", "Office Cleaner", "cleaning", "Clean offices.", ("office cleaning",)),
    )
    repairs = Matcher(encoder=encoder).fit(jobs)
    maya = person(skills_text="I fix phones and I clean", interests_text="mobile repair shop")
    wish = {m.vacancy_id: next(n.text for n in m.notes if n.code == "aspiration") for m in repairs.rank(maya)}
    assert wish["v-phone"].startswith("You said you would like: 'mobile repair shop'")
    assert not wish["v-office"].startswith("You said you would like")
    assert wish["v-office"] in (
        "This job is only partly like what you said you would like: 'mobile repair shop'.",
        "This job is far from what you said you would like: 'mobile repair shop'.",
    )


def test_stated_interests_and_history_are_explained(matcher: Matcher) -> None:
    result = matcher.explain(person(), "v-drive")
    assert isinstance(result, Match)
    codes = {n.code: n.text for n in result.notes}
    assert codes["aspiration"].startswith(
        "You said you would like: 'I would like to drive or work in logistics'"
    )
    assert codes["experience"] == "You have worked as 'delivery driver'."
    programme = matcher.explain(person(), "p-ware")
    assert isinstance(programme, Match)
    assert (
        "A 12-week placement programme leading to a job as 'Warehouse operative'; 6 places."
        in programme.explain()
    )
    reasons = programme.reasons_dict()
    assert set(reasons) == {
        "parts",
        "matched",
        "gaps",
        "penalties",
        "notes",
        "not_met",
        "not_a_fit",
        "distance_km",
        "text",
    }


def test_what_the_person_is_done_with_is_never_read_as_a_wish(matcher: Matcher) -> None:
    """Regression (demo walk): "Honestly I am tired of kitchens" was quoted as what Ali would like, under
    a kitchen porter job; what a person is done with neither raises the aspiration nor is quoted."""
    tired = person(interests_text="Honestly I am tired of driving. I want to sew clothes")
    drive, sew = matcher.explain(tired, "v-drive"), matcher.explain(tired, "v-sew")
    assert isinstance(drive, Match) and isinstance(sew, Match)
    assert all("tired of" not in line for line in drive.explain() + sew.explain())
    assert sew.aspiration > drive.aspiration


@pytest.mark.parametrize(
    "refusal",
    [
        "የቤት ሰራተኛ መሆን አልፈልግም",  # Amharic: I do not want to be a domestic worker (demo walk: Hiwot G.)
        "ቀዳማይ ስራሕ ገዛ ኣይደልን",  # Tigrinya: ... I do not want
        "म सिलाई काम गर्न चाहन्न",  # Nepali: I do not want to do sewing work
        "No quiero coser ropa",
        "Je ne veux pas coudre",
        "لا أريد العمل في الخياطة",  # Arabic: I do not want to work in sewing
    ],
)
def test_a_refusal_in_another_language_is_never_read_as_a_wish(matcher: Matcher, refusal: str) -> None:
    """Regression (demo walk): Hiwot G.'s Amharic "I do not want to be a domestic worker" was quoted as
    what she would like, under a care job; in any language the matcher knows a refusal in, it is not."""
    refusing = person(interests_text=f"{refusal}. I want to drive")
    for vacancy in ("v-drive", "v-sew"):
        match = matcher.explain(refusing, vacancy)
        assert isinstance(match, Match)
        assert all(refusal not in line for line in match.explain())


def test_errors_a_counsellor_can_act_on(encoder: Any, matcher: Matcher) -> None:
    with pytest.raises(NotFittedError, match="fit"):
        Matcher(encoder=encoder).rank(person())
    with pytest.raises(InputError, match="no vacancy with id 'v-none'"):
        matcher.explain(person(), "v-none")
    with pytest.raises(InputError, match="appears twice"):
        Matcher(encoder=encoder).fit(VACANCIES + VACANCIES[:1])


def test_empty_profile_still_gets_a_ranking(matcher: Matcher) -> None:
    empty = person(skills_text="", work_history=(), interests_text="", exclusions=(), desired_pay=None)
    ranking = matcher.rank(empty, top_k=3)
    assert len(ranking) == 3 and all(m.skills == 0 and m.aspiration == 0.5 for m in ranking)


def test_a_job_far_from_every_wish_quotes_the_wish_not_a_fragment(encoder: Any) -> None:
    # the walk of 2026-12-06: Kidist M. wrote "Welding and metal work. There is TVET course at Kality,
    # I want to go"; a pastry job's note read "This job is far from what you said you would like: 'I want
    # to go'", the least far fragment of her words
    jobs = (vacancy("v-pastry", "Pastry Assistant", "hospitality", "Bake cakes.", ("baking", "pastry")),)
    kidist = person(
        skills_text="Housework, cooking. I fixed taps and doors.",
        interests_text="Welding and metal work. There is TVET course at Kality, I want to go.",
    )
    notes = next(iter(Matcher(encoder=encoder).fit(jobs).rank(kidist))).notes
    wish = next(n.text for n in notes if n.code == "aspiration")
    assert wish == "This job is far from what you said you would like: 'Welding and metal work'."


def test_not_going_abroad_keeps_a_local_job_that_welcomes_experience_abroad(encoder: Any) -> None:
    # the walk of 2026-12-06: Hari P., a returnee cook who does not want to go abroad again, was never shown
    # the Commis Cook job in Thamel, because its advert says "Experience in a canteen, restaurant or abroad
    # is welcome"; a job placed abroad is still left out
    jobs = (
        vacancy(
            "v-local",
            "Commis Cook",
            "hospitality",
            "Work under our chef. Experience in a canteen, restaurant or abroad is welcome.",
            ("cooking",),
        ),
        vacancy("v-doha", "Cook", "hospitality", "Work abroad: hotel kitchens in Doha.", ("cooking",)),
    )
    hari = person(skills_text="I cook for 200 people", exclusions=("going abroad",))
    fitted = Matcher(encoder=encoder).fit(jobs)
    assert isinstance(fitted.explain(hari, "v-local"), Match)
    left_out = fitted.explain(hari, "v-doha")
    assert isinstance(left_out, Exclusion)
    assert any("abroad" in cause.text for cause in left_out.causes)
