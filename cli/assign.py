"""``pathways assign``: propose an assignment of people to placements from a JSON instance.

Input (stdin, or ``--input FILE``)::

    {"people": [{"id": ..., "opted_out": false}],          # opted_out optional
     "placements": [{"id": ..., "capacity": n}],
     "scores": [{"person": ..., "placement": ..., "score": s}],
     "person_prefs": {person id: [placement ids, best first]},     # optional
     "placement_prefs": {placement id: [person ids, best first]},  # optional
     "min_score": s}                                                # optional

A pair absent from ``scores`` is not eligible and may not appear in a ranking.
Output: ``{"assignment": [{"person", "placement"}], "total_score", "unassigned",
"blocking_pairs": [{"person", "placement"}]}``; ``--details`` adds ``method``,
``greedy_total`` and one ``explanations`` entry per person. The result is a proposal:
nothing is assigned until a counsellor and the person confirm it.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any, TextIO

import click

KEYS = {"people", "placements", "scores", "person_prefs", "placement_prefs", "min_score"}
REQUIRED = ("people", "placements", "scores")


def read_instance(stream: TextIO, min_score: float | None) -> Any:
    """Parse and validate the JSON instance; bad input raises ``click.ClickException`` naming the problem."""
    from matcher.assignment import from_records
    from matcher.exceptions import AssignmentError

    try:
        data = json.load(stream)
    except json.JSONDecodeError as exc:
        raise click.ClickException(
            f"input is not valid JSON: line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from exc
    if not isinstance(data, dict):
        raise click.ClickException("input must be a JSON object with 'people', 'placements' and 'scores'")
    unknown = sorted(set(data) - KEYS)
    if unknown:
        raise click.ClickException(f"unknown key(s) {unknown}; expected some of {sorted(KEYS)}")
    missing = [key for key in REQUIRED if key not in data]
    if missing:
        raise click.ClickException(f"missing key(s) {missing}")
    for key in ("person_prefs", "placement_prefs"):
        if key in data and not isinstance(data[key], dict):
            raise click.ClickException(f"{key!r} must be an object mapping ids to lists of ids")
    try:
        return from_records(
            data["people"],
            data["placements"],
            data["scores"],
            person_prefs=data.get("person_prefs"),
            placement_prefs=data.get("placement_prefs"),
            min_score=min_score if min_score is not None else data.get("min_score"),
        )
    except AssignmentError as exc:
        raise click.ClickException(str(exc)) from exc


def result_json(result: Any, details: bool) -> dict[str, Any]:
    """The JSON contract for an :class:`~matcher.assignment.Assignment`."""
    out: dict[str, Any] = {
        "assignment": [{"person": p.person, "placement": p.placement} for p in result.pairs],
        "total_score": result.total_score,
        "unassigned": list(result.unassigned),
        "blocking_pairs": [{"person": b.person, "placement": b.placement} for b in result.blocking_pairs],
    }
    if details:
        out["method"] = result.method
        out["greedy_total"] = result.greedy_total
        out["explanations"] = [{**asdict(e), "message": e.message} for e in result.explanations]
    return out


@click.command("assign")
@click.option(
    "--method",
    type=click.Choice(["optimal", "stable"]),
    default="optimal",
    show_default=True,
    help="optimal: highest total score; stable: person-proposing deferred acceptance, no blocking pairs.",
)
@click.option("--input", "stream", type=click.File("r"), default="-", help="JSON instance (default: stdin).")
@click.option("--min-score", type=float, default=None, help="Pairs scoring below this are not eligible.")
@click.option("--details", is_flag=True, help="Add method, greedy total and per-person explanations.")
def assign(method: str, stream: TextIO, min_score: float | None, details: bool) -> None:
    """Propose an assignment of people to placements (a proposal: people and counsellors confirm)."""
    from matcher.assignment import assign_optimal, assign_stable

    instance = read_instance(stream, min_score)
    result = assign_optimal(instance) if method == "optimal" else assign_stable(instance)
    click.echo(json.dumps(result_json(result, details), indent=2))
