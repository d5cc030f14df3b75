"""Hypothesis against the vacancy CSV upload, on the page and through the API.

Whatever bytes arrive (other encodings, byte-order marks, formula prefixes, NULs, huge
cells, rows too short or too long, a wrong header), the answer is never a server error:
either every row is stored, or nothing is and the problems are listed. SQLite only, a
modest number of examples, so the suite stays quick.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from tests.web.conftest import CLOSES_ON, AuthActions, app_on_demo_copy, finish_jobs
from web.infra.csvrows import Column
from web.infra.db import session
from web.storage.schema import Organisation, User, Vacancy
from web.vacancies.service import VACANCY_COLUMNS, stored_ref

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
NAMES = [c.name for c in VACANCY_COLUMNS]
#: where an upload is cut short, in steps of its length
CUT_STEPS = 1000
#: Cells meant to trip a parser or a spreadsheet: formulas, non-numbers, odd dates, odd spaces.
NASTY = [
    "=1+1",
    "+SUM(A1:A9)",
    "-2+3",
    "@cmd|' /C calc'!A0",
    "\t=1",
    "\x00",
    "a\x00b",
    "NaN",
    "inf",
    "-Infinity",
    "1e309",
    "1e-400",
    "9" * 400,
    "12,50",
    "0x10",
    "\u0661\u0662",
    "\u00b2",
    "2026-02-30",
    "2026-13-01",
    "0000-01-01",
    "\ufeff12",
    "\u202eevil",
    '"',
    "a\nb",
    "\r",
    ";;;",
    " ",
]


def valid_cell(column: Column, n: int) -> str:
    """A value the column accepts (the locality is one the test demo knows)."""
    if column.name == "id":
        return f"fz{n}"
    if column.name == "locality":
        return "Manchester"
    if column.kind == "choice":
        return column.choices[n % len(column.choices)]
    if column.kind in ("int", "float", "decimal"):
        low = column.minimum if column.minimum is not None else 0
        return f"{low + 1:g}"
    if column.kind == "date":
        return CLOSES_ON
    if column.kind == "list":
        return "cooking;cleaning"
    return f"Kitchen porter {n}"


def hostile(column: Column) -> st.SearchStrategy[str]:
    """Something meant to break the cell: a nasty value, any text, or a cell just over its length limit."""
    return st.one_of(
        st.sampled_from(NASTY),
        st.text(max_size=30),
        st.builds(
            lambda c, k: c * k, st.characters(), st.integers(column.max_length - 2, column.max_length + 50)
        ),
    )


@st.composite
def csv_uploads(draw: st.DrawFn, start: int) -> tuple[bytes, list[str] | None]:
    """An upload's bytes and the ids of its rows (``None`` when the file was cut short anywhere)."""
    header = list(NAMES)
    if draw(st.integers(0, 9)) == 0:
        header = draw(st.permutations(header))
    if draw(st.integers(0, 14)) == 0:
        header = header[:-1]
    if draw(st.integers(0, 14)) == 0:
        header = [*header, draw(st.sampled_from(["extra", "", "=cmd()", "id"]))]
    rows, ids = [], []
    spoiled = draw(st.sets(st.sampled_from(NAMES), max_size=3))  # the columns that get hostile values
    for offset in range(draw(st.integers(0, 3))):
        n = start + offset
        by_name = {
            c.name: draw(hostile(c)) if c.name in spoiled else valid_cell(c, n) for c in VACANCY_COLUMNS
        }
        row = [by_name.get(name, "") for name in header]
        shape = draw(st.integers(0, 14))
        if shape == 0:
            row = row[: draw(st.integers(0, len(row)))]
        elif shape == 1:
            row = [*row, draw(st.text(max_size=5))]
        rows.append(row)
        if any(cell.strip() for cell in row):  # a blank line is skipped, not a row
            where = header.index("id") if "id" in header else len(row)
            ids.append(row[where] if where < len(row) else "")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=draw(st.sampled_from(["\r\n", "\n"])))
    writer.writerow(header)
    writer.writerows(rows)
    body = buffer.getvalue()
    found: list[str] | None = ids
    if draw(st.integers(0, 9)) == 0:
        # cut anywhere, also inside a cell; drawn as a share of the length, since the length depends on
        # ``start`` (fresh ids each example) and a bound that moves between examples is flaky to Hypothesis
        cut = draw(st.integers(0, CUT_STEPS)) * len(body) // CUT_STEPS
        body, found = body[:cut], None
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "latin-1", "cp1252", "raw"]))
    if encoding == "raw":
        return draw(st.binary(max_size=300)), None
    return body.encode(encoding, errors="replace"), found


@pytest.fixture(scope="module")
def upload_app(
    demo_template: Path, tmp_path_factory: pytest.TempPathFactory, encoder: Any
) -> Iterator[Flask]:
    """One app on a copy of the test demo for the module."""
    app = app_on_demo_copy(demo_template, tmp_path_factory.mktemp("fuzz-csv"), encoder)
    yield app
    finish_jobs(app)
    app.extensions["pathways.engine"].dispose()


@pytest.fixture(scope="module")
def employer(upload_app: Flask) -> tuple[FlaskClient, str]:
    """employer.a's signed-in client and CSRF token."""
    client = upload_app.test_client()
    auth = AuthActions(client)
    assert auth.login("employer.a").status_code == 302
    return client, auth.csrf()


def _vacancies(app: Flask) -> list[tuple[Any, ...]]:
    finish_jobs(app)  # an earlier upload's screening and preparation, in the background, comes first
    with app.app_context():
        return [tuple(r) for r in session().execute(text("SELECT * FROM vacancies ORDER BY id"))]


def _stored_refs(app: Flask, ids: list[str]) -> set[str]:
    with app.app_context():
        db = session()
        user = db.execute(select(User).where(User.username == "employer.a")).scalar_one()
        org = db.get(Organisation, user.organisation_id)
        refs = {stored_ref(org, i.strip()) for i in ids}
        return set(db.execute(select(Vacancy.ref).where(Vacancy.ref.in_(refs))).scalars())


COUNTER = iter(range(10**9))


def _check(
    app: Flask, response: Any, before: list[tuple[Any, ...]], ids: list[str] | None, refused: int
) -> None:
    assert response.status_code < 500, response.get_data(as_text=True)[:2000]
    event(f"status {response.status_code}")
    after = _vacancies(app)
    if response.status_code == refused or response.status_code == 400:
        assert after == before  # nothing half-saved
        return
    assert response.status_code in (200, 201)
    if ids is not None:
        assert len(_stored_refs(app, ids)) == len({i.strip() for i in ids}) > 0  # every row stored


@FUZZ
@given(data=st.data())
def test_the_upload_page_stores_all_rows_or_none(
    upload_app: Flask, employer: Any, data: st.DataObject
) -> None:
    client, csrf = employer
    body, ids = data.draw(csv_uploads(next(COUNTER) * 10))
    name = data.draw(st.sampled_from(["vacancies.csv", "VACANCIES.CSV", "v.csv"]))
    before = _vacancies(upload_app)
    response = client.post(
        "/vacancies/upload",
        data={"csrf_token": csrf, "file": (io.BytesIO(body), name, "text/csv")},
        content_type="multipart/form-data",
    )
    _check(upload_app, response, before, ids, 400)
    if response.status_code == 400:
        page = response.get_data(as_text=True)
        assert 'class="error-summary"' in page or 'class="flash flash-error"' in page


@FUZZ
@given(data=st.data())
def test_the_api_import_stores_all_rows_or_none(
    upload_app: Flask, employer: Any, data: st.DataObject
) -> None:
    client, csrf = employer
    body, ids = data.draw(csv_uploads(next(COUNTER) * 10))
    before = _vacancies(upload_app)
    response = client.post(
        "/api/v1/vacancies/import",
        data=body,
        content_type=data.draw(st.sampled_from(["text/csv", "text/csv; charset=utf-8", "text/plain"])),
        headers={"X-CSRF-Token": csrf},
    )
    _check(upload_app, response, before, ids, 422)
    if response.status_code in (400, 422):
        assert response.json["error"] in ("bad_request", "invalid_csv") and response.json["message"]
        if response.status_code == 422:
            assert all(r["message"] for r in response.json["rows"])


def test_a_valid_upload_is_stored(upload_app: Flask, employer: Any) -> None:
    """The generator's valid rows really are valid (so the properties above see clean saves too)."""
    client, csrf = employer
    rows = [[valid_cell(c, n) for c in VACANCY_COLUMNS] for n in (900001, 900002)]
    buffer = io.StringIO()
    csv.writer(buffer).writerows([NAMES, *rows])
    response = client.post(
        "/vacancies/upload",
        data={"csrf_token": csrf, "file": (io.BytesIO(buffer.getvalue().encode()), "v.csv", "text/csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    assert len(_stored_refs(upload_app, ["fz900001", "fz900002"])) == 2
