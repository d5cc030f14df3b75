"""Track records (an employer's or opening's employment rate) shrunk toward the overall rate, no peeking.

For a pair proposed on day ``d``, the track record counts only the outcomes *known before* ``d``
(an outcome is known on the day it was recorded: the retention step, or the closing step). The
raw rate ``s / n`` of a small employer is pulled toward the overall rate ``g`` known before ``d``
by empirical Bayes (a beta-binomial prior of strength ``m``): ``(s + m g) / (n + m)``, where ``m``
is estimated from how much employers' rates really differ (:func:`prior_strength`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

#: Pseudo-outcomes that steady the overall rate while few outcomes are known.
GLOBAL_PRIOR_WEIGHT = 50.0
_SPAN = np.int64(1 << 24)  # more days than any history spans (day numbers since 1970)


@dataclass(frozen=True, eq=False)
class Events:
    """Known outcomes: the group (employer or opening code) of each, the day it became known, 1/0."""

    group: NDArray[np.int64]
    known_on: NDArray[np.int64]
    employed: NDArray[np.float64]


def prior_strength(group: NDArray[np.int64], employed: NDArray[np.float64]) -> float:
    """Empirical-Bayes prior strength ``m`` (method of moments on the groups' rates), between 2 and 500.

    The spread of true group rates is the spread of the observed rates less binomial noise;
    a beta prior with mean ``g`` and strength ``m`` has variance ``g (1 - g) / (m + 1)``.

    Examples
    --------
    >>> same = prior_strength(np.repeat(np.arange(20), 50), np.tile([0.0, 1.0], 500))
    >>> differ = prior_strength(np.repeat(np.arange(2), 50), np.repeat([0.0, 1.0], 50))
    >>> same, differ
    (500.0, 2.0)

    """
    if len(employed) == 0:
        return 500.0
    n = np.bincount(group).astype(float)
    s = np.bincount(group, weights=employed)
    used = n > 0
    n, s = n[used], s[used]
    total = n.sum()
    g = s.sum() / total
    if g <= 0 or g >= 1 or len(n) < 2:
        return 500.0
    spread = (np.sum(n * (s / n - g) ** 2) - (len(n) - 1) * g * (1 - g)) / (total - np.sum(n**2) / total)
    if spread <= 0:
        return 500.0
    return float(np.clip(g * (1 - g) / spread - 1, 2.0, 500.0))


def shrunk_rates(
    events: Events,
    group: NDArray[np.int64],
    day: NDArray[np.int64],
    *,
    strength: float,
    prior_rate: float,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Each query's shrunk track record and how many outcomes it rests on, from outcomes known before its day.

    Parameters
    ----------
    events : Events
    group, day : arrays
        The queries: group code and day number of each pair.
    strength : float
        Prior strength ``m``.
    prior_rate : float
        Overall rate to start from before any outcome is known.

    Examples
    --------
    >>> ev = Events(np.array([0, 0, 1]), np.array([10, 20, 10]), np.array([1.0, 1.0, 0.0]))
    >>> rate, n = shrunk_rates(ev, np.array([0, 0, 0]), np.array([10, 15, 30]), strength=2, prior_rate=0.5)
    >>> n.tolist()  # day 10 sees nothing yet (known *before* the day only), day 30 sees both
    [0.0, 1.0, 2.0]

    """
    order = np.argsort(events.known_on, kind="stable")
    days, ys = events.known_on[order], events.employed[order]
    seen = np.searchsorted(days, day, side="left")
    cum = np.concatenate([[0.0], np.cumsum(ys)])
    overall = (cum[seen] + prior_rate * GLOBAL_PRIOR_WEIGHT) / (seen + GLOBAL_PRIOR_WEIGHT)
    keys = events.group.astype(np.int64) * _SPAN + events.known_on
    order = np.argsort(keys, kind="stable")
    keys, ys = keys[order], events.employed[order]
    cum = np.concatenate([[0.0], np.cumsum(ys)])
    base = group.astype(np.int64) * _SPAN
    lo = np.searchsorted(keys, base, side="left")
    hi = np.searchsorted(keys, base + day, side="left")
    n = (hi - lo).astype(np.float64)
    s = cum[hi] - cum[lo]
    return (s + strength * overall) / (n + strength), n
