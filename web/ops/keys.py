"""Data-key rotation: re-encrypt every encrypted column of every table with a new key.

Blind indexes (keyed digests beside encrypted values that must be unique or found) are
recomputed under the new key in the same transaction.

The caller adds a key to the ring (:meth:`KeyRing.with_new_key`), saves the ring, then
calls :func:`reencrypt`; old keys stay in the ring so older backups remain readable.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine, and_, bindparam, select, update

from web.ops.tables import encrypted_columns, raw_table
from web.storage.crypto import PREFIX, DataKeyError, KeyRing
from web.storage.schema import Base


@dataclass(frozen=True)
class RotationReport:
    """What a rotation re-encrypted: values per ``table.column``, rows per table, blind indexes recomputed."""

    key_id: str
    values: dict[str, int]
    rows: dict[str, int]
    indexes: dict[str, int] = field(default_factory=dict)

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
    indexes: dict[str, int] = {}
    rows: dict[str, int] = {}
    with engine.begin() as conn:
        for found in encrypted_columns(Base.metadata):
            raw = raw_table(Base.metadata.tables[found.table])
            wanted = {*found.primary_key, *found.columns}
            for index, parts in found.blind_indexes:
                wanted |= {index, *parts}
            result = conn.execute(select(*[raw.c[name] for name in sorted(wanted)]))
            changes = []
            for row in result.mappings():
                change = {}
                for name in found.columns:
                    stored = row[name]
                    if stored is None or stored.startswith(f"{PREFIX}:{ring.current}:"):
                        continue
                    change[name] = _reseal(ring, stored, found.table, name)
                    values[f"{found.table}.{name}"] = values.get(f"{found.table}.{name}", 0) + 1
                for index, parts in found.blind_indexes:
                    digest = ring.blind_index(*[_clear(ring, row[p], p in found.columns) for p in parts])
                    if row[index] != digest:
                        change[index] = digest
                        indexes[f"{found.table}.{index}"] = indexes.get(f"{found.table}.{index}", 0) + 1
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
    return RotationReport(ring.current, values, rows, indexes)


def _clear(ring: KeyRing, value: object, encrypted: bool) -> str:
    return ring.decrypt(str(value)) if encrypted else str(value)


def _reseal(ring: KeyRing, stored: str, table: str, column: str) -> str:
    try:
        return ring.encrypt(ring.decrypt(stored))
    except DataKeyError as exc:
        raise DataKeyError(f"{table}.{column}: {exc}") from exc
