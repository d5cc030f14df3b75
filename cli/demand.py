"""``pathways demand`` and ``pathways unlock``: the labour-market map from files, as JSON.

Both commands read people and vacancies (CSV or JSON lines, see
``datasets/demo/SCHEMA.md``), ground them in ESCO with the title normaliser and the
skill linker, call the pure functions of :mod:`matcher.demand` and print JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from matcher.exceptions import MatcherError

DEFAULT_CACHE = "embeddings"
#: the application's instance folder (``web.DEFAULT_INSTANCE``), named here so as to import no Flask
DEFAULT_INSTANCE = Path(__file__).resolve().parent.parent / "instance"


def _instance_cache() -> Path:
    return Path(os.environ.get("PATHWAYS_INSTANCE", str(DEFAULT_INSTANCE))) / DEFAULT_CACHE


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date in the form YYYY-MM-DD.", param_hint=option
        ) from None


def _grounding_tools(
    ctx: click.Context, esco: str | None, cache_dir: str | None, head: str, occupations: bool = True
) -> tuple[Any, Any, Any]:
    """Load ESCO and fit the title normaliser and skill linker (the encoder may come from ``ctx.obj``)."""
    from matcher.encoder import make_encoder
    from matcher.esco import load_esco
    from matcher.normalize import TitleNormalizer
    from matcher.skills import SkillLinker

    if not esco:
        raise click.UsageError(
            "Give the ESCO folder with --esco DIR or the ESCO_DIR environment variable "
            "(the ESCO v1.1 English CSV download from the ESCO portal)."
        )
    taxonomy = load_esco(esco)
    encoder = (ctx.obj or {}).get("encoder") if isinstance(ctx.obj, dict) else None
    if encoder is None:
        encoder = make_encoder(cache_dir=cache_dir or _instance_cache()).fit()
    chosen_head = None if head.lower() == "none" else head
    normalizer = TitleNormalizer(encoder=encoder, head=chosen_head).fit(taxonomy) if occupations else None
    linker = SkillLinker(encoder=encoder, head=chosen_head).fit(taxonomy)
    return taxonomy, normalizer, linker


def _consenting(people: Sequence[Any], consents_file: str | None, today: dt.date) -> list[Any]:
    """People with a ``demand_statistics`` consent in force (everyone when no file is given)."""
    if consents_file is None:
        return list(people)
    from matcher.demand.grounding import parse_date

    allowed: set[str] = set()
    for where, rec in _consent_rows(consents_file):
        if (rec.get("purpose") or "").strip() != "demand_statistics":
            continue
        granted = parse_date(str(rec.get("granted_on") or ""), where)
        withdrawn = parse_date(str(rec.get("withdrawn_on") or ""), where)
        if granted is not None and granted <= today and (withdrawn is None or withdrawn > today):
            allowed.add(str(rec.get("person") or "").strip())
    return [p for p in people if p.id in allowed]


def _consent_rows(path: str) -> list[tuple[str, dict[str, Any]]]:
    """``(where, record)`` of a consents file, CSV or JSON lines."""
    import csv

    text = Path(path).read_text(encoding="utf-8-sig")
    if Path(path).suffix.lower() in (".jsonl", ".json", ".ndjson"):
        rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    else:
        rows = list(csv.DictReader(text.splitlines()))
    if rows and not {"person", "purpose", "granted_on"} <= set(rows[0]):
        raise click.BadParameter(
            "needs the fields person, purpose, granted_on, withdrawn_on", param_hint="--consents"
        )
    return [(f"{path}:{i + 2}", row) for i, row in enumerate(rows)]


def _dump(payload: dict[str, Any]) -> None:
    click.echo(json.dumps(payload, indent=2, ensure_ascii=False))


def _limit(rows: list[dict[str, Any]], top: int | None) -> list[dict[str, Any]]:
    return rows if top is None else rows[:top]


common = [
    click.option(
        "--vacancies", "vacancies_file", required=True, type=click.Path(exists=True, dir_okay=False)
    ),
    click.option("--people", "people_file", required=True, type=click.Path(exists=True, dir_okay=False)),
    click.option("--esco", envvar="ESCO_DIR", type=click.Path(file_okay=False), help="ESCO v1.1 CSV folder."),
    click.option(
        "--cache-dir",
        envvar="PATHWAYS_EMBEDDING_CACHE",
        type=click.Path(file_okay=False),
        help="Embedding cache folder (env PATHWAYS_EMBEDDING_CACHE; default instance/embeddings).",
    ),
    click.option(
        "--head",
        default="default",
        show_default=True,
        help="Projection heads: 'default' (shipped in models/), 'none' (zero-shot), or a head folder.",
    ),
    click.option(
        "--by-meaning",
        is_flag=True,
        help="Also link people's and vacancies' words in a language without ESCO labels loaded (read by "
        "meaning only: most such links are wrong, so by default they are left out).",
    ),
]


def _grounded(
    people: Sequence[Any], vacancies: Sequence[Any], normalizer: Any, linker: Any, by_meaning: bool
) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """People and vacancies grounded in ESCO, saying on stderr what is left out as read by meaning only."""
    from matcher.demand.grounding import (
        GroundingSettings,
        ground_people,
        ground_vacancies,
        people_read_by_meaning,
        vacancies_read_by_meaning,
    )

    if not by_meaning:
        for unread, whose in (
            (people_read_by_meaning(people, normalizer, linker), "the people's phrases or past jobs"),
            (vacancies_read_by_meaning(vacancies, normalizer, linker), "the vacancies' titles or skills"),
        ):
            if unread:
                click.echo(
                    f"Note: {len(unread)} of {whose} are in a language without ESCO labels loaded, read by "
                    "meaning only, and are not linked (most such links are wrong). Load ESCO in that "
                    "language, add an English gloss, or pass --by-meaning.",
                    err=True,
                )
    settings = GroundingSettings(automatic_by_meaning=by_meaning)
    return (
        ground_people(people, normalizer, linker, settings),
        ground_vacancies(vacancies, normalizer, linker, settings),
    )


def _with_common(func: Any) -> Any:
    for option in reversed(common):
        func = option(func)
    return func


@click.command()
@_with_common
@click.option("--locality", default=None, help="Only this locality (as written in the files).")
@click.option(
    "--level", type=click.IntRange(1, 4), default=None, help="ISCO-08 digits; ESCO occupations if omitted."
)
@click.option("--since", default=None, help="Only vacancies posted on or after YYYY-MM-DD.")
@click.option("--until", default=None, help="Only vacancies posted on or before YYYY-MM-DD.")
@click.option(
    "--consents",
    "consents_file",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="consents.csv: count only people with a demand_statistics consent in force.",
)
@click.option(
    "--show-small-counts",
    is_flag=True,
    help="Do not suppress counts of people under 5 (only for a viewer who may see these people).",
)
@click.option("--top", type=click.IntRange(1), default=None, help="At most this many rows per table.")
@click.option(
    "--chart",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the occupation gap chart (.svg or .png).",
)
@click.pass_context
def demand(
    ctx: click.Context,
    vacancies_file: str,
    people_file: str,
    esco: str | None,
    cache_dir: str | None,
    head: str,
    by_meaning: bool,
    locality: str | None,
    level: int | None,
    since: str | None,
    until: str | None,
    consents_file: str | None,
    show_small_counts: bool,
    top: int | None,
    chart: str | None,
) -> None:
    """Demand (vacancies), supply (people) and gaps per occupation or ISCO-08 group and per skill, as JSON."""
    from matcher.demand import build_map
    from matcher.demand.chart import gap_chart
    from matcher.demand.grounding import taxonomy_labels
    from matcher.record_io import read_people, read_vacancies

    start, end = _date(since, "--since"), _date(until, "--until")
    if chart and Path(chart).suffix.lower() not in (".svg", ".png"):
        raise click.BadParameter("the chart file must end in .svg or .png", param_hint="--chart")
    try:
        vacancies = read_vacancies(vacancies_file)
        people = _consenting(read_people(people_file), consents_file, dt.date.today())
        taxonomy, normalizer, linker = _grounding_tools(ctx, esco, cache_dir, head)
        labels = taxonomy_labels(taxonomy)
        grounded_people, grounded_vacancies = _grounded(people, vacancies, normalizer, linker, by_meaning)
        the_map = build_map(
            grounded_vacancies,
            grounded_people,
            locality=locality,
            level=level,
            start=start,
            end=end,
            labels=labels,
            threshold=None if show_small_counts else 5,
        )
        if chart:
            where = locality or "all localities"
            image = gap_chart(
                the_map.occupation_gaps,
                title=f"Vacancies and people, {where}",
                threshold=the_map.threshold,
                fmt=Path(chart).suffix[1:].lower(),
            )
            Path(chart).write_bytes(image)
    except MatcherError as exc:
        raise click.ClickException(str(exc)) from exc
    if (
        locality is not None
        and the_map.vacancies == 0
        and (the_map.people or 0) == 0
        and not the_map.people_suppressed
    ):
        raise click.ClickException(
            f"No vacancies or people in the locality {locality!r}; check its spelling."
        )
    data = the_map.to_dict()
    _dump(
        {
            "locality": data["locality"],
            "level": "esco_occupation" if level is None else f"isco_{level}_digit",
            "window": {"start": data["start"], "end": data["end"]},
            "pay_period": "month",
            "suppression": {"threshold": data["threshold"], "applies_to": "counts of people"},
            "vacancies": data["vacancies"],
            "vacancies_without_occupation": data["vacancies_unlinked"],
            "vacancies_read_by_meaning_only": data["vacancies_read_by_meaning"],
            "people": {"value": data["people"], "suppressed": data["people_suppressed"]},
            "demand": {
                "occupations": _limit(data["demand_occupations"], top),
                "skills": _limit(data["demand_skills"], top),
            },
            "supply": {
                "occupations": _limit(data["supply_occupations"], top),
                "skills": _limit(data["supply_skills"], top),
            },
            "gaps": {
                "occupations": _limit(data["occupation_gaps"], top),
                "skills": _limit(data["skill_gaps"], top),
            },
        }
    )


def _vacancy_summary(vacancy: Any, grounded: Any) -> dict[str, Any]:
    return {
        "id": vacancy.id,
        "title": vacancy.title,
        "employer": vacancy.employer or None,
        "pay_per_month": grounded.pay_per_month,
        "currency": grounded.currency,
    }


@click.command()
@click.option("--person", "person_id", required=True, help="The id of the person (from the people file).")
@_with_common
@click.option("--locality", default=None, help="Vacancies of this locality; the person's own if omitted.")
@click.option(
    "--coverage",
    type=click.FloatRange(0, 1, min_open=True),
    default=0.5,
    show_default=True,
    help="Share of a vacancy's required skills needed to reach it.",
)
@click.option("--max-skills", type=click.IntRange(1, 3), default=3, show_default=True)
@click.pass_context
def unlock(
    ctx: click.Context,
    person_id: str,
    vacancies_file: str,
    people_file: str,
    esco: str | None,
    cache_dir: str | None,
    head: str,
    by_meaning: bool,
    locality: str | None,
    coverage: float,
    max_skills: int,
) -> None:
    """The one to three skills that would make most local vacancies reachable for one person, as JSON."""
    from matcher.demand import skills_to_unlock
    from matcher.demand.grounding import taxonomy_labels
    from matcher.record_io import read_people, read_vacancies

    try:
        vacancies, people = read_vacancies(vacancies_file), read_people(people_file)
        person = next((p for p in people if p.id == person_id), None)
        if person is None:
            raise click.BadParameter(
                f"no person with id {person_id!r} in {people_file}", param_hint="--person"
            )
        # unlocking works on skills only, so titles are not normalised (much faster)
        taxonomy, normalizer, linker = _grounding_tools(ctx, esco, cache_dir, head, occupations=False)
        grounded = _grounded([person], vacancies, normalizer, linker, by_meaning)
        (grounded_person,), grounded_vacancies = grounded
        result = skills_to_unlock(
            grounded_person,
            grounded_vacancies,
            locality=locality,
            coverage=coverage,
            max_skills=max_skills,
            labels=taxonomy_labels(taxonomy),
        )
    except MatcherError as exc:
        raise click.ClickException(str(exc)) from exc
    by_id = {v.id: (v, g) for v, g in zip(vacancies, grounded_vacancies, strict=True)}
    _dump(
        {
            "person": result.person,
            "locality": result.locality,
            "rule": f"a vacancy is reachable with at least {coverage:.0%} of its linked required skills",
            "pay_period": "month",
            "vacancies_considered": result.vacancies_considered,
            "reachable_now": [_vacancy_summary(*by_id[i]) for i in result.reachable_now],
            "skills_that_unlock_most": [
                {
                    "skill": s.skill_uri,
                    "label": s.label,
                    "pay_weighted": round(s.pay_weighted, 3),
                    "reachable_after": s.reachable_after,
                    "unlocks": [_vacancy_summary(*by_id[i]) for i in s.unlocked],
                }
                for s in result.suggestions
            ],
            "current_skills_in_demand": [
                {"skill": s.skill_uri, "label": s.label, "vacancies": s.vacancies, "reachable": s.reachable}
                for s in result.in_demand
            ],
        }
    )
