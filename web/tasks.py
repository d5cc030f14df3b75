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
