"""outcome records: what the outcome model learns from (issue 20)

Create Date: 2026-12-05 08:00:00

Each proposal keeps the match's numeric features when it was made (``features``, encrypted JSON, never a
protected attribute), the probability with which the proposing rule chose it where known
(``propensity``: null for a counsellor's free choice), the outcome model's probability and
horizon when the engine proposed it, and how the counsellor overrode the engine (``override``).
Existing proposals get nulls: what they were proposed on is not known.

``outcome_records`` holds de-identified candidate pairs to learn from (no person row, no words):
the synthetic demo history, and any history imported later.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"


def upgrade() -> None:
    with op.batch_alter_table("placement_proposals", schema=None) as batch_op:
        # EncryptedJSON: ciphertext only (distance and fits come from the person's location and wishes)
        batch_op.add_column(sa.Column("features", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("propensity", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("probability", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("horizon", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("override", sa.String(length=20), nullable=True))
    op.create_table(
        "outcome_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("case_key", sa.String(length=64), nullable=False),
        sa.Column("opening", sa.String(length=64), nullable=False),
        sa.Column("employer", sa.String(length=64), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("programme", sa.Boolean(), nullable=False),
        sa.Column("sector", sa.String(length=60), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("features", sa.JSON(), nullable=False),
        sa.Column("proposed", sa.Boolean(), nullable=False),
        sa.Column("propensity", sa.Float(), nullable=True),
        sa.Column("outcomes", sa.JSON(), nullable=False),
        sa.Column("audit", sa.Text(), nullable=True),  # EncryptedJSON: ciphertext only (protected attributes)
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_outcome_records_source", "outcome_records", ["source"])


def downgrade() -> None:
    op.drop_index("ix_outcome_records_source", table_name="outcome_records")
    op.drop_table("outcome_records")
    with op.batch_alter_table("placement_proposals", schema=None) as batch_op:
        for name in ("override", "horizon", "probability", "propensity", "features"):
            batch_op.drop_column(name)
