"""Skill linking: free text (a vacancy sentence, a person's own words) -> ranked ESCO skills.

A sentence usually names several skills in a few words each ("javascript reactjs java",
"good spoken English and teamwork"), so a whole-sentence embedding blurs them. A skill's
score mixes three cosine similarities of all-MiniLM-L6-v2 embeddings:

* ``sentence``: the whole text against the skill's labels (best of preferred and
  alternative labels);
* ``window``: the best short span of the text against the skill's labels. The spans
  are the candidate phrases of :func:`candidate_spans`: runs of 1 to ``window_words``
  words that cross no punctuation and neither start nor end with a stop word (about a
  third of all 1-4-word windows, at the same quality: ``docs/benchmarks.md``). A span
  that is a skill label itself is not encoded again: the label's own vector is used, and a
  single word that the skill labels or descriptions use comes from a table of word vectors
  made at ``fit`` (``word_table``), the same vector encoding it would give.
  Optionally (``phrase_shortlist``) only each text's most promising longer phrases are
  encoded, judged by a coarse vector, the mean of their words' vectors (:func:`best_phrases`);
* ``description``: the whole text against the skill's description (with its
  alternative labels).

``score = sentence_weight * sentence + (1 - sentence_weight) * window +
description_weight * description``. An optional projection head (``models/skill-head``)
maps embeddings first; without one this is zero-shot.

The labels and descriptions are encoded once by the full model; the texts to link and their
spans by a faster copy of it (``query_precision="fast"``, :mod:`matcher.precision`), whose
vector for a text does not depend on the other texts encoded with it (beyond bfloat16 rounding, about
1e-5 on a score: :mod:`matcher.precision`).

Text in another language than English goes the multilingual way (:mod:`matcher.multilingual`):
the same sentence and span mix over every loaded language's labels, without the description term.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from matcher.encoder import Encoder
from matcher.esco import EscoTaxonomy
from matcher.exceptions import ModelLoadError, NotFittedError
from matcher.heads import ProjectionHead, head_for_encoder, resolve_head
from matcher.label_index import ConceptRanker, concept_texts, top_k
from matcher.multilingual import LanguageRouter, MultilingualRanker

SKILL_HEAD = "skill-head"
# Function words a skill phrase neither starts nor ends with ("work in teams" keeps its "in").
STOP_WORDS = frozenset(
    """a an the and or of to in on at for with by from as is are be been being was were will would can
    could should must may might shall do does did have has had having this that these those it its we you
    our your they their he she his her i me my us who whom which what where when how why than then there
    here also such other into over under about not no nor so if but all any each both few more most some
    very own same able etc e.g. i.e. per via within across up out""".split()
)
# Where a phrase ends: punctuation (a full stop only before a space, so "Node.js" stays whole), a
# spaced dash or slash, any slash, and placeholders such as "<ORGANIZATION>".
# Trimmed from both ends of a word before comparing it with label words ("(computer" -> "computer").
WORD_EDGES = "\"'.,;:!?()[]{}<>*•"
PHRASE_BREAK = re.compile(r"[,;:!?()\[\]{}|•\"]+|\.(?=\s|$)|\s[-–—]\s|/|<[^>]*>")


@dataclass(frozen=True)
class SkillMatch:
    """One ranked ESCO skill for a text: URI, preferred label, score."""

    uri: str
    label: str
    score: float


@dataclass(eq=False, repr=False)
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
    all_windows:
        Score every run of 1 to ``window_words`` words instead of the candidate phrases
        (the linker as it was before issue 22, about three times as many spans to
        encode; kept for comparison in ``bench/matcher_quality.py``).
    multilingual:
        Route text that is not English to the multilingual ranker (``False``: all English).
    label_spans_only:
        A fast mode for bulk imports: keep only the candidate phrases whose words run, in
        order, inside some skill label (:func:`known_spans`). About a third of the spans
        to encode, two to four times faster on new text, but it loses 6 to 12 points of
        RP@5 on the dev sets (``docs/benchmarks.md``), so it is off by default.
    query_encoder:
        A fitted encoder for the texts to link and their spans; ``None``: the labels'
        encoder in ``query_precision``. It must give vectors of the same size.
    query_precision:
        With ``query_encoder=None``, the precision the texts to link are encoded in
        (:meth:`Encoder.with_precision`, a copy of the labels' model): ``"fast"`` (the
        default: bfloat16 with Intel AMX or on AMD with AVX-512 BF16, else float32),
        ``"bfloat16"``, ``"int8"``, or ``"float32"`` (the labels' encoder itself). The labels
        and descriptions always keep the labels' encoder's full-precision vectors. Each text's
        vector depends on that text alone, whatever else is encoded with it (in bfloat16 with
        AMX, to within bfloat16 rounding: :mod:`matcher.precision`). With AMX the bfloat16 copy
        links new text about twice as fast as float32 at the same RP@5 (``docs/benchmarks.md``,
        issue 22).
    label_shortlist:
        When the texts are encoded in bfloat16 on a processor where that pays (AMD with AVX-512
        BF16; :func:`matcher.precision.bfloat16_products_pay`), the spans-by-labels product is
        too, coarse to fine: each text's ``label_shortlist`` best labels by the bfloat16 product
        are scored again exactly, the others keep their bfloat16 score (within about 0.005;
        :meth:`ConceptRanker.best_of_groups`). ``0``, or any other processor: every score exact.
    word_table:
        At ``fit``, encode every single word of the skills' labels and descriptions (about
        20,000 for ESCO, once: the vectors are public and cached on disk) with the texts'
        encoder, so a text or span that is one of these words is looked up, not encoded
        (for a model that reads letter case the same either way, as all-MiniLM-L6-v2 does,
        "Java" finds "java"). Exact: the table holds the vector encoding the word would give.
        Most single-word phrases of new text are such words (83% on TECH, 91% on HOUSE).
    phrase_shortlist:
        Coarse to fine over the candidate phrases: the texts and their single-word phrases
        are encoded first; a phrase of several words gets a coarse vector, the mean of its
        words' vectors (stop words left out), and only each text's ``phrase_shortlist``
        phrases whose coarse vector is closest to some skill label are encoded and scored
        (:func:`best_phrases`; phrases that are skill labels, or a whole text, always are).
        ``0`` (the default): every candidate phrase is encoded. With ``4``, 27% (TECH) and
        36% (HOUSE) fewer tokens go through the model and new text is linked 1.1-1.2 and
        1.45-1.5 times as fast, at RP@5 74.8 / 65.9 against 74.0 / 65.4, but RP@10 1.3 / 1.9
        points lower; off by default since it does not bring TECH to issue 22's 10x
        (``docs/benchmarks.md``, sixth round).

    """

    encoder: Encoder | None = None
    head: str | Path | ProjectionHead | None = "default"
    cache_dir: str | Path | None = None
    sentence_weight: float = 0.3
    description_weight: float = 0.3
    window_words: int = 3
    all_windows: bool = False
    multilingual: bool = True
    label_spans_only: bool = False
    query_encoder: Encoder | None = None
    query_precision: str = "fast"
    label_shortlist: int = 256
    word_table: bool = True
    phrase_shortlist: int = 0

    def fit(self, taxonomy: EscoTaxonomy) -> SkillLinker:
        """Encode the labels of every skill in ``taxonomy``."""
        encoder = self.encoder if self.encoder is not None else Encoder(cache_dir=self.cache_dir).fit()
        self.encoder_ = encoder
        with_precision = getattr(encoder, "with_precision", None)
        if self.query_encoder is not None:
            self.query_encoder_: Encoder = self.query_encoder
        else:
            self.query_encoder_ = with_precision(self.query_precision) if with_precision else encoder
        if self.query_encoder_.dim_ != encoder.dim_:
            raise ModelLoadError(
                f"The query encoder gives {self.query_encoder_.dim_}-dimensional vectors and the "
                f"label encoder {encoder.dim_}: give both the same model (query_encoder=None uses one)."
            )
        self.head_ = head_for_encoder(
            resolve_head(self.head, SKILL_HEAD),
            encoder.model_id_,
            encoder.dim_,
            explicit=not (isinstance(self.head, str) and self.head == "default"),
        )
        self.skills_ = taxonomy.skills
        groups = [[s.label, *s.alt_labels] for s in taxonomy.skills]
        self.ranker_ = ConceptRanker(encoder, self.head_).fit(groups, [s.uri for s in self.skills_])
        labels, _owners = concept_texts(groups)
        self.label_phrases_ = label_phrases(labels, self.window_words)
        # the labels' encoder vectors (before any head), by text: a span equal to a label is not encoded
        self.label_rows_ = {text: i for i, text in enumerate(labels)}
        self.label_raw_ = self.ranker_.label_vectors_ if self.head_ is None else encoder.encode(labels)
        self.descriptions_ = self._description_vectors(taxonomy)
        self._fit_word_table(taxonomy)
        self.router_ = LanguageRouter(self.skills_, encoder) if self.multilingual else None
        return self

    def _description_vectors(self, taxonomy: EscoTaxonomy) -> np.ndarray:
        texts = [" ".join([*s.alt_labels, s.description]).strip() for s in taxonomy.skills]
        vectors = np.zeros((len(texts), self.encoder_.dim_), dtype=np.float32)
        present = [i for i, t in enumerate(texts) if t]
        if present and self.description_weight:
            vectors[present] = self.encoder_.encode([texts[i] for i in present])
        return vectors

    def _fit_word_table(self, taxonomy: EscoTaxonomy) -> None:
        """The texts' encoder's vectors of every single word of the skills' labels and descriptions."""
        case_blind = getattr(self.query_encoder_, "case_blind", None)
        self.case_blind_ = bool(case_blind()) if case_blind is not None else False
        words: list[str] = []
        if self.word_table:
            texts = (t for s in taxonomy.skills for t in (s.label, *s.alt_labels, s.description))
            found = {self._word_key(w) for text in texts for w in candidate_spans(text, 1)}
            words = sorted(found - self.label_rows_.keys())
        self.word_rows_ = {word: i for i, word in enumerate(words)}
        self.word_vectors_ = self.query_encoder_.encode(words)

    def _word_key(self, text: str) -> str:
        """How ``text`` is looked up in the word table (lower case when the model ignores case)."""
        return text.lower() if self.case_blind_ and text.isascii() else text

    def scores(self, texts: Sequence[str], private: bool = True) -> np.ndarray:
        """``(n_texts, n_skills)`` scores, columns in ``skills_`` order.

        Texts are a person's words unless ``private=False`` (a vacancy's): private ones
        are never written to the encoder's cache. Each distinct text or span is encoded once.
        """
        if not hasattr(self, "ranker_"):
            raise NotFittedError("Call SkillLinker.fit(taxonomy) before linking texts.")
        clean = [" ".join(t.split()) for t in texts]
        if self.router_ is not None:
            return self.router_.scores(
                clean, lambda english: self._english_scores(english, private), self._other_scores
            )
        return self._english_scores(clean, private)

    def _other_scores(
        self, ranker: MultilingualRanker, texts: list[str], languages: list[str | None]
    ) -> np.ndarray:
        """Sentence and best-span mix over every language's labels (no description term; always private).

        Spans are every run of up to ``window_words`` words (the candidate phrases' stop words
        are English ones).
        """
        out = self.sentence_weight * ranker.scores(texts, languages)
        if self.sentence_weight < 1.0:
            for i, (text, language) in enumerate(zip(texts, languages, strict=True)):
                spans = sentence_windows(text, self.window_words) or [text]
                best = ranker.scores(spans, [language] * len(spans)).max(axis=0)
                out[i] += (1.0 - self.sentence_weight) * best
        return out

    def _spans(self, text: str) -> list[str]:
        """The spans of ``text`` whose best label match gives the window term (``[text]`` if none)."""
        if self.all_windows:
            return sentence_windows(text, self.window_words) or [text]
        spans = candidate_spans(text, self.window_words)
        if self.label_spans_only:
            spans = known_spans(spans, self.label_phrases_)
        return spans or [text]

    def _encode(self, texts: list[str], private: bool) -> np.ndarray:
        """Embeddings of ``texts``: skill labels and words of the word table are looked up, not encoded."""
        out = np.zeros((len(texts), self.encoder_.dim_), dtype=np.float32)
        others = []
        for i, text in enumerate(texts):
            if (label := self.label_rows_.get(text)) is not None:
                out[i] = self.label_raw_[label]
            elif (word := self.word_rows_.get(self._word_key(text))) is not None:
                out[i] = self.word_vectors_[word]
            else:
                others.append(i)
        if others:
            out[others] = self.query_encoder_.encode([texts[i] for i in others], private=private)
        return out

    def _vectors(
        self, clean: list[str], spans: list[list[str]], private: bool
    ) -> tuple[list[str], np.ndarray, list[list[str]]]:
        """The distinct texts and spans to score, their vectors, and each text's spans to score.

        With ``phrase_shortlist``, the texts, single words and skill labels among the spans
        are encoded first, then only each text's shortlisted longer phrases (:func:`best_phrases`).
        """
        every = list(dict.fromkeys([*clean, *(w for group in spans for w in group)]))
        if not self.phrase_shortlist or self.all_windows or not spans:
            return every, self._encode(every, private), spans
        texts = set(clean)
        first = [w for w in every if w in texts or w in self.label_rows_ or len(w.split()) == 1]
        row = {w: i for i, w in enumerate(first)}
        raw = self._encode(first, private)
        crowded = (g for g in spans if sum(w not in row for w in g) > self.phrase_shortlist)
        longer = list(dict.fromkeys(w for g in crowded for w in g if w not in row))  # only these compete
        coarse = np.zeros((len(longer), raw.shape[1]), dtype=np.float32)
        for i, phrase in enumerate(longer):
            words = [row[w] for w in phrase.split() if w.lower() not in STOP_WORDS and w in row]
            if words:
                coarse[i] = raw[words].mean(axis=0)
        coarse /= np.maximum(np.linalg.norm(coarse, axis=1, keepdims=True), 1e-12)
        projected = self.ranker_.project_queries(coarse)
        nearest = self.ranker_.nearest_text_scores(projected, self._bfloat16_products())
        scored = dict(zip(longer, nearest.tolist(), strict=True))
        spans = [best_phrases(group, scored, self.phrase_shortlist) for group in spans]
        kept = list(dict.fromkeys(w for group in spans for w in group if w not in row))
        return [*first, *kept], np.vstack([raw, self._encode(kept, private)]), spans

    def _bfloat16_products(self) -> bool:
        """Whether coarse products with the label texts are bfloat16 (``bfloat16_products_pay``).

        Only when the texts are encoded in bfloat16 and that pays on this processor.
        """
        if getattr(self.query_encoder_, "precision_", "float32") != "bfloat16":
            return False
        from matcher.precision import bfloat16_products_pay

        return bfloat16_products_pay()

    def _english_scores(self, clean: list[str], private: bool = True) -> np.ndarray:
        windows = self.sentence_weight < 1.0
        spans = [self._spans(t) for t in clean] if windows else []
        every, raw, spans = self._vectors(clean, spans, private)
        row = {w: i for i, w in enumerate(every)}
        projected = self.ranker_.project_queries(raw)
        whole = [row[t] for t in clean]
        out = self.sentence_weight * self.ranker_.scores(projected[whole])
        if self.description_weight:
            out += self.description_weight * (raw[whole] @ self.descriptions_.T)
        if spans:
            groups = [[row[w] for w in group] for group in spans]
            shortlist = self.label_shortlist if self._bfloat16_products() else 0
            best = self.ranker_.best_of_groups(projected, groups, shortlist=shortlist)
            out += (1.0 - self.sentence_weight) * best
        return out

    def link(self, texts: Sequence[str], top_k: int = 10, private: bool = True) -> list[list[SkillMatch]]:
        """Return the ``top_k`` best skills for each text, best first (``private``: see :meth:`scores`)."""
        idx, vals = top_k_of(self.scores(texts, private), top_k)
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


def candidate_spans(text: str, max_words: int = 3) -> list[str]:
    """Candidate skill phrases of ``text``: short runs of words inside punctuation-free chunks.

    A run has 1 to ``max_words`` words, crosses no punctuation (see ``PHRASE_BREAK``)
    and neither starts nor ends with a stop word (``STOP_WORDS``), so "work in teams"
    is a candidate and "in teams and" is not. Repeats are dropped; the order is by
    length, then position.

    Examples
    --------
    >>> candidate_spans("Good knowledge of HTML, CSS and Node.js", max_words=2)
    ['Good', 'knowledge', 'HTML', 'CSS', 'Node.js', 'Good knowledge']
    >>> candidate_spans("able to work in teams", max_words=3)
    ['work', 'teams', 'work in teams']
    >>> candidate_spans("and the", max_words=3)
    []

    """
    chunks = [chunk.split() for chunk in PHRASE_BREAK.split(text)]
    runs = (
        " ".join(words[i : i + size])
        for size in range(1, max_words + 1)
        for words in chunks
        for i in range(len(words) - size + 1)
        if words[i].lower() not in STOP_WORDS and words[i + size - 1].lower() not in STOP_WORDS
    )
    return list(dict.fromkeys(runs))


def phrase_words(text: str) -> tuple[str, ...]:
    """Lower-case words of ``text`` with punctuation trimmed from their ends (empty ones dropped).

    Examples
    --------
    >>> phrase_words("Python (computer programming)")
    ('python', 'computer', 'programming')
    >>> phrase_words("C++ and Node.js.")
    ('c++', 'and', 'node.js')

    """
    words = (word.strip(WORD_EDGES).lower() for word in text.split())
    return tuple(word for word in words if word)


def label_phrases(labels: Iterable[str], max_words: int = 3) -> frozenset[tuple[str, ...]]:
    """Every run of 1 to ``max_words`` words of every label, as :func:`phrase_words` tuples.

    Examples
    --------
    >>> sorted(label_phrases(["use Java"], max_words=2))
    [('java',), ('use',), ('use', 'java')]

    """
    found: set[tuple[str, ...]] = set()
    for label in labels:
        words = phrase_words(label)
        for size in range(1, max_words + 1):
            found.update(words[i : i + size] for i in range(len(words) - size + 1))
    return frozenset(found)


def known_spans(spans: Sequence[str], phrases: frozenset[tuple[str, ...]]) -> list[str]:
    """The spans whose words run, in order, inside some label (``phrases`` from :func:`label_phrases`).

    A cheap lexical pass before encoding: "javascript" and "web applications" are kept
    when some label has them, "strong javascript" is not (no label says "strong
    javascript"; its "javascript" is a span of its own). A span equal to a label of at
    most ``max_words`` words is always kept.

    Examples
    --------
    >>> phrases = label_phrases(["JavaScript", "develop web applications"])
    >>> known_spans(["strong JavaScript", "JavaScript", "web applications", "team"], phrases)
    ['JavaScript', 'web applications']

    """
    return [span for span in spans if phrase_words(span) in phrases]


def best_phrases(spans: Sequence[str], coarse: Mapping[str, float], k: int) -> list[str]:
    """``spans`` keeping only the ``k`` best by ``coarse`` of those it scores (the others all stay), in order.

    Ties keep the earlier span. Used by :class:`SkillLinker` (``phrase_shortlist``): ``coarse``
    holds each longer phrase's coarse similarity to its nearest skill label.

    Examples
    --------
    >>> coarse = {"web apps": 0.8, "strong java": 0.5, "work in teams": 0.7}
    >>> best_phrases(["java", "web apps", "strong java", "work in teams"], coarse, 2)
    ['java', 'web apps', 'work in teams']
    >>> best_phrases(["java", "strong java"], coarse, 2)
    ['java', 'strong java']

    """
    scored = [span for span in spans if span in coarse]
    if len(scored) <= k:
        return list(spans)
    best = set(sorted(scored, key=lambda span: -coarse[span])[:k])
    return [span for span in spans if span not in coarse or span in best]


def top_k_of(scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Best ``k`` columns per row (see :func:`matcher.label_index.top_k`)."""
    return top_k(scores.astype(np.float32, copy=False), k)
