"""Ground raw vacancies and profiles in ESCO, in batches, for the labour-market map.

A vacancy's title (for a placement programme, the job it leads to) becomes its top-1
ESCO occupation when the normaliser's score reaches ``occupation_threshold``; each of
its required-skill phrases becomes its top ESCO skill when the linker's score reaches
``skill_threshold``. A person's past job titles become occupations the same way, and
the phrases of their own skills text (:func:`matcher.phrases.phrases`) become up to
``person_skills_per_phrase`` skills each. Every distinct text is encoded once.
Protected attributes never reach this module: the profiles do not carry them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from matcher.demand.evidence import LocalMarketEvidence, market_evidence
from matcher.demand.grounded import GroundedPerson, GroundedVacancy, monthly_pay
from matcher.esco import EscoTaxonomy
from matcher.exceptions import InputError
from matcher.normalize import OccupationMatch, TitleNormalizer
from matcher.phrases import phrases
from matcher.records import PersonProfile, Vacancy
from matcher.skills import SkillLinker, SkillMatch

#: Raised when what grounding links changes under the same settings, so that stored groundings are
#: made again (2: a vacancy's words read by meaning only are no longer linked; 3: English "I" is no
#: longer read as Italian; 4: Spanish and French titles leave the English path with English ESCO only).
RULES = 4


@dataclass(frozen=True)
class GroundingSettings:
    """Thresholds of the grounding step (cosine scores of the normaliser and linker)."""

    occupation_threshold: float = 0.55
    skill_threshold: float = 0.6
    vacancy_skills_per_phrase: int = 1
    person_skills_per_phrase: int = 2
    #: link words in a language without ESCO labels here (read by meaning only), a person's or a
    #: vacancy's, as English ones are; off by default: such links are mostly wrong
    #: (docs/benchmarks.md), so a counsellor confirms a person's first, and a vacancy's stay unlinked
    automatic_by_meaning: bool = False

    def __post_init__(self) -> None:
        for name in ("occupation_threshold", "skill_threshold"):
            if not -1.0 <= getattr(self, name) <= 1.0:
                raise InputError(f"{name} must be a cosine score between -1 and 1.")
        for name in ("vacancy_skills_per_phrase", "person_skills_per_phrase"):
            if not 1 <= getattr(self, name) <= 10:
                raise InputError(f"{name} must be between 1 and 10.")


def taxonomy_labels(taxonomy: EscoTaxonomy) -> dict[str, str]:
    """Display labels for every occupation URI, skill URI and ISCO-08 code of ``taxonomy``.

    Examples
    --------
    >>> from matcher.esco import EscoTaxonomy, Occupation, Skill
    >>> tax = EscoTaxonomy((Occupation("o:cook", "cook", "5120"),), (Skill("s:fry", "fry food"),),
    ...                    {"51": "Cooks"})
    >>> taxonomy_labels(tax)["51"], taxonomy_labels(tax)["s:fry"]
    ('Cooks', 'fry food')

    """
    labels = {o.uri: o.label for o in taxonomy.occupations}
    labels.update({s.uri: s.label for s in taxonomy.skills})
    labels.update(dict(taxonomy.isco_groups))
    return labels


def parse_date(text: str, where: str) -> dt.date | None:
    """Parse an ISO ``YYYY-MM-DD`` date; empty gives ``None``; anything else is an :class:`InputError`.

    Examples
    --------
    >>> parse_date("2026-03-01", "v1")
    datetime.date(2026, 3, 1)
    >>> parse_date("", "v1") is None
    True

    """
    if not text.strip():
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"{where}: the date {text!r} is not an ISO date (YYYY-MM-DD).") from None


def _best_occupations(
    titles: Iterable[str], normalizer: TitleNormalizer | None, threshold: float, private: bool = True
) -> dict[str, OccupationMatch]:
    if normalizer is None:
        return {}
    unique = list(dict.fromkeys(t for t in titles if t.strip()))
    found = normalizer.normalize(unique, top_k=1, private=private) if unique else []
    return {t: m[0] for t, m in zip(unique, found, strict=True) if m and m[0].score >= threshold}


def _best_skills(
    texts: Iterable[str], linker: SkillLinker, threshold: float, per_text: int, private: bool = True
) -> dict[str, tuple[SkillMatch, ...]]:
    unique = list(dict.fromkeys(t for t in texts if t.strip()))
    found = linker.link(unique, top_k=per_text, private=private) if unique else []
    return {t: tuple(s for s in m if s.score >= threshold) for t, m in zip(unique, found, strict=True)}


def read_by_meaning_only(
    texts: Iterable[str], reader: TitleNormalizer | SkillLinker | None
) -> frozenset[str]:
    """The texts in a language without ESCO labels in ``reader`` (not English): read by meaning alone.

    Such a text (Nepali, Amharic, Arabic ... with English ESCO; Spanish without Spanish ESCO)
    is placed by the multilingual encoder only, and its best ESCO concept is often wrong.
    Empty for a reader without a language router (English only).
    """
    router = getattr(reader, "router_", None)
    unique = list(dict.fromkeys(t for t in texts if t.strip()))
    if router is None or not unique:
        return frozenset()
    guesses = router.languages(unique)
    return frozenset(t for t, g in zip(unique, guesses, strict=True) if not g.english_path and not g.labelled)


def people_read_by_meaning(
    people: Sequence[PersonProfile], normalizer: TitleNormalizer | None, linker: SkillLinker
) -> frozenset[str]:
    """The past job titles and skills phrases of ``people`` that :func:`read_by_meaning_only` finds."""
    titles = [j.title for p in people for j in p.work_history]
    texts = [s for p in people for s in phrases(p.skills_text)]
    return read_by_meaning_only(titles, normalizer) | read_by_meaning_only(texts, linker)


def vacancies_read_by_meaning(
    vacancies: Sequence[Vacancy], normalizer: TitleNormalizer | None, linker: SkillLinker
) -> frozenset[str]:
    """The titles and required skills of ``vacancies`` that :func:`read_by_meaning_only` finds."""
    titles = [job_title_of(v) for v in vacancies]
    texts = [s for v in vacancies for s in v.skills_required]
    return read_by_meaning_only(titles, normalizer) | read_by_meaning_only(texts, linker)


def _left_out(
    chosen: GroundingSettings,
    titles: Iterable[str],
    texts: Iterable[str],
    normalizer: TitleNormalizer | None,
    linker: SkillLinker,
) -> frozenset[str]:
    """The ``titles`` and ``texts`` read by meaning only: not linked unless ``automatic_by_meaning``."""
    if chosen.automatic_by_meaning:
        return frozenset()
    return read_by_meaning_only(titles, normalizer) | read_by_meaning_only(texts, linker)


def job_title_of(vacancy: Vacancy) -> str:
    """The title linked to an occupation: a programme's job title, else the posting's own title."""
    return vacancy.job_title if vacancy.is_programme and vacancy.job_title else vacancy.title


def ground_vacancies(
    vacancies: Sequence[Vacancy],
    normalizer: TitleNormalizer | None,
    linker: SkillLinker,
    settings: GroundingSettings | None = None,
) -> tuple[GroundedVacancy, ...]:
    """Link each vacancy's title to an ESCO occupation and its required skills to ESCO skills.

    With ``normalizer=None`` only skills are linked (enough for :func:`skills_to_unlock`). Words read
    by meaning only (:func:`read_by_meaning_only`) are not linked unless ``settings.automatic_by_meaning``:
    no one confirms a posting's links, and most such links are wrong, so the vacancy counts as unlinked.
    """
    chosen = settings or GroundingSettings()
    titles = [job_title_of(v) for v in vacancies]
    texts = [s for v in vacancies for s in v.skills_required]
    unread = _left_out(chosen, titles, texts, normalizer, linker)
    titles, texts = [t for t in titles if t not in unread], [t for t in texts if t not in unread]
    occupations = _best_occupations(  # vacancies are public: their texts may be cached
        titles, normalizer, chosen.occupation_threshold, private=False
    )
    per_phrase = chosen.vacancy_skills_per_phrase
    skills = _best_skills(texts, linker, chosen.skill_threshold, per_phrase, private=False)
    grounded = []
    for v in vacancies:
        occupation = occupations.get(job_title_of(v))
        pay = v.best_pay
        uris = dict.fromkeys(m.uri for phrase in v.skills_required for m in skills.get(phrase, ()))
        grounded.append(
            GroundedVacancy(
                id=v.id,
                locality=v.locality,
                posted_on=parse_date(v.posted_on or v.starts_on, f"vacancy {v.id}"),
                occupation_uri=occupation.uri if occupation else None,
                isco_group=(occupation.isco or None) if occupation else None,
                skill_uris=tuple(uris),
                pay_per_month=monthly_pay(pay.amount, pay.period, v.hours_per_week) if pay else None,
                hours=v.hours_per_week,
                currency=pay.currency if pay else None,
                employer=v.employer or None,
                sector=v.sector or None,
                read_by_meaning=not unread.isdisjoint((job_title_of(v), *v.skills_required)),
            )
        )
    return tuple(grounded)


def ground_people(
    people: Sequence[PersonProfile],
    normalizer: TitleNormalizer | None,
    linker: SkillLinker,
    settings: GroundingSettings | None = None,
) -> tuple[GroundedPerson, ...]:
    """Link each person's past job titles to ESCO occupations and their own skills text to ESCO skills.

    With ``normalizer=None`` only skills are linked. Words read by meaning only
    (:func:`read_by_meaning_only`) are not linked unless ``settings.automatic_by_meaning``:
    a counsellor confirms what they say (:func:`understood_person` shows them).
    """
    chosen = settings or GroundingSettings()
    titles = [j.title for p in people for j in p.work_history]
    person_phrases = {p.id: phrases(p.skills_text) for p in people}
    texts = [s for found in person_phrases.values() for s in found]
    unread = _left_out(chosen, titles, texts, normalizer, linker)
    titles, texts = [t for t in titles if t not in unread], [t for t in texts if t not in unread]
    occupations = _best_occupations(titles, normalizer, chosen.occupation_threshold)
    skills = _best_skills(texts, linker, chosen.skill_threshold, chosen.person_skills_per_phrase)
    grounded = []
    for p in people:
        matches = list(dict.fromkeys(occupations[j.title] for j in p.work_history if j.title in occupations))
        uris = dict.fromkeys(m.uri for phrase in person_phrases[p.id] for m in skills.get(phrase, ()))
        grounded.append(
            GroundedPerson(
                id=p.id,
                locality=p.locality,
                occupation_uris=tuple(m.uri for m in matches),
                skill_uris=tuple(uris),
                isco_groups=tuple(m.isco for m in matches),
            )
        )
    return tuple(grounded)


@dataclass(frozen=True)
class UnderstoodPerson:
    """What :func:`ground_people` makes of one person, with the words each concept came from.

    ``occupations`` pairs a past job title with its ESCO occupation; ``skills`` pairs a
    phrase of the person's skills text with each ESCO skill linked from it. ``by_meaning``
    holds the words read by meaning only, whose links :func:`ground_people` leaves out.
    """

    occupations: tuple[tuple[str, OccupationMatch], ...]
    skills: tuple[tuple[str, SkillMatch], ...]
    by_meaning: frozenset[str] = frozenset()


def understood_person(
    person: PersonProfile,
    normalizer: TitleNormalizer,
    linker: SkillLinker,
    settings: GroundingSettings | None = None,
) -> UnderstoodPerson:
    """The ESCO occupations and skills :func:`ground_people` links for ``person``, each with its source words.

    Same thresholds and limits as :func:`ground_people`, so a counsellor sees exactly what
    the labour-market map and "what would unlock more work" use; links from words read by
    meaning only are listed too, with those words in ``by_meaning``.
    """
    chosen = settings or GroundingSettings()
    titles = list(dict.fromkeys(j.title for j in person.work_history))
    occupations = _best_occupations(titles, normalizer, chosen.occupation_threshold)
    found = phrases(person.skills_text)
    skills = _best_skills(found, linker, chosen.skill_threshold, chosen.person_skills_per_phrase)
    unread = _left_out(chosen, titles, found, normalizer, linker)
    return UnderstoodPerson(
        occupations=tuple((t, occupations[t]) for t in titles if t in occupations),
        skills=tuple((p, m) for p in found for m in skills.get(p, ())),
        by_meaning=unread,
    )


def proposal_evidence(
    business: str,
    vacancies: Sequence[GroundedVacancy],
    normalizer: TitleNormalizer,
    *,
    locality: str | None,
    sectors: Sequence[str] = (),
    top_k: int = 3,
    settings: GroundingSettings | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    labels: Mapping[str, str] | None = None,
) -> LocalMarketEvidence:
    """Market evidence for a business described in words (e.g. "tailoring and alterations shop").

    The description is normalised like a job title; its ``top_k`` occupations above the
    occupation threshold, their 4-digit ISCO-08 groups and the given ``sectors`` define
    the related vacancies (see :func:`matcher.demand.evidence.market_evidence`).
    """
    chosen = settings or GroundingSettings()
    if not business.strip() and not sectors:
        raise InputError("Describe the business (a product or service) or give its sector.")
    matches = normalizer.normalize([business], top_k=top_k)[0] if business.strip() else []
    kept = [m for m in matches if m.score >= chosen.occupation_threshold]
    return market_evidence(
        vacancies,
        locality=locality,
        occupation_uris=[m.uri for m in kept],
        isco_prefixes=[m.isco for m in kept if m.isco],
        sectors=sectors,
        start=start,
        end=end,
        labels=labels,
    )
