"""Scratch study 8: centroid in the zero-shot base (LOO for training labels); heads on it; end-to-end gate."""

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


def train(base, q, feats, y, w_row, n, gated, epochs=10, lr=1e-2, scale=20.0, decay=1e-5, seed=0, batch=256):
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    B = torch.from_numpy(np.ascontiguousarray(base, np.float32))
    Q = torch.from_numpy(np.ascontiguousarray(q, np.float32))
    F = torch.from_numpy(np.ascontiguousarray(feats, np.float32))
    Y = torch.from_numpy(y.astype(np.int64))
    W = torch.from_numpy(w_row.astype(np.float32))
    c = torch.zeros(n, q.shape[1], requires_grad=True)
    b = torch.zeros(n, requires_grad=True)
    gw = torch.zeros(q.shape[1], requires_grad=True)
    gu = torch.zeros(F.shape[1], requires_grad=True)
    ga = torch.full((1,), 3.0, requires_grad=True)
    opt = torch.optim.Adam([c, b] + ([gw, gu, ga] if gated else []), lr=lr)
    for _ in range(epochs):
        order = torch.from_numpy(rng.permutation(len(Y)))
        for s in range(0, len(order), batch):
            idx = order[s : s + batch]
            term = Q[idx] @ c.T + b
            if gated:
                term = torch.sigmoid(Q[idx] @ gw + F[idx] @ gu + ga)[:, None] * term
            ce = torch.nn.functional.cross_entropy(scale * B[idx] + term, Y[idx], reduction="none")
            loss = (W[idx] * ce).sum() / W[idx].sum() + decay * c.pow(2).sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
    return dict(
        c=c.detach().numpy() / scale,
        b=b.detach().numpy() / scale,
        gw=gw.detach().numpy(),
        gu=gu.detach().numpy(),
        ga=ga.detach().numpy(),
    )


def apply(m, base, q, feats, gated):
    term = q @ m["c"].T + m["b"]
    if gated:
        g = 1 / (1 + np.exp(-(q @ m["gw"] + feats @ m["gu"] + m["ga"])))
        return base + g[:, None] * term, g
    return base + term, None


beta = float(sys.argv[1])
which = sys.argv[2].split(",")
f = 0
data = load_title_data()
syn = synonym_folds(data.esco)
lv = np.load(STUDY / "label_vectors.npy")
tv = np.load(STUDY / "title_vectors.npy")
tb = np.load(STUDY / "title_base.npy", mmap_mode="r")
TB, TS = np.asarray(tb[0]), np.asarray(tb[1])
tfold = folds_of(len(data.titles), 5)
ttr, tte = np.flatnonzero(tfold != f), np.flatnonzero(tfold == f)
q, sg, qf = syn.queries, syn.gold, syn.query_fold
str_, ste = np.flatnonzero(qf != f), np.flatnonzero(qf == f)
SBm = np.load(STUDY / f"syn_base_{f}.npy", mmap_mode="r")
SSm = np.load(STUDY / f"syn_sem_{f}.npy", mmap_mode="r")
keep = syn.fold != f
total = np.zeros((syn.n_occupations, 384), np.float32)
np.add.at(total, syn.owners[keep], lv[keep])
cent = total / np.linalg.norm(total, axis=1, keepdims=True)


def cent_sims(vecs, own_rows=None):
    s = vecs @ cent.T
    if own_rows is not None:  # leave-one-out: the query's own label leaves its occupation's centroid
        o = syn.owners[own_rows]
        rest = total[o] - lv[own_rows]
        s[np.arange(len(o)), o] = np.einsum("ij,ij->i", vecs, rest) / np.linalg.norm(rest, axis=1).clip(1e-6)
    return s


TBc = TB + beta * cent_sims(tv)
sb_tr = np.asarray(SBm[str_]) + beta * cent_sims(lv[q[str_]], q[str_])
sb_te = np.asarray(SBm[ste]) + beta * cent_sims(lv[q[ste]])
tmax, smax_tr, smax_te = TS.max(1), np.asarray(SSm[str_]).max(1), np.asarray(SSm[ste]).max(1)


def feat(m):
    return np.stack([m, np.ones_like(m)], 1).astype(np.float32)


print(
    f"beta {beta} zero-shot: titles",
    fmt(title_metrics(TBc[tte], data.gold[tte])),
    "| labels",
    fmt(title_metrics(sb_te, sg[ste])),
    flush=True,
)
for name in which:
    t = time.perf_counter()
    if name == "titles":
        m = train(
            TBc[ttr], tv[ttr], feat(tmax[ttr]), data.gold[ttr], np.ones(len(ttr)), syn.n_occupations, False
        )
        gated = False
    else:
        mu = float(name.split("-")[1])
        gated = name.startswith("gated")
        m = train(
            np.concatenate([TBc[ttr], sb_tr]),
            np.concatenate([tv[ttr], lv[q[str_]]]),
            feat(np.r_[tmax[ttr], smax_tr]),
            np.concatenate([data.gold[ttr], sg[str_]]),
            np.r_[np.ones(len(ttr)), np.full(len(str_), mu)],
            syn.n_occupations,
            gated,
        )
    np.savez(STUDY / f"h8_{name}_{beta}_{f}.npz", **m)
    ts, gt = apply(m, TBc[tte], tv[tte], feat(tmax[tte]), gated)
    ss, gs = apply(m, sb_te, lv[q[ste]], feat(smax_te), gated)
    extra = f" gate titles {gt.mean():.2f} labels {gs.mean():.2f}" if gated else ""
    print(
        f"{name} ({time.perf_counter() - t:.0f}s): titles",
        fmt(title_metrics(ts, data.gold[tte])),
        "| labels",
        fmt(title_metrics(ss, sg[ste])) + extra,
        flush=True,
    )
