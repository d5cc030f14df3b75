"""Loan repayment schedules (flat and declining balance), fees, grace periods, APR and effective rate.

The rate given to :func:`loan_schedule` is the lender's stated rate *per period* (per month for monthly
loans, per week for weekly loans). A *flat* rate charges interest on the original principal for every
period; a *declining-balance* rate charges interest only on what is still owed. The true cost of a loan
is the internal rate of return (IRR) of the borrower's cash flows, including fees: the APR is that rate
times the number of periods in a year, the effective annual rate compounds it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from planner.exceptions import ConvergenceError, ParameterError

Method = Literal["flat", "declining"]
Frequency = Literal["monthly", "weekly"]

PERIODS_PER_YEAR: dict[str, int] = {"monthly": 12, "weekly": 52}
#: The longest loan planned: 50 years (a mortgage's length; a cooperative loan is far shorter).
MAX_LOAN_YEARS = 50
#: The largest amount planned: far above any cooperative loan, small enough that every sum stays finite.
MAX_PRINCIPAL = 1e12


@dataclass(frozen=True)
class LoanSchedule:
    """A loan's repayment schedule and its true cost.

    Arrays have one entry per repayment period (period 1 first). ``balance`` is what is still owed
    after that period's payment. ``cash_flows`` is the borrower's view: the amount received at period 0
    (principal less up-front fees) followed by each payment as a negative number.
    """

    principal: float
    rate: float
    n_periods: int
    method: str
    frequency: str
    grace_periods: int
    fees: float
    payment: NDArray[np.float64]
    interest: NDArray[np.float64]
    principal_repaid: NDArray[np.float64]
    balance: NDArray[np.float64]
    periodic_rate: float
    apr: float
    effective_annual_rate: float

    @property
    def cash_flows(self) -> NDArray[np.float64]:
        """Borrower's cash flows: net amount received at period 0, then payments as negatives."""
        return np.concatenate([[self.principal - self.fees], -self.payment])

    @property
    def total_interest(self) -> float:
        """Interest paid over the life of the loan."""
        return float(self.interest.sum())

    @property
    def total_cost(self) -> float:
        """Interest plus fees: everything paid beyond the principal."""
        return self.total_interest + self.fees

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form, money rounded to the cent and rates to 6 decimals."""
        rows = [
            {
                "period": i + 1,
                "payment": round(float(self.payment[i]), 2),
                "interest": round(float(self.interest[i]), 2),
                "principal": round(float(self.principal_repaid[i]), 2),
                "balance": round(float(self.balance[i]), 2),
            }
            for i in range(self.n_periods)
        ]
        return {
            "principal": self.principal,
            "rate_per_period": self.rate,
            "periods": self.n_periods,
            "method": self.method,
            "frequency": self.frequency,
            "grace_periods": self.grace_periods,
            "fees": round(self.fees, 2),
            "total_interest": round(self.total_interest, 2),
            "total_cost": round(self.total_cost, 2),
            "apr": round(self.apr, 6),
            "effective_annual_rate": round(self.effective_annual_rate, 6),
            "schedule": rows,
        }


def _check_loan_inputs(
    principal: float, rate: float, n_periods: int, method: str, frequency: str, grace_periods: int
) -> None:
    if not math.isfinite(principal) or not math.isfinite(rate):
        raise ParameterError(f"principal and rate must be finite numbers, got {principal} and {rate}")
    if not principal > 0:
        raise ParameterError(f"principal must be more than 0, got {principal}")
    if principal > MAX_PRINCIPAL:
        raise ParameterError(f"principal must be at most {MAX_PRINCIPAL:,.0f}, got {principal:,.0f}")
    if rate < 0:
        raise ParameterError(f"interest rate cannot be negative, got {rate}")
    if rate >= 1:
        raise ParameterError(
            f"interest rate {rate} is 100% or more per period; give the rate as a fraction (0.01 for 1%)"
        )
    if n_periods < 1:
        raise ParameterError(f"a loan needs at least 1 repayment period, got {n_periods}")
    if method not in ("flat", "declining"):
        raise ParameterError(f"method must be 'flat' or 'declining', got {method!r}")
    if frequency not in PERIODS_PER_YEAR:
        raise ParameterError(f"frequency must be 'monthly' or 'weekly', got {frequency!r}")
    longest = MAX_LOAN_YEARS * PERIODS_PER_YEAR[frequency]
    if n_periods > longest:
        raise ParameterError(
            f"a loan can have at most {longest} {frequency} periods ({MAX_LOAN_YEARS} years), got {n_periods}"
        )
    if not 0 <= grace_periods < n_periods:
        raise ParameterError(
            f"grace periods ({grace_periods}) must be 0 or more and fewer than the {n_periods} periods"
        )


def loan_schedule(
    principal: float,
    rate: float,
    n_periods: int,
    *,
    method: Method | str = "declining",
    frequency: Frequency | str = "monthly",
    fee_rate: float = 0.0,
    fee_flat: float = 0.0,
    grace_periods: int = 0,
) -> LoanSchedule:
    """Build a repayment schedule and compute its APR and effective annual rate.

    Parameters
    ----------
    principal : float
        Amount lent.
    rate : float
        Stated interest rate per period as a fraction (0.01 = 1% per month or per week).
    n_periods : int
        Number of periods from disbursement to the last payment, grace periods included.
    method : {"declining", "flat"}
        ``declining``: interest on the balance still owed, equal instalments (annuity).
        ``flat``: interest on the original principal every period, principal repaid in equal parts.
    frequency : {"monthly", "weekly"}
        Length of a period; sets how the per-period IRR is annualised (x12 or x52).
    fee_rate, fee_flat : float
        Up-front fees deducted at disbursement: a share of the principal plus a fixed amount.
    grace_periods : int
        Leading periods in which only interest is paid; the principal is repaid over the rest.

    Returns
    -------
    LoanSchedule

    Raises
    ------
    ParameterError
        Negative, infinite or implausible amounts and rates, no periods or more than 50 years of
        them, too many grace periods, unknown method.

    Examples
    --------
    >>> s = loan_schedule(1000, 0.01, 12, method="flat")
    >>> round(float(s.payment[0]), 2), round(s.apr, 3), round(s.effective_annual_rate, 3)
    (93.33, 0.215, 0.237)
    >>> d = loan_schedule(1000, 0.01, 12, method="declining")
    >>> round(float(d.payment[0]), 2), round(d.apr, 3)
    (88.85, 0.12)
    """
    _check_loan_inputs(principal, rate, n_periods, method, frequency, grace_periods)
    if not (math.isfinite(fee_rate) and math.isfinite(fee_flat)):
        raise ParameterError(f"fees must be finite numbers, got {fee_rate} and {fee_flat}")
    if fee_rate < 0 or fee_flat < 0:
        raise ParameterError("fees cannot be negative")
    fees = principal * fee_rate + fee_flat
    if fees >= principal:
        raise ParameterError(f"fees ({fees:.2f}) would take the whole principal ({principal:.2f})")
    if method == "flat":
        interest, repaid = _flat(principal, rate, n_periods, grace_periods)
    else:
        interest, repaid = _declining(principal, rate, n_periods, grace_periods)
    payment = interest + repaid
    balance = principal - np.cumsum(repaid)
    balance[-1] = 0.0
    periods_per_year = PERIODS_PER_YEAR[frequency]
    flows = np.concatenate([[principal - fees], -payment])
    periodic = irr(flows)
    apr, ear = annualise(periodic, periods_per_year)
    return LoanSchedule(
        principal=float(principal),
        rate=float(rate),
        n_periods=int(n_periods),
        method=str(method),
        frequency=str(frequency),
        grace_periods=int(grace_periods),
        fees=float(fees),
        payment=payment,
        interest=interest,
        principal_repaid=repaid,
        balance=balance,
        periodic_rate=periodic,
        apr=apr,
        effective_annual_rate=ear,
    )


def _flat(
    principal: float, rate: float, n: int, grace: int
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    interest = np.full(n, principal * rate)
    repaid = np.zeros(n)
    repaid[grace:] = principal / (n - grace)
    return interest, repaid


def _declining(
    principal: float, rate: float, n: int, grace: int
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    interest = np.full(n, principal * rate)
    repaid = np.zeros(n)
    k = n - grace
    if rate == 0:
        repaid[grace:] = principal / k
        interest[:] = 0.0
        return interest, repaid
    growth = (1.0 + rate) ** np.arange(k)  # (1+r)^(j-1) for j = 1..k
    annuity = principal * rate / (1.0 - (1.0 + rate) ** -k)
    first_principal = annuity - principal * rate
    repaid[grace:] = first_principal * growth
    interest[grace:] = annuity - repaid[grace:]
    return interest, repaid


def irr(cash_flows: NDArray[np.float64] | list[float], *, tol: float = 1e-13, max_iter: int = 200) -> float:
    """Internal rate of return per period of a series of cash flows (first flow at period 0).

    Uses Newton's method from a bracket found by bisection, so it converges for every loan-like
    series (one sign change). Agrees with ``numpy_financial.irr``.

    Raises
    ------
    ConvergenceError
        When the flows do not change sign, so no rate makes their present value zero.

    Examples
    --------
    >>> round(irr([1000] + [-1120 / 12] * 12), 6)
    0.017881
    >>> round(irr([-100, 110]), 12)
    0.1
    """
    flows = np.asarray(cash_flows, dtype=np.float64)
    if not (np.any(flows > 0) and np.any(flows < 0)):
        raise ConvergenceError("cash flows need money in and money out to have a rate of return")
    times = np.arange(flows.size, dtype=np.float64)

    def npv(rate: float) -> float:
        return float(np.sum(flows * (1.0 + rate) ** -times))

    lo, hi = -0.99, 1.0
    while npv(hi) * npv(lo) > 0 and hi < 1e6:
        hi *= 10
    if npv(hi) * npv(lo) > 0:
        raise ConvergenceError("no interest rate between -99% and 1,000,000% per period fits these flows")
    for _ in range(60):  # bisection to a tight bracket
        mid = 0.5 * (lo + hi)
        if npv(lo) * npv(mid) <= 0:
            hi = mid
        else:
            lo = mid
        if hi - lo < 1e-6:
            break
    rate = 0.5 * (lo + hi)
    for _ in range(max_iter):  # Newton polish
        value = npv(rate)
        slope = float(np.sum(-times * flows * (1.0 + rate) ** (-times - 1.0)))
        if slope == 0:
            break
        step = value / slope
        rate -= step
        if abs(step) < tol:
            break
    return rate


def annualise(periodic_rate: float, periods_per_year: int) -> tuple[float, float]:
    """Nominal APR and effective annual rate from a rate per period.

    Examples
    --------
    >>> apr, ear = annualise(0.01, 12)
    >>> round(apr, 4), round(ear, 4)
    (0.12, 0.1268)
    """
    return periodic_rate * periods_per_year, (1.0 + periodic_rate) ** periods_per_year - 1.0
