"""End-to-end check (fold 0): TitleNormalizer(head, gate) gives the study's gated figures.

    .venv/bin/python bench/_title_gate_check.py

The head and the gate are trained on the other folds; labels are scored against a taxonomy
without fold 0's alternative labels. Expected (2026-12-05): titles R@1 0.452, MRR@10 0.559;
labels R@1 0.682, MRR@10 0.773, as bench/_title_gate_report.py 0 gives for thr 0.2, w 0.1.
"""

import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT, ROOT / "bench"):
    sys.path.insert(0, str(p))
from _synonyms import synonym_folds  # noqa: E402
from matcher_quality import folds_of, title_metrics  # noqa: E402
from scipy.sparse import csr_matrix, hstack  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from train_heads import load_title_data, train_title_head  # noqa: E402

from matcher.normalize import TitleNormalizer  # noqa: E402
from matcher.title_gate import TitleGate  # noqa: E402

torch.set_num_threads(1)
f = 0
data = load_title_data()
syn = synonym_folds(data.esco)
lv = data.encoder.encode(syn.texts)
tv = data.encoder.encode(data.titles)
tfold = folds_of(len(data.titles), 5)
ttr, tte = np.flatnonzero(tfold != f), np.flatnonzero(tfold == f)
nh = TitleNormalizer(encoder=data.encoder, head=None).fit(data.esco)
TB = nh.scores(data.titles)
head = train_title_head(TB[ttr], tv[ttr], data.gold[ttr], data.uris)
lab = np.flatnonzero(syn.fold != f)
vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), lowercase=True, min_df=2, sublinear_tf=True)
X = hstack(
    [
        vec.fit_transform([data.titles[i] for i in ttr] + [syn.texts[i] for i in lab]),
        csr_matrix(np.vstack([tv[ttr], lv[lab]])),
    ]
).tocsr()
clf = LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced").fit(
    X, np.r_[np.ones(len(ttr)), np.zeros(len(lab))]
)
n = len(vec.vocabulary_)
grams = sorted(vec.vocabulary_, key=vec.vocabulary_.__getitem__)
gate = TitleGate(
    tuple(grams),
    vec.idf_.astype(np.float32),
    clf.coef_[0, :n].astype(np.float32),
    clf.coef_[0, n:].astype(np.float32),
    float(clf.intercept_[0]),
)
full = TitleNormalizer(encoder=data.encoder, head=head, gate=gate, multilingual=False).fit(data.esco)
titles = [data.titles[i] for i in tte]
print("titles, shipped code path:", title_metrics(full.scores(titles, private=False), data.gold[tte]))
held = {syn.texts[i] for i in syn.queries[syn.query_fold == f]}
# reduced taxonomy: fold f's alternative labels left out (their texts, per occupation)
keep_alt = {}
for i in np.flatnonzero(syn.fold >= 0):
    if syn.fold[i] != f:
        keep_alt.setdefault(int(syn.owners[i]), []).append(syn.texts[i])
occ = tuple(replace(o, alt_labels=tuple(keep_alt.get(k, []))) for k, o in enumerate(data.esco.occupations))
reduced = replace(data.esco, occupations=occ)
red = TitleNormalizer(encoder=data.encoder, head=head, gate=gate, multilingual=False).fit(reduced)
rows = syn.queries[syn.query_fold == f]
print(
    "labels, shipped code path:",
    title_metrics(red.scores([syn.texts[i] for i in rows], private=False), syn.owners[rows]),
)
