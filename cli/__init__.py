"""The ``pathways`` command line.

Each sub-command lives in its own module and is imported only when it runs. The commands over the
libraries (``plan``, ``match``, ``assign``, ...) live in this package and import only click,
``matcher`` and ``planner``; the commands that need the application and its database live in
``web.cli`` and are named here as strings. So ``pathways --help`` and every library command start
without Flask, SQLAlchemy or the embedding model (torch is loaded only by the commands that encode).
"""

from __future__ import annotations

import importlib

import click

#: command name -> ("module:attribute", the summary that ``pathways --help`` lists without importing the
#: command: the first line of its help); add one entry per command.
COMMANDS: dict[str, tuple[str, str]] = {
    "init-db": (
        "web.cli.storage:init_db",
        "Create or upgrade the database schema (safe to run again).",
    ),
    "demo": (
        "web.cli.storage:demo",
        "Load the demo data (safe to run again: records are updated, never duplicated).",
    ),
    "prepare": (
        "web.cli.storage:prepare",
        "Do now what the server does in the background: screen, embed, rank ahead (say, after a restore).",
    ),
    "serve": (
        "web.cli.serve:serve",
        "Serve Pathways: gunicorn with several worker processes, or waitress in one process.",
    ),
    "worker": (
        "web.cli.worker:worker",
        "Run queued jobs (batch matching, cohort assignment, large simulations) from REDIS_URL.",
    ),
    "plan": (
        "cli.plan:plan",
        "Plan a loan, a cooperative or a 3x6 programme (JSON on standard output).",
    ),
    "demand": (
        "cli.demand:demand",
        "Demand (vacancies), supply (people) and gaps per occupation or ISCO-08 group and per skill, "
        "as JSON.",
    ),
    "unlock": (
        "cli.demand:unlock",
        "The one to three skills that would make most local vacancies reachable for one person, as JSON.",
    ),
    "assign": (
        "cli.assign:assign",
        "Propose an assignment of people to placements (a proposal: people and counsellors confirm).",
    ),
    "backtest": (
        "cli.backtest:backtest",
        "Learn from placement history before DATE, replay the later cohorts, estimate the employment rate.",
    ),
    "match": (
        "cli.match:match",
        "Rank vacancies for each person in PEOPLE; one JSON line per person, best match first.",
    ),
    "screen": (
        "cli.screen:screen",
        "Screen vacancies read as JSON lines on stdin; write one JSON verdict a line.",
    ),
    "normalize": (
        "cli.esco:normalize",
        "Map job titles (stdin, one a line) to ranked ESCO occupations with ISCO-08 groups.",
    ),
    "skills": (
        "cli.esco:skills",
        "Link sentences (stdin, one a line) to ranked ESCO skills.",
    ),
    "keys": (
        "web.cli.security:keys",
        "Manage the data keys that encrypt personal fields.",
    ),
    "audit": (
        "web.cli.security:audit_group",
        "Check the audit log and anchor its head outside the server.",
    ),
    "backup": (
        "web.cli.security:backup",
        "Write an encrypted backup of the whole database to FILE.",
    ),
    "restore": (
        "web.cli.security:restore",
        "Restore the database from an encrypted backup FILE (into an empty database unless --force).",
    ),
    "retention": (
        "web.cli.retention:retention",
        "Erase people whose case has been inactive longer than RETENTION_INACTIVE_PERSON_DAYS.",
    ),
    "books": (
        "cli.books:books",
        "A group's books from a ledger CSV: check them, work out the share-out, compute the measures (JSON).",
    ),
}


class LazyGroup(click.Group):
    """A click group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Names of all commands, sorted."""
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """Import and return the command called ``cmd_name``."""
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module_name, attr = entry[0].split(":")
        command: click.Command = getattr(importlib.import_module(module_name), attr)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List the commands with their summaries, as click does, but without importing them."""
        if not COMMANDS:
            return
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [
            (name, click.Command(name, help=summary).get_short_help_str(limit))
            for name, (_, summary) in sorted(COMMANDS.items())
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="pathways")
def main() -> None:
    """Pathways: skills-first matching to decent work, placements and cooperative plans."""
