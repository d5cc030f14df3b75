"""A job counsellor's main journey in the browser, on the demo data, by keyboard where a person would.

Sign in (keyboard only), register a person with them present (keyboard only, through
every field of the form in order), find work and placements for them, filter to
placement programmes, propose one, record the person's agreement and introduce them.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

from tests.browser.conftest import keep_for_readme
from web.storage.demo_data import DEMO_PASSWORD

pytestmark = pytest.mark.browser

FOCUSABLE = "input:not([type=hidden]), select, textarea, button, a[href]"
#: What the counsellor types into each field of the person form, by field name (others stay empty).
TYPED = {
    "pseudonym": "Amina R.",
    "skills_text": "I cooked for a family of eight, cleaned a large house and kept the shopping accounts",
    "work_history": "Cook and housekeeper, private house in Doha, 4 years",
    "interests_text": "I would like to work in a shop or a kitchen, with people",
    "languages": "English, Arabic",
    "max_distance_km": "15",
    "min_hours_per_week": "16",
    "max_hours_per_week": "37.5",
    "desired_pay": "12.21",
}
#: Selects are chosen by typing the start of an option, as a keyboard user does.
SELECTED = {"locality": ("Manchester", "manchester"), "pay_period": ("hour", "hour")}
TICKED = {("availability", "weekdays"), ("availability", "mornings"), ("consent", "matching")}
TICKED |= {
    ("consent", "share_with_employers"),
    ("share_fields", "pseudonym"),
    ("share_fields", "skills_text"),
}


def _focused(page: Any) -> dict[str, str]:
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return {tag: e.tagName.toLowerCase(), id: e.id, name: e.name || '', value: e.value || '',"
        " text: (e.innerText || '').trim()}; }"
    )


def _sign_in_by_keyboard(visit: Any) -> None:
    page = visit.page
    visit.goto("/auth/login", "sign in")
    assert _focused(page)["id"] == "username", "the sign-in page puts focus on the username"
    backwards = []
    for _ in range(4):  # the other languages (the page's own is not a link), the site's name, the skip link
        page.keyboard.press("Shift+Tab")
        backwards.append(_focused(page)["text"])
    assert backwards == ["Français", "Español", "Pathways", "Skip to content"]
    for _ in range(4):
        page.keyboard.press("Tab")
    assert _focused(page)["id"] == "username"
    page.keyboard.type("counsellor.manchester")
    page.keyboard.press("Tab")
    assert _focused(page)["id"] == "password"
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Tab")
    assert _focused(page) | {"value": ""} == {
        "tag": "button",
        "id": "",
        "name": "",
        "value": "",
        "text": "Sign in",
    }
    page.keyboard.press("Shift+Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # implicit submission from the password field
    assert page.url.endswith("/counsellor"), page.url
    visit.check("caseload")


def _register_by_keyboard(visit: Any) -> str:
    page = visit.page
    with page.expect_navigation():
        page.get_by_role("link", name="Register a person").first.click()
    visit.check("register a person")
    order = page.evaluate(
        f"() => Array.from(document.querySelector('main form').querySelectorAll('{FOCUSABLE}'))"
        ".map(e => [e.tagName.toLowerCase(), e.name || '', e.value || '', e.innerText || ''])"
    )
    page.keyboard.press("Tab")
    assert _focused(page)["text"] == "Skip to content"
    page.keyboard.press("Enter")  # skip the menu
    for tag, name, value, text in order:
        page.keyboard.press("Tab")
        now = _focused(page)
        assert (now["tag"], now["name"]) == (tag, name), f"focus went to {now}, expected {tag} {name}"
        if tag == "select" and name in SELECTED:
            page.keyboard.type(SELECTED[name][0])
            assert _focused(page)["value"] == SELECTED[name][1]
        elif name in TYPED and not value:
            page.keyboard.type(TYPED[name])
        elif (name, value) in TICKED:
            page.keyboard.press("Space")
        if tag == "button":
            assert text.strip() == "Save profile"
            break
    visit.screenshot("person form filled")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".flash-success").inner_text() == "Profile saved."
    visit.check("person saved")
    assert page.locator("h1").inner_text().startswith("Amina R.")
    facts = page.locator("dl.facts").inner_text()
    assert (
        "kept the shopping accounts" in facts
        and "English, Arabic" in facts
        and "Manchester, up to 15 km" in facts
    )
    return page.url


def test_counsellor_registers_a_person_finds_and_proposes_a_placement(visit: Any) -> None:
    page = visit.page
    _sign_in_by_keyboard(visit)
    _register_by_keyboard(visit)

    with page.expect_navigation():
        page.get_by_role("link", name="Find work and placements").click()
    # her words are read in the background after the save: the page says so and refreshes itself
    page.locator("ol.matches > li.card").first.wait_for(timeout=180_000)
    shot = visit.check("matches")
    assert page.locator("ol.matches > li.card").count() >= 5, "the demo has work near Manchester"
    if os.environ.get("PATHWAYS_README_SCREENS"):
        keep_for_readme(visit.screenshot("matches viewport", full_page=False), "counsellor-matches")
    assert shot.is_file()

    page.get_by_label("Show").select_option("programme")
    page.get_by_label("Within (km)").fill("10")
    with page.expect_navigation():
        page.get_by_role("button", name="Apply filters").click()
    visit.check("placement programmes within 10 km")
    cards = page.locator("ol.matches > li.card")
    assert cards.count() >= 1
    assert cards.filter(has_text="Placement programme").count() == cards.count()
    programme = cards.first.locator("h2 a").inner_text()
    assert "km away" in cards.first.inner_text() and cards.first.locator("ul li").count() >= 1

    with page.expect_navigation():
        cards.first.get_by_role("button", name="Propose to Amina R.").click()
    assert "Proposed." in page.locator(".flash-success").inner_text()
    visit.check("board: proposed")
    proposal = page.locator("li.proposal", has_text="Amina R.")
    assert programme in proposal.inner_text()

    proposal.get_by_label("Next step").select_option("person_agreed")
    with page.expect_navigation():
        proposal.get_by_role("button", name="Record").click()
    visit.check("board: person agreed")
    proposal = page.locator("section.card", has_text="Person agreed").locator(
        "li.proposal", has_text="Amina R."
    )
    proposal.get_by_label("Next step").select_option("introduced")
    share = proposal.locator("input[name=share]")
    assert [share.nth(i).get_attribute("value") for i in range(share.count())] == ["pseudonym", "skills_text"]
    proposal.get_by_label("Name they use").check()  # only what Amina agreed to share is offered
    proposal.get_by_label("Skills").check()
    with page.expect_navigation():
        proposal.get_by_role("button", name="Record").click()
    assert page.locator(".flash-success").inner_text() == "Step recorded."
    visit.check("board: introduced")
    introduced = page.locator("section.card", has_text="Introduced")
    assert introduced.locator("li.proposal", has_text="Amina R.").count() == 1

    visit.goto("/counsellor", "caseload with the new person")
    row = page.locator("tr", has_text="Amina R.")
    assert (
        row.locator("td").nth(3).inner_text() == "1 (Introduced to employer)"
    )  # one open proposal, its step
    visit.assert_accessible()


def test_a_bad_person_form_lists_every_problem_and_saves_nothing(visit: Any) -> None:
    page = visit.page
    visit.login("counsellor.manchester")
    before = page.goto(visit.server.url + "/counsellor") and page.locator("tbody tr").count()
    visit.goto("/people/new", "register a person")
    page.get_by_label("Name to use").fill("Ben")
    page.get_by_label("Fewest hours a week").fill("40")
    page.get_by_label("Most hours a week").fill("20")
    with page.expect_navigation():
        page.get_by_role("button", name="Save profile").click()
    visit.check("person form with errors")
    summary = page.locator(".error-summary")
    assert summary.get_attribute("role") == "alert"
    text = summary.inner_text()
    for problem in ("What they can do", "Languages", "Locality", "Fewest hours a week"):  # the fields' labels
        assert problem in text, f"{problem!r} missing from the error summary: {text}"
    assert page.get_by_label("Name to use").input_value() == "Ben", "what was typed is kept"
    assert page.get_by_label("Fewest hours a week").get_attribute("aria-invalid") == "true"
    summary.get_by_role("link", name="Fewest hours a week", exact=False).click()
    assert _focused(page)["name"] == "min_hours_per_week", "the summary's link leads to the field"
    visit.goto("/counsellor", "caseload unchanged")
    assert page.locator("tbody tr").count() == before
    visit.assert_accessible()
