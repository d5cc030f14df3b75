"""Cold start as a new user meets it: the first pages after ``make run``, old code beside new, in one run.

    .venv/bin/python bench/cold_start.py                     # old = git merge-base with main, new = this tree
    .venv/bin/python bench/cold_start.py --old <rev> --skip-market
    .venv/bin/python bench/cold_start.py --only new          # just this tree

For each version, in a fresh instance folder (empty database and embedding cache, as on a
new machine): ``pathways demo`` (timed), then ``pathways serve`` on ``--port``; from the
moment the server answers, a counsellor (``counsellor.manchester``) signs in and opens the
matches page of the first person in their caseload (cold start), and runs "Fill programme
places" twice. Then (with ESCO) the Kathmandu counsellor opens the matches of the demo's
Nepali speaker until they are read through ESCO: the page no longer says ESCO is still
loading, nor that her words are being read. Then the first counsellor opens the
labour-market map of the first locality and "what would unlock more work" for that person.
A page that says it is still preparing (the new code) is read again until it is complete,
and the time until then is the figure; the new code's map and unlock pages are then timed
again once everything is prepared (median of 3). The old code is exported from git (``git
archive``) into a temporary folder and run from there with the same virtual environment.
Loopback only; bounded by ``--timeout`` per step.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import requests  # noqa: E402
from _machine import describe  # noqa: E402
from _trees import add_old_argument, export  # noqa: E402

USER, PASSWORD = "counsellor.manchester", "pathways-demo-2026"
#: the ``pathways`` entry point as the tree has it (``cli`` since issue 21; ``web.cli`` before)
CLI = (
    "import importlib.util as u; "
    "__import__('cli' if u.find_spec('cli') else 'web.cli', fromlist=['main']).main()"
)
WORKING = ("Working on it", 'http-equiv="refresh"')
#: the demo's Nepali speaker (``ktm-28``), whose words are read through ESCO's occupations
NEPALI_COUNSELLOR, NEPALI_PERSON = "counsellor.kathmandu", "Sunita M."
ESCO_LOADING = "which this server is still loading"
NEPALI_STEP = "answering -> a Nepali speaker's matches read through ESCO"


class StepTimeout(Exception):
    """A step did not finish within the time allowed."""


def _env(code: Path, instance: Path, esco: str | None) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "PATHWAYS_DATA_KEYS")
    }
    env |= {"PYTHONPATH": str(code), "PATHWAYS_INSTANCE": str(instance), "HF_HUB_OFFLINE": "1"}
    env |= {"TRANSFORMERS_OFFLINE": "1", "ESCO_DIR": esco or ""}
    return env


def _poll(fetch: Callable[[], requests.Response], timeout: float) -> tuple[float, requests.Response]:
    """Fetch until the page no longer says it is working or preparing; seconds taken and the last page."""
    start = time.monotonic()
    while True:
        page = fetch()
        if page.status_code >= 500:
            raise StepTimeout(f"the server answered {page.status_code}")
        if not any(w in page.text for w in WORKING):
            return time.monotonic() - start, page
        if time.monotonic() - start > timeout:
            raise StepTimeout(f"still working after {timeout:.0f} s")
        time.sleep(0.5)


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    if found is None:
        raise RuntimeError("no CSRF token on the page")
    return found[1]


class Visit:
    """One counsellor's browser session against a server."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.http = requests.Session()

    def get(self, path: str) -> requests.Response:
        return self.http.get(self.base + path, timeout=3600)

    def post(self, path: str, form: dict[str, str], page: str) -> requests.Response:
        token = _csrf(self.get(page).text)
        return self.http.post(self.base + path, data={**form, "csrf_token": token}, timeout=3600)

    def follow(self, response: requests.Response, timeout: float) -> float:
        """Read the page a form led to (redirects are followed) until it is complete."""
        path = response.url.removeprefix(self.base)
        seconds, _page = _poll(lambda: self.get(path), timeout)
        return seconds


def _timed(figures: dict[str, Any], name: str, step: Callable[[], float | None]) -> None:
    start = time.monotonic()
    try:
        extra = step()
        figures[name] = time.monotonic() - start if extra is None else extra
    except StepTimeout as exc:
        figures[name] = f"> {time.monotonic() - start:.0f} s ({exc})"


def run(
    name: str, code: Path, workdir: Path, port: int, esco: str | None, timeout: float, market: bool
) -> dict:
    """Every figure for one version of the code."""
    instance = workdir / f"instance-{name}"
    env = _env(code, instance, esco)
    python = str(ROOT / ".venv" / "bin" / "python")
    figures: dict[str, Any] = {}
    start = time.monotonic()
    subprocess.run([python, "-c", CLI, "demo"], cwd=code, env=env, check=True, capture_output=True)
    figures["pathways demo (fresh instance)"] = time.monotonic() - start
    start = time.monotonic()
    server = subprocess.Popen(
        [python, "-c", CLI, "serve", "--port", str(port)],
        cwd=code,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        while True:
            try:
                if requests.get(base + "/auth/login", timeout=5).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            if server.poll() is not None:
                raise RuntimeError(f"{name}: the server stopped")
            time.sleep(0.2)
        figures["server start, until it answers"] = time.monotonic() - start
        answered = time.monotonic()
        visit = Visit(base)
        visit.post("/auth/login", {"username": USER, "password": PASSWORD}, "/auth/login")
        person = re.findall(r'href="/people/(\d+)"', visit.get("/").text)[0]
        matches = f"/people/{person}/matches"

        def first_matches() -> float:
            start = time.monotonic()
            _poll(lambda: visit.get(matches), timeout)
            figures["first matches page alone (from its request)"] = time.monotonic() - start
            return time.monotonic() - answered

        _timed(figures, "cold start: answering -> first matches page (sign-in included)", first_matches)
        _timed(figures, "the same matches page again", lambda: _poll(lambda: visit.get(matches), timeout)[0])
        for label in ("first 'Fill programme places'", "second 'Fill programme places'"):
            form = {"method": "optimal", "min_score": ""}

            def cohort(form: dict[str, str] = form) -> float:
                start = time.monotonic()
                visit.follow(visit.post("/placements/cohort", form, "/placements/cohort"), timeout)
                return time.monotonic() - start

            _timed(figures, label, cohort)
        figures["server memory after these pages (RSS)"] = _rss(server.pid)
        if esco:
            _timed(figures, NEPALI_STEP, lambda: _words_in_nepali(base, answered, timeout))
        if market and esco:
            _market(figures, visit, person, timeout, new=name == "new")
            figures["server memory at the end (RSS)"] = _rss(server.pid)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    return figures


def _words_in_nepali(base: str, answered: float, timeout: float) -> float:
    """Seconds from the server answering until a Nepali speaker's matches are read through ESCO.

    Until then the page says ESCO is still loading (her words misread by the English model),
    then that her words are being read again.
    """
    visit = Visit(base)
    visit.post("/auth/login", {"username": NEPALI_COUNSELLOR, "password": PASSWORD}, "/auth/login")
    found = re.search(rf'href="/people/(\d+)"[^>]*>\s*{re.escape(NEPALI_PERSON)}\s*<', visit.get("/").text)
    if found is None:
        raise StepTimeout(f"{NEPALI_PERSON} is not in {NEPALI_COUNSELLOR}'s caseload")
    matches = f"/people/{found[1]}/matches"
    while True:
        page = visit.get(matches)
        if page.status_code != 200:
            raise StepTimeout(f"the matches page answered {page.status_code}")
        if ESCO_LOADING not in page.text and not any(w in page.text for w in WORKING):
            return time.monotonic() - answered
        if time.monotonic() - answered > timeout:
            raise StepTimeout(f"still not read through ESCO after {timeout:.0f} s")
        time.sleep(2)


def _market(figures: dict[str, Any], visit: Visit, person: str, timeout: float, new: bool) -> None:
    start_page = visit.get("/market/").text
    locality = re.findall(r'<option value="([^"]+)">', start_page)[0]

    def open_map() -> float:
        start = time.monotonic()
        response = visit.post("/market/", {"locality": locality, "level": ""}, "/market/")  # and its redirect
        if response.status_code != 200:
            raise StepTimeout(f"the map answered {response.status_code}")
        if new:
            figures["map: first answer (may say 'still being prepared')"] = time.monotonic() - start
        visit.follow(response, timeout)
        return time.monotonic() - start

    _timed(figures, "map: until complete (old: its job; new: the background preparation)", open_map)
    unlock = f"/market/unlock/{person}"
    _timed(
        figures,
        "unlock: until complete",
        lambda: visit.follow(visit.post(unlock, {}, f"/people/{person}"), timeout),
    )
    if new:
        for label, path in (("map", f"/market/map?locality={locality}&level="), ("unlock", unlock)):
            times = []
            for _ in range(3):
                start = time.monotonic()
                page = visit.get(path)
                times.append(time.monotonic() - start)
                assert page.status_code == 200 and 'http-equiv="refresh"' not in page.text
            figures[f"{label} page once prepared (median of 3)"] = statistics.median(times)


def _rss(pid: int) -> str:
    """The resident memory of a process, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return f"{int(line.split()[1]) / 1024:.0f} MiB"
    return "?"


def _shown(value: Any) -> str:
    return f"{value:.2f} s" if isinstance(value, float) else str(value or "-")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add_old_argument(parser)
    parser.add_argument("--only", choices=("old", "new"), help="run only one version")
    parser.add_argument("--port", type=int, default=5004)
    default_esco = ROOT.parent / "shared" / "datasets" / "esco"
    parser.add_argument("--esco", default=str(default_esco) if default_esco.is_dir() else None)
    parser.add_argument("--skip-market", action="store_true", help="leave out the map and unlock pages")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds allowed per step")
    args = parser.parse_args()
    print(describe())
    print(f"old = {args.old[:12]}, new = this working tree; ESCO: {args.esco or 'not set'}")
    results: dict[str, dict[str, Any]] = {}
    workdir = Path(tempfile.mkdtemp(prefix="pathways-cold-"))
    try:
        for name, rev in (("old", args.old), ("new", "WORKTREE")):
            if args.only not in (None, name):
                continue
            code = export(rev, workdir / f"code-{name}")
            results[name] = run(name, code, workdir, args.port, args.esco, args.timeout, not args.skip_market)
            print(f"{name}: done", flush=True)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    names = list(results)
    rows = list(dict.fromkeys(k for r in results.values() for k in r))
    print("\n| step | " + " | ".join(names) + " |")
    print("|---|" + "---:|" * len(names))
    for row in rows:
        print(f"| {row} | " + " | ".join(_shown(results[n].get(row)) for n in names) + " |")


if __name__ == "__main__":
    main()
