"""Numbers as the locale writes them (issue 16, item 16).

A space (or the locale's pattern) between a currency code and the amount, no ".00" on whole
amounts, decimals in the reader's locale in match reasons, and one percent style per locale.
"""

from __future__ import annotations

import pytest
from flask import Flask
from flask_babel import Babel, force_locale

from matcher.reasons import number
from web.i18n import LocaleTranslate, money, percent

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.fixture(scope="module")
def babel_app() -> Flask:
    app = Flask("numbers")
    Babel(app)
    return app


@pytest.mark.parametrize(
    ("lang", "amount", "currency", "shown"),
    [
        ("en", 25000, "NPR", f"NPR{NBSP}25,000"),  # was "NPR25,000.00"
        ("en", 3000.5, "ETB", f"ETB{NBSP}3,000.50"),
        ("en", 12.8, "GBP", "£12.80"),
        ("en", 12, "GBP", "£12"),
        ("es", 25000, "NPR", f"25.000{NBSP}NPR"),
        ("es", 12.8, "GBP", f"12,80{NBSP}GBP"),
        ("fr", 25000, "NPR", f"25{NNBSP}000{NBSP}NPR"),
        ("fr", 12, "EUR", f"12{NBSP}€"),
    ],
)
def test_money_in_the_locale(babel_app: Flask, lang: str, amount: float, currency: str, shown: str) -> None:
    with babel_app.test_request_context(), force_locale(lang):
        assert money(amount, currency) == shown


@pytest.mark.parametrize(
    ("lang", "whole", "one_decimal"),
    [("en", "5%", "5.2%"), ("es", f"5{NBSP}%", f"5,2{NBSP}%"), ("fr", f"5{NBSP}%", f"5,2{NBSP}%")],
)
def test_one_percent_style_per_locale(babel_app: Flask, lang: str, whole: str, one_decimal: str) -> None:
    with babel_app.test_request_context(), force_locale(lang):
        assert percent(0.05) == whole and percent(0.052, 1) == one_decimal


@pytest.mark.parametrize(("lang", "shown"), [("en", "5.2"), ("es", "5,2"), ("fr", "5,2")])
def test_match_reason_decimals_in_the_readers_locale(babel_app: Flask, lang: str, shown: str) -> None:
    with babel_app.test_request_context(), force_locale(lang):
        assert number(5.2, LocaleTranslate(), 1) == shown
    assert number(5.2) == "5.2"  # a plain gettext (the CLI, the API's English) keeps the English form
