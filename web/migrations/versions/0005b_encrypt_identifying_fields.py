"""encrypt what identifies people: account display names, member references, members' savings and loans

``users.display_name`` (a member's may be their caseload pseudonym), ``coop_members.ref``
(often a name, ``kamala-g``) and ``coop_savings.saved/loan_taken/loan_repaid`` become
ciphertext like the other personal fields. A member reference stays unique per
cooperative, and findable, through a keyed blind index (``coop_members.ref_index``).
Needs the data key ring when rows exist (``web.create_app`` installs it; ``pathways
init-db`` runs this). Values already encrypted are left alone, so a rerun is harmless.

The clear values must not linger in old row versions or free pages. On PostgreSQL each
table is rewritten once its values are encrypted (an ``ALTER COLUMN ... TYPE`` with a
``USING`` expression copies only the current rows; ``VACUUM FULL`` would keep old versions
that a transaction open elsewhere might still see). On SQLite, :func:`web.storage.upgrade`
runs ``VACUUM`` afterwards (secure delete, which Pathways turns on, may be missing from an
SQLite build or turned off). On SQLite, tables are rebuilt to change column types with
foreign keys off for this migration (``migrations/env.py`` turns them on again).

Create Date: 2026-12-05 11:00:00
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import sqlalchemy as sa
from alembic import op

from web.storage.crypto import PREFIX, active_keyring

revision = "0005b"
down_revision = "0005"

AMOUNTS = ("saved", "loan_taken", "loan_repaid")
OLD_MEMBER_UNIQUE = "coop_members_cooperative_id_ref_key"  # PostgreSQL's name for 0001's unnamed one
MEMBER_UNIQUE = "uq_coop_members_ref_index"


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def _old_member_unique() -> str:
    """The name of the unique (cooperative_id, ref) constraint, however it was made."""
    for found in sa.inspect(op.get_bind()).get_unique_constraints("coop_members"):
        if found["column_names"] == ["cooperative_id", "ref"] and found["name"]:
            return str(found["name"])
    return "uq_coop_members_cooperative_id"  # SQLite's unnamed one, as the batch's naming convention calls it


def _foreign_keys_off_on_sqlite() -> None:
    """Rebuilding a table that others reference needs foreign keys off (SQLite's 12-step ALTER)."""
    if _sqlite():
        with op.get_context().autocommit_block():
            op.execute("PRAGMA foreign_keys=OFF")


Row = dict[str, object]


def _rewrite(table: str, columns: tuple[str, ...], change: Callable[[Row], Row]) -> None:
    """Apply ``change`` to every row of ``table`` (``id`` and ``columns`` read as text)."""
    bind = op.get_bind()
    raw = sa.table(table, sa.column("id", sa.Integer()), *[sa.column(c, sa.Text()) for c in columns])
    rows = bind.execute(sa.select(raw)).mappings().all()
    for row in rows:
        values = change(dict(row))
        if values:
            bind.execute(sa.update(raw).where(raw.c.id == row["id"]).values(**values))


def _drop_old_versions(table: str, column: str) -> None:
    """Rewrite a PostgreSQL table so only its current rows remain (SQLite: :func:`web.storage.upgrade`)."""
    if _sqlite():
        config = op.get_context().config
        if config is None:  # only web.storage.upgrade vacuums, so no plain copy stays in free pages
            raise RuntimeError("Run this migration through web.storage.upgrade, which vacuums SQLite.")
        config.attributes["vacuum_sqlite"] = True
    else:
        op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE text USING {column} || ''")


def _seal(value: object) -> object:
    if value is None or str(value).startswith(f"{PREFIX}:"):
        return value
    return active_keyring().encrypt(str(value))


def _open(value: object) -> object:
    text = str(value)
    return active_keyring().decrypt(text) if value is not None and text.startswith(f"{PREFIX}:") else value


def _amount(value: object) -> str:
    return str(Decimal(str(value)).quantize(Decimal("0.01")))


def upgrade() -> None:
    _foreign_keys_off_on_sqlite()
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.alter_column("display_name", existing_type=sa.String(length=120), type_=sa.Text())
    _rewrite("users", ("display_name",), lambda r: {"display_name": _seal(r["display_name"])})
    _drop_old_versions("users", "display_name")

    with op.batch_alter_table("coop_members", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ref_index", sa.String(length=160), nullable=True))
        batch_op.alter_column("ref", existing_type=sa.String(length=64), type_=sa.Text())

    def member(row: Row) -> Row:
        ref = str(_open(row["ref"]))
        return {"ref": _seal(ref), "ref_index": active_keyring().blind_index(str(row["cooperative_id"]), ref)}

    _rewrite("coop_members", ("cooperative_id", "ref", "ref_index"), member)
    naming = {"uq": "uq_%(table_name)s_%(column_0_name)s"}  # names SQLite's unnamed constraint
    with op.batch_alter_table("coop_members", schema=None, naming_convention=naming) as batch_op:
        batch_op.alter_column("ref_index", existing_type=sa.String(length=160), nullable=False)
        batch_op.drop_constraint(_old_member_unique(), type_="unique")
        batch_op.create_unique_constraint(MEMBER_UNIQUE, ["cooperative_id", "ref_index"])
    _drop_old_versions("coop_members", "ref")

    with op.batch_alter_table("coop_savings", schema=None) as batch_op:
        for name in AMOUNTS:
            batch_op.alter_column(name, existing_type=sa.Numeric(precision=12, scale=2), type_=sa.Text())
    _rewrite(
        "coop_savings",
        AMOUNTS,
        lambda r: {n: r[n] if str(r[n]).startswith(f"{PREFIX}:") else _seal(_amount(r[n])) for n in AMOUNTS},
    )
    _drop_old_versions("coop_savings", "saved")


def downgrade() -> None:
    _foreign_keys_off_on_sqlite()
    _rewrite("coop_savings", AMOUNTS, lambda r: {n: _open(r[n]) for n in AMOUNTS})
    with op.batch_alter_table("coop_savings", schema=None) as batch_op:
        for name in AMOUNTS:
            batch_op.alter_column(
                name,
                existing_type=sa.Text(),
                type_=sa.Numeric(precision=12, scale=2),
                postgresql_using=f"{name}::numeric(12, 2)",
            )

    _rewrite("coop_members", ("ref",), lambda r: {"ref": _open(r["ref"])})
    with op.batch_alter_table("coop_members", schema=None) as batch_op:
        batch_op.drop_constraint(MEMBER_UNIQUE, type_="unique")
        batch_op.drop_column("ref_index")
        batch_op.alter_column("ref", existing_type=sa.Text(), type_=sa.String(length=64))
        batch_op.create_unique_constraint(OLD_MEMBER_UNIQUE, ["cooperative_id", "ref"])

    _rewrite("users", ("display_name",), lambda r: {"display_name": _open(r["display_name"])})
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.alter_column("display_name", existing_type=sa.Text(), type_=sa.String(length=120))
