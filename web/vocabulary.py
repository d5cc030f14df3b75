"""The words for every stored code, in the reader's language: the one place for labels.

Vacancies, programmes and people store codes (``food_processing``, ``zero_hours``, ``evenings``);
:mod:`matcher.records` lists them. Pages and forms show them through these lazy labels, turned
into text in the reader's language only when shown. A code not listed here is shown as stored.
Roles, consents, vacancy states and placement steps are labelled here too; the English messages
marked with :func:`web.i18n.N_` are said with ``gettext`` where a page shows them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from web.i18n import N_
from web.storage.schema import VacancyStatus

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
ROLE_LABELS = {
    "counsellor": _l("Job counsellor"),
    "employer": _l("Employer"),
    "coop_member": _l("Cooperative member"),
    "coop_treasurer": _l("Cooperative treasurer"),
    "admin": _l("Administrator"),
}
CONSENT_LABELS = {
    "matching": _l("Matching to work"),
    "share_with_employers": _l("Sharing with employers"),
    "demand_statistics": _l("Anonymous statistics"),
    "contact_by_counsellor": _l("Contact by counsellor"),
}
#: The fields a person may share with an employer, as people call them (English; said with gettext).
SHARE_FIELD_LABELS = {
    "pseudonym": N_("Name they use"),
    "skills_text": N_("Skills"),
    "work_history": N_("Work history"),
    "interests_text": N_("Interests"),
}
#: Why sharing with an employer ended (web.placements.disclosure.END_REASONS).
DISCLOSURE_END_LABELS = {
    "proposal_closed": N_("the proposal closed"),
    "consent_withdrawn": N_("consent to share was withdrawn"),
    "replaced": N_("shared again with other details"),
    "stopped": N_("the person asked to stop sharing"),
}
#: what a line of a group's books records (:data:`planner.books.entries.ENTRY_TYPES`, in meeting order)
ENTRY_KIND_LABELS: Labels = {
    "joined": _l("Member joined"),
    "attendance": _l("Attendance"),
    "savings": _l("Savings"),
    "social": _l("Social fund"),
    "fine": _l("Fine"),
    "repayment": _l("Loan repayment"),
    "income": _l("Other income"),
    "sales": _l("Business sales"),
    "write_off": _l("Loan written off"),
    "withdrawal": _l("Savings taken out"),
    "social_payout": _l("Social fund payout"),
    "cost": _l("Running costs"),
    "business_cost": _l("Business costs"),
    "loan": _l("New loan"),
    "kept_back": _l("Loan repaid from the share-out"),
    "share_out": _l("Share-out"),
    "left": _l("Member left"),
    "reversal": _l("Reversal"),
}
#: where a vacancy stands (:class:`web.storage.schema.VacancyStatus`)
VACANCY_STATUS_LABELS: Labels = {
    VacancyStatus.PENDING_REVIEW: _l("Waiting for safety review"),
    VacancyStatus.OPEN: _l("Open"),
    VacancyStatus.REJECTED: _l("Rejected"),
    VacancyStatus.CLOSED: _l("Closed"),
}


def options(labels: dict[str, object]) -> list[tuple[str, str]]:
    """``(value, translated label)`` pairs for a select or a set of checkboxes."""
    return [(value, str(label)) for value, label in labels.items()]


def share_options() -> list[tuple[str, str]]:
    """``(field, label)`` pairs for the checkboxes of what a person shares, in the reader's language."""
    return [(name, gettext(label)) for name, label in SHARE_FIELD_LABELS.items()]


VOCABULARY: Mapping[str, Labels] = {
    "sector": SECTOR_LABELS,
    "shift": SHIFT_LABELS,
    "contract": CONTRACT_LABELS,
    "pay_period": PAY_PERIOD_LABELS,
    "availability": AVAILABILITY_LABELS,
    "interview": INTERVIEW_LABELS,
    "gap_status": GAP_STATUS_LABELS,
    "exclusion": EXCLUSION_LABELS,
    "vacancy_status": VACANCY_STATUS_LABELS,
    "entry_kind": ENTRY_KIND_LABELS,
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
