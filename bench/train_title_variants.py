"""Experiment for issue 3: what else could lift title normalisation with a frozen MiniLM?

    .venv/bin/python bench/train_title_variants.py

Not shipped: it measures, in one run beside the shipped head (``bench/train_heads.py``),
the ideas left after the LoRA experiment (``bench/train_title_adapter.py``):

* ``memory of training titles``: the score of each occupation also gets its best cosine
  to a *training* title of that occupation, by MiniLM embedding and by word TF-IDF, so a
  near-duplicate of a seen title finds its label. It would need the dev titles in the
  shipped artefact, which must not hold that data, so this is a ceiling, not a candidate.
  Protocol: 5-fold out-of-fold scores; the two weights are chosen on folds 0-1 and the
  figures are reported on folds 2-4 only.
* shippable variants of the head, trained and measured on one split (fold 0 held out):
  ``ISCO groups`` (each occupation's vector = its own + its ISCO-08 unit and minor
  groups' shared vectors, so rare occupations borrow from their group), ``descriptions``
  (the zero-shot score also gets 0.3 x cosine to the ESCO description), and ``word
  vectors`` (a learned 64-dimensional bag of the title's words, fastText-style, over
  words seen at least twice in training).

Never reads ../shared/holdout. CPU; about 10 minutes on the idle 2-core machine.
"""

from __future__ import annotations

import itertools
import re
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import torch
from numpy.typing import NDArray
from sklearn.feature_extraction.text import TfidfVectorizer

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT, ROOT / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from matcher_quality import folds_of, title_metrics  # noqa: E402
from train_heads import TITLE_CONFIG, load_title_data, train_title_head  # noqa: E402

from matcher.normalize import TitleNormalizer  # noqa: E402


def best_by_occupation(sims: NDArray[np.float32], labels: NDArray[np.int64], n: int) -> NDArray[np.float32]:
    """Per test row, the best similarity to a training title of each occupation (0 if none)."""
    order = np.argsort(labels, kind="stable")
    sorted_labels = labels[order]
    starts = np.flatnonzero(np.r_[True, sorted_labels[1:] != sorted_labels[:-1]])
    out = np.zeros((sims.shape[0], n), dtype=np.float32)
    out[:, sorted_labels[starts]] = np.maximum.reduceat(sims[:, order], starts, axis=1)
    return out


def memory_ceiling(
    head: NDArray[np.float32],
    vectors: NDArray[np.float32],
    titles: list[str],
    gold: NDArray[np.int64],
    fold: NDArray[np.int64],
) -> None:
    """Head + best match among training titles; weights chosen on folds 0-1, shown on 2-4."""
    n = head.shape[1]
    by_embedding, by_words = np.zeros_like(head), np.zeros_like(head)
    words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"(?u)\b\w+\b")
    for f in range(fold.max() + 1):
        train, test = np.flatnonzero(fold != f), np.flatnonzero(fold == f)
        by_embedding[test] = best_by_occupation(vectors[test] @ vectors[train].T, gold[train], n)
        seen = words.fit_transform([titles[i] for i in train])
        sims = (words.transform([titles[i] for i in test]) @ seen.T).toarray().astype(np.float32)
        by_words[test] = best_by_occupation(sims, gold[train], n)
    choose, report = fold <= 1, fold >= 2

    def fused(weights: tuple[float, float], rows: NDArray[np.bool_]) -> NDArray[np.float32]:
        return head[rows] + weights[0] * by_embedding[rows] + weights[1] * by_words[rows]

    grid = list(itertools.product((0.0, 0.1, 0.2, 0.4), repeat=2))
    best = max(grid, key=lambda w: title_metrics(fused(w, choose), gold[choose])["MRR@10"])
    print(f"\nMemory of training titles (weights {best} chosen on folds 0-1; folds 2-4 shown)")
    print("| system | Recall@1 | Recall@5 | MRR@10 |\n|---|---|---|---|")
    for name, scores in (("head", head[report]), ("head + memory (not shippable)", fused(best, report))):
        row = title_metrics(scores, gold[report])
        print(f"| {name} | " + " | ".join(f"{v:.3f}" for v in row.values()) + " |")


def train_variant(
    base: NDArray[np.float32],
    vectors: NDArray[np.float32],
    gold: NDArray[np.int64],
    train: NDArray[np.int64],
    *,
    groups: list[str] | None = None,
    word_ids: torch.Tensor | None = None,
    word_dim: int = 64,
) -> torch.nn.Module:
    """The shipped head's recipe (same loss, optimiser and settings) with one extra part."""
    config = TITLE_CONFIG
    torch.manual_seed(config.seed)
    rng = np.random.default_rng(config.seed)
    n, dim = base.shape[1], vectors.shape[1]

    class Head(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.concept = torch.nn.Parameter(torch.zeros(n, dim))
            self.bias = torch.nn.Parameter(torch.zeros(n))
            if groups is not None:
                unit, minor = sorted(set(groups)), sorted({g[:3] for g in groups})
                self.unit_of = torch.tensor([unit.index(g) for g in groups])
                self.minor_of = torch.tensor([minor.index(g[:3]) for g in groups])
                self.unit = torch.nn.Parameter(torch.zeros(len(unit), dim))
                self.minor = torch.nn.Parameter(torch.zeros(len(minor), dim))
            if word_ids is not None:
                self.words = torch.nn.Embedding(int(word_ids.max()) + 1, word_dim, padding_idx=0)
                torch.nn.init.normal_(self.words.weight, std=0.1)
                self.word_concept = torch.nn.Parameter(torch.zeros(n, word_dim))

        def forward(self, idx: torch.Tensor) -> torch.Tensor:
            concept = self.concept
            if groups is not None:
                concept = concept + self.unit[self.unit_of] + self.minor[self.minor_of]
            out = (
                config.scale * torch.from_numpy(base[idx.numpy()])
                + torch.from_numpy(vectors[idx.numpy()]) @ concept.T
            )
            if word_ids is not None:
                ids = word_ids[idx]
                mask = (ids > 0).float()[..., None]
                bag = (self.words(ids) * mask).sum(1) / mask.sum(1).clamp(min=1)
                out = out + bag @ self.word_concept.T
            return out + self.bias

    head = Head()
    opt = torch.optim.Adam(head.parameters(), lr=config.lr)
    for _ in range(config.epochs):
        order = torch.from_numpy(rng.permutation(train))
        for start in range(0, len(order), config.batch_size):
            idx = order[start : start + config.batch_size]
            loss = torch.nn.functional.cross_entropy(head(idx), torch.from_numpy(gold[idx.numpy()]))
            loss = loss + config.concept_decay * head.concept.pow(2).sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
    return head


def title_word_ids(titles: list[str], train: NDArray[np.int64], min_count: int = 2) -> torch.Tensor:
    """Padded word ids of every title, over the words seen ``min_count`` times in training."""
    tokens = [re.findall(r"[a-z0-9]+", t.lower()) for t in titles]
    counts = Counter(w for i in train for w in set(tokens[i]))
    vocab = {w: k + 1 for k, (w, c) in enumerate(counts.most_common()) if c >= min_count}
    rows = [[vocab[w] for w in words if w in vocab] for words in tokens]
    ids = torch.zeros(len(rows), max(map(len, rows)) or 1, dtype=torch.long)
    for i, row in enumerate(rows):
        ids[i, : len(row)] = torch.tensor(row, dtype=torch.long)
    return ids


def main() -> None:
    started = time.perf_counter()
    data = load_title_data()
    esco, encoder, titles, uris, gold = data.esco, data.encoder, data.titles, data.uris, data.gold
    base = TitleNormalizer(encoder=encoder, head=None).fit(esco).scores(titles).astype(np.float32)
    vectors = encoder.encode(titles).astype(np.float32)
    descriptions = encoder.encode([o.description or o.label for o in esco.occupations]).astype(np.float32)
    fold = folds_of(len(titles), 5)
    print(f"features in {time.perf_counter() - started:.0f} s", flush=True)

    head = np.zeros_like(base)
    for f in range(5):
        train, test = np.flatnonzero(fold != f), np.flatnonzero(fold == f)
        fitted = train_title_head(base[train], vectors[train], gold[train], uris)
        assert fitted.concept_vectors is not None and fitted.bias is not None
        head[test] = base[test] + vectors[test] @ fitted.concept_vectors.T + fitted.bias
    memory_ceiling(head, vectors, titles, gold, fold)

    train, test = np.flatnonzero(fold != 0), np.flatnonzero(fold == 0)
    with_descriptions = base + 0.3 * (vectors @ descriptions.T)
    variants = {
        "ISCO groups": lambda: train_variant(
            base, vectors, gold, train, groups=[o.isco_group for o in esco.occupations]
        ),
        "descriptions": lambda: train_variant(with_descriptions, vectors, gold, train),
        "word vectors": lambda: train_variant(
            base, vectors, gold, train, word_ids=title_word_ids(titles, train)
        ),
    }
    print(
        "\nShippable variants (fold 0 held out)\n| system | Recall@1 | Recall@5 | MRR@10 |\n|---|---|---|---|"
    )
    row = title_metrics(head[test], gold[test])
    print("| head (shipped recipe) | " + " | ".join(f"{v:.3f}" for v in row.values()) + " |", flush=True)
    for name, fit in variants.items():
        fitted_variant = fit()
        with torch.no_grad():
            scores = fitted_variant(torch.from_numpy(test)).numpy()
        row = title_metrics(scores, gold[test])
        print(f"| head + {name} | " + " | ".join(f"{v:.3f}" for v in row.values()) + " |", flush=True)
    print(f"\ntotal {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
