"""Data-key rotation: re-encrypt every encrypted column of every table with a new key.

The caller adds a key to the ring (:meth:`KeyRing.with_new_key`), saves the ring, then
calls :func:`reencrypt`; old keys stay in the ring so older backups remain readable.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, and_, bindparam, select, update

from web.ops.tables import encrypted_columns, raw_table
from web.storage.crypto import PREFIX, DataKeyError, KeyRing
from web.storage.schema import Base


@dataclass(frozen=True)
class RotationReport:
    """What a rotation re-encrypted: values per ``table.column``, and rows per table."""

    key_id: str
    values: dict[str, int]
    rows: dict[str, int]

    @property
    def total_values(self) -> int:
        """Number of values re-encrypted in all."""
        return sum(self.values.values())


def reencrypt(engine: Engine, ring: KeyRing) -> RotationReport:
    """Re-encrypt every stored encrypted value with ``ring.current``, in one transaction.

    Every value is decrypted with whichever key of ``ring`` made it, so ``ring`` must hold
    all keys in use. Values already under the current key are left alone (running again
    is harmless). Any failure rolls the whole change back.
    """
    values: dict[str, int] = {}
    rows: dict[str, int] = {}
    with engine.begin() as conn:
        for found in encrypted_columns(Base.metadata):
            raw = raw_table(Base.metadata.tables[found.table])
            pk = [raw.c[name] for name in found.primary_key]
            result = conn.execute(select(*pk, *[raw.c[name] for name in found.columns]))
            changes = []
            for row in result.mappings():
                change = {}
                for name in found.columns:
                    stored = row[name]
                    if stored is None or stored.startswith(f"{PREFIX}:{ring.current}:"):
                        continue
                    change[name] = _reseal(ring, stored, found.table, name)
                    values[f"{found.table}.{name}"] = values.get(f"{found.table}.{name}", 0) + 1
                if change:
                    changes.append(({f"pk_{k}": row[k] for k in found.primary_key}, change))
            for key, change in changes:
                statement = (
                    update(raw)
                    .where(and_(*[raw.c[k] == bindparam(f"pk_{k}") for k in found.primary_key]))
                    .values(**change)
                )
                conn.execute(statement, key)
            rows[found.table] = len(changes)
    return RotationReport(ring.current, values, rows)


def _reseal(ring: KeyRing, stored: str, table: str, column: str) -> str:
    try:
        return ring.encrypt(ring.decrypt(stored))
    except DataKeyError as exc:
        raise DataKeyError(f"{table}.{column}: {exc}") from exc
