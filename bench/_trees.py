"""Old code beside new: the trees a benchmark compares (a helper, not a benchmark)."""

from __future__ import annotations

import argparse
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def add_old_argument(parser: argparse.ArgumentParser) -> None:
    """``--old REV``: the old code, by default the merge-base of this checkout with main."""
    base = subprocess.run(
        ["git", "-C", str(ROOT), "merge-base", "HEAD", "main"], capture_output=True, text=True
    ).stdout.strip()
    parser.add_argument(
        "--old", default=base or "HEAD", help="git revision of the old code (default: merge-base)"
    )


def export(rev: str, folder: Path) -> Path:
    """The tree of ``rev`` (``WORKTREE`` for this checkout as it is) in ``folder``."""
    if rev == "WORKTREE":
        return ROOT
    folder.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder
