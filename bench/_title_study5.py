"""Scratch study 5: per-(query, occupation) closeness gate on today's head, post hoc."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT, ROOT / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))
from _synonyms import synonym_folds  # noqa: E402
from matcher_quality import folds_of, title_metrics  # noqa: E402
from train_heads import load_title_data  # noqa: E402

STUDY = ROOT / ".cache" / "title-study"


def fmt(m):
    return f"R@1 {m['R@1']:.3f} R@5 {m['R@5']:.3f} MRR {m['MRR@10']:.3f}"


f = 0
data = load_title_data()
syn = synonym_folds(data.esco)
label_vecs = np.load(STUDY / "label_vectors.npy")
title_vecs = np.load(STUDY / "title_vectors.npy")
tb = np.load(STUDY / "title_base.npy", mmap_mode="r")
tfold = folds_of(len(data.titles), 5)
tte = np.flatnonzero(tfold == f)
title_base, title_sem = np.asarray(tb[0][tte]), np.asarray(tb[1][tte])
tg = data.gold[tte]
q, sgold, qf = syn.queries, syn.gold, syn.query_fold
ste = np.flatnonzero(qf == f)
sb = np.asarray(np.load(STUDY / f"syn_base_{f}.npy", mmap_mode="r")[ste])
ss = np.asarray(np.load(STUDY / f"syn_sem_{f}.npy", mmap_mode="r")[ste])
sg = sgold[ste]
z = np.load(STUDY / f"head_titles_{f}.npz")
c, b = z["c"], z["b"]
th = title_vecs[tte] @ c.T + b
sh = label_vecs[q[ste]] @ c.T + b
print("head  titles", fmt(title_metrics(title_base + th, tg)), "| labels", fmt(title_metrics(sb + sh, sg)))
print(
    "head term stats: titles gold",
    np.mean(th[np.arange(len(tg)), tg]),
    "labels gold",
    np.mean(sh[np.arange(len(sg)), sg]),
)
for on in ("sem", "base"):
    for tau in (0.8, 0.85, 0.9, 0.95):
        for width in (0.05, 0.1):
            gt = np.clip((tau - (title_sem if on == "sem" else title_base / 1.2)) / width, 0, 1)
            gs = np.clip((tau - (ss if on == "sem" else sb / 1.2)) / width, 0, 1)
            print(
                f"per-occupation gate on {on} tau {tau} width {width}: titles",
                fmt(title_metrics(title_base + gt * th, tg)),
                "| labels",
                fmt(title_metrics(sb + gs * sh, sg)),
                flush=True,
            )
# relative closeness: gate by distance of this occupation's score to the query's best zero-shot score
for tau in (0.02, 0.05, 0.1):
    rt = title_sem.max(1, keepdims=True) - title_sem
    rs = ss.max(1, keepdims=True) - ss
    for hi in (0.85, 0.9):
        gt = 1 - (title_sem.max(1, keepdims=True) > hi) * (rt < tau)
        gs = 1 - (ss.max(1, keepdims=True) > hi) * (rs < tau)
        print(
            f"mute head near a very close label (max>{hi}, within {tau}): titles",
            fmt(title_metrics(title_base + gt * th, tg)),
            "| labels",
            fmt(title_metrics(sb + gs * sh, sg)),
            flush=True,
        )
print(
    "titles: bias only",
    fmt(title_metrics(title_base + b, tg)),
    "| c only",
    fmt(title_metrics(title_base + title_vecs[tte] @ c.T, tg)),
)
seen = np.zeros(len(data.uris), bool)
seen[data.gold[np.flatnonzero(tfold != f)]] = True
print(
    "bias seen mean",
    b[seen].mean(),
    "unseen mean",
    b[~seen].mean(),
    "norm c seen",
    np.linalg.norm(c[seen], axis=1).mean(),
    "unseen",
    np.linalg.norm(c[~seen], axis=1).mean(),
)
