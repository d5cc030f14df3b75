"""``pathways match``: rank vacancies (and placement programmes) for each person, with reasons.

Reads people and vacancies as CSV or JSON lines in the demo data's format
(``datasets/demo/SCHEMA.md``) and writes one JSON object a line per person::

    {"person": "p-01", "matches": [{"vacancy": "v-07", "title": "...", "kind": "vacancy",
     "score": 71.4, "reasons": {...}}], "excluded": {"count": 12, "by_cause": {...}}}
"""

from __future__ import annotations

import json
from typing import Any

import click

from cli.options import cache_dir_option
from matcher.exceptions import MatcherError


def _load(people: str, vacancies: tuple[str, ...]) -> tuple[Any, Any]:
    from matcher.record_io import read_people, read_vacancies

    try:
        return read_people(people), [v for path in vacancies for v in read_vacancies(path)]
    except MatcherError as exc:
        raise click.ClickException(str(exc)) from exc


def _line(ranking: Any) -> str:
    return json.dumps(
        {
            "person": ranking.person_id,
            "matches": [
                {
                    "vacancy": m.vacancy_id,
                    "title": m.title,
                    "kind": m.kind,
                    "score": m.score,
                    "reasons": m.reasons_dict(),
                }
                for m in ranking.matches
            ],
            "excluded": {
                "count": ranking.excluded_count,
                "by_cause": dict(ranking.excluded_by_cause),
                "examples": [
                    {"vacancy": e.vacancy_id, "title": e.title, "causes": [c.text for c in e.causes]}
                    for e in ranking.exclusions
                ],
            },
        },
        ensure_ascii=False,
    )


@click.command("match")
@click.option("--people", required=True, type=click.Path(exists=True, dir_okay=False), help="People file.")
@click.option(
    "--vacancies",
    required=True,
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Vacancies or placement programmes file; repeat to match against several files.",
)
@click.option("--top", default=10, show_default=True, type=click.IntRange(min=1), help="Matches per person.")
@click.option(
    "--esco",
    type=click.Path(exists=True, file_okay=False),
    default=None,
    help="ESCO CSV folder: name matched skills and compare occupations with ESCO.",
)
@click.option(
    "--explain-excluded",
    default=0,
    show_default=True,
    type=click.IntRange(min=0),
    help="Per person, list the causes for up to this many excluded vacancies.",
)
@cache_dir_option
@click.pass_context
def match(
    ctx: click.Context,
    people: str,
    vacancies: tuple[str, ...],
    top: int,
    esco: str | None,
    explain_excluded: int,
    cache_dir: str | None,
) -> None:
    """Rank vacancies for each person in PEOPLE; one JSON line per person, best match first."""
    from matcher.encoder import make_encoder
    from matcher.matching import Matcher

    persons, jobs = _load(people, vacancies)
    try:
        taxonomy = None
        if esco is not None:
            from matcher.esco import load_esco

            taxonomy = load_esco(esco)
        encoder = (ctx.obj or {}).get("encoder") or make_encoder(cache_dir=cache_dir)
        matcher = Matcher(encoder=encoder, taxonomy=taxonomy).fit(jobs)
        for person in persons:
            ranking = matcher.rank_with_exclusions(person, top_k=top, max_exclusions=explain_excluded)
            click.echo(_line(ranking))
    except MatcherError as exc:
        raise click.ClickException(str(exc)) from exc
