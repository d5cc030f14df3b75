"""Job-title normalisation on a small hand-made taxonomy (fast: a few dozen texts to encode)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from matcher.esco import EscoTaxonomy, Occupation
from matcher.exceptions import ModelLoadError, NotFittedError
from matcher.heads import ProjectionHead, identity_head, save_head
from matcher.normalize import OccupationMatch, TitleNormalizer

OCCUPATIONS = (
    Occupation("u:cook", "cook", "5120", ("chef", "line cook", "kitchen cook")),
    Occupation("u:baker", "baker", "7512", ("bread baker", "pastry baker")),
    Occupation("u:forklift", "forklift operator", "8344", ("forklift driver", "lift truck operator")),
    Occupation("u:dev", "software developer", "2512", ("programmer", "java developer", "software engineer")),
    Occupation("u:nurse", "nurse responsible for general care", "2221", ("registered nurse", "staff nurse")),
    Occupation("u:cleaner", "domestic cleaner", "9111", ("house cleaner", "housekeeper")),
    Occupation("u:tailor", "tailor", "7531", ("dressmaker", "seamstress")),
    Occupation("u:farm", "crop production worker", "9211", ("farm worker", "field hand")),
)
ESCO = EscoTaxonomy(OCCUPATIONS, (), {"5120": "Cooks"})


@pytest.fixture(scope="module")
def normalizer(encoder: object) -> TitleNormalizer:
    return TitleNormalizer(encoder=encoder, head=None).fit(ESCO)  # type: ignore[arg-type]


@pytest.mark.model
@pytest.mark.parametrize(
    ("title", "uri"),
    [
        ("Senior Chef de Partie", "u:cook"),
        ("Java Programmer", "u:dev"),
        ("Reach truck / forklift driver", "u:forklift"),
        ("Registered Nurse - night shifts", "u:nurse"),
        ("Housekeeping staff", "u:cleaner"),
        ("Sewing machine operator / seamstress", "u:tailor"),
    ],
)
def test_obvious_titles_rank_their_occupation_first(
    normalizer: TitleNormalizer, title: str, uri: str
) -> None:
    assert normalizer.normalize([title], top_k=3)[0][0].uri == uri


@pytest.mark.model
def test_matches_are_best_first_with_isco_and_top_k(normalizer: TitleNormalizer) -> None:
    results = normalizer.normalize(["bakery assistant", "software engineer"], top_k=4)
    assert [len(r) for r in results] == [4, 4]
    for found in results:
        assert all(isinstance(m, OccupationMatch) for m in found)
        scores = [m.score for m in found]
        assert scores == sorted(scores, reverse=True)
        assert len({m.uri for m in found}) == 4
    assert results[0][0] == OccupationMatch("u:baker", "baker", "7512", results[0][0].score)


@pytest.mark.model
def test_exact_alt_label_scores_one_plus_the_lexical_weight(encoder: object) -> None:
    for weight in (0.0, 0.2):
        fitted = TitleNormalizer(encoder=encoder, head=None, lexical_weight=weight).fit(ESCO)  # type: ignore[arg-type]
        best = fitted.normalize(["forklift driver"], top_k=1)[0][0]
        assert best.uri == "u:forklift" and best.score == pytest.approx(1.0 + weight, abs=1e-3)


@pytest.mark.model
def test_top_k_larger_than_taxonomy_returns_everything(normalizer: TitleNormalizer) -> None:
    assert len(normalizer.normalize(["cook"], top_k=50)[0]) == len(OCCUPATIONS)
    assert normalizer.normalize([], top_k=5) == []


def test_normalize_before_fit_is_an_error() -> None:
    with pytest.raises(NotFittedError, match="fit"):
        TitleNormalizer(head=None).normalize(["cook"])


@pytest.mark.model
def test_identity_head_equals_zero_shot(encoder: object, normalizer: TitleNormalizer) -> None:
    with_head = TitleNormalizer(encoder=encoder, head=identity_head(384)).fit(ESCO)  # type: ignore[arg-type]
    titles = ["pastry chef", "farm labourer"]
    np.testing.assert_allclose(with_head.scores(titles), normalizer.scores(titles), atol=1e-5)


@pytest.mark.model
def test_a_saved_head_is_loaded_and_its_concept_terms_count(encoder: object, tmp_path: Path) -> None:
    base = identity_head(384)
    bias = np.zeros(len(OCCUPATIONS), dtype=np.float32)
    bias[[o.uri for o in OCCUPATIONS].index("u:tailor")] = 5.0
    head = ProjectionHead(base.query_weight, base.label_weight, tuple(o.uri for o in OCCUPATIONS), bias)
    path = save_head(head, tmp_path / "head" / "head.npz")
    # gate=None: the head applies to every title (the default gate would keep this
    # label-like query away from the head, see tests/matcher/test_title_gate.py)
    fitted = TitleNormalizer(encoder=encoder, head=path.parent, gate=None).fit(ESCO)  # type: ignore[arg-type]
    assert fitted.normalize(["java developer"], top_k=1)[0][0].uri == "u:tailor"


@pytest.mark.model
def test_default_head_reuses_the_given_encoder(encoder: object) -> None:
    fitted = TitleNormalizer(encoder=encoder).fit(ESCO)  # type: ignore[arg-type]
    assert fitted.encoder_ is encoder
    assert fitted.normalize(["line cook"], top_k=1)[0][0].uri == "u:cook"


def test_missing_head_file_is_an_error(encoder: object, tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="head"):
        TitleNormalizer(encoder=encoder, head=tmp_path / "absent.npz").fit(ESCO)  # type: ignore[arg-type]
