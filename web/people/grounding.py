"""The ESCO skills and occupations Pathways understood for a person, and the counsellor's corrections.

Pathways links a person's past job titles to ESCO occupations and the phrases of their own
skills text to ESCO skills (:func:`matcher.demand.grounding.understood_person`, with the
process's shared normaliser and linker from :mod:`web.infra.services`). A counsellor confirms
a concept, rejects it (it is then never used for that person) or adds another one found
by searching ESCO labels. Corrections are stored per person (:class:`EscoCorrection`,
the person's words encrypted), audited by id only, and used wherever the person is
grounded in ESCO (:func:`grounded_people`) and in matching (:func:`~web.people.service.to_profile`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from flask_babel import gettext as _
from sqlalchemy.orm import Session

from matcher.demand.grounded import GroundedPerson
from matcher.demand.grounding import GroundingSettings, ground_people, understood_person
from matcher.normalize import OccupationMatch
from matcher.phrases import phrases
from matcher.skills import SkillMatch
from web.infra import audit, services
from web.infra.services import EscoGrounding
from web.people.service import to_profile
from web.storage.schema import EscoCorrection, Person, User, utcnow

KINDS = ("skill", "occupation")
DECISIONS = ("confirmed", "rejected", "added")
MAX_QUERY = 200
SEARCH_RESULTS = 10
#: near misses this far below the grounding threshold are offered for confirmation (never used unconfirmed)
SUGGESTION_MARGIN = 0.1


class CorrectionError(ValueError):
    """A correction that cannot be recorded, with a message for the counsellor."""


@dataclass(frozen=True)
class Concept:
    """One ESCO skill or occupation for the person, ready for the page.

    ``status`` is ``understood`` (linked from their words, used, not yet reviewed),
    ``suggested`` (a near miss, or linked from words read by meaning only: ``by_meaning``;
    not used unless confirmed), or the counsellor's decision: ``confirmed``, ``rejected`` or
    ``added``. ``score`` is the
    linker's or normaliser's confidence (``None`` for a concept a counsellor added).
    """

    kind: str
    uri: str
    label: str
    sources: tuple[str, ...]
    score: float | None
    status: str
    correction_id: int | None = None
    by_meaning: bool = False


@dataclass(frozen=True)
class PersonEsco:
    """What is used for the person (understood, confirmed, added) and what was rejected."""

    occupations: tuple[Concept, ...]
    skills: tuple[Concept, ...]
    rejected: tuple[Concept, ...]


@dataclass(frozen=True)
class Candidate:
    """One search result: an ESCO concept and how close its labels are to the query."""

    kind: str
    uri: str
    label: str
    score: float


def _corrections(person: Person) -> dict[tuple[str, str], EscoCorrection]:
    return {(c.kind, c.concept_uri): c for c in person.esco_corrections}


def _grouped(
    kind: str,
    pairs: Iterable[tuple[str, OccupationMatch | SkillMatch]],
    threshold: float,
    by_meaning: frozenset[str] = frozenset(),
) -> list[Concept]:
    """One concept per URI: used (with the words that reach ``threshold``) or only suggested.

    Words in ``by_meaning`` (read by meaning only) never make a concept used: one they reach
    ``threshold`` for is suggested, marked ``by_meaning``; their near misses are left out.
    """
    found: dict[str, list[tuple[str, OccupationMatch | SkillMatch]]] = {}
    for source, match in pairs:
        found.setdefault(match.uri, []).append((source, match))
    concepts = []
    for links in found.values():
        uri, label = links[0][1].uri, links[0][1].label
        reached = [(s, m) for s, m in links if m.score >= threshold]
        read = [(s, m) for s, m in reached if s not in by_meaning]
        near = [(s, m) for s, m in links if s not in by_meaning]
        if read:
            chosen, status, meaning = read, "understood", False
        elif reached:
            chosen, status, meaning = reached, "suggested", True
        elif near:
            chosen, status, meaning = near, "suggested", False
        else:
            continue
        best = round(max(m.score for _s, m in chosen), 2)
        sources = tuple(s for s, _m in chosen)
        concepts.append(Concept(kind, uri, label, sources, best, status, by_meaning=meaning))
    return concepts


def understood_for(person: Person, tools: EscoGrounding) -> PersonEsco:
    """The person's ESCO concepts, each with the words it came from, with corrections applied.

    Concepts that :func:`grounded_people` uses come first; near misses (within
    ``SUGGESTION_MARGIN`` below the threshold) follow as ``suggested``: not used unless
    a counsellor confirms them.
    """
    used = GroundingSettings()
    wide = GroundingSettings(
        occupation_threshold=used.occupation_threshold - SUGGESTION_MARGIN,
        skill_threshold=used.skill_threshold - SUGGESTION_MARGIN,
    )
    seen = understood_person(to_profile(person, corrected=False), tools.normalizer, tools.linker, wide)
    automatic = {
        "occupation": _grouped("occupation", seen.occupations, used.occupation_threshold, seen.by_meaning),
        "skill": _grouped("skill", seen.skills, used.skill_threshold, seen.by_meaning),
    }
    corrections = _corrections(person)
    kept: dict[str, list[Concept]] = {"occupation": [], "skill": []}
    rejected: list[Concept] = []
    for kind, concepts in automatic.items():
        for concept in concepts:
            fix = corrections.pop((kind, concept.uri), None)
            if fix is not None:
                concept = replace(concept, status=fix.decision, correction_id=fix.id)
            (rejected if concept.status == "rejected" else kept[kind]).append(concept)
    for fix in corrections.values():  # decided earlier, no longer (or never) linked from their words
        source = (fix.source_text,) if fix.source_text else ()
        concept = Concept(fix.kind, fix.concept_uri, fix.label, source, None, fix.decision, fix.id)
        (rejected if fix.decision == "rejected" else kept.setdefault(fix.kind, [])).append(concept)
    for concepts in kept.values():
        concepts.sort(key=lambda c: c.status == "suggested")
    return PersonEsco(tuple(kept["occupation"]), tuple(kept["skill"]), tuple(rejected))


def search(tools: EscoGrounding, kind: str, query: str, limit: int = SEARCH_RESULTS) -> tuple[Candidate, ...]:
    """The ESCO skills or occupations whose labels are closest to ``query``, best first."""
    text = " ".join(query.split())[:MAX_QUERY]
    if not text or kind not in KINDS:
        return ()
    found: Sequence[OccupationMatch | SkillMatch] = (
        tools.linker.link([text], limit)[0]
        if kind == "skill"
        else tools.normalizer.normalize([text], limit)[0]
    )
    return tuple(Candidate(kind, m.uri, m.label, round(float(m.score), 2)) for m in found)


def _label(tools: EscoGrounding, kind: str, uri: str) -> str:
    try:
        concept = tools.taxonomy.skill(uri) if kind == "skill" else tools.taxonomy.occupation(uri)
    except KeyError:
        raise CorrectionError(_("That ESCO concept is not in the classification this server uses.")) from None
    return str(concept.label)


def _source(person: Person, kind: str, source: str) -> str | None:
    """The source words if they really are the person's (a phrase or a past job title), else ``None``."""
    profile = to_profile(person, corrected=False)
    words = phrases(profile.skills_text) if kind == "skill" else [j.title for j in profile.work_history]
    return source if source in words else None


def decide(
    db: Session,
    user: User,
    person: Person,
    tools: EscoGrounding,
    *,
    kind: str,
    uri: str,
    decision: str,
    source: str = "",
) -> EscoCorrection:
    """Record (or change) the counsellor's decision on one ESCO concept for the person; audited by id."""
    if kind not in KINDS or decision not in DECISIONS:
        raise CorrectionError(_("Choose confirm, reject or add for an ESCO skill or occupation."))
    label = _label(tools, kind, uri)
    correction = _corrections(person).get((kind, uri))
    if correction is None:
        correction = EscoCorrection(kind=kind, concept_uri=uri)
        person.esco_corrections.append(correction)
    correction.label = label
    correction.decision = decision
    correction.source_text = None if decision == "added" else _source(person, kind, source)
    correction.decided_by_id = user.id
    correction.decided_at = utcnow()
    db.flush()
    audit.record(
        db, f"esco_{decision}", actor_id=user.id, object_type="esco_correction", object_id=correction.id
    )
    return correction


def undo(db: Session, user: User, person: Person, correction_id: int) -> bool:
    """Forget one of the person's corrections (the concept goes back to what was understood)."""
    for correction in person.esco_corrections:
        if correction.id == correction_id:
            person.esco_corrections.remove(correction)
            db.flush()
            audit.record(
                db, "esco_undo", actor_id=user.id, object_type="esco_correction", object_id=correction_id
            )
            return True
    return False


def corrected(grounded: GroundedPerson, person: Person, tools: EscoGrounding) -> GroundedPerson:
    """``grounded`` with the person's corrections: rejected concepts dropped, confirmed and added ones in.

    A corrected concept that this server's ESCO no longer has is left out.
    """
    fixes = person.esco_corrections
    rejected = {(c.kind, c.concept_uri) for c in fixes if c.decision == "rejected"}
    isco = dict(zip(grounded.occupation_uris, grounded.isco_groups, strict=False))
    occupations = [u for u in grounded.occupation_uris if ("occupation", u) not in rejected]
    skills = [u for u in grounded.skill_uris if ("skill", u) not in rejected]
    for fix in fixes:
        if fix.decision == "rejected" or fix.concept_uri not in tools.labels:
            continue
        if fix.kind == "occupation" and fix.concept_uri not in occupations:
            isco[fix.concept_uri] = tools.taxonomy.occupation(fix.concept_uri).isco_group
            occupations.append(fix.concept_uri)
        elif fix.kind == "skill" and fix.concept_uri not in skills:
            skills.append(fix.concept_uri)
    return replace(
        grounded,
        occupation_uris=tuple(occupations),
        skill_uris=tuple(skills),
        isco_groups=tuple(isco.get(u, "") for u in occupations),
    )


def grounded_people(people: Sequence[Person], tools: EscoGrounding) -> tuple[GroundedPerson, ...]:
    """People linked to ESCO from their own words, then corrected by their counsellors."""
    profiles = [to_profile(p, corrected=False) for p in people]
    linked = ground_people(profiles, tools.normalizer, tools.linker)
    return tuple(corrected(g, p, tools) for g, p in zip(linked, people, strict=True))


ACTIONS = {"confirm": "confirmed", "reject": "rejected", "add": "added"}


@dataclass(frozen=True)
class EscoPage:
    """Everything the person's ESCO page shows.

    ``state`` is ``not_configured`` (no ``ESCO_DIR``), ``reading`` (ESCO, or its labels in every
    language for words in another language, is being read in the background), ``failed``
    (reading it failed: ``error``) or ``ready``.
    """

    state: str
    understood: PersonEsco | None = None
    query: str = ""
    kind: str = "skill"
    results: tuple[Candidate, ...] = ()
    in_use: frozenset[str] = frozenset()
    error: str | None = None
    language_notes: tuple[str, ...] = ()
    #: the thresholds the page's links are used from (``understood_for`` applies the same defaults)
    used: GroundingSettings = GroundingSettings()
    suggestion_margin: float = SUGGESTION_MARGIN


def language_name(code: str | None) -> str:
    """A language (or script) guessed by :mod:`matcher.text_language`, named in the reader's language."""
    names = {
        "es": _("Spanish"),
        "fr": _("French"),
        "pt": _("Portuguese"),
        "it": _("Italian"),
        "de": _("German"),
        "nl": _("Dutch"),
        "ro": _("Romanian"),
        "pl": _("Polish"),
        "vi": _("Vietnamese"),
        "id": _("Indonesian"),
        "tl": _("Tagalog"),
        "sw": _("Swahili"),
        "tr": _("Turkish"),
        "und-Deva": _("Nepali or Hindi (Devanagari script)"),
        "und-Ethi": _("Amharic or Tigrinya (Ge'ez script)"),
        "und-Arab": _("Arabic script"),
        "und-Cyrl": _("Cyrillic script"),
    }
    return names.get(code or "", _("a language Pathways could not name"))


def language_notes(person: Person, tools: EscoGrounding) -> tuple[str, ...]:
    """What the counsellor should know about the languages of the person's words, if anything.

    Nothing for English, or for a language whose ESCO labels are loaded; a note for a language
    read by meaning only, and a warning for one the multilingual model reads poorly.
    """
    router = getattr(tools.normalizer, "router_", None)
    if router is None:
        return ()
    profile = to_profile(person, corrected=False)
    texts = [
        t
        for t in (profile.skills_text, profile.interests_text, *(j.title for j in profile.work_history))
        if t
    ]
    notes: dict[str, str] = {}
    for guess in router.languages(texts):
        if guess.english_path or guess.labelled or str(guess.code) in notes:
            continue
        name = language_name(guess.code)
        if guess.well_read:
            notes[str(guess.code)] = _(
                "Some of their words are in %(language)s. This server has no ESCO labels in that language, "
                "so Pathways reads them by meaning only, less precisely: check what it understood with them. "
                "What it links from those words is used only once you confirm it.",
                language=name,
            )
        else:
            notes[str(guess.code)] = _(
                "Some of their words are in %(language)s, which Pathways does not read well: what it "
                "understood may be wrong or missing, and is used only once you confirm it. Check it with "
                "them, or add their words in another language they write.",
                language=name,
            )
    return tuple(notes.values())


def _tools() -> EscoGrounding | None:
    try:
        return services.esco_if_ready()
    except services.EscoNotConfigured:
        return None


def _other_languages(person: Person, tools: EscoGrounding, query: str) -> bool:
    """Whether the person's phrases, past jobs or the search ``query`` leave the English path."""
    router = getattr(tools.normalizer, "router_", None)
    if router is None:
        return False
    profile = to_profile(person, corrected=False)
    texts = [*phrases(profile.skills_text), *(j.title for j in profile.work_history), query]
    return any(not guess.english_path for guess in router.languages([t for t in texts if t.strip()]))


def esco_page(person: Person, args: Mapping[str, str]) -> EscoPage:
    """The page's values: the person's concepts and, with ``q``, the search results."""
    if not services.esco_configured():
        return EscoPage("not_configured")
    tools = _tools()
    if tools is None:
        error = services.esco_error()
        return EscoPage("failed" if error else "reading", error=error)
    query = " ".join((args.get("q") or "").split())[:MAX_QUERY]
    kind = args.get("kind") or "skill"
    kind = kind if kind in KINDS else "skill"
    if _other_languages(person, tools, query) and not services.multilingual_if_ready(tools):
        return EscoPage("reading")  # ESCO's labels in every language are being encoded for their words
    seen = understood_for(person, tools)
    in_use = frozenset(c.uri for c in (*seen.occupations, *seen.skills) if c.status != "suggested")
    found = search(tools, kind, query)
    return EscoPage("ready", seen, query, kind, found, in_use, language_notes=language_notes(person, tools))


def apply_form(db: Session, user: User, person: Person, form: Mapping[str, str]) -> str:
    """Carry out one correction posted from the page; return what to tell the counsellor.

    Raises
    ------
    CorrectionError
        With a message the counsellor can act on; nothing is changed.
    """
    action = form.get("action", "")
    if action == "undo":
        raw = form.get("correction_id", "")
        if not raw.isdigit() or not undo(db, user, person, int(raw)):
            raise CorrectionError(_("That correction no longer exists."))
        return _("Correction undone: Pathways goes back to what it understood from their words.")
    if action not in ACTIONS:
        raise CorrectionError(_("Choose confirm, reject or add."))
    if not services.esco_configured():
        raise CorrectionError(_("ESCO is not set up on this server, so there is nothing to correct."))
    tools = _tools()
    if tools is None:
        raise CorrectionError(_("Pathways is still reading the ESCO classification. Try again in a minute."))
    decision = ACTIONS[action]
    decide(
        db,
        user,
        person,
        tools,
        kind=form.get("kind", ""),
        uri=form.get("uri", ""),
        decision=decision,
        source=form.get("source", ""),
    )
    return {
        "confirmed": _("Confirmed. It counts as theirs in matching and the labour-market map."),
        "rejected": _("Rejected. It will not be used for this person again."),
        "added": _("Added. It counts as theirs in matching and the labour-market map."),
    }[decision]
