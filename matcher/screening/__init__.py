"""Vacancy safety screening: ILO forced-labour indicators and recruitment red flags, with quoted evidence.

Fit one :class:`Screener` (sharing the application's encoder) and call :func:`screen_vacancy`; hold the
vacancy for a counsellor when :func:`requires_review` says so, and show the employer :func:`fix_message`.
"""

from __future__ import annotations

from matcher.screening.indicators import Indicator, IndicatorSet, load_indicators
from matcher.screening.screener import (
    Flag,
    Screener,
    ScreeningResult,
    VacancyAd,
    fix_message,
    requires_review,
    screen_vacancy,
)

__all__ = [
    "Flag",
    "Indicator",
    "IndicatorSet",
    "Screener",
    "ScreeningResult",
    "VacancyAd",
    "fix_message",
    "load_indicators",
    "requires_review",
    "screen_vacancy",
]
