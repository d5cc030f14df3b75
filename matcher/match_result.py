"""A person's ranked matches and exclusions: immutable results, with the reasons behind each score.

:class:`Match` carries the score, its parts, the matched skill pairs (vacancy need and
the person's own words, with an ESCO skill label when a taxonomy was given), the skill
gap and every penalty with its cause; :class:`Exclusion` carries every hard cause;
:class:`Ranking` holds one person's matches and what was left out. They are built by
:mod:`matcher.match_builder` from the sentences of :mod:`matcher.reasons`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from matcher.reasons import Translate, english, number


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
        """The pair in plain (English) words."""
        return self.sentence()

    def sentence(self, translate: Translate | None = None) -> str:
        """The pair in plain words, through ``translate`` (default: English)."""
        _ = translate or english
        values = {"need": self.need, "words": self.person_words, "skill": self.esco_skill}
        if not self.required:  # a sentence of the advert ("Experience in a canteen is welcome"), not a need
            if self.esco_skill:
                return _("The advert says '%(need)s' (ESCO skill: %(skill)s); you said '%(words)s'.") % values
            return _("The advert says '%(need)s'; you said '%(words)s'.") % values
        if self.esco_skill:
            return _("The job needs '%(need)s' (ESCO skill: %(skill)s); you said '%(words)s'.") % values
        return _("The job needs '%(need)s'; you said '%(words)s'.") % values


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
    formula (see :mod:`matcher.scoring`); ``score`` is 0-100. ``unmet`` says, in words, each
    licence, certificate, language or thing of one's own the job asks for that the person's
    words do not meet; ``unfit`` says why the opening is not a fit (a hard requirement not met,
    or a score of 0), and is empty when it fits.
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
    unmet: tuple[Reason, ...] = ()
    unfit: tuple[Reason, ...] = ()

    @property
    def fits(self) -> bool:
        """False when the opening fails a hard requirement or scores 0: listed apart, never proposed."""
        return not self.unfit

    def explain(self, translate: Translate | None = None) -> list[str]:
        """Every reason as a sentence, in reading order.

        Notes and penalties keep the language the match was built in (see
        :meth:`matcher.matching.Matcher.rank`); pass the same ``translate`` here.
        """
        _ = translate or english
        lines = [n.text for n in self.notes] + [p.sentence(translate) for p in self.matched]
        lines += [r.text for r in self.unmet]
        if self.gaps:
            lines.append(_("Not yet covered by what you told us: %(gaps)s.") % {"gaps": "; ".join(self.gaps)})
        lines += [
            _("%(reason)s (-%(points)s points)")
            % {"reason": p.text, "points": number(p.points, translate, 1)}
            for p in self.penalties
        ]
        return lines

    def reasons_dict(self) -> dict[str, Any]:
        """The reasons as plain JSON-ready data."""
        return {
            "parts": {"skills": self.skills, "aspiration": self.aspiration, "experience": self.experience},
            "matched": [asdict(p) | {"text": p.text} for p in self.matched],
            "gaps": list(self.gaps),
            "penalties": [asdict(p) for p in self.penalties],
            "notes": [asdict(n) for n in self.notes],
            "not_met": [asdict(r) for r in self.unmet],
            "not_a_fit": [asdict(r) for r in self.unfit],
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
