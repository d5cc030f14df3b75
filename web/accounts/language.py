"""Account preferences anyone can change: the language of the pages."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, g, redirect, request, session, url_for
from werkzeug.wrappers import Response

from web.i18n import N_
from web.infra.redirects import safe_next

bp = Blueprint("account", __name__, url_prefix="/account")

#: Each language named in itself, so that a reader finds theirs whatever the page's language.
LANGUAGE_NAMES = {"en": "English", "es": "Español", "fr": "Français"}


def language_options() -> list[tuple[str, str]]:
    """``(code, name)`` for every language the app offers, in configuration order."""
    return [(code, LANGUAGE_NAMES.get(code, code)) for code in current_app.config["LANGUAGES"]]


@bp.route("/language", methods=["POST"])
def language() -> Response:
    """Change the language: saved on the account when signed in, else kept for this browser session."""
    chosen = request.form.get("language", "")
    if chosen not in current_app.config["LANGUAGES"]:
        abort(400, description=N_("Choose one of the listed languages."))
    if g.get("user") is not None:
        g.user.language = chosen
    else:
        session["language"] = chosen
    return redirect(safe_next(request.form.get("next"), url_for("home.index")))


@bp.app_context_processor
def _language_switch() -> dict[str, object]:
    """Give every template ``language_options`` for the footer's language switch."""
    return {"language_options": language_options}
