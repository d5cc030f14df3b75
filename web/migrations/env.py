"""Alembic environment: runs migrations on the engine the app or CLI hands in."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from web.storage.schema import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = config.attributes.get("engine") or create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        if connection.dialect.name == "sqlite":
            # A migration that rebuilds tables turns foreign keys off for its transaction
            # (SQLite's 12-step ALTER); this pooled connection must not keep them off.
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")


run_migrations_online()
