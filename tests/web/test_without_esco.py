"""Issue 16 item 5: without the ESCO files, what needs ESCO is hidden or explained, never a 500."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from web.infra.db import session
from web.storage.schema import Person


@pytest.fixture()
def person_id(app) -> int:
    assert app.config["ESCO_DIR"] is None
    with app.app_context():
        return session().execute(select(Person.id).where(Person.ref == "p1")).scalar_one()


def test_the_person_page_does_not_offer_what_needs_esco_and_says_why(client, auth, person_id: int) -> None:
    """Regression: "What would unlock more work?" was offered without ESCO and answered 500."""
    auth.login("counsellor.a")
    page = client.get(f"/people/{person_id}").get_data(as_text=True)
    assert f"/market/unlock/{person_id}" not in page and f"/people/{person_id}/esco" not in page
    assert 'id="esco-missing"' in page and "ESCO_DIR" in page


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/market/"),
        ("get", "/market/map"),
        ("get", "/market/map?locality=mcr&level=2"),
        ("get", "/market/unlock/{id}"),
        ("post", "/market/unlock/{id}"),
        ("get", "/people/{id}/esco"),
        ("get", "/people/{id}/esco?q=cooking"),
    ],
)
def test_pages_that_need_esco_explain_instead_of_failing(
    client, auth, person_id: int, method: str, path: str
) -> None:
    auth.login("counsellor.a")
    url = path.format(id=person_id)
    data = {"csrf_token": auth.csrf()} if method == "post" else None
    response = getattr(client, method)(url, data=data, follow_redirects=True)
    assert response.status_code == 200, url
    assert "ESCO" in response.get_data(as_text=True)
