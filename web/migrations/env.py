"""Alembic environment: runs migrations on the engine the app or CLI hands in.

On SQLite, foreign keys are off while migrations run: a batch migration rebuilds a table
(copy, drop, rename), and dropping a table with foreign keys on deletes, through
``ON DELETE CASCADE``, every row that points at it (a proposal's steps and disclosures). The
keys are checked (``PRAGMA foreign_key_check``) before the migration commits, and turned on again.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from web.storage.schema import Base

config = context.config
target_metadata = Base.metadata


class ForeignKeyViolation(RuntimeError):
    """A migration left rows pointing at rows that do not exist."""


def run_migrations_online() -> None:
    """Run the migrations; on SQLite with foreign keys off meanwhile.

    SQLite changes a table (dropping a column, say) by copying it into a new one and dropping the
    old: with foreign keys on, dropping ``users`` would delete every row that cascades from it (API
    tokens, sessions) or fail on the others. The check is off only while migrating, outside any
    transaction as SQLite requires, and ``PRAGMA foreign_key_check`` must find nothing afterwards.
    """
    engine = config.attributes.get("engine")
    if engine is None:
        url = config.get_main_option("sqlalchemy.url")
        if not url:
            raise RuntimeError("No database to migrate: set sqlalchemy.url or pass an engine.")
        engine = create_engine(url)
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")  # outside a transaction, or it is ignored
            connection.commit()
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=sqlite,
            compare_type=True,
        )
        try:
            with context.begin_transaction():
                context.run_migrations()
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise ForeignKeyViolation(f"rows without their referenced rows: {broken[:5]}")
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


run_migrations_online()
