"""The title-vs-label gate: a label-like query keeps its synonym's occupation despite the head."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from matcher.esco import EscoTaxonomy, Occupation
from matcher.exceptions import ModelLoadError
from matcher.heads import MODELS_DIR, ProjectionHead, identity_head, save_head
from matcher.normalize import TitleNormalizer
from matcher.title_gate import TitleGate, load_title_gate, resolve_title_gate, save_title_gate

OCCUPATIONS = (
    Occupation("u:cook", "cook", "5120", ("chef", "line cook", "kitchen cook")),
    Occupation("u:dev", "software developer", "2512", ("programmer", "java developer", "software engineer")),
    Occupation("u:nurse", "nurse responsible for general care", "2221", ("registered nurse", "staff nurse")),
    Occupation("u:tailor", "tailor", "7531", ("dressmaker", "seamstress")),
    Occupation(
        "u:drawing", "drawing machine operator", "8121", ("wire drawing machine operator", "wire drawer")
    ),
)
ESCO = EscoTaxonomy(OCCUPATIONS, (), {})
TEXTS = ["Senior Chef (m/f/d)", "Java Developer - Remote", "kitchen cook", "programmer", "Staff Nurse nights"]
TITLE = np.array([1, 1, 0, 0, 1])


def toy_gate(threshold: float = 0.5) -> tuple[TitleGate, np.ndarray, np.ndarray]:
    """A gate fitted by scikit-learn on five texts with random 3-d vectors, and its P(title)."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectors = np.random.default_rng(0).normal(size=(len(TEXTS), 3)).astype(np.float32)
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), lowercase=True, sublinear_tf=True)
    features = hstack([vec.fit_transform(TEXTS), csr_matrix(vectors)]).tocsr()
    model = LogisticRegression(C=4.0).fit(features, TITLE)
    grams = sorted(vec.vocabulary_, key=vec.vocabulary_.__getitem__)
    n = len(grams)
    gate = TitleGate(
        tuple(grams),
        vec.idf_.astype(np.float32),
        model.coef_[0, :n].astype(np.float32),
        model.coef_[0, n:].astype(np.float32),
        float(model.intercept_[0]),
        threshold=threshold,
    )
    return gate, vectors, model.predict_proba(features)[:, 1]


def test_gate_probability_is_the_logistic_regression_it_was_built_from() -> None:
    gate, vectors, expected = toy_gate()
    np.testing.assert_allclose(gate.p_title(TEXTS, vectors), expected, rtol=1e-5)


def test_gate_is_case_blind() -> None:
    gate, vectors, _ = toy_gate()
    lower = gate.p_title([t.lower() for t in TEXTS], vectors)
    np.testing.assert_allclose(gate.p_title(TEXTS, vectors), lower)


def test_saved_gate_reads_back_the_same(tmp_path: Path) -> None:
    gate, vectors, _ = toy_gate(threshold=0.3)
    loaded = load_title_gate(save_title_gate(gate, tmp_path / "gate" / "gate.npz"))
    assert loaded.vocabulary == gate.vocabulary
    assert loaded.threshold == 0.3
    np.testing.assert_allclose(loaded.p_title(TEXTS, vectors), gate.p_title(TEXTS, vectors), rtol=1e-6)
    from_folder = resolve_title_gate(tmp_path / "gate")
    assert from_folder is not None and from_folder.vocabulary == gate.vocabulary


def test_missing_gate_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="gate"):
        resolve_title_gate(tmp_path / "absent.npz")


def test_the_shipped_gate_is_there() -> None:
    gate = resolve_title_gate("default")
    assert gate is not None, "models/title-gate/gate.npz is missing: run bench/train_title_gate.py"
    assert (MODELS_DIR / "title-gate" / "MODEL_CARD.md").is_file()
    assert 0.0 < gate.threshold < 1.0


@pytest.fixture(scope="module")
def tailor_head(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A head whose bias pulls every title to ``tailor`` (the board's prior, exaggerated)."""
    base = identity_head(384)
    bias = np.zeros(len(OCCUPATIONS), dtype=np.float32)
    bias[[o.uri for o in OCCUPATIONS].index("u:tailor")] = 5.0
    vectors = np.zeros((len(OCCUPATIONS), 384), dtype=np.float32)
    head = ProjectionHead(
        base.query_weight, base.label_weight, tuple(o.uri for o in OCCUPATIONS), bias, vectors
    )
    return save_head(head, tmp_path_factory.mktemp("head") / "head.npz").parent


@pytest.mark.model
def test_shipped_gate_keeps_a_label_like_synonym_from_the_head(encoder: object, tailor_head: Path) -> None:
    """Regression for issue 22: the head overrode plain ESCO synonyms (the issue's example)."""
    gated = TitleNormalizer(encoder=encoder, head=tailor_head).fit(ESCO)  # type: ignore[arg-type]
    ungated = TitleNormalizer(encoder=encoder, head=tailor_head, gate=None).fit(ESCO)  # type: ignore[arg-type]
    assert gated.gate_ is not None
    synonym = "metal drawing machine technician"
    assert ungated.normalize([synonym], top_k=1)[0][0].uri == "u:tailor"
    assert gated.normalize([synonym], top_k=1)[0][0].uri == "u:drawing"
    assert gated.normalize([synonym.capitalize()], top_k=1)[0][0].uri == "u:drawing"


@pytest.mark.model
def test_shipped_gate_keeps_the_head_for_a_vacancy_title(encoder: object, tailor_head: Path) -> None:
    gated = TitleNormalizer(encoder=encoder, head=tailor_head).fit(ESCO)  # type: ignore[arg-type]
    title = "Senior Java Developer (m/w/d) - Remote - Berlin"
    assert gated.normalize([title], top_k=1)[0][0].uri == "u:tailor"


@pytest.mark.model
def test_no_gate_without_per_occupation_terms(encoder: object) -> None:
    fitted = TitleNormalizer(encoder=encoder, head=None).fit(ESCO)  # type: ignore[arg-type]
    assert fitted.gate_ is None
