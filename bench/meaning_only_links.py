"""How often is a link from words read by meaning only right, at the thresholds the map uses?

The walk found a Nepali speaker's "सिलाइ" (sewing) linked to *chief ICT security officer* and her
cooking to the *R* programming language, counted as hers on the labour-market map. Words in a language
with no ESCO labels loaded are placed by the multilingual encoder alone. This ranks the 40 titles and
one-line self-descriptions of ``multilingual-titles/dev_sample.jsonl`` (5 each in Nepali, Amharic,
Tigrinya, Arabic, Spanish, French, Romanian and Vietnamese) with the title normaliser over ESCO as the
demo reads it (English only, so every one of those languages is read by meaning only), and counts,
among the texts that leave the English path, the top occupations the grounding would use (score at or
above its 0.55 threshold) and the near misses it offers (0.45-0.55), and how many are one of the item's
gold occupations. English ESCO with Spanish and French (``--languages en es fr``) is the comparison:
those two languages are then matched by their own labels as well.

Usage: ``python bench/meaning_only_links.py [--languages en es fr]`` (minutes the first time: every ESCO
label is encoded into ``.cache/embeddings``, then seconds).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_heads import CACHE, SHARED  # noqa: E402

from matcher.demand.grounding import GroundingSettings  # noqa: E402
from matcher.encoder import Encoder  # noqa: E402
from matcher.esco import load_esco  # noqa: E402
from matcher.normalize import TitleNormalizer  # noqa: E402

FOLDERS = {"en": "esco", "es": "esco-es", "fr": "esco-fr"}
NEAR = 0.1  # the ESCO page's suggestion margin (web.people.grounding.SUGGESTION_MARGIN)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--languages", nargs="+", default=["en"], choices=sorted(FOLDERS))
    args = parser.parse_args()
    sample = SHARED / "multilingual-titles" / "dev_sample.jsonl"
    folders = [SHARED / FOLDERS[code] for code in args.languages]
    if not sample.is_file() or not all(f.is_dir() for f in folders):
        sys.exit(f"skipped: the reference data is not at {SHARED} (multilingual-titles and ESCO are needed)")
    items = [json.loads(line) for line in sample.read_text(encoding="utf-8").splitlines() if line.strip()]
    normalizer = TitleNormalizer(encoder=Encoder(cache_dir=CACHE).fit()).fit(load_esco(folders))
    texts = [item["text"] for item in items]
    guesses = normalizer.router_.languages(texts)
    found = normalizer.normalize(texts, top_k=1)
    threshold = GroundingSettings().occupation_threshold
    counts: Counter[tuple[str, str]] = Counter()
    for item, guess, matches in zip(items, guesses, found, strict=True):
        if guess.english_path or not matches:
            continue
        way = "by meaning only" if not guess.labelled else "with the language's own labels"
        top = matches[0]
        right = top.uri in item["gold"]
        band = ""
        if top.score >= threshold:
            band = "used (>= 0.55)"
        elif top.score >= threshold - NEAR:
            band = "near miss"
        if band:
            counts[(way, band)] += 1
            counts[(way, band + " right")] += right
        counts[(way, "texts")] += 1
        shown = f"{item['language']}  {guess.code or '?':9} {top.score:.3f}  {'right' if right else 'wrong'}"
        print(f"{shown}  {top.label}  <- {item['english']}")
    print(f"\nESCO languages: {' '.join(args.languages)}; {len(items)} items; English path excluded")
    print("| read | texts | links used (>= 0.55) | right | near misses (0.45-0.55) | right |")
    print("|---|---:|---:|---:|---:|---:|")
    for way in sorted({w for w, _k in counts}):
        used, near = counts[(way, "used (>= 0.55)")], counts[(way, "near miss")]
        print(
            f"| {way} | {counts[(way, 'texts')]} | {used} | {counts[(way, 'used (>= 0.55) right')]} | "
            f"{near} | {counts[(way, 'near miss right')]} |"
        )


if __name__ == "__main__":
    main()
