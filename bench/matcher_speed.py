"""Matcher speed: encoding throughput, top-10 among 100,000 vacancies, 10,000 x 100,000 in batch.

    .venv/bin/python bench/matcher_speed.py          # ~15 min on 2 cores; the first run encodes ~2,800 texts
    .venv/bin/python bench/matcher_speed.py --quick  # 20,000 vacancies, 1,000 people

1. Encode throughput (texts/s): the same 512 distinct texts cold (empty cache), from the
   on-disk cache (new Encoder, same folder) and from the in-process memory cache.
2. Synthetic vacancies: 100,000 vacancies built from ~3,000 distinct real sentences and
   phrases (titles, required skills, description sentences), each embedded once with
   all-MiniLM-L6-v2 and reused (encoding 100,000 distinct descriptions would take ~20
   minutes on 2 cores); coordinates, hours, shifts, pay and languages are random.
3. Top-10 for one person with cached embeddings: ``Matcher.rank`` (coarse retrieval +
   vectorised constraints + exact alignment on a 200 shortlist) for 200 people, median
   and p95, beside (a) a naive per-vacancy Python loop run on 2,000 vacancies and scaled
   to 100,000, and (b) exact vectorised scoring of every vacancy; plus how many of the
   exact top-10 the fast path returns (recall@10).
4. Batch: ``Matcher.rank_many`` for 10,000 people x 100,000 vacancies (blocks of 256):
   time and peak RSS (the people's own sentences are encoded cold first, not timed).
5. Peak traced memory of blocked vs unblocked (all people in one block) ranking on a
   smaller case.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from _machine import describe  # noqa: E402

from matcher.constraints import haversine_km  # noqa: E402
from matcher.encoder import Encoder  # noqa: E402
from matcher.matching import Matcher  # noqa: E402
from matcher.phrases import person_phrases, vacancy_phrases  # noqa: E402
from matcher.records import SECTORS, Location, PastJob, Pay, PersonProfile, Vacancy  # noqa: E402
from matcher.scoring import DEFAULT_WEIGHTS, credit  # noqa: E402

CACHE = ROOT / "instance" / "bench-embedding-cache"
ROLES = (
    "assistant",
    "operative",
    "worker",
    "helper",
    "trainee",
    "supervisor",
    "attendant",
    "technician",
    "porter",
    "clerk",
    "driver",
    "cook",
    "cleaner",
    "packer",
    "picker",
    "machinist",
    "carer",
    "labourer",
)
VERBS = (
    "clean",
    "cook",
    "pack",
    "sort",
    "load",
    "drive",
    "sew",
    "serve",
    "check",
    "repair",
    "prepare",
    "plan",
    "record",
    "lift",
    "stack",
    "wash",
    "iron",
    "harvest",
    "paint",
    "assemble",
    "greet",
    "count",
    "label",
)
OBJECTS = (
    "rooms",
    "meals",
    "orders",
    "boxes",
    "vans",
    "garments",
    "customers",
    "machines",
    "stock",
    "vegetables",
    "fabric",
    "linen",
    "floors",
    "parcels",
    "records",
    "walls",
    "tools",
    "fruit",
    "patients",
    "invoices",
)
MANNER = ("safely", "carefully", "quickly", "in a team", "to a high standard", "on your own", "with a smile")
CITIES = (Location(53.4808, -2.2426), Location(27.7172, 85.3240), Location(9.0054, 38.7636),
          Location(-12.0464, -77.0428), Location(14.5995, 120.9842))  # fmt: skip
SHIFTS = ("day", "day", "day", "evening", "night", "mixed", "flexible")
LANGS = ("English", "Nepali", "Amharic", "Spanish", "Tagalog")


def pools(rng: np.random.Generator) -> dict[str, list[str]]:
    """~3,000 distinct texts: titles, skill phrases, description sentences, interests."""
    titles = [f"{s.replace('_', ' ')} {r}" for s in SECTORS for r in ROLES]  # 216
    skills = [f"{v} {o}" for v in VERBS for o in OBJECTS]  # 460
    sentences = [f"You will {v} {o} {m}" for v in VERBS for o in OBJECTS for m in MANNER]
    sentences = list(rng.choice(sentences, 1600, replace=False))
    interests = [f"I would like to {v} {o}" for v in VERBS for o in OBJECTS[:10]]  # 230
    interests += [f"I want to work in {s.replace('_', ' ')}" for s in SECTORS]
    own = [f"I can {v} {o}" for v in VERBS for o in OBJECTS[:12]]  # 276
    return {"titles": titles, "skills": skills, "sentences": sentences, "interests": interests, "own": own}


def synthetic_vacancies(n: int, pool: dict[str, list[str]], rng: np.random.Generator) -> list[Vacancy]:
    out = []
    for i in range(n):
        title = pool["titles"][rng.integers(len(pool["titles"]))]
        city = CITIES[rng.integers(len(CITIES))]
        k = int(rng.integers(2, 6))
        out.append(
            Vacancy(
                id=f"v{i}",
                title=title,
                sector=SECTORS[rng.integers(len(SECTORS))],
                description=". ".join(rng.choice(pool["sentences"], 2, replace=False)) + ".",
                skills_required=tuple(rng.choice(pool["skills"], k, replace=False)),
                languages_required=(LANGS[rng.integers(len(LANGS))],) if rng.random() < 0.7 else (),
                location=Location(city.latitude + rng.normal(0, 0.15), city.longitude + rng.normal(0, 0.15)),
                hours_per_week=float(rng.choice([16, 20, 25, 30, 35, 38, 40, 45, 48])),
                shift=SHIFTS[rng.integers(len(SHIFTS))],
                pay=Pay(float(rng.uniform(6, 16)), "hour", "GBP"),
                contract=("permanent", "fixed_term", "casual", "zero_hours")[rng.integers(4)],
            )
        )
    return out


def synthetic_people(n: int, pool: dict[str, list[str]], rng: np.random.Generator) -> list[PersonProfile]:
    out = []
    for i in range(n):
        city = CITIES[rng.integers(len(CITIES))]
        out.append(
            PersonProfile(
                id=f"p{i}",
                skills_text=", ".join(rng.choice(pool["own"], 3, replace=False)),
                work_history=tuple(PastJob(t) for t in rng.choice(pool["titles"], 2, replace=False)),
                interests_text=pool["interests"][rng.integers(len(pool["interests"]))]
                if rng.random() < 0.8
                else "",
                languages=tuple(rng.choice(LANGS, 2, replace=False)),
                location=Location(city.latitude + rng.normal(0, 0.1), city.longitude + rng.normal(0, 0.1)),
                max_distance_km=float(rng.choice([10, 20, 40])),
                min_hours_per_week=16.0,
                max_hours_per_week=float(rng.choice([30, 40, 48])),
                availability=("weekdays", "mornings", "afternoons") if rng.random() < 0.5 else (),
                exclusions=("night shifts",) if rng.random() < 0.3 else (),
                desired_pay=Pay(float(rng.uniform(6, 11)), "hour", "GBP"),
            )
        )
    return out


def encode_throughput(pool: dict[str, list[str]]) -> None:
    texts = pool["sentences"][:512]
    with tempfile.TemporaryDirectory() as tmp:
        cold = Encoder(cache_dir=tmp).fit()
        start = time.perf_counter()
        cold.encode(texts)
        t_cold = time.perf_counter() - start
        warm = Encoder(cache_dir=tmp).fit()
        start = time.perf_counter()
        warm.encode(texts)
        t_disk = time.perf_counter() - start
        start = time.perf_counter()
        warm.encode(texts)
        t_mem = time.perf_counter() - start
        cold.cache_.close()  # type: ignore[union-attr]
        warm.cache_.close()  # type: ignore[union-attr]
    print("\n## 1. Encode throughput (512 distinct sentences, batch 64)")
    print("| run | seconds | texts/s |\n|---|---:|---:|")
    for name, t in (("cold (model forward pass)", t_cold), ("on-disk cache (new Encoder)", t_disk),
                    ("in-memory cache (same Encoder)", t_mem)):  # fmt: skip
        print(f"| {name} | {t:.3f} | {512 / t:,.0f} |")


def naive_rank(person: PersonProfile, vacancies: list[Vacancy], encoder: Encoder, k: int) -> list[str]:
    """The obvious implementation: one Python iteration per vacancy (same formula, no exclusion texts).

    Embeddings come from the encoder's in-memory cache, as for ``Matcher.rank``.
    """
    w = DEFAULT_WEIGHTS
    split = person_phrases(person)
    mine = encoder.encode(list(split.skills))
    wants = encoder.encode(list(split.interests)) if split.interests else None
    spoken = {lang.lower() for lang in person.languages}
    scored = []
    for v in vacancies:
        if any(lang.lower() not in spoken for lang in v.languages_required):
            continue
        assert person.location is not None and v.location is not None
        dist = float(haversine_km(person.location.latitude, person.location.longitude,
                                  v.location.latitude, v.location.longitude))  # fmt: skip
        if person.max_distance_km is not None and dist > person.max_distance_km:
            continue
        if (
            v.hours_per_week
            and person.max_hours_per_week
            and v.hours_per_week > person.max_hours_per_week + 10
        ):
            continue
        if v.shift == "night" and "night shifts" in person.exclusions:
            continue
        parts = vacancy_phrases(v)
        sims = encoder.encode(list(parts.needs)) @ mine.T
        best = sims.max(axis=1)
        weights = np.array(parts.need_weights) * (np.array(parts.need_required) | (best >= w.skill_covered))
        skills = float((weights * credit(best, w.skill_low, w.skill_high)).sum() / max(weights.sum(), 1e-9))
        if wants is not None:
            aspiration = float(credit((encoder.encode(list(parts.about)) @ wants.T).max(), 0.25, 0.5))
        else:
            aspiration = 0.5
        scored.append((-(100 * (w.aspiration * aspiration + w.skills * skills) - 5 * dist / 20), v.id))
    scored.sort()
    return [vid for _, vid in scored[:k]]


def percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered) * 1000, ordered[int(0.95 * (len(ordered) - 1))] * 1000


def top10(matcher: Matcher, people: list[PersonProfile], vacancies: list[Vacancy], encoder: Encoder,
          n_naive: int) -> None:  # fmt: skip
    for p in people:  # make sure every person's phrases are cached, as the target says
        matcher.rank(p, top_k=10)
    times = []
    for p in people:
        start = time.perf_counter()
        matcher.rank(p, top_k=10)
        times.append(time.perf_counter() - start)
    med, p95 = percentiles(times)
    exact = Matcher(encoder=encoder, shortlist=len(vacancies)).fit(matcher.index_)
    exact_times, recall = [], []
    for p in people[:20]:
        start = time.perf_counter()
        truth = {m.vacancy_id for m in exact.rank(p, top_k=10)}
        exact_times.append(time.perf_counter() - start)
        fast = {m.vacancy_id for m in matcher.rank(p, top_k=10)}
        recall.append(len(truth & fast) / max(len(truth), 1))
    naive_times = []
    subset = vacancies[:n_naive]
    for p in people[:5]:
        start = time.perf_counter()
        naive_rank(p, subset, encoder, 10)
        naive_times.append(time.perf_counter() - start)
    scale = len(vacancies) / n_naive
    e_med, e_p95 = percentiles(exact_times)
    n_med, n_p95 = percentiles(naive_times)
    print(f"\n## 3. Top-10 for one person among {len(vacancies):,} vacancies (cached embeddings)")
    print("| method | median ms | p95 ms | people |\n|---|---:|---:|---:|")
    print(f"| Matcher.rank (coarse + 200 shortlist) | {med:.1f} | {p95:.1f} | {len(people)} |")
    print(f"| exact vectorised scoring of every vacancy | {e_med:.0f} | {e_p95:.0f} | 20 |")
    print(f"| naive per-vacancy Python loop ({n_naive:,} run, x{scale:.0f}) | {n_med * scale:,.0f} | "
          f"{n_p95 * scale:,.0f} | 5 |")  # fmt: skip
    print(f"\nrecall@10 of Matcher.rank against exact scoring (20 people): {np.mean(recall):.3f}")


def traced_peak(matcher: Matcher, people: list[PersonProfile], batch: int) -> tuple[float, float]:
    tracemalloc.start()
    tracemalloc.reset_peak()
    start = time.perf_counter()
    for _ in matcher.rank_many(people, top_k=10, batch_size=batch):
        pass
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, peak / 2**20


def batch(matcher: Matcher, people: list[PersonProfile]) -> None:
    for p in people:  # cache the people's phrases in memory first
        matcher.encoder_.encode(list(person_phrases(p).skills))
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    count = sum(1 for _ in matcher.rank_many(people, top_k=10, batch_size=256))
    seconds = time.perf_counter() - start
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n## 4. Batch: {count:,} people x {len(matcher.index_):,} vacancies, top-10 each, blocks of 256")
    print(f"time {seconds:,.1f} s ({1000 * seconds / count:.1f} ms per person); "
          f"peak RSS {rss_after:,.0f} MiB (before: {rss_before:,.0f} MiB, index included)")  # fmt: skip


def blocked_vs_unblocked(matcher: Matcher, small: list[PersonProfile]) -> None:
    for p in small:
        matcher.encoder_.encode(list(person_phrases(p).skills))
    print(f"\nPeak traced memory while ranking {len(small):,} people x {len(matcher.index_):,} vacancies:")
    print("| block size | seconds | peak traced MiB |\n|---:|---:|---:|")
    for size in (16, 64, 256, len(small)):
        seconds, peak = traced_peak(matcher, small, size)
        label = f"{size} (unblocked)" if size == len(small) else str(size)
        print(f"| {label} | {seconds:.1f} | {peak:,.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="20,000 vacancies and 1,000 people")
    parser.add_argument("--parts", default="12345", help="sections to run, e.g. 35 (5: blocked vs unblocked)")
    parser.add_argument("--traced-people", type=int, default=1000, help="people in the blocked/unblocked run")
    parser.add_argument("--batch-people", type=int, default=None, help="people in the batch (default: all)")
    args = parser.parse_args()
    n_vac, n_people = (20_000, 1_000) if args.quick else (100_000, 10_000)
    print(f"# Matcher speed, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC\n{describe(f'NumPy {np.__version__}')}")
    rng = np.random.default_rng(7)
    pool = pools(rng)
    if "1" in args.parts:
        encode_throughput(pool)
    encoder = Encoder(cache_dir=CACHE).fit()
    texts = sorted({t for group in pool.values() for t in group})
    start = time.perf_counter()
    encoder.encode(texts)
    t_pool = time.perf_counter() - start
    vacancies = synthetic_vacancies(n_vac, pool, rng)
    people = synthetic_people(n_people, pool, rng)
    start = time.perf_counter()
    matcher = Matcher(encoder=encoder).fit(vacancies)
    t_fit = time.perf_counter() - start
    index = matcher.index_
    mib = (index.coarse.nbytes + index.vectors.nbytes) / 2**20
    print(f"\n## 2. Synthetic vacancies: {n_vac:,} built from {len(texts):,} distinct embedded texts")
    print(f"pool embeddings {t_pool:.1f} s (cold on first run, then from {CACHE.relative_to(ROOT)}); "
          f"Matcher.fit {t_fit:.1f} s; {len(index.texts):,} distinct phrases; coarse + phrase matrices "
          f"{mib:,.0f} MiB float32")  # fmt: skip
    if "3" in args.parts:
        top10(matcher, people[:200], vacancies, encoder, 2_000)
    if "4" in args.parts:
        batch(matcher, people[: args.batch_people])
    if "5" in args.parts:
        blocked_vs_unblocked(matcher, people[: args.traced_people])


if __name__ == "__main__":
    main()
