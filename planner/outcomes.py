"""One typed shape for a plan's results, read from and written to the JSON a saved plan keeps.

:meth:`planner.results.CooperativeResult.to_dict` and
:meth:`planner.threex6_results.ThreeBySixResult.to_dict` give the JSON the web stores (its
``SavedPlan.summary``). :func:`outcome_from_dict` reads any such JSON back - including plans saved
before this module, without ``kind``, message forms or opening books - into a frozen
:class:`CooperativeOutcome` or :class:`ThreeBySixOutcome`, and their ``to_dict()`` writes the same
JSON again (a result written by this version round-trips exactly). Readers use attributes, not string
keys, and never guess the plan's kind from which keys are present.

=============================  ==========================================================
saved JSON                     typed attribute
=============================  ==========================================================
``kind`` / ``model``           the class (:class:`CooperativeOutcome`, :class:`ThreeBySixOutcome`)
``currency runs seed months``  ``currency``, ``runs``, ``seed``, ``months``
``series[name]``               ``series[name]`` (tuples, ``None`` where undefined)
``fund_fan`` / ``cash_fan``    ``fan`` (:class:`Fan`, ``fan.what`` says which)
``summary.break_even_month``   ``break_even`` (:class:`~planner.montecarlo.Distribution`)
``summary.p_operating_...``    ``profitable_at[month]``
``opening``                    ``opening`` (:class:`~planner.cooperative.OpeningBalances`)
(3x6) ``summary.feasibility``  ``verdict`` (:class:`~planner.feasibility.FeasibilityVerdict`)
=============================  ==========================================================
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from planner.cooperative import OpeningBalances
from planner.exceptions import ConfigError
from planner.feasibility import FeasibilityVerdict, MarketEvidence
from planner.messages import Message
from planner.montecarlo import PERCENTILES, Distribution
from planner.threex6 import Funding

Series = tuple[float | None, ...]


def _series(values: Sequence[Any]) -> Series:
    return tuple(None if v is None else float(v) for v in values)


def _dist(data: Mapping[str, Any] | None) -> Distribution | None:
    if data is None:
        return None
    g = data.get
    return Distribution(
        float(data["reached_share"]), g("mean"), g("p5"), g("p25"), g("median"), g("p75"), g("p95")
    )


def _need_dist(data: Mapping[str, Any] | None, where: str) -> Distribution:
    dist = _dist(data)
    if dist is None:
        raise ConfigError(f"saved plan: {where} is missing")
    return dist


@dataclass(frozen=True)
class ActualPoint:
    """The group's actual figure in a plan month, from its books (drawn over the plan's fan)."""

    month: int
    value: float


@dataclass(frozen=True)
class Fan:
    """Percentiles over the simulated futures, month by month (a fan chart).

    ``what`` is ``"fund_balance"`` (a cooperative's cash + loans) or ``"group_cash"`` (a 3x6 group's
    cumulative net cash). ``bands[q]`` is the ``q``-th percentile by month, for ``q`` in 5, 25, 50, 75, 95.
    """

    what: str
    bands: Mapping[int, Series]

    def at(self, month: int, q: int) -> float | None:
        """Percentile ``q`` in ``month`` (the last month when the plan is shorter)."""
        values = self.bands[q]
        return values[min(month, len(values) - 1)] if values else None

    def band(self, month: int, low: int = 5, high: int = 95) -> tuple[float | None, float | None]:
        """The ``low``-``high`` band in ``month`` (the 90% band by default)."""
        return self.at(month, low), self.at(month, high)

    def to_dict(self) -> dict[str, list[float | None]]:
        """``{"p5": [...], ...}`` as saved."""
        return {f"p{q}": list(self.bands[q]) for q in PERCENTILES if q in self.bands}

    @classmethod
    def from_dict(cls, what: str, data: Mapping[str, Sequence[Any]]) -> Fan:
        """Read ``{"p5": [...], ...}``."""
        return cls(what, {int(k[1:]): _series(v) for k, v in data.items()})


class _MonthlySeries:
    """What both outcomes answer from their ``months`` and ``series``."""

    months: tuple[int, ...]
    series: Mapping[str, Series]

    @property
    def last_month(self) -> int:
        """The plan's last month."""
        return self.months[-1]

    def value(self, name: str, month: int) -> float | None:
        """Series ``name`` (averaged over futures, or over funded groups) in ``month``.

        ``None`` if the plan has no such series.
        """
        values = self.series.get(name, ())
        return values[min(month, len(values) - 1)] if values else None


@dataclass(frozen=True)
class CooperativeOutcome(_MonthlySeries):
    """A cooperative plan's results as saved (see the module's table)."""

    currency: str
    runs: int
    seed: int | None
    months: tuple[int, ...]
    series: Mapping[str, Series]
    fan: Fan
    profitable_at: Mapping[int, float | None]
    break_even: Distribution
    business_payback: Distribution | None
    share_out_per_member: Distribution | None
    final_fund: Mapping[str, float | None]
    cash_shortfall_share: float
    final: Mapping[str, float | None]
    opening: OpeningBalances | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    kind = "cooperative"

    def to_dict(self) -> dict[str, Any]:
        """The saved JSON again."""
        summary = {
            "p_operating_profitable": {f"month_{m}": v for m, v in self.profitable_at.items()},
            "break_even_month": self.break_even.to_dict(),
            "business_payback_month": None
            if self.business_payback is None
            else self.business_payback.to_dict(),
            "share_out_per_member": None
            if self.share_out_per_member is None
            else self.share_out_per_member.to_dict(),
            "final_fund_balance": dict(self.final_fund),
            "cash_shortfall_share": self.cash_shortfall_share,
            "final": dict(self.final),
        }
        out: dict[str, Any] = {
            "model": "cooperative",
            "kind": "cooperative",
            "currency": self.currency,
            "runs": self.runs,
            "seed": self.seed,
            "months": list(self.months),
            "series": {k: list(v) for k, v in self.series.items()},
            "fund_fan": self.fan.to_dict(),
            "summary": summary,
        }
        if self.opening is not None:
            out["opening"] = self.opening.to_dict()
        return {**out, **self.extra}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CooperativeOutcome:
        """Read a saved cooperative result (old plans included)."""
        summary = data["summary"]
        known = {
            "model",
            "kind",
            "currency",
            "runs",
            "seed",
            "months",
            "series",
            "fund_fan",
            "summary",
            "opening",
        }
        return cls(
            currency=str(data["currency"]),
            runs=int(data["runs"]),
            seed=data.get("seed"),
            months=tuple(int(m) for m in data["months"]),
            series={k: _series(v) for k, v in data["series"].items()},
            fan=Fan.from_dict("fund_balance", data["fund_fan"]),
            profitable_at={int(k.split("_")[1]): v for k, v in summary["p_operating_profitable"].items()},
            break_even=_need_dist(summary.get("break_even_month"), "break_even_month"),
            business_payback=_dist(summary.get("business_payback_month")),
            share_out_per_member=_dist(summary.get("share_out_per_member")),
            final_fund=dict(summary.get("final_fund_balance") or {}),
            cash_shortfall_share=float(summary.get("cash_shortfall_share") or 0.0),
            final=dict(summary.get("final") or {}),
            opening=OpeningBalances.from_dict(data["opening"]) if data.get("opening") else None,
            extra={k: v for k, v in data.items() if k not in known},
        )


def _verdict(data: Mapping[str, Any]) -> FeasibilityVerdict:
    def messages(key: str) -> tuple[Message, ...]:
        said = data.get(key.removesuffix("s") + "_messages")
        if said is None:  # saved before the planner kept its messages: the English as written
            return tuple(Message(str(text)) for text in data.get(key, []))
        return tuple(Message.from_dict(m) for m in said)

    return FeasibilityVerdict(
        applied=bool(data["applied"]),
        passed=bool(data["passed"]),
        reasons=messages("reasons"),
        warnings=messages("warnings"),
        revenue_growth_annual=float(data.get("revenue_growth_annual") or 0.0),
    )


@dataclass(frozen=True)
class ThreeBySixOutcome(_MonthlySeries):
    """A 3x6 plan's results as saved (see the module's table)."""

    currency: str
    runs: int
    seed: int | None
    groups: int
    evidence: MarketEvidence | None
    months: tuple[int, ...]
    series: Mapping[str, Series]
    fan: Fan
    verdict: FeasibilityVerdict
    planned: Funding
    realised: Mapping[str, Distribution]
    planned_groups: int
    groups_formed: Distribution
    people_exited: Distribution
    profitable_at: Mapping[int, float | None]
    break_even: Distribution
    payback_total: Distribution
    payback_own_savings: Distribution
    profit_per_member_at_end: Distribution
    extra: Mapping[str, Any] = field(default_factory=dict)

    kind = "3x6"

    def to_dict(self) -> dict[str, Any]:
        """The saved JSON again."""
        summary = {
            "feasibility": self.verdict.to_dict(),
            "planned_funding": self.planned.to_dict(),
            "realised_funding": {k: v.to_dict() for k, v in self.realised.items()},
            "planned_groups": self.planned_groups,
            "groups_formed": self.groups_formed.to_dict(),
            "people_exited_with_savings": self.people_exited.to_dict(),
            "p_operating_profitable": {f"month_{m}": v for m, v in self.profitable_at.items()},
            "break_even_month": self.break_even.to_dict(),
            "payback_total_investment_month": self.payback_total.to_dict(),
            "payback_own_savings_month": self.payback_own_savings.to_dict(),
            "cumulative_profit_per_member_at_end": self.profit_per_member_at_end.to_dict(),
        }
        out = {
            "model": "3x6",
            "kind": "3x6",
            "currency": self.currency,
            "runs": self.runs,
            "seed": self.seed,
            "groups": self.groups,
            "market_evidence": None if self.evidence is None else self.evidence.to_dict(),
            "months": list(self.months),
            "series": {k: list(v) for k, v in self.series.items()},
            "cash_fan": self.fan.to_dict(),
            "summary": summary,
        }
        return {**out, **self.extra}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ThreeBySixOutcome:
        """Read a saved 3x6 result (old plans included)."""
        s = data["summary"]
        known = {"model", "kind", "currency", "runs", "seed", "groups", "market_evidence", "months", "series"}
        known |= {"cash_fan", "summary"}
        evidence = data.get("market_evidence")
        return cls(
            currency=str(data["currency"]),
            runs=int(data["runs"]),
            seed=data.get("seed"),
            groups=int(data.get("groups") or s.get("planned_groups") or 0),
            evidence=None if not evidence else MarketEvidence.from_mapping(evidence),
            months=tuple(int(m) for m in data["months"]),
            series={k: _series(v) for k, v in data["series"].items()},
            fan=Fan.from_dict("group_cash", data["cash_fan"]),
            verdict=_verdict(s["feasibility"]),
            planned=Funding(**s["planned_funding"]),
            realised={k: _need_dist(v, k) for k, v in s["realised_funding"].items()},
            planned_groups=int(s["planned_groups"]),
            groups_formed=_need_dist(s["groups_formed"], "groups_formed"),
            people_exited=_need_dist(s["people_exited_with_savings"], "people_exited_with_savings"),
            profitable_at={int(k.split("_")[1]): v for k, v in s["p_operating_profitable"].items()},
            break_even=_need_dist(s["break_even_month"], "break_even_month"),
            payback_total=_need_dist(s["payback_total_investment_month"], "payback_total_investment_month"),
            payback_own_savings=_need_dist(s["payback_own_savings_month"], "payback_own_savings_month"),
            profit_per_member_at_end=_need_dist(
                s["cumulative_profit_per_member_at_end"], "cumulative_profit_per_member_at_end"
            ),
            extra={k: v for k, v in data.items() if k not in known},
        )


Outcome = CooperativeOutcome | ThreeBySixOutcome


def outcome_from_dict(data: Mapping[str, Any]) -> Outcome:
    """A saved plan's result, typed; ``ConfigError`` when it is not one the planner wrote.

    The kind comes from ``kind`` (the web's) or ``model`` (the planner's); a plan saved before either
    was kept is told by its fan (``fund_fan``: cooperative, ``cash_fan``: 3x6).

    Examples
    --------
    >>> from planner.parameters import threex6_config
    >>> from planner.threex6_results import simulate_threex6
    >>> saved = simulate_threex6(threex6_config(), runs=20, seed=1).to_dict()
    >>> outcome = outcome_from_dict(saved)
    >>> outcome.kind, outcome.planned.total_investment_per_group, outcome.to_dict() == saved
    ('3x6', 2112.0, True)
    """
    kind = data.get("kind") or data.get("model")
    if kind is None:
        kind = "cooperative" if "fund_fan" in data else "3x6" if "cash_fan" in data else None
    try:
        if kind == "cooperative":
            return CooperativeOutcome.from_dict(data)
        if kind == "3x6":
            return ThreeBySixOutcome.from_dict(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"saved plan result cannot be read: {exc!r}") from exc
    raise ConfigError(f"saved plan result of unknown kind {kind!r}")
