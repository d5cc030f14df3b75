"""Why Pathways' English path ranks MELO's US titles below zero-shot MiniLM: its score, term by term.

    .venv/bin/python bench/melo_english_path.py [--queries 400]

A diagnosis, not a tuning run: MELO is evaluation data, nothing here is fitted on it. The English
path scores a title against an occupation as

    best MiniLM cosine over the occupation's English labels
    + 0.2 x best character-TF-IDF cosine            (``TitleNormalizer.lexical_weight``)
    + title . c + b                                 (the title head, trained on JobBERT vacancy titles)

Each term is added in turn over the same seeded queries as ``bench/multilingual_quality.py``
(en>en, ESCO English with the ISCO-08 groups as concepts, as there), beside MiniLM ranking
MELO's own corpus (the baseline there). Then: the ISCO group concepts (which the head does not
know, so they get no bias while most occupations get a negative one) removed, or given the
occupations' mean bias; queries split by gold concept (ISCO group or occupation); and the
queries the head moves down most, with the occupation it lifts above the gold one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT, ROOT / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from _machine import describe  # noqa: E402
from _melo import DATASETS, load_pair  # noqa: E402
from multilingual_quality import (  # noqa: E402
    CACHE,
    ISCO_URI,
    expected_hit,
    expected_rr,
    metrics,
    ranks_from_concepts,
    ranks_from_elements,
    sample,
    with_isco_concepts,
)

from matcher.encoder import make_encoder  # noqa: E402
from matcher.esco import load_esco  # noqa: E402
from matcher.heads import resolve_head  # noqa: E402
from matcher.label_index import ConceptRanker  # noqa: E402
from matcher.lexical import LexicalIndex  # noqa: E402
from matcher.normalize import clean_title  # noqa: E402


def mrr10(ranks: NDArray) -> float:
    return float(expected_rr(ranks, 10).mean())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--queries", type=int, default=400, help="seeded sample of en>en queries (400)")
    parser.add_argument("--examples", type=int, default=12)
    args = parser.parse_args()
    print(f"bench/melo_english_path.py; {describe()}", flush=True)
    encoder = make_encoder(None, CACHE).fit()
    occupations = with_isco_concepts(load_esco([DATASETS / "esco"])).occupations
    uris = [o.uri for o in occupations]
    groups = [[o.label, *o.alt_labels] for o in occupations]
    pair = load_pair("en>en")
    rows = sample(pair, args.queries)
    queries = [clean_title(pair.queries[i]) for i in rows]
    vectors = encoder.encode(queries)

    zero_shot = ConceptRanker(encoder, None).fit(groups, uris).scores(vectors)
    lexical = LexicalIndex().fit(groups).scores(queries)
    head = resolve_head("default", "title-head")
    if head is None:
        raise SystemExit("models/title-head/head.npz not found")
    bias = head.concept_bias(uris)
    concept_vectors = head.concept_matrix(uris)
    term = head.project_queries(vectors) @ concept_vectors.T if concept_vectors is not None else 0 * zero_shot
    isco = np.asarray([u.startswith(ISCO_URI) for u in uris])
    print(
        f"head bias: occupations mean {bias[~isco].mean():+.4f} ({(bias[~isco] < 0).mean():.0%} below 0), "
        f"ISCO groups {bias[isco].mean():+.4f} (unknown to the head)"
    )

    def ranks(scores: NDArray) -> NDArray:
        return ranks_from_concepts(scores.astype(np.float32), uris, pair, rows)["concept"]

    corpus = encoder.encode([e.strip() for e in pair.elements])
    baseline = ranks_from_elements((vectors @ corpus.T).astype(np.float32), pair, rows)
    shipped = zero_shot + 0.2 * lexical + bias + term
    isco_mean = np.where(isco, bias[~isco].mean(), bias)
    print(f"\n{len(rows)} en>en queries, concept level (Pathways ranks concepts)\n")
    print("| scores | MRR@10 | R@1 |\n|---|---|---|")
    m = metrics(baseline)
    print(f"| all-MiniLM-L6-v2 over MELO's corpus (the baseline) | {m['cMRR@10']:.3f} | {m['cR@1']:.3f} |")
    table = {
        "MiniLM best label over ESCO's labels (zero-shot)": zero_shot,
        "+ 0.2 TF-IDF (Pathways with `head=None`)": zero_shot + 0.2 * lexical,
        "+ 0.2 TF-IDF + head bias b only": zero_shot + 0.2 * lexical + bias,
        "+ 0.2 TF-IDF + head term title . c only": zero_shot + 0.2 * lexical + term,
        "+ 0.2 TF-IDF + head (Pathways as shipped)": shipped,
        "zero-shot + head, no TF-IDF": zero_shot + bias + term,
        "as shipped, ISCO group concepts given the occupations' mean bias": zero_shot
        + 0.2 * lexical
        + isco_mean
        + term,
        "as shipped, ISCO group concepts removed (their queries count as misses)": np.where(
            isco[None, :], -np.inf, shipped
        ),
    }
    for weight in (0.0, 0.1, 0.3, 0.5):
        table[f"zero-shot + {weight} TF-IDF, no head (sensitivity only)"] = zero_shot + weight * lexical
    for name, scores in table.items():
        r = ranks(scores)
        print(f"| {name} | {mrr10(r):.3f} | {expected_hit(r, 1).mean():.3f} |")

    by_id = dict(zip(pair.element_ids, pair.element_uris, strict=True))
    gold = [by_id[next(iter(pair.relevant[pair.query_ids[q]]))] for q in rows]
    gold_isco = np.asarray([g.startswith(ISCO_URI) for g in gold])
    before, after = ranks(zero_shot + 0.2 * lexical), ranks(shipped)
    rr_before, rr_after = expected_rr(before), expected_rr(after)
    up, down = (rr_after > rr_before).sum(), (rr_after < rr_before).sum()
    print(f"\nthe head moves the gold concept up for {up} queries, down for {down}")
    print("| gold concept | queries | MRR@10 without head | with head |\n|---|---|---|---|")
    for name, mask in (("ISCO group", gold_isco), ("ESCO occupation", ~gold_isco)):
        print(f"| {name} | {mask.sum()} | {mrr10(before[mask]):.3f} | {mrr10(after[mask]):.3f} |")
    column = {u: i for i, u in enumerate(uris)}
    in_corpus = np.isin(np.arange(len(uris)), [column[u] for u in set(pair.element_uris) if u in column])
    print("\nreciprocal rank lost most (query: gold, rank without -> with head; head's top 1, biases):")
    for k in np.argsort(rr_after - rr_before, kind="stable")[: args.examples]:
        top = int(np.argmax(np.where(in_corpus, shipped[k], -np.inf)))
        g = column[gold[k]]
        print(
            f"  {queries[k]!r}: {occupations[g].label!r} {before[k][0]} -> {after[k][0]}; "
            f"{occupations[top].label!r} (b {bias[top]:+.3f}; gold b {bias[g]:+.3f})"
        )


if __name__ == "__main__":
    main()
