"""API tokens expire and carry scopes; an organisation can require two-step sign-in; its lead
approves privileged account changes (account_changes)

Create Date: 2026-12-02 12:00:00

Tokens made before this version get every scope (they had their user's full access) and expire
90 days after the upgrade, so that programs using them keep working while new ones are made.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0006b"
down_revision = "0006"

ALL_SCOPES = [
    f"{area}:{level}"
    for area in ("people", "placements", "vacancies", "cooperative")
    for level in ("read", "write")
]


def upgrade() -> None:
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.add_column(sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("scopes", sa.JSON(), nullable=True))
    tokens = sa.table(
        "api_tokens", sa.column("expires_at", sa.DateTime(timezone=True)), sa.column("scopes", sa.JSON())
    )
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=90)
    op.execute(tokens.update().values(expires_at=later, scopes=ALL_SCOPES))
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.alter_column("expires_at", existing_type=sa.DateTime(timezone=True), nullable=False)
        batch_op.alter_column("scopes", existing_type=sa.JSON(), nullable=False)
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("requires_second_factor", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("is_lead", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.create_table(
        "account_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("target_user_id", sa.Integer(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("details", sa.Text(), nullable=False),  # EncryptedJSON: ciphertext only
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["target_user_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"]),
        sa.ForeignKeyConstraint(["requested_by_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["decided_by_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("account_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_account_changes_organisation_id"), ["organisation_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("account_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_account_changes_organisation_id"))
    op.drop_table("account_changes")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("is_lead")
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.drop_column("requires_second_factor")
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.drop_column("scopes")
        batch_op.drop_column("expires_at")
