"""The planner's messages for people: English templates with named values, said in any language.

A :class:`Message` keeps its English template and its values apart, so the text can be said later,
in the reader's language: :meth:`Message.text` passes the template through an optional ``translate``
callable (a gettext; default: English unchanged) and fills in the values, numbers written by the
optional ``numbers`` formatters (default: plain English digits). Messages are plain data, so they travel
in a result's JSON (:meth:`Message.to_dict`, :meth:`Message.from_dict`) and can be said again by
whoever reads it. The templates are marked ``N_()`` so that ``pybabel extract`` finds them (see
``babel.cfg`` and ``make translations``), as :mod:`matcher.reasons` does for match reasons.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from planner.money import minor_digits

Translate = Callable[[str], str]
"""A gettext: an English template in, the template in the reader's language out."""

NumberFormats = Mapping[str, Callable[[Any], str]]
"""How to write each kind of number (``"count"``, ``"percent"``, ``"money"``...) or a date, by locale."""


def english_money(value: Mapping[str, Any]) -> str:
    """An amount of money, ``{"amount": 1250.5, "currency": "NPR"}``, as English writes it.

    Examples
    --------
    >>> english_money({"amount": 1250.5, "currency": "NPR"})
    'NPR 1,250.50'
    >>> english_money({"amount": 300, "currency": "BIF"})
    'BIF 300'
    """
    digits = minor_digits(str(value["currency"]))
    return f"{value['currency']} {float(value['amount']):,.{digits}f}"


#: kinds of number a value may be, and how English writes them by default: ``percent`` a share as a
#: whole percentage, ``percent_precise`` with one decimal, ``money`` an amount with its currency
#: (a mapping ``{"amount": ..., "currency": ...}``)
ENGLISH_NUMBERS: dict[str, Callable[[Any], str]] = {
    "count": lambda v: f"{v:d}" if isinstance(v, int) else f"{v:g}",
    "percent": lambda v: f"{v:.0%}",
    "percent_precise": lambda v: f"{v:.1%}",
    "amount": lambda v: f"{v:.2f}",
    "money": english_money,
    "date": str,  # a date, or its ISO text (a message's JSON form keeps the text)
}


def english(message: str) -> str:
    """The default translator: the template unchanged."""
    return message


def N_(message: str) -> str:  # noqa: N802 (the usual gettext marker name)
    """Mark ``message`` for extraction only; it is translated where it is said."""
    return message


@dataclass(frozen=True)
class Message:
    """An English template with named ``%(name)s`` placeholders and the values that fill them.

    ``kinds`` names the kind of number a value is (``"count"``, ``"percent"`` as a fraction,
    ``"amount"``); a value without a kind is text, written as it is, and a value that is itself a
    :class:`Message` is said in the same language. A template without values is never %-formatted,
    so it may hold a bare ``%``.

    Examples
    --------
    >>> m = Message("only %(found)s vacancies (at least %(needed)s)", {"found": 2, "needed": 5},
    ...             {"found": "count", "needed": "count"})
    >>> str(m)
    'only 2 vacancies (at least 5)'
    >>> m.text(translate=lambda t: t.replace("only", "just"), numbers={"count": lambda v: f"#{v}"})
    'just #2 vacancies (at least #5)'
    """

    template: str
    values: Mapping[str, Any] = field(default_factory=dict)
    kinds: Mapping[str, str] = field(default_factory=dict)

    def text(self, translate: Translate | None = None, numbers: NumberFormats | None = None) -> str:
        """The message through ``translate`` (default: English), numbers written by ``numbers``."""
        said = (translate or english)(self.template)
        if not self.values:
            return said
        return said % {name: self._value(name, translate, numbers) for name in self.values}

    def _value(self, name: str, translate: Translate | None, numbers: NumberFormats | None) -> str:
        value = self.values[name]
        if isinstance(value, Message):
            return value.text(translate, numbers)
        kind = self.kinds.get(name)
        if kind is None:
            return str(value)
        write = (numbers or {}).get(kind) or ENGLISH_NUMBERS[kind]
        return write(value)

    def __str__(self) -> str:
        return self.text()

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form (nested messages as dicts).

        Examples
        --------
        >>> Message("month %(m)s", {"m": 3}, {"m": "count"}).to_dict()
        {'template': 'month %(m)s', 'values': {'m': 3}, 'kinds': {'m': 'count'}}
        """
        values = {k: v.to_dict() if isinstance(v, Message) else v for k, v in self.values.items()}
        return {"template": self.template, "values": values, "kinds": dict(self.kinds)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Message:
        """The message back from :meth:`to_dict`.

        Examples
        --------
        >>> m = Message("%(rule)s, got %(v)s", {"rule": Message("a share"), "v": "2"})
        >>> Message.from_dict(m.to_dict()) == m
        True
        """
        values = {
            k: cls.from_dict(v) if isinstance(v, Mapping) and "template" in v else v
            for k, v in dict(data.get("values") or {}).items()
        }
        return cls(str(data["template"]), values, dict(data.get("kinds") or {}))


def counts(template: str, **values: int) -> Message:
    """A message whose values are all counts (people, groups, months, vacancies).

    Examples
    --------
    >>> str(counts("%(n)s of %(m)s", n=2, m=3))
    '2 of 3'
    """
    return Message(template, values, dict.fromkeys(values, "count"))
