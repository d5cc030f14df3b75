"""What one language's screening rules are made of: patterns per indicator, guards, and shared pieces."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

_F = re.IGNORECASE

#: An amount of money: "£9,000", "USD 400", "1.200 €", "49 €", "NPR 180,000", "300 euros".
MONEY = (
    r"(?:[£€$₹₱₦¥]\s?\d[\d.,\s]*\d|[£€$₹₱₦¥]\s?\d|\b\d[\d.,\u202f\u00a0 ]*\s?(?:€|£|\$|euros?|dollars?|"
    r"dólares|pounds?|pesos|soles|francs?|fcfa|cfa)(?!\w)|\b(?:usd|eur|gbp|npr|php|inr|kes|ngn|etb|myr|"
    r"qar|sar|aed|xof|xaf|mad|tnd|dzd|clp|cop|mxn|pen|ars|dop|bob|gtq|hnl|crc|uyu|pyg|cad|aud|nzd|chf|"
    r"jod|omr|kwd|bhd|lkr|bdt|pkr|idr|vnd|thb|khr|mmk|ugx|tzs|rwf|ghs|zar)\s?\d[\d.,]*|"
    r"\b\d[\d.,]*\s?(?:usd|eur|gbp|npr|php|inr|kes|ngn|etb|myr|qar|sar|aed|xof|mad|tnd|clp|cop|mxn|pen|"
    r"ars|dop|cad|chf)\b)"
)


@dataclass(frozen=True)
class Pattern:
    """One regular expression that signals ``indicator`` in a sentence.

    A *negatable* pattern is dropped when its clause negates it ("we never hold passports").
    """

    indicator: str
    regex: re.Pattern[str]
    negatable: bool = True


#: Inside a sentence, ``[^.;]`` in a rule also steps over a decimal point or thousands dot ("1.200 €").
_WITHIN_SENTENCE = r"(?:[^.;]|(?<=\d)\.(?=\d))"


def _compile(regex: str) -> re.Pattern[str]:
    return re.compile(regex.replace("[^.;]", _WITHIN_SENTENCE), _F)


def patterns(indicator: str, *regexes: str, negatable: bool = True) -> list[Pattern]:
    r"""Compile ``regexes`` (case-insensitive) as patterns of ``indicator``.

    A window ``[^.;]{0,n}`` stays inside the sentence but steps over the dot of "1.200 €" or "7.30".

    Examples
    --------
    >>> [p.indicator for p in patterns("debt_bondage", r"\byou owe\b")]
    ['debt_bondage']
    >>> bool(patterns("x", r"contrato pone[^.;]{0,20}pero")[0].regex.search("contrato pone 1.200 pero"))
    True
    """
    return [Pattern(indicator, _compile(r), negatable) for r in regexes]


def guards(table: Mapping[str, str]) -> dict[str, re.Pattern[str]]:
    """Compile a table ``indicator -> regex`` of legitimate-context guards (case-insensitive)."""
    return {indicator: _compile(regex) for indicator, regex in table.items()}


def homonyms(
    table: Mapping[str, Sequence[tuple[str, str]]],
) -> dict[str, tuple[tuple[str, re.Pattern[str]], ...]]:
    """Compile a table ``indicator -> [(why, regex), ...]`` of homonym guards (case-insensitive)."""
    return {k: tuple((why, _compile(rx)) for why, rx in v) for k, v in table.items()}


@dataclass(frozen=True)
class LanguageRules:
    """The screening rules of one language.

    ``patterns`` flag an indicator in a sentence; a hit is cancelled when its sentence also matches the
    indicator's guard in ``guards`` (the sentence says the legitimate thing: the worker keeps the passport,
    the employer pays the fee) or one of the ``homonyms`` (a word that only looks like a warning here:
    "support tickets", "shipping documents", "bank deposits"). Homonym guards say why in their name.
    """

    code: str
    patterns: tuple[Pattern, ...]
    guards: Mapping[str, re.Pattern[str]] = field(default_factory=dict)
    homonyms: Mapping[str, tuple[tuple[str, re.Pattern[str]], ...]] = field(default_factory=dict)

    def guarded(self, indicator: str, sentence: str) -> bool:
        """Whether ``sentence`` says the legitimate thing that cancels ``indicator``."""
        guard = self.guards.get(indicator)
        if guard is not None and guard.search(sentence):
            return True
        return any(regex.search(sentence) for _, regex in self.homonyms.get(indicator, ()))
