"""The app's shared, lazily built helpers: the sentence encoder and the vacancy screener.

The model loads once per process, on first use, so pages that do not need it stay fast
and ``pathways --help`` never loads it. Tests may put a ready encoder in
``app.extensions["pathways.encoder"]``.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from flask import current_app

from matcher.encoder import Encoder

_LOCK = threading.RLock()  # re-entrant: the screener builds the encoder inside its own build


def _shared(key: str, build: Any) -> Any:
    extensions = current_app.extensions
    if key not in extensions:
        with _LOCK:
            if key not in extensions:
                extensions[key] = build()
    return extensions[key]


def encoder() -> Encoder:
    """The fitted sentence encoder (``PATHWAYS_MODEL``), with its cache under the instance folder."""
    cache = Path(current_app.instance_path) / "embeddings"
    return _shared(
        "pathways.encoder",
        lambda: Encoder(model=current_app.config.get("PATHWAYS_MODEL"), cache_dir=cache).fit(),
    )


def screener() -> Any:
    """The fitted vacancy screener, sharing the encoder."""
    from matcher.screening import Screener

    return _shared("pathways.screener", lambda: Screener(encoder=encoder()).fit())
