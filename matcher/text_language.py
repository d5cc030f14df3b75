"""Which language a person's or an employer's words are in, and whether the matcher reads it well.

Job titles are too short for function words ("costurera", "Vendeur", "Sr Acct Mgr"), so the
guess uses the loaded ESCO labels too: each loaded language's label words are its vocabulary,
and a word found in one language's labels only is evidence for that language. Longer texts go
through the screener's stopword and script identifier first (:mod:`matcher.screening.language`).

The guess decides the path a text takes: English (and text no language claims) keeps the
English path (all-MiniLM-L6-v2, the title head); any other language goes the multilingual way
(multilingual-e5-small against the labels of every loaded language, and character n-grams
against the labels in its own language).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from matcher.screening.language import SIGNATURE_LETTERS, STOPWORDS, identify_language

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
#: Languages multilingual-e5-small was trained on that Pathways' users write in; others get a warning.
E5_LANGUAGES = frozenset(
    "en es fr pt it de nl ro pl vi id tl sw tr ar ne hi am bn ur fa ru uk el he th my km lo si ta ka hy ko "
    "ja zh so ha yo".split()
)
#: Script codes of the language identifier whose languages the model reads.
E5_SCRIPTS = frozenset({"und-Deva", "und-Arab", "und-Cyrl", "und-Hani", "und-Ethi"})


@dataclass(frozen=True)
class TextLanguage:
    """A text's language (a BCP 47 code, ``und-Xxxx`` for a script only, ``None`` when unknown).

    ``english_path`` is whether the text takes the English path; ``labelled`` whether ESCO labels
    in that language are loaded (matched by words as well as by meaning); ``well_read`` whether
    the matcher reads it well (a loaded language, or one the multilingual model was trained on);
    ``evidence`` says how it was decided.
    """

    code: str | None
    english_path: bool
    labelled: bool
    well_read: bool
    evidence: str


def words(text: str) -> list[str]:
    """Lower-case words of ``text`` (letters only).

    Examples
    --------
    >>> words("Costurera, 5 años en taller")
    ['costurera', 'años', 'en', 'taller']
    """
    return [w.lower() for w in _WORD.findall(text)]


def label_vocabularies(labels: Mapping[str, Iterable[str]]) -> dict[str, frozenset[str]]:
    """Each language's set of label words, from its labels.

    Examples
    --------
    >>> v = label_vocabularies({"en": ["cook", "sewing machinist"], "es": ["cocinero", "costurera"]})
    >>> sorted(v["en"])
    ['cook', 'machinist', 'sewing']
    """
    return {code: frozenset(w for label in texts for w in words(label)) for code, texts in labels.items()}


def guess_language(text: str, vocabularies: Mapping[str, frozenset[str]]) -> TextLanguage:
    """Guess the language of a title or a sentence from its script, function words and label words.

    Examples
    --------
    >>> v = label_vocabularies({"en": ["cook", "chef"], "es": ["cocinero", "chef", "costurera"]})
    >>> guess_language("costurera", v).code, guess_language("costurera", v).english_path
    ('es', False)
    >>> guess_language("chef", v).code, guess_language("Sr Acct Mgr", v).english_path
    ('en', True)
    >>> guess_language("सेक्युरिटी गार्ड", v).code
    'und-Deva'
    """
    loaded = frozenset(vocabularies)
    by_words = identify_language(text)
    if by_words.code is not None:
        code = by_words.code
        return _decided(code, loaded, by_words.evidence)
    tokens = words(text)
    hits = {code: sum(t in vocab for t in tokens) for code, vocab in vocabularies.items()}
    only = {
        code: sum(
            t in vocab and not any(t in v for c, v in vocabularies.items() if c != code) for t in tokens
        )
        for code, vocab in vocabularies.items()
    }
    others = [c for c in vocabularies if c != "en"]
    best = max(others, key=lambda c: (only[c], hits[c]), default=None)
    english_only = only.get("en", 0)
    if best is not None and only[best] > english_only and hits[best] >= hits.get("en", 0):
        said = f"{only[best]} word(s) found only in the {best} ESCO labels, {english_only} only in English"
        return _decided(best, loaded, said)
    if hits.get("en", 0) == 0 and any(not ch.isascii() for t in tokens for ch in t):
        said = "no English label word and letters English does not use"
        return TextLanguage(None, False, False, False, said)
    foreign = _other_language_title(tokens, vocabularies.get("en", frozenset()))
    if foreign is not None:
        return foreign if foreign.code is None else _decided(foreign.code, loaded, foreign.evidence)
    return TextLanguage("en" if tokens else None, True, "en" in loaded, True, "English, or too short to tell")


#: Short words of other languages' titles that English labels borrow ("chef de partie") or that no
#: stopword list keeps because several languages share them; each with the language it points to, if one.
_PARTICLES: dict[str, str | None] = {
    "de": None,
    "la": None,
    "da": None,
    "do": None,
    "di": "it",
    "le": "fr",
    "des": "fr",
    "du": "fr",
    "del": "es",
    "della": "it",
}
_OTHER_STOPWORDS = {code: words - STOPWORDS["en"] for code, words in STOPWORDS.items() if code != "en"}
#: Word endings of Spanish and French job titles, to tell the two apart ("en" and "de" are both's).
_ENDINGS = {
    "es": tuple("ción ciones ero eros era eras dor dora ores dad mento ía ios ias".split()),
    "fr": tuple("eur eurs euse euses ière ier iers ienne ien ée é aire eau".split()),
}
_ANY_OTHER = frozenset().union(*_OTHER_STOPWORDS.values())


def _ending(word: str) -> str | None:
    """The language whose job-title ending ``word`` has (``_ENDINGS``), if it is long enough to tell."""
    if len(word) <= 4:
        return None
    return next((code for code, endings in _ENDINGS.items() if word.endswith(endings)), None)


def _other_language_title(tokens: Sequence[str], english: frozenset[str]) -> TextLanguage | None:
    """The language of a title English labels barely cover and another language's words mark, if any.

    With ESCO in English only, a Spanish or French title has too few function words for the
    identifier ("DIRECTORES DE DEPARTAMENTO DE CONTROL DE CALIDAD", "Vendeur / Vendeuse en
    boulangerie") and a word or two that English labels have, so it went the English way. Here a
    title counts as another language's when it holds more of its function words (or particles such
    as "de") than English ones and fewer than half of its other words are English label words; the
    language is the one whose function words, letters and word endings it holds most, else unknown.
    A title with no function word at all is taken from English only when none of its words is an
    English label word and one has a Spanish or French job-title ending ("costurera", "plombier").
    ``None``: nothing says so.

    Examples
    --------
    >>> english = frozenset({"control", "chef", "de", "partie", "sales", "van", "driver"})
    >>> spanish = _other_language_title(words("Directores de departamento de control de calidad"), english)
    >>> spanish.code, spanish.english_path
    ('es', False)
    >>> _other_language_title(words("Suboficiales de las fuerzas armadas"), english).code
    'es'
    >>> _other_language_title(words("Chef de partie"), english) is None
    True
    >>> _other_language_title(words("Van driver"), english) is None
    True
    >>> _other_language_title(words("I drive a van"), english) is None  # "van" is Dutch's too
    True
    >>> _other_language_title(words("Costurera"), english).code  # no English word, a Spanish ending
    'es'
    >>> _other_language_title(words("Sr Acct Mgr"), english) is None
    True
    """
    found = [t for t in tokens if len(t) > 1 and (t in _PARTICLES or (t in _ANY_OTHER and t not in english))]
    content = [t for t in tokens if len(t) > 1 and t not in found and t not in STOPWORDS["en"]]
    english_function = sum(t in STOPWORDS["en"] or t == "i" for t in tokens)
    if english_function >= max(len(found), 1) or not content:
        return None
    known = [t in english or (t.endswith("s") and t[:-1] in english) for t in content]  # "cashiers"
    if 2 * sum(known) >= len(content):
        return None
    if not found and (any(known) or not any(_ending(t) for t in content)):
        return None  # no function word of another language: only a title with no English word and a
        # Spanish or French ending ("costurera", "plombier") is taken from English
    hits = {code: sum(t in words for t in found) for code, words in _OTHER_STOPWORDS.items()}
    for t in found:
        if (points := _PARTICLES.get(t)) is not None:
            hits[points] += 1
    for code, letters in SIGNATURE_LETTERS.items():
        hits[code] += sum(not letters.isdisjoint(t) for t in tokens)
    for ending in filter(None, map(_ending, content)):
        hits[ending] += 1
    best = max(hits, key=lambda c: (hits[c], c in ("es", "fr")))
    cues = ", ".join(dict.fromkeys(found)) or "a word ending"
    said = f"words of another language ({cues}), few English label words"
    if not hits[best]:
        return TextLanguage(None, False, False, False, said)
    return TextLanguage(best, False, False, True, said)


def _decided(code: str, loaded: frozenset[str], evidence: str) -> TextLanguage:
    labelled = code in loaded
    well = labelled or code in E5_LANGUAGES or code in E5_SCRIPTS
    return TextLanguage(code, code == "en", labelled, well, evidence)


def guess_languages(texts: Sequence[str], vocabularies: Mapping[str, frozenset[str]]) -> list[TextLanguage]:
    """:func:`guess_language` for each text."""
    return [guess_language(t, vocabularies) for t in texts]
