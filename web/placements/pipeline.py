"""The placement pipeline: which step may follow which, who may record it, and outcome figures.

Plain data in, plain data out (no Flask, no database), so the rules are tested on
their own: a proposal moves from ``proposed`` through the paid placement and the
interview to a job, and is followed at 3, 6 and 12 months.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: state -> the states that may follow it
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "proposed": ("person_agreed", "withdrawn"),
    "person_agreed": ("introduced", "withdrawn"),
    "introduced": ("placement_started", "withdrawn"),
    "placement_started": ("placement_completed", "ended_early"),
    "placement_completed": ("interview", "withdrawn"),
    "interview": ("offer", "no_offer"),
    "offer": ("hired", "offer_declined"),
    "hired": ("employed_3_months", "left_job"),
    "employed_3_months": ("employed_6_months", "left_job"),
    "employed_6_months": ("employed_12_months", "left_job"),
    "employed_12_months": (),
    "ended_early": (),
    "no_offer": (),
    "offer_declined": (),
    "left_job": (),
    "withdrawn": (),
}
STEPS = (
    "proposed",
    "person_agreed",
    "introduced",
    "placement_started",
    "placement_completed",
    "interview",
    "offer",
    "hired",
    "employed_3_months",
    "employed_6_months",
    "employed_12_months",
)
#: Transitions that need a reason in words.
NEEDS_REASON = frozenset({"ended_early", "withdrawn", "no_offer", "offer_declined", "left_job"})
#: What an employer may record, for its own programmes and vacancies only.
EMPLOYER_MAY_RECORD = frozenset(
    {"placement_started", "placement_completed", "ended_early", "interview", "offer", "no_offer", "hired"}
)
CLOSED = frozenset(state for state, nexts in TRANSITIONS.items() if not nexts)
SMALL_COUNT = 5


class TransitionRefused(ValueError):
    """A step that may not follow the current one, or may not be recorded by this role."""


def check_transition(current: str, target: str, role: str, reason: str = "") -> None:
    """Raise :class:`TransitionRefused` unless ``role`` may move ``current`` to ``target``.

    Examples
    --------
    >>> check_transition("interview", "offer", "employer")
    >>> try:
    ...     check_transition("proposed", "hired", "counsellor")
    ... except TransitionRefused as refusal:
    ...     print(refusal)
    After "proposed" the next step can be: person agreed, withdrawn.

    """
    allowed = TRANSITIONS.get(current)
    if allowed is None or target not in allowed:
        nexts = ", ".join(s.replace("_", " ") for s in allowed or ()) or "nothing (this proposal is closed)"
        raise TransitionRefused(f'After "{current}" the next step can be: {nexts}.')
    if role == "employer" and target not in EMPLOYER_MAY_RECORD:
        raise TransitionRefused("Employers record placement, interview and offer outcomes only.")
    if role not in ("counsellor", "employer"):
        raise TransitionRefused("Only counsellors and employers move proposals along.")
    if target in NEEDS_REASON and not reason.strip():
        raise TransitionRefused(f'Say why ("{target.replace("_", " ")}" needs a reason).')


@dataclass(frozen=True)
class ProposalHistory:
    """One proposal's path: the states it reached, when, and the pay of the job."""

    group: str
    reached: dict[str, dt.datetime]
    job_pay_monthly: float | None = None


@dataclass(frozen=True)
class StepCount:
    """How many proposals reached a step; ``None`` when suppressed (fewer than 5 people)."""

    step: str
    count: int | None
    rate_from_previous: float | None


@dataclass(frozen=True)
class GroupOutcomes:
    """Outcome figures for one programme or employer."""

    group: str
    steps: tuple[StepCount, ...]
    median_days_to_job: float | None
    median_job_pay_monthly: float | None
    suppressed: bool


def _suppress(count: int) -> int | None:
    return count if count == 0 or count >= SMALL_COUNT else None


def outcomes(histories: Iterable[ProposalHistory]) -> list[GroupOutcomes]:
    """Conversion at each step, time to job and pay, per group; counts under 5 suppressed.

    A median of fewer than 5 people is suppressed too, since it would describe them.

    Examples
    --------
    >>> t = dt.datetime(2026, 1, 1)
    >>> h = [ProposalHistory("bf", {"proposed": t, "hired": t + dt.timedelta(days=40)}, 1500.0)] * 6
    >>> out = outcomes(h)[0]
    >>> out.steps[0].count, out.median_days_to_job
    (6, 40.0)

    """
    by_group: dict[str, list[ProposalHistory]] = {}
    for history in histories:
        by_group.setdefault(history.group, []).append(history)
    return [_group_outcomes(group, items) for group, items in sorted(by_group.items())]


def _group_outcomes(group: str, items: Sequence[ProposalHistory]) -> GroupOutcomes:
    steps = []
    previous: int | None = None
    for step in STEPS:
        count = sum(1 for h in items if step in h.reached)
        rate = count / previous if previous else None
        shown = _suppress(count)
        steps.append(
            StepCount(step, shown, None if shown is None or _suppress(previous or 0) is None else rate)
        )
        previous = count
    hired = [h for h in items if "hired" in h.reached and "proposed" in h.reached]
    days = [(h.reached["hired"] - h.reached["proposed"]).total_seconds() / 86400 for h in hired]
    pays = [h.job_pay_monthly for h in hired if h.job_pay_monthly is not None]
    return GroupOutcomes(
        group=group,
        steps=tuple(steps),
        median_days_to_job=round(statistics.median(days), 1) if len(days) >= SMALL_COUNT else None,
        median_job_pay_monthly=round(statistics.median(pays), 2) if len(pays) >= SMALL_COUNT else None,
        suppressed=any(s.count is None for s in steps),
    )
