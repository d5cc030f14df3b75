"""Matcher quality on ../shared/datasets/dev-benchmarks, beside two baselines, in one run.

    .venv/bin/python bench/matcher_quality.py [--folds 5] [--parts titles,skills] [--filed-rev 758535e^1]

Titles (jobbert_titles_dev.csv) and held-out ESCO synonyms: Recall@1, Recall@5, MRR@10 over
the 2,942 ESCO occupations. Skills (TECH and HOUSE validation, sentences with at least one label):
RP@5, RP@10 and MRR over the ESCO v1.1.0 skill labels. Systems:

* ``char-tfidf``: character n-gram TF-IDF over ESCO labels (preferred + alternative),
  best label per concept;
* ``zero-shot``: all-MiniLM-L6-v2 over the same labels, best label per concept
  (``TitleNormalizer(head=None)`` / ``SkillLinker(head=None)``);
* ``pathways, no head`` (titles): embeddings + 0.2 x character TF-IDF, zero-shot;
* ``pathways`` (titles): the same plus the title head, trained by
  ``bench/train_heads.py`` on the *other* folds only (5-fold cross-validation over the
  dev titles, seeded), so every figure is on titles the head did not see; and with the
  title-vs-label gate as shipped (``models/title-gate``), its classifier also trained
  without the test fold (``bench/train_title_gate.py``'s ``fit_title_gate``);
* held-out ESCO synonyms (issue 22): the occupations' alternative labels in the shared copy
  cut into the same number of seeded folds (``bench/_synonyms.py``), each fold's labels
  queried against every other label (their own left out), under zero-shot, no head, the
  head and head plus gate, each trained without that fold's titles and labels;
* ``pathways`` (skills): zero-shot (no trained part): labels, best candidate phrase and
  description mixed with two weights that were chosen on TECH; HOUSE is the check on
  data the choice did not see. Beside it, ``pathways before``: every 1-4-word window
  (the old spans, with today's scoring and encoder), and with ``--filed-rev REV`` the
  skill linker of that git revision itself (``758535e^1``: the code as issue 22 was filed;
  read from git at run time by ``bench/_filed_code.py``, its labels' vectors taken from
  today's encoder), each with its quality and the linking speed in
  sentences per second (best of ``--repeats`` rounds) cold (sentences and spans never
  encoded; the skill labels and descriptions are, as after ``fit``) and warm (everything
  cached), and the texts encoded. The default links the texts with a faster copy of the
  model (``SkillLinker(query_precision="fast")``: bfloat16 with Intel AMX or on AMD with
  AVX-512 BF16, else float32; :mod:`matcher.precision`) and, in bfloat16, takes the
  spans-by-labels product coarse to fine (``label_shortlist``), and looks single words of the
  skills' labels and descriptions up in a table made at ``fit`` (``word_table``). Shown beside
  it: the same without the label shortlist (every score exact) and without the word table (in
  bfloat16; in float32 that is the fourth round's row), the same as the default but one forward
  pass per token length (the default before ``matcher.packed``: every token of a call one row of one
  pass), with a phrase shortlist
  (``phrase_shortlist=8`` and ``4``: each text's longer phrases encoded only if their coarse
  vector is among its best; off by default), and the full-precision candidate phrases
  without the word table, batched as in the third round (padded), by token length (the
  fourth round) and packed (the row-wise 8-bit copy, never faster, is no longer run).
  Also the fast mode (``label_spans_only=True``: only candidate phrases whose words run
  inside some skill label), faster and less accurate. Every speed round
  must give the same scores as the first (a text's scores do not depend on its batch-mates).

Never reads ../shared/holdout.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import secrets
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT, ROOT / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from _filed_code import FiledRevisionError, FiledSkillLinker  # noqa: E402
from _synonyms import synonym_folds, zero_shot_scores  # noqa: E402
from train_heads import CACHE, SHARED, load_sentences, load_titles, train_title_head  # noqa: E402
from train_title_gate import fit_title_gate  # noqa: E402

from matcher.encoder import Encoder  # noqa: E402
from matcher.esco import EscoTaxonomy, load_esco  # noqa: E402
from matcher.label_index import max_by_owner  # noqa: E402
from matcher.lexical import LexicalIndex  # noqa: E402
from matcher.normalize import TitleNormalizer  # noqa: E402
from matcher.skills import SkillLinker  # noqa: E402
from matcher.title_gate import gated_scores, label_centroids  # noqa: E402


def char_tfidf_scores(groups: list[list[str]], queries: list[str]) -> NDArray[np.float32]:
    """Baseline: character 2-4-gram TF-IDF cosine over ESCO labels, best label per concept."""
    return LexicalIndex().fit(groups).scores(queries)


def title_metrics(scores: NDArray[np.float32], gold: NDArray[np.int64]) -> dict[str, float]:
    """Recall@1, Recall@5, MRR@10 (ties count against the gold occupation)."""
    rank = (scores > scores[np.arange(len(gold)), gold][:, None]).sum(axis=1)
    return {
        "R@1": float((rank < 1).mean()),
        "R@5": float((rank < 5).mean()),
        "MRR@10": float(np.where(rank < 10, 1.0 / (rank + 1), 0.0).mean()),
    }


def skill_metrics(scores: NDArray[np.float32], relevant: list[set[int]]) -> dict[str, float]:
    """RP@5, RP@10 and MRR (in %) over label columns."""
    rp5 = rp10 = mrr = 0.0
    for row, rel in zip(scores, relevant, strict=True):
        order = np.argsort(-row, kind="stable")
        hits = np.isin(order, list(rel))
        rp5 += hits[:5].sum() / min(5, len(rel))
        rp10 += hits[:10].sum() / min(10, len(rel))
        mrr += 1.0 / (np.flatnonzero(hits)[0] + 1)
    n = len(relevant)
    return {"RP@5": 100 * rp5 / n, "RP@10": 100 * rp10 / n, "MRR": 100 * mrr / n}


def folds_of(n: int, k: int, seed: int = 0) -> NDArray[np.int64]:
    """Fold number of each item: a seeded random permutation cut into ``k`` parts."""
    return np.random.default_rng(seed).permutation(n) % k


def bench_titles(
    esco: EscoTaxonomy, encoder: Encoder, k: int
) -> tuple[dict[str, dict[str, float]], dict[str, dict[str, float]]]:
    """Vacancy titles and held-out ESCO synonyms, each system's head and gate trained without the test fold.

    Titles: ``k``-fold cross-validation over the dev titles. Synonyms: the occupations'
    alternative labels cut into ``k`` folds (``_synonyms.synonym_folds``); fold ``f``'s labels
    are queries against every other label (their own left out). For fold ``f`` the head is
    trained on the other title folds and the gate (``train_title_gate.fit_title_gate``) on the
    other title folds against every label outside fold ``f``; the gate's centroids leave fold
    ``f``'s labels out for its synonyms. Returns the titles' and the synonyms' tables.
    """
    titles, uris = load_titles(SHARED / "dev-benchmarks")
    occupation_uris = [o.uri for o in esco.occupations]
    index = {u: i for i, u in enumerate(occupation_uris)}
    gold = np.asarray([index[u] for u in uris], dtype=np.int64)
    started = time.perf_counter()
    no_head = TitleNormalizer(encoder=encoder, head=None).fit(esco)
    semantic = no_head.ranker_.scores(no_head.ranker_.embed_queries(titles))  # = zero-shot MiniLM
    lexical = no_head.lexical_.scores(titles) if no_head.lexical_ is not None else 0 * semantic
    base = semantic + no_head.lexical_weight * lexical  # = no_head.scores(titles), checked below
    print(f"  titles: zero-shot scores in {time.perf_counter() - started:.0f} s", flush=True)
    results = {
        "char-tfidf": title_metrics(lexical, gold),
        "zero-shot MiniLM": title_metrics(semantic, gold),
        "pathways, no head": title_metrics(base, gold),
    }
    vectors = encoder.encode(titles)
    fold = folds_of(len(titles), k)
    synonyms = synonym_folds(esco, k)
    label_vectors = encoder.encode(synonyms.texts)
    n_occupations = synonyms.n_occupations
    every_label = label_centroids(label_vectors, synonyms.owners, n_occupations)
    ours, gated = np.zeros_like(base), np.zeros_like(base)
    held_out: dict[str, list[NDArray[np.float32]]] = {name: [] for name in SYNONYM_SYSTEMS}
    held_gold = []
    started = time.perf_counter()
    for f in range(k):
        train, test = np.flatnonzero(fold != f), np.flatnonzero(fold == f)
        head = train_title_head(base[train], vectors[train], gold[train], occupation_uris)
        assert head.bias is not None and head.concept_vectors is not None
        ours[test] = base[test] + vectors[test] @ head.concept_vectors.T + head.bias
        known = np.flatnonzero(synonyms.fold != f)  # every label but fold f's synonyms
        gate = fit_title_gate(
            [titles[i] for i in train] + [synonyms.texts[i] for i in known],
            np.vstack([vectors[train], label_vectors[known]]),
            np.r_[np.ones(len(train)), np.zeros(len(known))],
        )
        test_titles = [titles[i] for i in test]
        p_title = gate.p_title(test_titles, vectors[test])
        gated[test] = gated_scores(ours[test], base[test], vectors[test] @ every_label.T, p_title, gate)
        if f == 0:  # the shipped code path gives the same scores
            sample = test_titles[:100]
            fitted = TitleNormalizer(encoder=encoder, head=head, gate=None).fit(esco)
            np.testing.assert_allclose(fitted.scores(sample), ours[test[:100]], atol=2e-3)
            fitted = TitleNormalizer(encoder=encoder, head=head, gate=gate).fit(esco)
            np.testing.assert_allclose(fitted.scores(sample), gated[test[:100]], atol=2e-3)
        rows = synonyms.queries[synonyms.query_fold == f]
        label_base, label_semantic = zero_shot_scores(synonyms, label_vectors, f, queries=rows)
        term = label_vectors[rows] @ head.concept_vectors.T + head.bias
        centroids = label_centroids(label_vectors[known], synonyms.owners[known], n_occupations)
        p_label = gate.p_title([synonyms.texts[i] for i in rows], label_vectors[rows])
        cosine = label_vectors[rows] @ centroids.T
        for name, scores in zip(
            SYNONYM_SYSTEMS,
            (
                label_semantic,
                label_base,
                label_base + term,
                gated_scores(label_base + term, label_base, cosine, p_label, gate),
            ),
            strict=True,
        ):
            held_out[name].append(scores)
        held_gold.append(synonyms.owners[rows])
        print(f"  titles and synonyms: fold {f} in {time.perf_counter() - started:.0f} s", flush=True)
    results["pathways (head, unseen fold)"] = title_metrics(ours, gold)
    results["pathways (head and gate as shipped, unseen fold)"] = title_metrics(gated, gold)
    every_gold = np.concatenate(held_gold)
    synonym_results = {name: title_metrics(np.vstack(parts), every_gold) for name, parts in held_out.items()}
    return results, synonym_results


SYNONYM_SYSTEMS = (
    "zero-shot MiniLM",
    "pathways, no head",
    "pathways (head, unseen fold)",
    "pathways (head and gate as shipped, unseen fold)",
)


def _label_columns(
    esco: EscoTaxonomy, scores: NDArray[np.float32]
) -> tuple[NDArray[np.float32], dict[str, int]]:
    """Collapse skill columns to unique preferred labels (max over skills sharing a label)."""
    labels = sorted({s.label for s in esco.skills})
    column = {label: i for i, label in enumerate(labels)}
    owners = np.asarray([column[s.label] for s in esco.skills])
    order = np.argsort(owners, kind="stable")
    return max_by_owner(scores[:, order], owners[order], len(labels)), column


def cold_encoder(loaded: Encoder, **params: Any) -> Encoder:
    """A fitted encoder sharing ``loaded``'s model (and precision) with nothing cached (memory only, empty).

    It keeps what it encodes in memory, private texts too (``remember_private``), so a
    second pass over the same sentences measures the warm path.
    """
    fresh = Encoder(remember_private=True, **params)
    fresh.model_, fresh.model_id_, fresh.dim_ = loaded.model_, loaded.model_id_, loaded.dim_
    fresh.precision_ = loaded.precision_
    fresh.memory_, fresh.cache_, fresh.encoded_count_ = {}, None, 0
    fresh.secret_ = secrets.token_bytes(32)
    return fresh


def link_speed(
    linker: SkillLinker, texts: list[str], encoder: Encoder
) -> tuple[float, float, int, NDArray[np.float32]]:
    """Sentences/s linking ``texts`` cold (sentences and spans never encoded) and warm (all cached).

    The skill labels and descriptions stay encoded (``fit`` is done once per process and
    cached on disk); only the encoder of the texts is swapped for an empty one. Also returns
    the cold pass's scores (the warm pass must give the same).
    """
    queries_with = linker.query_encoder_
    linker.query_encoder_ = encoder
    try:
        started = time.perf_counter()
        cold_scores = linker.scores(texts)
        cold = time.perf_counter() - started
        started = time.perf_counter()
        warm_scores = linker.scores(texts)
        warm = time.perf_counter() - started
    finally:
        linker.query_encoder_ = queries_with
    np.testing.assert_array_equal(cold_scores, warm_scores)
    return len(texts) / cold, len(texts) / warm, encoder.encoded_count_, cold_scores


# how each system's texts are encoded in the speed runs: "before" and the third round batch as they did
# (64 texts a batch whatever their length / length-sorted padded batches), the fourth and fifth rounds and
# the default before the packed pass one token length a batch, the others packed (the default)
OLD_BATCHES = {"batch_size": 64, "max_batch_tokens": 10**9, "batches": "padded"}
PADDED = {"batches": "padded"}
SAME_LENGTH = {"batches": "same_length"}


def bench_skills(
    esco: EscoTaxonomy, encoder: Encoder, name: str, repeats: int = 3, filed: FiledSkillLinker | None = None
) -> dict[str, dict[str, float]]:
    data = load_sentences(SHARED / "dev-benchmarks", name)
    texts = [t for t, _ in data]
    groups = [[s.label, *s.alt_labels] for s in esco.skills]

    def measure(scores: NDArray[np.float32]) -> dict[str, float]:
        by_label, column = _label_columns(esco, scores)
        return skill_metrics(by_label, [{column[lab] for lab in labels} for _, labels in data])

    def linker(**params: Any) -> SkillLinker:
        return SkillLinker(encoder=encoder, head=None, **params).fit(esco)

    ours = linker()  # the default: candidate phrases, texts in the "fast" precision
    linkers: dict[str, tuple[SkillLinker, dict[str, Any]]] = {
        "pathways before (every 1-4-word window)": (
            linker(window_words=4, all_windows=True, query_precision="float32", word_table=False),
            OLD_BATCHES,
        ),
        "candidate phrases, float32, padded batches (third round)": (
            linker(query_precision="float32", word_table=False),
            PADDED,
        ),
        "candidate phrases, float32, one token length a batch (fourth round)": (
            linker(query_precision="float32", word_table=False),
            SAME_LENGTH,
        ),
        "candidate phrases, float32, packed": (linker(query_precision="float32", word_table=False), {}),
        f"**candidate phrases, {ours.query_encoder_.precision_}, word table, packed (default, 'fast')**": (
            ours,
            {},
        ),
        "the same, one token length a batch (the default before the packed pass)": (ours, SAME_LENGTH),
    }
    if ours.query_encoder_.precision_ != "float32":  # else the fourth round's row is the same linker
        linkers[
            f"the same, {ours.query_encoder_.precision_}, no word table, by token length (fifth round)"
        ] = (
            linker(word_table=False),
            SAME_LENGTH,
        )
    if ours.query_encoder_.precision_ == "bfloat16":
        linkers["the same, every label score exact (label_shortlist=0)"] = (linker(label_shortlist=0), {})
    for phrases in (8, 4):
        linkers[f"the same, {phrases} longer phrases a text (phrase_shortlist={phrases})"] = (
            linker(phrase_shortlist=phrases),
            {},
        )
    linkers["fast mode (phrases found in skill labels), default precision"] = (
        linker(label_spans_only=True),
        {},
    )
    plain = SkillLinker(
        encoder=encoder, head=None, sentence_weight=1.0, description_weight=0.0, query_precision="float32"
    )
    results = {
        "char-tfidf": measure(char_tfidf_scores(groups, texts)),
        "zero-shot MiniLM": measure(plain.fit(esco).scores(texts)),
    }
    # quality from the first cold pass; speed the best of ``repeats`` rounds, the systems taking turns
    # within a round (the machine is shared); every round must give the same scores (determinism)
    runs: dict[str, Callable[[], tuple[float, float, int, NDArray[np.float32]]]] = {}
    if filed is not None:
        runs[f"the skill linker at {filed.rev} ({filed.commit[:7]})"] = lambda: filed.link_speed(texts)

    def today(fitted: SkillLinker, params: dict[str, Any]) -> tuple[float, float, int, NDArray[np.float32]]:
        return link_speed(fitted, texts, cold_encoder(fitted.query_encoder_, **params))

    for system, (fitted, params) in linkers.items():
        runs[system] = partial(today, fitted, params)
    speeds = dict.fromkeys(runs, (0.0, 0.0, 0))
    first: dict[str, NDArray[np.float32]] = {}
    for _ in range(repeats):
        for system, run in runs.items():
            cold, warm, encoded, scores = run()
            speeds[system] = (max(cold, speeds[system][0]), max(warm, speeds[system][1]), encoded)
            if system in first:
                np.testing.assert_array_equal(scores, first[system])
            first.setdefault(system, scores)
    for system, (cold, warm, encoded) in speeds.items():
        results[system] = measure(first[system]) | {
            "cold sent/s": cold,
            "warm sent/s": warm,
            "texts encoded": float(encoded),
        }
    bases = list(speeds)[: list(speeds).index(next(iter(linkers))) + 1]  # the filed code, every window
    for system, (cold, warm, _encoded) in speeds.items():
        ratios = (
            f"x{cold / speeds[b][0]:.1f} cold, x{warm / speeds[b][1]:.1f} warm" for b in bases if b != system
        )
        print(f"  {name}, {system}: " + "; ".join(ratios), flush=True)
    return results


def print_table(title: str, results: dict[str, dict[str, float]], fmt: str) -> None:
    metrics = list(dict.fromkeys(m for values in results.values() for m in values))
    print(f"\n{title}\n| system | " + " | ".join(metrics) + " |")
    print("|---|" + "---|" * len(metrics))
    for system, values in results.items():
        cells = (format(values[m], fmt) if m in values else "" for m in metrics)
        print(f"| {system} | " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--parts", default="titles,skills", help="comma-separated: titles, skills")
    parser.add_argument("--repeats", type=int, default=3, help="skill-linking speed: best of this many runs")
    parser.add_argument(
        "--filed-rev",
        metavar="REV",
        help="also time the skill linker of this git revision (758535e^1: as issue 22 was filed)",
    )
    args = parser.parse_args()
    print(
        f"# matcher quality, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}, "
        f"{platform.processor() or platform.machine()}, Python {platform.python_version()}"
    )
    print(f"protocol: titles {args.folds}-fold cross-validation (seed 0), the head never sees the test fold")
    esco = load_esco(SHARED / "esco")
    encoder = Encoder(cache_dir=CACHE, batch_size=128).fit()
    started = time.perf_counter()
    parts = args.parts.split(",")
    if "titles" in parts:
        titles, synonyms = bench_titles(esco, encoder, args.folds)
        print_table("Job titles (jobbert_titles_dev, 15,463 titles, 2,942 occupations)", titles, ".3f")
        print_table(
            f"Held-out ESCO synonyms (the shared copy's alternative labels in {args.folds} folds, each "
            "against every other label)",
            synonyms,
            ".3f",
        )
    filed = None
    if args.filed_rev and "skills" in parts:
        try:
            filed = FiledSkillLinker(args.filed_rev, esco, encoder)
        except FiledRevisionError as exc:
            print(f"  skills: no row for {args.filed_rev!r}, its code cannot be read ({exc})", flush=True)
    for name in ("tech", "house") if "skills" in parts else ():
        print_table(
            f"Skills: {name.upper()} validation",
            bench_skills(esco, encoder, name, args.repeats, filed),
            ".1f",
        )
        load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"({dt.datetime.now(dt.UTC):%H:%M} UTC, load average {load})")
    print(f"\ntotal {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
