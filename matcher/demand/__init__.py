"""The local labour-market map: demand against supply, gaps, what would unlock work, market evidence.

The core works on grounded records (:mod:`matcher.demand.grounded`) and is pure;
:mod:`matcher.demand.grounding` links raw vacancies and profiles to ESCO first.
"""

from __future__ import annotations

from matcher.demand.aggregate import (
    DemandRow,
    HoursSummary,
    PaySummary,
    demand_by_occupation,
    demand_by_skill,
    pay_and_hours,
    select_people,
    select_vacancies,
)
from matcher.demand.evidence import LocalMarketEvidence, MonthCount, RelatedOccupation, market_evidence
from matcher.demand.gaps import GapRow, LabourMarketMap, build_map, join_gaps
from matcher.demand.grounded import GroundedPerson, GroundedVacancy, monthly_pay
from matcher.demand.supply import SupplyRow, supply_by_occupation, supply_by_skill
from matcher.demand.suppression import DEFAULT_THRESHOLD, PeopleCount, gap_status, suppress_people
from matcher.demand.unlock import SkillInDemand, UnlockResult, UnlockSuggestion, skills_to_unlock

__all__ = [
    "DEFAULT_THRESHOLD",
    "DemandRow",
    "GapRow",
    "GroundedPerson",
    "GroundedVacancy",
    "HoursSummary",
    "LabourMarketMap",
    "LocalMarketEvidence",
    "MonthCount",
    "PaySummary",
    "PeopleCount",
    "RelatedOccupation",
    "SkillInDemand",
    "SupplyRow",
    "UnlockResult",
    "UnlockSuggestion",
    "build_map",
    "demand_by_occupation",
    "demand_by_skill",
    "gap_status",
    "join_gaps",
    "market_evidence",
    "monthly_pay",
    "pay_and_hours",
    "select_people",
    "select_vacancies",
    "supply_by_occupation",
    "supply_by_skill",
    "suppress_people",
    "skills_to_unlock",
]
