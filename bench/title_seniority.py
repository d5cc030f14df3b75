"""Does marking down senior occupations help titles that name no rank? Measured, not adopted.

    .venv/bin/python bench/title_seniority.py [--queries 400]

The demo's Kathmandu map linked "Caregiver – Elderly Care Home" to *elderly home manager* and
"Waiter / Waitress – Restaurant" to *head waiter*. The rule tried here subtracts ``delta`` from
every occupation whose preferred label names a rank (manager, supervisor, head, chief, director,
foreman, superintendent, lead, leader) when the title names none. It is scored, with the title
normaliser as shipped (head, gate, 0.2 x TF-IDF; English path), on:

* MELO en>en (``bench/multilingual_quality.py``'s 400 seeded US titles, ESCO English with the
  ISCO groups as concepts, concept level): evaluation data the head never saw;
* the JobBERT dev titles over ESCO's occupations, with the shipped head, which was trained on
  them: only the change between rows means anything there.

``delta = 0`` is Pathways as shipped, the baseline of each table. Never reads ../shared/holdout.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT, ROOT / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

import multilingual_quality as mq  # noqa: E402  (the en>en sample, concepts and metrics of that benchmark)
from _machine import describe  # noqa: E402
from _melo import DATASETS, load_pair  # noqa: E402

from matcher.encoder import Encoder, make_encoder  # noqa: E402
from matcher.esco import EscoTaxonomy, load_esco  # noqa: E402
from matcher.normalize import TitleNormalizer  # noqa: E402

RANK = re.compile(
    r"\b(?:manager|supervisor|head|chief|director|foreman|forewoman|superintendent|leader|lead)\b", re.I
)
DELTAS = (0.0, 0.02, 0.04, 0.06, 0.1)


def marked_down(scores: NDArray, titles: list[str], ranked: NDArray, delta: float) -> NDArray:
    """``scores`` less ``delta`` where a title names no rank and the occupation's label does."""
    plain = np.asarray([not RANK.search(t) for t in titles])
    return scores - delta * (plain[:, None] & ranked[None, :])


def english_setup(doc: str, script: str) -> tuple[argparse.Namespace, Encoder, EscoTaxonomy]:
    """The arguments (``--queries``), the encoder and ESCO English with the ISCO groups as concepts.

    Shared by the English title experiments (this script, ``bench/title_segments.py``); exits when
    the ESCO and MELO copies are not in ``../shared/datasets``.
    """
    parser = argparse.ArgumentParser(description=doc.split("\n")[0])
    parser.add_argument("--queries", type=int, default=400, help="seeded sample of en>en queries (400)")
    args = parser.parse_args()
    if not (DATASETS / "esco").is_dir() or not (DATASETS / "melo").is_dir():
        raise SystemExit(f"skipped: the ESCO and MELO copies are not in {DATASETS}")
    print(f"bench/{script}; {describe()}", flush=True)
    return args, make_encoder(None, mq.CACHE).fit(), mq.with_isco_concepts(load_esco([DATASETS / "esco"]))


def jobbert_titles(uris: list[str]) -> tuple[list[str], list[int]]:
    """The JobBERT dev titles whose occupation is among ``uris``, and each one's column in them."""
    column = {u: i for i, u in enumerate(uris)}
    titles, gold = [], []
    with (DATASETS / "dev-benchmarks" / "jobbert_titles_dev.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["conceptUri"] in column:
                titles.append(row["vacancyTitle"])
                gold.append(column[row["conceptUri"]])
    return titles, gold


def main() -> None:
    args, encoder, esco = english_setup(__doc__, "title_seniority.py")
    normalizer = TitleNormalizer(encoder=encoder, multilingual=False).fit(esco)
    uris = [o.uri for o in normalizer.occupations_]
    ranked = np.asarray([bool(RANK.search(o.label)) for o in normalizer.occupations_])
    print(f"{ranked.sum()} of {len(uris)} concepts name a rank in their preferred label\n")

    pair = load_pair("en>en")
    rows = mq.sample(pair, args.queries)
    queries = [pair.queries[i] for i in rows]
    scores = normalizer.scores(queries, private=False)
    print(f"MELO en>en, {len(rows)} queries, concept level\n")
    print("| delta | MRR@10 | MRR | R@1 |\n|---|---|---|---|")
    for delta in DELTAS:
        moved = marked_down(scores, queries, ranked, delta).astype(np.float32)
        ranks = mq.ranks_from_concepts(moved, uris, pair, rows)["concept"]
        print(
            f"| {delta:.2f} | {mq.expected_rr(ranks, 10).mean():.3f} | {mq.expected_rr(ranks).mean():.3f} "
            f"| {mq.expected_hit(ranks, 1).mean():.3f} |"
        )

    titles, gold = jobbert_titles(uris)
    scores = normalizer.scores(titles, private=False)
    groups = np.asarray(["/occupation/" not in u for u in uris])
    print(f"\nJobBERT dev titles, {len(titles)}, over ESCO's occupations (shipped head: trained on them)\n")
    print("| delta | R@1 | MRR@10 |\n|---|---|---|")
    for delta in DELTAS:
        moved = np.where(groups[None, :], -np.inf, marked_down(scores, titles, ranked, delta))
        own = moved[np.arange(len(titles)), gold]
        rank = (moved > own[:, None]).sum(axis=1) + 1
        print(f"| {delta:.2f} | {(rank == 1).mean():.4f} | {np.where(rank <= 10, 1 / rank, 0).mean():.4f} |")


if __name__ == "__main__":
    main()
