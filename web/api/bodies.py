"""JSON request bodies turned into the same form values the pages validate.

The API never validates on its own terms: a JSON object is first checked for JSON
types (a number where a number belongs, a list of strings for a list...), then handed
to the very parser the page's form uses (:func:`web.infra.forms.parse_form`,
:func:`web.people.forms.parse_person_form`), so a value accepted by the API is accepted
by the page and the CSV import, and the other way round.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from web.infra.csvrows import Column

TEXT_KINDS = frozenset({"str", "choice", "date", "month"})
MAX_LIST_ITEMS = 200
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r"}


def text_problem(value: str) -> str | None:
    r"""Why a JSON string cannot be stored as text, or ``None`` when it can.

    Examples
    --------
    >>> text_problem("Cook, 3 years"), text_problem("a\x00b")
    (None, 'contains a control character')
    """
    if any(ch in _CONTROL for ch in value):
        return "contains a control character"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "is not valid text"
    return None


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def type_problem(column: Column, value: Any) -> str | None:
    """Why ``value`` has the wrong JSON type for ``column``, or ``None`` when the type is right.

    ``None`` (JSON ``null``) is always the right type: it means "empty".

    Examples
    --------
    >>> type_problem(Column("pay", "decimal"), "12.50"), type_problem(Column("pay", "decimal"), True)
    (None, 'should be a number, got a boolean')
    >>> type_problem(Column("skills", "list"), ["driving", 3])
    'should be a list of strings'
    """
    if value is None:
        return None
    if column.kind in TEXT_KINDS:
        return (
            text_problem(value) if isinstance(value, str) else f"should be a string, got {_json_type(value)}"
        )
    if column.kind == "list":
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            return "should be a list of strings"
        if len(value) > MAX_LIST_ITEMS:
            return f"has too many items ({len(value)}; at most {MAX_LIST_ITEMS})"
        return next((p for p in map(text_problem, value) if p), None)
    if column.kind == "int":
        if not isinstance(value, int) or isinstance(value, bool):
            return f"should be a whole number, got {_json_type(value)}"
        return None
    if column.kind == "decimal" and isinstance(value, str):
        return text_problem(value)
    if not _is_number(value):
        return f"should be a number, got {_json_type(value)}"
    if isinstance(value, float) and not math.isfinite(value):
        return "should be a finite number"
    return None


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "null"


def _as_form_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        return [str(item) for item in value]
    if isinstance(value, float):
        return repr(value)
    return str(value)


def form_from_json(
    body: Mapping[str, Any], columns: Sequence[Column], extra: Iterable[str] = ()
) -> tuple[dict[str, Any], dict[str, str]]:
    """The form-shaped values of a JSON object, and a message for each field of a wrong type or name.

    ``extra`` names fields the caller handles itself (they are passed through untouched).

    Examples
    --------
    >>> form, errors = form_from_json({"pay": 12.5, "skills": ["a", "b"], "colour": "red"},
    ...                               [Column("pay", "decimal"), Column("skills", "list")])
    >>> form, errors
    ({'pay': '12.5', 'skills': ['a', 'b']}, {'colour': 'is not a field here'})
    """
    by_name = {c.name: c for c in columns}
    allowed_extra = set(extra)
    form: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name, value in body.items():
        column = by_name.get(name)
        if column is None:
            if name in allowed_extra:
                form[name] = value
            else:
                errors[str(name)[:80]] = "is not a field here"
            continue
        problem = type_problem(column, value)
        if problem:
            errors[name] = problem
        else:
            form[name] = _as_form_value(value)
    return form, errors


def string_list(value: Any, allowed: Iterable[str]) -> str | None:
    """Why ``value`` is not a list of the ``allowed`` strings, or ``None``.

    Examples
    --------
    >>> string_list(["matching"], ["matching", "share_with_employers"]), string_list("matching", ["matching"])
    (None, 'should be a list of strings')
    """
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return "should be a list of strings"
    known = set(allowed)
    unknown = [item for item in value if item not in known]
    if unknown:
        return f"unknown choice(s): {', '.join(unknown)[:200]}; use {', '.join(sorted(known))}"
    return None
