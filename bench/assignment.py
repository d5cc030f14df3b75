"""Assignment engine: optimality, speed, and the stable method beside the ``matching`` package.

    .venv/bin/python bench/assignment.py            # about a minute on 2 cores
    .venv/bin/python bench/assignment.py --quick    # fewer repeats

1. Optimality: random instances up to 500 people x 50 placements; the optimal total
   against an independent exact solver (SciPy's dense ``linear_sum_assignment`` on
   slot-expanded placements plus one "unassigned" column per person), the HiGHS LP
   solver, and the greedy and stable totals.
2. Speed: 10,000 people x 1,000 placements (capacities 1-20, top-50 candidates each),
   the default solver beside the HiGHS transportation LP in the same run.
3. Stable: 5,000 residents x 200 hospitals (capacity 25, 10 choices each) beside
   ``matching`` 1.4.3 (dev dependency), which needs a raised recursion limit; ours runs
   at the default limit. Same inputs (preference dictionaries), same result checked.

Times are the best of several runs, medians and CPU time (process_time) beside: the
machine is shared, so CPU time is the steadier figure.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import scipy
from scipy.optimize import linear_sum_assignment

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _machine import describe  # noqa: E402

from matcher.assignment import assign_greedy, assign_optimal, assign_stable, from_arrays, from_records  # noqa: E402
from matcher.assignment.optimal import optimal_pairs  # noqa: E402


class Timing:
    """Best and median wall-clock time and best CPU time (process_time) of repeated runs."""

    def __init__(self, walls: list[float], cpus: list[float]) -> None:
        self.best, self.median, self.cpu = min(walls), statistics.median(walls), min(cpus)

    def __str__(self) -> str:
        return f"wall best {self.best:6.3f} s, median {self.median:6.3f} s; CPU best {self.cpu:6.3f} s"


def timed(fn: Callable[..., Any], repeats: int, setup: Callable[[], Any] | None = None) -> tuple[Timing, Any]:
    """Time ``fn()``, or ``fn(setup())`` with ``setup`` untimed (a fresh instance per run: no warm caches)."""
    walls, cpus, result = [], [], None
    for _ in range(repeats):
        argument = setup() if setup is not None else None
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn(argument) if setup is not None else fn()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return Timing(walls, cpus), result


# ---- 1. optimality -------------------------------------------------------------------------


def random_records(n: int, m: int, k: int, rng: np.random.Generator) -> tuple[list, list, list]:
    people = [{"id": f"p{i}"} for i in range(n)]
    placements = [{"id": f"h{j}", "capacity": int(c)} for j, c in enumerate(rng.integers(1, 21, m))]
    ties = rng.random() < 0.5
    scores = [
        {
            "person": f"p{i}",
            "placement": f"h{j}",
            "score": float(rng.integers(0, 5) / 4 if ties else rng.random()),
        }
        for i in range(n)
        for j in rng.choice(m, min(k, m), replace=False)
    ]
    return people, placements, scores


def reference_total(people: list, placements: list, scores: list) -> float:
    """Independent optimum: dense linear_sum_assignment with slot-expanded placements."""
    row = {p["id"]: i for i, p in enumerate(people)}
    columns: dict[str, list[int]] = {}
    for h in placements:
        start = sum(len(c) for c in columns.values())
        columns[h["id"]] = list(range(start, start + h["capacity"]))
    n_slots = sum(len(c) for c in columns.values())
    cost = np.full((len(people), n_slots + len(people)), np.inf)
    for s in scores:
        cost[row[s["person"]], columns[s["placement"]]] = -s["score"]
    cost[np.arange(len(people)), n_slots + np.arange(len(people))] = 0.0
    r, c = linear_sum_assignment(cost)
    return float(-cost[r, c].sum())


def optimality(quick: bool) -> None:
    print("\n## 1. Optimality (optimal total vs independent linear_sum_assignment, slot-expanded)")
    rng = np.random.default_rng(2026)
    sizes = [(10, 3, 3), (50, 5, 4), (100, 10, 6), (200, 20, 10), (500, 50, 15)]
    seeds = 3 if quick else 10
    print(f"{'people x placements':>20} {'runs':>5} {'max |opt-ref|':>14} {'max |lapjv-lp|':>15} "
          f"{'greedy gap':>11} {'stable gap':>11} {'opt>=stable,greedy':>19}")  # fmt: skip
    worst = 0.0
    for n, m, k in sizes:
        diff, lp_diff, greedy_gap, stable_gap, ordered = 0.0, 0.0, [], [], True
        for _ in range(seeds):
            people, placements, scores = random_records(n, m, k, rng)
            inst = from_records(people, placements, scores)
            opt = assign_optimal(inst)
            lp = assign_optimal(inst, solver="lp")
            stable, greedy = assign_stable(inst), assign_greedy(inst)
            diff = max(diff, abs(opt.total_score - reference_total(people, placements, scores)))
            lp_diff = max(lp_diff, abs(opt.total_score - lp.total_score))
            greedy_gap.append((opt.total_score - greedy.total_score) / max(opt.total_score, 1e-12))
            stable_gap.append((opt.total_score - stable.total_score) / max(opt.total_score, 1e-12))
            ordered &= opt.total_score >= max(stable.total_score, greedy.total_score) - 1e-9
        worst = max(worst, diff)
        print(f"{f'{n} x {m}':>20} {seeds:>5} {diff:>14.2e} {lp_diff:>15.2e} {np.mean(greedy_gap):>10.2%} "
              f"{np.mean(stable_gap):>10.2%} {str(ordered):>19}")  # fmt: skip
    print(
        f"max |optimal - reference| over all runs: {worst:.2e} ({'OK' if worst <= 1e-9 else 'FAIL'} at 1e-9)"
    )
    print("gaps: mean (optimal - method) / optimal")


# ---- 2. speed --------------------------------------------------------------------------------


def large_instance(n: int, m: int, k: int, seed: int = 0) -> tuple[Any, ...]:
    """Embedding-like scores: cosine of random 16-d profiles, each person's top-k placements, clipped at 0."""
    rng = np.random.default_rng(seed)
    capacities = rng.integers(1, 21, m)
    people = rng.normal(size=(n, 16))
    places = rng.normal(size=(m, 16))
    people /= np.linalg.norm(people, axis=1, keepdims=True)
    places /= np.linalg.norm(places, axis=1, keepdims=True)
    similarity = people @ places.T
    top = np.argpartition(-similarity, k, axis=1)[:, :k]
    scores = np.clip(np.take_along_axis(similarity, top, axis=1), 0, None)
    return (
        [f"p{i}" for i in range(n)],
        [f"h{j}" for j in range(m)],
        capacities,
        np.repeat(np.arange(n), k),
        top.ravel(),
        scores.ravel(),
    )


def speed(quick: bool) -> None:
    print("\n## 2. Speed: 10,000 people x 1,000 placements, capacities 1-20, top-50 candidates each")
    args = large_instance(10_000, 1_000, 50)
    repeats = 2 if quick else 5
    build, inst = timed(lambda: from_arrays(*args), repeats)
    print(f"instance: {len(inst.pair_score):,} candidate pairs, {int(inst.capacities.sum()):,} places")
    print(f"from_arrays (validate + rank)              {build}")
    fresh = lambda: from_arrays(*args)  # noqa: E731
    solve, _ = timed(optimal_pairs, repeats, fresh)
    print(f"optimal_pairs (sparse LAPJV, exact)        {solve}")
    full, result = timed(assign_optimal, repeats, fresh)
    print(f"assign_optimal (+greedy, blocking, expl.)  {full}")
    both, _ = timed(lambda: assign_optimal(from_arrays(*args)), repeats)
    print(f"from_arrays + assign_optimal, end to end   {both}")
    print(f"target < 2 s (end to end): wall {'OK' if both.best < 2 else 'MISSED'}, "
          f"CPU {'OK' if both.cpu < 2 else 'MISSED'}")  # fmt: skip
    lp, lp_pairs = timed(lambda i: optimal_pairs(i, solver="lp"), 1, fresh)
    lp_total = float(inst.pair_score[lp_pairs].sum())
    print(f"baseline: HiGHS transportation LP, once    {lp}  ({lp.cpu / solve.cpu:.1f}x the LAPJV CPU time)")
    gap = (result.total_score - result.greedy_total) / result.total_score
    diff = abs(result.total_score - lp_total)
    print(f"totals: LAPJV {result.total_score:.9f}, LP {lp_total:.9f}, |diff| {diff:.1e}; "
          f"greedy {result.greedy_total:.6f} (gap {gap:.3%})")  # fmt: skip
    print(f"placed {len(result.pairs):,}, unassigned {len(result.unassigned):,}, "
          f"blocking pairs of the optimum (not stable by design) {len(result.blocking_pairs):,}")  # fmt: skip


# ---- 3. stable vs matching --------------------------------------------------------------------


def preference_dicts(n: int, m: int, capacity: int, choices: int, seed: int = 0) -> tuple[dict, dict, dict]:
    rng = np.random.default_rng(seed)
    residents = {f"r{i}": [f"h{j}" for j in rng.choice(m, choices, replace=False)] for i in range(n)}
    ranked_by: dict[str, list[str]] = {f"h{j}": [] for j in range(m)}
    for r, hs in residents.items():
        for h in hs:
            ranked_by[h].append(r)
    hospitals = {h: [rs[i] for i in rng.permutation(len(rs))] for h, rs in ranked_by.items()}
    return residents, hospitals, {h: capacity for h in hospitals}


def instance_from_dicts(residents: dict, hospitals: dict, capacities: dict) -> Any:
    """The peer's inputs as our JSON-like records (every ranked pair scored 1.0; rankings decide)."""
    return from_records(
        [{"id": r} for r in residents],
        [{"id": h, "capacity": c} for h, c in capacities.items()],
        [{"person": r, "placement": h, "score": 1.0} for r, hs in residents.items() for h in hs],
        person_prefs=residents,
        placement_prefs=hospitals,
    )


def ours_from_dicts(residents: dict, hospitals: dict, capacities: dict) -> Any:
    return assign_stable(instance_from_dicts(residents, hospitals, capacities))


def peer(residents: dict, hospitals: dict, capacities: dict) -> set[tuple[str, str]]:
    from matching.games import HospitalResident

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        game = HospitalResident.create_from_dictionaries(residents, hospitals, capacities)
        solved = game.solve(optimal="resident")
    return {(r.name, h.name) for h, rs in solved.items() for r in rs}


def stable(quick: bool) -> None:
    print("\n## 3. Stable: 5,000 residents x 200 hospitals, capacity 25, 10 choices each, vs matching 1.4.3")
    try:
        import matching
    except ImportError:
        print("matching is not installed (dev dependency: pip install matching==1.4.3); peer skipped")
        matching = None
    default_limit = sys.getrecursionlimit()
    small = preference_dicts(2_000, 100, 25, 10)
    if matching is not None:
        try:
            peer(*small)
            print(f"peer at the default recursion limit ({default_limit}) on 2,000 x 100: ran")
        except RecursionError:
            print(f"peer at the default recursion limit ({default_limit}) on 2,000 x 100: RecursionError")
    dicts = preference_dicts(5_000, 200, 25, 10)
    ours, result = timed(lambda: ours_from_dicts(*dicts), 3 if quick else 7)
    print(f"ours  from dicts: from_records + assign_stable (limit {sys.getrecursionlimit()})  {ours}")
    solve_only, _ = timed(assign_stable, 3 if quick else 7, lambda: instance_from_dicts(*dicts))
    print(f"ours  assign_stable alone (instance prebuilt)            {solve_only}")
    ours_pairs = {(p.person, p.placement) for p in result.pairs}
    print(f"ours: {len(ours_pairs):,} placed, blocking pairs {len(result.blocking_pairs)}")
    if matching is None:
        return
    sys.setrecursionlimit(100_000)  # the peer only: its deepcopy of linked players recurses
    try:
        theirs, peer_pairs = timed(lambda: peer(*dicts), 2 if quick else 3)
    finally:
        sys.setrecursionlimit(default_limit)
    print(f"peer  create_from_dictionaries + solve (limit 100,000)   {theirs}")
    wall, cpu = theirs.best / ours.best, theirs.cpu / ours.cpu
    print(f"speed-up: wall best/best {wall:.1f}x, median/median {theirs.median / ours.median:.1f}x, "
          f"CPU best/best {cpu:.1f}x; target >= 20x: wall {'OK' if wall >= 20 else 'MISSED'}, "
          f"CPU {'OK' if cpu >= 20 else 'MISSED'}")  # fmt: skip
    print(f"identical resident-optimal matching: {ours_pairs == peer_pairs}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="fewer repeats and random instances")
    args = parser.parse_args()
    print("# bench/assignment.py")
    print(f"date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    print(f"machine: {describe(f'NumPy {np.__version__}', f'SciPy {scipy.__version__}')}")
    optimality(args.quick)
    speed(args.quick)
    stable(args.quick)


if __name__ == "__main__":
    main()
