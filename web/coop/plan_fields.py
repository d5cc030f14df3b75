"""The inputs of the plan forms: which planner setting each feeds, its label, and its unit.

Values are typed in a treasurer's units (percentages, a monthly loan rate); ``scale`` turns them into
the planner's settings. Labels and hints are lazy translations (Flask-Babel), turned into text in the
reader's language only when a page shows them.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from web.infra.csvrows import Column


@dataclass(frozen=True)
class PlanField:
    """One input: the planner setting it feeds, its label, and how a typed value becomes the setting.

    ``scale`` multiplies the typed value (0.01 for a percentage; 0.12 for a monthly rate in percent
    that the planner wants as a yearly fraction). ``section`` is ``""`` for the model's own settings,
    ``"business"`` or ``"evidence"`` (3x6 market evidence).
    """

    name: str
    setting: str
    label: str | LazyString
    kind: str = "float"  # float | int | flag
    minimum: float | None = 0
    maximum: float | None = None
    scale: float = 1.0
    section: str = ""
    hint: str | LazyString = ""
    required: bool = True

    @property
    def column(self) -> Column:
        """The column rule used to parse the typed text."""
        kind = "choice" if self.kind == "flag" else self.kind
        return Column(
            self.name,
            kind,
            required=self.required and self.kind != "flag",
            choices=("on",) if self.kind == "flag" else (),
            minimum=self.minimum,
            maximum=self.maximum,
        )


def _pct(
    name: str,
    setting: str,
    label: str | LazyString,
    section: str = "",
    hint: str | LazyString = "",
    maximum: float = 100,
) -> PlanField:
    return PlanField(name, setting, label, maximum=maximum, scale=0.01, section=section, hint=hint)


COOPERATIVE_FIELDS: tuple[PlanField, ...] = (
    PlanField("months", "months", _l("Years to plan"), "int", 1, 10, 12, hint=_l("Up to 10 years.")),
    PlanField("initial_members", "initial_members", _l("Members at the start"), "int", 1, 1000),
    PlanField("max_members", "max_members", _l("Most members the group will take"), "int", 1, 1000),
    PlanField("joins_per_month", "joins_per_month", _l("New members a month (average)"), maximum=50),
    _pct("monthly_dropout_rate", "monthly_dropout_rate", _l("Members leaving each month (%)")),
    PlanField("monthly_saving", "monthly_saving", _l("Monthly saving per member (share)")),
    PlanField("entry_share", "entry_share", _l("Share capital paid on joining")),
    PlanField("social_fund_contribution", "social_fund_contribution", _l("Social fund, per member a month")),
    PlanField(
        "loan_rate_monthly",
        "loan_interest_rate_annual",
        _l("Interest on member loans (% a month, on the balance)"),
        maximum=10,
        scale=0.12,
    ),
    PlanField(
        "loan_multiple_of_savings",
        "loan_multiple_of_savings",
        _l("Loans up to … times a member's savings"),
        maximum=20,
    ),
    PlanField("loan_term_months", "loan_term_months", _l("Loan length (months)"), "int", 1, 120),
    _pct("loan_fee_rate", "loan_fee_rate", _l("Fee on each loan (%), paid when it is lent")),
    _pct("borrowing_rate", "borrowing_rate", _l("Members asking for a loan each month (%)")),
    PlanField("average_loan_request", "average_loan_request", _l("Usual loan size")),
    _pct("late_rate", "late_rate", _l("Loans missing a payment each month (%)")),
    _pct(
        "write_off_rate_par30",
        "write_off_rate_par30",
        _l("Of loans over 30 days late, written off each month (%)"),
    ),
    _pct(
        "savings_interest_rate",
        "savings_interest_rate_annual",
        _l("Interest paid on savings (% a year)"),
        maximum=1000,
    ),
    PlanField("monthly_fixed_expenses", "monthly_fixed_expenses", _l("Running costs a month")),
    _pct("dividend_payout_share", "dividend_payout_share", _l("Share of profits paid out each year (%)")),
    PlanField(
        "business_enabled", "enabled", _l("The group opens a joint business"), "flag", section="business"
    ),
    PlanField(
        "business_start_month",
        "start_month",
        _l("Business opens in month"),
        "int",
        0,
        120,
        section="business",
    ),
    PlanField("business_startup_cost", "startup_cost", _l("Business start-up cost"), section="business"),
    PlanField(
        "business_monthly_revenue",
        "monthly_revenue",
        _l("Business sales a month, once established"),
        section="business",
    ),
    PlanField(
        "business_fixed_costs",
        "fixed_costs_monthly",
        _l("Business fixed costs a month (rent, wages)"),
        section="business",
    ),
    _pct(
        "business_failure_rate",
        "annual_failure_rate",
        _l("Chance the business closes in a year (%)"),
        "business",
    ),
)

THREEX6_FIELDS: tuple[PlanField, ...] = (
    PlanField("participants", "participants", _l("People enrolled"), "int", 1, 100_000),
    PlanField("group_size", "group_size", _l("People in each group"), "int", 1, 1000),
    PlanField("min_group_size", "min_group_size", _l("Smallest group that can go ahead"), "int", 1, 1000),
    PlanField("daily_wage", "daily_wage", _l("Daily wage for cash-for-work")),
    PlanField("days_worked", "days_worked", _l("Days of cash-for-work"), "int", 1, 1000),
    _pct("savings_share", "savings_share", _l("Share of pay saved (%)")),
    _pct("exit_rate", "exit_rate", _l("People leaving with their savings (%)")),
    PlanField("match_ratio", "match_ratio", _l("Matching funds: … times the pooled savings"), maximum=20),
    PlanField("months", "months", _l("Months to follow the business"), "int", 1, 120),
    _pct(
        "business_failure_rate",
        "annual_failure_rate",
        _l("Chance a business closes in a year (%)"),
        "business",
    ),
    PlanField(
        "related_vacancies",
        "related_vacancies",
        _l("Local vacancies related to the business"),
        "int",
        0,
        100_000,
        section="evidence",
        required=False,
    ),
    PlanField(
        "related_employers",
        "related_employers",
        _l("Local employers or buyers in the trade"),
        "int",
        0,
        100_000,
        section="evidence",
        required=False,
    ),
    PlanField(
        "median_monthly_pay",
        "median_monthly_pay",
        _l("Median monthly pay for related local work"),
        maximum=1e9,
        section="evidence",
        required=False,
    ),
    PlanField(
        "demand_trend",
        "demand_trend",
        _l("Change in demand (% a year, negative if falling)"),
        minimum=-100,
        maximum=1000,
        scale=0.01,
        section="evidence",
        required=False,
    ),
)
FIELDS = {"cooperative": COOPERATIVE_FIELDS, "3x6": THREEX6_FIELDS}
#: inputs that are amounts of money in the cooperative's currency
MONEY_FIELDS = frozenset(
    {
        "monthly_saving",
        "entry_share",
        "social_fund_contribution",
        "average_loan_request",
        "monthly_fixed_expenses",
        "business_startup_cost",
        "business_monthly_revenue",
        "business_fixed_costs",
        "daily_wage",
        "median_monthly_pay",
    }
)
