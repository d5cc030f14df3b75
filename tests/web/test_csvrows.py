"""The CSV row reader that the demo loader and employers' uploads share."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import flask_babel
import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.support import NullTranslations, Translations

from web.infra.csvrows import Column, check_unique, read_rows
from web.infra.forms import parse_form
from web.people.forms import parse_person_form

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
        (
            "v1,3,,2026-11-01,weekend,",
            "v.csv line 2, shift: should be one of Day shift (day), Night shift (night), got 'weekend'",
        ),
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


def test_cross_row_checks_also_see_rows_with_a_bad_cell() -> None:
    parsed = read_rows(HEADER + "v1,abc,,2026-11-01,,\nv1,2,,2026-11-02,,\n", SPEC, "v.csv")
    assert [r["_line"] for r in parsed.rows] == [3]
    assert [r["_line"] for r in parsed.all_rows] == [2, 3] and parsed.all_rows[0]["pay"] is None
    assert [str(e) for e in check_unique(parsed.all_rows, ["id"], "v.csv")] == [
        "v.csv line 3, id: repeats line 2 (v1)"
    ]


def test_rows_missing_their_key_are_not_repeats_of_each_other() -> None:
    parsed = read_rows(HEADER + ",1,,2026-11-01,,\n,2,,2026-11-02,,\n", SPEC, "v.csv")
    assert len(parsed.errors) == 2 and check_unique(parsed.all_rows, ["id"], "v.csv") == []


def test_messages_are_english_in_an_app_context_without_a_request(app) -> None:
    """Regression: the CLI (an app context, no request) crashed making a message: the locale needed one."""
    with app.app_context():
        parsed = read_rows(HEADER + "v1,abc,,2026-11-01,,\n", SPEC, "v.csv")
        shown = [str(e) for e in parsed.errors]
    assert shown == ["v.csv line 2, pay: should be a number, got 'abc'"]


SPANISH = {
    "%(source)s line %(line)s": "%(source)s línea %(line)s",
    "should be a number, got %(value)s": "debería ser un número, no %(value)s",
    "repeats line %(line)s (%(key)s)": "repite la línea %(line)s (%(key)s)",
    "is required": "es obligatorio",
    "give both latitude and longitude, or neither": "indique latitud y longitud, o ninguna",
}


@pytest.fixture()
def spanish(monkeypatch: pytest.MonkeyPatch) -> None:
    """Flask-Babel serves SPANISH to requests in Spanish, and nothing to others."""
    catalog = Catalog(locale="es")
    for msgid, msgstr in SPANISH.items():
        catalog.add(msgid, msgstr)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    translations = Translations(buffer)

    def get_translations(self: flask_babel.Domain) -> NullTranslations:
        return translations if str(flask_babel.get_locale()) == "es" else NullTranslations()

    monkeypatch.setattr(flask_babel.Domain, "get_translations", get_translations)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "es",
            [
                "v.csv línea 2, pay: debería ser un número, no 'abc'",
                "v.csv línea 3, id: repite la línea 2 (v1)",
                {"pay": "es obligatorio"},
                {"latitude": "indique latitud y longitud, o ninguna"},
            ],
        ),
        (
            "en",
            [
                "v.csv line 2, pay: should be a number, got 'abc'",
                "v.csv line 3, id: repeats line 2 (v1)",
                {"pay": "is required"},
                {"latitude": "give both latitude and longitude, or neither"},
            ],
        ),
    ],
)
def test_messages_are_in_the_language_of_the_request(app, spanish, lang: str, expected: list) -> None:
    with app.test_request_context("/", headers={"Accept-Language": lang}):
        parsed = read_rows(HEADER + "v1,abc,,2026-11-01,,\nv1,2,,2026-11-02,,\n", SPEC, "v.csv")
        repeats = check_unique(parsed.all_rows, ["id"], "v.csv")
        form = parse_form({"id": "v1"}, [Column("id"), Column("pay", "decimal")])
        person = parse_person_form(
            {
                "pseudonym": "A.",
                "skills_text": "cooking",
                "languages": "English",
                "locality": "mcr",
                "latitude": "53.4",
            },
            {"mcr"},
        )
        shown = [str(parsed.errors[0]), str(repeats[0]), form.errors, person.errors]
    assert shown == expected
