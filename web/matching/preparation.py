"""Work done when records are written, off the request path: screening, phrase vectors, matches.

When an employer saves a vacancy or programme, or a counsellor saves a person, a
background job (:mod:`web.infra.jobs`, :mod:`web.tasks`) prepares what pages will read:

* vacancies not yet screened are screened (held for review when flagged, else opened);
* every posting's phrases are embedded once and stored (:mod:`web.matching.vectors`);
* a person's phrases are embedded privately and stored encrypted with their record, and
  their matches are computed ahead in their counsellor's language (:mod:`web.matching.cache`);
* with ESCO configured, postings and people are grounded for the labour-market pages
  (:mod:`web.market.data`).

``pathways demo`` runs the same steps at once. Each step does only what is missing or
stale (the stored digests say so), commits in small batches so readers are never held
up, and may run again at any time: a page that finds something missing asks for it
(:func:`request_postings`, :func:`request_people`) and shows progress meanwhile.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
from flask import Flask, current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from matcher.alignment import person_texts
from web.i18n import N_
from web.infra import jobs
from web.infra.db import when_committed
from web.infra.jobs import report_progress
from web.infra.services import one_process_at_a_time
from web.matching import bridging, vectors
from web.matching.openings import posting_record, postings_where
from web.people.service import to_profile
from web.storage.schema import Person, PlacementProgramme, Vacancy, VacancyStatus
from web.vacancies.service import screen_unscreened

if TYPE_CHECKING:
    from matcher.grounding import PersonBridge

BATCH = 50
_LOCK = threading.Lock()
_PENDING = "pathways.preparing"
_LANES = "pathways.preparation_lanes"
T = TypeVar("T")
Progress = Callable[..., None]
#: gives a fitted encoder or screener when called (the web app's shared one, loaded on first use)
Lazy = Callable[[], Any]


def batches(items: Sequence[T], size: int = BATCH) -> Iterator[Sequence[T]]:
    """``items`` in runs of ``size`` (each committed on its own, so readers are never held up long)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def reported_batches(
    items: Sequence[T], progress: Progress, start: float, span: float, message: str
) -> Iterator[Sequence[T]]:
    """:func:`batches` of ``items``, saying ``message`` (with ``done`` and ``total``) before each.

    The job's progress moves from ``start`` towards ``start + span`` as the batches are done.
    """
    for step, batch in enumerate(batches(items)):
        progress(start + span * step * BATCH / len(items), message, done=step * BATCH, total=len(items))
        yield batch


def postings(db: Session) -> list[Vacancy | PlacementProgramme]:
    """Every posting that is or may become an opening (rejected and closed vacancies are not)."""
    return postings_where(db, Vacancy.status.not_in((VacancyStatus.REJECTED, VacancyStatus.CLOSED)))


def prepare_postings(
    db: Session,
    encoder: Lazy,
    screener: Lazy,
    key: vectors.Keys,
    progress: Progress = report_progress,
) -> int:
    """Screen what is not screened, then store the vectors of every posting whose phrases changed.

    ``encoder`` and ``screener`` give the fitted encoder and screener; they are called only if
    there is work for them (so a run with nothing to do loads no model). A screener of ``None`` (none
    can be built for the app's model) leaves new vacancies held and unscreened and goes on. Returns how many
    postings got new vectors. Commits after screening and after each batch.
    """
    if db.execute(select(Vacancy.id).where(Vacancy.screening.is_(None)).limit(1)).first() is not None:
        progress(0.02, N_("Screening new vacancies"))
        screen_unscreened(db, screener())
        db.commit()
    todo = []
    for row in postings(db):
        texts = vectors.posting_texts(posting_record(row))
        if row.vectors_digest != vectors.digest(texts, key):
            todo.append((row, texts))
    reading = N_("Reading vacancies and programmes: %(done)s of %(total)s")
    for batch in reported_batches(todo, progress, 0.1, 0.9, reading):
        wanted = {key(t): t for _row, texts in batch for t in texts}
        have = vectors.stored_postings(db, wanted)
        missing = [t for k, t in wanted.items() if k not in have]
        if missing:
            vectors.store_postings(db, dict(zip(map(key, missing), encoder().encode(missing), strict=True)))
        for row, texts in batch:
            row.vectors_digest = vectors.digest(texts, key)
        db.commit()
    return len(todo)


def prepare_people(
    db: Session,
    encoder: Lazy,
    key: vectors.Keys,
    person_ids: Sequence[int] | None = None,
    progress: Progress = report_progress,
    bridge: PersonBridge | None = None,
) -> list[int]:
    """Store the vectors of each person whose phrases changed (all people, or ``person_ids``).

    A person's phrases are encoded as private text (never cached on disk) and kept only in
    their own encrypted row; vectors of phrases they no longer use are dropped. ``encoder``
    gives the fitted encoder, called only if someone needs it. Returns the ids of the people
    prepared. Commits after each batch.

    With ``bridge`` (ESCO read: :func:`web.infra.services.person_bridge`), phrases in another
    language than English are placed through their ESCO occupations
    (:class:`~matcher.grounding.PersonBridge`), and a vector made another way (before ESCO
    was read, or through other ESCO files) is made again; English phrases are encoded as
    they are. Without it, stored vectors are kept however they were made and only new
    phrases are encoded (by the encoder alone).
    """
    query = select(Person).order_by(Person.id).options(selectinload(Person.prepared))
    if person_ids is not None:
        query = query.where(Person.id.in_(list(person_ids)))
    people = list(db.execute(query).scalars())
    done: list[int] = []
    reading = N_("Reading people's words: %(done)s of %(total)s")
    for batch in reported_batches(people, progress, 0.05, 0.9, reading):
        try:
            done += _prepare_each(batch, encoder, key, bridge)
            db.commit()
        except IntegrityError:  # another process stored one of them a moment ago: write over it
            db.rollback()
            done += _prepare_each(batch, encoder, key, bridge)
            db.commit()
    return done


def _prepare_each(
    people: Sequence[Person], encoder: Lazy, key: vectors.Keys, bridge: PersonBridge | None
) -> list[int]:
    done = []
    for person in people:
        texts = person_texts(to_profile(person))
        table = vectors.person_table(person.prepared, key)
        made = vectors.person_made(person.prepared, key)
        wanted = bridging.ways(texts, bridge)
        redo = bridging.to_make(texts, key, table, made, wanted)
        if not redo and set(table.vectors) == {key(t) for t in texts}:
            continue
        fitted = encoder()
        if bridge is not None:
            private = partial(fitted.encode, private=True)
            fresh_vectors = bridge.encode(redo, private, labels=fitted.encode)  # labels are ESCO's: public
        else:
            fresh_vectors = fitted.encode(redo, private=True)
        fresh = dict(zip(redo, fresh_vectors, strict=True))
        rows = [fresh[t] if t in fresh else table.vectors[key(t)] for t in texts]
        ways = [
            wanted[t] if wanted is not None else ("" if t in fresh else made.get(key(t), "")) for t in texts
        ]
        vectors.store_person(person, key, texts, _stack(rows, fitted.dim_), ways)
        done.append(person.id)
    return done


def _stack(rows: list[Any], dim: int) -> Any:
    return np.stack(rows).astype(np.float32) if rows else np.zeros((0, dim), dtype=np.float32)


_ONE_AT_A_TIME = threading.Lock()
#: how much lower than the pages a preparation job runs (Linux nice value of its thread)
BACKGROUND_NICENESS = 5


@contextmanager
def in_background() -> Iterator[None]:
    """Run the calling thread (a preparation job) at a lower priority than the pages, where the OS allows.

    In the web process (jobs without Redis) the pages then keep the CPU while a job encodes;
    threads the job starts (the model's) inherit the priority. The thread's priority is put
    back afterwards where allowed (raising it again needs the right to; otherwise later jobs on
    that thread stay in the background too).
    """
    thread = threading.get_native_id()
    try:
        before = os.getpriority(os.PRIO_PROCESS, thread)
        os.setpriority(os.PRIO_PROCESS, thread, max(before, BACKGROUND_NICENESS))
    except (AttributeError, OSError):  # not Linux, or not allowed: run as is
        yield
        return
    try:
        yield
    finally:
        with suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, thread, before)


@contextmanager
def exclusive() -> Iterator[None]:
    """Held while screening and vectors are prepared: two such never overlap on this machine.

    One thread of a process at a time, and one process at a time (the instance's
    ``preparing-vectors.lock``, :func:`web.infra.services.one_process_at_a_time`): each server
    worker runs its own jobs, and each asks for everyone's words to be prepared when it starts or
    has read ESCO, so two could encode and rank the same people side by side where the database
    takes two writers at once (PostgreSQL). The one that waited finds them done. (The cohort job
    prepares the people it needs under it too; the ESCO grounding has its own lock,
    ``market-grounding.lock``: it writes other columns.)

    (Across machines, with RQ workers, two may overlap: stored vectors and labels skip keys
    already there, and a person's row stored by the other one first is written over.)
    """
    with _ONE_AT_A_TIME, one_process_at_a_time("preparing-vectors.lock"):
        yield


#: preparation lanes: screening and vectors, and the (slow, ESCO-reading) labour-market grounding
LANES = ("vectors", "market")


def queue(lane: str = "vectors") -> jobs.InProcessQueue | jobs.RedisQueue:
    """Where preparation jobs of ``lane`` run.

    With Redis, the shared queue (its workers are other processes). Without it, each lane has
    one thread of its own in the web process, apart from people's jobs: a long first reading
    of ESCO never holds up a cohort assignment, nor a person's words waiting to be read.
    """
    shared = jobs.queue()
    if not isinstance(shared, jobs.InProcessQueue):
        return shared
    lanes: dict[str, jobs.InProcessQueue] = current_app.extensions.setdefault(_LANES, {})
    with _LOCK:
        if lane not in lanes:
            lanes[lane] = jobs.InProcessQueue(current_app._get_current_object(), threads=1)  # type: ignore[attr-defined]
        return lanes[lane]


def request(task: str, name: str, lane: str = "vectors", **kwargs: Any) -> None:
    """Queue the preparation ``task`` once the caller's work is committed, unless one is already waiting.

    The job reads the rows as they are when it starts, so it is queued after the request (or job)
    asking for it has committed (:func:`web.infra.db.when_committed`), and not when that is rolled
    back. Preparation jobs are nobody's own: they do not count against a user's jobs.
    """
    when_committed(partial(_submit, task, name, lane, kwargs))


def _submit(task: str, name: str, lane: str, kwargs: dict[str, Any]) -> None:
    target = queue(lane)
    pending: dict[str, str] = current_app.extensions.setdefault(_PENDING, {})
    with _LOCK:
        earlier = pending.get(name)
        if earlier is not None:
            status = target.status(earlier)
            # One waiting is enough: it will read the rows as they are when it starts. One already
            # running may have read them before this change, so another is queued behind it.
            if status is not None and status.state == "queued":
                return
        pending[name] = target.submit(task, **kwargs)


def status(name: str, lane: str = "vectors") -> jobs.JobStatus | None:
    """The status of the last preparation ``name`` this process asked for (``None`` if none)."""
    job_id = current_app.extensions.get(_PENDING, {}).get(name)
    return None if job_id is None else queue(lane).status(job_id)


def request_postings() -> None:
    """Ask for postings to be screened and prepared in the background."""
    request("web.tasks:prepare_postings", "postings")


def request_people(person_ids: Sequence[int] | None, through_esco: bool = False) -> None:
    """Ask for these people (``None``: everyone whose words changed) to be prepared in the background.

    ``through_esco``: the process that runs the job reads ESCO first if it has not (so that
    words in other languages are placed through it); asked when ESCO is known to be read.
    """
    extra: dict[str, Any] = {"through_esco": True} if through_esco else {}
    suffix = "+esco" if through_esco else ""
    if person_ids is None:
        request("web.tasks:prepare_people", "people" + suffix, **extra)
    else:
        ids = sorted(set(person_ids))
        name = "people:" + ",".join(map(str, ids)) + suffix
        request("web.tasks:prepare_people", name, person_ids=ids, **extra)


def request_market() -> None:
    """Ask for postings and people to be grounded in ESCO for the labour-market pages."""
    request("web.tasks:prepare_market", "market", lane="market")


def warm_matches(db: Session, person_ids: Sequence[int]) -> int:
    """Rank each of these people (who agreed to matching) ahead, in their counsellor's language.

    The counsellor's first look at their matches is then read from :mod:`web.matching.cache`.
    Needs the app context. Returns how many were ranked.
    """
    from flask_babel import force_locale

    from matcher.constraints import MatchFilters
    from web.matching.service import ranked
    from web.people.service import consents_in_force

    warmed = 0
    people = db.execute(
        select(Person).where(Person.id.in_(list(person_ids))).options(selectinload(Person.prepared))
    ).scalars()
    for person in people:
        if "matching" not in consents_in_force(person):
            continue
        language = person.counsellor.language if person.counsellor is not None else "en"
        with force_locale(language):
            page = ranked(db, person, MatchFilters())
        db.commit()  # each person's ranking is kept on its own: no write stays open while the next is ranked
        warmed += int(page.person_ready)
    return warmed


def start_in_one_worker(app: Flask) -> None:
    """:func:`start_in_background` in one of the server's worker processes; the others warm their index.

    The first worker to take the instance's ``preparing.lock`` (held while it lives) sweeps for
    what is stale, so two processes do not encode the same postings at start. If it stops, the
    worker started in its place takes the lock and sweeps again (quick when nothing is stale).
    """
    import fcntl

    from web.matching import index as match_index

    path = Path(app.instance_path) / "preparing.lock"
    handle = os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600), "w")  # held for the process's life
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        match_index.warm_up(app)
        return
    app.extensions["pathways.preparing_lock"] = handle
    start_in_background(app)


def start_in_background(app: Flask) -> None:
    """At server start: prepare whatever is missing or stale, and build the openings index.

    ``pathways serve`` calls it once per process; pages ask again for anything still missing.
    """
    from web.market import data as market_data
    from web.matching import index as match_index

    with app.app_context():
        request_postings()
        request_people(None)
        if market_data.esco_configured():
            request_market()
    match_index.warm_up(app)
