"""Placements that learn from what happened: an outcome model, assignment by expected outcome, a backtest.

1. History: :class:`PlacementRecord` (one candidate pair a month: features, proposed or not,
   outcomes at 3/6/12 months) gathered into a columnar :class:`History` by :func:`from_records`,
   or read from a JSON file (:func:`read_history`). Protected attributes live only in
   ``History.audit`` and can never be features (:func:`check_features`).
2. Learn: :class:`OutcomeModel` (gradient-boosted trees, shrunk track records without leakage,
   calibrated on a later time slice, validated on the last). Too little history raises
   :class:`~matcher.exceptions.TooLittleHistoryError`; :func:`fit_or_fall_back` turns that into
   a reason to show while proposing by match score.
3. Propose: :func:`propose_for_cohort` / :func:`assign_by_expected_outcome` maximise the expected
   number of people employed under the same capacities and exclusions, each pair with its
   probability and main reasons.
4. Check: :func:`backtest` (IPS and doubly robust estimates with bootstrap intervals, audit
   subgroups with counts under 5 suppressed) on real or simulated history
   (:func:`simulate_history`, with a known true model).
"""

from __future__ import annotations

from matcher.outcomes.assign import (
    OutcomeAssignment,
    OutcomeProposal,
    Reason,
    assign_by_expected_outcome,
    cohort_capacities,
    fit_or_fall_back,
    instance_from_history,
    propose_for_cohort,
)
from matcher.outcomes.backtest import BacktestResult, Estimate, SubgroupRate, TruthComparison, backtest
from matcher.outcomes.history import HORIZONS, History, Outcome, PlacementRecord, from_columns, from_records
from matcher.outcomes.history_io import history_json, read_history, write_history
from matcher.outcomes.metrics import auc, expected_calibration_error
from matcher.outcomes.model import OutcomeModel, Validation
from matcher.outcomes.protected import PROTECTED_WORDS, check_features, is_protected
from matcher.outcomes.simulate import SimulatedHistory, TrueOutcomeModel, simulate_history

__all__ = [
    "HORIZONS",
    "PROTECTED_WORDS",
    "BacktestResult",
    "Estimate",
    "History",
    "Outcome",
    "OutcomeAssignment",
    "OutcomeModel",
    "OutcomeProposal",
    "PlacementRecord",
    "Reason",
    "SimulatedHistory",
    "SubgroupRate",
    "TrueOutcomeModel",
    "TruthComparison",
    "Validation",
    "assign_by_expected_outcome",
    "auc",
    "backtest",
    "check_features",
    "cohort_capacities",
    "expected_calibration_error",
    "fit_or_fall_back",
    "from_columns",
    "from_records",
    "history_json",
    "instance_from_history",
    "is_protected",
    "propose_for_cohort",
    "read_history",
    "simulate_history",
    "write_history",
]
