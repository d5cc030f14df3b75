"""Sentence-level semantic matching of advert sentences against indicator phrasings.

Every sentence (and clause) is compared (cosine of unit embeddings from the shared
:class:`matcher.encoder.Encoder`) with each indicator's description and example phrasings, and with a
background of legitimate look-alikes (every indicator's counter-examples plus neutral job-advert
sentences). A sentence signals an indicator when its best match among that indicator's phrasings is close
enough *and* beats the best legitimate look-alike by a margin: "accommodation provided free of charge" sits
nearer to the look-alikes than to "rent is deducted from your wages", so it is not flagged. With a sentence
classifier (a logistic regression on the same embeddings, :mod:`matcher.screening.classifier`) the
sentence must also read as a red flag overall.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from matcher.exceptions import InputError, ModelLoadError, NotFittedError
from matcher.model_identity import same_model
from matcher.screening.indicators import IndicatorSet
from matcher.screening.patterns import guarded, homonym_reason
from matcher.screening.segments import Segment, has_negator


class TextEncoder(Protocol):
    """Anything with ``encode(texts) -> (n, dim)`` unit vectors, such as a fitted ``Encoder``."""

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """Return one unit-length embedding per text."""
        ...


class SentenceScorer(Protocol):
    """Anything that gives each embedded sentence a red-flag probability."""

    def predict_proba(self, vectors: NDArray[np.float32]) -> NDArray[np.float64]:
        """Probability per row of ``vectors``."""
        ...


@dataclass(frozen=True)
class SemanticHit:
    """A sentence that reads like an indicator: nearest phrasing, similarities, red-flag probability."""

    indicator: str
    segment: Segment
    similarity: float
    background: float
    reference: str
    probability: float | None


def _negated_reference(text: str) -> bool:
    """Whether a reference phrasing (English, Spanish or French) is negated in its own language."""
    return any(has_negator(text, code) for code in ("en", "es", "fr"))


@dataclass(eq=False, repr=False)
class SemanticMatcher:
    """Compare sentences with the indicator phrasings.

    Parameters
    ----------
    encoder:
        A fitted encoder, shared with the rest of the application.
    indicators:
        The indicator definitions (:func:`matcher.screening.indicators.load_indicators`).
    threshold:
        Least cosine similarity to one of the indicator's phrasings.
    margin:
        Least lead of that similarity over the nearest legitimate look-alike.
    classifier:
        Optional sentence classifier; a sentence must then also reach ``probability``. One that names the
        model it was trained on (``model_id``) must have been trained on ``encoder``'s (``model_id_``):
        ``fit`` raises :class:`ModelLoadError` otherwise, whatever the widths.
    probability:
        Least red-flag probability from ``classifier``.
    short_clause_words:
        A clause of fewer than ``short_clause_words`` words cut from a longer sentence ("clean the kitchen",
        "after three months") carries too little meaning on its own: its nearest phrasing is chosen by one
        topic word. With a classifier, such a clause signals only when the whole sentence it was cut from
        also reads as a red flag (reaches ``probability`` too).
    """

    encoder: TextEncoder
    indicators: IndicatorSet
    threshold: float = 0.35
    margin: float = 0.04
    classifier: SentenceScorer | None = None
    probability: float = 0.7
    short_clause_words: int = 7

    def fit(self) -> SemanticMatcher:
        """Embed the indicator phrasings and the background once."""
        trained_on = getattr(self.classifier, "model_id", None)
        model = getattr(self.encoder, "model_id_", None)
        if isinstance(trained_on, str) and isinstance(model, str) and not same_model(trained_on, model):
            raise ModelLoadError(
                f"The screening sentence classifier was trained on vectors of {trained_on!r}, not of the "
                f"encoder {model!r}; retrain it for this model with 'python -m matcher.screening.classifier'."
            )
        texts: list[str] = []
        owners: list[int] = []
        # Indicators found by the lexical rules only (and reasons to hold that are not about the advert's
        # terms, such as its language) are not read by meaning.
        self.readable_ = tuple(i for i in self.indicators.indicators if i.semantic)
        for position, indicator in enumerate(self.readable_):
            for text in (indicator.description, *indicator.examples):
                texts.append(text)
                owners.append(position)
        background = [t for i in self.readable_ for t in i.counter_examples]
        background += list(self.indicators.neutral_phrasings)
        self.reference_texts_ = tuple(texts)
        self.reference_owner_ = np.asarray(owners, dtype=np.int64)
        self.reference_vectors_ = np.asarray(self.encoder.encode(texts), dtype=np.float32)
        self.background_vectors_ = np.asarray(self.encoder.encode(background), dtype=np.float32)
        return self

    def _embed(self, segments: Sequence[Segment]) -> NDArray[np.float32]:
        if not hasattr(self, "reference_vectors_"):
            raise NotFittedError("Call SemanticMatcher.fit() before matching sentences.")
        if not segments:
            return np.zeros((0, self.reference_vectors_.shape[1]), dtype=np.float32)
        return np.asarray(self.encoder.encode([s.text for s in segments]), dtype=np.float32)

    def similarities(
        self, segments: Sequence[Segment], vectors: NDArray[np.float32] | None = None
    ) -> tuple[NDArray[np.float32], NDArray[np.int64], NDArray[np.float32]]:
        """Best similarity per (sentence, indicator), the row of that best phrasing, and the background best.

        Returns
        -------
        best : ndarray of shape (n_sentences, n_indicators)
        best_row : ndarray of shape (n_sentences, n_indicators), index into ``reference_texts_``
        background : ndarray of shape (n_sentences,)
        """
        vectors = self._embed(segments) if vectors is None else vectors
        n_ind = len(self.readable_)
        sims = vectors @ self.reference_vectors_.T
        best = np.full((len(segments), n_ind), -1.0, dtype=np.float32)
        best_row = np.zeros((len(segments), n_ind), dtype=np.int64)
        for k in range(n_ind):
            rows = np.flatnonzero(self.reference_owner_ == k)
            local = sims[:, rows]
            pick = local.argmax(axis=1) if len(segments) else np.zeros(0, dtype=np.int64)
            best[:, k] = local[np.arange(len(segments)), pick]
            best_row[:, k] = rows[pick]
        background = (vectors @ self.background_vectors_.T).max(axis=1) if len(segments) else np.zeros(0)
        return best, best_row, np.asarray(background, dtype=np.float32)

    def _out_of_context(
        self, i: int, segments: Sequence[Segment], parents: Sequence[int], probs: Any
    ) -> bool:
        """Whether segment ``i`` is a short clause whose whole sentence does not read as a red flag."""
        parent = parents[i]
        return (
            parent != i
            and len(segments[i].text.split()) < self.short_clause_words
            and probs[parent] < self.probability
        )

    def _explained(
        self, i: int, segments: Sequence[Segment], best: NDArray[np.float32], language: str
    ) -> bool:
        """Whether sentence ``i``'s nearest warning names an ordinary thing in it (a homonym)."""
        nearest = self.readable_[int(np.argmax(best[i]))].id
        return homonym_reason(nearest, segments[i].text, language) is not None

    def hits(
        self,
        segments: Sequence[Segment],
        parents: Sequence[int] | None = None,
        languages: Sequence[str] | None = None,
    ) -> list[SemanticHit]:
        """The nearest passing indicator of each sentence that reads as a red flag.

        An indicator passes when its nearest phrasing reaches ``threshold`` and beats the background by
        ``margin``, the sentence and that phrasing agree in polarity (both negated or neither: "we never
        hold passports" does not match "we keep your passport safe"), and the sentence does not match the
        indicator's legitimate-context guard (see :mod:`matcher.screening.patterns`). ``parents[i]`` is the
        index in ``segments`` of the sentence that segment ``i`` was cut from (``i`` itself for a whole
        sentence); with it, short clauses are read in the context of their sentence (see the class).
        ``languages[i]`` is the language whose negators, guards and homonyms read segment ``i`` (English
        for all when not given).
        """
        if parents is not None and len(parents) != len(segments):
            raise InputError("SemanticMatcher.hits needs one parent index per segment.")
        if languages is not None and len(languages) != len(segments):
            raise InputError("SemanticMatcher.hits needs one language per segment.")
        vectors = self._embed(segments)
        best, best_row, background = self.similarities(segments, vectors)
        probs = self.classifier.predict_proba(vectors) if self.classifier is not None else None
        found: list[SemanticHit] = []
        for i, segment in enumerate(segments):
            language = "en" if languages is None else languages[i]
            if probs is not None and probs[i] < self.probability:
                continue
            if (
                probs is not None
                and parents is not None
                and self._out_of_context(i, segments, parents, probs)
            ):
                continue
            parent = i if parents is None else parents[i]
            if parent != i and self._explained(parent, segments, best, language):
                continue  # a clause of a sentence whose nearest warning is a homonym there is ordinary too
            for k in np.argsort(-best[i], kind="stable"):
                if best[i, k] < self.threshold or best[i, k] - background[i] < self.margin:
                    break
                indicator = self.readable_[int(k)].id
                reference = self.reference_texts_[int(best_row[i, k])]
                if not self.readable_[int(k)].cued(segment.text):
                    break  # drawn near the indicator by topic words, with none of its own words
                if homonym_reason(indicator, segment.text, language) is not None:
                    # The word that drew the sentence to its nearest warning names an ordinary thing here
                    # ("support tickets"); the sentence is explained, not passed on to the next warning.
                    break
                negated = has_negator(segment.text, language)
                if negated != _negated_reference(reference) or guarded(indicator, segment.text, language):
                    continue
                found.append(
                    SemanticHit(
                        indicator=indicator,
                        segment=segment,
                        similarity=float(best[i, k]),
                        background=float(background[i]),
                        reference=reference,
                        probability=None if probs is None else float(probs[i]),
                    )
                )
                break
        return found
