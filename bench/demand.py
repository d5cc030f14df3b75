"""Labour-market map: build time and peak memory at 100,000 vacancies and 10,000 people.

Prints, in one run, ``matcher.demand.build_map`` (vectorised NumPy) beside a naive
per-row pandas implementation (``iterrows`` + ``apply``), and checks that both give the
same numbers (counts, employers, pay and hours medians and ranges, suppressed supply,
gap statuses) on the subset the naive one runs on. The records are synthetic and already
grounded: grounding (encoding titles and skill phrases) is excluded here; it is
encoder-bound and measured by the matcher speed benchmark.

    .venv/bin/python bench/demand.py                 # 100,000 vacancies, 10,000 people
    .venv/bin/python bench/demand.py --naive-share 0.1   # a bigger naive subset (slower)
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import platform
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from matcher.demand import GroundedPerson, GroundedVacancy, build_map, skills_to_unlock  # noqa: E402
from matcher.demand.suppression import gap_status, suppress_people  # noqa: E402


def synthetic(
    n_vacancies: int, n_people: int, seed: int = 0
) -> tuple[list[GroundedVacancy], list[GroundedPerson]]:
    """Grounded records with Zipf-like occupations and skills, 20 localities, 2 currencies."""
    rng = np.random.default_rng(seed)
    iscos = sorted({str(code) for code in rng.integers(1000, 10000, 400)})
    occupations = [(f"occ:{i}", iscos[i % len(iscos)]) for i in range(1200)]
    skills = np.array([f"skill:{i}" for i in range(3000)], dtype=object)
    occ_p = 1.0 / np.arange(1, len(occupations) + 1) ** 0.9
    occ_p /= occ_p.sum()
    sk_p = 1.0 / np.arange(1, len(skills) + 1) ** 0.8
    sk_p /= sk_p.sum()
    localities = [f"town-{i}" for i in range(20)]
    start = dt.date(2025, 1, 1)
    vacancies = []
    occ_idx = rng.choice(len(occupations), n_vacancies, p=occ_p)
    for i in range(n_vacancies):
        uri, isco = occupations[occ_idx[i]]
        if rng.random() < 0.05:
            uri, isco = None, None  # title not linked
        n_sk = int(rng.integers(2, 9))
        currency = "NPR" if i % 3 else "GBP"
        pay = (
            float(round(rng.lognormal(10.5 if currency == "NPR" else 7.5, 0.4), 2))
            if rng.random() < 0.9
            else None
        )
        vacancies.append(
            GroundedVacancy(
                id=f"v{i}",
                locality=localities[int(rng.integers(0, 20))],
                posted_on=start + dt.timedelta(days=int(rng.integers(0, 365))),
                occupation_uri=uri,
                isco_group=isco,
                skill_uris=tuple(rng.choice(skills, n_sk, p=sk_p)),
                pay_per_month=pay,
                hours=float(rng.integers(10, 49)) if rng.random() < 0.8 else None,
                currency=currency,
                employer=f"e{int(rng.integers(0, 5000))}",
            )
        )
    people = []
    for i in range(n_people):
        k = int(rng.integers(0, 4))
        occ = [occupations[j] for j in rng.choice(len(occupations), k, p=occ_p)]
        people.append(
            GroundedPerson(
                id=f"p{i}",
                locality=localities[int(rng.integers(0, 20))],
                occupation_uris=tuple(o for o, _ in occ),
                skill_uris=tuple(rng.choice(skills, int(rng.integers(3, 16)), p=sk_p)),
                isco_groups=tuple(g for _, g in occ),
            )
        )
    return vacancies, people


# --- the naive baseline: one Python step per row, pandas for the medians -------------------------


def naive_map(
    vacancies: list[GroundedVacancy], people: list[GroundedPerson], level: int | None
) -> dict[str, Any]:
    vdf = pd.DataFrame([vars(v) for v in vacancies])
    pdf = pd.DataFrame([vars(p) for p in people])

    def occ_key(row: pd.Series) -> str | None:
        if level is None:
            return row["occupation_uri"] if pd.notna(row["occupation_uri"]) else None
        return row["isco_group"][:level] if pd.notna(row["isco_group"]) else None

    vdf["key"] = vdf.apply(occ_key, axis=1)
    demand_occ: dict[str, dict[str, Any]] = {}
    demand_sk: dict[str, dict[str, Any]] = {}
    for _, row in vdf.iterrows():
        targets = [(demand_occ, row["key"])] if pd.notna(row["key"]) else []
        targets += [(demand_sk, s) for s in dict.fromkeys(row["skill_uris"])]
        for table, key in targets:
            entry = table.setdefault(key, {"n": 0, "employers": set(), "pay": {}, "hours": []})
            entry["n"] += 1
            if pd.notna(row["employer"]):
                entry["employers"].add(row["employer"])
            if pd.notna(row["pay_per_month"]):
                entry["pay"].setdefault(row["currency"] or None, []).append(row["pay_per_month"])
            if pd.notna(row["hours"]):
                entry["hours"].append(row["hours"])

    def summarise(table: dict[str, dict[str, Any]]) -> dict[str, tuple[Any, ...]]:
        out = {}
        for key, e in table.items():
            pays = tuple(
                sorted(
                    ((c, len(p), pd.Series(p).median(), min(p), max(p)) for c, p in e["pay"].items()),
                    key=lambda t: (-t[1], t[0] or ""),
                )
            )
            hours = (
                (len(e["hours"]), pd.Series(e["hours"]).median(), min(e["hours"]), max(e["hours"]))
                if e["hours"]
                else None
            )
            out[key] = (e["n"], len(e["employers"]), pays, hours)
        return out

    supply_occ: dict[str, set[str]] = {}
    supply_sk: dict[str, set[str]] = {}
    for _, row in pdf.iterrows():
        groups = row["isco_groups"] or [None] * len(row["occupation_uris"])
        for uri, isco in zip(row["occupation_uris"], groups, strict=True):
            key = uri if level is None else (isco[:level] if isco else None)
            if key:
                supply_occ.setdefault(key, set()).add(row["id"])
        for s in row["skill_uris"]:
            supply_sk.setdefault(s, set()).add(row["id"])

    def shown(table: dict[str, set[str]]) -> dict[str, tuple[int | None, bool]]:
        return {k: (lambda c: (c.value, c.suppressed))(suppress_people(len(v))) for k, v in table.items()}

    def gaps(
        demand: dict[str, tuple[Any, ...]], supply: dict[str, tuple[int | None, bool]]
    ) -> dict[str, str]:
        keys = pd.Series(sorted(set(demand) | set(supply)), dtype=object)
        from matcher.demand.suppression import PeopleCount

        status = keys.apply(
            lambda k: gap_status(demand.get(k, (0,))[0], PeopleCount(*supply.get(k, (0, False))))
        )
        return dict(zip(keys, status, strict=True))

    d_occ, d_sk = summarise(demand_occ), summarise(demand_sk)
    s_occ, s_sk = shown(supply_occ), shown(supply_sk)
    return {"demand_occ": d_occ, "demand_sk": d_sk, "supply_occ": s_occ, "supply_sk": s_sk,
            "gaps_occ": gaps(d_occ, s_occ), "gaps_sk": gaps(d_sk, s_sk)}  # fmt: skip


def comparable(m: Any) -> dict[str, Any]:
    """The vectorised map in the naive baseline's shape."""

    def demand(rows: Any) -> dict[str, tuple[Any, ...]]:
        return {
            r.key: (
                r.vacancies,
                r.employers,
                tuple((p.currency, p.n, p.median, p.low, p.high) for p in r.pay),
                (r.hours.n, r.hours.median, r.hours.low, r.hours.high) if r.hours else None,
            )
            for r in rows
        }

    return {
        "demand_occ": demand(m.demand_occupations),
        "demand_sk": demand(m.demand_skills),
        "supply_occ": {r.key: (r.people, r.suppressed) for r in m.supply_occupations},
        "supply_sk": {r.key: (r.people, r.suppressed) for r in m.supply_skills},
        "gaps_occ": {g.key: g.status for g in m.occupation_gaps},
        "gaps_sk": {g.key: g.status for g in m.skill_gaps},
    }


def same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    def close(x: Any, y: Any) -> bool:
        if isinstance(x, (tuple, list)) and isinstance(y, (tuple, list)):
            return len(x) == len(y) and all(close(i, j) for i, j in zip(x, y, strict=True))
        if isinstance(x, float) or isinstance(y, float):
            return math.isclose(float(x), float(y), rel_tol=1e-9, abs_tol=1e-9)
        return bool(x == y)

    return all(a[t].keys() == b[t].keys() and all(close(a[t][k], b[t][k]) for k in a[t]) for t in a)


def measure(fn: Callable[[], Any]) -> tuple[Any, float, float, float]:
    """Result, wall seconds and CPU seconds of one plain call, then the peak traced MiB of a second call.

    tracemalloc slows Python-heavy code a lot, so time and memory come from separate runs.
    CPU time is printed too because the shared machine is often busy.
    """
    t0, c0 = time.perf_counter(), time.process_time()
    result = fn()
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return result, seconds, cpu, peak


def line(what: str, wall: float, cpu: float, mib: float | None = None) -> None:
    memory = f"{mib:9.1f}" if mib is not None else f"{'':9s}"
    print(f"{what:58s} {wall:8.2f} {cpu:8.2f} {memory}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vacancies", type=int, default=100_000)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument(
        "--naive-share", type=float, default=0.05, help="share of the records the naive run gets"
    )
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(f"# Labour-market map benchmark, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
    print(f"# {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"numpy {np.__version__}, pandas {pd.__version__}")  # fmt: skip
    t0 = time.perf_counter()
    vacancies, people = synthetic(args.vacancies, args.people, args.seed)
    print(f"synthetic grounded records: {len(vacancies):,} vacancies, {len(people):,} people "
          f"({time.perf_counter() - t0:.1f} s to make; grounding excluded)")  # fmt: skip
    print()
    print(f"{'what':58s} {'wall s':>8s} {'CPU s':>8s} {'peak MiB':>9s}")
    for level in (None, 2):
        m, sec, cpu, mib = measure(lambda level=level: build_map(vacancies, people, level=level))
        name = "ESCO occupations" if level is None else f"ISCO-08 {level}-digit groups"
        line(f"vectorised build_map, all localities, {name}", sec, cpu, mib)
    localities = sorted({v.locality for v in vacancies})
    _, sec, cpu, mib = measure(lambda: [build_map(vacancies, people, locality=loc) for loc in localities])
    line(f"vectorised build_map, each of {len(localities)} localities", sec, cpu, mib)
    local = [v for v in vacancies if v.locality == localities[0]]
    persons = [p for p in people if p.locality == localities[0]][:100]
    _, sec, cpu, mib = measure(lambda: [skills_to_unlock(p, local) for p in persons])
    line(f"skills_to_unlock, {len(persons)} people x {len(local):,} local vacancies", sec, cpu, mib)

    n_v, n_p = int(len(vacancies) * args.naive_share), int(len(people) * args.naive_share)
    sub_v, sub_p = vacancies[:n_v], people[:n_p]
    scale = len(vacancies) / n_v
    print()
    print(f"naive vs vectorised on the same subset ({n_v:,} vacancies, {n_p:,} people; ESCO occupations):")
    naive, n_sec, n_cpu, n_mib = measure(lambda: naive_map(sub_v, sub_p, None))
    mine, m_sec, m_cpu, m_mib = measure(lambda: build_map(sub_v, sub_p))
    line("naive pandas iterrows/apply", n_sec, n_cpu, n_mib)
    line("vectorised build_map", m_sec, m_cpu, m_mib)
    line(f"naive, scaled x{scale:.0f} to the full size (estimate)", n_sec * scale, n_cpu * scale)
    print(f"speed-up on the subset: {n_sec / m_sec:.0f}x wall, {n_cpu / m_cpu:.0f}x CPU")
    ok = same(naive, comparable(mine))
    naive2 = naive_map(sub_v, sub_p, 3)
    ok2 = same(naive2, comparable(build_map(sub_v, sub_p, level=3)))
    rows = sum(len(t) for t in naive.values())
    print(
        f"same numbers (ESCO occupations, {rows:,} rows compared): {ok}; same numbers (ISCO 3-digit): {ok2}"
    )
    if not (ok and ok2):
        raise SystemExit("the vectorised and naive maps differ")


if __name__ == "__main__":
    main()
