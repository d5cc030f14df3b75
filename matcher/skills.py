"""Skill linking: free text (a vacancy sentence, a person's own words) -> ranked ESCO skills.

Each skill is represented by its preferred label and alternative labels; a text scores
a skill by its best cosine similarity to any of them, after an optional learned
projection head (``models/skill-head``). Without the head this is zero-shot
all-MiniLM-L6-v2.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from matcher.encoder import Encoder
from matcher.esco import EscoTaxonomy
from matcher.exceptions import NotFittedError
from matcher.heads import ProjectionHead, resolve_head
from matcher.label_index import ConceptRanker, top_k

SKILL_HEAD = "skill-head"


@dataclass(frozen=True)
class SkillMatch:
    """One ranked ESCO skill for a text: URI, preferred label, score."""

    uri: str
    label: str
    score: float


class SkillLinker:
    """Link texts to ESCO skills (scikit-learn style: ``fit`` then ``link``).

    Parameters
    ----------
    encoder:
        A fitted :class:`Encoder` to reuse; ``None`` builds and fits the default one.
    head:
        ``"default"`` (the shipped ``models/skill-head`` if present, else zero-shot), a
        path to a ``head.npz`` or its folder, a :class:`ProjectionHead`, or ``None``.
    cache_dir:
        Embedding cache folder for the encoder built when ``encoder`` is ``None``.

    """

    def __init__(
        self,
        encoder: Encoder | None = None,
        head: str | Path | ProjectionHead | None = "default",
        cache_dir: str | Path | None = None,
    ) -> None:
        self.encoder = encoder
        self.head = head
        self.cache_dir = cache_dir

    def fit(self, taxonomy: EscoTaxonomy) -> SkillLinker:
        """Encode the labels of every skill in ``taxonomy``."""
        encoder = self.encoder if self.encoder is not None else Encoder(cache_dir=self.cache_dir).fit()
        self.encoder_ = encoder
        self.head_ = resolve_head(self.head, SKILL_HEAD)
        self.skills_ = taxonomy.skills
        groups = [[s.label, *s.alt_labels] for s in taxonomy.skills]
        self.ranker_ = ConceptRanker(encoder, self.head_).fit(groups, [s.uri for s in self.skills_])
        return self

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """``(n_texts, n_skills)`` scores, columns in ``skills_`` order."""
        if not hasattr(self, "ranker_"):
            raise NotFittedError("Call SkillLinker.fit(taxonomy) before linking texts.")
        return self.ranker_.scores(self.ranker_.embed_queries([" ".join(t.split()) for t in texts]))

    def link(self, texts: Sequence[str], top_k: int = 10) -> list[list[SkillMatch]]:
        """Return the ``top_k`` best skills for each text, best first."""
        idx, vals = top_k_of(self.scores(texts), top_k)
        out = []
        for row_idx, row_vals in zip(idx.tolist(), vals.tolist(), strict=True):
            out.append(
                [
                    SkillMatch(self.skills_[i].uri, self.skills_[i].label, round(float(v), 4))
                    for i, v in zip(row_idx, row_vals, strict=True)
                ]
            )
        return out


def top_k_of(scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Best ``k`` columns per row (see :func:`matcher.label_index.top_k`)."""
    return top_k(scores.astype(np.float32, copy=False), k)
