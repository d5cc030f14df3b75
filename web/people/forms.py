"""The person form: fields, labels, hints, and validation with plain messages.

Cells are validated with the same column rules as the CSV import (:mod:`web.infra.csvrows`),
so a value accepted in one place is accepted in the other.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _

from matcher.records import AVAILABILITY, PAY_PERIODS
from web.infra.csvrows import Column
from web.infra.forms import FormResult, parse_form
from web.infra.forms import display_values as generic_display

#: the furthest travel limit a person can give (km): openings further away are in another city or country
MAX_TRAVEL_KM = 500

#: Profile fields a counsellor fills in with the person (no protected attributes here).
PROFILE_COLUMNS = [
    Column("pseudonym", max_length=120),
    Column("skills_text", max_length=4000),
    Column("work_history", "list", required=False),
    Column("interests_text", required=False, max_length=4000),
    Column("languages", "list"),
    Column("locality"),
    Column("latitude", "float", required=False, minimum=-90, maximum=90),
    Column("longitude", "float", required=False, minimum=-180, maximum=180),
    Column("max_distance_km", "float", required=False, minimum=0, maximum=MAX_TRAVEL_KM),
    Column("min_hours_per_week", "float", required=False, minimum=0, maximum=80),
    Column("max_hours_per_week", "float", required=False, minimum=0, maximum=80),
    Column("availability", "list", required=False),
    Column("constraints_text", required=False, max_length=2000),
    Column("exclusions", "list", required=False),
    Column("desired_pay", "decimal", required=False, minimum=0, maximum=10_000_000),
    Column("pay_period", "choice", required=False, choices=PAY_PERIODS),
]
#: Kept apart, optional, never used for matching.
PROTECTED_COLUMNS = [
    Column("gender", required=False, max_length=60),
    Column("nationality", required=False, max_length=80),
    Column("birth_year", "int", required=False, minimum=1900, maximum=2015),
    Column("trafficking_history", required=False, max_length=2000),
]
MULTILINE = {"work_history", "exclusions"}


def parse_person_form(form: Mapping[str, Any], localities: set[str]) -> FormResult:
    """Validate the person form; ``localities`` are the refs a person may live in.

    Examples
    --------
    >>> r = parse_person_form({"pseudonym": "A.", "skills_text": "cooking", "languages": "English, Nepali",
    ...                        "locality": "mcr", "desired_pay": "-1"}, {"mcr"})
    >>> r.values["languages"], r.errors
    (['English', 'Nepali'], {'desired_pay': 'should be at least 0, got -1'})

    """
    result = parse_form(form, PROFILE_COLUMNS + PROTECTED_COLUMNS, MULTILINE)
    _cross_check(result, localities)
    return result


def _cross_check(result: FormResult, localities: set[str]) -> None:
    values, errors = result.values, result.errors
    if values.get("locality") and values["locality"] not in localities:
        errors["locality"] = _("choose one of the listed localities")
    unknown = [a for a in values.get("availability") or [] if a not in AVAILABILITY]
    if unknown:
        errors["availability"] = _("unknown choice(s): %(choices)s", choices=", ".join(unknown))
    lo, hi = values.get("min_hours_per_week"), values.get("max_hours_per_week")
    if lo is not None and hi is not None and lo > hi:
        errors["min_hours_per_week"] = _(
            "is more than the most hours (%(least)s > %(most)s)", least=f"{lo:g}", most=f"{hi:g}"
        )
    if (values.get("latitude") is None) != (values.get("longitude") is None):
        errors["latitude"] = _("give both latitude and longitude, or neither")
    if values.get("desired_pay") is not None and not values.get("pay_period"):
        errors["pay_period"] = _("say whether the pay is per hour, day, week or month")


def display_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """Values as the form's inputs show them: one entry a line, languages comma-separated."""
    shown = generic_display(values, MULTILINE)
    if isinstance(shown.get("languages"), list | tuple):
        shown["languages"] = ", ".join(shown["languages"])
    shown["availability"] = list(shown.get("availability") or [])
    return shown
