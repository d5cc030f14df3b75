"""Retention periods (web/infra/retention.py, ``pathways retention``) on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from cli import main
from tests.web.conftest import cli_instance, make_test_app, run_cli
from web.infra import audit, retention
from web.infra.settings import SettingError
from web.storage.demo_data import load_demo
from web.storage.schema import (
    AuditEvent,
    Consent,
    Person,
    PlacementProgramme,
    PlacementProposal,
    ProposalEvent,
    ProtectedAttributes,
    User,
    utcnow,
)

POLICY = retention.RetentionPolicy(inactive_person_days=730)
LONG_AGO = utcnow() - dt.timedelta(days=1000)


def _age_everything(db: Session) -> None:
    """Make every case's last activity 1000 days old (the demo was loaded just now)."""
    db.execute(update(Person).values(created_at=LONG_AGO, updated_at=LONG_AGO))
    db.execute(update(Consent).values(granted_at=LONG_AGO))
    db.execute(update(Consent).where(Consent.withdrawn_at.is_not(None)).values(withdrawn_at=LONG_AGO))
    db.commit()


def _person(db: Session, ref: str) -> Person | None:
    return db.execute(select(Person).where(Person.ref == ref)).scalar_one_or_none()


@pytest.fixture()
def aged(db: Session, minimal_demo: Path) -> Session:
    """The small demo with every case inactive for 1000 days (people p1, p2, p3; p1 with an old proposal)."""
    load_demo(db, minimal_demo)
    db.commit()
    _age_everything(db)
    programme = db.execute(select(PlacementProgramme)).scalar_one()
    p1 = _person(db, "p1")
    assert p1 is not None
    proposal = PlacementProposal(person_id=p1.id, programme_id=programme.id, created_at=LONG_AGO)
    proposal.events.append(ProposalEvent(to_state="proposed", at=LONG_AGO, reason="Met in March"))
    db.add(proposal)
    db.commit()
    return db


def _recent_consent(db: Session, person: Person) -> None:
    db.add(Consent(person_id=person.id, purpose="matching", granted_at=utcnow() - dt.timedelta(days=10)))


def _recent_proposal_step(db: Session, person: Person) -> None:
    programme = db.execute(select(PlacementProgramme)).scalar_one()
    proposal = PlacementProposal(person_id=person.id, programme_id=programme.id, created_at=LONG_AGO)
    db.add(proposal)
    db.flush()
    db.add(ProposalEvent(proposal_id=proposal.id, to_state="proposed", at=utcnow() - dt.timedelta(days=3)))


def _recent_view(db: Session, person: Person) -> None:
    audit.record(db, "view_person", actor_id=1, object_type="person", object_id=person.id)


def _recent_change(db: Session, person: Person) -> None:
    db.execute(update(Person).where(Person.id == person.id).values(updated_at=utcnow()))


@pytest.mark.parametrize("activity", [_recent_consent, _recent_proposal_step, _recent_view, _recent_change])
def test_only_inactive_cases_are_erased_leaving_ids_in_the_audit_log(aged: Session, activity) -> None:
    db = aged
    p1, p2, p3 = _person(db, "p1"), _person(db, "p2"), _person(db, "p3")
    assert p1 is not None and p2 is not None and p3 is not None
    p1_id, p3_id = p1.id, p3.id
    activity(db, p2)
    audit.record(db, "view_person", actor_id=1, object_type="person", object_id=p1_id, outcome="denied")
    db.commit()  # a denied look is no activity on the case

    report = retention.apply(db, POLICY)
    db.commit()
    assert (report.people_due, report.people_erased, report.dry_run) == (2, 2, False)
    assert _person(db, "p1") is None and _person(db, "p3") is None and _person(db, "p2") is not None
    assert db.get(ProtectedAttributes, p1_id) is None
    assert not db.execute(select(Consent).where(Consent.person_id == p1_id)).first()
    assert not db.execute(select(PlacementProposal).where(PlacementProposal.person_id == p1_id)).first()
    assert not db.execute(text("SELECT reason FROM proposal_events WHERE reason IS NOT NULL")).first()
    assert db.execute(text("SELECT ref FROM people")).scalars().all() == ["p2"]
    events = db.execute(select(AuditEvent).order_by(AuditEvent.id)).scalars().all()
    erased = [e for e in events if e.action == "erase_person"]
    assert sorted(e.object_id for e in erased) == sorted([str(p1_id), str(p3_id)])
    assert all(e.actor_id is None and e.object_type == "person" for e in erased)
    assert (events[-1].action, events[-1].object_id) == ("retention_run", "2")
    assert audit.verify(db).ok


def test_a_dry_run_counts_and_changes_nothing(aged: Session) -> None:
    before = aged.execute(select(AuditEvent.id)).scalars().all()
    report = retention.apply(aged, POLICY, dry_run=True)
    aged.commit()
    assert (report.people_due, report.people_erased, report.dry_run) == (3, 0, True)
    assert len(aged.execute(select(Person)).scalars().all()) == 3
    assert aged.execute(select(AuditEvent.id)).scalars().all() == before


def test_the_period_counts_from_now_and_zero_switches_it_off(aged: Session) -> None:
    assert retention.people_due(aged, POLICY, LONG_AGO + dt.timedelta(days=729)) == []
    assert len(retention.people_due(aged, POLICY, LONG_AGO + dt.timedelta(days=731))) == 3
    off = retention.RetentionPolicy(inactive_person_days=0)
    assert retention.people_due(aged, off, utcnow()) == []
    assert retention.apply(aged, off).people_erased == 0


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize(
    ("value", "days"), [(None, 730), (0, 0), (90, 90), ("365", 365), (36500, 36500)], ids=str
)
def test_good_settings_are_read(database_url: str, tmp_path: Path, value: object, days: int) -> None:
    extra = {} if value is None else {"RETENTION_INACTIVE_PERSON_DAYS": value}
    app = make_test_app(database_url, tmp_path / "instance", **extra)
    assert app.config["RETENTION_INACTIVE_PERSON_DAYS"] == days


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("value", [24, 89, -1, 36501, "two years", "", 1.5, True], ids=repr)
def test_bad_settings_stop_the_app_with_a_clear_message(
    database_url: str, tmp_path: Path, value: object
) -> None:
    with pytest.raises(SettingError, match="RETENTION_INACTIVE_PERSON_DAYS must be a whole number of days"):
        make_test_app(database_url, tmp_path / "instance", RETENTION_INACTIVE_PERSON_DAYS=value)


@pytest.fixture()
def instance(
    aged: Session, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """An instance folder with the test key ring, for the CLI's app on ``database_url``."""
    unset = ("RETENTION_INACTIVE_PERSON_DAYS",)
    with cli_instance(tmp_path, database_url, monkeypatch, unset=unset) as folder:
        yield folder


def test_the_command_prints_counts_only_then_erases(instance: Path, aged: Session) -> None:
    code, out = run_cli("retention", "--dry-run")
    assert code == 0, out
    report = json.loads(out)
    assert report == {
        "dry_run": True,
        "inactive_person_days": 730,
        "cutoff": report["cutoff"],
        "people_due": 3,
        "people_erased": 0,
    }
    assert "Asha" not in out and "p1" not in out
    assert aged.execute(select(Person)).scalars().all()
    code, out = run_cli("retention")
    assert code == 0, out
    assert json.loads(out)["people_erased"] == 3
    aged.expire_all()
    assert aged.execute(select(Person)).scalars().all() == []
    assert aged.execute(select(User)).scalars().all()  # accounts are not touched
    code, out = run_cli("audit", "verify")
    assert code == 0 and json.loads(out)["ok"]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_command_refuses_a_bad_setting(instance: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RETENTION_INACTIVE_PERSON_DAYS", "24")
    result = CliRunner().invoke(main, ["retention", "--dry-run"])
    assert result.exit_code != 0
    assert "RETENTION_INACTIVE_PERSON_DAYS must be a whole number of days from 90" in str(result.exception)
