"""Encoder batching and precision: same vectors as one plain model call, whatever a text is batched with."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from matcher.encoder import length_batches, token_batches


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


@given(
    lengths=st.lists(st.integers(min_value=1, max_value=300), max_size=80),
    batch_size=st.integers(min_value=1, max_value=64),
    budget=st.integers(min_value=1, max_value=2048),
)
def test_token_batches_hold_one_token_length_each_within_the_limits(
    lengths: list[int], batch_size: int, budget: int
) -> None:
    batches = token_batches(lengths, batch_size, budget)
    assert sorted(i for batch in batches for i in batch) == list(range(len(lengths)))
    for batch in batches:
        assert len({lengths[i] for i in batch}) == 1  # nothing to pad
        assert 1 <= len(batch) <= batch_size
        assert len(batch) == 1 or lengths[batch[0]] * len(batch) <= budget


@pytest.mark.model
def test_batched_vectors_equal_one_plain_model_call(encoder: object) -> None:
    texts = ["cook", "operate a forklift truck safely in a busy warehouse " * 4, "sew", "teamwork and care"]
    ours = encoder.encode(texts)  # type: ignore[attr-defined]
    plain = encoder.model_.encode(texts, normalize_embeddings=True)  # type: ignore[attr-defined]
    np.testing.assert_allclose(ours, plain, atol=1e-5)


@pytest.fixture(scope="module")
def int8_encoder(tmp_path_factory: pytest.TempPathFactory) -> object:
    from matcher.encoder import Encoder

    return Encoder(cache_dir=tmp_path_factory.mktemp("int8-cache"), precision="int8").fit()


@pytest.mark.model
def test_an_8_bit_encoder_gives_nearly_the_same_vectors_under_its_own_model_id(
    encoder: object, int8_encoder: object
) -> None:
    texts = ["bake bread", "operate a forklift truck", "Strong Java skills and good spoken English"]
    full = encoder.encode(texts)  # type: ignore[attr-defined]
    small = int8_encoder.encode(texts)  # type: ignore[attr-defined]
    cosines = (full * small).sum(axis=1)
    assert cosines.min() > 0.97 and not np.allclose(full, small)
    assert int8_encoder.model_id_ == f"{encoder.model_id_}+int8"  # type: ignore[attr-defined]


# Regression: PyTorch's dynamic quantisation scaled a whole batch's activations at once, and padding
# changes a short text's numbers a little, so "bake bread" moved (cosine 0.97) when encoded beside a
# long sentence; a score then depended on the other texts of a request.
SHORT = ["bake bread", "java", "work in teams", "operate a forklift truck", "C++"]
LONG = "operate a forklift truck safely in a busy warehouse and keep records of every delivery " * 3
SAME_LENGTH = ["cook fish", "sew cloth", "drive vans", "paint walls"]
MEDIUM = [f"bake fresh bread and pastry for the shop every morning from {h} o'clock" for h in range(4, 9)]


@pytest.mark.model
@pytest.mark.parametrize("precision", ["float32", "int8", "bfloat16"])
def test_a_texts_vector_does_not_depend_on_what_it_is_encoded_with(encoder: object, precision: str) -> None:
    model = encoder.with_precision(precision)  # type: ignore[attr-defined]
    alone = {text: model._forward([text], [text])[text] for text in SHORT}
    many = [f"{t} {i}" for i in range(20) for t in SAME_LENGTH]
    for crowd in ([LONG, *SHORT, *many], [*MEDIUM, *SHORT, *many]):
        together = model._forward(crowd, crowd)  # the forward passes themselves, no cache in between
        for text in SHORT:
            np.testing.assert_allclose(together[text], alone[text], rtol=0, atol=1e-6)


def test_an_8_bit_layer_scales_each_token_on_its_own() -> None:
    torch = pytest.importorskip("torch")
    from matcher.precision import RowInt8Linear

    torch.manual_seed(0)
    linear = torch.nn.Linear(16, 8)
    layer = RowInt8Linear.from_linear(linear)
    rows = torch.randn(3, 16)
    loud = torch.cat([rows, 1000 * torch.randn(5, 16)])  # a batch-wide scale would crush the first rows
    with torch.inference_mode():
        torch.testing.assert_close(layer(loud)[:3], layer(rows), rtol=0, atol=0)
        torch.testing.assert_close(layer(rows), linear(rows), rtol=0.05, atol=0.05)


@pytest.mark.model
def test_a_reduced_copy_shares_the_model_and_cache_folder_under_its_own_id(encoder: object) -> None:
    twin = encoder.with_precision("int8")  # type: ignore[attr-defined]
    assert twin is not encoder and twin.model_id_ == f"{encoder.model_id_}+int8"  # type: ignore[attr-defined]
    assert twin.cache_.path.parent == encoder.cache_.path.parent  # type: ignore[attr-defined]
    assert twin.cache_.path != encoder.cache_.path  # type: ignore[attr-defined]
    assert twin.with_precision("int8") is twin and encoder.with_precision("float32") is encoder  # type: ignore[attr-defined]
    full = encoder.encode(["bake bread"])  # type: ignore[attr-defined]
    np.testing.assert_allclose(
        full, encoder.model_.encode(["bake bread"], normalize_embeddings=True), atol=1e-5
    )  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("amx", "avx512_bf16", "vendor", "expected"),
    [
        (True, True, "GenuineIntel", "bfloat16"),
        (False, True, "AuthenticAMD", "bfloat16"),
        (False, True, "GenuineIntel", "float32"),
        (False, False, "AuthenticAMD", "float32"),
        (False, False, "", "float32"),
    ],
)
def test_bfloat16_is_picked_only_where_it_was_measured_faster(
    monkeypatch: pytest.MonkeyPatch, amx: bool, avx512_bf16: bool, vendor: str, expected: str
) -> None:
    from matcher import precision

    features = {"amx_tile": amx, "avx512_bf16": avx512_bf16}
    monkeypatch.setattr(precision, "_cpu_has", lambda feature: features.get(feature, False))
    monkeypatch.setattr(precision, "_cpu_vendor", lambda: vendor)
    assert precision.fastest_precision() == expected


@pytest.mark.model
@pytest.mark.parametrize("precision", ["float32", "bfloat16"])
def test_texts_the_tokenizer_makes_the_same_run_once_and_share_their_vector(
    encoder: object, precision: str
) -> None:
    model = encoder.with_precision(precision)  # type: ignore[attr-defined]
    texts = ["Java developer", "java developer", "JAVA  Developer", "cook"]
    together = model._forward(texts, texts)
    alone = model._forward(["java developer"], ["java developer"])["java developer"]
    for text in texts[:3]:  # the uncased model reads all three as "java developer"
        np.testing.assert_array_equal(together[text], together["java developer"])
        np.testing.assert_allclose(together[text], alone, rtol=0, atol=1e-6)
    assert not np.allclose(together["cook"], alone)
