"""Demand (vacancies) and supply (people) per ESCO occupation, ISCO-08 group and ESCO skill.

Everything here is vectorised with NumPy over already-grounded records: keys are
factorised once, counts come from ``bincount`` and medians from one sort per table.
Pay is per month (see :func:`matcher.demand.grounded.monthly_pay`) and summarised per
currency, because medians across currencies mean nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from matcher.demand.grounded import GroundedPerson, GroundedVacancy
from matcher.demand.suppression import DEFAULT_THRESHOLD, check_threshold, suppress_people
from matcher.exceptions import InputError

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class PaySummary:
    """Pay of the vacancies in one row and one currency, per ``period`` (always ``month``)."""

    currency: str | None
    n: int
    median: float
    low: float
    high: float
    period: str = "month"


@dataclass(frozen=True)
class HoursSummary:
    """Hours per week of the vacancies in one row that state them."""

    n: int
    median: float
    low: float
    high: float


@dataclass(frozen=True)
class DemandRow:
    """Vacancies for one occupation, ISCO-08 group or skill (``key``)."""

    key: str
    label: str
    vacancies: int
    employers: int
    pay: tuple[PaySummary, ...]
    hours: HoursSummary | None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return asdict(self)


@dataclass(frozen=True)
class SupplyRow:
    """People with one occupation in their history, or one skill; ``people`` is ``None`` when suppressed."""

    key: str
    label: str
    people: int | None
    suppressed: bool

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return asdict(self)


def check_level(level: int | None) -> None:
    """Raise :class:`InputError` unless ``level`` is ``None`` (ESCO occupation) or 1-4 (ISCO-08 digits).

    Examples
    --------
    >>> check_level(2)

    """
    if level is not None and (isinstance(level, bool) or level not in (1, 2, 3, 4)):
        raise InputError(
            f"The ISCO-08 level must be 1, 2, 3 or 4 digits (or none for ESCO occupations), got {level!r}."
        )


def occupation_key(uri: str | None, isco_group: str | None, level: int | None) -> str | None:
    """Return the key an occupation is counted under: its URI, or its ISCO-08 group cut to ``level`` digits.

    Examples
    --------
    >>> occupation_key("esco:cook", "5120", None)
    'esco:cook'
    >>> occupation_key("esco:cook", "5120", 2)
    '51'
    >>> occupation_key(None, None, 2) is None
    True

    """
    if level is None:
        return uri
    if isco_group is None or len(isco_group) < level:
        return None
    return isco_group[:level]


def select_vacancies(
    vacancies: Iterable[GroundedVacancy],
    locality: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> tuple[GroundedVacancy, ...]:
    """Vacancies in ``locality`` (any when ``None``) posted from ``start`` to ``end`` inclusive.

    With a bound set, vacancies without a posting date are left out.

    Examples
    --------
    >>> v = GroundedVacancy("v1", "Pokhara", dt.date(2026, 3, 1), None, None, ())
    >>> len(select_vacancies([v], "Pokhara", start=dt.date(2026, 1, 1)))
    1
    >>> len(select_vacancies([v], "Kathmandu"))
    0

    """
    if start is not None and end is not None and start > end:
        raise InputError(f"The time window starts ({start}) after it ends ({end}).")
    return tuple(
        v
        for v in vacancies
        if (locality is None or v.locality == locality)
        and (start is None or (v.posted_on is not None and v.posted_on >= start))
        and (end is None or (v.posted_on is not None and v.posted_on <= end))
    )


def select_people(
    people: Iterable[GroundedPerson], locality: str | None = None
) -> tuple[GroundedPerson, ...]:
    """People in ``locality`` (everyone when ``None``).

    Examples
    --------
    >>> p = GroundedPerson("p1", "Pokhara", (), ())
    >>> len(select_people([p], "Pokhara")), len(select_people([p], "Kathmandu"))
    (1, 0)

    """
    return tuple(p for p in people if locality is None or p.locality == locality)


def _factorize(keys: Sequence[str | None]) -> tuple[IntArray, list[str]]:
    codes, uniques = pd.factorize(pd.Series(keys, dtype=object), use_na_sentinel=True)
    return np.asarray(codes, dtype=np.int64), [str(u) for u in uniques]


def segment_stats(
    group: IntArray, values: FloatArray
) -> tuple[IntArray, IntArray, FloatArray, FloatArray, FloatArray]:
    """Per group: ``(group ids, n, median, low, high)`` of ``values``, with one sort.

    Examples
    --------
    >>> g, n, med, lo, hi = segment_stats(np.array([1, 0, 1, 1]), np.array([5.0, 2.0, 1.0, 3.0]))
    >>> g.tolist(), n.tolist(), med.tolist(), lo.tolist(), hi.tolist()
    ([0, 1], [1, 3], [2.0, 3.0], [2.0, 1.0], [2.0, 5.0])

    """
    order = np.lexsort((values, group))
    g, v = group[order], values[order]
    if len(g) == 0:
        empty = np.zeros(0, dtype=np.float64)
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), empty, empty, empty
    starts = np.flatnonzero(np.r_[True, g[1:] != g[:-1]])
    n = np.diff(np.r_[starts, len(g)])
    median = (v[starts + (n - 1) // 2] + v[starts + n // 2]) / 2.0
    return g[starts], n, median, v[starts], v[starts + n - 1]


def _distinct_per_group(group: IntArray, member: IntArray, n_groups: int) -> IntArray:
    """How many distinct non-negative ``member`` codes each group has."""
    keep = (group >= 0) & (member >= 0)
    width = int(member.max()) + 1 if keep.any() else 1
    pairs = np.unique(group[keep] * width + member[keep])
    return np.bincount(pairs // width, minlength=n_groups).astype(np.int64)


def _demand_rows(
    keys: Sequence[str | None],
    row_vacancy: IntArray,
    vacancies: Sequence[GroundedVacancy],
    labels: Mapping[str, str],
) -> tuple[DemandRow, ...]:
    codes, uniques = _factorize(keys)
    keep = codes >= 0
    codes, row_vacancy = codes[keep], row_vacancy[keep]
    n_groups = len(uniques)
    # one row per (key, vacancy), even if a vacancy lists a skill twice
    _, first = np.unique(codes * max(len(vacancies), 1) + row_vacancy, return_index=True)
    codes, row_vacancy = codes[first], row_vacancy[first]
    pay = np.array(
        [np.nan if v.pay_per_month is None else v.pay_per_month for v in vacancies], dtype=np.float64
    )
    hours = np.array([np.nan if v.hours is None else v.hours for v in vacancies], dtype=np.float64)
    cur_codes, currencies = _factorize([v.currency or "" for v in vacancies])
    emp_codes, _ = _factorize([v.employer for v in vacancies])
    counts = np.bincount(codes, minlength=n_groups)
    employers = _distinct_per_group(codes, emp_codes[row_vacancy], n_groups)
    pay_rows, hour_rows = pay[row_vacancy], hours[row_vacancy]
    has_pay = ~np.isnan(pay_rows)
    n_cur = max(len(currencies), 1)
    pg, pn, pmed, plo, phi = segment_stats(
        codes[has_pay] * n_cur + cur_codes[row_vacancy][has_pay], pay_rows[has_pay]
    )
    pays: dict[int, list[PaySummary]] = {}
    for g, n, m, lo, hi in zip(
        pg.tolist(), pn.tolist(), pmed.tolist(), plo.tolist(), phi.tolist(), strict=True
    ):
        currency = currencies[g % n_cur] or None
        pays.setdefault(g // n_cur, []).append(PaySummary(currency, n, m, lo, hi))
    has_hours = ~np.isnan(hour_rows)
    hg, hn, hmed, hlo, hhi = segment_stats(codes[has_hours], hour_rows[has_hours])
    hours_by = {
        g: HoursSummary(n, m, lo, hi)
        for g, n, m, lo, hi in zip(
            hg.tolist(), hn.tolist(), hmed.tolist(), hlo.tolist(), hhi.tolist(), strict=True
        )
    }
    rows = [
        DemandRow(
            key=key,
            label=labels.get(key, key),
            vacancies=int(counts[g]),
            employers=int(employers[g]),
            pay=tuple(sorted(pays.get(g, []), key=lambda p: (-p.n, p.currency or ""))),
            hours=hours_by.get(g),
        )
        for g, key in enumerate(uniques)
    ]
    return tuple(sorted(rows, key=lambda r: (-r.vacancies, r.key)))


def demand_by_occupation(
    vacancies: Sequence[GroundedVacancy], level: int | None = None, labels: Mapping[str, str] | None = None
) -> tuple[DemandRow, ...]:
    """Vacancies per ESCO occupation (``level=None``) or per ISCO-08 group of ``level`` digits.

    Vacancies whose title could not be linked are left out. Rows are sorted by
    vacancies, most first.

    Examples
    --------
    >>> day = dt.date(2026, 3, 1)
    >>> vs = [GroundedVacancy("v1", "X", day, "esco:cook", "5120", (), 1000.0, 40.0, "NPR", "e1"),
    ...       GroundedVacancy("v2", "X", day, "esco:chef", "3434", (), 3000.0, None, "NPR", "e1")]
    >>> [(r.key, r.vacancies, r.pay[0].median) for r in demand_by_occupation(vs, level=1)]
    [('3', 1, 3000.0), ('5', 1, 1000.0)]

    """
    check_level(level)
    keys = [occupation_key(v.occupation_uri, v.isco_group, level) for v in vacancies]
    return _demand_rows(keys, np.arange(len(vacancies), dtype=np.int64), vacancies, labels or {})


def demand_by_skill(
    vacancies: Sequence[GroundedVacancy], labels: Mapping[str, str] | None = None
) -> tuple[DemandRow, ...]:
    """Vacancies requiring each ESCO skill, with the pay and hours of those vacancies.

    Examples
    --------
    >>> day = dt.date(2026, 3, 1)
    >>> vs = [GroundedVacancy("v1", "X", day, None, None, ("s:cook", "s:clean")),
    ...       GroundedVacancy("v2", "X", day, None, None, ("s:cook",))]
    >>> [(r.key, r.vacancies) for r in demand_by_skill(vs)]
    [('s:cook', 2), ('s:clean', 1)]

    """
    lengths = np.array([len(v.skill_uris) for v in vacancies], dtype=np.int64)
    keys = [s for v in vacancies for s in v.skill_uris]
    row = np.repeat(np.arange(len(vacancies), dtype=np.int64), lengths)
    return _demand_rows(keys, row, vacancies, labels or {})


def _supply_rows(
    keys: Sequence[str | None], row_person: IntArray, labels: Mapping[str, str], threshold: int | None
) -> tuple[SupplyRow, ...]:
    check_threshold(threshold)
    codes, uniques = _factorize(keys)
    counts = _distinct_per_group(codes, row_person, len(uniques))
    raw = sorted(((int(counts[g]), key) for g, key in enumerate(uniques)), key=lambda c: (-c[0], c[1]))
    rows = []
    for count, key in raw:
        shown = suppress_people(count, threshold)
        rows.append(SupplyRow(key, labels.get(key, key), shown.value, shown.suppressed))
    # suppressed rows go last in key order, so their position does not hint at their size
    return tuple(sorted(rows, key=lambda r: (r.suppressed, -(r.people or 0), r.key)))


def supply_by_occupation(
    people: Sequence[GroundedPerson],
    level: int | None = None,
    labels: Mapping[str, str] | None = None,
    threshold: int | None = DEFAULT_THRESHOLD,
) -> tuple[SupplyRow, ...]:
    """People per past ESCO occupation or ISCO-08 group; a person counts once per row.

    ``threshold=None`` is for a viewer who may see these people; otherwise counts
    from 1 to ``threshold - 1`` are suppressed.

    Examples
    --------
    >>> ps = [GroundedPerson(f"p{i}", "X", ("esco:cook",), (), ("5120",)) for i in range(6)]
    >>> [(r.key, r.people) for r in supply_by_occupation(ps, level=2)]
    [('51', 6)]
    >>> [(r.people, r.suppressed) for r in supply_by_occupation(ps[:2])]
    [(None, True)]

    """
    check_level(level)
    keys: list[str | None] = []
    owners: list[int] = []
    for i, p in enumerate(people):
        groups: Sequence[str | None] = p.isco_groups or [None] * len(p.occupation_uris)
        for uri, isco in zip(p.occupation_uris, groups, strict=True):
            keys.append(occupation_key(uri, isco, level))
            owners.append(i)
    return _supply_rows(keys, np.array(owners, dtype=np.int64), labels or {}, threshold)


def supply_by_skill(
    people: Sequence[GroundedPerson],
    labels: Mapping[str, str] | None = None,
    threshold: int | None = DEFAULT_THRESHOLD,
) -> tuple[SupplyRow, ...]:
    """People who have each ESCO skill, suppressed as in :func:`supply_by_occupation`.

    Examples
    --------
    >>> ps = [GroundedPerson(f"p{i}", "X", (), ("s:cook",)) for i in range(5)]
    >>> [(r.key, r.people) for r in supply_by_skill(ps)]
    [('s:cook', 5)]

    """
    lengths = np.array([len(p.skill_uris) for p in people], dtype=np.int64)
    keys = [s for p in people for s in p.skill_uris]
    owners = np.repeat(np.arange(len(people), dtype=np.int64), lengths)
    return _supply_rows(keys, owners, labels or {}, threshold)


def pay_and_hours(vacancies: Sequence[GroundedVacancy]) -> tuple[tuple[PaySummary, ...], HoursSummary | None]:
    """Pay (per currency, per month) and hours over all ``vacancies`` together.

    Examples
    --------
    >>> day = dt.date(2026, 3, 1)
    >>> vs = [GroundedVacancy(f"v{i}", "X", day, None, None, (), p, 40.0, "NPR")
    ...       for i, p in enumerate([9.0, 1.0, 5.0])]
    >>> pay, hours = pay_and_hours(vs)
    >>> (pay[0].median, pay[0].low, pay[0].high), hours.median
    ((5.0, 1.0, 9.0), 40.0)

    """
    rows = _demand_rows(["all"] * len(vacancies), np.arange(len(vacancies), dtype=np.int64), vacancies, {})
    return (rows[0].pay, rows[0].hours) if rows else ((), None)
