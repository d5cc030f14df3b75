"""Counsellors' people pages: register, edit, consent, export, erase; only their own caseload."""

from __future__ import annotations

import html
import json

import pytest
from sqlalchemy import select, text, update

from web.infra.db import session
from web.storage.schema import AuditEvent, Consent, Person, User

GOOD = {
    "pseudonym": "Meera",
    "skills_text": "I drove a pick-up truck on a farm and fixed the engine myself",
    "work_history": "farm worker, Qatar, 2 years\ncleaner, hotel, 1 year",
    "interests_text": "I want to work in logistics, maybe a forklift licence",
    "exclusions": "night shifts\nlive-in",
    "languages": "English, Nepali",
    "locality": "mcr",
    "max_distance_km": "20",
    "min_hours_per_week": "20",
    "max_hours_per_week": "40",
    "availability": ["weekdays", "mornings"],
    "desired_pay": "12.21",
    "pay_period": "hour",
    "gender": "female",
    "consent": ["matching"],
}


def _post(client, auth, path: str, data: dict) -> object:
    return client.post(path, data={**data, "csrf_token": auth.csrf()})


def _person(app, ref: str) -> Person:
    with app.app_context():
        return session().execute(select(Person).where(Person.ref == ref)).scalar_one()


def test_register_a_person_with_consent(app, client, auth) -> None:
    auth.login("counsellor.a")
    response = _post(client, auth, "/people/new", GOOD)
    assert response.status_code == 302
    page = client.get(response.headers["Location"])
    assert b"Meera" in page.data and b"forklift licence" in page.data
    with app.app_context():
        person = session().execute(select(Person).where(Person.pseudonym.is_not(None))).scalars().all()[-1]
        assert person.work_history == ["farm worker, Qatar, 2 years", "cleaner, hotel, 1 year"]
        assert person.languages == ["English", "Nepali"] and person.currency == "GBP"
        assert person.protected.gender == "female"
        assert [c.purpose for c in person.consents] == ["matching"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"pseudonym": ""}, b"Name to use: is required"),
        ({"languages": ""}, b"Languages: is required"),
        ({"locality": "atlantis"}, b"choose one of the listed localities"),
        ({"desired_pay": "lots"}, b"should be a number, got &#39;lots&#39;"),
        ({"min_hours_per_week": "50"}, b"is more than the most hours (50 &gt; 40)"),
        ({"availability": ["sundays"]}, b"unknown choice(s): sundays"),
        ({"latitude": "53.4"}, b"give both latitude and longitude"),
        ({"birth_year": "1850"}, b"should be at least 1900"),
        ({"pay_period": ""}, b"say whether the pay is per hour"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(app, client, auth, change: dict, message: bytes) -> None:
    auth.login("counsellor.a")
    with app.app_context():
        before = len(session().execute(select(Person)).scalars().all())
    response = _post(client, auth, "/people/new", {**GOOD, **change})
    assert response.status_code == 400
    assert message in response.data and b"Nothing has been saved yet." in response.data
    with app.app_context():
        assert len(session().execute(select(Person)).scalars().all()) == before


def _summary(page: str) -> str:
    start = page.index('class="error-summary"')
    return html.unescape(page[start : page.index("</div>", start)])


@pytest.mark.parametrize(
    ("lang", "labels", "codes"),
    [
        ("en", ("Fewest hours a week: ", "Languages: ", "What they can do: "), ("min hours", "skills text")),
        (
            "fr",
            (
                "Nombre minimum d'heures par semaine : ",
                "Ce qu'elle sait faire : ",
            ),  # French puts a space before ':'
            ("Fewest hours", "min hours"),
        ),
    ],
)
def test_the_error_summary_names_fields_by_their_labels_in_the_readers_language(
    app, client, auth, lang: str, labels: tuple[str, ...], codes: tuple[str, ...]
) -> None:
    with app.app_context():
        session().execute(update(User).where(User.username == "counsellor.a").values(language=lang))
        session().commit()
    auth.login("counsellor.a")
    bad = {**GOOD, "min_hours_per_week": "50", "languages": "", "skills_text": ""}
    response = _post(client, auth, "/people/new", bad)
    summary = _summary(response.get_data(as_text=True))
    assert response.status_code == 400 and summary.count("<li>") == 3
    assert all(label in summary for label in labels), summary
    assert not any(code in summary for code in codes), summary
    assert 'href="#f-min_hours_per_week"' in summary  # the link still leads to the field
    heading = {"en": "Please fix 3 things before saving", "fr": "Corrigez 3 points avant d'enregistrer"}
    assert heading[lang] in summary  # a real plural, not "thing(s)"
    one = _summary(_post(client, auth, "/people/new", {**GOOD, "skills_text": ""}).get_data(as_text=True))
    assert {"en": "Please fix 1 thing before", "fr": "Corrigez 1 point avant"}[lang] in one


def test_edit_keeps_what_was_not_changed(app, client, auth) -> None:
    auth.login("counsellor.a")
    person = _person(app, "p1")
    form = client.get(f"/people/{person.id}/edit")
    assert b"Cook in Dubai 3 years" in form.data
    response = _post(
        client, auth, f"/people/{person.id}/edit", {**GOOD, "pseudonym": "Asha K.", "consent": []}
    )
    assert response.status_code == 302
    assert _person(app, "p1").interests_text == GOOD["interests_text"]


def test_bad_edit_leaves_the_stored_profile_untouched(app, client, auth) -> None:
    auth.login("counsellor.a")
    person = _person(app, "p1")
    response = _post(client, auth, f"/people/{person.id}/edit", {**GOOD, "desired_pay": "-5"})
    assert response.status_code == 400
    assert _person(app, "p1").skills_text == "I cooked for a big family and kept the accounts"


def test_consent_is_granted_and_withdrawn_at_once(app, client, auth) -> None:
    auth.login("counsellor.a")
    person = _person(app, "p1")
    share = {"purpose": "share_with_employers", "action": "grant"}
    refused = _post(client, auth, f"/people/{person.id}/consent", share)
    assert refused.status_code == 302  # nothing ticked: refused, back to the consent table
    assert b"Tick what the person agrees to share" in client.get(refused.headers["Location"]).data
    _post(client, auth, f"/people/{person.id}/consent", {**share, "fields": ["skills_text", "pseudonym"]})
    _post(client, auth, f"/people/{person.id}/consent", {"purpose": "matching", "action": "withdraw"})
    with app.app_context():
        rows = session().execute(select(Consent).where(Consent.person_id == person.id)).scalars().all()
        in_force = sorted(c.purpose for c in rows if c.in_force)
        assert in_force == ["share_with_employers"]
        assert len(rows) == 3  # history kept: old withdrawal, new grant, matching now withdrawn
        assert [c.fields for c in rows if c.in_force] == [["pseudonym", "skills_text"]]


@pytest.mark.parametrize("path", ["", "/edit", "/export", "/erase"])
def test_another_organisations_person_is_not_found(app, client, auth, path: str) -> None:
    auth.login("counsellor.b")
    person = _person(app, "p1")
    assert client.get(f"/people/{person.id}{path}").status_code == 404
    with app.app_context():
        denied = session().execute(select(AuditEvent).where(AuditEvent.outcome == "denied")).scalars().all()
        assert denied and denied[-1].object_id == str(person.id)


def test_export_contains_everything_held(app, client, auth) -> None:
    auth.login("counsellor.a")
    person = _person(app, "p1")
    response = client.get(f"/people/{person.id}/export")
    data = json.loads(response.data)
    assert data["profile"]["pseudonym"] == "Asha K."
    assert data["protected_attributes"]["trafficking_history"] == "Domestic servitude abroad"
    assert {c["purpose"] for c in data["consents"]} == {"matching", "share_with_employers"}
    assert data["shared_with_employers"] == []  # nothing shared yet (tests/web/test_disclosures.py)
    assert response.headers["Cache-Control"] == "no-store"


def test_erase_needs_the_reference_then_removes_everything(app, client, auth) -> None:
    auth.login("counsellor.a")
    person = _person(app, "p1")
    wrong = _post(client, auth, f"/people/{person.id}/erase", {"confirm": "wrong"})
    assert wrong.status_code == 400 and b"not the person&#39;s reference" in wrong.data
    assert b"reference p1 exactly" not in wrong.data  # regression: the message repeated the right value
    assert _post(client, auth, f"/people/{person.id}/erase", {"confirm": "p1"}).status_code == 302
    with app.app_context():
        db = session()
        assert db.get(Person, person.id) is None
        for table in ("consents", "protected_attributes", "placement_proposals"):
            assert (
                db.execute(
                    text(f"SELECT COUNT(*) FROM {table} WHERE person_id = :i"), {"i": person.id}
                ).scalar()
                == 0
            )
        events = db.execute(select(AuditEvent).where(AuditEvent.action == "erase_person")).scalars().all()
        assert [e.object_id for e in events] == [str(person.id)]
