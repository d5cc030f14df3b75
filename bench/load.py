"""Load on a served demo: simulated users, a large import while people browse, refused uploads.

    .venv/bin/python bench/load.py                      # everything: ~20 minutes on 2 busy cores
    .venv/bin/python bench/load.py --scenario browse --engines sqlite --users 20 --duration 30

Loopback only (127.0.0.1), bounded in time and requests. For each database engine
(SQLite, and PostgreSQL at ``PATHWAYS_BENCH_POSTGRES_URL`` when it answers) a fresh demo is
loaded (``pathways init-db`` and ``pathways demo`` into a temporary instance), then served by
``pathways serve`` in each server setup: the old one (waitress, one process, 8 threads) and the
new one (gunicorn, worker processes from the cores). Scenarios:

- ``browse``: ``--users`` simulated people for ``--duration`` seconds, each following a
  counsellor's, employer's or cooperative treasurer's sequence of pages with 2 to 8 s of think
  time between pages. Errors (status >= 500, or no answer within 60 s) and p50/p95/p99 overall
  and per page; the matches page is reported on its own. Before the measured minute every page
  (each person's matches included) is visited once, unmeasured: the first, cold visits (encoding)
  are another benchmark's business.
- ``import``: an employer uploads 5,000 valid vacancies (a background job) while 20 people
  browse; the import's time, the readers' p95 and every failed request.
- ``refuse``: how long a 100,000-row file (1.4 MB of short bad rows) and a 50 MB file take to
  be refused, through the API and the upload page.

Sign-in attempts are not rate-limited in the benchmark's instance (``LOGIN_RATE_LIMIT``), as
every simulated person signs in from the same address.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _machine import describe  # noqa: E402

PATHWAYS = Path(sys.executable).with_name("pathways")
PASSWORD = "pathways-demo-2026"
HOST = "127.0.0.1"
POSTGRES = os.environ.get("PATHWAYS_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
SERVERS = {
    "waitress (old: 1 process x 8 threads)": ["--server", "waitress", "--threads", "8"],
    "gunicorn (new: workers from the cores)": ["--server", "gunicorn"],
}
COUNSELLORS = [
    "counsellor.manchester",
    "counsellor2.manchester",
    "counsellor.kathmandu",
    "counsellor2.kathmandu",
]
COUNSELLORS.append("counsellor.addis")
EMPLOYERS = ["employer.coop-retail", "employer.northway", "employer.tesfa-paper", "employer.bridgewater"]
EMPLOYERS += ["employer.himalaya-hotel", "employer.abay-garment"]
TREASURERS = ["treasurer.kathmandu", "treasurer.addis"]
REQUEST_TIMEOUT_S = 60
MAX_REQUESTS = 20_000  # a hard bound on any one scenario


# ---------------------------------------------------------------- HTTP, as a browser would


class Browser:
    """One person's browser: a keep-alive connection to the loopback server and a cookie."""

    def __init__(self, port: int, timeout: float = REQUEST_TIMEOUT_S) -> None:
        self.port = port
        self.timeout = timeout
        self.cookie = ""
        self.conn: http.client.HTTPConnection | None = None

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, bytes, dict[str, str]]:
        """Send one request (reconnecting once if the kept-alive connection was closed)."""
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
            sent = {**(headers or {}), **({"Cookie": self.cookie} if self.cookie else {})}
            try:
                self.conn.request(method, path, body=body, headers=sent)
                response = self.conn.getresponse()
                data = response.read()
            except (ConnectionError, http.client.RemoteDisconnected, http.client.CannotSendRequest):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
                continue
            for name, value in response.getheaders():
                if name.lower() == "set-cookie" and value.startswith("pathways_session="):
                    self.cookie = value.split(";", 1)[0]
            if response.getheader("Connection", "").lower() == "close":
                self.conn.close()
                self.conn = None
            return response.status, data, dict(response.getheaders())
        raise AssertionError("unreachable")

    def sign_in(self, username: str) -> None:
        """Sign in through the page, with its CSRF token."""
        _, page, _ = self.request("GET", "/auth/login")
        token = re.search(rb'name="csrf_token" value="([^"]+)"', page)
        if token is None:
            raise RuntimeError("no CSRF token on the sign-in page")
        form = urllib.parse.urlencode(
            {"username": username, "password": PASSWORD, "csrf_token": token.group(1).decode()}
        ).encode()
        status, _, _ = self.request(
            "POST", "/auth/login", form, {"Content-Type": "application/x-www-form-urlencoded"}
        )
        if status != 302:
            raise RuntimeError(f"sign-in of {username} answered {status}")

    def close(self) -> None:
        """Close the connection."""
        if self.conn is not None:
            self.conn.close()


# ---------------------------------------------------------------- the people and their pages


def _links(page: bytes, pattern: str) -> list[str]:
    return sorted({m.decode() for m in re.findall(pattern.encode(), page)})


def counsellor_pages(browser: Browser, rng: random.Random) -> Iterator[tuple[str, str]]:
    """A counsellor's day: caseload, a person, their matches, the board, the review queue."""
    while True:
        yield "counsellor home", "/counsellor"
        people = _links(browser.last, r'href="(/people/\d+)"')
        person = rng.choice(people) if people else None
        if person:
            yield "person", person
            yield "matches", person + "/matches"
        yield "placements board", "/placements/"
        yield "review queue", "/vacancies/review"


def employer_pages(browser: Browser, rng: random.Random) -> Iterator[tuple[str, str]]:
    """An employer's: home, one of their vacancies, introductions, the upload page."""
    while True:
        yield "employer home", "/employer"
        vacancies = _links(browser.last, r'href="(/vacancies/\d+)"')
        if vacancies:
            yield "vacancy", rng.choice(vacancies)
        yield "introductions", "/placements/introductions"
        yield "upload page", "/vacancies/upload"


def treasurer_pages(browser: Browser, rng: random.Random) -> Iterator[tuple[str, str]]:
    """A cooperative treasurer's: home, the group, its plans, loans, the savings chart."""
    while True:
        yield "cooperative home", "/cooperative"
        yield "group", "/coop/"
        yield "plans", "/coop/plans"
        plans = _links(browser.last, r'href="(/coop/\d+/plans/\d+)"')
        if plans:
            yield "plan", rng.choice(plans)
        yield "loans", "/coop/loans"
        groups = _links(browser.last, r'href="(/coop/\d+)/loans"') or _links(browser.last, r"(/coop/\d+)/")
        if groups:
            yield "savings chart", groups[0] + "/savings.png"


ROLES = [
    ("counsellor", COUNSELLORS, counsellor_pages),
    ("employer", EMPLOYERS, employer_pages),
    ("treasurer", TREASURERS, treasurer_pages),
]


@dataclass
class Timings:
    """Every request's page, seconds and outcome."""

    by_page: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    count: int = 0

    def add(self, page: str, seconds: float, error: str | None) -> None:
        """Record one request."""
        with self.lock:
            self.count += 1
            self.by_page[page].append(seconds)
            if error:
                self.errors.append(f"{page}: {error}")


def _person(
    port: int, role: tuple, index: int, seed: int, until: float, timings: Timings, think: tuple[float, float]
) -> None:
    name, accounts, pages = role
    rng = random.Random(seed * 1000 + index)
    browser = Browser(port)
    browser.last = b""  # type: ignore[attr-defined]
    try:
        time.sleep(rng.uniform(0, think[1]))  # people do not all arrive in the same second
        browser.sign_in(accounts[index % len(accounts)])
        for page, path in pages(browser, rng):
            if time.monotonic() >= until or timings.count >= MAX_REQUESTS:
                return
            began = time.monotonic()
            error = None
            try:
                status, data, _ = browser.request("GET", path)
                browser.last = data  # type: ignore[attr-defined]
                if status >= 500 or status in (404, 403, 401):
                    error = f"HTTP {status} {path}"
            except OSError as exc:
                error = f"{exc.__class__.__name__} {path}"
            timings.add(page, time.monotonic() - began, error)
            time.sleep(rng.uniform(*think))
    except Exception as exc:  # noqa: BLE001 - a person who could not even sign in is an error too
        timings.add("sign-in", 0.0, repr(exc))
    finally:
        browser.close()


def browse(port: int, users: int, seconds: float, seed: int, think: tuple[float, float]) -> Timings:
    """``users`` people (counsellors, employers, treasurers 5:3:2) browsing for ``seconds``."""
    timings = Timings()
    until = time.monotonic() + seconds
    mix = [ROLES[0]] * 5 + [ROLES[1]] * 3 + [ROLES[2]] * 2
    threads = [
        threading.Thread(
            target=_person, args=(port, mix[i % 10], i, seed, until, timings, think), daemon=True
        )
        for i in range(users)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + REQUEST_TIMEOUT_S + 30)
    return timings


def warm_up(port: int) -> float:
    """Visit every page once, each person's matches included (not measured); return the seconds taken."""
    began = time.monotonic()
    for name, accounts, pages in ROLES:
        for account in accounts:
            browser = Browser(port, timeout=900)  # a cold first matches page encodes for minutes
            browser.last = b""  # type: ignore[attr-defined]
            browser.sign_in(account)
            _, home, _ = browser.request("GET", f"/{ {'treasurer': 'cooperative'}.get(name, name) }")
            for person in _links(home, r'href="(/people/\d+)"'):
                browser.request("GET", person + "/matches")
            walk = pages(browser, random.Random(0))
            for _ in range(8):
                page, path = next(walk)
                _, browser.last, _ = browser.request("GET", path)  # type: ignore[attr-defined]
            browser.close()
    return time.monotonic() - began


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def report(label: str, timings: Timings) -> None:
    """Print errors and p50/p95/p99, overall and per page."""
    every = [s for values in timings.by_page.values() for s in values]
    print(f"  {label}: {len(every)} requests, {len(timings.errors)} errors")
    for error in timings.errors[:5]:
        print(f"    error: {error}")
    if not every:
        return
    print(f"    {'page':<20} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    rows = [("ALL PAGES", every)] + sorted(timings.by_page.items())
    for page, values in rows:
        p50, p95, p99 = (1000 * _quantile(values, q) for q in (0.5, 0.95, 0.99))
        print(f"    {page:<20} {len(values):>5} {p50:>8.0f} {p95:>8.0f} {p99:>8.0f}")


# ---------------------------------------------------------------- servers and databases


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class Demo:
    """A demo instance on one engine."""

    engine: str
    url: str
    instance: Path

    def env(self) -> dict[str, str]:
        """The environment a ``pathways`` command needs for this demo."""
        env = {**os.environ, "PATHWAYS_INSTANCE": str(self.instance), "DATABASE_URL": self.url}
        env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
        for name in ("REDIS_URL", "PATHWAYS_SERVER", "PATHWAYS_WORKERS", "PATHWAYS_THREADS"):
            env.pop(name, None)
        return env


def _postgres_schema() -> str | None:
    try:
        from sqlalchemy import create_engine, text

        engine = create_engine(POSTGRES)
        schema = f"bench_{uuid.uuid4().hex[:12]}"
        with engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        engine.dispose()
        return schema
    except Exception as exc:  # noqa: BLE001 - no server: the PostgreSQL runs are skipped, and said so
        print(f"PostgreSQL at {POSTGRES} is not available ({exc.__class__.__name__}); skipping it")
        return None


def _drop_postgres_schema(schema: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(POSTGRES)
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


@contextmanager
def demo(engine: str, workdir: Path) -> Iterator[Demo | None]:
    """Load the demo into a fresh instance on ``engine``; yield it (``None``: engine unavailable)."""
    instance = workdir / f"instance-{engine}"
    instance.mkdir()
    # One embedding cache for both engines: each phrase is encoded once in the run (keyed by text, model).
    (workdir / "embeddings").mkdir(exist_ok=True)
    (instance / "embeddings").symlink_to(workdir / "embeddings")
    # Every simulated person signs in from 127.0.0.1: no sign-in rate limit in the benchmark's instance.
    (instance / "config.py").write_text("LOGIN_RATE_LIMIT = 100000\n")
    schema = None
    if engine == "sqlite":
        url = f"sqlite:///{instance / 'pathways.sqlite3'}"
    else:
        schema = _postgres_schema()
        if schema is None:
            yield None
            return
        url = f"{POSTGRES}?options=-csearch_path%3D{schema}"
    loaded = Demo(engine, url, instance)
    began = time.monotonic()
    for command in (["init-db"], ["demo"]):
        subprocess.run([str(PATHWAYS), *command], env=loaded.env(), check=True, stdout=subprocess.DEVNULL)
    print(f"{engine}: demo loaded in {time.monotonic() - began:.0f} s")
    try:
        yield loaded
    finally:
        if schema is not None:
            _drop_postgres_schema(schema)


@contextmanager
def served(where: Demo, arguments: list[str]) -> Iterator[int]:
    """``pathways serve`` with ``arguments`` on the demo; yield its port once it answers."""
    port = _free_port()
    log = (where.instance / f"serve-{port}.log").open("w")
    server = subprocess.Popen(
        [str(PATHWAYS), "serve", "--host", HOST, "--port", str(port), *arguments],
        env=where.env(),
        stdout=log,
        stderr=log,
    )
    deadline = time.monotonic() + 120
    while True:
        try:
            with socket.create_connection((HOST, port), timeout=1):
                break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                raise RuntimeError("the server did not start; see " + log.name) from None
            time.sleep(0.3)
    try:
        yield port
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


# ---------------------------------------------------------------- the import and the refusals


CSV_HEADER = (
    "id,title,sector,locality,latitude,longitude,description,skills_required,languages_required,"
    "hours_per_week,shift,pay,pay_period,contract,closes_on\n"
)


def valid_rows(count: int) -> bytes:
    """``count`` valid vacancies, each with its own id and a plain description."""
    rows = [
        f"bench-{i},Warehouse operative {i},logistics,Manchester,,,"
        f"Picking and packing orders for shop {i} in the city centre; a written contract and weekly pay.,"
        f"picking;packing,English,37.5,day,{11 + i % 5}.50,hour,permanent,2027-06-30\n"
        for i in range(count)
    ]
    return (CSV_HEADER + "".join(rows)).encode()


def _api_token(where: Demo, username: str) -> str:
    code = (
        "from sqlalchemy import select\n"
        "from web import create_app\n"
        "from web.api import tokens\n"
        "from web.infra.db import session\n"
        "from web.storage.schema import User\n"
        "with create_app().app_context():\n"
        "    db = session()\n"
        f"    user = db.execute(select(User).where(User.username == {username!r})).scalar_one()\n"
        "    print(tokens.create_token(db, user, 'load benchmark', tokens.scopes_for(user.role)).secret)\n"
        "    db.commit()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=where.env(), capture_output=True, text=True, check=True
    )
    return done.stdout.strip().splitlines()[-1]


def remove_imported(where: Demo) -> None:
    """Delete the import scenario's vacancies, so that the next server setup matches on the same demo."""
    code = (
        "from sqlalchemy import delete\n"
        "from web import create_app\n"
        "from web.infra.db import session\n"
        "from web.storage.schema import Vacancy\n"
        "with create_app().app_context():\n"
        "    db = session()\n"
        "    print(db.execute(delete(Vacancy).where(Vacancy.ref.like('%-bench-%'))).rowcount)\n"
        "    db.commit()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=where.env(), capture_output=True, text=True, check=True
    )
    print(f"    (removed the {done.stdout.strip().splitlines()[-1]} imported vacancies again)")


def import_while_browsing(port: int, token: str, readers: int, seed: int) -> None:
    """Upload 5,000 valid rows through the API (a background job) while ``readers`` people browse."""
    timings = Timings()
    finished = threading.Event()
    outcome: dict[str, object] = {}

    def upload() -> None:
        browser = Browser(port)
        auth = {"Authorization": f"Bearer {token}", "Content-Type": "text/csv"}
        began = time.monotonic()
        status, data, headers = browser.request("POST", "/api/v1/vacancies/import", valid_rows(5000), auth)
        outcome["accepted"] = (status, round(time.monotonic() - began, 2))
        job = json.loads(data)
        location = urllib.parse.urlparse(headers.get("Location", "")).path
        while status < 300 and job.get("state") in ("queued", "running") and time.monotonic() - began < 1200:
            time.sleep(1)
            status, data, _ = browser.request("GET", location, headers={"Authorization": f"Bearer {token}"})
            job = json.loads(data)
        outcome["seconds"] = round(time.monotonic() - began, 1)
        outcome["job"] = {k: job.get(k) for k in ("state", "error")} | {
            k: (job.get("result") or {}).get(k) for k in ("created", "updated", "held")
        }
        browser.close()
        finished.set()

    uploader = threading.Thread(target=upload, daemon=True)
    uploader.start()
    mix = [ROLES[0]] * 5 + [ROLES[1]] * 3 + [ROLES[2]] * 2
    threads = [
        threading.Thread(
            target=_browse_until, args=(port, mix[i % 10], i, seed, finished, timings), daemon=True
        )
        for i in range(readers)
    ]
    for thread in threads:
        thread.start()
    uploader.join(1300)
    finished.set()
    for thread in threads:
        thread.join(REQUEST_TIMEOUT_S + 10)
    print(
        f"    import accepted {outcome.get('accepted')} (status, s); finished in {outcome.get('seconds')} s:"
    )
    print(f"    {outcome.get('job')}")
    report(f"{readers} people browsing meanwhile", timings)


def _browse_until(
    port: int, role: tuple, index: int, seed: int, stop: threading.Event, timings: Timings
) -> None:
    name, accounts, pages = role
    rng = random.Random(seed * 1000 + index)
    browser = Browser(port)
    browser.last = b""  # type: ignore[attr-defined]
    stop.wait(rng.uniform(0, 8.0))
    browser.sign_in(accounts[index % len(accounts)])
    for page, path in pages(browser, rng):
        if stop.is_set() or timings.count >= MAX_REQUESTS:
            break
        began = time.monotonic()
        error = None
        try:
            status, browser.last, _ = browser.request("GET", path)  # type: ignore[attr-defined]
            if status >= 500:
                error = f"HTTP {status} {path}"
        except OSError as exc:
            error = f"{exc.__class__.__name__} {path}"
        timings.add(page, time.monotonic() - began, error)
        stop.wait(rng.uniform(2.0, 8.0))
    browser.close()


def _send_and_time(port: int, path: str, body: bytes, headers: dict[str, str]) -> tuple[str, float]:
    """POST ``body``; the status (or how the server closed the connection) and seconds to the answer."""
    conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT_S)
    began = time.monotonic()
    try:
        conn.request("POST", path, body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        answer = str(response.status)
    except (BrokenPipeError, ConnectionResetError) as exc:
        try:
            answer = f"{conn.getresponse().status} (after {exc.__class__.__name__})"
        except Exception:  # noqa: BLE001 - the connection was closed without an answer
            answer = exc.__class__.__name__
    finally:
        conn.close()
    return answer, time.monotonic() - began


def refusals(port: int, token: str, cookie_browser: Browser) -> None:
    """Time the refusal of a 100,000-row file and of a 50 MB file, by the API and by the page."""
    bad_rows = (CSV_HEADER + "1,Cleaner,cleaning,Atlantis\n" * 100_000).encode()[
        : 1_600_000 + len(CSV_HEADER)
    ]
    big = CSV_HEADER.encode() + b"x" * (50 * 1024 * 1024)
    api = {"Authorization": f"Bearer {token}", "Content-Type": "text/csv"}
    _, page, _ = cookie_browser.request("GET", "/vacancies/upload")
    token_match = re.search(rb'name="csrf_token" value="([^"]+)"', page)
    csrf = token_match.group(1).decode() if token_match else ""

    def multipart(content: bytes) -> tuple[bytes, dict[str, str]]:
        boundary = "benchboundary"
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{csrf}\r\n'
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="jobs.csv"\r\n'
                "Content-Type: text/csv\r\n\r\n"
            ).encode()
            + content
            + f"\r\n--{boundary}--\r\n".encode()
        )
        return body, {
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Cookie": cookie_browser.cookie,
        }

    cases = [
        ("API, 100,000 rows (1.4 MB)", "/api/v1/vacancies/import", bad_rows, api),
        ("API, 50 MB", "/api/v1/vacancies/import", big, api),
        ("page, 100,000 rows (1.4 MB)", "/vacancies/upload", *multipart(bad_rows)),
        ("page, 50 MB", "/vacancies/upload", *multipart(big)),
    ]
    for label, path, body, headers in cases:
        answer, seconds = _send_and_time(port, path, body, headers)
        print(f"    {label:<30} answered {answer:<28} in {seconds:.2f} s")


# ---------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scenario", choices=["all", "browse", "import", "refuse"], default="all")
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--servers", default="old,new", help="old (waitress), new (gunicorn), or both")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--import-engines", default="sqlite", help="engines to run the import scenario on")
    args = parser.parse_args()
    signal.signal(
        signal.SIGTERM, lambda *_: sys.exit("stopped")
    )  # servers and temporary files are cleaned up
    chosen = [name for key, name in zip(("old", "new"), SERVERS, strict=True) if key in args.servers]
    print(f"bench/load.py {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print("machine:", describe())
    workdir = Path(tempfile.mkdtemp(prefix="pathways-load-"))
    try:
        for engine in args.engines.split(","):
            with demo(engine, workdir) as where:
                if where is None:
                    continue
                for server in chosen:
                    with served(where, SERVERS[server]) as port:
                        print(f"\n== {engine}, {server}")
                        print(
                            f"  warm-up (every page once, each person's matches): {warm_up(port):.0f} s",
                            flush=True,
                        )
                        print(f"  load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
                        if args.scenario in ("all", "browse"):
                            timings = browse(port, args.users, args.duration, args.seed, (2.0, 8.0))
                            report(f"{args.users} people for {args.duration:.0f} s", timings)
                            print(f"  load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
                        token = _api_token(where, "employer.northway")
                        if args.scenario in ("all", "refuse"):
                            employer = Browser(port)
                            employer.sign_in("employer.northway")
                            refusals(port, token, employer)
                            employer.close()
                        if args.scenario in ("all", "import") and engine in args.import_engines:
                            import_while_browsing(port, token, 20, args.seed)
                            remove_imported(where)
                            print(f"  load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print("\nmachine at the end:", describe())


if __name__ == "__main__":
    main()
