"""prepared data: phrase vectors, people's encrypted vectors and ESCO grounding, cached match results

Create Date: 2026-11-30 01:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0006b"

POSTINGS = ("vacancies", "placement_programmes")


def upgrade() -> None:
    for name in POSTINGS:
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column(
                    "updated_at",
                    sa.DateTime(timezone=True),
                    server_default=sa.func.current_timestamp(),
                    nullable=False,
                )
            )
            batch_op.add_column(sa.Column("vectors_digest", sa.String(length=64), nullable=True))
            batch_op.add_column(sa.Column("esco", sa.JSON(), nullable=True))
            batch_op.add_column(sa.Column("esco_digest", sa.String(length=64), nullable=True))
    op.create_table(
        "phrase_vectors",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "prepared_people",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("vectors", sa.Text(), nullable=True),  # EncryptedJSON: ciphertext only
        sa.Column("esco", sa.Text(), nullable=True),  # EncryptedJSON: ciphertext only
        sa.Column("esco_digest", sa.String(length=64), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("person_id"),
    )
    op.create_table(
        "match_results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("person_digest", sa.String(length=64), nullable=False),
        sa.Column("reach_digest", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),  # EncryptedJSON: ciphertext only
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("person_id", "key"),
    )
    with op.batch_alter_table("match_results", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_match_results_person_id"), ["person_id"], unique=False)
    op.create_table(
        "esco_labels",
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )


def downgrade() -> None:
    op.drop_table("esco_labels")
    with op.batch_alter_table("match_results", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_match_results_person_id"))
    op.drop_table("match_results")
    op.drop_table("prepared_people")
    op.drop_table("phrase_vectors")
    for name in POSTINGS:
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.drop_column("esco_digest")
            batch_op.drop_column("esco")
            batch_op.drop_column("vectors_digest")
            batch_op.drop_column("updated_at")
