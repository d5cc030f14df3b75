"""An honest backtest: learn from history before a date, replay later cohorts, estimate what would happen.

For every person proposed on or after ``since`` (whose outcome at the horizon is known), the
learned policy proposes by expected outcome among the same candidate openings, cohort by cohort
(a month), within the openings' real capacities that month. What it would have achieved is
estimated from what happened, without trusting the model alone:

* **IPS** (inverse propensity): ``mean(1[policy = logged] y / p)``, where ``p`` is the probability
  with which the logging policy made the logged proposal. Unbiased, but noisy.
* **Doubly robust**: ``mean(q(policy) + 1[policy = logged] (y - q(logged)) / p)``, with ``q`` the
  model's probabilities: unbiased if the propensities are right, however wrong the model.

The gain is each estimate minus the employment rate that actually happened, per person, with
percentile bootstrap intervals over people. Subgroups (gender, nationality, age band, from the
history's audit attributes only) are broken down the same way, with groups under 5 people
suppressed. A simulated history can also pass its true model: the result then says what really
would have happened, and what the policy that knows the true model would have reached (oracle).

What it cannot show: effects of changing who is proposed at all, people displaced from other
programmes, outcomes of candidates the logging policy never (or almost never) proposed, and
anything that changes once the policy is used (employers and counsellors reacting).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from matcher.assignment import assign_optimal
from matcher.exceptions import InputError
from matcher.outcomes.assign import cohort_capacities, instance_from_history, propose_for_cohort
from matcher.outcomes.history import History, day_number, month_of
from matcher.outcomes.model import OutcomeModel, Validation

#: Subgroups smaller than this are not shown.
SMALL_COUNT = 5
AUDIT_ATTRIBUTES = ("gender", "nationality", "age_band")

Truth = Callable[[History, int], NDArray[np.float64]]


@dataclass(frozen=True)
class Estimate:
    """A point estimate and its bootstrap interval."""

    value: float
    low: float
    high: float

    def covers(self, value: float) -> bool:
        """Whether the interval holds ``value``."""
        return self.low <= value <= self.high


@dataclass(frozen=True)
class SubgroupRate:
    """Employment rates for one audit subgroup; ``None`` everywhere when it has fewer than 5 people."""

    attribute: str
    group: str
    n: int | None
    observed_rate: float | None
    learned_rate: Estimate | None
    gain: Estimate | None
    true_gain: float | None = None


@dataclass(frozen=True)
class TruthComparison:
    """What really would have happened (simulations only), from the true outcome model."""

    logging_rate: float
    learned_rate: float
    oracle_rate: float
    gain: float
    oracle_gain: float
    share_of_oracle_gain: float | None
    dr_covers_gain: bool
    ips_covers_gain: bool


@dataclass(frozen=True)
class BacktestResult:
    """The backtest's figures; :meth:`to_dict` gives plain JSON-ready data.

    ``validation`` is the model's own check on the last slice of its training period;
    ``replayed`` measures it on the replayed (later) proposals, beside the match score alone.
    ``model_only`` is the model's own estimate of the learned policy's rate (no correction from
    what happened); ``same_as_logged`` the share of people the learned policy proposed as the
    logging policy did (the only ones IPS can use). ``significant_gain`` (``significant_loss``):
    the doubly robust gain's interval lies wholly above (below) zero.
    """

    horizon: int
    since: dt.date
    until: dt.date | None
    n_people: int
    n_cohorts: int
    n_unresolved: int
    learned_from: int
    validation: Validation
    replayed: Validation
    observed_rate: Estimate
    ips: Estimate
    doubly_robust: Estimate
    model_only: float
    gain_ips: Estimate
    gain_doubly_robust: Estimate
    significant_gain: bool
    significant_loss: bool
    same_as_logged: float
    confidence: float
    n_bootstrap: int
    subgroups: tuple[SubgroupRate, ...]
    truth: TruthComparison | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain data (dates as ISO strings, NaN as None) for ``json.dumps``."""
        return _plain(asdict(self))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


@dataclass(frozen=True, eq=False)
class _Replay:
    """Per person of the later cohorts: what happened, and what the learned (and oracle) policy proposed."""

    logged: NDArray[np.intp]
    learned: NDArray[np.intp]  # row proposed by the learned policy, -1 for none
    oracle: NDArray[np.intp] | None
    candidates: NDArray[np.intp]  # every candidate row of these people
    unit_of_candidate: NDArray[np.intp]


def backtest(
    history: History,
    *,
    since: dt.date,
    horizon: int = 6,
    until: dt.date | None = None,
    confidence: float = 0.95,
    n_bootstrap: int = 1000,
    truth: Truth | None = None,
    model_params: Mapping[str, Any] | None = None,
    random_state: int | None = None,
) -> BacktestResult:
    """Learn from history before ``since``, replay later cohorts, estimate the learned policy's rate.

    Parameters
    ----------
    history : History
        Must hold the logging policy's propensities for the later cohorts' proposals.
    since, until : date
        Replay the cohorts proposed on or after ``since`` (and before ``until``).
    horizon : {3, 6, 12}
    confidence : float
        Level of the bootstrap intervals.
    n_bootstrap : int
    truth : callable, optional
        ``truth(history, horizon)`` -> true probability per row (a simulation's
        :meth:`TrueOutcomeModel.probability`), for :class:`TruthComparison`.
    model_params : mapping, optional
        Keywords for :class:`OutcomeModel`.
    random_state : int, optional

    Raises
    ------
    TooLittleHistoryError
        Too little history before ``since`` to learn from.
    InputError
        No later cohort, or propensities missing.
    """
    column = history.horizon_column(horizon)
    rng = np.random.default_rng(random_state)
    model = OutcomeModel(horizon, **{"random_state": random_state, **(model_params or {})})
    model.fit(history, until=since)
    start = day_number(since)
    end = day_number(until) if until is not None else np.iinfo(np.int64).max
    later = history.proposed & (history.day >= start) & (history.day < end)
    logged = np.flatnonzero(later & ~np.isnan(history.employed[:, column]))
    if logged.size == 0:
        raise InputError(f"no proposal on or after {since} has a known {horizon}-month outcome to replay")
    propensity = history.propensity[logged]
    if not (np.isfinite(propensity) & (propensity > 0)).all():
        raise InputError(
            "the later cohorts' proposals need the logging policy's propensities (the probability each "
            "proposal had); without them only the model's own estimate would be left, which is not a backtest"
        )
    replay = _replay(history, model, logged, truth, horizon)
    y = history.employed[logged, column]
    q = model.predict_proba(history, replay.candidates)
    q_of = np.zeros(len(history))
    q_of[replay.candidates] = q
    same = replay.learned == logged
    q_learned = np.where(replay.learned >= 0, q_of[np.maximum(replay.learned, 0)], 0.0)
    ips = same * y / propensity
    dr = q_learned + same * (y - q_of[logged]) / propensity
    values = np.column_stack([y, ips, dr, ips - y, dr - y])
    low_q, high_q = (1 - confidence) / 2, 1 - (1 - confidence) / 2
    est = _bootstrap(values, n_bootstrap, rng, low_q, high_q)
    true_p = truth(history, horizon) if truth is not None else None
    comparison = _compare(history, replay, true_p, est[4], est[3]) if true_p is not None else None
    groups = _subgroups(history, logged, values, n_bootstrap, rng, (low_q, high_q), replay, true_p)
    months = np.unique(month_of(history.day[logged]))
    return BacktestResult(
        horizon=horizon,
        since=since,
        until=until,
        n_people=len(logged),
        n_cohorts=len(months),
        n_unresolved=int(later.sum()) - len(logged),
        learned_from=model.n_proposals_,
        validation=model.validation_,
        replayed=model.measure(history, logged),
        observed_rate=est[0],
        ips=est[1],
        doubly_robust=est[2],
        model_only=float(q_learned.mean()),
        gain_ips=est[3],
        gain_doubly_robust=est[4],
        significant_gain=est[4].low > 0,
        significant_loss=est[4].high < 0,
        same_as_logged=float(same.mean()),
        confidence=confidence,
        n_bootstrap=n_bootstrap,
        subgroups=groups,
        truth=comparison,
    )


def _replay(
    history: History, model: OutcomeModel, logged: NDArray[np.intp], truth: Truth | None, horizon: int
) -> _Replay:
    """Assign each later cohort by expected outcome (and, given the truth, by true probability)."""
    month = month_of(history.day)
    unit_month = month[logged]
    key = history.person.astype(np.int64) * (month.max() + 1) + month
    units = key[logged]
    order = np.argsort(units)
    candidate = np.flatnonzero(np.isin(key, units))
    unit_of = order[np.searchsorted(units[order], key[candidate])]
    learned = np.full(len(logged), -1, dtype=np.intp)
    oracle = np.full(len(logged), -1, dtype=np.intp) if truth is not None else None
    true_p = truth(history, horizon) if truth is not None else None
    for m in np.unique(unit_month):
        rows = candidate[month[candidate] == m]
        capacities = (
            cohort_capacities(history, rows)
            if history.capacities is not None
            else _filled(history, rows, logged)
        )
        result = propose_for_cohort(model, history, rows, capacities=capacities, explain=False)
        _record(history, result.assignment.pairs, rows, key, units, order, learned)
        if true_p is not None and oracle is not None:
            instance, pair_rows = instance_from_history(history, rows, capacities)
            best = assign_optimal(instance, weights=true_p[pair_rows])
            _record(history, best.pairs, rows, key, units, order, oracle)
    return _Replay(logged, learned, oracle, candidate, unit_of.astype(np.intp))


def _filled(history: History, rows: NDArray[np.intp], logged: NDArray[np.intp]) -> dict[Any, int]:
    """Places per opening: the replayed proposals it took."""
    taken = np.intersect1d(rows, logged)
    counts = np.bincount(history.opening[taken], minlength=len(history.openings))
    return {history.openings[o]: int(counts[o]) for o in np.unique(history.opening[rows])}


def _record(
    history: History,
    pairs: Any,
    rows: NDArray[np.intp],
    key: NDArray[np.int64],
    units: NDArray[np.int64],
    order: NDArray[np.intp],
    into: NDArray[np.intp],
) -> None:
    """Write the history row of each proposed pair into ``into`` (indexed like ``logged``)."""
    row_of = {
        (history.people[history.person[r]], history.openings[history.opening[r]]): r for r in rows.tolist()
    }
    chosen = np.array([row_of[(p.person, p.placement)] for p in pairs], dtype=np.intp)
    if chosen.size:
        into[order[np.searchsorted(units[order], key[chosen])]] = chosen


def _bootstrap(
    values: NDArray[np.float64], draws: int, rng: np.random.Generator, low: float, high: float
) -> list[Estimate]:
    """Column means with percentile intervals from resampling rows (people)."""
    n = len(values)
    means = []
    for first in range(0, draws, 50):
        idx = rng.integers(0, n, (min(50, draws - first), n))
        means.append(values[idx].mean(axis=1))
    sample = np.concatenate(means) if means else np.empty((0, values.shape[1]))
    point = values.mean(axis=0)
    lo, hi = np.quantile(sample, [low, high], axis=0) if len(sample) else (point, point)
    return [Estimate(float(p), float(a), float(b)) for p, a, b in zip(point, lo, hi, strict=True)]


def _compare(
    history: History, replay: _Replay, true_p: NDArray[np.float64], gain_dr: Estimate, gain_ips: Estimate
) -> TruthComparison:
    """True rates of the logging, learned and oracle policies on the replayed people."""
    n = len(replay.logged)
    logging = np.bincount(
        replay.unit_of_candidate,
        weights=history.propensity[replay.candidates] * true_p[replay.candidates],
        minlength=n,
    )
    learned = np.where(replay.learned >= 0, true_p[np.maximum(replay.learned, 0)], 0.0)
    assert_oracle = replay.oracle if replay.oracle is not None else replay.learned
    oracle = np.where(assert_oracle >= 0, true_p[np.maximum(assert_oracle, 0)], 0.0)
    gain, best = float(learned.mean() - logging.mean()), float(oracle.mean() - logging.mean())
    return TruthComparison(
        logging_rate=float(logging.mean()),
        learned_rate=float(learned.mean()),
        oracle_rate=float(oracle.mean()),
        gain=gain,
        oracle_gain=best,
        share_of_oracle_gain=gain / best if best > 0 else None,
        dr_covers_gain=gain_dr.covers(gain),
        ips_covers_gain=gain_ips.covers(gain),
    )


def _subgroups(
    history: History,
    logged: NDArray[np.intp],
    values: NDArray[np.float64],
    draws: int,
    rng: np.random.Generator,
    levels: tuple[float, float],
    replay: _Replay,
    true_p: NDArray[np.float64] | None,
) -> tuple[SubgroupRate, ...]:
    """Rates per audit subgroup (people under 5: suppressed); attributes come only from ``history.audit``."""
    out = []
    people = [history.people[i] for i in history.person[logged]]
    truth_gain = None
    if true_p is not None:
        n = len(logged)
        logging = np.bincount(
            replay.unit_of_candidate,
            weights=history.propensity[replay.candidates] * true_p[replay.candidates],
            minlength=n,
        )
        truth_gain = np.where(replay.learned >= 0, true_p[np.maximum(replay.learned, 0)], 0.0) - logging
    for attribute in AUDIT_ATTRIBUTES:
        labels = np.array(
            [
                str((history.audit.get(p) or history.audit.get(str(p)) or {}).get(attribute, "unknown"))
                for p in people
            ]
        )
        for group in sorted(set(labels.tolist())):
            mask = labels == group
            if mask.sum() < SMALL_COUNT:
                out.append(SubgroupRate(attribute, group, None, None, None, None))
                continue
            est = _bootstrap(values[mask][:, [0, 2, 4]], draws, rng, *levels)
            out.append(
                SubgroupRate(
                    attribute,
                    group,
                    int(mask.sum()),
                    est[0].value,
                    est[1],
                    est[2],
                    None if truth_gain is None else float(truth_gain[mask].mean()),
                )
            )
    return tuple(out)
