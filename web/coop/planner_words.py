"""The planner's messages (its refusals of a plan, its feasibility reasons) in the reader's language.

The planner builds each message from an English template and its values
(:class:`planner.messages.Message`); here the template goes through Flask-Babel's gettext and the
numbers are written the reader's way. A message the planner gave as plain text is shown as written.
Needs an app context.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from flask_babel import format_date, format_decimal, format_percent, gettext

from planner import PlannerError
from planner.messages import Message
from web.i18n import money

#: how the planner's kinds of number are written in the reader's locale
NUMBERS = {
    "count": format_decimal,
    "percent": format_percent,
    "percent_precise": lambda v: format_percent(v, "#,##0.#%"),
    "amount": format_decimal,
    "money": lambda v: money(v["amount"], v["currency"]),
    "date": lambda v: format_date(dt.date.fromisoformat(str(v))),
}


def say(message: Message | Mapping[str, Any]) -> str:
    """A planner message (or its JSON form, as a saved plan keeps it) in the reader's language.

    Examples
    --------
    >>> from flask import Flask
    >>> from flask_babel import Babel
    >>> app = Flask(__name__)
    >>> _ = Babel(app)
    >>> with app.app_context():
    ...     say({"template": "%(n)s groups", "values": {"n": 1200}, "kinds": {"n": "count"}})
    ...     amount = {"amount": 1250.5, "currency": "NPR"}
    ...     say({"template": "%(x)s (%(p)s)", "values": {"x": amount, "p": 0.045},
    ...          "kinds": {"x": "money", "p": "percent_precise"}}).replace(chr(160), " ")
    '1,200 groups'
    'NPR 1,250.50 (4.5%)'
    """
    if not isinstance(message, Message):
        message = Message.from_dict(message)
    return message.text(gettext, NUMBERS)


def as_sentence(text: str) -> str:
    """A planner message, written to go after a field's name, said on its own: capital first, full stop last.

    Examples
    --------
    >>> as_sentence("loans are still out"), as_sentence("Already a sentence.")
    ('Loans are still out.', 'Already a sentence.')
    """
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")


def planner_error_text(error: PlannerError) -> str:
    """Why the planner refused a plan, in the reader's language (without the settings' code names)."""
    return say(error.message)
