"""Why a vacancy matched, or was left out, in words a counsellor can read to the person.

The results that carry these sentences (:class:`~matcher.match_result.Match`,
:class:`~matcher.match_result.Exclusion`, :class:`~matcher.match_result.Ranking`) live in
:mod:`matcher.match_result`. The sentences are built here from the same cause codes that
:mod:`matcher.constraints` computes.

Every sentence is an English template with named placeholders, passed through an optional
``translate`` callable (a gettext) before the values are filled in; without one the text is
English. The templates are marked ``_()`` (or ``N_()`` when only listed) so that
``pybabel extract`` finds them (see ``babel.cfg`` and ``make translations``).
"""

from __future__ import annotations

from collections.abc import Callable

from matcher.constraints import structured_exclusions
from matcher.phrases import strip_negation
from matcher.records import PersonProfile, Vacancy
from matcher.scoring import DEFAULT_WEIGHTS, ScoreWeights

Translate = Callable[[str], str]
"""A gettext: an English template in, the template in the reader's language out."""


def english(message: str) -> str:
    """The default translator: the template unchanged."""
    return message


def number(value: float, translate: Translate | None = None, digits: int = 2) -> str:
    """``value`` as the reader's locale writes it: the translator's ``decimal`` when it has one.

    A translator may carry a ``decimal(value, digits)`` method (the web app's does, with Babel) so
    that "5.2" reads "5,2" in Spanish; plain gettext callables give the English form, with no
    trailing zeros.

    Examples
    --------
    >>> number(5.25), number(38.0), number(1234.5)
    ('5.25', '38', '1,234.5')

    """
    decimal = getattr(translate, "decimal", None)
    if decimal is not None:
        return str(decimal(value, digits))
    text = f"{value:,.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def N_(message: str) -> str:  # noqa: N802 (the usual gettext marker name)
    """Mark ``message`` for extraction only; it is translated where it is used."""
    return message


_SHIFT_WORDS = {
    "night": N_("nights"),
    "evening": N_("evenings"),
    "day": N_("day shifts"),
    "mixed": N_("mixed day, evening and night shifts"),
    "flexible": N_("flexible hours"),
}
# Said after "you are available" (and, for the last two, after "this job is" too).
_AVAILABILITY_WORDS = {
    "weekdays": N_("weekdays"),
    "weekends": N_("weekends"),
    "mornings": N_("mornings"),
    "afternoons": N_("afternoons"),
    "evenings": N_("evenings"),
    "nights": N_("nights"),
}
_PER_PERIOD = {
    "hour": N_("%(money)s per hour"),
    "day": N_("%(money)s per day"),
    "week": N_("%(money)s per week"),
    "month": N_("%(money)s per month"),
}


def _listing(items: tuple[str, ...] | list[str], _: Translate) -> str:
    return ", ".join(items) if items else _("none given")


def _shift(vacancy: Vacancy, _: Translate) -> str:
    return _(_SHIFT_WORDS[vacancy.shift]) if vacancy.shift in _SHIFT_WORDS else vacancy.shift


def _money(amount: float, currency: str, period: str, _: Translate) -> str:
    money = f"{number(amount, _, 2)} {currency}"
    per = _(_PER_PERIOD[period]) if period in _PER_PERIOD else f"%(money)s per {period}"
    return per % {"money": money}


def _pay_text(person: PersonProfile, vacancy: Vacancy, _: Translate) -> dict[str, str]:
    want = person.desired_pay
    pay = vacancy.best_pay
    if want is None or pay is None:
        return {"offered": "", "wanted": ""}
    offered = pay.per(want.period, vacancy.hours_per_week)
    return {
        "offered": _money(offered, pay.currency, want.period, _),
        "wanted": _money(want.amount, want.currency, want.period, _),
    }


def excluded_by_structure(person: PersonProfile, vacancy: Vacancy) -> str | None:
    """The first exclusion of the person (as said) that the vacancy's shift or contract meets."""
    for wanted in person.exclusions:
        shifts, _, contracts = structured_exclusions([wanted])
        if vacancy.shift in shifts or vacancy.contract in contracts:
            return wanted
    return None


def said_not_wanted(wanted: str, text: str, translate: Translate | None = None) -> str:
    """The sentence for a vacancy text that meets something the person does not want."""
    _ = translate or english
    return _("You said you do not want %(said)s; this job says: '%(text)s'.") % {
        "said": strip_negation(wanted),
        "text": text,
    }


def _exclusion_text(person: PersonProfile, vacancy: Vacancy, evidence: dict[str, str], _: Translate) -> str:
    wanted = excluded_by_structure(person, vacancy)
    if wanted is not None:
        values = {"said": strip_negation(wanted), "shift": _shift(vacancy, _)}
        if vacancy.shift in structured_exclusions([wanted])[0]:
            return _("You said you do not want %(said)s; this job is %(shift)s.") % values
        values["contract"] = vacancy.contract.replace("_", " ")
        return _("You said you do not want %(said)s; this job is a %(contract)s contract.") % values
    for wanted, text in evidence.items():
        return said_not_wanted(wanted, text, _)
    return _("This job has something you said you do not want.")


def _values(
    person: PersonProfile, vacancy: Vacancy, distance_km: float | None, _: Translate
) -> dict[str, str]:
    """The numbers and lists the sentences mention, formatted as the English text has them."""
    return {
        "km": number(distance_km, _, 1) if distance_km is not None else "",  # as the card writes it
        "limit": number(person.max_distance_km, _, 1) if person.max_distance_km is not None else "",
        "hours": number(vacancy.hours_per_week, _, 1) if vacancy.hours_per_week is not None else "",
        "min_hours": number(person.min_hours_per_week or 0, _, 1),
        "max_hours": number(person.max_hours_per_week or 168, _, 1),
        "shift": _shift(vacancy, _),
        "available": _listing([_(_AVAILABILITY_WORDS.get(a, a)) for a in person.availability], _),
    }


def hard_cause_text(
    code: str,
    person: PersonProfile,
    vacancy: Vacancy,
    distance_km: float | None,
    evidence: dict[str, str],
    translate: Translate | None = None,
    weights: ScoreWeights = DEFAULT_WEIGHTS,
) -> str:
    """The sentence for one hard cause (a person's constraint or a counsellor's filter)."""
    _ = translate or english
    if code == "language":
        spoken = {lang.lower() for lang in person.languages}
        missing = [lang for lang in vacancy.languages_required if lang.lower() not in spoken]
        return _("This job needs %(missing)s; your languages are %(spoken)s.") % {
            "missing": _listing(missing, _),
            "spoken": _listing(person.languages, _),
        }
    values = _values(person, vacancy, distance_km, _)
    if code == "distance" and person.max_distance_km is None:
        values["limit"] = number(weights.travel_limit_km(None), _, 1)
        return (
            _(
                "This job is %(km)s km away; you gave no travel limit, "
                "so work over %(limit)s km away is left out."
            )
            % values
        )
    if code == "distance":
        return _("This job is %(km)s km away; you said up to %(limit)s km.") % values
    if code == "hours":
        return _("This job is %(hours)s hours a week; you want %(min_hours)s-%(max_hours)s hours.") % values
    if code == "shift":
        return _("This job is %(shift)s; you said you are available %(available)s.") % values
    if code == "exclusion":
        return _exclusion_text(person, vacancy, evidence, _)
    if code == "pay":
        return _("This job pays about %(offered)s; you asked for at least %(wanted)s.") % _pay_text(
            person, vacancy, _
        )
    if code.startswith("filter_"):
        return _("Left out by the %(filter)s filter.") % {"filter": code.removeprefix("filter_")}
    return code


def penalty_text(
    code: str,
    person: PersonProfile,
    vacancy: Vacancy,
    distance_km: float | None,
    evidence: dict[str, str],
    translate: Translate | None = None,
) -> str:
    """The sentence for one soft penalty."""
    _ = translate or english
    values = _values(person, vacancy, distance_km, _)
    if code == "distance":
        if person.max_distance_km:
            return _("This job is %(km)s km away; you said up to %(limit)s km.") % values
        return _("This job is %(km)s km away.") % values
    if code == "hours":
        return (
            _(
                "This job is %(hours)s hours a week, a little outside the "
                "%(min_hours)s-%(max_hours)s hours you want."
            )
            % values
        )
    if code == "shift":
        return (
            _(
                "This job is %(shift)s; you said you are available %(available)s, "
                "so some shifts may not suit you."
            )
            % values
        )
    if code == "exclusion":
        if vacancy.shift == "mixed" and structured_exclusions(person.exclusions)[1]:
            return _("Some shifts of this job may be at times you said you do not want to work.")
        for wanted, text in evidence.items():
            return _(
                "You said you do not want %(said)s; this job mentions '%(text)s' (check with the employer)."
            ) % {"said": strip_negation(wanted), "text": text}
        return _("This job may involve something you said you do not want (check with the employer).")
    if code == "pay":
        return _("This job pays about %(offered)s, a little below the %(wanted)s you asked for.") % _pay_text(
            person, vacancy, _
        )
    if code == "placement_pay":
        if vacancy.placement_weeks:
            return _(
                "During the %(weeks)s-week placement the pay is lower than you asked for; "
                "the job after it pays more."
            ) % {"weeks": f"{vacancy.placement_weeks:g}"}
        return _("During the placement the pay is lower than you asked for; the job after it pays more.")
    return code
