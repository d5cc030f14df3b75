"""Market evidence for a business plan, and the gap chart."""

from __future__ import annotations

import datetime as dt

import pytest

from matcher.demand import GapRow, GroundedVacancy, build_map, market_evidence
from matcher.demand.chart import gap_chart
from matcher.demand.evidence import monthly_trend
from matcher.exceptions import InputError


def vac(
    i, on, occ="o:tailor", isco="7531", skills=("s:sew",), pay=1000.0, emp="e1", loc="KTM", sector="garment"
):
    return GroundedVacancy(f"v{i}", loc, on, occ, isco, skills, pay, 40.0, "NPR", emp, sector)


VACANCIES = [
    vac(1, dt.date(2026, 1, 3), pay=900.0, emp="a"),
    vac(2, dt.date(2026, 3, 9), pay=1100.0, emp="b"),
    vac(3, dt.date(2026, 3, 20), occ="o:dressmaker", isco="7531", pay=1300.0, emp="b"),
    vac(4, dt.date(2026, 4, 2), occ="o:cook", isco="5120", skills=("s:cook",), sector="hospitality"),
    vac(5, dt.date(2026, 4, 2), loc="PKR"),
    vac(6, None, occ="o:presser", isco="8153", skills=("s:sew", "s:press"), pay=None, emp=None),
]


def test_evidence_for_a_tailoring_cooperative():
    ev = market_evidence(VACANCIES, locality="KTM", occupation_uris=["o:tailor"], isco_prefixes=["753"])
    assert ev.related_vacancies == 3 and ev.distinct_employers == 2
    assert (ev.pay[0].median, ev.pay[0].low, ev.pay[0].high, ev.pay[0].period) == (
        1100.0,
        900.0,
        1300.0,
        "month",
    )
    assert [(m.month, m.vacancies) for m in ev.trend] == [("2026-01", 1), ("2026-02", 0), ("2026-03", 2)]
    assert ev.trend_slope == pytest.approx(0.5)
    assert [(o.uri, o.vacancies) for o in ev.top_occupations] == [("o:tailor", 2), ("o:dressmaker", 1)]
    d = ev.to_dict()
    assert d["related_vacancies"] == 3 and d["trend"][0] == {"month": "2026-01", "vacancies": 1}


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ({"skill_uris": ["s:sew"]}, 4),  # the undated presser counts without a window
        ({"sectors": ["hospitality"]}, 1),
        ({"isco_prefixes": ["8"]}, 1),
        ({"skill_uris": ["s:sew"], "start": dt.date(2026, 2, 1), "end": dt.date(2026, 3, 31)}, 2),
    ],
)
def test_related_vacancies_by_each_criterion(criteria, expected):
    assert market_evidence(VACANCIES, locality="KTM", **criteria).related_vacancies == expected


def test_window_gives_zero_months_and_no_slope_for_one_month():
    trend, slope = monthly_trend([], dt.date(2026, 1, 1), dt.date(2026, 2, 28))
    assert [m.vacancies for m in trend] == [0, 0] and slope == 0.0
    assert monthly_trend([dt.date(2026, 1, 1)])[1] is None


def test_evidence_needs_a_description():
    with pytest.raises(InputError, match="at least one"):
        market_evidence(VACANCIES, locality="KTM")


def test_gap_chart_formats_and_hides_suppressed_values():
    rows = (
        GapRow("a", "Cooks", 12, 6, False, 6, "shortage"),
        GapRow("b", "Tailors", 3, None, True, None, "uncertain"),
    )
    svg = gap_chart(rows, title="Kathmandu").decode()
    assert svg.startswith("<?xml") and "&lt;5" in svg
    assert gap_chart(rows, fmt="png").startswith(b"\x89PNG")
    with pytest.raises(InputError, match="format"):
        gap_chart(rows, fmt="gif")


def test_gap_chart_says_its_legend_and_axis_through_translate():
    rows = (GapRow("a", "Cooks", 1200, 6, False, 1194, "shortage"),)
    english = gap_chart(rows).decode()
    assert all(word in english for word in ("vacancies", "people", "count", "Vacancies and people"))
    said: list[str] = []

    def translate(template: str) -> str:
        said.append(template)
        return template.upper()

    svg = gap_chart(rows, translate=translate, number=lambda n: f"{n:,}".replace(",", "_")).decode()
    assert sorted(said) == ["Vacancies and people", "count", "people", "vacancies"]
    assert all(word in svg for word in ("VACANCIES", "PEOPLE", "COUNT", "VACANCIES AND PEOPLE"))
    assert "1_200" in svg  # the axis counts written by ``number``


def test_chart_of_a_built_map():
    m = build_map(VACANCIES, [], locality="KTM", level=4)
    assert b"<svg" in gap_chart(m.occupation_gaps)
