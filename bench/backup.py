"""Backup and restore memory: streaming (``web.ops.backup``) beside the old whole-file-in-memory way.

    .venv/bin/python bench/backup.py                  # 20,000 vacancies + 20,000 audit events
    .venv/bin/python bench/backup.py --rows 100000    # several minutes on 2 cores

A fresh SQLite database gets ``--rows`` synthetic vacancies (400-character descriptions, JSON,
decimal and date columns) and as many audit events. Each case runs in this process under
``tracemalloc``; the figure is the peak of Python-level allocations (the database's rows, JSON,
zlib buffers) during the call, beyond what was allocated before it. OpenSSL's own memory (scrypt's
32 MiB) is outside ``tracemalloc`` and the same for both ways.

The peer is the format-1 code this project shipped before streaming, kept here only as a
reference: every row read into one dict, serialised as one JSON document, gzip-compressed and
sealed as one AES-GCM blob; restore reads the file whole, opens it, parses it and inserts
every table's rows in one call.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import secrets
import sqlite3
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sqlalchemy  # noqa: E402
from _machine import describe  # noqa: E402
from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: E402
from sqlalchemy import Engine, select  # noqa: E402

from web.ops.archive import derive_key  # noqa: E402
from web.ops.backup import (  # noqa: E402
    _decode,
    _encode,
    _insertable,
    read_backup,
    restore,
    schema_version,
    write_backup,
)
from web.ops.tables import raw_table  # noqa: E402
from web.storage import make_engine, upgrade  # noqa: E402
from web.storage.schema import Base  # noqa: E402

PASSPHRASE = "a benchmark passphrase, long enough"
WORDS = "care kitchen shift garden warehouse sewing driver cleaning clinic packing harvest".split()


def fill(engine: Engine, rows: int) -> None:
    """``rows`` synthetic vacancies and audit events in a migrated database."""
    upgrade(engine)
    rng = secrets.SystemRandom()
    tables = Base.metadata.tables
    with engine.begin() as conn:
        conn.execute(
            tables["organisations"].insert(), [{"ref": "o1", "name": "Employer", "kind": "employer"}]
        )
        for start in range(0, rows, 5000):
            batch = range(start, min(rows, start + 5000))
            conn.execute(
                tables["vacancies"].insert(),
                [
                    {
                        "ref": f"v{i}",
                        "employer_id": 1,
                        "title": f"{rng.choice(WORDS)} worker {i}",
                        "sector": "care",
                        "description": " ".join(rng.choice(WORDS) for _ in range(60))[:400],
                        "skills_required": [rng.choice(WORDS) for _ in range(4)],
                        "pay": Decimal(rng.randrange(10000, 90000)) / 100,
                        "posted_on": dt.date(2026, 1, 1) + dt.timedelta(days=i % 300),
                        "status": "published",
                    }
                    for i in batch
                ],
            )
            conn.execute(
                tables["audit_events"].insert(),
                [
                    {
                        "at": datetime(2026, 1, 1, tzinfo=UTC) + dt.timedelta(seconds=i),
                        "actor_id": 1,
                        "action": "view_person",
                        "object_type": "person",
                        "object_id": str(i),
                        "prev_hash": secrets.token_hex(32),
                        "hash": secrets.token_hex(32),
                    }
                    for i in batch
                ],
            )


def old_backup(engine: Engine, path: Path) -> None:
    """Reference: the format-1 in-memory backup (one dict, one JSON document, one sealed blob)."""
    tables: dict[str, Any] = {}
    with engine.connect() as conn, conn.begin():
        version = schema_version(conn)
        for tbl in Base.metadata.sorted_tables:
            raw = raw_table(tbl)
            nulls = [raw.c[c.name].is_(None) for c in tbl.columns]
            width = len(tbl.columns)
            order = [raw.c[c.name] for c in tbl.primary_key.columns]
            rows = [
                [_encode(*item) for item in zip(tbl.columns, row[:width], row[width:], strict=True)]
                for row in conn.execute(select(raw, *nulls).order_by(*order))
            ]
            tables[tbl.name] = {"columns": [c.name for c in tbl.columns], "rows": rows}
    payload = json.dumps({"format": 1, "schema_version": version, "tables": tables}).encode()
    salt, nonce = os.urandom(16), os.urandom(12)
    key = derive_key(PASSPHRASE, salt)
    path.write_bytes(salt + nonce + AESGCM(key).encrypt(nonce, gzip.compress(payload), None))


def old_restore(engine: Engine, path: Path) -> None:
    """Reference: the format-1 restore (file read whole, parsed whole, each table inserted in one call)."""
    blob = path.read_bytes()
    key = derive_key(PASSPHRASE, blob[:16])
    data = json.loads(gzip.decompress(AESGCM(key).decrypt(blob[16:28], blob[28:], None)))
    with engine.begin() as conn:
        for tbl in Base.metadata.sorted_tables:
            rows = data["tables"][tbl.name]["rows"]
            if rows:
                params = [{c.name: _decode(c, v) for c, v in zip(tbl.columns, r, strict=True)} for r in rows]
                conn.execute(_insertable(tbl).insert(), params)


def peak(fn: Callable[[], object]) -> tuple[float, float]:
    """Peak traced MiB above the starting level, and wall seconds, of one call."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    start = time.perf_counter()
    fn()
    seconds = time.perf_counter() - start
    top = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return (top - base) / 2**20, seconds


def main() -> None:
    """Fill a database, then back it up and restore it both ways, printing a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000, help="vacancies, and as many audit events")
    args = parser.parse_args()
    print(f"# bench/backup.py, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    print(f"# {describe(f'SQLAlchemy {sqlalchemy.__version__}', f'SQLite {sqlite3.sqlite_version}')}")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        source = make_engine(f"sqlite:///{work / 'source.sqlite3'}")
        fill(source, args.rows)
        size = sum(p.stat().st_size for p in work.glob("source.sqlite3*")) / 2**20
        print(
            f"# {2 * args.rows:,} rows ({args.rows:,} vacancies + {args.rows:,} audit events), {size:.1f} MiB"
        )
        print("| way | backup peak MiB | backup s | file MiB | restore peak MiB | restore s |")
        print("|---|---|---|---|---|---|")
        cases: list[tuple[str, Callable[[Path], object], Callable[[Engine, Path], object]]] = [
            ("old: in memory (reference)", lambda p: old_backup(source, p), old_restore),
            (
                "streaming (web.ops.backup)",
                lambda p: write_backup(source, p, PASSPHRASE),
                lambda e, p: restore(e, read_backup(p, PASSPHRASE)),
            ),
        ]
        for n, (name, backup, restore_it) in enumerate(cases):
            archive = work / f"backup{n}"
            backup_mib, backup_s = peak(lambda: backup(archive))  # noqa: B023
            target = make_engine(f"sqlite:///{work / f'target{n}.sqlite3'}")
            upgrade(target)
            restore_mib, restore_s = peak(lambda: restore_it(target, archive))  # noqa: B023
            with target.connect() as conn:
                restored = conn.execute(
                    select(sqlalchemy.func.count()).select_from(Base.metadata.tables["vacancies"])
                ).scalar_one()
            if restored != args.rows:
                raise SystemExit(f"{name}: restored {restored} vacancies, expected {args.rows}")
            target.dispose()
            file_mib = archive.stat().st_size / 2**20
            figures = (backup_mib, backup_s, file_mib, restore_mib, restore_s)
            print(f"| {name} | " + " | ".join(f"{x:.1f}" for x in figures) + " |")
        source.dispose()


if __name__ == "__main__":
    main()
