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
from planner.messages import N_, Message, counts

MAX_MONTHS = 120


def _f(kind: str, default: Any = MISSING) -> Any:
    if default is MISSING:
        return field(metadata={"kind": kind})
    return field(default=default, metadata={"kind": kind})


_CHECKS: dict[str, tuple[Message, Any]] = {
    "share": (Message(N_("a share between 0 and 1 (0.25 for 25%)")), lambda v: 0.0 <= v <= 1.0),
    "rate": (Message(N_("a rate of 0 or more, as a fraction (0.12 for 12%)")), lambda v: v >= 0.0),
    "annual_rate": (
        Message(N_("a yearly rate between 0 and 10, as a fraction (0.1475 for 14.75%)")),
        lambda v: 0 <= v <= 10,
    ),
    "growth": (Message(N_("a yearly change of -1 or more (-0.1 for a fall of 10%)")), lambda v: v >= -1.0),
    "money": (Message(N_("an amount of 0 or more")), lambda v: v >= 0.0),
    "positive": (Message(N_("a number above 0")), lambda v: v > 0.0),
    "count": (Message(N_("a whole number of 0 or more")), lambda v: v >= 0 and float(v).is_integer()),
    "people": (Message(N_("a whole number of 1 or more")), lambda v: v >= 1 and float(v).is_integer()),
    "months": (
        Message(N_("a whole number of months from 1 to %(most)s"), {"most": MAX_MONTHS}, {"most": "count"}),
        lambda v: 1 <= v <= MAX_MONTHS and float(v).is_integer(),
    ),
    "month": (
        Message(N_("a whole month number from 0 to %(most)s"), {"most": MAX_MONTHS}, {"most": "count"}),
        lambda v: 0 <= v <= MAX_MONTHS and float(v).is_integer(),
    ),
    "flag": (Message(N_("true or false")), lambda v: isinstance(v, bool)),
    "choice": (Message(N_("one of the allowed words")), lambda v: isinstance(v, str)),
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
        rule, check = _CHECKS[kind]
        number = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
        if (kind not in ("flag", "choice") and not number) or not check(value):
            raise _must_be(f"{where}.{f.name}", rule, value)


def _must_be(setting: str, rule: Message, value: Any) -> ParameterError:
    """The error for a setting whose value breaks its rule ("... must be ..., got ...")."""
    return ParameterError(
        Message(
            N_("%(setting)s must be %(rule)s, got %(value)s"),
            {"setting": setting, "rule": rule, "value": repr(value)},
        ),
        settings=(setting,),
    )


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
                counts(
                    N_(
                        "the cooperative starts with %(start)s members but has room for only %(most)s: "
                        "let the group take more members, or start with fewer"
                    ),
                    start=self.initial_members,
                    most=self.max_members,
                ),
                settings=("cooperative.max_members", "cooperative.initial_members"),
            )
        if self.recovery_rate_par30 + self.write_off_rate_par30 > 1.0:
            raise ParameterError(
                Message(
                    N_(
                        "loans recovered and loans written off add up to more than %(whole)s of the late "
                        "loans: write off a smaller share"
                    ),
                    {"whole": 1.0},
                    {"whole": "percent"},
                ),
                settings=("cooperative.write_off_rate_par30", "cooperative.recovery_rate_par30"),
            )
        if self.business.enabled and self.business.start_month >= self.months:
            raise ParameterError(
                counts(
                    N_("the business opens in month %(start)s, which is after the plan ends (month %(end)s)"),
                    start=self.business.start_month,
                    end=self.months,
                ),
                settings=("business.start_month", "cooperative.months"),
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
            raise _must_be("threex6.match_type", Message(N_("'grant' or 'loan'")), self.match_type)
        if self.group_size > self.participants:
            raise CapacityError(
                counts(
                    N_("a group of %(size)s cannot be formed from %(people)s participants"),
                    size=self.group_size,
                    people=self.participants,
                ),
                settings=("threex6.participants", "threex6.group_size"),
            )
        if self.min_group_size > self.group_size:
            raise CapacityError(
                counts(
                    N_(
                        "the smallest group that can go ahead (%(least)s people) is larger than a group "
                        "(%(size)s people)"
                    ),
                    least=self.min_group_size,
                    size=self.group_size,
                ),
                settings=("threex6.min_group_size", "threex6.group_size"),
            )
        if self.groups and self.groups * self.group_size != self.participants:
            raise CapacityError(
                counts(
                    N_(
                        "%(groups)s groups of %(size)s make %(places)s places but %(people)s participants "
                        "are enrolled: make them match, or set the number of groups to 0"
                    ),
                    groups=self.groups,
                    size=self.group_size,
                    places=self.groups * self.group_size,
                    people=self.participants,
                ),
                settings=("threex6.groups", "threex6.participants"),
            )
        if self.match_type == "loan" and self.match_loan_grace_months >= self.match_loan_term_months:
            raise ParameterError(
                counts(
                    N_(
                        "the months of grace on the matching loan (%(grace)s) must be fewer than its "
                        "length (%(term)s months)"
                    ),
                    grace=self.match_loan_grace_months,
                    term=self.match_loan_term_months,
                ),
                settings=("threex6.match_loan_grace_months", "threex6.match_loan_term_months"),
            )

    @property
    def n_groups(self) -> int:
        """Number of groups formed (``groups`` or as many full groups as participants allow)."""
        return self.groups or self.participants // self.group_size
