"""Read the MELO benchmark pairs and the multilingual-titles sample (evaluation data only).

MELO (Retyk et al., RecSys-in-HR 2024): national occupation titles (queries) linked to ESCO
concepts, with the ESCO labels of one language to rank (corpus elements). Each pair folder has
``queries.tsv``, ``corpus_elements.tsv``, ``annotations.tsv`` (TREC qrels) and
``concept_mapping.tsv`` (element id -> ESCO URI; ISCO group URIs occur too).
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

DATASETS = Path(__file__).resolve().parents[2] / "shared" / "datasets"
MELO = DATASETS / "melo"
PAIRS = (
    ("en>en", "usa_q_en_c_en", "en", "en"),
    ("es>es", "esp_q_es_c_es", "es", "es"),
    ("es>en", "esp_q_es_c_en", "es", "en"),
    ("fr>fr", "fra_q_fr_c_fr", "fr", "fr"),
    ("fr>en", "fra_q_fr_c_en", "fr", "en"),
)
#: Published element-level MRR (MELO paper): multilingual-e5-large and OpenAI text-embedding-3-large.
PUBLISHED = {
    "en>en": (0.656, 0.684),
    "es>es": (0.502, 0.537),
    "es>en": (0.348, 0.485),
    "fr>fr": (0.842, 0.872),
    "fr>en": (0.446, 0.616),
}


@dataclass(frozen=True)
class MeloPair:
    """One MELO pair: queries, corpus elements with their concept URI, and the relevant elements."""

    name: str
    query_language: str
    corpus_language: str
    query_ids: tuple[str, ...]
    queries: tuple[str, ...]
    element_ids: tuple[str, ...]
    elements: tuple[str, ...]
    element_uris: tuple[str, ...]
    relevant: dict[str, frozenset[str]]


def _tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE) if row]


def load_pair(name: str) -> MeloPair:
    """Read one pair by its short name (``"es>en"``)."""
    folder, q_lang, c_lang = next((f, q, c) for n, f, q, c in PAIRS if n == name)
    root = MELO / folder
    queries = _tsv(root / "queries.tsv")
    elements = _tsv(root / "corpus_elements.tsv")
    mapping = dict((row[0], row[1]) for row in _tsv(root / "concept_mapping.tsv"))
    relevant: dict[str, set[str]] = {}
    for row in _tsv(root / "annotations.tsv"):
        if int(row[3]) > 0:
            relevant.setdefault(row[0], set()).add(row[2])
    return MeloPair(
        name=name,
        query_language=q_lang,
        corpus_language=c_lang,
        query_ids=tuple(q[0] for q in queries),
        queries=tuple(q[1] for q in queries),
        element_ids=tuple(e[0] for e in elements),
        elements=tuple(e[1] for e in elements),
        element_uris=tuple(mapping[e[0]] for e in elements),
        relevant={k: frozenset(v) for k, v in relevant.items()},
    )


def available() -> bool:
    """Whether the MELO folders are beside the checkout."""
    return all((MELO / folder / "queries.tsv").is_file() for _, folder, _, _ in PAIRS)


def multilingual_titles() -> list[dict[str, object]]:
    """The 40-item sample of job titles and self-descriptions in eight languages."""
    path = DATASETS / "multilingual-titles" / "dev_sample.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
