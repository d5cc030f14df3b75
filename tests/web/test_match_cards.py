"""Issue 16 item 6: match cards say who, how much (in the person's own pay period), how long, until when."""

from __future__ import annotations

from sqlalchemy import select, update

from web.db import session
from web.storage.schema import Person


def _person_id(app, ref: str, **changes) -> int:
    with app.app_context():
        db = session()
        person = db.execute(select(Person).where(Person.ref == ref)).scalar_one()
        if changes:
            db.execute(update(Person).where(Person.id == person.id).values(**changes))
            db.commit()
        return person.id


def _card(page: str, title: str) -> str:
    cards = page.split('<li class="card match">')[1:]
    found = [c for c in cards if f">{title}</a>" in c]
    assert len(found) == 1, f"{title} not among the cards"
    return found[0]


def test_a_card_shows_employer_pay_in_the_persons_period_hours_distance_and_closing_date(
    app, client, auth
) -> None:
    """Regression: cards showed a title, a score and reasons, nothing of pay, hours or closing date."""
    person_id = _person_id(app, "p1", pay_period="week", desired_pay=300)
    auth.login("counsellor.a")
    page = client.get(f"/people/{person_id}/matches").get_data(as_text=True)
    card = _card(page, "Delivery driver")
    assert "Northern Grocers" in card
    assert "£480.00 per week" in card  # 12.80 an hour, 37.5 hours a week
    assert "37.5 hours a week" in card and "km away" in card and "closes Dec 31, 2026" in card
    programme = _card(page, "Bright Start")
    assert "£378.00 per week" in programme  # the job's 12.60 an hour, 30 hours a week


def test_the_pay_filter_defaults_to_the_persons_pay_period(app, client, auth) -> None:
    person_id = _person_id(app, "p1", pay_period="month")
    auth.login("counsellor.a")
    page = client.get(f"/people/{person_id}/matches").get_data(as_text=True)
    assert '<option value="month" selected>' in page
    chosen = client.get(f"/people/{person_id}/matches?pay_period=day").get_data(as_text=True)
    assert '<option value="day" selected>' in chosen and '<option value="month" selected>' not in chosen
