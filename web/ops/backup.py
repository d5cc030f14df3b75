"""Whole-database backup and restore: every table's rows as JSON lines in a sealed archive.

Encrypted columns are copied as stored (ciphertext), so a backup never holds personal
fields in clear and a restore needs the same data key ring. The archive records the
schema (Alembic) version; a restore goes only into a database at that version, and
only into an empty one unless forced.

Both directions stream: rows are read from the database in batches and written to the
archive as they come, and a restore reads the archive back in chunks and inserts in
batches, so memory stays bounded whatever the database's size. The payload is one JSON
line per record: a header (format, schema version, time), then for each table a line
``{"table": ..., "columns": [...]}`` followed by one JSON array per row, and last a
trailer with the rows per table and the data keys the ciphertexts name.

Tables marked derived (phrase vectors of postings, cached match results, ESCO labels) are
listed with no rows: they are computed again after a restore. A person's own encrypted
vectors and ESCO grounding (``prepared_people``) are backed up with their record.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    Date,
    DateTime,
    Engine,
    Float,
    Numeric,
    Table,
    column,
    func,
    select,
    table,
    text,
)
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.sql.expression import TableClause

from web.ops.archive import SCRYPT_N, BackupError, open_reader, open_writer, read_checked_line
from web.ops.tables import is_blind_index, is_encrypted, raw_table
from web.storage import upgrade
from web.storage.crypto import PREFIX
from web.storage.schema import Base, is_derived

SNAPSHOT_FORMAT = 2
#: Rows fetched from the database, and inserted on restore, at a time.
BATCH_ROWS = 1000


@dataclass(frozen=True)
class BackupReport:
    """What a backup or restore covered."""

    schema_version: str
    rows: dict[str, int]
    key_ids: tuple[str, ...]

    @property
    def total_rows(self) -> int:
        """Rows in all tables."""
        return sum(self.rows.values())


def schema_version(conn: Connection) -> str | None:
    """The Alembic revision of the database, or ``None`` when it has no schema yet."""
    if not sa_inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _encode(col: Column[Any], value: Any, sql_null: bool) -> Any:
    if sql_null:
        return None
    if isinstance(col.type, JSON):
        return [value]  # wrapped, so a stored JSON null stays apart from SQL NULL
    if isinstance(value, dt.datetime):
        return (value.astimezone(dt.UTC) if value.tzinfo else value.replace(tzinfo=dt.UTC)).isoformat()
    if isinstance(value, dt.date | Decimal):
        return str(value)
    return value


def _decode(col: Column[Any], value: Any) -> Any:
    if isinstance(col.type, JSON):
        return JSON.NULL if value == [None] else value[0] if value is not None else None
    if value is None:
        return None
    if isinstance(col.type, DateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(col.type, Date):
        return dt.date.fromisoformat(value)
    if isinstance(col.type, Numeric) and not isinstance(col.type, Float):
        return Decimal(value)
    return value


def _insertable(tbl: Any) -> TableClause:
    """Like :func:`raw_table`, with JSON columns keeping SQL NULL as NULL."""
    cols = []
    for c in tbl.columns:
        kind = JSON(none_as_null=True) if isinstance(c.type, JSON) else c.type
        cols.append(column(c.name, raw_table(tbl).c[c.name].type if is_encrypted(c) else kind))
    return table(tbl.name, *cols)


def _check_tables(conn: Connection) -> None:
    present = set(sa_inspect(conn).get_table_names()) - {"alembic_version"}
    unknown = sorted(present - set(Base.metadata.tables))
    if unknown:
        raise BackupError(f"Tables {', '.join(unknown)} are not known to this version of Pathways.")


def encoded_rows(conn: Connection, tbl: Table, batch_rows: int = BATCH_ROWS) -> Iterator[list[list[Any]]]:
    """``tbl``'s rows as JSON-ready lists, in primary-key order, ``batch_rows`` at a time.

    Rows are fetched in batches (a server-side cursor on PostgreSQL), so memory holds one
    batch, whatever the table's size. Encrypted columns come as stored (ciphertext).
    """
    raw = raw_table(tbl)
    order = [raw.c[c.name] for c in tbl.primary_key.columns]
    nulls = [raw.c[c.name].is_(None) for c in tbl.columns]
    width = len(tbl.columns)
    statement = select(raw, *nulls).order_by(*order).execution_options(yield_per=batch_rows)
    for batch in conn.execute(statement).partitions():
        yield [
            [_encode(*item) for item in zip(tbl.columns, row[:width], row[width:], strict=True)]
            for row in batch
        ]


@contextmanager
def _reading(engine: Engine) -> Iterator[Connection]:
    """A connection in one read transaction: every table is read from one snapshot."""
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            if conn.dialect.name == "sqlite":  # pysqlite opens no transaction for reads by itself
                conn.exec_driver_sql("BEGIN")
            yield conn


_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _line(record: Any) -> str:
    return _JSON.encode(record) + "\n"


def _dump(engine: Engine, out: IO[bytes], batch_rows: int) -> BackupReport:
    rows: dict[str, int] = {}
    key_ids: set[str] = set()
    with _reading(engine) as conn:
        version = schema_version(conn)
        if version is None:
            raise BackupError("The database has no schema yet; there is nothing to back up.")
        _check_tables(conn)
        created = dt.datetime.now(dt.UTC).isoformat()
        header = {"format": SNAPSHOT_FORMAT, "schema_version": version, "created_at": created}
        out.write(_line(header | {"encryption": {"prefix": PREFIX}}).encode("utf-8"))
        for tbl in Base.metadata.sorted_tables:
            out.write(_line({"table": tbl.name, "columns": [c.name for c in tbl.columns]}).encode("utf-8"))
            encrypted = [i for i, c in enumerate(tbl.columns) if is_encrypted(c) or is_blind_index(c)]
            naming = [i for i, c in enumerate(tbl.columns) if c.info.get("names_data_key")]  # audit key ids
            rows[tbl.name] = 0
            if is_derived(tbl):
                continue  # computed again from the other tables after a restore (web.matching.preparation)
            for batch in encoded_rows(conn, tbl, batch_rows):
                out.write("".join(_line(row) for row in batch).encode("utf-8"))
                rows[tbl.name] += len(batch)
                key_ids.update(row[i].split(":", 2)[1] for row in batch for i in encrypted if row[i])
                key_ids.update(row[i] for row in batch for i in naming if row[i])
    out.write(_line({"end": True, "rows": rows, "key_ids": sorted(key_ids)}).encode("utf-8"))
    return BackupReport(version, rows, tuple(sorted(key_ids)))


def write_backup(
    engine: Engine, path: str | Path, passphrase: str, *, batch_rows: int = BATCH_ROWS, n: int = SCRYPT_N
) -> BackupReport:
    """Write a sealed backup of the whole database to ``path`` (owner-only permissions).

    Rows go from the database to the file a batch at a time: compressed, then sealed in
    chunks (:mod:`web.ops.archive`), so memory stays bounded whatever the database's size.
    The file appears under its name only once complete.
    """
    target = Path(path)
    tmp = target.with_name(target.name + ".partial")
    tmp.unlink(missing_ok=True)
    try:
        with (
            os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as raw,
            open_writer(raw, passphrase, n=n) as out,
        ):
            report = _dump(engine, out, batch_rows)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(target)
    return report


@dataclass(frozen=True)
class Backup:
    """A backup file checked from end to end: what it holds; :meth:`rows_by_table` reads it again."""

    path: Path
    passphrase: str = field(repr=False)
    schema_version: str
    created_at: str
    columns: dict[str, list[str]]
    rows: dict[str, int]
    key_ids: tuple[str, ...]

    def report(self) -> BackupReport:
        """The backup's schema version, rows per table and data keys."""
        return BackupReport(self.schema_version, dict(self.rows), self.key_ids)

    def rows_by_table(self) -> Iterator[tuple[str, list[Any]]]:
        """``(table, row)`` for every row, reading the file again; it must still be the file first read."""
        for kind, record in _records(self.path, self.passphrase):
            if kind == "row":
                yield record
            elif (kind == "header" and record["created_at"] != self.created_at) or (
                kind == "end" and (record["rows"] != self.rows or tuple(record["key_ids"]) != self.key_ids)
            ):
                raise BackupError("The backup file changed while it was being restored.")


def _records(path: Path, passphrase: str, *, rows: bool = True) -> Iterator[tuple[str, Any]]:
    """Records: ``("header", dict)``, ``("table", dict)``, ``("row", (table, list))``, ``("end", dict)``.

    Raises :class:`BackupError` on any record out of place, a row count that does not
    match the trailer's, or a payload without its trailer. With ``rows=False`` rows are
    counted, not parsed or yielded (a quicker check of the whole file).
    """
    try:
        source = path.open("rb")
    except OSError as exc:
        raise BackupError(f"Cannot read the backup file: {exc.strerror}.") from exc
    counts: dict[str, int] = {}
    name: str | None = None
    state = "start"
    with source, open_reader(source, passphrase) as stream:
        while line := read_checked_line(stream):
            if not rows and line[:1] == b"[" and state == "tables" and name is not None:
                counts[name] += 1
                continue
            try:
                record = json.loads(line)
            except (ValueError, UnicodeDecodeError) as exc:
                raise BackupError("The backup's contents are damaged.") from exc
            if state == "start":
                found = record.get("format") if isinstance(record, dict) else None
                if found != SNAPSHOT_FORMAT:
                    raise BackupError(f"Backup snapshot format {found!r} is not supported.")
                state = "tables"
                yield "header", record
            elif state == "tables" and isinstance(record, list) and name is not None:
                counts[name] += 1
                yield "row", (name, record)
            elif state == "tables" and isinstance(record, dict) and isinstance(record.get("table"), str):
                name = record["table"]
                if name in counts:
                    raise BackupError(f"The backup holds table {name} twice.")
                counts[name] = 0
                yield "table", record
            elif state == "tables" and isinstance(record, dict) and record.get("end") is True:
                if record.get("rows") != counts:
                    raise BackupError("The backup's row counts do not match its rows.")
                state = "end"
                yield "end", record
            else:
                raise BackupError("The backup's contents are damaged.")
    if state != "end":
        raise BackupError("The backup's contents end early.")


def read_backup(path: str | Path, passphrase: str) -> Backup:
    """Open a sealed backup and check all of it (every chunk, the layout, the counts), holding no rows."""
    header: dict[str, Any] = {}
    columns: dict[str, list[str]] = {}
    trailer: dict[str, Any] = {}
    for kind, record in _records(Path(path), passphrase, rows=False):
        if kind == "header":
            header = record
        elif kind == "table":
            columns[record["table"]] = record["columns"]
        elif kind == "end":
            trailer = record
    try:
        return Backup(
            Path(path),
            passphrase,
            str(header["schema_version"]),
            str(header["created_at"]),
            columns,
            dict(trailer["rows"]),
            tuple(str(k) for k in trailer["key_ids"]),
        )
    except (KeyError, TypeError) as exc:
        raise BackupError("The backup's contents are damaged.") from exc


def restore(
    engine: Engine, backup: Backup, *, force: bool = False, batch_rows: int = BATCH_ROWS
) -> BackupReport:
    """Load a backup into ``engine``'s database in one transaction, ``batch_rows`` rows at a time.

    A database without a schema is migrated first. The schema version must match the
    backup's; a database holding any rows is refused unless ``force``, which first
    deletes every row. Any failure (the file changed since :func:`read_backup`
    included) rolls the whole restore back.
    """
    with engine.connect() as conn:
        fresh = schema_version(conn) is None
    if fresh:
        upgrade(engine)
    with engine.begin() as conn:
        current = schema_version(conn)
        if current != backup.schema_version:
            raise BackupError(
                f"The backup is of schema version {backup.schema_version}, the database is at {current}; "
                "restore into a database migrated to the backup's version."
            )
        _check_tables(conn)
        _check_columns(backup.columns)
        occupied = [t.name for t in Base.metadata.sorted_tables if _has_rows(conn, t.name)]
        if occupied and not force:
            raise BackupError(
                f"The database is not empty (tables {', '.join(occupied)} hold rows); "
                "restore into an empty database, or force it to replace everything."
            )
        for tbl in reversed(Base.metadata.sorted_tables):
            conn.execute(tbl.delete())
        pending: list[list[Any]] = []
        current_table: str | None = None
        for name, row in backup.rows_by_table():
            if name != current_table or len(pending) >= batch_rows:
                _insert(conn, current_table, pending)
                current_table, pending = name, []
            pending.append(row)
        _insert(conn, current_table, pending)
        if conn.dialect.name == "postgresql":
            _reset_sequences(conn)
    return backup.report()


def _insert(conn: Connection, name: str | None, rows: list[list[Any]]) -> None:
    if name is None or not rows:
        return
    tbl = Base.metadata.tables[name]
    params = [{c.name: _decode(c, v) for c, v in zip(tbl.columns, row, strict=True)} for row in rows]
    conn.execute(_insertable(tbl).insert(), params)


def _check_columns(columns: dict[str, list[str]]) -> None:
    if set(columns) != set(Base.metadata.tables):
        raise BackupError("The backup's tables do not match this version's tables.")
    for tbl in Base.metadata.sorted_tables:
        if columns[tbl.name] != [c.name for c in tbl.columns]:
            raise BackupError(f"The backup's table {tbl.name} does not match this version's columns.")


def _has_rows(conn: Connection, name: str) -> bool:
    return conn.execute(select(func.count()).select_from(table(name))).scalar_one() > 0


def _reset_sequences(conn: Connection) -> None:
    for tbl in Base.metadata.sorted_tables:
        serial = tbl.autoincrement_column  # None for a text key (web_sessions) or one shared with a parent
        if serial is not None:
            # Table and column names come from the ORM metadata, never from input.
            highest = f"SELECT MAX({serial.name}) FROM {tbl.name}"  # nosec B608
            conn.execute(
                text(f"SELECT setval(pg_get_serial_sequence(:t, :c), COALESCE(({highest}), 0) + 1, false)"),
                {"t": tbl.name, "c": serial.name},
            )
