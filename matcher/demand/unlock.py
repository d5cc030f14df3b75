"""What would unlock work for one person: the skills that make most local vacancies reachable.

Reachability rule. A vacancy with ``r`` linked required ESCO skills is *reachable* by
a person who has at least ``max(1, ceil(coverage * r))`` of them (``coverage`` is 0.5 by
default: half the required skills, as in the matcher's skill-coverage notion).
Vacancies with no linked skills cannot be opened up by training and are left out.

A set of skills *unlocks* a vacancy when the vacancy is not reachable now but becomes
reachable once the skills are added. Each vacancy weighs its monthly pay divided by the
median pay of the considered vacancies in the same currency (1 when pay is unknown; at
most ``MAX_PAY_WEIGHT``), so a well-paid opening counts more but one lure cannot
dominate. The suggestion is the set of at most ``max_skills`` skills with the largest
pay-weighted number of unlocked vacancies (then the most vacancies, then the fewest
skills). It is found exactly among the ``candidates`` missing skills that make the most
progress (each vacancy ``d`` skills short adds ``weight / d`` to each of its missing
skills), so a vacancy two skills away can be unlocked by a pair that neither skill opens
alone. The chosen skills are then listed by what each adds in turn. Only skills, pay
and place are used: never gender or any other protected attribute (the grounded records
do not carry them). Give only vacancies that passed the safety screening: an unscreened
lure with an inflated wage would otherwise be suggested as a goal.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from scipy import sparse

from matcher.demand.grounded import GroundedPerson, GroundedVacancy
from matcher.exceptions import InputError

DEFAULT_COVERAGE = 0.5
#: A vacancy weighs at most this many times a median-paid one, so one too-good-to-be-true
#: advert (a common lure) cannot decide the suggestion on its own.
MAX_PAY_WEIGHT = 3.0
#: The exact search keeps each vacancy's candidate skills in one 64-bit mask.
MAX_CANDIDATES = 64


@dataclass(frozen=True)
class UnlockSuggestion:
    """One skill to gain, with the vacancies that become reachable once it is added to those before it."""

    skill_uri: str
    label: str
    unlocked: tuple[str, ...]
    pay_weighted: float
    reachable_after: int


@dataclass(frozen=True)
class SkillInDemand:
    """One of the person's current skills and how many considered vacancies ask for it."""

    skill_uri: str
    label: str
    vacancies: int
    reachable: int


@dataclass(frozen=True)
class UnlockResult:
    """Suggestions for one person against the vacancies of one locality."""

    person: str
    locality: str | None
    coverage: float
    vacancies_considered: int
    reachable_now: tuple[str, ...]
    suggestions: tuple[UnlockSuggestion, ...]
    in_demand: tuple[SkillInDemand, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return asdict(self)


def required_count(n_required: NDArray[np.int64], coverage: float) -> NDArray[np.int64]:
    """How many of ``n_required`` skills a person needs for the vacancy to be reachable.

    Examples
    --------
    >>> required_count(np.array([1, 2, 3, 4]), 0.5).tolist()
    [1, 1, 2, 2]

    """
    need = np.ceil(coverage * n_required - 1e-9).astype(np.int64)
    return np.maximum(need, 1)


def pay_weights(vacancies: Sequence[GroundedVacancy]) -> NDArray[np.float64]:
    """Monthly pay over the median pay of the same currency, capped at ``MAX_PAY_WEIGHT``; 1.0 where unknown.

    Examples
    --------
    >>> import datetime as dt
    >>> d = dt.date(2026, 1, 1)
    >>> vs = [GroundedVacancy(i, "X", d, None, None, (), p, None, "NPR") for i, p in
    ...       [("a", 100.0), ("b", 200.0), ("c", 300.0), ("d", None), ("e", 9000.0)]]
    >>> pay_weights(vs).tolist()
    [0.4, 0.8, 1.2, 1.0, 3.0]

    """
    pay = pd.Series([v.pay_per_month for v in vacancies], dtype="float64")
    currency = pd.Series([v.currency or "" for v in vacancies], dtype=object)
    median = pay.groupby(currency).transform("median")
    weights = (pay / median).where(median > 0)
    return np.asarray(weights.fillna(1.0).clip(upper=MAX_PAY_WEIGHT), dtype=np.float64)


def _skill_matrix(vacancies: Sequence[GroundedVacancy]) -> tuple[sparse.csr_matrix, list[str]]:
    keys = [s for v in vacancies for s in v.skill_uris]
    rows = np.repeat(np.arange(len(vacancies)), [len(v.skill_uris) for v in vacancies])
    codes, uniques = pd.factorize(pd.Series(keys, dtype=object))
    data = np.ones(len(codes), dtype=np.int64)
    matrix = sparse.csr_matrix((data, (rows, codes)), shape=(len(vacancies), len(uniques)))
    matrix.data = np.minimum(matrix.data, 1)  # a skill listed twice counts once
    return matrix, [str(u) for u in uniques]


def _shortfall(
    matrix: sparse.csr_matrix, have: NDArray[np.bool_], need: NDArray[np.int64]
) -> NDArray[np.int64]:
    """Per vacancy: how many more required skills the person needs (0 when reachable)."""
    covered = np.asarray(matrix @ have.astype(np.int64)).ravel()
    return np.maximum(need - covered, 0)


def _candidates(
    matrix: sparse.csr_matrix,
    have: NDArray[np.bool_],
    short: NDArray[np.int64],
    weights: NDArray[np.float64],
    max_skills: int,
    limit: int,
) -> NDArray[np.int64]:
    """Columns worth trying: missing skills of vacancies within ``max_skills`` of reach, best first."""
    within = (short > 0) & (short <= max_skills)
    progress = np.asarray(matrix.T @ np.where(within, weights / np.maximum(short, 1), 0.0)).ravel()
    progress[have] = 0.0
    order = np.lexsort((np.arange(progress.size), -progress))
    return np.array([c for c in order[:limit] if progress[c] > 0], dtype=np.int64)


def _best_set(
    dense: NDArray[np.int64], short: NDArray[np.int64], weights: NDArray[np.float64], max_skills: int
) -> tuple[int, ...]:
    """Exact best set of up to ``max_skills`` candidate columns of ``dense`` (vacancies x candidates).

    The objective is the pay-weighted count of vacancies it makes reachable; ties go to
    more vacancies, then fewer skills, then the earlier candidates.
    """
    # a vacancy can only open up if enough of its missing skills are among the candidates
    open_rows = (short > 0) & (short <= max_skills) & (dense.sum(axis=1) >= short)
    bits = np.left_shift(np.uint64(1), np.arange(dense.shape[1], dtype=np.uint64))
    row_masks = np.bitwise_or.reduce(np.where(dense[open_rows] > 0, bits, np.uint64(0)), axis=1)
    short, weights = short[open_rows], weights[open_rows]
    best: tuple[float, int, tuple[int, ...]] = (0.0, 0, ())
    for size in range(1, min(max_skills, dense.shape[1]) + 1):
        within = short <= size
        masks, need, w = row_masks[within], short[within][:, None], weights[within][:, None]
        combos = np.array(list(itertools.combinations(range(dense.shape[1]), size)), dtype=np.int64)
        for chunk in np.array_split(combos, max(1, len(combos) // 1024)):
            combo_masks = np.bitwise_or.reduce(bits[chunk], axis=1)
            unlocked = np.bitwise_count(masks[:, None] & combo_masks[None, :]) >= need  # vacancies x combos
            gain = np.round((unlocked * w).sum(axis=0), 9)
            count = unlocked.sum(axis=0)
            top = int(np.lexsort((np.arange(gain.size), -count, -gain))[0])
            if (gain[top], count[top]) > (best[0], best[1]) and gain[top] > 0:
                best = (float(gain[top]), int(count[top]), tuple(int(c) for c in chunk[top]))
    return best[2]


def _ordered_picks(
    matrix: sparse.csr_matrix,
    have: NDArray[np.bool_],
    need: NDArray[np.int64],
    weights: NDArray[np.float64],
    chosen: tuple[int, ...],
) -> list[tuple[int, NDArray[np.int64], float]]:
    """Order the chosen columns by immediate gain; each with the rows it newly makes reachable."""
    have = have.copy()
    left = list(chosen)
    picks = []
    while left:
        short = _shortfall(matrix, have, need)
        one_short = short == 1
        gains = [float(weights[one_short & (matrix[:, c].toarray().ravel() > 0)].sum()) for c in left]
        pos = int(np.argmax(gains))
        col = left.pop(pos)
        have[col] = True
        rows = np.flatnonzero((short > 0) & (_shortfall(matrix, have, need) == 0))
        picks.append((col, rows, float(weights[rows].sum())))
    return picks


def _in_demand(
    matrix: sparse.csr_matrix,
    skills: list[str],
    reachable: NDArray[np.bool_],
    mine: Sequence[str],
    names: Mapping[str, str],
) -> tuple[SkillInDemand, ...]:
    """The person's skills with the vacancies asking for each (also those nobody asks for)."""
    column = {s: i for i, s in enumerate(skills)}
    demand = np.asarray(matrix.sum(axis=0)).ravel()
    demand_reachable = np.asarray(matrix.T @ reachable.astype(np.int64)).ravel()
    rows = [
        SkillInDemand(
            s,
            names.get(s, s),
            int(demand[column[s]]) if s in column else 0,
            int(demand_reachable[column[s]]) if s in column else 0,
        )
        for s in dict.fromkeys(mine)
    ]
    return tuple(sorted(rows, key=lambda r: (-r.vacancies, -r.reachable, r.skill_uri)))


def skills_to_unlock(
    person: GroundedPerson,
    vacancies: Sequence[GroundedVacancy],
    *,
    locality: str | None = None,
    coverage: float = DEFAULT_COVERAGE,
    max_skills: int = 3,
    labels: Mapping[str, str] | None = None,
    top_in_demand: int = 10,
    candidates: int = 30,
) -> UnlockResult:
    """Find the one to three skills that would make most local vacancies reachable for ``person``.

    Parameters
    ----------
    person:
        The grounded profile; only its skills are used.
    vacancies:
        Candidate vacancies; those of ``locality`` (the person's own when ``None``) are considered.
    locality:
        Locality whose vacancies count; the person's own when ``None``.
    coverage:
        Share of a vacancy's required skills needed to reach it (0 < coverage <= 1).
    max_skills:
        At most this many suggestions (1-3 is what a counsellor can act on).
    labels:
        Display labels of skill URIs.
    top_in_demand:
        How many of the person's own skills to list, most demanded first.
    candidates:
        How many promising missing skills the exact search looks at.

    Examples
    --------
    >>> import datetime as dt
    >>> d = dt.date(2026, 1, 1)
    >>> vs = [GroundedVacancy("v1", "X", d, None, None, ("cook", "hygiene")),
    ...       GroundedVacancy("v2", "X", d, None, None, ("hygiene", "till", "serve", "clean")),
    ...       GroundedVacancy("v3", "X", d, None, None, ("hygiene", "serve"))]
    >>> me = GroundedPerson("p1", "X", (), ("cook",))
    >>> r = skills_to_unlock(me, vs)
    >>> r.reachable_now, [(s.skill_uri, s.unlocked) for s in r.suggestions]
    (('v1',), [('hygiene', ('v3',)), ('serve', ('v2',))])

    """
    if not 0 < coverage <= 1:
        raise InputError(f"Coverage must be a share between 0 and 1 (got {coverage}).")
    if not 1 <= max_skills <= 10:
        raise InputError(f"Ask for 1 to 10 skills (got {max_skills}).")
    if not max_skills <= candidates <= MAX_CANDIDATES:
        raise InputError(f"Look at {max_skills} to {MAX_CANDIDATES} candidate skills (got {candidates}).")
    place = person.locality if locality is None else locality
    local = [v for v in vacancies if v.locality == place and v.skill_uris]
    names = labels or {}
    matrix, skills = _skill_matrix(local)
    order = np.argsort(np.array(skills, dtype=object), kind="stable")
    matrix, skills = matrix[:, order].tocsr(), [skills[i] for i in order]
    mine = set(person.skill_uris)
    have = np.array([s in mine for s in skills], dtype=bool)
    need = required_count(np.asarray(matrix.sum(axis=1)).ravel().astype(np.int64), coverage)
    covered = np.asarray(matrix @ have.astype(np.int64)).ravel()
    reachable = covered >= need
    weights = pay_weights(local)
    suggestions = []
    total = int(reachable.sum())
    short = _shortfall(matrix, have, need)
    cand = _candidates(matrix, have, short, weights, max_skills, candidates)
    chosen = _best_set(matrix[:, cand].toarray().astype(np.int64), short, weights, max_skills)
    for col, rows, gained in _ordered_picks(matrix, have, need, weights, tuple(int(cand[c]) for c in chosen)):
        total += len(rows)
        unlocked = tuple(local[i].id for i in rows)
        suggestions.append(
            UnlockSuggestion(skills[col], names.get(skills[col], skills[col]), unlocked, gained, total)
        )
    in_demand = _in_demand(matrix, skills, reachable, person.skill_uris, names)[:top_in_demand]
    return UnlockResult(
        person=person.id,
        locality=place,
        coverage=coverage,
        vacancies_considered=len(local),
        reachable_now=tuple(local[i].id for i in np.flatnonzero(reachable)),
        suggestions=tuple(suggestions),
        in_demand=in_demand,
    )


@dataclass(frozen=True)
class LanguageInDemand:
    """A language local openings ask for that the person has not said they speak, and how many ask."""

    language: str
    vacancies: int


def languages_in_demand(
    spoken: Iterable[str], asked: Iterable[Sequence[str]]
) -> tuple[LanguageInDemand, ...]:
    """The languages local openings require (``asked``: each one's) that are not ``spoken``, most asked first.

    A required language is a hard limit in matching, so an opening that asks for one the person
    lacks is never among their matches, however well it fits what they want. Languages are
    compared case-blind, as matching compares them.

    Examples
    --------
    >>> languages_in_demand(["Amharic", "arabic"], [("Amharic", "English"), ("english", "Arabic"), ()])
    (LanguageInDemand(language='English', vacancies=2),)
    """
    known = {language.strip().casefold() for language in spoken}
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for required in asked:
        for key, name in {language.strip().casefold(): language.strip() for language in required}.items():
            if key and key not in known:
                counts[key] += 1
                names.setdefault(key, name)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(LanguageInDemand(names[key], count) for key, count in ranked)
