"""Scratch study 3 (issue 22 b): lexical pre-filters of candidate spans; spans to encode and RP@5."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
from matcher_quality import _label_columns, skill_metrics  # noqa: E402
from train_heads import CACHE, SHARED, load_sentences  # noqa: E402

from matcher.encoder import Encoder  # noqa: E402
from matcher.esco import load_esco  # noqa: E402
from matcher.label_index import concept_texts  # noqa: E402
from matcher.skills import STOP_WORDS, SkillLinker, candidate_spans, phrase_words  # noqa: E402

esco = load_esco(SHARED / "esco")
enc = Encoder(cache_dir=CACHE, batch_size=128, remember_private=True).fit()
groups = [[s.label, *s.alt_labels] for s in esco.skills]
labels, _ = concept_texts(groups)


def stem(w):
    for suf in (
        "ing",
        "ies",
        "ied",
        "ed",
        "es",
        "er",
        "ers",
        "s",
        "ly",
        "ment",
        "ments",
        "ion",
        "ions",
        "ation",
        "ations",
    ):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            return w[: -len(suf)]
    return w


vocab = {w for t in labels for w in phrase_words(t)}
svocab = {stem(w) for w in vocab}
grams = set()
sgrams = set()
for t in labels:
    ws = phrase_words(t)
    ss = tuple(stem(w) for w in ws)
    for n in range(1, 4):
        for i in range(len(ws) - n + 1):
            grams.add(ws[i : i + n])
            sgrams.add(ss[i : i + n])


def content(ws):
    return [w for w in ws if w not in STOP_WORDS]


FILTERS = {
    "all": lambda s: True,
    "ngram": lambda s: phrase_words(s) in grams,
    "stem-ngram": lambda s: tuple(stem(w) for w in phrase_words(s)) in sgrams,
    "all-words-vocab": lambda s: all(w in vocab for w in content(phrase_words(s))),
    "all-stems-vocab": lambda s: all(stem(w) in svocab for w in content(phrase_words(s))),
    "single-or-ngram": lambda s: len(phrase_words(s)) == 1 or phrase_words(s) in grams,
    "single-or-stem-ngram": lambda s: (
        len(phrase_words(s)) == 1 or tuple(stem(w) for w in phrase_words(s)) in sgrams
    ),
}
from matcher.lexical import LexicalIndex  # noqa: E402

lex = LexicalIndex().fit([[t] for t in labels])
best = {}


def tf(s):
    if s not in best:
        best[s] = float(lex.scores([s]).max())
    return best[s]


for th in (0.4, 0.5, 0.6, 0.7):
    FILTERS[f"ngram-or-tfidf>={th}"] = lambda s, th=th: phrase_words(s) in grams or tf(s) >= th


class L(SkillLinker):
    keep = staticmethod(lambda s: True)

    def _spans(self, text):
        return [s for s in candidate_spans(text, self.window_words) if self.keep(s)] or [text]


lk = L(encoder=enc, head=None).fit(esco)
for name in ("tech", "house"):
    data = load_sentences(SHARED / "dev-benchmarks", name)
    texts = [t for t, _ in data]

    def measure(scores, data=data):
        by_label, column = _label_columns(esco, scores)
        return skill_metrics(by_label, [{column[lab] for lab in ls} for _, ls in data])

    for fname, fn in FILTERS.items():
        lk.keep = staticmethod(fn)
        n = len({s for t in texts for s in lk._spans(t)})
        m = measure(lk.scores(texts))
        print(
            f"{name} {fname}: spans {n} RP@5 {m['RP@5']:.1f} RP@10 {m['RP@10']:.1f} MRR {m['MRR']:.1f}",
            flush=True,
        )
