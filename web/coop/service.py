"""Cooperatives: who may see which group, the group's books, and its saved plans.

Every function takes the acting user. A member or treasurer reaches only the cooperative they
currently belong to; any other id is "not found", so ids cannot be probed. Only treasurers save or
delete plans. Access and changes are written to the audit log (ids only).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NoReturn

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.exceptions import Forbidden, HTTPException, NotFound

from web.coop.plans import KINDS, CoopFacts
from web.i18n import N_
from web.infra import audit
from web.storage.schema import Cooperative, CoopMember, CoopSaving, SavedPlan, User

COOP_ROLES = ("coop_member", "coop_treasurer")


def _deny(db: Session, user: User, action: str, what: tuple[str, object], error: HTTPException) -> NoReturn:
    """Refuse ``user`` the object ``what`` (type, id) with ``error``, audited (:func:`audit.refuse`)."""
    audit.refuse(db, action, actor_id=user.id, object_type=what[0], object_id=what[1], error=error)


def own_cooperative_id(db: Session, user: User) -> int | None:
    """The id of the cooperative the user currently belongs to (``None`` if none or left)."""
    return db.execute(
        select(CoopMember.cooperative_id)
        .where(CoopMember.user_id == user.id, CoopMember.left_on.is_(None))
        .order_by(CoopMember.id)
        .limit(1)
    ).scalar_one_or_none()


def cooperative_for(
    db: Session, user: User, coop_id: int | None, action: str = "view_cooperative"
) -> Cooperative:
    """The cooperative if ``user`` belongs to it (``None``: their own), else 404; audited."""
    own = own_cooperative_id(db, user) if user.role in COOP_ROLES else None
    wanted = own if coop_id is None else coop_id
    coop = db.get(Cooperative, wanted) if wanted is not None else None
    if coop is None or own is None or coop.id != own:
        wanted_id = coop_id if coop_id is not None else ""
        _deny(db, user, action, ("cooperative", wanted_id), NotFound(N_("No such cooperative among yours.")))
    audit.record(db, action, actor_id=user.id, object_type="cooperative", object_id=coop.id)
    return coop


def require_treasurer(db: Session, user: User, coop: Cooperative, action: str) -> None:
    """Stop with 403 (audited) unless ``user`` is a treasurer."""
    if user.role != "coop_treasurer":
        refused = Forbidden(N_("Only the treasurer can save or delete plans."))
        _deny(db, user, action, ("cooperative", coop.id), refused)


def active_members(coop: Cooperative) -> list[CoopMember]:
    """Members who have not left."""
    return [m for m in coop.members if m.left_on is None]


def facts(coop: Cooperative) -> CoopFacts:
    """What the plan forms take from the cooperative's record."""
    return CoopFacts(
        currency=coop.currency,
        monthly_share=float(coop.monthly_share),
        max_loan_multiple=float(coop.max_loan_multiple),
        monthly_interest_rate=float(coop.monthly_interest_rate),
        members=len(active_members(coop)),
        country=coop.locality.country if coop.locality else None,
    )


@dataclass(frozen=True)
class MonthTotals:
    """The whole group's books for one month."""

    month: str
    saved: Decimal
    loans_taken: Decimal
    loans_repaid: Decimal


@dataclass(frozen=True)
class LoanFund:
    """Totals to date and the loan fund estimate (savings less loans still out)."""

    saved: Decimal
    loans_taken: Decimal
    loans_repaid: Decimal
    loans_outstanding: Decimal
    cash_estimate: Decimal


def monthly_totals(db: Session, coop: Cooperative) -> list[MonthTotals]:
    """Sum of savings, loans taken and repaid, by month, oldest first.

    Summed here, not in SQL: each member's amounts are stored encrypted.
    """
    rows = db.execute(
        select(CoopSaving.month, CoopSaving.saved, CoopSaving.loan_taken, CoopSaving.loan_repaid)
        .join(CoopMember, CoopMember.id == CoopSaving.member_id)
        .where(CoopMember.cooperative_id == coop.id)
    ).all()
    sums: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0)] * 3)
    for month, *amounts in rows:
        sums[month] = [total + (amount or 0) for total, amount in zip(sums[month], amounts, strict=True)]
    return [MonthTotals(month, *sums[month]) for month in sorted(sums)]


def loan_fund(months: list[MonthTotals]) -> LoanFund:
    """Totals to date; loans outstanding = taken - repaid, cash = savings - loans outstanding.

    An estimate: interest, fees, withdrawals and the social fund are not in the monthly records.

    Examples
    --------
    >>> loan_fund([MonthTotals("2024-01", Decimal(100), Decimal(60), Decimal(20))]).cash_estimate
    Decimal('60')
    """
    saved = sum((m.saved for m in months), Decimal(0))
    taken = sum((m.loans_taken for m in months), Decimal(0))
    repaid = sum((m.loans_repaid for m in months), Decimal(0))
    out = taken - repaid
    return LoanFund(saved, taken, repaid, out, saved - out)


def plans(db: Session, coop: Cooperative) -> list[SavedPlan]:
    """The cooperative's saved plans, newest first."""
    return list(
        db.execute(
            select(SavedPlan)
            .where(SavedPlan.cooperative_id == coop.id)
            .order_by(SavedPlan.created_at.desc(), SavedPlan.id.desc())
        ).scalars()
    )


def plan_for(
    db: Session,
    user: User,
    coop: Cooperative,
    plan_id: int,
    action: str = "view_plan",
    *,
    with_result: bool = False,
) -> SavedPlan:
    """A plan of ``coop`` (already access-checked), else 404; audited.

    ``with_result``: also 404 when the plan has no results yet (a queued run) or is of a kind these
    pages do not draw.
    """
    plan = db.get(SavedPlan, plan_id)
    if plan is None or plan.cooperative_id != coop.id:
        _deny(db, user, action, ("saved_plan", plan_id), NotFound(N_("No such plan in your cooperative.")))
    audit.record(db, action, actor_id=user.id, object_type="saved_plan", object_id=plan.id)
    if with_result and not has_result(plan):
        raise NotFound(N_("This plan has no results yet."))
    return plan


def has_result(plan: SavedPlan) -> bool:
    """True when the plan is a cooperative or 3x6 plan whose results are stored."""
    return plan.kind in KINDS and isinstance(plan.summary, dict) and "summary" in plan.summary


def save_plan(
    db: Session,
    user: User,
    coop: Cooperative,
    name: str,
    kind: str,
    inputs: dict[str, Any],
    result: dict[str, Any],
) -> SavedPlan:
    """Store a plan: its inputs (form values, seed, runs) and its result (series and summary)."""
    require_treasurer(db, user, coop, "save_plan")
    plan = SavedPlan(
        cooperative_id=coop.id, name=name, kind=kind, inputs=inputs, summary=result, created_by_id=user.id
    )
    db.add(plan)
    db.flush()
    audit.record(db, "save_plan", actor_id=user.id, object_type="saved_plan", object_id=plan.id)
    return plan


def delete_plan(db: Session, user: User, coop: Cooperative, plan: SavedPlan) -> None:
    """Delete a saved plan (treasurer only)."""
    require_treasurer(db, user, coop, "delete_plan")
    plan_id = plan.id
    db.delete(plan)
    db.flush()
    audit.record(db, "delete_plan", actor_id=user.id, object_type="saved_plan", object_id=plan_id)
