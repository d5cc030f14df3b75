"""Split advert text into sentences with their character offsets, and recognise negated statements."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+|(?<=[!?])(?=[A-Za-z¿¡])|\s+-\s+|\s*\|\s*|\s+(?=[¿¡])")
_CLAUSE_BREAK = re.compile(
    r"[,;:(]|\b(?:but|while|however|pero|aunque|sino|mais|tandis que|cependant)\b", re.IGNORECASE
)
_CONTRACTION = (
    r"\b(?:don|doesn|didn|isn|aren|wasn|weren|won|can|couldn|shouldn|wouldn|hasn|haven|hadn|mustn)['’]?t\b"
)
#: Words that negate what follows them in the same clause, per language.
NEGATORS: dict[str, re.Pattern[str]] = {
    "en": re.compile(
        r"\b(?:no|not|never|none|nothing|nobody|without|zero|nor|neither|cannot|free)\b|\bno[- ]one\b|"
        + _CONTRACTION,
        re.IGNORECASE,
    ),
    "es": re.compile(
        r"\b(?:no|nunca|jamás|ningún|ninguna|ninguno|nada|nadie|sin|ni|tampoco|gratis|gratuit[oa]s?)\b",
        re.IGNORECASE,
    ),
    "fr": re.compile(
        r"\b(?:ne|pas|jamais|aucun|aucune|aucuns|aucunes|sans|rien|ni|nul|nulle|gratuit\w*)\b|\bn['’]|"
        r"\bpersonne\b(?!\s+(?:âgée|agée|âgées|handicapée|dépendante|qui|de|en|à|aidée))",
        re.IGNORECASE,
    ),
}
#: Words right after a cost that cancel it (someone else pays it, or it is given back), per language.
CANCELS_AFTER: dict[str, re.Pattern[str]] = {
    "en": re.compile(
        r"^\W{0,3}(?:is |are |will be )?(?:free of charge|for free|free\b|paid by|covered by|reimbursed|"
        r"refunded|returned to you|not deducted|nothing\b|none\b|nil\b|waived\b|zero\b|n/a\b)",
        re.IGNORECASE,
    ),
    "es": re.compile(
        r"^\W{0,3}(?:te |le |les |se )?(?:lo |la |los |las )?(?:es |son |será |serán |corre |corren )?(?:grat"
        r"is|ninguna?\b|"
        r"cero\b|gratuit[oa]s?|a cargo de|"
        r"pagad[oa]s? por|"
        r"cubiert[oa]s? por|reembolsad\w*|devuelt\w*|no se descuenta)",
        re.IGNORECASE,
    ),
    "fr": re.compile(
        r"^\W{0,3}(?:vous |leur |lui |te )?(?:est |sont |sera |seront )?(?:aucun\w*|n[ée]ant\b|gratuit\w*|off"
        r"ert\w*|pris\w* en charge|payée?s? par|"
        r"rembours\w*|à la charge de l|restitu\w*|rendu\w*)",
        re.IGNORECASE,
    ),
}


@dataclass(frozen=True)
class Segment:
    """One sentence of one advert field, with its offsets in that field's text."""

    field: str
    start: int
    end: int
    text: str


def split_sentences(text: str, field: str = "description") -> tuple[Segment, ...]:
    """Split ``text`` into sentences, keeping offsets so that evidence quotes the exact words.

    Examples
    --------
    >>> [s.text for s in split_sentences("Cleaners wanted. We keep your passport safe!")]
    ['Cleaners wanted.', 'We keep your passport safe!']
    >>> split_sentences("Pay weekly.  No fees.")[1].start
    13
    """
    segments: list[Segment] = []
    position = 0
    for cut in [*_SENTENCE_END.finditer(text), None]:
        stop = cut.start() if cut is not None else len(text)
        piece = text[position:stop]
        stripped = piece.strip()
        if stripped:
            begin = position + piece.index(stripped)
            segments.append(Segment(field, begin, begin + len(stripped), stripped))
        if cut is not None:
            position = cut.end()
    return tuple(segments)


_CLAUSE_SPLIT = re.compile(r",\s+|\s+(?:and|y|et)\s+(?=\w+\s)|\s+(?:but|pero|mais)\s+|\s+-\s+", re.IGNORECASE)


def with_clauses(segment: Segment, min_words: int = 3) -> tuple[Segment, ...]:
    """The sentence followed by its comma- or "but"-separated clauses of at least ``min_words`` words.

    A long sentence can carry one warning among ordinary terms; its clauses are matched on their own so the
    warning is not diluted, and the evidence quotes just that clause.

    Examples
    --------
    >>> [s.text for s in with_clauses(split_sentences("Free meals, we keep your passport safe.")[0])]
    ['Free meals, we keep your passport safe.', 'we keep your passport safe.']
    >>> [s.text for s in with_clauses(split_sentences("Cleaners wanted, start now.")[0])]
    ['Cleaners wanted, start now.']
    """
    parts: list[Segment] = [segment]
    pieces = _CLAUSE_SPLIT.split(segment.text)
    if len(pieces) < 2:
        return (segment,)
    cursor = 0
    for piece in pieces:
        at = segment.text.index(piece, cursor)
        cursor = at + len(piece)
        if len(piece.split()) >= min_words:
            parts.append(Segment(segment.field, segment.start + at, segment.start + cursor, piece))
    return tuple(parts)


def clause_before(text: str, start: int, reach: int = 60) -> str:
    """The words before ``start`` back to the last comma, semicolon or 'but' (at most ``reach`` chars).

    Examples
    --------
    >>> clause_before("Free meals, we keep your passport", 15)
    ' we '
    """
    window = text[max(0, start - reach) : start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    return window[breaks[-1].end() :] if breaks else window


def has_negator(text: str, language: str = "en") -> bool:
    """Whether ``text`` contains a negating word ("no", "never", "don't", "without", "free"...).

    Examples
    --------
    >>> has_negator("We never hold passports"), has_negator("We hold passports")
    (True, False)
    >>> has_negator("Nunca retenemos pasaportes", "es"), has_negator("On ne garde pas", "fr")
    (True, True)
    """
    return bool(NEGATORS[language].search(text))


def is_negated(text: str, start: int, end: int, language: str = "en") -> bool:
    """Whether the words at ``text[start:end]`` are negated or cancelled by their context.

    Looks for a negator ("no", "never", "don't", "without", "free"; "sin", "nunca"; "ne", "aucun") in the
    same clause before the words or inside them, and for "free of charge", "paid by", "reimbursed" (or the
    Spanish and French equivalents) right after them.

    Examples
    --------
    >>> t = "We never hold passports"
    >>> is_negated(t, 9, 23)
    True
    >>> is_negated("We hold passports", 3, 17)
    False
    >>> is_negated("Visa fee reimbursed", 0, 8)
    True
    >>> is_negated("Aucun frais n'est demandé", 6, 11, "fr")
    True
    """
    negator = NEGATORS[language]
    if negator.search(clause_before(text, start)) or negator.search(text[start:end]):
        return True
    return bool(CANCELS_AFTER[language].search(text[end : end + 40]))
