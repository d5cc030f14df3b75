"""How each of a person's phrases should be made into a vector, and which stored ones are stale.

A phrase in English is encoded as it is (``""``); with ESCO read, a phrase in another
language is placed through its ESCO occupations, and its stored vector names the bridge
that made it (:attr:`matcher.grounding.PersonBridge.identity`). A vector made another way
(before ESCO was read, or through other ESCO files) is made again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from matcher.encoder import VectorTable

if TYPE_CHECKING:
    from matcher.grounding import PersonBridge
    from web.matching.vectors import Keys


def ways(texts: Sequence[str], bridge: PersonBridge | None) -> dict[str, str] | None:
    """How each text's vector should be made: ``""`` (the encoder) or the bridge's identity.

    ``None`` without a bridge: any stored vector will do, however it was made.
    """
    if bridge is None:
        return None
    unique = list(dict.fromkeys(texts))
    crossing = bridge.crosses(unique)
    return {t: bridge.identity if c else "" for t, c in zip(unique, crossing, strict=True)}


def to_make(
    texts: Sequence[str],
    key: Keys,
    table: VectorTable,
    made: Mapping[str, str],
    wanted: Mapping[str, str] | None,
) -> list[str]:
    """The distinct texts whose vector is missing, or was made otherwise than ``wanted``."""
    return [
        t
        for t in dict.fromkeys(texts)
        if key(t) not in table.vectors or (wanted is not None and made.get(key(t), "") != wanted[t])
    ]
