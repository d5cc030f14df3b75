"""An employer's main journey in the browser, on the demo data.

Upload vacancies from a CSV with mistakes (every bad row is listed, nothing is saved),
fix the file and upload it again (all rows saved and screened), then follow a person the
counsellor introduced: placement started, placement completed, interview.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.browser.conftest import keep_for_readme
from tests.web.conftest import CLOSES_ON

pytestmark = pytest.mark.browser

EMPLOYER = "employer.coop-retail"
HEADER = (
    "id,title,sector,locality,latitude,longitude,description,skills_required,languages_required,"
    "hours_per_week,shift,pay,pay_period,contract,closes_on\n"
)
GOOD_ROWS = (
    "bt-1,Shop floor colleague,retail,Manchester,,,"
    "Serve customers and fill shelves in our Ancoats store. Written contract and weekly pay.,"
    f"customer service;stock replenishment,English,30,day,12.60,hour,permanent,{CLOSES_ON}\n"
    "bt-2,Bakery assistant,retail,manchester,53.47,-2.25,"
    "Bake bread and pastries in the in-store bakery; training given. Paid holiday and a pension.,"
    "baking;food hygiene,English,24,mixed,12.40,hour,permanent,\n"
)
BAD_ROWS = (
    "bt-1,Shop floor colleague,retail,Manchester,,,Serve customers.,customer service,English,30,day,"
    f"twelve,hour,permanent,{CLOSES_ON}\n"
    "bt-2,Bakery assistant,mining,Manchester,,,Bake bread.,baking,English,24,mixed,12.40,fortnight,"
    "permanent,\n"
    "bt-3,Cashier,retail,Atlantis,,,Serve customers at the tills.,,English,20,day,12.40,hour,permanent,\n"
    "bt-4,Night picker,retail,Manchester,,,Pick orders.,,English,90,night,12.40,hour,permanent,31/02/2027\n"
    "bt-3,Cashier,retail,Manchester,,,Serve customers at the tills.,,English,20,day,12.40,hour,permanent,\n"
)
#: The problems the report must list, each naming the file, the line and the column.
EXPECTED_PROBLEMS = [
    "jobs.csv line 2, pay: should be a number, got 'twelve'",
    "jobs.csv line 3, sector: should be one of",
    "jobs.csv line 3, pay_period: should be one of hour, day, week, month, got 'fortnight'",
    "jobs.csv line 4, locality: is not a locality Pathways knows ('Atlantis')",
    "jobs.csv line 5, hours_per_week: should be at most 80, got 90",
    "jobs.csv line 5, closes_on: should be a date",
    "jobs.csv line 6, id: repeats line 4",
]


def _vacancy_count(app: Any) -> int:
    from web.infra.db import session
    from web.storage.schema import Organisation, Vacancy

    with app.app_context():
        return int(
            session().scalar(
                select(func.count(Vacancy.id))
                .join(Organisation, Vacancy.employer_id == Organisation.id)
                .where(Organisation.ref == "coop-retail")
            )
        )


def _introduce_someone(app: Any) -> str:
    """The counsellor proposes the employer's programme to a demo person, who agrees and is introduced."""
    from web.infra.db import session
    from web.people.service import consents_in_force
    from web.placements import service
    from web.storage.schema import Organisation, Person, PlacementProgramme, User

    with app.app_context():
        db = session()
        counsellor = db.execute(select(User).filter_by(username="counsellor.manchester")).scalar_one()
        programme = db.scalars(
            select(PlacementProgramme)
            .join(Organisation, PlacementProgramme.employer_id == Organisation.id)
            .where(Organisation.ref == "coop-retail")
        ).first()
        assert programme is not None, "the demo's employer runs a placement programme"
        people = db.scalars(select(Person).where(Person.organisation_id == counsellor.organisation_id))
        person = next(p for p in people if {"matching", "share_with_employers"} <= consents_in_force(p))
        proposal = service.propose(db, counsellor, person, programme_id=programme.id, score=72.0)
        service.move(db, counsellor, proposal, "person_agreed")
        service.move(db, counsellor, proposal, "introduced", shared_fields=["skills_text"])
        db.commit()
        return str(programme.title)


def _upload(visit: Any, content: str, name: str = "jobs.csv") -> None:
    page = visit.page
    page.get_by_label("CSV file (up to 10 MB and 5,000 rows)").set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": content.encode("utf-8")}
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Upload").click()


def test_employer_uploads_vacancies_and_records_an_interview(visit: Any) -> None:
    page, app = visit.page, visit.server.app
    programme = _introduce_someone(app)
    before = _vacancy_count(app)
    visit.login(EMPLOYER)
    visit.check("vacancies")
    with page.expect_navigation():
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Upload CSV").click()
    visit.check("upload form")

    _upload(visit, HEADER + BAD_ROWS)
    report = visit.check("bad csv report")
    summary = page.locator(".error-summary")
    assert "Nothing was saved" in summary.locator("h2").inner_text()
    listed = summary.locator("li").all_inner_texts()
    for problem in EXPECTED_PROBLEMS:
        assert any(line.startswith(problem) for line in listed), f"{problem!r} not in {listed}"
    assert len(listed) == len(EXPECTED_PROBLEMS), listed
    assert _vacancy_count(app) == before, "a bad file saves nothing"
    if os.environ.get("PATHWAYS_README_SCREENS"):
        keep_for_readme(visit.screenshot("upload report viewport", full_page=False), "employer-upload-report")
    assert report.is_file()

    _upload(visit, "not,a,vacancy,file\n1,2,3,4\n", name="notes.csv")
    visit.check("csv with wrong columns")
    assert "missing column(s)" in page.locator(".error-summary").inner_text()

    _upload(visit, HEADER + GOOD_ROWS)
    visit.check("good csv report")
    assert page.locator(".flash-success").inner_text().startswith("2 created, 0 updated")
    assert _vacancy_count(app) == before + 2

    visit.goto("/employer", "vacancies after upload")
    for title in ("Shop floor colleague", "Bakery assistant"):
        assert page.locator("tbody tr", has_text=title).count() == 1

    with page.expect_navigation():
        page.get_by_role("link", name="Introductions").click()
    visit.check("introductions")
    opening = page.locator("section.card", has_text=programme)
    assert "1 person introduced" in opening.locator(".stages").inner_text()
    card = opening.locator("li.introduction").first
    assert card.locator("p .tag").inner_text().startswith("Introduced to employer on ")
    assert "Skills" in card.locator("dl.facts").inner_text(), "the field the person agreed to share is shown"
    for raw in ("skills text", "skills_text", "pseudonym", "Candidate"):
        assert raw not in card.inner_text(), "readable labels only, and nothing else is shown"
    for step, label in (
        ("placement_started", "Placement started"),
        ("placement_completed", "Placement completed"),
        ("interview", "Interview"),
    ):
        card.get_by_label("Next step").select_option(step)
        with page.expect_navigation():
            card.get_by_role("button", name="Record").click()
        assert page.locator(".flash-success").inner_text() == "Step recorded."
        visit.check(f"introduction: {step}")
        assert card.locator("p .tag").inner_text().startswith(f"{label} on ")
    assert set(card.get_by_label("Next step").locator("option").all_inner_texts()) == {
        "Started the job",  # a programme's interview leads to the job itself (issue 16.3)
        "No offer",
    }
    visit.assert_accessible()
