"""Skill-level alignment of one person with a set of candidate vacancies.

For each vacancy need, the best-matching phrase of the person (cosine) decides whether
and how well it is covered; the person's interests are compared with what the job is
(title, sector, first sentences); past job titles with the job's title; and the things
the person does not want with every sentence of the vacancy (words and meaning).
Everything is vectorised over the candidates with numpy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from matcher.constraints import structured_exclusions
from matcher.credentials import Held, check_needs, jurisdiction, read_held
from matcher.phrases import PersonPhrases, person_phrases, readable_sector, sentences, strip_negation
from matcher.records import PersonProfile, Vacancy
from matcher.scoring import ScoreWeights, credit
from matcher.vacancy_index import Encode, IntArray, VacancyIndex, gather, normalise_rows

Float = NDArray[np.float64]
_NEGATION = re.compile(r"\b(?:no|not|never|without|non|nor)\b|n't\b", re.IGNORECASE)
_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_GENERIC = {
    "a", "an", "the", "any", "in", "at", "on", "of", "for", "with", "to", "and", "or", "my", "me", "i",
    "work", "works", "working", "job", "jobs", "shift", "shifts", "place", "places", "position",
    "contract", "contracts", "role", "roles", "want", "do", "be", "is", "are", "again", "anymore",
    "more", "please", "going", "go", "no", "not", "never", "from", "by", "as",
}  # fmt: skip
#: words of an exclusion about where the job is ("going abroad"); a vacancy sentence about the worker's past
#: or background ("Experience in a canteen, restaurant or abroad is welcome") does not place the job there
_ABROAD = frozenset({"abroad", "overseas", "foreign"})
_BACKGROUND = re.compile(
    r"\b(?:experience[ds]?|returnees?|returned|worked|previous(?:ly)?|former(?:ly)?|welcomed?|background)\b",
    re.IGNORECASE,
)


def _stem(token: str) -> str:
    """Strip an English plural ending.

    Examples
    --------
    >>> [_stem(t) for t in ("countries", "hotels", "boxes", "glass", "bus")]
    ['country', 'hotel', 'box', 'glass', 'bus']

    """
    if len(token) <= 3 or not token.endswith("s") or token.endswith(("ss", "us")):
        return token
    if token.endswith("ies"):
        return token[:-3] + "y"
    if token.endswith(("xes", "ches", "shes", "sses")):
        return token[:-2]
    return token[:-1]


def keywords(text: str) -> frozenset[str]:
    """Distinctive words of an exclusion (stemmed, generic words such as "work" dropped).

    Examples
    --------
    >>> sorted(keywords("agency work"))
    ['agency']
    >>> sorted(keywords("night shifts"))
    ['night']
    """
    return frozenset(_stem(t) for t in _TOKEN.findall(text.lower()) if t not in _GENERIC)


WordSets = tuple[tuple[str, frozenset[str]], ...]


def word_sets(vacancy: Vacancy) -> WordSets:
    """Each text of a vacancy with its stemmed words; negated texts ("no agency fees") are left out."""
    texts = [vacancy.title, readable_sector(vacancy.sector), *vacancy.skills_required]
    texts += sentences(vacancy.description)
    return tuple(
        (text, frozenset(_stem(t) for t in _TOKEN.findall(text.lower())))
        for text in texts
        if not _NEGATION.search(text)
    )


def keyword_evidence(words: frozenset[str], texts: WordSets) -> str | None:
    """Return the first vacancy text holding every word of ``words``, if any.

    Examples
    --------
    >>> v = Vacancy("v", "Room attendant", "hospitality", "Clean rooms in our hotels. No agency fees.")
    >>> keyword_evidence(keywords("hotels"), word_sets(v))
    'Clean rooms in our hotels'
    >>> keyword_evidence(keywords("agency work"), word_sets(v)) is None
    True
    >>> cook = Vacancy("c", "Commis Cook", "hospitality", "Experience in a canteen or abroad is welcome.")
    >>> keyword_evidence(keywords("going abroad"), word_sets(cook)) is None
    True
    >>> agency = Vacancy("a", "Cook", "hospitality", "Work abroad: hotel kitchens in Doha.")
    >>> keyword_evidence(keywords("going abroad"), word_sets(agency))
    'Work abroad: hotel kitchens in Doha'

    """
    if not words:
        return None
    about_where = bool(words & _ABROAD)
    for text, tokens in texts:
        if words <= tokens and not (about_where and _BACKGROUND.search(text)):
            return text
    return None


@dataclass(frozen=True)
class PersonVectors:
    """A person's phrases with their embeddings and the coarse retrieval query."""

    phrases: PersonPhrases
    skills: NDArray[np.float32]
    interests: NDArray[np.float32]
    titles: NDArray[np.float32]
    exclusions: NDArray[np.float32]
    exclusion_keywords: tuple[frozenset[str], ...]
    exclusion_by_meaning: NDArray[np.bool_]
    query: NDArray[np.float32]
    held: tuple[Held, ...] = ()


def _groups(split: PersonPhrases) -> list[list[str]]:
    wanted = [strip_negation(e) for e in split.exclusions]
    return [list(split.skills), list(split.interests), list(split.past_titles), wanted]


def person_texts(person: PersonProfile) -> tuple[str, ...]:
    """Every distinct text :func:`person_vectors` embeds for ``person`` (to embed them ahead of time).

    Examples
    --------
    >>> person_texts(PersonProfile("p", skills_text="I cook, I clean", exclusions=("No nights",)))
    ('I cook, I clean', 'I cook', 'I clean', 'nights')
    """
    return tuple(dict.fromkeys(t for g in _groups(person_phrases(person)) for t in g))


def person_vectors(person: PersonProfile, encode: Encode, weights: ScoreWeights) -> PersonVectors:
    """Embed a person's phrases (one encoder call) and build the coarse query vector."""
    split = person_phrases(person)
    wanted = [strip_negation(e) for e in split.exclusions]
    groups = _groups(split)
    flat = [t for g in groups for t in g]
    vecs = np.asarray(encode(flat), dtype=np.float32)
    dim = vecs.shape[1]
    parts, start = [], 0
    for g in groups:
        parts.append(vecs[start : start + len(g)].reshape(len(g), dim))
        start += len(g)
    skills, interests, titles, exclusions = parts
    query = np.zeros(dim, dtype=np.float32)
    for block, weight in (
        (skills, weights.skills),
        (interests, weights.aspiration),
        (titles, weights.experience),
    ):
        if len(block):
            query += weight * normalise_rows(block.mean(axis=0, keepdims=True))[0]
    return PersonVectors(
        phrases=split,
        skills=skills,
        interests=interests,
        titles=titles,
        exclusions=exclusions,
        exclusion_keywords=tuple(keywords(w) for w in wanted),
        exclusion_by_meaning=np.array(
            [not any(structured_exclusions([e])) for e in split.exclusions], dtype=bool
        ),
        query=normalise_rows(query[None, :])[0],
        held=read_held(
            split.skills, person.languages, person.desired_pay.currency if person.desired_pay else None
        ),
    )


@dataclass(frozen=True)
class Alignment:
    """Exact parts of the score for candidate rows ``cand`` (arrays aligned with ``cand``)."""

    cand: IntArray
    skills: Float
    aspiration: Float
    experience: Float
    need_pos: IntArray
    need_owner: IntArray
    need_sim: Float
    need_phrase: IntArray
    aspiration_text: IntArray
    exclusion_sim: Float
    exclusion_text: NDArray[np.intp]
    need_credential: NDArray[np.bool_]
    need_unmet: NDArray[np.bool_]


def _segment_max(values: Float, owner: IntArray, n: int, fill: float) -> tuple[Float, IntArray]:
    """Max of ``values`` per owner and the position where it is reached (``-1`` for none)."""
    best = np.full(n, fill)
    where = np.full(n, -1, dtype=np.intp)
    if len(values):
        order = np.lexsort((-values, owner))
        first = np.ones(len(order), dtype=bool)
        first[1:] = owner[order][1:] != owner[order][:-1]
        top = order[first]
        best[owner[top]] = values[top]
        where[owner[top]] = top
    return best, where


def align(pv: PersonVectors, index: VacancyIndex, cand: IntArray, w: ScoreWeights) -> Alignment:
    """Skill coverage, aspiration and experience for the candidate vacancies ``cand``."""
    n = len(cand)
    pos, owner = gather(index.need_ptr, cand)
    need_vecs = index.vectors[index.need_idx[pos]]
    if len(pv.skills) and len(pos):
        sims = need_vecs @ pv.skills.T
        best_phrase = sims.argmax(axis=1)
        need_sim = sims[np.arange(len(pos)), best_phrase].astype(np.float64)
    else:
        best_phrase, need_sim = np.zeros(len(pos), np.intp), np.zeros(len(pos))
    credential, met, unmet = _credentials(pv, index, cand, pos, owner)
    need_sim = np.where(credential, np.where(met, np.maximum(need_sim, w.skill_high), 0.0), need_sim)
    counted = index.need_required[pos] | (need_sim >= w.skill_covered)
    weight = index.need_weight[pos] * counted
    got = np.bincount(owner, weight * credit(need_sim, w.skill_low, w.skill_high), minlength=n)
    total = np.bincount(owner, weight, minlength=n)
    skills = np.divide(got, total, out=np.zeros(n), where=total > 0)
    apos, aowner = gather(index.about_ptr, cand)
    about_vecs = index.vectors[index.about_idx[apos]]
    if len(pv.interests):
        asims = about_vecs @ pv.interests.T
        aspiration_sim, aspiration_at = _segment_max(asims.max(axis=1).astype(np.float64), aowner, n, -1.0)
        aspiration = credit(aspiration_sim, w.aspiration_low, w.aspiration_high)
    else:
        aspiration, aspiration_at = np.full(n, w.aspiration_not_stated), np.full(n, -1, np.intp)
    title_vecs = index.vectors[index.about_idx[index.about_ptr[cand]]]
    experience = (
        credit((title_vecs @ pv.titles.T).max(axis=1), w.experience_low, w.experience_high)
        if len(pv.titles)
        else np.zeros(n)
    )
    excl_sim, excl_at = _exclusion_similarity(pv, index, cand)
    return Alignment(
        cand=cand,
        skills=skills,
        aspiration=aspiration,
        experience=experience,
        need_pos=pos,
        need_owner=owner,
        need_sim=need_sim,
        need_phrase=np.asarray(best_phrase, np.intp),
        aspiration_text=np.where(aspiration_at >= 0, index.about_idx[apos[np.maximum(aspiration_at, 0)]], -1)
        if len(apos)
        else np.full(n, -1, np.intp),
        exclusion_sim=excl_sim,
        exclusion_text=excl_at,
        need_credential=credential,
        need_unmet=unmet,
    )


def posting_jurisdiction(vacancy: Vacancy) -> str | None:
    """Where a posting's licence categories are read (by the currency it pays in)."""
    pay = vacancy.best_pay
    return jurisdiction(pay.currency if pay is not None else None)


def _credentials(
    pv: PersonVectors, index: VacancyIndex, cand: IntArray, pos: IntArray, owner: IntArray
) -> tuple[NDArray[np.bool_], NDArray[np.bool_], NDArray[np.bool_]]:
    """Needs naming a licence, certificate, language or thing of one's own: decided by kind, not meaning."""
    wheres = [posting_jurisdiction(index.vacancies[int(r)]) for r in cand]
    texts = [index.texts[int(i)] for i in index.need_idx[pos]]
    credential, met, unmet = check_needs(
        texts, index.need_required[pos].tolist(), [wheres[int(o)] for o in owner], pv.held
    )
    return np.array(credential, bool), np.array(met, bool), np.array(unmet, bool)


def _exclusion_similarity(pv: PersonVectors, index: VacancyIndex, cand: IntArray) -> tuple[Float, IntArray]:
    """Per candidate and exclusion: best cosine with any vacancy text, and that text's phrase row."""
    n, k = len(cand), len(pv.exclusions)
    best = np.full((n, k), -1.0)
    at = np.full((n, k), -1, dtype=np.intp)
    if not k or not n:
        return best, at
    texts, owners = [], []
    for ptr, idx in ((index.need_ptr, index.need_idx), (index.about_ptr, index.about_idx)):
        pos, owner = gather(ptr, cand)
        texts.append(idx[pos])
        owners.append(owner)
    rows, owner = np.concatenate(texts), np.concatenate(owners)
    sims = np.where(pv.exclusion_by_meaning, index.vectors[rows] @ pv.exclusions.T, -1.0).astype(np.float64)
    for j in range(k):
        value, where = _segment_max(sims[:, j], owner, n, -1.0)
        best[:, j] = value
        at[:, j] = np.where(where >= 0, rows[np.maximum(where, 0)], -1)
    return best, at


def keyword_hits(pv: PersonVectors, index: VacancyIndex, cand: IntArray) -> list[list[str | None]]:
    """For each candidate and each exclusion, the vacancy text that names it (or ``None``)."""
    out = []
    for row in cand.tolist():
        texts = index.word_cache.get(row)
        if texts is None:
            texts = index.word_cache[row] = word_sets(index.vacancies[row])
        out.append([keyword_evidence(words, texts) for words in pv.exclusion_keywords])  # type: ignore[arg-type]
    return out
