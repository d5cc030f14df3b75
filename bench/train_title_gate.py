"""Train the title-vs-label gate shipped in ``models/title-gate`` (CPU, about a minute).

    .venv/bin/python bench/train_title_gate.py        # writes models/title-gate/gate.npz

A logistic regression (C=4, balanced classes) on lower-cased character 2-4-gram TF-IDF
(``char_wb``, ``min_df=2``, sublinear tf) and the all-MiniLM-L6-v2 vector of each text:
the dev vacancy titles (``dev-benchmarks/jobbert_titles_dev.csv``) are class 1, every
preferred and alternative occupation label of the shared ESCO copy class 0. The threshold
(P(title) > 0.2) and the centroid weights (0.1 in the head's branch, 1.0 in the other)
were chosen by 5-fold cross-validation over the titles and the alternative labels
(``bench/_title_gate_folds.py``, ``bench/_title_gate_report.py``; docs/benchmarks.md).
Never reads ``../shared/holdout`` or MELO.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT, ROOT / "bench"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from train_heads import load_title_data  # noqa: E402

from matcher.label_index import concept_texts  # noqa: E402
from matcher.title_gate import NGRAMS, TITLE_GATE, TitleGate, save_title_gate  # noqa: E402


def fit_title_gate(
    texts: list[str], vectors: NDArray[np.float32], is_title: NDArray[np.float64]
) -> TitleGate:
    """The gate's classifier fitted on ``texts`` (class 1: vacancy titles, 0: occupation labels)."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(
        analyzer="char_wb", ngram_range=NGRAMS, lowercase=True, min_df=2, sublinear_tf=True
    )
    features = hstack([vectorizer.fit_transform(texts), csr_matrix(vectors)]).tocsr()
    model = LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced").fit(features, is_title)
    n_chars = len(vectorizer.vocabulary_)
    vocabulary = [""] * n_chars
    for gram, column in vectorizer.vocabulary_.items():
        vocabulary[column] = gram
    return TitleGate(
        vocabulary=tuple(vocabulary),
        idf=vectorizer.idf_.astype(np.float32),
        char_coef=model.coef_[0, :n_chars].astype(np.float32),
        vector_coef=model.coef_[0, n_chars:].astype(np.float32),
        intercept=float(model.intercept_[0]),
        base_model="all-MiniLM-L6-v2",
    )


def main() -> None:
    """Fit the gate on every dev title and every ESCO occupation label, write it to models/."""
    started = time.perf_counter()
    data = load_title_data()
    labels, _ = concept_texts([[o.label, *o.alt_labels] for o in data.esco.occupations])
    texts = data.titles + labels
    vectors = np.vstack([data.encoder.encode(data.titles), data.encoder.encode(labels)])
    target = np.r_[np.ones(len(data.titles)), np.zeros(len(labels))]
    gate = fit_title_gate(texts, vectors, target)
    p = gate.p_title(texts, vectors)
    path = save_title_gate(gate, ROOT / "models" / TITLE_GATE / "gate.npz")
    print(
        f"title-gate: {len(data.titles)} titles, {len(labels)} labels, {len(gate.vocabulary)} n-grams, "
        f"training accuracy titles {(p[target == 1] > 0.5).mean():.3f} "
        f"labels {(p[target == 0] < 0.5).mean():.3f}, "
        f"{time.perf_counter() - started:.0f} s, {path.stat().st_size / 1e6:.2f} MB -> {path}"
    )


if __name__ == "__main__":
    main()
