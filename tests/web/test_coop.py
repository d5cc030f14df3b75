"""Cooperative pages: group page, plans (form, preview, save, compare, delete), loan costs, PDF, CSV.

Members and treasurers reach only their own cooperative; only treasurers save or delete plans;
other roles have no access. Simulations run with few futures here (speed is for ``bench/``).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import re
from typing import Any

import pytest
from sqlalchemy import select, update

from tests.web.conftest import UK_COOP_FIGURES
from web.coop import figures, plans
from web.infra.db import session
from web.infra.exports import safe_csv
from web.storage.schema import AuditEvent, Cooperative, SavedPlan, User

RUNS = 60
MALICIOUS = '=HYPERLINK("http://evil.example","click")'


@pytest.fixture(autouse=True)
def _few_runs(request: pytest.FixtureRequest) -> None:
    """Pages simulate few futures and speak English in these tests (only for tests that use the app)."""
    if "app" in request.fixturenames:
        app = request.getfixturevalue("app")
        app.config["COOP_PLAN_RUNS"] = RUNS
        with app.app_context():  # these tests read English page text; treasurer.a prefers French
            db = session()
            db.execute(update(User).values(language="en"))
            db.commit()


def _defaults(kind: str) -> dict[str, Any]:
    """The form's defaults for c1 (Manchester), with the figures the UK has none for typed."""
    typed = UK_COOP_FIGURES if kind == "cooperative" else {}
    return {**plans.defaults(kind, plans.CoopFacts("GBP", 20, 3, 0.01, 2, country="GB")), **typed}


@functools.cache
def _result(kind: str) -> tuple[dict[str, Any], dict[str, Any]]:
    inputs = {**_defaults(kind), "currency": "GBP"}
    inputs.update(seed=5, runs=RUNS)
    return inputs, plans.run_plan(kind, inputs, seed=5, runs=RUNS)


def _ids(app) -> dict[str, int]:
    with app.app_context():
        db = session()
        coops = {c.ref: c.id for c in db.execute(select(Cooperative)).scalars()}
        return {"c1": coops["c1"], "c2": coops["c2"]}


def _add_plan(app, coop: str, name: str, kind: str = "cooperative") -> int:
    inputs, result = _result(kind)
    with app.app_context():
        db = session()
        coop_id = db.execute(select(Cooperative.id).where(Cooperative.ref == coop)).scalar_one()
        plan = SavedPlan(cooperative_id=coop_id, name=name, kind=kind, inputs=inputs, summary=result)
        db.add(plan)
        db.commit()
        return plan.id


def _plan_count(app) -> int:
    with app.app_context():
        return len(session().execute(select(SavedPlan)).scalars().all())


def _form(kind: str, **change: str) -> dict[str, str]:
    text = plans.as_form_text(_defaults(kind))
    return {**text, "seed": "3", **change}


def _post(client, auth, path: str, data: dict[str, Any]) -> Any:
    return client.post(path, data={**data, "csrf_token": auth.csrf()})


# --- web/exports.safe_csv ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+44 161", "'+44 161"),
        ("-2", "'-2"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\tTAB", "'\tTAB"),
        ("\rCR", "'\rCR"),
        ("plain name", "plain name"),
        (-2.5, "-2.5"),
        (12, "12"),
        (None, ""),
    ],
)
def test_safe_csv_neutralises_formula_cells(cell: Any, written: str) -> None:
    rows = list(csv.reader(io.StringIO(safe_csv([["h"], [cell]]), newline="")))
    assert rows[1] == [written]


# --- access: every route, every role ---------------------------------------------------------------


def _routes(ids: dict[str, int], plan: int, other: int) -> list[str]:
    c = ids["c1"]
    return [
        f"/coop/{c}",
        f"/coop/{c}/savings.png",
        f"/coop/{c}/plans",
        f"/coop/{c}/plans/new/cooperative",
        f"/coop/{c}/plans/new/3x6",
        f"/coop/{c}/plans/{plan}",
        f"/coop/{c}/plans/{plan}/chart.png",
        f"/coop/{c}/plans/{plan}/plan.pdf",
        f"/coop/{c}/plans/{plan}/series.csv",
        f"/coop/{c}/compare?plan={plan}&plan={other}",
        f"/coop/{c}/compare.png?plan={plan}&plan={other}",
        f"/coop/{c}/loans",
        f"/coop/{c}/loans.png?principal=500&months=12",
    ]


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("treasurer.a", 200),
        ("member.a", 200),
        ("treasurer.b", 404),  # another cooperative's treasurer: ids cannot be probed
        ("counsellor.a", 403),
        ("employer.a", 403),
        ("admin.a", 403),
    ],
)
def test_every_route_for_every_role(app, client, auth, username: str, expected: int) -> None:
    ids = _ids(app)
    plan, other = _add_plan(app, "c1", "Plan A"), _add_plan(app, "c1", "Plan B", "3x6")
    auth.login(username)
    for path in _routes(ids, plan, other):
        assert client.get(path).status_code == expected, path
    delete = _post(client, auth, f"/coop/{ids['c1']}/plans/{plan}/delete", {})
    assert delete.status_code == (302 if username == "treasurer.a" else 404 if expected == 404 else 403)
    if expected != 200:
        with app.app_context():
            denied = (
                session().execute(select(AuditEvent).where(AuditEvent.outcome == "denied")).scalars().all()
            )
            assert len(denied) >= len(_routes(ids, plan, other))


def test_own_cooperative_routes_without_an_id(client, auth) -> None:
    auth.login("member.a")
    for path in ("/coop/", "/coop/plans", "/coop/loans"):
        page = client.get(path)
        assert page.status_code == 200 and b"Mill Lane Savers" in page.data, path


def test_another_cooperatives_plan_is_not_found_through_ones_own_id(app, client, auth) -> None:
    ids = _ids(app)
    plan = _add_plan(app, "c1", "Mill Lane plan")
    auth.login("treasurer.b")
    assert client.get(f"/coop/{ids['c2']}").status_code == 200
    for path in (f"/coop/{ids['c2']}/plans/{plan}", f"/coop/{ids['c2']}/plans/{plan}/series.csv"):
        assert client.get(path).status_code == 404
    assert _post(client, auth, f"/coop/{ids['c2']}/plans/{plan}/delete", {}).status_code == 404
    assert _plan_count(app) == 1
    with app.app_context():
        denied = session().execute(select(AuditEvent).where(AuditEvent.action == "view_plan")).scalars().all()
        assert [e.outcome for e in denied] == ["denied"]


def test_member_who_left_has_no_access(app, client, auth) -> None:
    with app.app_context():
        db = session()
        user = db.execute(select(User).where(User.username == "member.a")).scalar_one()
        member = next(m for m in db.get(Cooperative, _ids(app)["c1"]).members if m.user_id == user.id)
        member.left_on = member.joined_on
        db.commit()
    auth.login("member.a")
    assert client.get("/coop/").status_code == 404


# --- group page -------------------------------------------------------------------------------------


def test_group_page_shows_facts_members_books_and_loan_fund(app, client, auth) -> None:
    auth.login("member.a")
    page = client.get(f"/coop/{_ids(app)['c1']}")
    text = page.data.decode()
    assert "Mill Lane Savers" in text and "Community cafe" in text
    assert "m1" in text and "m3" in text and "Tara" not in text  # references only, no names
    assert "2024-02" in text and re.search(r"£60(?![\d,.])", text)  # loans taken in February 2024
    # c1 keeps books: the group's money is the books' (not the monthly records' estimate beside it)
    assert "Cash box" in text and "Loans outstanding" in text and "From the group's books." in text
    assert "Loan fund now" not in text and "An estimate from the monthly records" not in text
    assert 'alt="Bar chart of the group' in text


def test_group_page_without_books_shows_the_monthly_records_estimate(app, client, auth) -> None:
    auth.login("treasurer.b")
    text = client.get(f"/coop/{_ids(app)['c2']}").data.decode()
    assert "Loan fund now" in text and "An estimate from the monthly records" in text
    assert "Cash box" not in text


def test_savings_chart_is_a_png(app, client, auth) -> None:
    auth.login("treasurer.a")
    response = client.get(f"/coop/{_ids(app)['c1']}/savings.png")
    assert response.mimetype == "image/png" and response.data[:4] == b"\x89PNG"


# --- plan forms -------------------------------------------------------------------------------------


def test_form_defaults_come_from_the_cooperatives_record(app, client, auth) -> None:
    """A plan from nothing (c1 keeps books: the form otherwise starts from them, see test_books)."""
    auth.login("treasurer.a")
    page = client.get(f"/coop/{_ids(app)['c1']}/plans/new/cooperative?blank=1").data.decode()
    assert 'name="monthly_saving" type="number" value="20"' in page
    assert 'name="loan_rate_monthly" type="number" value="1"' in page
    assert 'name="loan_multiple_of_savings" type="number" value="3"' in page
    assert 'name="csrf_token"' in page and '<label for="f-late_rate">' in page


def test_3x6_form_pays_what_the_groups_own_country_pays(app, client, auth) -> None:
    """A Manchester group's 3x6 plan starts from the UK's sourced day's pay and is sized to the group.

    Protects against the walk's finding: a Kathmandu group was offered NPR 136 a day (its monthly share
    over a third of 22 days) for 66 days (Burundi's programme), in a programme of 297 people.
    """
    auth.login("treasurer.a")
    page = client.get(f"/coop/{_ids(app)['c1']}/plans/new/3x6").data.decode()
    assert 'name="daily_wage" type="number" value="95.33"' in page
    assert 'name="days_worked" type="number" value="65"' in page
    assert 'name="participants" type="number" value="2"' in page  # the group's two active members
    hint = page.split('id="h-daily_wage">')[1].split("</p>")[0]
    assert hint.startswith("United Kingdom: Assumption: paid work pays at least the National Living Wage")
    assert hint.endswith("In GBP.")  # the note comes beside the currency, not instead of it


def test_3x6_form_says_where_the_programmes_design_comes_from(app, client, auth) -> None:
    # The walk: the share saved, who leaves, the 3x match and the closure rate were shown bare, as if they
    # were the group's own figures; they are the 3x6 approach as UNDP ran it in Burundi, and small-firm data.
    auth.login("treasurer.a")
    page = client.get(f"/coop/{_ids(app)['c1']}/plans/new/3x6").data.decode()
    for name, source in [
        ("savings_share", "workers are obliged to save one third"),
        ("exit_rate", "about 60% took their savings and left"),
        ("match_ratio", "UNDP invests three times the amount collectively saved"),
    ]:
        hint = page.split(f'id="h-{name}">')[1].split("</p>")[0]
        assert hint.startswith("As UNDP ran the 3x6 approach in Burundi (") and source in hint
        assert hint.endswith("set what your programme does.")
    hint = page.split('id="h-business_failure_rate">')[1].split("</p>")[0]  # a study, not UNDP's design
    assert hint.startswith("A published figure (McKenzie and Paffhausen (2017), Small Firm Death")


def test_3x6_form_asks_for_pay_where_the_country_has_no_sourced_figure(app, client, auth) -> None:
    with app.app_context():
        db = session()
        coop = db.execute(select(Cooperative).where(Cooperative.ref == "c1")).scalar_one()
        coop.locality.country = "Ethiopia"
        coop.currency = "ETB"
        db.commit()
    auth.login("treasurer.a")
    path = f"/coop/{_ids(app)['c1']}/plans/new/3x6"
    page = client.get(path).data.decode()
    assert 'name="daily_wage" type="number" value=""' in page
    assert "Ethiopia: No sourced minimum daily wage for Ethiopia" in page
    form = {k: v for k, v in _form("3x6").items() if k not in ("daily_wage", "days_worked")}
    response = _post(client, auth, path, {**form, "action": "preview"})
    assert response.status_code == 400 and "is required" in response.data.decode()


@pytest.mark.parametrize(
    ("kind", "change", "message"),
    [
        ("cooperative", {"monthly_saving": "lots"}, "should be a number, got &#39;lots&#39;"),
        ("cooperative", {"late_rate": "150"}, "should be at most 100, got 150"),
        ("cooperative", {"initial_members": ""}, "Members at the start: is required"),
        ("cooperative", {"initial_members": "50", "max_members": "10"}, "room for only 10"),
        ("cooperative", {"months": "2", "business_start_month": "36"}, "is after the plan ends"),
        ("cooperative", {"name": ""}, "Plan name (to save it): is required"),
        ("3x6", {"group_size": "400", "participants": "300"}, "cannot be formed from 300 participants"),
        ("3x6", {"related_employers": "4"}, "give both the related vacancies and employers"),
        ("3x6", {"seed": "-1"}, "should be at least 0"),
        (
            "3x6",
            {"participants": "100000", "group_size": "5"},
            "makes 20000 groups, too many to simulate here",
        ),
    ],
)
def test_bad_plan_input_is_explained_per_field_and_nothing_is_saved(
    app, client, auth, kind: str, change: dict[str, str], message: str
) -> None:
    auth.login("treasurer.a")
    data = {**_form(kind, name="Bad plan"), **change, "action": "save"}
    response = _post(client, auth, f"/coop/{_ids(app)['c1']}/plans/new/{kind}", data)
    assert response.status_code == 400
    page = response.data.decode()
    assert message in page and "Nothing has been saved yet." in page and 'aria-invalid="true"' in page
    assert _plan_count(app) == 0


@pytest.mark.parametrize(
    ("kind", "change", "field"),
    [
        ("cooperative", {"initial_members": "50", "max_members": "10"}, "max_members"),
        ("cooperative", {"months": "2", "business_start_month": "36"}, "business_start_month"),
        ("cooperative", {"write_off_rate_par30": "100"}, "write_off_rate_par30"),
        ("3x6", {"group_size": "400", "participants": "300"}, "participants"),
        ("3x6", {"min_group_size": "12", "group_size": "10", "participants": "40"}, "min_group_size"),
    ],
)
def test_a_planner_refusal_is_put_on_the_first_field_it_names(
    app, kind: str, change: dict[str, str], field: str
) -> None:
    with app.test_request_context():
        result = plans.parse_plan_form(kind, _form(kind, **change))
    assert list(result.errors) == [field]
    assert "_" not in result.errors[field]  # said in words, not the planner's setting names


@pytest.mark.parametrize("kind", plans.KINDS)
def test_try_a_plan_shows_plain_words_and_a_chart(app, client, auth, kind: str) -> None:
    auth.login("member.a")
    c1 = _ids(app)["c1"]
    response = _post(client, auth, f"/coop/{c1}/plans/new/{kind}", {**_form(kind), "action": "preview"})
    page = response.data.decode()
    assert response.status_code == 200 and "What the simulated futures show" in page
    assert (
        ("In 19 of 20 simulated futures" in page) if kind == "cooperative" else ("from cash-for-work" in page)
    )
    assert "Only the treasurer can save plans." in page and _plan_count(app) == 0
    src = page.split('<img class="chart" src="')[1].split('"')[0].replace("&amp;", "&")
    alt = page.split('<img class="chart" src="')[1].split('alt="')[1].split('"')[0]
    assert "fan chart" in alt and "operationally profitable" in alt
    chart = client.get(src)
    assert chart.status_code == 200 and chart.mimetype == "image/png"


def test_member_cannot_save_a_plan(app, client, auth) -> None:
    auth.login("member.a")
    data = {**_form("cooperative", name="Mine"), "action": "save"}
    assert _post(client, auth, f"/coop/{_ids(app)['c1']}/plans/new/cooperative", data).status_code == 403
    assert _plan_count(app) == 0


def test_save_open_compare_and_delete_plans(app, client, auth) -> None:
    auth.login("treasurer.a")
    c1 = _ids(app)["c1"]
    saved = []
    for name, saving in (("Small shares", "20"), ("Bigger shares", "40")):
        data = {**_form("cooperative", name=name, monthly_saving=saving), "action": "save"}
        response = _post(client, auth, f"/coop/{c1}/plans/new/cooperative", data)
        assert response.status_code == 302
        saved.append(int(response.headers["Location"].rsplit("/", 1)[1]))
    page = client.get(f"/coop/{c1}/plans/{saved[1]}").data.decode()
    assert "Bigger shares" in page and "Download the printable plan (PDF)" in page
    with app.app_context():
        plan = session().get(SavedPlan, saved[1])
        assert plan.inputs["monthly_saving"] == 40 and plan.inputs["runs"] == RUNS
        assert plan.summary["summary"]["break_even_month"] is not None
    listed = client.get(f"/coop/{c1}/plans").data.decode()
    # the walk: a 60-month plan was headed "profit chance in year 6", a year it does not reach
    months = int(plan.summary["months"][-1])
    assert "Small shares" in listed and f"profit chance at month {min(months, 72)}: " in listed
    assert "year 6" not in listed
    compare = _post(client, auth, f"/coop/{c1}/compare", {"plan": [str(i) for i in saved]})
    text = compare.data.decode()
    assert compare.status_code == 200 and "Small shares" in text and "Bigger shares" in text
    assert "Break-even month: middle future" in text and "Two line charts comparing" in text
    one = _post(client, auth, f"/coop/{c1}/compare", {"plan": [str(saved[0])]})
    assert one.status_code == 400 and "Choose two or three" in one.data.decode()
    assert _post(client, auth, f"/coop/{c1}/plans/{saved[0]}/delete", {}).status_code == 302
    assert client.get(f"/coop/{c1}/plans/{saved[0]}").status_code == 404
    assert _plan_count(app) == 1


def test_starting_a_new_plan_from_a_saved_one_copies_its_inputs(app, client, auth) -> None:
    plan = _add_plan(app, "c1", "Base", "3x6")
    auth.login("treasurer.a")
    page = client.get(f"/coop/{_ids(app)['c1']}/plans/new/3x6?from={plan}").data.decode()
    assert 'value="Base (changed)"' in page and 'name="seed" type="number" value="5"' in page


def test_a_plan_without_results_yet_says_so(app, client, auth) -> None:
    """A plan queued for a background run (no summary yet) shows a notice; its charts and files 404."""
    with app.app_context():
        db = session()
        plan = SavedPlan(cooperative_id=_ids(app)["c1"], name="Queued", kind="cooperative", inputs={})
        db.add(plan)
        db.commit()
        plan_id = plan.id
    auth.login("member.a")
    c1 = _ids(app)["c1"]
    assert "results not ready yet" in client.get(f"/coop/{c1}/plans").data.decode()
    assert "no results yet" in client.get(f"/coop/{c1}/plans/{plan_id}").data.decode()
    for tail in ("chart.png", "plan.pdf", "series.csv"):
        assert client.get(f"/coop/{c1}/plans/{plan_id}/{tail}").status_code == 404


# --- downloads --------------------------------------------------------------------------------------


def test_pdf_is_a_pdf(app, client, auth) -> None:
    plan = _add_plan(app, "c1", "Printable")
    auth.login("member.a")
    response = client.get(f"/coop/{_ids(app)['c1']}/plans/{plan}/plan.pdf")
    assert response.mimetype == "application/pdf" and response.data.startswith(b"%PDF")
    assert len(response.data) > 5000


def test_csv_neutralises_a_malicious_plan_name(app, client, auth) -> None:
    plan = _add_plan(app, "c1", MALICIOUS)
    auth.login("treasurer.a")
    response = client.get(f"/coop/{_ids(app)['c1']}/plans/{plan}/series.csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.data.decode(), newline="")))
    assert rows[0][:3] == ["plan", "month", "members"]
    assert len(rows) == 1 + 121 and all(r[0] == "'" + MALICIOUS for r in rows[1:])
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)


# --- loan costs -------------------------------------------------------------------------------------


def test_loan_comparison_uses_the_cooperatives_own_rate(app, client, auth) -> None:
    auth.login("member.a")
    c1 = _ids(app)["c1"]
    first = client.get(f"/coop/{c1}/loans").data.decode()
    assert 'value="720"' in first  # three times a year of 20 a month
    data = {"principal": "1000", "months": "12", "rate_bank": "12", "rate_moneylender": "36"}
    response = _post(client, auth, f"/coop/{c1}/loans", data)
    page = response.data.decode()
    assert response.status_code == 200
    for lender in ("Mill Lane Savers (your cooperative)", "Commercial bank", "Moneylender"):
        assert lender in page
    assert "£88.85" in page  # 1% a month on the balance, 12 months: the declining-balance payment
    assert "£120" not in page.split("Moneylender")[0] or "flat" in page
    assert "APR 61" in page.split('alt="')[-1]  # 36% a year flat, from the UK file's method
    assert page.count("The rate you typed (from the lender") == 2
    chart = client.get(page.split('<img class="chart" src="')[1].split('"')[0].replace("&amp;", "&"))
    assert chart.mimetype == "image/png"


def test_loans_never_compare_another_countrys_rates(app, client, auth) -> None:
    # the walk of 2026-12-05: an Addis Ababa group's loan page compared ETB loans at Nepal Rastra Bank
    # rates; a Manchester group has no sourced bank or moneylender rate, so the page asks for them
    auth.login("treasurer.a")
    page = client.get(f"/coop/{_ids(app)['c1']}/loans").data.decode()
    assert "Nepal" not in page and "Microfinance institution" not in page  # the UK file has no MFI
    assert 'name="rate_bank"' in page and 'name="rate_moneylender"' in page
    assert "No published lender rate for United Kingdom is held here" in page
    assert '<img class="chart"' not in page  # one lender: nothing to chart
    rows = page.split("<tbody>")[1].split("</tbody>")[0]
    assert rows.count('<th scope="row">') == 1 and "Mill Lane Savers" in rows  # only the group's own
    refused = _post(
        client,
        auth,
        f"/coop/{_ids(app)['c1']}/loans",
        {"principal": "1000", "months": "12", "rate_bank": "-3"},
    )
    assert refused.status_code == 400 and "should be at least 0, got -3" in refused.data.decode()


@pytest.mark.parametrize(
    ("country", "lenders"),
    [
        ("Nepal", ["cooperative", "bank", "mfi", "moneylender"]),
        ("Ethiopia", ["cooperative"]),
        ("Atlantis", ["cooperative"]),
    ],
)
def test_the_lenders_are_those_of_the_groups_country(app, country: str, lenders: list[str]) -> None:
    from web.coop.pages import coop_offers
    from web.storage.schema import Cooperative, Locality

    coop = Cooperative(name="Group", monthly_interest_rate=0.01, locality=Locality(name="X", country=country))
    with app.test_request_context():
        offers = coop_offers(coop)
        typed = coop_offers(coop, {"bank": 0.2})
    assert [o.key for o in offers.offers] == lenders
    assert (offers.country is None) == (country == "Atlantis")
    if country == "Ethiopia":  # nothing sourced: the page asks, and a typed rate joins the comparison
        assert [k for k, _ in offers.to_type] == ["bank", "mfi", "moneylender"]
        assert [(o.key, o.annual_rate) for o in typed.offers[1:]] == [("bank", 0.2)]
        assert not typed.sourced
    if country == "Nepal":
        assert offers.sourced and offers.to_type == ()
        assert "Nepal Rastra Bank" in offers.offers[1].source


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"principal": "-5", "months": "12"}, "should be at least 1, got -5"),
        ({"principal": "1000", "months": "600"}, "should be at most 120, got 600"),
        ({"principal": "a lot", "months": "12"}, "should be a number"),
    ],
)
def test_bad_loan_input_is_explained(app, client, auth, data: dict[str, str], message: str) -> None:
    auth.login("treasurer.a")
    response = _post(client, auth, f"/coop/{_ids(app)['c1']}/loans", data)
    assert response.status_code == 400 and message in response.data.decode()


# --- the simulation call a background job makes -----------------------------------------------------


def test_a_business_with_no_start_up_cost_is_not_said_to_earn_back_its_cost(app, client, auth) -> None:
    """The walk: a business with no start-up cost (running in the books) "earns back its cost at month 2"."""
    auth.login("treasurer.a")
    path = f"/coop/{_ids(app)['c1']}/plans/new/cooperative"
    free = _form("cooperative", business_enabled="on", business_startup_cost="0", business_start_month="0")
    page = _post(client, auth, path, {**free, "action": "preview"}).data.decode()
    assert "earns back its cost" not in page
    assert (
        "The joint business has no start-up cost in this plan, so there is no cost for it to earn back"
        in page
    )
    row = page.split("Business pays back its cost: middle future")[1].split("</tr>")[0]
    assert "no start-up cost" in row
    costly = _post(client, auth, path, {**_form("cooperative"), "action": "preview"}).data.decode()
    assert "The joint business earns back its cost at" in costly and "no start-up cost" not in costly


def test_a_plan_saved_with_a_payback_for_a_business_of_no_cost_no_longer_says_it(app) -> None:
    inputs, result = _result("cooperative")
    payback = {
        "reached_share": 1.0,
        "mean": 2.0,
        "p5": 2.0,
        "p25": 2.0,
        "median": 2.0,
        "p75": 2.0,
        "p95": 2.0,
    }
    saved = {**result, "summary": {**result["summary"], "business_payback_month": payback}}
    with app.test_request_context():
        words = figures.plain_words(saved, {**inputs, "business_startup_cost": 0})
        values = figures.key_figures(saved, {**inputs, "business_startup_cost": 0})
        assert "earns back its cost" in " ".join(figures.plain_words(saved, inputs))
    assert not any("earns back its cost" in w for w in words) and values["payback"] == "no start-up cost"


def test_key_figures_name_the_month_they_are_read_at(app) -> None:
    """Regression (walk of 2026-12-06): a 5-year plan's key figures read "Chance of operating profit in year
    6 (or the plan's last month)", and a 3-year plan's "Fund or group cash after 5 years" at month 36."""

    def plan(years: int) -> dict[str, Any]:
        inputs = {**_defaults("cooperative"), "currency": "GBP", "months": years, "business_start_month": 12}
        return plans.run_plan("cooperative", inputs, seed=5, runs=RUNS)  # the form's "months" is in years

    short, five = plan(3), plan(5)
    with app.test_request_context():
        labels = [f.label for f in figures.key_figure_rows(short)]
        assert "Fund or group cash by year 3: 19 in 20 futures above" in labels, labels
        assert "Chance of operating profit in year 3 (month 36)" in labels, labels
        labels = [f.label for f in figures.key_figure_rows(five)]
        assert "Fund or group cash by year 5: middle future" in labels, labels
        assert "Chance of operating profit in year 5 (month 60)" in labels, labels
        mixed = figures.key_labels([short, five])  # side by side, read at different months: the rule
    assert mixed["p_profit_y6"] == "Chance of operating profit in year 6 (or a shorter plan's end)"


def _from_books(result: dict[str, Any], median: float | None, past: int | None) -> dict[str, Any]:
    """``result`` as if it started from the books on 15 October 2026 with ``past`` months before it."""
    opening: dict[str, Any] = {"on": "2026-10-15", "members": 2}
    if past is not None:
        month = {"income": 100, "costs": 50, "written_off": 0, "assets": 1000, "loans": 0}
        opening["past"] = [month] * past
    be = {"reached_share": 1.0 if median is not None else 0.0, "median": median, "p5": median, "p95": median}
    return {**result, "opening": opening, "summary": {**result["summary"], "break_even_month": be}}


@pytest.mark.parametrize(
    ("median", "past", "said"),
    [
        (None, None, "The cooperative first breaks even at"),  # a plan from nothing
        (
            0.0,
            12,
            "The group's books already show an operating profit over the 12 months to Oct 15, 2026: it broke "
            "even before this plan starts.",
        ),
        (
            5.0,
            12,
            "The group's books show no operating profit over the 12 months to Oct 15, 2026; counting them, "
            "the plan breaks even at month 5",
        ),
        (3.0, 0, "Counting from the plan's first month only (not the books' months before it)"),
    ],
)
def test_break_even_from_the_books_counts_the_months_the_books_record(
    app, median: float | None, past: int | None, said: str
) -> None:
    """The walk: a plan from two years of books "first breaks even at month 1", its books' months ignored."""
    _inputs, result = _result("cooperative")
    shown = result if past is None else _from_books(result, median, past)
    with app.test_request_context():
        words = figures.plain_words(shown)
        key = figures.key_figures(shown)
    assert any(w.startswith(said) for w in words), words
    assert (key["break_even"] == "already, in the books") == (median == 0.0 and bool(past))


def test_a_plan_from_nothing_takes_its_other_amounts_in_the_groups_money(app, client, auth) -> None:
    """The walk: a plan took the Nepal file's NPR 20 a member a month of running costs and NPR 3,000 social
    fund grants as the group's pounds; they are scaled to its saving like the form's own amounts."""
    auth.login("treasurer.a")
    data = {**_form("cooperative", name="In pounds"), "action": "save"}
    assert _post(client, auth, f"/coop/{_ids(app)['c1']}/plans/new/cooperative", data).status_code == 302
    with app.app_context():
        plan = session().execute(select(SavedPlan).where(SavedPlan.name == "In pounds")).scalar_one()
        assert plan.inputs["other_settings"] == {"social_fund_grant": 120.0, "expense_per_member": 0.8}
        config, _evidence = plans._config("cooperative", plan.inputs)
    assert (config.social_fund_grant, config.expense_per_member) == (120.0, 0.8)


@pytest.mark.parametrize("kind", plans.KINDS)
def test_run_plan_is_reproducible_and_json_ready(kind: str) -> None:
    inputs, first = _result(kind)
    again = plans.run_plan(kind, inputs, seed=5, runs=RUNS)
    assert again == first and first["kind"] == kind and first["runs"] == RUNS
    assert plans.run_plan(kind, inputs, seed=6, runs=RUNS) != first


def test_coop_menu_links_to_the_coop_pages(client, auth) -> None:
    auth.login("treasurer.a")
    page = client.get("/cooperative").data.decode()
    assert 'href="/coop/plans"' in page and 'href="/coop/loans"' in page and 'href="/coop/"' in page


def test_a_members_home_says_the_groups_rules_as_the_group_page_does(client, auth) -> None:
    """Regression (walk of 2026-12-06): a member's home said "Loans up to 3.0 times a member's savings" and
    "1% a month" where the group page says "3 times" and "1% a month, on the balance"."""
    auth.login("member.a")
    home = client.get("/cooperative").get_data(as_text=True)
    assert "3 times a member&#39;s savings" in home and "3.0 times" not in home
    assert "1% a month, on the balance" in home
    assert "Members now" in home and "£20" in home


@pytest.mark.parametrize(
    ("as_of", "said"),
    [
        (dt.date(2026, 6, 1), ""),  # under a year: not said
        (dt.date(2025, 12, 6), "Dated Dec 6, 2025, 12 months ago: rates move, so ask the lender for today"),
        (dt.date(2025, 3, 11), "Dated Mar 11, 2025, 20 months ago: rates move"),
        (dt.date(2014, 4, 1), "Dated Apr 1, 2014, over 12 years ago: rates move"),
        (None, ""),
    ],
)
def test_an_old_published_rate_says_how_old_it_is(app, as_of, said: str) -> None:
    """Regression (walk of 2026-12-06): the Kathmandu loan page compared with a bank rate of March 2025
    in December 2026 without a word on its age."""
    from web.coop.pages import rate_age

    with app.test_request_context():
        got = rate_age(as_of, dt.date(2026, 12, 6))
    assert got.startswith(said) if said else got == ""


def test_the_loan_page_says_the_age_of_an_old_rate(app, client, auth) -> None:
    from web.storage.schema import Cooperative, Locality

    with app.app_context():  # the group moves to Kathmandu, whose lenders' rates are published and dated
        coop = session().get(Cooperative, _ids(app)["c1"])
        coop.locality = Locality(
            ref="ktm", name="Kathmandu", country="Nepal", latitude=27.7, longitude=85.3, currency="NPR"
        )
        session().commit()
    auth.login("treasurer.a")
    page = client.get(f"/coop/{_ids(app)['c1']}/loans").data.decode()
    sources = page.split("Where the rates come from")[1]
    assert "Nepal Rastra Bank: weighted average lending rate" in sources
    assert re.search(
        r"\(Aarthik News, 11 Mar 2025\)\. <strong>Dated Mar 11, 2025, (?:\d+ months|over \d+ years?) ago",
        sources,
    )
