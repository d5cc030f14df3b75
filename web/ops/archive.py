"""Passphrase-sealed archives, written and read in chunks: scrypt and chunked AES-256-GCM.

Layout: ``MAGIC``, a 4-byte big-endian header length, a JSON header (format, KDF
parameters and salt, nonce prefix, chunk size), then a sequence of sealed chunks. The
payload is gzip-compressed, cut into chunks of ``chunk_size`` bytes, and each chunk is
sealed with AES-256-GCM (the STREAM construction of Hoang, Reyhanitabar, Rogaway and
Vizár): the nonce is the 7-byte random prefix, a 4-byte chunk counter and a 1-byte
final-chunk flag, and the whole header is associated data of every chunk. Every chunk
but the last holds exactly ``chunk_size`` bytes; the last holds fewer (possibly none) and
carries the final flag. So a changed byte, a wrong passphrase, chunks swapped, dropped or
repeated, a file cut short or with bytes added after its end all make opening fail,
while writing and reading hold one chunk at a time.
"""

from __future__ import annotations

import base64
import gzip
import io
import json
import secrets
import struct
import zlib
from typing import IO, Any, cast

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

MAGIC = b"PATHWAYS-BACKUP\n"
FORMAT = 2
#: scrypt cost: 2**15 x 8 x 128 bytes = 32 MiB of memory per derivation.
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
MIN_PASSPHRASE = 12
#: Plaintext bytes per sealed chunk; a reader accepts any size in ``CHUNK_LIMITS``.
CHUNK_SIZE = 64 * 1024
CHUNK_LIMITS = (16, 16 * 1024 * 1024)
TAG = 16
MAX_HEADER = 4096


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


def _nonce(prefix: bytes, counter: int, final: bool) -> bytes:
    if counter >= 2**32:
        raise BackupError("The backup is too large for one archive (2**32 chunks).")
    return prefix + struct.pack(">I", counter) + (b"\x01" if final else b"\x00")


class SealedWriter(io.RawIOBase):
    """A writable stream that seals what it is given, chunk by chunk, into ``target``.

    :meth:`close` seals the final chunk; a writer dropped without closing leaves an
    archive that fails to open (truncated).
    """

    def __init__(
        self, target: IO[bytes], passphrase: str, *, n: int = SCRYPT_N, chunk_size: int = CHUNK_SIZE
    ) -> None:
        super().__init__()
        if len(passphrase) < MIN_PASSPHRASE:
            raise BackupError(f"Use a backup passphrase of at least {MIN_PASSPHRASE} characters.")
        salt, self._prefix = secrets.token_bytes(16), secrets.token_bytes(7)
        header = json.dumps(
            {
                "format": FORMAT,
                "cipher": "AES-256-GCM-STREAM",
                "kdf": {"name": "scrypt", "n": n, "r": SCRYPT_R, "p": SCRYPT_P, "salt": _b64(salt)},
                "nonce_prefix": _b64(self._prefix),
                "chunk_size": chunk_size,
                "compression": "gzip",
            },
            sort_keys=True,
        ).encode()
        self._aad = MAGIC + struct.pack(">I", len(header)) + header
        self._aead = AESGCM(derive_key(passphrase, salt, n, SCRYPT_R, SCRYPT_P))
        self._target, self._chunk_size = target, chunk_size
        self._buffer, self._counter = bytearray(), 0
        target.write(self._aad)

    def writable(self) -> bool:
        """Always true."""
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        """Buffer ``data``, sealing every full chunk."""
        if self.closed:
            raise ValueError("write to a closed archive")
        view = memoryview(data).cast("B")
        self._buffer += view
        while len(self._buffer) >= self._chunk_size:
            self._seal(bytes(self._buffer[: self._chunk_size]), final=False)
            del self._buffer[: self._chunk_size]
        return len(view)

    def close(self) -> None:
        """Seal the last chunk (shorter than a full one) with the final flag."""
        if not self.closed:
            self._seal(bytes(self._buffer), final=True)
            self._buffer.clear()
        super().close()

    def _seal(self, chunk: bytes, final: bool) -> None:
        nonce = _nonce(self._prefix, self._counter, final)
        self._target.write(self._aead.encrypt(nonce, chunk, self._aad))
        self._counter += 1


class SealedReader(io.RawIOBase):
    """A readable stream of the plaintext of an archive made by :class:`SealedWriter`.

    The passphrase is checked on the first chunk when the reader is made; every chunk is
    authenticated before any of its bytes are handed out, and reaching the end of
    ``source`` without a final chunk raises :class:`BackupError`.
    """

    def __init__(self, source: IO[bytes], passphrase: str) -> None:
        super().__init__()
        self._source = source
        self._aad, header = _read_header(source)
        kdf = header["kdf"]
        try:
            salt, self._prefix = base64.b64decode(kdf["salt"]), base64.b64decode(header["nonce_prefix"])
            self._chunk_size = int(header["chunk_size"])
            if len(self._prefix) != 7 or not CHUNK_LIMITS[0] <= self._chunk_size <= CHUNK_LIMITS[1]:
                raise ValueError("nonce prefix or chunk size out of range")
            key = derive_key(passphrase, salt, int(kdf["n"]), int(kdf["r"]), int(kdf["p"]))
        except (ValueError, KeyError, TypeError) as exc:
            raise BackupError("The backup's header is damaged.") from exc
        self._aead = AESGCM(key)
        self._counter, self._done = 0, False
        self._plain, self._offset = b"", 0
        self._next_chunk()

    def readable(self) -> bool:
        """Always true."""
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        """Fill ``buffer`` with plaintext, opening the next chunk when needed; 0 at the end."""
        view = memoryview(buffer).cast("B")
        while self._offset == len(self._plain) and not self._done:
            self._next_chunk()
        size = min(len(view), len(self._plain) - self._offset)
        view[:size] = self._plain[self._offset : self._offset + size]
        self._offset += size
        return size

    def _next_chunk(self) -> None:
        sealed = _read_up_to(self._source, self._chunk_size + TAG)
        final = len(sealed) < self._chunk_size + TAG
        if len(sealed) < TAG:
            raise BackupError("The backup file is cut short (its last part is missing).")
        try:
            self._plain = self._aead.decrypt(_nonce(self._prefix, self._counter, final), sealed, self._aad)
        except InvalidTag as exc:
            if self._counter == 0:
                raise BackupError("Wrong passphrase, or the backup file was changed or damaged.") from exc
            raise BackupError(
                f"The backup file was changed, damaged or cut short "
                f"(part {self._counter + 1} fails its check)."
            ) from exc
        self._counter, self._offset, self._done = self._counter + 1, 0, final


def _read_up_to(source: IO[bytes], size: int) -> bytes:
    """``size`` bytes, or fewer only at the end of ``source`` (short reads are retried)."""
    parts, wanted = [], size
    while wanted:
        part = source.read(wanted)
        if not part:
            break
        parts.append(part)
        wanted -= len(part)
    return b"".join(parts)


def _read_header(source: IO[bytes]) -> tuple[bytes, dict[str, Any]]:
    start = source.read(len(MAGIC) + 4)
    if not start.startswith(MAGIC) or len(start) < len(MAGIC) + 4:
        raise BackupError("This file is not a Pathways backup.")
    (length,) = struct.unpack(">I", start[len(MAGIC) :])
    raw = source.read(length) if length <= MAX_HEADER else b""
    try:
        header = json.loads(raw)
        kdf = header["kdf"]
        if header["format"] != FORMAT:
            raise BackupError(
                f"Backup format {header['format']!r} is not supported by this version "
                f"(it reads format {FORMAT})."
            )
        if kdf["name"] != "scrypt" or header["cipher"] != "AES-256-GCM-STREAM":
            raise BackupError("The backup's cipher or key derivation is not supported by this version.")
        if not 2**10 <= int(kdf["n"]) <= 2**20 or int(kdf["r"]) > 32 or int(kdf["p"]) > 16:
            raise BackupError("The backup's key-derivation settings are out of range.")
    except (ValueError, KeyError, TypeError) as exc:
        raise BackupError("The backup's header is damaged.") from exc
    return start + raw, header


def open_writer(
    target: IO[bytes], passphrase: str, *, n: int = SCRYPT_N, chunk_size: int = CHUNK_SIZE
) -> IO[bytes]:
    """A binary stream whose bytes are compressed and sealed into ``target``; close it to finish."""
    sealed = SealedWriter(target, passphrase, n=n, chunk_size=chunk_size)
    return cast(IO[bytes], _Compressed(sealed))  # typeshed: a GzipFile is a BufferedIOBase, not an IO


def open_reader(source: IO[bytes], passphrase: str) -> IO[bytes]:
    """A binary stream of the checked, decompressed payload of an archive in ``source``."""
    stream = gzip.GzipFile(fileobj=io.BufferedReader(SealedReader(source, passphrase)), mode="rb")
    return cast(IO[bytes], stream)  # typeshed: a GzipFile is a BufferedIOBase, not an IO


class _Compressed(gzip.GzipFile):
    """A gzip stream that closes the sealed stream beneath it (sealing the final chunk)."""

    def __init__(self, sealed: SealedWriter) -> None:
        super().__init__(fileobj=sealed, mode="wb", compresslevel=6, mtime=0)
        self._sealed = sealed

    def close(self) -> None:
        """Finish the gzip stream, then seal the final chunk."""
        try:
            super().close()
        finally:
            self._sealed.close()


def seal(payload: bytes, passphrase: str, *, n: int = SCRYPT_N, chunk_size: int = CHUNK_SIZE) -> bytes:
    """Compress and encrypt ``payload`` in memory (small payloads and tests).

    Examples
    --------
    >>> blob = seal(b"rows", "a long passphrase", n=2**10)
    >>> blob.startswith(MAGIC), open_sealed(blob, "a long passphrase")
    (True, b'rows')
    """
    out = io.BytesIO()
    with open_writer(out, passphrase, n=n, chunk_size=chunk_size) as stream:
        stream.write(payload)
    return out.getvalue()


def open_sealed(blob: bytes, passphrase: str) -> bytes:
    """The payload of an archive made by :func:`seal`; :class:`BackupError` if it fails its check."""
    with open_reader(io.BytesIO(blob), passphrase) as stream:
        return read_checked(stream)


def read_checked(stream: IO[bytes], size: int = -1) -> bytes:
    """``stream.read(size)``, with a damaged compressed payload reported as :class:`BackupError`."""
    try:
        return stream.read(size)
    except (OSError, EOFError, zlib.error) as exc:
        raise BackupError("The backup's contents are damaged.") from exc


def read_checked_line(stream: IO[bytes]) -> bytes:
    """``stream.readline()``, with a damaged compressed payload reported as :class:`BackupError`."""
    try:
        return stream.readline()
    except (OSError, EOFError, zlib.error) as exc:
        raise BackupError("The backup's contents are damaged.") from exc


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")
