"""The 3x6 feasibility step in words, in the reader's language.

The planner keeps its verdict's reasons and warnings as messages (``summary["feasibility"]``:
``reason_messages`` and ``warning_messages``, English templates with their values); they are said
here through gettext with locale-formatted numbers (:mod:`web.coop.planner_words`). A plan saved
before the planner kept its messages shows its English reasons as written. Needs an app context.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from flask_babel import format_currency, format_date, format_decimal, format_percent, ngettext
from flask_babel import gettext as _

from web.coop.planner_words import as_sentence, say

#: ``MarketEvidence.source`` of figures read from the labour-market map, followed by the ISO date
MAP_SOURCE = "labour-market map"


def map_source(day: dt.date, vacancies: int, employers: int) -> str:
    """``MarketEvidence.source`` of figures read from the map: the date and the two counts read.

    Examples
    --------
    >>> map_source(dt.date(2026, 11, 28), 7, 3)
    'labour-market map 2026-11-28 (7 vacancies, 3 employers)'
    """
    return f"{MAP_SOURCE} {day.isoformat()} ({vacancies} vacancies, {employers} employers)"


def source_matches(source: str, vacancies: Any, employers: Any) -> bool:
    """Whether ``source`` is a map source whose counts are the ones the form now holds.

    A treasurer may change the figures after the lookup; the plan then says they were typed in.

    Examples
    --------
    >>> source = map_source(dt.date(2026, 11, 28), 7, 3)
    >>> source_matches(source, 7, 3), source_matches(source, 9, 3), source_matches("", 7, 3)
    (True, False, False)
    """
    if not source.startswith(MAP_SOURCE + " "):
        return False
    try:
        day = dt.date.fromisoformat(source[len(MAP_SOURCE) + 1 :][:10])
    except ValueError:
        return False
    return source == map_source(day, vacancies, employers)


def gate_messages(gate: Mapping[str, Any], key: str) -> list[str]:
    """The verdict's ``"reasons"`` or ``"warnings"`` in the reader's language.

    Examples
    --------
    >>> gate_messages({"reasons": ["a reason of a plan saved long ago"]}, "reasons")
    ['a reason of a plan saved long ago']
    """
    messages = gate.get(key.removesuffix("s") + "_messages")
    if messages is None:
        return list(gate[key])
    return [say(m) for m in messages]


def source_text(source: str) -> str:
    """Where the market figures come from, in words."""
    if source.startswith(MAP_SOURCE):
        day = source[len(MAP_SOURCE) :].strip()[:10]
        try:
            read_on = format_date(dt.date.fromisoformat(day))
        except ValueError:
            read_on = day
        return _("Pathways' local labour-market map, read on %(date)s", date=read_on)
    return _("figures typed in on the plan form")


def evidence_words(evidence: Mapping[str, Any] | None, currency: str) -> str:
    """The market evidence a plan used, in one sentence."""
    if not evidence:
        return _("No local market evidence was available for this plan.")
    vacancies, employers = evidence["related_vacancies"], evidence["related_employers"]
    parts = [
        _(
            "Market evidence used: %(vacancies)s and %(employers)s",
            vacancies=ngettext(
                "%(count)s related local vacancy",
                "%(count)s related local vacancies",
                vacancies,
                count=format_decimal(vacancies),
            ),
            employers=ngettext(
                "%(count)s employer or buyer",
                "%(count)s employers or buyers",
                employers,
                count=format_decimal(employers),
            ),
        )
    ]
    if evidence.get("median_monthly_pay") is not None:
        parts.append(
            _("median pay %(pay)s a month", pay=format_currency(evidence["median_monthly_pay"], currency))
        )
    if evidence.get("demand_trend") is not None:
        parts.append(_("demand changing %(trend)s a year", trend=format_percent(evidence["demand_trend"])))
    return _(
        "%(facts)s (source: %(source)s).",
        facts="; ".join(parts),
        source=source_text(evidence.get("source", "")),
    )


def gate_words(result: Mapping[str, Any]) -> list[str]:
    """The feasibility verdict of a 3x6 result: the evidence, whether it passed, why, and warnings."""
    gate = result["summary"]["feasibility"]
    if not gate["applied"]:
        return [_("No market evidence was given, so the feasibility check was not applied.")]
    words = [evidence_words(result.get("market_evidence"), result["currency"])]
    if gate["passed"]:
        words.append(_("The market evidence passes the feasibility check: matching funds are released."))
    else:
        words.append(
            _(
                "The market evidence fails the feasibility check, so no matching funds are paid: "
                "%(reasons)s.",
                reasons="; ".join(gate_messages(gate, "reasons")),
            )
        )
    words.extend(as_sentence(w) for w in gate_messages(gate, "warnings"))
    return words
