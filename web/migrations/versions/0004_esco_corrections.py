"""esco corrections: a counsellor's confirmed, rejected and added ESCO concepts per person

Create Date: 2026-11-28 21:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    op.create_table(
        "esco_corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("concept_uri", sa.String(length=255), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("decision", sa.String(length=12), nullable=False),
        sa.Column("source_text", sa.Text(), nullable=True),  # EncryptedText: ciphertext only
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["decided_by_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("person_id", "kind", "concept_uri"),
    )
    with op.batch_alter_table("esco_corrections", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_esco_corrections_person_id"), ["person_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("esco_corrections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_esco_corrections_person_id"))
    op.drop_table("esco_corrections")
