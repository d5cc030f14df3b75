"""Frozen, validated settings for the cooperative, the joint business and the 3x6 programme.

Every field carries a *kind* in its metadata (a share between 0 and 1, a rate, an amount of money, a
count of people or months); :func:`validate` checks each value against its kind and raises
:class:`~planner.exceptions.ParameterError` naming the field. Values are built from YAML by
:mod:`planner.parameters`.
"""

from __future__ import annotations

import math
from dataclasses import MISSING, dataclass, field, fields
from typing import Any

from planner.exceptions import CapacityError, ConfigError, ParameterError

MAX_MONTHS = 120


def _f(kind: str, default: Any = MISSING) -> Any:
    if default is MISSING:
        return field(metadata={"kind": kind})
    return field(default=default, metadata={"kind": kind})


_CHECKS: dict[str, tuple[str, Any]] = {
    "share": ("a share between 0 and 1 (0.25 for 25%)", lambda v: 0.0 <= v <= 1.0),
    "rate": ("a rate of 0 or more, as a fraction (0.12 for 12%)", lambda v: v >= 0.0),
    "annual_rate": (
        "a yearly rate between 0 and 10, as a fraction (0.1475 for 14.75%)",
        lambda v: 0 <= v <= 10,
    ),
    "growth": ("a yearly change of -1 or more (-0.1 for a 10% fall)", lambda v: v >= -1.0),
    "money": ("an amount of 0 or more", lambda v: v >= 0.0),
    "positive": ("a number above 0", lambda v: v > 0.0),
    "count": ("a whole number of 0 or more", lambda v: v >= 0 and float(v).is_integer()),
    "people": ("a whole number of 1 or more", lambda v: v >= 1 and float(v).is_integer()),
    "months": (
        f"a whole number of months from 1 to {MAX_MONTHS}",
        lambda v: 1 <= v <= MAX_MONTHS and float(v).is_integer(),
    ),
    "month": (
        f"a whole month number from 0 to {MAX_MONTHS}",
        lambda v: 0 <= v <= MAX_MONTHS and float(v).is_integer(),
    ),
    "flag": ("true or false", lambda v: isinstance(v, bool)),
    "choice": ("one of the allowed words", lambda v: isinstance(v, str)),
}


def validate(obj: Any, where: str) -> None:
    """Check every field of a config dataclass against its kind; raise ``ParameterError`` naming it.

    Examples
    --------
    >>> BusinessConfig(variable_cost_share=1.5)
    Traceback (most recent call last):
    ...
    planner.exceptions.ParameterError: business.variable_cost_share must be a share between 0 and 1 ...
    """
    for f in fields(obj):
        kind = f.metadata.get("kind")
        value = getattr(obj, f.name)
        if kind is None or kind == "section":
            continue
        text, check = _CHECKS[kind]
        if kind not in ("flag", "choice"):
            if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
                raise ParameterError(f"{where}.{f.name} must be {text}, got {value!r}")
        if not check(value):
            raise ParameterError(f"{where}.{f.name} must be {text}, got {value!r}")


_WHOLE = ("count", "people", "months", "month")
_TRUE, _FALSE = {"true", "yes", "on", "1"}, {"false", "no", "off", "0", ""}


def coerce(kind: str | None, value: Any) -> Any:
    """Turn form text ("500", "0.12", "on") into the number or flag a field of ``kind`` expects.

    Values that cannot be read are returned unchanged, so validation names the field.

    Examples
    --------
    >>> coerce("money", " 1,500.50 "), coerce("months", "12"), coerce("flag", "on"), coerce("share", "lots")
    (1500.5, 12, True, 'lots')
    """
    if kind == "flag" and isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    if kind in (None, "flag", "choice", "section") or not isinstance(value, str):
        if kind in _WHOLE and isinstance(value, float) and value.is_integer():
            return int(value)
        return value
    try:
        number = float(value.strip().replace(",", ""))
    except ValueError:
        return value
    return int(number) if kind in _WHOLE and number.is_integer() else number


def build(cls: type[Any], values: dict[str, Any], where: str) -> Any:
    """Create config ``cls`` from plain values, rejecting unknown and missing keys by name.

    Text values (from a web form) are read as numbers or flags first (see :func:`coerce`).

    Examples
    --------
    >>> build(BusinessConfig, {"enabled": "on", "startup_cost": "5000"}, "business").startup_cost
    5000.0
    >>> build(BusinessConfig, {"startup": 1}, "business")
    Traceback (most recent call last):
    ...
    planner.exceptions.ConfigError: business: unknown setting(s) startup; known: ...
    """
    names = {f.name: f for f in fields(cls)}
    unknown = sorted(set(values) - set(names))
    if unknown:
        raise ConfigError(
            f"{where}: unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(names))}"
        )
    missing = [n for n, f in names.items() if n not in values and f.default is MISSING]
    if missing:
        raise ConfigError(f"{where}: missing setting(s) {', '.join(missing)}")
    kwargs = {name: coerce(names[name].metadata.get("kind"), value) for name, value in values.items()}
    return cls(**kwargs)


@dataclass(frozen=True, kw_only=True)
class BusinessConfig:
    """A joint business: start-up, revenue ramp-up, costs, growth, risk of closing, market expansion.

    For a cooperative, ``monthly_revenue`` and ``fixed_costs_monthly`` are amounts; for a 3x6 group they
    are set from the group's capital (see :class:`ThreeBySixConfig`) and these two fields are ignored.
    """

    enabled: bool = _f("flag", False)
    start_month: int = _f("month", 0)
    startup_cost: float = _f("money", 0.0)
    monthly_revenue: float = _f("money", 0.0)
    fixed_costs_monthly: float = _f("money", 0.0)
    variable_cost_share: float = _f("share", 0.6)
    ramp_up_months: int = _f("count", 6)
    revenue_volatility: float = _f("rate", 0.25)
    revenue_growth_annual: float = _f("growth", 0.0)
    annual_failure_rate: float = _f("share", 0.083)
    expansion_month: int = _f("month", 0)
    expansion_cost_share: float = _f("rate", 0.5)
    expansion_revenue_uplift: float = _f("rate", 0.3)

    def __post_init__(self) -> None:
        validate(self, "business")

    @property
    def monthly_failure_hazard(self) -> float:
        """Chance per month that the business closes, from the yearly rate."""
        return 1.0 - (1.0 - self.annual_failure_rate) ** (1.0 / 12.0)


@dataclass(frozen=True, kw_only=True)
class CooperativeConfig:
    """A savings and credit cooperative or savings group, month by month.

    Amounts are in the cooperative's currency (major units); yearly rates are nominal.
    """

    months: int = _f("months")
    initial_members: int = _f("people")
    max_members: int = _f("people")
    joins_per_month: float = _f("rate")
    monthly_dropout_rate: float = _f("share")
    entry_share: float = _f("money")
    monthly_saving: float = _f("money")
    social_fund_contribution: float = _f("money")
    social_fund_claim_rate: float = _f("share")
    social_fund_grant: float = _f("money")
    loan_interest_rate_annual: float = _f("annual_rate")
    loan_term_months: int = _f("months")
    loan_multiple_of_savings: float = _f("rate")
    borrowing_rate: float = _f("share")
    average_loan_request: float = _f("money")
    loan_fee_rate: float = _f("share")
    liquidity_reserve_share: float = _f("share")
    late_rate: float = _f("share")
    cure_rate: float = _f("share")
    recovery_rate_par30: float = _f("share")
    write_off_rate_par30: float = _f("share")
    risk_volatility: float = _f("rate")
    savings_interest_rate_annual: float = _f("annual_rate")
    monthly_fixed_expenses: float = _f("money")
    expense_per_member: float = _f("money")
    cycle_months: int = _f("months")
    dividend_payout_share: float = _f("share")
    currency: str = _f("choice", "NPR")
    business: BusinessConfig = field(default_factory=BusinessConfig, metadata={"kind": "section"})

    def __post_init__(self) -> None:
        validate(self, "cooperative")
        if self.initial_members > self.max_members:
            raise CapacityError(
                f"cooperative starts with {self.initial_members} members but has room for only "
                f"{self.max_members}; raise max_members or lower initial_members"
            )
        if self.recovery_rate_par30 + self.write_off_rate_par30 > 1.0:
            raise ParameterError(
                "cooperative.recovery_rate_par30 + write_off_rate_par30 add to more than 100% of the "
                "arrears; lower one of them"
            )
        if self.business.enabled and self.business.start_month >= self.months:
            raise ParameterError(
                f"business.start_month ({self.business.start_month}) is after the plan ends "
                f"(month {self.months})"
            )


@dataclass(frozen=True, kw_only=True)
class ThreeBySixConfig:
    """A UNDP 3x6 programme: cash-for-work with compulsory savings, exit option, pooling, k x match.

    The joint business's revenue and fixed costs scale with each group's capital: mature monthly
    revenue = ``revenue_per_capital_monthly`` x capital, fixed costs = ``fixed_costs_per_capital_monthly``
    x capital.
    """

    participants: int = _f("people")
    group_size: int = _f("people")
    min_group_size: int = _f("people")
    groups: int = _f("count", 0)
    daily_wage: float = _f("money")
    days_worked: int = _f("people")
    savings_share: float = _f("share")
    cash_for_work_months: int = _f("months")
    mfi_deposit_rate_annual: float = _f("annual_rate")
    exit_rate: float = _f("share")
    match_ratio: float = _f("rate")
    match_type: str = _f("choice", "grant")
    match_loan_rate_annual: float = _f("annual_rate", 0.0)
    match_loan_term_months: int = _f("months", 24)
    match_loan_grace_months: int = _f("count", 0)
    revenue_per_capital_monthly: float = _f("rate")
    fixed_costs_per_capital_monthly: float = _f("rate")
    months: int = _f("months")
    min_related_employers: int = _f("count", 3)
    min_related_vacancies: int = _f("count", 5)
    min_demand_trend: float = _f("growth", -0.1)
    currency: str = _f("choice", "USD")
    business: BusinessConfig = field(default_factory=BusinessConfig, metadata={"kind": "section"})

    def __post_init__(self) -> None:
        validate(self, "threex6")
        if self.match_type not in ("grant", "loan"):
            raise ParameterError(f"threex6.match_type must be 'grant' or 'loan', got {self.match_type!r}")
        if self.group_size > self.participants:
            raise CapacityError(
                f"a group of {self.group_size} cannot be formed from {self.participants} participants"
            )
        if self.min_group_size > self.group_size:
            raise CapacityError(
                f"min_group_size ({self.min_group_size}) is larger than group_size ({self.group_size})"
            )
        if self.groups and self.groups * self.group_size != self.participants:
            raise CapacityError(
                f"{self.groups} groups of {self.group_size} make {self.groups * self.group_size} places "
                f"but {self.participants} participants are enrolled; make them match or set groups: 0"
            )
        if self.match_type == "loan" and self.match_loan_grace_months >= self.match_loan_term_months:
            raise ParameterError("threex6.match_loan_grace_months must be shorter than the loan term")

    @property
    def n_groups(self) -> int:
        """Number of groups formed (``groups`` or as many full groups as participants allow)."""
        return self.groups or self.participants // self.group_size
