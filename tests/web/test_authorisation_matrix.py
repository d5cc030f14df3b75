"""The authorisation matrix: every endpoint of ``app.url_map`` x every role -> allow or deny.

The expectations are written out here, not read from the code under test: an endpoint
missing from ``EXPECTED`` fails :func:`test_every_endpoint_has_a_rule`, so a new route
without a rule fails the suite. "Deny" means 403 (or 401 from the API) for a signed-in
role, and 401 or a redirect to the sign-in page for an anonymous visitor. Ids in URLs
are ids that do not exist, so nothing is changed and an allowed role gets past the role
check to a 404; which object each role may reach is checked by :data:`FOREIGN`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.web.conftest import AuthActions, app_on_demo_copy, finish_jobs, signed_in_clients
from web.infra.db import session
from web.storage.schema import (
    Cooperative,
    Person,
    PlacementProgramme,
    PlacementProposal,
    ProposalEvent,
    SavedPlan,
    Vacancy,
)

ANON, C, E, M, T, A = "anonymous", "counsellor", "employer", "coop_member", "coop_treasurer", "admin"
SIGNED_IN = frozenset({C, E, M, T, A})
EVERYONE = SIGNED_IN | {ANON}
COOP = frozenset({M, T})
#: Reached only with a password-checked sign-in parked for its second step; everyone else is sent to sign in.
SIGN_IN_STEP = "sign-in step"

EXPECTED: dict[str, frozenset[str] | str] = {
    "static": EVERYONE,
    "auth.login": EVERYONE,
    "auth.logout": SIGNED_IN,
    "totp.verify": SIGN_IN_STEP,
    "totp.setup": SIGNED_IN,
    "totp.disable": SIGNED_IN,
    "home.index": SIGNED_IN,
    "home.favicon": EVERYONE,  # browsers ask for it on their own
    "account.language": EVERYONE,  # the page language, for visitors too
    "home.counsellor": frozenset({C}),
    "home.employer": frozenset({E}),
    "home.cooperative": COOP,
    "home.admin": frozenset({A}),
    # administrators: accounts only
    "admin.users": frozenset({A}),
    "admin.create": frozenset({A}),
    "admin.detail": frozenset({A}),
    "admin.reset_password": frozenset({A}),
    "admin.unlock": frozenset({A}),
    "admin.set_active": frozenset({A}),
    "admin.remove_totp": frozenset({A}),
    "admin.set_role": frozenset({A}),
    # privileged account changes: seen by the organisation, decided by a second admin or its lead
    # (which change each may see or decide: tests/web/test_account_changes.py)
    "changes.index": SIGNED_IN,
    "changes.detail": SIGNED_IN,
    "changes.approve": SIGNED_IN,
    "changes.refuse": SIGNED_IN,
    "changes.second_factor": frozenset({C, E, T}),  # the organisation's lead (each is one in the test demo)
    # case files: counsellors only
    "people.create": frozenset({C}),
    "people.detail": frozenset({C}),
    "people.edit": frozenset({C}),
    "people.consent": frozenset({C}),
    "people.export": frozenset({C}),
    "people.erase": frozenset({C}),
    "people.matches": frozenset({C}),
    "people.esco": frozenset({C}),
    "people.esco_correct": frozenset({C}),
    "placements.board": frozenset({C}),
    "placements.propose": frozenset({C}),
    "placements.move": frozenset({C, E}),
    "placements.share": frozenset({C}),
    "placements.introductions": frozenset({E}),
    "placements.outcome_figures": frozenset({C, E}),
    "placements.cohort": frozenset({C}),
    "placements.cohort_result": frozenset({C}),
    # managers: counsellors who lead their organisation (the matrix's counsellor does), administrators
    "placements.backtest": frozenset({C, A}),
    "placements.backtest_result": frozenset({C, A}),
    "placements.backtest_json": frozenset({C, A}),
    "market.demand": frozenset({C}),
    "market.demand_map": frozenset({C}),
    "market.unlock": frozenset({C}),
    # employers' postings; counsellors read vacancies and review held ones
    "vacancies.create": frozenset({E}),
    "vacancies.detail": frozenset({C, E}),
    "vacancies.edit": frozenset({E}),
    "vacancies.close": frozenset({E}),
    "vacancies.upload": frozenset({E}),
    "vacancies.upload_template": frozenset({E}),
    "vacancies.upload_result": frozenset({E}),
    "vacancies.review_queue": frozenset({C}),
    "vacancies.review": frozenset({C}),
    "vacancies.create_programme": frozenset({E}),
    "vacancies.edit_programme": frozenset({E}),
    # cooperatives: members and treasurers; only treasurers delete plans
    "vacancies.organisation": frozenset({E}),
    "coop.group": COOP,
    "coop.savings_chart": COOP,
    "coop.plan_list": COOP,
    "coop.new_plan": COOP,
    "coop.market_lookup": COOP,
    "coop.market_result": COOP,
    "coop.preview_chart": COOP,
    "coop.plan_detail": COOP,
    "coop.plan_chart": COOP,
    "coop.plan_pdf": COOP,
    "coop.plan_csv": COOP,
    "coop.delete_plan": frozenset({T}),
    "coop.more_futures": frozenset({T}),
    "coop.futures_progress": frozenset({T}),
    "coop.compare": COOP,
    "coop.compare_chart": COOP,
    "coop.loans": COOP,
    "coop.loans_chart": COOP,
    "books.overview": COOP,
    "books.plan_chart": COOP,
    "books.replan": frozenset({T}),
    "books.meeting": frozenset({T}),
    "books.reverse": frozenset({T}),
    "books.import_ledger": frozenset({T}),
    "books.member_passbook": COOP,
    "books.passbook_pdf": COOP,
    "books.share_out_preview": COOP,
    "books.measures_page": COOP,
    # the JSON API
    "api.openapi_document": EVERYONE,
    "api.docs": EVERYONE,
    "api.me": SIGNED_IN,
    "api.tokens_page": SIGNED_IN,
    "api.revoke_token": SIGNED_IN,
    "api.list_people": frozenset({C}),
    "api.create_person": frozenset({C}),
    "api.read_person": frozenset({C}),
    "api.update_person": frozenset({C}),
    "api.erase_person": frozenset({C}),
    "api.export_person": frozenset({C}),
    "api.grant_consent": frozenset({C}),
    "api.withdraw_consent": frozenset({C}),
    "api.person_matches": frozenset({C}),
    "api.list_proposals": frozenset({C}),
    "api.propose": frozenset({C}),
    "api.move": frozenset({C, E}),
    "api.share": frozenset({C}),
    "api.introductions": frozenset({E}),
    "api.start_cohort_job": frozenset({C}),
    "api.cohort_job": frozenset({C}),
    "api.confirm_cohort_job": frozenset({C}),
    "api.review_queue": frozenset({C}),
    "api.review": frozenset({C}),
    "api.list_vacancies": frozenset({E}),
    "api.create_vacancy": frozenset({E}),
    "api.read_vacancy": frozenset({C, E}),
    "api.update_vacancy": frozenset({E}),
    "api.import_vacancies": frozenset({E}),
    "api.import_job": frozenset({E}),
    "api.list_programmes": frozenset({E}),
    "api.create_programme": frozenset({E}),
    "api.read_programme": frozenset({E}),
    "api.update_programme": frozenset({E}),
    "api.list_plans": COOP,
    "api.read_plan": COOP,
    "api.delete_plan": frozenset({T}),
}
USERS = {C: "counsellor.a", E: "employer.a", M: "member.a", T: "treasurer.a", A: "admin.a"}
MISSING_ID = 999_999
LOGIN_PATH = "/auth/login"


@pytest.fixture(scope="module")
def matrix_app(
    demo_template: Path, tmp_path_factory: pytest.TempPathFactory, encoder: Any
) -> Iterator[Flask]:
    """One app for the whole module, with two proposals and a saved plan added to the test demo."""
    app = app_on_demo_copy(demo_template, tmp_path_factory.mktemp("matrix"), encoder)
    with app.app_context():
        db = session()
        people = {p.ref: p for p in db.execute(select(Person)).scalars()}
        programme = db.execute(select(PlacementProgramme).where(PlacementProgramme.ref == "bf1")).scalar_one()
        for ref, state in (("p1", "introduced"), ("p2", "proposed")):
            proposal = PlacementProposal(person=people[ref], programme=programme, state=state)
            proposal.events.append(ProposalEvent(to_state=state))
            db.add(proposal)
        coop = db.execute(select(Cooperative).where(Cooperative.ref == "c1")).scalar_one()
        db.add(SavedPlan(cooperative_id=coop.id, name="Matrix plan", kind="loan", inputs={}))
        db.commit()
    yield app
    finish_jobs(app)
    app.extensions["pathways.engine"].dispose()


def _client(app: Flask, role: str) -> FlaskClient:
    client = app.test_client()
    if role != ANON:
        assert AuthActions(client).login(USERS[role]).status_code == 302
    return client


def _path(rule: Any) -> str:
    values: dict[str, Any] = {}
    for name, converter in rule._converters.items():
        kind = type(converter).__name__
        values[name] = (
            MISSING_ID if kind == "IntegerConverter" else "pathways.css" if kind == "PathConverter" else "zz"
        )
    return str(rule.build(values)[1])


def _request(client: FlaskClient, rule: Any) -> Any:
    methods = sorted(rule.methods - {"HEAD", "OPTIONS"})
    method = "GET" if "GET" in methods else methods[0]
    if method == "GET":
        return client.get(_path(rule))
    token = AuthActions(client).csrf()
    return client.open(
        _path(rule), method=method, data={"csrf_token": token}, headers={"X-CSRF-Token": token}
    )


def _denied(role: str, response: Any) -> bool:
    if response.status_code in (401, 403):
        return True
    to_login = response.status_code in (301, 302, 303, 307, 308) and (
        urlparse(response.headers.get("Location", "")).path == LOGIN_PATH
    )
    return role == ANON and to_login


def test_every_endpoint_has_a_rule(matrix_app: Flask) -> None:
    endpoints = {rule.endpoint for rule in matrix_app.url_map.iter_rules()}
    assert not sorted(endpoints - set(EXPECTED)), "endpoints without an authorisation rule in EXPECTED"
    assert not sorted(set(EXPECTED) - endpoints), "rules for endpoints that no longer exist"


@pytest.mark.parametrize("role", [ANON, C, E, M, T, A])
def test_each_role_reaches_exactly_its_endpoints(matrix_app: Flask, role: str) -> None:
    client = _client(matrix_app, role)
    wrong = []
    rules = sorted(matrix_app.url_map.iter_rules(), key=lambda r: (r.endpoint == "auth.logout", r.rule))
    for rule in rules:
        expected = EXPECTED.get(rule.endpoint)
        if expected is None:
            continue  # reported by test_every_endpoint_has_a_rule
        response = _request(client, rule)
        if expected == SIGN_IN_STEP:
            ok = response.status_code == 302 and urlparse(response.headers["Location"]).path == LOGIN_PATH
        else:
            ok = _denied(role, response) is (role not in expected)
        if not ok:
            wrong.append(f"{rule.rule} ({rule.endpoint}): {response.status_code}, expected {expected}")
    assert not wrong, f"{role}:\n" + "\n".join(wrong)


def _ids(app: Flask) -> dict[str, int]:
    with app.app_context():
        db = session()
        found = {f"person_{p.ref}": p.id for p in db.execute(select(Person)).scalars()}
        found |= {f"vacancy_{v.ref}": v.id for v in db.execute(select(Vacancy)).scalars()}
        found |= {f"programme_{p.ref}": p.id for p in db.execute(select(PlacementProgramme)).scalars()}
        found |= {f"coop_{c.ref}": c.id for c in db.execute(select(Cooperative)).scalars()}
        for proposal in db.execute(select(PlacementProposal)).scalars():
            found[f"proposal_{proposal.state}"] = proposal.id
        found["plan"] = db.execute(select(SavedPlan.id)).scalars().first() or 0
        return found


#: (who, method, URL, owner who does reach it or None): someone else's object must be "not found".
FOREIGN = [
    ("counsellor.b", "GET", "/people/{person_p1}", "counsellor.a"),
    ("counsellor.b", "GET", "/people/{person_p1}/edit", "counsellor.a"),
    ("counsellor.b", "GET", "/people/{person_p1}/export", "counsellor.a"),
    ("counsellor.b", "GET", "/people/{person_p1}/erase", "counsellor.a"),
    ("counsellor.b", "POST", "/people/{person_p1}/consent", None),
    ("counsellor.b", "POST", "/people/{person_p1}/erase", None),
    ("counsellor.b", "GET", "/people/{person_p1}/esco", "counsellor.a"),
    ("counsellor.b", "POST", "/people/{person_p1}/esco", None),
    ("counsellor.a", "GET", "/people/{person_p3}", "counsellor.b"),
    ("counsellor.b", "POST", "/placements/{proposal_introduced}/move", None),
    ("counsellor.b", "GET", "/api/v1/people/{person_p1}", "counsellor.a"),
    ("counsellor.b", "GET", "/api/v1/people/{person_p1}/export", "counsellor.a"),
    ("counsellor.b", "DELETE", "/api/v1/people/{person_p1}", None),
    ("counsellor.b", "POST", "/market/unlock/{person_p1}", None),
    ("employer.b", "GET", "/vacancies/{vacancy_v1}", "employer.a"),
    ("employer.b", "GET", "/vacancies/{vacancy_v1}/edit", "employer.a"),
    ("employer.b", "POST", "/vacancies/{vacancy_v1}/close", None),
    ("employer.b", "GET", "/vacancies/programmes/{programme_bf1}/edit", "employer.a"),
    ("employer.b", "POST", "/placements/{proposal_introduced}/move", None),
    ("employer.a", "POST", "/placements/{proposal_proposed}/move", None),  # not yet introduced to them
    ("employer.b", "GET", "/api/v1/vacancies/{vacancy_v1}", "employer.a"),
    ("employer.b", "GET", "/api/v1/programmes/{programme_bf1}", "employer.a"),
    ("treasurer.b", "GET", "/coop/{coop_c1}", "treasurer.a"),
    ("treasurer.b", "GET", "/coop/{coop_c1}/plans", "treasurer.a"),
    ("treasurer.b", "GET", "/coop/{coop_c1}/plans/{plan}", None),
    ("treasurer.b", "GET", "/coop/{coop_c1}/plans/{plan}/series.csv", None),
    ("treasurer.b", "POST", "/coop/{coop_c1}/plans/{plan}/delete", None),
    ("member.a", "GET", "/coop/{coop_c2}", "treasurer.b"),
    ("treasurer.b", "GET", "/api/v1/cooperative/plans/{plan}", "treasurer.a"),
    ("treasurer.b", "DELETE", "/api/v1/cooperative/plans/{plan}", None),
]


@pytest.fixture(scope="module")
def signed_in(matrix_app: Flask) -> Any:
    """A signed-in test client per username, made once."""
    return signed_in_clients(matrix_app)


@pytest.fixture(scope="module")
def ids(matrix_app: Flask) -> dict[str, int]:
    """Ids of the test demo's records, by kind and reference."""
    return _ids(matrix_app)


@pytest.mark.parametrize(("who", "method", "url", "owner"), FOREIGN)
def test_someone_elses_object_is_not_found(
    signed_in: Any, ids: dict[str, int], who: str, method: str, url: str, owner: str | None
) -> None:
    path = url.format_map(ids)
    client = signed_in(who)
    token = AuthActions(client).csrf()
    response = client.open(path, method=method, data={"csrf_token": token}, headers={"X-CSRF-Token": token})
    assert response.status_code == 404, f"{who} {method} {path}: {response.status_code}"
    if owner is not None:
        assert signed_in(owner).get(path).status_code == 200, f"{owner} should reach {path}"


# --- per-introduction disclosure: who sees a person's shared fields, and when ---------------------

#: (what happened after the introduction, does its employer see the shared fields) - a person each.
#: The steps run through the services the pages and the API call; "grant" is a new consent to share.
DISCLOSURE_CASES = [
    ("open", [], True),
    ("moved on", ["placement_started", "placement_completed", "interview", "hired"], True),
    ("proposal withdrawn", ["withdrawn"], False),
    ("employer: no offer", ["placement_started", "placement_completed", "interview", "no_offer"], False),
    ("placement ended early", ["placement_started", "ended_early"], False),
    (
        "left the job",
        ["placement_started", "placement_completed", "interview", "hired", "left_job"],
        False,
    ),
    ("consent withdrawn", ["withdraw_consent"], False),
    ("consent withdrawn, granted again", ["withdraw_consent", "grant"], False),
    ("granted again and shared again", ["withdraw_consent", "grant", "share"], True),
    ("sharing stopped", ["stop"], False),
]
SHARED = ["pseudonym", "skills_text"]


@pytest.fixture(scope="module")
def disclosure_app(
    demo_template: Path, tmp_path_factory: pytest.TempPathFactory, encoder: Any
) -> Iterator[tuple[Flask, dict[str, int]]]:
    """The test demo with one person per case of :data:`DISCLOSURE_CASES`, introduced to emp-a's programme."""
    from web.people import service as people
    from web.placements import service as placements
    from web.storage.schema import User

    app = app_on_demo_copy(
        demo_template, tmp_path_factory.mktemp("disclose"), encoder, LOGIN_RATE_LIMIT=10_000
    )
    proposals: dict[str, int] = {}
    with app.app_context():
        db = session()
        counsellor = db.execute(select(User).where(User.username == "counsellor.a")).scalar_one()
        programme = db.execute(select(PlacementProgramme).where(PlacementProgramme.ref == "bf1")).scalar_one()
        programme.capacity = len(DISCLOSURE_CASES)  # a place for each case's proposal: places are limited
        for n, (case, steps, _) in enumerate(DISCLOSURE_CASES):
            person = Person(
                ref=f"d{n}", organisation_id=counsellor.organisation_id, pseudonym=f"Ottoline{n}",
                skills_text=f"Marquetry{n}", work_history=[], interests_text="", languages=["English"],
                availability=[], constraints_text="", exclusions=[],
            )  # fmt: skip
            db.add(person)
            people.grant_consent(db, counsellor, person, "matching")
            people.grant_consent(db, counsellor, person, "share_with_employers", SHARED)
            proposal = placements.propose(db, counsellor, person, programme_id=programme.id)
            placements.move(db, counsellor, proposal, "person_agreed")
            placements.move(db, counsellor, proposal, "introduced", shared_fields=SHARED)
            for step in steps:
                if step == "withdraw_consent":
                    people.withdraw_consent(db, counsellor, person, "share_with_employers")
                elif step == "grant":
                    people.grant_consent(db, counsellor, person, "share_with_employers", SHARED)
                elif step in ("share", "stop"):
                    placements.share(db, counsellor, proposal, SHARED if step == "share" else [])
                else:
                    placements.move(db, counsellor, proposal, step, "a reason")
            proposals[case] = proposal.id
        db.commit()
    yield app, proposals
    app.extensions["pathways.engine"].dispose()


def _introductions(app: Flask, username: str) -> tuple[str, dict[int, dict[str, Any]]]:
    """The employer's introductions page, and its API list by proposal id."""
    from web.api.tokens import create_token, scopes_for
    from web.storage.schema import User

    with app.app_context():
        db = session()
        user = db.execute(select(User).where(User.username == username)).scalar_one()
        token = create_token(db, user, "m", scopes_for(user.role))
        db.commit()
    api = app.test_client().get("/api/v1/introductions", headers={"Authorization": f"Bearer {token.secret}"})
    browser = _client(app, E) if username == USERS[E] else app.test_client()
    if username != USERS[E]:
        assert AuthActions(browser).login(username).status_code == 302
    return browser.get("/placements/introductions").get_data(as_text=True), {
        item["proposal_id"]: item["shared"] for item in api.json
    }


@pytest.mark.parametrize(("case", "steps", "sees"), DISCLOSURE_CASES, ids=[c[0] for c in DISCLOSURE_CASES])
def test_an_employer_sees_shared_fields_only_while_the_introduction_is_open_and_consented(
    disclosure_app: tuple[Flask, dict[str, int]], case: str, steps: list[str], sees: bool
) -> None:
    app, proposals = disclosure_app
    n = [c[0] for c in DISCLOSURE_CASES].index(case)
    words = (f"Ottoline{n}", f"Marquetry{n}")
    page, api = _introductions(app, "employer.a")
    assert all((word in page) is sees for word in words), (case, "page")
    expected = {"pseudonym": words[0], "skills_text": words[1]} if sees else {}
    assert api[proposals[case]] == expected, (case, "API")
    other_page, other_api = _introductions(app, "employer.b")
    assert proposals[case] not in other_api and not any(word in other_page for word in words)
