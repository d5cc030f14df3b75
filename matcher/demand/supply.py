"""Supply (people) per past ESCO occupation, ISCO-08 group and ESCO skill, with suppression.

A person counts once per row however many of their past jobs fall in it. Counts from 1
to ``threshold - 1`` are suppressed (see :mod:`matcher.demand.suppression`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from matcher.demand.aggregate import IntArray, _distinct_per_group, _factorize, check_level, occupation_key
from matcher.demand.grounded import GroundedPerson
from matcher.demand.suppression import DEFAULT_THRESHOLD, check_threshold, suppress_people


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
