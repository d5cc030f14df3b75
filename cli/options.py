"""Options that several ``pathways`` commands share, written once."""

from __future__ import annotations

import click

#: ``--cache-dir``: where encoded texts are kept between runs.
cache_dir_option = click.option(
    "--cache-dir",
    envvar="PATHWAYS_EMBEDDING_CACHE",
    default=None,
    type=click.Path(file_okay=False),
    help="Embedding cache folder (env PATHWAYS_EMBEDDING_CACHE).",
)
