"""The 3x6 feasibility gate: checks there is local demand for the group's business.

The gate takes plain market evidence (:class:`MarketEvidence`): how many related local vacancies and
employers or buyers there are, the local median pay in the trade and the trend in demand. The
labour-market map (``matcher.demand.market_evidence``) can supply these figures; a counsellor can also
type them in. Without evidence the gate is not applied and the verdict says so.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from planner.config import ThreeBySixConfig
from planner.exceptions import ParameterError
from planner.messages import N_, Message, counts


@dataclass(frozen=True)
class MarketEvidence:
    """Plain local market evidence for a proposed business.

    Attributes
    ----------
    related_vacancies : int
        Local vacancies in occupations related to the business (a sign of demand for the trade).
    related_employers : int
        Distinct local employers or buyers in the trade.
    median_monthly_pay : float, optional
        Median monthly pay offered for related work, in the plan's currency.
    demand_trend : float, optional
        Yearly relative change in demand (0.05 = growing 5% a year); see
        :func:`demand_trend_from_counts` to derive it from monthly vacancy counts.
    source : str
        Where the figures come from (a survey, the labour-market map, a date).
    """

    related_vacancies: int
    related_employers: int
    median_monthly_pay: float | None = None
    demand_trend: float | None = None
    source: str = ""

    def __post_init__(self) -> None:
        if self.related_vacancies < 0 or self.related_employers < 0:
            raise ParameterError("market evidence: vacancy and employer counts cannot be negative")
        if self.median_monthly_pay is not None and self.median_monthly_pay < 0:
            raise ParameterError("market evidence: median monthly pay cannot be negative")
        if self.demand_trend is not None and not (
            math.isfinite(self.demand_trend) and self.demand_trend >= -1
        ):
            raise ParameterError(
                "market evidence: demand_trend must be -1 or more (-0.1 for a 10% fall a year)"
            )

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> MarketEvidence:
        """Build from a plain mapping (a YAML section or a web form), naming unknown keys.

        Examples
        --------
        >>> MarketEvidence.from_mapping({"related_vacancies": 8, "related_employers": 4}).related_employers
        4
        """
        known = {"related_vacancies", "related_employers", "median_monthly_pay", "demand_trend", "source"}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ParameterError(
                f"market evidence: unknown key(s) {', '.join(unknown)}; known: {sorted(known)}"
            )
        try:
            return cls(**dict(values))
        except TypeError as exc:
            raise ParameterError(f"market evidence: {exc}") from exc

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return asdict(self)


@dataclass(frozen=True)
class FeasibilityVerdict:
    """Outcome of the gate: whether matching funds are released, why, and the growth assumed.

    ``reasons`` and ``warnings`` are :class:`~planner.messages.Message` s: ``str()`` gives the English,
    ``message.text(translate, numbers)`` the reader's language.
    """

    applied: bool
    passed: bool
    reasons: tuple[Message, ...]
    warnings: tuple[Message, ...]
    revenue_growth_annual: float

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form: reasons and warnings in English, and as messages to say again.

        Examples
        --------
        >>> from planner.parameters import threex6_config
        >>> said = assess_feasibility(MarketEvidence(12, 1), threex6_config()).to_dict()
        >>> said["reasons"]
        ['only 1 related local employers or buyers (at least 3 needed)']
        >>> said["reason_messages"][0]["values"]
        {'found': 1, 'needed': 3}
        """
        return {
            "applied": self.applied,
            "passed": self.passed,
            "reasons": [str(m) for m in self.reasons],
            "warnings": [str(m) for m in self.warnings],
            "reason_messages": [m.to_dict() for m in self.reasons],
            "warning_messages": [m.to_dict() for m in self.warnings],
            "revenue_growth_annual": self.revenue_growth_annual,
        }


#: A demand trend is stated only from at least this many months of vacancy counts (half a year:
#: fewer cannot tell a trend from the seasons).
MIN_TREND_MONTHS = 6
#: ... and only when the counts pin it down: the standard error of the yearly change at most this
#: (20 points a year, twice the gate's usual limit of a 10% fall). A handful of vacancies over a few
#: months says nothing about where demand is going: 5 vacancies over 3 months gave "-100% a year".
MAX_TREND_ERROR = 0.2


def demand_trend_from_counts(monthly_counts: Sequence[int]) -> float | None:
    """Yearly relative demand trend from monthly vacancy counts (least-squares slope x 12 / mean).

    ``None`` when the counts cannot tell: fewer than :data:`MIN_TREND_MONTHS` months, no vacancies,
    or a standard error of the yearly change above :data:`MAX_TREND_ERROR` (counts taken as Poisson,
    or the scatter about the line where that is wider).

    Examples
    --------
    >>> demand_trend_from_counts([40, 42, 44, 46, 48, 50, 52, 54, 56, 58, 60, 62])
    0.4706
    >>> demand_trend_from_counts([2, 0, 1, 0, 1, 1, 0, 2, 1, 0, 0, 1]) is None  # too few to tell
    True
    >>> demand_trend_from_counts([10, 11, 12, 13]) is None  # too short
    True
    """
    y = np.asarray(monthly_counts, dtype=np.float64)
    if y.size < MIN_TREND_MONTHS or y.mean() <= 0:
        return None
    t = np.arange(y.size, dtype=np.float64)
    slope, intercept = (float(c) for c in np.polyfit(t, y, 1))
    residuals = y - (slope * t + intercept)
    spread = max(float(y.mean()), float(residuals @ residuals) / (y.size - 2))
    error = 12.0 * math.sqrt(spread / float(((t - t.mean()) ** 2).sum())) / float(y.mean())
    if error > MAX_TREND_ERROR:
        return None
    return round(max(slope * 12.0 / float(y.mean()), -1.0), 4)


def assess_feasibility(
    evidence: MarketEvidence | None,
    config: ThreeBySixConfig,
    *,
    expected_profit_per_member: float | None = None,
) -> FeasibilityVerdict:
    """Apply the feasibility gate to market evidence.

    Fails when there are fewer related employers or vacancies than the thresholds in ``config``, or
    when demand is shrinking faster than ``min_demand_trend``. Warns (without failing) when the
    expected monthly profit per member is below the local median pay.

    Examples
    --------
    >>> from planner.parameters import threex6_config
    >>> cfg = threex6_config()
    >>> assess_feasibility(MarketEvidence(12, 5, demand_trend=0.04), cfg).passed
    True
    >>> v = assess_feasibility(MarketEvidence(2, 1), cfg)
    >>> v.passed, len(v.reasons)
    (False, 2)
    """
    growth = config.business.revenue_growth_annual
    if evidence is None:
        return FeasibilityVerdict(
            False, True, (), (Message(N_("no market evidence given: the gate was not applied")),), growth
        )
    too_few = (
        (
            evidence.related_employers,
            config.min_related_employers,
            N_("only %(found)s related local employers or buyers (at least %(needed)s needed)"),
        ),
        (
            evidence.related_vacancies,
            config.min_related_vacancies,
            N_("only %(found)s related local vacancies (at least %(needed)s needed)"),
        ),
    )
    reasons = [counts(text, found=found, needed=needed) for found, needed, text in too_few if found < needed]
    if evidence.demand_trend is not None:
        growth = evidence.demand_trend
        if evidence.demand_trend < config.min_demand_trend:
            reasons.append(
                Message(
                    N_("demand is falling %(fall)s a year (the limit is %(limit)s)"),
                    {"fall": -evidence.demand_trend, "limit": -config.min_demand_trend},
                    {"fall": "percent", "limit": "percent"},
                )
            )
    warnings = []
    pay = evidence.median_monthly_pay
    if pay is not None and expected_profit_per_member is not None and expected_profit_per_member < pay:
        warnings.append(
            Message(
                N_(
                    "expected profit per member (%(profit)s a month) is below the local median pay "
                    "(%(pay)s): a job may pay more than the business"
                ),
                {"profit": expected_profit_per_member, "pay": pay},
                {"profit": "amount", "pay": "amount"},
            )
        )
    return FeasibilityVerdict(True, not reasons, tuple(reasons), tuple(warnings), growth)
