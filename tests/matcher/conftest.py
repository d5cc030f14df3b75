"""Fixtures for the matcher's tests."""

from __future__ import annotations

import pytest

from matcher.screening import Screener


@pytest.fixture(scope="module")
def lexical() -> Screener:
    """A screener with patterns and field checks only (the rules per language): no model, instant."""
    return Screener().fit()
