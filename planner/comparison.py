"""What the same loan costs from the cooperative, a bank, a microfinance institution or a moneylender.

Lender rates come from a packaged parameter file (``lenders_nepal`` by default), each with its source.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from planner.exceptions import MissingFigureError, ParameterError
from planner.loans import PERIODS_PER_YEAR, loan_schedule
from planner.messages import N_, Message
from planner.parameters import ParameterSet, load_parameter_set


@dataclass(frozen=True)
class LenderOffer:
    """A lender's stated terms: a yearly nominal rate, flat or declining, and an up-front fee.

    ``as_of`` is the day the rate was published, when its source gives one.
    """

    key: str
    label: str
    annual_rate: float
    method: str
    fee_rate: float
    source: str
    as_of: dt.date | None = None


@dataclass(frozen=True)
class LoanCost:
    """One row of a loan comparison: what the loan costs from one lender."""

    key: str
    label: str
    stated_annual_rate: float
    method: str
    instalment: float
    total_repaid: float
    total_cost: float
    apr: float
    effective_annual_rate: float
    extra_cost_vs_cheapest: float
    source: str
    as_of: dt.date | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form (``as_of`` as ``YYYY-MM-DD``)."""
        return asdict(self) | {"as_of": self.as_of.isoformat() if self.as_of else None}


def lender_offers(parameter_set: str | Path = "lenders_nepal") -> tuple[LenderOffer, ...]:
    """Read lender offers from a parameter file (one section per lender).

    Raises
    ------
    MissingFigureError
        A lender's rate has no source in the file (``value: null``): ask for it, see
        :func:`planner.places.lender_choice` for the offers that are known and the rates to ask for.

    Examples
    --------
    >>> [o.key for o in lender_offers()]
    ['bank', 'cooperative', 'mfi', 'moneylender']
    """
    params = load_parameter_set(parameter_set)
    offers = []
    for key in sorted(params.sections):
        offer = lender_offer(params, key)
        if isinstance(offer, Message):
            raise MissingFigureError(offer, settings=(f"{params.name}.{key}.annual_rate",))
        offers.append(offer)
    return tuple(offers)


#: the source of a rate the user typed in place of a missing one
TYPED_SOURCE = "The rate you typed (from the lender's offer)"


def lender_offer(params: ParameterSet, key: str, typed_rate: float | None = None) -> LenderOffer | Message:
    """One lender's offer from a parameter set, or the message asking for its rate when it has none.

    ``typed_rate`` (a yearly nominal rate, 0.12 for 12%) stands in for a rate the file has no
    source for; the lender's method and fee still come from the file, and the offer's source
    is :data:`TYPED_SOURCE`. A sourced rate is never replaced.
    """
    entries = params.sections[key]
    try:
        rate, label = entries["annual_rate"], str(entries["label"].value)
        annual_rate = rate.value if rate.value is not None else typed_rate
        if annual_rate is None:
            return Message(
                N_("no sourced %(lender)s rate for this place (%(why)s): type the rate the lender states"),
                {"lender": label, "why": rate.source},
            )
        return LenderOffer(
            key=key,
            label=label,
            annual_rate=float(annual_rate),
            method=str(entries["method"].value),
            fee_rate=float(entries["fee_rate"].value),
            source=rate.source if rate.value is not None else TYPED_SOURCE,
            as_of=rate.as_of if rate.value is not None else None,
        )
    except KeyError as exc:
        raise ParameterError(f"{params.name}.{key} needs label, annual_rate, method and fee_rate") from exc


def compare_lenders(
    principal: float,
    months: int,
    offers: tuple[LenderOffer, ...] | None = None,
    *,
    frequency: str = "monthly",
) -> tuple[LoanCost, ...]:
    """Cost of borrowing ``principal`` over ``months`` from each lender, cheapest first.

    Parameters
    ----------
    principal : float
        Amount to borrow.
    months : int
        Length of the loan in months (weekly loans use the same length, 52/12 weeks a month).
    offers : tuple of LenderOffer, optional
        Lenders to compare; the packaged Nepal offers when omitted.
    frequency : {"monthly", "weekly"}
        How often instalments are paid.

    Examples
    --------
    >>> rows = compare_lenders(20000, 12)
    >>> [r.key for r in rows]
    ['bank', 'cooperative', 'mfi', 'moneylender']
    >>> round(rows[-1].apr, 3), round(rows[-1].total_cost)
    (0.61, 7200)
    """
    offers = lender_offers() if offers is None else offers
    if frequency not in PERIODS_PER_YEAR:
        raise ParameterError(f"frequency must be 'monthly' or 'weekly', got {frequency!r}")
    per_year = PERIODS_PER_YEAR[frequency]
    periods = months if frequency == "monthly" else round(months * 52 / 12)
    costs = []
    for offer in offers:
        s = loan_schedule(
            principal,
            offer.annual_rate / per_year,
            periods,
            method=offer.method,
            frequency=frequency,
            fee_rate=offer.fee_rate,
        )
        costs.append((offer, s))
    cheapest = min(s.total_cost for _, s in costs)
    rows = [
        LoanCost(
            key=o.key,
            label=o.label,
            stated_annual_rate=o.annual_rate,
            method=o.method,
            instalment=round(float(s.payment[-1]), 2),
            total_repaid=round(float(s.payment.sum()), 2),
            total_cost=round(s.total_cost, 2),
            apr=s.apr,
            effective_annual_rate=s.effective_annual_rate,
            extra_cost_vs_cheapest=round(s.total_cost - cheapest, 2),
            source=o.source,
            as_of=o.as_of,
        )
        for o, s in costs
    ]
    return tuple(sorted(rows, key=lambda r: (r.total_cost, r.key)))
