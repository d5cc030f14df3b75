"""Vacancies and placement programmes as the matcher sees them (:class:`matcher.records.Vacancy`).

Only ``open`` vacancies (screened, or approved after review) not past their closing date, and
programmes whose cohort has not started, are openings a person can be matched to;
:func:`posting_record` turns any stored posting into its matcher record, which is also what
preparation embeds and grounds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, select, true
from sqlalchemy.orm import Session, selectinload

from matcher.record_io import vacancy_from_record
from matcher.records import Vacancy
from web.storage.schema import PlacementProgramme, utctoday
from web.storage.schema import Vacancy as VacancyRow

Posting = VacancyRow | PlacementProgramme


@dataclass(frozen=True)
class Opening:
    """One stored posting: its matcher record, kind (``vacancy`` or ``programme``) and row."""

    record: Vacancy
    kind: str
    row_id: int
    vectors_digest: str | None


def _num(value: Any) -> float | None:
    return None if value is None else float(value)


def _common(row: Posting) -> dict[str, Any]:
    return {
        "title": row.title,
        "sector": row.sector,
        "description": row.description,
        "skills_required": row.skills_required,
        "languages_required": row.languages_required,
        "latitude": row.latitude,
        "longitude": row.longitude,
        "hours_per_week": row.hours_per_week,
        "pay_period": row.pay_period,
        "currency": row.currency,
        "employer": row.employer.name,
        "locality": row.locality.ref if row.locality else "",
    }


def posting_record(row: Posting) -> Vacancy:
    """The matcher's record of a stored vacancy or programme."""
    if isinstance(row, PlacementProgramme):
        rec = _common(row) | {
            "id": row.ref,
            "kind": "programme",
            "capacity": row.capacity,
            "placement_weeks": row.placement_weeks,
            "placement_pay": _num(row.placement_pay),
            "job_title": row.job_title,
            "job_pay": _num(row.job_pay),
            "interview": row.interview,
            "starts_on": str(row.starts_on or ""),
        }
        return vacancy_from_record(rec, where=f"programme {row.ref}")
    rec = _common(row) | {
        "id": row.ref,
        "shift": row.shift,
        "pay": _num(row.pay),
        "contract": row.contract,
        "posted_on": str(row.posted_on or ""),
        "closes_on": str(row.closes_on or ""),
    }
    return vacancy_from_record(rec, where=f"vacancy {row.ref}")


def open_postings(db: Session) -> list[Posting]:
    """Every vacancy open today (not past its closing date), then every programme not started, in id order.

    Employer and locality are loaded with them.
    """
    today = utctoday()
    return postings_where(db, VacancyRow.open_on(today), PlacementProgramme.open_on(today))


def languages_asked(db: Session, locality_id: int | None) -> list[list[str]]:
    """The languages each opening of the locality open today requires: one small query a table.

    For "what would unlock more work", on a page: the openings themselves are not loaded.
    """
    today = utctoday()
    asked: list[list[str]] = []
    for table, is_open in (
        (VacancyRow, VacancyRow.open_on(today)),
        (PlacementProgramme, PlacementProgramme.open_on(today)),
    ):
        query = select(table.languages_required).where(is_open, table.locality_id == locality_id)
        asked.extend(list(languages or []) for languages in db.execute(query).scalars())
    return asked


def postings_where(
    db: Session, vacancies: ColumnElement[bool], programmes: ColumnElement[bool] | None = None
) -> list[Posting]:
    """The vacancies that meet ``vacancies``, then the programmes that meet ``programmes`` (all), by id.

    Employer and locality are loaded with them.
    """
    eager = (selectinload(VacancyRow.employer), selectinload(VacancyRow.locality))
    found = db.execute(select(VacancyRow).where(vacancies).order_by(VacancyRow.id).options(*eager)).scalars()
    offered = db.execute(
        select(PlacementProgramme)
        .where(true() if programmes is None else programmes)
        .order_by(PlacementProgramme.id)
        .options(selectinload(PlacementProgramme.employer), selectinload(PlacementProgramme.locality))
    ).scalars()
    return [*found, *offered]


def kind_of(row: Posting) -> str:
    """``programme`` or ``vacancy``."""
    return "programme" if isinstance(row, PlacementProgramme) else "vacancy"


def open_openings(db: Session) -> list[Opening]:
    """Every opening with its record and what is stored about its vectors."""
    return [Opening(posting_record(r), kind_of(r), r.id, r.vectors_digest) for r in open_postings(db)]
