"""Background jobs: long work runs outside the request, with progress the page can poll.

With ``REDIS_URL`` configured, jobs go to an RQ queue on Redis and any number of
``pathways worker`` processes, on any machine, run them. Without it (the embedded
default), the same job functions run in a small thread pool inside the web process.
A job function is a plain importable function taking JSON-ready keyword arguments and
returning a JSON-ready result; it may report progress with :func:`report_progress`.

Jobs run without the reader's language, so progress is stored as a message id (an English
gettext msgid marked with :func:`N_`) and its parameters; the progress page says it in the
language of whoever reads it (:func:`progress_text`). ``JobStatus.message`` keeps the English
words for API clients.
"""

from __future__ import annotations

import importlib
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, current_app
from flask_babel import format_decimal, gettext

from web.i18n import N_

QUEUE_NAME = "pathways"
JOB_TIMEOUT_S = 1800
RESULT_TTL_S = 24 * 3600
_local = threading.local()


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


JOB_FAILED = N_("The job failed. Please try again; if it fails again, tell your administrator.")


def report_progress(fraction: float, message: str = "", **params: Any) -> None:
    """Tell the page how far the current job has got (0 to 1); a no-op outside a job.

    ``message`` is a msgid marked with :func:`N_`, with ``%(name)s`` placeholders filled from
    ``params`` (JSON-ready values) when the page shows it.
    """
    sink = getattr(_local, "sink", None)
    if sink is not None:
        english = message % params if params else message
        sink(max(0.0, min(1.0, fraction)), english, message, dict(params))


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


class InProcessQueue:
    """Runs jobs in threads of this process: the embedded default."""

    def __init__(self, app: Flask, workers: int = 2) -> None:
        self._app = app
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="pathways-job")
        self._jobs: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()

    def submit(self, task: str, **kwargs: Any) -> str:
        """Queue ``task`` with keyword arguments; return the job id."""
        job_id = uuid.uuid4().hex
        with self._lock:
            self._jobs[job_id] = {
                "state": "queued",
                "progress": 0.0,
                "message": "",
                "result": None,
                "error": None,
                "message_id": "",
                "params": {},
            }
        self._pool.submit(self._run, job_id, task, kwargs)
        return job_id

    def _update(self, job_id: str, **fields: Any) -> None:
        with self._lock:
            self._jobs[job_id].update(fields)

    def _run(self, job_id: str, task: str, kwargs: dict[str, Any]) -> None:
        self._update(job_id, state="running")
        _local.sink = lambda fraction, message, message_id, params: self._update(
            job_id, progress=fraction, message=message, message_id=message_id, params=params
        )
        try:
            with self._app.app_context():
                result = resolve(task)(**kwargs)
        except Exception as exc:  # a failed job is reported to its page, not raised in a pool thread
            self._update(job_id, state="failed", error=_error_text(exc))
        else:
            self._update(job_id, state="finished", progress=1.0, result=result)
        finally:
            _local.sink = None

    def status(self, job_id: str) -> JobStatus | None:
        """The job's status, or ``None`` if unknown."""
        with self._lock:
            job = self._jobs.get(job_id)
            return None if job is None else JobStatus(id=job_id, **job)

    def drain(self, timeout: float = 600.0) -> bool:
        """Wait until every job submitted so far has finished (or failed); ``False`` on timeout."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                busy = any(job["state"] in ("queued", "running") for job in self._jobs.values())
            if not busy:
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)


def _error_text(exc: Exception) -> str:
    message = str(exc).strip()
    if exc.__class__.__module__.startswith(("planner", "matcher")) and message:
        return message
    traceback.print_exception(exc)
    return JOB_FAILED


def run_rq_job(task: str, kwargs: dict[str, Any]) -> Any:
    """Run a task in an RQ worker (inside ``pathways worker``'s app context), progress in the job's meta."""
    from rq import get_current_job

    job = get_current_job()

    def sink(fraction: float, message: str, message_id: str, params: dict[str, Any]) -> None:
        if job is not None:
            job.meta.update(progress=fraction, message=message, message_id=message_id, params=params)
            job.save_meta()

    _local.sink = sink
    try:
        return resolve(task)(**kwargs)
    finally:
        _local.sink = None


class RedisQueue:
    """Runs jobs through RQ on Redis, so workers can be spread over machines."""

    def __init__(self, url: str) -> None:
        from redis import Redis
        from rq import Queue

        self.connection = Redis.from_url(url)
        self.queue = Queue(QUEUE_NAME, connection=self.connection)

    def submit(self, task: str, **kwargs: Any) -> str:
        """Queue ``task``; return the RQ job id."""
        resolve(task)
        job = self.queue.enqueue(
            run_rq_job,
            task,
            kwargs,
            job_timeout=JOB_TIMEOUT_S,
            result_ttl=RESULT_TTL_S,
            failure_ttl=RESULT_TTL_S,
            meta={"progress": 0.0, "message": ""},
        )
        return str(job.id)

    def status(self, job_id: str) -> JobStatus | None:
        """The job's status from Redis, or ``None`` if unknown or expired."""
        from rq.exceptions import NoSuchJobError
        from rq.job import Job

        try:
            job = Job.fetch(job_id, connection=self.connection)
        except NoSuchJobError:
            return None
        raw = job.get_status(refresh=True)
        state = {"queued": "queued", "started": "running", "finished": "finished", "failed": "failed"}.get(
            str(getattr(raw, "value", raw)), "queued"
        )
        meta = job.get_meta(refresh=True)
        error = None
        if state == "failed":
            error = JOB_FAILED
        return JobStatus(
            job_id,
            state,
            float(meta.get("progress", 0.0)),
            str(meta.get("message", "")),
            job.return_value() if state == "finished" else None,
            error,
            str(meta.get("message_id", "")),
            dict(meta.get("params") or {}),
        )


def init_app(app: Flask) -> None:
    """Choose the queue: RQ when ``REDIS_URL`` is set, else in-process."""
    url = app.config.get("REDIS_URL")
    app.extensions["pathways.jobs"] = RedisQueue(url) if url else InProcessQueue(app)


def queue() -> InProcessQueue | RedisQueue:
    """The app's job queue."""
    found: InProcessQueue | RedisQueue = current_app.extensions["pathways.jobs"]
    return found


def start(task: str, **kwargs: Any) -> str:
    """Queue a task for the signed-in user and remember it in their session (only they may read it)."""
    from flask import session

    job_id = queue().submit(task, **kwargs)
    session["jobs"] = [*list(session.get("jobs", []))[-19:], job_id]
    return job_id


def owned_status(job_id: str) -> JobStatus:
    """The status of one of the user's own jobs; 404 for anyone else's or an unknown one."""
    from flask import abort, session

    status = queue().status(job_id) if job_id in session.get("jobs", []) else None
    if status is None:
        abort(404)
    return status


def progress_page(status: JobStatus) -> tuple[str, int]:
    """The page shown while a job runs (refreshes itself) or after it failed."""
    from flask import render_template

    return render_template(
        "jobs/progress.html", status=status, message=progress_text(status), error=error_text(status)
    ), 500 if status.state == "failed" else 200
