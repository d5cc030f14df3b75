"""Languages (English, Spanish, French, chosen per user) and locale-aware formatting."""

from __future__ import annotations

from flask import Flask, current_app, g, has_request_context, request, session
from flask_babel import (
    Babel,
    format_currency,
    format_date,
    format_datetime,
    format_decimal,
    format_percent,
    get_locale,
    gettext,
)


def N_(message: str) -> str:
    """Mark an English message for the catalogue; it is translated where a page shows it.

    Used for progress messages (said when the page shows them) and for error descriptions,
    which stay English in the API and are translated on the error page.

    Examples
    --------
    >>> N_("Done")
    'Done'
    """
    return message


def select_locale() -> str:
    """The signed-in user's language, else the session's choice, else the browser's.

    Outside a request (the CLI, a background job) with no user: the first language.
    """
    languages = list(current_app.config["LANGUAGES"])
    user = g.get("user")
    if user is not None and user.language in languages:
        return str(user.language)
    if not has_request_context():
        return languages[0]
    chosen = session.get("language")
    if chosen in languages:
        return str(chosen)
    return request.accept_languages.best_match(languages) or languages[0]


def init_app(app: Flask) -> None:
    """Install Flask-Babel and the formatting and labelling helpers templates use."""
    # imported here, not above: vocabulary imports N_ from this module
    from web import vocabulary

    Babel(app, locale_selector=select_locale, default_translation_directories="translations")
    app.jinja_env.globals.update(
        current_locale=lambda: str(get_locale() or "en"),
        role_label=lambda role: vocabulary.ROLE_LABELS.get(role, role),
        consent_label=lambda purpose: vocabulary.CONSENT_LABELS.get(purpose, purpose),
        status_label=lambda status: vocabulary.VACANCY_STATUS_LABELS.get(status, status),
        step_label=lambda step: vocabulary.STEP_LABELS.get(step, step),
        shared_label=lambda name: gettext(vocabulary.SHARE_FIELD_LABELS.get(name, name)),
        end_label=lambda reason: gettext(vocabulary.DISCLOSURE_END_LABELS.get(reason, reason or "")),
        term=vocabulary.label,
        terms=vocabulary.labels,
        format_date=format_date,
        format_datetime=format_datetime,
        format_currency=format_currency,
        format_decimal=format_decimal,
        format_percent=format_percent,
    )
