"""Results a treasurer can read.

Labels that follow the plan's length, shares at a sensible precision, and one plain sentence for
each figure that could surprise.

Everything here returns :class:`~planner.messages.Message` s (English templates with their values), so
the web, the printable plan and the command line say them in the reader's language with the reader's
number formats (kinds ``count``, ``percent``, ``percent_precise`` and ``money``). Nothing here formats
a number itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from planner.books.shareout import MemberPayout
from planner.config import CooperativeConfig
from planner.messages import N_, Message
from planner.money import minor_to_decimal
from planner.outcomes import CooperativeOutcome, Outcome, ThreeBySixOutcome

#: shares said as words when a value is this close to them
FRACTIONS: tuple[tuple[float, str], ...] = (
    (1 / 2, N_("a half (%(percent)s)")),
    (1 / 3, N_("one third (%(percent)s)")),
    (2 / 3, N_("two thirds (%(percent)s)")),
    (1 / 4, N_("a quarter (%(percent)s)")),
    (3 / 4, N_("three quarters (%(percent)s)")),
    (1 / 5, N_("one fifth (%(percent)s)")),
    (1 / 10, N_("one tenth (%(percent)s)")),
)


def share_words(value: float) -> Message:
    """A share (0.333 for a third) at a precision a treasurer reads out.

    Common fractions are said in words with their percentage; shares under 1% and over 99% are
    "less than 1%" and "more than 99%"; shares under 10% keep one decimal when it matters; the rest
    are whole percentages.

    Examples
    --------
    >>> [str(share_words(v)) for v in (0.3333333333, 0.25, 0.4567, 0.045, 0.05, 0.0004, 0.9996, 0.0)]
    ['one third (33%)', 'a quarter (25%)', '46%', '4.5%', '5%', 'less than 1%', 'more than 99%', '0%']
    """
    for fraction, words in FRACTIONS:
        if abs(value - fraction) < 0.0005:
            return Message(words, {"percent": fraction}, {"percent": "percent"})
    if 0 < value < 0.01:
        return Message(N_("less than %(share)s"), {"share": 0.01}, {"share": "percent"})
    if 0.99 < value < 1:
        return Message(N_("more than %(share)s"), {"share": 0.99}, {"share": "percent"})
    precise = value < 0.1 and round(value * 1000) % 10 != 0
    return Message(
        "%(share)s",
        {"share": round(value, 3 if precise else 2)},
        {"share": "percent_precise" if precise else "percent"},
    )


def when(month: int) -> Message:
    """When a plan month falls, in words that follow the plan's length: "by year 5", "by month 18".

    Examples
    --------
    >>> str(when(60)), str(when(18)), str(when(120))
    ('by year 5', 'by month 18', 'by year 10')
    """
    if month and month % 12 == 0:
        return Message(N_("by year %(year)s"), {"year": month // 12}, {"year": "count"})
    return Message(N_("by month %(month)s"), {"month": month}, {"month": "count"})


@dataclass(frozen=True)
class KeyMonths:
    """The months a plan's key figures are read at.

    The fund at the plan's end; the chance of profit in year 6 (or the plan's last year, when shorter).
    """

    fund: int
    profit: int

    def labels(self) -> dict[str, Message]:
        """Labels of the key figures that say which month they are read at."""
        fund, year = when(self.fund), max(1, -(-self.profit // 12))
        return {
            "fund_low": Message(N_("Fund or group cash %(when)s: 19 in 20 futures above"), {"when": fund}),
            "fund_median": Message(N_("Fund or group cash %(when)s: middle future"), {"when": fund}),
            "p_profit": Message(
                N_("Chance of operating profit in year %(year)s (month %(month)s)"),
                {"year": year, "month": self.profit},
                {"year": "count", "month": "count"},
            ),
        }


def key_months(outcome: Outcome) -> KeyMonths:
    """The key figures' months for this plan (its end for the fund; month 72, or its end, for profit).

    Examples
    --------
    >>> from planner.parameters import threex6_config
    >>> from planner.threex6_results import simulate_threex6
    >>> months = key_months(simulate_threex6(threex6_config({"months": 36}), runs=5, seed=1).outcome())
    >>> months, str(months.labels()["fund_low"])
    (KeyMonths(fund=36, profit=36), 'Fund or group cash by year 3: 19 in 20 futures above')
    """
    return KeyMonths(outcome.last_month, min(72, outcome.last_month))


def _money(amount: float, currency: str) -> dict[str, object]:
    return {"amount": round(amount, 2), "currency": currency}


def explain_operating_profit(outcome: CooperativeOutcome) -> tuple[Message, ...]:
    """Why few futures are "operationally profitable" while the fund grows, when that is so (else empty).

    The fund is members' savings as well as earnings, so it grows with every month's saving even when
    the group's income does not cover its costs.

    Examples
    --------
    >>> from planner.cooperative import simulate_cooperative
    >>> from planner.parameters import cooperative_config
    >>> config = cooperative_config({"months": 24, "loan_interest_rate_annual": 0.0,
    ...                              "business": {"enabled": False}})
    >>> said = explain_operating_profit(simulate_cooperative(config, runs=20, seed=1).outcome())
    >>> str(said[0])[:60], str(said[1])[:32]
    ('Only 0% of futures are operationally profitable at month 24,', 'This plan has no business, so th')
    """
    last = outcome.last_month
    share = outcome.value("p_operating_profitable", last) or 0.0
    start, end = outcome.fan.at(0, 50), outcome.fan.at(last, 50)
    if share >= 0.5 or start is None or end is None or end <= start:
        return ()
    saved = (outcome.value("member_savings", last) or 0.0) - (outcome.value("member_savings", 0) or 0.0)
    cur = outcome.currency
    said = [
        Message(
            N_(
                "Only %(share)s of futures are operationally profitable at month %(month)s, "
                "yet the fund grows "
                "from %(start)s to %(end)s in the middle future: it grows because members keep saving "
                "(%(saved)s more savings on average). Operationally profitable means that over the last 12 "
                "months the group's income - loan interest, fees and business sales - covered its running "
                "costs, its losses on loans and the interest it pays on savings; in most futures it does not."
            ),
            {
                "share": share_words(share),
                "month": last,
                "start": _money(start, cur),
                "end": _money(end, cur),
                "saved": _money(saved, cur),
            },
            {"month": "count", "start": "money", "end": "money", "saved": "money"},
        )
    ]
    if not any(outcome.series.get("business_revenue") or ()):
        said.append(
            Message(
                N_(
                    "This plan has no business, so the group's only income is the interest and fees on "
                    "members' loans: a higher loan rate, more lending or lower costs would make it "
                    "profitable."
                )
            )
        )
    retained = outcome.value("retained_earnings", last)
    if retained is not None and retained < 0:
        said.append(
            Message(
                N_(
                    "On average the group ends with a loss of %(loss)s, carried by all its members together; "
                    "members' savings stay backed by cash and loans."
                ),
                {"loss": _money(-retained, cur)},
                {"loss": "money"},
            )
        )
    return tuple(said)


def paid_in_by_a_founder(config: CooperativeConfig) -> float:
    """Savings paid in over the whole plan by a member there from its start: entry share + monthly saving.

    Examples
    --------
    >>> from planner.parameters import cooperative_config
    >>> paid_in_by_a_founder(cooperative_config({"months": 120, "entry_share": 1000, "monthly_saving": 500}))
    61000.0
    """
    return float(config.entry_share + config.monthly_saving * config.months)


def explain_take_home(outcome: CooperativeOutcome, paid_in: float) -> Message | None:
    """The take-home at the last share-out against what a founding member paid in: their gain or why not.

    ``paid_in`` is a founding member's savings over the plan (see :func:`paid_in_by_a_founder`).

    Examples
    --------
    >>> from planner.cooperative import simulate_cooperative
    >>> from planner.parameters import cooperative_config
    >>> config = cooperative_config({"months": 24, "business": {"enabled": False}})
    >>> outcome = simulate_cooperative(config, runs=20, seed=1).outcome()
    >>> str(explain_take_home(outcome, paid_in_by_a_founder(config)))[:40]
    'Each member takes home NPR 11,757.73 at '
    """
    share = outcome.share_out_per_member
    if share is None or share.median is None:
        return None
    cur, take = outcome.currency, share.median
    gain = take - paid_in
    if gain >= 0:
        return Message(
            N_(
                "Each member takes home %(take)s at the last share-out in the middle future: the %(paid)s a "
                "member there from the start paid in as savings, and a gain of %(gain)s."
            ),
            {"take": _money(take, cur), "paid": _money(paid_in, cur), "gain": _money(gain, cur)},
            {"take": "money", "paid": "money", "gain": "money"},
        )
    return Message(
        N_(
            "Each member takes home %(take)s at the last share-out in the middle future, %(gap)s less "
            "than the %(paid)s a member there from the start paid in as savings. "
            "The take-home is the average member's: "
            "members who joined later saved less, the dividends of earlier years were already paid out, and "
            "the social fund is not shared out."
        ),
        {"take": _money(take, cur), "gap": _money(-gain, cur), "paid": _money(paid_in, cur)},
        {"take": "money", "gap": "money", "paid": "money"},
    )


def explain_payout(payout: MemberPayout, currency: str) -> Message:
    """A member's share-out from the books in one sentence: what they get, their savings and their gain.

    Examples
    --------
    >>> p = MemberPayout("asha", 104, 520000, 36580, 0, 120000)
    >>> str(explain_payout(p, "NPR"))
    'asha takes home NPR 4,365.80: savings of NPR 5,200.00 back, a gain of NPR 365.80, less NPR 1,200.00 \
kept back for a loan.'
    """

    def money(minor: int) -> dict[str, object]:
        return {"amount": float(minor_to_decimal(minor, currency)), "currency": currency}

    def part(template: str, minor: int) -> Message | str:
        return Message(template, {"amount": money(minor)}, {"amount": "money"}) if minor else ""

    gain = (
        part(N_(", a gain of %(amount)s"), payout.earnings)
        if payout.earnings >= 0
        else part(N_(", less a loss of %(amount)s"), -payout.earnings)
    )
    return Message(
        N_("%(member)s takes home %(take)s: savings of %(saved)s back%(gain)s%(social)s%(kept)s."),
        {
            "member": payout.member,
            "take": money(payout.handed),
            "saved": money(payout.savings),
            "gain": gain,
            "social": part(N_(", %(amount)s from the social fund"), payout.social),
            "kept": part(N_(", less %(amount)s kept back for a loan"), payout.loan_kept_back),
        },
        {"take": "money", "saved": "money"},
    )


@dataclass(frozen=True)
class Notice:
    """Something to show beside the results: ``warning`` (it matters for the decision) or ``note``."""

    level: Literal["warning", "note"]
    message: Message


def notices(outcome: Outcome) -> tuple[Notice, ...]:
    """What to show as warnings (and notes) beside a plan's results, most important first.

    Examples
    --------
    >>> from planner.parameters import threex6_config
    >>> from planner.threex6_results import simulate_threex6
    >>> from planner.feasibility import MarketEvidence
    >>> found = notices(simulate_threex6(threex6_config(), MarketEvidence(1, 1), runs=10, seed=1).outcome())
    >>> found[0].level, str(found[0].message)
    ('warning', 'The market evidence fails the feasibility check, so no matching funds are paid.')
    """
    out: list[Notice] = []
    if isinstance(outcome, ThreeBySixOutcome):
        if outcome.verdict.applied and not outcome.verdict.passed:
            out.append(
                Notice(
                    "warning",
                    Message(
                        N_("The market evidence fails the feasibility check, so no matching funds are paid.")
                    ),
                )
            )
        out.extend(Notice("warning", m) for m in outcome.verdict.warnings if outcome.verdict.applied)
        out.extend(Notice("note", m) for m in outcome.verdict.warnings if not outcome.verdict.applied)
    else:
        if outcome.cash_shortfall_share > 0:
            out.append(
                Notice(
                    "warning",
                    Message(
                        N_(
                            "In %(share)s of futures, in some month there is not enough cash "
                            "to pay a leaving member at once."
                        ),
                        {"share": share_words(outcome.cash_shortfall_share)},
                    ),
                )
            )
        out.extend(Notice("note", m) for m in explain_operating_profit(outcome))
    reached = outcome.break_even.reached_share
    if reached < 0.5:
        out.append(
            Notice(
                "warning",
                Message(
                    N_("Only %(share)s of futures break even within the plan."),
                    {"share": share_words(reached)},
                ),
            )
        )
    return tuple(out)
