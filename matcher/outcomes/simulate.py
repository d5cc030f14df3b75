"""Synthetic placement histories drawn from a known outcome model, so every policy's true value is known.

Each month a cohort of people arrives; each person gets ``candidates`` openings among those open
that month (with their match features), a logging policy proposes one of them with a known
probability (a softmax over the match score mixed with a uniform share, so every candidate has a
chance), and whether the person is still employed 3, 6 and 12 months after starting is drawn
from :class:`TrueOutcomeModel`. The places an opening has in a month are the proposals the logging
policy expects to send it, rounded up (fixed before the proposals are drawn, so a replay within
them does not depend on which proposals were drawn; a few openings may take more proposals than
places).

Protected attributes (gender, nationality, age band) are drawn for each person for auditing
only: they are stored in :attr:`History.audit`, never among the features, and the true model
does not use them (age band shifts the years of experience, as in life, so groups can differ).

With ``signal=False`` outcomes do not depend on anything (a fixed rate per horizon): no policy
can do better than another, and an honest backtest claims no gain.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from matcher.exceptions import InputError
from matcher.outcomes.history import HORIZONS, History, day_number, from_columns, month_of

#: The match features a simulated history records, in column order.
FEATURES: tuple[str, ...] = (
    "skill_coverage",
    "distance_km",
    "hours_fit",
    "pay_fit",
    "preference_fit",
    "experience_years",
)
SECTORS: tuple[str, ...] = ("care", "construction", "food", "garment", "hospitality", "retail")
GENDERS = (("woman", 0.55), ("man", 0.43), ("another", 0.02))
NATIONALITIES = (("A", 0.4), ("B", 0.25), ("C", 0.2), ("D", 0.1), ("E", 0.05))
AGE_BANDS = (("18-24", 0.3), ("25-34", 0.35), ("35-49", 0.25), ("50+", 0.1))
#: Shift of the true log-odds per horizon (3, 6, 12 months): fewer are still employed later.
HORIZON_SHIFT = {3: 0.5, 6: 0.0, 12: -0.4}


@dataclass(frozen=True, eq=False)
class TrueOutcomeModel:
    """The model outcomes were drawn from: log-odds linear in the features plus hidden effects.

    ``logit p = -1.8 + 2.4 skill_coverage + 1.2 hours_fit + 0.9 pay_fit + 0.8 preference_fit
    - 0.04 distance_km + programme (0.55 - 0.09 experience_years) + employer effect + person
    effect + horizon shift``. The employer effect (sd 0.5) shows only through track records; the
    person effect (sd 0.6) is never observed. Without signal, ``p`` is ``base_rate`` shifted per
    horizon.
    """

    signal: bool
    base_rate: float
    employer_effect: NDArray[np.float64]
    person_effect: NDArray[np.float64]

    def probability(self, history: History, horizon: int = 6) -> NDArray[np.float64]:
        """True probability that each pair of ``history`` leads to employment at ``horizon`` months."""
        history.horizon_column(horizon)
        if not self.signal:
            rate = self.base_rate + {3: 0.1, 6: 0.0, 12: -0.08}[horizon]
            return np.full(len(history), rate)
        f = {name: history.features[:, history.feature_names.index(name)] for name in FEATURES}
        z = (
            -1.8
            + 2.4 * f["skill_coverage"]
            + 1.2 * f["hours_fit"]
            + 0.9 * f["pay_fit"]
            + 0.8 * f["preference_fit"]
            - 0.04 * f["distance_km"]
            + history.programme * (0.55 - 0.09 * f["experience_years"])
            + self.employer_effect[history.employer]
            + self.person_effect[history.person]
            + HORIZON_SHIFT[horizon]
        )
        return np.asarray(1.0 / (1.0 + np.exp(-z)))


@dataclass(frozen=True, eq=False)
class SimulatedHistory:
    """A simulated history, the true model behind it and the logging policy's settings."""

    history: History
    truth: TrueOutcomeModel
    temperature: float
    exploration: float


def match_score(features: NDArray[np.float64]) -> NDArray[np.float64]:
    """The simulated matcher's score: skills, nearness and pay (it ignores hours, preferences, track record).

    Examples
    --------
    >>> float(match_score(np.array([[1.0, 0.0, 1.0, 1.0, 1.0, 5.0]]))[0])
    1.0

    """
    skill, distance, pay = features[:, 0], features[:, 1], features[:, 3]
    return np.asarray(0.55 * skill + 0.25 * (1 - np.minimum(distance / 40, 1)) + 0.2 * (pay + 1) / 2)


def _draw(rng: np.random.Generator, table: tuple[tuple[str, float], ...], n: int) -> NDArray[np.intp]:
    return rng.choice(len(table), size=n, p=[p for _, p in table])


def simulate_history(
    *,
    months: int = 24,
    people_per_month: int = 400,
    openings: int = 120,
    employers: int = 40,
    programmes: int = 3,
    candidates: int = 8,
    open_share: float = 0.6,
    start: dt.date = dt.date(2024, 1, 1),
    signal: bool = True,
    base_rate: float = 0.45,
    temperature: float = 0.15,
    exploration: float = 0.2,
    random_state: int | np.random.Generator | None = None,
) -> SimulatedHistory:
    """Draw a placement history from a known outcome model and a known logging policy.

    Parameters
    ----------
    months, people_per_month : int
        Cohorts: one a month, each of this many people.
    openings, employers, programmes : int
        Openings (the first ``programmes`` of them are programmes, open every month; the others
        open in a month with probability ``open_share``), owned by ``employers`` employers.
    candidates : int
        Openings scored for each person (their candidate pairs).
    start : date
        First month.
    signal : bool
        False: outcomes do not depend on anything (the "no signal" history).
    base_rate : float
        Employment rate at 6 months without signal.
    temperature, exploration : float
        Logging policy: ``(1 - exploration) softmax(score / temperature) + exploration / candidates``.
    random_state : int or Generator, optional
        Same seed, same history.

    Returns
    -------
    SimulatedHistory

    Examples
    --------
    >>> sim = simulate_history(months=2, people_per_month=5, openings=10, employers=3, random_state=1)
    >>> int(sim.history.proposed.sum()), len(sim.history)
    (10, 80)

    """
    if candidates > openings or min(months, people_per_month, candidates, employers) < 1:
        raise InputError(
            "need at least one month, person, employer and candidate, and candidates <= openings"
        )
    rng = np.random.default_rng(random_state)
    employer_effect = rng.normal(0, 0.5, employers)
    owner = rng.integers(0, employers, openings)
    sector = rng.integers(0, len(SECTORS), openings)
    place = rng.uniform(0, 40, (openings, 2))
    hours = rng.choice([20.0, 30.0, 40.0], openings)
    wage = rng.normal(1.0, 0.2, openings)
    is_programme = np.arange(openings) < programmes
    n = months * people_per_month
    age = _draw(rng, AGE_BANDS, n)
    person_place = rng.uniform(0, 40, (n, 2))
    want_hours = rng.choice([20.0, 30.0, 40.0], n)
    reservation = rng.normal(0.95, 0.2, n)
    experience = np.clip(rng.gamma(1.0 + age, 1.5), 0, 20)
    liked = np.argsort(rng.random((n, len(SECTORS))), axis=1)[:, :2]
    person_effect = rng.normal(0, 0.6, n)
    audit = {
        i: {"gender": GENDERS[g][0], "nationality": NATIONALITIES[c][0], "age_band": AGE_BANDS[a][0]}
        for i, (g, c, a) in enumerate(
            zip(_draw(rng, GENDERS, n), _draw(rng, NATIONALITIES, n), age, strict=True)
        )
    }
    rows_person, rows_opening, rows_day = [], [], []
    for m in range(months):
        first = day_number(
            dt.date(start.year + (start.month - 1 + m) // 12, (start.month - 1 + m) % 12 + 1, 1)
        )
        active = np.flatnonzero(is_programme | (rng.random(openings) < open_share))
        people = np.arange(m * people_per_month, (m + 1) * people_per_month)
        if len(active) < candidates:  # open enough openings for every person's candidates
            closed = np.setdiff1d(np.arange(openings), active)
            active = np.sort(
                np.concatenate([active, rng.choice(closed, candidates - len(active), replace=False)])
            )
        k = candidates
        picks = active[np.argsort(rng.random((len(people), len(active))), axis=1)[:, :k]]
        rows_person.append(np.repeat(people, k))
        rows_opening.append(picks.ravel())
        rows_day.append(np.repeat(first + rng.integers(0, 28, len(people)), k))
    person = np.concatenate(rows_person)
    opening = np.concatenate(rows_opening)
    day = np.concatenate(rows_day)
    distance = np.hypot(*(person_place[person] - place[opening]).T)
    features = np.column_stack(
        [
            np.clip(rng.beta(2, 2, len(person)) + 0.1 * rng.normal(size=len(person)), 0, 1),
            distance,
            1 - np.abs(want_hours[person] - hours[opening]) / 20,
            np.clip((wage[opening] - reservation[person]) / 0.3, -1, 1),
            (liked[person] == sector[opening][:, None]).any(axis=1).astype(float),
            experience[person],
        ]
    )
    score = match_score(features)
    k = len(person) // n
    weights = np.exp((score.reshape(n, k) - score.reshape(n, k).max(axis=1, keepdims=True)) / temperature)
    policy = (1 - exploration) * weights / weights.sum(axis=1, keepdims=True) + exploration / k
    choice = (policy.cumsum(axis=1) < rng.random((n, 1))).sum(axis=1).clip(max=k - 1)
    chosen = np.zeros((n, k), dtype=bool)
    chosen[np.arange(n), choice] = True
    proposed = chosen.ravel()
    truth = TrueOutcomeModel(signal, base_rate, employer_effect, person_effect)
    columns = dict(
        people=tuple(range(n)),
        openings=tuple(f"opening-{i}" for i in range(openings)),
        employers=tuple(f"employer-{i}" for i in range(employers)),
        sectors=SECTORS,
        feature_names=FEATURES,
        person=person,
        opening=opening,
        employer=owner[opening],
        sector=sector[opening],
        day=day,
        programme=is_programme[opening],
        score=score,
        features=features,
        proposed=proposed,
        propensity=policy.ravel(),
        employed=np.full((len(person), len(HORIZONS)), np.nan),
        known_on=np.full((len(person), len(HORIZONS)), np.iinfo(np.int64).max),
    )
    employed, known_on = _outcomes(rng, truth, from_columns(**columns))
    places = _places(opening, month_of(day), policy.ravel())
    columns.update(employed=employed, known_on=known_on, capacities=places, audit=audit)
    history = from_columns(**columns)
    return SimulatedHistory(history, truth, temperature, exploration)


def _places(
    opening: NDArray[np.intp], month: NDArray[np.int64], policy: NDArray[np.float64]
) -> dict[tuple[int, int], int]:
    """Places per (opening, month): the proposals the logging policy expects to send there, rounded up.

    They depend on the candidates and the policy, not on which proposals were drawn, so a replay
    within them is independent of the logged choices (a replay within the places actually
    filled would favour each logged choice a little).
    """
    key = opening.astype(np.int64) * (month.max() + 1) + month
    keys, where = np.unique(key, return_inverse=True)
    expected = np.bincount(where, weights=policy)
    width = month.max() + 1
    return {
        (int(k // width), int(k % width)): int(np.ceil(e - 1e-9))
        for k, e in zip(keys.tolist(), expected.tolist(), strict=True)
        if e > 0
    }


def _outcomes(
    rng: np.random.Generator, truth: TrueOutcomeModel, history: History
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """Nested outcomes (employed at 12 implies at 6 implies at 3) of the proposed pairs, and when known."""
    rows = np.flatnonzero(history.proposed)
    u = rng.random(len(rows))
    hired = history.day[rows] + rng.integers(14, 75, len(rows))
    employed = np.full((len(history), len(HORIZONS)), np.nan)
    known_on = np.full((len(history), len(HORIZONS)), np.iinfo(np.int64).max, dtype=np.int64)
    for k, h in enumerate(HORIZONS):
        y = u < truth.probability(history, h)[rows]
        employed[rows, k] = y
        failed = history.day[rows] + rng.integers(14, 30 * h, len(rows))
        known_on[rows, k] = np.where(y, hired + round(30.44 * h), failed)
    return employed, known_on
