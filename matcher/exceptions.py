"""Errors raised by the matcher, with messages a counsellor or operator can act on."""

from __future__ import annotations


class MatcherError(Exception):
    """Base class for every error the matcher raises on purpose."""


class NotFittedError(MatcherError):
    """A method that needs a fitted object was called before ``fit``."""


class ModelLoadError(MatcherError):
    """The sentence-transformers model could not be loaded."""


class MissingVectorsError(MatcherError):
    """Texts were looked up among stored vectors that do not hold them yet (they need encoding first)."""

    def __init__(self, missing: int) -> None:
        super().__init__(f"{missing} text(s) have no stored vector yet; encode them first.")
        self.missing = missing


class EscoDataError(MatcherError):
    """An ESCO directory is missing files or columns."""


class InputError(MatcherError):
    """Outside input (a file, a line, a record) is malformed; the message names where."""


class AssignmentError(InputError):
    """A placement-assignment instance is invalid (unknown or duplicate ids, bad capacity or score)."""


class IndicatorDataError(MatcherError):
    """The vacancy-screening indicator definitions (YAML) are missing or malformed."""


class TooLittleHistoryError(MatcherError):
    """Too few recorded proposals or outcomes to learn from; callers fall back to the match score.

    ``needed`` and ``found`` say how many outcomes were required and how many the history held.
    """

    def __init__(self, message: str, *, needed: int, found: int) -> None:
        super().__init__(message)
        self.needed = needed
        self.found = found


class ProtectedAttributeError(MatcherError):
    """A protected attribute (gender, nationality, age, trafficking history, ...) was offered as a feature."""
