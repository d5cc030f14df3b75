"""A placement-assignment instance as plain data, validated once when built.

People, placements with capacities, and the candidate pairs the matcher scored
(typically each person's top-K placements). A pair that is absent from the scores
is not eligible. Preferences come from each side's own ranking where given, else
from the scores; ties are broken by input order (see :func:`from_arrays`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import chain
from typing import Any, TypeAlias

import numpy as np
from numpy.typing import ArrayLike, NDArray

from matcher.exceptions import AssignmentError

#: A person or placement id: a string or an integer, as in the JSON instance.
Id: TypeAlias = str | int

#: Rank given to a pair that a side's own ranking leaves out (not acceptable to it).
UNRANKED = -1


def frozen_array(values: ArrayLike, dtype: Any) -> NDArray[Any]:
    """A read-only copy of ``values`` as an array of ``dtype`` (what the instances and histories hold)."""
    array = np.array(values, dtype=dtype, copy=True)
    array.flags.writeable = False
    return array


@dataclass(frozen=True, eq=False)
class AssignmentInstance:
    """People, placements and scored candidate pairs; build with :func:`from_records` or :func:`from_arrays`.

    Pair arrays (``pair_*``) are parallel, one entry per candidate pair, and read-only.
    ``person_rank[e]`` is the position of pair ``e``'s placement in its person's
    preference order (0 = first choice), ``placement_rank[e]`` the position of the
    person in the placement's order; :data:`UNRANKED` where that side's own ranking
    leaves the pair out. ``by_person_score`` lists all pair indices grouped by person,
    best score first (ties: placement order).
    """

    people: tuple[Id, ...]
    placements: tuple[Id, ...]
    capacities: NDArray[np.int64]
    pair_person: NDArray[np.intp]
    pair_placement: NDArray[np.intp]
    pair_score: NDArray[np.float64]
    person_rank: NDArray[np.int64]
    placement_rank: NDArray[np.int64]
    opted_out: NDArray[np.bool_]
    by_person_score: NDArray[np.intp]
    min_score: float | None = None

    @property
    def n_people(self) -> int:
        """Number of people."""
        return len(self.people)

    @property
    def n_placements(self) -> int:
        """Number of placements."""
        return len(self.placements)

    @cached_property
    def ranked(self) -> NDArray[np.bool_]:
        """Pairs that neither side's own ranking leaves out."""
        return frozen_array((self.person_rank >= 0) & (self.placement_rank >= 0), bool)

    @cached_property
    def above_min_score(self) -> NDArray[np.bool_]:
        """Pairs whose score reaches the minimum score (all pairs when there is none)."""
        if self.min_score is None:
            return frozen_array(np.ones(len(self.pair_score), bool), bool)
        return frozen_array(self.pair_score >= self.min_score, bool)

    @cached_property
    def pair_lists(self) -> tuple[list[int], list[int], list[float]]:
        """``pair_person``, ``pair_placement`` and ``pair_score`` as Python lists, for per-pair loops."""
        return self.pair_person.tolist(), self.pair_placement.tolist(), self.pair_score.tolist()

    @cached_property
    def eligible_by_preference(self) -> NDArray[np.intp]:
        """Eligible pair indices grouped by person (people order), each person's best first."""
        eligible = np.flatnonzero(self.eligible)
        ordered = eligible[np.lexsort((self.person_rank[eligible], self.pair_person[eligible]))]
        return frozen_array(ordered, np.intp)

    @cached_property
    def eligible(self) -> NDArray[np.bool_]:
        """Pairs that may be proposed: ranked by both sides, above the minimum, person not opted out."""
        mask = self.ranked & self.above_min_score & ~self.opted_out[self.pair_person]
        return frozen_array(mask, bool)


def _check_ids(ids: Sequence[Any], what: str) -> tuple[Id, ...]:
    if set(map(type, ids)) <= {str, int} and len(set(ids)) == len(ids):
        return tuple(ids)
    seen: set[Id] = set()
    for position, value in enumerate(ids):
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise AssignmentError(f"{what}[{position}]: id must be a string or an integer, got {value!r}")
        if value in seen:
            raise AssignmentError(f"{what}[{position}]: duplicate id {value!r}")
        seen.add(value)
    return tuple(ids)


def _check_capacities(capacities: ArrayLike, placements: tuple[Id, ...]) -> NDArray[np.int64]:
    values = list(np.asarray(capacities, dtype=object).ravel())
    if len(values) != len(placements):
        raise AssignmentError(f"{len(values)} capacities given for {len(placements)} placements")
    for placement, value in zip(placements, values, strict=True):
        integral = isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_)
        if not integral or value < 0:
            raise AssignmentError(
                f"placement {placement!r}: capacity must be a whole number of places >= 0, got {value!r}"
            )
    return frozen_array(np.array(values, dtype=np.int64), np.int64)


def _check_scores(scores: NDArray[np.float64], pair_person: NDArray[np.intp], people: tuple[Id, ...]) -> None:
    bad = np.flatnonzero(~np.isfinite(scores) | (scores < 0))
    if bad.size:
        first = int(bad[0])
        raise AssignmentError(
            f"score of pair {first} (person {people[int(pair_person[first])]!r}) must be finite and >= 0, "
            f"got {scores[first]!r}"
        )


def _is_id(value: Any) -> bool:
    return isinstance(value, str | int | np.integer) and not isinstance(value, bool | np.bool_)


def _positions(
    values: Sequence[Any], index: Mapping[Any, int], where: str, word: str, indexed: bool = True
) -> list[int]:
    """Positions of ``values`` in ``index``; the error names the first value that is not an id there.

    When every key is a string only strings can match, so the per-value type check is skipped.
    """
    if _all_text(index) or set(map(type, values)) <= {str, int}:
        try:
            return list(map(index.__getitem__, values))
        except (KeyError, TypeError):  # TypeError: an unhashable value such as a list
            pass
    for position, value in enumerate(values):
        if not _is_id(value) or value not in index:
            at = f"{where}[{position}]" if indexed else where
            raise AssignmentError(f"{at}: unknown {word} {value!r}")
    return [index[value] for value in values]


def _all_text(index: Mapping[Any, int]) -> bool:
    """Whether every key of an id index is a plain ``str`` (no int id could be confused with 1.0 or True)."""
    return bool(getattr(index, "all_text", False))


class _IdIndex(dict[Any, int]):
    """An id -> position dict that remembers whether every id is a plain string."""

    all_text = False


def _id_index(ids: Sequence[Any]) -> dict[Any, int]:
    index = _IdIndex(zip(ids, range(len(ids)), strict=True))
    index.all_text = set(map(type, ids)) <= {str}
    return index


def _key_index(ids: tuple[Id, ...]) -> dict[Any, int]:
    """Map each id, and its string form (JSON object keys are strings), to its position."""
    index = _id_index(ids)
    if not _all_text(index):
        for i, value in enumerate(ids):
            index.setdefault(str(value), i)
    return index


def _pair_lookup(keys: NDArray[np.int64], n: int, m: int) -> Any:
    """``lookup(person_idx, placement_idx)``: pair positions, ``-1`` where the pair has no score."""
    width = max(m, 1)
    if n * width <= 4_000_000:
        table = np.full(n * width, -1, dtype=np.intp)
        table[keys] = np.arange(len(keys))
        return lambda person, placement: table[person.astype(np.int64) * width + placement]

    def search(person: NDArray[np.intp], placement: NDArray[np.intp]) -> NDArray[np.intp]:
        wanted = person.astype(np.int64) * width + placement
        if not len(keys):
            return np.full(len(wanted), -1, dtype=np.intp)
        where = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
        return np.where(keys[where] == wanted, where, -1).astype(np.intp)

    return search


def _covers_all(rankings: Mapping[Any, Any] | None, owners: tuple[Id, ...]) -> bool:
    """Whether ``rankings`` has a ranking for every owner (then no score-derived rank is needed)."""
    if not rankings or len(rankings) < len(owners):
        return False
    index = _key_index(owners)
    return len({index.get(key) for key in rankings if _is_id(key)} - {None}) == len(owners)


def _ranks_from_scores(
    group: NDArray[np.intp], scores: NDArray[np.float64], n_groups: int
) -> tuple[NDArray[np.int64], NDArray[np.intp]]:
    """Rank of each pair within its group, and the grouped order (best score first).

    Pairs are stored by (person, placement), and lexsort is stable, so ties keep the other
    side's input order.
    """
    order = np.lexsort((-scores, group))
    starts = np.zeros(n_groups + 1, dtype=np.int64)
    np.cumsum(np.bincount(group, minlength=n_groups), out=starts[1:])
    ranks = np.empty(len(group), dtype=np.int64)
    ranks[order] = np.arange(len(group)) - starts[group[order]]
    return ranks, order.astype(np.intp)


def _apply_rankings(
    ranks: NDArray[np.int64],
    rankings: Mapping[Any, Any],
    owners: tuple[Id, ...],
    others: tuple[Id, ...],
    words: tuple[str, str],
    pair_owner: NDArray[np.intp],
    lookup: Any,
) -> None:
    """Overwrite ``ranks`` for every owner that gave its own ranking; pairs it left out become UNRANKED.

    ``lookup(owner_idx, other_idx)`` returns the pair positions (``-1`` where the pair has no score).
    """
    if not rankings:
        return
    owner_word, other_word = words
    owner_index, other_index = _key_index(owners), _key_index(others)
    keys, lists = list(rankings.keys()), list(rankings.values())
    owner_pos = _positions(keys, owner_index, f"{owner_word}_prefs", owner_word, indexed=False)
    plain = set(map(type, lists)) <= {list, tuple}
    for key, ranking in zip(keys, [] if plain else lists, strict=False):
        if isinstance(ranking, str | bytes) or not isinstance(ranking, Sequence):
            raise AssignmentError(
                f"{owner_word}_prefs[{key!r}] must be a list of {other_word} ids, best first"
            )
    lengths = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    try:
        other_pos = _positions(list(chain.from_iterable(lists)), other_index, "", other_word)
    except AssignmentError:
        for key, ranking in zip(keys, lists, strict=True):
            _positions(ranking, other_index, f"{owner_word}_prefs[{key!r}]", other_word)
        raise
    owner_arr = np.repeat(np.array(owner_pos, dtype=np.intp), lengths)
    other_arr = np.fromiter(other_pos, dtype=np.intp, count=len(other_pos))
    rank_arr = np.arange(len(other_arr)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    where = lookup(owner_arr, other_arr)
    missing = np.flatnonzero(where < 0)
    if missing.size:
        i = int(missing[0])
        raise AssignmentError(
            f"{owner_word}_prefs[{owners[owner_arr[i]]!r}] names {other_word} {others[other_arr[i]]!r}, "
            "but that pair has no score (a pair absent from scores is not allowed)"
        )
    twice = np.flatnonzero(np.bincount(where, minlength=len(ranks))[where] > 1)
    if twice.size:
        i = int(twice[0])
        raise AssignmentError(
            f"{owner_word}_prefs[{owners[owner_arr[i]]!r}] lists {other_word} {others[other_arr[i]]!r} twice"
        )
    given = np.zeros(len(owners), dtype=bool)
    given[owner_pos] = True
    ranks[given[pair_owner]] = UNRANKED
    ranks[where] = rank_arr


def from_arrays(
    people: Sequence[Id],
    placements: Sequence[Id],
    capacities: ArrayLike,
    person_index: ArrayLike,
    placement_index: ArrayLike,
    scores: ArrayLike,
    *,
    person_prefs: Mapping[Any, Sequence[Id]] | None = None,
    placement_prefs: Mapping[Any, Sequence[Id]] | None = None,
    opted_out: Iterable[Id] = (),
    min_score: float | None = None,
) -> AssignmentInstance:
    """Build and validate an instance from candidate pairs given as index arrays.

    Parameters
    ----------
    people, placements : sequence of str or int
        Unique ids, in the order used for tie-breaking (earlier wins a tie).
    capacities : array-like of int
        Places per placement, whole numbers >= 0.
    person_index, placement_index : array-like of int
        Positions into ``people`` and ``placements``, one per scored candidate pair.
    scores : array-like of float
        Finite scores >= 0, higher is better (a match score or an expected success).
    person_prefs, placement_prefs : mapping, optional
        A side's own ranking, best first. An owner that gives a ranking accepts only
        the pairs it lists; every listed pair must be scored. Owners without a ranking
        rank their pairs by score, ties by the other side's input order.
    opted_out : iterable of id
        People who opted out; nothing is proposed to them.
    min_score : float, optional
        Pairs scoring below it are not eligible.

    Returns
    -------
    AssignmentInstance

    Raises
    ------
    AssignmentError
        Naming the first problem found.

    Examples
    --------
    >>> inst = from_arrays(["ana", "ben"], ["bakery"], [1], [0, 1], [0, 0], [0.9, 0.4])
    >>> inst.n_people, inst.n_placements, inst.person_rank.tolist(), inst.placement_rank.tolist()
    (2, 1, [0, 0], [0, 1])

    """
    people_ids = _check_ids(people, "people")
    placement_ids = _check_ids(placements, "placements")
    caps = _check_capacities(capacities, placement_ids)
    n, m = len(people_ids), len(placement_ids)
    person_arr = np.asarray(person_index)
    placement_arr = np.asarray(placement_index)
    score_arr = np.asarray(scores)
    if not (person_arr.shape == placement_arr.shape == score_arr.shape) or person_arr.ndim != 1:
        raise AssignmentError(
            "person_index, placement_index and scores must be 1-D arrays of the same length"
        )
    for arr, size, word in ((person_arr, n, "person"), (placement_arr, m, "placement")):
        if arr.size and (arr.dtype.kind not in "iu" or arr.min() < 0 or arr.max() >= size):
            raise AssignmentError(f"{word}_index must hold positions 0..{size - 1}")
    if score_arr.dtype.kind not in "iuf":
        raise AssignmentError("scores must be numbers")
    score_arr = score_arr.astype(np.float64)
    keys = person_arr.astype(np.int64) * max(m, 1) + placement_arr.astype(np.int64)
    order = np.argsort(keys, kind="stable")
    keys, person_arr, placement_arr, score_arr = (
        keys[order],
        person_arr[order],
        placement_arr[order],
        score_arr[order],
    )
    duplicate = np.flatnonzero(keys[1:] == keys[:-1])
    if duplicate.size:
        i = int(duplicate[0])
        raise AssignmentError(
            f"duplicate pair: person {people_ids[int(person_arr[i])]!r} and placement "
            f"{placement_ids[int(placement_arr[i])]!r} are scored twice"
        )
    pair_person, pair_placement = person_arr.astype(np.intp), placement_arr.astype(np.intp)
    _check_scores(score_arr, pair_person, people_ids)

    lookup = _pair_lookup(keys, n, m)
    person_rank, by_person_score = _ranks_from_scores(pair_person, score_arr, n)
    if _covers_all(placement_prefs, placement_ids):  # every rank is replaced below
        placement_rank = np.full(len(keys), UNRANKED, dtype=np.int64)
    else:
        placement_rank, _ = _ranks_from_scores(pair_placement, score_arr, m)
    _apply_rankings(
        person_rank,
        person_prefs or {},
        people_ids,
        placement_ids,
        ("person", "placement"),
        pair_person,
        lookup,
    )
    _apply_rankings(
        placement_rank,
        placement_prefs or {},
        placement_ids,
        people_ids,
        ("placement", "person"),
        pair_placement,
        lambda owner, other: lookup(other, owner),
    )
    return AssignmentInstance(
        people=people_ids,
        placements=placement_ids,
        capacities=caps,
        pair_person=frozen_array(pair_person, np.intp),
        pair_placement=frozen_array(pair_placement, np.intp),
        pair_score=frozen_array(score_arr, np.float64),
        person_rank=frozen_array(person_rank, np.int64),
        by_person_score=frozen_array(by_person_score, np.intp),
        placement_rank=frozen_array(placement_rank, np.int64),
        opted_out=frozen_array(_opted_out_mask(opted_out, people_ids), bool),
        min_score=_check_min_score(min_score),
    )


def _opted_out_mask(opted_out: Iterable[Id], people: tuple[Id, ...]) -> NDArray[np.bool_]:
    index = {value: i for i, value in enumerate(people)}
    mask = np.zeros(len(people), dtype=bool)
    for value in opted_out:
        if value not in index:
            raise AssignmentError(f"opted_out: unknown person {value!r}")
        mask[index[value]] = True
    return mask


def _check_min_score(min_score: Any) -> float | None:
    if min_score is None:
        return None
    if isinstance(min_score, bool) or not isinstance(min_score, int | float) or not math.isfinite(min_score):
        raise AssignmentError(f"min_score must be a finite number, got {min_score!r}")
    return float(min_score)
