"""Run CLI work inside the Flask app's context."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask


@contextmanager
def app_context() -> Iterator[Flask]:
    """Create the app from the environment and enter its context."""
    from web import create_app

    app = create_app()
    with app.app_context():
        yield app
