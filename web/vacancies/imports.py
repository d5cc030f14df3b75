"""Employers' CSV uploads of vacancies: capped, checked in bulk, stored in short transactions.

An upload is refused early, with a message that says what to do, when the file is larger
than ``IMPORT_MAX_MB`` or has more than ``IMPORT_MAX_ROWS`` rows: the file is read as a
stream and reading stops at the first row too many. Otherwise every row is checked first,
with one query for all the localities and one for all the vacancy references the file names:
if any row is wrong nothing is stored and every problem is reported by line.

A valid file is stored in batches of :data:`BATCH_ROWS` rows, each its own short
transaction, so that other people's pages never wait long for the database (on SQLite, one
writer at a time, with a short pause between batches so waiting pages get their turn). Each
batch is screened before its transaction opens. Files of more than
``IMPORT_BACKGROUND_ROWS`` rows are stored by a background job (``web.tasks:import_vacancies``)
whose page shows how far it has got.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import IO, TYPE_CHECKING, Any, TypedDict

from flask import Flask, current_app
from flask_babel import format_decimal
from flask_babel import gettext as _
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from web import vocabulary
from web.i18n import N_
from web.infra import audit
from web.infra.csvrows import RowError, TooManyRows, allowed_values, check_unique, read_rows
from web.infra.settings import whole_number
from web.storage.schema import Locality, User, Vacancy, VacancyStatus, utcnow
from web.vacancies.service import (
    VACANCY_COLUMNS,
    apply_screening,
    employer_of,
    past_closing_date,
    save_vacancy,
    screening_ad,
    stored_ref,
)

if TYPE_CHECKING:
    from matcher.screening import Screener

IMPORT_TASK = "web.tasks:import_vacancies"  # the background job that stores a large upload
BATCH_ROWS = 100  # rows stored per transaction: a fraction of a second of holding the write lock
#: On SQLite, a pause between batches: a page waiting for the write lock polls at most every 100 ms,
#: so without it an import that takes the lock again at once can keep a page waiting for seconds.
SQLITE_PAUSE_S = 0.15
UPLOAD_SPEC = [c if c.name != "id" else replace(c, required=True) for c in VACANCY_COLUMNS]


TOO_MANY_ROWS = N_(
    "%(source)s has more than %(limit)s rows, the most one file may have. "
    "Split it into files of at most %(limit)s rows and upload each."
)
TOO_LARGE = N_(
    "The file is larger than %(size)s MB, the most one upload may be. "
    "Split it into files of at most %(limit)s rows and upload each."
)
NOT_UTF8 = N_("The file is not UTF-8 text. In your spreadsheet, choose 'CSV UTF-8' when saving.")
STORING = N_("Stored %(done)s of %(total)s vacancies")


class UploadRefused(ValueError):
    """A file refused as a whole (too large, too many rows, not UTF-8).

    ``str()`` is the English message (the API's); :meth:`text` says it in the reader's
    language. ``status`` is the HTTP status and ``code`` the API's error code.
    """

    def __init__(self, message_id: str, status: int, code: str, **params: Any) -> None:
        english = {k: f"{v:,}" if isinstance(v, int) else v for k, v in params.items()}
        super().__init__(message_id % english)
        self.message_id = message_id
        self.params = params
        self.status = status
        self.code = code

    def text(self) -> str:
        """The message in the reader's language."""
        shown = {k: format_decimal(v) if isinstance(v, int) else v for k, v in self.params.items()}
        return _(self.message_id, **shown)


@dataclass(frozen=True)
class ImportLimits:
    """The upload limits in force (from the app's settings)."""

    max_rows: int
    max_bytes: int
    background_rows: int

    def too_large(self) -> UploadRefused:
        """The refusal of a file over ``max_bytes``."""
        return UploadRefused(TOO_LARGE, 413, "too_large", size=self.max_bytes // 2**20, limit=self.max_rows)


def init_app(app: Flask) -> None:
    """Check the upload settings at start: a bad value stops the app with a clear message."""
    config = app.config
    config["IMPORT_MAX_ROWS"] = whole_number(config, "IMPORT_MAX_ROWS", minimum=1, maximum=1_000_000)
    config["IMPORT_MAX_MB"] = whole_number(config, "IMPORT_MAX_MB", minimum=1, maximum=1024)
    config["IMPORT_BACKGROUND_ROWS"] = whole_number(
        config, "IMPORT_BACKGROUND_ROWS", minimum=0, maximum=1_000_000
    )


def limits() -> ImportLimits:
    """The current app's upload limits."""
    config = current_app.config
    return ImportLimits(
        int(config["IMPORT_MAX_ROWS"]),
        int(config["IMPORT_MAX_MB"]) * 1024 * 1024,
        int(config["IMPORT_BACKGROUND_ROWS"]),
    )


class SavedVacancy(TypedDict):
    """One vacancy an upload stored, as its report lists it."""

    id: int
    reference: str  # the employer's own id of the row
    title: str
    created: bool  # false: it updated the employer's vacancy of that reference
    held: bool  # held for review by the safety screening


@dataclass
class ImportReport:
    """What a CSV upload did, or why it did nothing."""

    created: int = 0
    updated: int = 0
    held: int = 0
    errors: list[RowError] = field(default_factory=list)
    #: each vacancy stored, in file order
    saved: list[SavedVacancy] = field(default_factory=list)
    #: of the held, those stored unscreened because no screener could be built for the app's model
    unscreened: int = 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (a background job's result)."""
        rows = [{"line": e.line, "column": e.column, "message": e.message} for e in self.errors]
        return {
            "created": self.created,
            "updated": self.updated,
            "held": self.held,
            "errors": rows,
            "saved": self.saved,
            "unscreened": self.unscreened,
        }

    @classmethod
    def from_dict(cls, result: dict[str, Any], source: str) -> ImportReport:
        """Back from :meth:`to_dict` (a finished job's result)."""
        errors = [RowError(source, e["line"], e["column"], e["message"]) for e in result["errors"]]
        saved = result.get("saved", [])
        return cls(
            result["created"], result["updated"], result["held"], errors, saved, result.get("unscreened", 0)
        )


@dataclass(frozen=True)
class CheckedUpload:
    """A parsed and checked upload: its valid rows, every problem, and what the rows refer to."""

    source: str
    text: str
    rows: list[dict[str, Any]]
    errors: list[RowError]
    places: dict[int, Locality]  # line -> the row's locality
    existing: dict[str, int]  # stored reference -> id of the organisation's vacancy it updates


@dataclass(frozen=True)
class ColumnGuide:
    """What one upload column takes, as the upload page and the template say it."""

    name: str
    required: bool
    takes: str  # in the reader's language
    allowed: list[str]  # a choice column's values, ``Label (code)``


def column_guide() -> list[ColumnGuide]:
    """Every upload column, in order, with what it takes, in the reader's language."""
    kinds = {
        "str": _("text"),
        "list": _("a list, items separated by semicolons"),
        "float": _("a number"),
        "decimal": _("an amount"),
        "date": _("a date like 2026-11-30, today or later"),
        "choice": _("one of the values listed; a label or a code, in any case"),
    }
    guide = []
    for column in UPLOAD_SPEC:
        takes = kinds.get(column.kind, column.kind)
        if column.name == "id":
            takes = _("your own reference; uploading the same id again updates that vacancy")
        elif column.name == "locality":
            takes = _("the name of a locality Pathways knows")
        guide.append(ColumnGuide(column.name, column.required, takes, allowed_values(column)))
    return guide


def template_csv(locality: str) -> str:
    """A CSV to fill in: the header, a note row saying what each column takes, and an example row.

    The note row's id starts with ``#``, so the file can be uploaded as it is (the note is skipped).
    """
    required, optional = _("required"), _("optional")
    notes = {}
    for entry in column_guide():
        what = "; ".join(entry.allowed) if entry.allowed else entry.takes
        notes[entry.name] = f"{required if entry.required else optional}: {what}"
    notes["id"] = "# " + _("Notes: this row is skipped. Delete it and the example row, or keep them.")
    closes = utcnow().date() + dt.timedelta(days=30)
    example = {
        "id": "kitchen-porter-1",
        "title": _("Kitchen porter"),
        "sector": vocabulary.label("sector", "hospitality"),
        "locality": locality,
        "latitude": "",
        "longitude": "",
        "description": _("Washing up and keeping the kitchen clean. Written contract, paid weekly."),
        "skills_required": _("washing up; cleaning"),
        "languages_required": _("English"),
        "hours_per_week": "30",
        "shift": vocabulary.label("shift", "day"),
        "pay": "12.50",
        "pay_period": vocabulary.label("pay_period", "hour"),
        "contract": vocabulary.label("contract", "permanent"),
        "closes_on": closes.isoformat(),
    }
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[c.name for c in UPLOAD_SPEC], lineterminator="\r\n")
    writer.writeheader()
    writer.writerow(notes)
    writer.writerow(example)
    return "\ufeff" + out.getvalue()  # a byte-order mark: spreadsheets then read it as UTF-8


def text_lines(binary: IO[bytes]) -> io.TextIOWrapper:
    """Read an uploaded byte stream as UTF-8 text (a leading byte-order mark dropped), as it arrives."""
    buffered = io.BufferedReader(binary) if isinstance(binary, io.RawIOBase) else binary
    return io.TextIOWrapper(buffered, encoding="utf-8-sig", newline="")


def _kept(lines: Iterable[str], into: list[str]) -> Iterator[str]:
    for line in lines:
        into.append(line)
        yield line


def _localities(db: Session, names: set[str]) -> dict[str, Locality]:
    """Each name (lower case) -> the locality with that reference or name: one query for all."""
    if not names:
        return {}
    found = db.execute(
        select(Locality).where(or_(func.lower(Locality.ref).in_(names), func.lower(Locality.name).in_(names)))
    ).scalars()
    by_key: dict[str, Locality] = {}
    for locality in found:
        by_key.setdefault(locality.name.lower(), locality)
        by_key[locality.ref.lower()] = locality  # a reference wins over another locality's name
    return by_key


def _owners(db: Session, refs: set[str]) -> dict[str, tuple[int, int]]:
    """Each stored reference in use -> (vacancy id, employer id): one query for all."""
    if not refs:
        return {}
    rows = db.execute(select(Vacancy.ref, Vacancy.id, Vacancy.employer_id).where(Vacancy.ref.in_(refs)))
    return {ref: (vacancy_id, employer_id) for ref, vacancy_id, employer_id in rows}


def check_upload(
    db: Session, user: User, lines: Iterable[str], source: str, max_rows: int | None
) -> CheckedUpload:
    """Parse and check every row of an upload; raise :class:`UploadRefused` for a file refused whole.

    Problems: bad cells, an id repeated in the file, an unknown locality, an id that another
    organisation's vacancy has. The checks across rows look at every row, also those with a
    bad cell, so that one upload reports all there is to fix.
    """
    kept: list[str] = []
    try:
        parsed = read_rows(_kept(lines, kept), UPLOAD_SPEC, source, max_rows=max_rows, notes_in="id")
    except TooManyRows as refusal:
        raise UploadRefused(TOO_MANY_ROWS, 413, "too_many_rows", source=source, limit=refusal.limit) from None
    except UnicodeDecodeError:
        raise UploadRefused(NOT_UTF8, 400, "bad_request") from None
    org = employer_of(db, user)
    places_by_name = _localities(
        db, {str(r["locality"]).strip().lower() for r in parsed.all_rows if r.get("locality")}
    )
    owners = _owners(db, {stored_ref(org, r["id"]) for r in parsed.all_rows if r.get("id")})
    errors = list(parsed.errors) + check_unique(parsed.all_rows, ["id"], source)
    places: dict[int, Locality] = {}
    for row in parsed.all_rows:
        line = int(row["_line"])
        name = row.get("locality")
        if name:
            locality = places_by_name.get(str(name).strip().lower())
            if locality is None:
                message = _("is not a locality Pathways knows (%(name)s)", name=repr(name))
                errors.append(RowError(source, line, "locality", message))
            else:
                places[line] = locality
        past = past_closing_date(row)
        if past:
            errors.append(RowError(source, line, "closes_on", past))
        owner = owners.get(stored_ref(org, row["id"])) if row.get("id") else None
        if owner is not None and owner[1] != org.id:
            message = _("is already used by another organisation's vacancy; choose another id")
            errors.append(RowError(source, line, "id", message))
    errors.sort(key=lambda e: e.line)
    if not errors and not parsed.rows:
        errors.append(RowError(source, 0, "", _("has no vacancy rows")))
    existing = {ref: vacancy_id for ref, (vacancy_id, employer) in owners.items() if employer == org.id}
    return CheckedUpload(source, "".join(kept), parsed.rows, errors, places, existing)


def store_upload(
    db: Session,
    user: User,
    upload: CheckedUpload,
    screener: Screener | None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Store a checked upload's rows, screened, in transactions of :data:`BATCH_ROWS` rows; commits.

    Each batch is screened before its transaction opens and committed before the next one;
    ``progress(done, total)`` is told after each. Without a screener (none can be built for the app's
    model) every row is stored held and unscreened (``report.unscreened``), as a vacancy posted by form
    waits for the screener.
    """
    org = employer_of(db, user)
    stamp = utcnow().strftime("%y%m%d%H%M%S%f")
    rows = [row if row.get("id") else {**row, "id": f"{stamp}-{row['_line']}"} for row in upload.rows]
    report = ImportReport()
    sqlite = db.get_bind().dialect.name == "sqlite"
    db.commit()  # no transaction stays open while the first batch is screened
    for start in range(0, len(rows), BATCH_ROWS):
        batch = rows[start : start + BATCH_ROWS]
        ads = [
            screening_ad(
                {**row, "ref": stored_ref(org, row["id"])},
                org.name,
                upload.places[row["_line"]].name,
                upload.places[row["_line"]].currency,
            )
            for row in batch
        ]
        results = screener.screen_many(ads) if screener is not None else [None] * len(ads)
        targets = {v.id: v for v in _vacancies(db, [upload.existing.get(ad.id) for ad in ads])}
        for row, ad, result in zip(batch, ads, results, strict=True):
            target = targets.get(upload.existing.get(ad.id, -1))
            vacancy = save_vacancy(db, user, row, upload.places[row["_line"]], target)
            if result is not None:
                apply_screening(vacancy, result)
            else:
                report.unscreened += 1
            report.created += target is None
            report.updated += target is not None
            report.held += vacancy.status == VacancyStatus.PENDING_REVIEW
            report.saved.append(
                {
                    "id": vacancy.id,
                    "reference": row["id"],
                    "title": vacancy.title,
                    "created": target is None,
                    "held": vacancy.status == VacancyStatus.PENDING_REVIEW,
                }
            )
        db.commit()  # each batch is kept on its own: no write stays open while the next is screened
        if progress is not None:
            progress(start + len(batch), len(rows))
        if sqlite and start + BATCH_ROWS < len(rows):
            time.sleep(SQLITE_PAUSE_S)
    audit.record(db, "import_vacancies", actor_id=user.id, object_type="organisation", object_id=org.id)
    db.commit()  # the callers queue the postings' preparation next: no write may stay open for it
    return report


def _vacancies(db: Session, ids: list[int | None]) -> list[Vacancy]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return []
    return list(db.execute(select(Vacancy).where(Vacancy.id.in_(wanted))).scalars())
