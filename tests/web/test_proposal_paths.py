"""Jobs and programmes have their own paths, with dates (issue 16, item 3).

Regressions from the outside review: a plain vacancy went through "Placement started ->
Placement completed -> Interview", and "Still employed at 12 months" could be clicked seconds
after proposing. Now a job follows proposed -> introduced -> interview -> offer -> started ->
still employed at 3/6/12 months, a programme proposed -> introduced -> placement started ->
placement completed -> interview -> started -> still employed; each step has the day it
happened (today by default, never in the future, never before the step before it), a retention
step is offered only once its time has passed, and the board and the person's page show the
dates and the history. The migration (both engines) moves proposals standing on a step their
path no longer has, and goes back.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from tests.web.conftest import TEST_KEYRING, AuthActions
from web.infra.db import session
from web.people import service as people
from web.placements import service
from web.placements.pipeline import (
    JOB,
    PATHS,
    PROGRAMME,
    STEPS,
    Step,
    TransitionRefused,
    check_transition,
    due_on,
    durations,
    offered,
)
from web.storage import alembic_config, make_engine, upgrade
from web.storage.crypto import install_keyring
from web.storage.demo_data import load_demo
from web.storage.schema import Person, PlacementProgramme, PlacementProposal, User, Vacancy, utctoday

DAY = dt.date(2026, 12, 5)


# --- the rules, as plain data -------------------------------------------------------------------


def test_a_job_and_a_programme_follow_their_own_paths() -> None:
    assert STEPS[JOB] == (
        "proposed",
        "person_agreed",
        "introduced",
        "interview",
        "offer",
        "hired",
        "employed_3_months",
        "employed_6_months",
        "employed_12_months",
    )
    assert STEPS[PROGRAMME] == (
        "proposed",
        "person_agreed",
        "introduced",
        "placement_started",
        "placement_completed",
        "interview",
        "hired",
        "employed_3_months",
        "employed_6_months",
        "employed_12_months",
    )
    for path, steps in STEPS.items():  # each step leads to the next one of its own path
        for before, after in zip(steps, steps[1:], strict=False):
            assert after in PATHS[path][before], (path, before, after)
    assert not {"placement_started", "placement_completed", "ended_early"} & set(PATHS[JOB])
    assert "offer" not in PATHS[PROGRAMME]


D = dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("path", "history", "target", "on", "problem"),
    [
        (JOB, [("proposed", DAY)], "person_agreed", DAY + D, "in the future"),
        (JOB, [("introduced", DAY)], "interview", DAY - D, "before the step before it"),
        (JOB, [("offer", DAY - 9 * D)], "hired", DAY - 10 * D, "before the step"),
        (JOB, [("introduced", DAY)], "placement_started", DAY, "next step can be"),
        (PROGRAMME, [("interview", DAY)], "offer", DAY, "next step can be"),
        (JOB, [("hired", DAY)], "employed_3_months", DAY, "from 2027-03-05"),
        (PROGRAMME, [("hired", dt.date(2026, 8, 31))], "employed_3_months", DAY - 6 * D, "2026-11-30"),
        (JOB, [("hired", dt.date(2026, 1, 5)), ("employed_3_months", dt.date(2026, 4, 5))],
         "employed_6_months", dt.date(2026, 7, 4), "from 2026-07-05"),
    ],
)  # fmt: skip
def test_dates_are_checked(path: str, history: list, target: str, on: dt.date, problem: str) -> None:
    steps = [Step(state, day) for state, day in history]
    with pytest.raises(TransitionRefused, match=problem):
        check_transition(path, steps, target, "counsellor", on, DAY)


def test_a_step_may_happen_on_the_day_of_the_one_before_or_any_day_after_up_to_today() -> None:
    before = DAY - dt.timedelta(days=20)
    for on in (before, before + dt.timedelta(days=3), DAY):
        check_transition(JOB, [Step("introduced", before)], "interview", "employer", on, DAY)


def test_a_retention_step_is_offered_only_once_its_time_has_passed() -> None:
    hired = [Step("proposed", dt.date(2026, 1, 2)), Step("hired", dt.date(2026, 3, 31))]
    assert offered(JOB, hired, dt.date(2026, 6, 29)) == ("left_job",)
    assert offered(JOB, hired, dt.date(2026, 6, 30)) == ("employed_3_months", "left_job")  # 31 June: 30 June
    six = [*hired, Step("employed_3_months", dt.date(2026, 7, 1))]
    assert offered(PROGRAMME, six, dt.date(2026, 9, 29)) == ("left_job",)
    assert offered(PROGRAMME, six, dt.date(2026, 9, 30)) == ("employed_6_months", "left_job")
    twelve = [*six, Step("employed_6_months", dt.date(2026, 10, 1))]
    assert offered(JOB, twelve, dt.date(2027, 3, 30)) == ("left_job",)
    assert offered(JOB, twelve, dt.date(2027, 3, 31)) == ("employed_12_months", "left_job")


def test_the_history_reads_back_as_dated_durations() -> None:
    days = [dt.date(2026, 1, 1), dt.date(2026, 1, 8), dt.date(2026, 1, 8), dt.date(2026, 2, 1)]
    steps = [Step(s, d) for s, d in zip(STEPS[JOB], days, strict=False)]
    assert durations(steps) == [
        ("proposed", "person_agreed", 7),
        ("person_agreed", "introduced", 0),
        ("introduced", "interview", 24),
    ]


# --- through the services and the pages ---------------------------------------------------------


def _ids(app: Flask) -> tuple[int, int, int]:
    with app.app_context():
        db = session()
        p1 = db.execute(select(Person).where(Person.ref == "p1")).scalar_one().id
        programme = db.execute(
            select(PlacementProgramme.id).where(PlacementProgramme.ref == "bf1")
        ).scalar_one()
        vacancy = db.execute(select(Vacancy.id).where(Vacancy.ref == "v1")).scalar_one()
        return p1, programme, vacancy


def _post(client: FlaskClient, auth: AuthActions, path: str, data: dict) -> object:
    return client.post(path, data={**data, "csrf_token": auth.csrf()})


def _latest(app: Flask) -> PlacementProposal:
    with app.app_context():
        db = session()
        proposal = (
            db.execute(select(PlacementProposal).order_by(PlacementProposal.id.desc())).scalars().first()
        )
        assert proposal is not None
        proposal.events  # noqa: B018 (loaded while the session is open)
        return proposal


def test_a_job_through_the_pages_with_the_days_each_step_happened(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    person, _, vacancy = _ids(app)
    auth.login("counsellor.a")
    _post(client, auth, "/placements/propose", {"person_id": person, "vacancy_id": vacancy})
    pid = _latest(app).id
    today = utctoday()
    board = client.get("/placements/").get_data(as_text=True)
    steps_offered = re.search(rf'id="to-{pid}".*?</select>', board, re.S).group(0)
    assert "Person agreed" in steps_offered and "Placement started" not in steps_offered
    assert f'name="on" type="date" value="{today.isoformat()}" max="{today.isoformat()}"' in board
    _post(client, auth, f"/placements/{pid}/move", {"to": "person_agreed"})
    _post(client, auth, f"/placements/{pid}/move", {"to": "introduced", "on": ""})  # empty: today
    refused = _post(client, auth, f"/placements/{pid}/move", {"to": "placement_started"})
    assert b"next step can be: Interview, No offer, Withdrawn" in client.get(refused.headers["Location"]).data
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    refused = _post(client, auth, f"/placements/{pid}/move", {"to": "interview", "on": tomorrow})
    assert b"is in the future" in client.get(refused.headers["Location"]).data
    bad = _post(client, auth, f"/placements/{pid}/move", {"to": "interview", "on": "next Tuesday"})
    assert b"is not a date" in client.get(bad.headers["Location"]).data
    _post(client, auth, f"/placements/{pid}/move", {"to": "interview", "on": today.isoformat()})
    auth.logout()
    auth.login("employer.a")
    page = client.get("/placements/introductions").get_data(as_text=True)
    assert "Job offered" in page and "Placement started" not in page
    _post(client, auth, f"/placements/{pid}/move", {"to": "offer"})
    _post(client, auth, f"/placements/{pid}/move", {"to": "hired"})
    page = client.get("/placements/introductions").get_data(as_text=True)
    assert f'id="to-{pid}"' not in page, (
        "nothing for the employer to record until the retention steps are due"
    )
    assert "Started the job on" in page
    auth.logout()
    auth.login("counsellor.a")
    board = client.get("/placements/").get_data(as_text=True)
    item = re.search(rf'id="proposal-{pid}".*?(?=<li class="proposal"|</section>)', board, re.S).group(0)
    assert re.search(r"Still employed at 3 months.{0,12} can be recorded from", item)
    assert "Still employed at 3 months</option>" not in item and "Left the job</option>" in item
    proposal = _latest(app)
    assert [e.to_state for e in proposal.events] == [
        "proposed",
        "person_agreed",
        "introduced",
        "interview",
        "offer",
        "hired",
    ]
    assert all(e.happened_on == today for e in proposal.events)
    assert "History: 6 steps" in board


def test_the_persons_page_lists_their_proposals_with_dates(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    person, programme, vacancy = _ids(app)
    auth.login("counsellor.a")
    _post(client, auth, "/placements/propose", {"person_id": person, "programme_id": programme})
    _post(client, auth, "/placements/propose", {"person_id": person, "vacancy_id": vacancy})
    page = client.get(f"/people/{person}").get_data(as_text=True)
    section = page[page.index('id="proposals"') :]
    assert "Bright Start" in section and "Delivery driver" in section
    assert "Placement programme" in section and "Job" in section
    assert section.count("Proposed on") == 2
    assert f"#proposal-{_latest(app).id}" in section


def _demo_with_open_vacancies(db: Session, minimal_demo: Path) -> tuple[User, Vacancy]:
    """The small demo loaded with every vacancy open: its counsellor.a and vacancy v1."""
    load_demo(db, minimal_demo)
    db.execute(sa.update(Vacancy).values(status="open"))
    counsellor = db.execute(select(User).where(User.username == "counsellor.a")).scalar_one()
    return counsellor, db.execute(select(Vacancy).where(Vacancy.ref == "v1")).scalar_one()


def test_back_dated_steps_reach_the_retention_steps_in_order(db: Session, minimal_demo: Path) -> None:
    """A case recorded late: each step on the day it happened, the retention steps on their days."""
    counsellor, vacancy = _demo_with_open_vacancies(db, minimal_demo)
    person = db.execute(select(Person).where(Person.ref == "p1")).scalar_one()
    proposal = service.propose(db, counsellor, person, vacancy_id=vacancy.id)
    start = utctoday() - dt.timedelta(days=500)
    proposal.events[0].happened_on = start
    days = {"person_agreed": 2, "introduced": 5, "interview": 12, "offer": 14, "hired": 30}
    for step, after in days.items():
        service.move(db, counsellor, proposal, step, on=start + dt.timedelta(days=after))
    db.commit()
    hired = start + dt.timedelta(days=30)
    with pytest.raises(TransitionRefused, match="can be recorded from"):
        service.move(db, counsellor, proposal, "employed_3_months", on=hired + dt.timedelta(days=80))
    db.rollback()
    proposal = db.get(PlacementProposal, proposal.id)
    for step in ("employed_3_months", "employed_6_months", "employed_12_months"):
        assert step in service.next_steps(proposal)
        service.move(db, counsellor, proposal, step, on=due_on(service.history(proposal), step))
    db.commit()
    history = service.history(proposal)
    assert [s.state for s in history] == list(STEPS[JOB])
    assert [s.on for s in history][:6] == [start, *(start + dt.timedelta(days=d) for d in days.values())]
    assert history[-1].on.year == hired.year + 1 and proposal.state == "employed_12_months"
    assert service.next_steps(proposal) == ()


# --- the migration ------------------------------------------------------------------------------

T0 = dt.datetime(2026, 10, 1, 23, 30, tzinfo=dt.UTC)
#: proposal id -> (a programme?, state before, state after, steps recorded before)
START = ["proposed", "introduced"]
PLACED = [*START, "placement_started", "placement_completed"]
BEFORE = {
    1: (False, "placement_started", "introduced", [*START, "placement_started"]),
    2: (False, "placement_completed", "introduced", PLACED),
    3: (False, "ended_early", "withdrawn", [*START, "placement_started", "ended_early"]),
    4: (True, "offer", "interview", [*PLACED, "interview", "offer"]),
    5: (False, "interview", "interview", [*PLACED, "interview"]),
    6: (True, "placement_started", "placement_started", [*START, "placement_started"]),
    7: (False, "offer", "offer", [*START, "interview", "offer"]),
}  # fmt: skip


def _rows_at_0007(engine: sa.Engine) -> None:
    meta = sa.MetaData()
    meta.reflect(engine)
    t = meta.tables
    with engine.begin() as conn:
        conn.execute(t["organisations"].insert(), [
            {"id": 1, "ref": "ngo", "name": "NGO", "kind": "ngo", "description": ""},
            {"id": 2, "ref": "emp", "name": "Employer", "kind": "employer", "description": ""},
        ])  # fmt: skip
        text = {
            c: "x"
            for c in (
                "pseudonym",
                "skills_text",
                "work_history",
                "interests_text",
                "languages",
                "availability",
                "constraints_text",
                "exclusions",
            )
        }
        conn.execute(t["people"].insert(), [
            {"id": 1, "ref": "p1", "organisation_id": 1, **text, "created_at": T0, "updated_at": T0},
        ])  # fmt: skip
        posting = {"employer_id": 2, "description": "d", "skills_required": [], "languages_required": []}
        conn.execute(t["placement_programmes"].insert(), [
            {"id": 1, "ref": "bf", "title": "Bright Start", "sector": "retail", "capacity": 9,
             "placement_weeks": 4, "job_title": "J", "interview": "non_competitive", **posting},
        ])  # fmt: skip
        conn.execute(t["vacancies"].insert(), [
            {"id": 1, "ref": "v", "title": "Driver", "sector": "logistics", "status": "open", **posting},
        ])  # fmt: skip
        conn.execute(t["placement_proposals"].insert(), [
            {"id": pid, "person_id": 1, "programme_id": 1 if programme else None,
             "vacancy_id": None if programme else 1, "state": state, "created_at": T0}
            for pid, (programme, state, _, _) in BEFORE.items()
        ])  # fmt: skip
        conn.execute(t["proposal_events"].insert(), [
            {"proposal_id": pid, "from_state": None, "to_state": step, "at": T0 + dt.timedelta(days=n),
             "by_user_id": None}
            for pid, (_, _, _, steps) in BEFORE.items() for n, step in enumerate(steps)
        ])  # fmt: skip


def _snapshot(engine: sa.Engine) -> tuple[dict[int, str], list[tuple]]:
    with engine.connect() as conn:
        states = dict(conn.execute(sa.text("SELECT id, state FROM placement_proposals")).all())
        events = [
            tuple(r)
            for r in conn.execute(
                sa.text("SELECT id, proposal_id, from_state, to_state, at FROM proposal_events ORDER BY id")
            )
        ]
    return states, events


def test_the_migration_moves_proposals_onto_their_own_path_and_goes_back(database_url: str) -> None:
    install_keyring(TEST_KEYRING)
    engine = make_engine(database_url)
    command.upgrade(alembic_config(engine), "0007")
    _rows_at_0007(engine)
    before = _snapshot(engine)
    upgrade(engine)
    states, events = _snapshot(engine)
    assert states == {pid: after for pid, (_, _, after, _) in BEFORE.items()}
    with engine.connect() as conn:
        days = conn.execute(
            sa.text("SELECT proposal_id, from_state, to_state, happened_on FROM proposal_events")
        ).all()
    for proposal_id, from_state, to_state, happened_on in days:
        happened = (
            happened_on if isinstance(happened_on, dt.date) else dt.date.fromisoformat(str(happened_on))
        )
        steps = BEFORE[proposal_id][3]
        if from_state is not None:  # the step the migration recorded: on the day of the last one
            assert happened == (T0 + dt.timedelta(days=len(steps) - 1)).date()
        else:  # the day it was recorded, in UTC (23:30 UTC is still that day)
            assert happened == (T0 + dt.timedelta(days=steps.index(to_state))).date()
    moved = [pid for pid, (_, was, now, _) in BEFORE.items() if was != now]
    assert len(events) == len(before[1]) + len(moved), "one step recorded per moved proposal"
    for pid in moved:  # each moved proposal's history continues from where it stood
        last = [e for e in events if e[1] == pid][-1]
        assert (last[2], last[3]) == (BEFORE[pid][1], BEFORE[pid][2])
    for programme, _, now, _ in BEFORE.values():
        assert now in PATHS[PROGRAMME if programme else JOB]

    command.downgrade(alembic_config(engine), "0008")
    assert _snapshot(engine) == before
    assert "happened_on" not in {c["name"] for c in inspect(engine).get_columns("proposal_events")}
    upgrade(engine)
    assert _snapshot(engine)[0] == states
    engine.dispose()


def test_sharing_survives_the_new_paths(db: Session, minimal_demo: Path) -> None:
    """A job's introduction shares, and its interview, offer and start keep sharing (one disclosure)."""
    counsellor, vacancy = _demo_with_open_vacancies(db, minimal_demo)
    employer = db.execute(select(User).where(User.username == "employer.a")).scalar_one()
    person = db.execute(select(Person).where(Person.ref == "p2")).scalar_one()
    people.grant_consent(db, counsellor, person, "matching")
    people.grant_consent(db, counsellor, person, "share_with_employers", ["pseudonym"])
    proposal = service.propose(db, counsellor, person, vacancy_id=vacancy.id)
    service.move(db, counsellor, proposal, "person_agreed")
    service.move(db, counsellor, proposal, "introduced", shared_fields=["pseudonym"])
    for step in ("interview", "offer", "hired"):
        service.move(db, employer, proposal, step)
        seen = {i.proposal_id: i for i in service.introductions(db, employer)}[proposal.id]
        assert seen.name == "Person 2" and seen.state == step
    db.commit()
