"""The two paths of a proposal: which step may follow which, when, who may record it; outcome figures.

Plain data in, plain data out (no Flask, no database), so the rules are tested on their own.

A **job** (a vacancy) goes: proposed -> person agreed -> introduced -> interview -> offer ->
started the job -> still employed at 3, 6 and 12 months. A **programme** (the Bright Future
model: a paid placement, a non-competitive interview, a job) goes: proposed -> person agreed ->
introduced -> placement started -> placement completed -> interview -> started the job -> still
employed at 3, 6 and 12 months. Either may close on the way (withdrawn, no offer, placement ended
early, offer declined, left the job); a closed proposal takes no further step.

Every step has the date it happened (:class:`Step`): never in the future, never before the step
before it, and a "still employed at N months" step only once N months have passed since the
person started the job. A proposal's steps, read back in order, are its dated history
(:func:`durations` gives the days each step took, for outcome figures and models).
"""

from __future__ import annotations

import calendar
import datetime as dt
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from planner.messages import N_, Message

JOB = "job"
PROGRAMME = "programme"
#: Steps that close a proposal, on either path.
CLOSING = ("withdrawn", "no_offer", "ended_early", "offer_declined", "left_job")
_FOLLOW_UP = {
    "hired": ("employed_3_months", "left_job"),
    "employed_3_months": ("employed_6_months", "left_job"),
    "employed_6_months": ("employed_12_months", "left_job"),
    "employed_12_months": (),
}
#: path -> state -> the states that may follow it
PATHS: dict[str, dict[str, tuple[str, ...]]] = {
    JOB: {
        "proposed": ("person_agreed", "withdrawn"),
        "person_agreed": ("introduced", "withdrawn"),
        "introduced": ("interview", "no_offer", "withdrawn"),
        "interview": ("offer", "no_offer", "withdrawn"),
        "offer": ("hired", "offer_declined"),
        **_FOLLOW_UP,
        **{closed: () for closed in CLOSING if closed != "ended_early"},
    },
    PROGRAMME: {
        "proposed": ("person_agreed", "withdrawn"),
        "person_agreed": ("introduced", "withdrawn"),
        "introduced": ("placement_started", "withdrawn"),
        "placement_started": ("placement_completed", "ended_early"),
        "placement_completed": ("interview", "withdrawn"),
        "interview": ("hired", "no_offer", "offer_declined"),
        **_FOLLOW_UP,
        **{closed: () for closed in CLOSING},
    },
}
#: The steps of each path in order, from proposal to a year in the job.
STEPS: dict[str, tuple[str, ...]] = {
    JOB: (
        "proposed",
        "person_agreed",
        "introduced",
        "interview",
        "offer",
        "hired",
        "employed_3_months",
        "employed_6_months",
        "employed_12_months",
    ),
    PROGRAMME: (
        "proposed",
        "person_agreed",
        "introduced",
        "placement_started",
        "placement_completed",
        "interview",
        "hired",
        "employed_3_months",
        "employed_6_months",
        "employed_12_months",
    ),
}
#: Every state a proposal can be in, on either path.
STATES = frozenset(state for path in PATHS.values() for state in path)
#: States after which nothing follows: the proposal is closed.
CLOSED = frozenset(state for path in PATHS.values() for state, nexts in path.items() if not nexts)
#: A retention step and the months after starting the job before it can be recorded.
RETENTION_MONTHS = {"employed_3_months": 3, "employed_6_months": 6, "employed_12_months": 12}
#: Transitions that need a reason in words.
NEEDS_REASON = frozenset({"ended_early", "withdrawn", "no_offer", "offer_declined", "left_job"})
#: What an employer may record, for its own programmes and vacancies only.
EMPLOYER_MAY_RECORD = frozenset(
    {"placement_started", "placement_completed", "ended_early", "interview", "offer", "no_offer", "hired"}
)
#: Each step as people call it (English; said with gettext where it is shown).
STEP_NAMES = {
    "proposed": N_("Proposed"),
    "person_agreed": N_("Person agreed"),
    "introduced": N_("Introduced to employer"),
    "placement_started": N_("Placement started"),
    "placement_completed": N_("Placement completed"),
    "ended_early": N_("Placement ended early"),
    "interview": N_("Interview"),
    "offer": N_("Job offered"),
    "no_offer": N_("No offer"),
    "offer_declined": N_("Offer declined"),
    "hired": N_("Started the job"),
    "employed_3_months": N_("Still employed at 3 months"),
    "employed_6_months": N_("Still employed at 6 months"),
    "employed_12_months": N_("Still employed at 12 months"),
    "left_job": N_("Left the job"),
    "withdrawn": N_("Withdrawn"),
}
SMALL_COUNT = 5


class TransitionRefused(ValueError):
    """A step that may not follow the current one, on that date, or by this role.

    ``message`` says why in English (``str``) or, with ``message.text(gettext)``, in the
    reader's language.
    """

    def __init__(self, template: str, **values: Any) -> None:
        kinds = {name: "date" for name, value in values.items() if isinstance(value, dt.date)}
        self.message = Message(template, values, kinds)
        super().__init__(str(self.message))


@dataclass(frozen=True)
class Step:
    """One step of a proposal's history: the state reached, the day it happened, who recorded it and when."""

    state: str
    on: dt.date
    recorded_at: dt.datetime | None = None
    by_user_id: int | None = None
    reason: str | None = None


def path_of(is_programme: bool) -> str:
    """The path of a proposal for a programme place (``programme``) or a vacancy (``job``)."""
    return PROGRAMME if is_programme else JOB


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole calendar months (the last day of a shorter month when it has no such day).

    Examples
    --------
    >>> add_months(dt.date(2026, 11, 30), 3)
    datetime.date(2027, 2, 28)
    >>> add_months(dt.date(2026, 12, 5), -1)
    datetime.date(2026, 11, 5)

    """
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def started_on(history: Sequence[Step]) -> dt.date | None:
    """The day the person started the job, if they did."""
    return next((s.on for s in reversed(history) if s.state == "hired"), None)


def due_on(history: Sequence[Step], state: str) -> dt.date | None:
    """The first day a retention step can be recorded (``None``: not a retention step, or no job yet)."""
    months = RETENTION_MONTHS.get(state)
    start = started_on(history)
    return add_months(start, months) if months is not None and start is not None else None


def offered(path: str, history: Sequence[Step], today: dt.date) -> tuple[str, ...]:
    """The steps that may be recorded next, today: a retention step only once its time has passed.

    Examples
    --------
    >>> hired = [Step("proposed", dt.date(2026, 1, 5)), Step("hired", dt.date(2026, 3, 2))]
    >>> offered(JOB, hired, dt.date(2026, 6, 1))
    ('left_job',)
    >>> offered(JOB, hired, dt.date(2026, 6, 2))
    ('employed_3_months', 'left_job')

    """
    nexts = PATHS[path].get(history[-1].state, ()) if history else ()
    return tuple(n for n in nexts if (due_on(history, n) or today) <= today)


def _names(states: Iterable[str]) -> Message:
    names = list(states)
    if not names:
        return Message(N_("nothing (this proposal is closed)"))
    template = ", ".join(f"%(s{i})s" for i in range(len(names)))
    return Message(template, {f"s{i}": Message(STEP_NAMES.get(s, s)) for i, s in enumerate(names)})


def check_transition(
    path: str,
    history: Sequence[Step],
    target: str,
    role: str,
    on: dt.date,
    today: dt.date,
    reason: str = "",
) -> None:
    """Raise :class:`TransitionRefused` unless ``role`` may record ``target`` as happening ``on``.

    ``history`` is the proposal's steps so far, oldest first (the last is its state now).

    Examples
    --------
    >>> day = dt.date(2026, 12, 1)
    >>> check_transition(JOB, [Step("interview", day)], "offer", "employer", day, day)
    >>> try:
    ...     check_transition(JOB, [Step("proposed", day)], "hired", "counsellor", day, day)
    ... except TransitionRefused as refusal:
    ...     print(refusal)
    After "Proposed" the next step can be: Person agreed, Withdrawn.

    """
    if path not in PATHS:
        raise TransitionRefused(N_("A proposal is for a job or a placement programme."))
    current = history[-1] if history else Step("proposed", on)
    allowed = PATHS[path].get(current.state, ())
    if target not in allowed:
        raise TransitionRefused(
            N_('After "%(step)s" the next step can be: %(nexts)s.'),
            step=Message(STEP_NAMES.get(current.state, current.state)),
            nexts=_names(allowed),
        )
    if role not in ("counsellor", "employer"):
        raise TransitionRefused(N_("Only counsellors and employers move proposals along."))
    if role == "employer" and target not in EMPLOYER_MAY_RECORD:
        raise TransitionRefused(N_("Employers record placement, interview and offer outcomes only."))
    if target in NEEDS_REASON and not reason.strip():
        raise TransitionRefused(
            N_('Say why ("%(step)s" needs a reason).'), step=Message(STEP_NAMES.get(target, target))
        )
    if on > today:
        raise TransitionRefused(
            N_("%(day)s is in the future; record a step on the day it happened (today at the latest)."),
            day=on,
        )
    if history and on < current.on:
        raise TransitionRefused(
            N_('%(day)s is before the step before it ("%(step)s", on %(previous)s).'),
            day=on,
            step=Message(STEP_NAMES.get(current.state, current.state)),
            previous=current.on,
        )
    due = due_on(history, target)
    if due is not None and on < due:
        raise TransitionRefused(
            N_('"%(step)s" can be recorded from %(due)s, %(months)s months after the job started.'),
            step=Message(STEP_NAMES[target]),
            due=due,
            months=str(RETENTION_MONTHS[target]),
        )


def durations(history: Sequence[Step]) -> list[tuple[str, str, int]]:
    """``(from state, to state, days)`` for each step after the first: how long each step took.

    Examples
    --------
    >>> durations([Step("proposed", dt.date(2026, 1, 1)), Step("person_agreed", dt.date(2026, 1, 8))])
    [('proposed', 'person_agreed', 7)]

    """
    return [(a.state, b.state, (b.on - a.on).days) for a, b in zip(history, history[1:], strict=False)]


@dataclass(frozen=True)
class ProposalHistory:
    """One proposal's path: the states it reached, on which day, and the pay of the job."""

    group: str
    reached: Mapping[str, dt.date]
    job_pay_monthly: float | None = None
    path: str = PROGRAMME


@dataclass(frozen=True)
class StepCount:
    """How many proposals reached a step; ``None`` when suppressed (fewer than 5 people)."""

    step: str
    count: int | None
    rate_from_previous: float | None


@dataclass(frozen=True)
class GroupOutcomes:
    """Outcome figures for one programme or vacancy."""

    group: str
    steps: tuple[StepCount, ...]
    median_days_to_job: float | None
    median_job_pay_monthly: float | None
    suppressed: bool


def _suppress(count: int) -> int | None:
    return count if count == 0 or count >= SMALL_COUNT else None


def outcomes(histories: Iterable[ProposalHistory]) -> list[GroupOutcomes]:
    """Conversion at each step of the group's path, time to job and pay; counts under 5 suppressed.

    A median of fewer than 5 people is suppressed too, since it would describe them.

    Examples
    --------
    >>> day = dt.date(2026, 1, 1)
    >>> h = [ProposalHistory("bf", {"proposed": day, "hired": day + dt.timedelta(days=40)}, 1500.0)] * 6
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
    for step in STEPS[items[0].path]:
        count = sum(1 for h in items if step in h.reached)
        rate = count / previous if previous else None
        shown = _suppress(count)
        steps.append(
            StepCount(step, shown, None if shown is None or _suppress(previous or 0) is None else rate)
        )
        previous = count
    hired = [h for h in items if "hired" in h.reached and "proposed" in h.reached]
    days = [(h.reached["hired"] - h.reached["proposed"]).days for h in hired]
    pays = [h.job_pay_monthly for h in hired if h.job_pay_monthly is not None]
    return GroupOutcomes(
        group=group,
        steps=tuple(steps),
        median_days_to_job=round(float(statistics.median(days)), 1) if len(days) >= SMALL_COUNT else None,
        median_job_pay_monthly=round(statistics.median(pays), 2) if len(pays) >= SMALL_COUNT else None,
        suppressed=any(s.count is None for s in steps),
    )
