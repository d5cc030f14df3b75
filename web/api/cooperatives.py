"""Cooperative members' API: their own group's saved plans (read; the treasurer deletes).

Views call :mod:`web.coop.service`, as the cooperative pages do: a member reaches only
the cooperative they belong to (any other plan is 404), only a treasurer deletes, and
every access is audited there.
"""

from __future__ import annotations

from typing import Any

from flask import Response, g, jsonify

from web.api.core import bp, roles
from web.api.shapes import plain
from web.coop import service
from web.infra.db import session
from web.storage.schema import SavedPlan

COOP_ROLES = ("coop_member", "coop_treasurer")


def _plan(plan: SavedPlan, *, full: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": plan.id,
        "name": plan.name,
        "kind": plan.kind,
        "created_at": plain(plan.created_at),
        "ready": service.has_result(plan),
    }
    if full:
        out["inputs"] = dict(plan.inputs or {})
        out["summary"] = (plan.summary or {}).get("summary") if out["ready"] else None
    return out


@bp.get("/cooperative/plans")
@roles(*COOP_ROLES, scope="cooperative:read")
def list_plans() -> Response:
    """The caller's cooperative's saved plans, newest first."""
    db = session()
    coop = service.cooperative_for(db, g.user, None, "list_plans")
    rows = service.plans(db, coop)
    return jsonify(
        {"cooperative": {"id": coop.id, "name": coop.name}, "plans": [_plan(p, full=False) for p in rows]}
    )


@bp.get("/cooperative/plans/<int:plan_id>")
@roles(*COOP_ROLES, scope="cooperative:read")
def read_plan(plan_id: int) -> Response:
    """One saved plan: its inputs and the summary of its results (``null`` while queued)."""
    db = session()
    coop = service.cooperative_for(db, g.user, None)
    plan = service.plan_for(db, g.user, coop, plan_id)
    return jsonify(_plan(plan, full=True))


@bp.delete("/cooperative/plans/<int:plan_id>")
@roles("coop_treasurer", scope="cooperative:write")
def delete_plan(plan_id: int) -> tuple[str, int]:
    """Delete a saved plan (the treasurer only, as on the page)."""
    db = session()
    coop = service.cooperative_for(db, g.user, None, "delete_plan_request")
    plan = service.plan_for(db, g.user, coop, plan_id, "delete_plan_request")
    service.delete_plan(db, g.user, coop, plan)
    return "", 204
