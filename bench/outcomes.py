"""Outcome model, assignment by expected outcome and backtest, on simulated histories with a known truth.

    nice -n 10 .venv/bin/python bench/outcomes.py            # about 10-15 minutes on 2 cores
    nice -n 10 .venv/bin/python bench/outcomes.py --quick    # a few histories, about 2 minutes

1. Study over simulated histories (36 months x 1,000 people a month, 8 candidates each; learn
   before 2026-07-01, replay the 6 later cohorts): calibration (ECE) and AUC of the model on the
   last slice of its training period and on the replayed proposals, beside the match score
   alone; the doubly robust gain and its 95% interval against the true gain (coverage); the
   share of the oracle's gain (the policy that knows the true model); per-subgroup rates.
   Then histories without signal: how often a significant gain is claimed.
2. Speed: learning from 100,000 historical proposals, then proposing for a cohort of 10,000
   people over 1,000 openings (8 candidates each) by expected outcome (probabilities, exact
   assignment, reasons for every proposed pair), beside the match-score assignment of the same
   instance in the same process.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
import sklearn

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _machine import describe  # noqa: E402

from matcher.assignment import assign_optimal  # noqa: E402
from matcher.outcomes import OutcomeModel, backtest, propose_for_cohort, simulate_history  # noqa: E402
from matcher.outcomes.assign import cohort_capacities, instance_from_history  # noqa: E402

SINCE = dt.date(2026, 7, 1)


def study(histories: int, no_signal: int, bootstrap: int) -> None:
    print(f"## Study: {histories} simulated histories (36 months x 1,000 people), learn before {SINCE}")
    rows = []
    groups: dict[tuple[str, str], list[tuple[int, float, float, float]]] = defaultdict(list)
    for seed in range(histories):
        sim = simulate_history(months=36, people_per_month=1000, random_state=1000 + seed)
        start = time.perf_counter()
        r = backtest(
            sim.history, since=SINCE, truth=sim.truth.probability, n_bootstrap=bootstrap, random_state=seed
        )
        t = r.truth
        assert t is not None
        rows.append((r, t, time.perf_counter() - start))
        for g in r.subgroups:
            if g.n is not None and g.learned_rate is not None and g.true_gain is not None:
                groups[(g.attribute, g.group)].append(
                    (g.n, g.observed_rate or 0.0, g.learned_rate.value, g.true_gain)
                )
        print(
            f"seed {seed:2d}: learned from {r.learned_from}, replayed {r.n_people}; "
            f"ECE {r.validation.ece:.3f}/{r.replayed.ece:.3f}, AUC {r.replayed.auc:.3f} vs score "
            f"{r.replayed.auc_match_score:.3f}; gain DR {r.gain_doubly_robust.value:+.3f} "
            f"[{r.gain_doubly_robust.low:+.3f}, {r.gain_doubly_robust.high:+.3f}] true {t.gain:+.3f} "
            f"covered {t.dr_covers_gain}; IPS covered {t.ips_covers_gain}; "
            f"oracle share {t.share_of_oracle_gain:.3f} ({rows[-1][2]:.1f} s)",
            flush=True,
        )

    def mean(values: list[float]) -> str:
        return f"{statistics.fmean(values):.3f} (min {min(values):.3f}, max {max(values):.3f})"

    results = [r for r, _, _ in rows]
    truths = [t for _, t, _ in rows]
    figures = [
        ("validation ECE (last training slice)", [r.validation.ece for r in results]),
        ("validation ECE, match score (calibrated)", [r.validation.ece_match_score for r in results]),
        ("validation AUC", [r.validation.auc for r in results]),
        ("validation AUC, match score", [r.validation.auc_match_score for r in results]),
        ("replayed ECE", [r.replayed.ece for r in results]),
        ("replayed ECE, match score (calibrated)", [r.replayed.ece_match_score for r in results]),
        ("replayed AUC", [r.replayed.auc for r in results]),
        ("replayed AUC, match score", [r.replayed.auc_match_score for r in results]),
        ("true gain", [t.gain for t in truths]),
        ("DR gain estimate", [r.gain_doubly_robust.value for r in results]),
        ("DR interval width", [r.gain_doubly_robust.high - r.gain_doubly_robust.low for r in results]),
        ("IPS interval width", [r.gain_ips.high - r.gain_ips.low for r in results]),
        ("share of oracle gain", [t.share_of_oracle_gain or 0.0 for t in truths]),
    ]
    print()
    for label, values in figures:
        print(f"{label + ':':<43}{mean(values)}")
    n = len(rows)
    counts = [
        ("DR interval covers the true gain", sum(t.dr_covers_gain for t in truths)),
        ("IPS interval covers the true gain", sum(t.ips_covers_gain for t in truths)),
        ("significant gain claimed", sum(r.significant_gain for r in results)),
        ("validation ECE <= 0.05", sum(r.validation.ece <= 0.05 for r in results)),
        ("replayed ECE <= 0.05", sum(r.replayed.ece <= 0.05 for r in results)),
        ("share of oracle gain >= 0.9", sum((t.share_of_oracle_gain or 0.0) >= 0.9 for t in truths)),
    ]
    for label, count in counts:
        print(f"{label + ':':<43}{count}/{n} ({count / n:.0%})")
    rates = [
        statistics.fmean(getattr(t, k) for t in truths)
        for k in ("logging_rate", "learned_rate", "oracle_rate")
    ]
    print(f"{'true rates, logging / learned / oracle:':<43}{' / '.join(f'{x:.3f}' for x in rates)}")
    print(f"seconds per backtest (incl. oracle):       {mean([s for _, _, s in rows])}")
    print()
    print("subgroup | people per history | happened | learned policy (DR) | true gain")
    for (attribute, group), values in sorted(groups.items()):
        n, observed, learned, gain = (statistics.fmean(v[i] for v in values) for i in range(4))
        print(f"{attribute} {group} | {n:.0f} | {observed:.3f} | {learned:.3f} | {gain:+.3f}")
    print()
    claimed = losses = 0
    for seed in range(no_signal):
        sim = simulate_history(months=36, people_per_month=1000, signal=False, random_state=5000 + seed)
        r = backtest(
            sim.history, since=SINCE, truth=sim.truth.probability, n_bootstrap=bootstrap, random_state=seed
        )
        claimed += r.significant_gain
        losses += r.significant_loss
        print(
            f"no signal, seed {seed:2d}: gain DR {r.gain_doubly_robust.value:+.3f} "
            f"[{r.gain_doubly_robust.low:+.3f}, {r.gain_doubly_robust.high:+.3f}], AUC {r.replayed.auc:.3f}",
            flush=True,
        )
    print(
        f"no signal: significant gain claimed in {claimed}/{no_signal} histories, "
        f"significant loss in {losses}"
    )


def speed() -> None:
    print("## Speed: learn from 100,000 proposals, propose for 10,000 people x 1,000 openings")
    sim = simulate_history(
        months=20, people_per_month=10_000, openings=1000, employers=300, open_share=1.0, random_state=7
    )
    history = sim.history
    until = dt.date(2025, 8, 1)
    start, cpu = time.perf_counter(), time.process_time()
    model = OutcomeModel(random_state=0).fit(history, until=until)
    fitted, fitted_cpu = time.perf_counter(), time.process_time()
    rows = np.flatnonzero(history.month == history.month.max())
    result = propose_for_cohort(model, history, rows)
    proposed, proposed_cpu = time.perf_counter(), time.process_time()
    print(
        f"learned from {model.n_proposals_} proposals; cohort {len(np.unique(history.person[rows]))} people, "
        f"{len(np.unique(history.opening[rows]))} openings, {len(rows)} candidate pairs"
    )
    print(
        f"fit {fitted - start:.2f} s (CPU {fitted_cpu - cpu:.2f} s); "
        f"probabilities + exact assignment + reasons {proposed - fitted:.2f} s "
        f"(CPU {proposed_cpu - fitted_cpu:.2f} s); together {proposed - start:.2f} s "
        f"(CPU {proposed_cpu - cpu:.2f} s); {len(result.pairs)} pairs, expected employed "
        f"{result.expected_employed:.0f}"
    )
    instance, _ = instance_from_history(history, rows, cohort_capacities(history, rows))
    start, cpu = time.perf_counter(), time.process_time()
    by_score = assign_optimal(instance)
    print(
        f"match-score assignment of the same instance (same process): {time.perf_counter() - start:.2f} s "
        f"(CPU {time.process_time() - cpu:.2f} s; {len(by_score.pairs)} pairs)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--quick", action="store_true", help="5 histories (3 without signal), 200 bootstrap draws"
    )
    parser.add_argument("--speed-only", action="store_true", help="only the speed measurement")
    args = parser.parse_args()
    print(describe(f"NumPy {np.__version__}", f"scikit-learn {sklearn.__version__}"))
    print(dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"))
    speed()
    print()
    if args.speed_only:
        return
    if args.quick:
        study(5, 3, 200)
    else:
        study(50, 20, 1000)


if __name__ == "__main__":
    main()
