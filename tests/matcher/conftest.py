"""Fixtures for the matcher's tests."""

from __future__ import annotations

import pytest

from matcher.screening import Screener, ScreeningResult


@pytest.fixture(scope="module")
def lexical() -> Screener:
    """A screener with patterns and field checks only (the rules per language): no model, instant."""
    return Screener().fit()


def screen_text(screener: Screener, description: str, *, employer: str, title: str = "") -> ScreeningResult:
    """What ``screener`` makes of one advert of ``employer`` whose text is ``description``."""
    ad = {"id": "v1", "title": title, "employer": employer, "description": description}
    return screener.screen(ad)


def flagged(screener: Screener, description: str, *, employer: str, title: str = "") -> set[str]:
    """The indicators ``screener`` flags in an advert of ``employer`` whose text is ``description``."""
    return {f.indicator for f in screen_text(screener, description, employer=employer, title=title).flags}


def verdict(screener: Screener, description: str, *, employer: str, title: str = "") -> tuple[bool, set[str]]:
    """Whether ``screener`` holds that advert for review, and the indicators it flags in it."""
    result = screen_text(screener, description, employer=employer, title=title)
    return result.flagged, {f.indicator for f in result.flags}
