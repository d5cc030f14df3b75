"""Fixtures for the matcher's tests."""

from __future__ import annotations

import pytest

from matcher.screening import Screener


@pytest.fixture(scope="module")
def lexical() -> Screener:
    """A screener with patterns and field checks only (the rules per language): no model, instant."""
    return Screener().fit()


def flagged(screener: Screener, description: str, *, employer: str, title: str = "") -> set[str]:
    """The indicators ``screener`` flags in an advert of ``employer`` whose text is ``description``."""
    ad = {"id": "v1", "title": title, "employer": employer, "description": description}
    return {f.indicator for f in screener.screen(ad).flags}
