"""The packed forward pass: the model's own vectors, whatever texts share a pass; BERT models only."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from matcher.encoder import packed_batches

TEXTS = [
    "cook",
    "sew",
    "teamwork and care",
    "Strong Java skills and good teamwork",
    "operate a forklift truck safely in a busy warehouse and keep records of every delivery " * 3,
    "bake bread",
    "Java developer, JavaScript and teamwork in a small team",
]


@given(
    lengths=st.lists(st.integers(min_value=1, max_value=300), max_size=80),
    budget=st.integers(min_value=1, max_value=2048),
)
def test_packed_batches_cover_every_text_once_within_the_budget(lengths: list[int], budget: int) -> None:
    batches = packed_batches(lengths, budget)
    assert sorted(i for batch in batches for i in batch) == list(range(len(lengths)))
    for batch in batches:
        assert batch and (len(batch) == 1 or sum(lengths[i] for i in batch) <= budget)


def _plain(model: object, texts: list[str]) -> np.ndarray:
    return model.encode(texts, normalize_embeddings=True, batch_size=1)  # type: ignore[attr-defined]


@pytest.mark.model
def test_the_default_model_runs_packed_and_gives_its_own_vectors(encoder: object) -> None:
    from matcher.packed import packed_forward

    assert packed_forward(encoder.model_) is not None  # type: ignore[attr-defined]
    fresh = encoder.with_precision("float32")  # type: ignore[attr-defined]
    together = fresh._forward(TEXTS, TEXTS)
    ours = np.stack([together[t] for t in TEXTS])
    np.testing.assert_allclose(ours, _plain(encoder.model_, TEXTS), atol=1e-5)  # type: ignore[attr-defined]


@pytest.mark.model
def test_attention_split_into_several_calls_gives_the_same_vectors(
    encoder: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    import matcher.packed

    whole = encoder._forward(TEXTS, TEXTS)  # type: ignore[attr-defined]
    monkeypatch.setattr(matcher.packed, "ATTENTION_SCORES", 1)  # one text an attention call
    monkeypatch.setattr(matcher.packed, "PACKED_TOKENS", 16)  # and a pass of at most 16 tokens
    split = encoder._forward(TEXTS, TEXTS)  # type: ignore[attr-defined]
    for text in TEXTS:
        np.testing.assert_allclose(split[text], whole[text], rtol=0, atol=1e-6)


@pytest.mark.model
def test_a_first_token_pooling_model_runs_packed_with_its_own_vectors(encoder: object) -> None:
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Normalize, Pooling

    from matcher.packed import packed_forward

    model = SentenceTransformer(
        modules=[encoder.model_[0], Pooling(384, pooling_mode="cls"), Normalize()],  # type: ignore[attr-defined]
        device="cpu",
    )
    packed = packed_forward(model)
    assert packed is not None and packed.pooling == "cls"
    ours = _encoder_around(encoder, model)._forward(TEXTS, TEXTS)
    np.testing.assert_allclose(np.stack([ours[t] for t in TEXTS]), _plain(model, TEXTS), atol=1e-5)


@pytest.mark.model
def test_a_model_it_does_not_know_keeps_batches_of_one_length(encoder: object) -> None:
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Pooling

    from matcher.packed import packed_forward

    model = SentenceTransformer(
        modules=[encoder.model_[0], Pooling(384, pooling_mode="max")],
        device="cpu",  # type: ignore[attr-defined]
    )
    assert packed_forward(model) is None
    ours = _encoder_around(encoder, model)._forward(TEXTS, TEXTS)
    np.testing.assert_allclose(np.stack([ours[t] for t in TEXTS]), _plain(model, TEXTS), atol=1e-5)


def _encoder_around(encoder: object, model: object) -> object:
    """A copy of the fitted ``encoder`` that runs ``model`` (nothing cached, nothing loaded)."""
    import copy

    twin = copy.copy(encoder)
    twin.model_, twin.memory_ = model, {}  # type: ignore[attr-defined]
    return twin


def test_an_unknown_way_of_batching_is_refused_before_the_model_loads() -> None:
    from matcher.encoder import Encoder

    with pytest.raises(ValueError, match="Unknown batches 'bucketed': choose one of packed, same_length"):
        Encoder(batches="bucketed").fit()
