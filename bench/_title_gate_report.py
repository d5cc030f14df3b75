"""Scratch study 12, report (issue 22): 5-fold figures of the title-vs-label gate.

    .venv/bin/python bench/_title_gate_report.py   # after bench/_title_gate_folds.py 0 1 2 3 4

A gated system sends a query to today's head (+ ``tb`` x label-centroid cosine) when the
gate's P(title) > ``thr``, else to the no-head score + 1.0 x centroid cosine. The nested row
chooses (thr, tb) for fold f on the other four folds' held-out items only (highest titles R@1
among the settings whose labels R@1 is at or above zero-shot there), and reports fold f.
Intervals: paired bootstrap (2,000 resamples of the pooled held-out items, seed 0).
"""

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / ".cache" / "title-gate"
THRESHOLDS = (0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5)
HEAD_CENTROID = (0.0, 0.1, 0.2)
folds = [int(a) for a in sys.argv[1:]] or [0, 1, 2, 3, 4]
Z = {f: dict(np.load(OUT / f"fold{f}.npz")) for f in folds}
CHOICE: dict[int, tuple[float, float]] = {}


def gated(z, side, thr, tb):
    p = z["pt"] if side == "t" else z["ps"]
    return np.where(p > thr, z[f"{side}_headc{tb}"], z[f"{side}_cent"])


def system(z, side, name):
    if isinstance(name, tuple):
        return gated(z, side, *name)
    return z[f"{side}_{name}"]


def r1(ranks):
    return (ranks < 1).astype(np.float64)


def mrr(ranks):
    return np.where(ranks < 10, 1.0 / (ranks + 1), 0.0)


def inner_runs(f):
    """Fold f's inner runs (trained and indexed without fold f), else the other outer folds."""
    paths = [OUT / f"fold{f}_{g}.npz" for g in range(5) if g != f]
    if all(p.exists() for p in paths):
        return [dict(np.load(p)) for p in paths]
    print(f"  (fold {f}: inner runs missing, choosing on the other outer folds)")
    return [Z[g] for g in folds if g != f]


def choose(f):
    """(thr, tb) chosen on the folds other than f."""
    runs = inner_runs(f)
    best, best_key = None, None
    for thr in THRESHOLDS:
        for tb in HEAD_CENTROID:
            t = np.concatenate([r1(gated(z, "t", thr, tb)) for z in runs]).mean()
            s = np.concatenate([r1(gated(z, "s", thr, tb)) for z in runs]).mean()
            s0 = np.concatenate([r1(z["s_zero"]) for z in runs]).mean()
            key = (s >= s0, t if s >= s0 else s, s)
            if best_key is None or key > best_key:
                best, best_key = (thr, tb), key
    return best


def chosen(f):
    if f not in CHOICE:
        CHOICE[f] = choose(f)
    return CHOICE[f]


def ranks(name, side):
    if name == "nested":
        return np.concatenate([gated(Z[f], side, *chosen(f)) for f in folds])
    return np.concatenate([system(Z[f], side, name) for f in folds])


rng = np.random.default_rng(0)


def interval(a, b):
    """Paired bootstrap 95% interval of mean(a) - mean(b)."""
    d = a - b
    idx = rng.integers(0, len(d), size=(2000, len(d)))
    boots = d[idx].mean(axis=1)
    return d.mean(), np.percentile(boots, 2.5), np.percentile(boots, 97.5)


if len(folds) == 5:
    print("nested choices:", {f: chosen(f) for f in folds})
print(f"folds {folds}; titles {len(ranks('zero', 't'))}, labels {len(ranks('zero', 's'))}")
print(
    "| system (5 folds pooled) | titles R@1 | titles MRR@10 | labels R@1 | labels MRR@10 "
    "| titles R@1 - today's head [95%] | labels R@1 - zero-shot [95%] |"
)
print("|---|---|---|---|---|---|---|")
names = ["zero", "nohead", "cent", "head", "headc0.1"]
names += [(thr, tb) for thr in THRESHOLDS for tb in HEAD_CENTROID] + ["nested"]
th, sz = r1(ranks("head", "t")), r1(ranks("zero", "s"))
for n in names:
    t, s = ranks(n, "t"), ranks(n, "s")
    dt, dt_lo, dt_hi = interval(r1(t), th)
    ds, ds_lo, ds_hi = interval(r1(s), sz)
    print(
        f"| {n} | {r1(t).mean():.3f} | {mrr(t).mean():.3f} | {r1(s).mean():.3f} | {mrr(s).mean():.3f} "
        f"| {dt:+.3f} [{dt_lo:+.3f}, {dt_hi:+.3f}] | {ds:+.3f} [{ds_lo:+.3f}, {ds_hi:+.3f}] |",
        flush=True,
    )
print("\nper fold R@1 (titles / labels):")
for n in ["zero", "head", (0.2, 0.1), (0.5, 0.1), "nested"]:
    cells = []
    for f in folds:
        if n == "nested":
            c = chosen(f)
            t, s = gated(Z[f], "t", *c), gated(Z[f], "s", *c)
        else:
            t, s = system(Z[f], "t", n), system(Z[f], "s", n)
        cells.append(f"{r1(t).mean():.3f} / {r1(s).mean():.3f}")
    print(f"| {n} | " + " | ".join(cells) + " |")
