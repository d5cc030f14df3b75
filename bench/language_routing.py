"""Which way the language guess sends titles: the English path or the multilingual one (no model needed).

    .venv/bin/python bench/language_routing.py [--languages en] [--languages en es fr]

For MELO's Spanish, French and English queries, the JobBERT dev titles (English) and the
multilingual-titles sample, it counts the texts that take the English path with ESCO loaded in the
given languages (default: English only, as the demo reads it). The peer, in the same process, is the
guess without its last step for titles that English labels barely cover
(``matcher.text_language._other_language_title``), which is how it was before that step.
Evaluation data only; nothing is trained or tuned here. Never reads ../shared/holdout.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT, ROOT / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from _melo import DATASETS, available, load_pair, multilingual_titles  # noqa: E402
from train_heads import load_titles  # noqa: E402

from matcher import text_language  # noqa: E402
from matcher.esco import load_esco  # noqa: E402
from matcher.multilingual import language_groups  # noqa: E402

FOLDERS = {"en": DATASETS / "esco", "es": DATASETS / "esco-es", "fr": DATASETS / "esco-fr"}


@contextmanager
def without_title_step() -> Iterator[None]:
    """The guess as it was before titles English labels barely cover were given another language."""
    with mock.patch.object(text_language, "_other_language_title", lambda *_: None):
        yield


def english_path(texts: Sequence[str], vocabularies: dict[str, frozenset[str]]) -> int:
    return sum(text_language.guess_language(t, vocabularies).english_path for t in texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--languages", nargs="+", choices=sorted(FOLDERS), default=["en"])
    args = parser.parse_args()
    if not available() or not (DATASETS / "dev-benchmarks").is_dir():
        raise SystemExit(f"skipped: MELO and dev-benchmarks are needed under {DATASETS}")
    esco = load_esco([FOLDERS[code] for code in args.languages])
    groups = language_groups(esco.occupations)
    vocabularies = text_language.label_vocabularies({k: [t for g in v for t in g] for k, v in groups.items()})
    sets = {
        "MELO Spanish queries": list(load_pair("es>en").queries),
        "MELO French queries": list(load_pair("fr>en").queries),
        "MELO English queries": list(load_pair("en>en").queries),
        "JobBERT dev titles (English)": load_titles(DATASETS / "dev-benchmarks")[0],
        "multilingual-titles dev sample": [str(item["text"]) for item in multilingual_titles()],
    }
    print(f"ESCO loaded in: {', '.join(args.languages)}")
    print("| set | texts | English path, without the title step (peer) | English path now |")
    print("|---|---:|---:|---:|")
    for name, texts in sets.items():
        now = english_path(texts, vocabularies)
        with without_title_step():
            peer = english_path(texts, vocabularies)
        share = len(texts)
        print(f"| {name} | {share:,} | {peer:,} ({peer / share:.1%}) | {now:,} ({now / share:.1%}) |")


if __name__ == "__main__":
    main()
