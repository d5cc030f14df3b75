"""Storage: SQLAlchemy engine and sessions, Alembic migrations, encryption at rest.

SQLite under ``instance/`` is the embedded default; PostgreSQL is used when
``DATABASE_URL`` says so (``postgresql+psycopg://user@host/db``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from web.storage.files import private_file

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


#: How long an SQLite connection waits for another's write lock before "database is locked".
SQLITE_BUSY_TIMEOUT_S = 30


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite: an owner-only file, foreign keys, WAL, busy timeout, secure delete.

    SQLite keeps the pysqlite driver's own transaction handling: reads before a
    transaction's first write run on their own, and the transaction (with the write lock)
    begins at the first ``INSERT``/``UPDATE``/``DELETE``. A transaction therefore never
    holds a read snapshot that another writer can make stale before it writes, which in
    WAL mode would refuse its write (SQLITE_BUSY_SNAPSHOT) whatever the busy timeout;
    the audit chain's lock relies on this (:mod:`web.infra.audit`).
    """
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    kwargs: dict[str, Any] = {}
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_S}
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        _create_private_sqlite_file(engine.url.database)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
            cur.execute("PRAGMA secure_delete=ON")  # deleted rows are zeroed, not left in free pages
            cur.close()

    return engine


def _create_private_sqlite_file(database: str | None) -> None:
    """Make a new SQLite file owner-only before SQLite creates it (its WAL files then get that mode too)."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    if path.parent.is_dir():
        private_file(path)


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit."""
    return sessionmaker(bind=engine, expire_on_commit=False)


def alembic_config(engine: Engine) -> Config:
    """Alembic configuration pointing at the project's migrations and ``engine``."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine) -> None:
    """Bring the database schema to the newest migration (safe to run repeatedly).

    A migration that encrypted values in place on SQLite sets ``vacuum_sqlite``; the whole
    file is then rewritten (``VACUUM``, outside any transaction) and the WAL emptied, so the
    clear values do not stay behind in free pages.
    """
    cfg = alembic_config(engine)
    command.upgrade(cfg, "head")
    if cfg.attributes.get("vacuum_sqlite") and engine.dialect.name == "sqlite":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM")
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def scrub(engine: Engine) -> None:
    """After an erasure on SQLite: fold the write-ahead log into the database and empty it.

    With ``secure_delete`` the erased rows' pages are overwritten in the database file, but
    older copies of those pages stay in the ``-wal`` file until it is checkpointed; this
    truncates it (best effort: a reader still holding an old snapshot keeps it until it
    finishes, and the next checkpoint clears it). PostgreSQL reclaims dead rows by VACUUM.
    """
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
