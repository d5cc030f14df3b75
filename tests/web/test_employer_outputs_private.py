"""Everything an employer can get out of the app holds no personal field beyond what was consented.

People with distinctive words in every personal field (pseudonym, own-words texts, work
history, constraints, exclusions, location, pay, nationality, gender, birth year, trafficking
history) are loaded with the demo loader, then introduced to employer ``emp-a`` at each consent
level; some introductions then end (the consent withdrawn, the proposal withdrawn, the consent
withdrawn and granted again: a disclosure is per introduction and never revived). Every GET
endpoint of ``app.url_map`` is then fetched as that employer with every id the
database holds (pages, the JSON API, downloads): no response may carry a word that was not
shared, and the introductions (page and API) must carry exactly the shared ones.

Employers have no CSV or PDF download today (the only CSV and PDF exports are a cooperative's
plan, for its members). :func:`test_employers_have_no_download_yet` pins that down, so a new
employer download fails here until its text is added to these checks.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.web.conftest import MINIMAL_DEMO, AuthActions, finish_jobs, make_test_app, migrate_and_load
from web.infra.db import session
from web.storage.schema import (
    AccountChange,
    Cooperative,
    Person,
    PlacementProgramme,
    PlacementProposal,
    SavedPlan,
    User,
    Vacancy,
)

#: Consent level -> (has share_with_employers consent, fields shared at introduction, what happens after).
LEVELS: dict[str, tuple[bool, list[str], str | None]] = {
    "Anon": (False, [], None),
    "Nosh": (True, [], None),  # consent to share, but nothing chosen for this introduction
    "Pseu": (True, ["pseudonym"], None),
    "Full": (True, ["pseudonym", "skills_text", "work_history", "interests_text"], None),
    "Gone": (True, ["pseudonym", "skills_text"], "withdraw_consent"),
    "Shut": (True, ["pseudonym", "skills_text", "work_history"], "withdraw_proposal"),
    "Back": (True, ["pseudonym", "interests_text"], "withdraw_and_grant_again"),  # not revived
}
#: Field -> the distinctive word it holds for person ``level`` (alphabetic, so HTML escaping leaves it alone).
FIELDS = {
    "pseudonym": "Zephyrine{}",
    "skills_text": "Quillwork{}",
    "work_history": "Glassblower{}",
    "interests_text": "Harpsichord{}",
    "constraints_text": "Probation{}",
    "exclusions": "Nightclub{}",
    "nationality": "Ruritanian{}",
    "trafficking_history": "Smuggled{}",
}
#: Values the same for every seeded person, never shown to an employer (exact location, pay, protected facts).
NEVER = ("53.123457", "-2.765432", "11.11", "1961", "agender")
P1_WORDS = ("Asha", "cooked", "Dubai", "Domestic servitude", "school run", "drive a van", "Nepali")
PEOPLE_HEADER = MINIMAL_DEMO["people.csv"].split("\n", 1)[0]


def _demo_folder(folder: Path) -> Path:
    files = dict(MINIMAL_DEMO)
    people, protected, consents = [files["people.csv"]], [files["protected.csv"]], [files["consents.csv"]]
    for level, (share, _, _) in LEVELS.items():
        word = {field: template.format(level) for field, template in FIELDS.items()}
        people.append(
            f"q{level},ngo-a,counsellor.a,mcr,{word['pseudonym']},{word['skills_text']} and basketry,"
            f"{word['work_history']} in Lisbon;Ferry deckhand,{word['interests_text']} lessons,English,"
            f"53.123457,-2.765432,15,16,30,weekdays,{word['constraints_text']} on Tuesdays,"
            f"{word['exclusions']},11.11,hour,GBP\n"
        )
        protected.append(
            f"q{level},agender,{word['nationality']},1961,{word['trafficking_history']} via Calais\n"
        )
        consents.append(f"q{level},matching,counsellor.a,2026-10-01,\n")
        if share:
            consents.append(f"q{level},share_with_employers,counsellor.a,2026-10-01,\n")
    files["people.csv"], files["protected.csv"] = "".join(people), "".join(protected)
    files["consents.csv"] = "".join(consents)
    folder.mkdir()
    for name, content in files.items():
        (folder / name).write_text(content, encoding="utf-8")
    return folder


def _post(client: FlaskClient, path: str, data: dict[str, Any]) -> Any:
    response = client.post(path, data={**data, "csrf_token": AuthActions(client).csrf()})
    assert response.status_code == 302, (path, data, response.status_code)
    return response


@pytest.fixture(scope="module")
def private_app(tmp_path_factory: pytest.TempPathFactory, encoder: Any) -> Iterator[Flask]:
    """The test demo plus the seeded people, introduced by counsellor.a at every consent level."""
    folder = tmp_path_factory.mktemp("employer-outputs")
    migrate_and_load(f"sqlite:///{folder / 'app.sqlite3'}", _demo_folder(folder / "demo"), encoder)
    app = make_test_app(f"sqlite:///{folder / 'app.sqlite3'}", folder / "instance")
    app.extensions["pathways.encoder"] = encoder
    with app.app_context():
        db = session()
        people = {p.ref: p.id for p in db.execute(select(Person)).scalars()}
        programme = db.execute(
            select(PlacementProgramme.id).where(PlacementProgramme.ref == "bf1")
        ).scalar_one()
        vacancy = db.execute(select(Vacancy.id).where(Vacancy.ref == "v1")).scalar_one()
        # a place for every proposal below (places are limited): half the levels and p1 go to bf1
        db.get(PlacementProgramme, programme).capacity = len(LEVELS) + 1
        db.commit()
    client = app.test_client()
    assert AuthActions(client).login("counsellor.a").status_code == 302
    for n, (level, (_, shared, after)) in enumerate(LEVELS.items()):
        opening = {"vacancy_id": vacancy} if n % 2 else {"programme_id": programme}
        _post(client, "/placements/propose", {"person_id": people[f"q{level}"], **opening})
        with app.app_context():
            proposal = (
                session().execute(select(PlacementProposal.id).order_by(PlacementProposal.id.desc())).scalar()
            )
        _post(client, f"/placements/{proposal}/move", {"to": "person_agreed"})
        _post(client, f"/placements/{proposal}/move", {"to": "introduced", "share": shared})
        consent = f"/people/{people[f'q{level}']}/consent"
        if after in ("withdraw_consent", "withdraw_and_grant_again"):
            _post(client, consent, {"purpose": "share_with_employers", "action": "withdraw"})
        if after == "withdraw_and_grant_again":
            _post(client, consent, {"purpose": "share_with_employers", "action": "grant", "fields": shared})
        if after == "withdraw_proposal":
            _post(client, f"/placements/{proposal}/move", {"to": "withdrawn", "reason": "Found other work"})
    _post(
        client, "/placements/propose", {"person_id": people["p1"], "programme_id": programme}
    )  # never introduced
    with app.app_context():
        states = session().execute(select(PlacementProposal.state)).scalars().all()
        assert sorted(states) == ["introduced"] * (len(LEVELS) - 1) + ["proposed", "withdrawn"]
    yield app
    finish_jobs(app)
    app.extensions["pathways.engine"].dispose()


@pytest.fixture(scope="module")
def employer_outputs(private_app: Flask) -> dict[str, Any]:
    """Every GET endpoint, with every id the database holds, as fetched by employer.a: URL -> response."""
    with private_app.app_context():
        db = session()

        def all_ids(model: Any) -> list[int]:
            return list(db.execute(select(model.id)).scalars())

        values: dict[str, list[Any]] = {
            "person_id": all_ids(Person),
            "vacancy_id": all_ids(Vacancy),
            "programme_id": all_ids(PlacementProgramme),
            "coop_id": all_ids(Cooperative),
            "plan_id": all_ids(SavedPlan) or [1],
            "user_id": all_ids(User),
            "change_id": all_ids(AccountChange) or [1],
            "filename": ["pathways.css"],
            "kind": ["loan"],
            "job_id": ["zz"],
            "handle": ["zz"],
        }
    client = private_app.test_client()
    assert AuthActions(client).login("employer.a").status_code == 302
    seen: dict[str, Any] = {}
    for rule in private_app.url_map.iter_rules():
        if "GET" not in rule.methods:
            continue
        unknown = set(rule.arguments) - set(values)
        assert not unknown, f"{rule.rule}: add ids for {unknown} to this test"
        combos: list[dict[str, Any]] = [{}]
        for name in sorted(rule.arguments):
            combos = [{**c, name: v} for c in combos for v in values[name]]
        for combo in combos:
            url = str(rule.build(combo)[1])
            seen[url] = client.get(url)
    return seen


def _text(response: Any) -> str:
    if response.mimetype == "application/json":
        return json.dumps(response.json, ensure_ascii=False)
    return response.get_data(as_text=True)


def test_the_crawl_reached_the_employers_pages_and_api(employer_outputs: dict[str, Any]) -> None:
    ok = {url for url, response in employer_outputs.items() if response.status_code == 200}
    assert {"/placements/introductions", "/api/v1/introductions", "/employer", "/api/v1/vacancies"} <= ok
    assert not any(url.startswith(("/people", "/api/v1/people")) for url in ok)
    assert all(r.status_code < 500 for r in employer_outputs.values())


def test_no_unshared_personal_word_reaches_an_employer(employer_outputs: dict[str, Any]) -> None:
    shared = {
        FIELDS[field].format(level)
        for level, (_, fields, after) in LEVELS.items()
        if after is None
        for field in fields
    }
    secret = {template.format(level) for template in FIELDS.values() for level in LEVELS} - shared
    assert len(secret) == len(FIELDS) * len(LEVELS) - 5  # Pseu's name, Full's four fields
    for url, response in employer_outputs.items():
        body = _text(response)
        leaked = [word for word in (*secret, *NEVER, *P1_WORDS) if word in body]
        assert not leaked, f"{url} shows {leaked} to an employer"


@pytest.mark.parametrize("url", ["/placements/introductions", "/api/v1/introductions"])
def test_consented_fields_appear_exactly_where_consent_was_given(
    employer_outputs: dict[str, Any], url: str
) -> None:
    body = _text(employer_outputs[url])
    for level, (_, fields, after) in LEVELS.items():
        for field, template in FIELDS.items():
            expected = field in fields and after is None
            assert (template.format(level) in body) is expected, (url, level, field)
    if url.startswith("/api"):
        shared = {
            item["shared"].get("pseudonym", ""): set(item["shared"]) for item in employer_outputs[url].json
        }
        assert shared == {"": set(), "ZephyrinePseu": {"pseudonym"}, "ZephyrineFull": set(LEVELS["Full"][1])}


def test_employers_have_no_download_yet(employer_outputs: dict[str, Any]) -> None:
    downloads = {
        url: response.mimetype
        for url, response in employer_outputs.items()
        if response.status_code == 200
        and (
            "attachment" in response.headers.get("Content-Disposition", "")
            or response.mimetype in ("text/csv", "application/pdf")
        )
    }
    template = "/vacancies/upload/template.csv"  # the upload's columns and an example: nobody's data
    if template in downloads:
        assert "Zephyrine" not in employer_outputs[template].get_data(as_text=True)
        del downloads[template]
    assert downloads == {}, "a new employer download: parse its text in this module's checks"


def test_the_cooperative_pdf_and_csv_are_refused_to_an_employer(employer_outputs: dict[str, Any]) -> None:
    files = [url for url in employer_outputs if url.startswith("/coop/") and url.endswith((".pdf", ".csv"))]
    assert files and all(employer_outputs[url].status_code == 403 for url in files)
