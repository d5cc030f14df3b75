"""Placement histories as JSON files (``pathways backtest --history FILE``), as in docs/outcomes.md.

::

    {"format": "pathways-placement-history/1",
     "records": [{"person": id, "opening": id, "employer": id, "day": "2025-03-04",
                  "programme": false, "sector": "food", "score": 0.71,
                  "features": {"skill_coverage": 0.8, "distance_km": 4.2, ...},
                  "proposed": true, "propensity": 0.31,                      # propensity: optional
                  "outcomes": {"6": {"employed": true, "known_on": "2025-10-01"}}}],
     "capacities": [{"opening": id, "month": "2025-03", "places": 4}],       # optional
     "audit": {"person id": {"gender": "...", "nationality": "...", "age_band": "..."}}}  # optional

One record per candidate pair; ``proposed`` marks the pair that was proposed (at most one per
person and month). Audit attributes are for subgroup auditing only and are never features.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any, TextIO

import numpy as np

from matcher.exceptions import InputError
from matcher.outcomes.history import HORIZONS, NEVER, History, Outcome, PlacementRecord, day_of, from_records

FORMAT = "pathways-placement-history/1"
_RECORD_KEYS = {"person", "opening", "employer", "day", "programme", "sector", "score", "features"}


def _date(value: Any, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise InputError(f"{where}: expected a date like 2025-03-04, got {value!r}") from exc


def _record(item: Any, i: int) -> PlacementRecord:
    where = f"records[{i}]"
    if not isinstance(item, dict):
        raise InputError(f"{where}: expected an object")
    missing = sorted(_RECORD_KEYS - set(item))
    if missing:
        raise InputError(f"{where}: missing key(s) {missing}")
    if not isinstance(item["features"], dict):
        raise InputError(f"{where}.features: expected an object of numbers")
    outcomes = []
    for horizon, value in (item.get("outcomes") or {}).items():
        if not isinstance(value, dict) or "employed" not in value or "known_on" not in value:
            raise InputError(
                f"{where}.outcomes[{horizon!r}]: expected {{'employed': bool, 'known_on': date}}"
            )
        if not str(horizon).isdigit() or int(horizon) not in HORIZONS:
            raise InputError(f"{where}.outcomes: horizon must be one of {list(HORIZONS)}, got {horizon!r}")
        outcomes.append(
            Outcome(int(horizon), bool(value["employed"]), _date(value["known_on"], f"{where}.outcomes"))
        )
    try:
        features = {str(k): float(v) for k, v in item["features"].items()}
        score = float(item["score"])
        propensity = None if item.get("propensity") is None else float(item["propensity"])
    except (TypeError, ValueError) as exc:
        raise InputError(f"{where}: score, propensity and features must be numbers") from exc
    return PlacementRecord(
        person=item["person"],
        opening=item["opening"],
        employer=item["employer"],
        day=_date(item["day"], f"{where}.day"),
        programme=bool(item["programme"]),
        sector=str(item["sector"]),
        score=score,
        features=features,
        proposed=bool(item.get("proposed", False)),
        propensity=propensity,
        outcomes=tuple(outcomes),
    )


def read_history(stream: TextIO) -> History:
    """Read a history file; :class:`InputError` names the first problem."""
    try:
        data = json.load(stream)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"history is not valid JSON: line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from exc
    if (
        not isinstance(data, dict)
        or data.get("format") != FORMAT
        or not isinstance(data.get("records"), list)
    ):
        raise InputError(f'history must be a JSON object with "format": "{FORMAT}" and a "records" list')
    records = [_record(item, i) for i, item in enumerate(data["records"])]
    capacities = None
    if data.get("capacities") is not None:
        capacities = {}
        for i, c in enumerate(data["capacities"]):
            try:
                capacities[(c["opening"], _date(f"{c['month']}-01", f"capacities[{i}].month"))] = int(
                    c["places"]
                )
            except (KeyError, TypeError, ValueError) as exc:
                raise InputError(
                    f"capacities[{i}]: expected {{'opening', 'month': 'YYYY-MM', 'places'}}"
                ) from exc
    audit = data.get("audit") or {}
    if not isinstance(audit, dict):
        raise InputError("audit must map person ids to {attribute: value}")
    return from_records(records, capacities=capacities, audit=audit)


def history_json(history: History) -> dict[str, Any]:
    """A history as the JSON file's data (the inverse of :func:`read_history`)."""
    records = []
    for r in range(len(history)):
        item: dict[str, Any] = {
            "person": _plain_id(history.people[history.person[r]]),
            "opening": _plain_id(history.openings[history.opening[r]]),
            "employer": _plain_id(history.employers[history.employer[r]]),
            "day": day_of(int(history.day[r])).isoformat(),
            "programme": bool(history.programme[r]),
            "sector": history.sectors[history.sector[r]],
            "score": float(history.score[r]),
            "features": {
                n: float(v) for n, v in zip(history.feature_names, history.features[r].tolist(), strict=True)
            },
            "proposed": bool(history.proposed[r]),
        }
        if np.isfinite(history.propensity[r]):
            item["propensity"] = float(history.propensity[r])
        outcomes = {
            str(h): {
                "employed": bool(history.employed[r, k]),
                "known_on": day_of(int(history.known_on[r, k])).isoformat(),
            }
            for k, h in enumerate(HORIZONS)
            if history.known_on[r, k] < NEVER
        }
        if outcomes:
            item["outcomes"] = outcomes
        records.append(item)
    out: dict[str, Any] = {"format": FORMAT, "records": records}
    if history.capacities is not None:
        out["capacities"] = [
            {
                "opening": _plain_id(history.openings[o]),
                "month": f"{m // 12:04d}-{m % 12 + 1:02d}",
                "places": p,
            }
            for (o, m), p in sorted(history.capacities.items())
        ]
    out["audit"] = {str(k): dict(v) for k, v in _items(history.audit)}
    return out


def _items(mapping: Mapping[Any, Mapping[str, str]]) -> list[tuple[Any, Mapping[str, str]]]:
    return list(mapping.items())


def _plain_id(value: Any) -> Any:
    return int(value) if isinstance(value, np.integer) else value


def write_history(history: History, stream: TextIO) -> None:
    """Write a history file (see the module docstring)."""
    json.dump(history_json(history), stream)
