"""A person's ESCO skills and occupations: what Pathways understood, and the counsellor's corrections.

ESCO comes from the reference copy in ``../shared/datasets/esco`` (skipped with a reason
where it is absent), cut down to a few concepts so the linker and normaliser fit in
seconds with the run's encoder.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import pytest
from flask_babel import force_locale, gettext, pgettext
from sqlalchemy import select, text, update

from tests.web.conftest import esco_grounding, finish_jobs
from web.infra import services
from web.infra.db import session
from web.storage.schema import AuditEvent, EscoCorrection, Person, User

OCCUPATIONS = {
    "cook",
    "domestic cleaner",
    "delivery driver",
    "shop assistant",
    "kitchen porter",
    "bookkeeper",
}
SKILLS = {
    "use cooking techniques",
    "maintain financial records",
    "drive vehicles",
    "clean rooms",
    "clean surfaces",
    "customer service",
    "use manual sewing techniques",
    "prepare dietary meals",
}


def _copy_rows(source: Path, target: Path, labels: set[str] | None) -> None:
    with source.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = [r for r in reader if labels is None or r["preferredLabel"] in labels]
        columns = reader.fieldnames or []
    with target.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="module")
def small_esco(esco_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder in the official ESCO CSV format holding a few real concepts of the reference copy."""
    folder = tmp_path_factory.mktemp("small-esco")
    _copy_rows(esco_dir / "occupations_en.csv", folder / "occupations_en.csv", OCCUPATIONS)
    _copy_rows(esco_dir / "skills_en.csv", folder / "skills_en.csv", SKILLS)
    _copy_rows(esco_dir / "ISCOGroups_en.csv", folder / "ISCOGroups_en.csv", None)
    return folder


@pytest.fixture(scope="module")
def grounding(small_esco: Path, encoder: Any) -> services.EscoGrounding:
    """The shared grounding as :func:`web.infra.services.esco` builds it, made once for the module, with its
    multilingual rankers fitted (the page does not wait for them: see the test of a fresh grounding below)."""
    made = esco_grounding(small_esco, encoder)
    for router in (made.normalizer.router_, made.linker.router_):
        if router is not None:
            router.ranker()
    return made


WORDS = "I cook for big families, I keep the accounts"
PHRASE = "I cook for big families"


@pytest.fixture()
def esco_app(app: Any, small_esco: Path, grounding: services.EscoGrounding) -> Any:
    """The app with ESCO configured and already read by this process; Asha's words are plain ones."""
    app.config["ESCO_DIR"] = str(small_esco)
    app.extensions["pathways.esco"] = grounding
    with app.app_context():
        db = session()
        person = db.execute(select(Person).where(Person.ref == "p1")).scalar_one()
        person.skills_text = WORDS
        person.work_history = ["Cook, hotel in Dubai, 3 years", "Cleaner"]
        db.commit()
    return app


def _person(app: Any, ref: str = "p1") -> Person:
    with app.app_context():
        return session().execute(select(Person).where(Person.ref == ref)).scalar_one()


def _uri(grounding: services.EscoGrounding, kind: str, label: str) -> str:
    concepts = grounding.taxonomy.skills if kind == "skill" else grounding.taxonomy.occupations
    return next(c.uri for c in concepts if c.label == label)


def _post(client: Any, auth: Any, person_id: int, data: dict[str, str]) -> Any:
    return client.post(f"/people/{person_id}/esco", data={**data, "csrf_token": auth.csrf()})


def _corrections(app: Any, person_id: int) -> list[EscoCorrection]:
    with app.app_context():
        query = select(EscoCorrection).where(EscoCorrection.person_id == person_id)
        return list(session().execute(query).scalars())


def test_without_esco_the_page_says_so_and_offers_nothing(app, client, auth) -> None:
    auth.login("counsellor.a")
    person = _person(app)
    page = client.get(f"/people/{person.id}/esco")
    assert page.status_code == 200
    assert b"ESCO is not set up on this server" in page.data
    assert b"Confirm" not in page.data and b'name="q"' not in page.data
    response = _post(client, auth, person.id, {"action": "add", "kind": "skill", "uri": "u:any"})
    assert response.status_code == 302
    assert b"nothing to correct" in client.get(response.headers["Location"]).data
    assert _corrections(app, person.id) == []


def test_page_shows_occupations_and_skills_with_their_words_and_confidence(esco_app, client, auth) -> None:
    auth.login("counsellor.a")
    person = _person(esco_app)
    page = client.get(f"/people/{person.id}/esco").data.decode()
    occupations, skills = page.split("Skills, from what they can do")
    row = re.search(r"<td>cook</td>\s*<td>(.*?)</td>\s*<td>([0-9.]+)</td>", occupations, re.S)
    assert row, "the past job 'Cook' should be understood as the ESCO occupation 'cook'"
    assert ">Cook<" in row.group(1) and 0.55 <= float(row.group(2)) <= 1.5
    assert "domestic cleaner" in occupations and "kitchen porter" not in occupations
    row = re.search(r"<td>use cooking techniques</td>\s*<td>(.*?)</td>\s*<td>([0-9.]+)</td>", skills, re.S)
    assert row and PHRASE in row.group(1) and WORDS in row.group(1) and float(row.group(2)) >= 0.6
    near = re.search(r"<td>maintain financial records</td>.*?</tr>", skills, re.S)
    assert near, "'I keep the accounts' is a near miss: offered for confirmation"
    assert "I keep the accounts" in near.group(0) and "not used unless you confirm" in near.group(0)
    assert 'value="confirm"' in near.group(0) and 'value="reject"' not in near.group(0)
    assert "not yet checked" in page and "Confirm" in page and "Reject" in page
    # the hint says what the numbers are: the thresholds the page uses, and that an occupation may pass 1
    assert "0 to about 1" not in page and "higher is closer, and it can pass 1" in page
    assert "used from 0.55 for an occupation and from 0.60 for a skill; those up to 0.10 below" in page


def test_confirm_reject_add_and_undo_are_stored_encrypted_and_audited_by_id(
    esco_app, client, auth, grounding
) -> None:
    auth.login("counsellor.a")
    person = _person(esco_app)
    cook = _uri(grounding, "occupation", "cook")
    cooking = _uri(grounding, "skill", "use cooking techniques")
    driving = _uri(grounding, "skill", "drive vehicles")
    _post(client, auth, person.id, {"action": "confirm", "kind": "occupation", "uri": cook, "source": "Cook"})
    _post(client, auth, person.id, {"action": "reject", "kind": "skill", "uri": cooking, "source": PHRASE})
    added = _post(client, auth, person.id, {"action": "add", "kind": "skill", "uri": driving, "q": "driving"})
    assert added.headers["Location"].endswith(f"/people/{person.id}/esco?q=driving&kind=skill")
    stored = {(c.kind, c.label): c for c in _corrections(esco_app, person.id)}
    assert {k: c.decision for k, c in stored.items()} == {
        ("occupation", "cook"): "confirmed",
        ("skill", "use cooking techniques"): "rejected",
        ("skill", "drive vehicles"): "added",
    }
    assert stored[("skill", "use cooking techniques")].source_text == PHRASE
    assert stored[("occupation", "cook")].source_text == "Cook"
    assert stored[("skill", "drive vehicles")].source_text is None
    with esco_app.app_context():
        db = session()
        raw = db.execute(
            text("SELECT source_text FROM esco_corrections WHERE source_text IS NOT NULL")
        ).scalars()
        assert all(value.startswith("enc1:") for value in raw)
        audit = (
            db.execute(select(AuditEvent).where(AuditEvent.object_type == "esco_correction")).scalars().all()
        )
        assert sorted(a.action for a in audit) == ["esco_added", "esco_confirmed", "esco_rejected"]
        for line in audit:
            assert line.object_id.isdigit() and "esco" not in line.object_id

    page = client.get(f"/people/{person.id}/esco").data.decode()
    used, rejected = page.split("<h2>Rejected</h2>")
    assert "use cooking techniques" in rejected and "use cooking techniques" not in used
    assert "drive vehicles" in used and "added by a counsellor" in used and "confirmed" in used

    undo_id = stored[("skill", "use cooking techniques")].id
    _post(client, auth, person.id, {"action": "undo", "correction_id": str(undo_id)})
    assert ("skill", "use cooking techniques") not in {
        (c.kind, c.label) for c in _corrections(esco_app, person.id)
    }
    assert "<h2>Rejected</h2>" not in client.get(f"/people/{person.id}/esco").data.decode()


def test_the_rejected_heading_has_its_own_words_not_the_vacancy_status(
    esco_app, client, auth, grounding
) -> None:
    with esco_app.app_context():
        session().execute(update(User).where(User.username == "counsellor.a").values(language="fr"))
        session().commit()
    auth.login("counsellor.a")
    person = _person(esco_app)
    cooking = _uri(grounding, "skill", "use cooking techniques")
    _post(client, auth, person.id, {"action": "reject", "kind": "skill", "uri": cooking, "source": PHRASE})
    page = client.get(f"/people/{person.id}/esco").data.decode()
    assert "<h2>Rejetés</h2>" in page  # skills and occupations set aside, not "Refusée" as a vacancy
    scores = re.findall(r"<td>(\d[.,]\d\d)</td>", page)
    assert scores and all("," in score for score in scores)  # confidences in French: "0,62", not "0.62"
    with esco_app.test_request_context(), force_locale("fr"):
        assert gettext("Rejected") == "Refusée" and pgettext("ESCO corrections", "Rejected") == "Rejetés"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"action": "add", "kind": "skill", "uri": "http://example.org/not-esco"},
            b"not in the classification",
        ),
        ({"action": "add", "kind": "planet", "uri": "u:x"}, b"Choose confirm, reject or add"),
        ({"action": "delete", "kind": "skill", "uri": "u:x"}, b"Choose confirm, reject or add"),
        ({"action": "undo", "correction_id": "999999"}, b"no longer exists"),
        ({"action": "undo", "correction_id": "one"}, b"no longer exists"),
    ],
)
def test_bad_corrections_are_explained_and_nothing_is_saved(esco_app, client, auth, data, message) -> None:
    auth.login("counsellor.a")
    person = _person(esco_app)
    response = _post(client, auth, person.id, data)
    assert response.status_code == 302
    assert message in client.get(response.headers["Location"]).data
    assert _corrections(esco_app, person.id) == []


def test_source_words_must_be_the_persons_own(esco_app, client, auth, grounding) -> None:
    auth.login("counsellor.a")
    person = _person(esco_app)
    cooking = _uri(grounding, "skill", "use cooking techniques")
    _post(
        client, auth, person.id, {"action": "confirm", "kind": "skill", "uri": cooking, "source": "made up"}
    )
    [stored] = _corrections(esco_app, person.id)
    assert stored.decision == "confirmed" and stored.source_text is None


def test_search_box_lists_candidates_to_add_without_javascript(esco_app, client, auth) -> None:
    auth.login("counsellor.a")
    person = _person(esco_app)
    skills = client.get(f"/people/{person.id}/esco?q=driving+a+car&kind=skill").data.decode()
    first = re.search(r"Closest ESCO labels.*?<td>(.*?)</td>", skills, re.S)
    assert first and first.group(1) == "drive vehicles"
    scripts = re.findall(r"<script[^>]*>", skills)  # the site's menu script only: no script of its own
    assert 'value="add"' in skills and all('src="/static/menu.js"' in tag for tag in scripts)
    jobs = client.get(f"/people/{person.id}/esco?q=van+driver&kind=occupation").data.decode()
    first = re.search(r"Closest ESCO labels.*?<td>(.*?)</td>", jobs, re.S)
    assert first and first.group(1) == "delivery driver"
    # the person's own occupation is already in use: it is not offered again
    assert "already used" in client.get(f"/people/{person.id}/esco?q=cook&kind=occupation").data.decode()


def test_corrections_are_used_for_matching_and_grounding(esco_app, client, auth, grounding) -> None:
    from web.people.grounding import grounded_people
    from web.people.service import to_profile

    auth.login("counsellor.a")
    person = _person(esco_app)
    cooking = _uri(grounding, "skill", "use cooking techniques")
    service = _uri(grounding, "skill", "customer service")
    porter = _uri(grounding, "occupation", "kitchen porter")
    records = _uri(grounding, "skill", "maintain financial records")
    with esco_app.app_context():
        [before] = grounded_people([session().get(Person, person.id)], grounding)
    assert cooking in before.skill_uris and service not in before.skill_uris
    assert records not in before.skill_uris  # only suggested
    matches_before = client.get(f"/people/{person.id}/matches").data.decode()
    assert "you said &#39;customer service&#39;" not in matches_before

    _post(client, auth, person.id, {"action": "reject", "kind": "skill", "uri": cooking, "source": PHRASE})
    _post(client, auth, person.id, {"action": "add", "kind": "skill", "uri": service})
    _post(client, auth, person.id, {"action": "add", "kind": "occupation", "uri": porter})
    _post(
        client,
        auth,
        person.id,
        {"action": "confirm", "kind": "skill", "uri": records, "source": "I keep the accounts"},
    )
    with esco_app.app_context():
        fresh = session().get(Person, person.id)
        [after] = grounded_people([fresh], grounding)
        profile = to_profile(fresh)
        assert to_profile(fresh, corrected=False).skills_text == WORDS
    assert cooking not in after.skill_uris and service in after.skill_uris and records in after.skill_uris
    assert porter in after.occupation_uris and len(after.isco_groups) == len(after.occupation_uris)
    assert "customer service" in profile.skills_text
    assert "kitchen porter" in [j.title for j in profile.work_history]
    finish_jobs(esco_app)  # the corrected words are prepared in the background
    matches_after = client.get(f"/people/{person.id}/matches").data.decode()
    assert "you said &#39;customer service&#39;" in matches_after


def test_export_includes_corrections_and_erase_deletes_them(esco_app, client, auth, grounding) -> None:
    auth.login("counsellor.a")
    person = _person(esco_app)
    cooking = _uri(grounding, "skill", "use cooking techniques")
    _post(client, auth, person.id, {"action": "confirm", "kind": "skill", "uri": cooking, "source": PHRASE})
    data = json.loads(client.get(f"/people/{person.id}/export").data)
    assert data["esco_corrections"] == [
        {
            "kind": "skill",
            "esco_uri": cooking,
            "esco_label": "use cooking techniques",
            "decision": "confirmed",
            "from_their_words": PHRASE,
            "decided_at": data["esco_corrections"][0]["decided_at"],
        }
    ]
    client.post(f"/people/{person.id}/erase", data={"confirm": "p1", "csrf_token": auth.csrf()})
    with esco_app.app_context():
        count = session().execute(text("SELECT COUNT(*) FROM esco_corrections")).scalar()
    assert count == 0


def test_another_organisations_counsellor_cannot_see_or_correct(esco_app, client, auth, grounding) -> None:
    auth.login("counsellor.b")
    person = _person(esco_app)
    assert client.get(f"/people/{person.id}/esco").status_code == 404
    cooking = _uri(grounding, "skill", "use cooking techniques")
    response = _post(client, auth, person.id, {"action": "add", "kind": "skill", "uri": cooking})
    assert response.status_code == 404
    assert _corrections(esco_app, person.id) == []


def test_esco_is_read_once_in_the_background_and_shared_with_the_labour_market(
    app, client, auth, small_esco
) -> None:
    from web.market.service import esco_tools

    app.config["ESCO_DIR"] = str(small_esco)
    auth.login("counsellor.a")
    person = _person(app)
    first = client.get(f"/people/{person.id}/esco").data.decode()
    assert "Reading the ESCO classification" in first and 'http-equiv="refresh"' in first
    reading = app.extensions.get("pathways.esco.loading")
    if reading is not None:
        reading.join(timeout=600)
    assert "<td>domestic cleaner</td>" in client.get(f"/people/{person.id}/esco").data.decode()
    with app.app_context():
        shared = services.esco_if_ready()
        assert shared is not None and esco_tools() is shared and services.esco() is shared


def test_the_server_starts_reading_esco_before_any_page_asks(app, small_esco) -> None:
    """The walk: after a restart, an Amharic speaker was matched by the English model until a page asked."""
    app.config["ESCO_DIR"] = ""
    services.start_reading_esco(app)  # not configured: nothing starts
    assert "pathways.esco.loading" not in app.extensions and "pathways.esco" not in app.extensions
    app.config["ESCO_DIR"] = str(small_esco)
    services.start_reading_esco(app)
    reading = app.extensions.get("pathways.esco.loading")
    if reading is not None:
        reading.join(timeout=600)
    assert app.extensions.get("pathways.esco") is not None


def test_esco_that_cannot_be_read_is_reported_on_the_page(app, client, auth, tmp_path: Path) -> None:
    broken = tmp_path / "broken-esco"
    broken.mkdir()
    (broken / "occupations_en.csv").write_text("conceptUri,preferredLabel,iscoGroup\nu:cook,cook,5120\n")
    app.config["ESCO_DIR"] = str(broken)
    auth.login("counsellor.a")
    person = _person(app)
    client.get(f"/people/{person.id}/esco")
    reading = app.extensions.get("pathways.esco.loading")
    if reading is not None:
        reading.join(timeout=60)
    page = client.get(f"/people/{person.id}/esco").data.decode()
    assert "could not read the ESCO classification" in page and "skills_en.csv" in page


def test_corrections_are_kept_exported_and_erased_on_each_database(db, minimal_demo: Path, grounding) -> None:
    from web.people.grounding import decide
    from web.people.service import erase_person, export_person
    from web.storage.demo_data import load_demo
    from web.storage.schema import User

    load_demo(db, minimal_demo)
    db.commit()
    person = db.execute(select(Person).where(Person.ref == "p1")).scalar_one()
    user = db.execute(select(User).where(User.username == "counsellor.a")).scalar_one()
    words = "I cooked for a big family and kept the accounts"
    cooking = _uri(grounding, "skill", "use cooking techniques")
    decide(db, user, person, grounding, kind="skill", uri=cooking, decision="rejected", source=words)
    decide(db, user, person, grounding, kind="skill", uri=cooking, decision="confirmed", source=words)
    db.commit()
    [raw] = db.execute(text("SELECT source_text FROM esco_corrections")).scalars()
    assert words not in raw and raw.startswith("enc1:")
    exported = export_person(db, user, person)["esco_corrections"]
    assert [(c["decision"], c["from_their_words"]) for c in exported] == [("confirmed", words)]
    erase_person(db, user, person)
    db.commit()
    assert db.execute(text("SELECT COUNT(*) FROM esco_corrections")).scalar() == 0


def test_words_in_a_language_without_esco_labels_get_an_honest_note(esco_app, client, auth) -> None:
    with esco_app.app_context():
        db = session()
        person = db.execute(select(Person).where(Person.ref == "p1")).scalar_one()
        person.skills_text = (
            "मैले होटलमा तीन वर्ष भान्सामा काम गरें"  # Nepali: I worked three years in a hotel kitchen
        )
        db.commit()
    auth.login("counsellor.a")
    page = client.get(f"/people/{_person(esco_app).id}/esco").data.decode()
    assert "Some of their words are in Nepali or Hindi (Devanagari script)" in page
    assert "reads them by meaning only" in page
    assert "What it links from those words is used only once you confirm it." in page


def test_words_in_another_language_never_make_the_page_wait_for_every_label_to_be_encoded(
    app, client, auth, small_esco, encoder
) -> None:
    """The walk: a Spanish speaker's ESCO page fitted the skills' multilingual ranker on the request (every
    ESCO skill label encoded with e5, minutes) and the server stopped answering. Now it is fitted in the
    background, once, and the page says it is reading ESCO until then."""
    fresh = esco_grounding(small_esco, encoder)  # read, but its multilingual rankers not fitted yet
    app.config["ESCO_DIR"] = str(small_esco)
    app.extensions["pathways.esco"] = fresh
    with app.app_context():
        db = session()
        person = db.execute(select(Person).where(Person.ref == "p1")).scalar_one()
        person.skills_text = "मैले होटलमा तीन वर्ष भान्सामा काम गरें"
        db.commit()
    auth.login("counsellor.a")
    first = client.get(f"/people/{_person(app).id}/esco").data.decode()
    assert "Reading the ESCO classification" in first and 'http-equiv="refresh"' in first
    fitting = app.extensions.get("pathways.esco.multilingual_fitting")
    if fitting is not None:
        fitting.join(timeout=600)
    assert all(r.fitted for r in (fresh.normalizer.router_, fresh.linker.router_) if r is not None)
    assert "Some of their words are in Nepali" in client.get(f"/people/{_person(app).id}/esco").data.decode()


def test_links_from_words_read_by_meaning_only_wait_for_a_counsellor() -> None:
    """Such links are mostly wrong (the demo's "sewing" in Nepali was *chief ICT security officer*): they are
    offered for confirmation, never used unconfirmed; a concept English words reach stays used, from those."""
    from matcher.normalize import OccupationMatch
    from web.people.grounding import _grouped

    nepali, english = "भान्सा सहयोगी", "kitchen helper"
    pairs = [
        (nepali, OccupationMatch("u:companion", "companion", "5322", 0.81)),  # read by meaning only: waits
        (nepali, OccupationMatch("u:cook", "cook", "5120", 0.9)),
        (english, OccupationMatch("u:cook", "cook", "5120", 0.7)),  # English words reach it: used, from them
        (
            nepali,
            OccupationMatch("u:porter", "kitchen porter", "9412", 0.5),
        ),  # a near miss by meaning: left out
        (english, OccupationMatch("u:chef", "chef", "3434", 0.5)),  # an English near miss: offered as before
    ]
    found = {c.uri: c for c in _grouped("occupation", pairs, 0.55, frozenset({nepali}))}
    assert set(found) == {"u:companion", "u:cook", "u:chef"}
    assert (found["u:companion"].status, found["u:companion"].by_meaning) == ("suggested", True)
    assert (found["u:cook"].status, found["u:cook"].sources, found["u:cook"].score) == (
        "understood",
        (english,),
        0.7,
    )
    assert (found["u:chef"].status, found["u:chef"].by_meaning) == ("suggested", False)
    everything = {c.uri: c.status for c in _grouped("occupation", pairs, 0.55)}  # an English reader's words
    assert everything == {
        "u:companion": "understood",
        "u:cook": "understood",
        "u:porter": "suggested",
        "u:chef": "suggested",
    }


def test_english_words_get_no_language_note(esco_app, client, auth) -> None:
    auth.login("counsellor.a")
    page = client.get(f"/people/{_person(esco_app).id}/esco").data.decode()
    assert "Some of their words are in" not in page
