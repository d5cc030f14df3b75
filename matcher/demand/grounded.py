"""Grounded records: vacancies and people already linked to ESCO.

The labour-market map works on these plain records only, so every aggregate can be
tested on hand-made data. ``matcher.demand.grounding`` builds them from raw vacancies
and profiles with the title normaliser and the skill linker. No record carries gender
or any other protected attribute, so nothing downstream can use one.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from matcher.exceptions import InputError
from matcher.records import period_hours

PAY_PERIODS = ("hour", "day", "week", "month", "year")


def monthly_pay(
    amount: float | None, period: str | None, hours_per_week: float | None = None
) -> float | None:
    """Express a pay amount per month, the common period of every pay figure in the map.

    The conversion is the matcher's (:func:`matcher.records.period_hours`): a day is 8
    hours, a week is the job's hours (40 when unknown), a month is 52/12 weeks; a year
    is 12 months. The result is rounded to 4 decimals.

    Parameters
    ----------
    amount:
        The pay as advertised; ``None`` or NaN gives ``None``.
    period:
        One of ``hour``, ``day``, ``week``, ``month``, ``year``.
    hours_per_week:
        Hours of the job.

    Examples
    --------
    >>> monthly_pay(1200, "month")
    1200.0
    >>> monthly_pay(300, "week")
    1300.0
    >>> monthly_pay(10, "hour", 30)
    1300.0
    >>> monthly_pay(None, "month") is None
    True

    """
    if amount is None or (isinstance(amount, float) and math.isnan(amount)):
        return None
    if amount < 0:
        raise InputError(f"Pay cannot be negative (got {amount}).")
    if period == "month":
        return float(amount)
    if period == "year":
        return round(float(amount) / 12.0, 4)
    if period not in PAY_PERIODS:
        raise InputError(f"Unknown pay period {period!r}; use one of {', '.join(PAY_PERIODS)}.")
    per_month = float(amount) / period_hours(period, hours_per_week) * period_hours("month", hours_per_week)
    return round(per_month, 4)


@dataclass(frozen=True)
class GroundedVacancy:
    """A vacancy linked to one ESCO occupation and a set of ESCO skills.

    ``occupation_uri``/``isco_group`` are ``None`` when the title could not be linked
    with confidence; ``skill_uris`` are the required skills that could be linked.
    ``read_by_meaning`` says that its title or a required skill is in a language without
    ESCO labels loaded and was left unlinked for that reason.
    ``pay_per_month`` is already normalised with :func:`monthly_pay`. ``posted_on`` is
    ``None`` when the vacancy gives no date; it is then left out of any time window.
    """

    id: str
    locality: str
    posted_on: dt.date | None
    occupation_uri: str | None
    isco_group: str | None
    skill_uris: tuple[str, ...]
    pay_per_month: float | None = None
    hours: float | None = None
    currency: str | None = None
    employer: str | None = None
    sector: str | None = None
    read_by_meaning: bool = False

    def __post_init__(self) -> None:
        if not self.id:
            raise InputError("A vacancy has an empty id.")
        if self.posted_on is not None and not isinstance(self.posted_on, dt.date):
            raise InputError(f"Vacancy {self.id}: posted_on must be a date, got {self.posted_on!r}.")
        if self.isco_group is not None and not (self.isco_group.isdigit() and len(self.isco_group) <= 4):
            raise InputError(f"Vacancy {self.id}: ISCO-08 group {self.isco_group!r} is not a 1-4 digit code.")
        if self.pay_per_month is not None and self.pay_per_month < 0:
            raise InputError(f"Vacancy {self.id}: pay cannot be negative.")
        if self.hours is not None and not 0 <= self.hours <= 168:
            raise InputError(f"Vacancy {self.id}: hours per week {self.hours} is outside 0-168.")


@dataclass(frozen=True)
class GroundedPerson:
    """A person's profile linked to ESCO: past occupations and current skills.

    ``isco_groups`` runs parallel to ``occupation_uris`` (the ISCO-08 code of each).
    """

    id: str
    locality: str
    occupation_uris: tuple[str, ...]
    skill_uris: tuple[str, ...]
    isco_groups: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.id:
            raise InputError("A person has an empty id.")
        if self.isco_groups and len(self.isco_groups) != len(self.occupation_uris):
            raise InputError(
                f"Person {self.id}: {len(self.isco_groups)} ISCO groups for "
                f"{len(self.occupation_uris)} occupations; give one per occupation or none."
            )
