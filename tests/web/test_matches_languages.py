"""A person who writes in another language than English: matched through ESCO, or told plainly why not.

ESCO comes from the reference copies in ``../shared/datasets/esco`` (English), ``esco-es`` and
``esco-fr`` (skipped with a reason where absent), cut down to a few concepts in the three
languages so that the normaliser fits in seconds with the run's encoder.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from tests.conftest import SHARED_DATASETS
from tests.web.conftest import (
    add_open_vacancy,
    esco_grounding,
    finish_jobs,
    hold_lock_in_another_process,
    prepare_now,
)
from web.infra import services
from web.infra.db import session
from web.matching.preparation import prepare_postings
from web.matching.vectors import keys
from web.storage.schema import Person

pytestmark = pytest.mark.model

OCCUPATIONS = {
    "cook",
    "domestic cleaner",
    "kitchen porter",
    "bookkeeper",
    "delivery driver",
    "shop assistant",
}
SKILLS = {"use cooking techniques", "maintain financial records", "clean rooms", "drive vehicles"}
#: (words about what they did, a past job, what they want), in the person's own language
WORDS = {
    "es": (
        "Cocinera, cinco años en la cocina de un hotel en Dubái. "
        "Limpio casas y cocino para familias grandes.",
        "cocinera",
        "Quiero trabajar en una cocina",
    ),
    "fr": (
        "Cuisinière, cinq ans dans un restaurant à Abidjan. "
        "Je fais le ménage et je cuisine pour beaucoup de monde.",
        "cuisinière",
        "Je voudrais travailler dans une cuisine",
    ),
}
#: Hiwot G. of the demo (Amharic): domestic work in Lebanon, cooking, washing, childcare, coffee; she
#: would like to be a barista or a waitress in a cafe or hotel
AMHARIC = (
    "በሊባኖስ ለአራት ዓመት የቤት ሰራተኛ ሆኜ ሰርቻለሁ። ምግብ ማብሰል፣ ልብስ ማጠብና ሕፃናትን መንከባከብ እችላለሁ። ቡና በማፍላት ጥሩ ነኝ።",
    "የቤት ሰራተኛ",
    "በካፌ ወይም በሆቴል ውስጥ ባሪስታ ወይም አስተናጋጅ መሆን እፈልጋለሁ።",
)
#: Sunita M. of the demo (Nepali): three years a kitchen helper in a hotel in Qatar; wants kitchen work
NEPALI = (
    "मैले कतारको एउटा होटलमा तीन वर्ष भान्सा सहयोगीको काम गरें। तरकारी काट्ने, भाँडा माझ्ने र खाना पकाउन सघाउने काम गर्थें।",
    "भान्सा सहयोगी",
    "म होटलको भान्सामा काम गर्न चाहन्छु",
)


def _copy_rows(source: Path, target: Path, keep: Any) -> set[str]:
    with source.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = [r for r in reader if keep(r)]
        columns = reader.fieldnames or []
    with target.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return {r.get("conceptUri", "") for r in rows}


@pytest.fixture(scope="module")
def three_languages(esco_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder in the official ESCO CSV format: a few real concepts in English, Spanish and French."""
    folder = tmp_path_factory.mktemp("esco-en-es-fr")
    occupations = _copy_rows(
        esco_dir / "occupations_en.csv",
        folder / "occupations_en.csv",
        lambda r: r["preferredLabel"] in OCCUPATIONS,
    )
    skills = _copy_rows(
        esco_dir / "skills_en.csv", folder / "skills_en.csv", lambda r: r["preferredLabel"] in SKILLS
    )
    _copy_rows(esco_dir / "ISCOGroups_en.csv", folder / "ISCOGroups_en.csv", lambda r: True)
    for code in ("es", "fr"):
        source = SHARED_DATASETS / f"esco-{code}"
        if not (source / f"occupations_{code}.csv").is_file():
            pytest.skip(f"ESCO in {code} not found at {source}")
        _copy_rows(
            source / f"occupations_{code}.csv",
            folder / f"occupations_{code}.csv",
            lambda r: r["conceptUri"] in occupations,
        )
        _copy_rows(
            source / f"skills_{code}.csv", folder / f"skills_{code}.csv", lambda r: r["conceptUri"] in skills
        )
        _copy_rows(source / f"ISCOGroups_{code}.csv", folder / f"ISCOGroups_{code}.csv", lambda r: True)
    return folder


@pytest.fixture(scope="module")
def grounding(three_languages: Path, encoder: Any) -> services.EscoGrounding:
    """The shared grounding as :func:`web.infra.services.esco` builds it, made once for the module."""
    return esco_grounding(three_languages, encoder)


@pytest.fixture()
def kitchen_app(app: Any) -> Any:
    """The test demo with a cook's job and a bookkeeper's job open beside the delivery driver's."""
    with app.app_context():
        db = session()
        for ref, title, sector, description, skills in (
            ("v-cook", "Cook", "hospitality", "Cook meals in our cafe kitchen.", ["cooking", "food hygiene"]),
            ("v-books", "Bookkeeper", "finance", "Keep our accounts.", ["bookkeeping", "spreadsheets"]),
        ):
            add_open_vacancy(
                db, ref, title=title, sector=sector, description=description, skills_required=skills
            )
        db.commit()
        quiet = lambda *_a, **_k: None  # noqa: E731 - no job to report progress to
        prepare_postings(db, services.encoder, services.screener, keys(), quiet)  # screened already
    return app


def _write(app: Any, skills: str, past: str, wants: str) -> int:
    """Give Asha (p1, who agreed to matching) these words, and prepare them as a save would."""
    with app.app_context():
        db = session()
        person = db.execute(select(Person).where(Person.ref == "p1")).scalar_one()
        person.skills_text, person.work_history, person.interests_text = skills, [past], wants
        db.commit()
        person_id = int(person.id)
    prepare_now(app, [person_id])
    return person_id


def _with_esco(app: Any, folder: Path, grounding: services.EscoGrounding) -> None:
    app.config["ESCO_DIR"] = str(folder)
    app.extensions["pathways.esco"] = grounding  # read already, as after the server's first minutes


def _matches(client: Any, auth: Any, person_id: int) -> dict[str, Any]:
    reply = client.get(f"/api/v1/people/{person_id}/matches", headers={"X-CSRF-Token": auth.csrf()})
    assert reply.status_code == 200
    found: dict[str, Any] = reply.json
    return found


def _stored(app: Any, person_id: int) -> dict[str, Any]:
    with app.app_context():
        person = session().get(Person, person_id)
        return dict(person.prepared.vectors)


@pytest.mark.parametrize("language", ["es", "fr"])
def test_words_in_spanish_or_french_meet_the_cooks_job_through_esco(
    kitchen_app, client, auth, three_languages, grounding, language: str
) -> None:
    skills, past, wants = WORDS[language]
    person_id = _write(kitchen_app, skills, past, wants)  # prepared before ESCO was read: the encoder alone
    assert "made" not in _stored(kitchen_app, person_id)
    _with_esco(kitchen_app, three_languages, grounding)
    auth.login("counsellor.a")
    waiting = client.get(f"/people/{person_id}/matches").get_data(as_text=True)
    assert "Pathways is reading Asha K." in waiting  # made again now that ESCO is read
    finish_jobs(kitchen_app)
    with kitchen_app.app_context():
        bridge = services.person_bridge()
        assert bridge is not None
        assert bridge.identity in _stored(kitchen_app, person_id)["made"]  # some placed through ESCO
    page = _matches(client, auth, person_id)
    scores = {m["ref"]: m["score"] for m in (*page["matches"], *page["not_a_fit"])}
    assert scores["v-cook"] > 0
    assert scores["v-cook"] > scores["v-books"] and scores["v-cook"] > scores["v1"]
    cook = next(m for m in page["matches"] if m["ref"] == "v-cook")
    said = " ".join(cook["reasons"]).lower()
    assert past in said or "cocin" in said or "cuisin" in said  # their own words, in their language
    assert page["language_notes"] == []  # read well through ESCO: nothing to warn about


@pytest.mark.parametrize("words", [AMHARIC, NEPALI], ids=["amharic", "nepali"])
def test_words_in_amharic_or_nepali_meet_the_cooks_job_through_esco(
    kitchen_app, client, auth, three_languages, grounding, words: tuple[str, str, str]
) -> None:
    _with_esco(kitchen_app, three_languages, grounding)
    person_id = _write(kitchen_app, *words)
    auth.login("counsellor.a")
    client.get(f"/people/{person_id}/matches")
    finish_jobs(kitchen_app)
    page = _matches(client, auth, person_id)
    scores = {m["ref"]: m["score"] for m in (*page["matches"], *page["not_a_fit"])}
    # the cook's job first; with the multilingual head (models/multilingual-head) the bookkeeper's is
    # closer behind for Nepali (81.5 against 69.7) than without it (more than 20 points)
    assert scores["v-cook"] > 50 and scores["v-cook"] > max(scores["v-books"], scores["v1"])
    cook = next(m for m in page["matches"] if m["ref"] == "v-cook")
    assert f"You have worked as '{words[1]}'." in cook["reasons"]  # in her own words and script
    [note] = page["language_notes"]  # no ESCO labels in her language here: read by meaning only
    assert "reads them by meaning only" in note and "check each reason with them" in note
    shown = client.get(f"/people/{person_id}/matches").get_data(as_text=True)
    start = shown.index('id="language-notes"')
    notes = shown[start : shown.index("</section>", start)]
    assert f'href="/people/{person_id}/esco"' in notes  # where to confirm or correct what it understood


def test_english_words_are_prepared_and_matched_as_before(
    app, client, auth, three_languages, grounding
) -> None:
    auth.login("counsellor.a")
    with app.app_context():
        person_id = session().execute(select(Person.id).where(Person.ref == "p1")).scalar_one()
    before_vectors = _stored(app, person_id)
    before = _matches(client, auth, person_id)
    _with_esco(app, three_languages, grounding)
    with app.app_context():
        from web.matching.preparation import prepare_people

        bridge = services.person_bridge()
        assert bridge is not None
        db = session()
        redone = prepare_people(
            db, services.encoder, keys(), [person_id], lambda *a, **k: None, bridge=bridge
        )
        assert redone == []  # nothing to make again: every phrase is English
    assert _stored(app, person_id) == before_vectors
    after = _matches(client, auth, person_id)
    assert after == before


def test_without_esco_the_page_names_the_language_instead_of_loosen_a_filter(
    kitchen_app, client, auth
) -> None:
    person_id = _write(kitchen_app, *AMHARIC)  # every job scored 0 for her in the walk
    auth.login("counsellor.a")
    page = client.get(f"/people/{person_id}/matches").get_data(as_text=True)
    assert "Amharic or Tigrinya (Ge&#39;ez script)" in page
    assert "ESCO_DIR" in page and "English gloss" in page
    assert "Loosen a filter" not in page
    assert "Nothing fits what Pathways could read of their words" in page
    assert _matches(client, auth, person_id)["language_notes"]


def test_the_notice_is_in_the_counsellors_language(kitchen_app, client, auth) -> None:
    skills, past, wants = WORDS["es"]
    person_id = _write(kitchen_app, skills, past, wants)
    with kitchen_app.app_context():
        from web.storage.schema import User

        db = session()
        db.execute(select(User).where(User.username == "counsellor.a")).scalar_one().language = "fr"
        db.commit()
    auth.login("counsellor.a")
    page = client.get(f"/people/{person_id}/matches").get_data(as_text=True)
    assert "Certains mots de Asha K. sont en espagnol. Sans la classification ESCO" in page


def test_english_words_get_no_language_notice(kitchen_app, client, auth) -> None:
    auth.login("counsellor.a")
    with kitchen_app.app_context():
        person_id = session().execute(select(Person.id).where(Person.ref == "p1")).scalar_one()
    page = client.get(f"/people/{person_id}/matches").get_data(as_text=True)
    assert "language-notes" not in page


def test_the_persons_page_names_the_language_too(kitchen_app, client, auth) -> None:
    person_id = _write(kitchen_app, *AMHARIC)
    auth.login("counsellor.a")
    page = client.get(f"/people/{person_id}").get_data(as_text=True)
    assert 'id="language-notes"' in page and "Amharic or Tigrinya (Ge&#39;ez script)" in page


def test_reading_esco_prepares_again_the_words_read_before_it(kitchen_app, three_languages) -> None:
    skills, past, wants = WORDS["fr"]
    person_id = _write(kitchen_app, skills, past, wants)  # before ESCO: the encoder alone
    kitchen_app.config["ESCO_DIR"] = str(three_languages)
    with kitchen_app.app_context():
        services.esco()  # as the labour-market job reads it after the server starts
    finish_jobs(kitchen_app)  # reading it asked for everyone's words
    with kitchen_app.app_context():
        bridge = services.person_bridge()
        assert bridge is not None
        assert bridge.identity in _stored(kitchen_app, person_id)["made"]


def test_the_multilingual_rankers_are_fitted_by_one_process_at_a_time(kitchen_app, three_languages) -> None:
    """Both workers fitted the occupations' multilingual ranker at once after a fresh install (the people's
    and the labour-market jobs each met words in another language): minutes of the same encoding on each
    core. The fit now waits for a lock file, as reading ESCO does, and then finds the labels encoded."""
    kitchen_app.config["ESCO_DIR"] = str(three_languages)
    lock = Path(kitchen_app.instance_path) / "esco-multilingual.lock"
    with kitchen_app.app_context():
        grounding = services.esco()
    holder = hold_lock_in_another_process(lock)
    for router in (grounding.normalizer.router_, grounding.linker.router_):
        assert router is not None
        with router.while_fitting():  # no app context: the job's worker thread has none of its own
            assert Path(f"{lock}.done").exists()  # entered only once the other process had let go
    holder.wait()
