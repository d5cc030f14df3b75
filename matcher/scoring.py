"""The fixed score formula: weights, calibration of cosine similarities, penalty sizes.

A score is ``100 * (w_aspiration * A + w_skills * S + w_experience * E) - penalties``,
clipped to 0-100, with every number below fixed for everyone (no per-person
normalisation), so a 70 means the same for every person. See ``docs/matching.md``.

* ``S`` (skills): the weighted share of the vacancy's needs covered by the person's own
  words, each need credited by its best-matching phrase (cosine calibrated to 0-1).
* ``A`` (aspiration): how well the person's stated interests fit the job's title,
  sector and description; ``ASPIRATION_NOT_STATED`` when they stated none.
* ``E`` (experience): a past job title close to the job's title (or, with ESCO, the same
  occupation); capped at ``A`` when the person stated interests, so history never
  outweighs what the person says they want.

The calibration points were read off all-MiniLM-L6-v2 cosines of related and unrelated
phrase pairs (related skills 0.55-0.70, unrelated below 0.25).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray


@dataclass(frozen=True)
class ScoreWeights:
    """Every constant of the score formula; the defaults are the documented ones."""

    aspiration: float = 0.50
    skills: float = 0.40
    experience: float = 0.10
    skill_low: float = 0.30
    skill_high: float = 0.60
    skill_covered: float = 0.45
    aspiration_low: float = 0.25
    aspiration_high: float = 0.50
    experience_low: float = 0.40
    experience_high: float = 0.75
    aspiration_not_stated: float = 0.5
    description_weight: float = 0.5
    distance_points: float = 5.0
    distance_unstated_km: float = 50.0
    #: with no travel limit given, openings further than this are left out (another city or country)
    distance_unstated_limit_km: float = 100.0
    hours_points: float = 10.0
    hours_tolerance: float = 0.25
    hours_tolerance_min: float = 4.0
    shift_partial_points: float = 5.0
    mixed_shift_points: float = 8.0
    pay_margin: float = 0.15
    pay_points: float = 10.0
    placement_pay_points: float = 3.0
    exclusion_soft: float = 0.65
    exclusion_hard: float = 1.01
    exclusion_points: float = 10.0

    def travel_limit_km(self, given: float | None) -> float:
        """The furthest a person travels: the limit they gave, else ``distance_unstated_limit_km``.

        Examples
        --------
        >>> ScoreWeights().travel_limit_km(15), ScoreWeights().travel_limit_km(None)
        (15.0, 100.0)
        """
        return self.distance_unstated_limit_km if given is None else float(given)


DEFAULT_WEIGHTS = ScoreWeights()


def credit(similarity: NDArray[np.floating] | float, low: float, high: float) -> NDArray[np.float64]:
    """Map a cosine similarity to 0-1 linearly between ``low`` and ``high``.

    Examples
    --------
    >>> credit(np.array([0.2, 0.45, 0.9]), 0.3, 0.6).round(2).tolist()
    [0.0, 0.5, 1.0]

    """
    return np.clip((np.asarray(similarity, dtype=np.float64) - low) / (high - low), 0.0, 1.0)


def combine(
    aspiration: NDArray[np.float64],
    skills: NDArray[np.float64],
    experience: NDArray[np.float64],
    penalty_points: NDArray[np.float64],
    weights: ScoreWeights = DEFAULT_WEIGHTS,
) -> NDArray[np.float64]:
    """Combine the parts into the 0-100 score (arrays of equal length).

    Examples
    --------
    >>> one = np.ones(1)
    >>> combine(one, one, one, np.zeros(1)).tolist()
    [100.0]
    >>> combine(0.5 * one, 0.5 * one, 0 * one, 10 * one).tolist()
    [35.0]

    """
    base = 100.0 * (
        weights.aspiration * aspiration + weights.skills * skills + weights.experience * experience
    )
    return np.asarray(np.round(np.clip(base - penalty_points, 0.0, 100.0), 1), dtype=np.float64)
