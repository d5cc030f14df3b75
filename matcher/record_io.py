"""Read people, vacancies and placement programmes from CSV or JSON lines.

The format is the demo data's (``datasets/demo/SCHEMA.md``): CSV with a header row
and ``;``-separated lists, or one JSON object a line with lists as arrays. The format
is chosen by the file extension (``.csv``; ``.jsonl``/``.ndjson``/``.json``) or, failing
that, by the first non-blank character. Empty lines are skipped. Columns the matcher
does not use are ignored, including the protected attributes (gender, nationality,
birth year, trafficking history), which therefore can never reach a score.
Malformed input raises :class:`~matcher.exceptions.InputError` naming file and line.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from matcher.exceptions import InputError
from matcher.records import (
    AVAILABILITY,
    KINDS,
    PAY_PERIODS,
    SHIFTS,
    Location,
    PastJob,
    Pay,
    PersonProfile,
    Vacancy,
)

PROTECTED_FIELDS = ("gender", "nationality", "birth_year", "age", "trafficking_history")
_YEARS = re.compile(r"(\d+(?:\.\d+)?)\s*(?:years?|yrs?|y)?\b", re.IGNORECASE)


def split_list(value: Any) -> tuple[str, ...]:
    """Split a ``;``-separated cell (or a JSON list) into a tuple of stripped, non-empty strings.

    Examples
    --------
    >>> split_list("English; Nepali;")
    ('English', 'Nepali')
    >>> split_list(["a", " b "])
    ('a', 'b')

    """
    if value is None:
        return ()
    items = value if isinstance(value, list | tuple) else str(value).split(";")
    return tuple(s for s in (str(i).strip() for i in items) if s)


def parse_past_job(text: str) -> PastJob:
    """Parse one work-history entry ``"title, place, years"`` in the person's words.

    Examples
    --------
    >>> parse_past_job("cleaner, hotel in Dubai, 3 years")
    PastJob(title='cleaner', place='hotel in Dubai', years=3.0)
    >>> parse_past_job("sewing in a garment factory")
    PastJob(title='sewing in a garment factory', place='', years=None)

    """
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not parts:
        return PastJob(title="")
    years = None
    if len(parts) > 1:
        found = _YEARS.fullmatch(parts[-1])
        if found:
            years = float(found.group(1))
            parts = parts[:-1]
    return PastJob(title=parts[0], place=", ".join(parts[1:]), years=years)


def _text(rec: Mapping[str, Any], key: str) -> str:
    value = rec.get(key)
    return "" if value is None else str(value).strip()


def _number(rec: Mapping[str, Any], key: str, where: str) -> float | None:
    raw = _text(rec, key)
    if not raw:
        return None
    try:
        return float(raw)
    except ValueError:
        raise InputError(f"{where}: field {key!r} must be a number, got {raw!r}") from None


def _choice(rec: Mapping[str, Any], key: str, allowed: tuple[str, ...], where: str) -> str:
    value = _text(rec, key).lower()
    if value and value not in allowed:
        raise InputError(f"{where}: field {key!r} is {value!r}; expected one of {', '.join(allowed)}")
    return value


def _location(rec: Mapping[str, Any], where: str) -> Location | None:
    lat, lon = _number(rec, "latitude", where), _number(rec, "longitude", where)
    if lat is None or lon is None:
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InputError(f"{where}: latitude/longitude {lat}, {lon} are not WGS84 degrees")
    return Location(lat, lon)


def _pay(rec: Mapping[str, Any], key: str, where: str) -> Pay | None:
    amount = _number(rec, key, where)
    if amount is None:
        return None
    period = _choice(rec, "pay_period", PAY_PERIODS, where)
    if not period:
        raise InputError(f"{where}: {key!r} is given but 'pay_period' is empty")
    return Pay(amount, period, _text(rec, "currency").upper())


def _require_id(rec: Mapping[str, Any], key: str, where: str) -> str:
    value = _text(rec, key)
    if not value:
        raise InputError(f"{where}: field {key!r} is missing or empty")
    return value


def person_from_record(rec: Mapping[str, Any], where: str = "record") -> PersonProfile:
    """Build a :class:`PersonProfile` from one ``people.csv`` record; protected fields are ignored."""
    availability = tuple(a.lower() for a in split_list(rec.get("availability")))
    unknown = [a for a in availability if a not in AVAILABILITY]
    if unknown:
        raise InputError(f"{where}: availability {unknown[0]!r} is not one of {', '.join(AVAILABILITY)}")
    return PersonProfile(
        id=_require_id(rec, "id", where),
        skills_text=_text(rec, "skills_text"),
        work_history=tuple(parse_past_job(j) for j in split_list(rec.get("work_history"))),
        interests_text=_text(rec, "interests_text"),
        languages=split_list(rec.get("languages")),
        location=_location(rec, where),
        max_distance_km=_number(rec, "max_distance_km", where),
        min_hours_per_week=_number(rec, "min_hours_per_week", where),
        max_hours_per_week=_number(rec, "max_hours_per_week", where),
        availability=availability,
        constraints_text=_text(rec, "constraints_text"),
        exclusions=split_list(rec.get("exclusions")),
        desired_pay=_pay(rec, "desired_pay", where),
        locality=_text(rec, "locality"),
    )


def vacancy_from_record(rec: Mapping[str, Any], where: str = "record") -> Vacancy:
    """Build a :class:`Vacancy` from a ``vacancies.csv`` or ``programmes.csv`` record.

    A record with ``capacity`` or ``placement_weeks`` (or ``kind: programme``) is a
    placement programme.
    """
    kind = _choice(rec, "kind", KINDS, where) or (
        "programme" if _text(rec, "capacity") or _text(rec, "placement_weeks") else "vacancy"
    )
    capacity = _number(rec, "capacity", where)
    if capacity is not None and (capacity < 0 or capacity != int(capacity)):
        raise InputError(f"{where}: 'capacity' must be a whole number of places, got {capacity}")
    pay_key = "placement_pay" if kind == "programme" and _text(rec, "placement_pay") else "pay"
    return Vacancy(
        id=_require_id(rec, "id", where),
        title=_require_id(rec, "title", where),
        sector=_text(rec, "sector").lower(),
        description=_text(rec, "description"),
        skills_required=split_list(rec.get("skills_required")),
        languages_required=split_list(rec.get("languages_required")),
        location=_location(rec, where),
        hours_per_week=_number(rec, "hours_per_week", where),
        shift=_choice(rec, "shift", SHIFTS, where),
        pay=_pay(rec, pay_key, where),
        contract=_text(rec, "contract").lower(),
        employer=_text(rec, "employer"),
        locality=_text(rec, "locality"),
        kind=kind,
        capacity=int(capacity) if capacity is not None else 1,
        placement_weeks=_number(rec, "placement_weeks", where),
        job_title=_text(rec, "job_title"),
        job_pay=_pay(rec, "job_pay", where),
        interview=_text(rec, "interview").lower(),
        starts_on=_text(rec, "starts_on"),
        posted_on=_text(rec, "posted_on"),
        closes_on=_text(rec, "closes_on"),
    )


def _is_jsonl(path: Path, text: str) -> bool:
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return True
    if suffix in (".csv", ".tsv"):
        return False
    return text.lstrip().startswith("{")


def read_records(path: str | Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield ``(where, record)`` for every non-empty record; ``where`` is ``"file:line"``."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the file ({exc})") from exc
    if _is_jsonl(path, text):
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
            if not isinstance(rec, dict):
                raise InputError(f"{path}:{number}: expected a JSON object, got {type(rec).__name__}")
            yield f"{path}:{number}", rec
        return
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames or "id" not in reader.fieldnames:
        raise InputError(f"{path}:1: the CSV header must have an 'id' column (got {reader.fieldnames})")
    try:
        for rec in reader:
            where = f"{path}:{reader.line_num}"
            if None in rec:
                raise InputError(f"{where}: more cells than header columns")
            if not any((v or "").strip() for v in rec.values()):
                continue
            yield where, rec
    except csv.Error as exc:
        raise InputError(f"{path}:{reader.line_num}: malformed CSV ({exc})") from None


def _unique(items: list[Any], path: str | Path) -> None:
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise InputError(f"{path}: the id {item.id!r} appears twice")
        seen.add(item.id)


def read_people(path: str | Path) -> tuple[PersonProfile, ...]:
    """Every person in a people file (CSV or JSON lines)."""
    people = [person_from_record(rec, where) for where, rec in read_records(path)]
    _unique(people, path)
    return tuple(people)


def read_vacancies(path: str | Path) -> tuple[Vacancy, ...]:
    """Every vacancy or placement programme in a file (CSV or JSON lines)."""
    vacancies = [vacancy_from_record(rec, where) for where, rec in read_records(path)]
    _unique(vacancies, path)
    return tuple(vacancies)
