"""What the counsellor should know, on the matches page, about the languages of a person's words.

The matcher's English encoder reads English only; words in another language reach English
vacancies through ESCO (:class:`~matcher.grounding.PersonBridge`) once the server has read it.
Where it has not, or where the language is one Pathways reads poorly, the page says so in
the counsellor's language, naming the language where it can, and what to do about it:
never "loosen a filter" when the words were not read. The language is guessed from the words
each time (nothing more is stored about the person).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import has_request_context
from flask_babel import gettext as _

from matcher.records import PersonProfile
from matcher.text_language import TextLanguage, guess_languages
from web.infra import services
from web.people.grounding import language_name

if TYPE_CHECKING:
    from matcher.grounding import PersonBridge


def person_words(profile: PersonProfile) -> list[str]:
    """The person's own texts whose language matters for matching (skills, wishes, past jobs)."""
    texts = [profile.skills_text, profile.interests_text, *(j.title for j in profile.work_history)]
    return [t for t in texts if t and t.strip()]


def _names(guesses: list[TextLanguage]) -> str:
    named = list(dict.fromkeys(g.code for g in guesses if g.code is not None))
    codes: list[str | None] = [*named] if named else [None]
    return ", ".join(language_name(c) for c in codes)


def matching_notes(name: str, profile: PersonProfile, bridge: PersonBridge | None) -> tuple[str, ...]:
    """Notes for the matches page of the person called ``name`` (empty when all their words are read well).

    With ``bridge`` (ESCO read), a language Pathways reads poorly gets a note, and so does one
    without ESCO labels on this server (read by meaning only: measured, the nearest occupations
    of short Nepali or Amharic phrases are often wrong). Without it, any language but English
    does: ESCO is being read (the reading is started here if it was not), could not be read, or
    is not set up on this server.
    """
    texts = person_words(profile)
    guesses = bridge.languages(texts) if bridge is not None else guess_languages(texts, {})
    other = [g for g in guesses if not g.english_path]
    if not other:
        return ()
    poorly = [g for g in other if not g.well_read]
    if poorly and any(g.code is None for g in poorly) and any(g.code is not None for g in other):
        poorly = [g for g in poorly if g.code is not None]  # an unnamed title beside a named language
    notes: list[str] = []
    if poorly:
        notes.append(
            _(
                "Some of %(name)s's words are in %(language)s, which Pathways does not read well: these "
                "matches may miss what those words say. With them, add a short English gloss of their "
                "skills and past jobs to the profile.",
                name=name,
                language=_names(poorly),
            )
        )
    read_well = [g for g in other if g.well_read]
    if bridge is None and read_well:
        notes.append(_without_esco(name, _names(read_well)))
    by_meaning = [g for g in read_well if not g.labelled]
    if bridge is not None and by_meaning:
        notes.append(
            _(
                "Some of %(name)s's words are in %(language)s. This server has no ESCO labels in that "
                "language, so Pathways reads them by meaning only, through the nearest ESCO occupations, and "
                "often misreads short phrases: check each reason with them, and add a short English gloss of "
                "their skills and past jobs to the profile.",
                name=name,
                language=_names(by_meaning),
            )
        )
    return tuple(notes)


def _without_esco(name: str, language: str) -> str:
    if not services.esco_configured():
        return _(
            "Some of %(name)s's words are in %(language)s. Without the ESCO classification, Pathways "
            "reads them with its English model only, which misreads them: these matches may miss what "
            "those words say, and a reason that quotes them may be wrong. Add a short English gloss of "
            "their skills and past jobs to the profile, or ask your administrator to set up ESCO (ESCO_DIR).",
            name=name,
            language=language,
        )
    if has_request_context():  # a page (not a background job) starts the reading if it has not started
        services.esco_if_ready()
    if services.esco_error():
        return _(
            "Some of %(name)s's words are in %(language)s, which Pathways reads through the ESCO "
            "classification, but this server could not read ESCO: these matches miss what those words "
            "say. Ask your administrator to check ESCO_DIR, or add a short English gloss of their skills "
            "to the profile.",
            name=name,
            language=language,
        )
    return _(
        "Some of %(name)s's words are in %(language)s. Pathways reads them through the ESCO "
        "classification, which this server is still loading: until then its English model reads them, "
        "and misreads them, so do not rely on a reason that quotes them. Look again in a few minutes.",
        name=name,
        language=language,
    )
