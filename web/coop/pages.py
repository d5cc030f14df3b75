"""View-ready content of the cooperative pages: formatted facts, rows and chart descriptions.

Needs an app context (formatting follows the reader's locale). No request parsing here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from flask_babel import format_date, format_decimal, format_percent, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from planner import LenderOffer, LoanCost
from planner.books.statements import group_balances
from planner.comparison import TYPED_SOURCE
from planner.exceptions import UnknownCountryError
from planner.places import country_parameters, lender_choice
from web.books import pages as books_pages
from web.books import service as books_service
from web.coop import figures, service
from web.coop.figures import Figure, money
from web.coop.plans import FIELDS, MONEY_FIELDS
from web.i18n import percent
from web.storage.schema import Cooperative, SavedPlan, utctoday

#: lenders' names in the reader's language (the planner's parameter file names them in English)
LENDER_LABELS = {
    "bank": _l("Commercial bank"),
    "mfi": _l("Microfinance institution"),
    "moneylender": _l("Moneylender"),
}

MEMBER_ROLES = {"member": _l("member"), "treasurer": _l("treasurer")}


@dataclass(frozen=True)
class MemberRow:
    """A member as the group page lists them: reference only, no names."""

    ref: str
    role: str
    joined: str
    left: str


@dataclass(frozen=True)
class MonthRow:
    """One month of the group's books, formatted."""

    month: str
    saved: str
    loans_taken: str
    loans_repaid: str


@dataclass(frozen=True)
class GroupPage:
    """Everything the group page shows."""

    name: str
    business: str
    facts: list[Figure]
    members: list[MemberRow]
    months: list[MonthRow]
    fund: list[Figure]
    chart_alt: str
    has_books: bool
    #: the group's money from its books where it keeps them (else the monthly records' estimate, ``fund``)
    balances: Sequence[Any] = ()
    books_day: str = ""


def _date(value: Any) -> str:
    return format_date(value) if value else ""


def group_facts(coop: Cooperative) -> list[Figure]:
    """The cooperative's standing facts: members, founding, place, saving and loan rules (group, home)."""
    return [
        Figure(_("Members now"), format_decimal(len(service.active_members(coop)))),
        Figure(_("Founded"), _date(coop.founded_on) or figures.DASH),
        Figure(_("Place"), coop.locality.name if coop.locality else figures.DASH),
        Figure(_("Usual monthly saving"), money(float(coop.monthly_share), coop.currency)),
        Figure(
            _("Loans up to"),
            _("%(n)s times a member's savings", n=format_decimal(coop.max_loan_multiple)),
        ),
        Figure(
            _("Interest on member loans"),
            _("%(rate)s a month, on the balance", rate=format_percent(coop.monthly_interest_rate)),
        ),
    ]


def group_page(db: Session, coop: Cooperative) -> GroupPage:
    """The cooperative's facts, members, monthly books and loan fund estimate."""
    cur = coop.currency
    totals = service.monthly_totals(db, coop)
    fund = service.loan_fund(totals)
    facts = group_facts(coop)
    fund_rows = [
        Figure(_("Saved to date"), money(float(fund.saved), cur)),
        Figure(_("Loans taken to date"), money(float(fund.loans_taken), cur)),
        Figure(_("Loans repaid to date"), money(float(fund.loans_repaid), cur)),
        Figure(_("Loans still out"), money(float(fund.loans_outstanding), cur)),
        Figure(
            _("Loan fund now (estimate: savings less loans still out)"), money(float(fund.cash_estimate), cur)
        ),
    ]
    months = [
        MonthRow(
            m.month,
            money(float(m.saved), cur),
            money(float(m.loans_taken), cur),
            money(float(m.loans_repaid), cur),
        )
        for m in totals
    ]
    alt = (
        _(
            "Bar chart of the group's savings each month from %(first)s to %(last)s, with lines for loans "
            "taken and repaid; %(saved)s saved in all, %(out)s of loans still out.",
            first=totals[0].month,
            last=totals[-1].month,
            saved=money(float(fund.saved), cur),
            out=money(float(fund.loans_outstanding), cur),
        )
        if totals
        else _("Empty chart: no savings recorded yet.")
    )
    members = [
        MemberRow(m.ref, str(MEMBER_ROLES.get(m.role, m.role)), _date(m.joined_on), _date(m.left_on))
        for m in coop.members
    ]
    books = books_service.load_books(db, coop)
    day = books_service.books_today(books) if books.meeting_days else None
    return GroupPage(
        coop.name,
        coop.business,
        facts,
        members,
        months,
        fund_rows,
        alt,
        bool(totals),
        balances=books_pages.balances_rows(group_balances(books, day), cur) if day else (),
        books_day=format_date(day) if day else "",
    )


@dataclass(frozen=True)
class PlanRow:
    """A saved plan in the list."""

    id: int
    name: str
    kind: str
    created: str
    headline: str


def plan_rows(plans: Sequence[SavedPlan]) -> list[PlanRow]:
    """Saved plans as the list shows them."""
    rows = []
    for plan in plans:
        if service.has_result(plan):
            figs = figures.key_figures(plan.summary or {})
            headline = _(
                "profit chance at month %(at)s: %(chance)s; break-even month %(month)s",
                at=figs["p_profit_month"],
                chance=figs["p_profit_y6"],
                month=figs["break_even"],
            )
        else:
            headline = _("results not ready yet")
        kind = figures.kind_label(plan.kind)
        rows.append(PlanRow(plan.id, plan.name, kind, _date(plan.created_at), headline))
    return rows


@dataclass(frozen=True)
class ResultPage:
    """A plan's result: words, key figures, inputs, chart alt text."""

    kind_label: str
    words: list[str]
    key_figures: list[Figure]
    inputs: list[Figure]
    chart_alt: str
    runs: int
    seed: int | None
    #: where the plan starts: the group's books on a day (see :func:`books_start`), or ``""`` (from nothing)
    start: str = ""


def result_page(
    kind: str, inputs: Mapping[str, Any], result: Mapping[str, Any], name: str = ""
) -> ResultPage:
    """View-ready content for a plan's result (saved or not)."""
    return ResultPage(
        kind_label=figures.kind_label(kind),
        words=figures.plain_words(result, inputs),
        key_figures=figures.key_figure_rows(result, inputs),
        inputs=figures.input_rows(kind, inputs, result["currency"]),
        chart_alt=figures.chart_alt(result, name),
        runs=int(result["runs"]),
        seed=result.get("seed"),
        start=books_start(inputs.get("opening"), result["currency"]),
    )


def books_start(opening: Mapping[str, Any] | None, currency: str) -> str:
    """Where a plan starts, in words: the group's books on a day, or ``""`` for a plan from nothing.

    ``opening`` is the planner's ``OpeningBalances.to_dict()`` (money in hundredths).
    """
    if not opening:
        return ""
    major = {k: opening[k] / 100 for k in ("savings", "cash", "social")}
    loans = sum(opening.get(k, 0) for k in ("loans_current", "loans_late", "loans_par30")) / 100
    return _(
        "Starts from the group's books on %(day)s: %(members)s, members' savings %(savings)s, "
        "loans still out %(loans)s, cash %(cash)s, social fund %(social)s.",
        day=format_date(dt.date.fromisoformat(opening["on"])) if opening.get("on") else "?",
        members=ngettext(
            "%(n)s member", "%(n)s members", int(opening["members"]), n=format_decimal(opening["members"])
        ),
        savings=money(major["savings"], currency),
        loans=money(loans, currency),
        cash=money(major["cash"], currency),
        social=money(major["social"], currency),
    )


@dataclass(frozen=True)
class FormField:
    """One plan input as the form shows it: name, label and hint."""

    name: str
    label: str
    hint: str
    kind: str


def form_fields(kind: str, currency: str) -> dict[str, list[FormField]]:
    """The plan form's inputs by section (``""``, ``business``, ``evidence``), with hints."""
    sections: dict[str, list[FormField]] = {"": [], "business": [], "evidence": []}
    for f in FIELDS[kind]:
        hint = str(f.hint) or (_("In %(currency)s.", currency=currency) if f.name in MONEY_FIELDS else "")
        sections[f.section].append(FormField(f.name, str(f.label), hint, f.kind))
    return sections


@dataclass(frozen=True)
class ComparisonPage:
    """Two or three plans side by side."""

    columns: list[tuple[int, str]]
    ids: list[int]
    rows: list[tuple[str, list[str]]]
    chart_alt: str


def comparison_page(plans: Sequence[SavedPlan]) -> ComparisonPage:
    """Key figures of each plan in columns, and a description of the overlaid chart."""
    values = [figures.key_figures(p.summary or {}, p.inputs) for p in plans]
    labels = figures.key_labels([p.summary or {} for p in plans])
    rows = [(labels[key], [v[key] for v in values]) for key, _label in figures.KEY_ROWS]
    alt = _(
        "Two line charts comparing %(plans)s: left, the middle future's fund or group cash by month; "
        "right, the share of futures operationally profitable by month.",
        plans=", ".join(p.name for p in plans),
    )
    for p, v in zip(plans, values, strict=True):
        alt += " " + _(
            "%(plan)s: profit chance at month %(at)s %(chance)s.",
            plan=p.name,
            at=v["p_profit_month"],
            chance=v["p_profit_y6"],
        )
    return ComparisonPage([(p.id, p.name) for p in plans], [p.id for p in plans], rows, alt)


@dataclass(frozen=True)
class LoanLenders:
    """The lenders a cooperative's loan page compares, for the country of its locality.

    ``offers`` holds the cooperative's own offer first, then every lender with a sourced rate for
    the country or a rate the treasurer typed; ``to_type`` names (key, label) the lenders whose rate
    the country's file has no source for, so the page offers a field for each; ``country`` is the
    country's name, or ``None`` when the planner has no figures for it (only the cooperative's rate
    is then shown).
    """

    offers: tuple[LenderOffer, ...]
    to_type: tuple[tuple[str, str], ...]
    country: str | None

    @property
    def sourced(self) -> bool:
        """Whether any other lender's rate comes from a published source."""
        return any(o.key != "cooperative" and o.source != TYPED_SOURCE for o in self.offers)


def coop_offers(coop: Cooperative, typed: Mapping[str, float] | None = None) -> LoanLenders:
    """The lenders of the cooperative's country (never another country's), its own rate as its offer.

    ``typed`` maps a lender's key to the yearly rate the treasurer typed where no rate is sourced.
    """
    own = LenderOffer(
        key="cooperative",
        label=_("%(name)s (your cooperative)", name=coop.name),
        annual_rate=float(coop.monthly_interest_rate) * 12,
        method="declining",
        fee_rate=0.0,
        source=_(
            "Your cooperative's own rate: %(rate)s a month on the balance, no fee",
            rate=format_percent(coop.monthly_interest_rate),
        ),
    )
    try:
        place = country_parameters(coop.locality.country) if coop.locality else None
    except UnknownCountryError:
        place = None
    if place is None:
        return LoanLenders((own,), (), None)
    choice = lender_choice(place, typed)
    others = tuple(
        replace(
            o,
            label=str(LENDER_LABELS.get(o.key, o.label)),
            source=_("The rate you typed (from the lender's offer)")
            if o.source == TYPED_SOURCE
            else o.source,
        )
        for o in choice.offers
        if o.key != "cooperative"
    )
    to_type = tuple((key, str(LENDER_LABELS.get(key, label))) for key, label in choice.unsourced)
    return LoanLenders((own, *others), to_type, place.name)


@dataclass(frozen=True)
class LoanRow:
    """One lender's cost of the loan, formatted."""

    label: str
    method: str
    stated_rate: str
    apr: str
    effective_rate: str
    monthly_payment: str
    total_interest: str
    extra: str
    source: str
    age: str = ""


def rate_age(as_of: dt.date | None, today: dt.date) -> str:
    """How old a published rate is, said only once it is a year old or more ("" before, or undated).

    Rates move: a figure from long ago may no longer be what a lender charges.
    """
    if as_of is None:
        return ""
    months = (today.year - as_of.year) * 12 + today.month - as_of.month - (today.day < as_of.day)
    if months < 12:
        return ""
    when = format_date(as_of, "medium")
    if months < 24:
        return ngettext(
            "Dated %(date)s, %(num)s month ago: rates move, so ask the lender for today's rate.",
            "Dated %(date)s, %(num)s months ago: rates move, so ask the lender for today's rate.",
            months,
            date=when,
        )
    return ngettext(
        "Dated %(date)s, over %(num)s year ago: rates move, so ask the lender for today's rate.",
        "Dated %(date)s, over %(num)s years ago: rates move, so ask the lender for today's rate.",
        months // 12,
        date=when,
    )


def loan_rows(costs: Sequence[LoanCost], currency: str) -> list[LoanRow]:
    """Loan comparison rows, cheapest first, formatted; an old published rate says how old it is."""
    today = utctoday()
    return [
        LoanRow(
            label=c.label,
            method=_("flat (on the whole loan)") if c.method == "flat" else _("on the balance"),
            stated_rate=_("%(rate)s a year", rate=percent(c.stated_annual_rate, 2)),
            apr=percent(c.apr, 1),
            effective_rate=percent(c.effective_annual_rate, 1),
            monthly_payment=money(c.instalment, currency),
            total_interest=money(c.total_cost, currency),
            extra=money(c.extra_cost_vs_cheapest, currency),
            source=c.source,
            age=rate_age(c.as_of, today),
        )
        for c in costs
    ]


def loans_alt(costs: Sequence[LoanCost], currency: str) -> str:
    """Alt text for the loan comparison chart."""
    parts = [
        _(
            "%(lender)s %(cost)s (APR %(apr)s)",
            lender=c.label,
            cost=money(c.total_cost, currency),
            apr=percent(c.apr, 1),
        )
        for c in costs
    ]
    return _(
        "Bar chart of interest and fees on the same loan from each lender: %(lenders)s.",
        lenders="; ".join(parts),
    )
