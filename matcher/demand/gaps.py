"""Gaps: demand (vacancies) against supply (people) per occupation/ISCO group and per skill.

:func:`build_map` is the one call the web page and the CLI need: it filters by
locality and time window, aggregates both sides and joins them into gap tables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from matcher.demand.aggregate import (
    DemandRow,
    LocalWindow,
    check_level,
    demand_by_occupation,
    demand_by_skill,
    select_people,
    select_vacancies,
    vacancy_columns,
)
from matcher.demand.grounded import GroundedPerson, GroundedVacancy
from matcher.demand.supply import SupplyRow, supply_by_occupation, supply_by_skill
from matcher.demand.suppression import DEFAULT_THRESHOLD, PeopleCount, gap_status, suppress_people

#: Order in which gap statuses are listed.
STATUS_ORDER = ("shortage", "uncertain", "balanced", "surplus", "no_demand")


@dataclass(frozen=True)
class GapRow:
    """Demand against supply for one key.

    ``gap`` is vacancies minus people, ``None`` when the supply is suppressed.
    """

    key: str
    label: str
    demand: int
    supply: int | None
    supply_suppressed: bool
    gap: int | None
    status: str


@dataclass(frozen=True)
class LabourMarketMap(LocalWindow):
    """Demand, supply and gaps for one locality (or all) and time window."""

    level: int | None
    threshold: int | None
    vacancies: int
    vacancies_unlinked: int
    #: vacancies with words in a language without ESCO labels loaded, left unlinked (see ground_vacancies)
    vacancies_read_by_meaning: int
    people: int | None
    people_suppressed: bool
    demand_occupations: tuple[DemandRow, ...]
    demand_skills: tuple[DemandRow, ...]
    supply_occupations: tuple[SupplyRow, ...]
    supply_skills: tuple[SupplyRow, ...]
    occupation_gaps: tuple[GapRow, ...]
    skill_gaps: tuple[GapRow, ...]


def join_gaps(
    demand: Sequence[DemandRow], supply: Sequence[SupplyRow], threshold: int | None = DEFAULT_THRESHOLD
) -> tuple[GapRow, ...]:
    """Join demand and supply rows on their key, classify each, and sort shortages first.

    ``threshold`` must be the one the supply rows were suppressed with. Rows sort by
    status, then by gap, largest first; a suppressed gap counts as its smallest possible
    value (demand minus ``threshold - 1``), which reveals nothing the status does not.

    Examples
    --------
    >>> d = [DemandRow("cook", "cook", 9, 2, (), None)]
    >>> s = [SupplyRow("cook", "cook", 6, False), SupplyRow("weave", "weave", None, True)]
    >>> [(g.key, g.gap, g.status) for g in join_gaps(d, s)]
    [('cook', 3, 'shortage'), ('weave', None, 'no_demand')]

    """
    by_key: dict[str, tuple[int, PeopleCount, str]] = {
        r.key: (r.vacancies, PeopleCount(0, False), r.label) for r in demand
    }
    for s in supply:
        vacancies, _, label = by_key.get(s.key, (0, PeopleCount(0, False), s.label))
        by_key[s.key] = (vacancies, PeopleCount(s.people, s.suppressed), label)
    rows = []
    for key, (vacancies, people, label) in by_key.items():
        gap = None if people.value is None else vacancies - people.value
        rows.append(
            GapRow(
                key,
                label,
                vacancies,
                people.value,
                people.suppressed,
                gap,
                gap_status(vacancies, people, threshold),
            )
        )
    # a suppressed gap sorts by its smallest possible value, which the demand and threshold alone give
    hidden = (threshold or DEFAULT_THRESHOLD) - 1
    return tuple(
        sorted(
            rows,
            key=lambda g: (
                STATUS_ORDER.index(g.status),
                -(g.gap if g.gap is not None else g.demand - hidden),
                -g.demand,
                g.key,
            ),
        )
    )


def build_map(
    vacancies: Sequence[GroundedVacancy],
    people: Sequence[GroundedPerson],
    *,
    locality: str | None = None,
    level: int | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    labels: Mapping[str, str] | None = None,
    threshold: int | None = DEFAULT_THRESHOLD,
) -> LabourMarketMap:
    """Build the labour-market map for ``locality`` and the window ``start``..``end``.

    Parameters
    ----------
    vacancies, people:
        Grounded records; people are counted whatever their posting date.
    locality:
        Only records of this locality; ``None`` for all.
    start, end:
        Only vacancies posted on these dates or between them; ``None`` for no bound.
    level:
        ``None`` for ESCO occupations, or 1-4 for ISCO-08 groups of that many digits.
    labels:
        Display labels of ESCO URIs and ISCO codes (see ``grounding.taxonomy_labels``).
    threshold:
        Counts of people under this are suppressed; ``None`` only for a viewer who may
        see the people themselves.

    Examples
    --------
    >>> day = dt.date(2026, 3, 1)
    >>> vs = [GroundedVacancy(f"v{i}", "X", day, "o:cook", "5120", ("s:cook",)) for i in range(8)]
    >>> ps = [GroundedPerson(f"p{i}", "X", ("o:cook",), ("s:cook", "s:weave"), ("5120",)) for i in range(6)]
    >>> m = build_map(vs, ps, locality="X", level=4)
    >>> [(g.key, g.demand, g.supply, g.status) for g in m.occupation_gaps]
    [('5120', 8, 6, 'shortage')]
    >>> [(g.key, g.status) for g in m.skill_gaps]
    [('s:cook', 'shortage'), ('s:weave', 'no_demand')]

    """
    check_level(level)
    chosen_vacancies = select_vacancies(vacancies, locality, start, end)
    chosen_people = select_people(people, locality)
    names = labels or {}
    columns = vacancy_columns(chosen_vacancies)
    demand_occ = demand_by_occupation(chosen_vacancies, level, names, columns)
    demand_sk = demand_by_skill(chosen_vacancies, names, columns)
    supply_occ = supply_by_occupation(chosen_people, level, names, threshold)
    supply_sk = supply_by_skill(chosen_people, names, threshold)
    total = suppress_people(len(chosen_people), threshold)
    return LabourMarketMap(
        locality=locality,
        start=start,
        end=end,
        level=level,
        threshold=threshold,
        vacancies=len(chosen_vacancies),
        vacancies_unlinked=sum(1 for v in chosen_vacancies if v.occupation_uri is None),
        vacancies_read_by_meaning=sum(1 for v in chosen_vacancies if v.read_by_meaning),
        people=total.value,
        people_suppressed=total.suppressed,
        demand_occupations=demand_occ,
        demand_skills=demand_sk,
        supply_occupations=supply_occ,
        supply_skills=supply_sk,
        occupation_gaps=join_gaps(demand_occ, supply_occ, threshold),
        skill_gaps=join_gaps(demand_sk, supply_sk, threshold),
    )
