"""Instances from JSON-like records (the ``pathways assign`` contract) or a dense score matrix."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from operator import itemgetter
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from matcher.assignment.instance import (
    AssignmentInstance,
    Id,
    _check_capacities,
    _check_ids,
    _id_index,
    _positions,
    from_arrays,
)
from matcher.exceptions import AssignmentError


def _field(record: Any, name: str, where: str) -> Any:
    if not isinstance(record, Mapping):
        raise AssignmentError(f"{where} must be an object, got {record!r}")
    if name not in record:
        raise AssignmentError(f"{where} has no {name!r}")
    return record[name]


def _column(records: Sequence[Any], name: str, where: str) -> list[Any]:
    """``record[name]`` of every record; the error names the first record without it."""
    try:
        return list(map(itemgetter(name), records))
    except (KeyError, TypeError, IndexError):
        return [_field(record, name, f"{where}[{i}]") for i, record in enumerate(records)]


def _records(value: Any, name: str) -> Sequence[Any]:
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise AssignmentError(f"{name!r} must be a list")
    return value


def from_records(
    people: Sequence[Mapping[str, Any]],
    placements: Sequence[Mapping[str, Any]],
    scores: Sequence[Mapping[str, Any]],
    *,
    person_prefs: Mapping[Any, Sequence[Id]] | None = None,
    placement_prefs: Mapping[Any, Sequence[Id]] | None = None,
    min_score: float | None = None,
) -> AssignmentInstance:
    """Build and validate an instance from JSON-like records.

    ``people``: ``{"id": ..., "opted_out": bool (optional)}``; ``placements``:
    ``{"id": ..., "capacity": n}``; ``scores``: ``{"person": ..., "placement": ..., "score": s}``.
    Preference keys may be ids or their string forms (JSON object keys are strings).
    See :func:`from_arrays` for the meaning of each part.

    Raises
    ------
    AssignmentError
        Naming the record and field at fault.

    Examples
    --------
    >>> inst = from_records(
    ...     [{"id": "ana"}, {"id": "ben", "opted_out": True}],
    ...     [{"id": "bakery", "capacity": 2}],
    ...     [{"person": "ana", "placement": "bakery", "score": 0.8},
    ...      {"person": "ben", "placement": "bakery", "score": 0.5}],
    ... )
    >>> inst.eligible.tolist()
    [True, False]
    >>> from_records([{"id": "ana"}], [{"id": "bakery", "capacity": -1}], [])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    matcher.exceptions.AssignmentError: placement 'bakery': capacity must be a whole number ... got -1

    """
    people_ids = _column(_records(people, "people"), "id", "people")
    flags = [record.get("opted_out", False) for record in people]
    if not set(map(type, flags)) <= {bool}:
        i = next(i for i, flag in enumerate(flags) if not isinstance(flag, bool))
        raise AssignmentError(f"people[{i}].opted_out must be true or false, got {flags[i]!r}")
    opted = [value for value, flag in zip(people_ids, flags, strict=True) if flag]
    placement_records = _records(placements, "placements")
    placement_ids = _column(placement_records, "id", "placements")
    capacities = _column(placement_records, "capacity", "placements")
    person_of = _id_index(_check_ids(people_ids, "people"))
    placement_of = _id_index(_check_ids(placement_ids, "placements"))
    _check_capacities(np.array(capacities, dtype=object), tuple(placement_ids))
    score_records = _records(scores, "scores")
    persons = _column(score_records, "person", "scores")
    places = _column(score_records, "placement", "scores")
    raw = _column(score_records, "score", "scores")
    person_index = _positions(persons, person_of, "scores", "person")
    placement_index = _positions(places, placement_of, "scores", "placement")
    if not set(map(type, raw)) <= {int, float}:
        i, score = next((i, v) for i, v in enumerate(raw) if type(v) not in (int, float))
        if isinstance(score, bool) or not isinstance(score, int | float):
            raise AssignmentError(f"scores[{i}]: score must be a number, got {score!r}")
    values = np.array(raw, dtype=np.float64)
    bad = np.flatnonzero(~np.isfinite(values) | (values < 0))
    if bad.size:
        i = int(bad[0])
        raise AssignmentError(f"scores[{i}]: score must be a finite number >= 0, got {raw[i]!r}")
    return from_arrays(
        people_ids,
        placement_ids,
        np.array(capacities, dtype=object),
        np.fromiter(person_index, dtype=np.intp, count=len(person_index)),
        np.fromiter(placement_index, dtype=np.intp, count=len(placement_index)),
        values,
        person_prefs=person_prefs,
        placement_prefs=placement_prefs,
        opted_out=opted,
        min_score=min_score,
    )


def from_score_matrix(
    people: Sequence[Id],
    placements: Sequence[Id],
    capacities: ArrayLike,
    scores: ArrayLike,
    *,
    top_k: int | None = None,
    person_prefs: Mapping[Any, Sequence[Id]] | None = None,
    placement_prefs: Mapping[Any, Sequence[Id]] | None = None,
    opted_out: Iterable[Id] = (),
    min_score: float | None = None,
) -> AssignmentInstance:
    """Build an instance from a dense (people x placements) score matrix, e.g. the matcher's.

    ``NaN`` marks an ineligible pair (a hard constraint failed); every other entry must be
    >= 0. With ``top_k``, each person keeps only their ``top_k`` best-scoring eligible
    placements (ties: placement order), which keeps the optimal method fast on large
    programmes; a ranking may then name only kept pairs.

    Examples
    --------
    >>> inst = from_score_matrix(["ana", "ben"], ["x", "y", "z"], [1, 1, 1],
    ...                          [[0.9, 0.2, float("nan")], [0.5, 0.7, 0.1]], top_k=2)
    >>> inst.pair_person.tolist(), inst.pair_placement.tolist()
    ([0, 0, 1, 1], [0, 1, 0, 1])
    """
    matrix = np.asarray(scores, dtype=np.float64)
    if matrix.shape != (len(people), len(placements)):
        raise AssignmentError(
            f"scores must be a {len(people)} x {len(placements)} matrix (people x placements), "
            f"got {matrix.shape}"
        )
    if top_k is not None and (isinstance(top_k, bool) or not isinstance(top_k, int) or top_k < 1):
        raise AssignmentError(f"top_k must be a whole number >= 1, got {top_k!r}")
    keep = ~np.isnan(matrix)
    if top_k is not None and top_k < matrix.shape[1]:
        # rank each row by score (NaN last), placement order breaking ties, and keep the first top_k
        order = np.argsort(-np.where(keep, matrix, -np.inf), axis=1, kind="stable")
        in_top = np.zeros_like(keep)
        np.put_along_axis(in_top, order[:, :top_k], True, axis=1)
        keep &= in_top
    person_index, placement_index = np.nonzero(keep)
    return from_arrays(
        people,
        placements,
        capacities,
        person_index,
        placement_index,
        matrix[person_index, placement_index],
        person_prefs=person_prefs,
        placement_prefs=placement_prefs,
        opted_out=opted_out,
        min_score=min_score,
    )
