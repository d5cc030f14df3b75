"""Matches are served again until the person, an opening in their reach or a programme changes (issue 15).

Each test reads the person's kept ranking (:class:`MatchResult`) before and after one change:
a new entry means it was computed again, the same entry that it was served from the cache.
The cohort assignment reads the programme scores kept the same way instead of scoring again.
"""

from __future__ import annotations

import importlib
import re
import time
from decimal import Decimal
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from matcher.matching import Matcher
from tests.web.conftest import add_open_vacancy, finish_jobs
from web.infra.db import session
from web.matching import cache as match_cache
from web.storage.schema import (
    MatchResult,
    Person,
    PlacementProgramme,
    Vacancy,
)


def _asha(app: Flask) -> int:
    with app.app_context():
        return session().execute(select(Person.id).where(Person.ref == "p1")).scalar_one()


def _kept(app: Flask, person_id: int, key: str | None = None) -> dict[str, tuple[object, ...]]:
    """The person's kept entries (the page's, unless ``key``): key -> when and from what it was computed."""
    with app.app_context():
        rows = session().execute(select(MatchResult).where(MatchResult.person_id == person_id)).scalars()
        return {
            r.key: (r.created_at, r.person_digest, r.reach_digest)
            for r in rows
            if (r.key == key if key else r.key != match_cache.PROGRAMMES)
        }


def _page(client, person_id: int) -> str:
    page = client.get(f"/people/{person_id}/matches").get_data(as_text=True)
    assert 'http-equiv="refresh"' not in page, "still preparing"
    return page


def _change(app: Flask, model: Any, ref: str, **values: Any) -> None:
    with app.app_context():
        db = session()
        row = db.execute(select(model).where(model.ref == ref)).scalar_one()
        for name, value in values.items():
            setattr(row, name, value)
        db.commit()


@pytest.fixture()
def seen(app: Flask, client, auth) -> tuple[int, dict[str, int], str]:
    """Asha's matches, viewed once (and so kept): her id, the kept entry, the page."""
    auth.login("counsellor.a")
    asha = _asha(app)
    page = _page(client, asha)
    kept = _kept(app, asha)
    assert len(kept) == 1
    assert _page(client, asha) == page and _kept(app, asha) == kept  # served again from the cache
    return asha, kept, page


def test_a_change_to_the_person_computes_their_matches_again(app, client, seen) -> None:
    asha, kept, _page_before = seen
    _change(app, Person, "p1", max_hours_per_week=20.0)
    _page(client, asha)
    assert _kept(app, asha).keys() == kept.keys() and _kept(app, asha) != kept


def test_a_change_to_their_words_waits_for_them_to_be_read_then_computes_again(app, client, seen) -> None:
    asha, kept, _page_before = seen
    _change(app, Person, "p1", interests_text="I want to work in a shop")
    first = client.get(f"/people/{asha}/matches").get_data(as_text=True)
    assert "reading Asha K." in first or "work in a shop" in first
    finish_jobs(app)
    assert "work in a shop" in _page(client, asha)
    assert _kept(app, asha) != kept


def test_a_new_release_computes_the_matches_again(app, client, seen, monkeypatch) -> None:
    # the walk of 2026-12-05: after an upgrade that changed a reason ('You said you would like ...'
    # only when true), Maya T.'s kept ranking still gave the old reason
    asha, kept, _page_before = seen
    assert match_cache.release() == match_cache.files_digest(match_cache.ROOT, match_cache.RELEASE_FILES)
    monkeypatch.setattr(match_cache, "RELEASE_FILES", (*match_cache.RELEASE_FILES, "README.md"))
    match_cache.release.cache_clear()  # what a restart on new files does
    try:
        _page(client, asha)
        assert _kept(app, asha).keys() == kept.keys() and _kept(app, asha) != kept
    finally:
        match_cache.release.cache_clear()


def test_the_release_is_the_code_the_process_loaded_not_files_put_in_place_later(monkeypatch) -> None:
    """Regression (walk of 2026-12-06): a server started before an upgrade took its first digest after
    the new files were in place, so the rankings its old code made were kept under the new release and
    the upgraded servers showed the old reasons ("The job needs" for a sentence of the advert)."""
    importlib.reload(match_cache)  # what starting a process does
    loaded = match_cache.files_digest(match_cache.ROOT, match_cache.RELEASE_FILES)
    monkeypatch.setattr(match_cache, "RELEASE_FILES", (*match_cache.RELEASE_FILES, "README.md"))  # an upgrade
    assert match_cache.release() == loaded


def test_a_change_to_a_vacancy_in_reach_computes_again(app, client, seen) -> None:
    asha, kept, _page_before = seen
    _change(app, Vacancy, "v1", pay=Decimal("13.40"))
    _page(client, asha)
    assert _kept(app, asha) != kept


def test_a_vacancy_out_of_reach_leaves_the_kept_matches_but_is_counted(app, client, seen) -> None:
    asha, kept, before = seen
    with app.app_context():
        db = session()
        add_open_vacancy(  # in London: far beyond the 15 km Asha will travel
            db,
            "emp-a-london",
            title="Delivery driver, London depot",
            sector="logistics",
            latitude=51.507,
            longitude=-0.128,
            description="Drive our van to shops in London.",
            skills_required=["driving licence"],
            hours_per_week=37.5,
            pay=Decimal("13.00"),
        )
        db.commit()
    waiting = client.get(f"/people/{asha}/matches").get_data(as_text=True)
    assert "Openings ready to rank" in waiting  # its phrases are being prepared
    finish_jobs(app)
    after = _page(client, asha)
    assert _kept(app, asha) == kept  # it cannot enter her ranking: nothing recomputed
    assert "London depot" not in after
    assert _left_out(after) == _left_out(before) + 1  # the counts of what is left out are current


def _left_out(page: str) -> int:
    found = re.search(r"(\d+) openings? (?:was|were) left out", page)
    return int(found.group(1)) if found else 0


def test_a_change_to_a_programme_computes_again_and_the_cohort_scores_it_again(
    app, client, auth, seen, monkeypatch
) -> None:
    asha, kept, _page_before = seen
    scored: list[int] = []
    real = Matcher.score_matrix

    def counting(self: Matcher, people: Any, *args: Any, **kwargs: Any) -> Any:
        scored.append(len(people))
        return real(self, people, *args, **kwargs)

    monkeypatch.setattr(Matcher, "score_matrix", counting)
    programme_entry = _kept(app, asha, match_cache.PROGRAMMES)
    assert programme_entry  # the page kept her programme scores too
    first = _cohort(client, auth)
    assert scored == [] and "Bright Start" in first  # the cohort reused them
    _change(app, PlacementProgramme, "bf1", capacity=6)
    assert "Bright Start" in _cohort(client, auth)
    assert scored == [1]  # her scores were computed again, once
    assert _kept(app, asha, match_cache.PROGRAMMES) != programme_entry
    _page(client, asha)
    assert _kept(app, asha) != kept


def _cohort(client, auth) -> str:
    response = client.post("/placements/cohort", data={"method": "optimal", "csrf_token": auth.csrf()})
    url = response.headers["Location"]
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        page = client.get(url).get_data(as_text=True)
        if "Working on it" not in page:
            return page
        time.sleep(0.1)
    raise AssertionError("the cohort assignment did not finish")


def test_the_kept_matches_are_encrypted(app, seen) -> None:
    from sqlalchemy import text

    asha, _kept_rows, page = seen
    with app.app_context():
        raw = session().execute(text("SELECT payload FROM match_results")).scalars().all()
    assert raw and all(r.startswith("enc1:") for r in raw)
    assert "Delivery driver" in page and not any("Delivery" in r for r in raw)
