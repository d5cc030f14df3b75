"""Scratch study 9 (issue 22, fold 0): shrink the head's term or bias; centroid base; margin fusion."""

import sys
import time
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT, ROOT / "bench"):
    sys.path.insert(0, str(p))
from _synonyms import synonym_folds, zero_shot_scores  # noqa: E402
from matcher_quality import folds_of, title_metrics  # noqa: E402
from train_heads import load_title_data, train_title_head  # noqa: E402

from matcher.normalize import TitleNormalizer  # noqa: E402

torch.set_num_threads(1)
T = ROOT / ".cache" / "title-study"
T.mkdir(parents=True, exist_ok=True)
f = 0
t0 = time.time()
data = load_title_data()
syn = synonym_folds(data.esco)
n_occ = syn.n_occupations


def cached(name, fn):
    p = T / f"{name}.npy"
    if p.exists():
        return np.load(p)
    a = fn()
    np.save(p, a)
    print(f"{name} computed t={time.time() - t0:.0f}", flush=True)
    return a


lv = cached("lv", lambda: data.encoder.encode(syn.texts))
tv = cached("tv", lambda: data.encoder.encode(data.titles))


def title_base():
    nh = TitleNormalizer(encoder=data.encoder, head=None).fit(data.esco)
    sem = nh.ranker_.scores(nh.ranker_.embed_queries(data.titles))
    return np.stack([sem + 0.2 * nh.lexical_.scores(data.titles), sem])


TBS = cached("title_base", title_base)
TB, TS = TBS[0], TBS[1]
q, qf = syn.queries, syn.query_fold
ste = np.flatnonzero(qf == f)


def syn_base():
    base, sem = zero_shot_scores(syn, lv, f)
    return np.stack([base[ste], sem[ste]])


SBS = cached(f"syn_base_{f}", syn_base)
SB, SS = SBS[0], SBS[1]
sg = syn.gold[ste]
tfold = folds_of(len(data.titles), 5)
ttr, tte = np.flatnonzero(tfold != f), np.flatnonzero(tfold == f)
tg = data.gold[tte]
counts = np.bincount(data.gold[ttr], minlength=n_occ)


def head_for(base_tr, name):
    p = T / f"head_{name}_{f}.npz"
    if p.exists():
        z = np.load(p)
        return z["c"], z["b"]
    h = train_title_head(base_tr, tv[ttr], data.gold[ttr], data.uris)
    np.savez(p, c=h.concept_vectors, b=h.bias)
    print(f"head {name} trained t={time.time() - t0:.0f}", flush=True)
    return h.concept_vectors, h.bias


C, b = head_for(TB[ttr], "plain")


# centroids
def centroids(keep):
    tot = np.zeros((n_occ, lv.shape[1]), np.float32)
    np.add.at(tot, syn.owners[keep], lv[keep])
    return tot / np.linalg.norm(tot, axis=1, keepdims=True).clip(1e-6)


cent_t = tv[tte] @ centroids(np.ones(len(syn.texts), bool)).T
cent_s = lv[q[ste]] @ centroids(syn.fold != f).T
qt, qs = tv[tte], lv[q[ste]]
rows = []


def row(name, ts, ss):
    mt, ms = title_metrics(ts, tg), title_metrics(ss, sg)
    print(
        f"| {name} | {mt['R@1']:.3f} | {mt['MRR@10']:.3f} | {ms['R@1']:.3f} | {ms['MRR@10']:.3f} |",
        flush=True,
    )


print("| system (fold 0) | titles R@1 | titles MRR@10 | labels R@1 | labels MRR@10 |\n|---|---|---|---|---|")
row("zero-shot MiniLM", TS[tte], SS)
row("no head", TB[tte], SB)
row("no head + centroid", TB[tte] + cent_t, SB + cent_s)
term_t, term_s = qt @ C.T + b, qs @ C.T + b
row("head", TB[tte] + term_t, SB + term_s)
for k in (1, 3, 10, 30):
    w = counts / (counts + k)
    row(f"head, term shrunk n/(n+{k})", TB[tte] + term_t * w, SB + term_s * w)
    row(f"head, bias shrunk n/(n+{k})", TB[tte] + qt @ C.T + b * w, SB + qs @ C.T + b * w)
w0 = (counts > 0).astype(np.float32)
row("head, term 0 for unseen", TB[tte] + term_t * w0, SB + term_s * w0)
row("head, bias 0 for unseen", TB[tte] + qt @ C.T + b * w0, SB + qs @ C.T + b * w0)
row("head, no bias", TB[tte] + qt @ C.T, SB + qs @ C.T)
for beta in (0.5, 1.0):
    row(f"head + {beta} centroid", TB[tte] + beta * cent_t + term_t, SB + beta * cent_s + term_s)


# confidence fusion: keep zero-shot when its top-1 margin is large
def margin(s):
    part = -np.partition(-s, 1, axis=1)[:, :2]
    return part[:, 0] - part[:, 1], part[:, 0]


mt_, tt_ = margin(TB[tte])
ms_, ts_ = margin(SB)
for m in (0.02, 0.05, 0.1):
    row(
        f"fusion: zero-shot if margin > {m}",
        np.where((mt_ > m)[:, None], TB[tte], TB[tte] + term_t),
        np.where((ms_ > m)[:, None], SB, SB + term_s),
    )
np.save(T / "counts.npy", counts)
print(f"t={time.time() - t0:.0f}")
