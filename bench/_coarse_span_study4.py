# ruff: noqa  (a scratch study, removed from the tree once its rows were written)
"""Scratch: SkillLinker(phrase_shortlist=K) on TECH/HOUSE validation: RP@5, tokens, top-5 changes."""

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
from matcher.skills import SkillLinker  # noqa: E402

esco = load_esco(SHARED / "esco")
encoder = Encoder(cache_dir=CACHE, batch_size=128).fit()
base = SkillLinker(encoder=encoder, head=None, phrase_shortlist=0).fit(esco)
tok = encoder.model_.tokenizer
for name in ("tech", "house"):
    data = load_sentences(SHARED / "dev-benchmarks", name)
    texts = [t for t, _ in data]

    def measure(scores):
        by_label, column = _label_columns(esco, scores)
        return skill_metrics(by_label, [{column[lab] for lab in labels_} for _, labels_ in data])

    q = base.query_encoder_
    base.query_encoder_ = cold_encoder(q)
    full = base.scores(texts)
    base.query_encoder_ = q
    top0 = np.argsort(-full, axis=1)[:, :5]
    for k in (0, 2, 3, 4, 5, 6, 8):
        base.phrase_shortlist = k
        enc = cold_encoder(q)
        seen = []
        orig = enc.encode
        enc.encode = lambda t, private=False: (seen.extend(t), orig(t, private))[1]
        base.query_encoder_ = enc
        sc = base.scores(texts)
        base.query_encoder_ = q
        ntok = sum(len(r) for r in tok(list(dict.fromkeys(seen)))["input_ids"])
        top = np.argsort(-sc, axis=1)[:, :5]
        changed = sum(set(a) != set(b) for a, b in zip(top, top0))
        m = measure(sc)
        print(
            f"{name} K={k}: encoded {enc.encoded_count_} texts, {ntok} tokens, RP@5 {m['RP@5']:.1f} "
            f"RP@10 {m['RP@10']:.1f} MRR {m['MRR']:.1f}, top-5 changed {changed}/{len(texts)}",
            flush=True,
        )
    base.phrase_shortlist = 0
