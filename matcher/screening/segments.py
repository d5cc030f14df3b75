"""Split advert text into sentences with their character offsets, and recognise negated statements."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+|(?<=[!?])(?=[A-Za-z])|\s+-\s+|\s*\|\s*")
_CLAUSE_BREAK = re.compile(r"[,;:(]|\bbut\b|\bwhile\b|\bhowever\b", re.IGNORECASE)
_NEGATOR = re.compile(
    r"\b(?:no|not|never|none|nothing|without|zero|nor|neither|cannot|free|aucun|sans)\b|"
    r"\b(?:don|doesn|didn|isn|aren|wasn|weren|won|can|couldn|shouldn|wouldn|hasn|haven|hadn|mustn)'?t\b",
    re.IGNORECASE,
)
_CANCELS_AFTER = re.compile(
    r"^\W{0,3}(?:is |are |will be )?(?:free of charge|for free|free\b|paid by|covered by|reimbursed|refunded|"
    r"returned to you|not deducted|nothing\b)",
    re.IGNORECASE,
)


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


_CLAUSE_SPLIT = re.compile(r",\s+|\s+and\s+(?=\w+\s)|\s+but\s+|\s+-\s+", re.IGNORECASE)


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


def has_negator(text: str) -> bool:
    """Whether ``text`` contains a negating word ("no", "never", "don't", "without", "free"...).

    Examples
    --------
    >>> has_negator("We never hold passports"), has_negator("We hold passports")
    (True, False)
    """
    return bool(_NEGATOR.search(text))


def is_negated(text: str, start: int, end: int) -> bool:
    """Whether the words at ``text[start:end]`` are negated or cancelled by their context.

    Looks for a negator ("no", "never", "don't", "without", "free") in the same clause before the words
    or inside them, and for "free of charge", "paid by", "reimbursed" right after them.

    Examples
    --------
    >>> t = "We never hold passports"
    >>> is_negated(t, 9, 23)
    True
    >>> is_negated("We hold passports", 3, 17)
    False
    >>> is_negated("Visa fee reimbursed", 0, 8)
    True
    """
    if _NEGATOR.search(clause_before(text, start)) or _NEGATOR.search(text[start:end]):
        return True
    return bool(_CANCELS_AFTER.search(text[end : end + 40]))
