"""Scratch study 4: today's head + a query-kind gate (logistic regression: vacancy title vs ESCO label)."""

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
from train_heads import load_title_data, train_title_head  # noqa: E402

STUDY = ROOT / ".cache" / "title-study"
torch.set_num_threads(1)


def fmt(m):
    return f"R@1 {m['R@1']:.3f} R@5 {m['R@5']:.3f} MRR {m['MRR@10']:.3f}"


def main() -> None:
    from sklearn.linear_model import LogisticRegression

    f = int(sys.argv[1]) if len(sys.argv) > 1 else 0
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
    s_base_te = np.asarray(sb[ste])
    s_sem_tr_max, s_sem_te_max = np.asarray(ss[str_]).max(1), np.asarray(ss[ste]).max(1)
    s_base_tr_max = np.asarray(sb[str_]).max(1)
    t_sem_max, t_base_max = title_sem.max(1), title_base.max(1)
    s_base_te_max = s_base_te.max(1)
    path = STUDY / f"head_titles_{f}.npz"
    if path.is_file():
        z = np.load(path)
        c, b = z["c"], z["b"]
    else:
        t = time.perf_counter()
        head = train_title_head(title_base[ttr], title_vecs[ttr], data.gold[ttr], data.uris)
        c, b = head.concept_vectors, head.bias
        np.savez(path, c=c, b=b)
        print(f"head trained {time.perf_counter() - t:.0f}s", flush=True)
    th = title_vecs[tte] @ c.T + b
    sh = qvec[ste] @ c.T + b
    print(
        "zero-shot  titles",
        fmt(title_metrics(title_base[tte], data.gold[tte])),
        "| labels",
        fmt(title_metrics(s_base_te, sgold[ste])),
    )
    print(
        "head       titles",
        fmt(title_metrics(title_base[tte] + th, data.gold[tte])),
        "| labels",
        fmt(title_metrics(s_base_te + sh, sgold[ste])),
    )
    keep = syn.fold != f
    cent = np.zeros((n, label_vecs.shape[1]), np.float32)
    np.add.at(cent, syn.owners[keep], label_vecs[keep])
    cent /= np.linalg.norm(cent, axis=1, keepdims=True)
    tc, sc = title_vecs[tte] @ cent.T, qvec[ste] @ cent.T

    def feats(vecs, semmax, basemax, kind):
        cols = []
        if "emb" in kind:
            cols.append(vecs)
        if "close" in kind:
            cols += [semmax[:, None], (basemax - semmax)[:, None]]
        return np.hstack(cols)

    for kind in ("close", "emb", "emb+close"):
        for cw in (None, "balanced"):
            x_tr = np.vstack(
                [
                    feats(title_vecs[ttr], t_sem_max[ttr], t_base_max[ttr], kind),
                    feats(qvec[str_], s_sem_tr_max, s_base_tr_max, kind),
                ]
            )
            y_tr = np.r_[np.ones(len(ttr)), np.zeros(len(str_))]
            clf = LogisticRegression(C=1.0, max_iter=2000, class_weight=cw).fit(x_tr, y_tr)
            gt = clf.predict_proba(feats(title_vecs[tte], t_sem_max[tte], t_base_max[tte], kind))[:, 1]
            gs = clf.predict_proba(feats(qvec[ste], s_sem_te_max, s_base_te_max, kind))[:, 1]
            acc = ((gt > 0.5).mean() * len(gt) + (gs < 0.5).mean() * len(gs)) / (len(gt) + len(gs))
            print(f"gate {kind} {cw}: acc {acc:.3f}, g titles {gt.mean():.2f} labels {gs.mean():.2f}")
            for hard in (False, True):
                a, bb = (
                    (gt > 0.5).astype(np.float32) if hard else gt,
                    (gs > 0.5).astype(np.float32) if hard else gs,
                )
                print(
                    f"   {'hard' if hard else 'soft'}: titles",
                    fmt(title_metrics(title_base[tte] + a[:, None] * th, data.gold[tte])),
                    "| labels",
                    fmt(title_metrics(s_base_te + bb[:, None] * sh, sgold[ste])),
                )
                for beta in (0.3, 0.5):
                    print(
                        f"     + {beta} centroid when label-like: titles",
                        fmt(
                            title_metrics(
                                title_base[tte] + a[:, None] * th + beta * (1 - a[:, None]) * tc,
                                data.gold[tte],
                            )
                        ),
                        "| labels",
                        fmt(
                            title_metrics(
                                s_base_te + bb[:, None] * sh + beta * (1 - bb[:, None]) * sc, sgold[ste]
                            )
                        ),
                    )
            sys.stdout.flush()
    print(f"total {time.perf_counter() - t0:.0f}s")


if __name__ == "__main__":
    main()
