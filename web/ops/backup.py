"""Whole-database backup and restore: every table's rows as JSON in a sealed archive.

Encrypted columns are copied as stored (ciphertext), so a backup never holds personal
fields in clear and a restore needs the same data key ring. The archive records the
schema (Alembic) version; a restore goes only into a database at that version, and
only into an empty one unless forced.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    Date,
    DateTime,
    Engine,
    Float,
    Numeric,
    column,
    func,
    select,
    table,
    text,
)
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.sql.expression import TableClause

from web.ops.archive import BackupError, open_sealed, seal
from web.ops.tables import is_encrypted, raw_table
from web.storage import upgrade
from web.storage.crypto import PREFIX
from web.storage.schema import Base

SNAPSHOT_FORMAT = 1


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


def snapshot(engine: Engine) -> dict[str, Any]:
    """Every row of every table, as JSON-ready data, read in one transaction."""
    tables: dict[str, Any] = {}
    key_ids: set[str] = set()
    with engine.connect() as conn, conn.begin():
        version = schema_version(conn)
        if version is None:
            raise BackupError("The database has no schema yet; there is nothing to back up.")
        _check_tables(conn)
        for tbl in Base.metadata.sorted_tables:
            raw = raw_table(tbl)
            order = [raw.c[c.name] for c in tbl.primary_key.columns]
            rows = []
            nulls = [raw.c[c.name].is_(None) for c in tbl.columns]
            width = len(tbl.columns)
            for row in conn.execute(select(raw, *nulls).order_by(*order)):
                values, is_null = row[:width], row[width:]
                rows.append([_encode(*item) for item in zip(tbl.columns, values, is_null, strict=True)])
                key_ids.update(
                    v.split(":", 2)[1]
                    for c, v in zip(tbl.columns, values, strict=True)
                    if is_encrypted(c) and v
                )
            tables[tbl.name] = {"columns": [c.name for c in tbl.columns], "rows": rows}
    return {
        "format": SNAPSHOT_FORMAT,
        "schema_version": version,
        "created_at": dt.datetime.now(dt.UTC).isoformat(),
        "encryption": {"prefix": PREFIX, "key_ids": sorted(key_ids)},
        "tables": tables,
    }


def _report(data: dict[str, Any]) -> BackupReport:
    return BackupReport(
        data["schema_version"],
        {name: len(t["rows"]) for name, t in data["tables"].items()},
        tuple(data["encryption"]["key_ids"]),
    )


def write_backup(engine: Engine, path: str | Path, passphrase: str) -> BackupReport:
    """Write a sealed backup of the whole database to ``path`` (owner-only permissions)."""
    data = snapshot(engine)
    blob = seal(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), passphrase)
    target = Path(path)
    tmp = target.with_name(target.name + ".partial")
    tmp.touch(mode=0o600)
    tmp.write_bytes(blob)
    tmp.replace(target)
    return _report(data)


def read_backup(path: str | Path, passphrase: str) -> dict[str, Any]:
    """Open and check a sealed backup; the snapshot it holds."""
    try:
        blob = Path(path).read_bytes()
    except OSError as exc:
        raise BackupError(f"Cannot read the backup file: {exc.strerror}.") from exc
    try:
        data: dict[str, Any] = json.loads(open_sealed(blob, passphrase))
    except (ValueError, UnicodeDecodeError) as exc:
        raise BackupError("The backup's contents are damaged.") from exc
    if data.get("format") != SNAPSHOT_FORMAT:
        raise BackupError(f"Backup snapshot format {data.get('format')!r} is not supported.")
    return data


def restore(engine: Engine, data: dict[str, Any], *, force: bool = False) -> BackupReport:
    """Load a snapshot into ``engine``'s database in one transaction.

    A database without a schema is migrated first. The schema version must match the
    backup's; a database holding any rows is refused unless ``force``, which first
    deletes every row.
    """
    with engine.connect() as conn:
        fresh = schema_version(conn) is None
    if fresh:
        upgrade(engine)
    with engine.begin() as conn:
        current = schema_version(conn)
        if current != data["schema_version"]:
            raise BackupError(
                f"The backup is of schema version {data['schema_version']}, the database is at {current}; "
                "restore into a database migrated to the backup's version."
            )
        _check_tables(conn)
        _check_columns(data)
        occupied = [t.name for t in Base.metadata.sorted_tables if _has_rows(conn, t.name)]
        if occupied and not force:
            raise BackupError(
                f"The database is not empty (tables {', '.join(occupied)} hold rows); "
                "restore into an empty database, or force it to replace everything."
            )
        for tbl in reversed(Base.metadata.sorted_tables):
            conn.execute(tbl.delete())
        for tbl in Base.metadata.sorted_tables:
            rows = data["tables"][tbl.name]["rows"]
            if rows:
                params = [
                    {c.name: _decode(c, v) for c, v in zip(tbl.columns, row, strict=True)} for row in rows
                ]
                conn.execute(_insertable(tbl).insert(), params)
        if conn.dialect.name == "postgresql":
            _reset_sequences(conn)
    return _report(data)


def _check_columns(data: dict[str, Any]) -> None:
    for tbl in Base.metadata.sorted_tables:
        saved = data["tables"].get(tbl.name)
        if saved is None or saved["columns"] != [c.name for c in tbl.columns]:
            raise BackupError(f"The backup's table {tbl.name} does not match this version's columns.")


def _has_rows(conn: Connection, name: str) -> bool:
    return conn.execute(select(func.count()).select_from(table(name))).scalar_one() > 0


def _reset_sequences(conn: Connection) -> None:
    for tbl in Base.metadata.sorted_tables:
        pk = list(tbl.primary_key.columns)
        if len(pk) == 1 and pk[0].autoincrement in (True, "auto") and not pk[0].foreign_keys:
            # Table and column names come from the ORM metadata, never from input.
            highest = f"SELECT MAX({pk[0].name}) FROM {tbl.name}"  # nosec B608
            conn.execute(
                text(f"SELECT setval(pg_get_serial_sequence(:t, :c), COALESCE(({highest}), 0) + 1, false)"),
                {"t": tbl.name, "c": pk[0].name},
            )
