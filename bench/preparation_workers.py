"""Two server workers preparing the same people: one after the other (as shipped) or side by side (before).

    .venv/bin/python bench/preparation_workers.py [--instance instance]     # ESCO_DIR as the server has it

``pathways serve`` runs two worker processes; each asks for everyone's words to be prepared (at
start, and again once it has read ESCO), and each runs its own preparation jobs. Since
``preparing-vectors.lock`` one process at a time does the work. Here the
instance folder (the demo loaded: ``make run`` or ``pathways demo``) is copied to a temporary
folder, every person's prepared vectors are dropped, and two processes, each having read ESCO,
start the server's job (``web.tasks.prepare_people(through_esco=True)``) at the same moment:
first with the lock as shipped, then with it replaced by nothing, as before. Printed: wall time
from the start until both are done, the CPU seconds the two jobs used, and the people each one
prepared and ranked. The instance folder itself is not touched.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from _machine import describe  # noqa: E402

WORKER = """
import contextlib, json, os, resource, sys, time
from web.cli.app import app_context
import web.matching.preparation as preparation
if sys.argv[1] == "unlocked":
    preparation.one_process_at_a_time = lambda name: contextlib.nullcontext()
with app_context():
    from web import tasks
    from web.infra import services
    services.person_bridge(read=True)  # ESCO read first, as a worker that has served an ESCO page
    print("ready", flush=True)
    while not os.path.exists(sys.argv[2]):
        time.sleep(0.05)
    before = resource.getrusage(resource.RUSAGE_SELF)
    done = tasks.prepare_people(through_esco=True)
after = resource.getrusage(resource.RUSAGE_SELF)
cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
print(json.dumps({**done, "cpu": cpu}))
"""


def run_pair(instance: Path, mode: str) -> dict[str, object]:
    """Drop the people's vectors in ``instance``, start two workers together once both have read ESCO."""
    with sqlite3.connect(instance / "pathways.sqlite3") as db:
        db.execute("DELETE FROM prepared_people")
    env = {**os.environ, "PATHWAYS_INSTANCE": str(instance), "HF_HUB_OFFLINE": "1"}
    go = instance / f"go-{mode}"
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, mode, str(go)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for w in workers:
        assert w.stdout is not None and w.stdout.readline().strip() == "ready"
    started = time.perf_counter()
    go.touch()
    outs = [w.communicate()[0].strip().splitlines()[-1] for w in workers]
    wall = time.perf_counter() - started
    figures = [json.loads(o) for o in outs]
    return {
        "wall": wall,
        "cpu": sum(f["cpu"] for f in figures),
        "people": [f["people"] for f in figures],
        "ranked": [f["ranked"] for f in figures],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--instance", default=str(ROOT / "instance"), help="instance folder with the demo loaded"
    )
    args = parser.parse_args()
    source = Path(args.instance)
    shared_esco = ROOT.parent / "shared" / "datasets" / "esco"
    if not os.environ.get("ESCO_DIR") and shared_esco.is_dir():
        os.environ["ESCO_DIR"] = str(shared_esco)
    if not (source / "pathways.sqlite3").exists() or not os.environ.get("ESCO_DIR"):
        print(f"skipped: needs the demo in {source} (make run) and ESCO_DIR, as the server has it")
        return
    print(f"bench/preparation_workers.py; {describe()}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        instance = Path(tmp) / "instance"
        shutil.copytree(source, instance, ignore=shutil.ignore_patterns("*.lock"))
        with sqlite3.connect(instance / "pathways.sqlite3") as db:
            people = db.execute("SELECT count(*) FROM people").fetchone()[0]
        print(f"{people} people; two processes each run prepare_people(through_esco=True) at once\n")
        print("| workers | wall s, both done | CPU s, both | people prepared, by each | ranked, by each |")
        print("|---|---|---|---|---|")
        for mode, label in (
            ("locked", "with the lock (shipped)"),
            ("unlocked", "no lock (before)"),
        ):
            row = run_pair(instance, mode)
            cells = f"| {label} | {row['wall']:.1f} | {row['cpu']:.1f} | {row['people']} | {row['ranked']} |"
            print(cells, flush=True)


if __name__ == "__main__":
    main()
