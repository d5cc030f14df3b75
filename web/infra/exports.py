"""Downloads made safe to open: CSV cells that a spreadsheet would run as a formula are neutralised.

A cell such as ``=HYPERLINK("http://evil","click")`` typed into a plan name would run as a formula
when the CSV is opened in Excel or LibreOffice (CSV injection, OWASP). Every cell that starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return is written with a leading single quote, so the
spreadsheet shows it as text. Numbers are written as numbers (a negative number stays a number).
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    r"""One cell as text, quoted against formula injection unless it is a plain number.

    Examples
    --------
    >>> safe_cell('=HYPERLINK("http://x")'), safe_cell("-2+3"), safe_cell(-2.5), safe_cell(None)
    ('\'=HYPERLINK("http://x")', "'-2+3", '-2.5', '')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, float):
        return "" if not math.isfinite(value) else repr(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def safe_csv(rows: Iterable[Sequence[Any]]) -> str:
    r"""CSV text of ``rows`` (the first row is usually the header), every cell made safe.

    Examples
    --------
    >>> safe_csv([["name", "fund"], ["=1+1", 250.0], ["@SUM(A1)", -3]])
    "name,fund\r\n'=1+1,250.0\r\n'@SUM(A1),-3\r\n"
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue()
