"""``pathways books import|share-out|measures``: a group's books kept elsewhere, read from a file, as JSON.

For groups that keep their books in a spreadsheet: no database and no web app, only the planner's
books (:mod:`planner.books`). The books are a paper ledger's CSV (``docs/planner.md``, "A paper
ledger as CSV") or the JSON that ``pathways books import`` prints.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import click

from planner.books.ledger import Books
from planner.books.ledger_csv import read_ledger
from planner.books.measures import measures as books_measures
from planner.books.serial import books_from_dict, books_to_dict, constitution_from_mapping
from planner.books.shareout import share_out as books_share_out
from planner.exceptions import PlannerError


def _emit(payload: dict[str, Any]) -> None:
    click.echo(json.dumps(payload, indent=2, ensure_ascii=False, default=str))


def _rules(currency: str, constitution: str | None) -> Any:
    if constitution is None:
        return None
    try:
        values = json.loads(Path(constitution).read_text(encoding="utf-8"))
        return constitution_from_mapping(values, currency)
    except (OSError, ValueError, PlannerError) as exc:
        raise click.BadParameter(str(exc), param_hint="--constitution") from exc


def _read(path: str, currency: str | None, constitution: str | None) -> Books:
    """Books from a ledger CSV (needs ``--currency``) or ``books import``'s JSON; exit 1 with the problems."""
    text = Path(path).read_text(encoding="utf-8-sig")
    if path.lower().endswith(".json"):
        try:
            return books_from_dict(json.loads(text))
        except (ValueError, PlannerError) as exc:
            raise click.ClickException(str(exc)) from exc
    if not currency:
        raise click.BadParameter("a ledger CSV needs the books' currency (ISO 4217)", param_hint="--currency")
    result = read_ledger(text, Path(path).name, currency.upper(), _rules(currency.upper(), constitution))
    if not result.ok or result.books is None:
        _emit({"ok": False, "rows": result.rows, "problems": [p.to_dict() for p in result.problems]})
        raise SystemExit(1)
    return result.books


def _day(books: Books, on: dt.datetime | None) -> dt.date:
    if on is not None:
        return on.date()
    if not books.meeting_days:
        raise click.ClickException("the books have no entries yet")
    return books.meeting_days[-1]


LEDGER = click.argument("ledger", type=click.Path(exists=True, dir_okay=False))
CURRENCY = click.option("--currency", help="The books' currency (ISO 4217), for a ledger CSV.")
CONSTITUTION = click.option(
    "--constitution",
    type=click.Path(exists=True, dir_okay=False),
    help="JSON file of the group's rules: share_price, max_loan_multiple, share_out_method, "
    "carry_social_fund, offset_loans_at_share_out.",
)
ON = click.option(
    "--on", type=click.DateTime(["%Y-%m-%d"]), help="Day to read the books on (default: last entry)."
)


@click.group("books")
def books() -> None:
    """A group's books from a ledger CSV: check them, work out the share-out, compute the measures (JSON)."""


@books.command("import")
@LEDGER
@CURRENCY
@CONSTITUTION
def import_(ledger: str, currency: str | None, constitution: str | None) -> None:
    """Check a ledger CSV; print the books as JSON (every problem by line and column, exit 1, if any)."""
    result = _read(ledger, currency, constitution)
    _emit({"ok": True, "books": books_to_dict(result)})


@books.command("share-out")
@LEDGER
@CURRENCY
@CONSTITUTION
@ON
def share_out(ledger: str, currency: str | None, constitution: str | None, on: dt.datetime | None) -> None:
    """Each member's share-out by the constitution's method, and the check that nothing is unaccounted for."""
    found = _read(ledger, currency, constitution)
    try:
        result = books_share_out(found, _day(found, on))
    except PlannerError as exc:
        raise click.ClickException(str(exc)) from exc
    _emit({**result.to_dict(), "unaccounted": result.unaccounted})


@books.command("measures")
@LEDGER
@CURRENCY
@CONSTITUTION
@ON
def measures(ledger: str, currency: str | None, constitution: str | None, on: dt.datetime | None) -> None:
    """The standard measures (SAVIX, SEEP/CGAP) of the cycle so far."""
    found = _read(ledger, currency, constitution)
    _emit(books_measures(found, on=_day(found, on)).to_dict())
