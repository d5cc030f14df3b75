"""The 3x6 feasibility step with local labour-market evidence from the demand map.

With ESCO (a tiny folder written here) the form looks up the business in the map and fills in the
market figures; the plan then says where they came from. Without ESCO the form says plainly that no
evidence is available.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest
from flask_babel import force_locale
from sqlalchemy import select, update

from planner import MarketEvidence
from planner.feasibility import assess_feasibility
from planner.parameters import threex6_config
from tests.web.conftest import finished_job_page, write_tiny_esco
from web.coop import feasibility, plans
from web.infra.db import session
from web.storage.schema import Cooperative, User

RUNS = 40


@pytest.fixture(autouse=True)
def _english(app) -> None:
    app.config["COOP_PLAN_RUNS"] = RUNS
    with app.app_context():
        session().execute(update(User).values(language="en"))
        session().commit()


@pytest.fixture()
def esco_app(app, tmp_path: Path):
    folder = write_tiny_esco(
        tmp_path / "esco",
        [
            ("u:occ/driver", "8322", "delivery driver", "van driver\ncourier driver"),
            ("u:occ/cook", "5120", "cook", "chef"),
        ],
        [("8322", "Car, taxi and van drivers"), ("5120", "Cooks"), ("8", "Operators"), ("5", "Service")],
        [
            ("u:sk/drive", "drive vans", "driving licence\ndrive a van"),
            ("u:sk/service", "provide customer service", "customer service"),
        ],
    )
    app.config["ESCO_DIR"] = str(folder)
    return app


def _coop_id(app) -> int:
    with app.app_context():
        return int(session().execute(select(Cooperative.id).where(Cooperative.ref == "c1")).scalar_one())


def _form(**change: str) -> dict[str, str]:
    text = plans.as_form_text(plans.defaults("3x6", plans.CoopFacts("GBP", 20, 3, 0.01, 10, country="GB")))
    return {**text, "seed": "3", **change}


def _finish(client, url: str) -> str:
    return finished_job_page(client, url).decode()


def _value(page: str, name: str) -> str:
    found = re.search(rf'name="{name}"[^>]*value="([^"]*)"', page)
    assert found, name
    return html.unescape(found[1])


def test_without_esco_the_form_says_no_evidence_is_available(app, client, auth) -> None:
    auth.login("member.a")
    coop = _coop_id(app)
    page = client.get(f"/coop/{coop}/plans/new/3x6").get_data(as_text=True)
    assert "No local labour-market evidence is available here" in page
    assert "Look up the local labour market" not in page
    response = client.post(
        f"/coop/{coop}/plans/new/3x6/market",
        data={**_form(business="van deliveries", group_size="9"), "csrf_token": auth.csrf()},
    )
    assert response.status_code == 400 and b"No local labour-market evidence is available" in response.data
    # what was typed comes back
    assert _value(response.get_data(as_text=True), "group_size") == "9"
    unnamed = client.post(
        f"/coop/{coop}/plans/new/3x6/market", data={**_form(business=""), "csrf_token": auth.csrf()}
    )
    assert unnamed.status_code == 400 and b"is required" not in unnamed.data  # no field to fix here


def test_the_cooperative_form_has_no_market_step(esco_app, client, auth) -> None:
    auth.login("member.a")
    page = client.get(f"/coop/{_coop_id(esco_app)}/plans/new/cooperative").get_data(as_text=True)
    assert "Look up the local labour market" not in page and "No local labour-market evidence" not in page


def test_look_up_needs_a_business(esco_app, client, auth) -> None:
    auth.login("member.a")
    response = client.post(
        f"/coop/{_coop_id(esco_app)}/plans/new/3x6/market",
        data={**_form(business=" ", group_size="9"), "csrf_token": auth.csrf()},
    )
    assert response.status_code == 400 and b"is required" in response.data
    assert _value(response.get_data(as_text=True), "group_size") == "9"


def _look_up(app, client, auth, business: str, **change: str) -> str:
    coop = _coop_id(app)
    page = client.get(f"/coop/{coop}/plans/new/3x6").get_data(as_text=True)
    assert "Look up the local labour market" in page and _value(page, "business") == "Community cafe"
    response = client.post(
        f"/coop/{coop}/plans/new/3x6/market",
        data={**_form(business=business, **change), "csrf_token": auth.csrf()},
    )
    assert response.status_code == 302
    return _finish(client, response.headers["Location"])


def _fields(page: str) -> dict[str, Any]:
    names = [f.name for f in plans.THREEX6_FIELDS] + ["seed", "evidence_source"]
    return {name: _value(page, name) for name in names}


def test_look_up_fills_the_market_figures_from_the_map(esco_app, client, auth) -> None:
    auth.login("member.a")
    page = _look_up(esco_app, client, auth, "van delivery driver", group_size="9")
    assert "What the local labour-market map shows" in page
    assert "finds 1 related open vacancy from 1 employer, posted over 1 month" in page
    assert '<th scope="row">delivery driver</th><td>1</td>' in page  # occupation, and its unmet demand
    assert "Unmet demand" in page and "Skills the related vacancies ask for" in page and "drive vans" in page
    fields = _fields(page)
    assert fields["related_vacancies"] == "1" and fields["related_employers"] == "1"
    assert fields["median_monthly_pay"] and float(fields["median_monthly_pay"]) > 1000  # 12.80 an hour
    assert fields["evidence_source"].startswith("labour-market map ")
    assert fields["group_size"] == "9"  # the rest of the form as it was typed
    # one vacancy tells no trend: none is stated, and the gate is not given one
    assert "Too few of them, over too short a time, to tell whether demand is rising or falling" in page
    assert "Demand trend" not in page and fields["demand_trend"] == ""

    coop = _coop_id(esco_app)
    result = client.post(
        f"/coop/{coop}/plans/new/3x6", data={**fields, "action": "preview", "csrf_token": auth.csrf()}
    ).get_data(as_text=True)
    words = html.unescape(result)
    assert "Market evidence used: 1 related local vacancy and 1 employer or buyer" in words
    assert "Pathways' local labour-market map, read on" in words
    assert "only 1 related local vacancies (at least 5 needed)" in words

    typed = {**fields, "related_vacancies": "12", "related_employers": "6", "action": "preview"}
    changed = client.post(f"/coop/{coop}/plans/new/3x6", data={**typed, "csrf_token": auth.csrf()})
    assert "figures typed in on the plan form" in html.unescape(changed.get_data(as_text=True))


def test_a_business_the_map_cannot_place_is_said_plainly(esco_app, client, auth) -> None:
    auth.login("member.a")
    page = html.unescape(_look_up(esco_app, client, auth, "wedding cakes bakery", related_vacancies="4"))
    assert "could not relate “wedding cakes bakery” to any occupation" in page
    fields = _fields(page)
    assert fields["related_vacancies"] == "4" and fields["related_employers"] == ""  # left as typed
    assert fields["evidence_source"] == ""


def test_another_members_look_up_is_not_found(esco_app, client, auth) -> None:
    auth.login("member.a")
    page_url = f"/coop/{_coop_id(esco_app)}/plans/new/3x6/market"
    response = client.post(page_url, data={**_form(business="van delivery"), "csrf_token": auth.csrf()})
    job = response.headers["Location"].rsplit("/", 1)[1]
    auth.logout()
    auth.login("treasurer.a")
    assert client.get(f"{page_url}/{job}").status_code == 404


def test_planner_reasons_are_said_in_the_readers_locale(app) -> None:
    verdict = assess_feasibility(
        MarketEvidence(2, 1, median_monthly_pay=1234.5, demand_trend=-0.5),
        threex6_config(),
        expected_profit_per_member=12.25,
    )
    gate = verdict.to_dict()  # as a saved plan keeps it
    english_said = gate["reasons"] + gate["warnings"]
    assert len(english_said) == 4
    with app.test_request_context():
        english = feasibility.gate_messages(gate, "reasons") + feasibility.gate_messages(gate, "warnings")
        with force_locale("fr"):
            french = feasibility.gate_messages(gate, "reasons") + feasibility.gate_messages(gate, "warnings")
    assert english[:3] == english_said[:3]  # English: word for word, numbers in the English locale
    assert english[3] == english_said[3].replace("1234.50", "1,234.5")
    assert french[0] == "seulement 1 employeurs ou acheteurs locaux liés à l'activité (il en faut au moins 3)"
    assert "50\u00a0%" in french[2] and "1\u202f234,5" in french[3] and "12,25" in french[3]
    assert not set(french) & set(english)


def test_reasons_of_a_plan_saved_before_the_planner_kept_its_messages_are_shown_as_written(app) -> None:
    gate = {
        "applied": True,
        "passed": False,
        "reasons": ["only 2 related local vacancies (at least 5 needed)"],
    }
    with app.test_request_context(), force_locale("fr"):
        assert feasibility.gate_messages(gate, "reasons") == gate["reasons"]
