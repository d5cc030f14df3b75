"""Calibration and ranking measures for predicted probabilities."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike


def expected_calibration_error(probabilities: ArrayLike, outcomes: ArrayLike, bins: int = 10) -> float:
    """Expected calibration error: the share-weighted gap between mean prediction and rate (equal-width bins).

    Examples
    --------
    >>> expected_calibration_error([0.2, 0.2, 0.8, 0.8], [0, 0, 1, 1])
    0.2

    """
    p = np.asarray(probabilities, dtype=float)
    y = np.asarray(outcomes, dtype=float)
    if len(p) == 0:
        return float("nan")
    which = np.minimum((p * bins).astype(int), bins - 1)
    count = np.bincount(which, minlength=bins)
    gap = np.abs(
        np.bincount(which, weights=p, minlength=bins) - np.bincount(which, weights=y, minlength=bins)
    )
    return round(float(gap.sum() / count.sum()), 12)


def auc(scores: ArrayLike, outcomes: ArrayLike) -> float:
    """Area under the ROC curve (the chance a random success outranks a random failure; ties count half).

    Examples
    --------
    >>> auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])
    0.75

    """
    s = np.asarray(scores, dtype=float)
    y = np.asarray(outcomes, dtype=bool)
    positives, negatives = int(y.sum()), int((~y).sum())
    if positives == 0 or negatives == 0:
        return float("nan")
    order = np.argsort(s, kind="stable")
    ranks = np.empty(len(s))
    sorted_s = s[order]
    # average ranks over ties
    _, first, counts = np.unique(sorted_s, return_index=True, return_counts=True)
    avg = first + (counts - 1) / 2.0 + 1
    ranks[order] = np.repeat(avg, counts)
    return float((ranks[y].sum() - positives * (positives + 1) / 2) / (positives * negatives))
