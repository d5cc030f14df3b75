"""How long preparing a person's words takes through the ESCO bridge, beside the English encoder alone.

    OMP_NUM_THREADS=1 .venv/bin/python bench/person_bridge_speed.py [--cache DIR] [--repeats 3]

What the web app's preparation job does for one person (:func:`web.matching.preparation.prepare_people`):
encode every phrase of their profile privately (never cached), with all-MiniLM-L6-v2 alone
(``plain``), or through :class:`matcher.grounding.PersonBridge` (``bridged``: each phrase's
language guessed, the ones not in English placed through their ESCO occupations, found by
multilingual-e5-small against the labels of every loaded language). People: the demo's
(``datasets/demo/people.csv``) who write in Spanish, French, Nepali and Amharic, and a few who
write in English (the bridge must cost them next to nothing). ESCO in English, Spanish and
French from ``../shared/datasets``. Reading ESCO (the labels' vectors, from the cache given with
``--cache``, or encoded now) is timed apart: the server does it once, in the background.
Each person's figure is the median of ``--repeats`` runs.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import statistics
import sys
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _machine import describe  # noqa: E402

from matcher.alignment import person_texts  # noqa: E402
from matcher.encoder import Encoder  # noqa: E402
from matcher.esco import load_esco  # noqa: E402
from matcher.grounding import PersonBridge  # noqa: E402
from matcher.normalize import TitleNormalizer  # noqa: E402
from matcher.records import PastJob, PersonProfile  # noqa: E402

DATASETS = ROOT.parent / "shared" / "datasets"
PEOPLE = ("mcr-07", "mcr-14", "mcr-29", "mcr-30", "ktm-28", "add-28", "mcr-01", "mcr-02", "ktm-01")


def demo_people() -> list[tuple[str, PersonProfile]]:
    """The chosen demo people's words (past jobs: the title before the first comma, then the place)."""
    with (ROOT / "datasets" / "demo" / "people.csv").open(encoding="utf-8", newline="") as fh:
        rows = {r["id"]: r for r in csv.DictReader(fh)}
    out = []
    for ref in PEOPLE:
        row = rows[ref]
        jobs = []
        for item in (row["work_history"] or "").split(";"):
            title, _, place = item.partition(",")
            if title.strip():
                jobs.append(PastJob(title.strip(), place.strip()))
        profile = PersonProfile(ref, row["skills_text"], tuple(jobs), row["interests_text"], ())
        out.append((f"{ref} ({row['languages']})", profile))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", default=None, help="embedding cache folder holding ESCO's label vectors")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--show", action="store_true", help="print where each phrase not in English lands")
    args = parser.parse_args()
    print(f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; {describe()}")
    started = time.perf_counter()
    encoder = Encoder(cache_dir=args.cache).fit()
    taxonomy = load_esco([DATASETS / "esco", DATASETS / "esco-es", DATASETS / "esco-fr"])
    normalizer = TitleNormalizer(encoder=encoder).fit(taxonomy)
    print(f"ESCO read (English path): {time.perf_counter() - started:.1f} s")
    bridge = PersonBridge(normalizer)
    started = time.perf_counter()
    normalizer.router_.ranker()  # the multilingual side: every label of every language, with e5
    print(f"ESCO read (multilingual side, e5): {time.perf_counter() - started:.1f} s")
    private = partial(encoder.encode, private=True)
    bridge.encode(["warm-up"], private, labels=encoder.encode)
    print()
    print("| person (languages) | phrases | not English | plain (ms) | bridged (ms) |")
    print("|---|---|---|---|---|")
    totals = [0.0, 0.0]
    for name, profile in demo_people():
        texts = list(person_texts(profile))
        crossing = sum(bridge.crosses(texts))
        plain, bridged = [], []
        for _ in range(args.repeats):
            t = time.perf_counter()
            private(texts)
            plain.append(time.perf_counter() - t)
            t = time.perf_counter()
            bridge.encode(texts, private, labels=encoder.encode)
            bridged.append(time.perf_counter() - t)
        p, b = statistics.median(plain) * 1000, statistics.median(bridged) * 1000
        totals[0] += p
        totals[1] += b
        print(f"| {name} | {len(texts)} | {crossing} | {p:.0f} | {b:.0f} |")
    print(f"| all {len(PEOPLE)} | | | {totals[0]:.0f} | {totals[1]:.0f} |")
    if args.show:
        print("\n| person | phrase | its occupations (within the margin of the best) |\n|---|---|---|")
        for name, profile in demo_people():
            every = person_texts(profile)
            texts = [t for t, c in zip(every, bridge.crosses(every), strict=True) if c]
            found = normalizer.normalize(texts, bridge.top_k, private=True)
            for text, row in zip(texts, found, strict=True):
                near = [f"{m.label} ({m.score:.2f})" for m in row if m.score >= row[0].score - bridge.margin]
                print(f"| {name.split()[0]} | {text[:60]} | {'; '.join(near)} |")
    print(f"\nfinished; {describe()}")


if __name__ == "__main__":
    main()
