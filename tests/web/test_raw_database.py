"""A raw look at the database holds no personal field in clear text (issue 9, property 3; issue 14).

The real demo data is loaded into SQLite and PostgreSQL, then every column of every
table is read with plain SQL, bypassing the ORM's decryption, and searched for the
people's pseudonyms, own-words texts, work histories and trafficking histories, and for
what identifies cooperative members: their accounts' display names (their caseload
pseudonyms), their member references (``kamala-g``) and their savings and loans. On
SQLite the database file itself is searched too.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.orm import Session
from sqlalchemy.sql.sqltypes import _Binary

from web.storage.demo_data import DEMO_DIR, load_demo

PERSONAL_COLUMNS = {
    "people.csv": ("pseudonym", "skills_text", "interests_text", "constraints_text", "work_history"),
    "protected.csv": ("trafficking_history",),
}
#: Files of non-personal demo data: a personal string that also appears here (say, a pseudonym
#: that equals a staff member's display name) cannot tell a leak from a legitimate value.
PUBLIC_FILES = ("users.csv", "organisations.csv", "vacancies.csv", "programmes.csv", "cooperatives.csv")
MIN_LENGTH = 5


def _rows(name: str) -> list[dict[str, str]]:
    with (DEMO_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def personal_strings(directory: Path = DEMO_DIR) -> set[str]:
    """Every personal value of the demo, as text, that is long and distinctive enough to search for."""
    found: set[str] = set()
    for name, columns in PERSONAL_COLUMNS.items():
        for row in _rows(name):
            for column in columns:
                parts = row[column].split(";") if column == "work_history" else [row[column]]
                found.update(p.strip() for p in parts if len(p.strip()) >= MIN_LENGTH)
    public = "\n".join((directory / name).read_text(encoding="utf-8") for name in PUBLIC_FILES)
    return {s for s in found if s not in public}


def raw_column_texts(db: Session) -> dict[str, str]:
    """Every text column of every table, read with plain SQL and joined into one text per column.

    Binary columns (the postings' phrase vectors) are left to the callers that look for vectors.
    """
    texts = {}
    inspector = inspect(db.get_bind())
    for table in inspector.get_table_names():
        for column in inspector.get_columns(table):
            if isinstance(column["type"], _Binary):
                continue
            name = column["name"]
            values = db.execute(text(f'SELECT CAST("{name}" AS TEXT) FROM "{table}"')).scalars()
            texts[f"{table}.{name}"] = "\n".join(v for v in values if v is not None)
    return texts


def identifying_strings(directory: Path = DEMO_DIR) -> set[str]:
    """Cooperative members' account display names and member references."""
    names = {r["display_name"] for r in _rows("users.csv") if r["role"] == "coop_member"}
    refs = {r["member"] for r in _rows("coop_members.csv")}
    return names | refs


def test_what_identifies_cooperative_members_is_not_stored_in_clear(db: Session, database_url: str) -> None:
    load_demo(db, DEMO_DIR)
    db.commit()
    secrets = identifying_strings()
    assert {"kamala-g", "Kamala G."} <= secrets and len(secrets) == 29
    columns = raw_column_texts(db)
    leaks = sorted(f"{where}: {s!r}" for s in secrets for where, stored in columns.items() if s in stored)
    assert not leaks, "identifying data in clear text:\n" + "\n".join(leaks[:20])
    for name in ("saved", "loan_taken", "loan_repaid"):
        amounts = columns[f"coop_savings.{name}"].split("\n")
        assert len(amounts) == 752 and all(a.startswith("enc1:") for a in amounts)
    assert all(i.startswith("bi1:") for i in columns["coop_members.ref_index"].split("\n"))
    if database_url.startswith("sqlite"):
        db.close()
        db.get_bind().dispose()  # type: ignore[union-attr]  # the last connection folds the WAL into the file
        path = Path(database_url.removeprefix("sqlite:///"))
        raw = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
        assert b"Saathi Returnee" in raw  # the file scan does see clear text (a public name)
        assert not [s for s in secrets if s.encode() in raw], "identifying data in the SQLite file"


def test_no_personal_field_is_stored_in_clear_text(db: Session) -> None:
    load_demo(db, DEMO_DIR)
    db.commit()
    secrets = personal_strings()
    assert len(secrets) > 250  # pseudonyms, own words, histories of ~80 people
    columns = raw_column_texts(db)
    vacancy_title = _rows("vacancies.csv")[0]["title"]
    assert vacancy_title in columns["vacancies.title"]  # the scan does see clear-text columns
    assert columns["people.pseudonym"].startswith("enc1:")
    # the learning records' gender, nationality and age band (for the subgroup audit only) are encrypted too
    assert (
        columns["outcome_records.audit"].startswith("enc1:")
        and "woman" not in columns["outcome_records.audit"]
    )
    leaks = [
        f"{where}: {secret[:30]!r}"
        for secret in secrets
        for form in {secret, json.dumps(secret)[1:-1]}
        for where, stored in columns.items()
        if form in stored
    ]
    assert not leaks, "personal data in clear text:\n" + "\n".join(sorted(leaks)[:20])
    planted = sorted(secrets)[0]
    db.execute(text("UPDATE organisations SET description = :d"), {"d": f"note: {planted}"})
    assert planted in raw_column_texts(db)["organisations.description"]  # a leak would be caught
    db.rollback()
