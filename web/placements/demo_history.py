"""The demo's synthetic placement history: two years from ``simulate_history``, on the demo's openings.

``datasets/demo/synthetic_history.json`` gives the generator's parameters (seed, months, people
a month, how many vacancies). The simulated openings are mapped onto the demo's real ones: the
simulator's first openings (its programmes) onto the demo's programmes, the others onto evenly
spread demo vacancies; each record takes its opening's real employer and sector, so the live
cohort's pairs and the history speak of the same openings. Only the features a proposal's
snapshot also has are kept (:data:`web.placements.history.FEATURES`), the match score as the
simulator computed it. The history ends the month before the load; outcomes that would only be
known after the load day are left unknown. Everything is synthetic (``source`` says so); loading
again replaces the previous synthetic records (no duplicates).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from matcher.outcomes import HORIZONS, simulate_history
from matcher.outcomes.history import NEVER, day_of
from web.placements.history import FEATURES
from web.storage.schema import OutcomeRecord, PlacementProgramme, Vacancy

SETTINGS_FILE = "synthetic_history.json"


def _openings(db: Session, vacancies: int) -> list[PlacementProgramme | Vacancy]:
    programmes: list[PlacementProgramme | Vacancy] = list(
        db.execute(select(PlacementProgramme).order_by(PlacementProgramme.ref)).scalars()
    )
    jobs = list(db.execute(select(Vacancy).order_by(Vacancy.ref)).scalars())
    if jobs and vacancies:
        picks = np.unique(np.linspace(0, len(jobs) - 1, min(vacancies, len(jobs))).round().astype(int))
        programmes += [jobs[i] for i in picks]
    return programmes


def load_synthetic_history(db: Session, settings_path: Path, today: dt.date) -> int:
    """Replace the synthetic records by a new history ending before ``today``; return how many."""
    settings: dict[str, Any] = json.loads(settings_path.read_text(encoding="utf-8"))
    source = str(settings.get("source", "synthetic-demo"))
    db.execute(delete(OutcomeRecord).where(OutcomeRecord.source == source))
    programmes = db.execute(select(PlacementProgramme.id)).scalars().all()
    openings = _openings(db, int(settings.get("vacancies", 50)))
    candidates = int(settings.get("candidates", 8))
    if len(openings) < candidates or not programmes:
        return 0
    months = int(settings.get("months", 24))
    first = today.replace(day=1)
    start_month = first.year * 12 + first.month - 1 - months
    simulated = simulate_history(
        months=months,
        people_per_month=int(settings.get("people_per_month", 100)),
        openings=len(openings),
        employers=max(1, len({o.employer_id for o in openings})),
        programmes=len(programmes),
        candidates=candidates,
        start=dt.date(start_month // 12, start_month % 12 + 1, 1),
        random_state=int(settings.get("seed", 0)),
    ).history
    rows = _rows(simulated, openings, source, today)
    if rows:
        db.execute(insert(OutcomeRecord), rows)
    return len(rows)


def _rows(
    history: Any, openings: list[PlacementProgramme | Vacancy], source: str, today: dt.date
) -> list[dict[str, Any]]:
    keep = [history.feature_names.index(name) for name in FEATURES]
    limit = (today - dt.date(1970, 1, 1)).days
    where = {ident: openings[int(str(ident).rsplit("-", 1)[1])] for ident in history.openings}
    rows = []
    for r in range(len(history)):
        opening = where[history.openings[history.opening[r]]]
        person = history.people[history.person[r]]
        outcomes = {
            str(h): {
                "employed": bool(history.employed[r, k]),
                "known_on": day_of(int(history.known_on[r, k])).isoformat(),
            }
            for k, h in enumerate(HORIZONS)
            if history.known_on[r, k] != NEVER and history.known_on[r, k] < limit
        }
        propensity = float(history.propensity[r])
        rows.append(
            {
                "source": source,
                "case_key": f"{source}-{person}",
                "opening": opening.ref,
                "employer": opening.employer.ref,
                "day": day_of(int(history.day[r])),
                "programme": isinstance(opening, PlacementProgramme),
                "sector": opening.sector,
                "score": round(float(history.score[r]), 4),
                "features": {
                    name: round(float(history.features[r, k]), 4)
                    for name, k in zip(FEATURES, keep, strict=True)
                },
                "proposed": bool(history.proposed[r]),
                "propensity": None if np.isnan(propensity) else round(propensity, 6),
                "outcomes": outcomes,
                "audit": dict(history.audit.get(person, {})) or None,
            }
        )
    return rows
