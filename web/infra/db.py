"""The request's database session, its unit of work, and the app's engine.

One unit of work per request: what a view (and the services it calls) wrote is committed once, after
the view returned a response below 400, and rolled back when it answers with an error (4xx or 5xx,
raised or returned). The rollback keeps the request's audit events (a read, a denial, a failed
sign-in): they are recorded again and committed alone (:func:`web.infra.audit.roll_back_keeping_events`),
so no view or service commits to keep an audit row, and none can forget to. A view that refuses a
change but answers with a redirect (below 400) calls :func:`discard_changes`, which does the same.
A few places commit mid-request on purpose, each with a comment saying why: before scrubbing an
erasure, so that no write stays open through a long computation (a ranking, a PDF), and to keep a
sign-in back-off counted through a 401. A job a user starts commits the request's work first
(:func:`web.infra.jobs.submit`); a preparation job asked for anywhere in a request is queued once what
the request wrote is committed (:func:`when_committed`). Background jobs are units of work too:
:func:`web.infra.jobs.execute` ends each with :func:`end_unit_of_work`.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, Response, current_app, g, has_app_context
from sqlalchemy import Engine
from sqlalchemy import event as orm_event
from sqlalchemy.orm import Session, sessionmaker

from web.infra.audit import roll_back_keeping_events
from web.storage import make_engine, make_sessionmaker, scrub, upgrade

_WHEN_COMMITTED = "pathways.when_committed"
_WROTE = "pathways.wrote"


def init_app(app: Flask) -> None:
    """Create the engine and close the request session at teardown."""
    engine = make_engine(app.config["DATABASE_URL"])
    app.extensions["pathways.engine"] = engine
    app.extensions["pathways.sessions"] = make_sessionmaker(engine)
    app.after_request(_end_request_unit_of_work)
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


def end_unit_of_work(*, commit: bool) -> None:
    """Commit (or roll back, keeping the audit events) what this context's session holds, if it was opened."""
    db: Session | None = g.get("db")
    if db is None:
        return
    if commit:
        db.commit()
    else:
        roll_back_keeping_events(db)


def when_committed(work: Callable[[], object]) -> None:
    """Run ``work`` once what this context's unit of work wrote is committed (at once if it wrote nothing).

    For asking a background job to read what the request (or job) is writing: it is queued after the
    commit, never before it, wherever in the request it is asked for, and not at all when the unit
    of work is rolled back (nothing it wrote is kept). A context that has only read asks at once, so
    one that never commits (a thread warming a cache) does not lose what it asked for.
    """
    db: Session | None = g.get("db") if has_app_context() else None
    if db is None or not (db.info.get(_WROTE) or db.new or db.dirty or db.deleted):
        work()
        return
    db.info.setdefault(_WHEN_COMMITTED, []).append(work)


@orm_event.listens_for(Session, "after_flush")
def _wrote(db: Session, _flush_context: object) -> None:
    db.info[_WROTE] = True


@orm_event.listens_for(Session, "after_commit")
def _run_when_committed(db: Session) -> None:
    db.info.pop(_WROTE, None)
    for work in db.info.pop(_WHEN_COMMITTED, []):
        work()


@orm_event.listens_for(Session, "after_rollback")
def _drop_when_rolled_back(db: Session) -> None:
    db.info.pop(_WROTE, None)
    db.info.pop(_WHEN_COMMITTED, None)


def discard_changes() -> None:
    """Drop what this request wrote so far, keeping its audit events: a change refused before a redirect."""
    end_unit_of_work(commit=False)


def _end_request_unit_of_work(response: Response) -> Response:
    end_unit_of_work(commit=response.status_code < 400)
    return response


def _close_session(exc: BaseException | None = None) -> None:
    db = g.pop("db", None)
    if db is not None:
        if exc is not None:
            db.rollback()
        db.close()


def migrate() -> None:
    """Bring the current app's database to the newest schema."""
    upgrade(engine())


def scrub_erased() -> None:
    """After an erasure has been committed: leave no copy of the erased rows in SQLite's log."""
    scrub(engine())
