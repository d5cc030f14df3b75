"""Fixtures for the browser tests: Debian's headless Chromium driven by Playwright.

The app is served by a real WSGI server (werkzeug, threaded) in a background thread, on a
private copy of an SQLite database that holds the real demo data (``datasets/demo``) with
its vacancies screened; the copy is made per test because the journeys change it.

Every page a journey visits goes through :meth:`Visit.check`: the server must have
answered without an error, the page must pass axe-core's WCAG 2.0/2.1 A and AA rules,
and a full-page screenshot is written to ``test-artifacts/screenshots/<test>/`` (kept out
of the repository by ``.gitignore``).

Without ``/usr/bin/chromium`` these tests skip with a reason, except in CI (``CI`` set),
where ``.ci/run`` installs it and a missing browser fails the run.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import BaseWSGIServer, make_server

from tests.web.conftest import TEST_KEYRING, finish_jobs, make_test_app
from web.storage import make_engine, make_sessionmaker, upgrade
from web.storage.crypto import install_keyring
from web.storage.demo_data import DEMO_DIR, DEMO_PASSWORD, load_demo

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("PATHWAYS_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
README_SCREENS = ROOT / "docs" / "img" / "screens"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 900}
#: axe-core rule tags for WCAG 2.0 and 2.1, levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: The plan pages simulate this many futures (the default is 1,000), to keep the suite quick.
PLAN_RUNS = 200


@pytest.fixture(scope="session")
def chromium_executable() -> Path:
    """Debian's Chromium, or a skip outside CI (a failure in CI, where .ci/run installs it)."""
    if not CHROMIUM.is_file():
        reason = (
            f"Chromium not found at {CHROMIUM}; install it with: apt-get install chromium chromium-driver"
        )
        if os.environ.get("CI"):
            pytest.fail(reason + " (.ci/run should have installed it)")
        pytest.skip(reason)
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_executable: Path) -> Iterator[Any]:
    """One headless Chromium for the whole run (never a downloaded browser build)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(chromium_executable), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def axe_script() -> str:
    """The axe-core script shipped by the ``axe-playwright-python`` package."""
    try:
        from axe_playwright_python.base import AXE_SCRIPT
    except ImportError:
        reason = "axe-core is not installed: pip install axe-playwright-python (a dev dependency)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return AXE_SCRIPT


@pytest.fixture(scope="session")
def screener(encoder: Any) -> Any:
    """The vacancy screener (the demo's and the upload page's), sharing the run's encoder."""
    from matcher.screening import Screener

    return Screener(encoder=encoder).fit()


@pytest.fixture(scope="session")
def browser_demo_template(tmp_path_factory: pytest.TempPathFactory, screener: Any, encoder: Any) -> Path:
    """An SQLite file with the real demo loaded and prepared as ``pathways demo`` does, built once per run."""
    from web.matching.preparation import prepare_people, prepare_postings
    from web.matching.vectors import Keys

    path = tmp_path_factory.mktemp("browser-demo") / "demo.sqlite3"
    install_keyring(TEST_KEYRING)
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    quiet = lambda *_args, **_kw: None  # noqa: E731 - no job to report progress to
    with make_sessionmaker(engine)() as db:
        load_demo(db, DEMO_DIR)
        db.commit()
        prepare_postings(db, lambda: encoder, lambda: screener, Keys.for_ring(TEST_KEYRING), quiet)
        prepare_people(db, lambda: encoder, Keys.for_ring(TEST_KEYRING), progress=quiet)
    engine.dispose()
    return path


@dataclass
class LiveServer:
    """The app served over HTTP on 127.0.0.1 at ``url``."""

    app: Flask
    url: str


@pytest.fixture()
def live_server(
    browser_demo_template: Path, tmp_path: Path, encoder: Any, screener: Any
) -> Iterator[LiveServer]:
    """The app on a private copy of the demo database, served by werkzeug in a background thread."""
    db_file = tmp_path / "app.sqlite3"
    shutil.copy(browser_demo_template, db_file)
    app = make_test_app(
        f"sqlite:///{db_file}",
        tmp_path / "instance",
        COOP_PLAN_RUNS=PLAN_RUNS,
        SECOND_FACTOR_ROLES=("admin",),  # as deployed: the admin's journey enrols a second factor
    )
    app.extensions["pathways.encoder"] = encoder
    app.extensions["pathways.screener"] = screener
    server: BaseWSGIServer = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="pathways-live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(app=app, url=f"http://127.0.0.1:{server.server_port}")
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        finish_jobs(app)
        app.extensions["pathways.engine"].dispose()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80]


@dataclass
class Visit:
    """A browser tab on the live server, with the checks every visited page goes through."""

    page: Any
    server: LiveServer
    axe_script: str
    folder: Path
    shots: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def goto(self, path: str, name: str | None = None, status: int = 200) -> Any:
        """Open ``path``, check the answer's status, then :meth:`check` the page."""
        response = self.page.goto(self.server.url + path)
        assert response is not None and response.status == status, (path, response and response.status)
        return self.check(name or path)

    def login(self, username: str, password: str = DEMO_PASSWORD) -> None:
        """Sign in through the form, as a person would."""
        self.page.goto(self.server.url + "/auth/login")
        self.page.get_by_label("Username").fill(username)
        self.page.get_by_label("Password").fill(password)
        with self.page.expect_navigation():
            self.page.get_by_role("button", name="Sign in").click()
        assert "/auth/login" not in self.page.url, f"sign-in as {username} failed"

    def enrol_second_factor(self, password: str = DEMO_PASSWORD) -> str:
        """On the two-step sign-in page: put the key in an "app" (pyotp), give the password and a code."""
        import pyotp

        assert "/auth/totp/setup" in self.page.url, f"not on the enrolment page: {self.page.url}"
        secret = self.page.locator("input[name='secret']").get_attribute("value")
        assert secret, "no key on the enrolment page"
        self.page.get_by_label("Your password").fill(password)
        self.page.get_by_label("Code the app shows now").fill(pyotp.TOTP(secret).now())
        with self.page.expect_navigation():
            self.page.get_by_role("button", name="Turn on two-step sign-in").click()
        assert self.page.get_by_text("Two-step sign-in is on").count() > 0, "enrolment failed"
        return str(secret)

    def check(self, name: str) -> Path:
        """Screenshot the page and run axe-core on it; accessibility problems fail the test at the end."""
        self.page.wait_for_load_state("load")
        self.screenshot(name)
        for problem in self.accessibility_problems():
            self.problems.append(f"{name} ({self.page.url}): {problem}")
        return self.shots[-1]

    def screenshot(self, name: str, full_page: bool = True) -> Path:
        """A screenshot (the whole page, or what the 1280x900 window shows), numbered in visit order."""
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{len(self.shots) + 1:02d}-{_slug(name)}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        self.shots.append(path)
        return path

    def accessibility_problems(self) -> list[str]:
        """axe-core's WCAG 2.0/2.1 A and AA violations on the current page, one line each."""
        self.page.evaluate(self.axe_script)
        options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
        results = self.page.evaluate("options => axe.run(document, options)", options)
        return [
            f"{v['id']} ({v['impact']}): {v['help']}; at "
            + ", ".join(f"{' '.join(n['target'])} {n['html'][:120]}" for n in v["nodes"][:5])
            for v in results["violations"]
        ]

    def assert_accessible(self) -> None:
        """Fail with every axe-core violation met on the visited pages."""
        assert not self.problems, "axe-core WCAG 2.1 AA violations:\n" + "\n".join(self.problems)


def _console_error(message: Any, errors: list[str]) -> None:
    """Script errors and CSP refusals; failed loads are judged by :func:`_failed_resource`."""
    if message.type == "error" and not message.text.startswith("Failed to load resource"):
        errors.append(message.text)


def _failed_resource(response: Any, errors: list[str]) -> None:
    """A server error on anything, or a stylesheet, image or script that did not load."""
    if response.url.endswith("/favicon.ico"):  # asked for by the browser itself, not by a page
        return
    if response.status >= 500 or (response.status >= 400 and response.request.resource_type != "document"):
        errors.append(f"{response.status} {response.request.method} {response.url}")


@pytest.fixture()
def visit(
    browser: Any, live_server: LiveServer, axe_script: str, request: pytest.FixtureRequest
) -> Iterator[Visit]:
    """A fresh browser context (no cookies) on the live server; checks accessibility at the end."""
    context = browser.new_context(viewport=VIEWPORT, base_url=live_server.url, accept_downloads=True)
    context.set_default_timeout(30_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: _console_error(msg, errors))
    page.on("response", lambda response: _failed_resource(response, errors))
    folder = SCREENSHOTS / _slug(request.node.name)
    shutil.rmtree(folder, ignore_errors=True)
    tab = Visit(page=page, server=live_server, axe_script=axe_script, folder=folder)
    try:
        yield tab
    finally:
        context.close()
    assert not errors, "the browser reported errors (scripts, CSP, failed loads):\n" + "\n".join(errors)
    tab.assert_accessible()


def keep_for_readme(shot: Path, name: str) -> Path:
    """Copy a screenshot to ``docs/img/screens/<name>.png`` for the README."""
    README_SCREENS.mkdir(parents=True, exist_ok=True)
    target = README_SCREENS / f"{name}.png"
    shutil.copyfile(shot, target)
    return target
