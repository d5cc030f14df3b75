"""Planner Monte Carlo speed: numpy vectorised over futures beside a plain Python loop.

    .venv/bin/python bench/planner.py            # about a minute on 2 cores
    .venv/bin/python bench/planner.py --quick    # fewer repeats, smaller loop case

1. Cooperative, 10,000 simulated futures x 120 months, 30 members at the start (the packaged
   Kathmandu example: joins, dropouts, social fund, lending, arrears, write-offs, a joint business,
   dividends), with every per-month measure and summary computed. Target: under 1 s.
2. The same books in plain Python (``planner.reference``), one future and one month at a time, on a
   smaller case in the same process, scaled linearly to 10,000 futures. The loop computes the books
   only (no measures), so the comparison flatters the loop.
3. Agreement: the two implementations' average final savings and members (different random
   streams, so they agree in distribution only; when nothing is random they agree to the cent,
   see tests/planner/test_cooperative.py).
4. 3x6: 1,000 futures x 30 groups x 60 months.

Times are the best of several runs (the machine is shared); medians printed beside.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import _machine  # noqa: E402
from _machine import describe  # noqa: E402

from planner.cooperative import simulate_cooperative  # noqa: E402
from planner.parameters import load_cooperative_plan, load_threex6_plan  # noqa: E402
from planner.reference import simulate_cooperative_loop  # noqa: E402
from planner.threex6_results import simulate_threex6  # noqa: E402

CPU: dict[str, float] = {}


def timed(fn: Callable[[], Any], repeats: int, label: str = "") -> tuple[float, float, Any]:
    """Best and median wall-clock seconds; the best CPU seconds go to ``CPU[label]``."""
    best, median, CPU[label], result = _machine.timed(fn, repeats)
    return best, median, result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    repeats, loop_runs = (2, 50) if args.quick else (5, 200)
    coop = load_cooperative_plan(ROOT / "planner" / "examples" / "coop_kathmandu.yaml")
    print(f"Planner benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    print(f"Machine: {describe(f'NumPy {np.__version__}')}")
    print(f"Cooperative: {coop.initial_members} members at the start, {coop.months} months\n")

    simulate_cooperative(coop, runs=100, seed=0)  # warm up imports and caches
    best, median, res = timed(lambda: simulate_cooperative(coop, runs=10_000, seed=1), repeats, "vec")
    print(
        f"{'vectorised (numpy), 10,000 futures':<48} best {best:7.3f} s  median {median:7.3f} s  "
        f"CPU {CPU['vec']:7.3f} s"
    )
    small_best, _, _ = timed(lambda: simulate_cooperative(coop, runs=loop_runs, seed=1), repeats)
    print(f"{f'vectorised (numpy), {loop_runs} futures':<48} best {small_best:7.3f} s")

    loop_best, loop_median, books = timed(
        lambda: simulate_cooperative_loop(coop, runs=loop_runs, seed=1), 2, "loop"
    )
    scale = 10_000 / loop_runs
    print(
        f"{f'plain Python loop, {loop_runs} futures':<48} best {loop_best:7.3f} s  "
        f"median {loop_median:7.3f} s  CPU {CPU['loop']:7.3f} s"
    )
    print(f"{'plain Python loop, scaled to 10,000 futures':<48} {loop_best * scale:12.1f} s")
    print(
        f"speed-up at 10,000 futures: {loop_best * scale / best:,.0f}x wall, "
        f"{CPU['loop'] * scale / CPU['vec']:,.0f}x CPU   (target: vectorised under 1 s)"
    )
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}\n")

    kept = simulate_cooperative(coop, runs=2_000, seed=1, keep_paths=True).paths
    assert kept is not None
    for name in ("savings", "members"):
        a = kept.states[name][-1] / (100 if name == "savings" else 1)
        b = np.array(books[name])[:, -1] / (100 if name == "savings" else 1)
        print(f"final {name:<8} mean: vectorised {a.mean():14,.2f}   loop {b.mean():14,.2f}")
    print(
        f"P(operating profit) at month 72: {res.p_profitable_at(72):.3f}; break-even median month "
        f"{res.break_even().median}\n"
    )

    threex6 = load_threex6_plan(ROOT / "planner" / "examples" / "3x6_burundi.yaml")
    best3, median3, _ = timed(lambda: simulate_threex6(threex6, runs=1_000, seed=1), repeats)
    print(
        f"{f'3x6, 1,000 futures x {threex6.n_groups} groups x {threex6.months} months':<48} "
        f"best {best3:7.3f} s  median {median3:7.3f} s"
    )


if __name__ == "__main__":
    main()
