"""The words for the stored codes of the matching vocabulary, in the reader's language.

Vacancies, programmes and people store codes (``food_processing``, ``zero_hours``, ``evenings``);
:mod:`matcher.records` lists them. Pages and forms show them through these lazy labels, turned
into text in the reader's language only when shown. A code not listed here is shown as stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

Labels = Mapping[str, LazyString]

SECTOR_LABELS: Labels = {
    "hospitality": _l("Hospitality"),
    "cleaning": _l("Cleaning"),
    "care": _l("Care work"),
    "retail": _l("Retail"),
    "logistics": _l("Logistics and warehousing"),
    "food_processing": _l("Food processing"),
    "agriculture": _l("Agriculture"),
    "construction": _l("Construction"),
    "garment": _l("Garment making"),
    "recycling": _l("Recycling"),
    "admin": _l("Office and administration"),
    "it": _l("IT"),
}
SHIFT_LABELS: Labels = {
    "day": _l("Day shift"),
    "evening": _l("Evening shift"),
    "night": _l("Night shift"),
    "mixed": _l("Mixed shifts"),
    "flexible": _l("Flexible hours"),
}
CONTRACT_LABELS: Labels = {
    "permanent": _l("Permanent"),
    "fixed_term": _l("Fixed-term"),
    "seasonal": _l("Seasonal"),
    "casual": _l("Casual"),
    "zero_hours": _l("Zero-hours"),
}
PAY_PERIOD_LABELS: Labels = {"hour": _l("hour"), "day": _l("day"), "week": _l("week"), "month": _l("month")}
AVAILABILITY_LABELS: Labels = {
    "weekdays": _l("Weekdays"),
    "weekends": _l("Weekends"),
    "mornings": _l("Mornings"),
    "afternoons": _l("Afternoons"),
    "evenings": _l("Evenings"),
    "nights": _l("Nights"),
}
INTERVIEW_LABELS: Labels = {
    "non_competitive": _l("Non-competitive (a place for everyone who completes)"),
    "competitive": _l("Competitive"),
}
#: the demand map's verdict on one occupation or skill (:func:`matcher.demand.gap_status`)
GAP_STATUS_LABELS: Labels = {
    "shortage": _l("shortage"),
    "uncertain": _l("uncertain"),
    "balanced": _l("balanced"),
    "surplus": _l("surplus"),
    "no_demand": _l("no demand"),
}
#: why openings were left out of a person's matches (:mod:`matcher.constraints` cause codes)
EXCLUSION_LABELS: Labels = {
    "language": _l("language"),
    "distance": _l("distance"),
    "hours": _l("hours"),
    "shift": _l("shift"),
    "exclusion": _l("things they do not want"),
    "pay": _l("pay"),
    "filter_distance": _l("distance filter"),
    "filter_sector": _l("sector filter"),
    "filter_kind": _l("type filter"),
    "filter_hours": _l("hours filter"),
    "filter_pay": _l("pay filter"),
}
VOCABULARY: Mapping[str, Labels] = {
    "sector": SECTOR_LABELS,
    "shift": SHIFT_LABELS,
    "contract": CONTRACT_LABELS,
    "pay_period": PAY_PERIOD_LABELS,
    "availability": AVAILABILITY_LABELS,
    "interview": INTERVIEW_LABELS,
    "gap_status": GAP_STATUS_LABELS,
    "exclusion": EXCLUSION_LABELS,
}


def label(kind: str, code: str | None) -> str:
    """The label of one stored ``code`` of a vocabulary ``kind``; an unknown code as stored.

    Examples
    --------
    >>> label("contract", "a code nobody knows")
    'a code nobody knows'
    >>> label("shift", None)
    ''
    """
    if not code:
        return ""
    found = VOCABULARY[kind].get(code)
    return code if found is None else str(found)


def labels(kind: str, codes: Iterable[str] | None) -> str:
    """Several stored codes of one kind, labelled and joined with commas."""
    return ", ".join(label(kind, code) for code in codes or ())


def choices(kind: str, blank: str | LazyString | None = None) -> list[tuple[str, str]]:
    """``(code, label)`` pairs for a select, after a ``("", blank)`` option when ``blank`` is given."""
    first = [] if blank is None else [("", str(blank))]
    return first + [(code, str(text)) for code, text in VOCABULARY[kind].items()]
