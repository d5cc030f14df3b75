"""Where the personal fields are: the encrypted columns of every table, found from the metadata."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Column, MetaData, Table, Text, column, table
from sqlalchemy.sql.expression import TableClause

from web.storage.crypto import EncryptedDecimal, EncryptedJSON, EncryptedText
from web.storage.schema import Base


def is_encrypted(col: Column[object]) -> bool:
    """True if the column stores ciphertext (``EncryptedText``, ``EncryptedJSON`` or ``EncryptedDecimal``)."""
    return isinstance(col.type, EncryptedText | EncryptedJSON | EncryptedDecimal)


@dataclass(frozen=True)
class EncryptedColumns:
    """One table's primary key, encrypted columns, and blind indexes (column, the columns it digests)."""

    table: str
    primary_key: tuple[str, ...]
    columns: tuple[str, ...]
    blind_indexes: tuple[tuple[str, tuple[str, ...]], ...] = ()


def encrypted_columns(metadata: MetaData | None = None) -> list[EncryptedColumns]:
    """Every table with encrypted columns, in dependency order.

    Examples
    --------
    >>> found = {e.table: e.columns for e in encrypted_columns()}
    >>> "trafficking_history" in found["protected_attributes"]
    True
    >>> "vacancies" in found
    False
    """
    metadata = metadata if metadata is not None else Base.metadata
    found = []
    for tbl in metadata.sorted_tables:
        names = tuple(c.name for c in tbl.columns if is_encrypted(c))
        indexes = tuple((c.name, tuple(c.info["blind_index_of"])) for c in tbl.columns if is_blind_index(c))
        if names:
            pk = tuple(c.name for c in tbl.primary_key.columns)
            found.append(EncryptedColumns(tbl.name, pk, names, indexes))
    return found


def is_blind_index(col: Column[object]) -> bool:
    """True if the column holds a keyed blind index (``info["blind_index_of"]`` names what it digests)."""
    return "blind_index_of" in col.info


def raw_table(tbl: Table) -> TableClause:
    """``tbl`` with its encrypted columns typed as plain text, so values pass through as stored ciphertext."""
    return table(tbl.name, *[column(c.name, Text() if is_encrypted(c) else c.type) for c in tbl.columns])
