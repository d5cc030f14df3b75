"""Plan forms for the cooperative and 3x6 models: fields, defaults, validation and the simulation call.

No request or database here; labels and messages go through Flask-Babel (plain English outside an
app context). Form values are kept in the units a treasurer types (percentages, a monthly loan rate);
:func:`to_overrides` turns them into the planner's settings. :func:`run_plan` is the one call that
runs a plan, so a background job can run it with the same saved inputs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _

from planner import (
    MarketEvidence,
    PlannerError,
    cooperative_config,
    simulate_cooperative,
    simulate_threex6,
    threex6_config,
)
from planner.cooperative import OpeningBalances
from planner.exceptions import UnknownCountryError
from planner.parameters import load_parameter_set
from planner.places import MAX_GROUP, Place, country_parameters, threex6_defaults
from planner.threex6 import MAX_CELLS
from web.coop.coop_defaults import (
    COOP_PLACE_FIELDS,
    FORM_SETTINGS,
    CoopFacts,
    coop_defaults,
    coop_notes,
    typed_default,
    unshown_settings,
)
from web.coop.plan_fields import FIELDS, MONEY_FIELDS, THREEX6_FIELDS, PlanField
from web.coop.planner_words import planner_error_text
from web.infra.forms import FormResult, parse_form

__all__ = [
    "COOP_PLACE_FIELDS",
    "FIELDS",
    "KINDS",
    "MONEY_FIELDS",
    "CoopFacts",
    "PlanField",
    "defaults",
    "form_notes",
    "parse_plan_form",
    "run_plan",
    "unshown_settings",
]

KINDS = ("cooperative", "3x6")
#: simulated futures in a web request; 10,000-run jobs belong in the background queue
WEB_RUNS = 1000
DEFAULT_SEED = 1
#: the 3x6 fields whose starting values come from the group's country (or are typed)
PLACE_FIELDS = ("daily_wage", "days_worked")
#: the 3x6 fields that are the programme's design as UNDP ran it in Burundi, or a published rate, and
#: the parameter each starts from (field -> section and key of ``threex6_burundi``)
DESIGN_FIELDS = {
    "savings_share": ("threex6", "savings_share"),
    "exit_rate": ("threex6", "exit_rate"),
    "match_ratio": ("threex6", "match_ratio"),
    "business_failure_rate": ("business", "annual_failure_rate"),
}
#: of those, the ones UNDP's Burundi programme itself set (the others are studies of other places)
UNDP_DESIGN = ("savings_share", "exit_rate", "match_ratio")
#: the 3x6 form's optional market evidence (all empty: the feasibility check is not applied)
EVIDENCE_FIELDS = tuple(f.name for f in THREEX6_FIELDS if f.section == "evidence")


def check_kind(kind: str) -> str:
    """``kind`` if it is a known model, else ``ValueError``."""
    if kind not in KINDS:
        raise ValueError(f"unknown plan kind {kind!r}; known: {', '.join(KINDS)}")
    return kind


def defaults(kind: str, facts: CoopFacts) -> dict[str, Any]:
    """Form values to start from: the planner's parameter files, adjusted to the cooperative's record.

    Amounts in the Nepal file are scaled by the cooperative's monthly share over the file's (so a group
    saving 20 a month is not shown a 20,000 loan). The savings-and-loans settings that rest on a country
    (interest on savings, a fee on loans, the share of profits paid out:
    :data:`planner.places.COOPERATIVE_SETTINGS`) come from the group's own country's cooperative file;
    the loan rate is the group's own. A 3x6 plan is sized to the group and paid what its country pays
    (:func:`planner.places.threex6_defaults`). Where the country has no sourced figure, or the group's
    country is not known, those fields start empty for the treasurer to type (:func:`form_notes` says
    why), never another country's figure.

    Examples
    --------
    >>> d = defaults("cooperative", CoopFacts("GBP", 20, 3, 0.01, 12))
    >>> d["monthly_saving"], d["average_loan_request"], d["loan_rate_monthly"], d["initial_members"]
    (20.0, 800.0, 1.0, 12)
    >>> d["savings_interest_rate"], d["loan_fee_rate"], d["dividend_payout_share"]
    (None, None, None)
    >>> d = defaults("cooperative", CoopFacts("NPR", 1000, 3, 0.01, 12, country="NP"))
    >>> d["savings_interest_rate"], d["loan_fee_rate"], d["dividend_payout_share"]
    (5.0, 1.0, 50.0)
    >>> d = defaults("3x6", CoopFacts("NPR", 1000, 3, 0.01, 11, country="NP"))
    >>> d["participants"], d["group_size"], d["daily_wage"], d["days_worked"]
    (11, 11, 665, 78)
    >>> d = defaults("3x6", CoopFacts("ETB", 300, 3, 0.01, 12, country="ET"))
    >>> d["daily_wage"], d["days_worked"]
    (None, None)
    """
    if check_kind(kind) == "cooperative":
        return coop_defaults(facts)
    base = load_parameter_set("threex6_burundi")
    own, business = base.values("threex6"), base.values("business")
    values = {f.name: typed_default(f, own, business) for f in THREEX6_FIELDS if f.section != "evidence"}
    start = _threex6_start(facts)
    values.update(dict.fromkeys(PLACE_FIELDS))
    values.update({k: v for k, v in start.values.items() if k in values})
    values.update(dict.fromkeys(EVIDENCE_FIELDS))
    return values


def form_notes(
    kind: str,
    facts: CoopFacts,
    told: Mapping[str, str] | None = None,
    not_told: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Where the figures that rest on the group's country come from (with their source), or why to type them.

    For a 3x6 plan, its pay, and where the programme's design comes from (:data:`DESIGN_FIELDS`: the
    share saved, who leaves, the match, how often a business closes); for a savings-and-loans plan,
    the settings of :data:`COOP_PLACE_FIELDS` and every setting the group's books tell. ``told`` maps
    a setting the books tell to where in the books it comes from (a plan from the books); the books
    win over the country. ``not_told`` (a plan from the books) maps a setting the books cannot tell
    yet to why: its field says it holds the Nepal example's figure (:func:`coop_notes`).

    Examples
    --------
    >>> ethiopia = CoopFacts("ETB", 300, 3, 0.01, 10, country="ET")
    >>> print(form_notes("cooperative", ethiopia)["loan_fee_rate"])  # doctest: +NORMALIZE_WHITESPACE
    No savings-and-credit figures are sourced here for Ethiopia (interest on members' savings, a fee on
    loans, the share of profits paid out); type the fee the group charges on a loan, 0 if it charges none.
    >>> form_notes("cooperative", CoopFacts("NPR", 1000, 3, 0.01, 10, country="NP"))["dividend_payout_share"]
    'Nepal: Assumption; the rest stays as reserve'
    >>> form_notes("3x6", CoopFacts("NPR", 1000, 3, 0.01, 11, country="NP"))["daily_wage"][:40]
    'Nepal: Assumption: cash-for-work pays at'
    >>> form_notes("3x6", CoopFacts("BIF", 5000, 3, 0.01, 11, country="BI"))["daily_wage"][:53]
    'Burundi: the published figure is in USD (2.4), not in'
    >>> form_notes("3x6", CoopFacts("GBP", 20, 3, 0.01, 11))["days_worked"]
    "Pathways does not know this group's country: type what the programme gives."
    >>> form_notes("3x6", CoopFacts("ETB", 300, 3, 0.01, 11, country="ET"))["match_ratio"][:61]
    'As UNDP ran the 3x6 approach in Burundi (UNDP Africa, Smart r'
    """
    if check_kind(kind) != "3x6":
        return coop_notes(facts, told or {}, not_told)
    start = _threex6_start(facts)
    notes = {}
    for name in PLACE_FIELDS:
        entry = start.place.entry("threex6", name) if start.place else None
        if start.place is None or entry is None:
            notes[name] = _("Pathways does not know this group's country: type what the programme gives.")
        elif name in start.sources or entry.value is None:
            notes[name] = _("%(place)s: %(source)s", place=start.place.name, source=entry.source)
        else:
            notes[name] = _(
                "%(place)s: the published figure is in %(held)s (%(value)s), not in %(wanted)s; type it in "
                "%(wanted)s.",
                place=start.place.name,
                held=entry.currency or start.place.currency,
                value=entry.value,
                wanted=facts.currency,
            )
    design = load_parameter_set("threex6_burundi").sections
    for name, (section, key) in DESIGN_FIELDS.items():
        source = design[section][key].source
        if name in UNDP_DESIGN:
            notes[name] = _(
                "As UNDP ran the 3x6 approach in Burundi (%(source)s); set what your programme does.",
                source=source,
            )
        else:
            notes[name] = _(
                "A published figure (%(source)s); set your own if you know better.", source=source
            )
    return notes


@dataclass(frozen=True)
class _PlaceStart:
    place: Place | None
    values: Mapping[str, Any]
    sources: Mapping[str, str]


def _threex6_start(facts: CoopFacts) -> _PlaceStart:
    """The 3x6 start of the group's own country (sized to the group); without a country, its size only."""
    members = max(facts.members, 1)
    try:
        place = country_parameters(facts.country) if facts.country else None
    except UnknownCountryError:
        place = None
    if place is None:
        size = min(members, MAX_GROUP)
        sized = {"participants": members, "group_size": size, "min_group_size": min(5, size)}
        return _PlaceStart(None, sized, {})
    start = threex6_defaults(place, members, facts.currency)
    return _PlaceStart(place, start.values, start.sources)


def as_form_text(values: Mapping[str, Any]) -> dict[str, str]:
    """Values as a form's inputs hold them: numbers without needless decimals, a flag as ``"on"``.

    Examples
    --------
    >>> as_form_text({"a": 200000.0, "b": 0.8, "c": True, "d": False, "e": None, "f": 12})
    {'a': '200000', 'b': '0.8', 'c': 'on', 'd': '', 'e': '', 'f': '12'}
    """
    shown = {}
    for name, value in values.items():
        if value is None or value is False:
            shown[name] = ""
        elif value is True:
            shown[name] = "on"
        elif isinstance(value, float):
            shown[name] = format(value, ".12g")
        else:
            shown[name] = str(value)
    return shown


def parse_plan_form(
    kind: str, form: Mapping[str, Any], runs: int = WEB_RUNS, opening: OpeningBalances | None = None
) -> FormResult:
    """Validate a plan form: each field's own rule, then the planner's checks, errors per field.

    Examples
    --------
    >>> facts = CoopFacts("NPR", 1000, 3, 0.01, 20, country="NP")
    >>> good = as_form_text(defaults("cooperative", facts))
    >>> parse_plan_form("cooperative", good).ok
    True
    >>> parse_plan_form("cooperative", {**good, "late_rate": "120"}).errors
    {'late_rate': 'should be at most 100, got 120'}
    """
    fields = FIELDS[check_kind(kind)]
    result = parse_form(form, [f.column for f in fields])
    for f in fields:
        if f.kind == "flag":
            result.values[f.name] = result.values.get(f.name) == "on"
    if kind == "3x6":
        _evidence_check(result)
    if result.ok:
        _planner_check(kind, result, opening)
    if result.ok and kind == "3x6":
        _size_check(result, runs)
    return result


def _size_check(result: FormResult, runs: int) -> None:
    """Refuse a 3x6 plan with more groups than ``runs`` simulated futures can hold in memory."""
    values = result.values
    groups = values["participants"] // values["group_size"] + 1
    most = MAX_CELLS // (runs * values["months"]) - 1
    if groups - 1 > most:
        result.errors["participants"] = _(
            "makes %(groups)s groups, too many to simulate here; plan at most %(most)s groups (more people "
            "in each group, or fewer people)",
            groups=groups - 1,
            most=max(most, 0),
        )


def _evidence_check(result: FormResult) -> None:
    values = result.values
    given = [n for n in EVIDENCE_FIELDS if values.get(n) is not None]
    if given:
        for name in ("related_vacancies", "related_employers"):
            if values.get(name) is None and name not in result.errors:
                result.errors[name] = _(
                    "give both the related vacancies and employers, or leave the market fields empty"
                )


def _planner_check(kind: str, result: FormResult, opening: OpeningBalances | None = None) -> None:
    """Let the planner validate the combination and the books it starts from; message on the first field."""
    try:
        config, _evidence = _config(kind, result.values)
        if opening is not None:
            opening.check(config)
    except PlannerError as exc:
        fields = {_setting(kind, f): f.name for f in FIELDS[kind]}
        named = [fields[s] for s in exc.settings if s in fields]
        result.errors[named[0] if named else "plan"] = planner_error_text(exc)


def _setting(kind: str, f: PlanField) -> str:
    """The planner's full name of the setting a field feeds (``"business.start_month"``)."""
    return f"{f.section or ('cooperative' if kind == 'cooperative' else 'threex6')}.{f.setting}"


def to_overrides(kind: str, inputs: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """Planner settings (and 3x6 market evidence, or ``None``) from form values.

    Examples
    --------
    >>> over, _ = to_overrides("cooperative", {"loan_rate_monthly": 1.0, "months": 5, "late_rate": 3})
    >>> over["loan_interest_rate_annual"], over["months"], over["late_rate"]
    (0.12, 60, 0.03)
    """
    overrides: dict[str, Any] = {"business": {}}
    evidence: dict[str, Any] = {}
    for f in FIELDS[check_kind(kind)]:
        if f.name not in inputs:
            continue
        value = inputs[f.name]
        if value is not None and f.kind != "flag":
            value = value * f.scale
            value = int(round(value)) if f.kind == "int" or f.setting == "months" else round(value, 10)
        target = (
            overrides["business"]
            if f.section == "business"
            else evidence
            if f.section == "evidence"
            else overrides
        )
        target[f.setting] = value
    given = {k: v for k, v in evidence.items() if v is not None}
    return overrides, given or None


def books_only_settings(settings: Mapping[str, Any]) -> dict[str, Any]:
    """Of the settings a plan takes from the books, those the form has no field for.

    An established business has no ramp-up or expansion still to come; the form cannot say so, so a
    plan from the books keeps these beside its form values (``books_settings`` in its inputs).

    Examples
    --------
    >>> books_only_settings({"monthly_saving": 20, "business.ramp_up_months": 0})
    {'business.ramp_up_months': 0}
    """
    return {k: v for k, v in settings.items() if k not in FORM_SETTINGS}


def _config(kind: str, inputs: Mapping[str, Any]) -> tuple[Any, MarketEvidence | None]:
    overrides, evidence = to_overrides(kind, inputs)
    currency = inputs.get("currency")
    if currency:
        overrides["currency"] = str(currency)
    if kind == "cooperative":
        # the form's own values win, then what the books tell, then the amounts scaled to the group
        for key in ("books_settings", "other_settings"):
            for name, value in (inputs.get(key) or {}).items():
                section, _dot, setting = name.rpartition(".")
                target = overrides.setdefault(section, {}) if section else overrides
                target.setdefault(setting, value)
        return cooperative_config(overrides), None
    if evidence is not None and ("related_vacancies" not in evidence or "related_employers" not in evidence):
        raise PlannerError("market evidence: give both related_vacancies and related_employers, or neither")
    if evidence is not None and inputs.get("evidence_source"):
        evidence["source"] = str(inputs["evidence_source"])
    return threex6_config(overrides), None if evidence is None else MarketEvidence.from_mapping(evidence)


def run_plan(kind: str, inputs: Mapping[str, Any], seed: int, runs: int = WEB_RUNS) -> dict[str, Any]:
    """Run a plan from saved form values; the JSON-ready result (series, fan chart, summary).

    This is the whole simulation step, so a background job can call it as it is. A cooperative plan
    whose ``inputs`` hold ``opening`` (the books' balances, ``OpeningBalances.to_dict()``) starts from
    them instead of from nothing.

    Raises
    ------
    PlannerError
        When the inputs do not make a valid plan (the message says which setting).

    Examples
    --------
    >>> inputs = defaults("3x6", CoopFacts("USD", 17.6, 3, 0.01, 10, country="BI"))
    >>> result = run_plan("3x6", inputs, seed=1, runs=50)
    >>> result["kind"], result["summary"]["planned_funding"]["matched_funds_per_person"]
    ('3x6', 158.4)
    """
    config, evidence = _config(check_kind(kind), inputs)
    if kind == "cooperative":
        opening = OpeningBalances.from_dict(inputs["opening"]) if inputs.get("opening") else None
        data = simulate_cooperative(config, runs=runs, seed=seed, opening=opening).to_dict()
    else:
        data = simulate_threex6(config, evidence, runs=runs, seed=seed).to_dict()
    data["kind"] = kind
    return data
