"""Signed checkpoints of the audit chain's head, for operators to keep away from the server.

A checkpoint (``pathways audit checkpoint``) records the chain's head: how many events,
the newest one's id and hash, the time, and the data key it was signed with. It is signed
with Ed25519 under a key derived from that data key (HKDF, purpose ``audit-checkpoint``),
and carries the public half, so anyone can check the file with the public key alone,
without the data keys that decrypt people's records, and nobody who only holds
checkpoints or the public key can make one.

What a checkpoint proves (``pathways audit verify --checkpoint FILE``): every event up to
its head is still in the chain, unchanged and in order, and none was added among them.
The head's hash commits to every event before it, so this holds even against someone who
holds the key ring and the database: they could re-key a rewritten chain, but not make it
end in the same hash.

What it does not prove: anything about events after the newest checkpoint. Someone who
can write the database can cut off the events written since, and someone who also holds
the key ring can change, delete or invent them (or sign a new checkpoint of their own),
so the proof is only as recent as the last checkpoint kept out of their reach, and only
as good as the place it is kept. Restoring an older backup also cuts the chain back, and
later checkpoints then fail: take a new one after a restore.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import json
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from web.infra import audit
from web.storage.crypto import KeyRing, active_keyring
from web.storage.schema import AuditEvent

FORMAT = "pathways-audit-checkpoint/1"
SIGNING_PURPOSE = "audit-checkpoint"


class CheckpointError(Exception):
    """A checkpoint cannot be made, read or trusted."""


@dataclass(frozen=True)
class Checkpoint:
    """The signed head of the audit chain at one moment."""

    head: audit.ChainHead
    at: str
    key_id: str
    public_key: str
    signature: str = ""

    def signed_bytes(self) -> bytes:
        """The exact bytes the signature covers (canonical JSON of every field but the signature)."""
        body = {
            "format": FORMAT,
            "events": self.head.events,
            "last_id": self.head.last_id,
            "last_hash": self.head.last_hash,
            "at": self.at,
            "key_id": self.key_id,
            "public_key": self.public_key,
        }
        return json.dumps(body, sort_keys=True, separators=(",", ":")).encode()

    def signature_holds(self) -> bool:
        """True if the signature matches the file's own public key (compare it with the one you keep)."""
        try:
            key = Ed25519PublicKey.from_public_bytes(base64.b64decode(self.public_key, validate=True))
            key.verify(base64.b64decode(self.signature, validate=True), self.signed_bytes())
        except (InvalidSignature, ValueError):
            return False
        return True

    def to_json(self) -> str:
        """The checkpoint file's text."""
        return json.dumps({**json.loads(self.signed_bytes()), "signature": self.signature}, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Checkpoint:
        """Read a checkpoint file; a malformed one raises :class:`CheckpointError`."""
        try:
            data = json.loads(text)
            if data["format"] != FORMAT:
                raise CheckpointError(f"This is not a Pathways audit checkpoint (format {data['format']!r}).")
            head = audit.ChainHead(int(data["events"]), int(data["last_id"]), str(data["last_hash"]))
            signed = (str(data["at"]), str(data["key_id"]), str(data["public_key"]))
            return cls(head, *signed, str(data["signature"]))
        except (ValueError, KeyError, TypeError) as exc:
            raise CheckpointError("The checkpoint file is malformed; use the file pathways wrote.") from exc


def _signing_key(ring: KeyRing, key_id: str) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(ring.derived_key(key_id, SIGNING_PURPOSE))


def public_key(ring: KeyRing, key_id: str) -> str:
    """The checkpoint public key of data key ``key_id``, base64 (as checkpoint files carry it)."""
    raw = _signing_key(ring, key_id).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def take(db: Session, ring: KeyRing | None = None) -> Checkpoint:
    """Check the chain, append an ``audit_checkpoint`` event and sign the head (that event).

    The caller commits. A broken chain is refused: a checkpoint must not vouch for it.
    """
    ring = ring or active_keyring()
    report = audit.verify(db, ring=ring)
    if not report.ok:
        raise CheckpointError(
            f"The audit log is broken at event {report.first_bad_id} ({report.problem}); "
            "no checkpoint was made. Keep this database as evidence."
        )
    event = audit.record(db, "audit_checkpoint", object_type="audit_chain")
    events = db.execute(select(func.count()).select_from(AuditEvent)).scalar_one()  # under the chain's lock
    unsigned = Checkpoint(
        audit.ChainHead(events, event.id, event.hash),
        dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        ring.current,
        public_key(ring, ring.current),
    )
    signature = _signing_key(ring, ring.current).sign(unsigned.signed_bytes())
    return dataclasses.replace(unsigned, signature=base64.b64encode(signature).decode())


def check(checkpoint: Checkpoint, ring: KeyRing | None = None) -> audit.ChainHead:
    """The checkpoint's head, once its signature holds under this instance's key ring."""
    ring = ring or active_keyring()
    if checkpoint.key_id not in ring.keys:
        raise CheckpointError(
            f"The checkpoint was signed with data key {checkpoint.key_id!r}, which is not in the key ring; "
            "restore that key to check it."
        )
    if checkpoint.public_key != public_key(ring, checkpoint.key_id) or not checkpoint.signature_holds():
        raise CheckpointError(
            "The checkpoint's signature does not hold under this instance's keys: "
            "the file was changed, or it belongs to another instance."
        )
    return checkpoint.head
