"""ESCO grounding for matching: name matched skills, compare occupations of jobs.

Used only when the :class:`~matcher.matching.Matcher` is given a taxonomy; results are
cached per text, so each title or need is linked once per matcher.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
from numpy.typing import NDArray

from matcher.reasons import Translate, english
from matcher.records import Vacancy
from matcher.text_language import TextLanguage

SAME_OCCUPATION = 1.0
SAME_ISCO_GROUP = 0.75
NEAR_OCCUPATION = 0.5
#: a phrase in another language stands for every occupation scoring within this of its best one
BRIDGE_MARGIN = 0.1
#: changes when the way :class:`PersonBridge` makes a vector changes (part of its ``identity``)
BRIDGE_VERSION = "person-bridge/1"


class EscoGrounding:
    """Title normaliser and skill linker over one taxonomy, with per-text caches.

    Parameters
    ----------
    encoder:
        The matcher's fitted encoder (shared, so nothing is encoded twice).
    taxonomy:
        An :class:`~matcher.esco.EscoTaxonomy`.
    top_k:
        Occupations compared per title.
    min_skill_score:
        A matched need is named with its best ESCO skill only from this score up.
    """

    def __init__(self, encoder: Any, taxonomy: Any, top_k: int = 3, min_skill_score: float = 0.6) -> None:
        from matcher.normalize import TitleNormalizer
        from matcher.skills import SkillLinker

        self.top_k = top_k
        self.min_skill_score = min_skill_score
        self.normalizer = TitleNormalizer(encoder=encoder).fit(taxonomy)
        self.linker = SkillLinker(encoder=encoder).fit(taxonomy)
        self._occupations: dict[str, tuple[Any, ...]] = {}
        self._skills: dict[str, str | None] = {}

    def occupations(self, titles: Sequence[str], private: bool = True) -> list[tuple[Any, ...]]:
        """Best ESCO occupations (``OccupationMatch``) for each title, remembered by this object.

        ``private=False`` for a vacancy's titles lets the encoder cache them on disk.
        """
        todo = [t for t in dict.fromkeys(titles) if t not in self._occupations]
        if todo:
            found_all = self.normalizer.normalize(todo, self.top_k, private=private)
            for title, found in zip(todo, found_all, strict=True):
                self._occupations[title] = tuple(found)
        return [self._occupations[t] for t in titles]

    def person_encode(
        self, encode: Callable[[Sequence[str]], Any]
    ) -> Callable[[Sequence[str]], NDArray[np.float32]]:
        """``encode`` for a person's phrases that reads any language through ESCO occupations.

        English phrases are encoded as they are; a phrase in another language is placed where
        its best ESCO occupations are (:meth:`PersonBridge.encode`, with this object's cache of
        occupations). Vacancies in English can then be compared with it; the reasons still quote
        the person's own words, since they quote phrases, not vectors.
        """
        bridge = PersonBridge(self.normalizer, self.top_k)

        def bridged(texts: Sequence[str]) -> NDArray[np.float32]:
            return bridge.encode(texts, encode, occupations=self.occupations)

        return bridged

    def skill_labels(self, texts: Sequence[str]) -> dict[str, str | None]:
        """The best ESCO skill label for each text, or ``None`` when no skill is close enough."""
        todo = [t for t in dict.fromkeys(texts) if t not in self._skills]
        if todo:
            for text, found in zip(todo, self.linker.link(todo, 1, private=False), strict=True):
                best = found[0] if found else None
                self._skills[text] = best.label if best and best.score >= self.min_skill_score else None
        return {t: self._skills[t] for t in texts}

    def occupation_overlap(
        self, past_titles: Sequence[str], vacancies: Sequence[Vacancy]
    ) -> NDArray[np.float64]:
        """Experience credit per vacancy from ESCO occupations of past jobs and the vacancy title.

        1 for the same best occupation, 0.75 for the same ISCO-08 unit group, 0.5 when
        the occupations overlap in the top ``top_k``, else 0.
        """
        out = np.zeros(len(vacancies))
        if not past_titles or not vacancies:
            return out
        past = [found for found in self.occupations(past_titles) if found]
        titles = self.occupations([v.title for v in vacancies], private=False)
        for i, mine in enumerate(titles):
            if mine:
                out[i] = max((_overlap(p, mine) for p in past), default=0.0)
        return out

    def occupation_note(
        self, past_titles: Sequence[str], vacancy: Vacancy, translate: Translate | None = None
    ) -> str | None:
        """A sentence naming the shared ESCO occupation, when a past job has the vacancy's one.

        The sentence goes through ``translate`` (default: English).
        """
        _ = translate or english
        mine = self.occupations([vacancy.title], private=False)[0]
        if not mine:
            return None
        for title, found in zip(past_titles, self.occupations(past_titles), strict=True):
            if found and _overlap(found, mine) >= SAME_ISCO_GROUP:
                text = _(
                    "Your past job '%(title)s' and this job are both '%(occupation)s' "
                    "or close to it in ESCO (ISCO group %(isco)s)."
                )
                return text % {"title": title, "occupation": mine[0].label, "isco": mine[0].isco}
        return None


def _overlap(past: tuple[Any, ...], vacancy: tuple[Any, ...]) -> float:
    if past[0].uri == vacancy[0].uri:
        return SAME_OCCUPATION
    if past[0].isco and past[0].isco == vacancy[0].isco:
        return SAME_ISCO_GROUP
    if {o.uri for o in past} & {o.uri for o in vacancy}:
        return NEAR_OCCUPATION
    return 0.0


Encode = Callable[[Sequence[str]], Any]
Occupations = Callable[[Sequence[str]], Sequence[Sequence[Any]]]


@dataclass(frozen=True)
class PersonBridge:
    """How a person's phrases in other languages reach English vacancies: through ESCO occupations.

    The English encoder (all-MiniLM-L6-v2) reads English only. A phrase the title normaliser's
    language router sends the multilingual way (:mod:`matcher.text_language`) is placed where
    its best ESCO occupations are: the mean of the English vectors of the preferred labels of
    the occupations scoring within ``margin`` of the best one (of the ``top_k`` best). English
    phrases are encoded as they are, so an English speaker's vectors do not change.

    Parameters
    ----------
    normalizer:
        A fitted :class:`~matcher.normalize.TitleNormalizer` (with its ``router_``; without
        one, every phrase is encoded as it is).
    top_k, margin:
        Occupations considered per phrase, and how far below the best one still counts.
    """

    normalizer: Any
    top_k: int = 3
    margin: float = BRIDGE_MARGIN

    def languages(self, texts: Sequence[str]) -> list[TextLanguage]:
        """The router's language guess for each text (every text English without a router)."""
        router = getattr(self.normalizer, "router_", None)
        if router is None:
            return [TextLanguage("en", True, True, True, "no language router") for _ in texts]
        guesses: list[TextLanguage] = router.languages(list(texts))
        return guesses

    def crosses(self, texts: Sequence[str]) -> list[bool]:
        """Whether each text is placed through ESCO occupations (not English) or encoded as it is."""
        return [not g.english_path for g in self.languages(texts)]

    def encode(
        self,
        texts: Sequence[str],
        encode: Encode,
        labels: Encode | None = None,
        occupations: Occupations | None = None,
    ) -> NDArray[np.float32]:
        """Vectors of ``texts``: English ones by ``encode``, the others through their ESCO occupations.

        ``encode`` embeds the person's English phrases (pass a private one: they are a
        person's words); ``labels`` embeds ESCO's public labels (default ``encode``);
        ``occupations`` gives the best occupations of the other phrases (default: the
        normaliser's, privately). A phrase with no occupation at all gets a zero vector.
        """
        texts = list(texts)
        other = [i for i, crossing in enumerate(self.crosses(texts)) if crossing]
        if not other:
            return np.asarray(encode(texts), dtype=np.float32)
        english = [i for i in range(len(texts)) if i not in set(other)]
        find = occupations or (lambda t: self.normalizer.normalize(list(t), self.top_k, private=True))
        found = find([texts[i] for i in other])
        names = list(dict.fromkeys(m.label for row in found for m in row))
        embed = labels or encode
        label_vectors = dict(zip(names, np.asarray(embed(names), dtype=np.float32), strict=True))
        dim = next(iter(label_vectors.values())).shape[0] if label_vectors else 0
        out = np.zeros((len(texts), dim or np.asarray(embed(["x"])).shape[1]), dtype=np.float32)
        if english:
            out[english] = np.asarray(encode([texts[i] for i in english]), dtype=np.float32)
        for i, row in zip(other, found, strict=True):
            near = [m for m in row if m.score >= row[0].score - self.margin] if row else []
            if near:
                mix = np.sum([label_vectors[m.label] for m in near], axis=0)
                out[i] = mix / max(float(np.linalg.norm(mix)), 1e-12)
        return out

    @cached_property
    def identity(self) -> str:
        """Names how this bridge makes vectors: its settings, the occupations' labels and the alignment.

        Stored with a vector made through it, so that vectors made another way (before ESCO
        was read, or with other ESCO files) are known to be stale.
        """
        h = hashlib.sha256(f"{BRIDGE_VERSION}|{self.top_k}|{self.margin}".encode())
        for occupation in getattr(self.normalizer, "occupations_", ()):
            h.update(occupation.uri.encode())
            for local in occupation.labels_by_language():
                h.update("\x1f".join((local.language, local.label, *local.alt_labels)).encode())
        from matcher.heads import MODELS_DIR
        from matcher.multilingual import MULTILINGUAL_HEAD

        alignment = MODELS_DIR / MULTILINGUAL_HEAD / "head.npz"
        if alignment.is_file():
            h.update(hashlib.sha256(alignment.read_bytes()).digest())
        return f"{BRIDGE_VERSION}:{h.hexdigest()[:16]}"
