# ruff: noqa  (a scratch study, removed from the tree once its rows were written)
"""Scratch: cold/warm sentences/s of SkillLinker(phrase_shortlist=K), interleaved, best of 3. Validation only."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT, ROOT / "bench"):
    sys.path.insert(0, str(p))
from matcher_quality import cold_encoder, link_speed  # noqa: E402
from train_heads import CACHE, SHARED, load_sentences  # noqa: E402

from matcher.encoder import Encoder  # noqa: E402
from matcher.esco import load_esco  # noqa: E402
from matcher.skills import SkillLinker  # noqa: E402

esco = load_esco(SHARED / "esco")
encoder = Encoder(cache_dir=CACHE, batch_size=128).fit()
ks = [int(k) for k in sys.argv[1:]] or [0, 3, 4, 6]
linkers = {k: SkillLinker(encoder=encoder, head=None, phrase_shortlist=k).fit(esco) for k in ks}
for name in ("tech", "house"):
    texts = [t for t, _ in load_sentences(SHARED / "dev-benchmarks", name)]
    best = {k: (0.0, 0.0) for k in ks}
    for _ in range(3):
        for k, lk in linkers.items():
            cold, warm, _n, _s = link_speed(lk, texts, cold_encoder(lk.query_encoder_))
            best[k] = (max(cold, best[k][0]), max(warm, best[k][1]))
    base = best[ks[0]]
    for k, (c, w) in best.items():
        print(
            f"{name} K={k}: cold {c:.1f} (x{c / base[0]:.2f}) warm {w:.1f} (x{w / base[1]:.2f})", flush=True
        )
