"""Generic error pages: they say what to do next and never show internals."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger(__name__)


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def _render(error: HTTPException) -> tuple[object, int]:
    code = error.code or 500
    description = error.description if code < 500 else "Something went wrong on our side. Please try again."
    if _wants_json():
        return jsonify({"error": error.name, "message": description}), code
    return render_template("errors/error.html", code=code, name=error.name, description=description), code


def init_app(app: Flask) -> None:
    """Register the handlers for every HTTP error and for uncaught exceptions."""

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[object, int]:
        return _render(error)

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> tuple[object, int]:
        log.exception("Unhandled error on %s %s", request.method, request.url_rule)
        return _render(InternalServerError())
