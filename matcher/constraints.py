"""Hard and soft constraints, vectorised over many vacancies with numpy.

:class:`ConstraintArrays` holds one array per vacancy field (coordinates, hours, shift,
pay per hour, languages, contract, sector). :func:`check` evaluates one person against
all of them (or a subset) and returns, per cause, which vacancies are ruled out (hard)
and how many points each loses (soft). The words for a counsellor are written by
:mod:`matcher.reasons` from the same cause codes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from numpy.typing import NDArray

from matcher.records import (
    DEFAULT_HOURS_PER_WEEK,
    WEEKS_PER_MONTH,
    Pay,
    PersonProfile,
    Vacancy,
    period_hours,
)
from matcher.scoring import DEFAULT_WEIGHTS, ScoreWeights

EARTH_RADIUS_KM = 6371.0088
#: Cause codes of a counsellor's filters start with this; the others are the person's own limits.
FILTER_PREFIX = "filter_"
Bool = NDArray[np.bool_]
Float = NDArray[np.float64]
_DAYTIME = ("mornings", "afternoons")
_TIME_OF_DAY = ("mornings", "afternoons", "evenings", "nights")
#: words in an exclusion -> (shifts ruled out, shifts that only partly clash, contracts ruled out)
_STRUCTURED = (
    (re.compile(r"\bnight"), ("night",), ("mixed",), ()),
    (re.compile(r"\bevening"), ("evening",), ("mixed",), ()),
    (re.compile(r"zero[ -]?hours?"), (), (), ("zero_hours",)),
    (re.compile(r"\bseasonal"), (), (), ("seasonal",)),
    (re.compile(r"\bcasual"), (), (), ("casual", "zero_hours")),
    (re.compile(r"\b(temporary|short[ -]term|fixed[ -]term)"), (), (), ("fixed_term", "seasonal", "casual")),
)


@dataclass(frozen=True)
class MatchFilters:
    """Filters a counsellor applies on top of the person's own constraints (all hard).

    ``max_distance_km`` tightens (never widens) the person's radius; ``sectors`` and
    ``kinds`` keep only those values; hours keep jobs within the range; ``min_pay``
    keeps jobs paying at least that much (converted to its period).
    """

    max_distance_km: float | None = None
    sectors: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    min_hours: float | None = None
    max_hours: float | None = None
    min_pay: Pay | None = None


def haversine_km(lat1: Float | float, lon1: Float | float, lat2: Float | float, lon2: Float | float) -> Float:
    """Return the great-circle distance in km between WGS84 points (vectorised).

    Examples
    --------
    >>> round(float(haversine_km(-12.0464, -77.0428, -13.5320, -71.9675)), 0)
    575.0

    """
    la1, lo1, la2, lo2 = (np.radians(np.asarray(x, dtype=np.float64)) for x in (lat1, lon1, lat2, lon2))
    a = np.sin((la2 - la1) / 2) ** 2 + np.cos(la1) * np.cos(la2) * np.sin((lo2 - lo1) / 2) ** 2
    return np.asarray(2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0))), dtype=np.float64)


def period_hours_array(period: str, hours_per_week: Float) -> Float:
    """Return hours per pay period for many jobs; NaN hours per week mean a default week.

    Examples
    --------
    >>> period_hours_array("week", np.array([30.0, np.nan])).tolist()
    [30.0, 40.0]

    """
    week = np.where(np.isnan(hours_per_week), DEFAULT_HOURS_PER_WEEK, hours_per_week)
    if period == "week":
        return week
    if period == "month":
        return week * WEEKS_PER_MONTH
    return np.full(week.shape, period_hours(period))


def _encode(values: Sequence[str]) -> tuple[NDArray[np.int32], dict[str, int]]:
    vocab: dict[str, int] = {}
    codes = np.array([vocab.setdefault(v, len(vocab)) for v in values], dtype=np.int32)
    return codes, vocab


@dataclass(frozen=True)
class Coded:
    """A string field as integer codes (fast comparisons over many vacancies)."""

    codes: NDArray[np.int32]
    vocab: dict[str, int]

    def isin(self, values: Sequence[str] | set[str], idx: NDArray[np.intp] | None) -> Bool:
        """True where the field is one of ``values`` (for rows ``idx``, all when ``None``)."""
        codes = self.codes if idx is None else self.codes[idx]
        wanted = [self.vocab[v] for v in values if v in self.vocab]
        out = np.zeros(codes.shape, dtype=bool)
        for code in wanted:
            out |= codes == code
        return out


@dataclass(frozen=True)
class ConstraintArrays:
    """Per-vacancy constraint fields as numpy arrays (NaN or "" where unknown).

    Required languages are bit masks (64 languages per ``uint64`` word).
    """

    lat_rad: Float
    lon_rad: Float
    cos_lat: Float
    hours: Float
    shift: Coded
    contract: Coded
    sector: Coded
    kind: Coded
    currency: Coded
    hourly_pay: Float
    placement_hourly_pay: Float
    language_bits: NDArray[np.uint64]
    language_vocab: dict[str, int] = field(default_factory=dict)

    @classmethod
    def from_vacancies(cls, vacancies: Sequence[Vacancy]) -> ConstraintArrays:
        """Build the arrays from vacancies."""
        nan = float("nan")
        vocab: dict[str, int] = {}
        for v in vacancies:
            for lang in v.languages_required:
                vocab.setdefault(lang.lower(), len(vocab))
        bits = np.zeros((len(vacancies), len(vocab) // 64 + 1), dtype=np.uint64)
        for row, v in enumerate(vacancies):
            for lang in v.languages_required:
                col = vocab[lang.lower()]
                bits[row, col // 64] |= np.uint64(1 << (col % 64))

        def hourly(pay: Pay | None, hours: float | None) -> float:
            return pay.hourly(hours) if pay is not None else nan

        lat = np.radians([v.location.latitude if v.location else nan for v in vacancies])
        return cls(
            lat_rad=np.asarray(lat, dtype=np.float64),
            lon_rad=np.radians([v.location.longitude if v.location else nan for v in vacancies]),
            cos_lat=np.cos(lat),
            hours=np.array([v.hours_per_week or nan for v in vacancies], dtype=np.float64),
            shift=Coded(*_encode([v.shift for v in vacancies])),
            contract=Coded(*_encode([v.contract for v in vacancies])),
            sector=Coded(*_encode([v.sector for v in vacancies])),
            kind=Coded(*_encode([v.kind for v in vacancies])),
            currency=Coded(*_encode([(v.best_pay.currency if v.best_pay else "") for v in vacancies])),
            hourly_pay=np.array([hourly(v.best_pay, v.hours_per_week) for v in vacancies], dtype=np.float64),
            placement_hourly_pay=np.array(
                [hourly(v.pay, v.hours_per_week) if v.is_programme else nan for v in vacancies],
                dtype=np.float64,
            ),
            language_bits=bits,
            language_vocab=vocab,
        )

    def __len__(self) -> int:
        """Number of vacancies."""
        return len(self.hours)


@dataclass(frozen=True)
class ConstraintOutcome:
    """Per cause code: hard (bool array, True = ruled out) and soft (points lost)."""

    hard: dict[str, Bool]
    soft: dict[str, Float]
    distance_km: Float

    @property
    def excluded(self) -> Bool:
        """True where any hard cause rules the vacancy out."""
        out = np.zeros(self.distance_km.shape, dtype=bool)
        for mask in self.hard.values():
            out |= mask
        return out

    def split(self) -> tuple[ConstraintOutcome, ConstraintOutcome]:
        """The hard causes parted: the person's own limits, then the counsellor's filters (``filter_*``).

        Examples
        --------
        >>> out = ConstraintOutcome(
        ...     {"filter_kind": np.array([True, True, False]), "pay": np.array([True, False, False])}, {},
        ...     np.zeros(3))
        >>> limits, filters = out.split()
        >>> sorted(limits.hard), sorted(filters.hard), (filters.excluded & ~limits.excluded).tolist()
        (['pay'], ['filter_kind'], [False, True, False])
        """
        limits = {code: mask for code, mask in self.hard.items() if not code.startswith(FILTER_PREFIX)}
        filters = {code: mask for code, mask in self.hard.items() if code.startswith(FILTER_PREFIX)}
        return replace(self, hard=limits), replace(self, hard=filters)

    @property
    def penalty_points(self) -> Float:
        """Total soft penalty points per vacancy."""
        out = np.zeros(self.distance_km.shape, dtype=np.float64)
        for points in self.soft.values():
            out += points
        return out


def cause_counts(outcome: ConstraintOutcome, late_exclusions: int = 0) -> tuple[tuple[str, int], ...]:
    """How many vacancies each hard cause rules out (a vacancy may have several), sorted by cause.

    ``late_exclusions`` are vacancies ruled out later by the person's own words (counted
    under ``exclusion``).

    Examples
    --------
    >>> out = ConstraintOutcome({"pay": np.array([True, False]), "hours": np.array([False, False])}, {},
    ...                         np.zeros(2))
    >>> cause_counts(out, late_exclusions=2)
    (('exclusion', 2), ('pay', 1))
    """
    counts = {code: int(mask.sum()) for code, mask in outcome.hard.items() if mask.any()}
    if late_exclusions:
        counts["exclusion"] = counts.get("exclusion", 0) + late_exclusions
    return tuple(sorted(counts.items()))


def _languages(person: PersonProfile, arr: ConstraintArrays, idx: NDArray[np.intp]) -> Bool:
    spoken = {lang.lower() for lang in person.languages}
    missing = np.zeros(arr.language_bits.shape[1], dtype=np.uint64)
    for lang, col in arr.language_vocab.items():
        if lang not in spoken:
            missing[col // 64] |= np.uint64(1 << (col % 64))
    if not missing.any():
        return np.zeros(len(idx), dtype=bool)
    return np.asarray(((arr.language_bits[idx] & missing) != 0).any(axis=1), dtype=bool)


def _distance(person: PersonProfile, arr: ConstraintArrays, idx: NDArray[np.intp]) -> Float:
    if person.location is None:
        return np.full(len(idx), np.nan)
    lat, lon = np.radians(person.location.latitude), np.radians(person.location.longitude)
    a = (
        np.sin((arr.lat_rad[idx] - lat) / 2) ** 2
        + np.cos(lat) * arr.cos_lat[idx] * np.sin((arr.lon_rad[idx] - lon) / 2) ** 2
    )
    return np.asarray(2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0))), dtype=np.float64)


def _hours(person: PersonProfile, hours: Float, w: ScoreWeights) -> tuple[Bool, Float]:
    over = np.zeros_like(hours)
    tolerance = np.full_like(hours, np.inf)
    known = ~np.isnan(hours)
    if person.max_hours_per_week is not None:
        excess = np.where(known, hours - person.max_hours_per_week, 0.0)
        over = np.maximum(over, excess)
        tolerance = np.where(
            excess > 0, max(w.hours_tolerance * person.max_hours_per_week, w.hours_tolerance_min), tolerance
        )
    if person.min_hours_per_week is not None:
        short = np.where(known, person.min_hours_per_week - hours, 0.0)
        tolerance = np.where(
            short > over, max(w.hours_tolerance * person.min_hours_per_week, w.hours_tolerance_min), tolerance
        )
        over = np.maximum(over, short)
    over = np.maximum(over, 0.0)
    hard = over > tolerance
    soft = np.where(hard | (over <= 0), 0.0, w.hours_points * np.minimum(over / tolerance, 1.0))
    return hard, soft


def _shift(person: PersonProfile, shift: Coded, idx: NDArray[np.intp], w: ScoreWeights) -> tuple[Bool, Float]:
    said = set(person.availability) & set(_TIME_OF_DAY)
    hard = np.zeros(len(idx), dtype=bool)
    soft = np.zeros(len(idx), dtype=np.float64)
    if not said:
        return hard, soft
    day = said & set(_DAYTIME)
    ruled_out = {"night"} - ({"night"} if "nights" in said else set())
    ruled_out |= {"evening"} - ({"evening"} if "evenings" in said else set())
    ruled_out |= set() if day else {"day"}
    hard |= shift.isin(ruled_out, idx)
    if len(day) == 1:
        soft += np.where(shift.isin({"day"}, idx), w.shift_partial_points, 0.0)
    if not said & ({"evenings", "nights"} | set(_DAYTIME)):
        hard |= shift.isin({"mixed"}, idx)
    elif not {"evenings", "nights"} <= said or not day:
        soft += np.where(shift.isin({"mixed"}, idx), w.mixed_shift_points, 0.0)
    return hard, soft


def structured_exclusions(exclusions: Sequence[str]) -> tuple[set[str], set[str], set[str]]:
    """Return the shifts ruled out, shifts partly clashing and contracts ruled out by a person's exclusions.

    Examples
    --------
    >>> structured_exclusions(["no night shifts", "zero-hours contracts"])
    ({'night'}, {'mixed'}, {'zero_hours'})

    """
    shifts: set[str] = set()
    partial: set[str] = set()
    contracts: set[str] = set()
    for text in exclusions:
        low = text.lower()
        for pattern, hard_shifts, soft_shifts, bad_contracts in _STRUCTURED:
            if pattern.search(low):
                shifts.update(hard_shifts)
                partial.update(soft_shifts)
                contracts.update(bad_contracts)
    return shifts, partial, contracts


def _pay(person: PersonProfile, arr: ConstraintArrays, idx: NDArray[np.intp]) -> dict[str, Float]:
    nothing = np.zeros(len(idx))
    want = person.desired_pay
    if want is None or want.amount <= 0:
        return {"pay": nothing, "placement_pay": nothing}
    per_period = period_hours_array(want.period, arr.hours[idx])
    same = arr.currency.isin({want.currency}, idx)
    out = {}
    for key, hourly in (("pay", arr.hourly_pay[idx]), ("placement_pay", arr.placement_hourly_pay[idx])):
        shortfall = np.where(same & ~np.isnan(hourly), 1.0 - hourly * per_period / want.amount, 0.0)
        out[key] = np.maximum(shortfall, 0.0)
    return out


def check(
    person: PersonProfile,
    arr: ConstraintArrays,
    idx: NDArray[np.intp] | None = None,
    filters: MatchFilters | None = None,
    weights: ScoreWeights = DEFAULT_WEIGHTS,
) -> ConstraintOutcome:
    """Evaluate ``person``'s constraints against the vacancies ``idx`` (all when ``None``)."""
    idx = np.arange(len(arr)) if idx is None else np.asarray(idx, dtype=np.intp)
    w = weights
    hard: dict[str, Bool] = {"language": _languages(person, arr, idx)}
    soft: dict[str, Float] = {}
    dist = _distance(person, arr, idx)
    known = ~np.isnan(dist)
    # no limit given is not "anywhere in the world": a job in another country is not within reach
    hard["distance"] = known & (dist > w.travel_limit_km(person.max_distance_km))
    scale = w.distance_unstated_km if person.max_distance_km is None else max(person.max_distance_km, 1e-9)
    soft["distance"] = np.where(known, w.distance_points * np.minimum(np.nan_to_num(dist) / scale, 1.0), 0.0)
    hard["hours"], soft["hours"] = _hours(person, arr.hours[idx], w)
    hard["shift"], soft["shift"] = _shift(person, arr.shift, idx, w)
    shifts, partial, contracts = structured_exclusions(person.exclusions)
    hard["exclusion"] = arr.shift.isin(shifts, idx) | arr.contract.isin(contracts, idx)
    soft["exclusion"] = np.where(arr.shift.isin(partial, idx), w.mixed_shift_points, 0.0)
    # One rule, one penalty: a mixed-shift job the person's own "no nights" already marks down is
    # not marked down again for their availability (the review saw the same shift penalty twice).
    soft["shift"] = np.where(soft["exclusion"] > 0, 0.0, soft["shift"])
    short = _pay(person, arr, idx)
    hard["pay"] = short["pay"] > w.pay_margin
    soft["pay"] = np.where(hard["pay"], 0.0, w.pay_points * short["pay"] / w.pay_margin)
    soft["placement_pay"] = np.where(short["placement_pay"] > 0, w.placement_pay_points, 0.0)
    if filters is not None:
        hard.update(_filters(filters, arr, idx, dist))
    return ConstraintOutcome(hard=hard, soft=soft, distance_km=dist)


def _filters(f: MatchFilters, arr: ConstraintArrays, idx: NDArray[np.intp], dist: Float) -> dict[str, Bool]:
    out: dict[str, Bool] = {}
    if f.max_distance_km is not None:
        out["filter_distance"] = ~(dist <= f.max_distance_km)
    if f.sectors:
        out["filter_sector"] = ~arr.sector.isin({s.lower() for s in f.sectors}, idx)
    if f.kinds:
        out["filter_kind"] = ~arr.kind.isin(set(f.kinds), idx)
    hours = arr.hours[idx]
    if f.min_hours is not None:
        out["filter_hours"] = ~(hours >= f.min_hours)
    if f.max_hours is not None:
        out["filter_hours"] = out.get("filter_hours", np.zeros(len(idx), bool)) | ~(hours <= f.max_hours)
    if f.min_pay is not None:
        paid = arr.hourly_pay[idx] * period_hours_array(f.min_pay.period, hours)
        out["filter_pay"] = ~(arr.currency.isin({f.min_pay.currency}, idx) & (paid >= f.min_pay.amount))
    return out
