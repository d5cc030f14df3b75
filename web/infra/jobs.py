"""Background jobs: long work runs outside the request, with progress the page can poll.

With ``REDIS_URL`` configured, jobs go to an RQ queue on Redis and any number of
``pathways worker`` processes, on any machine, run them. Without it (the embedded
default), the same job functions run in a small thread pool (``JOB_THREADS``) inside the
web process that was asked. Either way a job's state (queued, running, its progress, result
or error) lives in the database table ``background_jobs`` (:class:`JobStore`), so a job
started through one web worker process can be followed from a page any other one serves.

A job function is a plain importable function taking JSON-ready keyword arguments and
returning a JSON-ready result; it may report progress with :func:`report_progress`.

The queue is fair: one user may have at most ``JOBS_PER_USER`` jobs running or waiting
(:class:`TooManyJobs` otherwise, shown as a 429 page or API error), and a job may run for at
most ``JOB_TIME_LIMIT_S`` seconds. An RQ worker kills a job at its limit; an in-process job
is stopped at its next progress report past the limit (a thread cannot be killed), and its
page says it failed as soon as the limit has passed.

Jobs run without the reader's language, so progress is stored as a message id (an English
gettext msgid marked with :func:`N_`) and its parameters; the progress page says it in the
language of whoever reads it (:func:`progress_text`). ``JobStatus.message`` keeps the English
words for API clients.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import socket
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, current_app
from flask_babel import format_decimal, gettext, ngettext
from sqlalchemy import delete, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from web.i18n import N_
from web.infra.db import end_unit_of_work
from web.infra.settings import whole_number
from web.storage.schema import BackgroundJob, utcnow

QUEUE_NAME = "pathways"
RESULT_TTL_S = 24 * 3600
ACTIVE = ("queued", "running")
PROGRESS_EVERY_S = 0.5  # progress is written at most this often (each write is a short transaction)
_local = threading.local()

JOB_FAILED = N_("The job failed. Please try again; if it fails again, tell your administrator.")
JOB_TOO_LONG = N_(
    "The job took longer than its time limit and was stopped. Try again with less to do; "
    "if it happens again, tell your administrator."
)
JOB_LOST = N_("The job stopped because the server restarted. Please start it again.")


class TooManyJobs(Exception):
    """The user already has as many jobs running or waiting as one person may."""

    def __init__(self, limit: int) -> None:
        super().__init__(self.english(limit))
        self.limit = limit

    @staticmethod
    def english(limit: int) -> str:
        """The message in English (for the JSON API)."""
        jobs = "1 background job" if limit == 1 else f"{limit} background jobs"
        return (
            f"You already have {jobs} running or waiting, the most one person may have at once. "
            "Wait until one has finished (its page shows how far it has got), then try again."
        )

    def text(self) -> str:
        """The message in the reader's language (needs an app context)."""
        return ngettext(
            "You already have %(num)s background job running or waiting, the most one person may have "
            "at once. Wait until one has finished (its page shows how far it has got), then try again.",
            "You already have %(num)s background jobs running or waiting, the most one person may have "
            "at once. Wait until one has finished (its page shows how far it has got), then try again.",
            self.limit,
        )


class JobTimeLimit(Exception):
    """Raised inside an in-process job at a progress report past its time limit."""


@dataclass(frozen=True)
class JobStatus:
    """Where a job stands: ``queued``, ``running``, ``finished`` or ``failed``."""

    id: str
    state: str
    progress: float
    message: str
    result: Any = None
    error: str | None = None
    message_id: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)


def _utc(moment: dt.datetime | None) -> dt.datetime | None:
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=dt.UTC)  # SQLite hands back naive UTC


def _this_runner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _runner_gone(runner: str) -> bool:
    """True if ``runner`` is a web process on this machine that no longer exists."""
    host, _, pid = runner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


class JobStore:
    """Job state in the ``background_jobs`` table, shared by every web and worker process.

    Every change is its own short transaction, so following a job never holds a lock.
    """

    def __init__(self, sessions: sessionmaker[Session], time_limit_s: int, per_user: int) -> None:
        self.sessions = sessions
        self.time_limit_s = time_limit_s
        self.per_user = per_user

    def effective(self, row: BackgroundJob, now: dt.datetime | None = None) -> tuple[str, str | None]:
        """The row's state and error, counting a job past its time limit or whose process died as failed."""
        if row.state not in ACTIVE:
            return row.state, row.error
        now = now or utcnow()
        since = _utc(row.started_at) or _utc(row.created_at)
        if since is not None and (now - since).total_seconds() > self.time_limit_s:
            return "failed", JOB_TOO_LONG
        if _runner_gone(row.runner):
            return "failed", JOB_LOST
        return row.state, row.error

    def create(self, task: str, owner_id: int | None, runner: str) -> str:
        """Record a new queued job and return its key; :class:`TooManyJobs` past the owner's limit.

        Counting the owner's active jobs and adding the new one happen in one transaction that
        first takes a lock (PostgreSQL: an advisory lock per owner; SQLite: the write lock, taken
        by the clean-up of expired rows), so requests racing in several processes take turns and
        never both get past the limit.
        """
        key = uuid.uuid4().hex
        with self.sessions() as db:
            if owner_id is not None and db.get_bind().dialect.name == "postgresql":
                db.execute(text("SELECT pg_advisory_xact_lock(7312, :owner)"), {"owner": owner_id})
            stale = utcnow() - dt.timedelta(seconds=max(RESULT_TTL_S, self.time_limit_s))
            db.execute(delete(BackgroundJob).where(BackgroundJob.created_at < stale))
            if owner_id is not None and self.per_user:
                rows = db.execute(
                    select(BackgroundJob).where(
                        BackgroundJob.owner_id == owner_id, BackgroundJob.state.in_(ACTIVE)
                    )
                ).scalars()
                now = utcnow()
                if sum(self.effective(row, now)[0] in ACTIVE for row in rows) >= self.per_user:
                    db.rollback()
                    raise TooManyJobs(self.per_user)
            db.add(BackgroundJob(key=key, owner_id=owner_id, task=task, runner=runner, params={}))
            db.commit()
        return key

    def update(self, key: str, **fields: Any) -> None:
        """Change some fields of the job ``key`` (its own short transaction)."""
        with self.sessions() as db:
            db.execute(update(BackgroundJob).where(BackgroundJob.key == key).values(**fields))
            db.commit()

    def start(self, key: str) -> bool:
        """Mark a queued job as running now; ``False`` when it is no longer queued (or gone)."""
        with self.sessions() as db:
            done = db.execute(
                update(BackgroundJob)
                .where(BackgroundJob.key == key, BackgroundJob.state == "queued")
                .values(state="running", started_at=utcnow())
            )
            db.commit()
            return bool(getattr(done, "rowcount", 0))

    def end(self, key: str, *, result: Any = None, error: str | None = None) -> None:
        """Record the job's result, or why it failed."""
        if error is None:
            self.update(key, state="finished", progress=1.0, result=result, finished_at=utcnow())
        else:
            self.update(key, state="failed", error=error, finished_at=utcnow())

    def status(self, key: str) -> JobStatus | None:
        """The job's status, or ``None`` if unknown or expired."""
        with self.sessions() as db:
            row = db.execute(select(BackgroundJob).where(BackgroundJob.key == key)).scalar_one_or_none()
            if row is None:
                return None
            state, error = self.effective(row)
            return JobStatus(
                id=key,
                state=state,
                progress=float(row.progress or 0.0),
                message=row.message or "",
                result=row.result if state == "finished" else None,
                error=error if state == "failed" else None,
                message_id=row.message_id or "",
                params=dict(row.params or {}),
            )

    def owned(self, key: str, owner_id: int, task: str) -> bool:
        """Whether job ``key`` is ``owner_id``'s own job of ``task``."""
        with self.sessions() as db:
            found = db.execute(
                select(BackgroundJob.key).where(
                    BackgroundJob.key == key, BackgroundJob.owner_id == owner_id, BackgroundJob.task == task
                )
            ).scalar_one_or_none()
            return found is not None

    def latest(self, owner_id: int, task: str) -> str | None:
        """The key of ``owner_id``'s most recent job of ``task`` still kept, or ``None``."""
        with self.sessions() as db:
            return db.execute(
                select(BackgroundJob.key)
                .where(BackgroundJob.owner_id == owner_id, BackgroundJob.task == task)
                .order_by(BackgroundJob.created_at.desc(), BackgroundJob.id.desc())
                .limit(1)
            ).scalar_one_or_none()


@dataclass
class _Running:
    key: str
    store: JobStore
    deadline: float
    written_at: float = 0.0
    written_id: str = ""


def report_progress(fraction: float, message: str = "", **params: Any) -> None:
    """Tell the page how far the current job has got (0 to 1); a no-op outside a job.

    ``message`` is a msgid marked with :func:`N_`, with ``%(name)s`` placeholders filled from
    ``params`` (JSON-ready values) when the page shows it. Past the job's time limit this
    raises :class:`JobTimeLimit`, which stops the job.
    """
    job: _Running | None = getattr(_local, "job", None)
    if job is None:
        return
    now = time.monotonic()
    if now > job.deadline:
        raise JobTimeLimit(f"past its time limit of {job.store.time_limit_s} s")
    fraction = max(0.0, min(1.0, fraction))
    if message == job.written_id and fraction < 1.0 and now - job.written_at < PROGRESS_EVERY_S:
        return
    english = message % params if params else message
    job.store.update(job.key, progress=fraction, message=english, message_id=message, params=dict(params))
    job.written_at, job.written_id = now, message


def _shown(value: Any) -> Any:
    return format_decimal(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


def progress_text(status: JobStatus) -> str:
    """The job's progress message in the reader's language (needs an app context)."""
    if not status.message_id:
        return status.message
    return gettext(status.message_id, **{k: _shown(v) for k, v in status.params.items()})


def error_text(status: JobStatus) -> str:
    """Why the job failed, in the reader's language when it is one of the app's own messages."""
    return gettext(status.error) if status.error else ""


def resolve(path: str) -> Callable[..., Any]:
    """The function named ``"module:function"``; only functions under ``web.tasks`` may run."""
    module_name, _, attr = path.partition(":")
    if not module_name.startswith("web.tasks"):
        raise ValueError(f"{path!r} is not a Pathways task")
    found: Callable[..., Any] = getattr(importlib.import_module(module_name), attr)
    return found


def _error_text(exc: Exception) -> str:
    message = str(exc).strip()
    if exc.__class__.__module__.startswith(("planner", "matcher")) and message:
        return message
    traceback.print_exception(exc)
    return JOB_FAILED


def execute(store: JobStore, key: str, task: str, kwargs: dict[str, Any]) -> None:
    """Run the job ``key`` here and now (in an app context), recording its progress and outcome."""
    if not store.start(key):
        return
    _local.job = _Running(key, store, time.monotonic() + store.time_limit_s)
    try:
        result = resolve(task)(**kwargs)
        end_unit_of_work(commit=True)  # one unit of work per job, as per request (web.infra.db)
    except JobTimeLimit:
        end_unit_of_work(commit=False)
        store.end(key, error=JOB_TOO_LONG)
    except Exception as exc:  # a failed job is reported to its page, not raised in a pool thread
        end_unit_of_work(commit=False)
        store.end(key, error=_error_text(exc))
    else:
        if time.monotonic() > _local.job.deadline:
            store.end(key, error=JOB_TOO_LONG)
        else:
            store.end(key, result=result)
    finally:
        _local.job = None


class InProcessQueue:
    """Runs jobs in threads of this process: the embedded default."""

    def __init__(self, app: Flask, threads: int = 2) -> None:
        self._app = app
        self.store = _store(app)
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="pathways-job")
        self._pending: set[Future[None]] = set()
        self._lock = threading.Lock()

    def submit(self, task: str, *, owner_id: int | None = None, **kwargs: Any) -> str:
        """Queue ``task`` with keyword arguments; return the job id."""
        resolve(task)
        key = self.store.create(task, owner_id, _this_runner())
        future = self._pool.submit(self._run, key, task, kwargs)
        with self._lock:
            self._pending.add(future)
        future.add_done_callback(self._forget)
        return key

    def _forget(self, future: Future[None]) -> None:
        with self._lock:
            self._pending.discard(future)

    def drain(self, timeout: float = 600.0) -> bool:
        """Wait until every job submitted so far has finished (or failed); ``False`` on timeout."""
        with self._lock:
            pending = set(self._pending)
        _done, not_done = wait(pending, timeout=timeout)
        return not not_done

    def _run(self, key: str, task: str, kwargs: dict[str, Any]) -> None:
        with self._app.app_context():
            execute(self.store, key, task, kwargs)

    def status(self, job_id: str) -> JobStatus | None:
        """The job's status, or ``None`` if unknown."""
        return self.store.status(job_id)


def run_rq_job(key: str, task: str, kwargs: dict[str, Any]) -> None:
    """Run a task in an RQ worker (inside ``pathways worker``'s app context)."""
    execute(_store(current_app), key, task, kwargs)


class RedisQueue:
    """Runs jobs through RQ on Redis, so workers can be spread over machines."""

    def __init__(self, url: str, store: JobStore) -> None:
        from redis import Redis
        from rq import Queue

        self.store = store
        self.connection = Redis.from_url(url)
        self.queue = Queue(QUEUE_NAME, connection=self.connection)

    def submit(self, task: str, *, owner_id: int | None = None, **kwargs: Any) -> str:
        """Queue ``task``; return the job id."""
        resolve(task)
        key = self.store.create(task, owner_id, "rq")
        self.queue.enqueue(
            run_rq_job,
            key,
            task,
            kwargs,
            job_id=key,
            job_timeout=self.store.time_limit_s + 60,  # our own limit speaks first; RQ kills a stuck job
            result_ttl=0,
            failure_ttl=RESULT_TTL_S,
        )
        return key

    def status(self, job_id: str) -> JobStatus | None:
        """The job's status, or ``None`` if unknown or expired."""
        return self.store.status(job_id)


def _store(app: Flask) -> JobStore:
    found: JobStore = app.extensions["pathways.job_store"]
    return found


def init_app(app: Flask) -> None:
    """Check the job settings and choose the queue: RQ when ``REDIS_URL`` is set, else in-process."""
    config = app.config
    config["JOBS_PER_USER"] = whole_number(config, "JOBS_PER_USER", minimum=1, maximum=100, off=0)
    config["JOB_TIME_LIMIT_S"] = whole_number(config, "JOB_TIME_LIMIT_S", minimum=10, maximum=86_400)
    config["JOB_THREADS"] = whole_number(config, "JOB_THREADS", minimum=1, maximum=32)
    app.extensions["pathways.job_store"] = JobStore(
        app.extensions["pathways.sessions"], config["JOB_TIME_LIMIT_S"], config["JOBS_PER_USER"]
    )
    url = config.get("REDIS_URL")
    store = _store(app)
    app.extensions["pathways.jobs"] = (
        RedisQueue(url, store) if url else InProcessQueue(app, config["JOB_THREADS"])
    )


def queue() -> InProcessQueue | RedisQueue:
    """The app's job queue."""
    found: InProcessQueue | RedisQueue = current_app.extensions["pathways.jobs"]
    return found


def submit(task: str, *, owner_id: int, **kwargs: Any) -> str:
    """Queue a task of ``owner_id``'s from a request; the job id.

    What the request wrote so far is committed first (:func:`web.infra.db.end_unit_of_work`): the job
    runs in a transaction of its own and reads only what is committed, and on SQLite none of the
    request's writes stays open while the job waits to write. Raises :class:`TooManyJobs` when the
    owner already has ``JOBS_PER_USER`` jobs running or waiting.
    """
    end_unit_of_work(commit=True)
    return queue().submit(task, owner_id=owner_id, **kwargs)


def start(task: str, **kwargs: Any) -> str:
    """:func:`submit` a task for the signed-in user, kept with its task in their session (theirs only)."""
    from flask import g, session

    job_id = submit(task, owner_id=g.user.id, **kwargs)
    session["jobs"] = [*_remembered(session.get("jobs"))[-19:], [job_id, task]]
    return job_id


def _remembered(jobs: Any) -> list[list[str]]:
    """The session's ``[job id, task]`` pairs (bare ids, from before tasks were kept, count as none)."""
    return [list(pair) for pair in jobs or [] if isinstance(pair, list | tuple) and len(pair) == 2]


def owned_status(job_id: str, task: str) -> JobStatus:
    """The status of one of the user's own jobs of ``task``; else 404 (another's, another kind, unknown).

    A page shows the result of one kind of job: the demand map's page given the id of a cohort
    assignment (also the user's own) must answer "not found", not fail on the other result's shape.
    """
    from flask import abort, g, session

    mine = [job_id, task] in _remembered(session.get("jobs")) or (
        g.get("user") is not None and queue().store.owned(job_id, g.user.id, task)
    )  # the job is kept with its owner: signing in again (a new session) still finds it
    status = queue().status(job_id) if mine else None
    if status is None:
        abort(404)
    return status


def latest_owned(task: str) -> str | None:
    """The signed-in user's most recent job of ``task`` still kept (any session), or ``None``."""
    from flask import g

    return queue().store.latest(g.user.id, task)


def progress_page(status: JobStatus) -> tuple[str, int]:
    """The page shown while a job runs (refreshes itself) or after it failed."""
    from flask import render_template

    return render_template(
        "jobs/progress.html", status=status, message=progress_text(status), error=error_text(status)
    ), 500 if status.state == "failed" else 200
