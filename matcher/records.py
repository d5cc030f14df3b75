"""People and vacancies as the matcher sees them: frozen dataclasses, pay conversion.

A :class:`PersonProfile` holds only what matching may use: the person's own words
(skills, work history, interests), languages, where they live and how far they will
travel, hours, availability, pay and the things they do not want. It has **no**
gender, nationality, age or trafficking-history field: those protected attributes are
stored separately by the application and can never reach a score. Reading records
from CSV or JSON lines lives in :mod:`matcher.record_io`.

Pay is compared across periods with fixed, documented hours: a day is
``HOURS_PER_DAY`` hours, a week is the job's hours per week (``DEFAULT_HOURS_PER_WEEK``
when unknown) and a month is ``WEEKS_PER_MONTH`` weeks.
"""

from __future__ import annotations

from dataclasses import dataclass

HOURS_PER_DAY = 8.0
DEFAULT_HOURS_PER_WEEK = 40.0
WEEKS_PER_MONTH = 52.0 / 12.0
PAY_PERIODS = ("hour", "day", "week", "month")
AVAILABILITY = ("weekdays", "weekends", "mornings", "afternoons", "evenings", "nights")
SHIFTS = ("day", "evening", "night", "mixed", "flexible")
CONTRACTS = ("permanent", "fixed_term", "seasonal", "casual", "zero_hours")
SECTORS = (
    "hospitality",
    "cleaning",
    "care",
    "retail",
    "logistics",
    "food_processing",
    "agriculture",
    "construction",
    "garment",
    "recycling",
    "admin",
    "it",
)
KINDS = ("vacancy", "programme")


def period_hours(period: str, hours_per_week: float | None = None) -> float:
    """Return the hours of work in one pay ``period`` for a job of ``hours_per_week``.

    Examples
    --------
    >>> period_hours("day")
    8.0
    >>> period_hours("week", 30)
    30.0
    >>> round(period_hours("month"), 2)
    173.33

    """
    week = float(hours_per_week) if hours_per_week else DEFAULT_HOURS_PER_WEEK
    table = {"hour": 1.0, "day": HOURS_PER_DAY, "week": week, "month": week * WEEKS_PER_MONTH}
    if period not in table:
        raise ValueError(f"unknown pay period {period!r}; use one of {', '.join(PAY_PERIODS)}")
    return table[period]


@dataclass(frozen=True)
class Location:
    """A point in WGS84 decimal degrees."""

    latitude: float
    longitude: float


@dataclass(frozen=True)
class Pay:
    """An amount of money per ``period`` (hour, day, week or month) in ISO 4217 ``currency``."""

    amount: float
    period: str
    currency: str

    def hourly(self, hours_per_week: float | None = None) -> float:
        """Return the amount per hour, for a job of ``hours_per_week`` hours.

        Examples
        --------
        >>> round(Pay(1733.33, "month", "EUR").hourly(40), 2)
        10.0
        >>> Pay(80, "day", "EUR").hourly()
        10.0

        """
        return self.amount / period_hours(self.period, hours_per_week)

    def per(self, period: str, hours_per_week: float | None = None) -> float:
        """Express the same pay per ``period`` for a job of ``hours_per_week`` hours.

        Examples
        --------
        >>> Pay(10, "hour", "EUR").per("week", 30)
        300.0

        """
        return self.hourly(hours_per_week) * period_hours(period, hours_per_week)


@dataclass(frozen=True)
class PastJob:
    """One past job in the person's words: ``title, place, years``."""

    title: str
    place: str = ""
    years: float | None = None


@dataclass(frozen=True)
class PersonProfile:
    """What the matcher may know about a person (no protected attributes, by design).

    ``max_distance_km``, hours and ``desired_pay`` are ``None`` when the person gave
    none; an empty ``availability`` means "not said" and is not checked.
    """

    id: str
    skills_text: str = ""
    work_history: tuple[PastJob, ...] = ()
    interests_text: str = ""
    languages: tuple[str, ...] = ()
    location: Location | None = None
    max_distance_km: float | None = None
    min_hours_per_week: float | None = None
    max_hours_per_week: float | None = None
    availability: tuple[str, ...] = ()
    constraints_text: str = ""
    exclusions: tuple[str, ...] = ()
    desired_pay: Pay | None = None
    locality: str = ""


@dataclass(frozen=True)
class Vacancy:
    """A vacancy, or a placement programme (``kind="programme"``) matched like one.

    For a programme ``pay`` is the placement pay, ``job_pay`` the pay of the job it
    leads to, and ``capacity`` the number of places (a vacancy has ``capacity=1``).
    """

    id: str
    title: str
    sector: str = ""
    description: str = ""
    skills_required: tuple[str, ...] = ()
    languages_required: tuple[str, ...] = ()
    location: Location | None = None
    hours_per_week: float | None = None
    shift: str = ""
    pay: Pay | None = None
    contract: str = ""
    employer: str = ""
    locality: str = ""
    kind: str = "vacancy"
    capacity: int = 1
    placement_weeks: float | None = None
    job_title: str = ""
    job_pay: Pay | None = None
    interview: str = ""
    starts_on: str = ""
    posted_on: str = ""
    closes_on: str = ""

    @property
    def is_programme(self) -> bool:
        """Whether this is a placement programme rather than a plain vacancy."""
        return self.kind == "programme"

    @property
    def best_pay(self) -> Pay | None:
        """The pay checked against a person's minimum: the job pay of a programme, else ``pay``."""
        return self.job_pay if self.is_programme and self.job_pay is not None else self.pay
