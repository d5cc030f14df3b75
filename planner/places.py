"""The figures of a place: minimum wage, lenders' rates and 3x6 pay, per country, each with its source.

Each country has a parameter file ``planner/parameters/country_<name>.yaml`` (sections ``country``,
``wages``, ``threex6``) naming its lenders' file (``lenders_<name>.yaml``). Where no source was found
a figure is ``value: null``, and the planner *asks* for it (a :class:`~planner.messages.Message`, or
:class:`~planner.exceptions.MissingFigureError`) rather than borrowing another country's; a figure
known only in another currency (UNDP's Burundi wage in US dollars) counts as missing for a group that
keeps its books in the local currency. ``confirm: true`` marks a figure to check before relying on it.

:func:`country_parameters` picks a country by its ISO 3166-1 code or name (the web maps a
cooperative's locality to it); :func:`lender_choice` gives the lenders whose rates are known and asks
for the others; :func:`threex6_defaults` gives a 3x6 plan's starting values sized to the group;
:func:`cooperative_figures` gives the savings-and-loans settings that rest on the country
(:data:`COOPERATIVE_SETTINGS`) from its cooperative file (``country.cooperative``), or asks for them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from planner.comparison import LenderOffer, lender_offer
from planner.exceptions import MissingFigureError, UnknownCountryError
from planner.messages import N_, Message
from planner.parameters import Parameter, ParameterSet, available_parameter_sets, load_parameter_set

#: the largest 3x6 group a default makes; bigger cooperatives form several groups
MAX_GROUP = 30
#: savings-and-loans settings whose packaged default rests on one country: its law (the cap on loan
#: rates, the ceiling on savings rates) or what its cooperatives do (a service charge on loans, the share
#: of profits paid out). A plan takes them from the group's books or record where those tell them, else
#: from its country's cooperative file, else asks; never from another country's.
COOPERATIVE_SETTINGS = (
    "loan_interest_rate_annual",
    "savings_interest_rate_annual",
    "loan_fee_rate",
    "dividend_payout_share",
)


@dataclass(frozen=True)
class Place:
    """A country's figures: ``code`` (ISO 3166-1 alpha-2), ``name``, ``currency`` and its parameter files."""

    code: str
    name: str
    currency: str
    parameters: ParameterSet
    lenders: str

    def entry(self, section: str, name: str) -> Parameter | None:
        """The figure's entry (value, unit, source), or ``None`` when the file does not list it."""
        return self.parameters.sections.get(section, {}).get(name)

    def missing(self, section: str, name: str, currency: str | None = None) -> Message | None:
        """Why the figure cannot be used (no source, or another currency), or ``None`` when it can."""
        entry = self.entry(section, name)
        wanted = currency or self.currency
        if entry is None or entry.value is None:
            why = entry.source if entry is not None else Message(N_("the planner has no figure for it"))
            return Message(
                N_("%(place)s: no sourced figure for %(figure)s (%(why)s); please type it"),
                {"place": self.name, "figure": name, "why": why},
            )
        held = entry.currency or self.currency
        if held != wanted:
            return Message(
                N_(
                    "%(place)s: %(figure)s is known in %(held)s (%(value)s, %(source)s), not in %(wanted)s; "
                    "please type it in %(wanted)s"
                ),
                {
                    "place": self.name,
                    "figure": name,
                    "held": held,
                    "value": entry.value,
                    "source": entry.source,
                    "wanted": wanted,
                },
            )
        return None

    def figure(self, section: str, name: str, currency: str | None = None) -> Any:
        """The figure's value in ``currency`` (the country's by default).

        Raises
        ------
        MissingFigureError
            No source for it here, or it is known only in another currency.

        Examples
        --------
        >>> country_parameters("NP").figure("wages", "minimum_wage_monthly")
        17300
        >>> country_parameters("Ethiopia").figure("wages", "minimum_wage_daily")
        Traceback (most recent call last):
        ...
        planner.exceptions.MissingFigureError: Ethiopia: no sourced figure for minimum_wage_daily (...
        """
        problem = self.missing(section, name, currency)
        if problem is not None:
            raise MissingFigureError(problem, settings=(f"{self.parameters.name}.{section}.{name}",))
        entry = self.entry(section, name)
        return None if entry is None else entry.value


def _places() -> dict[str, Place]:
    out = {}
    for name in available_parameter_sets():
        if not name.startswith("country_"):
            continue
        params = load_parameter_set(name)
        country = params.values("country")
        place = Place(
            str(country["code"]), str(country["name"]), params.currency, params, str(country["lenders"])
        )
        out[place.code.upper()] = place
    return out


def available_countries() -> tuple[tuple[str, str], ...]:
    """``(code, name)`` of every country with a parameter file.

    Examples
    --------
    >>> available_countries()
    (('BI', 'Burundi'), ('ET', 'Ethiopia'), ('GB', 'United Kingdom'), ('NP', 'Nepal'))
    """
    return tuple(sorted((p.code, p.name) for p in _places().values()))


def country_parameters(country: str) -> Place:
    """The place's figures, by ISO 3166-1 code (``"NP"``, ``"GB"``; ``"UK"`` too) or English name.

    Raises
    ------
    UnknownCountryError
        No parameter file for the country: its figures must all be typed in.

    Examples
    --------
    >>> country_parameters("nepal").currency, country_parameters("UK").name
    ('NPR', 'United Kingdom')
    """
    places = _places()
    wanted = country.strip().upper()
    wanted = "GB" if wanted == "UK" else wanted
    for place in places.values():
        if wanted in (place.code.upper(), place.name.upper()):
            return place
    raise UnknownCountryError(
        Message(
            N_("the planner has no figures for %(country)s (it has %(known)s): please type wages and rates"),
            {"country": country, "known": ", ".join(name for _, name in available_countries())},
        )
    )


@dataclass(frozen=True)
class LenderChoice:
    """The lenders of a place: offers with a rate, a message asking for each of the others.

    ``unsourced`` names (key, label) every lender whose rate the place's file has no source for,
    typed or not, so that a form can offer a field for each.
    """

    offers: tuple[LenderOffer, ...]
    ask: tuple[Message, ...]
    unsourced: tuple[tuple[str, str], ...] = ()


def lender_choice(place: Place, typed: Mapping[str, float] | None = None) -> LenderChoice:
    """The place's lenders: offers with a sourced (or typed) rate, and what to ask for the rest.

    ``typed`` maps a lender's key to the yearly rate the user typed for it (0.18 for 18%); it
    is used only where the place has no sourced rate.

    Examples
    --------
    >>> choice = lender_choice(country_parameters("ET"))
    >>> choice.offers, len(choice.ask), [key for key, _ in choice.unsourced]
    ((), 3, ['bank', 'mfi', 'moneylender'])
    >>> [o.key for o in lender_choice(country_parameters("NP")).offers]
    ['bank', 'cooperative', 'mfi', 'moneylender']
    >>> typed = lender_choice(country_parameters("ET"), {"bank": 0.16})
    >>> [(o.key, o.annual_rate, o.method) for o in typed.offers], len(typed.ask)
    ([('bank', 0.16, 'declining')], 2)
    """
    params = load_parameter_set(place.lenders)
    offers: list[LenderOffer] = []
    ask: list[Message] = []
    unsourced: list[tuple[str, str]] = []
    for key in sorted(params.sections):
        if params.sections[key]["annual_rate"].value is None:
            unsourced.append((key, str(params.sections[key]["label"].value)))
        offer = lender_offer(params, key, (typed or {}).get(key))
        if isinstance(offer, Message):
            ask.append(offer)
        else:
            offers.append(offer)
    return LenderChoice(tuple(offers), tuple(ask), tuple(unsourced))


@dataclass(frozen=True)
class ThreeBySixStart:
    """A 3x6 plan's starting values for a group, their sources, and the figures still to type.

    ``values`` are ``threex6_config`` overrides; ``ask`` says which figures the place has no sourced
    value for, so the treasurer types them.
    """

    values: Mapping[str, Any]
    sources: Mapping[str, str] = field(default_factory=dict)
    ask: tuple[Message, ...] = ()

    def require(self) -> Mapping[str, Any]:
        """The values, or ``MissingFigureError`` naming the first figure still to type."""
        if self.ask:
            raise MissingFigureError(self.ask[0])
        return self.values


def threex6_defaults(place: Place, members: int, currency: str | None = None) -> ThreeBySixStart:
    """A 3x6 plan sized to the group that makes it, paid what the place pays.

    ``members`` people take part, in one group (several of at most :data:`MAX_GROUP` for a larger
    group); the daily wage and days of work come from the place's figures in ``currency`` (the
    place's own by default) and are asked for when it has none.

    Examples
    --------
    >>> start = threex6_defaults(country_parameters("NP"), 11)
    >>> start.values["participants"], start.values["group_size"], start.values["daily_wage"]
    (11, 11, 665)
    >>> threex6_defaults(country_parameters("BI"), 11).ask[0].values["held"]
    'USD'
    """
    size = max(1, min(members, MAX_GROUP))
    values: dict[str, Any] = {"participants": max(members, 1), "group_size": size, "groups": 0}
    values["min_group_size"] = min(5, size)
    sources = {k: "the group's own members" for k in values}
    ask = []
    for name in ("daily_wage", "days_worked"):
        problem = place.missing("threex6", name, currency if name == "daily_wage" else None)
        entry = place.entry("threex6", name)
        if problem is not None or entry is None:
            ask.append(problem or Message(N_("please type %(figure)s"), {"figure": name}))
        else:
            values[name], sources[name] = entry.value, entry.source
    return ThreeBySixStart(values, sources, tuple(ask))


@dataclass(frozen=True)
class CooperativeFigures:
    """The place's figures for :data:`COOPERATIVE_SETTINGS`: values with their sources, and what to ask.

    ``ask`` maps each setting the place has no sourced figure for to the message saying why.
    """

    values: Mapping[str, Any]
    sources: Mapping[str, str] = field(default_factory=dict)
    ask: Mapping[str, Message] = field(default_factory=dict)


def cooperative_figures(place: Place) -> CooperativeFigures:
    """The settings of :data:`COOPERATIVE_SETTINGS` as the place's cooperative file has them.

    A place without a cooperative file (``country.cooperative`` is ``null``), or a setting its file has
    no value for, is asked for, with the reason.

    Examples
    --------
    >>> nepal = cooperative_figures(country_parameters("NP"))
    >>> nepal.values["savings_interest_rate_annual"], nepal.sources["loan_interest_rate_annual"][:40]
    (0.05, 'Department of Cooperatives lending-rate ')
    >>> ethiopia = cooperative_figures(country_parameters("ET"))
    >>> dict(ethiopia.values), str(ethiopia.ask["savings_interest_rate_annual"])[:62]
    ({}, 'Ethiopia: no sourced figure for savings_interest_rate_annual (')
    """
    entry = place.entry("country", "cooperative")
    name = None if entry is None else entry.value
    section = load_parameter_set(str(name)).sections.get("cooperative", {}) if name else {}
    why = entry.source if entry is not None else Message(N_("the planner has no figure for it"))
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    ask: dict[str, Message] = {}
    for setting in COOPERATIVE_SETTINGS:
        found = section.get(setting)
        if found is None or found.value is None:
            ask[setting] = Message(
                N_("%(place)s: no sourced figure for %(figure)s (%(why)s); please type it"),
                {"place": place.name, "figure": setting, "why": found.source if found else why},
            )
        else:
            values[setting], sources[setting] = found.value, found.source
    return CooperativeFigures(values, sources, ask)
