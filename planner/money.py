"""Money in integer minor units (cents), so ledgers balance exactly.

Amounts are rounded half away from zero, the way a treasurer rounds by hand.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import numpy as np
from numpy.typing import NDArray

#: minor units per major unit (cents per rupee, dollar, franc)
MINOR_PER_MAJOR = 100


def to_minor(amount: float | str | Decimal) -> int:
    """Convert an amount in major units to integer minor units, rounding half away from zero.

    Examples
    --------
    >>> to_minor(2.40)
    240
    >>> to_minor("0.005")
    1
    >>> to_minor(-1.005)
    -101
    """
    value = Decimal(str(amount)) * MINOR_PER_MAJOR
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def to_major(minor: int | float) -> float:
    """Convert minor units back to major units for display.

    Examples
    --------
    >>> to_major(12345)
    123.45
    """
    return float(minor) / MINOR_PER_MAJOR


def round_half_up(value: float) -> int:
    """Round a float amount of minor units to a whole number, halves upwards (``floor(x + 0.5)``).

    The ledger uses this one rule everywhere, in the vectorised and the plain-Python simulation.

    Examples
    --------
    >>> round_half_up(2.5), round_half_up(-2.5), round_half_up(2.4999)
    (3, -2, 2)
    """
    return math.floor(value + 0.5)


def round_half_up_array(values: NDArray[Any]) -> NDArray[np.int64]:
    """Vectorised :func:`round_half_up`, returning ``int64`` minor units.

    Examples
    --------
    >>> round_half_up_array(np.array([2.5, -2.5, 0.49])).tolist()
    [3, -2, 0]
    """
    return np.floor(values + 0.5).astype(np.int64)


#: ISO 4217 currencies whose amounts have no minor unit (amounts are whole francs, shillings, yen)
ZERO_DECIMAL_CURRENCIES = frozenset(
    {
        "BIF",
        "CLP",
        "DJF",
        "GNF",
        "ISK",
        "JPY",
        "KMF",
        "KRW",
        "PYG",
        "RWF",
        "UGX",
        "VND",
        "VUV",
        "XAF",
        "XOF",
        "XPF",
    }
)


def minor_digits(currency: str) -> int:
    """Digits after the decimal point in ``currency`` (ISO 4217): 2 for most, 0 for BIF, RWF, UGX...

    Examples
    --------
    >>> minor_digits("NPR"), minor_digits("BIF")
    (2, 0)
    """
    return 0 if currency.upper() in ZERO_DECIMAL_CURRENCIES else 2


def parse_amount(text: str | int | Decimal, currency: str) -> int:
    """An amount as written ("1,250.50", "1250") to exact minor units of ``currency``.

    Raises ``ValueError`` (with a plain reason) for text that is not a number, or that has more
    decimals than the currency has (NPR 10.005 is not an amount anyone can pay).

    Examples
    --------
    >>> parse_amount("1,250.50", "NPR"), parse_amount("300", "BIF"), parse_amount(Decimal("2.4"), "USD")
    (125050, 300, 240)
    >>> parse_amount("10.005", "NPR")
    Traceback (most recent call last):
    ...
    ValueError: NPR amounts have at most 2 decimals, got '10.005'
    """
    raw = text if isinstance(text, Decimal) else str(text).strip().replace(",", "")
    try:
        value = Decimal(raw)
    except ArithmeticError as exc:
        raise ValueError(f"not an amount: {text!r}") from exc
    if not value.is_finite():
        raise ValueError(f"not an amount: {text!r}")
    digits = minor_digits(currency)
    minor = value.scaleb(digits)
    if minor != minor.to_integral_value():
        raise ValueError(f"{currency} amounts have at most {digits} decimals, got {str(text)!r}")
    return int(minor)


def minor_to_decimal(minor: int, currency: str) -> Decimal:
    """Exact major units of ``minor`` (for JSON and display), never a float.

    Examples
    --------
    >>> minor_to_decimal(125050, "NPR"), minor_to_decimal(300, "BIF")
    (Decimal('1250.50'), Decimal('300'))
    """
    return Decimal(minor).scaleb(-minor_digits(currency))
