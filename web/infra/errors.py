"""Generic error pages: they say what to do next, in the reader's language, and never show internals.

An error raised with an English description marked :func:`web.i18n.N_` (or already said
with ``gettext``) is shown translated on the page; the JSON API keeps the English words
(docs/api.md). Werkzeug's own English descriptions are replaced by the plain ones below.
"""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException, InternalServerError

from web.infra.jobs import TooManyJobs

log = logging.getLogger(__name__)

SERVER_FAULT = "Something went wrong on our side. Please try again."
TITLES = {
    400: _l("This request could not be used"),
    401: _l("Please sign in"),
    403: _l("Not allowed"),
    404: _l("Not found"),
    405: _l("Not allowed here"),
    413: _l("Too large"),
    429: _l("Too many requests"),
    500: _l("Something went wrong"),
}
PLAIN = {
    400: _l("The request could not be understood. Go back, reload the page and try again."),
    401: _l("Please sign in to see this page."),
    403: _l("You do not have access to this page."),
    404: _l("This page does not exist, or it is not yours to see. Check the address or go back."),
    405: _l("This page cannot be used that way. Go back and use the page's own buttons."),
    413: _l("What you sent is too large. Send a smaller file."),
    429: _l("Too many requests in a short time. Wait a minute and try again."),
    500: _l("Something went wrong on our side. Please try again."),
}


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def _render(error: HTTPException) -> ResponseReturnValue:
    code = error.code or 500
    werkzeugs_own = code >= 500 or error.description == type(error).description
    if _wants_json():
        message = SERVER_FAULT if code >= 500 else error.description
        return jsonify({"error": error.name, "message": message}), code
    if werkzeugs_own:
        description = str(PLAIN.get(code, error.description))
    else:
        description = gettext(str(error.description))
    title = str(TITLES.get(code, error.name))
    return render_template("errors/error.html", code=code, name=title, description=description), code


def init_app(app: Flask) -> None:
    """Register the handlers for every HTTP error and for uncaught exceptions."""

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> ResponseReturnValue:
        return _render(error)

    @app.errorhandler(TooManyJobs)
    def too_many_jobs(error: TooManyJobs) -> ResponseReturnValue:
        if _wants_json():
            return jsonify(
                {"error": "too_many_jobs", "message": error.english(error.limit), "fields": {}}
            ), 429
        page = render_template("errors/error.html", code=429, name=str(TITLES[429]), description=error.text())
        return page, 429

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> ResponseReturnValue:
        log.exception("Unhandled error on %s %s", request.method, request.url_rule)
        return _render(InternalServerError())
