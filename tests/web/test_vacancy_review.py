"""The safety review: only held vacancies, only by counsellors whose organisation serves their locality.

Regressions from the outside review (issue 14, item 7; issue 16, item 10): a counsellor in
Addis Ababa approved a Manchester vacancy; a counsellor reopened a vacancy its employer had
closed; an open vacancy in another city was rejected; and the review queue listed every
city's held vacancies. Each case of :data:`CASES` is tried on the page and on the API, with
both decisions.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import count
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.web.conftest import AuthActions, app_on_demo_copy, signed_in_clients
from web.accounts.service import hash_password
from web.api import tokens
from web.infra.db import session
from web.storage.demo_data import DEMO_PASSWORD
from web.storage.schema import Locality, Organisation, User, Vacancy
from web.vacancies import service

SCREENED = {"score": 0.91, "flags": []}
_refs = count()


def _add_addis(db: Session) -> None:
    """A second city with its own NGO and counsellor (the test demo has only Manchester)."""
    addis = Locality(
        ref="add", name="Addis Ababa", country="Ethiopia", latitude=9.03, longitude=38.74, currency="ETB"
    )
    ngo = Organisation(ref="ngo-add", name="Addis Centre", kind="ngo", locality=addis, description="")
    db.add_all([addis, ngo])
    db.flush()
    db.add(
        User(
            username="counsellor.add",
            display_name="Abebe",
            password_hash=hash_password(DEMO_PASSWORD),
            role="counsellor",
            organisation_id=ngo.id,
        )
    )


@pytest.fixture(scope="module")
def review_app(
    demo_template: Path, tmp_path_factory: pytest.TempPathFactory, encoder: Any
) -> Iterator[Flask]:
    """The test demo plus Addis Ababa, its NGO and a counsellor there."""
    app = app_on_demo_copy(demo_template, tmp_path_factory.mktemp("review"), encoder, LOGIN_RATE_LIMIT=10_000)
    with app.app_context():
        _add_addis(session())
        session().commit()
    yield app
    app.extensions["pathways.engine"].dispose()


def _vacancy(app: Flask, locality: str | None, status: str, screened: bool = True) -> int:
    with app.app_context():
        db = session()
        employer = db.execute(select(Organisation).where(Organisation.ref == "emp-a")).scalar_one()
        place = (
            db.execute(select(Locality).where(Locality.ref == locality)).scalar_one() if locality else None
        )
        vacancy = Vacancy(
            ref=f"review-{next(_refs)}",
            employer_id=employer.id,
            title="Packer",
            sector="logistics",
            locality=place,
            description="Pack boxes.",
            status=status,
            **({"screening": SCREENED} if screened else {}),
        )
        db.add(vacancy)
        db.commit()
        return vacancy.id


def _state(app: Flask, vacancy_id: int) -> tuple[str, str | None]:
    with app.app_context():
        vacancy = session().get(Vacancy, vacancy_id)
        return vacancy.status, vacancy.review_note


@pytest.fixture(scope="module")
def signed_in(review_app: Flask) -> Any:
    """A signed-in browser per username, made once."""
    return signed_in_clients(review_app)


@pytest.fixture(scope="module")
def bearer(review_app: Flask) -> Any:
    """An API token's header per username, made once."""
    made: dict[str, dict[str, str]] = {}

    def headers_for(username: str) -> dict[str, str]:
        if username not in made:
            with review_app.app_context():
                db = session()
                user = db.execute(select(User).where(User.username == username)).scalar_one()
                made_token = tokens.create_token(db, user, "test", tokens.scopes_for(user.role))
                made[username] = {"Authorization": f"Bearer {made_token.secret}"}
                db.commit()
        return made[username]

    return headers_for


#: (counsellor, the vacancy's locality, its status, screened yet, expected outcome)
CASES = [
    ("counsellor.a", "mcr", "pending_review", True, "decided"),
    ("counsellor.add", "add", "pending_review", True, "decided"),
    ("counsellor.add", "mcr", "pending_review", True, "not_found"),  # Addis approves Manchester
    ("counsellor.a", "add", "pending_review", True, "not_found"),
    ("counsellor.a", "add", "open", True, "not_found"),  # an open vacancy in another city rejected
    ("counsellor.a", None, "pending_review", True, "not_found"),  # no locality: nobody's to review
    ("counsellor.a", "mcr", "closed", True, "refused"),  # reopening what its employer closed
    ("counsellor.a", "mcr", "open", True, "refused"),
    ("counsellor.a", "mcr", "rejected", True, "refused"),
    ("counsellor.add", "add", "open", True, "refused"),
    ("counsellor.a", "mcr", "pending_review", False, "refused"),  # not screened yet: not held
]


class Review(NamedTuple):
    """One of CASES with a decision, on a vacancy made for it."""

    who: str
    status: str
    expected: str
    decision: str
    vacancy_id: int


@pytest.fixture(
    params=[(*case, decision) for decision in ("approve", "reject") for case in CASES],
    ids=lambda case: "-".join(map(str, case)),
)
def review(request: pytest.FixtureRequest, review_app: Flask) -> Review:
    """Each case of CASES, approved and rejected: the vacancy it speaks of is made first."""
    who, locality, status, screened, expected, decision = request.param
    return Review(who, status, expected, decision, _vacancy(review_app, locality, status, screened))


def test_the_page_reviews_only_held_vacancies_of_the_counsellors_localities(
    review_app: Flask, signed_in: Any, review: Review
) -> None:
    client = signed_in(review.who)
    response = client.post(
        f"/vacancies/{review.vacancy_id}/review",
        data={
            "decision": review.decision,
            "note": "Checked with the employer.",
            "csrf_token": AuthActions(client).csrf(),
        },
    )
    after = _state(review_app, review.vacancy_id)
    if review.expected == "decided":
        assert response.status_code == 302 and response.headers["Location"].endswith("/vacancies/review")
        assert after == ("open" if review.decision == "approve" else "rejected", "Checked with the employer.")
        return
    assert after == (review.status, None), "nothing may change"
    if review.expected == "not_found":
        assert response.status_code == 404
    else:
        assert response.status_code == 302
        page = client.get(response.headers["Location"]).get_data(as_text=True)
        assert "is not waiting for a safety review" in page
        assert "Approve and publish" not in page  # no review form on a vacancy that is not held


def test_the_api_reviews_only_held_vacancies_of_the_counsellors_localities(
    review_app: Flask, bearer: Any, review: Review
) -> None:
    response = review_app.test_client().post(
        f"/api/v1/vacancies/{review.vacancy_id}/review",
        json={"decision": review.decision, "note": "Checked with the employer."},
        headers=bearer(review.who),
    )
    after = _state(review_app, review.vacancy_id)
    if review.expected == "decided":
        assert response.status_code == 200
        assert response.json["status"] == after[0] == ("open" if review.decision == "approve" else "rejected")
        return
    assert after == (review.status, None), "nothing may change"
    assert response.status_code == {"not_found": 404, "refused": 422}[review.expected], response.json
    if review.expected == "refused":
        assert response.json["error"] == "refused"


@pytest.mark.parametrize(
    ("who", "own", "other"), [("counsellor.a", "mcr", "add"), ("counsellor.add", "add", "mcr")]
)
def test_the_review_queue_lists_only_the_counsellors_localities(
    review_app: Flask, signed_in: Any, bearer: Any, who: str, own: str, other: str
) -> None:
    mine = _vacancy(review_app, own, "pending_review")
    theirs = _vacancy(review_app, other, "pending_review")
    unscreened = _vacancy(review_app, own, "pending_review", screened=False)
    closed = _vacancy(review_app, own, "closed")
    listed = {v["id"] for v in review_app.test_client().get("/api/v1/review-queue", headers=bearer(who)).json}
    assert mine in listed and not {theirs, unscreened, closed} & listed
    page = signed_in(who).get("/vacancies/review").get_data(as_text=True)
    assert f'/vacancies/{mine}"' in page
    assert not any(f'/vacancies/{v}"' in page for v in (theirs, unscreened, closed))


def test_the_review_form_shows_only_where_the_counsellor_may_review(
    review_app: Flask, signed_in: Any
) -> None:
    mine = _vacancy(review_app, "mcr", "pending_review")
    theirs = _vacancy(review_app, "add", "pending_review")
    client = signed_in("counsellor.a")
    assert "Approve and publish" in client.get(f"/vacancies/{mine}").get_data(as_text=True)
    assert "Approve and publish" not in client.get(f"/vacancies/{theirs}").get_data(as_text=True)


def test_a_close_between_reading_and_deciding_is_not_overwritten(db: Session) -> None:
    """The decision is one conditional UPDATE: an employer's close in the meantime stands (both engines)."""
    place = Locality(
        ref="mcr", name="Manchester", country="UK", latitude=53.5, longitude=-2.2, currency="GBP"
    )
    ngo = Organisation(ref="ngo", name="NGO", kind="ngo", locality=place, description="")
    employer = Organisation(ref="emp", name="Employer", kind="employer", locality=place, description="")
    db.add_all([place, ngo, employer])
    db.flush()
    counsellor = User(username="c", display_name="C", password_hash="x", role="counsellor", organisation=ngo)
    vacancy = Vacancy(
        ref="v", employer_id=employer.id, title="Packer", sector="logistics", locality=place,
        description="Pack.", status="pending_review", screening=SCREENED,
    )  # fmt: skip
    db.add_all([counsellor, vacancy])
    db.commit()
    read = db.get(Vacancy, vacancy.id)
    assert service.held(read)  # the counsellor's page showed it as held
    with Session(db.get_bind()) as employer_session:  # the employer closes it meanwhile
        employer_session.get(Vacancy, vacancy.id).status = "closed"
        employer_session.commit()
    with pytest.raises(service.ReviewRefused):
        service.review(db, counsellor, read, "approve", "Looks fine.")
    db.commit()
    db.expire_all()
    assert db.get(Vacancy, vacancy.id).status == "closed"
