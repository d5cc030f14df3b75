"""View-ready values for the books' pages: amounts formatted for the reader, measures explained.

Needs an app context (Flask-Babel formats numbers and dates in the reader's locale).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from flask_babel import format_date, format_decimal, format_percent
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from planner.books.entries import Attendance, LoanDisbursed
from planner.books.ledger import Books
from planner.books.measures import Measures
from planner.books.shareout import ShareOut
from planner.books.statements import GroupBalances, Passbook
from planner.explain import explain_payout
from planner.money import minor_to_decimal
from web import vocabulary
from web.coop.planner_words import say
from web.i18n import money as written_money


def money(minor: int, currency: str) -> str:
    """Minor units as the reader writes the currency ("NPR 25,000"; see :func:`web.i18n.money`)."""
    return written_money(minor_to_decimal(minor, currency), currency)


@dataclass(frozen=True)
class Row:
    """A label, a formatted value and, where it helps, one plain sentence."""

    label: str
    value: str
    hint: str = ""


def balances_rows(b: GroupBalances, currency: str) -> list[Row]:
    """The group's totals on a day."""
    m = lambda x: money(x, currency)  # noqa: E731
    return [
        Row(_("Members"), str(b.members)),
        Row(_("Cash box"), m(b.cash_box), _("All the cash the group holds, the social fund included.")),
        Row(_("Loan fund"), m(b.loan_fund), _("The cash box less the social fund: what may be lent.")),
        Row(_("Social fund"), m(b.social_fund)),
        Row(_("Loans outstanding"), m(b.loans_outstanding)),
        Row(_("Members' savings"), m(b.member_savings)),
        Row(_("Retained earnings"), m(b.retained_earnings), _("Income less costs since the last share-out.")),
    ]


def passbook_view(p: Passbook, currency: str, share_price: int | None = None) -> dict[str, Any]:
    """A member's passbook: their money and each loan.

    Shares are shown only where the group sells shares at a price; without one the books count a
    member's savings as their shares, which says nothing the savings line does not.
    """
    m = lambda x: money(x, currency)  # noqa: E731
    nxt = p.next_repayment
    shares = [Row(_("Shares"), str(format_decimal(p.shares)))] if share_price else []
    return {
        "member": p.member,
        "on": format_date(p.on),
        "rows": [
            Row(_("Savings"), m(p.savings)),
            *shares,
            Row(_("Paid into the social fund"), m(p.social_fund_paid)),
            Row(_("Fines paid"), m(p.fines_paid)),
            Row(_("Loans outstanding"), m(p.loans_outstanding)),
            Row(_("Arrears"), m(p.arrears), _("Repayments due by today and not yet paid.")),
            Row(
                _("Next repayment"),
                _("%(amount)s on %(date)s", amount=m(nxt[1]), date=format_date(nxt[0])) if nxt else _("none"),
            ),
        ],
        "loans": [
            {
                "id": x.loan_id,
                "disbursed": format_date(x.disbursed_on),
                "amount": m(x.amount),
                "outstanding": m(x.outstanding),
                "arrears": m(x.arrears),
                "days_late": x.days_late,
            }
            for x in p.loans
        ],
    }


def passbook_rows(books: Books, passbooks: tuple[Passbook, ...]) -> list[dict[str, str]]:
    """Every member's passbook in one table (the treasurer's view)."""
    cur = books.currency
    return [
        {
            "member": p.member,
            "savings": money(p.savings, cur),
            "loans": money(p.loans_outstanding, cur),
            "arrears": money(p.arrears, cur),
        }
        for p in passbooks
        if p.is_member
    ]


def entry_rows(books: Books, limit: int = 60) -> list[dict[str, Any]]:
    """The latest entries, newest first, with what reversed them.

    A repayment or write-off names the member its loan was paid out to; an attendance says whether
    they came, where other entries give their amount.
    """
    reversed_by = books.reversed_by
    borrower = {x.loan_id: x.member for x in books.entries if isinstance(x, LoanDisbursed)}
    out = []
    for x in reversed(books.entries[-limit:]):
        amount = getattr(x, "amount", getattr(x, "cash", None))  # a share-out: the cash paid
        if amount is None and hasattr(x, "principal"):
            amount = x.principal + x.interest  # type: ignore[attr-defined]
        if isinstance(x, Attendance):
            said = _("present") if x.present else _("absent")
        else:
            said = money(amount, books.currency) if isinstance(amount, int) else ""
        out.append(
            {
                "id": x.entry_id,
                "date": format_date(x.date),
                "kind": vocabulary.label("entry_kind", x.kind),
                "member": getattr(x, "member", "") or borrower.get(getattr(x, "loan_id", ""), ""),
                "amount": said,
                "reversed_by": reversed_by.get(x.entry_id, ""),
                "is_reversal": x.kind == "reversal",
            }
        )
    return out


#: measure -> (label, one plain sentence, how it is written)
MEASURES: tuple[tuple[str, Any, Any, str], ...] = (
    (
        "net_income",
        _l("Net income"),
        _l("Interest, fines, other income and sales, less costs and loans written off."),
        "money",
    ),
    (
        "annualised_return_on_savings",
        _l("Return on savings (a year)"),
        _l("What the group earned for each unit members saved, over a year (SAVIX)."),
        "percent",
    ),
    (
        "annualised_return_on_assets",
        _l("Return on assets (a year)"),
        _l("Net income against all the group's money, cash and loans, over a year."),
        "percent",
    ),
    (
        "loan_fund_utilisation",
        _l("Loan fund lent out"),
        _l("The share of the money that could be lent that is out on loan."),
        "percent",
    ),
    (
        "par30",
        _l("Portfolio at risk (30 days)"),
        _l("The share of loans with a repayment more than 30 days late."),
        "percent",
    ),
    (
        "write_off_ratio",
        _l("Write-off ratio (a year)"),
        _l("Loans given up on, against the loans usually out, over a year."),
        "percent",
    ),
    (
        "operational_self_sufficiency",
        _l("Operational self-sufficiency"),
        _l("Income against costs; above 100% the group covers its costs."),
        "percent",
    ),
    (
        "attendance",
        _l("Attendance"),
        _l("Members present at the meetings where attendance was taken."),
        "percent",
    ),
    (
        "savings_per_member",
        _l("Savings per member"),
        _l("Members' savings, divided by the members."),
        "major",
    ),
)


def measure_rows(result: Measures, currency: str) -> list[Row]:
    """The standard measures with their one-line explanations (a dash where one is not defined)."""
    rows = []
    for name, label, hint, how in MEASURES:
        value = getattr(result, name, None)
        if value is None:
            text = "—"
        elif how == "money":
            text = money(int(value), currency)
        elif how == "major":
            text = written_money(value / (10 ** _digits(currency)), currency)
        else:
            text = str(format_percent(value, "#,##0.#%"))
        rows.append(Row(str(label), text, str(hint)))
    return rows


def _digits(currency: str) -> int:
    from planner.money import minor_digits

    return minor_digits(currency)


def share_out_view(result: ShareOut, member: str | None) -> dict[str, Any]:
    """The share-out preview: totals, each payout (only ``member``'s unless ``None``), the check."""
    cur = result.currency
    payouts = [p for p in result.payouts if member is None or p.member == member]
    return {
        "method": result.method,
        "rows": [
            Row(_("Distributable equity"), money(result.distributable_equity, cur)),
            Row(_("Members' savings"), money(result.member_savings, cur)),
            Row(_("Gain to share"), money(result.gain, cur)),
            Row(_("Social fund carried over"), money(result.social_carried, cur)),
            Row(_("Left in the box for the next cycle"), money(result.left_over, cur)),
            Row(
                _("Not accounted for"),
                money(result.unaccounted, cur),
                _("Always zero: every unit is paid out or kept."),
            ),
        ],
        "payouts": [
            {
                "member": p.member,
                "savings": money(p.savings, cur),
                "earnings": money(p.earnings, cur),
                "social": money(p.social, cur),
                "kept_back": money(p.loan_kept_back, cur),
                "handed": money(p.handed, cur),
                "words": say(explain_payout(p, cur)),
            }
            for p in payouts
        ],
    }


def day_text(day: dt.date) -> str:
    """A date the reader's way."""
    return str(format_date(day))


def passbook_pdf(coop: Any, view: dict[str, Any]) -> bytes:
    """A member's passbook as a printable PDF, in the reader's language (the page's figures)."""
    from web.coop.charts import plan_pdf

    rows = [f"{r.label}: {r.value}" for r in view["rows"]] or [_("Nothing in the books for this member yet.")]
    loans = [
        _(
            "%(loan)s, paid out %(paid)s: %(amount)s; still owed %(owed)s; arrears %(arrears)s "
            "(%(days)s days late)",
            loan=x["id"],
            paid=x["disbursed"],
            amount=x["amount"],
            owed=x["outstanding"],
            arrears=x["arrears"],
            days=x["days_late"],
        )
        for x in view["loans"]
    ] or [_("No loans.")]
    title = _("Passbook of %(member)s", member=view["member"])
    sections = [
        (coop.name, [_("On %(day)s.", day=view["on"])]),
        (_("Passbook"), rows),
        (_("Loans"), loans),
    ]
    return plan_pdf(title, sections, [])
