"""Experiment for issue 3: does fine-tuning the encoder (a LoRA adapter) lift title normalisation?

    .venv/bin/python bench/train_title_adapter.py [--fold 0] [--epochs 4] [--lr 2e-3] [--rank 8]

Not shipped: this measures whether a small adapter on all-MiniLM-L6-v2 is worth building
into ``matcher.normalize``. One split of the dev titles (fold ``--fold`` of the same
seeded 5-fold cut as ``bench/matcher_quality.py`` is held out; the rest trains), and on
that held-out fold, side by side in one run:

* ``head``: the shipped recipe (``bench/train_heads.py``: frozen encoder, per-occupation
  vector and bias over the zero-shot score), trained on the training part;
* ``head + LoRA``: the same head as the starting point, then trained jointly with
  rank-``r`` LoRA matrices on every attention and feed-forward projection of the six
  layers (about 0.5 M parameters, ~1 MB in float16), the occupation labels' embeddings
  kept frozen, softmax cross-entropy over all 2,942 occupations, AdamW + one-cycle;
* ``... + kNN``: the adapted title embeddings also vote for the occupations of their
  nearest training titles (softmax-weighted, normalised to sum to 1, weight ``w``). Would
  need the training titles' embeddings in the shipped artefact (about 6 MB in int8).

Never reads ../shared/holdout. CPU; about 2-4 minutes an epoch on the 2-core machine.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

import numpy as np
import torch
from numpy.typing import NDArray

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT, ROOT / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from matcher_quality import folds_of, title_metrics  # noqa: E402
from train_heads import load_title_data, train_title_head  # noqa: E402

from matcher.encoder import resolve_model  # noqa: E402
from matcher.normalize import TitleNormalizer  # noqa: E402

TARGETS = ("attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense")
TARGETS += ("intermediate.dense", "output.dense")
SCALE = 20.0


class LoRALinear(torch.nn.Module):
    """``base(x) + (alpha / r) * x A^T B^T`` with ``B`` starting at zero (Hu et al., 2021)."""

    def __init__(self, base: torch.nn.Linear, rank: int, alpha: float = 16.0) -> None:
        super().__init__()
        self.base = base
        self.down = torch.nn.Parameter(torch.randn(rank, base.in_features) / math.sqrt(base.in_features))
        self.up = torch.nn.Parameter(torch.zeros(base.out_features, rank))
        self.scaling = alpha / rank

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """The frozen projection plus the low-rank update."""
        return self.base(x) + (x @ self.down.T @ self.up.T) * self.scaling


def adapted_model(model_path: str, rank: int) -> tuple[torch.nn.Module, list[LoRALinear]]:
    """The sentence-transformers model, frozen, with LoRA on every target projection."""
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(model_path, device="cpu")
    for p in model.parameters():
        p.requires_grad_(False)
    adapters = []
    for layer in model[0].auto_model.encoder.layer:
        for target in TARGETS:
            *parents, leaf = target.split(".")
            owner = layer
            for name in parents:
                owner = getattr(owner, name)
            adapter = LoRALinear(getattr(owner, leaf), rank)
            setattr(owner, leaf, adapter)
            adapters.append(adapter)
    return model, adapters


def occupation_max(sims: torch.Tensor, owners: torch.Tensor, n_concepts: int) -> torch.Tensor:
    """Best label similarity per occupation (differentiable ``max_by_owner``)."""
    out = torch.full((sims.shape[0], n_concepts), -1e4)
    return out.scatter_reduce(1, owners.expand(sims.shape[0], -1), sims, "amax", include_self=False)


def knn_votes(
    sims: NDArray[np.float32], labels: NDArray[np.int64], n: int, k: int, tau: float
) -> NDArray[np.float32]:
    """Each row's ``k`` nearest training titles vote ``exp((sim - 1) / tau)`` for their occupation."""
    idx = np.argpartition(-sims, k, axis=1)[:, :k]
    weights = np.exp((np.take_along_axis(sims, idx, 1) - 1.0) / tau)
    votes = np.zeros((len(sims), n), np.float32)
    np.add.at(votes, (np.repeat(np.arange(len(sims)), k), labels[idx].ravel()), weights.ravel())
    return votes / (votes.sum(axis=1, keepdims=True) + 1e-9)


def main() -> None:
    """Train on four folds, report on the fifth: head alone, head + LoRA, + kNN."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fold", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--rank", type=int, default=8)
    parser.add_argument("--batch-size", type=int, default=128)
    args = parser.parse_args()
    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    data = load_title_data()
    esco, encoder, titles, uris, gold = data.esco, data.encoder, data.titles, data.uris, data.gold
    zero_shot = TitleNormalizer(encoder=encoder, head=None).fit(esco)
    lexical = zero_shot.lexical_.scores(titles) if zero_shot.lexical_ is not None else 0
    base = (
        zero_shot.ranker_.scores(zero_shot.ranker_.embed_queries(titles)) + zero_shot.lexical_weight * lexical
    )
    vectors = encoder.encode(titles)
    fold = folds_of(len(titles), 5)
    train, test = np.flatnonzero(fold != args.fold), np.flatnonzero(fold == args.fold)
    head = train_title_head(base[train], vectors[train], gold[train], uris)
    assert head.concept_vectors is not None and head.bias is not None
    results = {
        "head (shipped recipe)": title_metrics(
            base[test] + vectors[test] @ head.concept_vectors.T + head.bias, gold[test]
        )
    }

    model, adapters = adapted_model(resolve_model(encoder.model_id_), args.rank)
    labels = torch.from_numpy(zero_shot.ranker_.label_vectors_)
    owners = torch.from_numpy(zero_shot.ranker_.owners_)
    lex = torch.from_numpy(np.asarray(lexical, dtype=np.float32))
    concept = torch.from_numpy(head.concept_vectors * SCALE).requires_grad_(True)
    bias = torch.from_numpy(head.bias * SCALE).requires_grad_(True)
    lora = [p for a in adapters for p in (a.down, a.up)]
    opt = torch.optim.AdamW(
        [{"params": lora, "weight_decay": 0.0}, {"params": [concept, bias], "weight_decay": 0.0}]
    )
    steps = args.epochs * math.ceil(len(train) / args.batch_size)
    schedule = torch.optim.lr_scheduler.OneCycleLR(
        opt, max_lr=[args.lr, 1e-3], total_steps=steps, pct_start=0.1
    )
    y = torch.from_numpy(gold)

    def embed(rows: NDArray[np.int64]) -> torch.Tensor:
        return model(model.preprocess([titles[i] for i in rows]))["sentence_embedding"]

    started = time.perf_counter()
    model.train()
    for epoch in range(args.epochs):
        order, total = rng.permutation(train), 0.0
        for start in range(0, len(order), args.batch_size):
            rows = order[start : start + args.batch_size]
            q = embed(rows)
            logits = (
                SCALE * (occupation_max(q @ labels.T, owners, len(uris)) + 0.2 * lex[rows])
                + q @ concept.T
                + bias
            )
            loss = torch.nn.functional.cross_entropy(logits, y[rows]) + 1e-5 * concept.pow(2).sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
            schedule.step()
            total += loss.item() * len(rows)
        print(
            f"  epoch {epoch}: loss {total / len(train):.3f}, {time.perf_counter() - started:.0f} s",
            flush=True,
        )
    model.eval()
    with torch.no_grad():
        q_test = torch.cat([embed(test[s : s + 256]) for s in range(0, len(test), 256)])
        q_train = torch.cat([embed(train[s : s + 256]) for s in range(0, len(train), 256)]).numpy()
        adapted = (occupation_max(q_test @ labels.T, owners, len(uris)) + 0.2 * lex[test]).numpy()
        adapted += (q_test @ concept.T + bias).numpy() / SCALE
    results["head + LoRA"] = title_metrics(adapted, gold[test])
    votes = knn_votes(q_test.numpy() @ q_train.T, gold[train], len(uris), k=10, tau=0.1)
    for weight in (0.2, 0.4):
        results[f"head + LoRA + kNN (k 10, w {weight})"] = title_metrics(adapted + weight * votes, gold[test])
    n_params = sum(p.numel() for p in lora)
    print(
        f"fold {args.fold} held out ({len(test)} titles), {args.epochs} epochs, lr {args.lr}, "
        f"rank {args.rank}, "
        f"{n_params:,} LoRA parameters, {time.perf_counter() - started:.0f} s training"
    )
    print("| system | Recall@1 | Recall@5 | MRR@10 |\n|---|---|---|---|")
    for name, m in results.items():
        print(f"| {name} | {m['R@1']:.3f} | {m['R@5']:.3f} | {m['MRR@10']:.3f} |")


if __name__ == "__main__":
    main()
