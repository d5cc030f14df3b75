"""Encoder batching: length-sorted batches, same vectors as one plain model call."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from matcher.encoder import length_batches


@given(
    lengths=st.lists(st.integers(min_value=0, max_value=120), max_size=60),
    batch_size=st.integers(min_value=1, max_value=16),
    budget=st.integers(min_value=1, max_value=400),
)
def test_length_batches_cover_every_text_once_within_the_limits(
    lengths: list[int], batch_size: int, budget: int
) -> None:
    texts = ["w " * n for n in lengths]
    batches = length_batches(texts, batch_size, budget)
    assert sorted(i for batch in batches for i in batch) == list(range(len(texts)))
    for batch in batches:
        assert 1 <= len(batch) <= batch_size
        longest = max(len(texts[i].split()) for i in batch)
        assert len(batch) == 1 or (2 + 1.5 * longest) * len(batch) <= budget


@pytest.mark.model
def test_batched_vectors_equal_one_plain_model_call(encoder: object) -> None:
    texts = ["cook", "operate a forklift truck safely in a busy warehouse " * 4, "sew", "teamwork and care"]
    ours = encoder.encode(texts)  # type: ignore[attr-defined]
    plain = encoder.model_.encode(texts, normalize_embeddings=True)  # type: ignore[attr-defined]
    np.testing.assert_allclose(ours, plain, atol=1e-5)


@pytest.fixture(scope="module")
def int8_encoder(tmp_path_factory: pytest.TempPathFactory) -> object:
    from matcher.encoder import Encoder

    return Encoder(cache_dir=tmp_path_factory.mktemp("int8-cache"), quantize=True).fit()


@pytest.mark.model
def test_an_8_bit_encoder_gives_nearly_the_same_vectors_under_its_own_model_id(
    encoder: object, int8_encoder: object
) -> None:
    texts = ["bake bread", "operate a forklift truck", "Strong Java skills and good spoken English"]
    full = encoder.encode(texts)  # type: ignore[attr-defined]
    small = int8_encoder.encode(texts)  # type: ignore[attr-defined]
    cosines = (full * small).sum(axis=1)
    assert cosines.min() > 0.95 and not np.allclose(full, small)
    assert int8_encoder.model_id_ == f"{encoder.model_id_}+int8"  # type: ignore[attr-defined]
