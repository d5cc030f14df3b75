"""Scratch study 7: joint heads with small label weight; KL-to-zero-shot on label queries."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT, ROOT / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))
from _synonyms import synonym_folds  # noqa: E402
from matcher_quality import folds_of, title_metrics  # noqa: E402
from train_heads import load_title_data  # noqa: E402

STUDY = ROOT / ".cache" / "title-study"
torch.set_num_threads(1)


def fmt(m):
    return f"R@1 {m['R@1']:.3f} R@5 {m['R@5']:.3f} MRR {m['MRR@10']:.3f}"


def train(base, q, y, kind, mu, n, epochs=10, lr=1e-2, scale=20.0, decay=1e-5, seed=0, batch=256):
    """kind 0: CE on gold; kind 1: weight mu x (CE on gold if mode=='ce' else KL to zero-shot)."""
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    B = torch.from_numpy(np.ascontiguousarray(base, np.float32))
    Q = torch.from_numpy(np.ascontiguousarray(q, np.float32))
    Y = torch.from_numpy(y.astype(np.int64))
    K = torch.from_numpy(kind.astype(np.float32))
    c = torch.zeros(n, q.shape[1], requires_grad=True)
    b = torch.zeros(n, requires_grad=True)
    opt = torch.optim.Adam([c, b], lr=lr)
    for _ in range(epochs):
        order = torch.from_numpy(rng.permutation(len(Y)))
        for s in range(0, len(order), batch):
            idx = order[s : s + batch]
            zs = scale * B[idx]
            logits = zs + Q[idx] @ c.T + b
            ce = torch.nn.functional.cross_entropy(logits, Y[idx], reduction="none")
            k = K[idx]
            if MODE == "kl":
                p0 = torch.softmax(zs, 1)
                kl = (p0 * (torch.log_softmax(zs, 1) - torch.log_softmax(logits, 1))).sum(1)
                loss = ((1 - k) * ce + mu * k * kl).sum() / len(idx)
            else:
                w = (1 - k) + mu * k
                loss = (w * ce).sum() / w.sum()
            loss = loss + decay * c.pow(2).sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
    return c.detach().numpy() / scale, b.detach().numpy() / scale


MODE = sys.argv[1]
mus = [float(x) for x in sys.argv[2].split(",")]
f = 0
data = load_title_data()
syn = synonym_folds(data.esco)
label_vecs = np.load(STUDY / "label_vectors.npy")
title_vecs = np.load(STUDY / "title_vectors.npy")
tb = np.load(STUDY / "title_base.npy", mmap_mode="r")
TB = np.asarray(tb[0])
tfold = folds_of(len(data.titles), 5)
ttr, tte = np.flatnonzero(tfold != f), np.flatnonzero(tfold == f)
q, sgold, qf = syn.queries, syn.gold, syn.query_fold
str_, ste = np.flatnonzero(qf != f), np.flatnonzero(qf == f)
SB = np.load(STUDY / f"syn_base_{f}.npy", mmap_mode="r")
sb_tr, sb_te = np.asarray(SB[str_]), np.asarray(SB[ste])
base = np.concatenate([TB[ttr], sb_tr])
vecs = np.concatenate([title_vecs[ttr], label_vecs[q[str_]]])
gold = np.concatenate([data.gold[ttr], sgold[str_]])
kind = np.r_[np.zeros(len(ttr)), np.ones(len(str_))]
for mu in mus:
    t = time.perf_counter()
    c, b = train(base, vecs, gold, kind, mu, syn.n_occupations)
    np.savez(STUDY / f"head_{MODE}_{mu}_{f}.npz", c=c, b=b)
    print(
        f"{MODE} mu {mu} ({time.perf_counter() - t:.0f}s): titles",
        fmt(title_metrics(TB[tte] + title_vecs[tte] @ c.T + b, data.gold[tte])),
        "| labels",
        fmt(title_metrics(sb_te + label_vecs[q[ste]] @ c.T + b, sgold[ste])),
        flush=True,
    )
