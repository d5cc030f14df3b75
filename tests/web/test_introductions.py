"""The employer's introductions page reads like a page for people (issue 16, item 14).

Readable labels ("Skills", "Work history", never ``skills_text``), no "Candidate 2" that then shows
a name, and for each opening how many people were introduced and at which stage.
"""

from __future__ import annotations

import re

from sqlalchemy import select

from web.infra.db import session
from web.people import service as people
from web.placements import service
from web.storage.schema import Person, PlacementProgramme, User, Vacancy


def _introduce(app, ref: str, share: list[str], **opening: str) -> None:
    with app.app_context():
        db = session()
        counsellor = db.execute(select(User).where(User.username == "counsellor.a")).scalar_one()
        person = db.execute(select(Person).where(Person.ref == ref)).scalar_one()
        if "matching" not in people.consents_in_force(person):
            people.grant_consent(db, counsellor, person, "matching")
        people.grant_consent(db, counsellor, person, "share_with_employers", share or ["pseudonym"])
        ids = {}
        if "vacancy" in opening:
            ids["vacancy_id"] = db.execute(
                select(Vacancy.id).where(Vacancy.ref == opening["vacancy"])
            ).scalar_one()
        else:
            ids["programme_id"] = db.execute(
                select(PlacementProgramme.id).where(PlacementProgramme.ref == opening["programme"])
            ).scalar_one()
        proposal = service.propose(db, counsellor, person, **ids)
        service.move(db, counsellor, proposal, "person_agreed")
        service.move(db, counsellor, proposal, "introduced", shared_fields=share)
        db.commit()


def test_introductions_use_readable_labels_names_and_stages(app, client, auth) -> None:
    _introduce(app, "p1", ["pseudonym", "skills_text", "work_history"], programme="bf1")
    _introduce(app, "p2", [], programme="bf1")  # anonymous: no name, and no "Candidate 2" either
    auth.login("employer.a")
    page = client.get("/placements/introductions").data.decode()
    assert "<dt>Skills</dt>" in page and "<dt>Work history</dt>" in page
    for raw in ("skills_text", "skills text", "work_history", "pseudonym"):
        assert raw not in page
    assert not re.search(r"Candidate\s*\d", page)
    assert "<h3>Asha K." in page  # she shared her name: it is her heading, nothing else stands for it
    assert "(name not shared)" in page  # Person 2 shared nothing, and is said so
    assert "Person 2" not in page
    opening = page[page.index("Bright Start") :]
    assert "2 people introduced" in opening
    assert re.search(r'<span class="tag">Introduced to employer: 2</span>', opening)
