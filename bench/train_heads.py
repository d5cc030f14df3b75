"""Train the title head shipped in ``models/title-head`` from ``../shared`` data (CPU, minutes).

    .venv/bin/python bench/train_heads.py        # writes models/title-head/head.npz

The head keeps all-MiniLM-L6-v2 frozen. On top of the zero-shot title score (best label
cosine + 0.2 x character TF-IDF, see ``matcher/normalize.py``) it learns, per ESCO
occupation, a vector ``c`` and a bias ``b``, with a softmax cross-entropy over all 2,942
occupations: ``logit = scale * base + title . c + b`` (stored divided by ``scale``, so the
head adds ``title . c + b`` to the score the normaliser already computes).

Training data: ``dev-benchmarks/jobbert_titles_dev.csv`` (title -> occupation). Never
``../shared/holdout``. ``bench/matcher_quality.py`` imports :func:`train_title_head` and
measures it by k-fold cross-validation, training on the other folds only.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from numpy.typing import NDArray

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from matcher.encoder import Encoder  # noqa: E402
from matcher.esco import EscoTaxonomy, load_esco  # noqa: E402
from matcher.heads import ProjectionHead, save_head  # noqa: E402
from matcher.normalize import TitleNormalizer  # noqa: E402

SHARED = Path(os.environ.get("PATHWAYS_SHARED_DATASETS", ROOT.parent / "shared" / "datasets"))
CACHE = ROOT / ".cache" / "embeddings"
NO_LABEL = ("LABEL NOT PRESENT", "UNDERSPECIFIED")


@dataclass(frozen=True)
class HeadConfig:
    """Training settings of the title head (chosen by 5-fold CV on the dev titles)."""

    epochs: int = 10
    batch_size: int = 256
    lr: float = 1e-2
    scale: float = 20.0
    concept_decay: float = 1e-5
    seed: int = 0


TITLE_CONFIG = HeadConfig()


def train_title_head(
    base_scores: NDArray[np.float32],
    queries: NDArray[np.float32],
    targets: NDArray[np.int64],
    uris: list[str],
    config: HeadConfig = TITLE_CONFIG,
    sample_weight: NDArray[np.float32] | None = None,
) -> ProjectionHead:
    """Fit per-occupation vectors and biases on top of fixed zero-shot scores.

    ``sample_weight`` weighs each query's cross-entropy (default: all 1).
    """
    torch.manual_seed(config.seed)
    rng = np.random.default_rng(config.seed)
    base = torch.from_numpy(np.ascontiguousarray(base_scores, dtype=np.float32))
    q_all = torch.from_numpy(np.ascontiguousarray(queries, dtype=np.float32))
    y_all = torch.from_numpy(np.asarray(targets, dtype=np.int64))
    w_all = (
        torch.ones(len(y_all))
        if sample_weight is None
        else torch.from_numpy(np.asarray(sample_weight, dtype=np.float32))
    )
    n, dim = len(uris), queries.shape[1]
    concept = torch.zeros(n, dim, requires_grad=True)
    bias = torch.zeros(n, requires_grad=True)
    opt = torch.optim.Adam([concept, bias], lr=config.lr)
    for _ in range(config.epochs):
        order = torch.from_numpy(rng.permutation(len(y_all)))
        for start in range(0, len(order), config.batch_size):
            idx = order[start : start + config.batch_size]
            logits = config.scale * base[idx] + q_all[idx] @ concept.T + bias
            each = torch.nn.functional.cross_entropy(logits, y_all[idx], reduction="none")
            loss = (each * w_all[idx]).sum() / w_all[idx].sum()
            loss = loss + config.concept_decay * concept.pow(2).sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
    zeros = np.zeros((dim, dim), dtype=np.float32)
    return ProjectionHead(
        query_weight=zeros,
        label_weight=zeros.copy(),
        uris=tuple(uris),
        bias=(bias.detach().numpy() / config.scale).astype(np.float32),
        concept_vectors=(concept.detach().numpy() / config.scale).astype(np.float32),
        base_model="all-MiniLM-L6-v2",
    )


def load_titles(dev_dir: Path) -> tuple[list[str], list[str]]:
    """JobBERT dev titles (whitespace collapsed) and their occupation URIs."""
    import pandas as pd

    frame = pd.read_csv(dev_dir / "jobbert_titles_dev.csv")
    return [" ".join(str(t).split()) for t in frame["vacancyTitle"]], frame["conceptUri"].tolist()


def load_sentences(dev_dir: Path, name: str) -> list[tuple[str, frozenset[str]]]:
    """(sentence, its ESCO skill labels) for the TECH or HOUSE validation set, labelled ones only."""
    import pandas as pd

    frame = pd.read_csv(dev_dir / f"{name}_validation_annotations.csv")
    found: dict[str, set[str]] = {}
    for sentence, label in zip(frame["sentence"], frame["label"], strict=True):
        text = " ".join(str(sentence).split())
        if isinstance(label, str) and label not in NO_LABEL:
            found.setdefault(text, set()).add(label)
    return [(t, frozenset(labels)) for t, labels in found.items()]


@dataclass(frozen=True)
class TitleData:
    """ESCO, the encoder and the dev titles with the index of each one's occupation (``gold``)."""

    esco: EscoTaxonomy
    encoder: Encoder
    titles: list[str]
    uris: list[str]
    gold: NDArray[np.int64]


def load_title_data() -> TitleData:
    """Load ESCO, the default encoder (embeddings cached under ``.cache``) and the dev titles."""
    esco = load_esco(SHARED / "esco")
    encoder = Encoder(cache_dir=CACHE, batch_size=128).fit()
    titles, title_uris = load_titles(SHARED / "dev-benchmarks")
    uris = [o.uri for o in esco.occupations]
    index = {u: i for i, u in enumerate(uris)}
    gold = np.asarray([index[u] for u in title_uris], dtype=np.int64)
    return TitleData(esco, encoder, titles, uris, gold)


def main() -> None:
    """Train the title head on all the dev titles and write it to ``models/title-head``."""
    started = time.perf_counter()
    data = load_title_data()
    titles, uris = data.titles, data.uris
    base = TitleNormalizer(encoder=data.encoder, head=None).fit(data.esco).scores(titles)
    prepared = time.perf_counter()
    head = train_title_head(base, data.encoder.encode(titles), data.gold, uris)
    trained = time.perf_counter()
    path = save_head(head, ROOT / "models" / "title-head" / "head.npz")
    print(
        f"title-head: {len(titles)} titles, features {prepared - started:.0f} s, "
        f"training {trained - prepared:.0f} s, {path.stat().st_size / 1e6:.2f} MB -> {path}"
    )


if __name__ == "__main__":
    main()
