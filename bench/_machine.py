"""The machine a benchmark ran on, for the record beside its figures (a helper, not a benchmark)."""

from __future__ import annotations

import os
import platform
from pathlib import Path


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
