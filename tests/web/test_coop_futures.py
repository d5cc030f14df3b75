"""Re-running a saved cooperative plan with more futures, in the background."""

from __future__ import annotations

import time

from sqlalchemy import select, update

from tests.web.conftest import UK_COOP_FIGURES
from web.coop import plans
from web.infra.db import session
from web.storage.schema import Cooperative, SavedPlan, User


def _plan(app) -> tuple[int, int]:
    """A saved plan of c1; its users read English in these tests."""
    facts = plans.CoopFacts("GBP", 20, 3, 0.01, 2)
    inputs = {**plans.defaults("cooperative", facts), **UK_COOP_FIGURES, "currency": "GBP"}
    inputs.update(seed=5, runs=50)
    with app.app_context():
        db = session()
        coop_id = db.execute(select(Cooperative.id).where(Cooperative.ref == "c1")).scalar_one()
        plan = SavedPlan(
            cooperative_id=coop_id,
            name="Base",
            kind="cooperative",
            inputs=inputs,
            summary=plans.run_plan("cooperative", inputs, seed=5, runs=50),
        )
        db.add(plan)
        db.execute(update(User).values(language="en"))
        db.commit()
        return coop_id, plan.id


def test_treasurer_reruns_a_plan_with_more_futures_in_the_background(app, client, auth) -> None:
    coop_id, plan_id = _plan(app)
    auth.login("treasurer.a")
    response = client.post(
        f"/coop/{coop_id}/plans/{plan_id}/futures", data={"runs": "1000", "csrf_token": auth.csrf()}
    )
    url = response.headers["Location"]
    for _ in range(300):
        page = client.get(url)
        if page.status_code == 302:
            break
        time.sleep(0.1)
    assert page.headers["Location"].endswith(f"/coop/{coop_id}/plans/{plan_id}")
    with app.app_context():
        plan = session().get(SavedPlan, plan_id)
        assert plan.inputs["runs"] == 1000 and plan.summary["kind"] == "cooperative"


def test_only_listed_future_counts_and_only_the_treasurer(app, client, auth) -> None:
    coop_id, plan_id = _plan(app)
    auth.login("treasurer.a")
    response = client.post(
        f"/coop/{coop_id}/plans/{plan_id}/futures", data={"runs": "999999", "csrf_token": auth.csrf()}
    )
    assert b"Choose 1,000, 5,000 or 10,000" in client.get(response.headers["Location"]).data
    auth.logout()
    auth.login("member.a")
    assert (
        client.post(
            f"/coop/{coop_id}/plans/{plan_id}/futures", data={"runs": "1000", "csrf_token": auth.csrf()}
        ).status_code
        == 403
    )
