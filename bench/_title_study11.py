"""Scratch study 11 (issue 22 a, fold 0; after study 9): study 10's gate plus zero-shot confidence."""

import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT, ROOT / "bench"):
    sys.path.insert(0, str(p))
from _synonyms import synonym_folds  # noqa: E402
from matcher_quality import folds_of, title_metrics  # noqa: E402
from scipy.sparse import csr_matrix, hstack  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from train_heads import SHARED, load_titles  # noqa: E402

from matcher.esco import load_esco  # noqa: E402

T = ROOT / ".cache" / "title-study"
f = 0
LOWER = sys.argv[1] == "lower"
esco = load_esco(SHARED / "esco")
syn = synonym_folds(esco)
n_occ = syn.n_occupations
titles, turis = load_titles(SHARED / "dev-benchmarks")
index = {o.uri: i for i, o in enumerate(esco.occupations)}
gold = np.array([index[u] for u in turis])
lv, tv = np.load(T / "lv.npy"), np.load(T / "tv.npy")
TB = np.load(T / "title_base.npy")[0]
SB = np.load(T / f"syn_base_{f}.npy")[0]
z = np.load(T / f"head_plain_{f}.npz")
C, b = z["c"], z["b"]
q, qf = syn.queries, syn.query_fold
ste, str_ = np.flatnonzero(qf == f), np.flatnonzero(qf != f)
sg = syn.gold[ste]
tfold = folds_of(len(titles), 5)
ttr, tte = np.flatnonzero(tfold != f), np.flatnonzero(tfold == f)
tg = gold[tte]


def centroids(keep):
    tot = np.zeros((n_occ, lv.shape[1]), np.float32)
    np.add.at(tot, syn.owners[keep], lv[keep])
    return tot / np.linalg.norm(tot, axis=1, keepdims=True).clip(1e-6)


cent_t = tv[tte] @ centroids(np.ones(len(syn.texts), bool)).T
cent_s = lv[q[ste]] @ centroids(syn.fold != f).T
term_t, term_s = tv[tte] @ C.T + b, lv[q[ste]] @ C.T + b
# classifier: training titles (label 1) vs training-fold labels: preferred + other folds' alt labels (label 0)
lab_train = np.flatnonzero(syn.fold != f)
from _synonyms import zero_shot_scores  # noqa: E402

full = T / f"syn_full_{f}.npy"
if not full.exists():
    b_all, s_all = zero_shot_scores(syn, lv, f)
    np.save(full, np.stack([b_all, s_all]).astype(np.float16))
BS_all = np.load(full).astype(np.float32)
TS = np.load(T / "title_base.npy")[1]


def conf(base, sem):
    top2 = -np.partition(-base, 1, axis=1)[:, :2]
    return np.stack([sem.max(1), top2[:, 0], top2[:, 0] - top2[:, 1]], 1)


pos_of = {int(p): k for k, p in enumerate(q)}
# training labels: preferred labels have no LOO row; use alt labels of other folds only
lab_train = q[str_]
tr_conf = np.vstack([conf(TB[ttr], TS[ttr]), conf(BS_all[0][str_], BS_all[1][str_])])
te_conf_t, te_conf_s = conf(TB[tte], TS[tte]), conf(SB, np.load(T / f"syn_base_{f}.npy")[1])
tr_text = [titles[i] for i in ttr] + [syn.texts[i] for i in lab_train]
tr_vec = np.vstack([tv[ttr], lv[lab_train]])
y = np.r_[np.ones(len(ttr)), np.zeros(len(lab_train))]
vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), lowercase=LOWER, min_df=2, sublinear_tf=True)
Xc = vec.fit_transform(tr_text)
X = hstack([Xc, csr_matrix(tr_vec), csr_matrix(10 * tr_conf)]).tocsr()
t = time.time()
clf = LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced").fit(X, y)
print(f"classifier {time.time() - t:.0f}s", flush=True)


def p_title(texts, vecs, cf):
    return clf.predict_proba(hstack([vec.transform(texts), csr_matrix(vecs), csr_matrix(10 * cf)]).tocsr())[
        :, 1
    ]


pt = p_title([titles[i] for i in tte], tv[tte], te_conf_t)
ps = p_title([syn.texts[i] for i in q[ste]], lv[q[ste]], te_conf_s)
print(f"acc titles {(pt > 0.5).mean():.3f} labels {(ps < 0.5).mean():.3f}")


def row(name, ts, ss):
    mt, ms = title_metrics(ts, tg), title_metrics(ss, sg)
    print(
        f"| {name} | {mt['R@1']:.3f} | {mt['MRR@10']:.3f} | {ms['R@1']:.3f} | {ms['MRR@10']:.3f} |",
        flush=True,
    )


for thr in (0.02, 0.05, 0.1, 0.2, 0.5):
    gt, gs = (pt > thr)[:, None], (ps > thr)[:, None]
    for tb in (0.0, 0.1, 0.2):
        row(
            f"hard gate P(title)>{thr}, title branch + {tb} centroid, label branch + 1 centroid",
            np.where(gt, TB[tte] + term_t + tb * cent_t, TB[tte] + cent_t),
            np.where(gs, SB + term_s + tb * cent_s, SB + cent_s),
        )
