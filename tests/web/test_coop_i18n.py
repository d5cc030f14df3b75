"""Cooperative pages in French: numbers, money and percentages follow the reader's locale.

Number formatting needs no translation catalogue, so these tests hold before the translation pass:
French writes a decimal comma, a narrow no-break space between thousands and a no-break space before
``%`` and the currency sign. ``treasurer.a`` prefers French in the test demo.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import pytest
from flask_babel import force_locale
from sqlalchemy import select, update

from tests.web.conftest import UK_COOP_FIGURES
from web.coop import documents, plans
from web.infra.db import session
from web.storage.schema import Cooperative, SavedPlan, User

RUNS = 40
#: an exact amount in pounds, the French (and Spanish) way: "20,00 £" or "20,00 GBP" (no-break space)
FRENCH_MONEY = re.compile(r"\d,\d\d\u00a0(?:£|GBP)")
#: a percentage, the French (and Spanish) way: "45 %" or "4,5 %"
FRENCH_PERCENT = re.compile(r"\d\u00a0%")
ENGLISH_MONEY = re.compile(r"£\d+\.\d\d")


@functools.cache
def _result(kind: str) -> tuple[dict[str, Any], dict[str, Any]]:
    facts = plans.CoopFacts("GBP", 20, 3, 0.01, 12, country="GB")
    typed = UK_COOP_FIGURES if kind == "cooperative" else {}
    inputs = {**plans.defaults(kind, facts), **typed, "currency": "GBP"}
    inputs.update(seed=5, runs=RUNS, monthly_fixed_expenses=1234.5)
    return inputs, plans.run_plan(kind, inputs, seed=5, runs=RUNS)


def _add_plan(app, name: str, kind: str) -> tuple[int, int]:
    inputs, result = _result(kind)
    with app.app_context():
        db = session()
        coop_id = db.execute(select(Cooperative.id).where(Cooperative.ref == "c1")).scalar_one()
        plan = SavedPlan(cooperative_id=coop_id, name=name, kind=kind, inputs=inputs, summary=result)
        db.add(plan)
        db.commit()
        return coop_id, plan.id


def test_plan_page_formats_numbers_the_french_way(app, client, auth) -> None:
    coop_id, plan_id = _add_plan(app, "Épargne", "cooperative")
    auth.login("treasurer.a")
    page = client.get(f"/coop/{coop_id}/plans/{plan_id}").get_data(as_text=True)
    assert FRENCH_MONEY.search(page) and FRENCH_PERCENT.search(page)
    assert "1\u202f234,50\u00a0£" in page  # thousands: narrow no-break space
    assert not ENGLISH_MONEY.search(page)
    assert ">10\u202f000</option>" in page  # the re-run choices, 10 000 futures
    assert client.get(f"/coop/{coop_id}/plans/{plan_id}/chart.png").mimetype == "image/png"


def test_comparison_formats_numbers_the_french_way(app, client, auth) -> None:
    coop_id, first = _add_plan(app, "Plan A", "cooperative")
    _, second = _add_plan(app, "Plan B", "3x6")
    auth.login("treasurer.a")
    query = f"?plan={first}&plan={second}"
    page = client.get(f"/coop/{coop_id}/compare{query}").get_data(as_text=True)
    assert FRENCH_PERCENT.search(page) and "£" in page
    assert not ENGLISH_MONEY.search(page)
    assert client.get(f"/coop/{coop_id}/compare.png{query}").mimetype == "image/png"


@pytest.mark.parametrize("language", ["fr", "es"])
def test_pdf_is_written_with_the_readers_numbers(app, client, auth, language: str) -> None:
    coop_id, plan_id = _add_plan(app, "Épargne à Ñuñoa", "3x6")
    with app.app_context():
        session().execute(update(User).where(User.username == "treasurer.a").values(language=language))
        session().commit()
    auth.login("treasurer.a")
    response = client.get(f"/coop/{coop_id}/plans/{plan_id}/plan.pdf")
    # filterwarnings=error: a glyph missing from the PDF font would fail the download
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    with app.test_request_context(), force_locale(language):
        plan = session().get(SavedPlan, plan_id)
        coop = session().get(Cooperative, coop_id)
        text = "\n".join(line for _, lines in documents.pdf_sections(coop, plan) for line in lines)
    assert FRENCH_MONEY.search(text) and FRENCH_PERCENT.search(text)
    assert not ENGLISH_MONEY.search(text)


def test_loan_costs_in_french(client, auth) -> None:
    auth.login("treasurer.a")
    page = client.get("/coop/loans").get_data(as_text=True)
    assert FRENCH_MONEY.search(page) and FRENCH_PERCENT.search(page)
    assert not ENGLISH_MONEY.search(page)


@pytest.mark.parametrize(
    ("language", "members", "expected"),
    [
        ("en", 1, "1 member,"),
        ("en", 11, "11 members,"),
        ("es", 1, "1 socio,"),
        ("fr", 1, "1 membre,"),
        ("fr", 1200, "membres,"),
    ],
)
def test_where_a_plan_starts_counts_members_in_the_readers_grammar(
    app, language: str, members: int, expected: str
) -> None:
    # Regression: a group of one read "1 members".
    from web.coop.pages import books_start

    opening = {
        "on": "2026-11-30",
        "members": members,
        "savings": 10000,
        "cash": 500,
        "social": 0,
        "loans_current": 0,
    }
    with app.test_request_context(), force_locale(language):
        assert expected in books_start(opening, "GBP")
