"""Scratch study 2: heads per fold, variants, gates (needs _title_study.py's caches)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT, ROOT / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from _synonyms import synonym_folds  # noqa: E402
from matcher_quality import folds_of, title_metrics  # noqa: E402
from train_heads import TITLE_CONFIG, load_title_data, train_title_head  # noqa: E402

STUDY = ROOT / ".cache" / "title-study"


def fmt(m):
    return f"R@1 {m['R@1']:.3f} R@5 {m['R@5']:.3f} MRR {m['MRR@10']:.3f}"


def main() -> None:
    folds = [int(x) for x in sys.argv[1].split(",")] if len(sys.argv) > 1 else [0]
    t0 = time.perf_counter()
    data = load_title_data()
    syn = synonym_folds(data.esco)
    label_vecs = np.load(STUDY / "label_vectors.npy")
    title_vecs = np.load(STUDY / "title_vectors.npy")
    tb = np.load(STUDY / "title_base.npy", mmap_mode="r")
    title_base, title_sem = np.asarray(tb[0]), np.asarray(tb[1])
    tfold = folds_of(len(data.titles), 5)
    q, sgold, qf = syn.queries, syn.gold, syn.query_fold
    qvec = label_vecs[q]
    # which occupations occur in the jobbert titles
    seen = np.zeros(syn.n_occupations, bool)
    seen[data.gold] = True
    for f in folds:
        sb = np.load(STUDY / f"syn_base_{f}.npy", mmap_mode="r")
        ss = np.load(STUDY / f"syn_sem_{f}.npy", mmap_mode="r")
        ttr, tte = np.flatnonzero(tfold != f), np.flatnonzero(tfold == f)
        str_, ste = np.flatnonzero(qf != f), np.flatnonzero(qf == f)
        s_base_te = np.asarray(sb[ste])
        s_sem_te_max = np.asarray(ss[ste]).max(axis=1)
        t_sem_te_max = title_sem[tte].max(axis=1)
        print(
            f"\n=== fold {f}: titles train {len(ttr)} test {len(tte)}"
            f"; labels train {len(str_)} test {len(ste)}"
        )
        print(
            f"max-cos: titles median {np.median(t_sem_te_max):.3f}"
            f", labels median {np.median(s_sem_te_max):.3f}"
        )
        print(
            "zero-shot  titles",
            fmt(title_metrics(title_base[tte], data.gold[tte])),
            "| labels",
            fmt(title_metrics(s_base_te, sgold[ste])),
        )
        print(
            "MiniLM only titles",
            fmt(title_metrics(title_sem[tte], data.gold[tte])),
            "| labels",
            fmt(title_metrics(np.asarray(ss[ste]), sgold[ste])),
        )
        heads = {}
        t = time.perf_counter()
        heads["titles only"] = train_title_head(title_base[ttr], title_vecs[ttr], data.gold[ttr], data.uris)
        print(f"  trained titles-only in {time.perf_counter() - t:.0f}s", flush=True)
        s_base_tr = np.asarray(sb[str_])
        for lam in [float(x) for x in (sys.argv[2].split(",") if len(sys.argv) > 2 else ["1.0"])]:
            t = time.perf_counter()
            base = np.concatenate([title_base[ttr], s_base_tr])
            vecs = np.concatenate([title_vecs[ttr], qvec[str_]])
            gold = np.concatenate([data.gold[ttr], sgold[str_]])
            weight = np.concatenate([np.ones(len(ttr)), np.full(len(str_), lam)]).astype(np.float32)
            heads[f"titles + labels x{lam}"] = train_title_head(
                base, vecs, gold, data.uris, TITLE_CONFIG, weight
            )
            print(f"  trained lam {lam} in {time.perf_counter() - t:.0f}s", flush=True)
        for name, head in heads.items():
            c, b = head.concept_vectors, head.bias
            th = title_vecs[tte] @ c.T + b
            sh = qvec[ste] @ c.T + b
            print(
                f"{name:24s} titles",
                fmt(title_metrics(title_base[tte] + th, data.gold[tte])),
                "| labels",
                fmt(title_metrics(s_base_te + sh, sgold[ste])),
            )
            ms = title_metrics(s_base_te + sh, sgold[ste])
            seen_te = seen[sgold[ste]]
            a = title_metrics(s_base_te[seen_te] + sh[seen_te], sgold[ste][seen_te])
            z = title_metrics(s_base_te[seen_te], sgold[ste][seen_te])
            a2 = title_metrics(s_base_te[~seen_te] + sh[~seen_te], sgold[ste][~seen_te])
            z2 = title_metrics(s_base_te[~seen_te], sgold[ste][~seen_te])
            print(
                f"   labels of occupations seen in titles ({seen_te.sum()}): head R@1 {a['R@1']:.3f}"
                f" vs zs {z['R@1']:.3f};"
                f" unseen ({(~seen_te).sum()}): head {a2['R@1']:.3f} vs zs {z2['R@1']:.3f}"
            )
            nb = title_metrics(s_base_te + qvec[ste] @ c.T, sgold[ste])
            nc = title_metrics(s_base_te + b, sgold[ste])
            print(
                f"   labels: without bias {nb['R@1']:.3f}; bias only {nc['R@1']:.3f}; overall {ms['R@1']:.3f}"
            )
            for alpha in (0.5, 0.75):
                print(
                    f"   alpha {alpha}: titles",
                    fmt(title_metrics(title_base[tte] + alpha * th, data.gold[tte])),
                    "| labels",
                    fmt(title_metrics(s_base_te + alpha * sh, sgold[ste])),
                )
            for lo, hi in ((0.7, 0.9), (0.75, 0.95), (0.8, 1.0), (0.85, 0.95), (0.6, 1.0)):
                gt = np.clip((hi - t_sem_te_max) / (hi - lo), 0, 1)[:, None]
                gs = np.clip((hi - s_sem_te_max) / (hi - lo), 0, 1)[:, None]
                print(
                    f"   gate {lo}-{hi}: titles",
                    fmt(title_metrics(title_base[tte] + gt * th, data.gold[tte])),
                    "| labels",
                    fmt(title_metrics(s_base_te + gs * sh, sgold[ste])),
                )
        sys.stdout.flush()
    print(f"total {time.perf_counter() - t0:.0f}s")


if __name__ == "__main__":
    main()
