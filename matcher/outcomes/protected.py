"""The rule that protected attributes never enter an outcome model, as a check that cannot be skipped.

Gender, nationality, age (or an age band), trafficking history and the like are kept beside a
history for auditing only (:attr:`~matcher.outcomes.history.History.audit`). A feature whose name
names one of them is refused, whatever its case or separators (``Gender``, ``age_band``,
``nationality_code``, ``was-trafficked``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from matcher.exceptions import ProtectedAttributeError

#: Words that mark a name as a protected attribute (matched as whole words of the normalised name).
PROTECTED_WORDS: frozenset[str] = frozenset(
    {
        "gender",
        "sex",
        "nationality",
        "citizenship",
        "country_of_origin",
        "ethnicity",
        "race",
        "religion",
        "age",
        "age_band",
        "birth",
        "date_of_birth",
        "birth_year",
        "trafficking",
        "trafficked",
        "trafficking_history",
        "survivor",
        "disability",
        "pregnancy",
        "marital_status",
    }
)


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[^a-z0-9]+", name.lower()) if w]


def is_protected(name: str) -> bool:
    """Whether a feature name names a protected attribute.

    Examples
    --------
    >>> is_protected("Age band"), is_protected("nationality_code"), is_protected("hours_fit")
    (True, True, False)
    >>> is_protected("wage")  # whole words only: "age" inside "wage" is not a match
    False

    """
    words = _words(name)
    joined = "_".join(words)
    if joined in PROTECTED_WORDS:
        return True
    pairs = {"_".join(words[i : i + 2]) for i in range(len(words) - 1)}
    return any(w in PROTECTED_WORDS for w in [*words, *pairs])


def check_features(names: Iterable[str]) -> None:
    """Raise :class:`ProtectedAttributeError` if any feature name names a protected attribute."""
    refused = sorted({name for name in names if is_protected(name)})
    if refused:
        raise ProtectedAttributeError(
            f"protected attribute(s) {refused} may never be features of an outcome model; "
            "keep them in the history's audit attributes, which are used for subgroup auditing only"
        )
