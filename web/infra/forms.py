"""Validate a submitted form against column rules shared with the CSV import.

The page's field labels are noted as the form macros draw them (:func:`remember_label`), so the
error summary above a form names each field by its label in the reader's language
(:func:`field_label`; see ``templates/_forms.html``).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, g
from flask_babel import gettext as _

from web.infra.csvrows import Column, parse_value


@dataclass
class FormResult:
    """Parsed values and the message for each field that needs fixing."""

    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when nothing needs fixing."""
        return not self.errors


def raw_value(form: Mapping[str, Any], column: Column, multiline: Collection[str] = ()) -> str:
    """The submitted text of one field, with lists joined by ``;`` as the CSV format has them.

    Checkbox groups arrive as repeated fields; ``multiline`` fields hold one item a line;
    other list fields take commas or semicolons.
    """
    getlist = getattr(form, "getlist", None)
    if column.kind == "list" and column.name not in multiline and getlist and len(getlist(column.name)) > 1:
        return ";".join(str(v) for v in getlist(column.name))
    value = form.get(column.name, "")
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    raw = str(value or "").strip()
    if column.kind == "list":
        if column.name in multiline:
            return ";".join(line.strip() for line in raw.replace(";", "\n").splitlines() if line.strip())
        return raw.replace(",", ";")
    return raw


def parse_form(
    form: Mapping[str, Any], columns: Sequence[Column], multiline: Collection[str] = ()
) -> FormResult:
    """Parse every field; a missing required field or a bad value gets a plain message.

    Examples
    --------
    >>> r = parse_form({"pay": "abc", "skills": "driving, lifting"},
    ...                [Column("pay", "decimal"), Column("skills", "list")])
    >>> r.errors, r.values["skills"]
    ({'pay': "should be a number, got 'abc'"}, ['driving', 'lifting'])

    """
    result = FormResult()
    for column in columns:
        raw = raw_value(form, column, multiline)
        if not raw:
            if column.required:
                result.errors[column.name] = _("is required")
            result.values[column.name] = [] if column.kind == "list" else None
            continue
        try:
            result.values[column.name] = parse_value(column, raw)
        except ValueError as exc:
            result.errors[column.name] = str(exc)
    return result


def display_values(values: Mapping[str, Any], multiline: Collection[str] = ()) -> dict[str, Any]:
    """Values as inputs show them: multi-line lists one a line, other lists comma-separated.

    Lists named in neither stay lists (checkbox groups).
    """
    shown = dict(values)
    for name, value in values.items():
        if isinstance(value, list | tuple) and name in multiline:
            shown[name] = "\n".join(value)
    return shown


def remember_label(name: str, label: Any) -> str:
    """Note the label a form field is drawn with on this page (a template global); returns ``""``."""
    labels: dict[str, Any] = g.setdefault("form_labels", {})
    labels[name] = label
    return ""


def field_label(name: str) -> Any:
    """The label field ``name`` was drawn with on this page, or ``None`` (a template global)."""
    return g.get("form_labels", {}).get(name)


def init_app(app: Flask) -> None:
    """Give templates :func:`remember_label` and :func:`field_label`."""
    app.jinja_env.globals.update(remember_label=remember_label, field_label=field_label)
