# ruff: noqa  (a scratch study, removed from the tree once its rows were written)
"""Scratch: coarse static-embedding prefilter over candidate phrases (issue 22). Validation only."""

from __future__ import annotations

import sys
import time
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
from matcher.skills import SkillLinker, candidate_spans  # noqa: E402

esco = load_esco(SHARED / "esco")
encoder = Encoder(cache_dir=CACHE, batch_size=128).fit()
linker = SkillLinker(encoder=encoder, head=None).fit(esco)
linker.query_encoder_ = cold_encoder(linker.query_encoder_)
st = encoder.model_
tok = st.tokenizer
W = st[0].auto_model.embeddings.word_embeddings.weight.detach().float().numpy()
groups = [[s.label, *s.alt_labels] for s in esco.skills]
labels, _ = concept_texts(groups)
special = {tok.cls_token_id, tok.sep_token_id, tok.pad_token_id}


def static(texts):
    ids = tok(list(texts), add_special_tokens=False)["input_ids"]
    out = np.zeros((len(texts), W.shape[1]), np.float32)
    for i, row in enumerate(ids):
        if row:
            out[i] = W[row].mean(0)
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)


t0 = time.perf_counter()
L = static(labels)
print("label statics", len(labels), time.perf_counter() - t0, flush=True)


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
    coarse = dict(zip(allspans, (S @ L.T).max(axis=1), strict=True))
    base_spans = linker._spans
    full = linker.scores(texts)
    base_top = np.argsort(-full, axis=1)[:, :5]
    m = measure(full)
    alltok = sum(ntok([s for s in allspans if s not in linker.label_rows_]))
    print(f"{name}: all spans {len(allspans)} tok {alltok} RP@5 {m['RP@5']:.1f}", flush=True)

    def run(keep, tag):
        def spans(text):
            sp = base_spans(text)
            kept = keep(sp)
            return kept or sp[:0] or [text]

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
            f"  {tag}: spans {len(enc)} tok {sum(ntok(enc))} ({sum(ntok(enc)) / alltok:.2f}) RP@5 {mm['RP@5']:.1f} "
            f"RP@10 {mm.get('RP@10', 0):.1f} top5 changed {changed}/{len(texts)}",
            flush=True,
        )

    def topk(k):
        def keep(sp):
            exact = [s for s in sp if s in linker.label_rows_]
            rest = sorted((s for s in sp if s not in linker.label_rows_), key=lambda s: -coarse[s])
            chosen = set(exact) | set(rest[:k])
            return [s for s in sp if s in chosen]

        return keep

    def thresh(th):
        return lambda sp: [s for s in sp if s in linker.label_rows_ or coarse[s] >= th]

    for k in (4, 6, 8, 10, 12, 16):
        run(topk(k), f"top{k}")
    for th in (0.5, 0.6, 0.7, 0.75, 0.8):
        run(thresh(th), f"th{th}")
