"""Screening rules per language (English, Spanish, French): patterns, guards and homonyms."""

from __future__ import annotations

from matcher.screening.rules import en, es, fr
from matcher.screening.rules.base import LanguageRules, Pattern

#: The rules of each language the screener reads, by code.
RULES: dict[str, LanguageRules] = {r.code: r for r in (en.RULES, es.RULES, fr.RULES)}

__all__ = ["RULES", "LanguageRules", "Pattern"]
