"""Browser sessions kept on the server: the cookie holds a random id and nothing else.

Flask's default session is a signed cookie: the client can read it (user id, job ids) and the
server cannot take it back, so a cookie copied before sign-out kept working. Here the cookie
holds 32 random bytes; the session's contents live in the ``web_sessions`` table (the database
works alone, on SQLite and PostgreSQL), encrypted like personal fields, under the SHA-256 of
the id (a copy of the table gives no usable cookie). Then:

- signing out deletes the row, so the copied cookie finds nothing;
- a session ends after ``PERMANENT_SESSION_LIFETIME`` without a request (30 minutes) and
  ``SESSION_MAX_AGE`` after it began (12 hours), checked on the server whatever the cookie says;
- signing in, and each step of it, starts a new id (:func:`renew`), so an id planted in a
  browser before sign-in (session fixation) is worth nothing after it;
- "sign out everywhere" deletes every row of the account (:func:`end_sessions_of`).

Redis was considered for the store (``REDIS_URL``): the rows are few and read once a request,
and revoking all of an account's sessions, and its ``session_epoch``, need the database
anyway, so one store serves both set-ups.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from typing import Any

from flask import Flask, Request, g
from flask.json.tag import TaggedJSONSerializer
from flask.sessions import SessionInterface, SessionMixin
from sqlalchemy import delete, or_
from sqlalchemy.orm import Session
from werkzeug.datastructures import CallbackDict
from werkzeug.wrappers import Response

from web.storage.schema import WebSession, utcnow

MAX_SESSION_AGE = dt.timedelta(hours=12)
#: A session's "last seen" time is written at most this often when nothing else changed.
TOUCH_EVERY = dt.timedelta(seconds=60)
_ID = re.compile(r"^[A-Za-z0-9_-]{43}$")
_serializer = TaggedJSONSerializer()


def digest(session_id: str) -> str:
    """The SHA-256 (hex) under which a session id is stored.

    Examples
    --------
    >>> len(digest("x" * 43))
    64
    """
    return hashlib.sha256(session_id.encode("ascii")).hexdigest()


class ServerSession(CallbackDict[str, Any], SessionMixin):
    """The session's contents; ``sid`` is ``None`` until the first save gives it an id."""

    def __init__(
        self,
        initial: dict[str, Any] | None = None,
        sid: str | None = None,
        last_seen: dt.datetime | None = None,
    ) -> None:
        def on_update(_: Any) -> None:
            self.modified = True

        super().__init__(initial, on_update)
        self.sid = sid
        self.last_seen = last_seen
        self.modified = False
        self.renew = False

    @property
    def new(self) -> bool:  # type: ignore[override]
        """True when no stored session stands behind this one yet."""
        return self.sid is None


def renew(session: Any) -> None:
    """Empty the session and give it a new id at the next save; the old id stops working.

    Called when someone signs in (each step), is made to enrol a second factor, and signs out.
    """
    session.clear()
    if isinstance(session, ServerSession):
        session.renew = True
        session.modified = True


def rotate(session: Any) -> None:
    """Keep the session's contents under a new id at the next save (more trust: a second factor set up)."""
    if isinstance(session, ServerSession):
        session.renew = True
        session.modified = True


def end_sessions_of(db: Session, user_id: int) -> None:
    """Delete every stored session of the account, in the caller's transaction."""
    db.execute(delete(WebSession).where(WebSession.user_id == user_id))


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


class DatabaseSessionInterface(SessionInterface):
    """Flask's session interface over the ``web_sessions`` table."""

    def _store(self, app: Flask) -> Session:
        maker = app.extensions["pathways.sessions"]
        store: Session = maker()
        return store

    @staticmethod
    def _limits(app: Flask) -> tuple[dt.timedelta, dt.timedelta]:
        return app.permanent_session_lifetime, app.config.get("SESSION_MAX_AGE", MAX_SESSION_AGE)

    def open_session(self, app: Flask, request: Request) -> ServerSession:
        """The stored session the cookie names, if it is still alive; else a new, empty one."""
        sid = request.cookies.get(self.get_cookie_name(app), "")
        if not _ID.match(sid):
            return ServerSession()
        idle, longest = self._limits(app)
        now = utcnow()
        with self._store(app) as store:
            row = store.get(WebSession, digest(sid))
            if row is None:
                return ServerSession()
            if _aware(row.last_seen_at) < now - idle or _aware(row.created_at) < now - longest:
                store.delete(row)
                store.commit()
                return ServerSession()
            return ServerSession(_serializer.loads(row.data), sid=sid, last_seen=_aware(row.last_seen_at))

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        """Store what changed, delete what was emptied or renewed, and send the id (only) as the cookie."""
        if not isinstance(session, ServerSession):
            return
        pending = g.get("db")
        if pending is not None:
            pending.rollback()  # what the view left uncommitted is dropped at teardown anyway: free its locks
        name, domain, path = self.get_cookie_name(app), self.get_cookie_domain(app), self.get_cookie_path(app)
        now = utcnow()
        with self._store(app) as store:
            if session.sid is not None and (session.renew or not session):
                store.execute(delete(WebSession).where(WebSession.id_hash == digest(session.sid)))
                if not session:
                    store.commit()
                    response.delete_cookie(name, domain=domain, path=path)
                    response.vary.add("Cookie")
                    return
                session.sid = None
            if not session:
                return
            owner = session.get("user_id", session.get("totp_user_id"))  # signed in, or half-way
            user_id = owner if isinstance(owner, int) else None
            if session.sid is None:
                session.sid = secrets.token_urlsafe(32)
                self._forget_stale(store, app, now)
                store.add(
                    WebSession(
                        id_hash=digest(session.sid),
                        user_id=user_id,
                        data=_serializer.dumps(dict(session)),
                        created_at=now,
                        last_seen_at=now,
                    )
                )
            elif session.modified or session.last_seen is None or now - session.last_seen > TOUCH_EVERY:
                row = store.get(WebSession, digest(session.sid))
                if row is None:  # ended meanwhile (signed out elsewhere): do not bring it back
                    response.delete_cookie(name, domain=domain, path=path)
                    return
                row.data = _serializer.dumps(dict(session))
                row.user_id = user_id
                row.last_seen_at = now
            else:
                return
            store.commit()
        response.vary.add("Cookie")
        response.set_cookie(
            name,
            session.sid,
            expires=self.get_expiration_time(app, session),
            httponly=self.get_cookie_httponly(app),
            domain=domain,
            path=path,
            secure=self.get_cookie_secure(app),
            samesite=self.get_cookie_samesite(app),
        )

    def _forget_stale(self, store: Session, app: Flask, now: dt.datetime) -> None:
        """Delete sessions past either limit (run whenever a session is made, so the table stays small)."""
        idle, longest = self._limits(app)
        store.execute(
            delete(WebSession).where(
                or_(WebSession.last_seen_at < now - idle, WebSession.created_at < now - longest)
            )
        )


def init_app(app: Flask) -> None:
    """Keep the app's sessions in the database."""
    app.session_interface = DatabaseSessionInterface()
