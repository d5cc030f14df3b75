"""Scratch skill study 2: pooled spans as a coarse pass, standalone encoding of the top-K spans."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT, ROOT / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))
from _skill_study import chunk_spans  # noqa: E402
from matcher_quality import _label_columns, skill_metrics  # noqa: E402
from train_heads import CACHE, SHARED, load_sentences  # noqa: E402

from matcher.encoder import Encoder  # noqa: E402
from matcher.esco import load_esco  # noqa: E402
from matcher.skills import SkillLinker  # noqa: E402

torch.set_num_threads(1)


def pooled(encoder, text, spans):
    """Mean contextual token vector of each span (char-offset aligned), from one forward pass."""
    model = encoder.model_
    tok = model.tokenizer
    enc = tok(
        [text],
        return_offsets_mapping=True,
        return_tensors="pt",
        truncation=True,
        max_length=model.max_seq_length,
    )
    offsets = enc.pop("offset_mapping")[0].numpy()
    with torch.no_grad():
        hidden = model[0].auto_model(**enc).last_hidden_state[0].numpy()
    # word char ranges
    starts, pos = [], 0
    words = text.split(" ")
    for w in words:
        starts.append((pos, pos + len(w)))
        pos += len(w) + 1
    out = []
    for sp in spans:
        # locate span in word sequence
        sw = sp.split(" ")
        n = len(sw)
        for i in range(len(words) - n + 1):
            if words[i : i + n] == sw:
                a, b = starts[i][0], starts[i + n - 1][1]
                break
        sel = (offsets[:, 0] >= a) & (offsets[:, 1] <= b) & (offsets[:, 1] > offsets[:, 0])
        v = hidden[sel].mean(0) if sel.any() else hidden.mean(0)
        out.append(v / np.linalg.norm(v))
    return np.asarray(out, np.float32)


def main():
    esco = load_esco(SHARED / "esco")
    encoder = Encoder(cache_dir=CACHE, batch_size=128).fit()
    linker = SkillLinker(encoder=encoder, head=None).fit(esco)
    rk = linker.ranker_
    for name in ("tech", "house"):
        data = load_sentences(SHARED / "dev-benchmarks", name)
        texts = [t for t, _ in data]

        def measure(scores, data=data):
            by_label, column = _label_columns(esco, scores)
            return skill_metrics(by_label, [{column[lab] for lab in labels} for _, labels in data])

        whole = encoder.encode(texts)
        fixed = 0.3 * rk.scores(whole) + 0.3 * (whole @ linker.descriptions_.T)
        cands = [chunk_spans(t) for t in texts]
        pooled_v = [pooled(encoder, t, c) for t, c in zip(texts, cands, strict=True)]
        coarse_span = [rk.scores(v) for v in pooled_v]  # (n_spans, n_skills)
        stand = [encoder.encode(c) for c in cands]
        stand_s = [rk.scores(v) for v in stand]
        print(f"\n{name}: chunk spans {sum(map(len, cands))}")
        print("  all chunk spans standalone:", measure(fixed + 0.7 * np.stack([s.max(0) for s in stand_s])))
        print(
            "  all chunk spans pooled    :", measure(fixed + 0.7 * np.stack([s.max(0) for s in coarse_span]))
        )
        for how in ("span max", "skill shortlist"):
            for k in (1, 2, 3, 4, 6, 8):
                rows, n_enc = [], 0
                for i in range(len(texts)):
                    cs = coarse_span[i]
                    if how == "span max":
                        pick = np.argsort(-cs.max(1))[:k]
                    else:  # the best pooled span of each of the coarse top skills, until k distinct spans
                        total = fixed[i] + 0.7 * cs.max(0)
                        pick = list(dict.fromkeys(cs[:, np.argsort(-total)[:50]].argmax(0).tolist()))[:k]
                    n_enc += len(pick)
                    rows.append(stand_s[i][pick].max(0))
                print(
                    f"  {how} top-{k} standalone ({n_enc} spans):",
                    {m: round(v, 1) for m, v in measure(fixed + 0.7 * np.stack(rows)).items()},
                    flush=True,
                )


main()
