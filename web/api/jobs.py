"""Background jobs as the API knows them: a signed handle bound to the user who started the job.

Nobody else can read a job's result: the handle names the job and its owner, signed with the
app's key (the pages keep job ids in the user's session for the same reason). Each kind of
job has its own salt, so a cohort job's handle is no import job's.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, g
from itsdangerous import BadSignature, URLSafeSerializer

from web.api.core import ApiError
from web.infra import jobs

COHORT_JOBS = "pathways-api-cohort-job"
IMPORT_JOBS = "pathways-api-import-job"


def _signer(kind: str) -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=kind)


def job_handle(job_id: str, kind: str) -> str:
    """The handle of the signed-in user's job ``job_id``."""
    return str(_signer(kind).dumps({"job": job_id, "user": g.user.id}))


def job_id(handle: str, kind: str) -> str:
    """The job a handle names; 404 unless it is the signed-in user's, of this kind."""
    try:
        data = _signer(kind).loads(handle)
    except BadSignature:
        data = None
    if not isinstance(data, dict) or data.get("user") != g.user.id:
        raise ApiError(404, "not_found", "No such job of yours.")
    return str(data["job"])


def job_reply(handle: str, kind: str) -> dict[str, Any]:
    """The job's state, progress, English message, and its result once finished."""
    status = jobs.queue().status(job_id(handle, kind))
    if status is None:
        raise ApiError(404, "not_found", "That job has expired or never existed.")
    return {
        "job": handle,
        "state": status.state,
        "progress": status.progress,
        "message": status.message,
        "result": status.result if status.state == "finished" else None,
        "error": status.error,
    }
