"""The request's database session and the app's engine."""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, g
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from web.storage import make_engine, make_sessionmaker, scrub, upgrade


def init_app(app: Flask) -> None:
    """Create the engine and close the request session at teardown."""
    engine = make_engine(app.config["DATABASE_URL"])
    app.extensions["pathways.engine"] = engine
    app.extensions["pathways.sessions"] = make_sessionmaker(engine)
    app.teardown_appcontext(_close_session)


def engine() -> Engine:
    """The current app's engine."""
    found: Engine = current_app.extensions["pathways.engine"]
    return found


def sessions() -> sessionmaker[Session]:
    """The current app's session factory (for background work outside a request)."""
    found: sessionmaker[Session] = current_app.extensions["pathways.sessions"]
    return found


def session() -> Session:
    """The session of this request or app context, opened on first use."""
    if "db" not in g:
        g.db = sessions()()
    db: Session = g.db
    return db


def _close_session(_exc: Any = None) -> None:
    db = g.pop("db", None)
    if db is not None:
        db.close()


def migrate() -> None:
    """Bring the current app's database to the newest schema."""
    upgrade(engine())


def scrub_erased() -> None:
    """After an erasure has been committed: leave no copy of the erased rows in SQLite's log."""
    scrub(engine())
