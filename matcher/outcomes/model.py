"""The outcome model: the probability that a proposed pair leads to employment at a horizon.

What it learns from: the proposed pairs of a :class:`~matcher.outcomes.history.History` whose
outcome at the horizon was known before the training cut-off and that were proposed at least
``follow_up_months`` before it (so recent proposals, whose failures are known sooner than their
successes, do not bias the rate down). Features: the match's numeric features, the match score,
programme or job, the sector, and the opening's and employer's shrunk track records from outcomes
of proposals whose outcome was known, and whose follow-up was over, before each pair's day
(:mod:`matcher.outcomes.track_record`). Protected attributes are
refused (:mod:`matcher.outcomes.protected`).

How: gradient-boosted trees (scikit-learn's ``HistGradientBoostingClassifier``) on the earliest
part of the training period, calibrated (isotonic or Platt) on the next time slice, and measured
(AUC, expected calibration error, beside the match score alone) on the last time slice. With too
little history ``fit`` raises :class:`~matcher.exceptions.TooLittleHistoryError`: callers fall
back to the match score and say so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import KW_ONLY, dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from matcher.exceptions import InputError, NotFittedError, TooLittleHistoryError
from matcher.outcomes.history import NEVER, History, day_number, day_of
from matcher.outcomes.metrics import auc, expected_calibration_error
from matcher.outcomes.protected import check_features
from matcher.outcomes.track_record import Events, prior_strength, shrunk_rates

#: Model columns besides the history's own features, in order (see :meth:`OutcomeModel.fit`).
DERIVED = (
    "score",
    "programme",
    "sector",
    "opening_track_record",
    "opening_outcomes_known",
    "employer_track_record",
    "employer_outcomes_known",
)
DAYS_PER_MONTH = 30.44


@dataclass(frozen=True)
class Validation:
    """How well the model did on the last time slice of its training period, beside the match score alone.

    ``ece`` is the expected calibration error (10 equal-width bins); the match score's ECE is
    measured after the same calibration on the same slice, so the two are comparable.
    """

    n: int
    first_day: dt.date
    last_day: dt.date
    auc: float
    ece: float
    auc_match_score: float
    ece_match_score: float
    employment_rate: float


@dataclass(frozen=True)
class _Tracks:
    """Track-record events of the training period, by id, kept so later cohorts can be scored alone."""

    opening: tuple[Any, ...]
    employer: tuple[Any, ...]
    known_on: NDArray[np.int64]
    employed: NDArray[np.float64]


@dataclass(eq=False, repr=False)
class OutcomeModel:
    """Probability that a proposed (person, opening) pair leads to employment ``horizon`` months on.

    Parameters
    ----------
    horizon : {3, 6, 12}
        Months after starting the job.
    min_outcomes : int
        Fewest known outcomes to learn from; fewer raises :class:`TooLittleHistoryError`.
    min_per_class : int
        Fewest outcomes of each kind (employed, not employed) to learn from.
    follow_up_months : float, optional
        Only proposals made this long before the cut-off are learned from (default horizon + 3).
    calibration : {"platt", "isotonic"}
        Platt scaling (a logistic curve on the trees' log-odds: smooth, so it keeps every
        difference the assignment needs) or isotonic regression (steps: ties pairs together).
    calibration_share, validation_share : float
        Latest shares of the training proposals (by day) used to calibrate and to validate.
    max_iter, learning_rate, max_leaf_nodes, min_samples_leaf, l2_regularization :
        Passed to ``HistGradientBoostingClassifier``.
    n_threads : int or None
        OpenMP threads for the trees (default 1: on a shared server, more threads than free cores
        make prediction many times slower; None uses every core).
    random_state : int, optional

    Attributes (after fit)
    ----------------------
    n_proposals_ : int
        Proposals with a known outcome learned from (all slices together).
    n_employed_ : int
    n_unresolved_ : int
        Proposals before the cut-off left out (outcome not known yet, or too recent).
    trained_from_, trained_until_ : date
        First proposal day learned from; the cut-off (nothing on or after it was used).
    feature_names_ : tuple of str
    prior_strength_ : dict
        Empirical-Bayes prior strength for ``"opening"`` and ``"employer"`` track records.
    validation_ : Validation
        Measured on the validation slice with the calibration fitted on the calibration slice
        alone; the final calibration is then refitted on both slices (the latest data).

    Examples
    --------
    >>> from matcher.outcomes.simulate import simulate_history
    >>> sim = simulate_history(months=18, people_per_month=300, random_state=0)
    >>> model = OutcomeModel(horizon=6, random_state=0).fit(sim.history, until=dt.date(2025, 7, 1))
    >>> model.n_proposals_ > 1000, model.validation_.auc > model.validation_.auc_match_score
    (True, True)

    """

    horizon: int = 6
    _: KW_ONLY
    min_outcomes: int = 500
    min_per_class: int = 50
    follow_up_months: float | None = None
    calibration: Literal["isotonic", "platt"] = "platt"
    calibration_share: float = 0.15
    validation_share: float = 0.15
    max_iter: int = 300
    learning_rate: float = 0.05
    max_leaf_nodes: int = 5
    min_samples_leaf: int = 40
    l2_regularization: float = 1.0
    n_threads: int | None = 1
    random_state: int | None = None

    # -- fitting -------------------------------------------------------------------------------

    def _check_params(self, history: History) -> int:
        column = history.horizon_column(self.horizon)
        if self.calibration not in ("isotonic", "platt"):
            raise InputError(f"calibration must be 'isotonic' or 'platt', got {self.calibration!r}")
        shares = (self.calibration_share, self.validation_share)
        if min(shares) <= 0 or sum(shares) >= 0.8:
            raise InputError(
                "calibration_share and validation_share must be > 0 and leave >= 20% to learn from"
            )
        return column

    def fit(self, history: History, *, until: dt.date | None = None) -> OutcomeModel:
        """Learn from the proposals made, and outcomes known, before ``until`` (default: all of ``history``).

        Raises
        ------
        TooLittleHistoryError
            Fewer than ``min_outcomes`` known outcomes (or ``min_per_class`` of either kind).
        ProtectedAttributeError
            A feature names a protected attribute.
        """
        column = self._check_params(history)
        check_features(history.feature_names)
        cutoff = day_number(until) if until is not None else int(history.day.max(initial=0)) + 1
        follow_up = self.horizon + 3 if self.follow_up_months is None else self.follow_up_months
        latest = cutoff - round(follow_up * DAYS_PER_MONTH)
        known = history.known_on[:, column] < cutoff
        before = history.proposed & (history.day < cutoff)
        rows = np.flatnonzero(before & known & (history.day < latest))
        y = history.employed[rows, column]
        self._refuse_if_too_little(y, cutoff)
        self.follow_up_days_ = round(follow_up * DAYS_PER_MONTH)
        usable = _usable_on(history, column, self.follow_up_days_)
        events = np.flatnonzero(usable < cutoff)
        self.tracks_ = _Tracks(
            opening=tuple(history.openings[i] for i in history.opening[events]),
            employer=tuple(history.employers[i] for i in history.employer[events]),
            known_on=usable[events],
            employed=history.employed[events, column].copy(),
        )
        self.prior_rate_ = float(y.mean())
        self.prior_strength_ = {
            "opening": prior_strength(history.opening[rows].astype(np.int64), y),
            "employer": prior_strength(history.employer[rows].astype(np.int64), y),
        }
        self.sectors_ = tuple(sorted(set(history.sectors)))
        self.feature_names_ = (*history.feature_names, *DERIVED)
        self.history_features_ = history.feature_names
        self.horizon_ = self.horizon
        self.trained_until_ = day_of(cutoff)
        self.trained_from_ = day_of(int(history.day[rows].min()))
        self.n_proposals_ = len(rows)
        self.n_employed_ = int(y.sum())
        self.n_unresolved_ = int(before.sum()) - len(rows)
        with threadpool_limits(limits=self.n_threads, user_api="openmp"):
            self._fit_slices(self.design_matrix(history, rows), y, history.score[rows], history.day[rows])
        return self

    def _refuse_if_too_little(self, y: NDArray[np.float64], cutoff: int) -> None:
        employed = int(y.sum())
        worst = min(employed, len(y) - employed)
        if len(y) < self.min_outcomes or worst < self.min_per_class:
            raise TooLittleHistoryError(
                f"only {len(y)} proposals with a known {self.horizon}-month outcome before {day_of(cutoff)} "
                f"({employed} employed); at least {self.min_outcomes} "
                f"(and {self.min_per_class} of each kind) "
                "are needed to learn from outcomes, so proposals are ranked by match score instead",
                needed=self.min_outcomes,
                found=len(y),
            )

    def _fit_slices(
        self,
        x: NDArray[np.float64],
        y: NDArray[np.float64],
        score: NDArray[np.float64],
        day: NDArray[np.int64],
    ) -> None:
        order = np.argsort(day, kind="stable")
        n = len(order)
        first_cal = int(n * (1 - self.calibration_share - self.validation_share))
        first_val = int(n * (1 - self.validation_share))
        learn, cal, val = order[:first_cal], order[first_cal:first_val], order[first_val:]
        self.estimator_ = HistGradientBoostingClassifier(
            max_iter=self.max_iter,
            learning_rate=self.learning_rate,
            max_leaf_nodes=self.max_leaf_nodes,
            min_samples_leaf=self.min_samples_leaf,
            l2_regularization=self.l2_regularization,
            categorical_features=[self.feature_names_.index("sector")],
            early_stopping=False,
            random_state=self.random_state,
        ).fit(x[learn], y[learn])
        raw = self.estimator_.predict_proba(x)[:, 1]
        self.calibrator_ = _calibrator(self.calibration, raw[cal], y[cal])
        self.score_calibrator_ = score_calibrator = _calibrator(self.calibration, score[cal], y[cal])
        p_val = _apply(self.calibrator_, raw[val])
        self.reference_ = np.nanmedian(x[learn], axis=0)
        self.reference_[self.feature_names_.index("sector")] = np.bincount(
            x[learn, self.feature_names_.index("sector")].astype(np.intp)
        ).argmax()
        self.validation_ = Validation(
            n=len(val),
            first_day=day_of(int(day[val].min())),
            last_day=day_of(int(day[val].max())),
            auc=auc(p_val, y[val]),
            ece=expected_calibration_error(p_val, y[val]),
            auc_match_score=auc(score[val], y[val]),
            ece_match_score=expected_calibration_error(_apply(score_calibrator, score[val]), y[val]),
            employment_rate=float(y[val].mean()),
        )
        # validated: now calibrate on the latest data (calibration and validation slices together)
        latest = order[first_cal:]
        self.calibrator_ = _calibrator(self.calibration, raw[latest], y[latest])
        self.score_calibrator_ = _calibrator(self.calibration, score[latest], y[latest])

    # -- features ------------------------------------------------------------------------------

    def design_matrix(self, history: History, rows: NDArray[np.intp]) -> NDArray[np.float64]:
        """The model's columns (:attr:`feature_names_`) for some rows of ``history``."""
        missing = [name for name in self.history_features_ if name not in history.feature_names]
        if missing:
            raise InputError(
                f"the history lacks feature(s) {missing} that the model was trained on "
                f"({list(self.history_features_)})"
            )
        order = np.array(
            [history.feature_names.index(name) for name in self.history_features_], dtype=np.intp
        )
        sector_code = {name: i for i, name in enumerate(self.sectors_)}
        sector = np.array([sector_code.get(s, np.nan) for s in history.sectors], dtype=float)
        columns = [
            history.features[np.ix_(rows, order)],
            history.score[rows, None],
            history.programme[rows, None],
        ]
        columns.append(
            sector[history.sector[rows]][:, None] if len(history.sectors) else np.zeros((len(rows), 1))
        )
        for what in ("opening", "employer"):
            rate, n = self._track_record(history, rows, what)
            columns += [rate[:, None], np.log1p(n)[:, None]]
        return np.hstack(columns).astype(np.float64)

    def _track_record(
        self, history: History, rows: NDArray[np.intp], what: Literal["opening", "employer"]
    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Shrunk track records: the training events plus ``history``'s outcomes known since the cut-off."""
        column = history.horizon_column(self.horizon_)
        cutoff = day_number(self.trained_until_)
        usable = _usable_on(history, column, self.follow_up_days_)
        later = np.flatnonzero((usable >= cutoff) & (usable < NEVER))
        ids: tuple[Any, ...] = history.openings if what == "opening" else history.employers
        index = history.opening if what == "opening" else history.employer
        stored: tuple[Any, ...] = self.tracks_.opening if what == "opening" else self.tracks_.employer
        code: dict[Any, int] = {value: i for i, value in enumerate(ids)}
        for value in stored:
            code.setdefault(value, len(code))
        events = Events(
            group=np.concatenate([np.array([code[v] for v in stored], dtype=np.int64), index[later]]),
            known_on=np.concatenate([self.tracks_.known_on, usable[later]]),
            employed=np.concatenate([self.tracks_.employed, history.employed[later, column]]),
        )
        return shrunk_rates(
            events,
            index[rows].astype(np.int64),
            history.day[rows],
            strength=self.prior_strength_[what],
            prior_rate=self.prior_rate_,
        )

    # -- prediction ----------------------------------------------------------------------------

    def _check_fitted(self) -> None:
        if not hasattr(self, "estimator_"):
            raise NotFittedError("this OutcomeModel is not fitted yet; call fit(history) first")

    def predict_proba(self, history: History, rows: Any = None) -> NDArray[np.float64]:
        """Calibrated probability of employment at the horizon for ``rows`` of ``history`` (default: all).

        ``history`` may be a later cohort alone: track records use the training period's outcomes
        plus any outcomes ``history`` holds that became known after the cut-off, each only from
        before the pair's day. Returns a 1-D array (one probability per row), not scikit-learn's
        two columns.
        """
        self._check_fitted()
        take = np.arange(len(history)) if rows is None else np.asarray(rows)
        if take.dtype == bool:
            take = np.flatnonzero(take)
        return self._predict_matrix(self.design_matrix(history, take.astype(np.intp)))

    def _predict_matrix(self, x: NDArray[np.float64]) -> NDArray[np.float64]:
        with threadpool_limits(limits=self.n_threads, user_api="openmp"):
            raw = self.estimator_.predict_proba(x)[:, 1]
        return _apply(self.calibrator_, raw)

    def measure(self, history: History, rows: Any) -> Validation:
        """How well the model predicts ``rows`` (proposed pairs with a known outcome), beside the match score.

        For a later period than the training one (the backtest's replayed proposals) this is a
        true out-of-time check. The match score's calibration error is measured after the same
        calibration the model got (fitted on the calibration slice).
        """
        self._check_fitted()
        take = np.asarray(rows, dtype=np.intp)
        y = history.employed[take, history.horizon_column(self.horizon_)]
        if np.isnan(y).any():
            raise InputError("measure() needs proposed pairs with a known outcome at the model's horizon")
        p = self.predict_proba(history, take)
        score = history.score[take]
        return Validation(
            n=len(take),
            first_day=day_of(int(history.day[take].min())),
            last_day=day_of(int(history.day[take].max())),
            auc=auc(p, y),
            ece=expected_calibration_error(p, y),
            auc_match_score=auc(score, y),
            ece_match_score=expected_calibration_error(_apply(self.score_calibrator_, score), y),
            employment_rate=float(y.mean()),
        )

    def typical(self, feature: str) -> float:
        """The typical value of ``feature`` among the training proposals, which :meth:`reasons` compares with.

        The median (for ``sector``, the most common sector's code).
        """
        self._check_fitted()
        return float(self.reference_[self.feature_names_.index(feature)])

    def reasons(
        self, history: History, rows: Any, top: int = 3
    ) -> list[tuple[tuple[str, float, float], ...]]:
        """The main reasons behind each row's probability: ``(feature, value, contribution)``, largest first.

        A feature's contribution is how much the probability changes when that feature is set
        back to the typical value of the training proposals (its median; the most common sector),
        all else unchanged. A track record and its count move together, under the track record's
        name. Contributions need not add up to the probability.
        """
        self._check_fitted()
        take = np.asarray(rows, dtype=np.intp)
        x = self.design_matrix(history, take)
        base = self._predict_matrix(x)
        groups = [[j] for j, name in enumerate(self.feature_names_) if not name.endswith("_outcomes_known")]
        for g in groups:
            if self.feature_names_[g[0]].endswith("_track_record"):
                g.append(g[0] + 1)
        variants = np.repeat(x[None], len(groups), axis=0)
        for k, g in enumerate(groups):
            variants[k][:, g] = self.reference_[g]
        moved = self._predict_matrix(variants.reshape(-1, x.shape[1])).reshape(len(groups), len(take))
        contribution = base[None, :] - moved
        out = []
        for i in range(len(take)):
            best = np.argsort(-np.abs(contribution[:, i]), kind="stable")[:top]
            out.append(
                tuple(
                    (self.feature_names_[groups[k][0]], float(x[i, groups[k][0]]), float(contribution[k, i]))
                    for k in best
                )
            )
        return out


def _usable_on(history: History, column: int, follow_up_days: int) -> NDArray[np.int64]:
    """The day each proposal's outcome may enter a track record: once known *and* its follow-up is over.

    Waiting for the follow-up keeps track records unbiased: otherwise recent failures (known
    soon) would count before recent successes (known only at the horizon). :data:`NEVER` where
    there is no outcome.
    """
    known = history.known_on[:, column]
    usable = np.maximum(known, history.day + follow_up_days)
    return np.where(history.proposed & (known < NEVER), usable, NEVER)


def _logit(p: NDArray[np.float64]) -> NDArray[np.float64]:
    q = np.clip(p, 1e-6, 1 - 1e-6)
    return np.asarray(np.log(q / (1 - q))[:, None])


def _calibrator(kind: str, raw: NDArray[np.float64], y: NDArray[np.float64]) -> Any:
    if kind == "isotonic":
        return IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(raw, y)
    return LogisticRegression(C=1e6).fit(_logit(raw), y)


def _apply(calibrator: Any, raw: NDArray[np.float64]) -> NDArray[np.float64]:
    if isinstance(calibrator, IsotonicRegression):
        return np.asarray(calibrator.predict(raw), dtype=np.float64)
    return np.asarray(calibrator.predict_proba(_logit(raw))[:, 1], dtype=np.float64)
