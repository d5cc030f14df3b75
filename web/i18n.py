"""Languages (English, Spanish, French, chosen per user) and locale-aware formatting."""

from __future__ import annotations

import re
from decimal import Decimal

from babel import Locale
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


def step_label(step: str) -> str:
    """A step of a proposal's path (web.placements.pipeline.STEP_NAMES) in the reader's language."""
    from web.placements.pipeline import STEP_NAMES  # the blueprint package imports this module

    return gettext(STEP_NAMES.get(step, step))


_NBSP = "\u00a0"


def money(amount: float | Decimal | None, currency: str | None) -> str:
    """An amount in the reader's locale: no ".00" on whole amounts, a space between a code and a number.

    ``NPR25,000.00`` becomes ``NPR 25,000`` in English, ``25.000 NPR`` in Spanish; ``£12.80`` stays.
    """
    if amount is None:
        return "—"
    if not currency:
        return str(format_decimal(amount))
    locale = get_locale() or Locale.parse("en")
    pattern = locale.currency_formats["standard"].pattern
    whole = Decimal(str(amount)) == Decimal(str(amount)).to_integral_value()
    if whole:
        pattern = pattern.replace(".00", "")
    text = str(format_currency(amount, currency, format=pattern, currency_digits=False))
    # CLDR's currency spacing: a symbol ending in a letter ("NPR", "ETB") is kept apart from the digits.
    return re.sub(r"(?<=[A-Za-z])(?=[-\d])|(?<=\d)(?=[A-Za-z])", _NBSP, text)


def percent(value: float, decimals: int = 0) -> str:
    """A share in the locale's own percent pattern ("5 %" in Spanish and French, "5%" in English)."""
    locale = get_locale() or Locale.parse("en")
    pattern = locale.percent_formats[None].pattern.split(";")[0]
    if decimals:  # "#,##0 %" -> "#,##0.# %": the locale's pattern, with up to ``decimals`` decimals
        pattern = re.sub(r"(?<=0)(?=[^0-9#,.]|$)", "." + "#" * decimals, pattern, count=1)
    return str(format_percent(value, format=pattern))


class LocaleTranslate:
    """gettext for the matcher's sentences, with its numbers in the reader's locale (``5,2`` in Spanish)."""

    def __call__(self, message: str) -> str:
        """The message in the reader's language."""
        return str(gettext(message))

    def decimal(self, value: float, digits: int = 2) -> str:
        """``value`` with at most ``digits`` decimals, as the locale writes numbers."""
        return str(
            format_decimal(round(value, digits), format="#,##0." + "#" * digits if digits else "#,##0")
        )


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
        step_label=step_label,
        shared_label=lambda name: gettext(vocabulary.SHARE_FIELD_LABELS.get(name, name)),
        end_label=lambda reason: gettext(vocabulary.DISCLOSURE_END_LABELS.get(reason, reason or "")),
        term=vocabulary.label,
        terms=vocabulary.labels,
        format_date=format_date,
        format_datetime=format_datetime,
        format_currency=money,
        format_decimal=format_decimal,
        format_percent=percent,
    )
