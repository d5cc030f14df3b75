"""Scratch study for issue 22 (why the head loses plain synonyms, and which fix)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT, ROOT / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from _synonyms import synonym_folds, zero_shot_scores  # noqa: E402
from matcher_quality import folds_of, title_metrics  # noqa: E402
from train_heads import load_title_data  # noqa: E402

from matcher.normalize import TitleNormalizer  # noqa: E402

STUDY = ROOT / ".cache" / "title-study"
STUDY.mkdir(parents=True, exist_ok=True)


def cached(name, make):
    path = STUDY / f"{name}.npy"
    if path.is_file():
        return np.load(path)
    value = make()
    np.save(path, value)
    return value


def main() -> None:
    t0 = time.perf_counter()
    data = load_title_data()
    print(f"data {time.perf_counter() - t0:.0f}s", flush=True)
    syn = synonym_folds(data.esco)
    label_vecs = cached("label_vectors", lambda: data.encoder.encode(syn.texts))
    print(f"labels {time.perf_counter() - t0:.0f}s", flush=True)
    cached("title_vectors", lambda: data.encoder.encode(data.titles))

    def title_base():
        zs = TitleNormalizer(encoder=data.encoder, head=None).fit(data.esco)
        sem = zs.ranker_.scores(zs.ranker_.embed_queries(data.titles))
        lex = zs.lexical_.scores(data.titles)
        return np.stack([sem + 0.2 * lex, sem])

    tb = cached("title_base", title_base)
    print(f"title base {time.perf_counter() - t0:.0f}s", flush=True)
    for f in [None, 0, 1, 2, 3, 4]:
        name = "all" if f is None else str(f)
        if (STUDY / f"syn_base_{name}.npy").is_file():
            continue
        base, sem = zero_shot_scores(syn, label_vecs, f)
        np.save(STUDY / f"syn_base_{name}.npy", base)
        np.save(STUDY / f"syn_sem_{name}.npy", sem)
        print(f"syn fold {name} {time.perf_counter() - t0:.0f}s", flush=True)
    # quick zero-shot figures on held-out labels
    q, gold, qf = syn.queries, syn.gold, syn.query_fold
    for f in range(5):
        rows = np.flatnonzero(qf == f)
        base = np.load(STUDY / f"syn_base_{f}.npy", mmap_mode="r")[rows]
        sem = np.load(STUDY / f"syn_sem_{f}.npy", mmap_mode="r")[rows]
        print(
            f,
            "base",
            title_metrics(np.asarray(base), gold[rows]),
            "sem",
            title_metrics(np.asarray(sem), gold[rows]),
        )
    fold = folds_of(len(data.titles), 5)
    print("titles base", title_metrics(tb[0], data.gold), "sem", title_metrics(tb[1], data.gold))
    del q, fold


if __name__ == "__main__":
    main()
