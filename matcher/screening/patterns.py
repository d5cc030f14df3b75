"""Lexical patterns per indicator and language, with negation, guards, homonyms and the hours reckoning.

Each pattern is a regular expression over one sentence (the rules per language live in
:mod:`matcher.screening.rules`). A *negatable* pattern is dropped when the sentence negates it ("we never
hold passports", "no fees"); patterns whose wording already carries the warning ("no papers needed", "no
day off") are not negatable. Guards cancel a hit when the sentence says the legitimate thing (the worker
keeps the passport, the employer pays the fee, deductions are agreed in writing, pay is weekly), and
homonym guards when the warning word names an ordinary thing there ("log and resolve support tickets",
"shipping documents", "bank deposits"). Hours are reckoned, not matched (:mod:`matcher.screening.hours`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from matcher.screening.hours import long_hours
from matcher.screening.rules import RULES, Pattern
from matcher.screening.segments import Segment, is_negated

#: The English patterns (kept for callers that read them directly).
PATTERNS: tuple[Pattern, ...] = RULES["en"].patterns


@dataclass(frozen=True)
class PatternHit:
    """A pattern that fired: the indicator, the sentence it fired in and the exact words it matched."""

    indicator: str
    segment: Segment
    start: int
    end: int
    words: str


def guarded(indicator: str, sentence: str, language: str = "en") -> bool:
    """Whether ``sentence`` says the legitimate thing that cancels ``indicator`` (a guard or homonym).

    Examples
    --------
    >>> guarded("retention_of_identity_documents", "Workers keep their own passports.")
    True
    >>> guarded("retention_of_identity_documents", "The agent keeps the passports.")
    False
    >>> guarded("debt_bondage", "Log and resolve support tickets by phone.")
    True
    """
    return RULES[language].guarded(indicator, sentence)


def homonym_reason(indicator: str, sentence: str, language: str = "en") -> str | None:
    """Why a warning word in ``sentence`` names an ordinary thing for ``indicator``, if it does.

    Examples
    --------
    >>> homonym_reason("physical_sexual_violence", "Patient people of any gender welcome.")
    'open to everyone whatever their gender is equal-opportunity wording'
    >>> homonym_reason("debt_bondage", "We lend you the ticket money.") is None
    True
    """
    for why, regex in RULES[language].homonyms.get(indicator, ()):
        if regex.search(sentence):
            return why
    return None


def find_hits(
    segments: Iterable[Segment], patterns: Iterable[Pattern] | None = None, language: str = "en"
) -> list[PatternHit]:
    """Every pattern hit in ``segments`` that is neither negated nor cancelled by a guard.

    ``language`` chooses the rules (``"en"``, ``"es"``, ``"fr"``); ``patterns`` overrides its patterns.

    Examples
    --------
    >>> from matcher.screening.segments import split_sentences
    >>> [h.indicator for h in find_hits(split_sentences("We keep your passport safe."))]
    ['retention_of_identity_documents']
    >>> find_hits(split_sentences("You keep your own passport. No fees are charged."))
    []
    >>> [h.indicator for h in find_hits(split_sentences("Le patron garde les passeports."), language="fr")]
    ['retention_of_identity_documents']
    """
    rules = RULES[language]
    chosen = rules.patterns if patterns is None else tuple(patterns)
    hits: list[PatternHit] = []
    for segment in segments:
        text = segment.text
        for pattern in chosen:
            if rules.guarded(pattern.indicator, text):
                continue
            for match in pattern.regex.finditer(text):
                if pattern.negatable and is_negated(text, match.start(), match.end(), language):
                    continue
                hits.append(
                    PatternHit(
                        pattern.indicator,
                        segment,
                        segment.start + match.start(),
                        segment.start + match.end(),
                        match.group(0),
                    )
                )
                break
        hours = long_hours(text, language)
        if hours is not None and not rules.guarded("excessive_overtime", text):
            hits.append(
                PatternHit(
                    "excessive_overtime",
                    segment,
                    segment.start + hours.start,
                    segment.start + hours.end,
                    hours.reckoning,
                )
            )
    return hits
