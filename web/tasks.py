"""Job functions the background queue may run (see :mod:`web.jobs`); each runs in an app context."""

from __future__ import annotations

from typing import Any

from web.cohorts import run_cohort
from web.db import session


def cohort_assignment(organisation_id: int, method: str, min_score: float | None = None) -> dict[str, Any]:
    """Score the organisation's caseload against programmes and assign places (proposal only)."""
    db = session()
    try:
        return run_cohort(db, organisation_id, method, min_score)
    finally:
        db.rollback()


def labour_market_map(locality: str | None, level: int | None) -> dict[str, Any]:
    """Build the local labour-market map (demand, supply, gaps, chart)."""
    from web.labour_market import market_map

    db = session()
    try:
        return market_map(db, locality, level)
    finally:
        db.rollback()


def person_unlock(person_id: int) -> dict[str, Any]:
    """Skills that would unlock most local work for one person."""
    from web.labour_market import unlock_for

    db = session()
    try:
        return unlock_for(db, person_id)
    finally:
        db.rollback()
