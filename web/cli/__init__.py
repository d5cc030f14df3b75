"""The ``pathways`` command line.

Each sub-command lives in its own module and is imported only when it runs, so
``pathways --help`` stays fast and never loads the embedding model.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

#: command name -> "module:attribute"; add one line per command.
COMMANDS: dict[str, str] = {
    "init-db": "web.cli.storage:init_db",
    "demo": "web.cli.storage:demo",
    "prepare": "web.cli.storage:prepare",
    "serve": "web.cli.serve:serve",
    "worker": "web.cli.worker:worker",
    "plan": "web.cli.plan:plan",
    "demand": "web.cli.demand:demand",
    "unlock": "web.cli.demand:unlock",
    "assign": "web.cli.assign:assign",
    "match": "web.cli.match:match",
    "screen": "web.cli.screen:screen",
    "normalize": "web.cli.esco:normalize",
    "skills": "web.cli.esco:skills",
    "keys": "web.cli.security:keys",
    "audit": "web.cli.security:audit_group",
    "backup": "web.cli.security:backup",
    "restore": "web.cli.security:restore",
    "retention": "web.cli.retention:retention",
    "books": "web.cli.books:books",
}


class LazyGroup(click.Group):
    """A click group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Names of all commands, sorted."""
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """Import and return the command called ``cmd_name``."""
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        command: Any = getattr(importlib.import_module(module_name), attr)
        return command  # type: ignore[no-any-return]


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="pathways")
def main() -> None:
    """Pathways: skills-first matching to decent work, placements and cooperative plans."""
