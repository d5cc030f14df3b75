"""Turn the arrays of one evaluation into :class:`Match` and :class:`Exclusion` objects."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from matcher.alignment import Alignment, PersonVectors, posting_jurisdiction
from matcher.constraints import ConstraintOutcome
from matcher.credentials import read_requirements, unmet_sentence, verdict
from matcher.match_result import Exclusion, Match, Penalty, Reason, SkillPair
from matcher.phrases import strip_negation
from matcher.reasons import (
    Translate,
    english,
    excluded_by_structure,
    hard_cause_text,
    penalty_text,
    said_not_wanted,
)
from matcher.records import PersonProfile, Vacancy
from matcher.scoring import ScoreWeights
from matcher.vacancy_index import VacancyIndex

MIN_PENALTY_POINTS = 0.05
#: aspiration credit at which a reason says the job is what the person wants (full credit: cosine at
#: ``ScoreWeights.aspiration_high`` or above); below it, a part credit is said to be a part likeness
ASPIRATION_NOTE = 1.0
POOR_ASPIRATION_NOTE = 0.2
EXPERIENCE_NOTE = 0.5


@dataclass(frozen=True)
class Evaluated:
    """Everything computed for one person and the candidate rows ``alignment.cand``."""

    person: PersonProfile
    pv: PersonVectors
    index: VacancyIndex
    weights: ScoreWeights
    alignment: Alignment
    outcome: ConstraintOutcome
    keyword_hits: list[list[str | None]]
    by_words: NDArray[np.bool_]
    meaning_hard: NDArray[np.bool_]
    meaning_soft: NDArray[np.bool_]
    experience: NDArray[np.float64]
    penalties: NDArray[np.float64]
    scores: NDArray[np.float64]
    excluded: NDArray[np.bool_]
    unfit: NDArray[np.bool_]

    def vacancy(self, pos: int) -> Vacancy:
        """The vacancy at position ``pos`` of the candidates."""
        return self.index.vacancies[int(self.alignment.cand[pos])]

    def distance(self, pos: int) -> float | None:
        """Distance in km to the vacancy at ``pos``, if both places are known."""
        value = float(self.outcome.distance_km[pos])
        return None if np.isnan(value) else round(value, 1)

    def meaning_evidence(self, pos: int, low: float, high: float) -> dict[str, str]:
        """Exclusion -> the vacancy text whose meaning is within [low, high) of it."""
        al = self.alignment
        out = {}
        for j, wanted in enumerate(self.pv.phrases.exclusions):
            sim = al.exclusion_sim[pos, j]
            if low <= sim < high and al.exclusion_text[pos, j] >= 0:
                out[wanted] = self.index.texts[int(al.exclusion_text[pos, j])]
        return out


def _skill_pairs(
    ev: Evaluated, pos: int, grounding: Any, translate: Translate
) -> tuple[tuple[SkillPair, ...], tuple[str, ...], tuple[Reason, ...]]:
    """Needs covered (with the person's words), needs not yet covered, and requirements said as not met.

    A need naming a licence, certificate, language or thing of one's own is covered only by the
    same kind, with the words that show it (:mod:`matcher.credentials`); one not met is said so.
    """
    al, index, w = ev.alignment, ev.index, ev.weights
    mine = np.flatnonzero(al.need_owner == pos)
    need_rows = al.need_pos[mine]
    texts = [index.texts[int(index.need_idx[r])] for r in need_rows]
    sims = al.need_sim[mine]
    required = index.need_required[need_rows]
    credential = al.need_credential[mine]
    covered = sims >= w.skill_covered
    labels = (
        grounding.skill_labels([t for t, c in zip(texts, covered, strict=True) if c]) if grounding else {}
    )
    where = posting_jurisdiction(ev.vacancy(pos))
    pairs = [
        SkillPair(
            need=texts[i],
            person_words=_evidence(texts[i], bool(required[i]), where, ev)
            if credential[i]
            else ev.pv.phrases.skills[int(al.need_phrase[mine[i]])],
            similarity=round(float(sims[i]), 3),
            required=bool(required[i]),
            esco_skill=None if credential[i] else labels.get(texts[i]),
        )
        for i in np.flatnonzero(covered)
    ]
    pairs.sort(key=lambda p: (not p.required, -p.similarity))
    gaps = tuple(texts[i] for i in np.flatnonzero(required & ~covered & ~credential))
    unmet = tuple(
        Reason("requirement", sentence)
        for i in np.flatnonzero(al.need_unmet[mine])
        for sentence in _unmet(texts[i], bool(required[i]), where, ev, translate)
    )
    return tuple(pairs), gaps, unmet


def _evidence(need: str, asked: bool, where: str | None, ev: Evaluated) -> str:
    """The person's words that meet a credential need."""
    found = [verdict(r, ev.pv.held).evidence for r in read_requirements(need, asked, where) if not r.offered]
    return "; ".join(dict.fromkeys(h.words for h in found if h is not None))


def _unmet(need: str, asked: bool, where: str | None, ev: Evaluated, _: Translate) -> list[str]:
    """A sentence for each credential of ``need`` that the person's words do not meet."""
    out = []
    for requirement in read_requirements(need, asked, where):
        result = verdict(requirement, ev.pv.held)
        if not requirement.offered and not result.met:
            out.append(unmet_sentence(need, requirement, result, ev.person.languages, _))
    return out


def _programme_note(vacancy: Vacancy, _: Translate) -> str:
    values = {
        "weeks": f"{vacancy.placement_weeks:g}" if vacancy.placement_weeks else "",
        "job": vacancy.job_title,
        "places": vacancy.capacity,
    }
    if vacancy.placement_weeks and vacancy.job_title:
        return (
            _("A %(weeks)s-week placement programme leading to a job as '%(job)s'; %(places)s places.")
            % values
        )
    if vacancy.placement_weeks:
        return _("A %(weeks)s-week placement programme; %(places)s places.") % values
    if vacancy.job_title:
        return _("A placement programme leading to a job as '%(job)s'; %(places)s places.") % values
    return _("A placement programme; %(places)s places.") % values


def _notes(ev: Evaluated, pos: int, grounding: Any, _: Translate) -> tuple[Reason, ...]:
    al, pv, vacancy = ev.alignment, ev.pv, ev.vacancy(pos)
    notes = []
    if len(pv.interests) and al.aspiration_text[pos] >= 0:
        about = ev.index.texts[int(al.aspiration_text[pos])]
        said = pv.phrases.interests[int(np.argmax(pv.interests @ ev.index.vectors[al.aspiration_text[pos]]))]
        if al.aspiration[pos] >= ASPIRATION_NOTE:
            text = _("You said you would like: '%(said)s'; this job: '%(about)s'.")
            notes.append(Reason("aspiration", text % {"said": said, "about": about}))
        elif al.aspiration[pos] < POOR_ASPIRATION_NOTE:
            # far from every wish: the nearest is only the least far fragment ("I want to go"), so quote
            # what the person said first, their wish as they put it
            text = _("This job is far from what you said you would like: '%(said)s'.")
            notes.append(Reason("aspiration", text % {"said": pv.phrases.interests[0]}))
        else:  # part credit: never say a job is what the person wants when it is only somewhat like it
            text = _("This job is only partly like what you said you would like: '%(said)s'.")
            notes.append(Reason("aspiration", text % {"said": said}))
    elif not len(pv.interests):
        text = _("You have not said what work you would like; this part counts half.")
        notes.append(Reason("aspiration", text))
    if ev.experience[pos] >= EXPERIENCE_NOTE and len(pv.titles):
        note = grounding.occupation_note(pv.phrases.past_titles, vacancy, _) if grounding else None
        if note is None:
            best = int(
                np.argmax(pv.titles @ ev.index.vectors[ev.index.about_idx[ev.index.about_ptr[al.cand[pos]]]])
            )
            note = _("You have worked as '%(title)s'.") % {"title": pv.phrases.past_titles[best]}
        notes.append(Reason("experience", note))
    if vacancy.is_programme:
        notes.append(Reason("programme", _programme_note(vacancy, _)))
    return tuple(notes)


def build_match(ev: Evaluated, pos: int, grounding: Any = None, translate: Translate | None = None) -> Match:
    """The :class:`Match` for candidate position ``pos`` (which must not be ruled out).

    Its sentences go through ``translate`` (default: English).
    """
    _ = translate or english
    vacancy, dist, w = ev.vacancy(pos), ev.distance(pos), ev.weights
    pairs, gaps, unmet = _skill_pairs(ev, pos, grounding, _)
    penalties = [
        Penalty(code, round(float(points[pos]), 1), penalty_text(code, ev.person, vacancy, dist, {}, _))
        for code, points in ev.outcome.soft.items()
        if points[pos] >= MIN_PENALTY_POINTS and not (code == "exclusion" and ev.meaning_soft[pos])
    ]
    if ev.meaning_soft[pos]:  # one exclusion penalty, with the posting's words that raised it
        evidence = ev.meaning_evidence(pos, w.exclusion_soft, w.exclusion_hard)
        text = penalty_text("exclusion", ev.person, vacancy, dist, evidence, _)
        points = max(w.exclusion_points, float(ev.outcome.soft["exclusion"][pos]))
        penalties.append(Penalty("exclusion", round(points, 1), text))
    unfit = unmet if ev.unfit[pos] else ()
    if ev.unfit[pos] and not unmet:
        unfit = (
            Reason("score", _("It scores 0 out of 100: it does not match what you can do or want to do.")),
        )
    return Match(
        vacancy_id=vacancy.id,
        title=vacancy.title,
        kind=vacancy.kind,
        score=float(ev.scores[pos]),
        skills=round(float(ev.alignment.skills[pos]), 3),
        aspiration=round(float(ev.alignment.aspiration[pos]), 3),
        experience=round(float(ev.experience[pos]), 3),
        matched=pairs,
        gaps=gaps,
        penalties=tuple(penalties),
        notes=_notes(ev, pos, grounding, _),
        distance_km=dist,
        unmet=unmet,
        unfit=unfit,
    )


def build_exclusion(ev: Evaluated, pos: int, translate: Translate | None = None) -> Exclusion:
    """The :class:`Exclusion` for candidate position ``pos``, with every hard cause.

    Its sentences go through ``translate`` (default: English).
    """
    vacancy, dist = ev.vacancy(pos), ev.distance(pos)
    causes = [
        Reason(code, hard_cause_text(code, ev.person, vacancy, dist, {}, translate, ev.weights))
        for code, mask in ev.outcome.hard.items()
        if mask[pos]
    ]
    # Said already: the exclusion the vacancy's shift or contract met (see reasons._exclusion_text).
    hard_exclusion = "exclusion" in ev.outcome.hard and bool(ev.outcome.hard["exclusion"][pos])
    structural = excluded_by_structure(ev.person, vacancy) if hard_exclusion else None
    named = {strip_negation(structural)} if structural is not None else set()
    evidence = {
        wanted: hit
        for wanted, hit in zip(
            ev.pv.phrases.exclusions, ev.keyword_hits[pos] if ev.keyword_hits else [], strict=False
        )
        if hit is not None
    }
    if ev.meaning_hard[pos]:
        evidence |= ev.meaning_evidence(pos, ev.weights.exclusion_hard, 2.0)
    for wanted, text in evidence.items():
        said = strip_negation(wanted)
        if said in named:
            continue
        named.add(said)
        causes.append(Reason("exclusion", said_not_wanted(wanted, text, translate)))
    return Exclusion(vacancy_id=vacancy.id, title=vacancy.title, causes=tuple(causes))
