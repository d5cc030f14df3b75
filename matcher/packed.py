"""One forward pass over many texts of different lengths, with no padding (BERT-family encoders).

The encoder used to run a sentence-transformers model one batch per token length, so that nothing is
padded and a text's vector depends on that text alone (:func:`matcher.encoder.token_batches`). A
profile's sentences and phrases have thirty-odd lengths, so a call made thirty-odd small forward passes,
each through transformers' Python (mask building, six layers of module calls), and each matrix product had
a few dozen rows: far from what the processor can do (issue 22, ``docs/benchmarks.md``).

Here every token of every text is one row of a single matrix. The layers that work token by token (the
linear layers, the activation, layer normalisation) run once over all rows; only attention, the one step
that mixes a text's tokens, runs per group of texts of one length, on those rows' slice of the matrix
(viewed as ``(texts, length, ...)``, no copy). So nothing is padded and no text sees another's tokens:
a text's vector is still its own. Attention is computed in float32 whatever the model's precision (a
bfloat16 model's attention in bfloat16 was both slower here and less exact). Then each text's token rows
are pooled the way the model's own pooling layer does (mean or first token).

Only models whose layers this file knows are taken: a sentence-transformers ``[Transformer, Pooling
(mean or cls), Normalize?]`` around a ``BertModel`` with absolute positions (all-MiniLM-L6-v2 and the other
BERT, MiniLM and BGE sentence encoders). :func:`packed_forward` returns ``None`` for anything else, and the
encoder keeps its batches of one length.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import torch
import torch.nn.functional as F

#: at most this many tokens in one packed pass (the largest activation is tokens x 1,536 floats for MiniLM)
PACKED_TOKENS = 4096
#: a bfloat16 pass has at least this many rows (zeros added): with fewer, oneDNN picks other kernels for
#: some products (Intel AMX: 33 to 511 rows), and a text's vector moved by bfloat16 rounding with its batch
BFLOAT16_ROWS = 512
#: at most this many attention scores (texts x heads x length x length) in one attention call
ATTENTION_SCORES = 1 << 22
POOLING = {"mean", "cls"}


class PackedBert:
    """A sentence-transformers BERT model run packed: ``(token ids of each text) -> pooled vectors``.

    Parameters
    ----------
    bert:
        The transformers ``BertModel`` inside the sentence-transformers model (its weights are used as
        they are, in whatever precision they are; linear layers are called as modules, so the 8-bit copy
        of :mod:`matcher.precision` runs here too).
    pooling:
        ``"mean"`` (the mean of a text's token vectors) or ``"cls"`` (its first token's).
    """

    def __init__(self, bert: Any, pooling: str) -> None:
        self.bert = bert
        self.pooling = pooling
        self.heads = int(bert.config.num_attention_heads)
        low = bert.embeddings.word_embeddings.weight.dtype == torch.bfloat16
        self.min_rows = BFLOAT16_ROWS if low else 0

    def __call__(self, texts: Sequence[tuple[torch.Tensor, torch.Tensor]]) -> torch.Tensor:
        """``(len(texts), dim)`` float32 pooled vectors (not normalised) of ``(input_ids, token_type_ids)``.

        Call it under ``torch.inference_mode()``. Texts are grouped by length inside; the answer keeps
        the order given.
        """
        order = sorted(range(len(texts)), key=lambda i: len(texts[i][0]))
        groups = _length_groups([len(texts[i][0]) for i in order])
        ids = torch.cat([texts[i][0] for i in order])
        types = torch.cat([texts[i][1] for i in order])
        positions = torch.cat(
            [torch.arange(length) for _start, count, length in groups for _ in range(count)]
        )
        if (missing := self.min_rows - len(ids)) > 0:  # rows of zeros that no text reads
            ids, types, positions = (F.pad(t, (0, missing)) for t in (ids, types, positions))
        hidden = self._embed(ids, types, positions)
        for layer in self.bert.encoder.layer:
            hidden = self._layer(layer, hidden, groups)
        pooled = torch.empty((len(texts), hidden.shape[1]), dtype=torch.float32)
        first = 0
        for start, count, length in groups:
            rows = hidden[start : start + count * length].view(count, length, -1).float()
            vectors = rows.mean(dim=1) if self.pooling == "mean" else rows[:, 0]
            pooled[torch.tensor(order[first : first + count])] = vectors
            first += count
        return pooled

    def _embed(self, ids: torch.Tensor, types: torch.Tensor, positions: torch.Tensor) -> torch.Tensor:
        embeddings = self.bert.embeddings
        summed = (
            embeddings.word_embeddings(ids)
            + embeddings.position_embeddings(positions)
            + embeddings.token_type_embeddings(types)
        )
        return embeddings.LayerNorm(summed)

    def _layer(self, layer: Any, hidden: torch.Tensor, groups: list[tuple[int, int, int]]) -> torch.Tensor:
        attention = layer.attention
        own = attention.self
        query, key, value = (own.query(hidden).float(), own.key(hidden).float(), own.value(hidden).float())
        context = torch.zeros(query.shape, dtype=torch.float32)
        width = query.shape[1] // self.heads
        for start, count, length in groups:
            step = max(1, ATTENTION_SCORES // (self.heads * length * length))
            for first in range(0, count, step):
                rows = slice(start + first * length, start + min(count, first + step) * length)
                q, k, v = (
                    t[rows].view(-1, length, self.heads, width).transpose(1, 2) for t in (query, key, value)
                )
                mixed = F.scaled_dot_product_attention(q, k, v)
                context[rows] = mixed.transpose(1, 2).reshape(-1, self.heads * width)
        out = attention.output
        hidden = out.LayerNorm(out.dense(context.to(hidden.dtype)) + hidden)
        inner = layer.intermediate.intermediate_act_fn(layer.intermediate.dense(hidden))
        return layer.output.LayerNorm(layer.output.dense(inner) + hidden)


def _length_groups(lengths: Sequence[int]) -> list[tuple[int, int, int]]:
    """``(first row, texts, length)`` of each run of one length in sorted ``lengths``.

    Examples
    --------
    >>> _length_groups([2, 2, 3, 5, 5, 5])
    [(0, 2, 2), (4, 1, 3), (7, 3, 5)]
    """
    groups: list[tuple[int, int, int]] = []
    row = 0
    for length in lengths:
        if groups and groups[-1][2] == length:
            start, count, _ = groups[-1]
            groups[-1] = (start, count + 1, length)
        else:
            groups.append((row, 1, length))
        row += length
    return groups


def packed_forward(model: Any) -> PackedBert | None:
    """The packed runner of a sentence-transformers ``model``, or ``None`` if its layers are not BERT's.

    ``None`` for anything but ``[Transformer(BertModel), Pooling(mean or cls), Normalize?]`` with
    absolute positions and no decoder: for those the encoder keeps its batches of one length.
    """
    modules = list(model) if isinstance(model, torch.nn.Sequential) else []
    if len(modules) not in (2, 3) or type(modules[0]).__name__ != "Transformer":
        return None
    bert = getattr(modules[0], "auto_model", None)
    config = getattr(bert, "config", None)
    if config is None or getattr(config, "model_type", None) != "bert" or config.is_decoder:
        return None
    if getattr(config, "position_embedding_type", "absolute") != "absolute":
        return None
    pooling = _pooling_mode(modules[1])
    if pooling not in POOLING:
        return None
    if len(modules) == 3 and type(modules[2]).__name__ != "Normalize":
        return None
    return PackedBert(bert, pooling)


def _pooling_mode(module: Any) -> str | None:
    """``"mean"`` or ``"cls"`` for a sentence-transformers pooling layer that pools so only, else ``None``."""
    if type(module).__name__ != "Pooling" or not getattr(module, "include_prompt", True):
        return None
    mode = getattr(module, "pooling_mode", None)
    return mode if isinstance(mode, str) else None
