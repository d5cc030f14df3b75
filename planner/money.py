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
