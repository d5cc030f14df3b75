"""What would unlock work: ranking on hand-made data, optimality against brute force."""

from __future__ import annotations

import datetime as dt
import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher.demand import GroundedPerson, GroundedVacancy, skills_to_unlock
from matcher.exceptions import InputError

D = dt.date(2026, 3, 1)


def vac(i, skills, pay=1000.0, loc="KTM"):
    return GroundedVacancy(f"v{i}", loc, D, None, None, tuple(skills), pay, 40.0, "NPR", f"e{i}")


def me(skills, loc="KTM"):
    return GroundedPerson("p1", loc, (), tuple(skills))


def test_skill_that_unlocks_most_vacancies_comes_first():
    vs = [
        vac(1, ["cook", "hygiene"]),  # reachable now (1 of 2)
        vac(2, ["till", "serve"]),
        vac(3, ["till", "stock"]),
        vac(4, ["till", "clean"]),
        vac(5, ["drive", "load"]),
        vac(6, ["drive", "load"], loc="PKR"),  # other locality: not considered
    ]
    r = skills_to_unlock(me(["cook"]), vs, max_skills=2)
    assert r.reachable_now == ("v1",)
    assert r.vacancies_considered == 5
    assert [(s.skill_uri, s.unlocked) for s in r.suggestions] == [
        ("till", ("v2", "v3", "v4")),
        ("drive", ("v5",)),
    ]
    assert [s.reachable_after for s in r.suggestions] == [4, 5]


def test_pay_weighting_prefers_the_better_paid_vacancies():
    vs = [vac(1, ["a", "x"], pay=500.0), vac(2, ["a", "y"], pay=500.0), vac(3, ["b", "z"], pay=5000.0)]
    r = skills_to_unlock(me([]), vs, max_skills=1, coverage=0.5)
    assert r.suggestions[0].skill_uri == "b"  # one well-paid vacancy beats two poorly paid ones
    flat = [vac(1, ["a", "x"], pay=None), vac(2, ["a", "y"], pay=None), vac(3, ["b", "z"], pay=None)]
    assert skills_to_unlock(me([]), flat, max_skills=1).suggestions[0].skill_uri == "a"


def test_a_pair_can_unlock_what_no_single_skill_can():
    vs = [vac(1, ["a", "b", "c", "d"])]  # needs 2 of 4
    r = skills_to_unlock(me([]), vs)
    assert [s.skill_uri for s in r.suggestions] == ["a", "b"]
    assert r.suggestions[-1].unlocked == ("v1",) and r.suggestions[-1].reachable_after == 1


def test_current_skills_in_demand():
    vs = [vac(1, ["cook", "x1", "x2"]), vac(2, ["cook", "clean"]), vac(3, ["clean", "x3", "x4", "x5"])]
    r = skills_to_unlock(me(["cook", "clean", "sing"]), vs)
    assert [(s.skill_uri, s.vacancies, s.reachable) for s in r.in_demand] == [
        ("clean", 2, 1),
        ("cook", 2, 1),
        ("sing", 0, 0),
    ]


def test_nothing_to_unlock():
    assert skills_to_unlock(me(["a"]), []).suggestions == ()
    assert skills_to_unlock(me(["a"]), [vac(1, ["a"])]).suggestions == ()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"coverage": 0}, "Coverage"), ({"max_skills": 0}, "1 to 10"), ({"candidates": 65}, "candidate skills")],
)
def test_bad_parameters(kwargs, message):
    with pytest.raises(InputError, match=message):
        skills_to_unlock(me([]), [], **kwargs)


def reachable(have, vs, coverage):
    return {
        v.id
        for v in vs
        if len(set(v.skill_uris) & have) >= max(1, math.ceil(coverage * len(set(v.skill_uris)) - 1e-9))
    }


@st.composite
def market(draw):
    skills = [f"s{i}" for i in range(7)]
    vs = [
        vac(
            i,
            draw(st.lists(st.sampled_from(skills), min_size=1, max_size=4, unique=True)),
            pay=draw(st.sampled_from([None, 500.0, 1000.0, 3000.0])),
        )
        for i in range(draw(st.integers(1, 12)))
    ]
    return vs, draw(st.lists(st.sampled_from(skills), max_size=3, unique=True))


@settings(max_examples=80, deadline=None)
@given(market(), st.sampled_from([0.5, 0.75, 1.0]), st.integers(1, 3))
def test_suggestions_are_consistent_and_optimal_against_brute_force(case, coverage, k):
    vs, have = case
    r = skills_to_unlock(me(have), vs, coverage=coverage, max_skills=k)
    now = reachable(set(have), vs, coverage)
    assert set(r.reachable_now) == now
    # reachable_after and unlocked agree with a recount
    gained = set(have)
    seen = set(now)
    for s in r.suggestions:
        gained.add(s.skill_uri)
        after = reachable(gained, vs, coverage)
        assert set(s.unlocked) == after - seen and s.reachable_after == len(after)
        seen = after
    # no set of at most k missing skills unlocks more pay-weighted vacancies
    from matcher.demand.unlock import pay_weights

    w = dict(zip([v.id for v in vs], pay_weights(vs), strict=True))
    missing = sorted({s for v in vs for s in v.skill_uris} - set(have))
    best = max(
        (
            sum(w[i] for i in reachable(set(have) | set(c), vs, coverage) - now)
            for size in range(1, k + 1)
            for c in itertools.combinations(missing, size)
        ),
        default=0.0,
    )
    mine = sum(s.pay_weighted for s in r.suggestions)
    assert mine == pytest.approx(best)
