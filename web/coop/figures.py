"""A plan's result in plain words and key figures, formatted for the reader's language and currency.

Takes the JSON-ready dict that :func:`web.coop.plans.run_plan` returns (or a saved plan's copy of it)
and gives view-ready strings, so templates, the PDF and the comparison page only place them.
Needs a Flask app context (for the locale).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from flask_babel import format_date, format_decimal, format_percent, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from planner.explain import KeyMonths
from web.coop import feasibility
from web.coop.planner_words import say
from web.coop.plans import FIELDS, MONEY_FIELDS, PlanField
from web.i18n import money as i18n_money

DASH = "—"
KIND_LABELS = {"cooperative": _l("Savings and loans cooperative"), "3x6": _l("3x6 group investment")}


@dataclass(frozen=True)
class Figure:
    """One labelled figure, already formatted."""

    label: str
    value: str


def money(value: float | None, currency: str) -> str:
    """An exact amount in the currency, as the rest of the app writes money (:func:`web.i18n.money`)."""
    return DASH if value is None else i18n_money(value, currency)


def amount(value: float | None, currency: str) -> str:
    """A projected amount, or a dash: whole units from 1,000 up, since projections are not exact."""
    if value is None or abs(value) < 1000:
        return money(value, currency)
    return money(round(value), currency)


def percent(value: float | None) -> str:
    """A share as a percentage, or a dash."""
    return DASH if value is None else format_percent(value)


def count(value: float | None) -> str:
    """A whole number (a month, a count of people or groups) in the reader's locale, or a dash."""
    return DASH if value is None else format_decimal(round(value))


def kind_label(kind: str) -> str:
    """The model's name in the reader's language."""
    return str(KIND_LABELS.get(kind, kind))


def _at(series: Sequence[float | None], month: int) -> float | None:
    return series[min(month, len(series) - 1)] if series else None


def _fan(result: Mapping[str, Any]) -> Mapping[str, Sequence[float | None]]:
    fan: Mapping[str, Sequence[float | None]] = result.get("fund_fan") or result.get("cash_fan") or {}
    return fan


def _checkpoint(result: Mapping[str, Any], month: int) -> int:
    return min(month, len(result["months"]) - 1)


def _month_range(dist: Mapping[str, Any] | None) -> str:
    if not dist or dist.get("median") is None:
        return _("never, in any simulated future")
    return _(
        "month %(median)s (most futures: months %(low)s to %(high)s)",
        median=count(dist["median"]),
        low=count(dist["p5"]),
        high=count(dist["p95"]),
    )


def plain_words(result: Mapping[str, Any], inputs: Mapping[str, Any] | None = None) -> list[str]:
    """Sentences a treasurer can read aloud at a meeting (``inputs``: the plan's, when saved with it)."""
    if result["kind"] == "cooperative":
        return _coop_words(result, inputs)
    return _threex6_words(result)


def _payback(result: Mapping[str, Any], inputs: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    """When the joint business earns back its cost, or ``None`` (no business, or no cost to earn back).

    A plan saved before the planner knew that a business with no start-up cost has nothing to earn back
    (a business already running in the books) still holds a "payback month": its inputs tell.
    """
    payback: Mapping[str, Any] | None = result["summary"].get("business_payback_month")
    if payback is not None and inputs is not None and inputs.get("business_startup_cost") == 0:
        return None
    return payback


def has_business(result: Mapping[str, Any]) -> bool:
    """Whether the plan has a joint business (open in some future, some month)."""
    return any((v or 0) > 0 for v in result["series"].get("p_business_open") or ())


def _books_past(result: Mapping[str, Any]) -> tuple[int, str] | None:
    """For a plan from the books: how many of the books' months before it count, and its day (or ``None``)."""
    opening = result.get("opening")
    if not opening or not opening.get("on"):
        return None
    return len(opening.get("past") or ()), format_date(dt.date.fromisoformat(opening["on"]))


def broke_even_in_the_books(result: Mapping[str, Any]) -> bool:
    """Whether the plan starts from books that already show an operating profit over their last months."""
    past, be = _books_past(result), result["summary"]["break_even_month"]
    return bool(past and past[0] and be.get("median") == 0 and be.get("reached_share") == 1)


def _break_even_words(result: Mapping[str, Any]) -> str:
    be = result["summary"]["break_even_month"]
    when, share = _month_range(be), percent(be["reached_share"])
    past = _books_past(result)
    if past is None:
        return _(
            "The cooperative first breaks even at %(when)s; %(share)s of futures break even within the plan.",
            when=when,
            share=share,
        )
    months, day = past
    if not months:  # saved before plans counted the books' months before them
        return _(
            "Counting from the plan's first month only (not the books' months before it), the cooperative "
            "first breaks even at %(when)s; %(share)s of futures break even within the plan.",
            when=when,
            share=share,
        )
    if broke_even_in_the_books(result):
        return ngettext(
            "The group's books already show an operating profit over the %(num)s month to %(day)s: it broke "
            "even before this plan starts.",
            "The group's books already show an operating profit over the %(num)s months to %(day)s: it broke "
            "even before this plan starts.",
            months,
            day=day,
        )
    return ngettext(
        "The group's books show no operating profit over the %(num)s month to %(day)s; counting it, the plan "
        "breaks even at %(when)s; %(share)s of futures break even within the plan.",
        "The group's books show no operating profit over the %(num)s months to %(day)s; counting them, the "
        "plan breaks even at %(when)s; %(share)s of futures break even within the plan.",
        months,
        day=day,
        when=when,
        share=share,
    )


def _coop_words(result: Mapping[str, Any], inputs: Mapping[str, Any] | None = None) -> list[str]:
    cur, summary, fan = result["currency"], result["summary"], _fan(result)
    five = _checkpoint(result, 60)
    six = _checkpoint(result, 72)
    words = [
        _(
            "In 19 of 20 simulated futures the fund (cash and loans) is above %(low)s after %(months)s "
            "months; in the middle future it is %(middle)s.",
            low=amount(_at(fan["p5"], five), cur),
            months=count(five),
            middle=amount(_at(fan["p50"], five), cur),
        ),
        _(
            "At month %(month)s, %(share)s of futures are operationally profitable: over the last 12 "
            "months, income covers all costs.",
            month=count(six),
            share=percent(result["series"]["p_operating_profitable"][six]),
        ),
        _break_even_words(result),
    ]
    payback = _payback(result, inputs)
    if payback is not None:
        words.append(
            _(
                "The joint business earns back its cost at %(when)s; %(share)s of futures get there.",
                when=_month_range(payback),
                share=percent(payback["reached_share"]),
            )
        )
    elif has_business(result):
        last = _checkpoint(result, len(result["months"]) - 1)
        words.append(
            _(
                "The joint business has no start-up cost in this plan, so there is no cost for it to earn "
                "back; at month %(month)s it is still open in %(share)s of futures.",
                month=count(last),
                share=percent(result["series"]["p_business_open"][last]),
            )
        )
    share = summary.get("share_out_per_member")
    if share and share.get("median") is not None:
        words.append(
            _(
                "At the last share-out each member takes home %(middle)s in the middle future (most "
                "futures: %(low)s to %(high)s).",
                middle=amount(share["median"], cur),
                low=amount(share["p5"], cur),
                high=amount(share["p95"], cur),
            )
        )
    if summary.get("cash_shortfall_share", 0) > 0:
        words.append(
            _(
                "In %(share)s of futures, in some month there was not enough cash to pay back a leaving "
                "member at once.",
                share=percent(summary["cash_shortfall_share"]),
            )
        )
    return words


def _threex6_words(result: Mapping[str, Any]) -> list[str]:
    cur, summary = result["currency"], result["summary"]
    planned = summary["planned_funding"]
    last = _checkpoint(result, 60)
    left = summary["people_exited_with_savings"]["median"]
    words = [
        _(
            "Each person saves %(saved)s from cash-for-work; with the match, a full group of %(members)s "
            "invests %(invested)s.",
            saved=amount(planned["savings_per_person"], cur),
            members=count(planned["group_members"]),
            invested=amount(planned["total_investment_per_group"], cur),
        ),
        ngettext(
            "In the middle future %(formed)s of %(planned)s planned group forms; %(left)s people leave with "
            "their savings.",
            "In the middle future %(formed)s of %(planned)s planned groups form; %(left)s people leave with "
            "their savings.",
            summary["planned_groups"],
            planned=count(summary["planned_groups"]),
            formed=count(summary["groups_formed"]["median"]),
            left=count(left),
        ),
        _(
            "Groups' businesses break even at %(when)s; members have their own savings back at %(back)s.",
            when=_month_range(summary["break_even_month"]),
            back=_month_range(summary["payback_own_savings_month"]),
        ),
        _(
            "At month %(month)s, %(profitable)s of groups are operationally profitable and %(open)s are "
            "still open.",
            month=count(last),
            profitable=percent(result["series"]["p_operating_profitable"][last]),
            open=percent(result["series"]["p_open"][last]),
        ),
    ]
    return words + feasibility.gate_words(result)


#: rows of the key-figures table, in order: (key, label)
KEY_ROWS = (
    ("kind", _l("Model")),
    ("fund_5y_low", _l("Fund or group cash after 5 years (or a shorter plan's end): 19 in 20 futures above")),
    ("fund_5y_median", _l("Fund or group cash after 5 years (or a shorter plan's end): middle future")),
    ("p_profit_y6", _l("Chance of operating profit in year 6 (or a shorter plan's end)")),
    ("break_even", _l("Break-even month: middle future")),
    ("break_even_range", _l("Break-even month: most futures")),
    ("break_even_share", _l("Futures that break even")),
    ("payback", _l("Business pays back its cost: middle future")),
    ("take_home", _l("Each member takes home at the end: middle future")),
)


def _dist_month(dist: Mapping[str, Any] | None, key: str = "median") -> str:
    if not dist or dist.get(key) is None:
        return DASH
    return count(dist[key])


def key_figures(result: Mapping[str, Any], inputs: Mapping[str, Any] | None = None) -> dict[str, str]:
    """The figures compared side by side, one formatted string per :data:`KEY_ROWS` key."""
    cur, summary, fan = result["currency"], result["summary"], _fan(result)
    five, six = _checkpoint(result, 60), _checkpoint(result, 72)
    be = summary["break_even_month"]
    no_cost = ""
    if result["kind"] == "cooperative":
        payback, take_home = _payback(result, inputs), summary.get("share_out_per_member")
        no_cost = _("no start-up cost") if payback is None and has_business(result) else ""
    else:
        payback, take_home = (
            summary["payback_total_investment_month"],
            summary["cumulative_profit_per_member_at_end"],
        )
    be_range = DASH if be.get("median") is None else f"{count(be['p5'])}–{count(be['p95'])}"
    break_even = _dist_month(be)
    if result["kind"] == "cooperative" and broke_even_in_the_books(result):
        break_even, be_range = _("already, in the books"), DASH
    return {
        "kind": kind_label(result["kind"]),
        "fund_5y_low": amount(_at(fan.get("p5", []), five), cur),
        "fund_5y_median": amount(_at(fan.get("p50", []), five), cur),
        "p_profit_y6": percent(result["series"]["p_operating_profitable"][six]),
        "p_profit_month": count(result["months"][six]),
        "break_even": break_even,
        "break_even_range": be_range,
        "break_even_share": percent(be["reached_share"]),
        "payback": no_cost or _dist_month(payback),
        "take_home": amount(take_home["median"] if take_home else None, cur),
    }


def key_figure_rows(result: Mapping[str, Any], inputs: Mapping[str, Any] | None = None) -> list[Figure]:
    """:func:`key_figures` as labelled rows, each label naming the month its figure is read at."""
    values, labels = key_figures(result, inputs), key_labels([result])
    return [Figure(labels[key], values[key]) for key, _label in KEY_ROWS]


def key_labels(results: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """The :data:`KEY_ROWS` labels for these plans' figures.

    The fund is read after 5 years and the chance of profit in year 6, or at a shorter plan's
    end: when every plan is read at the same months, the labels name them ("by year 3"), else
    they say the rule.
    """
    labels = {key: str(label) for key, label in KEY_ROWS}
    read_at = {
        (r["months"][_checkpoint(r, 60)], r["months"][_checkpoint(r, 72)]) for r in results if r.get("months")
    }
    if len(read_at) == 1:
        said = KeyMonths(*read_at.pop()).labels()
        labels |= {
            "fund_5y_low": say(said["fund_low"]),
            "fund_5y_median": say(said["fund_median"]),
            "p_profit_y6": say(said["p_profit"]),
        }
    return labels


def input_rows(kind: str, inputs: Mapping[str, Any], currency: str) -> list[Figure]:
    """The plan's inputs as labelled, formatted rows (for the plan page and the PDF)."""
    return [Figure(str(f.label), _input_text(f, inputs.get(f.name), currency)) for f in FIELDS[kind]]


def _input_text(f: PlanField, value: Any, currency: str) -> str:
    if value is None:
        return DASH
    if f.kind == "flag":
        return _("yes") if value else _("no")
    return money(value, currency) if f.name in MONEY_FIELDS else format_decimal(value)


def chart_alt(result: Mapping[str, Any], name: str = "") -> str:
    """Alt text that says what the plan's chart shows, with its main numbers."""
    cur, fan = result["currency"], _fan(result)
    last = len(result["months"]) - 1
    values = {
        "months": count(last),
        "middle": amount(_at(fan.get("p50", []), last), cur),
        "low": amount(_at(fan.get("p5", []), last), cur),
        "profitable": percent(result["series"]["p_operating_profitable"][last]),
    }
    if result["kind"] == "cooperative":
        text = _(
            "Left, a fan chart of the fund balance (cash and loans) by month over %(months)s months; the "
            "middle future ends at %(middle)s, 19 in 20 futures above %(low)s. Right, the share of futures "
            "operationally profitable each month, %(profitable)s at the end.",
            **values,
        )
    else:
        text = _(
            "Left, a fan chart of a group's cumulative net cash by month over %(months)s months; the "
            "middle future ends at %(middle)s, 19 in 20 futures above %(low)s. Right, the share of futures "
            "operationally profitable each month, %(profitable)s at the end.",
            **values,
        )
    title = _("Charts for %(name)s:", name=name) if name else _("Charts:")
    return f"{title} {text}"
