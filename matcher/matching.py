"""Rank vacancies and placement programmes for people, with reasons (scikit-learn style).

Usage (``enc`` a fitted :class:`~matcher.encoder.Encoder`)::

    matcher = Matcher(encoder=enc).fit(vacancies)
    for match in matcher.rank(person, top_k=10, filters=MatchFilters(sectors=("logistics",))):
        print(match.score, match.title, match.explain())

Ranking among many vacancies is two-stage: one matrix-vector product of the person's
query vector with every vacancy's coarse vector, with every structured constraint
checked in numpy over all vacancies; then the exact skill alignment, exclusions by
words and meaning, and the fixed score formula on a shortlist (``shortlist`` rows,
widened when too few survive). With at most ``shortlist`` vacancies every one is scored
exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np
from numpy.typing import NDArray

from matcher.alignment import PersonVectors, align, keyword_hits, person_vectors
from matcher.constraints import ConstraintOutcome, MatchFilters, cause_counts, check
from matcher.encoder import Encoder
from matcher.exceptions import NotFittedError
from matcher.grounding import EscoGrounding
from matcher.match_builder import Evaluated, build_exclusion, build_match
from matcher.match_result import Exclusion, Match, Ranking
from matcher.reasons import Translate
from matcher.records import PersonProfile, Vacancy
from matcher.scoring import DEFAULT_WEIGHTS, ScoreWeights, combine
from matcher.vacancy_index import Encode, IntArray, VacancyIndex, single_thread_blas

__all__ = ["Matcher", "MatchFilters", "ScoreMatrix"]


@dataclass(frozen=True)
class ScoreMatrix:
    """Scores of people x vacancies for the assignment engine (NaN where ruled out or not a fit).

    ``scores[i, j]`` is person ``person_ids[i]`` with vacancy ``vacancy_ids[j]``;
    ``capacities[j]`` is the number of places (1 for a vacancy).
    """

    person_ids: tuple[str, ...]
    vacancy_ids: tuple[str, ...]
    scores: NDArray[np.float32]
    capacities: NDArray[np.int64]

    def candidate_pairs(self) -> tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.float64]]:
        """Return ``(person_index, vacancy_index, score)`` arrays of every allowed pair.

        Ready for the assignment engine:
        ``from_arrays(t.person_ids, t.vacancy_ids, t.capacities, *t.candidate_pairs())``.
        """
        rows, cols = np.nonzero(~np.isnan(self.scores))
        return rows.astype(np.intp), cols.astype(np.intp), self.scores[rows, cols].astype(np.float64)

    def pairs(self) -> Iterator[tuple[str, str, float]]:
        """Yield ``(person_id, vacancy_id, score)`` for every allowed pair."""
        for i, j in zip(*np.nonzero(~np.isnan(self.scores)), strict=True):
            yield self.person_ids[i], self.vacancy_ids[j], float(self.scores[i, j])


@dataclass(eq=False, repr=False)
class Matcher:
    """Match people to vacancies and placement programmes.

    Parameters
    ----------
    encoder:
        A fitted :class:`~matcher.encoder.Encoder`; ``None`` loads the default model.
    taxonomy:
        An ESCO taxonomy (:func:`matcher.esco.load_esco`); when given, matched skills are
        named with ESCO labels and past jobs and vacancy titles are compared as ESCO
        occupations. Matching works without it.
    weights:
        The constants of the score formula (:class:`~matcher.scoring.ScoreWeights`).
    shortlist:
        Vacancies scored exactly per person after coarse retrieval.
    candidates:
        Best coarse vacancies whose constraints :meth:`rank` checks first (all of them
        are checked when too few of these survive).
    cache_dir:
        Embedding cache folder for the encoder built when ``encoder`` is ``None``.
    """

    encoder: Encoder | None = None
    taxonomy: Any = None
    weights: ScoreWeights = DEFAULT_WEIGHTS
    shortlist: int = 200
    candidates: int = 4000
    cache_dir: str | None = None

    def fit(self, vacancies: Sequence[Vacancy] | VacancyIndex) -> Matcher:
        """Embed and index ``vacancies`` (or adopt a prebuilt :class:`VacancyIndex`).

        With a prebuilt index, no ``encoder`` and no ``taxonomy``, no model is loaded:
        every ranking then needs the people's vectors through its ``encode`` argument.
        """
        self.encoder_: Encoder | None = None
        if isinstance(vacancies, VacancyIndex):
            if self.encoder is not None or self.taxonomy is not None:
                self.encoder_ = self._load_encoder()
            self.index_ = vacancies
        else:
            self.encoder_ = self._load_encoder()
            self.index_ = VacancyIndex.build(vacancies, self.encoder_.encode, self.weights.description_weight)
        self.grounding_ = EscoGrounding(self.encoder_, self.taxonomy) if self.taxonomy is not None else None
        return self

    def _load_encoder(self) -> Encoder:
        encoder = self.encoder if self.encoder is not None else Encoder(cache_dir=self.cache_dir)
        return encoder if hasattr(encoder, "model_") else encoder.fit()

    def _check_fitted(self) -> None:
        if not hasattr(self, "index_"):
            raise NotFittedError("Call Matcher.fit(vacancies) before ranking.")

    def _people(self, encode: Encode | None) -> Encode:
        """How people's phrases are embedded: ``encode``, else the encoder, privately (never cached).

        With ESCO (``taxonomy``), a phrase in a language other than English is placed where its
        best ESCO occupations are (:meth:`EscoGrounding.person_encode`), so English vacancies
        can be compared with it; vectors given through ``encode`` are used as they are.
        """
        if encode is not None:
            return encode
        if self.encoder_ is None:
            raise NotFittedError(
                "This matcher was fitted on a prebuilt index without an encoder: give the people's "
                "vectors with encode=..., or fit it with an encoder."
            )
        private = partial(self.encoder_.encode, private=True)
        return self.grounding_.person_encode(private) if self.grounding_ is not None else private

    def rank(
        self,
        person: PersonProfile,
        top_k: int = 10,
        filters: MatchFilters | None = None,
        translate: Translate | None = None,
        encode: Encode | None = None,
    ) -> list[Match]:
        """Return the ``top_k`` best vacancies for ``person``, best first, with reasons.

        The reasons' sentences go through ``translate`` (a gettext; default: English).
        ``encode`` embeds the person's phrases (default: the encoder, privately).
        """
        self._check_fitted()
        pv = person_vectors(person, self._people(encode), self.weights)
        coarse = self.index_.coarse_scores(pv.query[:, None])[:, 0]
        return self._rank(person, pv, coarse, top_k, filters, translate=translate)[0]

    def rank_with_exclusions(
        self,
        person: PersonProfile,
        top_k: int = 10,
        filters: MatchFilters | None = None,
        max_exclusions: int = 20,
        translate: Translate | None = None,
        encode: Encode | None = None,
    ) -> Ranking:
        """Like :meth:`rank`, plus how many vacancies were ruled out, by cause, with examples.

        Every vacancy's structured constraints are checked (slower than :meth:`rank` on
        very large sets); word-level exclusions are counted among those scored exactly.
        """
        self._check_fitted()
        pv = person_vectors(person, self._people(encode), self.weights)
        coarse = self.index_.coarse_scores(pv.query[:, None])[:, 0]
        matches, outcome, kept = self._rank(person, pv, coarse, top_k, filters, True, translate)
        return self._ranking(person, pv, tuple(matches), outcome, kept, max_exclusions, filters, translate)

    def rank_many(
        self,
        people: Iterable[PersonProfile],
        top_k: int = 10,
        batch_size: int = 256,
        filters: MatchFilters | None = None,
        encode: Encode | None = None,
    ) -> Iterator[tuple[str, list[Match]]]:
        """Yield ``(person_id, matches)`` per person; memory grows with ``batch_size``, not with people."""
        self._check_fitted()
        embed = self._people(encode)
        batch: list[PersonProfile] = []
        for person in people:
            batch.append(person)
            if len(batch) == batch_size:
                yield from self._rank_block(batch, top_k, filters, embed)
                batch = []
        if batch:
            yield from self._rank_block(batch, top_k, filters, embed)

    def _rank_block(
        self, people: list[PersonProfile], top_k: int, filters: MatchFilters | None, embed: Encode
    ) -> Iterator[tuple[str, list[Match]]]:
        vectors = [person_vectors(p, embed, self.weights) for p in people]
        coarse = self.index_.coarse_scores(np.stack([pv.query for pv in vectors], axis=1))
        for col, (person, pv) in enumerate(zip(people, vectors, strict=True)):
            yield person.id, self._rank(person, pv, coarse[:, col], top_k, filters)[0]

    def explain(
        self,
        person: PersonProfile,
        vacancy_id: str,
        filters: MatchFilters | None = None,
        translate: Translate | None = None,
        encode: Encode | None = None,
    ) -> Match | Exclusion:
        """The full reasons for one vacancy: a :class:`Match`, or an :class:`Exclusion` with every cause.

        The sentences go through ``translate`` (a gettext; default: English).
        """
        self._check_fitted()
        pv = person_vectors(person, self._people(encode), self.weights)
        ev = self._evaluate(person, pv, np.array([self.index_.row(vacancy_id)], np.intp), filters)
        if ev.excluded[0]:
            return build_exclusion(ev, 0, translate)
        return build_match(ev, 0, self.grounding_, translate)

    def constraints(self, person: PersonProfile, filters: MatchFilters | None = None) -> ConstraintOutcome:
        """The person's hard and soft constraints (and ``filters``) against every vacancy, in index order.

        Cheap (no alignment): what is not ruled out here is what a ranking can contain.
        """
        self._check_fitted()
        return check(person, self.index_.constraints, None, filters, self.weights)

    def score_matrix(
        self,
        people: Sequence[PersonProfile],
        filters: MatchFilters | None = None,
        vacancy_ids: Sequence[str] | None = None,
        encode: Encode | None = None,
    ) -> ScoreMatrix:
        """Exact scores of every person with every vacancy (NaN where a hard constraint rules it out).

        ``vacancy_ids`` keeps only those columns (default: every vacancy, in index order).
        Meant for placements and other small sets (cost: people x vacancies exact alignments).
        """
        self._check_fitted()
        embed = self._people(encode)
        if vacancy_ids is None:
            columns = np.arange(len(self.index_), dtype=np.intp)
        else:
            columns = np.array([self.index_.row(v) for v in vacancy_ids], dtype=np.intp)
        scores = np.full((len(people), len(columns)), np.nan, dtype=np.float32)
        for i, person in enumerate(people):
            ev = self._evaluate(person, person_vectors(person, embed, self.weights), columns, filters)
            scores[i] = np.where(ev.excluded | ev.unfit, np.nan, ev.scores)
        chosen = [self.index_.vacancies[c] for c in columns]
        return ScoreMatrix(
            person_ids=tuple(p.id for p in people),
            vacancy_ids=tuple(v.id for v in chosen),
            scores=scores,
            capacities=np.array([v.capacity for v in chosen], dtype=np.int64),
        )

    def _rank(
        self,
        person: PersonProfile,
        pv: PersonVectors,
        coarse: NDArray[np.float32],
        top_k: int,
        filters: MatchFilters | None,
        everything: bool = False,
        translate: Translate | None = None,
    ) -> tuple[list[Match], ConstraintOutcome, list[Evaluated]]:
        """Rank: constraints on the best ``candidates`` coarse rows (or all), exact scores on a shortlist."""
        rows: IntArray | None = None
        if not everything and len(coarse) > self.candidates:
            rows = np.argpartition(-coarse, self.candidates - 1)[: self.candidates].astype(np.intp)
        while True:
            outcome = check(person, self.index_.constraints, rows, filters, self.weights)
            allowed_at = np.flatnonzero(~outcome.excluded)
            allowed = allowed_at if rows is None else rows[allowed_at]
            key = coarse[allowed] - outcome.penalty_points[allowed_at] / 100.0
            with single_thread_blas():
                kept = self._shortlist(person, pv, allowed, key, top_k, filters)
            if rows is None or sum(int((~ev.excluded).sum()) for ev in kept) >= top_k:
                break
            rows = None  # too few candidates survived the constraints: check every vacancy
        with single_thread_blas():
            matches = [
                build_match(kept[k], pos, self.grounding_, translate) for k, pos in _top_matches(kept, top_k)
            ]
        return matches, outcome, kept

    def _shortlist(
        self,
        person: PersonProfile,
        pv: PersonVectors,
        allowed: IntArray,
        key: NDArray[np.floating],
        top_k: int,
        filters: MatchFilters | None,
    ) -> list[Evaluated]:
        """Score the best ``shortlist`` allowed rows exactly, widening until ``top_k`` survive."""
        size = max(self.shortlist, top_k)
        kept: list[Evaluated] = []
        done = 0
        while done < len(allowed):
            cand = _best_rows(allowed, key, size)[done:]
            kept.append(self._evaluate(person, pv, cand, filters))
            done += len(cand)
            if sum(int((~ev.excluded).sum()) for ev in kept) >= top_k:
                break
            size *= 4
        return kept

    def _ranking(
        self,
        person: PersonProfile,
        pv: PersonVectors,
        matches: tuple[Match, ...],
        outcome: ConstraintOutcome,
        kept: list[Evaluated],
        max_exclusions: int,
        filters: MatchFilters | None,
        translate: Translate | None = None,
    ) -> Ranking:
        """Count the vacancies ruled out (a vacancy may have several causes) and explain a few."""
        late = [(ev, int(p)) for ev in kept for p in np.flatnonzero(ev.excluded)]
        examples = [build_exclusion(ev, p, translate) for ev, p in late[:max_exclusions]]
        rows = np.flatnonzero(outcome.excluded)[: max(max_exclusions - len(examples), 0)].astype(np.intp)
        if len(rows):
            ev = self._evaluate(person, pv, rows, filters)
            examples += [build_exclusion(ev, p, translate) for p in range(len(rows))]
        return Ranking(
            person_id=person.id,
            matches=matches,
            excluded_count=int(outcome.excluded.sum()) + len(late),
            excluded_by_cause=cause_counts(outcome, len(late)),
            exclusions=tuple(examples),
        )

    def _evaluate(
        self,
        person: PersonProfile,
        pv: PersonVectors,
        cand: IntArray,
        filters: MatchFilters | None,
    ) -> Evaluated:
        """Exact score parts, constraints and exclusions for the rows ``cand``."""
        w = self.weights
        outcome = check(person, self.index_.constraints, cand, filters, w)
        al = align(pv, self.index_, cand, w)
        vacancies = [self.index_.vacancies[r] for r in cand]
        words = keyword_hits(pv, self.index_, cand) if len(pv.exclusions) else [[] for _ in vacancies]
        by_words = np.array([any(hit is not None for hit in row) for row in words], dtype=bool)
        meaning_hard = np.asarray((al.exclusion_sim >= w.exclusion_hard).any(axis=1), dtype=np.bool_)
        meaning_soft = ((al.exclusion_sim >= w.exclusion_soft) & ~meaning_hard[:, None]).any(axis=1)
        excluded = outcome.excluded | by_words | meaning_hard
        experience = al.experience
        if self.grounding_ is not None:
            experience = np.maximum(
                experience, self.grounding_.occupation_overlap(pv.phrases.past_titles, vacancies)
            )
        if len(pv.interests):
            experience = np.minimum(experience, al.aspiration)
        # The person's exclusions are one rule: counted once, at the larger of what their structured
        # words ("no night shifts") and the meaning of a posting's sentence give.
        structured = outcome.soft["exclusion"]
        extra = np.maximum(w.exclusion_points - structured, 0.0)
        penalties = outcome.penalty_points + np.where(meaning_soft & ~excluded, extra, 0.0)
        scores = combine(al.aspiration, al.skills, experience, penalties, w)
        unmet = np.bincount(al.need_owner, weights=al.need_unmet, minlength=len(cand)) > 0
        return Evaluated(
            person=person,
            pv=pv,
            index=self.index_,
            weights=w,
            alignment=al,
            outcome=outcome,
            keyword_hits=words,
            by_words=by_words,
            meaning_hard=meaning_hard,
            meaning_soft=meaning_soft & ~excluded,
            experience=experience,
            penalties=penalties,
            scores=scores,
            excluded=excluded,
            unfit=~excluded & (unmet | (np.round(scores) <= 0)),
        )


def _best_rows(allowed: IntArray, key: NDArray[np.floating], size: int) -> IntArray:
    """Return the ``size`` allowed rows with the highest key, best first (ties by row number)."""
    part = np.argpartition(-key, size - 1)[:size] if size < len(allowed) else np.arange(len(allowed))
    order = np.lexsort((allowed[part], -key[part]))
    return np.asarray(allowed[part][order], dtype=np.intp)


def _top_matches(kept: list[Evaluated], top_k: int) -> list[tuple[int, int]]:
    """Return (evaluation number, position) of the ``top_k`` best rows not ruled out (ties by row).

    Openings that fit come first; those that fail a hard requirement or score 0 follow, to be
    listed apart as not a fit.
    """
    rows = [
        (bool(ev.unfit[p]), -float(ev.scores[p]), int(ev.alignment.cand[p]), k, int(p))
        for k, ev in enumerate(kept)
        for p in np.flatnonzero(~ev.excluded)
    ]
    rows.sort()
    return [(k, p) for _, _, _, k, p in rows[:top_k]]
