"""The machine a benchmark ran on (for the record beside its figures) and timing: helpers, not benchmarks."""

from __future__ import annotations

import os
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def describe(*versions: str) -> str:
    """CPU model, cores, load average, Python and the given library versions, on one line."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{cpu}, {os.cpu_count()} cores, load average {load}; " + ", ".join(
        (f"Python {platform.python_version()}", *versions)
    )


def timed(fn: Callable[[], Any], repeats: int) -> tuple[float, float, float, Any]:
    """Best and median wall-clock seconds, best CPU seconds, and the result."""
    times, cpu, result = [], [], None
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return min(times), statistics.median(times), min(cpu), result
