"""A phone, 375 px wide (issue 16, item 15): the menu folds behind a button and no page scrolls sideways.

Each role's main pages are opened in Chromium at 375 x 812; the page may be as wide as the screen and
no wider (a wide table scrolls inside itself), and every page is screenshotted (test-artifacts/) and
checked by axe-core like the others.
"""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}


def _no_sideways_scroll(visit: Any, name: str) -> None:
    visit.check(f"phone {name}")
    width = visit.page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name} is {width} px wide on a {PHONE['width']} px screen"


def _menu_folds(visit: Any) -> None:
    page = visit.page
    nav = page.locator("nav[aria-label='Main']")
    toggle = page.get_by_role("button", name="Menu")
    assert toggle.is_visible() and nav.is_hidden(), "on a phone the menu starts folded"
    toggle.click()
    assert nav.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    visit.screenshot("phone menu open", full_page=False)
    toggle.click()
    assert nav.is_hidden()


PAGES = {
    "counsellor.manchester": ["/counsellor", "/placements/", "/vacancies/review", "/market/"],
    "employer.coop-retail": ["/employer", "/placements/introductions", "/vacancies/upload"],
    "treasurer.kathmandu": ["/coop/plans"],
}


@pytest.mark.parametrize("username", list(PAGES))
def test_pages_fit_a_phone(visit: Any, username: str) -> None:
    visit.page.set_viewport_size(PHONE)
    visit.goto("/auth/login", "phone sign in")
    assert visit.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    visit.login(username)
    _menu_folds(visit)
    for path in PAGES[username]:
        visit.page.goto(visit.server.url + path)
        _no_sideways_scroll(visit, path)
    if username.startswith("counsellor"):
        visit.page.goto(visit.server.url + "/counsellor")
        person = visit.page.locator("table a[href^='/people/']").first.get_attribute("href")
        for path in (person, f"{person}/matches"):
            visit.page.goto(visit.server.url + str(path))
            _no_sideways_scroll(visit, str(path))
        table = visit.page.evaluate("document.documentElement.scrollWidth")
        assert table <= PHONE["width"]
    visit.assert_accessible()


def test_the_menu_stays_open_on_a_wide_screen(visit: Any) -> None:
    visit.goto("/auth/login", "sign in")
    visit.login("counsellor.manchester")
    assert visit.page.locator("nav[aria-label='Main']").is_visible()
    assert visit.page.get_by_role("button", name="Menu").is_hidden()
