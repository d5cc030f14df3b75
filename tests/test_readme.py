"""The README as a new user reads it: tables that render, settings they can use, links that resolve."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
PATH = re.compile(r"`((?:\.\./)?[\w.-]+/[\w./-]*)`")
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def _tables(text: str) -> list[list[str]]:
    """Markdown tables as runs of consecutive lines starting with ``|`` (a blank line ends one)."""
    tables: list[list[str]] = []
    current: list[str] = []
    for line in text.splitlines():
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    if current:
        tables.append(current)
    return tables


def test_every_table_has_a_header_and_a_separator() -> None:
    """A table cut by a blank line leaves a headerless second half that renders as stray text."""
    for table in _tables(README):
        assert len(table) >= 2 and re.fullmatch(r"\|(\s*:?-+:?\s*\|)+", table[1]), table[:3]


def test_the_command_table_lists_every_command_in_one_table() -> None:
    commands = [t for t in _tables(README) if any("`pathways init-db`" in row for row in t)]
    assert len(commands) == 1
    listed = "\n".join(commands[0])
    for command in ("pathways serve", "pathways worker", "pathways match", "pathways plan", "pathways keys"):
        assert command in listed, f"{command} is not in the command table"


def test_port_and_host_can_be_set() -> None:
    assert "PORT=" in README and "HOST=" in README


def test_links_lead_to_files_in_the_checkout() -> None:
    """No link outside the repository (a user's clone has no ``../shared``) and none to a missing file."""
    for target in LINK.findall(README):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        assert not target.startswith(".."), f"the README sends users outside their clone: {target}"
        assert (ROOT / target).exists(), f"the README links to {target}, which is not in the repository"


def test_paths_it_names_exist_or_are_made_by_make_run() -> None:
    """Every file path in backticks is in the checkout, or made by ``make run`` (``instance/``, ``.venv``)."""
    made = ("instance/", "./instance", ".venv", "X-Forwarded")
    for path in PATH.findall(README):
        if path.startswith(made) or path == "../shared/datasets":  # the tests' default data folder, explained
            continue
        assert not path.startswith(".."), f"the README names {path}, outside the clone"
        assert (ROOT / path).exists(), f"the README names {path}, which a clone does not have"
