"""The ``pathways`` dispatcher and the library commands start without the web stack (issue 21.3).

Each check runs in a fresh interpreter, since this test process has long imported Flask.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest

from cli import COMMANDS, main

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("flask", "sqlalchemy", "torch", "web")
LIBRARY_MODULES = sorted({target.split(":")[0] for target, _ in COMMANDS.values() if target[:4] == "cli."})


def heavy_modules_after(code: str) -> list[str]:
    """The heavy packages that ``code`` leaves in ``sys.modules`` of a new interpreter."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    run = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.strip().splitlines()[-1])


def test_the_library_commands_live_in_cli() -> None:
    library = sorted(name for name, (target, _) in COMMANDS.items() if target[:4] == "cli.")
    assert library == [
        "assign",
        "backtest",
        "books",
        "demand",
        "match",
        "normalize",
        "plan",
        "screen",
        "skills",
        "unlock",
    ]
    assert LIBRARY_MODULES == [
        "cli.assign",
        "cli.backtest",
        "cli.books",
        "cli.demand",
        "cli.esco",
        "cli.match",
        "cli.plan",
        "cli.screen",
    ]


@pytest.mark.parametrize("module", LIBRARY_MODULES)
def test_library_command_modules_import_no_flask_sqlalchemy_or_torch(module: str) -> None:
    assert heavy_modules_after(f"import {module}") == []


@pytest.mark.parametrize("argv", [["--help"], ["assign", "--help"], ["plan", "--help"]])
def test_help_imports_no_flask_sqlalchemy_or_torch(argv: list[str]) -> None:
    code = f"from cli import main\ntry:\n    main({argv!r})\nexcept SystemExit:\n    pass"
    assert heavy_modules_after(code) == []


def test_assign_runs_without_flask_sqlalchemy_or_torch() -> None:
    instance = {
        "people": [{"id": "ana"}],
        "placements": [{"id": "bakery", "capacity": 1}],
        "scores": [{"person": "ana", "placement": "bakery", "score": 0.8}],
    }
    code = (
        "import io, sys\n"
        f"sys.stdin = io.StringIO({json.dumps(instance)!r})\n"
        "from cli import main\ntry:\n    main(['assign'])\nexcept SystemExit:\n    pass"
    )
    assert heavy_modules_after(code) == []


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_listed_summary_is_the_first_line_of_the_commands_help(name: str) -> None:
    command = main.get_command(click.Context(main), name)
    assert command is not None
    assert (command.help or "").split("\n")[0] == COMMANDS[name][1]
