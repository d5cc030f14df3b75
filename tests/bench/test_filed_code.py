"""``bench/_filed_code.py``: an older revision's matcher read from git and imported beside today's."""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

import matcher.encoder

ROOT = Path(__file__).resolve().parents[2]
FILED = "62df192d9ba45d064b0e3bfd4d81bb6c5cf44e6c"  # 758535e^1: the skill linker when issue 22 was filed


def _filed_code() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_filed_code", ROOT / "bench" / "_filed_code.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_filed_skill_linker_imports_under_its_own_name() -> None:
    filed_code = _filed_code()
    try:
        package = filed_code.export_matcher(FILED)
    except filed_code.FiledRevisionError as exc:
        pytest.skip(f"the filed revision is not in this checkout's history: {exc}")
    assert package.__name__ == f"matcher_at_{FILED[:12]}"
    skills = importlib.import_module(f"{package.__name__}.skills")
    # every 1-4-word window: the function the issue replaced, run from the old code itself
    assert skills.sentence_windows("strong java skills", max_words=2) == [
        "strong",
        "java",
        "skills",
        "strong java",
        "java skills",
    ]
    # its imports point at its own modules, not at today's matcher
    assert skills.Encoder.__module__ == f"{package.__name__}.encoder"
    assert skills.Encoder is not matcher.encoder.Encoder
    heads = importlib.import_module(f"{package.__name__}.heads")
    assert heads.MODELS_DIR.resolve() == (ROOT / "models").resolve()


def test_unreadable_revision_is_a_clear_error() -> None:
    filed_code = _filed_code()
    with pytest.raises(filed_code.FiledRevisionError, match="git"):
        filed_code.export_matcher("no-such-revision")
