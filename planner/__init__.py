"""Cooperative savings and loans, loan costs and UNDP 3x6 group investments, simulated with uncertainty.

A pure library: functions take plain values or frozen dataclasses and return frozen dataclasses or numpy
arrays. Money inside the cooperative ledger is kept in integer minor units (cents), so the balance sheet
identity holds exactly. See ``docs/planner.md``. Charts live in :mod:`planner.charts` (imports
matplotlib, so it is not imported here).
"""

from __future__ import annotations

from planner.comparison import LenderOffer, LoanCost, compare_lenders, lender_offers
from planner.cooperative import simulate_cooperative
from planner.exceptions import CapacityError, ConfigError, ConvergenceError, ParameterError, PlannerError
from planner.feasibility import FeasibilityVerdict, MarketEvidence, assess_feasibility
from planner.loans import LoanSchedule, loan_schedule
from planner.parameters import cooperative_config, threex6_config
from planner.results import CooperativeResult
from planner.threex6_results import ThreeBySixResult, simulate_threex6

__all__ = [
    "CapacityError",
    "ConfigError",
    "ConvergenceError",
    "CooperativeResult",
    "FeasibilityVerdict",
    "LenderOffer",
    "LoanCost",
    "LoanSchedule",
    "MarketEvidence",
    "ParameterError",
    "PlannerError",
    "ThreeBySixResult",
    "assess_feasibility",
    "compare_lenders",
    "cooperative_config",
    "lender_offers",
    "loan_schedule",
    "simulate_cooperative",
    "simulate_threex6",
    "threex6_config",
]
