"""cooperative books: each cooperative's constitution and its entries, one row per entry (issue 17)

Create Date: 2026-12-05 04:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"


def upgrade() -> None:
    op.create_table(
        "coop_books",
        sa.Column("cooperative_id", sa.Integer(), nullable=False),
        sa.Column("constitution", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["cooperative_id"], ["cooperatives.id"]),
        sa.PrimaryKeyConstraint("cooperative_id"),
    )
    op.create_table(
        "book_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cooperative_id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Text(), nullable=False),  # EncryptedText: it names the member
        sa.Column("entry_index", sa.String(length=160), nullable=False),  # its keyed blind index
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),  # EncryptedJSON: ciphertext only
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["cooperative_id"], ["cooperatives.id"]),
        sa.ForeignKeyConstraint(["recorded_by_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("cooperative_id", "entry_index", name="uq_book_entries_entry_index"),
    )
    op.create_index("ix_book_entries_cooperative_id", "book_entries", ["cooperative_id"])


def downgrade() -> None:
    op.drop_index("ix_book_entries_cooperative_id", table_name="book_entries")
    op.drop_table("book_entries")
    op.drop_table("coop_books")
