# ruff: noqa  (a scratch study, removed from the tree once its rows were written)
"""Scratch: coarse vector of a multi-word phrase = mean of its words' own (encoded) vectors. Validation only."""

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
from matcher.skills import STOP_WORDS, SkillLinker, candidate_spans  # noqa: E402

esco = load_esco(SHARED / "esco")
encoder = Encoder(cache_dir=CACHE, batch_size=128).fit()
linker = SkillLinker(encoder=encoder, head=None).fit(esco)
linker.query_encoder_ = cold_encoder(linker.query_encoder_)
tok = encoder.model_.tokenizer


def ntok(texts):
    return [len(r) + 2 for r in tok(list(texts), add_special_tokens=False)["input_ids"]]


for name in ("tech", "house"):
    data = load_sentences(SHARED / "dev-benchmarks", name)
    texts = [" ".join(t.split()) for t, _ in data]

    def measure(scores):
        by_label, column = _label_columns(esco, scores)
        return skill_metrics(by_label, [{column[lab] for lab in labels_} for _, labels_ in data])

    spans_of = {t: candidate_spans(t, linker.window_words) for t in texts}
    allspans = list(dict.fromkeys(s for v in spans_of.values() for s in v))
    V = linker._encode(allspans, True)
    vrow = {s: i for i, s in enumerate(allspans)}
    single = [s for s in allspans if len(s.split()) == 1]
    multi = [s for s in allspans if len(s.split()) > 1]
    enc1 = [s for s in single if s not in linker.label_rows_]
    encm = [s for s in multi if s not in linker.label_rows_]
    print(name, "single", len(enc1), sum(ntok(enc1)), "multi", len(encm), sum(ntok(encm)))
    C = np.zeros((len(multi), V.shape[1]), np.float32)
    for i, s in enumerate(multi):
        words = [w for w in s.split() if w.lower() not in STOP_WORDS]
        C[i] = V[[vrow[w] for w in words]].mean(0)
    C /= np.linalg.norm(C, axis=1, keepdims=True)
    cm = (C @ linker.label_raw_.T).max(axis=1)
    truth = (V[[vrow[s] for s in multi]] @ linker.label_raw_.T).max(axis=1)
    wordbest = np.array(
        [
            max(
                float((V[vrow[w]] @ linker.label_raw_.T).max())
                for w in s.split()
                if w.lower() not in STOP_WORDS
            )
            for s in multi
        ]
    )
    coarse = dict(zip(multi, cm, strict=True))
    gain = dict(zip(multi, cm - wordbest, strict=True))
    print(
        "  corr coarse vs true best-label sim",
        np.corrcoef(cm, truth)[0, 1].round(3),
        "true-gain corr",
        np.corrcoef(cm - wordbest, truth - wordbest)[0, 1].round(3),
    )
    full = linker.scores(texts)
    base_top = np.argsort(-full, axis=1)[:, :5]
    base_spans = linker._spans

    def run(keep, tag):
        def spans(text):
            return keep(base_spans(text)) or [text]

        linker._spans = spans
        try:
            sc = linker.scores(texts)
        finally:
            del linker._spans
        used = list(dict.fromkeys(s for t in texts for s in spans(t)))
        enc = [s for s in used if s not in linker.label_rows_]
        top = np.argsort(-sc, axis=1)[:, :5]
        changed = sum(set(a) != set(b) for a, b in zip(top, base_top))
        mm = measure(sc)
        print(
            f"  {tag}: spans {len(enc)} tok {sum(ntok(enc))} RP@5 {mm['RP@5']:.1f} RP@10 {mm['RP@10']:.1f} "
            f"top5 changed {changed}/{len(texts)}",
            flush=True,
        )

    def frac(f, c):
        def keep(sp):
            rest = sorted(
                (s for s in sp if len(s.split()) > 1 and s not in linker.label_rows_), key=lambda s: -c[s]
            )
            chosen = set(rest[: int(np.ceil(f * len(rest)))])
            return [s for s in sp if len(s.split()) == 1 or s in linker.label_rows_ or s in chosen]

        return keep

    def topk(k, c):
        def keep(sp):
            rest = sorted(
                (s for s in sp if len(s.split()) > 1 and s not in linker.label_rows_), key=lambda s: -c[s]
            )
            chosen = set(rest[:k])
            return [s for s in sp if len(s.split()) == 1 or s in linker.label_rows_ or s in chosen]

        return keep

    def thr(t, c):
        return lambda sp: [s for s in sp if len(s.split()) == 1 or s in linker.label_rows_ or c[s] >= t]

    run(frac(0.0, coarse), "single words only")
    for f in (0.3, 0.4, 0.5, 0.6):
        run(frac(f, coarse), f"frac{f} coarse")
        run(frac(f, gain), f"frac{f} gain")
    for k in (4, 6, 8, 12):
        run(topk(k, coarse), f"top{k} coarse")
    for t in (0.55, 0.6, 0.65, 0.7):
        run(thr(t, coarse), f"thr{t} coarse")
    for t in (-0.05, 0.0, 0.03):
        run(thr(t, gain), f"gain>={t}")
