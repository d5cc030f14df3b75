"""Storage on both engines: migrations, encryption at rest, consent and proposal history."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError

from web.storage import make_engine, upgrade
from web.storage import schema as s
from web.storage.demo_data import DemoDataError, load_demo


def test_migrations_create_every_table_and_run_twice(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    upgrade(engine)
    tables = set(inspect(engine).get_table_names())
    assert set(s.Base.metadata.tables) <= tables
    engine.dispose()


def test_demo_loads_and_reloading_updates_without_duplicates(db, minimal_demo: Path) -> None:
    first = load_demo(db, minimal_demo)
    db.commit()
    assert first.created["people"] == 3 and first.created["coop_savings"] == 3
    second = load_demo(db, minimal_demo)
    db.commit()
    assert second.created == {}
    assert second.updated["people"] == 3
    assert len(db.execute(select(s.Person)).scalars().all()) == 3
    assert len(db.execute(select(s.Consent)).scalars().all()) == 2


def test_personal_fields_are_not_stored_in_clear_text(db, minimal_demo: Path) -> None:
    load_demo(db, minimal_demo)
    db.commit()
    raw_people = db.execute(text("SELECT pseudonym, skills_text, work_history, location FROM people")).all()
    raw_protected = db.execute(
        text("SELECT gender, nationality, trafficking_history FROM protected_attributes")
    ).all()
    dump = repr(raw_people) + repr(raw_protected)
    for secret in ("Asha", "cooked", "Dubai", "53.47", "female", "Nepali", "Domestic servitude"):
        assert secret not in dump
    person = db.execute(select(s.Person).where(s.Person.ref == "p1")).scalar_one()
    assert person.pseudonym == "Asha K." and person.work_history == ["Cook in Dubai 3 years", "Cleaner"]
    assert person.protected is not None and person.protected.nationality == "Nepali"


def test_consent_history_keeps_withdrawals(db, minimal_demo: Path) -> None:
    load_demo(db, minimal_demo)
    db.commit()
    person = db.execute(select(s.Person).where(s.Person.ref == "p1")).scalar_one()
    in_force = {c.purpose for c in person.consents if c.in_force}
    withdrawn = {c.purpose for c in person.consents if not c.in_force}
    assert in_force == {"matching"} and withdrawn == {"share_with_employers"}


def test_proposal_state_history_is_recorded_in_order(db, minimal_demo: Path) -> None:
    load_demo(db, minimal_demo)
    person = db.execute(select(s.Person).where(s.Person.ref == "p1")).scalar_one()
    programme = db.execute(select(s.PlacementProgramme)).scalar_one()
    counsellor = db.execute(select(s.User).where(s.User.username == "counsellor.a")).scalar_one()
    proposal = s.PlacementProposal(person=person, programme=programme, created_by_id=counsellor.id)
    t0 = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    proposal.events.append(
        s.ProposalEvent(from_state=None, to_state="proposed", at=t0, by_user_id=counsellor.id)
    )
    proposal.events.append(
        s.ProposalEvent(
            from_state="proposed",
            to_state="person_agreed",
            at=t0 + dt.timedelta(days=1),
            by_user_id=counsellor.id,
            reason="Agreed in the meeting",
        )
    )
    proposal.state = "person_agreed"
    db.add(proposal)
    db.commit()
    db.expire_all()
    stored = db.get(s.PlacementProposal, proposal.id)
    assert [e.to_state for e in stored.events] == ["proposed", "person_agreed"]
    assert stored.events[1].reason == "Agreed in the meeting"
    assert programme.placement_pay == Decimal("12.21")


def test_refs_are_unique(db, minimal_demo: Path) -> None:
    load_demo(db, minimal_demo)
    db.commit()
    db.add(s.Locality(ref="mcr", name="Again", country="UK", latitude=0, longitude=0, currency="GBP"))
    with pytest.raises(IntegrityError):
        db.commit()
    db.rollback()


def test_bad_demo_rows_are_reported_and_nothing_is_written(db, minimal_demo: Path) -> None:
    people = minimal_demo / "people.csv"
    people.write_text(people.read_text().replace("12.50,hour", "lots,hourly"))
    vacancies = minimal_demo / "vacancies.csv"
    vacancies.write_text(vacancies.read_text().replace(",emp-a,", ",nobody,"))
    with pytest.raises(DemoDataError) as info:
        load_demo(db, minimal_demo)
    messages = [str(e) for e in info.value.errors]
    assert "people.csv line 2, desired_pay: should be a number, got 'lots'" in messages
    assert any(m.startswith("people.csv line 2, pay_period: should be one of hour") for m in messages)
    assert len(db.execute(select(s.Locality)).scalars().all()) == 0
