"""Load the demo data in ``datasets/demo/`` (format in its SCHEMA.md) into the database.

Every file is validated first and every bad row is reported by file and line; only a
clean set is written, in one transaction. Loading twice updates records in place
(matched by their ids), so nothing is duplicated.

A demo folder may say, in ``as_of.txt``, the day its dates were written as of. Its dates are
then moved to the day it is loaded: days for postings and consents (a vacancy that closed a
week after that day closes a week after today), whole months for the cooperatives' books (a
savings month stays a month), so a demo loaded on any day has open vacancies and a history
that ends when it is loaded. Loading again on a later day moves them again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from matcher.records import CONTRACTS, PAY_PERIODS, SHIFTS
from web.accounts.service import hash_password
from web.infra.csvrows import Column, ParsedRows, RowError, check_references, check_unique, read_rows
from web.placements.pipeline import add_months
from web.storage import schema as s
from web.vacancies.service import LAT, LON, posting_columns

DEMO_DIR = Path(__file__).resolve().parents[2] / "datasets" / "demo"
DEMO_PASSWORD = "pathways-demo-2026"  # nosec B105: the published password of the synthetic demo accounts

PERIODS = PAY_PERIODS
AS_OF_FILE = "as_of.txt"
#: Settings of the demo's synthetic placement history (web.placements.demo_history), if the folder has one.
SYNTHETIC_HISTORY = "synthetic_history.json"
#: file -> (columns moved by days, columns moved by whole months)
DATED: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "vacancies.csv": (("posted_on", "closes_on"), ()),
    "programmes.csv": (("starts_on",), ()),
    "consents.csv": (("granted_on", "withdrawn_on"), ()),
    "cooperatives.csv": ((), ("founded_on",)),
    "coop_members.csv": ((), ("joined_on", "left_on")),
    "coop_savings.csv": ((), ("month",)),
}
#: The posting columns as the demo files have them: coordinates always given, and the
#: loader's own limits on descriptions and hours.
DEMO_POSTING = posting_columns(
    latitude={"required": True},
    longitude={"required": True},
    description={"max_length": 5000},
    hours_per_week={"minimum": 0},
)


def _money(name: str, required: bool = True) -> Column:
    return Column(name, "decimal", required=required, minimum=0)


SPECS: dict[str, list[Column]] = {
    "localities.csv": [
        Column("id"),
        Column("name"),
        Column("country"),
        Column("latitude", "float", **LAT),
        Column("longitude", "float", **LON),
        Column("currency"),
    ],
    "organisations.csv": [
        Column("id"),
        Column("name"),
        Column("kind", "choice", choices=s.ORGANISATION_KINDS),
        Column("locality"),
        Column("description", required=False),
    ],
    "users.csv": [
        Column("username"),
        Column("display_name"),
        Column("role", "choice", choices=s.ROLES),
        Column("organisation", required=False),
        Column("language", "choice", choices=("en", "es", "fr")),
        Column("lead", "choice", choices=("yes",), required=False),
    ],
    "people.csv": [
        Column("id"),
        Column("organisation"),
        Column("counsellor", required=False),
        Column("locality"),
        Column("pseudonym"),
        Column("skills_text"),
        Column("work_history", "list", required=False),
        Column("interests_text", required=False),
        Column("languages", "list"),
        Column("latitude", "float", **LAT),
        Column("longitude", "float", **LON),
        Column("max_distance_km", "float", required=False, minimum=0),
        Column("min_hours_per_week", "float", required=False, minimum=0, maximum=80),
        Column("max_hours_per_week", "float", required=False, minimum=0, maximum=80),
        Column("availability", "list", required=False),
        Column("constraints_text", required=False),
        Column("exclusions", "list", required=False),
        _money("desired_pay", required=False),
        Column("pay_period", "choice", required=False, choices=PERIODS),
        Column("currency", required=False),
    ],
    "protected.csv": [
        Column("person"),
        Column("gender", required=False),
        Column("nationality", required=False),
        Column("birth_year", "int", required=False, minimum=1900, maximum=2015),
        Column("trafficking_history", required=False),
    ],
    "consents.csv": [
        Column("person"),
        Column("purpose", "choice", choices=s.CONSENT_PURPOSES),
        Column("granted_by"),
        Column("granted_on", "date"),
        Column("withdrawn_on", "date", required=False),
    ],
    "vacancies.csv": [
        Column("id"),
        Column("employer"),
        *DEMO_POSTING,
        Column("shift", "choice", required=False, choices=SHIFTS),
        _money("pay", required=False),
        Column("pay_period", "choice", required=False, choices=PERIODS),
        Column("currency", required=False),
        Column("contract", "choice", required=False, choices=CONTRACTS),
        Column("posted_on", "date"),
        Column("closes_on", "date", required=False),
    ],
    "programmes.csv": [
        Column("id"),
        Column("employer"),
        *DEMO_POSTING,
        Column("capacity", "int", minimum=1, maximum=1000),
        Column("placement_weeks", "int", minimum=1, maximum=52),
        _money("placement_pay"),
        Column("job_title"),
        _money("job_pay"),
        Column("pay_period", "choice", choices=PERIODS),
        Column("currency"),
        Column("interview", "choice", choices=("non_competitive", "competitive")),
        Column("starts_on", "date", required=False),
    ],
    "cooperatives.csv": [
        Column("id"),
        Column("organisation", required=False),
        Column("name"),
        Column("locality"),
        Column("founded_on", "date", required=False),
        Column("business", required=False),
        _money("monthly_share"),
        Column("currency"),
        Column("max_loan_multiple", "float", minimum=0, maximum=20),
        Column("monthly_interest_rate", "float", minimum=0, maximum=0.2),
    ],
    "coop_members.csv": [
        Column("cooperative"),
        Column("member"),
        Column("username", required=False),
        Column("role", "choice", choices=("member", "treasurer")),
        Column("joined_on", "date"),
        Column("left_on", "date", required=False),
    ],
    "coop_savings.csv": [
        Column("cooperative"),
        Column("member"),
        Column("month", "month"),
        _money("saved"),
        _money("loan_taken"),
        _money("loan_repaid"),
    ],
}


class DemoDataError(Exception):
    """The demo data has bad rows; ``errors`` lists each by file and line."""

    def __init__(self, errors: Sequence[RowError]) -> None:
        self.errors = list(errors)
        lines = "\n".join(f"  - {e}" for e in self.errors[:50])
        more = f"\n  ... and {len(self.errors) - 50} more" if len(self.errors) > 50 else ""
        super().__init__(
            f"The demo data has {len(self.errors)} problem(s); nothing was loaded:\n{lines}{more}"
        )


@dataclass
class LoadReport:
    """How many records of each file were created and updated."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)


def read_demo(directory: Path = DEMO_DIR) -> dict[str, ParsedRows]:
    """Parse and cross-check every demo file; raise :class:`DemoDataError` listing all problems."""
    parsed: dict[str, ParsedRows] = {}
    errors: list[RowError] = []
    for name, spec in SPECS.items():
        path = directory / name
        if not path.is_file():
            errors.append(RowError(name, 0, "", f"file not found in {directory}"))
            continue
        parsed[name] = read_rows(path.read_text(encoding="utf-8-sig"), spec, name)
        errors.extend(parsed[name].errors)
    if not errors:
        errors.extend(_cross_check(parsed))
    if errors:
        raise DemoDataError(errors)
    return parsed


def _ids(parsed: dict[str, ParsedRows], name: str, key: str = "id") -> set[str]:
    return {str(r[key]) for r in parsed[name].rows}


def _cross_check(p: dict[str, ParsedRows]) -> list[RowError]:
    loc, org, usr = _ids(p, "localities.csv"), _ids(p, "organisations.csv"), _ids(p, "users.csv", "username")
    ppl, coop = _ids(p, "people.csv"), _ids(p, "cooperatives.csv")
    members = {(str(r["cooperative"]), str(r["member"])) for r in p["coop_members.csv"].rows}
    rows = {name: parsed.rows for name, parsed in p.items()}
    checks: list[RowError] = []
    for name, key in (
        ("localities.csv", ["id"]),
        ("organisations.csv", ["id"]),
        ("users.csv", ["username"]),
        ("people.csv", ["id"]),
        ("vacancies.csv", ["id"]),
        ("programmes.csv", ["id"]),
        ("cooperatives.csv", ["id"]),
        ("protected.csv", ["person"]),
        ("coop_members.csv", ["cooperative", "member"]),
        ("coop_savings.csv", ["cooperative", "member", "month"]),
    ):
        checks += check_unique(rows[name], key, name)
    refs: list[tuple[str, str, set[str], str]] = [
        ("organisations.csv", "locality", loc, "locality"),
        ("users.csv", "organisation", org, "organisation"),
        ("people.csv", "organisation", org, "organisation"),
        ("people.csv", "counsellor", usr, "user"),
        ("people.csv", "locality", loc, "locality"),
        ("protected.csv", "person", ppl, "person"),
        ("consents.csv", "person", ppl, "person"),
        ("consents.csv", "granted_by", usr, "user"),
        ("vacancies.csv", "employer", org, "organisation"),
        ("vacancies.csv", "locality", loc, "locality"),
        ("programmes.csv", "employer", org, "organisation"),
        ("programmes.csv", "locality", loc, "locality"),
        ("cooperatives.csv", "organisation", org, "organisation"),
        ("cooperatives.csv", "locality", loc, "locality"),
        ("coop_members.csv", "cooperative", coop, "cooperative"),
        ("coop_members.csv", "username", usr, "user"),
    ]
    for name, column, known, what in refs:
        checks += check_references(rows[name], column, known, name, what)
    for row in rows["coop_savings.csv"]:
        if (str(row["cooperative"]), str(row["member"])) not in members:
            checks.append(
                RowError(
                    "coop_savings.csv",
                    row["_line"],
                    "member",
                    f"{row['member']!r} is not a member of {row['cooperative']!r}",
                )
            )
    for row in rows["people.csv"]:
        lo, hi = row["min_hours_per_week"], row["max_hours_per_week"]
        if lo is not None and hi is not None and lo > hi:
            checks.append(
                RowError(
                    "people.csv",
                    row["_line"],
                    "min_hours_per_week",
                    f"is more than max_hours_per_week ({lo:g} > {hi:g})",
                )
            )
    return checks


def as_of(directory: Path) -> dt.date | None:
    """The day the folder's dates were written as of (``as_of.txt``), if it says."""
    path = directory / AS_OF_FILE
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8").strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise DemoDataError(
            [RowError(AS_OF_FILE, 1, "", f"should be one date like 2026-11-30, got {text[:40]!r}")]
        ) from None


def _months_between(start: dt.date, end: dt.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month


def _plus_months(value: Any, months: int) -> Any:
    if isinstance(value, str):  # a month, YYYY-MM
        return add_months(dt.date.fromisoformat(value + "-01"), months).isoformat()[:7]
    return add_months(value, months)


def move_dates(rows: dict[str, list[dict[str, Any]]], written: dt.date, today: dt.date) -> None:
    """Move every date of the demo rows from the day they were ``written`` as of to ``today`` (in place)."""
    days = dt.timedelta(days=(today - written).days)
    months = _months_between(written, today)
    for name, (by_days, by_months) in DATED.items():
        for row in rows.get(name, []):
            for column in by_days:
                if row.get(column) is not None:
                    row[column] = row[column] + days
            for column in by_months:
                if row.get(column) is not None:
                    row[column] = _plus_months(row[column], months)


def load_demo(
    db: Session, directory: Path = DEMO_DIR, password: str = DEMO_PASSWORD, today: dt.date | None = None
) -> LoadReport:
    """Validate, then create or update every demo record in the caller's transaction.

    When the folder says the day its dates were written as of (``as_of.txt``), they are moved
    to ``today`` (default: today in UTC) first.
    """
    parsed = read_demo(directory)
    report = LoadReport()
    rows = {name: p.rows for name, p in parsed.items()}
    written = as_of(directory)
    if written is not None:
        move_dates(rows, written, today or s.utctoday())
    cache: dict[tuple[type[Any], str], Any] = {}

    def upsert(
        model: type[Any], key: dict[str, Any], values: dict[str, Any], label: str, where: Any = None
    ) -> Any:
        """Create or update the row with ``key`` (found by ``where`` instead, for an encrypted key)."""
        query = select(model).filter_by(**key) if where is None else select(model).where(where)
        found = db.execute(query).scalar_one_or_none()
        if found is None:
            found = model(**key, **values)
            db.add(found)
            report.created[label] = report.created.get(label, 0) + 1
        else:
            for attr, value in values.items():
                setattr(found, attr, value)
            report.updated[label] = report.updated.get(label, 0) + 1
        db.flush()
        return found

    def ref(model: type[Any], value: str | None, attr: str = "ref") -> Any:
        if not value:
            return None
        if (model, value) not in cache:
            cache[(model, value)] = db.execute(select(model).filter_by(**{attr: value})).scalar_one()
        return cache[(model, value)]

    _load_places_and_people(rows, upsert, ref, password)
    _load_work(rows, upsert, ref)
    _drop_moved_months(db, _load_cooperatives(rows, upsert, ref))
    from web.books.service import store_demo_books  # the cooperatives' books, from their monthly records

    entries = store_demo_books(db, rows)
    if entries:
        report.created["book_entries"] = entries
    settings = directory / SYNTHETIC_HISTORY
    if settings.exists():  # the synthetic placement history the outcome model learns from
        from web.placements.demo_history import load_synthetic_history

        report.created["outcome_records"] = load_synthetic_history(db, settings, today or s.utctoday())
    return report


Upsert = Callable[..., Any]
Ref = Callable[..., Any]


def _load_places_and_people(
    rows: dict[str, list[dict[str, Any]]], upsert: Upsert, ref: Ref, password: str
) -> None:
    for r in rows["localities.csv"]:
        upsert(
            s.Locality,
            {"ref": r["id"]},
            {
                "name": r["name"],
                "country": r["country"],
                "latitude": r["latitude"],
                "longitude": r["longitude"],
                "currency": r["currency"],
            },
            "localities",
        )
    for r in rows["organisations.csv"]:
        upsert(
            s.Organisation,
            {"ref": r["id"]},
            {
                "name": r["name"],
                "kind": r["kind"],
                "locality": ref(s.Locality, r["locality"]),
                "description": r["description"] or "",
            },
            "organisations",
        )
    password_hash = hash_password(password)
    for r in rows["users.csv"]:
        upsert(
            s.User,
            {"username": r["username"]},
            {
                "display_name": r["display_name"],
                "role": r["role"],
                "organisation": ref(s.Organisation, r["organisation"]),
                "language": r["language"],
                "is_lead": r["lead"] == "yes",
                "password_hash": password_hash,
            },
            "users",
        )
    # a demo person was registered, and last worked on, the day their first consent was recorded
    registered: dict[str, dt.date] = {}
    for r in rows["consents.csv"]:
        registered[r["person"]] = min(r["granted_on"], registered.get(r["person"], r["granted_on"]))
    for r in rows["people.csv"]:
        at = {}
        if r["id"] in registered:
            moment = dt.datetime.combine(registered[r["id"]], dt.time(9), tzinfo=dt.UTC)
            at = {"created_at": moment, "updated_at": moment}
        upsert(
            s.Person,
            {"ref": r["id"]},
            {
                **at,
                "organisation": ref(s.Organisation, r["organisation"]),
                "counsellor": ref(s.User, r["counsellor"], "username"),
                "locality": ref(s.Locality, r["locality"]),
                "pseudonym": r["pseudonym"],
                "skills_text": r["skills_text"],
                "work_history": r["work_history"],
                "interests_text": r["interests_text"] or "",
                "languages": r["languages"],
                "location": {"latitude": r["latitude"], "longitude": r["longitude"]},
                "max_distance_km": r["max_distance_km"],
                "min_hours_per_week": r["min_hours_per_week"],
                "max_hours_per_week": r["max_hours_per_week"],
                "availability": r["availability"],
                "constraints_text": r["constraints_text"] or "",
                "exclusions": r["exclusions"],
                "desired_pay": r["desired_pay"],
                "pay_period": r["pay_period"],
                "currency": r["currency"],
            },
            "people",
        )
    for r in rows["protected.csv"]:
        person = ref(s.Person, r["person"])
        upsert(
            s.ProtectedAttributes,
            {"person_id": person.id},
            {
                "gender": r["gender"],
                "nationality": r["nationality"],
                "birth_year": None if r["birth_year"] is None else str(r["birth_year"]),
                "trafficking_history": r["trafficking_history"],
            },
            "protected",
        )
    for r in rows["consents.csv"]:
        person = ref(s.Person, r["person"])
        granted = dt.datetime.combine(r["granted_on"], dt.time(9), tzinfo=dt.UTC)
        withdrawn = (
            dt.datetime.combine(r["withdrawn_on"], dt.time(9), tzinfo=dt.UTC) if r["withdrawn_on"] else None
        )
        # the demo has one consent per person and purpose: found by them, whatever its (moved) date
        first = (
            select(func.min(s.Consent.id))
            .where(s.Consent.person_id == person.id, s.Consent.purpose == r["purpose"])
            .scalar_subquery()
        )
        upsert(
            s.Consent,
            {"person_id": person.id, "purpose": r["purpose"]},
            {
                "granted_at": granted,
                "granted_by": ref(s.User, r["granted_by"], "username"),
                "withdrawn_at": withdrawn,
                # the demo's people agreed to every shareable field; each introduction still chooses
                "fields": list(s.SHAREABLE_FIELDS) if r["purpose"] == "share_with_employers" else None,
            },
            "consents",
            s.Consent.id == first,
        )


def _posting(r: dict[str, Any], ref: Ref) -> dict[str, Any]:
    return {
        "employer": ref(s.Organisation, r["employer"]),
        "title": r["title"],
        "sector": r["sector"],
        "locality": ref(s.Locality, r["locality"]),
        "latitude": r["latitude"],
        "longitude": r["longitude"],
        "description": r["description"],
        "skills_required": r["skills_required"],
        "languages_required": r["languages_required"],
        "hours_per_week": r["hours_per_week"],
        "pay_period": r["pay_period"],
        "currency": r["currency"],
    }


def _load_work(rows: dict[str, list[dict[str, Any]]], upsert: Upsert, ref: Ref) -> None:
    for r in rows["vacancies.csv"]:
        upsert(
            s.Vacancy,
            {"ref": r["id"]},
            {
                **_posting(r, ref),
                "shift": r["shift"],
                "pay": r["pay"],
                "contract": r["contract"],
                "posted_on": r["posted_on"],
                "closes_on": r["closes_on"],
            },
            "vacancies",
        )
    for r in rows["programmes.csv"]:
        upsert(
            s.PlacementProgramme,
            {"ref": r["id"]},
            {
                **_posting(r, ref),
                "capacity": r["capacity"],
                "placement_weeks": r["placement_weeks"],
                "placement_pay": r["placement_pay"],
                "job_title": r["job_title"],
                "job_pay": r["job_pay"],
                "interview": r["interview"],
                "starts_on": r["starts_on"],
            },
            "programmes",
        )


def _load_cooperatives(
    rows: dict[str, list[dict[str, Any]]], upsert: Upsert, ref: Ref
) -> dict[int, set[str]]:
    coops = {}
    for r in rows["cooperatives.csv"]:
        coops[r["id"]] = upsert(
            s.Cooperative,
            {"ref": r["id"]},
            {
                "organisation": ref(s.Organisation, r["organisation"]),
                "name": r["name"],
                "locality": ref(s.Locality, r["locality"]),
                "founded_on": r["founded_on"],
                "business": r["business"] or "",
                "monthly_share": r["monthly_share"],
                "currency": r["currency"],
                "max_loan_multiple": r["max_loan_multiple"],
                "monthly_interest_rate": r["monthly_interest_rate"],
            },
            "cooperatives",
        )
    members = {}
    for r in rows["coop_members.csv"]:
        coop = coops[r["cooperative"]]
        members[(r["cooperative"], r["member"])] = upsert(
            s.CoopMember,
            {"cooperative_id": coop.id, "ref": r["member"]},
            {
                "user": ref(s.User, r["username"], "username"),
                "role": r["role"],
                "joined_on": r["joined_on"],
                "left_on": r["left_on"],
            },
            "coop_members",
            s.member_with_ref(coop.id, r["member"]),
        )
    months: dict[int, set[str]] = {}
    for r in rows["coop_savings.csv"]:
        member = members[(r["cooperative"], r["member"])]
        months.setdefault(member.id, set()).add(r["month"])
        upsert(
            s.CoopSaving,
            {"member_id": member.id, "month": r["month"]},
            {"saved": r["saved"], "loan_taken": r["loan_taken"], "loan_repaid": r["loan_repaid"]},
            "coop_savings",
        )
    return months


def _drop_moved_months(db: Session, months: dict[int, set[str]]) -> None:
    """Delete a demo member's months that the demo no longer has (its dates moved on since the last load).

    Only the demo loader writes savings months, so these are the demo's own earlier rows.
    """
    for member_id, kept in months.items():
        db.execute(
            delete(s.CoopSaving).where(s.CoopSaving.member_id == member_id, s.CoopSaving.month.not_in(kept))
        )
