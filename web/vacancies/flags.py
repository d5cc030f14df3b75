"""A vacancy's safety flags in the reader's language.

The screener (:mod:`matcher.screening`) stores each flag with its indicator code and the English
name and fix hint from ``indicators.yaml``. They are said again here by indicator code through
gettext; a code not listed here (an indicator added to the YAML later) keeps the stored English.
The evidence is the employer's own words and is never translated.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

INDICATOR_NAMES: Mapping[str, LazyString] = {
    "abuse_of_vulnerability": _l("Abuse of vulnerability"),
    "deception": _l("Deception about the job"),
    "restriction_of_movement": _l("Restriction of movement"),
    "isolation": _l("Isolation"),
    "physical_sexual_violence": _l("Physical and sexual violence"),
    "intimidation_threats": _l("Intimidation and threats"),
    "retention_of_identity_documents": _l("Retention of identity documents"),
    "withholding_of_wages": _l("Withholding of wages"),
    "debt_bondage": _l("Debt bondage"),
    "abusive_conditions": _l("Abusive working and living conditions"),
    "excessive_overtime": _l("Excessive overtime"),
    "recruitment_fees": _l("Recruitment fees charged to workers"),
    "cash_or_third_party_pay": _l("Wages paid in cash or to someone else"),
    "wage_deductions": _l("Deductions for housing, transport or food"),
    "pay_withheld_until_end": _l("Pay withheld until a target or the end of the contract"),
    "work_related_charges": _l("Deposits or charges for uniforms, training or equipment"),
    "control_of_pay": _l("Worker's bank account, card or wages controlled by others"),
    "pay_differs_from_contract": _l("Pay different from the contract or payslip"),
    "money_mule": _l("Money or parcels passed on through the worker"),
    "no_written_contract": _l("Contract only on arrival or none"),
    "unidentified_employer": _l("Employer not identified"),
    "pressure_urgency": _l("Pressure and urgency"),
    "upfront_id_or_bank": _l("ID or bank details asked up front"),
    "too_good_to_be_true": _l("Offer too good to be true"),
    "no_papers_needed": _l("No papers needed"),
    "unsupported_language": _l("Language not supported for screening"),
    "formula_text": _l("Text that looks like a spreadsheet formula"),
}
FIX_HINTS: Mapping[str, LazyString] = {
    "cash_or_third_party_pay": _l(
        "State that wages are paid to the worker's own bank account with a payslip."
    ),
    "wage_deductions": _l(
        "Say which deductions are made, their exact amounts and legal limit, and that the worker agrees "
        "to them in writing (or remove them)."
    ),
    "no_written_contract": _l(
        "Give the written contract terms (job, pay, hours, deductions, duration) in a language the worker "
        "reads, before they travel or start."
    ),
    "unidentified_employer": _l(
        "Give the employer's registered name and address (and the recruiter's licence number if an agency "
        "recruits)."
    ),
    "pressure_urgency": _l(
        "Remove deadlines that push people to decide or pay at once, and give applicants time to read the "
        "terms and talk to their family."
    ),
    "upfront_id_or_bank": _l(
        "Ask only for a CV at application; collect ID and bank details after a written offer, for the "
        "right-to-work check and payroll."
    ),
    "unsupported_language": _l(
        "Write the advert in English, Spanish or French so that it can be checked, or wait for a counsellor "
        "to read it."
    ),
    "formula_text": _l("Remove the =, +, - or @ at the start of the field."),
}
EXPLANATIONS: Mapping[str, LazyString] = {
    "recruitment_fees": _l(
        "The worker is asked to pay for the job itself, a placement, registration, a visa, sponsorship or a "
        "work permit; under the Employer Pays Principle no worker should pay for a job, and these costs are "
        "the employer's."
    ),
    "wage_deductions": _l(
        "Housing, transport, food, equipment or fines are deducted from wages beyond what the law allows, in "
        "amounts set by the employer or not agreed in writing."
    ),
    "pay_withheld_until_end": _l(
        "Earnings are held back until a target or quota is met, a trial period ends, or the season, voyage "
        "or contract is over, with at most pocket money before; held pay keeps a worker from leaving."
    ),
}
SEVERITY_LABELS: Mapping[str, LazyString] = {"high": _l("high"), "medium": _l("medium")}


def _said(table: Mapping[str, LazyString], code: str, stored: str) -> str:
    found = table.get(code)
    return stored if found is None else str(found)


def shown_flags(screening: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """The stored flags, view-ready, in the reader's language.

    Each has ``name``, ``severity_label``, ``fix_hint`` and ``explanation`` (why the indicator is
    a risk, where the screener says more than its name).

    Examples
    --------
    >>> shown_flags(None)
    []
    >>> flag = {"indicator": "new_one", "name": "New", "severity": "low", "fix_hint": ""}
    >>> shown_flags({"flags": [flag]})[0]["name"]
    'New'
    """
    shown = []
    for flag in (screening or {}).get("flags", []):
        code = str(flag.get("indicator", ""))
        shown.append(
            {
                **flag,
                "name": _said(INDICATOR_NAMES, code, str(flag.get("name", code))),
                "severity_label": _said(
                    SEVERITY_LABELS, str(flag.get("severity", "")), flag.get("severity", "")
                ),
                "fix_hint": _said(FIX_HINTS, code, str(flag.get("fix_hint") or "")),
                "explanation": _said(EXPLANATIONS, code, str(flag.get("explanation") or "")),
            }
        )
    return shown


def fix_hints(screening: Mapping[str, Any] | None) -> list[str]:
    """What the employer can change to speed up the review, once each, in the reader's language."""
    hints = [f["fix_hint"] for f in shown_flags(screening) if f.get("fixable") and f["fix_hint"]]
    return list(dict.fromkeys(hints))
