"""Demand (vacancies) per ESCO occupation, ISCO-08 group and ESCO skill, with pay and hours.

Everything here is vectorised with NumPy over already-grounded records: keys are
factorised once, counts come from ``bincount`` and medians from one sort per table.
Pay is per month (see :func:`matcher.demand.grounded.monthly_pay`) and summarised per
currency, because medians across currencies mean nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from matcher.demand.grounded import GroundedPerson, GroundedVacancy
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
class LocalWindow:
    """Where and when the local market was read: one locality (``None``: all) and a window of days."""

    locality: str | None
    start: dt.date | None
    end: dt.date | None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form (dates as ISO strings)."""
        out = asdict(self)
        out["start"] = self.start.isoformat() if self.start else None
        out["end"] = self.end.isoformat() if self.end else None
        return out


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
    """Per group: ``(group ids, n, median, low, high)`` of ``values``, with two stable sorts.

    Examples
    --------
    >>> g, n, med, lo, hi = segment_stats(np.array([1, 0, 1, 1]), np.array([5.0, 2.0, 1.0, 3.0]))
    >>> g.tolist(), n.tolist(), med.tolist(), lo.tolist(), hi.tolist()
    ([0, 1], [1, 3], [2.0, 3.0], [2.0, 1.0], [2.0, 5.0])

    """
    by_value = np.argsort(values, kind="stable")
    order = by_value[np.argsort(group[by_value], kind="stable")]
    g, v = group[order], values[order]
    if len(g) == 0:
        empty = np.zeros(0, dtype=np.float64)
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), empty, empty, empty
    starts = np.flatnonzero(np.r_[True, g[1:] != g[:-1]])
    n = np.diff(np.r_[starts, len(g)])
    median = (v[starts + (n - 1) // 2] + v[starts + n // 2]) / 2.0
    return g[starts], n, median, v[starts], v[starts + n - 1]


def _sorted_unique(values: IntArray) -> IntArray:
    ordered = np.sort(values)
    return ordered[np.r_[True, ordered[1:] != ordered[:-1]]] if len(ordered) else ordered


def _distinct_per_group(group: IntArray, member: IntArray, n_groups: int) -> IntArray:
    """How many distinct non-negative ``member`` codes each group has."""
    keep = (group >= 0) & (member >= 0)
    width = int(member.max()) + 1 if keep.any() else 1
    pairs = _sorted_unique(group[keep] * width + member[keep])
    return np.bincount(pairs // width, minlength=n_groups).astype(np.int64)


@dataclass(frozen=True)
class VacancyColumns:
    """The per-vacancy numbers every demand table needs, extracted once (see :func:`vacancy_columns`)."""

    count: int
    pay: FloatArray
    hours: FloatArray
    currency_codes: IntArray
    currencies: tuple[str, ...]
    employer_codes: IntArray


def vacancy_columns(vacancies: Sequence[GroundedVacancy]) -> VacancyColumns:
    """Pay, hours, currency and employer of each vacancy as arrays (NaN / -1 where unknown).

    Examples
    --------
    >>> cols = vacancy_columns([GroundedVacancy("v1", "X", None, None, None, (), 10.0, None, "NPR", "e1")])
    >>> cols.pay.tolist(), cols.currencies, cols.employer_codes.tolist()
    ([10.0], ('NPR',), [0])

    """
    pay = np.array(
        [np.nan if v.pay_per_month is None else v.pay_per_month for v in vacancies], dtype=np.float64
    )
    hours = np.array([np.nan if v.hours is None else v.hours for v in vacancies], dtype=np.float64)
    cur_codes, currencies = _factorize([v.currency or "" for v in vacancies])
    emp_codes, _ = _factorize([v.employer for v in vacancies])
    return VacancyColumns(len(vacancies), pay, hours, cur_codes, tuple(currencies), emp_codes)


def _pay_by_group(codes: IntArray, rows: IntArray, cols: VacancyColumns) -> dict[int, list[PaySummary]]:
    pay_rows = cols.pay[rows]
    has_pay = ~np.isnan(pay_rows)
    n_cur = max(len(cols.currencies), 1)
    pg, pn, pmed, plo, phi = segment_stats(
        codes[has_pay] * n_cur + cols.currency_codes[rows][has_pay], pay_rows[has_pay]
    )
    pays: dict[int, list[PaySummary]] = {}
    for g, n, m, lo, hi in zip(
        pg.tolist(), pn.tolist(), pmed.tolist(), plo.tolist(), phi.tolist(), strict=True
    ):
        pays.setdefault(g // n_cur, []).append(PaySummary(cols.currencies[g % n_cur] or None, n, m, lo, hi))
    return pays


def _demand_rows(
    keys: Sequence[str | None], row_vacancy: IntArray, cols: VacancyColumns, labels: Mapping[str, str]
) -> tuple[DemandRow, ...]:
    codes, uniques = _factorize(keys)
    keep = codes >= 0
    # one row per (key, vacancy), even if a vacancy lists a skill twice
    width = max(cols.count, 1)
    pairs = _sorted_unique(codes[keep] * width + row_vacancy[keep])
    codes, row_vacancy = pairs // width, pairs % width
    n_groups = len(uniques)
    counts = np.bincount(codes, minlength=n_groups)
    employers = _distinct_per_group(codes, cols.employer_codes[row_vacancy], n_groups)
    pays = _pay_by_group(codes, row_vacancy, cols)
    hour_rows = cols.hours[row_vacancy]
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
    vacancies: Sequence[GroundedVacancy],
    level: int | None = None,
    labels: Mapping[str, str] | None = None,
    columns: VacancyColumns | None = None,
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
    cols = columns or vacancy_columns(vacancies)
    return _demand_rows(keys, np.arange(len(vacancies), dtype=np.int64), cols, labels or {})


def titles_by_occupation(
    vacancies: Iterable[GroundedVacancy], titles: Mapping[str, str], level: int | None = None
) -> dict[str, tuple[tuple[str, int], ...]]:
    """The job titles linked to each occupation (or ISCO-08 group of ``level`` digits), most vacancies first.

    ``titles`` gives each vacancy's title by its id. Shown beside a map's counts, they let the reader
    see what a count is made of, and so a title linked to the wrong occupation.

    Examples
    --------
    >>> day = dt.date(2026, 3, 1)
    >>> vs = [GroundedVacancy(i, "X", day, "esco:cook", "5120", ()) for i in ("v1", "v2", "v3")]
    >>> titles_by_occupation(vs, {"v1": "Cook", "v2": "Staff Canteen Cook", "v3": "Cook"})
    {'esco:cook': (('Cook', 2), ('Staff Canteen Cook', 1))}
    """
    check_level(level)
    counts: dict[str, Counter[str]] = {}
    for v in vacancies:
        key = occupation_key(v.occupation_uri, v.isco_group, level)
        if key is not None and titles.get(v.id):
            counts.setdefault(key, Counter())[titles[v.id]] += 1
    return {key: tuple(sorted(c.items(), key=lambda tn: (-tn[1], tn[0]))) for key, c in counts.items()}


def demand_by_skill(
    vacancies: Sequence[GroundedVacancy],
    labels: Mapping[str, str] | None = None,
    columns: VacancyColumns | None = None,
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
    return _demand_rows(keys, row, columns or vacancy_columns(vacancies), labels or {})


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
    everything = np.arange(len(vacancies), dtype=np.int64)
    rows = _demand_rows(["all"] * len(vacancies), everything, vacancy_columns(vacancies), {})
    return (rows[0].pay, rows[0].hours) if rows else ((), None)
