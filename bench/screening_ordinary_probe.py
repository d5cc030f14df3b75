"""A false-alarm probe: ESCO's ordinary duty texts screened with the lexical rules, hits per indicator.

ESCO's occupation descriptions (English) and skill labels and descriptions (English, Spanish, French) are
plain duties; a pattern that fires on one of them is nearly always a homonym (``beat eggs``, ``espèces``
as species, ``garantía del equipo`` as a warranty) and a likely false alarm on real adverts. Nothing here
is an evaluation advert: it is a large set of ordinary wordings to find causes in, by reading the hits.

    .venv/bin/python bench/screening_ordinary_probe.py            # counts per source and indicator
    .venv/bin/python bench/screening_ordinary_probe.py --list     # every hit, with the matched words
"""

from __future__ import annotations

import argparse
import csv
import sys
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--list", action="store_true", help="print every hit with its matched words")
    args = parser.parse_args()
    counts: dict[tuple[str, str], Counter[str]] = {}
    sizes: Counter[tuple[str, str]] = Counter()
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
