"""The labour-market pages' data, prepared ahead: postings and people grounded in ESCO, and labels.

Grounding needs the ESCO classification read into memory and every ESCO label encoded
(minutes the first time), so it is done in the background (:func:`prepare_market`, the
``web.tasks.prepare_market`` job) when postings or people change, and at server start.
Each posting keeps its grounding in its own row (``esco``, public vocabulary); each person
keeps theirs encrypted in :class:`~web.storage.schema.PreparedPerson`, with their
counsellors' corrections applied; the labels of every concept used are kept in
:class:`~web.storage.schema.EscoLabel`. A stored grounding is stale when the words it was
made from change (or ESCO itself), and is then made again.

The map and "what would unlock more work" (:mod:`web.market.service`) only add up these
stored groundings, in well under a second; where some are still being prepared they say
so, show progress, and fill in when ready.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from matcher.demand.grounded import GroundedPerson, GroundedVacancy
from matcher.demand.grounding import RULES, GroundingSettings, ground_vacancies, job_title_of
from web.i18n import N_
from web.infra import services
from web.matching import vectors
from web.matching.openings import open_postings, posting_record
from web.matching.preparation import Progress, postings, reported_batches
from web.people.service import consents_in_force, to_profile
from web.storage.schema import EscoLabel, Locality, Person, PreparedPerson

FILES = ("occupations_en.csv", "skills_en.csv", "ISCOGroups_en.csv", "skill_labels_en_v1.1.0.txt")


def esco_configured() -> bool:
    """Whether ``ESCO_DIR`` names a folder with the ESCO CSV files."""
    return services.esco_configured()


def esco_version(directory: str | Path) -> str:
    """Names the ESCO files and grounding settings a grounding was made with (size and time of each file)."""
    folder = Path(directory).resolve()
    parts: list[object] = [str(folder), repr(GroundingSettings()), RULES]
    for name in FILES:
        path = folder / name
        parts.append((name, path.stat().st_size, path.stat().st_mtime_ns) if path.is_file() else (name, None))
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def _posting_digest(record: object, version: str) -> str:
    return hashlib.sha256(f"{version}\x00{record!r}".encode()).hexdigest()


def _person_digest(person: Person, version: str, key: vectors.Keys) -> str:
    fixes = sorted((c.kind, c.concept_uri, c.decision) for c in person.esco_corrections)
    return vectors.keyed_digest(["esco", version, repr(to_profile(person, corrected=False)), fixes], key)


def _people_query() -> Any:
    return select(Person).options(
        selectinload(Person.prepared), selectinload(Person.consents), selectinload(Person.esco_corrections)
    )


def _person_grounding(person: Person, version: str, key: vectors.Keys) -> GroundedPerson | None:
    """The person's stored grounding if it was made from their current words and corrections."""
    prepared = person.prepared
    if prepared is None or prepared.esco is None:
        return None
    return _person_of(prepared.esco) if prepared.esco_digest == _person_digest(person, version, key) else None


def _vacancy_json(found: GroundedVacancy) -> dict[str, Any]:
    plain = dataclasses.asdict(found)
    plain["posted_on"] = found.posted_on.isoformat() if found.posted_on else None
    plain["skill_uris"] = list(found.skill_uris)
    return plain


def _vacancy_of(stored: dict[str, Any]) -> GroundedVacancy:
    posted = stored.get("posted_on")
    return GroundedVacancy(
        **{
            **stored,
            "posted_on": dt.date.fromisoformat(posted) if posted else None,
            "skill_uris": tuple(stored["skill_uris"]),
        }
    )


def _person_json(found: GroundedPerson) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in dataclasses.asdict(found).items()}


def _person_of(stored: dict[str, Any]) -> GroundedPerson:
    fields: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in stored.items()}
    return GroundedPerson(**fields)


def _label_keys(vacancies: Iterable[GroundedVacancy], people: Iterable[GroundedPerson]) -> set[str]:
    keys: set[str] = set()
    groups: list[str] = []
    for v in vacancies:
        keys.update(v.skill_uris)
        keys.update(k for k in (v.occupation_uri,) if k)
        groups.extend(g for g in (v.isco_group,) if g)
    for p in people:
        keys.update(p.skill_uris)
        keys.update(p.occupation_uris)
        groups.extend(g for g in p.isco_groups if g)
    keys.update(g[:level] for g in groups for level in range(1, len(g) + 1))
    return keys


def prepare_market(
    db: Session, tools: services.EscoGrounding, key: vectors.Keys, progress: Progress
) -> dict[str, int]:
    """Ground every posting and person whose words (or ESCO) changed; keep the labels they use.

    Commits after each batch. Returns how many postings and people were grounded.
    """
    from web.people.grounding import grounded_people

    version = esco_version(services.esco_directory())
    every = [(row, posting_record(row)) for row in postings(db)]
    todo = [(row, rec) for row, rec in every if row.esco_digest != _posting_digest(rec, version)]
    linking = N_("Linking vacancies to ESCO occupations and skills: %(done)s of %(total)s")
    for batch in reported_batches(todo, progress, 0.3, 0.4, linking):
        found = ground_vacancies([rec for _row, rec in batch], tools.normalizer, tools.linker)
        for (row, rec), grounded in zip(batch, found, strict=True):
            row.esco, row.esco_digest = _vacancy_json(grounded), _posting_digest(rec, version)
        _keep_labels(db, tools, _label_keys(found, ()))
        db.commit()  # each batch is kept on its own: no write stays open while the next is grounded
    people = list(db.execute(_people_query().order_by(Person.id)).scalars())
    stale = [p for p in people if _person_grounding(p, version, key) is None]
    linking = N_("Linking people's skills to ESCO: %(done)s of %(total)s")
    for few in reported_batches(stale, progress, 0.7, 0.3, linking):
        found_people = grounded_people(list(few), tools)
        try:
            _keep_people(db, few, found_people, version, key)
        except IntegrityError:  # another process made one of their rows a moment ago: write over it
            db.rollback()  # the failed flush ends the transaction: this batch is written again
            _keep_people(db, few, found_people, version, key)
        _keep_labels(db, tools, _label_keys((), found_people))
        db.commit()  # each batch is kept on its own: no write stays open while the next is grounded
    return {"postings_grounded": len(todo), "people_grounded": len(stale)}


def stale(db: Session, key: vectors.Keys) -> bool:
    """Whether any posting or person needs grounding (checked without reading ESCO)."""
    version = esco_version(services.esco_directory())
    if any(row.esco_digest != _posting_digest(posting_record(row), version) for row in postings(db)):
        return True
    return any(_person_grounding(p, version, key) is None for p in db.execute(_people_query()).scalars())


def _keep_people(
    db: Session, people: Sequence[Person], found: Sequence[GroundedPerson], version: str, key: vectors.Keys
) -> None:
    for person, grounded in zip(people, found, strict=True):
        prepared = person.prepared or PreparedPerson()
        prepared.esco, prepared.esco_digest = _person_json(grounded), _person_digest(person, version, key)
        person.prepared = prepared
    db.flush()


def _keep_labels(db: Session, tools: services.EscoGrounding, keys: set[str]) -> None:
    rows = [{"key": k, "label": tools.labels[k]} for k in sorted(keys) if k in tools.labels]
    if rows:
        db.execute(vectors.insert_new(db, EscoLabel.__table__, ["key"]), rows)


@dataclass(frozen=True)
class MarketData:
    """Stored groundings ready to add up, and how many are still being prepared."""

    vacancies: tuple[GroundedVacancy, ...]
    people: tuple[GroundedPerson, ...]
    labels: dict[str, str]
    vacancies_waiting: int
    people_waiting: int
    titles: dict[str, str] = dataclasses.field(default_factory=dict)  # job title by grounded vacancy id

    @property
    def complete(self) -> bool:
        """Whether every opening and every counted person is grounded already."""
        return not self.vacancies_waiting and not self.people_waiting


def _current(db: Session) -> tuple[str, vectors.Keys]:
    return esco_version(services.esco_directory()), vectors.keys()


def _in(place: Locality | None, locality: str | None) -> bool:
    return locality is None or (place is not None and place.ref == locality)


def stored_market(
    db: Session, people: Sequence[Person] | None = None, locality: str | None = None
) -> MarketData:
    """The grounded openings, and the grounded people (default: all who agreed to anonymous statistics).

    ``locality`` (a reference; ``None``: all) limits what is counted as still being prepared to the
    openings and people of that place, the ones its map would add up.
    """
    version, key = _current(db)
    vacancies, vacancies_waiting, titles = [], 0, {}
    for row in open_postings(db):
        record = posting_record(row)
        if row.esco is not None and row.esco_digest == _posting_digest(record, version):
            vacancies.append(_vacancy_of(row.esco))
            titles[vacancies[-1].id] = job_title_of(record)
        elif _in(row.locality, locality):
            vacancies_waiting += 1
    if people is None:
        chosen = db.execute(_people_query()).scalars()
        people = [p for p in chosen if "demand_statistics" in consents_in_force(p)]
    grounded, people_waiting = [], 0
    for person in people:
        found = _person_grounding(person, version, key)
        if found is None:
            people_waiting += _in(person.locality, locality)
        else:
            grounded.append(found)
    wanted = sorted(_label_keys(vacancies, grounded))
    labels: dict[str, str] = {}
    for start in range(0, len(wanted), 500):
        chunk = select(EscoLabel).where(EscoLabel.key.in_(wanted[start : start + 500]))
        labels.update((row.key, row.label) for row in db.execute(chunk).scalars())
    return MarketData(tuple(vacancies), tuple(grounded), labels, vacancies_waiting, people_waiting, titles)
