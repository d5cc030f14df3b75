"""How often a person's phrase is linked to the right ESCO skill, by the phrase's length and the link's score.

A person's skills sentence is cut into phrases (``matcher.phrases``) and each phrase is linked to its
two best ESCO skills; a link at or above the grounding threshold (0.60) is used by the labour-market
map, "what would unlock more work" and the person's ESCO page. The demo showed one-word phrases
linked wrongly above that threshold ("gel" to *gel permeation chromatography*, "acrylic" to *cool
materials*). This measures it on data nobody here wrote: the spans of the TECH and HOUSE validation
sets (`../shared/datasets/dev-benchmarks/`, job-advert sentences whose spans were each annotated with
one ESCO skill by the benchmark's authors). Each span is linked as a person's phrase would be, with the
linker the web application uses (default head), and a link counts as right when it is the annotated
skill. Precision is printed per score band for one-word spans and for longer ones.

Usage: ``python bench/phrase_links.py`` (a few minutes the first time: the ESCO labels are encoded
into ``.cache/embeddings``; seconds after).
"""

from __future__ import annotations

import platform
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_heads import CACHE, NO_LABEL, SHARED  # noqa: E402

from matcher.demand.grounding import GroundingSettings  # noqa: E402
from matcher.encoder import Encoder  # noqa: E402
from matcher.esco import load_esco  # noqa: E402
from matcher.skills import SkillLinker  # noqa: E402

BANDS = (0.5, 0.6, 0.7, 0.8, 0.9, np.inf)


def load_spans(name: str) -> list[tuple[str, str]]:
    """(span, its annotated ESCO skill label) of a validation set, each distinct pair once."""
    import pandas as pd

    frame = pd.read_csv(SHARED / "dev-benchmarks" / f"{name}_validation_annotations.csv")
    pairs = {
        (" ".join(str(span).split()), label)
        for span, label in zip(frame["span"], frame["label"], strict=True)
        if isinstance(span, str) and isinstance(label, str) and label not in NO_LABEL
    }
    return sorted(pairs)


def main() -> None:
    if not (SHARED / "dev-benchmarks").is_dir() or not (SHARED / "esco").is_dir():
        sys.exit(f"skipped: the reference data is not at {SHARED} (dev-benchmarks and esco are needed)")
    started = time.perf_counter()
    taxonomy = load_esco(SHARED / "esco")
    linker = SkillLinker(encoder=Encoder(cache_dir=CACHE).fit()).fit(taxonomy)
    per_phrase = GroundingSettings().person_skills_per_phrase
    threshold = GroundingSettings().skill_threshold
    print(f"# {platform.processor() or platform.machine()}, Python {platform.python_version()}")
    print(f"linker ready in {time.perf_counter() - started:.0f} s; each span's {per_phrase} best links")
    rows: list[tuple[int, float, bool]] = []  # (words, score, right)
    for name in ("tech", "house"):
        spans = load_spans(name)
        links = linker.link([s for s, _ in spans], top_k=per_phrase, private=False)
        for (span, gold), found in zip(spans, links, strict=True):
            rows += [(len(span.split()), m.score, m.label == gold) for m in found]
        print(f"{name.upper()}: {len(spans)} annotated spans")
    words = np.array([r[0] for r in rows])
    scores = np.array([r[1] for r in rows])
    right = np.array([r[2] for r in rows])
    print()
    print("| spans | score band | links | right | precision |")
    print("|---|---|---:|---:|---:|")
    for label, mask in (("one word", words == 1), ("two words or more", words > 1)):
        for low, high in zip(BANDS, BANDS[1:], strict=False):
            band = mask & (scores >= low) & (scores < high)
            n = int(band.sum())
            shown = f"{low:.1f}+" if np.isinf(high) else f"{low:.1f}-{high:.1f}"
            precision = f"{right[band].mean():.2f}" if n else "-"
            print(f"| {label} | {shown} | {n} | {int(right[band].sum())} | {precision} |")
        used = mask & (scores >= threshold)
        print(f"| {label} | used (>= {threshold:.2f}) | {int(used.sum())} | {int(right[used].sum())} | "
              f"{right[used].mean():.2f} |")  # fmt: skip


if __name__ == "__main__":
    main()
