"""keyed audit chain: each event's link an HMAC under a data-derived key named in ``key_id``

Events already in the log keep their plain SHA-256 links; a keyed marker event
(``audit_chain_keyed``, its object id the number of those events) is appended after them,
so its keyed hash anchors them. Needs the data key ring (``web.create_app`` installs it;
``pathways init-db`` runs this). The downgrade first checks the whole chain, refusing a
broken one, then turns every keyed link back into a plain SHA-256 link.

Create Date: 2026-12-05 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from web.infra.audit import GENESIS, KEYED_START, AuditChainError, keyed_digest, legacy_digest
from web.storage.crypto import active_keyring
from web.storage.schema import utcnow

revision = "0005"
down_revision = "0004"

EVENTS = sa.table(
    "audit_events",
    sa.column("id", sa.Integer()),
    sa.column("at", sa.DateTime(timezone=True)),
    sa.column("actor_id", sa.Integer()),
    sa.column("action", sa.String()),
    sa.column("object_type", sa.String()),
    sa.column("object_id", sa.String()),
    sa.column("outcome", sa.String()),
    sa.column("prev_hash", sa.String()),
    sa.column("hash", sa.String()),
    sa.column("key_id", sa.String()),
)
FIELDS = ("at", "actor_id", "action", "object_type", "object_id", "outcome")


def upgrade() -> None:
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("key_id", sa.String(length=64), nullable=True))
    bind = op.get_bind()
    count = bind.execute(sa.select(sa.func.count()).select_from(EVENTS)).scalar_one()
    if not count:
        return
    ring = active_keyring()
    last = bind.execute(sa.select(EVENTS.c.hash).order_by(EVENTS.c.id.desc()).limit(1)).scalar_one()
    at, object_id = utcnow(), str(count)
    digest = keyed_digest(ring, ring.current, last, at, None, KEYED_START, "audit_chain", object_id, "ok")
    marker = {
        "at": at,
        "actor_id": None,
        "action": KEYED_START,
        "object_type": "audit_chain",
        "object_id": object_id,
        "outcome": "ok",
    }
    bind.execute(sa.insert(EVENTS).values(**marker, prev_hash=last, hash=digest, key_id=ring.current))


def downgrade() -> None:
    bind = op.get_bind()
    prev = GENESIS
    relinked = []
    for row in bind.execute(sa.select(EVENTS).order_by(EVENTS.c.id)).mappings():
        fields = [row[name] for name in FIELDS]
        expected = (
            legacy_digest(row["prev_hash"], *fields)
            if row["key_id"] is None
            else keyed_digest(active_keyring(), row["key_id"], row["prev_hash"], *fields)
        )
        if row["prev_hash"] != prev or row["hash"] != expected:
            raise AuditChainError(
                f"The audit chain is broken at event {row['id']}; nothing was changed. "
                "Run pathways audit verify and keep this database as evidence."
            )
        prev = row["hash"]
        relinked.append(row)
    prev = GENESIS
    for row in relinked:
        digest = legacy_digest(prev, *[row[name] for name in FIELDS])
        bind.execute(sa.update(EVENTS).where(EVENTS.c.id == row["id"]).values(prev_hash=prev, hash=digest))
        prev = digest
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_column("key_id")
