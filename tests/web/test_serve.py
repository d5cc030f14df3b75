"""``pathways serve``: gunicorn with several worker processes on Linux, waitress on request."""

from __future__ import annotations

import http.cookiejar
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from web.cli.serve import default_server, default_workers, gunicorn_options
from web.storage.crypto import save_keyring
from web.storage.demo_data import DEMO_PASSWORD

from .conftest import TEST_KEYRING

PATHWAYS = Path(sys.executable).with_name("pathways")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


@pytest.fixture()
def served(demo_template: Path, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[tuple[str, int]]:
    """``pathways serve`` with the given arguments, on a copy of the test demo; (base URL, server pid)."""
    shutil.copy(demo_template, tmp_path / "app.sqlite3")
    instance = tmp_path / "instance"
    save_keyring(TEST_KEYRING, instance)
    port = _free_port()
    env = {
        **os.environ,
        "PATHWAYS_INSTANCE": str(instance),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'app.sqlite3'}",
        "HF_HUB_OFFLINE": "1",
    }
    for name in ("REDIS_URL", "PATHWAYS_DATA_KEYS", "SECRET_KEY", "PATHWAYS_SERVER", "PATHWAYS_WORKERS"):
        env.pop(name, None)
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [str(PATHWAYS), "serve", "--port", str(port), *request.param], env=env, stdout=log, stderr=log
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/auth/login", timeout=5).read()
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail("the server did not start: " + (tmp_path / "serve.log").read_text())
            time.sleep(0.3)
    try:
        yield base, server.pid
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        log.close()


def _sign_in(base: str, username: str) -> urllib.request.OpenerDirector:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    page = opener.open(base + "/auth/login").read().decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token is not None
    form = {"username": username, "password": DEMO_PASSWORD, "csrf_token": token.group(1)}
    opener.open(base + "/auth/login", urllib.parse.urlencode(form).encode()).read()
    return opener


@pytest.mark.skipif(default_server() != "gunicorn", reason="gunicorn needs fork (Linux, macOS)")
@pytest.mark.parametrize("served", [["--workers", "3", "--threads", "2"]], indirect=True)
def test_serve_runs_several_worker_processes_that_share_sign_in(served: tuple[str, int]) -> None:
    base, pid = served
    deadline = time.monotonic() + 60
    while len(_children(pid)) < 3 and time.monotonic() < deadline:  # the first to boot answers first
        time.sleep(0.2)
    assert len(_children(pid)) == 3
    opener = _sign_in(base, "employer.a")
    for _ in range(12):  # whichever process answers, the session holds
        page = opener.open(base + "/employer").read()
        assert b"Northern Grocers" in page


@pytest.mark.parametrize("served", [["--server", "waitress"]], indirect=True)
def test_serve_with_waitress_runs_in_one_process(served: tuple[str, int]) -> None:
    base, pid = served
    assert _children(pid) == []
    assert b"Northern Grocers" in _sign_in(base, "employer.a").open(base + "/employer").read()


def test_gunicorn_trusts_no_forwarded_header_itself() -> None:
    """The app's own PATHWAYS_PROXY_HOPS decides which proxy headers count
    (web/infra/proxy.py), not gunicorn."""
    options = gunicorn_options("0.0.0.0", 8000, 2, 4)
    assert options["secure_scheme_headers"] == {} and options["forwarder_headers"] == ""
    assert options["accesslog"] is None and options["bind"] == ["0.0.0.0:8000"]
    assert gunicorn_options("::1", 8000, 2, 4)["bind"] == ["[::1]:8000"]


def test_worker_count_follows_the_cores() -> None:
    assert [default_workers(n) for n in (1, 2, 4, 16)] == [2, 2, 4, 8]
