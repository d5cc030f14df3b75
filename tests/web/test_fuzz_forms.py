"""Hypothesis against the main HTML forms through the Flask test client.

Each form's fields are read from its page (a filled-in edit page, so untouched fields are
valid), then a few fields get hostile values: formula prefixes, NULs, odd numbers and
dates, any Unicode text, values just past a length limit, a field left out or sent twice.
Whatever arrives: never a server error; either a clean save (a redirect) or the form again
with a message by the field (400) and the table exactly as it was. SQLite only, a modest
number of examples.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from tests.web.conftest import UK_COOP_FIGURES, AuthActions, app_on_demo_copy, finish_jobs
from tests.web.test_fuzz_csv_import import NAMES, NASTY, valid_cell
from web.infra.db import session
from web.storage.schema import Cooperative, Person, PlacementProgramme, Vacancy
from web.vacancies.service import VACANCY_COLUMNS

FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@dataclass
class Field:
    """One named control of a form: its values as the page has them filled in, and its options."""

    name: str
    values: list[str] = field(default_factory=list)
    options: list[str] = field(default_factory=list)


class FormFields(HTMLParser):
    """The controls of the page's ``<form class="form">``, as a browser would submit them."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, Field] = {}
        self._inside = False
        self._select: Field | None = None
        self._textarea: Field | None = None

    def _field(self, name: str) -> Field:
        return self.fields.setdefault(name, Field(name))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record inputs, selects, textareas and named buttons inside the form."""
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._inside = "form" in a.get("class", "").split() and a.get("method", "").lower() == "post"
        if not self._inside or not a.get("name") and tag != "option":
            return
        if tag == "input" and a.get("type") in ("checkbox", "radio"):
            f = self._field(a["name"])
            f.options.append(a.get("value", "on"))
            if "checked" in a:
                f.values.append(a.get("value", "on"))
        elif tag == "input" and a.get("type") != "submit":
            self._field(a["name"]).values.append(a.get("value", ""))
        elif tag == "button" or (tag == "input" and a.get("type") == "submit"):
            self._field(a["name"]).options.append(a.get("value", ""))
        elif tag == "select":
            self._select = self._field(a["name"])
        elif tag == "option" and self._select is not None:
            self._select.options.append(a.get("value", ""))
            if "selected" in a:
                self._select.values.append(a.get("value", ""))
        elif tag == "textarea":
            self._textarea = self._field(a["name"])
            self._textarea.values.append("")

    def handle_endtag(self, tag: str) -> None:
        """Close selects, textareas and the form."""
        if tag == "form":
            self._inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        """A textarea's text."""
        if self._textarea is not None:
            self._textarea.values[-1] += data


def form_fields(page: str) -> dict[str, Field]:
    """The fields of the page's main form, without the CSRF token."""
    parser = FormFields()
    parser.feed(page)
    parser.fields.pop("csrf_token", None)
    return parser.fields


@dataclass(frozen=True)
class FormCase:
    """A form to fuzz: who fills it, the page with its values, where it is sent, the table it changes."""

    user: str
    filled: str
    post: str
    table: str
    creates: bool
    fixed: tuple[tuple[str, str], ...] = ()


def _cases(app: Flask) -> dict[str, FormCase]:
    with app.app_context():
        db = session()
        p1 = db.execute(select(Person.id).where(Person.ref == "p1")).scalar_one()
        v1 = db.execute(select(Vacancy.id).where(Vacancy.ref.like("%v1"))).scalars().first()
        bf1 = (
            db.execute(select(PlacementProgramme.id).where(PlacementProgramme.ref.like("%bf1")))
            .scalars()
            .first()
        )
        c1 = db.execute(select(Cooperative.id).where(Cooperative.ref == "c1")).scalar_one()
    return {
        "person, new": FormCase("counsellor.a", f"/people/{p1}/edit", "/people/new", "people", True),
        "person, edit": FormCase("counsellor.a", f"/people/{p1}/edit", f"/people/{p1}/edit", "people", False),
        "vacancy, new": FormCase(
            "employer.a", f"/vacancies/{v1}/edit", "/vacancies/new", "vacancies", True, (("id", "fuzz{n}"),)
        ),
        "vacancy, edit": FormCase(
            "employer.a", f"/vacancies/{v1}/edit", f"/vacancies/{v1}/edit", "vacancies", False
        ),
        "programme, new": FormCase(
            "employer.a",
            f"/vacancies/programmes/{bf1}/edit",
            "/vacancies/programmes/new",
            "placement_programmes",
            True,
            (("id", "fuzz{n}"),),
        ),
        "programme, edit": FormCase(
            "employer.a",
            f"/vacancies/programmes/{bf1}/edit",
            f"/vacancies/programmes/{bf1}/edit",
            "placement_programmes",
            False,
        ),
        "organisation": FormCase(
            "employer.a", "/vacancies/organisation", "/vacancies/organisation", "organisations", False
        ),
        "cooperative plan": FormCase(
            "treasurer.a",
            f"/coop/{c1}/plans/new/cooperative",
            f"/coop/{c1}/plans/new/cooperative",
            "saved_plans",
            True,
            tuple((k, f"{v:g}") for k, v in UK_COOP_FIGURES.items()),  # left empty for a UK group to type
        ),
        "3x6 plan": FormCase(
            "treasurer.a", f"/coop/{c1}/plans/new/3x6", f"/coop/{c1}/plans/new/3x6", "saved_plans", True
        ),
    }


@pytest.fixture(scope="module")
def forms_app(demo_template: Path, tmp_path_factory: pytest.TempPathFactory, encoder: Any) -> Iterator[Flask]:
    """One app on a copy of the test demo for the module."""
    app = app_on_demo_copy(demo_template, tmp_path_factory.mktemp("fuzz-forms"), encoder)
    yield app
    finish_jobs(app)
    app.extensions["pathways.engine"].dispose()


@pytest.fixture(scope="module")
def clients(forms_app: Flask) -> dict[str, tuple[FlaskClient, str]]:
    """A signed-in client and its CSRF token for each user the forms need."""
    found = {}
    for user in ("counsellor.a", "employer.a", "treasurer.a"):
        client = forms_app.test_client()
        auth = AuthActions(client)
        assert auth.login(user).status_code == 302
        found[user] = (client, auth.csrf())
    return found


def _rows(app: Flask, table: str) -> list[tuple[Any, ...]]:
    finish_jobs(app)  # preparation after an earlier clean save (screening, vectors) runs in the background
    with app.app_context():
        # the table name comes from the cases above, never from input
        return [tuple(r) for r in session().execute(text(f"SELECT * FROM {table} ORDER BY 1"))]


def hostile(limit: int) -> st.SearchStrategy[str]:
    """A value meant to break a field."""
    return st.one_of(
        st.sampled_from(NASTY),
        st.text(max_size=30),
        st.builds(lambda c, k: c * k, st.characters(), st.integers(limit - 5, limit + 20)),
    )


COUNTER = iter(range(10**9))


CASES = [
    "person, new",
    "person, edit",
    "vacancy, new",
    "vacancy, edit",
    "programme, new",
    "programme, edit",
    "organisation",
    "cooperative plan",
    "3x6 plan",
]


@pytest.mark.parametrize("case_name", CASES)
@FUZZ
@given(data=st.data())
def test_a_form_saves_cleanly_or_changes_nothing(
    forms_app: Flask, clients: dict[str, tuple[FlaskClient, str]], case_name: str, data: st.DataObject
) -> None:
    case = _cases(forms_app)[case_name]
    client, csrf = clients[case.user]
    fields = form_fields(client.get(case.filled).get_data(as_text=True))
    assert len(fields) >= 3, f"{case.filled}: no form found"
    n = next(COUNTER)
    form: dict[str, Any] = {name: list(f.values) for name, f in fields.items() if f.values}
    for name, template in case.fixed:
        form[name] = [template.format(n=n)]
    if "action" in fields:
        form["action"] = [data.draw(st.sampled_from(fields["action"].options))]
    spoiled = data.draw(st.sets(st.sampled_from(sorted(fields)), max_size=3))
    for name in spoiled:
        how = data.draw(st.sampled_from(["value", "value", "value", "absent", "twice", "option"]))
        if how == "absent":
            form.pop(name, None)
        elif how == "twice":
            form[name] = [data.draw(hostile(200)), data.draw(hostile(200))]
        elif how == "option" and fields[name].options:
            form[name] = data.draw(st.lists(st.sampled_from(fields[name].options), max_size=3))
        else:
            form[name] = [data.draw(hostile(data.draw(st.sampled_from([40, 200, 2000, 5000, 8000]))))]
    before = _rows(forms_app, case.table)
    response = client.post(case.post, data={**form, "csrf_token": csrf})
    event(f"status {response.status_code}")
    assert response.status_code < 500, (spoiled, response.get_data(as_text=True)[:3000])
    after = _rows(forms_app, case.table)
    if response.status_code == 400:
        assert after == before, "a refused form changed the table"
        page = response.get_data(as_text=True)
        assert 'class="field-error"' in page or 'class="error-summary"' in page or "flash-error" in page
    elif response.status_code == 200:  # a plan tried, not saved
        assert after == before and form.get("action") != ["save"]
    else:
        assert response.status_code in (302, 303), response.status_code
        assert len(after) == len(before) + (1 if case.creates else 0)


def test_a_nul_character_is_refused_by_its_field_not_a_server_error(minimal_demo_app: Flask) -> None:
    """Regression: a NUL in a CSV cell or form field was stored on SQLite, a server error on PostgreSQL."""
    client = minimal_demo_app.test_client()
    auth = AuthActions(client)
    assert auth.login("employer.a").status_code == 302
    csrf = auth.csrf()
    row = [valid_cell(c, 1) for c in VACANCY_COLUMNS]
    row[NAMES.index("description")] = "Drive our van\x00 to shops"
    body = (",".join(NAMES) + "\n" + ",".join(row) + "\n").encode()
    before = _rows(minimal_demo_app, "vacancies")
    upload = client.post(
        "/vacancies/upload",
        data={"csrf_token": csrf, "file": (io.BytesIO(body), "v.csv", "text/csv")},
        content_type="multipart/form-data",
    )
    assert upload.status_code == 400 and "description" in upload.get_data(as_text=True)
    api = client.post(
        "/api/v1/vacancies/import", data=body, content_type="text/csv", headers={"X-CSRF-Token": csrf}
    )
    assert api.status_code == 422 and api.json["rows"][0]["column"] == "description"
    with minimal_demo_app.app_context():
        v1 = session().execute(select(Vacancy.id).where(Vacancy.ref.like("%v1"))).scalars().first()
    form = {
        n: f.values
        for n, f in form_fields(client.get(f"/vacancies/{v1}/edit").get_data(as_text=True)).items()
    }
    form = {**form, "id": ["nul1"], "title": ["Van\x00driver"], "csrf_token": csrf}
    page = client.post("/vacancies/new", data=form)
    assert page.status_code == 400 and 'id="e-title"' in page.get_data(as_text=True)
    assert _rows(minimal_demo_app, "vacancies") == before
