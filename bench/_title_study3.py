"""Scratch study 3: label-only heads with regularisation, centroid term, gated mixture of two heads."""

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


def train_mixture(
    base,
    q,
    feats,
    y,
    src,
    n,
    *,
    epochs=10,
    lr=1e-2,
    scale=20.0,
    decay=(1e-5, 1e-5),
    gated=True,
    seed=0,
    batch=256,
):
    """Two per-occupation heads (titles: src 0, labels: src 1) mixed by a learned gate g(q).

    logit = scale*base + g*(q.ct + bt) + (1-g)*(q.cl + bl); g = sigmoid(q.w + feats.u + a).
    Without ``gated``: one head, g = 1.
    """
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    base_t = torch.from_numpy(np.ascontiguousarray(base, dtype=np.float32))
    q_t = torch.from_numpy(np.ascontiguousarray(q, dtype=np.float32))
    f_t = torch.from_numpy(np.ascontiguousarray(feats, dtype=np.float32))
    y_t = torch.from_numpy(np.asarray(y, dtype=np.int64))
    s_t = torch.from_numpy(np.asarray(src, dtype=np.float32))
    d = q.shape[1]
    ct = torch.zeros(n, d, requires_grad=True)
    bt = torch.zeros(n, requires_grad=True)
    cl = torch.zeros(n, d, requires_grad=True)
    bl = torch.zeros(n, requires_grad=True)
    w = torch.zeros(d, requires_grad=True)
    u = torch.zeros(f_t.shape[1], requires_grad=True)
    a = torch.zeros(1, requires_grad=True)
    params = [ct, bt] + ([cl, bl, w, u, a] if gated else [])
    opt = torch.optim.Adam(params, lr=lr)
    for _ in range(epochs):
        order = torch.from_numpy(rng.permutation(len(y_t)))
        for start in range(0, len(order), batch):
            idx = order[start : start + batch]
            qb = q_t[idx]
            if gated:
                g = torch.sigmoid(qb @ w * 10 + f_t[idx] @ u * 10 + a * 10)[:, None]
                logits = scale * base_t[idx] + g * (qb @ ct.T + bt) + (1 - g) * (qb @ cl.T + bl)
                loss = torch.nn.functional.cross_entropy(logits, y_t[idx])
                # the gate also learns which source a query comes from
                loss = loss + torch.nn.functional.binary_cross_entropy(g[:, 0], 1 - s_t[idx])
            else:
                logits = scale * base_t[idx] + qb @ ct.T + bt
                loss = torch.nn.functional.cross_entropy(logits, y_t[idx])
            loss = loss + decay[0] * ct.pow(2).sum() + decay[1] * cl.pow(2).sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
    out = {
        k: v.detach().numpy() / (scale if k in "ct bt cl bl" else 1.0)
        for k, v in dict(ct=ct, bt=bt, cl=cl, bl=bl, w=w, u=u, a=a).items()
    }
    return out


def apply(m, base, q, feats, gated=True):
    t = q @ m["ct"].T + m["bt"]
    if not gated:
        return base + t, None
    g = 1 / (1 + np.exp(-(q @ m["w"] * 10 + feats @ m["u"] * 10 + m["a"] * 10)))
    return base + g[:, None] * t + (1 - g[:, None]) * (q @ m["cl"].T + m["bl"]), g


def main() -> None:
    f = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    which = sys.argv[2].split(",") if len(sys.argv) > 2 else ["centroid", "labelonly", "mixture"]
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
    n = syn.n_occupations
    sb = np.load(STUDY / f"syn_base_{f}.npy", mmap_mode="r")
    ss = np.load(STUDY / f"syn_sem_{f}.npy", mmap_mode="r")
    ttr, tte = np.flatnonzero(tfold != f), np.flatnonzero(tfold == f)
    str_, ste = np.flatnonzero(qf != f), np.flatnonzero(qf == f)
    s_base_te, s_base_tr = np.asarray(sb[ste]), np.asarray(sb[str_])
    s_sem_tr_max, s_sem_te_max = np.asarray(ss[str_]).max(1), np.asarray(ss[ste]).max(1)
    t_sem_max = title_sem.max(1)
    print(f"fold {f} loaded {time.perf_counter() - t0:.0f}s", flush=True)
    print(
        "zero-shot  titles",
        fmt(title_metrics(title_base[tte], data.gold[tte])),
        "| labels",
        fmt(title_metrics(s_base_te, sgold[ste])),
    )

    if "centroid" in which:
        keep = syn.fold != f
        cent = np.zeros((n, label_vecs.shape[1]), np.float32)
        np.add.at(cent, syn.owners[keep], label_vecs[keep])
        cent /= np.linalg.norm(cent, axis=1, keepdims=True)
        tc, sc = title_vecs[tte] @ cent.T, qvec[ste] @ cent.T
        for beta in (0.1, 0.2, 0.3, 0.5):
            print(
                f"  + {beta} x centroid cos: titles",
                fmt(title_metrics(title_base[tte] + beta * tc, data.gold[tte])),
                "| labels",
                fmt(title_metrics(s_base_te + beta * sc, sgold[ste])),
                flush=True,
            )

    def feats_of(maxcos):
        return np.stack([maxcos, np.ones_like(maxcos)], 1).astype(np.float32)

    if "labelonly" in which:
        for decay, epochs in ((1e-5, 10), (1e-4, 10), (1e-3, 10), (1e-4, 4)):
            t = time.perf_counter()
            m = train_mixture(
                s_base_tr,
                qvec[str_],
                feats_of(s_sem_tr_max),
                sgold[str_],
                np.ones(len(str_)),
                n,
                epochs=epochs,
                decay=(decay, 0),
                gated=False,
            )
            sc, _ = apply(m, s_base_te, qvec[ste], None, gated=False)
            tsc, _ = apply(m, title_base[tte], title_vecs[tte], None, gated=False)
            print(
                f"  label-only head decay {decay} epochs {epochs} ({time.perf_counter() - t:.0f}s): titles",
                fmt(title_metrics(tsc, data.gold[tte])),
                "| labels",
                fmt(title_metrics(sc, sgold[ste])),
                flush=True,
            )

    if "mixture" in which:
        base = np.concatenate([title_base[ttr], s_base_tr])
        vecs = np.concatenate([title_vecs[ttr], qvec[str_]])
        gold = np.concatenate([data.gold[ttr], sgold[str_]])
        src = np.r_[np.zeros(len(ttr)), np.ones(len(str_))]
        feats = feats_of(np.r_[t_sem_max[ttr], s_sem_tr_max])
        for decay in ((1e-5, 1e-4), (1e-5, 1e-3)):
            t = time.perf_counter()
            m = train_mixture(base, vecs, feats, gold, src, n, decay=decay)
            tsc, gt = apply(m, title_base[tte], title_vecs[tte], feats_of(t_sem_max[tte]))
            sc, gs = apply(m, s_base_te, qvec[ste], feats_of(s_sem_te_max))
            print(
                f"  gated mixture decay {decay} ({time.perf_counter() - t:.0f}s): titles",
                fmt(title_metrics(tsc, data.gold[tte])),
                "| labels",
                fmt(title_metrics(sc, sgold[ste])),
                f"| gate titles mean {gt.mean():.2f} labels {gs.mean():.2f}",
                flush=True,
            )
            np.savez(STUDY / f"mixture_{f}_{decay[1]}.npz", **m)
    print(f"total {time.perf_counter() - t0:.0f}s")


if __name__ == "__main__":
    main()
