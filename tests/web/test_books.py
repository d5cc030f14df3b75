"""Cooperative books on the web: meetings, corrections, ledger import, passbooks, share-out, measures.

Members and treasurers reach only their own cooperative's books; a member reads their own passbook
and the group's totals; only the treasurer writes. Every entry is stored encrypted and audited.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text, update

from planner.books import entries as e
from planner.books.ledger import Books
from planner.exceptions import PlannerError
from tests.web.conftest import UK_COOP_FIGURES
from web.books import plans as book_plans
from web.books import service
from web.books.demo import DemoMember, DemoMonth, demo_entries
from web.infra.db import session
from web.storage.schema import AuditEvent, BookEntry, Cooperative, SavedPlan, User

DEMO = Path(__file__).resolve().parents[2] / "datasets" / "demo"
LEDGER_HEADER = "date,kind,entry,member,amount,interest,loan,rate_percent,rule,term,frequency,reverses,note\n"


@pytest.fixture(autouse=True)
def _english(request: pytest.FixtureRequest) -> None:
    """Pages speak English in these tests and simulate few futures."""
    if "app" in request.fixturenames:
        app = request.getfixturevalue("app")
        app.config["COOP_PLAN_RUNS"] = 40
        with app.app_context():
            db = session()
            db.execute(update(User).values(language="en"))
            db.commit()


#: who asks for whose passbook, and the answer (a member: their own only; the treasurer: anyone's)
PASSBOOK_CASES = [
    ("member.a", "", 200),
    ("member.a", "m3", 200),
    ("member.a", "m1", 404),
    ("member.a", "nobody", 404),
    ("treasurer.a", "m3", 200),
    ("treasurer.a", "m2", 200),
    ("treasurer.a", "nobody", 404),
]


def _coop_ids(app: Any) -> dict[str, int]:
    with app.app_context():
        return {c.ref: c.id for c in session().execute(select(Cooperative)).scalars()}


def _post(client: Any, auth: Any, path: str, data: dict[str, Any], **kw: Any) -> Any:
    return client.post(path, data={**data, "csrf_token": auth.csrf()}, **kw)


def _ledger_books(rows: str, currency: str = "ETB") -> Books:
    """Books read from paper-ledger ``rows`` (CSV lines after the header)."""
    from planner.books.ledger_csv import read_ledger

    books = read_ledger(LEDGER_HEADER + rows, "ledger.csv", currency).books
    assert books is not None
    return books


def _entries(app: Any, coop_id: int) -> list[BookEntry]:
    with app.app_context():
        return list(session().execute(select(BookEntry).where(BookEntry.cooperative_id == coop_id)).scalars())


# --- the demo's books ------------------------------------------------------------------------------


def _demo_rows(coop: str) -> tuple[dict[str, str], list[DemoMember], list[DemoMonth]]:
    coops = {r["id"]: r for r in csv.DictReader((DEMO / "cooperatives.csv").open(encoding="utf-8"))}
    members = [
        DemoMember(
            r["member"],
            dt.date.fromisoformat(r["joined_on"]),
            dt.date.fromisoformat(r["left_on"]) if r["left_on"] else None,
        )
        for r in csv.DictReader((DEMO / "coop_members.csv").open(encoding="utf-8"))
        if r["cooperative"] == coop
    ]
    months = [
        DemoMonth(
            r["member"], r["month"], Decimal(r["saved"]), Decimal(r["loan_taken"]), Decimal(r["loan_repaid"])
        )
        for r in csv.DictReader((DEMO / "coop_savings.csv").open(encoding="utf-8"))
        if r["cooperative"] == coop
    ]
    return coops[coop], members, months


@pytest.mark.parametrize(
    ("coop", "saved", "lent", "repaid"),
    [
        ("saathi-ktm", 434_000, 210_000, 180_500),
        ("kolfe-3x6", 98_100, 45_500, 37_800),
    ],
)
def test_demo_books_add_up_to_the_monthly_records(coop: str, saved: int, lent: int, repaid: int) -> None:
    row, members, months = _demo_rows(coop)
    books, refused = demo_entries(
        row["currency"],
        e.Constitution(max_loan_multiple=Decimal(3)),
        0.01,
        members,
        months,
        business_from=dt.date(2025, 1, 15),
        seed=17,
    )
    assert refused == []
    eff = books.effective
    assert sum(x.amount for x in eff if isinstance(x, e.Saving)) == saved * 100
    assert sum(x.amount for x in eff if isinstance(x, e.LoanDisbursed)) == lent * 100
    assert sum(x.principal for x in eff if isinstance(x, e.Repayment)) == repaid * 100
    days = books.meeting_days
    assert (days[-1] - days[0]).days > 2 * 365  # years of meetings


def test_demo_books_are_reproducible() -> None:
    row, members, months = _demo_rows("kolfe-3x6")
    make = lambda seed: demo_entries(  # noqa: E731
        row["currency"], e.Constitution(), 0.01, members, months, business_from=None, seed=seed
    )[0]
    assert make(3) == make(3)
    assert make(3) != make(4)


# --- access: every role, every route ----------------------------------------------------------------


ROUTES = ["", "/passbook", "/share-out", "/measures", "/meeting", "/import", "/plan.png"]


@pytest.mark.parametrize(
    ("username", "route", "expected"),
    [
        *[("treasurer.a", r, 404 if r == "/plan.png" else 200) for r in ROUTES],
        *[
            ("member.a", r, 403 if r in ("/meeting", "/import") else 404 if r == "/plan.png" else 200)
            for r in ROUTES
        ],
        *[("treasurer.b", r, 404) for r in ROUTES],  # another cooperative: ids cannot be probed
        *[(u, r, 403) for u in ("counsellor.a", "employer.a", "admin.a") for r in ROUTES],
    ],
)
def test_who_reaches_the_books(
    app: Any, client: Any, auth: Any, username: str, route: str, expected: int
) -> None:
    c1 = _coop_ids(app)["c1"]
    auth.login(username)
    assert client.get(f"/books/{c1}{route}").status_code == expected


@pytest.mark.parametrize("document", ["passbook", "passbook.pdf"])  # the printable one follows the same rule
@pytest.mark.parametrize(("username", "member", "expected"), PASSBOOK_CASES)
def test_members_read_only_their_own_passbook(
    app: Any, client: Any, auth: Any, username: str, member: str, expected: int, document: str
) -> None:
    c1 = _coop_ids(app)["c1"]
    auth.login(username)
    response = client.get(f"/books/{c1}/{document}", query_string={"member": member} if member else {})
    assert response.status_code == expected
    if expected == 200 and document == "passbook.pdf":
        assert response.mimetype == "application/pdf" and response.data.startswith(b"%PDF-")
        assert "attachment" in response.headers["Content-Disposition"]


def test_a_member_cannot_write(app: Any, client: Any, auth: Any) -> None:
    c1 = _coop_ids(app)["c1"]
    before = len(_entries(app, c1))
    auth.login("member.a")
    assert (
        _post(client, auth, f"/books/{c1}/meeting", {"date": "2026-01-15", "savings-0": "20"}).status_code
        == 403
    )
    entry = _entries(app, c1)[0].entry_id
    assert _post(client, auth, f"/books/{c1}/entries/reverse", {"entry": entry}).status_code == 403
    assert _post(client, auth, f"/books/{c1}/plan", {}).status_code == 403
    assert len(_entries(app, c1)) == before


# --- the meeting form, corrections ------------------------------------------------------------------


def test_treasurer_records_a_meeting_encrypted_and_audited(app: Any, client: Any, auth: Any) -> None:
    c1 = _coop_ids(app)["c1"]
    before = len(_entries(app, c1))
    auth.login("treasurer.a")
    page = client.get(f"/books/{c1}/meeting")
    assert b"m3" in page.data
    response = _post(
        client,
        auth,
        f"/books/{c1}/meeting",
        {"date": "2026-01-15", "attendance-0": "present", "savings-0": "20", "social-0": "1.50", "cost": "3"},
    )
    assert response.status_code == 302, response.data
    rows = _entries(app, c1)
    assert len(rows) == before + 4
    assert {r.kind for r in rows[before:]} == {"attendance", "savings", "social", "cost"}
    with app.app_context():
        db = session()
        raw = db.execute(text("SELECT data FROM book_entries")).scalars().all()
        assert raw and not any("member" in value or "amount" in value for value in raw)  # encrypted
        audited = (
            db.execute(
                select(AuditEvent).where(
                    AuditEvent.action == "record_book_entry", AuditEvent.object_type == "book_entry"
                )
            )
            .scalars()
            .all()
        )
        assert len(audited) == 4
        books = service.load_books(db, db.get(Cooperative, c1))
    assert books.state_on(dt.date(2026, 1, 15)).members["m1"].savings >= 2000


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"date": "2026-01-15", "savings-0": "abc"}, "savings-0"),
        ({"date": "2026-01-15", "savings-0": "-5"}, "savings-0"),
        ({"date": "15/01/2026", "savings-0": "5"}, "date"),
        ({"date": "2999-01-15", "savings-0": "5"}, "date"),
        ({"date": "2026-01-15"}, "date"),
        (
            {
                "date": "2026-01-15",
                "loan_amount": "100000",
                "loan_member": "1",
                "loan_rate_percent": "1",
                "loan_term": "6",
            },
            "loan_amount",
        ),  # more than the loan fund and 3 x savings
        (
            {
                "date": "2026-01-15",
                "loan_amount": "10",
                "loan_member": "1",
                "loan_rate_percent": "x",
                "loan_term": "6",
            },
            "loan_rate_percent",
        ),
        ({"date": "2026-01-15", "social_payout": "999", "social_payout_member": "0"}, "social_payout"),
    ],
)
def test_a_meeting_that_does_not_add_up_writes_nothing(
    app: Any, client: Any, auth: Any, data: dict[str, str], field: str
) -> None:
    c1 = _coop_ids(app)["c1"]
    before = len(_entries(app, c1))
    auth.login("treasurer.a")
    audited = select(func.count()).where(AuditEvent.action == "record_meeting")
    with app.app_context():
        seen = session().execute(audited).scalar_one()
    response = _post(client, auth, f"/books/{c1}/meeting", data)
    assert response.status_code == 400
    assert f'href="#f-{field}"'.encode() in response.data
    assert len(_entries(app, c1)) == before
    with app.app_context():  # the refused meeting's access is audited all the same
        assert session().execute(audited).scalar_one() == seen + 1


def test_a_correction_is_a_reversal_never_an_edit(app: Any, client: Any, auth: Any) -> None:
    c1 = _coop_ids(app)["c1"]
    auth.login("treasurer.a")
    _post(client, auth, f"/books/{c1}/meeting", {"date": "2026-01-15", "savings-0": "20"})
    saving = _entries(app, c1)[-1]
    response = _post(
        client, auth, f"/books/{c1}/entries/reverse", {"entry": saving.entry_id, "note": "typed twice"}
    )
    assert response.status_code == 302
    rows = _entries(app, c1)
    assert rows[-2].entry_id == saving.entry_id and rows[-2].data == saving.data  # still there, unchanged
    assert rows[-1].kind == "reversal" and rows[-1].data["reverses"] == saving.entry_id
    audited = select(func.count()).where(AuditEvent.action == "correct_book_entry")
    with app.app_context():
        seen = session().execute(audited).scalar_one()
    again = _post(client, auth, f"/books/{c1}/entries/reverse", {"entry": saving.entry_id})
    assert again.status_code == 302 and len(_entries(app, c1)) == len(rows)  # refused: nothing written
    with app.app_context():  # the refused correction's access is audited all the same
        assert session().execute(audited).scalar_one() == seen + 1
    assert _post(client, auth, f"/books/{c1}/entries/reverse", {"entry": "no-such"}).status_code == 404
    assert _post(client, auth, f"/books/{c1}/entries/reverse", {}).status_code == 404  # no entry named


def test_an_entry_id_never_travels_in_an_address(app: Any, client: Any, auth: Any) -> None:
    """Entry ids name members (``...-sav-m3``) and addresses reach access logs: the id goes in the form."""
    c1 = _coop_ids(app)["c1"]
    auth.login("treasurer.a")
    _post(client, auth, f"/books/{c1}/meeting", {"date": "2026-01-15", "savings-0": "20"})
    page = client.get(f"/books/{c1}").get_data(as_text=True)
    saving = _entries(app, c1)[-1].entry_id
    assert f'name="entry" value="{saving}"' in page
    assert f"/entries/{saving}" not in page


def test_entries_are_listed_by_what_they_record_not_by_their_code(app: Any, client: Any, auth: Any) -> None:
    """Regression: the treasurer's entries read ``business_cost`` and ``social`` (the stored codes)."""
    c1 = _coop_ids(app)["c1"]
    auth.login("treasurer.a")
    meeting = {"date": "2026-01-15", "attendance-0": "present", "social-0": "1.50", "business_cost": "3"}
    assert _post(client, auth, f"/books/{c1}/meeting", meeting).status_code == 302
    page = client.get(f"/books/{c1}").get_data(as_text=True)
    cells = re.findall(r"</th><td>[^<]*</td><td>([^<]*)</td>", page)  # each entry's kind, after its date
    assert {"Business costs", "Social fund"} <= set(cells)
    assert "business_cost" not in cells and "social" not in cells
    assert re.search(r"<td>Attendance</td><td>[^<]+</td><td>present</td>", page)  # not a blank amount


def test_a_repayment_names_the_borrower_in_the_list_of_entries(app: Any) -> None:
    from web.books.pages import entry_rows

    books = _ledger_books(
        "2026-10-15,joined,,asha,,,,,,,,,\n2026-10-15,savings,,asha,500,,,,,,,,\n"
        "2026-10-15,loan,,asha,300,,L1,1,declining,6,,,\n2026-11-15,repayment,,,50,3,L1,,,,,,\n"
    )
    with app.test_request_context():
        newest = entry_rows(books)[0]
    assert (newest["kind"], newest["member"], newest["amount"]) == ("Loan repayment", "asha", "ETB\xa053")


def test_the_plan_check_writes_its_dates_the_readers_way(app: Any) -> None:
    """The plan check read "In month 11 (2026-11-15)" beside "Dec 6, 2026" on the same page."""
    from flask_babel import force_locale

    from planner.messages import Message
    from web.coop.planner_words import say

    said = Message("In month %(month)s (%(date)s)", {"month": 11, "date": dt.date(2026, 11, 15)})
    said = Message(said.template, said.values, {"month": "count", "date": "date"})
    assert str(said) == "In month 11 (2026-11-15)"  # the command line's English
    with app.test_request_context():
        assert say(said) == "In month 11 (Nov 15, 2026)"
        with force_locale("es"):
            assert "2026-11-15" not in say(said) and "nov" in say(said)


def test_a_share_out_held_back_by_loans_says_the_date_and_amounts_the_readers_way(app: Any) -> None:
    """Regression: the share-out page read "loans are still out on 2026-12-06: birtukan-s (4000.00)"."""
    from flask_babel import force_locale

    from planner.books.shareout import share_out
    from planner.exceptions import ShareOutError
    from web.coop.planner_words import planner_error_text

    books = _ledger_books(
        "2026-11-15,joined,,birtukan-s,,,,,,,,,\n2026-11-15,savings,,birtukan-s,5000,,,,,,,,\n"
        "2026-11-15,loan,,birtukan-s,4000,,L1,1,declining,6,,,\n"
    )
    with pytest.raises(ShareOutError) as refused:
        share_out(books, dt.date(2026, 12, 6))
    assert "on 2026-12-06: birtukan-s (ETB 4,000.00)" in str(refused.value)  # the command line's English
    with app.test_request_context():
        said = planner_error_text(refused.value)
        assert "on Dec 6, 2026: birtukan-s (ETB\xa04,000)." in said
        with force_locale("es"):
            said = planner_error_text(refused.value)
            assert "2026-12-06" not in said and "4000.00" not in said and "birtukan-s (4.000" in said


# --- a paper ledger ---------------------------------------------------------------------------------

LEDGER = LEDGER_HEADER + (
    "2025-01-06,joined,,n1,,,,,,,,,\n"
    "2025-01-06,savings,,n1,10.00,,,,,,,,\n"
    "2025-01-13,cost,,,1.50,,,,,,,,stationery\n"
)


def test_ledger_import_all_or_nothing_with_a_row_report(app: Any, client: Any, auth: Any) -> None:
    c2 = _coop_ids(app)["c2"]
    assert _entries(app, c2) == []  # no monthly records: the demo gave it no books
    auth.login("treasurer.b")

    def upload(ledger: str) -> Any:
        file = (io.BytesIO(ledger.encode()), "ledger.csv")
        return _post(client, auth, f"/books/{c2}/import", {"file": file}, content_type="multipart/form-data")

    response = upload(LEDGER + "2025-01-20,savings,,nobody,5.005,,,,,,,,\n")
    assert response.status_code == 400
    assert b"ledger.csv line 5, amount" in response.data
    assert _entries(app, c2) == []
    response = upload(LEDGER)
    assert response.status_code == 200
    assert len(_entries(app, c2)) == 3
    again = upload(LEDGER)
    assert again.status_code == 400 and b"already have entries" in again.data
    assert len(_entries(app, c2)) == 3


# --- pages --------------------------------------------------------------------------------------------


def test_pages_show_totals_passbook_share_out_and_measures(app: Any, client: Any, auth: Any) -> None:
    c1 = _coop_ids(app)["c1"]
    auth.login("member.a")
    overview = client.get(f"/books/{c1}").get_data(as_text=True)
    assert "Loan fund" in overview and "Every passbook" not in overview
    assert "Passbook of m3" in client.get(f"/books/{c1}/passbook").get_data(as_text=True)
    share = client.get(f"/books/{c1}/share-out").get_data(as_text=True)
    assert "Loans are still out" in share or "Not accounted for" in share  # a sentence on its own
    assert "Portfolio at risk" in client.get(f"/books/{c1}/measures").get_data(as_text=True)
    auth.logout()
    auth.login("treasurer.a")
    assert "Every passbook" in client.get(f"/books/{c1}").get_data(as_text=True)


def test_replanning_from_the_books_keeps_the_old_plan_and_draws_the_actual_line(
    app: Any, client: Any, auth: Any
) -> None:
    c1 = _coop_ids(app)["c1"]
    auth.login("treasurer.a")
    values = _form_values(client.get(f"/coop/{c1}/plans/new/cooperative").get_data(as_text=True))
    first = {**values, "name": "Typed", "action": "save"}  # the UK's missing figures, typed once
    assert _post(client, auth, f"/coop/{c1}/plans/new/cooperative", first).status_code == 302
    for _ in range(2):
        assert _post(client, auth, f"/books/{c1}/plan", {}).status_code == 302
    with app.app_context():
        plans = session().execute(select(SavedPlan).where(SavedPlan.cooperative_id == c1)).scalars().all()
        assert sum(1 for p in plans if (p.summary or {}).get("opening")) == 3
    page = client.get(f"/books/{c1}").get_data(as_text=True)
    assert "2 older plans are kept" in page
    chart = client.get(f"/books/{c1}/plan.png")
    assert chart.status_code == 200 and chart.data[1:4] == b"PNG"


# --- storage, on each database ------------------------------------------------------------------------


def test_entries_round_trip_through_storage(db: Any) -> None:
    coop = Cooperative(ref="x", name="X", monthly_share=10, currency="BIF")
    db.add(coop)
    db.flush()
    day = dt.date(2025, 3, 1)
    entries = (
        e.MemberJoined(entry_id="j", date=day, member="ana"),
        e.Saving(entry_id="s", date=day, member="ana", amount=5000),
        e.LoanDisbursed(
            entry_id="l",
            date=day,
            member="ana",
            loan_id="L1",
            amount=3000,
            rate=Decimal("0.015"),
            rule="flat",
            term=3,
        ),
    )
    Books("BIF", service.default_constitution(coop), entries)
    service.store_entries(db, coop, entries, actor_id=None, action="record_book_entry")
    db.commit()
    books = service.load_books(db, coop)
    assert books.entries == entries
    assert books.state_on(day).cash == 2000


# --- plans start from the books ----------------------------------------------------------------------


@pytest.fixture()
def c1_treasurer(app: Any, auth: Any) -> int:
    """c1's treasurer signed in; c1's id."""
    auth.login("treasurer.a")
    return _coop_ids(app)["c1"]


def _form_values(page: str) -> dict[str, str]:
    """The inputs of the plan form's page, as a browser would post them once the treasurer has typed the
    figures the UK has no sourced value for (left empty on the page)."""
    values = dict(re.findall(r'name="([a-z0-9_]+)"[^>]*value="([^"]*)"', page))
    for name, typed in UK_COOP_FIGURES.items():
        if name in values and not values[name]:
            values[name] = f"{typed:g}"
    return values


def test_a_savings_and_loans_plan_starts_from_the_books_and_keeps_them(
    app: Any, client: Any, auth: Any, c1_treasurer: int
) -> None:
    """Protects against the walk's finding: the plan form simulated a group with savings from zero."""
    c1 = c1_treasurer
    page = client.get(f"/coop/{c1}/plans/new/cooperative").get_data(as_text=True)
    assert "Starts from the group&#39;s books on" in page and "Plan from nothing instead" in page
    with app.app_context():
        db = session()
        books = service.load_books(db, db.get(Cooperative, c1))
        day = service.books_today(books)
        opening = book_plans.opening_on(db, db.get(Cooperative, c1), day)
    values = _form_values(page)
    assert values["from_books"] == day.isoformat()
    assert values["initial_members"] == str(opening.members)
    # what the books do not tell is the group's own scaled default, not the packaged Nepal rupees
    assert values["entry_share"] == "40" and values["max_members"] != "60"
    saved = _post(
        client,
        auth,
        f"/coop/{c1}/plans/new/cooperative",
        {**values, "name": "From the books", "action": "save"},
    )
    assert saved.status_code == 302, saved.get_data(as_text=True)
    with app.app_context():
        plan = session().execute(select(SavedPlan).where(SavedPlan.name == "From the books")).scalar_one()
        assert plan.inputs["opening"] == opening.to_dict() and plan.inputs["from_books"] == day.isoformat()
        assert plan.summary["opening"] == opening.to_dict()
        month_0 = {
            k: plan.summary["series"][k][0] for k in ("member_savings", "loans_outstanding", "members")
        }
    assert round(month_0["member_savings"] * 100) == opening.savings  # not from nothing
    assert (
        round(month_0["loans_outstanding"] * 100) == opening.loans and month_0["members"] == opening.members
    )
    detail = client.get(saved.headers["Location"]).get_data(as_text=True)
    assert "Starts from the group&#39;s books on" in detail


def test_a_plan_from_the_books_keeps_what_only_the_books_tell(
    client: Any, auth: Any, c1_treasurer: int
) -> None:
    """The walk: a group with a running business was planned from the form as if the business were new
    (its sales ramping up over a year: "0% chance of operating profit" for twelve months), because the
    form has no field for an established business; the plan keeps those settings from the books."""
    from web.coop import plans

    meeting = {"date": "2026-11-20", "attendance-0": "present", "sales": "500", "business_cost": "200"}
    assert _post(client, auth, f"/books/{c1_treasurer}/meeting", meeting).status_code == 302  # a running cafe
    values = _form_values(client.get(f"/coop/{c1_treasurer}/plans/new/cooperative").get_data(as_text=True))
    with client.application.app_context():
        db = session()
        coop = db.get(Cooperative, c1_treasurer)
        start = book_plans.start_on(db, coop, dt.date.fromisoformat(values["from_books"]))
    kept = plans.books_only_settings(start.settings())
    assert kept, "c1's books should tell something the form cannot (its business's state)"
    assert all(not k.startswith("business.") or k.split(".")[1] not in values for k in kept)
    saved = _post(
        client, auth, f"/coop/{c1_treasurer}/plans/new/cooperative", {**values, "name": "B", "action": "save"}
    )
    assert saved.status_code == 302
    with client.application.app_context():
        plan = session().execute(select(SavedPlan).where(SavedPlan.name == "B")).scalar_one()
        assert plan.inputs["books_settings"] == kept
        config, _evidence = plans._config("cooperative", plan.inputs)
        for name, value in kept.items():
            section, _dot, setting = name.rpartition(".")
            assert getattr(config.business if section else config, setting) == value


def test_a_plan_from_the_books_must_start_with_the_books_members(
    client: Any, auth: Any, c1_treasurer: int
) -> None:
    c1 = c1_treasurer
    values = _form_values(client.get(f"/coop/{c1}/plans/new/cooperative").get_data(as_text=True))
    wrong = {**values, "initial_members": str(int(values["initial_members"]) + 5), "action": "preview"}
    response = _post(client, auth, f"/coop/{c1}/plans/new/cooperative", wrong)
    assert response.status_code == 400
    assert "members but the plan starts with" in response.get_data(as_text=True)


@pytest.mark.parametrize("day", ["=1+1", "2999-01-01", "1900-01-01"])
def test_a_bad_books_day_is_said_on_the_form_and_nothing_is_saved(
    app: Any, client: Any, auth: Any, c1_treasurer: int, day: str
) -> None:
    """Regression (the form fuzzer, CI): a tampered hidden day answered with a bare error page."""
    values = _form_values(client.get(f"/coop/{c1_treasurer}/plans/new/cooperative").get_data(as_text=True))
    data = {**values, "from_books": day, "name": "Tampered", "action": "save"}
    response = _post(client, auth, f"/coop/{c1_treasurer}/plans/new/cooperative", data)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and 'class="error-summary"' in page
    assert "this plan starts from is not valid" in page
    with app.app_context():
        assert session().execute(select(SavedPlan).where(SavedPlan.name == "Tampered")).first() is None


def test_a_plan_from_nothing_is_still_there_and_says_the_books_are_not_used(
    client: Any, auth: Any, c1_treasurer: int
) -> None:
    c1 = c1_treasurer
    page = client.get(f"/coop/{c1}/plans/new/cooperative?blank=1").get_data(as_text=True)
    assert 'name="from_books" value=""' in page and "Start from the books instead" in page
    values = _form_values(page)
    result = _post(client, auth, f"/coop/{c1}/plans/new/cooperative", {**values, "action": "preview"})
    assert result.status_code == 200 and "Starts from the group" not in result.get_data(as_text=True)


def test_more_futures_of_a_plan_from_the_books_still_start_from_them(
    app: Any, client: Any, auth: Any, c1_treasurer: int
) -> None:
    """A plan saved before plans kept their opening (only in its result) is re-run from the books too."""
    from web.tasks import coop_plan_futures

    c1 = c1_treasurer
    values = _form_values(client.get(f"/coop/{c1}/plans/new/cooperative").get_data(as_text=True))
    saved = {**values, "name": "Older", "action": "save"}
    assert _post(client, auth, f"/coop/{c1}/plans/new/cooperative", saved).status_code == 302
    with app.app_context():
        db = session()
        plan = db.execute(select(SavedPlan).where(SavedPlan.cooperative_id == c1)).scalars().all()[-1]
        opening = plan.summary["opening"]
        plan.inputs = {k: v for k, v in plan.inputs.items() if k != "opening"}  # as saved before
        db.commit()
        coop_plan_futures(plan.id, 60)
        db.commit()  # as the job runner does when a job returns (web.infra.jobs.execute)
        db.expire_all()
        again = db.get(SavedPlan, plan.id)
        assert again.summary["runs"] == 60 and again.summary["opening"] == opening


# --- a plan from the books takes no other country's figures (the walk of the coop pages) ----------------


def _set_country(app: Any, coop_ref: str, country: str, currency: str) -> None:
    with app.app_context():
        db = session()
        coop = db.execute(select(Cooperative).where(Cooperative.ref == coop_ref)).scalar_one()
        coop.locality.country, coop.currency = country, currency
        db.commit()


def _hint(page: str, name: str) -> str:
    return page.split(f'id="h-{name}">')[1].split("</p>")[0]


@pytest.mark.parametrize(
    ("country", "currency", "shown"),
    [
        ("Ethiopia", "ETB", {"savings_interest_rate": "", "loan_fee_rate": "", "dividend_payout_share": ""}),
        ("Nepal", "NPR", {"savings_interest_rate": "5", "loan_fee_rate": "1", "dividend_payout_share": "50"}),
    ],
)
def test_a_plan_from_the_books_takes_the_groups_own_countrys_rates_or_asks(
    app: Any, client: Any, auth: Any, c1_treasurer: int, country: str, currency: str, shown: dict[str, str]
) -> None:
    """The walk: the Addis Ababa group's plan from its books paid 5% a year on savings, the Nepal file's."""
    _set_country(app, "c1", country, currency)
    page = client.get(f"/coop/{c1_treasurer}/plans/new/cooperative").get_data(as_text=True)
    assert "Starts from the group&#39;s books on" in page
    for name, value in shown.items():
        assert f'name="{name}" type="number" value="{value}"' in page
    # no business in the books: one to plan costs the group's money (it saves 20 a month), not NPR 200,000
    assert 'name="business_startup_cost" type="number" value="8000"' in page
    if country == "Ethiopia":
        assert _hint(page, "savings_interest_rate").startswith(  # once: it said "Ethiopia: ... for Ethiopia"
            "No savings-and-credit figures are sourced here for Ethiopia"
        )
        assert "0 if it pays none" in _hint(page, "savings_interest_rate")
        values = dict(re.findall(r'name="([a-z0-9_]+)"[^>]*value="([^"]*)"', page))
        refused = _post(
            client, auth, f"/coop/{c1_treasurer}/plans/new/cooperative", {**values, "action": "preview"}
        )
        assert refused.status_code == 400 and "Interest paid on savings (% a year): is required" in (
            refused.get_data(as_text=True)
        )
    else:
        assert _hint(page, "savings_interest_rate").startswith("Nepal: Assumption, below the 8.75% ceiling")
    typed = {**_form_values(page), "savings_interest_rate": "2", "name": "Typed", "action": "save"}
    assert _post(client, auth, f"/coop/{c1_treasurer}/plans/new/cooperative", typed).status_code == 302
    with app.app_context():
        plan = session().execute(select(SavedPlan).where(SavedPlan.name == "Typed")).scalar_one()
        assert plan.inputs["savings_interest_rate"] == 2


def test_the_plan_form_from_the_books_says_where_each_rate_comes_from(client: Any, c1_treasurer: int) -> None:
    """The walk: members joining and leaving, loans falling behind and written off stood at the Nepal file's
    figures with no word of where they came from, under a box saying the form starts from the books."""
    page = client.get(f"/coop/{c1_treasurer}/plans/new/cooperative").get_data(as_text=True)
    values = _form_values(page)
    # c1's books: two founders, one of whom has left since; no loan
    assert values["joins_per_month"] == "0" and 0 < float(values["monthly_dropout_rate"]) < 100
    assert _hint(page, "joins_per_month").startswith("From your books: new members: 0 in all ")
    assert "few to go by, so a rough guide" in _hint(page, "joins_per_month")
    assert _hint(page, "monthly_dropout_rate").startswith("From your books: members who left: 1 in all ")
    for name, nepal in (("borrowing_rate", "10"), ("late_rate", "3"), ("write_off_rate_par30", "5")):
        assert values[name] == nepal and _hint(page, name).startswith(
            "Your books cannot tell this yet (the books show no loans yet): the Nepal example&#39;s figure"
        )
    assert "(Assumption; replace with the loan ledger)" in _hint(page, "late_rate")
    assert "scaled to the group&#39;s saving (Assumption)" in _hint(page, "average_loan_request")
    assert _hint(page, "max_members").startswith("Your books cannot tell this: room for twice the members")
    members = int(values["initial_members"])
    assert values["max_members"] == str(max(2 * members, members + 5))
    assert _hint(page, "monthly_saving").startswith("From your books: ")
    blank = client.get(f"/coop/{c1_treasurer}/plans/new/cooperative?blank=1").get_data(as_text=True)
    assert "Your books cannot tell" not in blank and "From your books" not in blank  # a plan from nothing


def test_replanning_asks_for_what_the_country_has_no_figure_for(app: Any, client: Any, auth: Any) -> None:
    """With no figure for the UK and none typed yet, "Plan again from the books" says what to type where."""
    c1 = _coop_ids(app)["c1"]
    auth.login("treasurer.a")
    response = _post(client, auth, f"/books/{c1}/plan", {}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "United Kingdom has no sourced figure for: Fee on each loan" in page
    assert "Interest paid on savings (% a year); Share of profits paid out each year (%)" in page
    assert "Open a new savings and loans plan and type the group&#39;s own." in page
    with app.app_context():
        assert session().execute(select(SavedPlan).where(SavedPlan.cooperative_id == c1)).first() is None


def _demo_group(ref: str, country: str, business_from: dt.date) -> tuple[Any, Books]:
    """A demo cooperative's record (as the plan form reads it) and its books, built in-process."""
    from types import SimpleNamespace

    row, members, months = _demo_rows(ref)
    books, _refused = demo_entries(
        row["currency"],
        e.Constitution(max_loan_multiple=Decimal(row["max_loan_multiple"])),
        float(row["monthly_interest_rate"]),
        members,
        months,
        business_from=business_from,
        seed=17,
    )
    coop = SimpleNamespace(
        currency=row["currency"],
        monthly_share=Decimal(row["monthly_share"]),
        max_loan_multiple=Decimal(row["max_loan_multiple"]),
        monthly_interest_rate=Decimal(row["monthly_interest_rate"]),
        members=[SimpleNamespace(left_on=m.left_on) for m in members],
        locality=SimpleNamespace(country=country),
    )
    return coop, books


def test_the_addis_ababa_demo_groups_plan_from_its_books_is_its_own() -> None:
    """The demo's Addis Ababa group: its plan from the books paid the Nepal file's 5% on savings and NPR 20 a
    member a month of running costs on top of the books' own, and its chance of operating profit fell to
    2% by month 60. From its own books (and the figures its treasurer typed) it is a savings group whose
    loan interest covers its small costs."""
    from planner.cooperative import simulate_cooperative
    from web.books.demo import DEMO_TYPED

    coop, books = _demo_group("kolfe-3x6", "Ethiopia", dt.date(2025, 5, 15))
    day = books.meeting_days[-1]
    with pytest.raises(PlannerError, match="Ethiopia has no sourced figure for"):
        book_plans.group_plan_start(coop, books, day, months=60)
    start = book_plans.group_plan_start(coop, books, day, months=60, typed=DEMO_TYPED)
    config = start.config
    assert (config.savings_interest_rate_annual, config.loan_fee_rate, config.expense_per_member) == (0, 0, 0)
    assert config.dividend_payout_share == 1.0 and config.social_fund_grant < 3000  # ETB, not NPR 3,000
    result = simulate_cooperative(config, runs=300, seed=17, opening=start.opening)
    assert result.series["p_operating_profitable"][60] > 0.9
    assert result.break_even().median == 0  # its books already show an operating profit


#: the demo groups' plan form from their books on their last meeting: the rates their books record (not
#: the Nepal file's 0.5 new members a month, 0.8% leaving, 3% of loans falling behind), each field's
#: value and the start of the note beside it
DEMO_RATES = {
    "kolfe-3x6": {
        "joins_per_month": (0.1, "From your books: new members: 3 in all 29.5 months of the books"),
        "monthly_dropout_rate": (0.61, "From your books: members who left: 2 in all 29.5 months"),
        "borrowing_rate": (3.05, "From your books: loans made: 10 in all 29.5 months"),
        "average_loan_request": (4333.33, "From your books: from the 3 loans of the last 12 months"),
        "late_rate": (0.0, "From your books: loans that fell behind with their repayments: 0 in all 29.5"),
        "write_off_rate_par30": (5.0, "Your books cannot tell this yet (the books show no loan more than 30"),
        "max_members": (20, "Your books cannot tell this: room for twice the members the books show"),
    },
    "saathi-ktm": {
        "joins_per_month": (0.17, "From your books: new members: 6 in all 35.5 months of the books"),
        "monthly_dropout_rate": (0.48, "From your books: members who left: 2 in all 35.5 months"),
        "borrowing_rate": (2.64, "From your books: loans made: 11 in all 35.5 months"),
        "average_loan_request": (17500.0, "From your books: from the 4 loans of the last 12 months"),
        "late_rate": (0.0, "From your books: loans that fell behind with their repayments: 0 in all 35.5"),
        "write_off_rate_par30": (5.0, "Your books cannot tell this yet (the books show no loan more than 30"),
        "max_members": (22, "Your books cannot tell this: room for twice the members the books show"),
    },
}


@pytest.mark.parametrize(
    ("ref", "country", "business_from"),
    [("kolfe-3x6", "Ethiopia", dt.date(2025, 5, 15)), ("saathi-ktm", "Nepal", dt.date(2025, 1, 15))],
)
def test_the_demo_groups_plan_form_takes_how_often_things_happen_from_their_books(
    ref: str, country: str, business_from: dt.date
) -> None:
    """The walk as the Addis Ababa treasurer: new members a month, members leaving, loans falling behind and
    written off stood at the Nepal file's assumptions, silently, although the books record who joined and
    left and every loan's repayments. They come from the books now, over the whole books where the last 12
    months hold too few events (and say so, and that few events are a rough guide); what the books cannot
    tell says it is the Nepal example's figure, with its source."""
    from flask import Flask
    from flask_babel import Babel

    from planner.books.plan import read_books
    from web.coop import plans
    from web.coop.planner_words import say
    from web.coop.service import facts

    coop, books = _demo_group(ref, country, business_from)
    day = books.meeting_days[-1]
    app = Flask(__name__)
    Babel(app)
    with app.app_context():
        start, _untyped = book_plans._group_start(coop, books, day, months=60, typed=None, require=False)
        values = book_plans.plan_inputs(start.config)
        told, not_told = book_plans.form_sources(read_books(books, day), say)
        notes = plans.form_notes("cooperative", facts(coop), told, not_told)
    for name, (value, note) in DEMO_RATES[ref].items():
        assert values[name] == value, name
        assert notes[name].startswith(note), notes[name]
    assert "few to go by, so a rough guide" in notes["monthly_dropout_rate"]
    assert "(Assumption); set the group's own." in notes["write_off_rate_par30"]
    assert notes["entry_share"].startswith(
        "Your books cannot tell this yet (the books keep what a new member pays as savings): the Nepal "
        "example's figure, scaled to the group's saving (Assumption: share capital bought on joining)"
    )
