"""A plan's result in plain words and key figures, formatted for the reader's language and currency.

Takes the JSON-ready dict that :func:`web.coop.plans.run_plan` returns (or a saved plan's copy of it)
and gives view-ready strings, so templates, the PDF and the comparison page only place them.
Needs a Flask app context (for the locale).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from babel import Locale
from babel.numbers import format_currency as babel_currency
from flask_babel import format_currency, format_decimal, format_percent, get_locale

from web.coop.plans import FIELDS, MONEY_FIELDS, PlanField

DASH = "—"
KIND_LABELS = {"cooperative": "Savings and loans cooperative", "3x6": "3x6 group investment"}


@dataclass(frozen=True)
class Figure:
    """One labelled figure, already formatted."""

    label: str
    value: str


def money(value: float | None, currency: str) -> str:
    """An exact amount in the currency (cents shown), or a dash."""
    return DASH if value is None else format_currency(value, currency)


def amount(value: float | None, currency: str) -> str:
    """A projected amount, or a dash: whole units from 1,000 up, since projections are not exact."""
    if value is None or abs(value) < 1000:
        return money(value, currency)
    locale = get_locale() or Locale.parse("en")
    pattern = locale.currency_formats["standard"].pattern.split(";")[0].replace(".00", "")
    return babel_currency(round(value), currency, format=pattern, locale=locale, currency_digits=False)


def percent(value: float | None) -> str:
    """A share as a percentage, or a dash."""
    return DASH if value is None else format_percent(value)


def _at(series: Sequence[float | None], month: int) -> float | None:
    return series[min(month, len(series) - 1)] if series else None


def _fan(result: Mapping[str, Any]) -> Mapping[str, Sequence[float | None]]:
    fan: Mapping[str, Sequence[float | None]] = result.get("fund_fan") or result.get("cash_fan") or {}
    return fan


def _checkpoint(result: Mapping[str, Any], month: int) -> int:
    return min(month, len(result["months"]) - 1)


def _month_range(dist: Mapping[str, Any] | None) -> str:
    if not dist or dist.get("median") is None:
        return "never, in any simulated future"
    return f"month {dist['median']:.0f} (most futures: months {dist['p5']:.0f} to {dist['p95']:.0f})"


def _share_words(share: float) -> str:
    return f"{round(share * 10):.0f} in 10"


def plain_words(result: Mapping[str, Any]) -> list[str]:
    """Sentences a treasurer can read aloud at a meeting."""
    if result["kind"] == "cooperative":
        return _coop_words(result)
    return _threex6_words(result)


def _coop_words(result: Mapping[str, Any]) -> list[str]:
    cur, summary, fan = result["currency"], result["summary"], _fan(result)
    five = _checkpoint(result, 60)
    six = _checkpoint(result, 72)
    be = summary["break_even_month"]
    low, middle = amount(_at(fan["p5"], five), cur), amount(_at(fan["p50"], five), cur)
    profitable = percent(result["series"]["p_operating_profitable"][six])
    words = [
        f"In 19 of 20 simulated futures the fund (cash and loans) is above {low} after {five} months; "
        f"in the middle future it is {middle}.",
        f"At month {six}, {profitable} of futures are operationally profitable: over the last 12 months, "
        "income covers all costs.",
        f"The cooperative first breaks even at {_month_range(be)}; "
        f"{percent(be['reached_share'])} of futures break even within the plan.",
    ]
    payback = summary.get("business_payback_month")
    if payback is not None:
        words.append(
            f"The joint business earns back its cost at {_month_range(payback)}; "
            f"{percent(payback['reached_share'])} of futures get there."
        )
    share = summary.get("share_out_per_member")
    if share and share.get("median") is not None:
        words.append(
            f"At the last share-out each member takes home {amount(share['median'], cur)} in the middle "
            f"future (most futures: {amount(share['p5'], cur)} to {amount(share['p95'], cur)})."
        )
    if summary.get("cash_shortfall_share", 0) > 0:
        words.append(
            f"In {percent(summary['cash_shortfall_share'])} of futures, in some month there was not "
            "enough cash to pay back a leaving member at once."
        )
    return words


def _threex6_words(result: Mapping[str, Any]) -> list[str]:
    cur, summary = result["currency"], result["summary"]
    planned, gate = summary["planned_funding"], summary["feasibility"]
    last = _checkpoint(result, 60)
    saved, invested = (
        amount(planned["savings_per_person"], cur),
        amount(planned["total_investment_per_group"], cur),
    )
    formed, left = summary["groups_formed"]["median"], summary["people_exited_with_savings"]["median"]
    words = [
        f"Each person saves {saved} from cash-for-work; with the match, a full group of "
        f"{planned['group_members']:.0f} invests {invested}.",
        f"In the middle future {formed:.0f} of {summary['planned_groups']} planned groups form; "
        f"{left:.0f} people leave with their savings.",
        f"Groups' businesses break even at {_month_range(summary['break_even_month'])}; members have "
        f"their own savings back at {_month_range(summary['payback_own_savings_month'])}.",
        f"At month {last}, {percent(result['series']['p_operating_profitable'][last])} of groups are "
        f"operationally profitable and {percent(result['series']['p_open'][last])} are still open.",
    ]
    if not gate["applied"]:
        words.append("No market evidence was given, so the feasibility check was not applied.")
    elif gate["passed"]:
        words.append("The market evidence passes the feasibility check: matching funds are released.")
    else:
        words.append(
            "The market evidence fails the feasibility check, so no matching funds are paid: "
            + "; ".join(gate["reasons"])
            + "."
        )
    words.extend(w[0].upper() + w[1:] + "." for w in gate["warnings"] if gate["applied"])
    return words


#: rows of the key-figures table, in order: (key, label)
KEY_ROWS = (
    ("kind", "Model"),
    ("fund_5y_low", "Fund or group cash after 5 years: 19 in 20 futures above"),
    ("fund_5y_median", "Fund or group cash after 5 years: middle future"),
    ("p_profit_y6", "Chance of operating profit in year 6 (or the plan's last month)"),
    ("break_even", "Break-even month: middle future"),
    ("break_even_range", "Break-even month: most futures"),
    ("break_even_share", "Futures that break even"),
    ("payback", "Business pays back its cost: middle future"),
    ("take_home", "Each member takes home at the end: middle future"),
)


def _dist_month(dist: Mapping[str, Any] | None, key: str = "median") -> str:
    if not dist or dist.get(key) is None:
        return DASH
    return f"{dist[key]:.0f}"


def key_figures(result: Mapping[str, Any]) -> dict[str, str]:
    """The figures compared side by side, one formatted string per :data:`KEY_ROWS` key."""
    cur, summary, fan = result["currency"], result["summary"], _fan(result)
    five, six = _checkpoint(result, 60), _checkpoint(result, 72)
    be = summary["break_even_month"]
    if result["kind"] == "cooperative":
        payback, take_home = summary.get("business_payback_month"), summary.get("share_out_per_member")
    else:
        payback, take_home = (
            summary["payback_total_investment_month"],
            summary["cumulative_profit_per_member_at_end"],
        )
    be_range = DASH if be.get("median") is None else f"{be['p5']:.0f}–{be['p95']:.0f}"
    return {
        "kind": KIND_LABELS[result["kind"]],
        "fund_5y_low": amount(_at(fan.get("p5", []), five), cur),
        "fund_5y_median": amount(_at(fan.get("p50", []), five), cur),
        "p_profit_y6": percent(result["series"]["p_operating_profitable"][six]),
        "break_even": _dist_month(be),
        "break_even_range": be_range,
        "break_even_share": percent(be["reached_share"]),
        "payback": _dist_month(payback),
        "take_home": amount(take_home["median"] if take_home else None, cur),
    }


def key_figure_rows(result: Mapping[str, Any]) -> list[Figure]:
    """:func:`key_figures` as labelled rows."""
    values = key_figures(result)
    return [Figure(label, values[key]) for key, label in KEY_ROWS]


def input_rows(kind: str, inputs: Mapping[str, Any], currency: str) -> list[Figure]:
    """The plan's inputs as labelled, formatted rows (for the plan page and the PDF)."""
    rows = []
    for f in FIELDS[kind]:
        rows.append(Figure(f.label, _input_text(f, inputs.get(f.name), currency)))
    return rows


def _input_text(f: PlanField, value: Any, currency: str) -> str:
    if value is None:
        return DASH
    if f.kind == "flag":
        return "yes" if value else "no"
    return money(value, currency) if f.name in MONEY_FIELDS else format_decimal(value)


def chart_alt(result: Mapping[str, Any], name: str = "") -> str:
    """Alt text that says what the plan's chart shows, with its main numbers."""
    cur, fan = result["currency"], _fan(result)
    last = len(result["months"]) - 1
    what = (
        "the fund balance (cash and loans)"
        if result["kind"] == "cooperative"
        else "a group's cumulative net cash"
    )
    title = f"Charts for {name}: " if name else "Charts: "
    return (
        f"{title}left, a fan chart of {what} by month over {last} months; the middle future ends at "
        f"{amount(_at(fan.get('p50', []), last), cur)}, 19 in 20 futures above "
        f"{amount(_at(fan.get('p5', []), last), cur)}. "
        f"Right, the share of futures operationally profitable each month, "
        f"{percent(result['series']['p_operating_profitable'][last])} at the end."
    )
