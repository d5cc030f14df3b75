"""The managers' backtest: what proposing by expected outcome would have achieved on the stored history.

:func:`run` (a background job) learns from the history before a date and replays the later
cohorts with :func:`matcher.outcomes.backtest`; :func:`view` turns its result into what the page
shows (rates as percentages in the reader's locale, subgroups under 5 people suppressed, as the
library already leaves them). A history without the logging policy's propensities (a
counsellor's free choices) is refused with the library's reason.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask_babel import format_date, format_decimal
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from matcher.exceptions import InputError, TooLittleHistoryError
from matcher.outcomes import HORIZONS, backtest
from web.i18n import N_, percent
from web.infra.jobs import report_progress
from web.placements import history as learning
from web.placements.pipeline import add_months
from web.storage.schema import User

#: Months replayed by default, ending when the last replayed proposals' follow-up is over.
REPLAY_MONTHS = 3
#: Months after the horizon before an outcome is taken as known (the model's default follow-up).
FOLLOW_UP_MONTHS = 3
BOOTSTRAP = 1000


def may_run(user: User) -> bool:
    """Administrators and organisation leads of an NGO (counsellor leads) see backtests."""
    return user.role == "admin" or (user.role == "counsellor" and bool(user.is_lead))


def default_period(today: dt.date, horizon: int) -> tuple[dt.date, dt.date]:
    """``(since, until)``: the last :data:`REPLAY_MONTHS` months whose ``horizon`` outcomes are all known."""
    until = add_months(today.replace(day=1), -(horizon + FOLLOW_UP_MONTHS))
    return add_months(until, -REPLAY_MONTHS), until


def run(db: Session, horizon: int, since: str, until: str) -> dict[str, Any]:
    """Backtest the stored history (JSON-ready); ``{"refused": reason}`` when it cannot be done."""
    if horizon not in HORIZONS:
        raise ValueError(f"horizon must be one of {', '.join(map(str, HORIZONS))} months")
    report_progress(0.1, N_("Reading the placement history"))
    history = learning.load_history(db)
    report_progress(0.3, N_("Learning from the earlier proposals and replaying the later ones"))
    try:
        result = backtest(
            history,
            since=dt.date.fromisoformat(since),
            until=dt.date.fromisoformat(until),
            horizon=horizon,
            n_bootstrap=BOOTSTRAP,
            random_state=0,
        )
    except (InputError, TooLittleHistoryError) as exc:
        return {"refused": str(exc), "horizon": horizon, "since": since, "until": until}
    report_progress(1.0, N_("Done"))
    return {**result.to_dict(), "synthetic_records": learning.synthetic_count(db)}


def _pct(value: float | None) -> str:
    return "" if value is None else percent(value, 1)


def _points(value: float | None) -> str:
    """A difference of two rates, in percentage points (signed)."""
    if value is None:
        return ""
    return str(POINTS) % {"points": format_decimal(value * 100, format="+#,##0.0;-#,##0.0")}


def _estimate(e: dict[str, Any] | None, gain: bool = False) -> dict[str, str]:
    """A rate (or with ``gain``, a difference of rates) and its interval, within what is possible.

    A doubly robust interval may run past 0% or 100% for a small group; no rate can, so the
    interval shown stops there (the JSON keeps the raw figures).
    """
    if e is None:
        return {"value": "", "interval": ""}
    low, high = (-1.0, 1.0) if gain else (0.0, 1.0)
    shown = _points if gain else _pct

    def clip(x: float | None) -> float | None:
        return None if x is None else min(max(x, low), high)

    return {
        "value": shown(clip(e["value"])),
        "interval": str(INTERVAL) % {"low": shown(clip(e["low"])), "high": shown(clip(e["high"]))},
    }


INTERVAL = _l("%(low)s to %(high)s")
POINTS = _l("%(points)s points")
ATTRIBUTES = {"gender": _l("Gender"), "nationality": _l("Nationality"), "age_band": _l("Age band")}
SUPPRESSED = _l("fewer than 5 people: not shown")
GAIN = _l("Gain (doubly robust)")


def view(result: dict[str, Any]) -> dict[str, Any]:
    """The page's figures, formatted; ``refused`` holds the reason a backtest could not run."""
    if "refused" in result:
        return {"refused": result["refused"]}
    rows = [
        ("observed", _l("What happened"), result["observed_rate"]),
        ("doubly_robust", _l("Learned policy, doubly robust estimate"), result["doubly_robust"]),
        ("ips", _l("Learned policy, inverse propensity estimate"), result["ips"]),
    ]
    gain = result["gain_doubly_robust"]
    return {
        "refused": None,
        "horizon": result["horizon"],
        "synthetic": bool(result.get("synthetic_records")),
        "since": format_date(dt.date.fromisoformat(result["since"])),
        "until": format_date(dt.date.fromisoformat(result["until"])),
        "people": format_decimal(result["n_people"]),
        "cohorts": result["n_cohorts"],
        "learned_from": format_decimal(result["learned_from"]),
        "same_as_logged": _pct(result["same_as_logged"]),
        "level": percent(result["confidence"]),
        "significant": bool(result["significant_gain"]),
        "worse": bool(result.get("significant_loss", False)),
        "rates": [
            *({"key": key, "label": str(label), **_estimate(e)} for key, label, e in rows),
            {"key": "gain", "label": str(GAIN), **_estimate(gain, gain=True)},
        ],
        "model_only": _pct(result["model_only"]),
        "auc": format_decimal(result["replayed"]["auc"], format="0.00"),
        "auc_match_score": format_decimal(result["replayed"]["auc_match_score"], format="0.00"),
        "subgroups": [
            {
                "attribute": str(ATTRIBUTES.get(g["attribute"], g["attribute"])),
                "group": g["group"],
                "people": SUPPRESSED if g["n"] is None else format_decimal(g["n"]),
                "suppressed": g["n"] is None,
                "observed": _pct(g["observed_rate"]),
                "learned": _estimate(g["learned_rate"]),
                "gain": _estimate(g["gain"], gain=True),
            }
            for g in result["subgroups"]
        ],
    }
