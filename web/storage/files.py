"""Owner-only files: the instance folder and everything in it are readable by the app's user alone.

The instance folder holds the database, the data key ring, the session key, the embedding
cache and anything else the app writes there. Other local users of the server must not read
them, so the folder and its sub-folders are ``0700`` and its files ``0600``: new ones are
made so, and :func:`make_private` corrects older ones each time the app starts.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600


@dataclass(frozen=True)
class PrivacyFix:
    """How many entries :func:`make_private` made owner-only, and how many it could not."""

    folders: int = 0
    files: int = 0
    failed: int = 0

    @property
    def changed(self) -> int:
        """Entries whose mode changed."""
        return self.folders + self.files


def private_folder(path: str | Path) -> Path:
    """Create ``path`` (and missing parents) as an owner-only folder; tighten it if it exists."""
    folder = Path(path)
    folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    if stat.S_IMODE(folder.stat().st_mode) & 0o077:
        folder.chmod(FOLDER_MODE)
    return folder


def private_file(path: str | Path) -> Path:
    """Create an empty owner-only file at ``path`` unless one exists (for a file another library fills)."""
    target = Path(path)
    if not target.exists():
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT, FILE_MODE))
    return target


def make_private(path: str | Path) -> PrivacyFix:
    """Make the folder at ``path`` and everything under it owner-only; report what changed.

    Symbolic links are left alone (a mode change would reach their target). A file the
    app's user does not own cannot be changed and is counted as ``failed``.
    """
    root = Path(path)
    root.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    folders = files = failed = 0
    for entry in [root, *root.rglob("*")]:
        info = entry.lstat()
        if stat.S_ISLNK(info.st_mode):
            continue
        is_folder = stat.S_ISDIR(info.st_mode)
        wanted = FOLDER_MODE if is_folder else FILE_MODE
        if not stat.S_IMODE(info.st_mode) & 0o077:
            continue
        try:
            os.chmod(entry, stat.S_IMODE(info.st_mode) & wanted)
        except OSError:
            failed += 1
            continue
        folders += is_folder
        files += not is_folder
    return PrivacyFix(folders, files, failed)
