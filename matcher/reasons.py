"""Why a vacancy matched, or was left out, in words a counsellor can read to the person.

:class:`Match` carries the score, its parts, the matched skill pairs (vacancy need and
the person's own words, with an ESCO skill label when a taxonomy was given), the skill
gap and every penalty with its cause; :class:`Exclusion` carries every hard cause.
The sentences are built here from the same cause codes that
:mod:`matcher.constraints` computes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from matcher.constraints import structured_exclusions
from matcher.phrases import strip_negation
from matcher.records import PersonProfile, Vacancy

_SHIFT_WORDS = {
    "night": "nights",
    "evening": "evenings",
    "day": "day shifts",
    "mixed": "mixed day, evening and night shifts",
    "flexible": "flexible hours",
}


@dataclass(frozen=True)
class SkillPair:
    """A vacancy need covered by the person's words (``similarity`` is the cosine)."""

    need: str
    person_words: str
    similarity: float
    required: bool
    esco_skill: str | None = None

    @property
    def text(self) -> str:
        """The pair in plain words."""
        esco = f" (ESCO skill: {self.esco_skill})" if self.esco_skill else ""
        return f"The job needs '{self.need}'{esco}; you said '{self.person_words}'."


@dataclass(frozen=True)
class Penalty:
    """Points taken off a score and why (a soft constraint)."""

    code: str
    points: float
    text: str


@dataclass(frozen=True)
class Reason:
    """One cause or note: a code for programs and a sentence for people."""

    code: str
    text: str


@dataclass(frozen=True)
class Match:
    """One ranked vacancy or placement for a person, with the reasons behind its score.

    ``skills``, ``aspiration`` and ``experience`` are the 0-1 parts of the fixed score
    formula (see :mod:`matcher.scoring`); ``score`` is 0-100.
    """

    vacancy_id: str
    title: str
    kind: str
    score: float
    skills: float
    aspiration: float
    experience: float
    matched: tuple[SkillPair, ...]
    gaps: tuple[str, ...]
    penalties: tuple[Penalty, ...]
    notes: tuple[Reason, ...]
    distance_km: float | None

    def explain(self) -> list[str]:
        """Every reason as a sentence, in reading order."""
        lines = [n.text for n in self.notes] + [p.text for p in self.matched]
        if self.gaps:
            lines.append("Not yet covered by what you told us: " + "; ".join(self.gaps) + ".")
        lines += [f"{p.text} (-{p.points:g} points)" for p in self.penalties]
        return lines

    def reasons_dict(self) -> dict[str, Any]:
        """The reasons as plain JSON-ready data."""
        return {
            "parts": {"skills": self.skills, "aspiration": self.aspiration, "experience": self.experience},
            "matched": [asdict(p) | {"text": p.text} for p in self.matched],
            "gaps": list(self.gaps),
            "penalties": [asdict(p) for p in self.penalties],
            "notes": [asdict(n) for n in self.notes],
            "distance_km": self.distance_km,
            "text": self.explain(),
        }


@dataclass(frozen=True)
class Exclusion:
    """A vacancy left out for a person, with every hard cause."""

    vacancy_id: str
    title: str
    causes: tuple[Reason, ...]


@dataclass(frozen=True)
class Ranking:
    """A person's matches plus how many vacancies were left out and why."""

    person_id: str
    matches: tuple[Match, ...]
    excluded_count: int
    excluded_by_cause: tuple[tuple[str, int], ...]
    exclusions: tuple[Exclusion, ...]


def _listing(items: tuple[str, ...] | list[str]) -> str:
    return ", ".join(items) if items else "none given"


def _money(amount: float, currency: str, period: str) -> str:
    return f"{amount:,.2f} {currency} per {period}".replace(".00 ", " ")


def _pay_text(person: PersonProfile, vacancy: Vacancy) -> tuple[str, str]:
    want = person.desired_pay
    pay = vacancy.best_pay
    if want is None or pay is None:
        return "", ""
    offered = pay.per(want.period, vacancy.hours_per_week)
    return _money(offered, pay.currency, want.period), _money(want.amount, want.currency, want.period)


def _exclusion_text(person: PersonProfile, vacancy: Vacancy, evidence: dict[str, str]) -> str:
    for wanted in person.exclusions:
        shifts, _, contracts = structured_exclusions([wanted])
        if vacancy.shift in shifts:
            said = strip_negation(wanted)
            return f"You said you do not want {said}; this job is {_SHIFT_WORDS[vacancy.shift]}."
        if vacancy.contract in contracts:
            return (
                f"You said you do not want {strip_negation(wanted)}; "
                f"this job is a {vacancy.contract.replace('_', ' ')} contract."
            )
    for wanted, text in evidence.items():
        return f"You said you do not want {strip_negation(wanted)}; this job says: '{text}'."
    return "This job has something you said you do not want."


def hard_cause_text(
    code: str, person: PersonProfile, vacancy: Vacancy, distance_km: float | None, evidence: dict[str, str]
) -> str:
    """The sentence for one hard cause (a person's constraint or a counsellor's filter)."""
    if code == "language":
        spoken = {lang.lower() for lang in person.languages}
        missing = [lang for lang in vacancy.languages_required if lang.lower() not in spoken]
        return f"This job needs {_listing(missing)}; your languages are {_listing(person.languages)}."
    if code == "distance":
        return f"This job is {distance_km:.0f} km away; you said up to {person.max_distance_km:g} km."
    if code == "hours":
        return (
            f"This job is {vacancy.hours_per_week:g} hours a week; you want "
            f"{person.min_hours_per_week or 0:g}-{person.max_hours_per_week or 168:g} hours."
        )
    if code == "shift":
        return (
            f"This job is {_SHIFT_WORDS.get(vacancy.shift, vacancy.shift)}; you said you are available "
            f"{_listing(person.availability)}."
        )
    if code == "exclusion":
        return _exclusion_text(person, vacancy, evidence)
    if code == "pay":
        offered, wanted = _pay_text(person, vacancy)
        return f"This job pays about {offered}; you asked for at least {wanted}."
    if code.startswith("filter_"):
        return f"Left out by the {code.removeprefix('filter_')} filter."
    return code


def penalty_text(
    code: str, person: PersonProfile, vacancy: Vacancy, distance_km: float | None, evidence: dict[str, str]
) -> str:
    """The sentence for one soft penalty."""
    if code == "distance":
        limit = f"; you said up to {person.max_distance_km:g} km" if person.max_distance_km else ""
        return f"This job is {distance_km:.0f} km away{limit}."
    if code == "hours":
        return (
            f"This job is {vacancy.hours_per_week:g} hours a week, a little outside the "
            f"{person.min_hours_per_week or 0:g}-{person.max_hours_per_week or 168:g} hours you want."
        )
    if code == "shift":
        return (
            f"This job is {_SHIFT_WORDS.get(vacancy.shift, vacancy.shift)}; you said you are available "
            f"{_listing(person.availability)}, so some shifts may not suit you."
        )
    if code == "exclusion":
        if vacancy.shift == "mixed" and structured_exclusions(person.exclusions)[1]:
            return "Some shifts of this job may be at times you said you do not want to work."
        for wanted, text in evidence.items():
            return (
                f"You said you do not want {strip_negation(wanted)}; this job mentions '{text}' "
                "(check with the employer)."
            )
        return "This job may involve something you said you do not want (check with the employer)."
    if code == "pay":
        offered, wanted = _pay_text(person, vacancy)
        return f"This job pays about {offered}, a little below the {wanted} you asked for."
    if code == "placement_pay":
        weeks = f"{vacancy.placement_weeks:g}-week " if vacancy.placement_weeks else ""
        return f"During the {weeks}placement the pay is lower than you asked for; the job after it pays more."
    return code
