"""Small-number suppression: counts of people under a threshold are never shown.

Whenever an aggregate about people (supply) is shown to a role that may not see those
people themselves, a count from 1 to ``threshold - 1`` is replaced by ``None`` with a
``suppressed`` marker. A count of zero names nobody and stays visible. Counts of
vacancies are not counts of people and are never suppressed.
"""

from __future__ import annotations

from dataclasses import dataclass

from matcher.exceptions import InputError

#: The smallest count of people that may be shown to a role that may not see them.
DEFAULT_THRESHOLD = 5


@dataclass(frozen=True)
class PeopleCount:
    """A count of people as it may be shown: ``value`` is ``None`` when suppressed."""

    value: int | None
    suppressed: bool

    def to_dict(self) -> dict[str, int | bool | None]:
        """Plain JSON-ready form."""
        return {"value": self.value, "suppressed": self.suppressed}


def check_threshold(threshold: int | None) -> None:
    """Raise :class:`InputError` unless ``threshold`` is ``None`` or at least 1.

    Examples
    --------
    >>> check_threshold(5)
    >>> check_threshold(None)

    """
    if threshold is not None and (isinstance(threshold, bool) or threshold < 1):
        raise InputError(
            f"The suppression threshold must be a whole number of at least 1, got {threshold!r}."
        )


def suppress_people(count: int, threshold: int | None = DEFAULT_THRESHOLD) -> PeopleCount:
    """Return ``count`` as it may be shown; ``threshold=None`` means the viewer may see the people.

    Examples
    --------
    >>> suppress_people(3)
    PeopleCount(value=None, suppressed=True)
    >>> suppress_people(5)
    PeopleCount(value=5, suppressed=False)
    >>> suppress_people(0)
    PeopleCount(value=0, suppressed=False)
    >>> suppress_people(3, threshold=None)
    PeopleCount(value=3, suppressed=False)

    """
    if count < 0:
        raise InputError(f"A count of people cannot be negative (got {count}).")
    check_threshold(threshold)
    if threshold is not None and 0 < count < threshold:
        return PeopleCount(None, True)
    return PeopleCount(int(count), False)


def gap_status(demand: int, supply: PeopleCount, threshold: int | None = DEFAULT_THRESHOLD) -> str:
    """Classify one row of demand (vacancies) against supply (people) without leaking suppressed counts.

    ``shortage``: more vacancies than people; ``surplus``: more people than vacancies;
    ``no_demand``: people have it but nobody is hiring; ``balanced``: equal. When the
    supply is suppressed, it is only known to lie in ``1 .. threshold-1``, so the status is
    decided from that range alone and is ``uncertain`` where the range straddles the demand.

    Examples
    --------
    >>> gap_status(10, PeopleCount(2, False))
    'shortage'
    >>> gap_status(0, PeopleCount(None, True))
    'no_demand'
    >>> gap_status(3, PeopleCount(None, True))
    'uncertain'
    >>> gap_status(7, PeopleCount(None, True))
    'shortage'

    """
    if supply.value is not None:
        if demand == 0 and supply.value > 0:
            return "no_demand"
        if demand > supply.value:
            return "shortage"
        return "surplus" if demand < supply.value else "balanced"
    high = (threshold or DEFAULT_THRESHOLD) - 1
    if demand == 0:
        return "no_demand"
    return "shortage" if demand > high else "uncertain"
