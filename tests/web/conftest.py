"""Fixtures for the web app, after flaskr's conftest: ``app``, ``client``, ``runner``, ``auth``.

``app`` runs on a copy of an SQLite database with the demo loaded (fast). Storage tests
use ``database_url``, which runs each test once on SQLite and once on PostgreSQL (a fresh
schema on the server at 127.0.0.1:5432 per test, dropped afterwards).
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from cli import main as pathways_cli
from web import create_app
from web.storage import make_engine, make_sessionmaker, upgrade
from web.storage.crypto import KeyRing, active_keyring, install_keyring, save_keyring
from web.storage.demo_data import DEMO_PASSWORD, load_demo

REDIS_URL = os.environ.get("PATHWAYS_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
POSTGRES_URL = os.environ.get(
    "PATHWAYS_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
TEST_KEYRING = KeyRing.generate()
#: what the test demo's treasurers (Manchester) type for the savings-and-loans figures the UK has no
#: sourced value for, as form values: interest on savings and a loan fee (% ), profits paid out (%)
UK_COOP_FIGURES = {"savings_interest_rate": 0.0, "loan_fee_rate": 0.0, "dividend_payout_share": 50.0}


def _postgres_available() -> bool:
    try:
        with create_engine(POSTGRES_URL).connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """The PostgreSQL URL, or a skip (a failure in CI, where the server must be up)."""
    if not _postgres_available():
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is not reachable at {POSTGRES_URL}; .ci/run should have started it")
        pytest.skip(f"PostgreSQL is not reachable at {POSTGRES_URL}")
    return POSTGRES_URL


@pytest.fixture()
def redis_url() -> str:
    """The Redis URL for tests, or a skip (a failure in CI, where the server must be up)."""
    from redis import Redis
    from redis.exceptions import ConnectionError as RedisDown

    try:
        Redis.from_url(REDIS_URL).ping()
    except RedisDown:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {REDIS_URL}; .ci/run should have started it")
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    return REDIS_URL


@contextmanager
def empty_database(
    request: pytest.FixtureRequest, engine: str, sqlite_file: Path, prefix: str
) -> Iterator[str]:
    """The URL of an empty database on ``engine`` ("sqlite" or "postgresql"), gone afterwards.

    On SQLite a new file ``sqlite_file``; on PostgreSQL a fresh schema named ``prefix`` and a
    random suffix on the test server, dropped at the end.
    """
    if engine == "sqlite":
        yield f"sqlite:///{sqlite_file}"
        return
    server = request.getfixturevalue("postgres_server")
    schema = f"{prefix}_{uuid.uuid4().hex[:16]}"
    admin = create_engine(server)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{server}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database on each engine, isolated to this test."""
    with empty_database(request, request.param, tmp_path / "test.sqlite3", "t") as url:
        yield url


def make_test_app(database_url: str, instance: Path, **extra: Any) -> Flask:
    """An app on ``database_url`` with a throwaway instance folder and test keys."""
    return create_app(
        {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "INSTANCE_PATH": str(instance),
            "SECRET_KEY": "test-secret-key",
            "DATA_KEYRING": TEST_KEYRING,
            "SESSION_COOKIE_SECURE": False,
            "ESCO_DIR": None,  # tests that need ESCO set their own small folder
            "REDIS_URL": None,  # in-process jobs unless a test asks for Redis
            # Administrators must use a second factor (the default): tests of that set it
            # (tests/web/test_second_factor.py), the browser tests keep it; others sign in with a password.
            "SECOND_FACTOR_ROLES": (),
            **extra,
        }
    )


def migrate_and_load(database_url: str, demo_dir: Path, encoder: Any) -> None:
    """Create the schema, load a demo folder into ``database_url`` and prepare it as ``pathways demo`` does.

    Vacancies are screened and every posting's and person's phrases are embedded and stored.
    """
    from matcher.screening import Screener
    from web.matching.preparation import prepare_people, prepare_postings
    from web.matching.vectors import Keys

    install_keyring(TEST_KEYRING)
    engine = make_engine(database_url)
    upgrade(engine)
    quiet = lambda *_args, **_kw: None  # noqa: E731 - no job to report progress to
    with make_sessionmaker(engine)() as db:
        load_demo(db, demo_dir)
        db.commit()
        key = Keys.for_ring(TEST_KEYRING)
        prepare_postings(db, lambda: encoder, lambda: Screener(encoder=encoder).fit(), key, quiet)
        prepare_people(db, lambda: encoder, key, progress=quiet)
    engine.dispose()


@pytest.fixture()
def db(database_url: str) -> Iterator[Session]:
    """A session on a migrated, empty database (each engine in turn)."""
    install_keyring(TEST_KEYRING)
    engine = make_engine(database_url)
    upgrade(engine)
    with make_sessionmaker(engine)() as session:
        yield session
    engine.dispose()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory, encoder: Any) -> Path:
    """An SQLite file with the schema and the small test demo (MINIMAL_DEMO), built once per run."""
    folder = tmp_path_factory.mktemp("minimal-demo")
    for name, content in MINIMAL_DEMO.items():
        (folder / name).write_text(content, encoding="utf-8")
    path = tmp_path_factory.mktemp("template") / "demo.sqlite3"
    migrate_and_load(f"sqlite:///{path}", folder, encoder)
    return path


def app_on_demo_copy(demo_template: Path, folder: Path, encoder: Any, **extra: Any) -> Flask:
    """An app on a private copy of the test demo database in ``folder``, sharing the run's encoder."""
    shutil.copy(demo_template, folder / "app.sqlite3")
    app = make_test_app(f"sqlite:///{folder / 'app.sqlite3'}", folder / "instance", **extra)
    app.extensions["pathways.encoder"] = encoder
    return app


def esco_grounding(folder: Path, encoder: Any) -> Any:
    """The ESCO grounding as :func:`web.infra.services.esco` builds it, from the files in ``folder``."""
    from matcher.demand.grounding import taxonomy_labels
    from matcher.esco import load_esco
    from matcher.normalize import TitleNormalizer
    from matcher.skills import SkillLinker
    from web.infra import services

    taxonomy = load_esco(folder)
    return services.EscoGrounding(
        taxonomy,
        TitleNormalizer(encoder=encoder).fit(taxonomy),
        SkillLinker(encoder=encoder).fit(taxonomy),
        taxonomy_labels(taxonomy),
    )


def finish_jobs(app: Flask) -> None:
    """Let the background jobs the test started (preparation after a write, say) finish.

    Preparation runs on lanes of its own (``web.matching.preparation.queue``); a job on one may queue
    another, so the queues are drained until all of them are idle.
    """
    for _round in range(20):
        queues = [
            app.extensions["pathways.jobs"],
            *app.extensions.get("pathways.preparation_lanes", {}).values(),
        ]
        busy = [q for q in queues if hasattr(q, "drain") and not q.drain(timeout=0)]
        if not busy:
            return
        for queue in busy:
            queue.drain()
    raise AssertionError("background jobs kept queueing more jobs")


def finished_job_page(
    client: FlaskClient, url: str, seconds: float = 60, working: bytes = b"Working on it"
) -> bytes:
    """The job page at ``url`` once it no longer says ``working`` (polled; fails after ``seconds``)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = client.get(url)
        if working not in page.data:
            return page.data
        time.sleep(0.2)
    raise AssertionError("the job did not finish")


def prepare_now(app: Flask, person_ids: list[int]) -> None:
    """Prepare people whose words a test changed in the database directly (as a save would ask for)."""
    from web.infra import services
    from web.infra.db import session as db_session
    from web.matching import vectors
    from web.matching.preparation import prepare_people

    with app.app_context():
        prepare_people(
            db_session(), services.encoder, vectors.keys(), person_ids, progress=lambda *_a, **_k: None
        )


@pytest.fixture()
def app(demo_template: Path, tmp_path: Path, encoder: Any) -> Iterator[Flask]:
    """The app on a private copy of the demo database, sharing the run's encoder."""
    app = app_on_demo_copy(demo_template, tmp_path, encoder)
    yield app
    finish_jobs(app)
    app.extensions["pathways.engine"].dispose()


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    """A test client for ``app``."""
    return app.test_client()


@pytest.fixture()
def runner(app: Flask) -> FlaskCliRunner:
    """A CLI runner for ``app``."""
    return app.test_cli_runner()


class AuthActions:
    """Sign in and out as a demo user, with the CSRF token a browser would send."""

    def __init__(self, client: FlaskClient) -> None:
        self._client = client

    def csrf(self) -> str:
        """The session's CSRF token (fetching the sign-in page creates one)."""
        self._client.get("/auth/login")
        with self._client.session_transaction() as sess:
            return str(sess["csrf_token"])

    def login(self, username: str, password: str = DEMO_PASSWORD) -> Any:
        """Post the sign-in form."""
        return self._client.post(
            "/auth/login", data={"username": username, "password": password, "csrf_token": self.csrf()}
        )

    def logout(self) -> Any:
        """Post the sign-out form."""
        return self._client.post("/auth/logout", data={"csrf_token": self.csrf()})


def signed_in_clients(app: Flask) -> Callable[[str], FlaskClient]:
    """A test client signed in as a username, made on first use and kept (for module-scoped fixtures)."""
    made: dict[str, FlaskClient] = {}

    def client_for(username: str) -> FlaskClient:
        if username not in made:
            made[username] = app.test_client()
            assert AuthActions(made[username]).login(username).status_code == 302
        return made[username]

    return client_for


@pytest.fixture()
def auth(client: FlaskClient) -> AuthActions:
    """Sign-in helper bound to ``client``."""
    return AuthActions(client)


def from_today(days: int) -> str:
    """The ISO date ``days`` after the day the tests run (UTC): a date typed in would one day be past."""
    return (dt.datetime.now(dt.UTC).date() + dt.timedelta(days=days)).isoformat()


#: A vacancy's closing date that is in the future whenever the tests run.
CLOSES_ON = from_today(8 * 7)
#: Bright Start's first day (a programme takes no proposals once started).
IN_FIVE_WEEKS = from_today(5 * 7)

MINIMAL_DEMO = {
    "localities.csv": "id,name,country,latitude,longitude,currency\n"
    "mcr,Manchester,United Kingdom,53.4808,-2.2426,GBP\n",
    "organisations.csv": "id,name,kind,locality,description\n"
    "ngo-a,Hope Works,ngo,mcr,Casework charity\n"
    "emp-a,Northern Grocers,employer,mcr,Food retail\n"
    "coop-a,Mill Lane Savers,cooperative,mcr,\n"
    "ngo-b,Other Charity,ngo,mcr,\n"
    "emp-b,Other Employer,employer,mcr,\n"
    "coop-b,Brook Street Savers,cooperative,mcr,\n",
    "users.csv": "username,display_name,role,organisation,language,lead\n"
    "counsellor.a,Casey,counsellor,ngo-a,en,yes\n"
    "employer.a,Eve,employer,emp-a,en,yes\n"
    "treasurer.a,Tara,coop_treasurer,coop-a,fr,yes\n"
    "admin.a,Ada,admin,,en,\n"
    "counsellor.b,Bo,counsellor,ngo-b,es,yes\n"
    "employer.b,Ben,employer,emp-b,en,yes\n"
    "member.a,Mina,coop_member,coop-a,en,\n"
    "treasurer.b,Tomas,coop_treasurer,coop-b,en,yes\n",
    "people.csv": "id,organisation,counsellor,locality,pseudonym,skills_text,work_history,interests_text,"
    "languages,latitude,longitude,max_distance_km,min_hours_per_week,max_hours_per_week,availability,constraints_text,"
    "exclusions,desired_pay,pay_period,currency\n"
    "p1,ngo-a,counsellor.a,mcr,Asha K.,I cooked for a big family and kept the accounts,"
    "Cook in Dubai 3 years;Cleaner,I want to drive a van,English;Nepali,53.47,-2.25,15,16,37.5,"
    "weekdays;mornings,school run at 3pm,night shifts,12.50,hour,GBP\n"
    "p2,ngo-a,counsellor.a,mcr,Person 2,warehouse picking,,,English,53.49,-2.2,,,,,,,,,\n"
    "p3,ngo-b,counsellor.b,mcr,Bea,childcare and cleaning,,,Spanish;English,53.5,-2.3,,,,,,,,,\n",
    "protected.csv": "person,gender,nationality,birth_year,trafficking_history\n"
    "p1,female,Nepali,1990,Domestic servitude abroad\n",
    "consents.csv": "person,purpose,granted_by,granted_on,withdrawn_on\n"
    "p1,matching,counsellor.a,2026-10-01,\n"
    "p1,share_with_employers,counsellor.a,2026-10-01,2026-10-20\n",
    "vacancies.csv": "id,employer,title,sector,locality,latitude,longitude,description,skills_required,"
    "languages_required,hours_per_week,shift,pay,pay_period,currency,contract,posted_on,closes_on\n"
    "v1,emp-a,Delivery driver,logistics,mcr,53.48,-2.24,Drive our van to local shops.,"
    "driving licence;customer service,English,37.5,day,12.80,hour,GBP,permanent,2026-10-01,\n",
    "programmes.csv": "id,employer,title,sector,locality,latitude,longitude,description,skills_required,"
    "languages_required,capacity,placement_weeks,placement_pay,job_title,job_pay,pay_period,currency,hours_per_week,"
    "interview,starts_on\n"
    "bf1,emp-a,Bright Start,retail,mcr,53.48,-2.24,Four weeks paid in a store,customer service,English,"
    # the cohort starts five weeks from the day the tests run: a started programme takes no proposals
    f"4,4,12.21,Store colleague,12.60,hour,GBP,30,non_competitive,{IN_FIVE_WEEKS}\n",
    "cooperatives.csv": "id,organisation,name,locality,founded_on,business,monthly_share,currency,"
    "max_loan_multiple,monthly_interest_rate\n"
    "c1,coop-a,Mill Lane Savers,mcr,2024-01-01,Community cafe,20,GBP,3,0.01\n"
    "c2,coop-b,Brook Street Savers,mcr,2025-01-01,,10,GBP,2,0.02\n",
    "coop_members.csv": "cooperative,member,username,role,joined_on,left_on\n"
    "c1,m1,treasurer.a,treasurer,2024-01-01,\n"
    "c1,m2,,member,2024-01-01,2025-06-30\n"
    "c1,m3,member.a,member,2024-03-01,\n"
    "c2,n1,treasurer.b,treasurer,2025-01-01,\n",
    "coop_savings.csv": "cooperative,member,month,saved,loan_taken,loan_repaid\n"
    "c1,m1,2024-01,20,0,0\n"
    "c1,m1,2024-02,20,60,0\n"
    "c1,m2,2024-01,20,0,0\n",
}


@pytest.fixture()
def minimal_demo(tmp_path: Path) -> Path:
    """A small, valid demo folder to corrupt in loader tests."""
    folder = tmp_path / "demo"
    folder.mkdir()
    for name, content in MINIMAL_DEMO.items():
        (folder / name).write_text(content, encoding="utf-8")
    return folder


@pytest.fixture()
def minimal_demo_app(database_url: str, minimal_demo: Path, tmp_path: Path, encoder: Any) -> Iterator[Flask]:
    """The small demo, loaded and prepared as ``pathways demo`` does, served on ``database_url``."""
    migrate_and_load(database_url, minimal_demo, encoder)
    app = make_test_app(database_url, tmp_path / "instance")
    app.extensions["pathways.encoder"] = encoder
    yield app
    finish_jobs(app)
    app.extensions["pathways.engine"].dispose()


@contextmanager
def cli_instance(
    tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch, unset: tuple[str, ...] = ()
) -> Iterator[Path]:
    """An instance folder holding the test key ring, for the ``pathways`` CLI's app on ``database_url``.

    ``unset`` names environment settings the CLI must not see; the key ring is put back afterwards.
    """
    ring = active_keyring()
    folder = tmp_path / "instance"
    save_keyring(ring, folder)
    for name in ("PATHWAYS_DATA_KEYS", "SECRET_KEY", *unset):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PATHWAYS_INSTANCE", str(folder))
    monkeypatch.setenv("DATABASE_URL", database_url)
    try:
        yield folder
    finally:
        install_keyring(ring)


def run_cli(*args: str) -> tuple[int, str]:
    """Run ``pathways ARGS`` in this process: its exit code and output."""
    result = CliRunner().invoke(pathways_cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def _write_csv(path: Path, header: list[str], rows: list[tuple[str, ...]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def write_tiny_esco(
    folder: Path,
    occupations: list[tuple[str, str, str, str]],
    isco_groups: list[tuple[str, str]],
    skills: list[tuple[str, str, str]],
) -> Path:
    """A tiny ESCO folder in the official CSV format, for pages that need ESCO without the real one.

    ``occupations``: (URI, ISCO-08 code, preferred label, alternative labels one a line);
    ``isco_groups``: (code, label); ``skills``: (URI, preferred label, alternative labels).
    """
    folder.mkdir(parents=True, exist_ok=True)
    _write_csv(
        folder / "occupations_en.csv",
        ["conceptUri", "iscoGroup", "preferredLabel", "altLabels", "description"],
        [(*row, "") for row in occupations],
    )
    _write_csv(folder / "ISCOGroups_en.csv", ["code", "preferredLabel"], isco_groups)
    _write_csv(
        folder / "skills_en.csv",
        ["conceptUri", "skillType", "preferredLabel", "altLabels", "description"],
        [(uri, "skill/competence", label, alts, "") for uri, label, alts in skills],
    )
    return folder


def add_account(app: Flask, username: str, role: str = "admin", organisation: str | None = None) -> int:
    """Add an account with the demo password to ``app``'s database (e.g. a second administrator); its id."""
    from web.accounts.service import hash_password
    from web.infra.db import session
    from web.storage.schema import Organisation, User

    with app.app_context():
        db = session()
        org = db.query(Organisation).filter_by(ref=organisation).one() if organisation else None
        user = User(
            username=username,
            display_name=username,
            role=role,
            organisation_id=org.id if org else None,
            password_hash=hash_password(DEMO_PASSWORD),
        )
        db.add(user)
        db.commit()
        return int(user.id)


def add_open_vacancy(db: Session, ref: str, **fields: Any) -> None:
    """Add to ``db`` an open, screened day job of the demo's employer ``emp-a`` in Manchester, in English,
    paid by the hour in pounds (30 hours at 12.80 unless ``fields`` say otherwise)."""
    from decimal import Decimal

    from sqlalchemy import select

    from web.storage.schema import Locality, Organisation, Vacancy, utcnow

    employer = db.execute(select(Organisation).where(Organisation.ref == "emp-a")).scalar_one()
    manchester = db.execute(select(Locality).where(Locality.ref == "mcr")).scalar_one()
    defaults: dict[str, Any] = {
        "latitude": 53.48,
        "longitude": -2.24,
        "languages_required": ["English"],
        "hours_per_week": 30,
        "shift": "day",
        "pay": Decimal("12.80"),
        "pay_period": "hour",
        "currency": "GBP",
        "contract": "permanent",
        "posted_on": utcnow().date(),
        "status": "open",
        "screening": {"flagged": False, "flags": []},
    }
    db.add(Vacancy(ref=ref, employer_id=employer.id, locality=manchester, **(defaults | fields)))


def latest_change_id(app: Flask) -> int:
    """The id of the newest account change."""
    from sqlalchemy import func, select

    from web.infra.db import session
    from web.storage.schema import AccountChange

    with app.app_context():
        return int(session().execute(select(func.max(AccountChange.id))).scalar_one())


def approve_change(client: FlaskClient, change_id: int, password: str | None = None) -> Any:
    """Post the approval of an account change as ``client``'s user (with the new password when given)."""
    form = {"csrf_token": AuthActions(client).csrf()}
    if password is not None:
        form |= {"password": password, "password_again": password}
    return client.post(f"/account-changes/{change_id}/approve", data=form)


def hold_lock_in_another_process(path: Path) -> subprocess.Popen[str]:
    """Start a process that takes the lock file ``path``, says so, and a moment later writes
    ``<path>.done`` just before it lets go."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, sys, time; f = open(sys.argv[1], 'w'); fcntl.flock(f, fcntl.LOCK_EX); "
            "print('held', flush=True); time.sleep(1.5); open(sys.argv[1] + '.done', 'w').close(); "
            "fcntl.flock(f, fcntl.LOCK_UN)",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder
