"""Disclosure per introduction (issue 14, item 4) and share choices by consent (issue 16, item 7).

Regressions from the outside review: after a counsellor withdrew a proposal, the employer
still saw the person's name and shared fields, for ever; withdrawing and re-granting the one
consent to share (for a new employer) silently gave every earlier employer its access back;
the introduce form offered every field whatever the person had agreed to. Storage tests run on
SQLite and PostgreSQL; the property test of the whole state machine is in
``test_disclosure_state_machine.py``.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from tests.web.conftest import TEST_KEYRING, AuthActions
from web.api import tokens
from web.infra import audit
from web.infra.db import session
from web.people import service as people
from web.placements import disclosure, service
from web.placements.pipeline import CLOSED, JOB, PATHS, PROGRAMME, due_on
from web.storage import alembic_config, make_engine, upgrade
from web.storage.crypto import install_keyring
from web.storage.demo_data import load_demo
from web.storage.schema import (
    AuditEvent,
    Consent,
    Disclosure,
    Organisation,
    Person,
    PlacementProgramme,
    PlacementProposal,
    User,
    Vacancy,
    utctoday,
)

SHARE = "share_with_employers"


# --- the migration ---------------------------------------------------------------------------

T0 = dt.datetime(2026, 10, 1, 9, 0, tzinfo=dt.UTC)
_tables = sa.MetaData()
_t = {
    name: sa.Table(name, _tables, *(sa.Column(c, kind) for c, kind in cols))
    for name, cols in {
        "organisations": [("id", sa.Integer), ("ref", sa.String), ("name", sa.String), ("kind", sa.String),
                          ("description", sa.Text)],
        "users": [("id", sa.Integer), ("username", sa.String), ("display_name", sa.String),
                  ("password_hash", sa.String), ("role", sa.String), ("language", sa.String),
                  ("active", sa.Boolean), ("failed_logins", sa.Integer), ("created_at", sa.DateTime(True))],
        "people": [("id", sa.Integer), ("ref", sa.String), ("organisation_id", sa.Integer)]
        + [(c, sa.Text) for c in ("pseudonym", "skills_text", "work_history", "interests_text", "languages",
                                  "availability", "constraints_text", "exclusions")]
        + [("created_at", sa.DateTime(True)), ("updated_at", sa.DateTime(True))],
        "placement_programmes": [("id", sa.Integer), ("ref", sa.String), ("employer_id", sa.Integer),
                                 ("title", sa.String), ("sector", sa.String), ("description", sa.Text),
                                 ("skills_required", sa.JSON), ("languages_required", sa.JSON),
                                 ("capacity", sa.Integer), ("placement_weeks", sa.Integer),
                                 ("job_title", sa.String), ("interview", sa.String)],
        "placement_proposals": [("id", sa.Integer), ("person_id", sa.Integer), ("programme_id", sa.Integer),
                                ("state", sa.String), ("shared_fields", sa.JSON),
                                ("created_at", sa.DateTime(True))],
        "proposal_events": [("id", sa.Integer), ("proposal_id", sa.Integer), ("from_state", sa.String),
                            ("to_state", sa.String), ("at", sa.DateTime(True)), ("by_user_id", sa.Integer)],
        "consents": [("id", sa.Integer), ("person_id", sa.Integer), ("purpose", sa.String),
                     ("granted_at", sa.DateTime(True)), ("withdrawn_at", sa.DateTime(True))],
    }.items()
}  # fmt: skip
#: proposal id -> (person, state, shared_fields before the migration, fields expected after it)
BEFORE = {
    1: (
        1,
        "introduced",
        ["skills_text", "pseudonym"],
        ["pseudonym", "skills_text"],
    ),  # open, consent in force
    2: (1, "hired", ["work_history"], ["work_history"]),  # open, later step
    3: (1, "withdrawn", ["pseudonym"], None),  # closed: none
    4: (1, "no_offer", ["pseudonym"], None),
    5: (1, "person_agreed", [], None),  # not introduced
    6: (2, "introduced", ["pseudonym"], None),  # person 2's consent to share was withdrawn
    7: (1, "introduced", [], None),  # introduced anonymously
}


def _rows_at_0004(engine: sa.Engine) -> None:
    person_text = {c.name: "ciphertext" for c in _t["people"].columns if isinstance(c.type, sa.Text)}
    with engine.begin() as conn:
        conn.execute(_t["organisations"].insert(), [
            {"id": 1, "ref": "ngo", "name": "NGO", "kind": "ngo", "description": ""},
            {"id": 2, "ref": "emp", "name": "Employer", "kind": "employer", "description": ""},
        ])  # fmt: skip
        conn.execute(_t["users"].insert(), [{
            "id": 7, "username": "c", "display_name": "C", "password_hash": "x", "role": "counsellor",
            "language": "en", "active": True, "failed_logins": 0, "created_at": T0,
        }])  # fmt: skip
        conn.execute(_t["people"].insert(), [
            {"id": n, "ref": f"p{n}", "organisation_id": 1, **person_text, "created_at": T0, "updated_at": T0}
            for n in (1, 2)
        ])  # fmt: skip
        conn.execute(_t["placement_programmes"].insert(), [{
            "id": 1, "ref": "bf", "employer_id": 2, "title": "Bright Start", "sector": "retail",
            "description": "d", "skills_required": [], "languages_required": [], "capacity": 9,
            "placement_weeks": 4, "job_title": "J", "interview": "non_competitive",
        }])  # fmt: skip
        conn.execute(_t["placement_proposals"].insert(), [
            {"id": pid, "person_id": person, "programme_id": 1, "state": state, "shared_fields": shared,
             "created_at": T0}
            for pid, (person, state, shared, _) in BEFORE.items()
        ])  # fmt: skip
        conn.execute(_t["proposal_events"].insert(), [
            {"proposal_id": pid, "from_state": "person_agreed", "to_state": "introduced",
             "at": T0 + dt.timedelta(days=pid), "by_user_id": 7}
            for pid in BEFORE
        ])  # fmt: skip
        conn.execute(_t["consents"].insert(), [
            {"id": 1, "person_id": 1, "purpose": SHARE, "granted_at": T0, "withdrawn_at": None},
            {"id": 2, "person_id": 2, "purpose": SHARE, "granted_at": T0, "withdrawn_at": T0},
            {"id": 3, "person_id": 1, "purpose": "matching", "granted_at": T0, "withdrawn_at": None},
        ])  # fmt: skip


def _count(engine: sa.Engine, table: str) -> int:
    with engine.connect() as conn:
        return int(conn.execute(sa.text(f"SELECT COUNT(*) FROM {table}")).scalar_one())  # nosec B608


def test_the_migration_makes_disclosures_of_open_introductions_only_and_goes_back(database_url: str) -> None:
    install_keyring(TEST_KEYRING)  # migration 0005b encrypts the rows it finds
    engine = make_engine(database_url)
    command.upgrade(alembic_config(engine), "0004")
    _rows_at_0004(engine)
    events = _count(engine, "proposal_events")
    upgrade(engine)
    with engine.connect() as conn:
        columns = "proposal_id, employer_id, consent_id, fields, granted_at, granted_by_id, ended_at"
        made = conn.execute(sa.text(f"SELECT {columns} FROM disclosures ORDER BY proposal_id")).all()  # nosec B608
        consents = dict(conn.execute(sa.text("SELECT id, fields FROM consents")).all())
    expected = {pid: fields for pid, (_, _, _, fields) in BEFORE.items() if fields is not None}
    assert {row.proposal_id: _json(row.fields) for row in made} == expected
    for row in made:
        assert (row.employer_id, row.consent_id, row.granted_by_id, row.ended_at) == (2, 1, 7, None)
        assert _utc(row.granted_at) == T0 + dt.timedelta(days=row.proposal_id)  # when it was introduced
    assert _json(consents[1]) == list(disclosure.SHAREABLE_FIELDS) == _json(consents[2])
    assert consents[3] is None
    assert "shared_fields" not in {c["name"] for c in inspect(engine).get_columns("placement_proposals")}
    assert _count(engine, "proposal_events") == events, "rebuilding a table on SQLite must not cascade"

    command.downgrade(alembic_config(engine), "0004")
    with engine.connect() as conn:
        shared = dict(conn.execute(sa.text("SELECT id, shared_fields FROM placement_proposals")).all())
    assert {pid: _json(v) for pid, v in shared.items()} == {pid: expected.get(pid, []) for pid in BEFORE}
    assert "disclosures" not in inspect(engine).get_table_names()
    assert "fields" not in {c["name"] for c in inspect(engine).get_columns("consents")}
    assert _count(engine, "proposal_events") == events
    upgrade(engine)
    assert _count(engine, "disclosures") == len(expected)
    engine.dispose()


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _utc(value: dt.datetime | str) -> dt.datetime:
    """A stored time as aware UTC (SQLite hands back naive UTC text to a plain query)."""
    when = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    return when.astimezone(dt.UTC) if when.tzinfo else when.replace(tzinfo=dt.UTC)


# --- the services, on both engines -----------------------------------------------------------


def _user(db: Session, username: str) -> User:
    return db.execute(select(User).where(User.username == username)).scalar_one()


def _seen(db: Session, employer: str, proposal: PlacementProposal) -> dict[str, Any] | None:
    """What ``employer`` sees of the proposal's person (``None``: not listed at all)."""
    shown = {i.proposal_id: i.shared for i in service.introductions(db, _user(db, employer))}
    return shown.get(proposal.id)


def _introduce(db: Session, person: Person, share: list[str], **opening: int) -> PlacementProposal:
    counsellor = _user(db, "counsellor.a")
    proposal = service.propose(db, counsellor, person, **opening)
    service.move(db, counsellor, proposal, "person_agreed")
    service.move(db, counsellor, proposal, "introduced", shared_fields=share)
    db.commit()
    return proposal


@pytest.fixture()
def demo_db(db: Session, minimal_demo: Path) -> Session:
    """The small test demo on each engine, with a vacancy of employer B and p2 agreeing to be matched."""
    load_demo(db, minimal_demo)
    other = db.execute(select(Organisation).where(Organisation.ref == "emp-b")).scalar_one()
    db.execute(sa.update(Vacancy).values(status="open"))  # not screened here
    db.add(Vacancy(ref="vb", employer_id=other.id, title="Cook", sector="hospitality", description="Cook.",
                   status="open"))  # fmt: skip
    p2 = db.execute(select(Person).where(Person.ref == "p2")).scalar_one()
    people.grant_consent(db, _user(db, "counsellor.a"), p2, "matching")
    db.commit()
    return db


def _ids(db: Session) -> dict[str, int]:
    return {
        "bf1": db.execute(select(PlacementProgramme.id).where(PlacementProgramme.ref == "bf1")).scalar_one(),
        "v1": db.execute(select(Vacancy.id).where(Vacancy.ref == "v1")).scalar_one(),
        "vb": db.execute(select(Vacancy.id).where(Vacancy.ref == "vb")).scalar_one(),
    }


def test_a_disclosure_ends_with_its_proposal_and_its_consent_and_is_never_revived(demo_db: Session) -> None:
    db, ids = demo_db, _ids(demo_db)
    counsellor = _user(db, "counsellor.a")
    p2 = db.execute(select(Person).where(Person.ref == "p2")).scalar_one()
    people.grant_consent(db, counsellor, p2, SHARE, ["pseudonym", "skills_text"])
    db.commit()

    first = _introduce(db, p2, ["pseudonym"], programme_id=ids["bf1"])
    assert _seen(db, "employer.a", first) == {"pseudonym": "Person 2"}
    service.move(db, counsellor, first, "withdrawn", "They found other work")
    db.commit()
    assert _seen(db, "employer.a", first) == {}, "a withdrawn proposal shows nothing any more"

    second = _introduce(db, p2, ["skills_text"], vacancy_id=ids["v1"])
    assert _seen(db, "employer.a", second) == {"skills_text": "warehouse picking"}
    people.withdraw_consent(db, counsellor, p2, SHARE)
    db.commit()
    assert _seen(db, "employer.a", second) == {}

    people.grant_consent(db, counsellor, p2, SHARE, ["pseudonym", "skills_text"])  # for a new employer
    third = _introduce(db, p2, ["pseudonym"], vacancy_id=ids["vb"])
    assert _seen(db, "employer.b", third) == {"pseudonym": "Person 2"}
    assert _seen(db, "employer.a", second) == {} and _seen(db, "employer.a", first) == {}, "not revived"
    assert _seen(db, "employer.b", second) is None and _seen(db, "employer.a", third) is None

    service.share(db, counsellor, second, ["skills_text"])  # shared again on purpose: a new disclosure
    db.commit()
    assert _seen(db, "employer.a", second) == {"skills_text": "warehouse picking"}

    rows = [(r.opening, r.fields, r.end_reason, r.in_force) for r in disclosure.history(db, p2)]
    assert rows == [
        ("Delivery driver", ("skills_text",), None, True),
        ("Cook", ("pseudonym",), None, True),
        ("Delivery driver", ("skills_text",), "consent_withdrawn", False),
        ("Bright Start", ("pseudonym",), "proposal_closed", False),
    ]
    exported = people.export_person(db, counsellor, p2)["shared_with_employers"]
    assert [(e["employer"], e["fields"], e["why_ended"]) for e in exported] == [
        ("Northern Grocers", ["skills_text"], None),
        ("Other Employer", ["pseudonym"], None),
        ("Northern Grocers", ["skills_text"], "consent_withdrawn"),
        ("Northern Grocers", ["pseudonym"], "proposal_closed"),
    ]
    assert all(e["from"] and (e["until"] is None) == (e["why_ended"] is None) for e in exported)
    actions = [e.action for e in db.execute(select(AuditEvent)).scalars()]
    assert actions.count("grant_disclosure") == 4 and actions.count("end_disclosure") == 2
    assert audit.verify(db).ok


def _route(path: str, start: str, end: str) -> list[str]:
    """The shortest run of steps that do not close the proposal, from ``start`` to ``end`` (excluded)."""
    routes = {start: [start]}
    frontier = [start]
    while frontier and end not in routes:
        state = frontier.pop(0)
        for nxt in PATHS[path][state]:
            if nxt not in CLOSED and nxt not in routes:
                routes[nxt] = [*routes[state], nxt]
                frontier.append(nxt)
    return routes[end][1:]


#: Every way a proposal can close after its introduction, on either path: (path, from state, closing step).
CLOSINGS = sorted(
    (path, state, closing)
    for path, steps in PATHS.items()
    for state in steps
    if state not in ("proposed", "person_agreed") and state not in CLOSED
    for closing in steps[state]
    if closing in CLOSED
)


@pytest.mark.parametrize(("path", "state", "closing"), CLOSINGS)
def test_each_way_a_proposal_closes_ends_its_disclosure(
    demo_db: Session, path: str, state: str, closing: str
) -> None:
    """Every closing step of both paths ends what the introduction shared, whatever step it closes from."""
    db, ids = demo_db, _ids(demo_db)
    counsellor = _user(db, "counsellor.a")
    p2 = db.execute(select(Person).where(Person.ref == "p2")).scalar_one()
    people.grant_consent(db, counsellor, p2, SHARE, ["pseudonym"])
    opening = {"programme_id": ids["bf1"]} if path == PROGRAMME else {"vacancy_id": ids["v1"]}
    proposal = _introduce(db, p2, ["pseudonym"], **opening)
    start = utctoday() - dt.timedelta(days=400)  # early enough for "still employed at 12 months"
    for event in proposal.events:
        event.happened_on = start
    for step in _route(path, "introduced", state):
        day = due_on(service.history(proposal), step) or start
        service.move(db, counsellor, proposal, step, on=day)
        assert _seen(db, "employer.a", proposal) == {"pseudonym": "Person 2"}, step
    service.move(db, counsellor, proposal, closing, "reason")
    db.commit()
    assert proposal.state == closing
    assert _seen(db, "employer.a", proposal) == {}, (path, state, closing)
    assert [d.end_reason for d in proposal.disclosures] == ["proposal_closed"]


def test_every_closing_step_of_both_paths_is_covered() -> None:
    """Withdrawn, no offer, ended early, offer declined, left the job and followed to 12 months."""
    assert {c for _, _, c in CLOSINGS} == set(CLOSED)
    assert {p for p, _, _ in CLOSINGS} == {JOB, PROGRAMME}


def test_erasing_the_person_erases_their_disclosures(demo_db: Session) -> None:
    db, ids = demo_db, _ids(demo_db)
    counsellor = _user(db, "counsellor.a")
    p2 = db.execute(select(Person).where(Person.ref == "p2")).scalar_one()
    people.grant_consent(db, counsellor, p2, SHARE, ["pseudonym"])
    _introduce(db, p2, ["pseudonym"], programme_id=ids["bf1"])
    assert db.execute(select(func.count()).select_from(Disclosure)).scalar_one() == 1
    people.erase_person(db, counsellor, p2)
    db.commit()
    assert db.execute(select(func.count()).select_from(Disclosure)).scalar_one() == 0
    assert db.execute(select(func.count()).select_from(PlacementProposal)).scalar_one() == 0


@pytest.mark.parametrize(
    ("consent", "share", "refused"),
    [
        (None, ["pseudonym"], "has not agreed to share"),
        (["skills_text"], ["pseudonym"], "did not agree to share Name they use"),
        (["skills_text"], ["skills_text", "work_history"], "did not agree to share Work history"),
        (["skills_text"], ["protected"], "cannot be shared with employers"),
        (["skills_text"], ["constraints_text"], "cannot be shared with employers"),
        (["skills_text"], ["skills_text"], None),
        (["skills_text", "pseudonym"], ["pseudonym"], None),
        (None, [], None),  # an anonymous introduction needs no consent to share
    ],
)
def test_the_server_shares_only_what_the_person_agreed_to(
    demo_db: Session, consent: list[str] | None, share: list[str], refused: str | None
) -> None:
    db, ids = demo_db, _ids(demo_db)
    counsellor = _user(db, "counsellor.a")
    p2 = db.execute(select(Person).where(Person.ref == "p2")).scalar_one()
    if consent is not None:
        people.grant_consent(db, counsellor, p2, SHARE, consent)
    proposal = service.propose(db, counsellor, p2, programme_id=ids["bf1"])
    service.move(db, counsellor, proposal, "person_agreed")
    db.commit()
    if refused is None:
        service.move(db, counsellor, proposal, "introduced", shared_fields=share)
        assert [d.fields for d in proposal.disclosures] == ([share] if share else [])
        return
    with pytest.raises(disclosure.DisclosureRefused, match=refused):
        service.move(db, counsellor, proposal, "introduced", shared_fields=share)
    db.rollback()
    assert db.get(PlacementProposal, proposal.id).state == "person_agreed"


@pytest.mark.parametrize(
    ("purpose", "fields", "refused"),
    [
        (SHARE, None, "Tick what the person agrees to share"),
        (SHARE, [], "Tick what the person agrees to share"),
        (SHARE, ["trafficking_history"], "cannot be shared with employers: trafficking_history"),
        ("matching", ["pseudonym"], "Only consent to share with employers names fields"),
        (SHARE, ["interests_text", "pseudonym"], None),
    ],
)
def test_consent_to_share_names_its_fields(
    demo_db: Session, purpose: str, fields: list[str] | None, refused: str | None
) -> None:
    db = demo_db
    p3 = db.execute(select(Person).where(Person.ref == "p3")).scalar_one()
    counsellor = _user(db, "counsellor.b")
    if refused is not None:
        with pytest.raises(people.ConsentRefused, match=refused):
            people.grant_consent(db, counsellor, p3, purpose, fields)
        return
    consent = people.grant_consent(db, counsellor, p3, purpose, fields)
    db.commit()
    db.expire_all()
    assert db.get(Consent, consent.id).fields == ["pseudonym", "interests_text"]
    assert people.grant_consent(db, counsellor, p3, purpose, ["interests_text", "pseudonym"]).id == consent.id
    with pytest.raises(people.ConsentRefused, match="withdraw that consent first"):
        people.grant_consent(db, counsellor, p3, purpose, ["pseudonym"])


# --- pages and API ---------------------------------------------------------------------------


def _post(client: FlaskClient, url: str, data: dict[str, Any]) -> Any:
    return client.post(url, data={**data, "csrf_token": AuthActions(client).csrf()})


def _token(app: Flask, username: str) -> dict[str, str]:
    with app.app_context():
        db = session()
        user = _user(db, username)
        made = tokens.create_token(db, user, "test", tokens.scopes_for(user.role))
        db.commit()
        return {"Authorization": f"Bearer {made.secret}"}


def _app_ids(app: Flask) -> dict[str, int]:
    with app.app_context():
        db = session()
        found = {p.ref: p.id for p in db.execute(select(Person)).scalars()}
        found["bf1"] = db.execute(
            select(PlacementProgramme.id).where(PlacementProgramme.ref == "bf1")
        ).scalar_one()
        found["v1"] = db.execute(select(Vacancy.id).where(Vacancy.ref == "v1")).scalar_one()
        return found


def _latest_proposal(app: Flask) -> int:
    with app.app_context():
        return int(session().execute(select(func.max(PlacementProposal.id))).scalar_one())


def _page_introduce(app: Flask, client: FlaskClient, person: int, share: list[str], **opening: int) -> int:
    _post(client, "/placements/propose", {"person_id": person, **opening})
    proposal = _latest_proposal(app)
    _post(client, f"/placements/{proposal}/move", {"to": "person_agreed"})
    _post(client, f"/placements/{proposal}/move", {"to": "introduced", "share": share})
    return proposal


@pytest.fixture()
def counsellor(client: FlaskClient, app: Flask) -> FlaskClient:
    """counsellor.a signed in, with p2 agreeing to matching and to sharing name and skills."""
    assert AuthActions(client).login("counsellor.a").status_code == 302
    p2 = _app_ids(app)["p2"]
    _post(client, f"/people/{p2}/consent", {"purpose": "matching", "action": "grant"})
    _post(client, f"/people/{p2}/consent",
          {"purpose": SHARE, "action": "grant", "fields": ["pseudonym", "skills_text"]})  # fmt: skip
    return client


@pytest.fixture()
def employer(app: Flask) -> FlaskClient:
    """employer.a signed in, in a browser of its own."""
    browser = app.test_client()
    assert AuthActions(browser).login("employer.a").status_code == 302
    return browser


def test_after_a_withdrawn_proposal_the_employer_sees_nothing_on_page_or_api(
    app: Flask, counsellor: FlaskClient, employer: FlaskClient
) -> None:
    ids = _app_ids(app)
    proposal = _page_introduce(
        app, counsellor, ids["p2"], ["pseudonym", "skills_text"], programme_id=ids["bf1"]
    )
    api = _token(app, "employer.a")
    assert "Person 2" in employer.get("/placements/introductions").get_data(as_text=True)
    assert (
        app.test_client().get("/api/v1/introductions", headers=api).json[0]["shared"]["pseudonym"]
        == "Person 2"
    )
    _post(counsellor, f"/placements/{proposal}/move", {"to": "withdrawn", "reason": "Changed their mind"})
    page = employer.get("/placements/introductions").get_data(as_text=True)
    assert "Person 2" not in page and "warehouse picking" not in page
    listed = app.test_client().get("/api/v1/introductions", headers=api).json
    assert [(i["proposal_id"], i["state"], i["shared"]) for i in listed] == [(proposal, "withdrawn", {})]


def test_a_new_consent_does_not_give_an_earlier_employer_its_access_back(
    app: Flask, counsellor: FlaskClient, employer: FlaskClient
) -> None:
    ids = _app_ids(app)
    _page_introduce(app, counsellor, ids["p2"], ["pseudonym"], programme_id=ids["bf1"])
    _post(counsellor, f"/people/{ids['p2']}/consent", {"purpose": SHARE, "action": "withdraw"})
    _post(
        counsellor,
        f"/people/{ids['p2']}/consent",
        {"purpose": SHARE, "action": "grant", "fields": ["pseudonym"]},
    )
    assert "Person 2" not in employer.get("/placements/introductions").get_data(as_text=True)
    api = _token(app, "employer.a")
    assert app.test_client().get("/api/v1/introductions", headers=api).json[0]["shared"] == {}


def test_the_persons_record_and_export_show_which_employer_saw_what_and_when(
    app: Flask, counsellor: FlaskClient, employer: FlaskClient
) -> None:
    ids = _app_ids(app)
    proposal = _page_introduce(app, counsellor, ids["p2"], ["skills_text"], programme_id=ids["bf1"])
    employer.get("/placements/introductions")
    employer.get("/placements/introductions")
    _post(counsellor, f"/placements/{proposal}/move", {"to": "withdrawn", "reason": "Moved away"})
    employer.get("/placements/introductions")  # after the end: not a view of the shared fields
    page = counsellor.get(f"/people/{ids['p2']}").get_data(as_text=True)
    section = page[page.index('id="shared"') :]
    assert "Northern Grocers" in section and "Bright Start" in section and "Skills" in section
    assert "the proposal closed" in section and "Withdrawn" in section and "2 times" in section
    data = json.loads(counsellor.get(f"/people/{ids['p2']}/export").data)
    [row] = data["shared_with_employers"]
    assert row["employer"] == "Northern Grocers" and row["fields"] == ["skills_text"]
    assert row["why_ended"] == "proposal_closed" and row["employer_views"] == 2
    assert row["from"] <= row["last_viewed_at"] <= row["until"]
    api = app.test_client().get(f"/api/v1/people/{ids['p2']}/export", headers=_token(app, "counsellor.a"))
    assert api.json["shared_with_employers"] == data["shared_with_employers"]


def _agreed_to_bright_start(app: Flask, counsellor: FlaskClient, person_id: int) -> int:
    """Propose the person for the Bright Start programme (bf1) and record that they agreed; the proposal."""
    _post(counsellor, "/placements/propose", {"person_id": person_id, "programme_id": _app_ids(app)["bf1"]})
    proposal = _latest_proposal(app)
    _post(counsellor, f"/placements/{proposal}/move", {"to": "person_agreed"})
    return proposal


def _share_boxes(page: str) -> set[str]:
    return {f for f in disclosure.SHAREABLE_FIELDS if f'name="share" value="{f}"' in page}


def test_share_checkboxes_appear_only_for_what_the_person_agreed_to(
    app: Flask, counsellor: FlaskClient
) -> None:
    ids = _app_ids(app)
    agreed = _agreed_to_bright_start(app, counsellor, ids["p2"])
    anonymous = _agreed_to_bright_start(app, counsellor, ids["p1"])  # p1's consent to share was withdrawn
    board = counsellor.get("/placements/").get_data(as_text=True)
    forms = {pid: board[board.index(f"/placements/{pid}/move") :] for pid in (agreed, anonymous)}
    forms = {pid: text[: text.index("</form>")] for pid, text in forms.items()}
    assert _share_boxes(forms[agreed]) == {"pseudonym", "skills_text"}
    assert _share_boxes(forms[anonymous]) == set()
    assert "has not agreed to share anything with employers" in forms[anonymous]


def test_the_introduce_form_refuses_a_share_the_person_did_not_agree_to(
    app: Flask, counsellor: FlaskClient
) -> None:
    ids = _app_ids(app)
    proposal = _agreed_to_bright_start(app, counsellor, ids["p2"])
    refused = _post(
        counsellor, f"/placements/{proposal}/move", {"to": "introduced", "share": ["work_history"]}
    )
    assert "did not agree to share Work history" in counsellor.get(refused.headers["Location"]).get_data(
        as_text=True
    )
    api = app.test_client().post(
        f"/api/v1/proposals/{proposal}/moves",
        json={"to": "introduced", "share": ["pseudonym", "interests_text"]},
        headers=_token(app, "counsellor.a"),
    )
    assert api.status_code == 422 and "did not agree to share Interests" in api.json["message"]
    with app.app_context():
        assert session().get(PlacementProposal, proposal).state == "person_agreed"
        assert session().execute(select(func.count()).select_from(Disclosure)).scalar_one() == 0


def test_the_refusal_is_said_in_the_counsellors_language(app: Flask, client: FlaskClient) -> None:
    ids = _app_ids(app)
    assert AuthActions(client).login("counsellor.b").status_code == 302  # writes Spanish
    _post(client, f"/people/{ids['p3']}/consent", {"purpose": "matching", "action": "grant"})
    _post(
        client,
        f"/people/{ids['p3']}/consent",
        {"purpose": SHARE, "action": "grant", "fields": ["skills_text"]},
    )
    _post(client, "/placements/propose", {"person_id": ids["p3"], "programme_id": ids["bf1"]})
    proposal = _latest_proposal(app)
    _post(client, f"/placements/{proposal}/move", {"to": "person_agreed"})
    refused = _post(client, f"/placements/{proposal}/move", {"to": "introduced", "share": ["pseudonym"]})
    page = client.get(refused.headers["Location"]).get_data(as_text=True)
    assert "did not agree" not in page and "Competencias" in page


def test_sharing_again_and_stopping_through_the_board_and_the_api(
    app: Flask, counsellor: FlaskClient, employer: FlaskClient
) -> None:
    ids = _app_ids(app)
    proposal = _page_introduce(app, counsellor, ids["p2"], [], programme_id=ids["bf1"])
    assert "Person 2" not in employer.get("/placements/introductions").get_data(as_text=True)
    _post(counsellor, f"/placements/{proposal}/share", {"share": ["pseudonym"]})
    assert "Person 2" in employer.get("/placements/introductions").get_data(as_text=True)
    board = counsellor.get("/placements/").get_data(as_text=True)
    assert "The employer sees:" in board and "Name they use" in board
    headers = _token(app, "counsellor.a")
    stopped = app.test_client().post(
        f"/api/v1/proposals/{proposal}/disclosures", json={"share": []}, headers=headers
    )
    assert stopped.status_code == 200 and stopped.json["shared_fields"] == []
    assert stopped.json["shareable_fields"] == ["pseudonym", "skills_text"]
    assert "Person 2" not in employer.get("/placements/introductions").get_data(as_text=True)
    beyond = app.test_client().post(
        f"/api/v1/proposals/{proposal}/disclosures", json={"share": ["work_history"]}, headers=headers
    )
    assert beyond.status_code == 422 and beyond.json["error"] == "refused"
    shared = app.test_client().post(
        f"/api/v1/proposals/{proposal}/disclosures", json={"share": ["skills_text"]}, headers=headers
    )
    assert shared.json["shared_fields"] == ["skills_text"] and shared.json["shared_since"]
    other = app.test_client().post(
        f"/api/v1/proposals/{proposal}/disclosures",
        json={"share": ["skills_text"]},
        headers=_token(app, "counsellor.b"),
    )
    assert other.status_code == 404


def test_the_new_person_form_records_what_they_agree_to_share(app: Flask, client: FlaskClient) -> None:
    assert AuthActions(client).login("counsellor.a").status_code == 302
    person = {"pseudonym": "Lena", "skills_text": "sewing", "languages": "English", "locality": "mcr"}
    missing = _post(client, "/people/new", {**person, "consent": [SHARE]})
    assert missing.status_code == 400 and "Tick what the person agrees to share" in missing.get_data(
        as_text=True
    )
    saved = _post(
        client, "/people/new", {**person, "consent": [SHARE, "matching"], "share_fields": ["skills_text"]}
    )
    assert saved.status_code == 302
    with app.app_context():
        lena = session().execute(select(Person).order_by(Person.id.desc()).limit(1)).scalar_one()
        assert disclosure.agreed_fields(lena) == ("skills_text",)
    made = app.test_client().post(
        "/api/v1/people",
        json={**person, "languages": ["English"], "consents": [SHARE], "share_fields": ["pseudonym"]},
        headers=_token(app, "counsellor.a"),
    )
    assert made.status_code == 201 and made.json["share_fields"] == ["pseudonym"]
    refused = app.test_client().post(
        "/api/v1/people",
        json={**person, "languages": ["English"], "consents": [SHARE]},
        headers=_token(app, "counsellor.a"),
    )
    assert refused.status_code == 422 and "share_fields" in refused.json["fields"]
