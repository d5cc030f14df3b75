"""Scratch study 6: gate the head by zero-shot confidence (score-shape features), fold 0."""

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
from sklearn.linear_model import LogisticRegression  # noqa: E402
from train_heads import load_title_data  # noqa: E402

STUDY = ROOT / ".cache" / "title-study"


def fmt(m):
    return f"R@1 {m['R@1']:.3f} R@5 {m['R@5']:.3f} MRR {m['MRR@10']:.3f}"


def shape(base, sem):
    top2 = -np.partition(-base, 1, axis=1)[:, :2]
    s2 = -np.partition(-sem, 1, axis=1)[:, :2]
    return np.stack([s2[:, 0], s2[:, 0] - s2[:, 1], top2[:, 0], top2[:, 0] - top2[:, 1]], 1)


f = 0
data = load_title_data()
syn = synonym_folds(data.esco)
label_vecs = np.load(STUDY / "label_vectors.npy")
title_vecs = np.load(STUDY / "title_vectors.npy")
tb = np.load(STUDY / "title_base.npy", mmap_mode="r")
tfold = folds_of(len(data.titles), 5)
ttr, tte = np.flatnonzero(tfold != f), np.flatnonzero(tfold == f)
TB, TS = np.asarray(tb[0]), np.asarray(tb[1])
q, sgold, qf = syn.queries, syn.gold, syn.query_fold
str_, ste = np.flatnonzero(qf != f), np.flatnonzero(qf == f)
SB = np.load(STUDY / f"syn_base_{f}.npy", mmap_mode="r")
SS = np.load(STUDY / f"syn_sem_{f}.npy", mmap_mode="r")
xt = shape(TB, TS)
xs_tr = np.vstack(
    [shape(np.asarray(SB[i : i + 4000]), np.asarray(SS[i : i + 4000])) for i in range(0, len(q), 4000)]
)
yt = TB.argmax(1) == data.gold
ys = np.asarray([np.asarray(SB[i : i + 4000]).argmax(1) for i in range(0, len(q), 4000)], dtype=object)
ys = np.concatenate(list(ys)) == sgold
clf = LogisticRegression(max_iter=1000).fit(np.vstack([xt[ttr], xs_tr[str_]]), np.r_[yt[ttr], ys[str_]])
print("coef", clf.coef_, clf.intercept_)
pt, ps = clf.predict_proba(xt[tte])[:, 1], clf.predict_proba(xs_tr[ste])[:, 1]
print("mean P(zs right): titles", pt.mean(), "labels", ps.mean())
z = np.load(STUDY / f"head_titles_{f}.npz")
c, b = z["c"], z["b"]
tbase, tg = TB[tte], data.gold[tte]
sb, sg = np.asarray(SB[ste]), sgold[ste]
th = title_vecs[tte] @ c.T + b
sh = label_vecs[q[ste]] @ c.T + b
for lo, hi in ((0.3, 0.7), (0.4, 0.8), (0.5, 0.9), (0.5, 0.7), (0.6, 0.9), (0.7, 0.9), (0.8, 1.0)):
    gt = np.clip((hi - pt) / (hi - lo), 0, 1)[:, None]
    gs = np.clip((hi - ps) / (hi - lo), 0, 1)[:, None]
    print(
        f"gate P {lo}-{hi}: titles",
        fmt(title_metrics(tbase + gt * th, tg)),
        "| labels",
        fmt(title_metrics(sb + gs * sh, sg)),
        f"g {gt.mean():.2f} {gs.mean():.2f}",
        flush=True,
    )
