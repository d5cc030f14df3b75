"""Monte Carlo helpers shared by the cooperative and 3x6 simulations.

Summaries of many simulated futures: percentiles by month (fan charts), the month something first
happens (break-even, payback) and distributions of end values (share-out).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

#: percentiles drawn in fan charts and reported in summaries
PERCENTILES = (5, 25, 50, 75, 95)


@dataclass(frozen=True)
class Distribution:
    """Spread of a quantity over simulated futures.

    ``reached_share`` is the share of futures where the quantity exists (for "the month the business
    breaks even", futures that never break even are left out of the percentiles and counted here).
    Percentiles are ``None`` when no future reached it.
    """

    reached_share: float
    mean: float | None
    p5: float | None
    p25: float | None
    median: float | None
    p75: float | None
    p95: float | None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form, rounded to 4 decimals."""
        return {k: None if v is None else round(v, 4) for k, v in asdict(self).items()}


def distribution(values: NDArray[np.float64]) -> Distribution:
    """Summarise values over futures; ``nan`` marks futures where the value was never reached.

    Examples
    --------
    >>> d = distribution(np.array([12.0, 24.0, np.nan, 36.0]))
    >>> d.reached_share, d.median
    (0.75, 24.0)
    """
    values = np.asarray(values, dtype=np.float64)
    ok = values[~np.isnan(values)]
    share = float(ok.size / values.size) if values.size else 0.0
    if ok.size == 0:
        return Distribution(share, None, None, None, None, None, None)
    p = np.percentile(ok, PERCENTILES)
    return Distribution(share, float(ok.mean()), *(float(x) for x in p))


def first_month(mask: NDArray[np.bool_], months: NDArray[np.int64] | None = None) -> NDArray[np.float64]:
    """Month number of the first ``True`` along axis 0 (rows are months 1, 2, ...), ``nan`` if never.

    Examples
    --------
    >>> first_month(np.array([[False, False], [True, False], [True, False]])).tolist()
    [2.0, nan]
    """
    mask = np.asarray(mask, dtype=bool)
    numbers = np.arange(1, mask.shape[0] + 1) if months is None else months
    hit = mask.any(axis=0)
    idx = mask.argmax(axis=0)
    return np.where(hit, numbers[idx].astype(np.float64), np.nan)


def fan(values: NDArray[Any], axis: int = 1) -> dict[str, NDArray[np.float64]]:
    """Percentiles over futures for each month (``values`` shaped months x futures by default).

    Examples
    --------
    >>> f = fan(np.array([[1.0, 2.0, 3.0], [2.0, 4.0, 6.0]]))
    >>> f["p50"].tolist()
    [2.0, 4.0]
    """
    pct = np.percentile(np.asarray(values, dtype=np.float64), PERCENTILES, axis=axis)
    return {f"p{q}": pct[i] for i, q in enumerate(PERCENTILES)}


def rng_from(seed: int | np.random.Generator | None) -> np.random.Generator:
    """``numpy.random.default_rng`` for a seed, or the generator itself.

    Examples
    --------
    >>> float(rng_from(7).random()) == float(np.random.default_rng(7).random())
    True
    """
    return seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
