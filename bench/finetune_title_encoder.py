"""Would fine-tuning all-MiniLM-L6-v2 on ESCO's own labels lift MELO en>en? (issue 18; an experiment)

    OMP_NUM_THREADS=2 .venv/bin/python bench/finetune_title_encoder.py [--layers 6] [--epochs 4]

Not shipped. Contrastive training on ESCO's English occupation labels only: each label is paired
with another label of the same concept (preferred, alternative or hidden; the ISCO-08 groups take
part as concepts, as in ``bench/multilingual_quality.py``), the other pairs of the batch being the
negatives (symmetric in-batch softmax, scale 20, one concept at most once a batch), AdamW with a
one-cycle schedule, the top ``--layers`` transformer layers trained and the rest frozen.

Chosen on ESCO alone: 10% of the alternative labels of every occupation with at least three labels
are held out (seeded) and never trained on; each epoch ranks their concepts against the remaining
labels and the epoch with the best held-out MRR@10 is kept. MELO is read once, at the end, for the
kept model beside the untouched encoder: zero-shot best-label ranking over ESCO's English labels
(the head-free score of ``TitleNormalizer``, without and with its 0.2 x character TF-IDF), on the
same seeded queries and tie rule as ``bench/multilingual_quality.py``. The model is written to
``--out`` (about 90 MB; under ``.cache/``, never committed). Never reads ../shared/holdout.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
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

from _machine import describe  # noqa: E402
from _melo import DATASETS, available, load_pair  # noqa: E402
from multilingual_quality import expected_hit, expected_rr, ranks_from_concepts, sample, with_isco_concepts  # noqa: E402

from matcher.encoder import resolve_model  # noqa: E402
from matcher.esco import load_esco  # noqa: E402
from matcher.label_index import concept_texts, max_by_owner  # noqa: E402
from matcher.lexical import LexicalIndex  # noqa: E402
from matcher.normalize import clean_title  # noqa: E402

SCALE = 20.0


def hold_out(
    groups: list[list[str]], share: float, seed: int
) -> tuple[list[list[str]], list[tuple[str, int]]]:
    """Remove ``share`` of the alternative labels of each concept with three labels or more."""
    rng = random.Random(seed)
    kept, held = [], []
    for concept, group in enumerate(groups):
        labels = list(dict.fromkeys(group))
        if len(labels) >= 3:
            alternatives = labels[1:]
            rng.shuffle(alternatives)
            cut = round(share * len(alternatives))
            held += [(label, concept) for label in alternatives[:cut]]
            labels = [labels[0], *alternatives[cut:]]
        kept.append(labels)
    return kept, held


def mrr_at_10(scores: NDArray[np.float32], gold: NDArray[np.int64]) -> tuple[float, float]:
    """MRR@10 and R@1 of the gold columns, ties broken at random in expectation."""
    value = scores[np.arange(len(gold)), gold][:, None]
    better = (scores > value).sum(axis=1)
    tied = (scores == value).sum(axis=1) - 1
    rr = [
        np.mean([1.0 / r if r <= 10 else 0.0 for r in range(b + 1, b + t + 2)])
        for b, t in zip(better, tied, strict=True)
    ]
    hit = [1.0 / (t + 1) if b == 0 else 0.0 for b, t in zip(better, tied, strict=True)]
    return float(np.mean(rr)), float(np.mean(hit))


class Trainer:
    """The in-batch contrastive loop over one SentenceTransformer's top layers."""

    def __init__(self, model, layers: int, lr: float, steps: int) -> None:  # noqa: ANN001
        self.model = model
        self.network = model[0].auto_model
        self.tokenizer = model.tokenizer
        for parameter in self.network.parameters():
            parameter.requires_grad = False
        self.trained = [p for layer in self.network.encoder.layer[-layers:] for p in layer.parameters()]
        for parameter in self.trained:
            parameter.requires_grad = True
        self.optimiser = torch.optim.AdamW(self.trained, lr=lr, weight_decay=0.01)
        self.schedule = torch.optim.lr_scheduler.OneCycleLR(
            self.optimiser, max_lr=lr, total_steps=steps, pct_start=0.1
        )

    def embed(self, texts: list[str]) -> torch.Tensor:
        features = self.tokenizer(texts, padding=True, truncation=True, max_length=32, return_tensors="pt")
        hidden = self.network(**features).last_hidden_state
        mask = features["attention_mask"].unsqueeze(-1).float()
        return torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9), dim=-1)

    def step(self, anchors: list[str], positives: list[str]) -> float:
        logits = SCALE * self.embed(anchors) @ self.embed(positives).T
        target = torch.arange(len(anchors))
        cross = torch.nn.functional.cross_entropy
        loss = (cross(logits, target) + cross(logits.T, target)) / 2
        self.optimiser.zero_grad()
        loss.backward()
        self.optimiser.step()
        self.schedule.step()
        return float(loss.item())


def batches(groups: list[list[str]], size: int, rng: random.Random) -> list[tuple[list[str], list[str]]]:
    """One epoch: every label of a concept with two labels or more, beside another label of it."""
    anchors = [(label, c) for c, group in enumerate(groups) if len(group) >= 2 for label in group]
    rng.shuffle(anchors)
    out: list[tuple[list[str], list[str]]] = []
    while anchors:
        seen: set[int] = set()
        batch, rest = [], []
        for label, concept in anchors:
            if len(batch) < size and concept not in seen:
                seen.add(concept)
                batch.append((label, rng.choice([x for x in groups[concept] if x != label])))
            else:
                rest.append((label, concept))
        if len(batch) < size // 2:
            break
        out.append(([a for a, _ in batch], [b for _, b in batch]))
        anchors = rest
    return out


def encode(model, texts: list[str]) -> NDArray[np.float32]:  # noqa: ANN001
    model.eval()
    with torch.no_grad():
        return model.encode(texts, batch_size=256, convert_to_numpy=True, normalize_embeddings=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--layers", type=int, default=6, help="top transformer layers trained (6 = all)")
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--lr", type=float, default=3e-5)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--queries", type=int, default=400, help="seeded sample of en>en queries (400)")
    parser.add_argument("--out", type=Path, default=ROOT / ".cache" / "title-encoder-finetuned")
    args = parser.parse_args()
    if not available():
        raise SystemExit(
            f"skipped: MELO is not in {DATASETS / 'melo'} (the shared datasets are not beside the checkout)"
        )
    from sentence_transformers import SentenceTransformer

    print(
        f"bench/finetune_title_encoder.py, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; {describe()}",
        flush=True,
    )
    torch.manual_seed(0)
    rng = random.Random(0)
    occupations = with_isco_concepts(load_esco([DATASETS / "esco"])).occupations
    groups = [[o.label, *o.alt_labels] for o in occupations]
    train, held = hold_out(groups, 0.1, seed=0)
    train_texts, train_owners = concept_texts(train)
    gold = np.asarray([c for _, c in held])
    print(
        f"{len(groups):,} concepts, {len(train_texts):,} labels trained on, {len(held):,} held out",
        flush=True,
    )

    model = SentenceTransformer(resolve_model(None), device="cpu")

    def held_out_score() -> tuple[float, float]:
        sims = encode(model, [h for h, _ in held]) @ encode(model, train_texts).T
        return mrr_at_10(max_by_owner(sims, train_owners, len(groups)), gold)

    epochs = [batches(train, args.batch, rng) for _ in range(args.epochs)]
    trainer = Trainer(model, args.layers, args.lr, sum(map(len, epochs)))
    print(f"trained parameters: {sum(p.numel() for p in trainer.trained):,}", flush=True)
    best, best_epoch = held_out_score(), 0
    print(f"epoch 0: ESCO held-out MRR@10 {best[0]:.3f} R@1 {best[1]:.3f}", flush=True)
    for epoch, pairs in enumerate(epochs, start=1):
        started = time.perf_counter()
        model.train()
        losses = [trainer.step(a, b) for a, b in pairs]
        score = held_out_score()
        print(
            f"epoch {epoch} ({time.perf_counter() - started:.0f} s, loss {np.mean(losses):.3f}): "
            f"ESCO held-out MRR@10 {score[0]:.3f} R@1 {score[1]:.3f}",
            flush=True,
        )
        if score[0] > best[0]:
            best, best_epoch = score, epoch
            model.save(str(args.out))
    print(f"kept: epoch {best_epoch} (written to {args.out})", flush=True)

    pair = load_pair("en>en")
    rows = sample(pair, args.queries)
    queries = [clean_title(pair.queries[i]) for i in rows]
    texts, owners = concept_texts(groups)
    uris = [o.uri for o in occupations]
    lexical = LexicalIndex().fit(groups).scores(queries)
    print(f"\n| en>en, {len(rows)} queries, concept level | MRR | MRR@10 | R@1 |\n|---|---|---|---|")
    for name, path in (
        ("all-MiniLM-L6-v2", resolve_model(None)),
        (f"fine-tuned, epoch {best_epoch}", str(args.out)),
    ):
        encoder = SentenceTransformer(path, device="cpu")
        zero_shot = max_by_owner(encode(encoder, queries) @ encode(encoder, texts).T, owners, len(uris))
        for weight in (0.0, 0.2):
            ranks = ranks_from_concepts((zero_shot + weight * lexical).astype(np.float32), uris, pair, rows)[
                "concept"
            ]
            print(
                f"| {name} + {weight:g} x TF-IDF | {expected_rr(ranks).mean():.3f} | "
                f"{expected_rr(ranks, 10).mean():.3f} | {expected_hit(ranks, 1).mean():.3f} |"
            )


if __name__ == "__main__":
    main()
