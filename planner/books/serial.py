"""Books as plain JSON-ready data and back, exactly (amounts in minor units, dates as ISO text).

This is the form a database column, a file or the command line keeps: ``books_to_dict(books)`` gives
``{"currency": ..., "constitution": {...}, "entries": [{"kind": "savings", "entry_id": ..., ...}]}``
and ``books_from_dict`` reads it back (and checks it, like any books). A constitution typed by a person
(a YAML file, a form) is read by :func:`constitution_from_mapping`, with the share price as written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import fields
from decimal import Decimal, InvalidOperation
from typing import Any

from planner.books import entries as e
from planner.books.ledger import Books
from planner.exceptions import ConfigError
from planner.messages import N_, Message
from planner.money import parse_amount

_DATES = ("date", "recorded_on")


def entry_to_dict(entry: e.Entry) -> dict[str, Any]:
    """An entry as plain data: its ``kind`` and every field (dates as ISO text, a rate as text).

    Examples
    --------
    >>> entry_to_dict(e.Saving(entry_id="s1", date=dt.date(2025, 1, 6), member="asha", amount=5000))
    {'kind': 'savings', 'entry_id': 's1', 'date': '2025-01-06', 'recorded_on': None, 'note': '', \
'member': 'asha', 'amount': 5000}
    """
    out: dict[str, Any] = {"kind": entry.kind}
    for f in fields(entry):
        value = getattr(entry, f.name)
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = str(value)
        out[f.name] = value
    return out


def entry_from_dict(data: Mapping[str, Any]) -> e.Entry:
    """The entry back from :func:`entry_to_dict` (``ConfigError`` naming what is wrong).

    Examples
    --------
    >>> saving = e.Saving(entry_id="s1", date=dt.date(2025, 1, 6), member="asha", amount=5000)
    >>> entry_from_dict(entry_to_dict(saving)) == saving
    True
    """
    kind = data.get("kind")
    cls = e.BY_KIND.get(str(kind))
    where = str(data.get("entry_id", "?"))
    if cls is None:
        raise ConfigError(
            Message(
                N_("entry %(entry)s: unknown kind %(kind)s; known: %(known)s"),
                {"entry": where, "kind": repr(kind), "known": ", ".join(e.BY_KIND)},
            )
        )
    names = {f.name for f in fields(cls)}
    unknown = sorted(set(data) - names - {"kind"})
    if unknown:
        raise ConfigError(f"entry {where}: unknown field(s) {', '.join(unknown)}")
    values = dict(data)
    values.pop("kind", None)
    try:
        for name in _DATES:
            if values.get(name) is not None:
                values[name] = dt.date.fromisoformat(str(values[name]))
        if "rate" in values:
            values["rate"] = Decimal(str(values["rate"]))
        return cls(**values)
    except (TypeError, ValueError, InvalidOperation) as exc:
        raise ConfigError(f"entry {where}: {exc}") from exc


def constitution_to_dict(rules: e.Constitution) -> dict[str, Any]:
    """A constitution as plain data (share price in minor units, loan multiple as text).

    Examples
    --------
    >>> rules = e.Constitution(share_price=5000, max_loan_multiple=Decimal(3))
    >>> plain = constitution_to_dict(rules)
    >>> plain["share_price"], constitution_from_dict(plain) == rules
    (5000, True)
    """
    return {
        "share_price": rules.share_price,
        "max_loan_multiple": None if rules.max_loan_multiple is None else str(rules.max_loan_multiple),
        "share_out_method": rules.share_out_method,
        "carry_social_fund": rules.carry_social_fund,
        "offset_loans_at_share_out": rules.offset_loans_at_share_out,
    }


def constitution_from_dict(data: Mapping[str, Any]) -> e.Constitution:
    """The constitution back from :func:`constitution_to_dict` (see its example)."""
    return _constitution(data, lambda v: int(v))


def constitution_from_mapping(values: Mapping[str, Any], currency: str) -> e.Constitution:
    """A constitution as a person writes it (a YAML file, a form): the share price as an amount.

    Examples
    --------
    >>> rules = constitution_from_mapping({"share_price": "50", "max_loan_multiple": 3,
    ...                                    "share_out_method": "share_value"}, "NPR")
    >>> rules.share_price, rules.max_loan_multiple, rules.carry_social_fund
    (5000, Decimal('3'), True)
    """
    return _constitution(values, lambda v: parse_amount(str(v), currency))


def _constitution(data: Mapping[str, Any], price: Any) -> e.Constitution:
    known = {f.name for f in fields(e.Constitution)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(
            f"constitution: unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}"
        )
    method = data.get("share_out_method", "shares_held")
    if method not in e.SHARE_OUT_METHODS:
        raise ConfigError(
            Message(
                N_("constitution: the share-out method is one of %(known)s, got %(value)s"),
                {"known": ", ".join(e.SHARE_OUT_METHODS), "value": repr(method)},
            ),
            settings=("constitution.share_out_method",),
        )
    try:
        share = data.get("share_price")
        multiple = data.get("max_loan_multiple")
        rules = e.Constitution(
            share_price=None if share in (None, "", 0) else price(share),
            max_loan_multiple=None if multiple in (None, "") else Decimal(str(multiple)),
            share_out_method=method,
            carry_social_fund=bool(data.get("carry_social_fund", True)),
            offset_loans_at_share_out=bool(data.get("offset_loans_at_share_out", False)),
        )
    except (ValueError, InvalidOperation) as exc:
        raise ConfigError(f"constitution: {exc}") from exc
    if (rules.share_price is not None and rules.share_price <= 0) or (
        rules.max_loan_multiple is not None and rules.max_loan_multiple < 0
    ):
        raise ConfigError("constitution: the share price and the loan multiple cannot be negative")
    return rules


def books_to_dict(books: Books) -> dict[str, Any]:
    """The whole books as plain data, every entry in the order written (see :func:`books_from_dict`)."""
    return {
        "currency": books.currency,
        "constitution": constitution_to_dict(books.constitution),
        "entries": [entry_to_dict(x) for x in books.entries],
    }


def books_from_dict(data: Mapping[str, Any]) -> Books:
    """Books back from :func:`books_to_dict`; checked like any books (``BooksError`` if they do not add up).

    Examples
    --------
    >>> books = Books("NPR").record(e.MemberJoined(entry_id="j", date=dt.date(2025, 1, 6), member="asha"))
    >>> books_from_dict(books_to_dict(books)) == books
    True
    """
    try:
        currency = str(data["currency"])
        raw_entries = list(data.get("entries") or [])
    except (KeyError, TypeError) as exc:
        raise ConfigError(f"books: need 'currency' and 'entries' ({exc})") from exc
    rules = constitution_from_dict(data.get("constitution") or {})
    return Books(currency, rules, tuple(entry_from_dict(x) for x in raw_entries))
