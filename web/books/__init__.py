"""Cooperative books: meetings, passbooks, the share-out, measures and the plan against the books."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("books", __name__, url_prefix="/books")

from web.books import views  # noqa: E402,F401 - registers the routes on bp
