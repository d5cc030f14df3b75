"""Passphrase-sealed archives: scrypt key derivation and AES-256-GCM.

Layout: ``MAGIC``, a 4-byte big-endian header length, a JSON header (format, KDF
parameters and salt, nonce), then the ciphertext of the gzip-compressed payload. The
header is authenticated as associated data, so changing any byte of the file, or using
the wrong passphrase, makes opening fail.
"""

from __future__ import annotations

import base64
import gzip
import json
import secrets
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

MAGIC = b"PATHWAYS-BACKUP\n"
FORMAT = 1
#: scrypt cost: 2**15 x 8 x 128 bytes = 32 MiB of memory per derivation.
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
MIN_PASSPHRASE = 12


class BackupError(Exception):
    """A backup cannot be written, opened or restored; the message says why."""


def derive_key(
    passphrase: str, salt: bytes, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P
) -> bytes:
    """A 256-bit key from ``passphrase`` with scrypt.

    Examples
    --------
    >>> key = derive_key("correct horse battery", b"0" * 16, n=2**10)
    >>> len(key), key == derive_key("correct horse battery", b"0" * 16, n=2**10)
    (32, True)
    """
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def seal(payload: bytes, passphrase: str, *, n: int = SCRYPT_N) -> bytes:
    """Compress and encrypt ``payload`` under a key derived from ``passphrase``.

    Examples
    --------
    >>> blob = seal(b"rows", "a long passphrase", n=2**10)
    >>> blob.startswith(MAGIC), open_sealed(blob, "a long passphrase")
    (True, b'rows')
    """
    if len(passphrase) < MIN_PASSPHRASE:
        raise BackupError(f"Use a backup passphrase of at least {MIN_PASSPHRASE} characters.")
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    header = json.dumps(
        {
            "format": FORMAT,
            "cipher": "AES-256-GCM",
            "kdf": {"name": "scrypt", "n": n, "r": SCRYPT_R, "p": SCRYPT_P, "salt": _b64(salt)},
            "nonce": _b64(nonce),
        },
        sort_keys=True,
    ).encode()
    prefix = MAGIC + struct.pack(">I", len(header)) + header
    key = derive_key(passphrase, salt, n, SCRYPT_R, SCRYPT_P)
    return prefix + AESGCM(key).encrypt(nonce, gzip.compress(payload), prefix)


def open_sealed(blob: bytes, passphrase: str) -> bytes:
    """The payload of an archive made by :func:`seal`; :class:`BackupError` if it fails its check."""
    if not blob.startswith(MAGIC) or len(blob) < len(MAGIC) + 4:
        raise BackupError("This file is not a Pathways backup.")
    (length,) = struct.unpack(">I", blob[len(MAGIC) : len(MAGIC) + 4])
    end = len(MAGIC) + 4 + length
    try:
        header = json.loads(blob[len(MAGIC) + 4 : end])
        kdf = header["kdf"]
        if header["format"] != FORMAT or kdf["name"] != "scrypt":
            raise BackupError(f"Backup format {header['format']!r} is not supported by this version.")
        if not 2**10 <= int(kdf["n"]) <= 2**20 or int(kdf["r"]) > 32 or int(kdf["p"]) > 16:
            raise BackupError("The backup's key-derivation settings are out of range.")
        salt, nonce = base64.b64decode(kdf["salt"]), base64.b64decode(header["nonce"])
        key = derive_key(passphrase, salt, int(kdf["n"]), int(kdf["r"]), int(kdf["p"]))
    except (ValueError, KeyError, TypeError) as exc:
        raise BackupError("The backup's header is damaged.") from exc
    try:
        compressed = AESGCM(key).decrypt(nonce, blob[end:], blob[:end])
    except InvalidTag as exc:
        raise BackupError("Wrong passphrase, or the backup file was changed or damaged.") from exc
    return gzip.decompress(compressed)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")
