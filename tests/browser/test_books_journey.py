"""Issue 17 in the browser, on the demo data: the treasurer writes a meeting in the books, sees the plan
against what happened, and a member reads their own passbook (and nobody else's).

With ``PATHWAYS_README_SCREENS=1`` the screenshots are copied to ``docs/img/screens/`` for
docs/cooperatives.md.
"""

from __future__ import annotations

import os
import re
from typing import Any

import pytest

from tests.browser.conftest import keep_for_readme

pytestmark = pytest.mark.browser


def _click(page: Any, role: str, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role(role, name=name, exact=True).first.click()


def _savings(page: Any) -> int:
    """The group's members' savings as the books page says them, in whole rupees."""
    text = page.locator("main").inner_text().replace("\xa0", " ")
    found = re.search(r"Members' savings\D*([\d,]+)", text)
    assert found, text[:400]
    return int(found.group(1).replace(",", ""))


def _chart_loaded(page: Any) -> bool:
    return bool(
        page.evaluate(
            "() => { const i = document.querySelector('#plan-chart');"
            " return i !== null && i.complete && i.naturalWidth > 0; }"
        )
    )


def _keep(visit: Any, name: str) -> None:
    if os.environ.get("PATHWAYS_README_SCREENS"):
        keep_for_readme(visit.screenshot(f"{name} viewport", full_page=False), name)


def test_a_meeting_goes_into_the_books_and_a_member_reads_their_own_passbook(visit: Any) -> None:
    page = visit.page
    visit.login("treasurer.kathmandu")
    visit.goto("/coop/", "group page")
    _click(page, "link", "Books")
    visit.check("books with the plan against what happened")
    assert page.get_by_text("The plan against what happened").count() == 1
    assert _chart_loaded(page), "the fan chart with the actual line is drawn"
    said = page.locator("main").inner_text()
    assert "90% band" in said
    band = said.split("90% band (")[1].split(")")[0]  # whole rupees, as the books' figure: not to the paisa
    assert re.fullmatch(r"NPR\W?[\d,]+ to NPR\W?[\d,]+", band), band
    _keep(visit, "treasurer-books")
    before = _savings(page)

    _click(page, "link", "Record a meeting")
    visit.check("meeting form")
    page.locator("#f-attendance-0").select_option("present")
    page.locator("#f-savings-0").fill("500")
    page.locator("#f-attendance-1").select_option("present")
    page.locator("#f-savings-1").fill("seven")  # a mistake the form must explain, keeping what was typed
    _click(page, "button", "Write in the books")
    visit.check("meeting form with a mistake")
    assert page.locator("#f-savings-1").get_attribute("aria-invalid") == "true"
    assert page.locator("#f-savings-0").input_value() == "500"
    page.locator("#f-savings-1").fill("250")
    _click(page, "button", "Write in the books")
    visit.check("books after the meeting")
    assert "written in the books" in page.locator(".flash-success").inner_text()
    assert _savings(page) == before + 750

    _click(page, "button", "Sign out")
    visit.login("member1.kathmandu")
    visit.goto("/coop/", "member's group page")
    _click(page, "link", "Books")
    visit.check("member's view of the books")
    assert "Every passbook" not in page.locator("main").inner_text()
    _click(page, "link", "My passbook")
    visit.check("member's own passbook")
    text = page.locator("main").inner_text()
    assert "kamala-g" in text and "Every passbook" not in text
    _keep(visit, "member-passbook")
    other = page.url.split("?")[0] + "?member=maya-t"
    page.goto(other)
    assert "maya-t" not in page.locator("main").inner_text(), "a member reads no one else's passbook"
    visit.assert_accessible()
