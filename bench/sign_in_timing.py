"""Sign-in time for an unknown username beside a real one (issue 14.10: does the answer's time tell?).

    .venv/bin/python bench/sign_in_timing.py               # 30 attempts of each kind
    .venv/bin/python bench/sign_in_timing.py --repeat 100

A fresh SQLite database holds one counsellor. Wrong-password sign-ins are posted through the
whole Flask app (CSRF, database look-up, back-off bookkeeping, audit event, page) for a username
that does not exist and for the real one, interleaved, each from its own client address so that
the back-off never steps in. The figure is the median time per answer and the gap between the two.

The peer, in the same process, is the sign-in before this fix: an unknown username was answered
without any password check (``verify_password`` ran for real accounts only), which the outside
review measured on the demo as 27 ms against 476 ms.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _machine import describe  # noqa: E402
from flask import Flask  # noqa: E402
from flask.testing import FlaskClient  # noqa: E402

import web.accounts.service  # noqa: E402
import web.accounts.views  # noqa: E402
from web import create_app  # noqa: E402
from web.infra.db import migrate, session  # noqa: E402
from web.storage.crypto import KeyRing  # noqa: E402
from web.storage.schema import Organisation, User  # noqa: E402

PASSWORD = "a long and real password"
REVIEW_FIGURES = "outside review, demo before the fix: unknown 27 ms, real 476 ms"


def _app(folder: Path) -> Flask:
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
            "INSTANCE_PATH": str(folder / "instance"),
            "SECRET_KEY": "bench-secret-key",
            "DATA_KEYRING": KeyRing.generate(),
            "SESSION_COOKIE_SECURE": False,
            "REDIS_URL": None,
        }
    )
    with app.app_context():
        migrate()
        db = session()
        org = Organisation(ref="ngo", name="Hope Works", kind="ngo")
        db.add(org)
        db.flush()
        db.add(
            User(
                username="counsellor.real",
                display_name="Casey",
                role="counsellor",
                organisation_id=org.id,
                password_hash=web.accounts.service.hash_password(PASSWORD),
            )
        )
        db.commit()
    return app


@contextmanager
def _before_the_fix() -> Iterator[None]:
    """The sign-in as it was: no password check at all for an unknown username."""
    current = web.accounts.views.check_password

    def old(user: User | None, password: str) -> bool:
        return (
            user is not None
            and user.active
            and web.accounts.service.verify_password(user.password_hash, password)
        )

    web.accounts.views.check_password = old
    try:
        yield
    finally:
        web.accounts.views.check_password = current


def _timer(client: FlaskClient) -> Callable[[str, int], float]:
    client.get("/auth/login")
    with client.session_transaction() as sess:
        token = sess["csrf_token"]

    def attempt(username: str, n: int) -> float:
        form = {"username": username, "password": "not the password", "csrf_token": token}
        address = f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"
        start = time.perf_counter()
        status = client.post("/auth/login", data=form, environ_base={"REMOTE_ADDR": address}).status_code
        elapsed = time.perf_counter() - start
        if status != 401:
            raise RuntimeError(f"expected a refused sign-in (401), got {status}")
        return elapsed * 1000

    return attempt


def _measure(attempt: Callable[[str, int], float], repeat: int, offset: int) -> tuple[float, float]:
    unknown, real = [], []
    for n in range(repeat):
        unknown.append(attempt("nobody.at.all", offset + 2 * n))
        real.append(attempt("counsellor.real", offset + 2 * n + 1))
    return statistics.median(unknown), statistics.median(real)


def main() -> None:
    """Time both kinds of wrong sign-in, the fixed way and the way before, and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30, help="attempts of each kind per way (default 30)")
    args = parser.parse_args()
    print(f"# bench/sign_in_timing.py, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {args.repeat} attempts each")
    print(f"# {describe('argon2-cffi ' + importlib.metadata.version('argon2-cffi'))}")
    print(f"# {REVIEW_FIGURES}")
    with tempfile.TemporaryDirectory() as tmp:
        app = _app(Path(tmp))
        attempt = _timer(app.test_client())
        attempt("warm.up", 10_000_000)
        with _before_the_fix():
            before = _measure(attempt, args.repeat, 0)
        after = _measure(attempt, args.repeat, 1_000_000)
        app.extensions["pathways.engine"].dispose()
    print("| way | unknown username, median ms | real username, median ms | gap ms |")
    print("|---|---|---|---|")
    for name, (unknown, real) in (("before the fix", before), ("**dummy hash (now)**", after)):
        print(f"| {name} | {unknown:.1f} | {real:.1f} | {real - unknown:+.1f} |")


if __name__ == "__main__":
    main()
