"""The ILO forced-labour indicators and recruitment red flags, loaded from ``indicators.yaml``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from matcher.exceptions import IndicatorDataError

INDICATORS_FILE = Path(__file__).with_name("indicators.yaml")
SEVERITIES = ("high", "medium", "low")
KINDS = ("ilo", "recruitment", "screening")


@dataclass(frozen=True)
class Indicator:
    """One indicator of forced labour or recruitment red flag.

    Attributes
    ----------
    id:
        Stable identifier used in flags, e.g. ``"retention_of_identity_documents"``.
    name, description:
        Plain words for counsellors; the description is also a semantic reference.
    kind:
        ``"ilo"`` (ILO forced-labour indicator), ``"recruitment"`` (recruitment red flag) or ``"screening"``
        (a reason to hold the advert that is not about its terms: an unsupported language, formula text).
    severity:
        ``"high"``, ``"medium"`` or ``"low"``.
    fixable, fix_hint:
        Whether an employer can fix the advert by giving missing terms, and what to tell them.
    examples, counter_examples:
        Phrasings that show the indicator, and legitimate look-alikes that must not be flagged.
    explanation:
        Why it is a risk, in plain words for counsellors (the description unless the file gives more).
    semantic:
        Whether its phrasings are semantic references and classifier sentences (``False``: found by the
        lexical rules of each language only).
    cues:
        Plain word beginnings one of which a sentence must contain to be read as this indicator by
        meaning; empty for no such condition.
    """

    id: str
    name: str
    kind: str
    severity: str
    description: str
    fixable: bool
    fix_hint: str
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...]
    explanation: str = ""
    semantic: bool = True
    cues: tuple[str, ...] = ()

    def cued(self, sentence: str) -> bool:
        """Whether ``sentence`` has one of the indicator's cue words (always, when it has none).

        Examples
        --------
        >>> i = Indicator("x", "X", "ilo", "high", "d", False, "", ("e",), (), cues=("beat", "punish"))
        >>> i.cued("Slow workers are punished."), i.cued("Open and close the shop.")
        (True, False)
        """
        words = "|".join(re.escape(c) for c in self.cues)
        return not self.cues or re.search(rf"\b(?:{words})", sentence, re.IGNORECASE) is not None


@dataclass(frozen=True)
class IndicatorSet:
    """All indicators, the neutral job-advert phrasings (semantic background) and ordinary advert sentences.

    ``ordinary_sentences`` (plain duties, requirements and terms) are negatives for the sentence classifier
    only; they are not part of the semantic background.
    """

    indicators: tuple[Indicator, ...]
    neutral_phrasings: tuple[str, ...]
    ordinary_sentences: tuple[str, ...] = ()

    def by_id(self, indicator_id: str) -> Indicator:
        """Return the indicator called ``indicator_id``.

        Raises
        ------
        IndicatorDataError
            If there is no such indicator.
        """
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        raise IndicatorDataError(f"Unknown screening indicator {indicator_id!r}.")

    @property
    def ids(self) -> tuple[str, ...]:
        """Indicator ids in file order."""
        return tuple(i.id for i in self.indicators)


def text_list(raw: Any, where: str) -> tuple[str, ...]:
    """``raw`` (a YAML list of texts, or nothing) as stripped texts; else :class:`IndicatorDataError`.

    Examples
    --------
    >>> text_list([" a ", "b"], "x")
    ('a', 'b')
    """
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(x, str) and x.strip() for x in raw):
        raise IndicatorDataError(f"{where} must be a list of non-empty strings.")
    return tuple(x.strip() for x in raw)


def _indicator(raw: Any, position: int) -> Indicator:
    if not isinstance(raw, dict):
        raise IndicatorDataError(f"Indicator number {position} is not a mapping.")
    where = f"indicator {raw.get('id', position)!r}"
    for key in ("id", "name", "kind", "severity", "description"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise IndicatorDataError(f"{where} is missing the text field {key!r}.")
    if raw["severity"] not in SEVERITIES:
        raise IndicatorDataError(f"{where}: severity must be one of {SEVERITIES}, not {raw['severity']!r}.")
    if raw["kind"] not in KINDS:
        raise IndicatorDataError(f"{where}: kind must be one of {KINDS}, not {raw['kind']!r}.")
    fixable = bool(raw.get("fixable", False))
    fix_hint = str(raw.get("fix_hint") or "").strip()
    if fixable and not fix_hint:
        raise IndicatorDataError(f"{where} is fixable but has no fix_hint.")
    examples = text_list(raw.get("examples"), f"{where}: examples")
    if not examples:
        raise IndicatorDataError(f"{where} needs at least one example phrasing.")
    return Indicator(
        id=raw["id"].strip(),
        name=raw["name"].strip(),
        kind=raw["kind"],
        severity=raw["severity"],
        description=raw["description"].strip(),
        fixable=fixable,
        fix_hint=fix_hint,
        examples=examples,
        counter_examples=text_list(raw.get("counter_examples"), f"{where}: counter_examples"),
        explanation=str(raw.get("explanation") or raw["description"]).strip(),
        semantic=bool(raw.get("semantic", True)) and raw["kind"] != "screening",
        cues=text_list(raw.get("cues"), f"{where}: cues"),
    )


def read_yaml(file: Path, what: str) -> Any:
    """The parsed YAML ``file`` of screening ``what``; :class:`IndicatorDataError` if unreadable or bad."""
    try:
        return yaml.safe_load(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise IndicatorDataError(f"Cannot read the screening {what} file {file}: {exc}.") from exc
    except yaml.YAMLError as exc:
        raise IndicatorDataError(f"The screening {what} file {file} is not valid YAML: {exc}.") from exc


def load_indicators(path: str | Path | None = None) -> IndicatorSet:
    """Read the indicator definitions (the packaged ``indicators.yaml`` by default).

    Parameters
    ----------
    path:
        A YAML file in the same layout as the packaged one; ``None`` for the packaged file.

    Returns
    -------
    IndicatorSet
        The indicators in file order and the neutral phrasings.

    Raises
    ------
    IndicatorDataError
        If the file is missing, not YAML, or an indicator lacks a required field.

    Examples
    --------
    >>> data = load_indicators()
    >>> data.by_id("debt_bondage").severity
    'high'
    >>> len(data.indicators)
    27
    """
    file = Path(path) if path is not None else INDICATORS_FILE
    raw = read_yaml(file, "indicators")
    if not isinstance(raw, dict) or not isinstance(raw.get("indicators"), list):
        raise IndicatorDataError(f"{file} must have a top-level 'indicators' list.")
    indicators = tuple(_indicator(item, n) for n, item in enumerate(raw["indicators"], start=1))
    ids = [i.id for i in indicators]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise IndicatorDataError(f"{file} defines these indicator ids twice: {', '.join(duplicates)}.")
    neutral = text_list(raw.get("neutral_phrasings"), f"{file}: neutral_phrasings")
    ordinary = text_list(raw.get("ordinary_sentences"), f"{file}: ordinary_sentences")
    return IndicatorSet(indicators=indicators, neutral_phrasings=neutral, ordinary_sentences=ordinary)
