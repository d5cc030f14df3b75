"""disclosures: what a person shares with one employer for one introduction; fields of the share consent

Create Date: 2026-12-01 10:00:00

Before, a proposal kept ``shared_fields`` and an employer saw them whenever the person's one
``share_with_employers`` consent was in force: after a withdrawn proposal, for ever, and again
after any later consent. Now each introduction has its own disclosure, which ends when the
proposal closes or the consent it relied on is withdrawn.

Existing data: an open introduction (introduced or later, not closed) whose person has a
``share_with_employers`` consent in force becomes a disclosure of the fields it shows today,
granted when (and by whom) it was introduced, under that consent. Closed proposals, proposals
not yet introduced and introductions without consent in force get none: they show nothing
today. The share consent's fields are every shareable field (what it allowed until now).

Downgrade puts ``shared_fields`` back from the disclosures still in force (an ended disclosure
gives ``[]``, so the old code cannot show it again) and drops the new table and column.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0005b"

SHAREABLE_FIELDS = ["pseudonym", "skills_text", "work_history", "interests_text"]
#: Terminal states of web.placements.pipeline.TRANSITIONS when this migration was written.
CLOSED = ("employed_12_months", "ended_early", "no_offer", "offer_declined", "left_job", "withdrawn")
NOT_INTRODUCED = ("proposed", "person_agreed")

consents = sa.table(
    "consents",
    sa.column("id", sa.Integer),
    sa.column("person_id", sa.Integer),
    sa.column("purpose", sa.String),
    sa.column("granted_at", sa.DateTime(timezone=True)),
    sa.column("withdrawn_at", sa.DateTime(timezone=True)),
    sa.column("fields", sa.JSON),
)
proposals = sa.table(
    "placement_proposals",
    sa.column("id", sa.Integer),
    sa.column("person_id", sa.Integer),
    sa.column("programme_id", sa.Integer),
    sa.column("vacancy_id", sa.Integer),
    sa.column("state", sa.String),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("created_by_id", sa.Integer),
    sa.column("shared_fields", sa.JSON),
)
events = sa.table(
    "proposal_events",
    sa.column("id", sa.Integer),
    sa.column("proposal_id", sa.Integer),
    sa.column("to_state", sa.String),
    sa.column("at", sa.DateTime(timezone=True)),
    sa.column("by_user_id", sa.Integer),
)
programmes = sa.table(
    "placement_programmes", sa.column("id", sa.Integer), sa.column("employer_id", sa.Integer)
)
vacancies = sa.table("vacancies", sa.column("id", sa.Integer), sa.column("employer_id", sa.Integer))
disclosures = sa.table(
    "disclosures",
    sa.column("id", sa.Integer),
    sa.column("person_id", sa.Integer),
    sa.column("proposal_id", sa.Integer),
    sa.column("employer_id", sa.Integer),
    sa.column("consent_id", sa.Integer),
    sa.column("fields", sa.JSON),
    sa.column("granted_at", sa.DateTime(timezone=True)),
    sa.column("granted_by_id", sa.Integer),
    sa.column("ended_at", sa.DateTime(timezone=True)),
    sa.column("end_reason", sa.String),
)


def upgrade() -> None:
    op.create_table(
        "disclosures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("employer_id", sa.Integer(), nullable=False),
        sa.Column("consent_id", sa.Integer(), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("granted_by_id", sa.Integer(), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_by_id", sa.Integer(), nullable=True),
        sa.Column("end_reason", sa.String(length=30), nullable=True),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["proposal_id"], ["placement_proposals.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["employer_id"], ["organisations.id"]),
        sa.ForeignKeyConstraint(["consent_id"], ["consents.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["granted_by_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["ended_by_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("disclosures", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_disclosures_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_disclosures_proposal_id"), ["proposal_id"], unique=False)
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("fields", sa.JSON(), nullable=True))
    conn = op.get_bind()
    conn.execute(
        consents.update().where(consents.c.purpose == "share_with_employers").values(fields=SHAREABLE_FIELDS)
    )
    made = [_disclosure(conn, proposal) for proposal in conn.execute(_open_introductions()).mappings()]
    rows = [row for row in made if row is not None]
    if rows:
        conn.execute(disclosures.insert(), rows)
    with op.batch_alter_table("placement_proposals", schema=None) as batch_op:
        batch_op.drop_column("shared_fields")


def _open_introductions() -> sa.Select:
    employer = sa.func.coalesce(programmes.c.employer_id, vacancies.c.employer_id)
    return (
        sa.select(proposals, employer.label("employer_id"))
        .outerjoin(programmes, proposals.c.programme_id == programmes.c.id)
        .outerjoin(vacancies, proposals.c.vacancy_id == vacancies.c.id)
        .where(proposals.c.state.not_in(CLOSED + NOT_INTRODUCED))
        .order_by(proposals.c.id)
    )


def _disclosure(conn: sa.Connection, proposal: sa.RowMapping) -> dict[str, object] | None:
    fields = [f for f in SHAREABLE_FIELDS if f in (proposal["shared_fields"] or [])]
    consent = conn.execute(
        sa.select(consents.c.id)
        .where(
            consents.c.person_id == proposal["person_id"],
            consents.c.purpose == "share_with_employers",
            consents.c.withdrawn_at.is_(None),
        )
        .order_by(consents.c.granted_at.desc(), consents.c.id.desc())
        .limit(1)
    ).scalar()
    if not fields or consent is None or proposal["employer_id"] is None:
        return None
    introduced = conn.execute(
        sa.select(events.c.at, events.c.by_user_id)
        .where(events.c.proposal_id == proposal["id"], events.c.to_state == "introduced")
        .order_by(events.c.at.desc(), events.c.id.desc())
        .limit(1)
    ).first()
    at = introduced.at if introduced is not None else proposal["created_at"]
    return {
        "person_id": proposal["person_id"],
        "proposal_id": proposal["id"],
        "employer_id": proposal["employer_id"],
        "consent_id": consent,
        "fields": fields,
        "granted_at": at,
        "granted_by_id": introduced.by_user_id if introduced is not None else proposal["created_by_id"],
        "ended_at": None,
        "end_reason": None,
    }


def downgrade() -> None:
    with op.batch_alter_table("placement_proposals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("shared_fields", sa.JSON(), nullable=True))
    conn = op.get_bind()
    conn.execute(proposals.update().values(shared_fields=[]))
    in_force = (
        sa.select(disclosures.c.proposal_id, disclosures.c.fields)
        .join(consents, disclosures.c.consent_id == consents.c.id)
        .join(proposals, disclosures.c.proposal_id == proposals.c.id)
        .where(
            disclosures.c.ended_at.is_(None),
            consents.c.withdrawn_at.is_(None),
            proposals.c.state.not_in(CLOSED),
        )
        .order_by(disclosures.c.granted_at, disclosures.c.id)
    )
    for proposal_id, fields in conn.execute(in_force).all():
        conn.execute(proposals.update().where(proposals.c.id == proposal_id).values(shared_fields=fields))
    with op.batch_alter_table("placement_proposals", schema=None) as batch_op:
        batch_op.alter_column("shared_fields", existing_type=sa.JSON(), nullable=False)
    with op.batch_alter_table("disclosures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_disclosures_proposal_id"))
        batch_op.drop_index(batch_op.f("ix_disclosures_person_id"))
    op.drop_table("disclosures")
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.drop_column("fields")
