"""The CSV row reader that the demo loader and employers' uploads share."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from web.csvrows import Column, check_unique, read_rows

SPEC = [
    Column("id"),
    Column("pay", "decimal", minimum=0),
    Column("hours", "float", required=False, maximum=80),
    Column("posted_on", "date"),
    Column("shift", "choice", required=False, choices=("day", "night")),
    Column("skills", "list", required=False),
]
HEADER = "id,pay,hours,posted_on,shift,skills\n"


def test_valid_rows_parse_to_typed_values() -> None:
    parsed = read_rows(HEADER + "v1,12.5,37.5,2026-11-01,day,driving; lifting ;\n", SPEC, "v.csv")
    assert parsed.errors == []
    assert parsed.rows == [
        {
            "_line": 2,
            "id": "v1",
            "pay": Decimal("12.5"),
            "hours": 37.5,
            "posted_on": dt.date(2026, 11, 1),
            "shift": "day",
            "skills": ["driving", "lifting"],
        }
    ]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (",12,,2026-11-01,,", "v.csv line 2, id: is required"),
        ("v1,abc,,2026-11-01,,", "v.csv line 2, pay: should be a number, got 'abc'"),
        ("v1,-3,,2026-11-01,,", "v.csv line 2, pay: should be at least 0, got -3"),
        ("v1,NaN,,2026-11-01,,", "v.csv line 2, pay: should be a number, got 'NaN'"),
        ("v1,3,99,2026-11-01,,", "v.csv line 2, hours: should be at most 80, got 99"),
        ("v1,3,nan,2026-11-01,,", "v.csv line 2, hours: should be a number, got 'nan'"),
        ("v1,3,inf,2026-11-01,,", "v.csv line 2, hours: should be a number, got 'inf'"),
        ("v1,3,,01/11/2026,,", "v.csv line 2, posted_on: should be a date like 2026-11-30, got '01/11/2026'"),
        ("v1,3,,2026-11-01,weekend,", "v.csv line 2, shift: should be one of day, night, got 'weekend'"),
        ("v1,3,,2026-11-01,,,extra", "v.csv line 2: has more cells than the header"),
    ],
)
def test_each_bad_cell_is_named_with_file_line_and_column(row: str, message: str) -> None:
    parsed = read_rows(HEADER + row + "\n", SPEC, "v.csv")
    assert parsed.rows == [] and [str(e) for e in parsed.errors] == [message]


def test_missing_and_unknown_columns_are_reported_once() -> None:
    parsed = read_rows("id,salary\nv1,3\n", SPEC, "v.csv")
    assert len(parsed.errors) == 1
    text = str(parsed.errors[0])
    assert (
        "missing column(s) pay, hours, posted_on, shift, skills" in text
        and "unknown column(s) salary" in text
    )


def test_blank_lines_are_skipped_and_duplicates_found() -> None:
    parsed = read_rows(HEADER + "v1,1,,2026-11-01,,\n,,,,,\nv1,2,,2026-11-02,,\n", SPEC, "v.csv")
    assert len(parsed.rows) == 2
    assert [str(e) for e in check_unique(parsed.rows, ["id"], "v.csv")] == [
        "v.csv line 4, id: repeats line 2 (v1)"
    ]
