"""A cooperative treasurer's main journey in the browser, on the demo data.

Try a savings and loans plan from the form's defaults, save it, start a second plan from
it with bigger monthly shares, save that, compare the two side by side, and download the
printable plan (PDF).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import Any

import pytest

from tests.browser.conftest import keep_for_readme

pytestmark = pytest.mark.browser

SHARE = "Monthly saving per member (share)"


def _chart_loaded(page: Any) -> bool:
    return bool(
        page.evaluate(
            "() => { const i = document.querySelector('img.chart');"
            " return i !== null && i.complete && i.naturalWidth > 0; }"
        )
    )


def _click(page: Any, role: str, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role(role, name=name, exact=True).first.click()


def test_treasurer_builds_and_compares_two_plans_and_downloads_the_pdf(visit: Any, tmp_path: Any) -> None:
    page = visit.page
    visit.login("treasurer.kathmandu")
    visit.check("cooperative home")
    _click(page, "link", "Plans")
    visit.check("plans")
    # the demo's plan from the books was saved the day of the meeting its name gives, not the day of loading
    row = page.locator("tr", has_text="From the books, ").first.inner_text()
    made = dt.date.fromisoformat(re.search(r"From the books, (\d{4}-\d{2}-\d{2})", row).group(1))
    assert f"{made:%b} {made.day}, {made.year}" in row, row
    _click(page, "link", "New savings and loans plan")
    visit.check("new savings and loans plan")
    share = float(page.get_by_label(SHARE).input_value())
    assert share > 0, "the form starts from the cooperative's own monthly share"

    _click(page, "button", "Try it")
    visit.check("plan tried")
    assert page.locator("h1").inner_text() == "Unsaved plan"
    assert page.locator("ul.plain-words li").count() >= 2, "the result is said in words"
    assert _chart_loaded(page)
    page.get_by_label("Plan name").fill("Steady shares")
    _click(page, "button", "Save this plan")
    assert page.locator(".flash-success").inner_text() == "Plan saved."
    visit.check("first plan saved")
    assert page.locator("h1").inner_text() == "Steady shares" and _chart_loaded(page)

    _click(page, "link", "Start a new plan from this one")
    visit.check("second plan form")
    assert float(page.get_by_label(SHARE).input_value()) == share, "the copy starts from the first plan"
    page.get_by_label(SHARE).fill(f"{share * 2:g}")
    page.get_by_label("Plan name (to save it)").fill("Bigger shares")
    _click(page, "button", "Save plan")
    visit.check("second plan saved")
    assert page.locator("h1").inner_text() == "Bigger shares"

    _click(page, "link", "Plans")
    visit.check("plans with two saved")
    page.get_by_label("Compare Steady shares").check()
    page.get_by_label("Compare Bigger shares").check()
    _click(page, "button", "Compare the ticked plans")
    shot = visit.check("plans compared")
    headers = page.locator("table thead th").all_inner_texts()
    assert sorted(headers[1:]) == ["Bigger shares", "Steady shares"]
    rows = page.locator("table tbody tr")
    assert rows.count() >= 4
    cells = [rows.nth(i).locator("td").all_inner_texts() for i in range(rows.count())]
    assert any(a != b for a, b in cells), "bigger shares change the figures"
    assert _chart_loaded(page)
    assert "Steady shares" in (page.locator("img.chart").get_attribute("alt") or "")
    if os.environ.get("PATHWAYS_README_SCREENS"):
        keep_for_readme(visit.screenshot("comparison viewport", full_page=False), "treasurer-plan-comparison")
    assert shot.is_file()

    _click(page, "link", "Bigger shares")
    visit.check("second plan")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the printable plan (PDF)").click()
    download = download_info.value
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.suffix == ".pdf"
    data = saved.read_bytes()
    assert data.startswith(b"%PDF-") and len(data) > 2000
    visit.assert_accessible()


def test_a_plan_with_a_bad_value_says_what_to_fix(visit: Any) -> None:
    page = visit.page
    visit.login("treasurer.kathmandu")
    visit.goto("/coop/plans", "plans")
    saved_before = page.locator("table tbody tr").count()  # the demo's plan from the books, if any
    _click(page, "link", "New savings and loans plan")
    page.get_by_label(SHARE).fill("-5")
    _click(page, "button", "Try it")
    visit.check("plan form with an error")
    assert page.locator(".error-summary").count() == 1
    assert page.get_by_label(SHARE).get_attribute("aria-invalid") == "true"
    visit.goto("/coop/plans", "no new plan saved")
    assert page.locator("table tbody tr").count() == saved_before
    visit.assert_accessible()
