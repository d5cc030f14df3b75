"""Accessibility (WCAG 2.1 AA, checked by axe-core) of every main page of each role, on the demo data.

Each role signs in and opens every page of its menu, then the pages reached from them
(a person, their matches, a vacancy, a plan form); the ``visit`` fixture runs axe-core on
each page and fails the test on any WCAG 2.0/2.1 A or AA violation. Focus must be visible
and the skip link must lead to the main content (WCAG 2.4.1, 2.4.7).
"""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def _menu(visit: Any) -> list[tuple[str, str]]:
    links = visit.page.locator("nav[aria-label='Main'] a")
    return [(links.nth(i).inner_text(), links.nth(i).get_attribute("href")) for i in range(links.count())]


def _first_href(visit: Any, selector: str) -> str:
    href = visit.page.locator(selector).first.get_attribute("href")
    assert href, f"no link matches {selector} on {visit.page.url}"
    return str(href)


def _counsellor_pages(visit: Any) -> None:
    visit.goto("/counsellor", "caseload")
    person = _first_href(visit, "table a[href^='/people/']")
    visit.goto(person, "person")
    visit.goto(person + "/edit", "person edit")
    visit.goto(person + "/esco", "esco skills and occupations")
    visit.goto(person + "/matches", "matches")
    vacancy = _first_href(visit, "ol.matches a[href^='/vacancies/']")
    visit.goto(vacancy, "vacancy")
    visit.goto("/placements/outcomes", "outcomes")
    visit.goto("/vacancies/review", "safety review queue")


def _employer_pages(visit: Any) -> None:
    visit.goto("/employer", "vacancies")
    visit.goto(_first_href(visit, "main a[href^='/vacancies/'][href$='/edit']"), "vacancy edit")
    visit.goto("/vacancies/programmes/new", "new programme")
    visit.goto("/placements/outcomes", "outcomes")


def _treasurer_pages(visit: Any) -> None:
    visit.goto("/coop/plans", "plans")
    savings, threex6 = (
        _first_href(visit, f"a[href$='/plans/new/{kind}']") for kind in ("cooperative", "3x6")
    )
    visit.goto(savings, "new savings plan")
    visit.goto(threex6, "new 3x6 plan")


def _admin_pages(visit: Any) -> None:
    visit.goto("/admin/users/", "users")
    visit.goto(_first_href(visit, "main a[href^='/admin/users/'][href$='1']"), "user detail")


ROLES = [
    ("counsellor.manchester", _counsellor_pages),
    ("employer.coop-retail", _employer_pages),
    ("treasurer.kathmandu", _treasurer_pages),
    ("member1.addis", None),
    ("admin", _admin_pages),
]


@pytest.mark.parametrize(("username", "more_pages"), ROLES, ids=[r[0] for r in ROLES])
def test_every_main_page_of_a_role_meets_wcag_aa(visit: Any, username: str, more_pages: Any) -> None:
    visit.goto("/auth/login", "sign in")
    visit.login(username)
    if username == "admin":  # an administrator must set up two-step sign-in first (docs/security.md)
        visit.check("two-step sign-in required")
        visit.enrol_second_factor()
        visit.goto("/", "home")
    visit.check("home")
    menu = _menu(visit)
    assert menu, f"{username} sees no menu"
    for label, href in menu:
        visit.goto(href, label)
        assert visit.page.locator("nav[aria-label='Main'] a[aria-current='page']").count() <= 1
    if more_pages is not None:
        more_pages(visit)
    visit.assert_accessible()


def test_error_pages_and_the_signed_out_home_meet_wcag_aa(visit: Any) -> None:
    visit.goto("/auth/login", "sign in")
    visit.goto("/no-such-page", "not found", status=404)
    visit.goto("/people/new", "sign in first")  # redirected to the sign-in page
    assert "/auth/login" in visit.page.url
    visit.assert_accessible()


def test_the_axe_check_finds_a_missing_label(visit: Any) -> None:
    visit.page.set_content("<html lang='en'><title>t</title><main><input id='x'></main></html>")
    assert [p.split(" ")[0] for p in visit.accessibility_problems()] == ["label"]


def test_skip_link_and_visible_focus(visit: Any) -> None:
    visit.goto("/auth/login", "sign in")
    visit.login("counsellor.manchester")
    visit.goto("/counsellor", "caseload")
    page = visit.page
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Skip to content"
    assert skip.is_visible() and skip.bounding_box()["x"] >= 0, "the skip link must show when focused"
    visit.screenshot("skip link focused")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    for _ in range(3):
        page.keyboard.press("Tab")
        style = page.evaluate(
            "() => { const s = getComputedStyle(document.activeElement);"
            " return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }"
        )
        assert style[0] != "none" and style[1] != "0px", f"focus not visible on {page.locator(':focus')}"
        assert style[2] != "none", "the focus ring has a dark edge, to show on light and dark (WCAG 1.4.11)"
    visit.assert_accessible()
