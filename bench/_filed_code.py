"""The matcher as it was at an older git revision, importable beside today's (benchmarks only).

``export_matcher(rev)`` copies ``matcher/`` at ``rev`` out of git (``git archive``) into a
temporary folder as a package named ``matcher_at_<commit>``, with its own imports rewritten to
that name and ``models/`` and ``datasets/`` beside it linked to this checkout's, and imports it.
Nothing of the old code is kept in the tree: it is read from git each run.
``FiledSkillLinker`` runs that revision's ``SkillLinker`` on texts, cold and warm, as
``bench/matcher_quality.py`` times today's linkers.
"""

from __future__ import annotations

import atexit
import importlib
import io
import re
import shutil
import subprocess  # nosec B404: runs git with fixed arguments
import sys
import tarfile
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
from numpy.typing import NDArray

ROOT = Path(__file__).resolve().parents[1]
IMPORT = re.compile(r"^(\s*(?:from|import)\s+)matcher\b", re.MULTILINE)


class FiledRevisionError(RuntimeError):
    """The revision cannot be read from git (no git, not a checkout, unknown revision)."""


def _git(*args: str, root: Path) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)  # nosec B603 B607
    except FileNotFoundError as exc:
        raise FiledRevisionError("git is not installed, so older revisions cannot be read") from exc
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip()
        raise FiledRevisionError(f"git {' '.join(args[:2])} failed in {root}: {message}")
    return done.stdout


def export_matcher(rev: str, root: Path = ROOT) -> ModuleType:
    """Import ``matcher/`` as it was at ``rev`` under the name ``matcher_at_<12-digit commit>``.

    Raises :class:`FiledRevisionError` when git, the checkout or the revision is missing.
    """
    commit = _git("rev-parse", "--verify", f"{rev}^{{commit}}", root=root).decode().strip()
    name = f"matcher_at_{commit[:12]}"
    if name in sys.modules:
        return sys.modules[name]
    archive = _git("archive", "--format=tar", commit, "matcher/", root=root)
    folder = Path(tempfile.mkdtemp(prefix="pathways-filed-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    package = folder / name
    (folder / "matcher").rename(package)
    for source in package.rglob("*.py"):
        source.write_text(IMPORT.sub(rf"\g<1>{name}", source.read_text(encoding="utf-8")), encoding="utf-8")
    for data in ("models", "datasets"):  # paths the old code finds beside its package
        if (root / data).exists():
            (folder / data).symlink_to(root / data, target_is_directory=True)
    sys.path.insert(0, str(folder))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(folder))


class FiledSkillLinker:
    """The ``SkillLinker`` of revision ``rev``, zero-shot, fitted on ``taxonomy``.

    Its encoder is that revision's (its own batching, its own copy of the model). The skill
    labels' and descriptions' vectors are taken from ``encoder`` (today's, full precision,
    same model) instead of being encoded again: ``fit`` is not timed, and encoding the
    29,508 texts would take half an hour on the shared machine.
    """

    def __init__(self, rev: str, taxonomy: Any, encoder: Any) -> None:
        matcher = export_matcher(rev)
        self.rev = rev
        self.commit = matcher.__name__.removeprefix("matcher_at_")
        self.encoding = importlib.import_module(f"{matcher.__name__}.encoder")
        skills = importlib.import_module(f"{matcher.__name__}.skills")
        label_index = importlib.import_module(f"{matcher.__name__}.label_index")
        self.fitted_encoder = self.encoding.Encoder(model=encoder.model).fit()  # no cache on disk
        groups = [[s.label, *s.alt_labels] for s in taxonomy.skills]
        known = label_index.concept_texts(groups)[0]
        known += [t for s in taxonomy.skills if (t := " ".join([*s.alt_labels, s.description]).strip())]
        known = list(dict.fromkeys(known))
        self.fitted_encoder.memory_.update(
            {
                self.encoding.text_key(self.fitted_encoder.model_id_, text): vector
                for text, vector in zip(known, encoder.encode(known), strict=True)
            }
        )
        self.linker = skills.SkillLinker(encoder=self.fitted_encoder, head=None).fit(taxonomy)

    def cold_encoder(self) -> Any:
        """The fitted encoder's model with nothing cached (memory only, empty)."""
        fresh = self.encoding.Encoder(model=self.fitted_encoder.model)
        fitted = self.fitted_encoder
        fresh.model_, fresh.model_id_, fresh.dim_ = fitted.model_, fitted.model_id_, fitted.dim_
        fresh.memory_, fresh.cache_, fresh.encoded_count_ = {}, None, 0
        return fresh

    def link_speed(self, texts: Sequence[str]) -> tuple[float, float, int, NDArray[np.float32]]:
        """Sentences/s cold and warm, texts encoded, cold scores (as ``matcher_quality.link_speed``)."""
        encoder = self.cold_encoder()
        self.linker.encoder_ = self.linker.ranker_.encoder = encoder
        try:
            started = time.perf_counter()
            cold_scores = self.linker.scores(texts)
            cold = time.perf_counter() - started
            started = time.perf_counter()
            warm_scores = self.linker.scores(texts)
            warm = time.perf_counter() - started
        finally:
            self.linker.encoder_ = self.linker.ranker_.encoder = self.fitted_encoder
        np.testing.assert_array_equal(cold_scores, warm_scores)
        return len(texts) / cold, len(texts) / warm, encoder.encoded_count_, cold_scores.astype(np.float32)
