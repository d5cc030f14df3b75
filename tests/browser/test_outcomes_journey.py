"""Issue 20 as a counsellor and a manager see it, in the browser on the demo data.

A counsellor fills programme places by the number of people expected to be still employed at 6
months: the review page gives each pair its chance and its main reasons (the demo's synthetic
history is enough to learn from, so no fallback), moves one person to another programme and
proposes. The organisation's lead then runs a backtest and reads the estimates and the table by
group. Every page passes the accessibility check of the browser fixtures.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import keep_for_readme

pytestmark = pytest.mark.browser

COUNSELLOR = "counsellor.manchester"  # a counsellor and their organisation's lead


def test_counsellor_fills_places_by_expected_outcome_and_moves_a_person(visit: Any) -> None:
    page = visit.page
    visit.login(COUNSELLOR)
    visit.goto("/placements/cohort", "fill programme places")
    page.get_by_label("The number of people still employed after").check()
    page.locator("#horizon").select_option("6")
    with page.expect_navigation():
        page.get_by_role("button", name="Work out a proposal").click()
    page.get_by_role("heading", name="Review before proposing").wait_for(timeout=180_000)
    shot = visit.check("review by expected outcome")
    text = page.locator("main").inner_text()
    assert "Chance still employed" in text, "the demo history should be enough to learn from"
    assert re.search(r"\d+(\.\d+)?%", text), "each pair's chance is shown as a percentage"
    assert page.locator("#by-outcome .notice").count() == 0  # no fallback to the match score
    keep_for_readme(shot, "counsellor-by-outcome")

    moves = page.locator("select[name^='move-']")
    if moves.count():  # another programme with places for someone: move them there
        first = moves.first
        first.select_option(index=1)
    with page.expect_navigation():
        page.get_by_role("button", name="Propose the kept places").click()
    visit.check("proposed")
    assert "placement(s) proposed" in page.locator("main").inner_text() or "proposed" in page.content()


def test_lead_runs_a_backtest_and_reads_it_by_group(visit: Any) -> None:
    page = visit.page
    visit.login(COUNSELLOR)
    visit.goto("/placements/backtest", "backtest form")
    with page.expect_navigation():
        page.get_by_role("button", name="Run the backtest").click()
    page.get_by_role("heading", name="Backtest result").wait_for(timeout=180_000)
    shot = visit.check("backtest result")
    text = page.locator("main").inner_text()
    assert "Learned from" in text and "By group" in text
    assert page.locator("#rates tbody tr").count() >= 3  # what happened, IPS, doubly robust
    keep_for_readme(shot, "manager-backtest")
