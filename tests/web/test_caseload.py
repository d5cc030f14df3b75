"""The counsellor's caseload: search, sort and where each person stands (issue 16, item 8)."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import event, select

from web.infra.db import session
from web.storage.schema import Person


def _names(page: str) -> list[str]:
    return re.findall(r'<td><a href="/people/\d+">([^<]+)</a>', page)


def _person_id(app, ref: str) -> int:
    with app.app_context():
        return session().execute(select(Person.id).where(Person.ref == ref)).scalar_one()


def test_the_caseload_is_searched_by_name_reference_or_locality(app, client, auth) -> None:
    auth.login("counsellor.a")
    assert _names(client.get("/counsellor").data.decode()) == ["Asha K.", "Person 2"]
    assert _names(client.get("/counsellor?q=asha").data.decode()) == ["Asha K."]
    assert _names(client.get("/counsellor?q=P2").data.decode()) == ["Person 2"]
    page = client.get("/counsellor?q=nobody-like-this").data.decode()
    assert _names(page) == [] and "Nobody in your caseload matches" in page
    assert "Bea" not in client.get("/counsellor?q=bea").data.decode()  # another organisation's person


def test_the_caseload_shows_open_proposals_their_step_and_last_activity(app, client, auth) -> None:
    auth.login("counsellor.a")
    p2 = _person_id(app, "p2")
    with app.app_context():  # Person 2 agrees to matching, then is proposed the programme
        from web.storage.schema import PlacementProgramme

        programme = session().execute(select(PlacementProgramme.id)).scalars().first()
    consent = client.post(
        f"/people/{p2}/consent", data={"csrf_token": auth.csrf(), "purpose": "matching", "action": "grant"}
    )
    assert consent.status_code == 302
    proposed = client.post(
        "/placements/propose", data={"csrf_token": auth.csrf(), "person_id": p2, "programme_id": programme}
    )
    assert proposed.status_code == 302
    page = client.get("/counsellor?sort=open").data.decode()
    assert _names(page) == ["Person 2", "Asha K."]
    row = page[page.index(">Person 2<") :].split("</tr>")[0]
    assert '1 <span class="muted">(Proposed)</span>' in row
    assert re.search(r"<td>\w{3} \d{1,2}, \d{4}</td>", row), row  # the last activity, as a date
    assert 'aria-sort="descending"' in page
    with app.app_context():  # Asha's profile last changed long ago (her consents date from 2026-10-01)
        db = session()
        asha = db.execute(select(Person).where(Person.ref == "p1")).scalar_one()
        asha.updated_at = dt.datetime(2026, 10, 1)
        db.commit()
    by_activity = client.get("/counsellor?sort=activity").data.decode()
    assert _names(by_activity) == ["Person 2", "Asha K."] and "Oct 20, 2026" in by_activity
    assert _names(client.get("/counsellor?sort=nonsense").data.decode()) == ["Asha K.", "Person 2"]


def test_the_caseload_stays_usable_at_200_people(app, client, auth) -> None:
    with app.app_context():
        db = session()
        p1 = db.execute(select(Person).where(Person.ref == "p1")).scalar_one()
        for n in range(200):
            db.add(
                Person(
                    ref=f"bulk-{n:03d}",
                    organisation_id=p1.organisation_id,
                    counsellor_id=p1.counsellor_id,
                    locality_id=p1.locality_id,
                    pseudonym=f"Person {n:03d}",
                    skills_text="",
                    work_history=[],
                    interests_text="",
                    languages=["English"],
                    availability=[],
                    constraints_text="",
                    exclusions=[],
                )
            )
        db.commit()
    auth.login("counsellor.a")
    statements: list[str] = []
    engine = app.extensions["pathways.engine"]
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        page = client.get("/counsellor?sort=locality").data.decode()
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert len(_names(page)) == 202 and "202 people shown" in page
    assert len(statements) < 20, f"{len(statements)} queries: one per person crept back in"
    assert _names(client.get("/counsellor?q=person 19").data.decode())[0] == "Person 190"


def test_a_demo_persons_last_activity_is_their_own_not_the_day_the_demo_was_loaded(app, client, auth) -> None:
    """The walk of 2026-12-06: every demo person's last activity was the day the demo was loaded, though their
    consents were recorded weeks before. A demo person is registered the day their first consent was."""
    auth.login("counsellor.a")
    page = client.get("/counsellor").data.decode()
    asha = page[page.index(">Asha K.<") :].split("</tr>")[0]
    assert "<td>Oct 20, 2026</td>" in asha, asha  # her sharing consent was withdrawn then (MINIMAL_DEMO)
    with app.app_context():
        registered = session().execute(select(Person.created_at).where(Person.ref == "p1")).scalar_one()
    assert registered.date() == dt.date(2026, 10, 1)
