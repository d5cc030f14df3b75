"""Employers' vacancies and programmes, CSV upload, and the counsellors' safety review."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select, update

from tests.web.conftest import CLOSES_ON, finish_jobs
from web.infra.db import session
from web.storage.schema import Locality, Organisation, PlacementProgramme, User, Vacancy

GOOD = {
    "title": "Warehouse operative",
    "sector": "logistics",
    "description": "Picking and packing orders in our Trafford Park warehouse. "
    "Written contract from day one, paid weekly into your bank account, 37.5 hours a week on days. "
    "We never charge fees.",
    "skills_required": "picking orders\nlifting up to 15 kg",
    "languages_required": "English",
    "locality": "Manchester",
    "hours_per_week": "37.5",
    "shift": "day",
    "pay": "12.60",
    "pay_period": "hour",
    "contract": "permanent",
}
RISKY = {
    **GOOD,
    "title": "Farm work abroad, start tomorrow",
    "description": "Urgent! Pay a recruitment fee of 500 and we keep your passport safe during the season. "
    "Wages paid at the end of the season. No contract needed.",
}
CSV_HEADER = (
    "id,title,sector,locality,latitude,longitude,description,skills_required,languages_required,hours_per_week,"
    "shift,pay,pay_period,contract,closes_on\n"
)
CSV_ROW = (
    "{id},Cleaner,cleaning,Manchester,,,"
    "Office cleaning in the evenings with a written contract and weekly pay.,"
    "cleaning offices,English,20,evening,{pay},hour,permanent," + CLOSES_ON + "\n"
)


def _post(client, auth, path: str, data: dict):
    return client.post(path, data={**data, "csrf_token": auth.csrf()})


def _vacancies(app, title: str) -> list[Vacancy]:
    with app.app_context():
        return session().execute(select(Vacancy).where(Vacancy.title == title)).scalars().all()


def test_a_clear_vacancy_is_published(app, client, auth) -> None:
    auth.login("employer.a")
    response = _post(client, auth, "/vacancies/new", GOOD)
    assert response.status_code == 302
    [vacancy] = _vacancies(app, "Warehouse operative")
    assert vacancy.status == "pending_review" or vacancy.screening is not None  # screened in the background
    finish_jobs(app)
    [vacancy] = _vacancies(app, "Warehouse operative")
    assert vacancy.status == "open" and vacancy.screening["flagged"] is False
    assert vacancy.currency == "GBP" and vacancy.skills_required == ["picking orders", "lifting up to 15 kg"]


@pytest.mark.parametrize(("lang", "shown"), [("en", "<dd>37.5</dd>"), ("fr", "<dd>37,5</dd>")])
def test_hours_are_shown_as_a_number_in_the_readers_locale(app, client, auth, lang: str, shown: str) -> None:
    """Regression: the vacancy page showed the stored float ("48.0") whatever the language."""
    with app.app_context():
        session().execute(update(User).where(User.username == "employer.a").values(language=lang))
        session().commit()
    auth.login("employer.a")
    _post(client, auth, "/vacancies/new", GOOD)
    [vacancy] = _vacancies(app, "Warehouse operative")
    assert shown in client.get(f"/vacancies/{vacancy.id}").get_data(as_text=True)


def test_a_risky_vacancy_is_held_with_quoted_evidence_then_reviewed(app, client, auth) -> None:
    auth.login("employer.a")
    response = _post(client, auth, "/vacancies/new", RISKY)
    assert b"being checked for signs of exploitation" in client.get(response.headers["Location"]).data
    finish_jobs(app)
    page = client.get(response.headers["Location"])
    assert b"Waiting for safety review" in page.data and b"Being checked" not in page.data
    [vacancy] = _vacancies(app, RISKY["title"])
    assert vacancy.status == "pending_review"
    indicators = {f["indicator"] for f in vacancy.screening["flags"]}
    assert (
        indicators & {"recruitment_fees", "retention_of_identity_documents", "withholding_of_wages"}
        or indicators
    )
    auth.logout()
    auth.login("counsellor.a")
    queue = client.get("/vacancies/review")
    assert RISKY["title"].encode() in queue.data and b"passport" in queue.data
    refused = _post(client, auth, f"/vacancies/{vacancy.id}/review", {"decision": "approve", "note": ""})
    assert b"Write a short note" in client.get(refused.headers["Location"]).data
    _post(
        client, auth, f"/vacancies/{vacancy.id}/review", {"decision": "reject", "note": "Fees and passports."}
    )
    [vacancy] = _vacancies(app, RISKY["title"])
    assert vacancy.status == "rejected" and vacancy.review_note == "Fees and passports."


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "under the Employer Pays Principle no worker should pay for a job"),
        ("es", "nadie debería pagar por un empleo"),
        ("fr", "personne ne devrait payer pour un emploi"),
    ],
)
def test_the_review_says_why_a_flag_is_a_risk_in_the_readers_language(app, client, auth, lang, said) -> None:
    """Regression (issue 19): the screener's explanation of an indicator was stored but never shown."""
    auth.login("employer.a")
    _post(client, auth, "/vacancies/new", RISKY)
    finish_jobs(app)
    fee = {
        "indicator": "recruitment_fees",
        "severity": "high",
        "evidence": "Pay a recruitment fee of 500",
        "name": "Recruitment fees charged to workers",
        "fixable": False,
        "fix_hint": "",
        "explanation": "stored English explanation",
    }
    with app.app_context():
        db = session()
        vacancy = db.execute(select(Vacancy).where(Vacancy.title == RISKY["title"])).scalar_one()
        vacancy.screening = {"id": str(vacancy.id), "flagged": True, "score": 0.9, "flags": [fee]}
        vacancy.status = "pending_review"
        db.execute(update(User).where(User.username == "counsellor.a").values(language=lang))
        db.commit()
    auth.logout()
    auth.login("counsellor.a")
    page = client.get("/vacancies/review").get_data(as_text=True)
    assert said in page.replace("&#39;", "'") and "stored English explanation" not in page


def test_a_held_vacancy_cannot_be_proposed(app, client, auth) -> None:
    auth.login("employer.a")
    _post(client, auth, "/vacancies/new", RISKY)
    finish_jobs(app)
    [vacancy] = _vacancies(app, RISKY["title"])
    auth.logout()
    auth.login("counsellor.a")
    with app.app_context():
        from web.storage.schema import Person

        person = session().execute(select(Person).where(Person.ref == "p1")).scalar_one()
    response = _post(client, auth, "/placements/propose", {"person_id": person.id, "vacancy_id": vacancy.id})
    assert b"not open" in client.get(response.headers["Location"]).data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": ""}, b"Job title: is required"),
        ({"sector": "mining"}, b"should be one of Hospitality, Cleaning, Care work (care)"),
        ({"locality": "Atlantis"}, b"is not a locality Pathways knows"),
        ({"pay": "-2"}, b"should be at least 0"),
        ({"hours_per_week": "120"}, b"should be at most 80"),
        ({"closes_on": "next week"}, b"should be a date like"),
    ],
)
def test_bad_vacancy_input_is_explained_and_not_saved(
    app, client, auth, change: dict, message: bytes
) -> None:
    auth.login("employer.a")
    response = _post(client, auth, "/vacancies/new", {**GOOD, **change})
    assert response.status_code == 400 and message in response.data
    assert _vacancies(app, change.get("title", GOOD["title"])) == []


def test_the_form_marks_every_required_field_the_server_requires(app, client, auth) -> None:
    """The walk: the sector was refused as 'required' though its label, unlike the others, did not say so."""
    auth.login("employer.a")
    page = client.get("/vacancies/new").get_data(as_text=True)
    for name in ("title", "sector", "description", "locality", "pay"):
        label = page.split(f'<label for="f-{name}">')[1].split("</label>")[0]
        assert "(required)" in label, name


def _upload(client, auth, content: str, name: str = "jobs.csv"):
    return client.post(
        "/vacancies/upload",
        data={"csrf_token": auth.csrf(), "file": (io.BytesIO(content.encode()), name, "text/csv")},
        content_type="multipart/form-data",
    )


def test_csv_upload_stores_all_rows_and_updates_on_reupload(app, client, auth) -> None:
    auth.login("employer.a")
    content = CSV_HEADER + CSV_ROW.format(id="c1", pay="12.30") + CSV_ROW.format(id="c2", pay="12.40")
    response = _upload(client, auth, content)
    assert response.status_code == 200 and b"2 created, 0 updated" in response.data
    response = _upload(client, auth, CSV_HEADER + CSV_ROW.format(id="c1", pay="13.00"))
    assert b"0 created, 1 updated" in response.data
    cleaners = _vacancies(app, "Cleaner")
    assert sorted(str(v.pay) for v in cleaners) == ["12.40", "13.00"]
    assert all(v.status == "open" for v in cleaners)


def test_a_bad_csv_saves_nothing_and_lists_every_problem(app, client, auth) -> None:
    auth.login("employer.a")
    content = (
        CSV_HEADER
        + CSV_ROW.format(id="ok", pay="12.30")
        + CSV_ROW.format(id="bad", pay="twelve")
        + CSV_ROW.format(id="ok", pay="12.50")
    )
    response = _upload(client, auth, content)
    assert response.status_code == 400
    assert b"Nothing was saved: 2 problems to fix" in response.data
    assert b"jobs.csv line 3, pay: should be a number, got &#39;twelve&#39;" in response.data
    assert b"jobs.csv line 4, id: repeats line 2 (ok)" in response.data
    assert _vacancies(app, "Cleaner") == []


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        ("id,title\n1,x\n", "jobs.csv", b"missing column(s)"),
        ("anything", "jobs.xlsx", b"Upload a .csv file"),
        (CSV_HEADER, "jobs.csv", b"has no vacancy rows"),
    ],
)
def test_unusable_uploads_are_refused(client, auth, content: str, name: str, message: bytes) -> None:
    auth.login("employer.a")
    response = _upload(client, auth, content, name)
    assert response.status_code == 400 and message in response.data


def test_employers_only_reach_their_own_vacancies(app, client, auth) -> None:
    auth.login("employer.a")
    _post(client, auth, "/vacancies/new", GOOD)
    [vacancy] = _vacancies(app, GOOD["title"])
    auth.logout()
    auth.login("employer.b")
    assert client.get(f"/vacancies/{vacancy.id}").status_code == 404
    assert _post(client, auth, f"/vacancies/{vacancy.id}/edit", GOOD).status_code == 404
    assert _post(client, auth, f"/vacancies/{vacancy.id}/close", {}).status_code == 404
    with app.app_context():
        programme = session().execute(select(PlacementProgramme)).scalars().first()
    assert client.get(f"/vacancies/programmes/{programme.id}/edit").status_code == 404


def test_employer_creates_a_programme(app, client, auth) -> None:
    auth.login("employer.a")
    data = {
        **GOOD,
        "title": "Bright Future Logistics",
        "capacity": "5",
        "placement_weeks": "4",
        "placement_pay": "12.21",
        "job_title": "Warehouse operative",
        "job_pay": "12.60",
        "interview": "non_competitive",
    }
    assert _post(client, auth, "/vacancies/programmes/new", data).status_code == 302
    with app.app_context():
        programme = (
            session()
            .execute(select(PlacementProgramme).where(PlacementProgramme.title == "Bright Future Logistics"))
            .scalar_one()
        )
        assert programme.capacity == 5 and programme.interview == "non_competitive"


@pytest.mark.parametrize(
    ("interview", "said", "not_said"),
    [
        ("competitive", b"then a competitive interview", b"non-competitive"),
        ("non_competitive", b"non-competitive", None),
    ],
)
def test_employer_home_says_the_programme_s_own_interview_kind(
    app, client, auth, interview: str, said: bytes, not_said: bytes | None
) -> None:
    """Regression: every programme card said "non-competitive interview", even competitive ones."""
    auth.login("employer.a")
    data = {
        **GOOD,
        "title": "Warehouse pathway",
        "capacity": "3",
        "placement_weeks": "4",
        "placement_pay": "12.21",
        "job_title": "Warehouse operative",
        "job_pay": "12.60",
        "interview": interview,
    }
    assert _post(client, auth, "/vacancies/programmes/new", data).status_code == 302
    card = client.get("/employer").get_data().split(b"Warehouse pathway", 1)[1].split(b"</li>", 1)[0]
    assert said in card and (not_said is None or not_said not in card)


def test_employer_edits_its_organisation_profile(app, client, auth) -> None:
    auth.login("employer.a")
    form = client.get("/vacancies/organisation")
    assert b"Northern Grocers" in form.data
    bad = _post(client, auth, "/vacancies/organisation", {"name": "", "locality": "Atlantis"})
    assert (
        bad.status_code == 400
        and b"is required" in bad.data
        and b"is not a locality Pathways knows" in bad.data
    )
    ok = _post(
        client,
        auth,
        "/vacancies/organisation",
        {"name": "Northern Grocers Co-op", "description": "Food shops.", "locality": "manchester"},
    )
    assert ok.status_code == 302
    with app.app_context():
        org = session().execute(select(Organisation).where(Organisation.ref == "emp-a")).scalar_one()
        assert org.name == "Northern Grocers Co-op" and org.description == "Food shops."


def test_a_new_posting_starts_in_the_employers_own_locality(app, client, auth) -> None:
    """Regression: every employer's form said "Town or city, e.g. Manchester", Addis Ababa's too."""
    with app.app_context():
        db = session()
        addis = Locality(
            ref="add", name="Addis Ababa", country="Ethiopia", latitude=9.03, longitude=38.74, currency="ETB"
        )
        db.add(addis)
        org = db.execute(select(Organisation).where(Organisation.ref == "emp-a")).scalar_one()
        org.locality = addis
        db.commit()
    auth.login("employer.a")
    for path in ("/vacancies/new", "/vacancies/programmes/new"):
        page = client.get(path).get_data(as_text=True)
        assert 'value="Addis Ababa"' in page and "e.g. Addis Ababa" in page and "Manchester" not in page
    assert "e.g. Addis Ababa" in client.get("/vacancies/organisation").get_data(as_text=True)
    with app.app_context():  # an organisation with no locality yet: the example is a place Pathways knows
        db = session()
        db.execute(update(Organisation).where(Organisation.ref == "emp-a").values(locality_id=None))
        db.commit()
    page = client.get("/vacancies/new").get_data(as_text=True)
    assert "e.g. Addis Ababa" in page and 'value="Addis Ababa"' not in page


def test_upload_report_lists_every_error_of_rows_that_have_a_bad_cell(app, client, auth) -> None:
    """Regression: a row with a bad cell was left out of the unknown-locality and repeated-id checks."""
    auth.login("employer.a")
    content = (
        CSV_HEADER
        + CSV_ROW.format(id="ok", pay="twelve")
        + CSV_ROW.format(id="ok", pay="12.30").replace("Manchester", "Atlantis")
        + CSV_ROW.format(id="x", pay="-1").replace("Manchester", "Atlantis")
    )
    response = _upload(client, auth, content)
    assert response.status_code == 400
    assert b"Nothing was saved: 5 problems to fix" in response.data
    for problem in (
        b"jobs.csv line 2, pay: should be a number, got &#39;twelve&#39;",
        b"jobs.csv line 3, id: repeats line 2 (ok)",
        b"jobs.csv line 3, locality: is not a locality Pathways knows (&#39;Atlantis&#39;)",
        b"jobs.csv line 4, pay: should be at least 0, got -1",
        b"jobs.csv line 4, locality: is not a locality Pathways knows (&#39;Atlantis&#39;)",
    ):
        assert problem in response.data
    assert _vacancies(app, "Cleaner") == []


def test_upload_id_taken_by_another_organisation_is_reported(app, client, auth) -> None:
    """Regression: an id whose stored reference another organisation's vacancy had ended in a server error."""
    with app.app_context():
        db = session()
        db.execute(select(Vacancy).where(Vacancy.ref == "v1")).scalar_one().ref = "emp-b-taken"
        db.commit()
    auth.login("employer.b")
    response = _upload(client, auth, CSV_HEADER + CSV_ROW.format(id="taken", pay="12.30"))
    assert response.status_code == 400
    assert b"jobs.csv line 2, id: is already used by another organisation&#39;s vacancy" in response.data
    assert _vacancies(app, "Cleaner") == []


def test_a_new_vacancy_under_a_reference_in_use_is_refused(app, client, auth) -> None:
    """Regression: posting a second vacancy under the same reference ended in a server error."""
    auth.login("employer.a")
    assert _post(client, auth, "/vacancies/new", {**GOOD, "id": "wh-1"}).status_code == 302
    again = _post(client, auth, "/vacancies/new", {**GOOD, "id": "wh-1", "title": "Second warehouse job"})
    assert again.status_code == 400 and b"is already used by a vacancy" in again.data
    assert _vacancies(app, "Second warehouse job") == []


def test_long_references_stay_distinct(app, client, auth) -> None:
    """Regression: a stored reference was cut at 64 characters, so two long ones became the same."""
    with app.app_context():
        db = session()
        db.execute(select(Organisation).where(Organisation.ref == "emp-a")).scalar_one().ref = "e" * 60
        db.commit()
    auth.login("employer.a")
    for n in (1, 2):
        form = {**GOOD, "id": f"warehouse-2026-{n}", "title": f"Long reference job {n}"}
        assert _post(client, auth, "/vacancies/new", form).status_code == 302
    refs = [v.ref for n in (1, 2) for v in _vacancies(app, f"Long reference job {n}")]
    assert len(refs) == 2 and refs[0] != refs[1] and all(len(r) <= 64 for r in refs)
    again = _post(client, auth, "/vacancies/new", {**GOOD, "id": "warehouse-2026-2", "title": "Third"})
    assert again.status_code == 400 and b"is already used by a vacancy" in again.data
