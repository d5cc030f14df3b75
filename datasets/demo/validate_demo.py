"""Check the demo CSV files against SCHEMA.md and against each other (standard library and matcher.records).

Run ``.venv/bin/python datasets/demo/validate_demo.py``; it prints every problem and exits non-zero
if there is any. ``generate.py`` calls :func:`validate` after writing the files. Checks: the header
of every file is exactly the column list in SCHEMA.md; ids are unique; every reference exists;
numbers, dates and months parse and are in range; lists are ``;``-separated without empty items;
choices are from the documented sets; coordinates lie within 45 km of their locality; savings
histories are consecutive and never repay more than was borrowed.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the checkout, for matcher's vocabulary

from matcher.records import CONTRACTS, PAY_PERIODS, SECTORS, SHIFTS  # noqa: E402

CHOICES: dict[tuple[str, str], set[str]] = {
    ("organisations.csv", "kind"): {"ngo", "employer", "cooperative"},
    ("users.csv", "role"): {"counsellor", "employer", "coop_member", "coop_treasurer", "admin"},
    ("users.csv", "language"): {"en", "es", "fr"},
    ("users.csv", "lead"): {"yes"},
    ("people.csv", "pay_period"): set(PAY_PERIODS),
    ("consents.csv", "purpose"): {
        "matching",
        "share_with_employers",
        "demand_statistics",
        "contact_by_counsellor",
    },
    ("vacancies.csv", "sector"): set(SECTORS),
    ("vacancies.csv", "shift"): set(SHIFTS),
    ("vacancies.csv", "pay_period"): set(PAY_PERIODS),
    ("vacancies.csv", "contract"): set(CONTRACTS),
    ("vacancy_labels.csv", "label"): {"ordinary", "exploitative", "hard_legitimate"},
    ("programmes.csv", "pay_period"): set(PAY_PERIODS),
    ("programmes.csv", "interview"): {"non_competitive", "competitive"},
    ("coop_members.csv", "role"): {"member", "treasurer"},
}
LISTS = {
    "people.csv": ["work_history", "languages", "availability", "exclusions"],
    "vacancies.csv": ["skills_required", "languages_required"],
    "programmes.csv": ["skills_required", "languages_required"],
}
NUMBERS = {
    "localities.csv": ["latitude", "longitude"],
    "people.csv": ["latitude", "longitude", "max_distance_km", "min_hours_per_week", "max_hours_per_week",
                   "desired_pay"],
    "protected.csv": ["birth_year"],
    "vacancies.csv": ["latitude", "longitude", "hours_per_week", "pay"],
    "programmes.csv": ["latitude", "longitude", "capacity", "placement_weeks", "placement_pay", "job_pay",
                       "hours_per_week"],
    "cooperatives.csv": ["monthly_share", "max_loan_multiple", "monthly_interest_rate"],
    "coop_savings.csv": ["saved", "loan_taken", "loan_repaid"],
}  # fmt: skip
DATES = {
    "consents.csv": ["granted_on", "withdrawn_on"],
    "vacancies.csv": ["posted_on", "closes_on"],
    "programmes.csv": ["starts_on"],
    "cooperatives.csv": ["founded_on"],
    "coop_members.csv": ["joined_on", "left_on"],
}
#: (file, column, file it refers to, key column there); empty cells are allowed only where noted
REFS = [
    ("organisations.csv", "locality", "localities.csv", "id"),
    ("users.csv", "organisation", "organisations.csv", "id"),
    ("people.csv", "organisation", "organisations.csv", "id"),
    ("people.csv", "counsellor", "users.csv", "username"),
    ("people.csv", "locality", "localities.csv", "id"),
    ("protected.csv", "person", "people.csv", "id"),
    ("consents.csv", "person", "people.csv", "id"),
    ("consents.csv", "granted_by", "users.csv", "username"),
    ("vacancies.csv", "employer", "organisations.csv", "id"),
    ("vacancies.csv", "locality", "localities.csv", "id"),
    ("vacancy_labels.csv", "vacancy", "vacancies.csv", "id"),
    ("programmes.csv", "employer", "organisations.csv", "id"),
    ("programmes.csv", "locality", "localities.csv", "id"),
    ("cooperatives.csv", "organisation", "organisations.csv", "id"),
    ("cooperatives.csv", "locality", "localities.csv", "id"),
    ("coop_members.csv", "cooperative", "cooperatives.csv", "id"),
    ("coop_members.csv", "username", "users.csv", "username"),
    ("coop_savings.csv", "cooperative", "cooperatives.csv", "id"),
]
OPTIONAL = {("users.csv", "organisation"), ("users.csv", "lead"), ("coop_members.csv", "username"),
            ("consents.csv", "withdrawn_on"), ("coop_members.csv", "left_on")}  # fmt: skip
UNIQUE = {
    "localities.csv": ["id"], "organisations.csv": ["id"], "users.csv": ["username"], "people.csv": ["id"],
    "protected.csv": ["person"], "vacancies.csv": ["id"], "vacancy_labels.csv": ["vacancy"],
    "programmes.csv": ["id"], "cooperatives.csv": ["id"], "coop_members.csv": ["cooperative", "member"],
    "coop_savings.csv": ["cooperative", "member", "month"],
}  # fmt: skip


def schema_columns(directory: Path) -> dict[str, list[str]]:
    """Read each file's column list (in order) from SCHEMA.md."""
    text = (directory / "SCHEMA.md").read_text(encoding="utf-8")
    out: dict[str, list[str]] = {}
    for block in re.split(r"^## ", text, flags=re.M)[1:]:
        name = block.split()[0]
        body = block.split("\n", 1)[1]
        body = body[body.index("`") + 1 :]
        body = body[: body.index("`")]
        body = re.sub(r"\([^()]*\)", "", body)
        out[name] = [c.strip() for c in body.split(",") if c.strip()]
    return out


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def read(
    directory: Path, columns: dict[str, list[str]], problems: list[str]
) -> dict[str, list[dict[str, str]]]:
    """Read every documented file, reporting missing files and wrong headers."""
    tables: dict[str, list[dict[str, str]]] = {}
    for name, cols in columns.items():
        path = directory / name
        if not path.is_file():
            problems.append(f"{name}: missing")
            continue
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            if reader.fieldnames != cols:
                problems.append(f"{name}: header {reader.fieldnames} != schema {cols}")
            tables[name] = list(reader)
    return tables


def check_cells(tables: dict[str, list[dict[str, str]]], problems: list[str]) -> None:
    """Check choices, numbers, dates, lists and required cells row by row."""
    for name, rows in tables.items():
        for line, row in enumerate(rows, start=2):
            where = f"{name} line {line}"
            for (fname, col), allowed in CHOICES.items():
                if fname == name and row[col] and row[col] not in allowed:
                    problems.append(f"{where}: {col}={row[col]!r} not in {sorted(allowed)}")
            for col in NUMBERS.get(name, []):
                if row[col]:
                    try:
                        float(row[col])
                    except ValueError:
                        problems.append(f"{where}: {col}={row[col]!r} is not a number")
            for col in DATES.get(name, []):
                if row[col]:
                    try:
                        dt.date.fromisoformat(row[col])
                    except ValueError:
                        problems.append(f"{where}: {col}={row[col]!r} is not a date")
            for col in LISTS.get(name, []):
                items = row[col].split(";") if row[col] else []
                if any(not i.strip() or i != i.strip() for i in items):
                    problems.append(f"{where}: {col} has an empty or padded item: {row[col]!r}")
                if col != "work_history" and any("," in i for i in items):
                    problems.append(f"{where}: {col} looks comma-separated: {row[col]!r}")
                if col == "work_history" and any(i.count(",") < 2 for i in items):
                    problems.append(f"{where}: work_history item is not 'title, place, years': {row[col]!r}")
            for col, value in row.items():
                if not value and (name, col) not in OPTIONAL and not _may_be_empty(name, col):
                    problems.append(f"{where}: {col} is empty")


def _may_be_empty(name: str, col: str) -> bool:
    """Free-text or list cells that a real record may leave empty."""
    return (name, col) in {
        ("people.csv", "constraints_text"),
        ("people.csv", "exclusions"),
        ("vacancies.csv", "languages_required"),
        ("vacancy_labels.csv", "reasons"),
    }


def check_keys(tables: dict[str, list[dict[str, str]]], problems: list[str]) -> None:
    """Check unique keys and that every reference exists."""
    for name, key in UNIQUE.items():
        seen: set[tuple[str, ...]] = set()
        for row in tables.get(name, []):
            k = tuple(row[c] for c in key)
            if k in seen:
                problems.append(f"{name}: duplicate {key}={k}")
            seen.add(k)
    for name, col, target, tcol in REFS:
        known = {r[tcol] for r in tables.get(target, [])}
        for line, row in enumerate(tables.get(name, []), start=2):
            if row[col] and row[col] not in known:
                problems.append(f"{name} line {line}: {col}={row[col]!r} not found in {target}")
    members = {(r["cooperative"], r["member"]) for r in tables["coop_members.csv"]}
    for row in tables["coop_savings.csv"]:
        if (row["cooperative"], row["member"]) not in members:
            problems.append(f"coop_savings.csv: {row['member']!r} is not a member of {row['cooperative']!r}")
    people = {r["id"] for r in tables["people.csv"]}
    if people != {r["person"] for r in tables["protected.csv"]}:
        problems.append("protected.csv: does not have exactly one row per person")
    if {r["id"] for r in tables["vacancies.csv"]} != {r["vacancy"] for r in tables["vacancy_labels.csv"]}:
        problems.append("vacancy_labels.csv: does not label every vacancy exactly once")
    kinds = {r["id"]: r["kind"] for r in tables["organisations.csv"]}
    for name in ("vacancies.csv", "programmes.csv"):
        for row in tables[name]:
            if kinds.get(row["employer"]) != "employer":
                problems.append(f"{name} {row['id']}: employer {row['employer']!r} is not an employer")
    for row in tables["people.csv"]:
        if kinds.get(row["organisation"]) != "ngo":
            problems.append(f"people.csv {row['id']}: organisation is not an NGO")


def check_places_and_times(tables: dict[str, list[dict[str, str]]], problems: list[str]) -> None:
    """Check coordinates, currencies, hours and date order."""
    loc = {r["id"]: r for r in tables["localities.csv"]}
    for name in ("people.csv", "vacancies.csv", "programmes.csv"):
        for row in tables[name]:
            centre = loc[row["locality"]]
            d = km(float(row["latitude"]), float(row["longitude"]), float(centre["latitude"]),
                   float(centre["longitude"]))  # fmt: skip
            if d > 45:
                problems.append(f"{name} {row['id']}: {d:.0f} km from {centre['name']}")
            if row["currency"] != centre["currency"]:
                problems.append(f"{name} {row['id']}: currency {row['currency']} in {centre['name']}")
    for row in tables["people.csv"]:
        if not 0 <= float(row["min_hours_per_week"]) <= float(row["max_hours_per_week"]) <= 80:
            problems.append(f"people.csv {row['id']}: hours not within 0 <= min <= max <= 80")
    for row in tables["vacancies.csv"] + tables["programmes.csv"]:
        if not 0 < float(row["hours_per_week"]) <= 80:
            problems.append(f"{row['id']}: hours_per_week not within (0, 80]")
    for row in tables["vacancies.csv"]:
        posted, closes = dt.date.fromisoformat(row["posted_on"]), dt.date.fromisoformat(row["closes_on"])
        if not dt.date(2026, 9, 1) <= posted <= dt.date(2026, 11, 30) or closes <= posted:
            problems.append(f"vacancies.csv {row['id']}: dates {posted} -> {closes} out of range")
    for row in tables["consents.csv"]:
        if row["withdrawn_on"] and row["withdrawn_on"] <= row["granted_on"]:
            problems.append(f"consents.csv {row['person']}: withdrawn before it was granted")
    for row in tables["coop_members.csv"]:
        if row["left_on"] and row["left_on"] <= row["joined_on"]:
            problems.append(f"coop_members.csv {row['member']}: left before joining")


def check_savings(tables: dict[str, list[dict[str, str]]], problems: list[str]) -> None:
    """Check each savings history: consecutive months, inside membership, never over-repaid."""
    history: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in tables["coop_savings.csv"]:
        history[(row["cooperative"], row["member"])].append(row)
    members = {(r["cooperative"], r["member"]): r for r in tables["coop_members.csv"]}
    for key, rows in history.items():
        rows.sort(key=lambda r: r["month"])
        member = members[key]
        if rows[0]["month"] < member["joined_on"][:7] or (
            member["left_on"] and rows[-1]["month"] >= member["left_on"][:7]
        ):
            problems.append(f"coop_savings.csv {key}: history outside membership dates")
        borrowed = repaid = 0.0
        previous: Any = None
        for row in rows:
            y, m = map(int, row["month"].split("-"))
            if previous is not None and (y * 12 + m) - previous != 1:
                problems.append(f"coop_savings.csv {key}: gap before {row['month']}")
            previous = y * 12 + m
            borrowed += float(row["loan_taken"])
            repaid += float(row["loan_repaid"])
            if repaid > borrowed + 1e-9:
                problems.append(f"coop_savings.csv {key}: repaid more than borrowed by {row['month']}")
    treasurers = defaultdict(int)
    for row in tables["coop_members.csv"]:
        treasurers[row["cooperative"]] += row["role"] == "treasurer"
    for coop in tables["cooperatives.csv"]:
        if treasurers[coop["id"]] != 1:
            problems.append(f"coop_members.csv: {coop['id']} has {treasurers[coop['id']]} treasurers")


def validate(directory: Path) -> list[str]:
    """Return a list of problems in the demo files in ``directory`` (empty when all is well)."""
    problems: list[str] = []
    columns = schema_columns(directory)
    tables = read(directory, columns, problems)
    if len(tables) != len(columns):
        return problems
    check_cells(tables, problems)
    check_keys(tables, problems)
    if not problems:
        check_places_and_times(tables, problems)
        check_savings(tables, problems)
    return problems


if __name__ == "__main__":
    found = validate(Path(__file__).resolve().parent)
    print("\n".join(found) or "no problems")
    sys.exit(1 if found else 0)
