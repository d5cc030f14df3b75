"""Scratch study 4 (issue 22 b): where cold skill-linking time goes (sentences, phrases, windows)."""

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
from matcher_quality import cold_encoder  # noqa: E402
from train_heads import CACHE, SHARED, load_sentences  # noqa: E402

from matcher.encoder import Encoder  # noqa: E402
from matcher.esco import load_esco  # noqa: E402
from matcher.label_index import concept_texts  # noqa: E402
from matcher.skills import candidate_spans, sentence_windows  # noqa: E402

esco = load_esco(SHARED / "esco")
enc = Encoder(cache_dir=CACHE, batch_size=128).fit()
labels, _ = concept_texts([[s.label, *s.alt_labels] for s in esco.skills])
L = set(labels)
Ll = {lab.lower() for lab in labels}
enc.encode(["warm up the model"] * 3, private=True)
for name in ("tech", "house"):
    texts = [t for t, _ in load_sentences(SHARED / "dev-benchmarks", name)]
    cand = list(dict.fromkeys(s for t in texts for s in candidate_spans(t, 3)))
    wins = list(dict.fromkeys(s for t in texts for s in sentence_windows(t, 4)))
    print(
        name,
        "cand",
        len(cand),
        "equal label",
        sum(s in L for s in cand),
        "equal label case-blind",
        sum(s.lower() in Ll for s in cand),
    )
    for what, items, params in (
        ("sentences new batching", texts, {}),
        ("sentences batch 64", texts, {"batch_size": 64, "max_batch_tokens": 10**9}),
        ("candidate spans", cand, {}),
        ("windows batch 64", wins, {"batch_size": 64, "max_batch_tokens": 10**9}),
    ):
        e = cold_encoder(enc, **params)
        t = time.perf_counter()
        e.encode(items, private=True)
        print(f"  {what}: {len(items)} in {time.perf_counter() - t:.2f}s", flush=True)
