# ruff: noqa  (a scratch study, removed from the tree once its rows were written)
"""Scratch: which spans matter, and other coarse scores. Validation only."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT, ROOT / "bench"):
    sys.path.insert(0, str(p))
from matcher_quality import _label_columns, cold_encoder, skill_metrics  # noqa: E402
from train_heads import CACHE, SHARED, load_sentences  # noqa: E402

from matcher.encoder import Encoder  # noqa: E402
from matcher.esco import load_esco  # noqa: E402
from matcher.label_index import concept_texts  # noqa: E402
from matcher.skills import SkillLinker, candidate_spans, known_spans  # noqa: E402

esco = load_esco(SHARED / "esco")
encoder = Encoder(cache_dir=CACHE, batch_size=128).fit()
linker = SkillLinker(encoder=encoder, head=None).fit(esco)
linker.query_encoder_ = cold_encoder(linker.query_encoder_)
st = encoder.model_
tok = st.tokenizer
W = st[0].auto_model.embeddings.word_embeddings.weight.detach().float().numpy()
groups = [[s.label, *s.alt_labels] for s in esco.skills]
labels, owners = concept_texts(groups)
owners = np.asarray(owners)


def static(texts):
    ids = tok(list(texts), add_special_tokens=False)["input_ids"]
    out = np.zeros((len(texts), W.shape[1]), np.float32)
    for i, row in enumerate(ids):
        if row:
            out[i] = W[row].mean(0)
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)


L = static(labels)
phr = sorted({" ".join(p) for p in linker.label_phrases_})
P = static(phr)
print("label phrases", len(phr))


def ntok(texts):
    return [len(r) + 2 for r in tok(list(texts), add_special_tokens=False)["input_ids"]]


for name in ("tech", "house"):
    data = load_sentences(SHARED / "dev-benchmarks", name)
    texts = [t for t, _ in data]

    def measure(scores):
        by_label, column = _label_columns(esco, scores)
        return skill_metrics(by_label, [{column[lab] for lab in labels_} for _, labels_ in data])

    spans_of = {t: candidate_spans(" ".join(t.split()), linker.window_words) for t in texts}
    allspans = list(dict.fromkeys(s for v in spans_of.values() for s in v))
    S = static(allspans)
    c_label = dict(zip(allspans, (S @ L.T).max(axis=1), strict=True))
    c_phr = dict(zip(allspans, (S @ P.T).max(axis=1), strict=True))
    V = linker._encode(allspans, True)
    vrow = {s: i for i, s in enumerate(allspans)}
    full = linker.scores(texts)
    base_top = np.argsort(-full, axis=1)[:, :5]
    # critical spans: argmax span for each top-5 skill
    ranks = {"label": [], "phr": []}
    lost = []
    for t, top in zip(texts, base_top):
        sp = spans_of[t]
        enc = [s for s in sp if s not in linker.label_rows_]
        if not enc:
            continue
        sims = V[[vrow[s] for s in sp]] @ linker.label_raw_.T  # spans x labels
        for skill in top:
            cols = np.flatnonzero(owners == skill)
            best = sp[int(sims[:, cols].max(axis=1).argmax())]
            if best in linker.label_rows_:
                continue
            for key, c in (("label", c_label), ("phr", c_phr)):
                order = sorted(enc, key=lambda s: -c[s])
                r = order.index(best) / len(enc)
                ranks[key].append(r)
            if order.index(best) / len(enc) > 0.5:
                lost.append(
                    (
                        best,
                        round(float(c_label[best]), 2),
                        round(float(c_phr[best]), 2),
                        esco.skills[skill].label,
                    )
                )
    for key, r in ranks.items():
        r = np.array(r)
        print(
            name,
            key,
            "critical spans",
            len(r),
            "rank quantiles",
            np.quantile(r, [0.5, 0.8, 0.9, 0.95, 1.0]).round(2),
        )
    for x in lost[:25]:
        print("   ", x)
    base_spans = linker._spans

    def run(keep, tag):
        def spans(text):
            sp = base_spans(text)
            return keep(sp) or [text]

        linker._spans = spans
        try:
            sc = linker.scores(texts)
        finally:
            del linker._spans
        used = list(dict.fromkeys(s for t in texts for s in spans(" ".join(t.split()))))
        enc = [s for s in used if s not in linker.label_rows_]
        top = np.argsort(-sc, axis=1)[:, :5]
        changed = sum(set(a) != set(b) for a, b in zip(top, base_top))
        mm = measure(sc)
        print(
            f"  {tag}: spans {len(enc)} tok {sum(ntok(enc))} RP@5 {mm['RP@5']:.1f} top5 changed {changed}/{len(texts)}",
            flush=True,
        )

    def frac(f, c, lexical=False):
        def keep(sp):
            exact = [s for s in sp if s in linker.label_rows_]
            rest = sorted((s for s in sp if s not in linker.label_rows_), key=lambda s: -c[s])
            n = int(np.ceil(f * len(rest)))
            chosen = set(exact) | set(rest[:n])
            if lexical:
                chosen |= set(known_spans(sp, linker.label_phrases_))
            return [s for s in sp if s in chosen]

        return keep

    for f in (0.4, 0.5, 0.6, 0.7):
        run(frac(f, c_label), f"frac{f} label")
        run(frac(f, c_phr), f"frac{f} phr")
        run(frac(f, c_label, True), f"frac{f} label+known")
