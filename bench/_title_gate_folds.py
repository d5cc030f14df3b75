"""Scratch study 12 (issue 22): the case-blind title-vs-label gate on every fold.

    OMP_NUM_THREADS=1 nice .venv/bin/python bench/_title_gate_folds.py 0 1 2 3 4

For each fold f (titles: ``folds_of(n, 5)``; labels: ``synonym_folds``), trains today's
head on the other title folds and the gate's classifier on the other folds' titles against
the preferred labels and the other folds' alternative labels, then writes the gold rank of
every held-out title and label under each system to ``.cache/title-gate/fold{f}.npz``.
``bench/_title_gate_report.py`` chooses thresholds on the other folds and bootstraps.
Never reads ``../shared/holdout`` or MELO.
"""

import sys
import time
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT, ROOT / "bench"):
    sys.path.insert(0, str(p))
from _synonyms import BLOCK, synonym_folds  # noqa: E402
from matcher_quality import folds_of  # noqa: E402
from scipy.sparse import csr_matrix, hstack  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from train_heads import load_title_data, train_title_head  # noqa: E402

from matcher.label_index import max_by_owner  # noqa: E402
from matcher.lexical import LexicalIndex  # noqa: E402
from matcher.normalize import TitleNormalizer  # noqa: E402

torch.set_num_threads(1)
OUT = ROOT / ".cache" / "title-gate"
OUT.mkdir(parents=True, exist_ok=True)
THRESHOLDS = (0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5)
HEAD_CENTROID = (0.0, 0.1, 0.2)
t0 = time.time()


def log(msg):
    print(f"[{time.time() - t0:5.0f}s] {msg}", flush=True)


data = load_title_data()
syn = synonym_folds(data.esco)
n_occ = syn.n_occupations
lv = data.encoder.encode(syn.texts)
tv = data.encoder.encode(data.titles)
log("vectors")
nh = TitleNormalizer(encoder=data.encoder, head=None).fit(data.esco)
TS = nh.ranker_.scores(nh.ranker_.embed_queries(data.titles))
TB = TS + 0.2 * nh.lexical_.scores(data.titles)
log("title base")
tfold = folds_of(len(data.titles), 5)


def rank_of(scores, gold):
    return (scores > scores[np.arange(len(gold)), gold][:, None]).sum(axis=1).astype(np.int32)


def centroids(keep):
    tot = np.zeros((n_occ, lv.shape[1]), np.float32)
    np.add.at(tot, syn.owners[keep], lv[keep])
    return tot / np.linalg.norm(tot, axis=1, keepdims=True).clip(1e-6)


def zero_shot(keep, vecs, texts):
    """Zero-shot (base, semantic) scores of queries against the labels in ``keep``."""
    index = np.flatnonzero(keep)
    owners = syn.owners[index]
    lexical = LexicalIndex().fit([[syn.texts[i]] for i in index])
    base = np.zeros((len(texts), n_occ), np.float32)
    sem_all = np.zeros_like(base)
    for s in range(0, len(texts), BLOCK):
        r = np.arange(s, min(s + BLOCK, len(texts)))
        sem = max_by_owner(vecs[r] @ lv[index].T, owners, n_occ)
        sem[~np.isfinite(sem)] = 0.0
        words = lexical.vectorizer_.transform([texts[i] for i in r])
        lex = max_by_owner(np.asarray((words @ lexical.labels_.T).todense(), np.float32), owners, n_occ)
        lex[~np.isfinite(lex)] = 0.0
        sem_all[s : s + len(r)] = sem
        base[s : s + len(r)] = sem + 0.2 * lex
    return base, sem_all


for arg in sys.argv[1:]:
    # "f": held-out fold f, trained on the others; "f:g": inner fold g of outer fold f, trained
    # on neither (for choosing settings without fold f), fold f's labels left out everywhere
    outer, _, inner = arg.partition(":")
    f = int(inner) if inner else int(outer)
    out_f = {int(outer), f}
    ttr, tte = np.flatnonzero(~np.isin(tfold, list(out_f))), np.flatnonzero(tfold == f)
    tg = data.gold[tte]
    q = syn.queries
    rows = q[syn.query_fold == f]
    sg = syn.owners[rows]
    known = ~np.isin(syn.fold, list(out_f))  # index of fold f's labels
    SB, SS = zero_shot(known, lv[rows], [syn.texts[i] for i in rows])
    # the titles' index: every label (outer), every label but the outer test fold's (inner)
    TBf, TSf = zero_shot(syn.fold != int(outer), tv, data.titles) if inner else (TB, TS)
    log(f"fold {f}: label base ({len(rows)} labels, {len(tte)} titles)")
    h = train_title_head(TBf[ttr], tv[ttr], data.gold[ttr], data.uris)
    C, b = h.concept_vectors, h.bias
    log(f"fold {f}: head")
    lab_train = np.flatnonzero(known)
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), lowercase=True, min_df=2, sublinear_tf=True)
    X = hstack(
        [
            vec.fit_transform([data.titles[i] for i in ttr] + [syn.texts[i] for i in lab_train]),
            csr_matrix(np.vstack([tv[ttr], lv[lab_train]])),
        ]
    ).tocsr()
    y = np.r_[np.ones(len(ttr)), np.zeros(len(lab_train))]
    clf = LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced").fit(X, y)

    def p_title(texts, vecs, clf=clf, vec=vec):
        return clf.predict_proba(hstack([vec.transform(texts), csr_matrix(vecs)]).tocsr())[:, 1]

    pt = p_title([data.titles[i] for i in tte], tv[tte])
    ps = p_title([syn.texts[i] for i in rows], lv[rows])
    log(f"fold {f}: classifier; acc titles {(pt > 0.5).mean():.3f} labels {(ps < 0.5).mean():.3f}")
    cent_t = tv[tte] @ centroids(syn.fold != int(outer) if inner else np.ones(len(syn.texts), bool)).T
    cent_s = lv[rows] @ centroids(known).T
    term_t, term_s = tv[tte] @ C.T + b, lv[rows] @ C.T + b
    out = {"pt": pt, "ps": ps, "tte": tte, "rows": rows}
    out["t_zero"], out["s_zero"] = rank_of(TSf[tte], tg), rank_of(SS, sg)
    out["t_nohead"], out["s_nohead"] = rank_of(TBf[tte], tg), rank_of(SB, sg)
    out["t_head"], out["s_head"] = rank_of(TBf[tte] + term_t, tg), rank_of(SB + term_s, sg)
    t_lab, s_lab = rank_of(TBf[tte] + cent_t, tg), rank_of(SB + cent_s, sg)
    out["t_cent"], out["s_cent"] = t_lab, s_lab
    for tb in HEAD_CENTROID:
        t_h, s_h = rank_of(TBf[tte] + term_t + tb * cent_t, tg), rank_of(SB + term_s + tb * cent_s, sg)
        out[f"t_headc{tb}"], out[f"s_headc{tb}"] = t_h, s_h
    np.savez(OUT / f"fold{arg.replace(':', '_')}.npz", **out)
    log(f"fold {f}: saved")
