"""Scratch study (issue 22): encode speed of float32, int8 and bfloat16 copies per instruction set.

    ONEDNN_MAX_CPU_ISA=AVX512_CORE_VNNI OMP_NUM_THREADS=1 .venv/bin/python bench/_precision_study.py

300 distinct 4-word titles and 40 distinct 31-word sentences, never cached, best of 2 rounds
with the three precisions taking turns. Run it once per ``ONEDNN_MAX_CPU_ISA`` value (unset,
AVX512_CORE_BF16, AVX512_CORE_VNNI, AVX2) to see a processor without AMX, without bfloat16, or
without VNNI on one machine.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from matcher.encoder import Encoder  # noqa: E402

words = "cook clean sew drive care lift pack sort weld paint repair serve build guard farm teach".split()
titles = [f"{words[i % len(words)]} {words[(i * 7) % len(words)]} assistant {i}" for i in range(300)]
sentences = [" ".join(words[(i + j * 3) % len(words)] for j in range(30)) + f" {i}" for i in range(40)]
base = Encoder().fit()
encoders = {"float32": base, "int8": base.with_precision("int8"), "bfloat16": base.with_precision("bfloat16")}
best: dict[str, tuple[float, float]] = {}
for _round in range(2):
    for name, encoder in encoders.items():
        encoder.memory_.clear()
        started = time.perf_counter()
        encoder.encode(titles)
        short = time.perf_counter() - started
        encoder.memory_.clear()
        started = time.perf_counter()
        encoder.encode(sentences)
        long = time.perf_counter() - started
        old = best.get(name, (1e9, 1e9))
        best[name] = (min(old[0], short), min(old[1], long))
for name, (short, long) in best.items():
    print(f"| {name} | {len(titles) / short:.0f} | {len(sentences) / long:.1f} |")
