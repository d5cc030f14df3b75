"""A savings and credit cooperative's books, month by month, over many simulated futures at once.

Every amount is kept in integer minor units (cents) and every movement is posted to both sides, so
in every month and every simulated future::

    cash + loans outstanding = member savings + retained earnings + social fund

holds exactly. The loan portfolio is tracked in three parts: current loans, loans 1-30 days late and
loans more than 30 days late (portfolio at risk). Each month, in this order: members join and leave
(leavers take their savings), members save and pay into the social fund, the social fund pays
emergency grants, late loans catch up, roll over or are written off, current loans repay principal
and interest, the joint business earns or loses, expenses are paid, savings earn interest, new
loans are granted (up to a multiple of a member's savings, while the loan fund allows, keeping back
cash for a planned business), and at the
end of each cycle a dividend is shared out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from planner.business import BusinessPaths, simulate_business
from planner.config import CooperativeConfig
from planner.coop_metrics import MonthlyTracker
from planner.exceptions import ParameterError
from planner.messages import N_, Message, counts
from planner.money import MINOR_PER_MAJOR, round_half_up, round_half_up_array, to_minor
from planner.results import CooperativeResult

STATE_NAMES = (
    "members",
    "cash",
    "loans_current",
    "loans_late",
    "loans_par30",
    "savings",
    "retained",
    "social",
)
FLOW_NAMES = (
    "joiners",
    "leavers",
    "deposits",
    "withdrawals",
    "social_claims",
    "interest",
    "fees",
    "write_offs",
    "business_revenue",
    "business_costs",
    "investment",
    "expenses",
    "savings_interest",
    "disbursed",
    "dividends",
    "share_out_per_member",
)


@dataclass(frozen=True)
class CooperativeRun:
    """The books of every simulated future.

    ``states[name]`` has shape ``(months + 1, runs)`` (row 0 is the opening balance); ``flows[name]``
    has shape ``(months, runs)`` (row ``t`` is month ``t + 1``). Money is in minor units (int64).
    """

    config: CooperativeConfig
    runs: int
    seed: int | None
    states: dict[str, NDArray[np.int64]]
    flows: dict[str, NDArray[np.int64]]

    @property
    def loans(self) -> NDArray[np.int64]:
        """Loans outstanding: current + late + more than 30 days late."""
        return self.states["loans_current"] + self.states["loans_late"] + self.states["loans_par30"]

    def balance_gap(self) -> NDArray[np.int64]:
        """``cash + loans - (savings + retained + social)`` per month and run: zero when books balance."""
        s = self.states
        return s["cash"] + self.loans - (s["savings"] + s["retained"] + s["social"])


@dataclass(frozen=True)
class PastMonth:
    """A month of the group's books before a plan starts, as the plan's 12-month measures count it (cents).

    ``income`` is loan interest, fines, other income and business sales; ``costs`` are running costs,
    business costs and loans written off (``written_off``, also on its own); ``assets`` (cash and loans)
    and ``loans`` are the balances at the month's end.
    """

    income: int
    costs: int
    written_off: int
    assets: int
    loans: int


@dataclass(frozen=True)
class OpeningBalances:
    """Where a plan starts: the group's books on day ``on`` (money in cents, as the simulation keeps it).

    Without one, a plan starts from nothing: ``initial_members`` each paying the ``entry_share``.
    ``loans_late`` are loans 1-30 days late, ``loans_par30`` more than 30 days late. The books must
    balance: ``cash + loans = savings + retained + social``. ``past`` holds the books' months before
    ``on`` (oldest first, at most 12): the plan's "last 12 months" measures (operating profit and
    break-even among them) count them in its first year, as the books recorded them.
    """

    members: int
    cash: int
    savings: int
    social: int
    retained: int
    loans_current: int = 0
    loans_late: int = 0
    loans_par30: int = 0
    on: dt.date | None = None
    past: tuple[PastMonth, ...] = ()

    @property
    def loans(self) -> int:
        """Loans outstanding, all three piles."""
        return self.loans_current + self.loans_late + self.loans_par30

    def check(self, config: CooperativeConfig) -> None:
        """Raise ``ParameterError`` unless the balances add up and fit ``config``."""
        if self.cash + self.loans != self.savings + self.retained + self.social:
            raise ParameterError(
                Message(
                    N_(
                        "the opening books do not balance: cash and loans (%(assets)s cents) differ from "
                        "savings, retained earnings and social fund (%(claims)s cents)"
                    ),
                    {"assets": self.cash + self.loans, "claims": self.savings + self.retained + self.social},
                    {"assets": "count", "claims": "count"},
                )
            )
        if min(self.members, self.loans_current, self.loans_late, self.loans_par30, self.social) < 0:
            raise ParameterError(Message(N_("the opening books have a negative count, loan or social fund")))
        if self.members != config.initial_members:
            raise ParameterError(
                counts(
                    N_("the books have %(books)s members but the plan starts with %(plan)s"),
                    books=self.members,
                    plan=config.initial_members,
                ),
                settings=("cooperative.initial_members",),
            )

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form (cents; the day as ISO text)."""
        out = {**asdict(self), "on": None if self.on is None else self.on.isoformat()}
        out["past"] = [asdict(m) for m in self.past]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> OpeningBalances:
        """Back from :meth:`to_dict` (a plan saved before openings kept their past months has none)."""
        values = dict(data)
        if values.get("on"):
            values["on"] = dt.date.fromisoformat(str(values["on"]))
        values["past"] = tuple(PastMonth(**m) for m in values.get("past") or ())
        return cls(**values)


def _cents(x: float) -> int:
    return to_minor(x)


class _Books:
    """Mutable month-by-month state for one simulation (internal)."""

    def __init__(self, cfg: CooperativeConfig, runs: int, opening: OpeningBalances | None = None) -> None:
        self.cfg = cfg
        self.s = {name: np.zeros(runs, dtype=np.int64) for name in STATE_NAMES}
        if opening is None:
            self.s["members"][:] = cfg.initial_members
            self.s["savings"][:] = cfg.initial_members * _cents(cfg.entry_share)
            self.s["cash"][:] = self.s["savings"]
        else:
            for name in STATE_NAMES:
                self.s[name][:] = getattr(opening, name)
        self.f: dict[str, NDArray[np.int64]] = {}

    def post(self, flow: str, amount: NDArray[np.int64]) -> None:
        self.f[flow] = amount

    def membership(self, rng: np.random.Generator) -> None:
        cfg, s = self.cfg, self.s
        members = s["members"]
        joiners = np.minimum(rng.poisson(cfg.joins_per_month, members.shape), cfg.max_members - members)
        leavers = rng.binomial(members, cfg.monthly_dropout_rate)
        per_member = np.where(members > 0, s["savings"] // np.maximum(members, 1), 0)
        paid = np.minimum(leavers * per_member, np.maximum(s["cash"] - s["social"], 0))
        s["cash"] -= paid
        s["savings"] -= paid
        entry = joiners * _cents(cfg.entry_share)
        s["cash"] += entry
        s["savings"] += entry
        members += joiners - leavers
        self.post("joiners", joiners)
        self.post("leavers", leavers)
        self.post("withdrawals", paid)

    def saving(self, rng: np.random.Generator) -> None:
        cfg, s = self.cfg, self.s
        deposits = s["members"] * _cents(cfg.monthly_saving)
        social_in = s["members"] * _cents(cfg.social_fund_contribution)
        s["cash"] += deposits + social_in
        s["savings"] += deposits
        s["social"] += social_in
        claims = rng.binomial(s["members"], cfg.social_fund_claim_rate)
        paid = np.minimum(claims * _cents(cfg.social_fund_grant), s["social"])
        s["cash"] -= paid
        s["social"] -= paid
        self.post("deposits", deposits)
        self.post("social_claims", paid)

    def portfolio(self, rng: np.random.Generator) -> None:
        cfg, s = self.cfg, self.s
        sigma = cfg.risk_volatility
        shape = s["cash"].shape
        risk = (
            np.exp(sigma * rng.standard_normal(shape) - 0.5 * sigma * sigma) if sigma > 0 else np.ones(shape)
        )
        late_share = np.minimum(cfg.late_rate * risk, 1.0)
        wo_share = np.minimum(cfg.write_off_rate_par30 * risk, 1.0 - cfg.recovery_rate_par30)
        recovered = round_half_up_array(s["loans_par30"] * cfg.recovery_rate_par30)
        written_off = np.minimum(
            round_half_up_array(s["loans_par30"] * wo_share), s["loans_par30"] - recovered
        )
        s["loans_par30"] -= recovered + written_off
        s["retained"] -= written_off
        cured = round_half_up_array(s["loans_late"] * cfg.cure_rate)
        s["loans_par30"] += s["loans_late"] - cured
        s["loans_current"] += recovered + cured
        s["loans_late"] = round_half_up_array(s["loans_current"] * late_share)
        s["loans_current"] -= s["loans_late"]
        interest = round_half_up_array(s["loans_current"] * (cfg.loan_interest_rate_annual / 12.0))
        principal = np.minimum(
            round_half_up_array(s["loans_current"] / cfg.loan_term_months), s["loans_current"]
        )
        s["loans_current"] -= principal
        s["cash"] += principal + interest
        s["retained"] += interest
        self.post("interest", interest)
        self.post("write_offs", written_off)

    def business(self, paths: BusinessPaths | None, t: int) -> None:
        s = self.s
        zeros = np.zeros_like(s["cash"])
        if paths is None:
            revenue = costs = investment = zeros
        else:
            revenue = round_half_up_array(paths.revenue[t] * MINOR_PER_MAJOR)
            costs = round_half_up_array((paths.variable_costs[t] + paths.fixed_costs[t]) * MINOR_PER_MAJOR)
            investment = round_half_up_array(paths.investment[t] * MINOR_PER_MAJOR)
        net = revenue - costs - investment
        s["cash"] += net
        s["retained"] += net
        self.post("business_revenue", revenue)
        self.post("business_costs", costs)
        self.post("investment", investment)

    def running_costs(self) -> None:
        cfg, s = self.cfg, self.s
        expenses = _cents(cfg.monthly_fixed_expenses) + s["members"] * _cents(cfg.expense_per_member)
        s["cash"] -= expenses
        s["retained"] -= expenses
        credited = round_half_up_array(s["savings"] * (cfg.savings_interest_rate_annual / 12.0))
        s["savings"] += credited
        s["retained"] -= credited
        self.post("expenses", expenses)
        self.post("savings_interest", credited)

    def lending(self, rng: np.random.Generator, month: int) -> None:
        cfg, s = self.cfg, self.s
        saving_up = set_aside_for_business(cfg, month)
        requests = rng.binomial(s["members"], cfg.borrowing_rate)
        per_member = s["savings"] // np.maximum(s["members"], 1)
        cap_each = np.minimum(
            _cents(cfg.average_loan_request), round_half_up_array(per_member * cfg.loan_multiple_of_savings)
        )
        reserve = round_half_up_array(s["savings"] * cfg.liquidity_reserve_share)
        lendable = np.maximum(s["cash"] - s["social"] - reserve - saving_up, 0)
        disbursed = np.minimum(requests * np.maximum(cap_each, 0), lendable)
        fees = round_half_up_array(disbursed * cfg.loan_fee_rate)
        s["cash"] += fees - disbursed
        s["loans_current"] += disbursed
        s["retained"] += fees
        self.post("disbursed", disbursed)
        self.post("fees", fees)

    def dividends(self, month: int) -> None:
        cfg, s = self.cfg, self.s
        zeros = np.zeros_like(s["cash"])
        if month % cfg.cycle_months:
            self.post("dividends", zeros)
            self.post("share_out_per_member", zeros)
            return
        members = np.maximum(s["members"], 1)
        pot = np.floor(np.maximum(s["retained"], 0) * cfg.dividend_payout_share).astype(np.int64)
        pot = np.minimum(pot, np.maximum(s["cash"] - s["social"], 0))
        per_member = np.where(s["members"] > 0, pot // members, 0)
        paid = per_member * s["members"]
        s["cash"] -= paid
        s["retained"] -= paid
        self.post("dividends", paid)
        self.post("share_out_per_member", per_member + s["savings"] // members)


def simulate_cooperative(
    config: CooperativeConfig,
    runs: int = 1000,
    seed: int | None = None,
    *,
    keep_paths: bool = False,
    opening: OpeningBalances | None = None,
) -> CooperativeResult:
    """Run the cooperative's books over ``runs`` simulated futures, vectorised over futures.

    Parameters
    ----------
    config : CooperativeConfig
        Settings (see :func:`planner.parameters.cooperative_config`).
    runs : int
        Number of simulated futures (Monte Carlo paths).
    seed : int, optional
        Seed for ``numpy.random.default_rng``; the same seed gives the same books.
    keep_paths : bool
        Also keep every month of every future's books (``result.paths``); memory grows with
        ``runs x months``, so keep it for checks and small runs.
    opening : OpeningBalances, optional
        Start from the group's books (see :func:`planner.books.plan.plan_start`) instead of from
        nothing; month 0 is the day the books were read.

    Examples
    --------
    >>> from planner.parameters import cooperative_config
    >>> res = simulate_cooperative(cooperative_config({"months": 48}), runs=50, seed=1, keep_paths=True)
    >>> res.paths.states["cash"].shape, int(abs(res.paths.balance_gap()).max())
    ((49, 50), 0)
    """
    if runs < 1:
        raise ParameterError(f"runs must be at least 1, got {runs}")
    if opening is not None:
        opening.check(config)
    rng = np.random.default_rng(seed)
    cfg, months = config, config.months
    business = _business_paths(cfg, runs, rng)
    books = _Books(cfg, runs, opening)
    tracker = MonthlyTracker(runs, months, cfg.business.start_month if business is not None else None)
    tracker.opening(books.s, opening.past if opening is not None else ())
    store = _PathStore(runs, months, books.s) if keep_paths else None
    for t in range(months):
        members_before = books.s["members"].copy()
        books.membership(rng)
        books.saving(rng)
        books.portfolio(rng)
        books.business(business, t)
        books.running_costs()
        books.lending(rng, t + 1)
        books.dividends(t + 1)
        tracker.record(t + 1, books.s, books.f, members_before)
        if store is not None:
            store.add(t, books.s, books.f)
    paths = None if store is None else CooperativeRun(cfg, runs, seed, store.states, store.flows)
    return CooperativeResult.from_tracker(cfg, runs, seed, tracker, paths, opening)


def set_aside_for_business(cfg: CooperativeConfig, month: int) -> int:
    """Cents kept out of the loan fund in ``month`` to open the business: a growing share of its cost."""
    b = cfg.business
    if not b.enabled or month > b.start_month:
        return 0
    return round_half_up(_cents(b.startup_cost) * month / b.start_month)


class _PathStore:
    def __init__(self, runs: int, months: int, opening: dict[str, NDArray[np.int64]]) -> None:
        self.states = {n: np.empty((months + 1, runs), dtype=np.int64) for n in STATE_NAMES}
        self.flows = {n: np.empty((months, runs), dtype=np.int64) for n in FLOW_NAMES}
        for name in STATE_NAMES:
            self.states[name][0] = opening[name]

    def add(self, t: int, s: dict[str, NDArray[np.int64]], f: dict[str, NDArray[np.int64]]) -> None:
        for name in STATE_NAMES:
            self.states[name][t + 1] = s[name]
        for name in FLOW_NAMES:
            self.flows[name][t] = f[name]


def _business_paths(cfg: CooperativeConfig, runs: int, rng: np.random.Generator) -> BusinessPaths | None:
    b = cfg.business
    if not b.enabled:
        return None
    return simulate_business(
        b,
        cfg.months,
        rng,
        np.full(runs, float(b.monthly_revenue)),
        np.full(runs, float(b.fixed_costs_monthly)),
        np.full(runs, float(b.startup_cost)),
        start_month=b.start_month,
    )
