"""Cooperative savings and loans, loan costs and UNDP 3x6 group investments, simulated with uncertainty.

A pure library: functions take plain values or frozen dataclasses and return frozen dataclasses or numpy
arrays. Money inside the cooperative ledger is kept in integer minor units (cents), so the balance sheet
identity holds exactly. See ``docs/planner.md``. Charts live in :mod:`planner.charts` and
:mod:`planner.fan_chart` (they import matplotlib, so they are not imported here). A cooperative's books
are :mod:`planner.books`; the figures of a place :mod:`planner.places`; readable explanations
:mod:`planner.explain`.
"""

from __future__ import annotations

from planner.comparison import LenderOffer, LoanCost, compare_lenders, lender_offers
from planner.cooperative import OpeningBalances, simulate_cooperative
from planner.exceptions import (
    BooksError,
    CapacityError,
    ConfigError,
    ConvergenceError,
    MissingFigureError,
    ParameterError,
    PlannerError,
    ShareOutError,
    UnknownCountryError,
)
from planner.feasibility import FeasibilityVerdict, MarketEvidence, assess_feasibility
from planner.loans import LoanSchedule, loan_schedule
from planner.outcomes import CooperativeOutcome, ThreeBySixOutcome, outcome_from_dict
from planner.parameters import cooperative_config, threex6_config
from planner.results import CooperativeResult
from planner.threex6_results import ThreeBySixResult, simulate_threex6

__all__ = [
    "BooksError",
    "CapacityError",
    "ConfigError",
    "ConvergenceError",
    "CooperativeOutcome",
    "CooperativeResult",
    "FeasibilityVerdict",
    "LenderOffer",
    "LoanCost",
    "LoanSchedule",
    "MarketEvidence",
    "MissingFigureError",
    "OpeningBalances",
    "ParameterError",
    "PlannerError",
    "ShareOutError",
    "ThreeBySixOutcome",
    "ThreeBySixResult",
    "UnknownCountryError",
    "assess_feasibility",
    "compare_lenders",
    "cooperative_config",
    "lender_offers",
    "loan_schedule",
    "outcome_from_dict",
    "simulate_cooperative",
    "simulate_threex6",
    "threex6_config",
]
