"""Grounding raw vacancies and people in a small ESCO subset with the real encoder."""

from __future__ import annotations

import datetime as dt

import pytest

from matcher.demand import build_map, skills_to_unlock
from matcher.demand.grounding import (
    GroundingSettings,
    ground_people,
    ground_vacancies,
    parse_date,
    proposal_evidence,
    read_by_meaning_only,
    taxonomy_labels,
    understood_person,
)
from matcher.exceptions import InputError
from matcher.normalize import TitleNormalizer
from matcher.phrases import phrases
from matcher.records import PastJob, Pay, PersonProfile, Vacancy

pytestmark = [pytest.mark.model, pytest.mark.esco]

OCCUPATIONS = {
    "cook",
    "chef",
    "tailor",
    "kitchen porter",
    "waiter/waitress",
    "domestic cleaner",
    "warehouse worker",
    "hotel porter",
    "sewing machine operator",
    "shop assistant",
    "dressmaker",
}
SKILLS = {
    "use cooking techniques",
    "follow hygienic procedures during food processing",
    "sew pieces of fabric",
    "serve food in table service",
    "clean rooms",
    "operate cash register",
    "load cargo",
    "use food preparation techniques",
    "sew textile-based articles",
    "clean kitchen equipment",
    "speak different languages",
    "lift heavy weights",
    "manufacture wearing apparel products",
    "iron textiles",
}


@pytest.fixture(scope="module")
def small_esco(esco_dir):
    from matcher.esco import EscoTaxonomy, load_esco

    full = load_esco(esco_dir)
    return EscoTaxonomy(
        tuple(o for o in full.occupations if o.label in OCCUPATIONS),
        tuple(s for s in full.skills if s.label in SKILLS),
        full.isco_groups,
    )


@pytest.fixture(scope="module")
def tools(small_esco, encoder):
    from matcher.normalize import TitleNormalizer
    from matcher.skills import SkillLinker

    return TitleNormalizer(encoder=encoder, head=None).fit(small_esco), SkillLinker(
        encoder=encoder, head=None
    ).fit(small_esco)


def vacancy(i, title, skills, pay=None, hours=40.0, locality="Kathmandu", posted="2026-01-10", employer="e1"):
    return Vacancy(
        id=f"v{i}",
        title=title,
        skills_required=tuple(skills),
        pay=pay,
        hours_per_week=hours,
        locality=locality,
        posted_on=posted,
        employer=employer,
        sector="hospitality",
    )


VACANCIES = [
    vacancy(1, "Cook (hotel restaurant)", ["cooking", "food hygiene"], Pay(45000, "month", "NPR")),
    vacancy(
        2,
        "Head chef",
        ["cooking", "food hygiene", "table service"],
        Pay(60000, "month", "NPR"),
        employer="e2",
    ),
    vacancy(3, "Tailor", ["sewing", "ironing"], Pay(5000, "week", "NPR"), posted="2026-02-03"),
    vacancy(4, "Waitress", ["table service", "cash handling"], Pay(150, "hour", "NPR"), hours=30.0),
    vacancy(5, "Data scientist", ["python programming"], None, posted=""),
]
PEOPLE = [
    PersonProfile(
        "p1",
        skills_text="cooking, cleaning hotel rooms",
        work_history=(PastJob("Kitchen helper"),),
        locality="Kathmandu",
    ),
    PersonProfile(
        "p2",
        skills_text="sewing, ironing",
        work_history=(PastJob("Machinist, garment factory"),),
        locality="Kathmandu",
    ),
]


def test_vacancies_are_grounded(tools, small_esco):
    normalizer, linker = tools
    grounded = {g.id: g for g in ground_vacancies(VACANCIES, normalizer, linker)}
    labels = taxonomy_labels(small_esco)
    assert labels[grounded["v1"].occupation_uri] == "cook" and grounded["v1"].isco_group == "5120"
    assert grounded["v3"].isco_group == "7531"
    assert grounded["v5"].occupation_uri is None and grounded["v5"].skill_uris == ()
    assert [labels[s] for s in grounded["v1"].skill_uris] == [
        "use cooking techniques",
        "follow hygienic procedures during food processing",
    ]
    assert grounded["v3"].pay_per_month == pytest.approx(5000 * 52 / 12)
    assert grounded["v4"].pay_per_month == pytest.approx(150 * 30 * 52 / 12)
    assert grounded["v3"].posted_on == dt.date(2026, 2, 3) and grounded["v5"].posted_on is None


def test_people_are_grounded_without_protected_attributes(tools, small_esco):
    normalizer, linker = tools
    p1, p2 = ground_people(PEOPLE, normalizer, linker)
    labels = taxonomy_labels(small_esco)
    assert {labels[s] for s in p1.skill_uris} >= {"use cooking techniques", "clean rooms"}
    assert labels[p2.occupation_uris[0]] == "sewing machine operator" and p2.isco_groups == ("8153",)
    assert not {"gender", "nationality"} & set(vars(p1))


def test_grounded_map_and_unlock_end_to_end(tools, small_esco):
    normalizer, linker = tools
    vs = ground_vacancies(VACANCIES, normalizer, linker)
    ps = ground_people(PEOPLE, normalizer, linker)
    labels = taxonomy_labels(small_esco)
    m = build_map(vs, ps, locality="Kathmandu", level=1, labels=labels)
    assert {r.key: r.vacancies for r in m.demand_occupations} == {"5": 2, "3": 1, "7": 1}  # chef is 3434
    assert all(r.suppressed for r in m.supply_occupations)  # two people only
    result = skills_to_unlock(ps[0], vs, labels=labels)
    assert result.reachable_now == ("v1",)  # the chef job needs 2 of its 3 skills
    assert result.suggestions[0].label == "serve food in table service"
    assert result.suggestions[0].unlocked == ("v2", "v4")


def test_proposal_evidence_for_a_tailoring_business(tools, small_esco):
    normalizer, linker = tools
    vs = ground_vacancies(VACANCIES, normalizer, linker)
    ev = proposal_evidence("tailor", vs, normalizer, locality="Kathmandu", labels=taxonomy_labels(small_esco))
    assert ev.related_vacancies == 1 and ev.top_occupations[0].vacancies == 1
    with pytest.raises(InputError, match="Describe"):
        proposal_evidence(" ", vs, normalizer, locality="Kathmandu")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"occupation_threshold": 2.0}, "occupation"), ({"person_skills_per_phrase": 0}, "person")],
)
def test_settings_are_validated(kwargs, field):
    with pytest.raises(InputError, match=field):
        GroundingSettings(**kwargs)


def test_bad_date_names_the_record():
    with pytest.raises(InputError, match="vacancy v9"):
        parse_date("10/01/2026", "vacancy v9")


def test_skills_only_grounding_leaves_occupations_out(tools):
    normalizer, linker = tools
    full = ground_vacancies(VACANCIES, normalizer, linker)
    skills_only = ground_vacancies(VACANCIES, None, linker)
    assert all(v.occupation_uri is None and v.isco_group is None for v in skills_only)
    assert [v.skill_uris for v in skills_only] == [v.skill_uris for v in full]
    assert ground_people(PEOPLE, None, linker)[0].occupation_uris == ()


# "kitchen helper"; "cutting vegetables, washing dishes": English ESCO has no Nepali labels
NEPALI = PersonProfile(
    "p-ne",
    skills_text="तरकारी काट्ने, भाँडा माझ्ने",
    work_history=(PastJob("भान्सा सहयोगी"),),
    locality="Kathmandu",
)


def test_words_read_by_meaning_only_are_linked_only_once_a_counsellor_confirms(tools):
    """The demo linked a Nepali speaker's "sewing" to *chief ICT security officer* and counted it on the
    map: with no ESCO labels in a language, most of the links Pathways would use are wrong (5 of 18 right on
    the multilingual-titles dev sample), so they are offered for confirmation and never used unconfirmed."""
    normalizer, linker = tools
    every = GroundingSettings(occupation_threshold=-1.0, skill_threshold=-1.0)  # any score would be linked
    english, nepali = ground_people([PEOPLE[0], NEPALI], normalizer, linker, every)
    assert english.occupation_uris and english.skill_uris  # English words are linked as before
    assert nepali.occupation_uris == () and nepali.skill_uris == ()
    on = GroundingSettings(occupation_threshold=-1.0, skill_threshold=-1.0, automatic_by_meaning=True)
    linked = ground_people([NEPALI], normalizer, linker, on)[0]
    assert linked.occupation_uris and linked.skill_uris  # what the default leaves out
    seen = understood_person(NEPALI, normalizer, linker, every)
    assert seen.by_meaning == {"भान्सा सहयोगी", *phrases(NEPALI.skills_text)} > {"तरकारी काट्ने", "भाँडा माझ्ने"}
    assert seen.occupations and {t for t, _m in (*seen.occupations, *seen.skills)} <= seen.by_meaning
    assert understood_person(PEOPLE[0], normalizer, linker).by_meaning == frozenset()
    assert read_by_meaning_only(["cook", "भान्सा सहयोगी"], TitleNormalizer(multilingual=False)) == frozenset()


def test_a_vacancy_in_a_language_read_by_meaning_only_stays_unlinked_unless_asked(tools):
    """No one confirms a posting's links, so a vacancy in Nepali with English ESCO counts as unlinked on the
    map instead of under an occupation that is most likely wrong; its English twin is linked as before."""
    normalizer, linker = tools
    every = GroundingSettings(occupation_threshold=-1.0, skill_threshold=-1.0)  # any score would be linked
    nepali = vacancy(6, "भान्से", ["खाना पकाउने", "सरसफाइ"], Pay(30000, "month", "NPR"))
    english, unread = ground_vacancies([VACANCIES[0], nepali], normalizer, linker, every)
    assert english.occupation_uri and english.skill_uris
    assert unread.occupation_uri is None and unread.isco_group is None and unread.skill_uris == ()
    assert unread.read_by_meaning and not english.read_by_meaning  # the map says how many and why
    assert build_map([english, unread], []).vacancies_read_by_meaning == 1
    assert unread.pay_per_month == 30000  # what does not depend on reading the words is kept
    on = GroundingSettings(occupation_threshold=-1.0, skill_threshold=-1.0, automatic_by_meaning=True)
    linked = ground_vacancies([nepali], normalizer, linker, on)[0]
    assert linked.occupation_uri and linked.skill_uris and not linked.read_by_meaning
