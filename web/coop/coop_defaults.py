"""Where a savings-and-loans plan form starts for a group: its money, and its own country's figures.

The packaged defaults are the Nepal file's (``cooperative_nepal.yaml``), in rupees for a group saving
NPR 500 a month. A group's own start takes its record (monthly saving, loan multiple, loan rate,
members), the file's amounts scaled to its saving (so a group saving 20 a month is not shown a 20,000
loan), and the settings that rest on a country (:data:`planner.places.COOPERATIVE_SETTINGS`: interest
on savings, a fee on loans, the share of profits paid out) from its own country's cooperative file, or
none, for the treasurer to type, with a note saying why (:func:`coop_notes`). No request or database
here; labels and notes go through Flask-Babel.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from planner.exceptions import UnknownCountryError
from planner.parameters import load_parameter_set
from planner.places import (
    COOPERATIVE_SETTINGS,
    CooperativeFigures,
    Place,
    cooperative_figures,
    country_parameters,
)
from web.coop.plan_fields import COOPERATIVE_FIELDS, MONEY_FIELDS, PlanField

#: the planner settings the savings-and-loans form has fields for (``business.x`` for the business)
FORM_SETTINGS = frozenset(
    f"business.{f.setting}" if f.section == "business" else f.setting for f in COOPERATIVE_FIELDS
)
#: the savings-and-loans form's fields of the cooperative's own settings, by setting
FIELD_BY_SETTING = {f.setting: f for f in COOPERATIVE_FIELDS if not f.section}
#: the savings-and-loans fields whose default rests on the group's country (its cooperative file), by
#: setting; the loan rate is not among them: it is the group's own (its record, or its books)
COOP_PLACE_FIELDS = {
    f.setting: f
    for f in COOPERATIVE_FIELDS
    if f.setting in COOPERATIVE_SETTINGS and f.setting != "loan_interest_rate_annual"
}


@dataclass(frozen=True)
class CoopFacts:
    """What the plan form needs to know about the cooperative itself."""

    currency: str
    monthly_share: float
    max_loan_multiple: float
    monthly_interest_rate: float
    members: int
    #: the group's country (ISO code or name, as its locality gives it), for the place's own figures
    country: str | None = None


def _round_money(value: float) -> float:
    """Round a scaled default to two significant figures (500 -> 500, 1234.5 -> 1200)."""
    if value <= 0:
        return 0.0
    digits = 1 - int(math.floor(math.log10(value)))
    return float(round(value, digits))


#: what to type, for each savings-and-loans field whose country has no figure
_TYPE_IT = {
    "savings_interest_rate": _l("type the rate the group pays on members' savings, 0 if it pays none"),
    "loan_fee_rate": _l("type the fee the group charges on a loan, 0 if it charges none"),
    "dividend_payout_share": _l("type the share of its profits the group pays out at each share-out"),
}


def coop_notes(
    facts: CoopFacts, told: Mapping[str, str], not_told: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The notes beside the savings-and-loans fields: what comes from the books, the country or elsewhere.

    ``told`` maps a setting the group's books tell to the books' words for it; the books win over the
    country, whose figure comes with its source (:data:`COOP_PLACE_FIELDS`), or with why there is none
    and what to type. ``not_told`` is given for a plan from the books: it maps a setting the books
    cannot tell yet to why, and those fields say they hold the Nepal example's figure, with its source
    (the group's size limit, an assumption, says so too). The loan rate without the books' is the
    group's own, as its record has it.
    """
    place, figures = coop_place(facts)
    notes = {}
    nepal = load_parameter_set("cooperative_nepal").sections["cooperative"]
    for setting, f in FIELD_BY_SETTING.items():
        if setting in told:
            notes[f.name] = _("From your books: %(source)s.", source=told[setting])
        elif setting not in COOP_PLACE_FIELDS:
            if not_told is not None:
                notes.update(_books_cannot_tell(f, not_told, nepal))
        elif place is None or figures is None:
            notes[f.name] = _("Pathways does not know this group's country: %(what)s.", what=_TYPE_IT[f.name])
        elif setting in figures.values:
            notes[f.name] = _("%(place)s: %(source)s", place=place.name, source=figures.sources[setting])
        else:
            entry = place.entry("country", "cooperative")
            if entry is not None:  # its source names the country ("... sourced here for Ethiopia (...)")
                notes[f.name] = _("%(why)s; %(what)s.", why=entry.source, what=_TYPE_IT[f.name])
            else:
                notes[f.name] = _(
                    "%(place)s: no figure here; %(what)s.", place=place.name, what=_TYPE_IT[f.name]
                )
    return notes


def _books_cannot_tell(f: PlanField, why: Mapping[str, str], nepal: Mapping[str, Any]) -> dict[str, str]:
    """The note beside field ``f`` of a plan from the books when the books do not tell its value."""
    if f.setting in why and f.setting != "loan_interest_rate_annual":
        if f.name in MONEY_FIELDS:
            said = _(
                "Your books cannot tell this yet (%(why)s): the Nepal example's figure, scaled to the "
                "group's saving (%(source)s); set the group's own.",
                why=why[f.setting],
                source=nepal[f.setting].source,
            )
        else:
            said = _(
                "Your books cannot tell this yet (%(why)s): the Nepal example's figure (%(source)s); "
                "set the group's own.",
                why=why[f.setting],
                source=nepal[f.setting].source,
            )
        return {f.name: said}
    if f.setting == "max_members":
        return {
            f.name: _(
                "Your books cannot tell this: room for twice the members the books show (at least 5 "
                "more), an assumption; set the group's own limit."
            )
        }
    return {}


def coop_place(facts: CoopFacts) -> tuple[Place | None, CooperativeFigures | None]:
    """The group's country and its savings-and-loans figures (``None``, ``None``: country not known)."""
    try:
        place = country_parameters(facts.country) if facts.country else None
    except UnknownCountryError:
        return None, None
    return place, None if place is None else cooperative_figures(place)


def scaled_money(facts: CoopFacts) -> dict[str, float]:
    """Every amount of the Nepal file (``business.x`` for the business), scaled to the group's saving.

    The file's amounts are rupees for a group saving NPR 500 a month; a group's own are its monthly
    share over that, so a group saving 20 a month is not shown a 20,000 loan or a 3,000 grant.
    """
    base = load_parameter_set("cooperative_nepal")
    saving = base.sections["cooperative"]["monthly_saving"].value
    ratio = facts.monthly_share / saving if saving else 1.0
    out = {}
    for section, prefix in (("cooperative", ""), ("business", "business.")):
        for name, entry in base.sections[section].items():
            if "NPR" in entry.unit:
                out[prefix + name] = _round_money(float(entry.value) * ratio)
    return out


def unshown_settings(facts: CoopFacts) -> dict[str, Any]:
    """The amounts a savings-and-loans plan takes that the form has no field for, in the group's money.

    (The running costs per member, the social fund's grant.) A plan keeps them with its inputs
    (``other_settings``), so it never takes the Nepal file's rupees as the group's own currency.

    Examples
    --------
    >>> unshown_settings(CoopFacts("GBP", 20, 3, 0.01, 12))
    {'social_fund_grant': 120.0, 'expense_per_member': 0.8}
    """
    return {k: v for k, v in scaled_money(facts).items() if k not in FORM_SETTINGS}


def coop_defaults(facts: CoopFacts) -> dict[str, Any]:
    """The savings-and-loans form's values for a plan from nothing (see :func:`web.coop.plans.defaults`)."""
    base = load_parameter_set("cooperative_nepal")
    own, business = base.values("cooperative"), base.values("business")
    scaled = scaled_money(facts)
    values: dict[str, Any] = {}
    for f in COOPERATIVE_FIELDS:
        value = typed_default(f, own, business)
        key = f"business.{f.setting}" if f.section == "business" else f.setting
        values[f.name] = scaled.get(key, value)
    _place, figures = coop_place(facts)
    for setting, f in COOP_PLACE_FIELDS.items():
        found = None if figures is None else figures.values.get(setting)
        values[f.name] = None if found is None else typed_default(f, {setting: found}, {})
    members = facts.members or own["initial_members"]
    values.update(
        monthly_saving=float(facts.monthly_share),
        loan_multiple_of_savings=float(facts.max_loan_multiple),
        loan_rate_monthly=round(facts.monthly_interest_rate * 100, 4),
        initial_members=members,
        max_members=max(members * 2, members + 5),
    )
    return values


def typed_default(f: PlanField, own: Mapping[str, Any], business: Mapping[str, Any]) -> Any:
    """A parameter file's value of field ``f`` in the units the form takes (``own``: its model's section)."""
    raw = (business if f.section == "business" else own)[f.setting]
    if f.kind == "flag":
        return bool(raw)
    value = raw / f.scale
    if f.name == "months" and f.scale == 12:
        return int(raw // 12)
    return int(round(value)) if f.kind == "int" else round(float(value), 6)
