"""Skill linking: free text (a vacancy sentence, a person's own words) -> ranked ESCO skills.

A sentence usually names several skills in a few words each ("javascript reactjs java",
"good spoken English and teamwork"), so a whole-sentence embedding blurs them. A skill's
score mixes three cosine similarities of all-MiniLM-L6-v2 embeddings:

* ``sentence``: the whole text against the skill's labels (best of preferred and
  alternative labels);
* ``window``: the best short span of the text (every run of 1 to ``window_words``
  words) against the skill's labels;
* ``description``: the whole text against the skill's description (with its
  alternative labels).

``score = sentence_weight * sentence + (1 - sentence_weight) * window +
description_weight * description``. An optional projection head (``models/skill-head``)
maps embeddings first; without one this is zero-shot.

Text in another language than English goes the multilingual way (:mod:`matcher.multilingual`):
the same sentence and span mix over every loaded language's labels, without the description term.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from matcher.encoder import Encoder
from matcher.esco import EscoTaxonomy
from matcher.exceptions import NotFittedError
from matcher.heads import ProjectionHead, head_for_encoder, resolve_head
from matcher.label_index import ConceptRanker, top_k
from matcher.multilingual import LanguageRouter, MultilingualRanker

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
    sentence_weight, description_weight, window_words:
        How the three similarities are mixed (see the module docstring); the defaults
        were chosen on the TECH/HOUSE dev sets (``docs/benchmarks.md``).
    multilingual:
        Route text that is not English to the multilingual ranker (``False``: all English).

    """

    def __init__(
        self,
        encoder: Encoder | None = None,
        head: str | Path | ProjectionHead | None = "default",
        cache_dir: str | Path | None = None,
        sentence_weight: float = 0.3,
        description_weight: float = 0.3,
        window_words: int = 4,
        multilingual: bool = True,
    ) -> None:
        self.encoder = encoder
        self.head = head
        self.cache_dir = cache_dir
        self.sentence_weight = sentence_weight
        self.description_weight = description_weight
        self.window_words = window_words
        self.multilingual = multilingual

    def fit(self, taxonomy: EscoTaxonomy) -> SkillLinker:
        """Encode the labels of every skill in ``taxonomy``."""
        encoder = self.encoder if self.encoder is not None else Encoder(cache_dir=self.cache_dir).fit()
        self.encoder_ = encoder
        self.head_ = head_for_encoder(
            resolve_head(self.head, SKILL_HEAD),
            encoder.model_id_,
            encoder.dim_,
            explicit=not (isinstance(self.head, str) and self.head == "default"),
        )
        self.skills_ = taxonomy.skills
        groups = [[s.label, *s.alt_labels] for s in taxonomy.skills]
        self.ranker_ = ConceptRanker(encoder, self.head_).fit(groups, [s.uri for s in self.skills_])
        self.descriptions_ = self._description_vectors(taxonomy)
        self.router_ = LanguageRouter(self.skills_, encoder) if self.multilingual else None
        return self

    def _description_vectors(self, taxonomy: EscoTaxonomy) -> np.ndarray:
        texts = [" ".join([*s.alt_labels, s.description]).strip() for s in taxonomy.skills]
        vectors = np.zeros((len(texts), self.encoder_.dim_), dtype=np.float32)
        present = [i for i, t in enumerate(texts) if t]
        if present and self.description_weight:
            vectors[present] = self.encoder_.encode([texts[i] for i in present])
        return vectors

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """``(n_texts, n_skills)`` scores, columns in ``skills_`` order."""
        if not hasattr(self, "ranker_"):
            raise NotFittedError("Call SkillLinker.fit(taxonomy) before linking texts.")
        clean = [" ".join(t.split()) for t in texts]
        if self.router_ is not None:
            return self.router_.scores(clean, self._english_scores, self._other_scores)
        return self._english_scores(clean)

    def _other_scores(
        self, ranker: MultilingualRanker, texts: list[str], languages: list[str | None]
    ) -> np.ndarray:
        """Sentence and best-span mix over every language's labels (no description term)."""
        out = self.sentence_weight * ranker.scores(texts, languages)
        if self.sentence_weight < 1.0:
            for i, (text, language) in enumerate(zip(texts, languages, strict=True)):
                spans = sentence_windows(text, self.window_words) or [text]
                best = ranker.scores(spans, [language] * len(spans)).max(axis=0)
                out[i] += (1.0 - self.sentence_weight) * best
        return out

    def _english_scores(self, clean: list[str]) -> np.ndarray:
        whole = self.ranker_.embed_queries(clean)
        out = self.sentence_weight * self.ranker_.scores(whole)
        if self.description_weight:
            out += self.description_weight * (self.encoder_.encode(clean) @ self.descriptions_.T)
        if self.sentence_weight >= 1.0:
            return out
        spans = [sentence_windows(t, self.window_words) or [t] for t in clean]
        flat = list(dict.fromkeys(w for group in spans for w in group))
        vectors = self.ranker_.embed_queries(flat)
        row = {w: i for i, w in enumerate(flat)}
        for i, group in enumerate(spans):
            best = self.ranker_.scores(vectors[[row[w] for w in group]]).max(axis=0)
            out[i] += (1.0 - self.sentence_weight) * best
        return out

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


def sentence_windows(text: str, max_words: int = 4) -> list[str]:
    """Every run of 1 to ``max_words`` consecutive words of ``text``, without repeats.

    Examples
    --------
    >>> sentence_windows("strong java skills", max_words=2)
    ['strong', 'java', 'skills', 'strong java', 'java skills']

    """
    words = text.split()
    runs = (
        " ".join(words[i : i + size])
        for size in range(1, max_words + 1)
        for i in range(len(words) - size + 1)
    )
    return list(dict.fromkeys(runs))


def top_k_of(scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Best ``k`` columns per row (see :func:`matcher.label_index.top_k`)."""
    return top_k(scores.astype(np.float32, copy=False), k)
