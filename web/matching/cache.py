"""A person's ranked openings, computed once and served again until something within their reach changes.

An entry (:class:`~web.storage.schema.MatchResult`, encrypted: the reasons quote the
person's words) is kept per person, filters and language, with two digests:

* what the matcher saw of the person (:func:`person_digest`): any change to their
  profile, or to their counsellor's ESCO corrections, makes the entry stale, and so does a
  new release of what ranks and explains (:func:`release`: the matcher's code, the web's
  matching code, the models and the translations of the reasons);
* every opening within their reach (:meth:`~web.matching.index.OpeningsIndex.reach_digest`
  over the openings their own limits and the filters do not rule out): a vacancy or
  programme in reach that is added, changed, closed or reopened makes it stale, while
  one out of reach (another city beyond their distance, a language they do not speak)
  leaves it alone, since it cannot appear in their ranking.

How many openings are ruled out, and why, is counted again on every request (a cheap
check of constraints), so those figures are always current. The scores of every
programme (unfiltered) are kept the same way under :data:`PROGRAMMES` for the cohort
assignment. Entries go with the person (erasure, retention) and are left out of backups.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from matcher.records import PersonProfile
from web.matching import vectors
from web.storage.schema import MatchResult

PROGRAMMES = "programmes"
#: entries kept per person (filters and languages); the oldest go first
MAX_PER_PERSON = 12


ROOT = Path(__file__).resolve().parents[2]
#: what makes a ranking and its reasons: a change to any of these files makes kept rankings stale
RELEASE_FILES = ("matcher/**/*.py", "web/matching/*.py", "models/**/*", "web/translations/*/LC_MESSAGES/*.mo")


def files_digest(root: Path, patterns: Iterable[str]) -> str:
    """A digest of the names and contents of the files under ``root`` matching ``patterns``.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.py").write_text("x = 1")
    >>> before = files_digest(folder, ["*.py"])
    >>> _ = (folder / "a.py").write_text("x = 2")
    >>> before == files_digest(folder, ["*.py"])
    False
    """
    digest = hashlib.sha256()
    for path in sorted({p for pattern in patterns for p in root.glob(pattern) if p.is_file()}):
        digest.update(path.relative_to(root).as_posix().encode() + b"\x00")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@functools.cache
def release() -> str:
    """This installation's digest of :data:`RELEASE_FILES`, read once per process.

    Rankings kept by an earlier release (another scoring rule, reason, model or translation)
    are stale: after an upgrade nobody is shown reasons the new code would not give.
    """
    return files_digest(ROOT, RELEASE_FILES)


# Taken as the module loads, with the code this process runs. Were it taken at the first ranking, a
# server still running the old code after new files were put in place would keep its old reasons
# under the new release's digest, and the upgraded servers would serve them.
release()


def person_digest(profile: PersonProfile, key: vectors.Keys, made: Sequence[str] = ()) -> str:
    """A keyed digest of everything the matcher reads about the person, and of the :func:`release`.

    ``made`` names the bridges that made some of their vectors (words in other languages
    placed through ESCO, :mod:`web.matching.bridging`): a ranking made before is then stale.
    """
    return vectors.keyed_digest(["profile", repr(profile), release(), *([list(made)] if made else [])], key)


def entry_key(*parts: object) -> str:
    """The key of one entry: filters, language, number of results (nothing personal)."""
    return hashlib.sha256(json.dumps([repr(p) for p in parts]).encode()).hexdigest()


def lookup(db: Session, person_id: int, key: str, person: str, reach: str) -> dict[str, Any] | None:
    """The stored entry if it is still valid for this person and reach, else ``None``."""
    found = db.execute(
        select(MatchResult).where(MatchResult.person_id == person_id, MatchResult.key == key)
    ).scalar_one_or_none()
    if found is None or found.person_digest != person or found.reach_digest != reach:
        return None
    return found.payload


def store(db: Session, person_id: int, key: str, person: str, reach: str, payload: dict[str, Any]) -> None:
    """Keep ``payload`` as the person's entry ``key`` (replacing a stale one), in the caller's transaction."""
    try:
        with db.begin_nested():
            db.execute(delete(MatchResult).where(MatchResult.person_id == person_id, MatchResult.key == key))
            db.add(
                MatchResult(
                    person_id=person_id, key=key, person_digest=person, reach_digest=reach, payload=payload
                )
            )
    except IntegrityError:  # another process stored the same entry a moment ago: keep theirs
        return
    older = db.execute(
        select(MatchResult.id)
        .where(MatchResult.person_id == person_id)
        .order_by(MatchResult.created_at.desc(), MatchResult.id.desc())
        .offset(MAX_PER_PERSON)
    ).scalars()
    stale = list(older)
    if stale:
        db.execute(delete(MatchResult).where(MatchResult.id.in_(stale)))
