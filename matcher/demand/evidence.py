"""Local market evidence for a proposed cooperative business.

The planner's feasibility step asks: is there local demand for what the group wants to
do? :func:`market_evidence` answers from grounded vacancies related to the business
(by ESCO occupation, ISCO-08 group prefix, ESCO skill or sector): how many vacancies and
employers, the pay they offer, the monthly trend and the occupations behind them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from matcher.demand.aggregate import (
    HoursSummary,
    LocalWindow,
    PaySummary,
    demand_by_occupation,
    pay_and_hours,
    select_vacancies,
)
from matcher.demand.grounded import GroundedVacancy
from matcher.exceptions import InputError


@dataclass(frozen=True)
class MonthCount:
    """Vacancies posted in one calendar month (``YYYY-MM``)."""

    month: str
    vacancies: int


@dataclass(frozen=True)
class RelatedOccupation:
    """An ESCO occupation behind the related vacancies."""

    uri: str
    label: str
    vacancies: int


@dataclass(frozen=True)
class LocalMarketEvidence(LocalWindow):
    """What the local vacancies say about demand for a proposed business.

    ``trend_slope`` is the least-squares change in vacancies per month, per month,
    over ``trend`` (``None`` with fewer than two months). Pay is per month.
    """

    related_vacancies: int
    distinct_employers: int
    pay: tuple[PaySummary, ...]
    hours: HoursSummary | None
    trend: tuple[MonthCount, ...]
    trend_slope: float | None
    top_occupations: tuple[RelatedOccupation, ...]


def month_range(first: dt.date, last: dt.date) -> list[str]:
    """Every ``YYYY-MM`` from ``first`` to ``last`` inclusive.

    Examples
    --------
    >>> month_range(dt.date(2025, 11, 20), dt.date(2026, 2, 1))
    ['2025-11', '2025-12', '2026-01', '2026-02']

    """
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def monthly_trend(
    dates: Sequence[dt.date], start: dt.date | None = None, end: dt.date | None = None
) -> tuple[tuple[MonthCount, ...], float | None]:
    """Vacancies per month over the window (zero months included) and the least-squares slope.

    Without ``start``/``end`` the window runs from the first to the last date.

    Examples
    --------
    >>> d = [dt.date(2026, 1, 5), dt.date(2026, 2, 5), dt.date(2026, 2, 9), dt.date(2026, 3, 1),
    ...      dt.date(2026, 3, 2), dt.date(2026, 3, 3)]
    >>> trend, slope = monthly_trend(d)
    >>> [(m.month, m.vacancies) for m in trend], slope
    ([('2026-01', 1), ('2026-02', 2), ('2026-03', 3)], 1.0)

    """
    if not dates and (start is None or end is None):
        return (), None
    first = start or min(dates)
    last = end or max(dates)
    counts = Counter(f"{d.year:04d}-{d.month:02d}" for d in dates)
    trend = tuple(MonthCount(m, counts.get(m, 0)) for m in month_range(first, last))
    if len(trend) < 2:
        return trend, None
    y = np.array([m.vacancies for m in trend], dtype=np.float64)
    slope = float(np.polyfit(np.arange(len(y), dtype=np.float64), y, 1)[0])
    return trend, round(slope, 6)


def is_related(
    vacancy: GroundedVacancy,
    occupation_uris: Collection[str],
    isco_prefixes: Collection[str],
    skill_uris: Collection[str],
    sectors: Collection[str],
) -> bool:
    """Whether ``vacancy`` matches any of the criteria (an OR of all of them).

    Examples
    --------
    >>> v = GroundedVacancy("v1", "X", dt.date(2026, 1, 1), "o:tailor", "7531", ("s:sew",), sector="garment")
    >>> is_related(v, (), ("753",), (), ()), is_related(v, (), (), (), ("food",))
    (True, False)

    """
    return (
        (vacancy.occupation_uri is not None and vacancy.occupation_uri in occupation_uris)
        or (vacancy.isco_group is not None and any(vacancy.isco_group.startswith(p) for p in isco_prefixes))
        or any(s in skill_uris for s in vacancy.skill_uris)
        or (vacancy.sector is not None and vacancy.sector in sectors)
    )


def market_evidence(
    vacancies: Sequence[GroundedVacancy],
    *,
    locality: str | None,
    occupation_uris: Collection[str] = (),
    isco_prefixes: Collection[str] = (),
    skill_uris: Collection[str] = (),
    sectors: Collection[str] = (),
    start: dt.date | None = None,
    end: dt.date | None = None,
    labels: Mapping[str, str] | None = None,
    top: int = 5,
) -> LocalMarketEvidence:
    """Evidence of local demand for a business described by occupations, ISCO groups, skills or sectors.

    Examples
    --------
    >>> vs = [GroundedVacancy(f"v{m}{i}", "X", dt.date(2026, m, 1), "o:tailor", "7531", (), 900.0 + 100 * m,
    ...                       None, "NPR", f"e{i % 2}", "garment") for m in (1, 2, 3) for i in range(m)]
    >>> ev = market_evidence(vs, locality="X", sectors=("garment",))
    >>> ev.related_vacancies, ev.distinct_employers, ev.trend_slope, ev.pay[0].median
    (6, 2, 1.0, 1150.0)

    """
    if not (occupation_uris or isco_prefixes or skill_uris or sectors):
        raise InputError(
            "Describe the business by at least one occupation, ISCO-08 group, skill or sector "
            "so that related vacancies can be found."
        )
    occupations, skills, sector_set = set(occupation_uris), set(skill_uris), set(sectors)
    prefixes = tuple(isco_prefixes)
    related = tuple(
        v
        for v in select_vacancies(vacancies, locality, start, end)
        if is_related(v, occupations, prefixes, skills, sector_set)
    )
    trend, slope = monthly_trend([v.posted_on for v in related if v.posted_on is not None], start, end)
    pay, hours = pay_and_hours(related)
    names = labels or {}
    by_occupation = demand_by_occupation(related, None, names)
    return LocalMarketEvidence(
        locality=locality,
        start=start,
        end=end,
        related_vacancies=len(related),
        distinct_employers=len({v.employer for v in related if v.employer}),
        pay=pay,
        hours=hours,
        trend=trend,
        trend_slope=slope,
        top_occupations=tuple(RelatedOccupation(r.key, r.label, r.vacancies) for r in by_occupation[:top]),
    )
