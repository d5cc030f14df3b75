"""Scratch study for issue 22: which spans to encode, and can one forward pass give them."""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT, ROOT / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from matcher_quality import _label_columns, skill_metrics  # noqa: E402
from train_heads import CACHE, SHARED, load_sentences  # noqa: E402

from matcher.encoder import Encoder  # noqa: E402
from matcher.esco import load_esco  # noqa: E402
from matcher.skills import SkillLinker, sentence_windows  # noqa: E402

STOP = set(
    """a an the and or of to in on at for with by from as is are be been being was were will would can could
    should must may might shall do does did have has had having this that these those it its we you our your
    they their he she his her i me my us who whom which what where when how why than then there here also
    such other into over under about not no nor so if but all any each both few more most some very own same
    able etc e.g. i.e. per via within across up out""".split()
)
PUNCT = re.compile(r"^[^\w<>]+$")


def chunk_spans(text: str, max_words: int = 4) -> list[str]:
    """Runs of 1..max_words words inside punctuation-free chunks, not starting/ending on a stopword."""
    words = text.split()
    chunks, cur = [], []
    for w in words:
        if PUNCT.match(w) or w.startswith("<"):
            if cur:
                chunks.append(cur)
            cur = []
        else:
            cur.append(w)
    if cur:
        chunks.append(cur)
    out = []
    for ch in chunks:
        for size in range(1, max_words + 1):
            for i in range(len(ch) - size + 1):
                run = ch[i : i + size]
                if run[0].lower() in STOP or run[-1].lower() in STOP:
                    continue
                out.append(" ".join(run))
    return list(dict.fromkeys(out)) or [text]


def pooled_windows(encoder: Encoder, text: str, spans_words: list[tuple[int, int]], with_special: bool):
    """Mean of the sentence's contextual token vectors over each word span."""
    model = encoder.model_
    tok = model.tokenizer
    words = text.split()
    enc = tok(words, is_split_into_words=True, return_tensors="pt", truncation=True, max_length=256)
    word_ids = enc.word_ids()
    with torch.no_grad():
        out = model[0].auto_model(**{k: v for k, v in enc.items()})
    hidden = out.last_hidden_state[0].numpy()
    ids = np.array([-1 if w is None else w for w in word_ids])
    special = np.flatnonzero(ids == -1)
    vecs = []
    for a, b in spans_words:
        sel = np.flatnonzero((ids >= a) & (ids < b))
        if with_special:
            sel = np.r_[special, sel]
        v = hidden[sel].mean(axis=0) if len(sel) else hidden[special].mean(axis=0)
        vecs.append(v / np.linalg.norm(v))
    sent = hidden.mean(axis=0)
    return np.asarray(vecs, np.float32), (sent / np.linalg.norm(sent)).astype(np.float32)


def all_word_spans(n: int, max_words: int = 4) -> list[tuple[int, int]]:
    return [(i, i + s) for s in range(1, max_words + 1) for i in range(n - s + 1)]


def main() -> None:
    t0 = time.perf_counter()
    esco = load_esco(SHARED / "esco")
    encoder = Encoder(cache_dir=CACHE, batch_size=128).fit()
    linker = SkillLinker(encoder=encoder, head=None).fit(esco)
    print(f"fit {time.perf_counter() - t0:.0f}s", flush=True)
    rk = linker.ranker_
    for name in ("tech", "house"):
        data = load_sentences(SHARED / "dev-benchmarks", name)
        texts = [t for t, _ in data]

        def measure(scores, data=data):
            by_label, column = _label_columns(esco, scores)
            return skill_metrics(by_label, [{column[lab] for lab in labels} for _, labels in data])

        whole = encoder.encode(texts)
        fixed = 0.3 * rk.scores(whole) + 0.3 * (whole @ linker.descriptions_.T)

        def with_spans(span_vecs_per_text, fixed=fixed):
            out = fixed.copy()
            for i, v in enumerate(span_vecs_per_text):
                out[i] += 0.7 * rk.scores(v).max(axis=0)
            return out

        res = {}
        t = time.perf_counter()
        allw = [sentence_windows(x) or [x] for x in texts]
        res["today: all windows"] = measure(with_spans([encoder.encode(w) for w in allw]))
        n_all = sum(map(len, allw))
        cand = [chunk_spans(x) for x in texts]
        res["chunk spans"] = measure(with_spans([encoder.encode(w) for w in cand]))
        n_chunk = sum(map(len, cand))
        for special in (False, True):
            pooled = []
            for x in texts:
                spans = all_word_spans(len(x.split()))
                pooled.append(pooled_windows(encoder, x, spans, special)[0])
            res[f"pooled all windows special={special}"] = measure(with_spans(pooled))
        print(f"\n{name}: windows {n_all}, chunk spans {n_chunk} ({time.perf_counter() - t:.0f}s)")
        for k, v in res.items():
            print(f"  {k}: " + ", ".join(f"{m} {x:.1f}" for m, x in v.items()))


if __name__ == "__main__":
    main()
