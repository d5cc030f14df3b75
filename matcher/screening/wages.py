"""Checks on the structured fields of a vacancy: the wage (against a reference pay level) and the employer."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from matcher.exceptions import InputError
from matcher.records import PAY_PERIODS, Pay, period_hours

#: Working time used to put pay periods on a monthly footing (40 h/week, 52 weeks, 5 days/week).
MONTHLY_FACTOR = {"hour": 40 * 52 / 12, "day": 5 * 52 / 12, "week": 52 / 12, "month": 1.0, "year": 1 / 12}
_SYMBOLS = {"£": "GBP", "$": "USD", "€": "EUR", "₹": "INR", "₱": "PHP", "₦": "NGN"}
_PERIOD = re.compile(
    r"\b(?:per|a|an|each|every|/)\s*(hour|hr|h|day|daily|week|wk|month|mo|year|yr|annum)\b|"
    r"\b(hourly|daily|weekly|monthly|yearly|annually)\b|/\s*(hour|hr|h|day|week|month|year)\b",
    re.IGNORECASE,
)
_PERIOD_NAMES = {
    "hr": "hour", "h": "hour", "hourly": "hour", "daily": "day", "wk": "week", "weekly": "week",
    "mo": "month", "monthly": "month", "yr": "year", "annum": "year", "yearly": "year", "annually": "year",
}  # fmt: skip
_AMOUNT = re.compile(r"(\d[\d,]*(?:\.\d+)?)")
_CODE = re.compile(r"\b([A-Z]{3})\b")
_UNNAMED_EMPLOYER = re.compile(
    r"^\s*(?:|-+|n/?a|none|tba|tbc|unknown|anonymous|undisclosed|confidential(?: client| employer)?|"
    r"(?:a |our )?client|agent|recruiter|private recruiter|various|employer|company)\s*\.?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Wage:
    """A wage amount on a monthly footing (``None`` currency when the text names none)."""

    monthly: float
    currency: str | None


def parse_wage(text: str | float | int | None, default_period: str = "month") -> Wage | None:
    """Read a wage such as ``"EUR 1,800 per month"`` or ``"£12.21/hour"``; ``None`` if there is no amount.

    Examples
    --------
    >>> parse_wage("GBP 12 per hour")
    Wage(monthly=2080.0, currency='GBP')
    >>> parse_wage("MYR 1,700 per month plus overtime").monthly
    1700.0
    >>> parse_wage("Good salary") is None
    True
    """
    if text is None or isinstance(text, bool):
        return None
    if isinstance(text, int | float):
        return Wage(float(text) * MONTHLY_FACTOR[default_period], None) if text > 0 else None
    amount = _AMOUNT.search(text)
    if amount is None:
        return None
    value = float(amount.group(1).replace(",", ""))
    if value <= 0:
        return None
    period_match = _PERIOD.search(text)
    period = default_period
    if period_match is not None:
        word = next(g for g in period_match.groups() if g).lower()
        period = _PERIOD_NAMES.get(word, word)
    code = _CODE.search(text)
    currency = code.group(1) if code else next((c for s, c in _SYMBOLS.items() if s in text), None)
    return Wage(value * MONTHLY_FACTOR[period], currency)


def wage_ratio(wage: str | float | int | None, reference: str | float | int | None) -> float | None:
    """How many times the reference pay level the advertised wage is; ``None`` if not comparable.

    A bare-number reference is read in the wage's own period and currency.

    Examples
    --------
    >>> wage_ratio("EUR 6,000 per month", "EUR 2,000 per month")
    3.0
    >>> wage_ratio("EUR 20 per hour", 10)
    2.0
    >>> wage_ratio("USD 900 per month", "EUR 1,000 per month") is None
    True
    """
    advertised = parse_wage(wage)
    if advertised is None:
        return None
    if isinstance(reference, int | float) and not isinstance(reference, bool):
        period_match = _PERIOD.search(str(wage))
        period = "month"
        if period_match is not None:
            word = next(g for g in period_match.groups() if g).lower()
            period = _PERIOD_NAMES.get(word, word)
        ref = parse_wage(reference, default_period=period)
    else:
        ref = parse_wage(reference)
    if ref is None:
        return None
    if advertised.currency and ref.currency and advertised.currency != ref.currency:
        return None
    return advertised.monthly / ref.monthly


def employer_unnamed(employer: str | None) -> bool:
    """Whether the employer field names no employer (blank, "Confidential", "n/a", "Agent"...).

    Examples
    --------
    >>> employer_unnamed("Confidential")
    True
    >>> employer_unnamed("Oakwood Care Home")
    False
    """
    return employer is None or bool(_UNNAMED_EMPLOYER.match(employer))


@dataclass(frozen=True)
class PostedPay:
    """The pay of one posted vacancy, and the group (place and sector) whose pay it is compared with."""

    vacancy_id: str
    locality: str
    sector: str
    pay: Pay
    hours_per_week: float | None = None


def peer_reference_wages(
    posted: Iterable[PostedPay], quantile: float = 1.0, min_peers: int = 3
) -> dict[str, str]:
    """A reference pay level per vacancy from the *other* vacancies in its locality and sector.

    Each peer's pay is put on an hourly footing with its own hours; the reference is the ``quantile`` of
    those rates (1.0, the default, is the best-paid peer; 0.5 the median), put back into the vacancy's own
    period (with the vacancy's hours) as text such as ``"12.5 GBP per hour"``, ready for
    :attr:`matcher.screening.VacancyAd.reference_wage`. Peers in another currency, and pay in a period other
    than hour, day, week or month, are left out; a vacancy with fewer than ``min_peers`` comparable peers
    gets no entry (no reference, no wage check).

    Why not the median: a locality and sector pools entry-level and skilled jobs (sorters and maintenance
    technicians, farm hands and supervisors), so skilled pay is routinely twice the sector median. What is
    too good to be true is twice what the best-paid comparable local vacancy offers. Two inflated adverts in
    one small group shield each other; the wage check is one signal among many, not the only one.

    Examples
    --------
    >>> pays = [PostedPay(str(n), "mcr", "care", Pay(a, "hour", "GBP"), 40) for n, a in enumerate([12, 13])]
    >>> pays.append(PostedPay("2", "mcr", "care", Pay(14, "hour", "GBP"), 40))
    >>> pays.append(PostedPay("x", "mcr", "care", Pay(4000, "month", "GBP"), 40))
    >>> refs = peer_reference_wages(pays, quantile=0.5)
    >>> refs["x"]
    '2253.33 GBP per month'
    >>> refs["0"]
    '14 GBP per hour'
    >>> peer_reference_wages(pays)["x"]
    '2426.67 GBP per month'
    """
    if min_peers < 1:
        raise InputError(f"min_peers must be at least 1, not {min_peers}.")
    if not 0.0 <= quantile <= 1.0:
        raise InputError(f"quantile must lie in [0, 1], not {quantile}.")
    groups: dict[tuple[str, str], list[PostedPay]] = {}
    for item in posted:
        if item.pay.period in PAY_PERIODS:  # pay in an unknown period cannot be compared; left out
            groups.setdefault((item.locality, item.sector), []).append(item)
    references: dict[str, str] = {}
    for members in groups.values():
        for item in members:
            hourly = [
                p.pay.hourly(p.hours_per_week)
                for p in members
                if p.vacancy_id != item.vacancy_id
                and p.pay.currency == item.pay.currency
                and p.pay.amount > 0
            ]
            if len(hourly) < min_peers:
                continue
            rate = float(np.quantile(hourly, quantile))
            amount = rate * period_hours(item.pay.period, item.hours_per_week)
            text = f"{amount:.2f}".rstrip("0").rstrip(".")
            references[item.vacancy_id] = f"{text} {item.pay.currency} per {item.pay.period}"
    return references
