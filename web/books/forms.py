"""The treasurer's meeting form, parsed into the planner's typed entries.

Members are numbered in the form (``savings-0``, ``present-0``...) in the order of
:func:`meeting_rows`, so no member's name is put in a field name; open loans likewise
(``repay-0``, ``interest-0``). Every field's problem is collected before anything is stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from planner.books import entries as e
from planner.books.ledger import Books
from planner.books.statements import LoanStatus
from planner.money import parse_amount
from web.i18n import N_

MEMBER_AMOUNTS: tuple[tuple[str, type[e.Entry]], ...] = (
    ("savings", e.Saving),
    ("social", e.SocialContribution),
    ("fine", e.Fine),
)
GROUP_AMOUNTS: tuple[tuple[str, type[e.Entry]], ...] = (
    ("income", e.OtherIncome),
    ("cost", e.OtherCost),
    ("sales", e.BusinessSales),
    ("business_cost", e.BusinessCost),
)


@dataclass
class MeetingForm:
    """What the form gave: the entries it makes, the field each came from, and problems by field."""

    day: dt.date | None = None
    entries: list[e.Entry] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)  # entry id -> form field
    errors: dict[str, str] = field(default_factory=dict)  # form field -> message (English msgid)

    @property
    def ok(self) -> bool:
        """True when every field could be read."""
        return not self.errors


def _amount(form: Mapping[str, Any], name: str, currency: str, out: MeetingForm) -> int:
    raw = str(form.get(name, "") or "").strip()
    if not raw:
        return 0
    try:
        value = parse_amount(raw, currency)
    except ValueError:
        out.errors[name] = N_("Write an amount such as 1250 or 1,250.50.")
        return 0
    if value < 0:
        out.errors[name] = N_("Amounts cannot be negative: correct an entry with a reversal.")
        return 0
    return value


def _ids(books: Books, day: dt.date) -> Callable[[str], str]:
    taken = {x.entry_id for x in books.entries}

    def make(stem: str) -> str:
        base = f"{day:%Y%m%d}-{stem}"
        entry_id, n = base, 2
        while entry_id in taken:
            entry_id, n = f"{base}-{n}", n + 1
        taken.add(entry_id)
        return entry_id

    return make


def parse_meeting(
    form: Mapping[str, Any],
    books: Books,
    members: Sequence[str],
    loans: Sequence[LoanStatus],
    today: dt.date,
) -> MeetingForm:
    """The meeting's entries from the posted form (``members`` and ``loans`` in the form's order)."""
    out = MeetingForm()
    try:
        day = dt.date.fromisoformat(str(form.get("date", "")).strip())
    except ValueError:
        out.errors["date"] = N_("Write the meeting's date as YYYY-MM-DD.")
        return out
    if day > today:
        out.errors["date"] = N_("A meeting cannot be recorded before it happens.")
        return out
    out.day = day
    cur = books.currency
    new_id = _ids(books, day)
    note = str(form.get("note", "") or "").strip()[:200]

    def add(entry: e.Entry, name: str) -> None:
        out.entries.append(entry)
        out.fields[entry.entry_id] = name

    for k, member in enumerate(members):
        if form.get(f"attendance-{k}") in ("present", "absent"):
            present = form.get(f"attendance-{k}") == "present"
            add(
                e.Attendance(entry_id=new_id(f"att-{k}"), date=day, member=member, present=present),
                f"attendance-{k}",
            )
        for stem, cls in MEMBER_AMOUNTS:
            name = f"{stem}-{k}"
            amount = _amount(form, name, cur, out)
            if amount:
                add(cls(entry_id=new_id(f"{stem}-{k}"), date=day, member=member, amount=amount), name)  # type: ignore[call-arg]
    for k, loan in enumerate(loans):
        principal = _amount(form, f"repay-{k}", cur, out)
        interest = _amount(form, f"interest-{k}", cur, out)
        if principal or interest:
            add(
                e.Repayment(
                    entry_id=new_id(f"repay-{k}"),
                    date=day,
                    loan_id=loan.loan_id,
                    principal=principal,
                    interest=interest,
                ),
                f"repay-{k}",
            )
    _loan(form, books, members, day, new_id, out, add)
    payout = _amount(form, "social_payout", cur, out)
    if payout:
        who = _member(form, "social_payout_member", members, out)
        if who:
            add(
                e.SocialPayout(entry_id=new_id("social-payout"), date=day, member=who, amount=payout),
                "social_payout",
            )
    for stem, cls in GROUP_AMOUNTS:
        amount = _amount(form, stem, cur, out)
        if amount:
            add(cls(entry_id=new_id(stem), date=day, amount=amount, note=note), stem)  # type: ignore[call-arg]
    if out.ok and not out.entries:
        out.errors["date"] = N_("Nothing to record: fill in at least one amount or who came.")
    return out


def _member(form: Mapping[str, Any], name: str, members: Sequence[str], out: MeetingForm) -> str | None:
    raw = str(form.get(name, "") or "")
    if raw.isdigit() and int(raw) < len(members):
        return members[int(raw)]
    out.errors[name] = N_("Choose the member.")
    return None


def _loan(
    form: Mapping[str, Any],
    books: Books,
    members: Sequence[str],
    day: dt.date,
    new_id: Callable[[str], str],
    out: MeetingForm,
    add: Callable[[e.Entry, str], None],
) -> None:
    amount = _amount(form, "loan_amount", books.currency, out)
    if not amount:
        return
    who = _member(form, "loan_member", members, out)
    try:
        rate = Decimal(str(form.get("loan_rate_percent", "")).strip()) / 100
        if not rate.is_finite() or rate < 0 or rate > 1:
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        out.errors["loan_rate_percent"] = N_(
            "Write the interest rate per period as a percentage, such as 1.5."
        )
        return
    term_raw = str(form.get("loan_term", "")).strip()
    if not term_raw.isdigit() or not 1 <= int(term_raw) <= 520:
        out.errors["loan_term"] = N_("Write the number of repayments, from 1 to 520.")
        return
    rule = form.get("loan_rule", "declining")
    frequency = form.get("loan_frequency", "monthly")
    if rule not in e.INTEREST_RULES or frequency not in e.FREQUENCIES or who is None:
        out.errors.setdefault(
            "loan_rule", N_("Choose how interest is charged and how often repayments fall.")
        )
        return
    loan_id = new_id("loan")
    add(
        e.LoanDisbursed(
            entry_id=loan_id,
            date=day,
            member=who,
            loan_id=loan_id,
            amount=amount,
            rate=rate,
            rule=rule,
            term=int(term_raw),
            frequency=frequency,
        ),
        "loan_amount",
    )
