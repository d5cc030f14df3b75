"""Placement history as plain data: the candidate pairs of each month, which were proposed, what happened.

One :class:`PlacementRecord` is one candidate pair (a person and an opening the matcher scored for
them in a month). ``proposed`` marks the pair a counsellor actually proposed (at most one per person
and month); its :class:`Outcome` per horizon comes from the proposal's dated pipeline steps
(:mod:`web.placements.pipeline`): reaching ``employed_6_months`` is ``employed=True`` known on that
step's day; a closing step (withdrawn, no offer, left the job, ...) before it is ``employed=False``
known on the closing day; an open proposal has no outcome yet. ``propensity`` is the probability
with which the logging policy chose the proposed pair, when it is known (simulations); it is what
the inverse-propensity and doubly robust estimates of :mod:`matcher.outcomes.backtest` need.

:class:`History` holds the same records as columns (numpy arrays) for fast learning; protected
attributes live only in :attr:`History.audit` and never become features
(:mod:`matcher.outcomes.protected`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from matcher.assignment.instance import Id, frozen_array
from matcher.exceptions import InputError
from matcher.outcomes.protected import check_features

#: Horizons (months after starting the job) at which "still employed" is recorded.
HORIZONS: tuple[int, ...] = (3, 6, 12)
#: ``known_on`` for an outcome not known (yet): later than any real day.
NEVER = np.iinfo(np.int64).max
_EPOCH = dt.date(1970, 1, 1)


def day_number(day: dt.date) -> int:
    """Days since 1970-01-01 (how :class:`History` stores days)."""
    return (day - _EPOCH).days


def day_of(number: int) -> dt.date:
    """The date of a day number."""
    return _EPOCH + dt.timedelta(days=int(number))


def month_of(numbers: NDArray[np.int64]) -> NDArray[np.int64]:
    """Month index (``year * 12 + month - 1``) of day numbers."""
    months = np.asarray(numbers).astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    return months + 1970 * 12


@dataclass(frozen=True)
class Outcome:
    """Whether the person was still employed ``horizon`` months after starting, and when that became known."""

    horizon: int
    employed: bool
    known_on: dt.date


@dataclass(frozen=True)
class PlacementRecord:
    """One candidate pair of a month: the match's features, whether it was proposed, and its outcomes.

    Attributes
    ----------
    person, opening, employer : id
        The opening is a vacancy or a programme's places; the employer (or programme operator)
        owns its track record.
    day : date
        The day the proposal was made (for candidates not proposed: the same decision day).
    programme : bool
        A programme place (the paid-placement path) rather than a job.
    sector : str
    score : float
        The match score that ranked the pair.
    features : mapping of str to float
        The match's numeric features (skill coverage, score parts, distance, hours and pay fit,
        stated-preference fit, ...). Never a protected attribute.
    proposed : bool
    propensity : float or None
        Probability that the logging policy proposed this pair, if known.
    outcomes : tuple of Outcome
        Known outcomes of a proposed pair, one per horizon at most.
    """

    person: Id
    opening: Id
    employer: Id
    day: dt.date
    programme: bool
    sector: str
    score: float
    features: Mapping[str, float]
    proposed: bool = False
    propensity: float | None = None
    outcomes: tuple[Outcome, ...] = ()


@dataclass(frozen=True, eq=False)
class History:
    """Candidate pairs as read-only columns; build with :func:`from_records` or :func:`from_columns`.

    ``employed[r, k]`` is 1.0 / 0.0 / NaN (unknown) for horizon ``HORIZONS[k]``, known on day
    ``known_on[r, k]`` (:data:`NEVER` when unknown). ``capacities`` maps (opening index, month
    index) to the places the opening had that month; ``None`` means the places actually filled
    (the proposals made), which is what a replay uses then. ``audit`` maps a person id to
    protected attributes (gender, nationality, age band) for subgroup auditing only.
    """

    people: tuple[Id, ...]
    openings: tuple[Id, ...]
    employers: tuple[Id, ...]
    sectors: tuple[str, ...]
    feature_names: tuple[str, ...]
    person: NDArray[np.intp]
    opening: NDArray[np.intp]
    employer: NDArray[np.intp]
    sector: NDArray[np.intp]
    day: NDArray[np.int64]
    programme: NDArray[np.bool_]
    score: NDArray[np.float64]
    features: NDArray[np.float64]
    proposed: NDArray[np.bool_]
    propensity: NDArray[np.float64]
    employed: NDArray[np.float64]
    known_on: NDArray[np.int64]
    capacities: Mapping[tuple[int, int], int] | None = None
    audit: Mapping[Id, Mapping[str, str]] = field(default_factory=dict)

    def __len__(self) -> int:
        """Number of candidate pairs."""
        return len(self.person)

    @property
    def month(self) -> NDArray[np.int64]:
        """Month index of each pair's day."""
        return month_of(self.day)

    def horizon_column(self, horizon: int) -> int:
        """Column of ``employed`` / ``known_on`` for a horizon; :class:`InputError` for another."""
        if horizon not in HORIZONS:
            raise InputError(f"horizon must be one of {list(HORIZONS)} months, got {horizon!r}")
        return HORIZONS.index(horizon)

    def subset(self, rows: NDArray[np.intp] | NDArray[np.bool_]) -> History:
        """The same history restricted to some rows (ids, capacities and audit kept)."""
        take = np.flatnonzero(rows) if np.asarray(rows).dtype == bool else np.asarray(rows)
        columns: dict[str, Any] = {
            name: frozen_array(getattr(self, name)[take], getattr(self, name).dtype) for name in _DTYPES
        }
        return replace(self, **columns)


#: The array fields of :class:`History` and their element types.
_DTYPES: dict[str, Any] = {
    "person": np.intp,
    "opening": np.intp,
    "employer": np.intp,
    "sector": np.intp,
    "day": np.int64,
    "programme": bool,
    "score": np.float64,
    "features": np.float64,
    "proposed": bool,
    "propensity": np.float64,
    "employed": np.float64,
    "known_on": np.int64,
}


def from_columns(**columns: Any) -> History:
    """Build a :class:`History` from columns, validating shapes, proposals and feature names.

    Takes the fields of :class:`History` as keywords; arrays are copied and made read-only.
    """
    feature_names = tuple(columns["feature_names"])
    check_features(feature_names)
    n = len(columns["person"])
    arrays = {name: frozen_array(columns[name], dtype) for name, dtype in _DTYPES.items()}
    for name, array in arrays.items():
        if len(array) != n:
            raise InputError(f"history column {name!r} has {len(array)} rows, expected {n}")
    if arrays["features"].shape != (n, len(feature_names)):
        raise InputError(f"features must be {n} x {len(feature_names)}, got {arrays['features'].shape}")
    if arrays["employed"].shape != (n, len(HORIZONS)) or arrays["known_on"].shape != (n, len(HORIZONS)):
        raise InputError(f"employed and known_on must be {n} x {len(HORIZONS)} (horizons {HORIZONS})")
    if not np.isfinite(arrays["score"]).all() or np.isinf(arrays["features"]).any():
        raise InputError("scores must be finite numbers and features finite or missing (NaN)")
    if (~arrays["proposed"][:, None] & ~np.isnan(arrays["employed"])).any():
        raise InputError("only a proposed pair can have an outcome")
    months = month_of(arrays["day"])
    key = arrays["person"].astype(np.int64) * (months.max(initial=0) + 1) + months
    twice = np.bincount(np.unique(key[arrays["proposed"]], return_inverse=True)[1])
    if (twice > 1).any():
        raise InputError("a person has more than one proposed pair in the same month")
    people = tuple(columns["people"])
    for name, ids in (
        ("person", people),
        ("opening", columns["openings"]),
        ("employer", columns["employers"]),
    ):
        idx = arrays[name]
        if n and (idx.min() < 0 or idx.max() >= len(ids)):
            raise InputError(f"{name} index out of range")
    return History(
        people=people,
        openings=tuple(columns["openings"]),
        employers=tuple(columns["employers"]),
        sectors=tuple(columns["sectors"]),
        feature_names=feature_names,
        capacities=columns.get("capacities"),
        audit=dict(columns.get("audit") or {}),
        **arrays,
    )


def _index(values: Iterable[Any]) -> tuple[tuple[Any, ...], NDArray[np.intp]]:
    ids: dict[Any, int] = {}
    codes = [ids.setdefault(v, len(ids)) for v in values]
    return tuple(ids), np.array(codes, dtype=np.intp)


def from_records(
    records: Sequence[PlacementRecord],
    *,
    capacities: Mapping[tuple[Id, dt.date], int] | None = None,
    audit: Mapping[Id, Mapping[str, str]] | None = None,
) -> History:
    """Build a :class:`History` from records.

    Parameters
    ----------
    records : sequence of PlacementRecord
    capacities : mapping, optional
        ``(opening id, first day of the month) -> places``; absent: the places actually filled.
    audit : mapping, optional
        Person id -> protected attributes, for subgroup auditing only.

    Examples
    --------
    >>> day = dt.date(2025, 3, 1)
    >>> r = PlacementRecord("ana", "bakery", "acme", day, False, "food", 0.8, {"hours_fit": 1.0},
    ...                     proposed=True, outcomes=(Outcome(6, True, dt.date(2025, 10, 1)),))
    >>> h = from_records([r])
    >>> h.employed.tolist(), h.feature_names
    ([[nan, 1.0, nan]], ('hours_fit',))

    """
    names = tuple(dict.fromkeys(name for r in records for name in r.features))
    check_features(names)
    people, person = _index(r.person for r in records)
    openings, opening = _index(r.opening for r in records)
    employers, employer = _index(r.employer for r in records)
    sectors, sector = _index(r.sector for r in records)
    employed = np.full((len(records), len(HORIZONS)), np.nan)
    known_on = np.full((len(records), len(HORIZONS)), NEVER, dtype=np.int64)
    for i, r in enumerate(records):
        for o in r.outcomes:
            if o.horizon not in HORIZONS:
                raise InputError(f"record {i}: horizon must be one of {list(HORIZONS)}, got {o.horizon!r}")
            k = HORIZONS.index(o.horizon)
            employed[i, k], known_on[i, k] = float(o.employed), day_number(o.known_on)
    caps = None
    if capacities is not None:
        where = {v: i for i, v in enumerate(openings)}
        caps = {}
        for (opening_id, first), places in capacities.items():
            if opening_id in where:
                caps[(where[opening_id], first.year * 12 + first.month - 1)] = int(places)
    return from_columns(
        people=people,
        openings=openings,
        employers=employers,
        sectors=sectors,
        feature_names=names,
        person=person,
        opening=opening,
        employer=employer,
        sector=sector,
        day=[day_number(r.day) for r in records],
        programme=[r.programme for r in records],
        score=[r.score for r in records],
        features=np.array([[r.features.get(n, np.nan) for n in names] for r in records]).reshape(
            len(records), len(names)
        ),
        proposed=[r.proposed for r in records],
        propensity=[np.nan if r.propensity is None else r.propensity for r in records],
        employed=employed,
        known_on=known_on,
        capacities=caps,
        audit=audit,
    )
