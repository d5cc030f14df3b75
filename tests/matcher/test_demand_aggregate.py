"""Demand, supply, roll-ups, pay and suppression on hand-made records with known answers."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher.demand import (
    GroundedPerson,
    GroundedVacancy,
    build_map,
    demand_by_occupation,
    demand_by_skill,
    monthly_pay,
    supply_by_occupation,
    supply_by_skill,
    suppress_people,
)
from matcher.demand.aggregate import select_vacancies
from matcher.exceptions import InputError

D = dt.date(2026, 3, 1)


def vac(i, occ="o:cook", isco="5120", skills=(), pay=None, hours=None, cur="NPR", emp="e1", loc="KTM", on=D):
    return GroundedVacancy(f"v{i}", loc, on, occ, isco, tuple(skills), pay, hours, cur, emp, None)


def person(i, occs=(("o:cook", "5120"),), skills=(), loc="KTM"):
    return GroundedPerson(f"p{i}", loc, tuple(o for o, _ in occs), tuple(skills), tuple(g for _, g in occs))


VACANCIES = [
    vac(1, "o:cook", "5120", ("s:cook", "s:hygiene"), 1000.0, 40, emp="hotel"),
    vac(2, "o:cook", "5120", ("s:cook",), 2000.0, 48, emp="hotel"),
    vac(3, "o:cook", "5120", ("s:cook",), 3000.0, None, emp="cafe"),
    vac(4, "o:chef", "3434", ("s:cook", "s:menu"), 5000.0, 45, emp="hotel"),
    vac(5, "o:cleaner", "9112", ("s:clean",), None, 20, emp="agency"),
    vac(6, "o:waiter", "5131", ("s:serve",), 800.0, 30, emp="cafe"),
    vac(7, None, None, ("s:clean",), 900.0, 30, emp="cafe"),
]


def test_demand_by_occupation_counts_pay_hours_and_employers():
    rows = {r.key: r for r in demand_by_occupation(VACANCIES, labels={"o:cook": "cook"})}
    cook = rows["o:cook"]
    assert (cook.label, cook.vacancies, cook.employers) == ("cook", 3, 2)
    assert (cook.pay[0].median, cook.pay[0].low, cook.pay[0].high, cook.pay[0].n) == (
        2000.0,
        1000.0,
        3000.0,
        3,
    )
    assert (cook.hours.median, cook.hours.n) == (44.0, 2)
    assert rows["o:cleaner"].pay == ()
    assert set(rows) == {"o:cook", "o:chef", "o:cleaner", "o:waiter"}  # unlinked vacancy left out


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        (1, {"5": 4, "3": 1, "9": 1}),
        (2, {"51": 4, "34": 1, "91": 1}),
        (3, {"512": 3, "513": 1, "343": 1, "911": 1}),
        (4, {"5120": 3, "5131": 1, "3434": 1, "9112": 1}),
    ],
)
def test_isco_roll_up(level, expected):
    assert {r.key: r.vacancies for r in demand_by_occupation(VACANCIES, level=level)} == expected


def test_roll_up_pays_median_across_merged_groups():
    major = {r.key: r for r in demand_by_occupation(VACANCIES, level=1)}["5"]
    assert major.pay[0].median == 1500.0  # 800, 1000, 2000, 3000
    assert major.employers == 2


def test_pay_is_summarised_per_currency():
    vs = [vac(1, pay=100.0, cur="GBP"), vac(2, pay=300.0, cur="GBP"), vac(3, pay=50000.0, cur="NPR")]
    (row,) = demand_by_occupation(vs)
    assert [(p.currency, p.n, p.median) for p in row.pay] == [("GBP", 2, 200.0), ("NPR", 1, 50000.0)]


def test_demand_by_skill_counts_each_vacancy_once():
    vs = [vac(1, skills=("s:a", "s:a", "s:b")), vac(2, skills=("s:a",))]
    assert [(r.key, r.vacancies) for r in demand_by_skill(vs)] == [("s:a", 2), ("s:b", 1)]


@pytest.mark.parametrize(
    ("amount", "period", "hours", "expected"),
    [
        (1200, "month", None, 1200.0),
        (300, "week", None, 1300.0),
        (10, "hour", 30, 1300.0),
        (80, "day", 40, 1733.3333),
        (24000, "year", None, 2000.0),
    ],
)
def test_monthly_pay(amount, period, hours, expected):
    assert monthly_pay(amount, period, hours) == pytest.approx(expected)


@pytest.mark.parametrize(("amount", "period"), [(-1, "month"), (10, "fortnight")])
def test_monthly_pay_rejects_bad_input(amount, period):
    with pytest.raises(InputError):
        monthly_pay(amount, period)


def test_time_window_and_locality_filters():
    vs = [vac(1, on=dt.date(2026, 1, 10)), vac(2, on=dt.date(2026, 2, 10), loc="PKR"), vac(3, on=None)]
    assert [v.id for v in select_vacancies(vs, start=dt.date(2026, 2, 1))] == ["v2"]
    assert [v.id for v in select_vacancies(vs, "KTM")] == ["v1", "v3"]
    with pytest.raises(InputError, match="starts"):
        select_vacancies(vs, start=dt.date(2026, 3, 1), end=dt.date(2026, 1, 1))


@pytest.mark.parametrize(
    ("count", "threshold", "shown"),
    [
        (0, 5, (0, False)),
        (1, 5, (None, True)),
        (4, 5, (None, True)),
        (5, 5, (5, False)),
        (4, None, (4, False)),
        (2, 3, (None, True)),
        (3, 3, (3, False)),
    ],
)
def test_suppression_table(count, threshold, shown):
    result = suppress_people(count, threshold)
    assert (result.value, result.suppressed) == shown


def test_supply_suppresses_small_counts_and_counts_people_once():
    people = [person(i, skills=("s:cook",)) for i in range(5)]
    people += [person(9, occs=(("o:cook", "5120"), ("o:chef", "3434")), skills=("s:cook", "s:weave"))]
    occ = {r.key: (r.people, r.suppressed) for r in supply_by_occupation(people)}
    assert occ == {"o:cook": (6, False), "o:chef": (None, True)}
    major = {r.key: r.people for r in supply_by_occupation(people, level=1)}
    assert major == {"5": 6, "3": None}
    skills = {r.key: (r.people, r.suppressed) for r in supply_by_skill(people, threshold=None)}
    assert skills == {"s:cook": (6, False), "s:weave": (1, False)}


def test_map_gaps_never_reveal_suppressed_supply():
    people = [person(i, skills=("s:cook",)) for i in range(6)] + [person(7, occs=(), skills=("s:weave",))]
    m = build_map(VACANCIES, people, locality="KTM")
    gaps = {g.key: g for g in m.skill_gaps}
    assert (gaps["s:cook"].demand, gaps["s:cook"].supply, gaps["s:cook"].status) == (4, 6, "surplus")
    assert (gaps["s:weave"].supply, gaps["s:weave"].gap, gaps["s:weave"].status) == (None, None, "no_demand")
    assert gaps["s:clean"].status == "shortage" and gaps["s:clean"].supply == 0
    assert m.people == 7 and m.vacancies == 7 and m.vacancies_unlinked == 1
    small = build_map(VACANCIES, people[:3], locality="KTM")
    assert (small.people, small.people_suppressed) == (None, True)
    assert all(r.people is None for r in small.supply_skills)
    assert all(r["suppressed"] and r["people"] is None for r in small.to_dict()["supply_skills"])


def test_map_to_dict_is_json_ready():
    import json

    m = build_map(VACANCIES, [person(1)], level=2, start=dt.date(2026, 1, 1))
    text = json.dumps(m.to_dict())
    assert '"start": "2026-01-01"' in text and '"level": 2' in text


@pytest.mark.parametrize("level", [0, 5, True, "2"])
def test_bad_level_is_rejected(level):
    with pytest.raises(InputError, match="ISCO-08 level"):
        build_map(VACANCIES, [], level=level)


def test_grounded_records_validate():
    with pytest.raises(InputError, match="ISCO-08"):
        GroundedVacancy("v", "X", D, "o", "51x", ())
    with pytest.raises(InputError, match="one per occupation"):
        GroundedPerson("p", "X", ("o:a", "o:b"), (), ("1",))


ISCO = st.sampled_from(["5120", "5131", "3434", "9112", "9111", "7531"])
SKILL = st.sampled_from([f"s:{i}" for i in range(8)])


@st.composite
def vacancies(draw):
    n = draw(st.integers(0, 30))
    return [
        vac(
            i,
            f"o:{isco}",
            isco,
            draw(st.lists(SKILL, max_size=4)),
            draw(st.one_of(st.none(), st.floats(1, 1e4))),
            emp=draw(st.sampled_from(["a", "b", "c"])),
        )
        for i, isco in enumerate(draw(st.lists(ISCO, min_size=n, max_size=n)))
    ]


@settings(max_examples=60, deadline=None)
@given(vacancies())
def test_roll_up_levels_add_up_and_match_a_plain_count(vs):
    totals = {
        level: sum(r.vacancies for r in demand_by_occupation(vs, level=level)) for level in (1, 2, 3, 4)
    }
    assert set(totals.values()) <= {len(vs)}
    for level in (1, 2, 3, 4):
        expected = Counter(v.isco_group[:level] for v in vs)
        assert {r.key: r.vacancies for r in demand_by_occupation(vs, level=level)} == dict(expected)
    by_skill = Counter(s for v in vs for s in set(v.skill_uris))
    assert {r.key: r.vacancies for r in demand_by_skill(vs)} == dict(by_skill)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(SKILL, max_size=3), max_size=20), st.integers(1, 6))
def test_no_shown_count_of_people_is_under_the_threshold(skill_lists, threshold):
    people = [person(i, occs=(), skills=s) for i, s in enumerate(skill_lists)]
    m = build_map([], people, threshold=threshold)
    for row in m.supply_skills:
        assert row.suppressed == (row.people is None)
        assert row.people is None or row.people >= threshold
    for gap in m.skill_gaps:
        assert gap.supply is None or gap.supply >= threshold or gap.supply == 0


def test_gap_order_uses_only_what_may_be_shown():
    from matcher.demand import DemandRow, SupplyRow, join_gaps

    demand = [DemandRow("a", "a", 4, 1, (), None), DemandRow("b", "b", 9, 1, (), None)]
    supply = [SupplyRow("a", "a", 0, False), SupplyRow("b", "b", None, True)]
    # b's gap is at least 9 - 4 = 5 whatever the hidden count, so it comes before a's gap of 4
    assert [(g.key, g.gap) for g in join_gaps(demand, supply)] == [("b", None), ("a", 4)]
