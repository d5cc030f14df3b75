"""A vacancy past its closing date is closed; the demo's dates follow the day it is loaded (issue 16.1).

Regressions from the outside review: a person's top match had closed three days earlier, and the
demo had ten open vacancies past their closing date (its dates were fixed in the files). Now a
vacancy past its closing date is never matched nor proposed and is shown as closed, with the
date, to everyone (pages and API); and the demo's dates are moved to the day it is loaded.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import sqlalchemy as sa
from babel.dates import format_date
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.web.conftest import AuthActions
from web.api import tokens
from web.infra.db import session
from web.storage.demo_data import DEMO_DIR, as_of, load_demo, move_dates, read_demo
from web.storage.schema import Consent, CoopSaving, Person, PlacementProposal, User, Vacancy, utctoday


def _close_yesterday(app: Flask) -> tuple[int, dt.date]:
    yesterday = utctoday() - dt.timedelta(days=1)
    with app.app_context():
        db = session()
        vacancy = db.execute(select(Vacancy).where(Vacancy.ref == "v1")).scalar_one()
        vacancy.closes_on = yesterday
        db.commit()
        return vacancy.id, yesterday


def _person(app: Flask) -> int:
    with app.app_context():
        return session().execute(select(Person.id).where(Person.ref == "p1")).scalar_one()


def test_a_vacancy_past_its_closing_date_is_no_longer_matched(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    auth.login("counsellor.a")
    page = f"/people/{_person(app)}/matches"
    assert "Delivery driver" in client.get(page).get_data(as_text=True)
    _close_yesterday(app)
    assert "Delivery driver" not in client.get(page).get_data(as_text=True)


def test_it_cannot_be_proposed_and_the_refusal_gives_the_date(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    vacancy_id, closed = _close_yesterday(app)
    auth.login("counsellor.a")
    response = client.post(
        "/placements/propose",
        data={"person_id": _person(app), "vacancy_id": vacancy_id, "csrf_token": auth.csrf()},
    )
    said = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "That vacancy closed on" in said and "it can no longer be proposed" in said
    with app.app_context():
        assert session().execute(select(func.count()).select_from(PlacementProposal)).scalar_one() == 0


def test_it_is_shown_as_closed_with_the_date_to_everyone(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    vacancy_id, closed = _close_yesterday(app)
    shown = f"{closed:%b} {closed.day}, {closed.year}"  # English, medium: "Dec 4, 2026"
    for who in ("counsellor.a", "employer.a"):
        auth.login(who)
        page = client.get(f"/vacancies/{vacancy_id}").get_data(as_text=True)
        assert 'class="tag status-closed">Closed<' in page, who
        assert f"This vacancy closed on {shown}" in page, who
        auth.logout()
    auth.login("employer.a")
    listing = client.get("/employer").get_data(as_text=True)
    row = listing[listing.index("Delivery driver") :].split("</tr>")[0]
    assert "Closed" in row and shown in row
    with app.app_context():
        user = session().execute(select(User).where(User.username == "employer.a")).scalar_one()
        secret = tokens.create_token(session(), user, "test", tokens.scopes_for(user.role)).secret
        session().commit()
    api = client.get(f"/api/v1/vacancies/{vacancy_id}", headers={"Authorization": f"Bearer {secret}"})
    assert api.json["status"] == "closed" and api.json["closes_on"] == closed.isoformat()


def test_a_later_closing_date_opens_it_again(app: Flask, client: FlaskClient, auth: AuthActions) -> None:
    vacancy_id, _ = _close_yesterday(app)
    with app.app_context():
        db = session()
        db.get(Vacancy, vacancy_id).closes_on = utctoday()  # closes at the end of today: still open
        db.commit()
    auth.login("counsellor.a")
    assert "Delivery driver" in client.get(f"/people/{_person(app)}/matches").get_data(as_text=True)
    assert 'status-open">Open<' in client.get(f"/vacancies/{vacancy_id}").get_data(as_text=True)


def test_status_on_a_day() -> None:
    vacancy = Vacancy(status="open", closes_on=dt.date(2026, 12, 4))
    assert vacancy.status_on(dt.date(2026, 12, 4)) == "open"
    assert vacancy.status_on(dt.date(2026, 12, 5)) == "closed"
    assert Vacancy(status="pending_review", closes_on=dt.date(2026, 1, 1)).status_on(
        dt.date(2026, 12, 5)
    ) == ("pending_review")
    assert Vacancy(status="open", closes_on=None).status_on(dt.date(2099, 1, 1)) == "open"


# --- the demo's dates ----------------------------------------------------------------------------


def test_the_real_demo_has_open_vacancies_and_a_history_that_ends_on_any_later_day() -> None:
    written = as_of(DEMO_DIR)
    assert written is not None
    with (DEMO_DIR / "vacancies.csv").open(encoding="utf-8") as handle:
        raw = list(csv.DictReader(handle))
    open_when_written = sum(1 for r in raw if not r["closes_on"] or r["closes_on"] >= written.isoformat())
    assert open_when_written == len(raw), "every demo vacancy is open on the day its dates were written"
    for later in (written, dt.date(2027, 6, 1), dt.date(2031, 2, 28)):
        rows = {name: parsed.rows for name, parsed in read_demo(DEMO_DIR).items()}
        move_dates(rows, written, later)
        vacancies = rows["vacancies.csv"]
        assert sum(1 for r in vacancies if r["closes_on"] is None or r["closes_on"] >= later) == len(raw)
        assert max(r["posted_on"] for r in vacancies) <= later
        assert all(r["posted_on"] <= (r["closes_on"] or later) for r in vacancies)
        consents = rows["consents.csv"]
        assert max(r["granted_on"] for r in consents) <= later
        assert all(
            r["withdrawn_on"] is None or r["granted_on"] < r["withdrawn_on"] <= later for r in consents
        )
        months = sorted(r["month"] for r in rows["coop_savings.csv"])
        assert months[-1] < later.isoformat()[:7], "savings up to the month before"
        for member in rows["coop_members.csv"]:
            assert member["joined_on"] <= later and (member["left_on"] is None or member["left_on"] <= later)
            assert member["joined_on"].isoformat()[:7] <= min(
                r["month"] for r in rows["coop_savings.csv"] if r["member"] == member["member"]
            ) or not any(r["member"] == member["member"] for r in rows["coop_savings.csv"])


def _dated(minimal_demo: Path) -> Path:
    (minimal_demo / "as_of.txt").write_text("2026-10-25\n", encoding="utf-8")
    return minimal_demo


def _counts(db: Session) -> tuple[int, int, int]:
    return (
        db.execute(select(func.count()).select_from(Consent)).scalar_one(),
        db.execute(select(func.count()).select_from(CoopSaving)).scalar_one(),
        db.execute(select(func.count()).select_from(Vacancy)).scalar_one(),
    )


def test_loading_on_a_later_day_moves_the_dates_without_duplicating(db: Session, minimal_demo: Path) -> None:
    folder = _dated(minimal_demo)
    load_demo(db, folder, today=dt.date(2026, 10, 25))  # the day it was written: as in the files
    db.commit()
    first = _counts(db)
    v1 = db.execute(select(Vacancy).where(Vacancy.ref == "v1")).scalar_one()
    assert v1.posted_on == dt.date(2026, 10, 1)
    load_demo(db, folder, today=dt.date(2027, 3, 6))  # 132 days and 5 months later
    db.commit()
    assert _counts(db) == first, "nothing duplicated"
    db.expire_all()
    assert v1.posted_on == dt.date(2027, 2, 10)
    granted = db.execute(select(Consent.granted_at).order_by(Consent.id)).scalars().all()
    assert {g.date() for g in granted} == {dt.date(2027, 2, 10)}
    months = db.execute(select(CoopSaving.month).order_by(CoopSaving.month)).scalars().all()
    assert months == ["2024-06", "2024-06", "2024-07"]
    load_demo(db, folder, today=dt.date(2027, 3, 6))  # the same day again: unchanged
    db.commit()
    assert _counts(db) == first
    assert db.execute(select(CoopSaving.month).order_by(CoopSaving.month)).scalars().all() == months


def test_a_bad_as_of_file_is_reported(db: Session, minimal_demo: Path) -> None:
    (minimal_demo / "as_of.txt").write_text("last Tuesday\n", encoding="utf-8")
    try:
        load_demo(db, minimal_demo)
    except Exception as error:  # noqa: BLE001 (the message is what is checked)
        assert "as_of.txt" in str(error) and "should be one date like 2026-11-30" in str(error)
    else:
        raise AssertionError("a bad as_of.txt was accepted")
    assert db.execute(sa.select(func.count()).select_from(Vacancy)).scalar_one() == 0


def test_the_employers_vacancies_say_their_reference_and_when_they_were_posted(app, client, auth) -> None:
    """The walk of 2026-12-06: Northway's list had three rows "Warehouse Operative – Picker/Packer", told
    apart by nothing but their closing dates."""
    auth.login("employer.a")
    page = client.get("/employer").get_data(as_text=True)
    row = page.split(">Delivery driver</a>")[1].split("</tr>")[0]
    assert "<td>v1</td>" in row
    assert f"<td>{format_date(dt.date(2026, 10, 1), locale='en')}</td>" in row  # posted on, from the demo
