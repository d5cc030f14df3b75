"""proposal paths and dates: each step the day it happened; jobs and programmes on their own paths

Create Date: 2026-12-05 16:00:00

Every step of a proposal (``proposal_events``) gets ``happened_on``, the day it happened, which
the counsellor or employer now gives (``at`` stays the moment it was recorded). Existing steps
get the day they were recorded (UTC), the best that is known.

Jobs (vacancies) and programmes now follow different paths (``web.placements.pipeline.PATHS``).
Until now a vacancy could be moved through a placement, and a programme through an offer. A
proposal standing on a step its path no longer has is moved, by a step recorded here (no user,
no reason, on the day of its last step, so its history says what happened), to where its path
continues: a vacancy proposal at "placement started" or "placement completed" to "introduced",
one at "placement ended early" to "withdrawn" (closed as before); a programme proposal at
"job offered" to "interview" (its next step is then "started the job", or "no offer", or "offer
declined"). Steps recorded before keep their place in the history.

Downgrade removes those steps, puts such proposals back where they stood, and drops
``happened_on``.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0008"

#: (is a programme, state) -> where the proposal's own path continues
MOVES = {
    (False, "placement_started"): "introduced",
    (False, "placement_completed"): "introduced",
    (False, "ended_early"): "withdrawn",
    (True, "offer"): "interview",
}

proposals = sa.table(
    "placement_proposals",
    sa.column("id", sa.Integer),
    sa.column("programme_id", sa.Integer),
    sa.column("state", sa.String),
)
events = sa.table(
    "proposal_events",
    sa.column("id", sa.Integer),
    sa.column("proposal_id", sa.Integer),
    sa.column("from_state", sa.String),
    sa.column("to_state", sa.String),
    sa.column("happened_on", sa.Date),
    sa.column("at", sa.DateTime(timezone=True)),
    sa.column("by_user_id", sa.Integer),
    sa.column("reason", sa.Text),
)


def _day(moment: dt.datetime) -> dt.date:
    """The UTC day of a stored moment (SQLite hands back naive UTC)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC)
    return moment.date()


def upgrade() -> None:
    with op.batch_alter_table("proposal_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("happened_on", sa.Date(), nullable=True))
    conn = op.get_bind()
    for event_id, at in conn.execute(sa.select(events.c.id, events.c.at)).all():
        conn.execute(events.update().where(events.c.id == event_id).values(happened_on=_day(at)))
    with op.batch_alter_table("proposal_events", schema=None) as batch_op:
        batch_op.alter_column("happened_on", existing_type=sa.Date(), nullable=False)
    now = dt.datetime.now(dt.UTC)
    rows = conn.execute(sa.select(proposals.c.id, proposals.c.programme_id, proposals.c.state)).all()
    for proposal_id, programme_id, state in rows:
        target = MOVES.get((programme_id is not None, state))
        if target is None:
            continue
        last = conn.execute(
            sa.select(sa.func.max(events.c.happened_on)).where(events.c.proposal_id == proposal_id)
        ).scalar()
        conn.execute(
            events.insert().values(
                proposal_id=proposal_id,
                from_state=state,
                to_state=target,
                happened_on=last or now.date(),
                at=now,
                by_user_id=None,
                reason=None,
            )
        )
        conn.execute(proposals.update().where(proposals.c.id == proposal_id).values(state=target))


def downgrade() -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.select(proposals.c.id, proposals.c.programme_id, proposals.c.state)).all()
    for proposal_id, programme_id, state in rows:
        last = conn.execute(
            sa.select(events.c.id, events.c.from_state, events.c.to_state, events.c.by_user_id)
            .where(events.c.proposal_id == proposal_id)
            .order_by(events.c.id.desc())
            .limit(1)
        ).first()
        if last is None or last.by_user_id is not None or last.to_state != state:
            continue
        if MOVES.get((programme_id is not None, last.from_state)) != state:
            continue
        conn.execute(events.delete().where(events.c.id == last.id))
        conn.execute(proposals.update().where(proposals.c.id == proposal_id).values(state=last.from_state))
    with op.batch_alter_table("proposal_events", schema=None) as batch_op:
        batch_op.drop_column("happened_on")
