"""Checks of entries on their own and of the corrections (internal to ``planner.books``).

What can be said about an entry before the books are played (an amount of 0, a loan's terms, an entry
written down before its meeting) and about the reversals (they must name an entry in the books, once).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from planner.books import entries as e
from planner.exceptions import Problem
from planner.messages import N_, Message


def problem(
    entry: e.Entry, where: str, template: str, values: dict[str, Any], money: Iterable[str] = ()
) -> Problem:
    """A :class:`~planner.exceptions.Problem`: ``template`` with ``values`` (``money`` names the amounts)."""
    kinds = dict.fromkeys(money, "money")
    return Problem(entry.entry_id, where, Message(template, values, kinds))


def static_problems(entry: e.Entry) -> list[Problem]:
    """What is wrong with an entry on its own (before the books are looked at)."""
    out = []
    if not entry.entry_id.strip():
        out.append(Problem(entry.entry_id, "entry", Message(N_("every entry needs an id"))))
    if entry.recorded < entry.date:
        out.append(
            problem(
                entry,
                "recorded_on",
                N_("is written down on %(recorded)s, before its meeting on %(date)s"),
                {"recorded": entry.recorded.isoformat(), "date": entry.date.isoformat()},
            )
        )
    for name in ("amount", "savings"):
        value = getattr(entry, name, None)
        if value is not None and not isinstance(entry, e.ShareOutPayment) and value <= 0:
            out.append(problem(entry, name, N_("must be more than 0, got %(value)s"), {"value": value}))
    if isinstance(entry, e.Repayment | e.ShareOutPayment):
        parts = ("principal", "interest") if isinstance(entry, e.Repayment) else ("savings", "social")
        for name in parts:
            if getattr(entry, name) < 0:
                out.append(
                    problem(
                        entry, name, N_("cannot be negative, got %(value)s"), {"value": getattr(entry, name)}
                    )
                )
        if isinstance(entry, e.Repayment) and entry.principal + entry.interest <= 0:
            out.append(
                problem(entry, "principal", N_("a repayment needs an amount of principal or interest"), {})
            )
    if isinstance(entry, e.LoanDisbursed):
        out.extend(_loan_terms(entry))
    if hasattr(entry, "member") and not str(entry.member).strip():
        out.append(problem(entry, "member", N_("names no member"), {}))
    return out


def _loan_terms(loan: e.LoanDisbursed) -> list[Problem]:
    out = []
    if not loan.loan_id.strip():
        out.append(problem(loan, "loan", N_("a loan needs its own loan number"), {}))
    if not 0 <= loan.rate < 1:
        out.append(
            problem(
                loan,
                "rate",
                N_("the interest rate per period must be from 0 to under 100%%, got %(rate)s"),
                {"rate": str(loan.rate)},
            )
        )
    if loan.term < 1:
        out.append(
            problem(
                loan, "term", N_("a loan is repaid over at least 1 period, got %(term)s"), {"term": loan.term}
            )
        )
    if loan.rule not in e.INTEREST_RULES:
        out.append(
            problem(
                loan, "rule", N_("interest is 'flat' or 'declining', got %(rule)s"), {"rule": repr(loan.rule)}
            )
        )
    if loan.frequency not in e.FREQUENCIES:
        out.append(
            problem(
                loan,
                "frequency",
                N_("repayments are 'weekly' or 'monthly', got %(value)s"),
                {"value": repr(loan.frequency)},
            )
        )
    return out


def reversal_problems(entries: Sequence[e.Entry]) -> tuple[list[Problem], dict[str, str]]:
    """Check the corrections; return their problems and ``{reversed entry id: reversal id}``."""
    by_id = {x.entry_id: x for x in entries}
    reversed_by: dict[str, str] = {}
    problems = []
    for entry in entries:
        if not isinstance(entry, e.Reversal):
            continue
        target = by_id.get(entry.reverses)
        values = {"target": entry.reverses}
        if target is None:
            problems.append(
                problem(entry, "reverses", N_("reverses %(target)s, which is not in the books"), values)
            )
        elif isinstance(target, e.Reversal):
            problems.append(
                problem(
                    entry,
                    "reverses",
                    N_("reverses %(target)s, itself a correction: write the entry again instead"),
                    values,
                )
            )
        elif entry.reverses in reversed_by:
            values["by"] = reversed_by[entry.reverses]
            problems.append(
                problem(entry, "reverses", N_("%(target)s is already reversed (by %(by)s)"), values)
            )
        elif entry.recorded < target.recorded:
            problems.append(
                problem(entry, "recorded_on", N_("corrects %(target)s before it was written down"), values)
            )
        else:
            reversed_by[entry.reverses] = entry.entry_id
    return problems, reversed_by
