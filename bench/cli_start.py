"""Start-up of the ``pathways`` command line, old code beside new, in one run (issue 21.3).

    .venv/bin/python bench/cli_start.py                  # old = git merge-base with main, new = this tree
    .venv/bin/python bench/cli_start.py --old <rev> --repeat 15

Times, in a fresh interpreter each time, ``pathways --help``, ``pathways assign --help`` and
a small ``pathways assign`` (4 people, 3 placements, from stdin), with ``python -c 'pass'``
as the floor (the interpreter and site-packages alone). The old code is exported from git
(``git archive``) into a temporary folder and run from there with the same virtual
environment; old and new runs alternate, so that both see the same load. Figures are wall
seconds, best and median of ``--repeat`` runs: on a shared, loaded machine the best is the
figure to compare, the median shows the noise.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from _machine import describe  # noqa: E402
from _trees import add_old_argument, export  # noqa: E402

#: the ``pathways`` entry point as the tree has it (``cli`` since issue 21; ``web.cli`` before)
ENTRY = (
    "import importlib.util as u, sys; "
    "sys.exit(__import__('cli' if u.find_spec('cli') else 'web.cli', fromlist=['main']).main())"
)
INSTANCE = {
    "people": [{"id": name} for name in ("ana", "ben", "chi", "dev")],
    "placements": [
        {"id": "bakery", "capacity": 2},
        {"id": "garage", "capacity": 1},
        {"id": "clinic", "capacity": 1},
    ],
    "scores": [
        {"person": p, "placement": q, "score": round(0.3 + 0.1 * (i + 2 * j) % 0.7, 2)}
        for i, p in enumerate(("ana", "ben", "chi", "dev"))
        for j, q in enumerate(("bakery", "garage", "clinic"))
    ],
}
#: case -> (arguments to pathways, standard input); None runs ``python -c pass``
CASES: dict[str, tuple[list[str], str] | None] = {
    "python -c pass (floor)": None,
    "pathways --help": (["--help"], ""),
    "pathways assign --help": (["assign", "--help"], ""),
    "pathways assign (4 people, 3 places)": (["assign"], json.dumps(INSTANCE)),
}


def once(code: Path, case: tuple[list[str], str] | None) -> float:
    """Wall seconds of one run of ``case`` with ``code`` first on the path."""
    env = os.environ | {"PYTHONPATH": str(code), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    argv, stdin = (
        ([sys.executable, "-c", "pass"], "")
        if case is None
        else (
            [sys.executable, "-c", ENTRY, *case[0]],
            case[1],
        )
    )
    start = time.perf_counter()
    run = subprocess.run(argv, cwd=code, env=env, input=stdin, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if run.returncode != 0:
        raise SystemExit(f"{' '.join(argv[3:])} failed in {code}:\n{run.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add_old_argument(parser)
    parser.add_argument("--repeat", type=int, default=11, help="runs per case and version (default 11)")
    args = parser.parse_args()
    print(describe())
    print(f"old = {args.old[:12]}, new = this working tree; {args.repeat} runs each, old and new alternating")
    workdir = Path(tempfile.mkdtemp(prefix="pathways-cli-start-"))
    try:
        trees = {"old": export(args.old, workdir / "old"), "new": export("WORKTREE", workdir / "new")}
        times: dict[tuple[str, str], list[float]] = {(c, v): [] for c in CASES for v in trees}
        for case, spec in CASES.items():
            for code in trees.values():
                once(code, spec)  # warm the file cache and the byte-code
            for _ in range(args.repeat):
                for version, code in trees.items():
                    times[case, version].append(once(code, spec))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print("\n| command | old best | old median | new best | new median |")
    print("|---|---:|---:|---:|---:|")
    for case in CASES:
        old, new = times[case, "old"], times[case, "new"]
        print(
            f"| `{case}` | {min(old):.3f} s | {statistics.median(old):.3f} s "
            f"| {min(new):.3f} s | {statistics.median(new):.3f} s |"
        )


if __name__ == "__main__":
    main()
