"""Every page's header: a compact language switch, the role said once, a favicon (issue 16, item 17)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

DEMO_USERS = Path(__file__).resolve().parents[2] / "datasets" / "demo" / "users.csv"
ROLE_WORDS = {
    "counsellor": ("counsellor", "counselor"),
    "employer": ("employer",),
    "coop_member": ("member",),
    "coop_treasurer": ("treasurer",),
    "admin": ("administrator", "admin"),
}


def _header(page: str) -> str:
    return page[page.index('<header class="site-header">') : page.index("</header>")]


@pytest.mark.parametrize(
    ("username", "path", "role"),
    [("counsellor.a", "/counsellor", "Job counsellor"), ("employer.a", "/employer", "Employer"),
     ("treasurer.a", "/cooperative", "Trésorier ou trésorière de la coopérative"),
     ("admin.a", "/admin", "Administrator")],
)  # fmt: skip
def test_the_header_says_the_role_once_and_switches_language_in_one_click(
    client, auth, username: str, path: str, role: str
) -> None:
    auth.login(username)
    page = client.get(path).data.decode()
    header = _header(page)
    assert header.count(role) == 1, header
    assert "<select" not in page.split("</main>")[1] and 'id="language-switch"' not in page
    switch = header[header.index('class="language-switch"') :]
    buttons = re.findall(r'<button type="submit" name="language" value="(\w+)"', switch)
    current = re.findall(r'class="current-language" lang="(\w+)"', switch)
    assert len(current) == 1 and sorted(buttons + current) == ["en", "es", "fr"]
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page


def test_signed_out_pages_have_the_switch_too(client) -> None:
    page = client.get("/auth/login").data.decode()
    assert 'name="language" value="es"' in _header(page)


def test_the_favicon_is_served(client) -> None:
    icon = client.get("/static/favicon.svg")
    assert icon.status_code == 200 and icon.mimetype == "image/svg+xml" and b"<svg" in icon.data
    assert client.get("/favicon.ico").headers["Location"].endswith("/static/favicon.svg")


def test_demo_display_names_do_not_repeat_the_role() -> None:
    with DEMO_USERS.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = row["display_name"].casefold()
            assert not any(word in name for word in ROLE_WORDS[row["role"]]), row
