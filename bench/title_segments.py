"""Does ranking a vacancy title's head (before a spaced dash, without brackets) help?

    .venv/bin/python bench/title_segments.py [--queries 400]

Vacancy titles often carry a workplace or a selling point after a dash or in brackets:
"Caregiver – Elderly Care Home", "Cook – Care Home Kitchen", "Welder – Metal Workshop". The
demo's maps linked those to *elderly home manager*, *kitchen assistant* and *spot welder*. The
ways tried here score the title's head ("Caregiver") as well as the whole title, and for a head
of alternatives ("Waiter / Waitress") each alternative, and combine the scores per occupation.

Scored with the title normaliser as shipped (head, gate, 0.2 x TF-IDF; English path) and with
no head (zero-shot: MiniLM + 0.2 x TF-IDF) on:

* the JobBERT dev titles over ESCO's occupations (real vacancy titles from a job board, 7% with
  a spaced dash, 16% with brackets). The shipped head was trained on these whole titles, which
  favours the whole title; the zero-shot rows are free of that;
* MELO en>en (``bench/multilingual_quality.py``'s 400 seeded US titles, concept level).

``whole`` is Pathways as shipped, the baseline of each table. Never reads ../shared/holdout.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT, ROOT / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

import multilingual_quality as mq  # noqa: E402  (the en>en sample, concepts and metrics of that benchmark)
from _melo import load_pair  # noqa: E402
from title_seniority import english_setup, jobbert_titles  # noqa: E402

from matcher.normalize import TitleNormalizer  # noqa: E402

DASH = re.compile(r"\s+[-–—|]\s+")
BRACKETS = re.compile(r"\s*[(\[][^)\]]*[)\]]")
SLASH = re.compile(r"\s*/\s*")


def head_of(title: str) -> str:
    """The part before a spaced dash, without brackets; the title itself when nothing is left."""
    head = BRACKETS.sub("", DASH.split(title, maxsplit=1)[0]).strip()
    return head if len(head) >= 3 else title


def alternatives(head: str) -> list[str]:
    parts = [p for p in SLASH.split(head) if len(p) >= 3]
    return parts if len(parts) > 1 else []


Combine = Callable[[NDArray, NDArray, list[NDArray]], NDArray]
WAYS: dict[str, Combine] = {
    "whole": lambda whole, head, alts: whole,
    "head": lambda whole, head, alts: head,
    "max(whole, head)": lambda whole, head, alts: np.maximum(whole, head),
    "mean(whole, head)": lambda whole, head, alts: (whole + head) / 2,
    "mean(whole, max(head, alternatives))": lambda whole, head, alts: (
        (whole + np.max([head, *alts], axis=0)) / 2
    ),
    "max(whole, head, alternatives)": lambda whole, head, alts: np.max([whole, head, *alts], axis=0),
}


def combined(normalizer: TitleNormalizer, titles: list[str]) -> dict[str, NDArray]:
    """Each way's ``(n_titles, n_occupations)`` scores."""
    whole = normalizer.scores(titles, private=False)
    heads = [head_of(t) for t in titles]
    changed = [i for i, (t, h) in enumerate(zip(titles, heads, strict=True)) if h != t]
    head = whole.copy()
    if changed:
        head[changed] = normalizer.scores([heads[i] for i in changed], private=False)
    alts = {i: alternatives(h) for i, h in enumerate(heads) if alternatives(h)}
    flat = [a for i in alts for a in alts[i]]
    alt_scores = normalizer.scores(flat, private=False) if flat else None
    out = {name: whole.copy() for name in WAYS}
    start = 0
    for i in set(changed) | set(alts):
        mine = []
        if i in alts and alt_scores is not None:
            mine = list(alt_scores[start : start + len(alts[i])])
            start += len(alts[i])
        for name, way in WAYS.items():
            out[name][i] = way(whole[i], head[i], mine)
    return out


def main() -> None:
    args, encoder, esco = english_setup(__doc__, "title_segments.py")
    shipped = TitleNormalizer(encoder=encoder, multilingual=False).fit(esco)
    zero = TitleNormalizer(encoder=encoder, multilingual=False, head=None).fit(esco)
    uris = [o.uri for o in shipped.occupations_]
    groups = np.asarray(["/occupation/" not in u for u in uris])

    titles, gold = jobbert_titles(uris)
    touched = np.asarray([head_of(t) != t or bool(alternatives(head_of(t))) for t in titles])
    print(f"\nJobBERT dev titles, {len(titles)}, over ESCO's occupations; {touched.sum()} with a head")
    print("(R@1 and MRR@10 over all titles; the last two columns over the titles with a different head)\n")
    for label, normalizer in (("shipped head (trained on these titles)", shipped), ("no head", zero)):
        print(f"{label}\n\n| way | R@1 | MRR@10 | R@1, changed | MRR@10, changed |\n|---|---|---|---|---|")
        for name, scores in combined(normalizer, titles).items():
            moved = np.where(groups[None, :], -np.inf, scores)
            own = moved[np.arange(len(titles)), gold]
            rank = (moved > own[:, None]).sum(axis=1) + 1
            rr = np.where(rank <= 10, 1 / rank, 0)
            print(
                f"| {name} | {(rank == 1).mean():.4f} | {rr.mean():.4f} "
                f"| {(rank[touched] == 1).mean():.4f} | {rr[touched].mean():.4f} |"
            )
        print()

    pair = load_pair("en>en")
    rows = mq.sample(pair, args.queries)
    queries = [pair.queries[i] for i in rows]
    with_head = sum(head_of(q) != q for q in queries)
    print(f"MELO en>en, {len(rows)} queries, concept level; {with_head} with a head\n")
    print("| way | MRR@10 | MRR | R@1 |\n|---|---|---|---|")
    for name, scores in combined(shipped, queries).items():
        ranks = mq.ranks_from_concepts(scores.astype(np.float32), uris, pair, rows)["concept"]
        print(
            f"| {name} | {mq.expected_rr(ranks, 10).mean():.3f} | {mq.expected_rr(ranks).mean():.3f} "
            f"| {mq.expected_hit(ranks, 1).mean():.3f} |"
        )


if __name__ == "__main__":
    main()
