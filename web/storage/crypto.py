"""Encryption at rest for personal fields: AES-256-GCM with a key ring.

Keys come from the ``PATHWAYS_DATA_KEYS`` environment variable or the instance file
``instance/data-keys.json`` (created on first use, never committed). Each ciphertext
names the key that made it, so keys can be rotated: the newest key encrypts, every
key in the ring can still decrypt, and ``pathways keys rotate`` re-encrypts old rows.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import Text
from sqlalchemy.types import TypeDecorator

PREFIX = "enc1"
BLIND_PREFIX = "bi1"
ENV_KEYS = "PATHWAYS_DATA_KEYS"


class DataKeyError(Exception):
    """A key is missing, malformed, or cannot decrypt a stored value."""


@dataclass(frozen=True)
class KeyRing:
    """Data keys by id; ``current`` encrypts, all decrypt."""

    keys: dict[str, bytes]
    current: str

    def encrypt(self, plaintext: str) -> str:
        """Encrypt text; the result names the key used."""
        nonce = secrets.token_bytes(12)
        sealed = AESGCM(self.keys[self.current]).encrypt(nonce, plaintext.encode("utf-8"), PREFIX.encode())
        return f"{PREFIX}:{self.current}:{base64.urlsafe_b64encode(nonce + sealed).decode()}"

    def decrypt(self, stored: str) -> str:
        """Decrypt a value made by :meth:`encrypt` with any key of the ring."""
        try:
            prefix, key_id, payload = stored.split(":", 2)
        except ValueError as exc:
            raise DataKeyError("A stored personal field is not in the encrypted format.") from exc
        if prefix != PREFIX:
            raise DataKeyError("A stored personal field is not in the encrypted format.")
        if key_id not in self.keys:
            raise DataKeyError(f"Data key {key_id!r} is not in the key ring; restore it to read this data.")
        raw = base64.urlsafe_b64decode(payload)
        try:
            plain = AESGCM(self.keys[key_id]).decrypt(raw[:12], raw[12:], PREFIX.encode())
        except InvalidTag as exc:
            raise DataKeyError(
                "A stored personal field failed its integrity check (wrong key or tampering)."
            ) from exc
        return plain.decode("utf-8")

    def derived_key(self, key_id: str, purpose: str) -> bytes:
        """A 32-byte key for one ``purpose``, derived from data key ``key_id`` (HKDF-SHA256).

        The audit chain, its checkpoints and the blind indexes each get their own key, so
        none of them uses the encryption key itself, and each rotates with the data keys.

        Examples
        --------
        >>> ring = KeyRing.generate()
        >>> len(ring.derived_key(ring.current, "audit-chain"))
        32
        >>> ring.derived_key(ring.current, "audit-chain") == ring.derived_key(ring.current, "blind-index")
        False
        """
        if key_id not in self.keys:
            raise DataKeyError(f"Data key {key_id!r} is not in the key ring; restore it from your backup.")
        return _hkdf(self.keys[key_id], purpose)

    def blind_index(self, *parts: str, key_id: str | None = None) -> str:
        """A keyed digest of ``parts`` for finding and uniquing an encrypted value (default: current key).

        Equal inputs give equal digests under one key, so a unique constraint and an equality
        search work on it; without the key ring it cannot be recomputed from a guessed value.
        The digest names its key, like a ciphertext, so rotation can recompute it.

        Examples
        --------
        >>> ring = KeyRing.generate()
        >>> ring.blind_index("7", "kamala-g") == ring.blind_index("7", "kamala-g")
        True
        >>> ring.blind_index("7", "kamala-g") == ring.blind_index("8", "kamala-g")
        False
        """
        key_id = key_id or self.current
        key = self.derived_key(key_id, "blind-index")
        digest = hmac.new(key, "\x00".join(parts).encode("utf-8"), hashlib.sha256).hexdigest()
        return f"{BLIND_PREFIX}:{key_id}:{digest}"

    def blind_indexes(self, *parts: str) -> list[str]:
        """:meth:`blind_index` of ``parts`` under every key of the ring (to find rows made with any)."""
        return [self.blind_index(*parts, key_id=key_id) for key_id in self.keys]

    def key_id_of(self, stored: str) -> str:
        """Id of the key that encrypted ``stored``."""
        return stored.split(":", 2)[1]

    def derived_secret(self, purpose: str) -> bytes:
        """A secret for ``purpose`` derived from the ring's first (oldest) key: HMAC-SHA256(key, purpose).

        It stays the same when keys are added, so what it keys (the phrase caches, see
        :mod:`web.matching.vectors`) survives a rotation; it changes only if that key leaves the ring.
        """
        first = next(iter(self.keys.values()))
        return hmac.new(first, f"pathways:{purpose}".encode(), hashlib.sha256).digest()

    def with_new_key(self) -> KeyRing:
        """A ring with a fresh current key; old keys stay for decryption."""
        new_id = f"k{len(self.keys) + 1}-{secrets.token_hex(3)}"
        return KeyRing(keys={**self.keys, new_id: AESGCM.generate_key(bit_length=256)}, current=new_id)

    def to_json(self) -> str:
        """Serialise for the instance key file."""
        return json.dumps(
            {
                "current": self.current,
                "keys": {k: base64.urlsafe_b64encode(v).decode() for k, v in self.keys.items()},
            },
            indent=2,
        )

    @classmethod
    def from_json(cls, text: str) -> KeyRing:
        """Parse the instance key file format."""
        try:
            data = json.loads(text)
            keys = {k: base64.urlsafe_b64decode(v) for k, v in data["keys"].items()}
            ring = cls(keys=keys, current=str(data["current"]))
        except (ValueError, KeyError, TypeError) as exc:
            raise DataKeyError("The data key file is malformed; restore it from your backup.") from exc
        if ring.current not in keys or any(len(v) != 32 for v in keys.values()):
            raise DataKeyError("The data key file must name its current key and hold 32-byte keys.")
        return ring

    @classmethod
    def generate(cls) -> KeyRing:
        """A new ring with one key."""
        return cls(keys={}, current="").with_new_key()


@functools.lru_cache(maxsize=64)
def _hkdf(key: bytes, purpose: str) -> bytes:
    """HKDF-SHA256 of ``key`` for ``purpose``; kept, as each audit event and lookup needs one."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=f"pathways:{purpose}".encode())
    return hkdf.derive(key)


def load_keyring(instance_path: str | Path) -> KeyRing:
    """Key ring from ``PATHWAYS_DATA_KEYS`` (JSON as in the key file) or the instance key file.

    A new instance gets a fresh key file, readable only by its owner.
    """
    env = os.environ.get(ENV_KEYS)
    if env:
        return KeyRing.from_json(env)
    path = Path(instance_path) / "data-keys.json"
    if path.is_file():
        return KeyRing.from_json(path.read_text())
    ring = KeyRing.generate()
    save_keyring(ring, instance_path)
    return ring


def save_keyring(ring: KeyRing, instance_path: str | Path) -> Path:
    """Write the key file atomically with owner-only permissions."""
    path = Path(instance_path) / "data-keys.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(ring.to_json())
    os.replace(tmp, path)
    return path


_ACTIVE: dict[str, KeyRing] = {}


def install_keyring(ring: KeyRing) -> None:
    """Make ``ring`` the one the encrypted column types use in this process."""
    _ACTIVE["ring"] = ring


def active_keyring() -> KeyRing:
    """The installed key ring."""
    ring = _ACTIVE.get("ring")
    if ring is None:
        raise DataKeyError("No data key ring is installed; create the app with web.create_app().")
    return ring


class EncryptedText(TypeDecorator[str]):
    """A text column stored encrypted; ``None`` stays ``NULL``."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Any) -> str | None:
        """Encrypt on the way in."""
        return None if value is None else active_keyring().encrypt(str(value))

    def process_result_value(self, value: str | None, dialect: Any) -> str | None:
        """Decrypt on the way out."""
        return None if value is None else active_keyring().decrypt(value)


class EncryptedDecimal(TypeDecorator[Decimal]):
    """A decimal amount stored encrypted, rounded to ``places`` decimals as ``Numeric(12, places)`` was."""

    impl = Text
    cache_ok = True

    def __init__(self, places: int = 2) -> None:
        super().__init__()
        self.places = places

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        """Round and encrypt."""
        if value is None:
            return None
        amount = Decimal(str(value)).quantize(Decimal(1).scaleb(-self.places))
        return active_keyring().encrypt(str(amount))

    def process_result_value(self, value: str | None, dialect: Any) -> Decimal | None:
        """Decrypt."""
        return None if value is None else Decimal(active_keyring().decrypt(value))


class EncryptedJSON(TypeDecorator[Any]):
    """Any JSON-serialisable value stored encrypted."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        """Serialise and encrypt."""
        return None if value is None else active_keyring().encrypt(json.dumps(value, sort_keys=True))

    def process_result_value(self, value: str | None, dialect: Any) -> Any:
        """Decrypt and parse."""
        return None if value is None else json.loads(active_keyring().decrypt(value))
