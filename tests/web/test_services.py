"""The app's lazily built shared helpers."""

from __future__ import annotations

from web.infra.services import _shared


def test_a_shared_helper_may_build_another_inside_its_own_build(app) -> None:
    """Regression: the screener builds the encoder while holding the lock (was a deadlock)."""
    with app.app_context():
        outer = _shared("test.outer", lambda: ("outer", _shared("test.inner", lambda: "inner")))
        assert outer == ("outer", "inner")
        assert _shared("test.outer", lambda: "rebuilt") is outer
