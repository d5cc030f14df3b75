"""Should a job title that is word for word an ESCO label go to that label's occupation first?

The walk found past jobs written exactly as an ESCO label ranked below a near neighbour: "circus performer"
(an alternative label of *circus artist*) went to *circus arts teacher*, "security guard" to *security guard
supervisor*. This measures the rule "an exact label match comes first" on the JobBERT dev titles: how many
titles are an ESCO label (case and spacing aside), how often that label's occupation is the annotated one, and
R@1 on those titles with the title normaliser as it is against the normaliser with exact matches put first
(the normaliser's order among them kept).

Usage: ``python bench/exact_titles.py`` (seconds once the ESCO labels are in ``.cache/embeddings``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_heads import CACHE, SHARED, load_titles  # noqa: E402

from matcher.encoder import Encoder  # noqa: E402
from matcher.esco import load_esco  # noqa: E402
from matcher.normalize import TitleNormalizer  # noqa: E402


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def main() -> None:
    if not (SHARED / "dev-benchmarks").is_dir() or not (SHARED / "esco").is_dir():
        sys.exit(f"skipped: the reference data is not at {SHARED} (dev-benchmarks and esco are needed)")
    esco = load_esco(SHARED / "esco")
    titles, gold = load_titles(SHARED / "dev-benchmarks")
    owners: dict[str, set[str]] = {}
    for occupation in esco.occupations:
        for label in (occupation.label, *occupation.alt_labels):
            owners.setdefault(_key(label), set()).add(occupation.uri)
    exact = [(t, g, owners[_key(t)]) for t, g in zip(titles, gold, strict=True) if _key(t) in owners]
    named = sum(g in found for _, g, found in exact)
    normalizer = TitleNormalizer(encoder=Encoder(cache_dir=CACHE).fit()).fit(esco)
    uris = [o.uri for o in normalizer.occupations_]
    scores = normalizer.scores([t for t, _, _ in exact], private=False)
    order = np.argsort(-scores, axis=1)
    n = len(exact)

    def right(margin: float) -> int:
        """Titles right at rank 1 when an exact match within ``margin`` of the top score comes first."""
        hits = 0
        for i, (_, g, found) in enumerate(exact):
            row, best = order[i], scores[i, order[i, 0]]
            lifted = [j for j in row if uris[j] in found and scores[i, j] >= best - margin]
            hits += uris[lifted[0] if lifted else row[0]] == g
        return hits

    as_is, first = right(0.0), right(np.inf)
    share = n / len(titles)
    print(f"{len(titles):,} JobBERT dev titles; {n:,} are word for word an ESCO label ({share:.1%})")
    print(f"that label's occupation is the annotated one for {named:,} of them ({named / n:.1%})")
    print(f"R@1 on those titles: normaliser as it is {as_is / n:.3f}; exact match first {first / n:.3f}")
    print(f"change in R@1 over all titles if exact matches came first: {(first - as_is) / len(titles):+.4f}")
    for margin in (0.005, 0.01, 0.02, 0.05, 0.1):
        print(f"  exact match first only within {margin} of the top score: R@1 {right(margin) / n:.3f}")


if __name__ == "__main__":
    main()
