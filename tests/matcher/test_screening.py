"""Vacancy screening: evidence, negation, field checks, results, determinism and the indicator data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher.exceptions import IndicatorDataError, InputError, ModelLoadError, NotFittedError
from matcher.screening import (
    Screener,
    ScreeningResult,
    VacancyAd,
    fix_message,
    load_indicators,
    requires_review,
    screen_vacancy,
)
from matcher.screening.classifier import SentenceClassifier, load_classifier
from matcher.screening.patterns import find_hits
from matcher.screening.segments import is_negated, split_sentences
from matcher.screening.wages import employer_unnamed, parse_wage, wage_ratio


def _ad(description: str, **fields: Any) -> VacancyAd:
    return VacancyAd(
        **({"id": "v1", "title": "Picker", "employer": "Acme Ltd", "description": description} | fields)
    )


# --- evidence -----------------------------------------------------------------------------------------


def test_evidence_quotes_the_exact_sentence_and_locates_it(lexical: Screener) -> None:
    text = "Picking apples in Kent. Your passport will be kept by the supervisor. Paid weekly."
    (flag,) = lexical.screen(_ad(text)).flags
    assert flag.indicator == "retention_of_identity_documents"
    assert flag.evidence == "Your passport will be kept by the supervisor."
    assert text[flag.start : flag.end] == flag.evidence
    assert flag.field == "description" and flag.source == "pattern"
    assert flag.trigger in flag.evidence


def test_evidence_from_the_title_names_the_title(lexical: Screener) -> None:
    (flag,) = lexical.screen(_ad("Cleaning offices.", title="Cleaners - no papers needed")).flags
    assert flag.field == "title" and flag.indicator == "no_papers_needed"


def test_unnamed_employer_is_quoted_from_the_employer_field(lexical: Screener) -> None:
    (flag,) = lexical.screen(_ad("Hotel work.", employer="")).flags
    assert (flag.indicator, flag.field, flag.evidence) == (
        "unidentified_employer",
        "employer",
        "(no employer named)",
    )


# --- negation -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("We never hold passports.", "retention_of_identity_documents"),
        ("You keep your own passport at all times.", "retention_of_identity_documents"),
        ("Passports are kept by the worker.", "retention_of_identity_documents"),
        ("No fees are charged to workers.", "recruitment_fees"),
        ("We do not charge any placement fee.", "recruitment_fees"),
        ("The employer pays the visa fee and the recruitment fee.", "recruitment_fees"),
        ("There are no deductions for housing or transport.", "wage_deductions"),
        ("Travel costs advanced by the employer and not deducted.", "debt_bondage"),
    ],
)
def test_negated_or_cancelled_statements_are_not_hits(text: str, indicator: str) -> None:
    assert indicator not in {h.indicator for h in find_hits(split_sentences(text))}


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("We keep your passport safe.", "retention_of_identity_documents"),
        ("A placement fee of 500 euro is payable on signing.", "recruitment_fees"),
        ("Rent is deducted from your salary.", "wage_deductions"),
        ("No papers, no problem.", "no_papers_needed"),
        ("No day off in the first six months.", "excessive_overtime"),
    ],
)
def test_affirmative_statements_are_hits(text: str, indicator: str) -> None:
    assert indicator in {h.indicator for h in find_hits(split_sentences(text))}


@pytest.mark.parametrize(
    ("text", "words", "negated"),
    [
        ("We never hold passports", "hold passports", True),
        ("Free meals, we hold passports", "hold passports", False),
        ("Visa fee reimbursed", "Visa fee", True),
        ("Rent is deducted", "Rent is deducted", False),
        ("The agent pays you", "agent pays", False),
    ],
)
def test_is_negated(text: str, words: str, negated: bool) -> None:
    start = text.index(words)
    assert is_negated(text, start, start + len(words)) is negated


# --- field checks -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wage", "monthly", "currency"),
    [
        ("GBP 12 per hour", 2080.0, "GBP"),
        ("EUR 100 per day", 100 * 5 * 52 / 12, "EUR"),
        ("NPR 1,60,000", 160000.0, "NPR"),
        ("£500/week", 500 * 52 / 12, "GBP"),
        ("EUR 33,000 per year", 2750.0, "EUR"),
        (1500, 1500.0, None),
    ],
)
def test_parse_wage(wage: Any, monthly: float, currency: str | None) -> None:
    parsed = parse_wage(wage)
    assert parsed is not None
    assert parsed.monthly == pytest.approx(monthly)
    assert parsed.currency == currency


@pytest.mark.parametrize("wage", [None, "Good salary", "", "negotiable", 0])
def test_unreadable_wage_is_none(wage: Any) -> None:
    assert parse_wage(wage) is None


@pytest.mark.parametrize(
    ("wage", "reference", "flagged"),
    [
        ("EUR 6,000 per month", "EUR 2,000 per month", True),
        ("EUR 2,500 per month", "EUR 2,000 per month", False),
        ("EUR 40 per hour", 12, True),
        ("USD 9,000 per month", "EUR 2,000 per month", False),
        ("EUR 6,000 per month", None, False),
    ],
)
def test_wage_against_reference_pay(lexical: Screener, wage: str, reference: Any, flagged: bool) -> None:
    result = lexical.screen(_ad("Packing boxes.", wage=wage, reference_wage=reference))
    assert ("too_good_to_be_true" in {f.indicator for f in result.flags}) is flagged
    assert result.flagged is flagged


def test_wage_ratio_reads_bare_reference_in_the_wages_period() -> None:
    assert wage_ratio("GBP 24 per hour", 12) == pytest.approx(2.0)


@pytest.mark.parametrize(
    ("employer", "unnamed"),
    [
        ("", True),
        ("Confidential", True),
        ("n/a", True),
        ("Agent", True),
        ("Mrs Chan", False),
        ("Lidl GB", False),
    ],
)
def test_employer_unnamed(employer: str, unnamed: bool) -> None:
    assert employer_unnamed(employer) is unnamed


# --- results, review and fix messages ----------------------------------------------------------------


def test_result_contract_form(lexical: Screener) -> None:
    out = lexical.screen(_ad("Salary paid at the end of the contract.")).to_dict()
    assert set(out) == {"id", "flagged", "score", "flags"}
    assert out["flagged"] is True and 0.0 <= out["score"] <= 1.0
    assert out["flags"] == [
        {
            "indicator": "pay_withheld_until_end",
            "severity": "high",
            "evidence": "Salary paid at the end of the contract.",
        }
    ]


def test_requires_review_follows_flagged(lexical: Screener) -> None:
    assert requires_review(lexical.screen(_ad("We keep your passport safe.")))
    assert not requires_review(lexical.screen(_ad("Paid weekly by bank transfer.")))


def test_fix_message_names_fixable_omissions(lexical: Screener) -> None:
    result = lexical.screen(_ad("You will sign the contract when you arrive.", employer="Confidential"))
    message = fix_message(result)
    assert message is not None
    assert "registered name" in message and "written contract" in message
    assert "You will sign the contract when you arrive." in message


def test_fix_message_is_none_when_nothing_is_fixable(lexical: Screener) -> None:
    assert fix_message(lexical.screen(_ad("We keep your passport safe."))) is None


def test_screen_vacancy_accepts_a_mapping(lexical: Screener) -> None:
    result = screen_vacancy({"id": 3, "employer": "Acme", "description": "Cash in hand only."}, lexical)
    assert result.vacancy_id == "3" and result.flags[0].indicator == "cash_or_third_party_pay"


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"title": "Cook"}, "has no 'id'"),
        ({"id": "a", "description": ["list"]}, "field 'description'"),
        ({"id": "a", "wage": {"amount": 3}}, "field 'wage'"),
        ("not an object", "must be a JSON object"),
    ],
)
def test_malformed_vacancy_is_refused_naming_the_field(record: Any, message: str) -> None:
    with pytest.raises(InputError, match=message):
        VacancyAd.from_mapping(record, where="line 4")


def test_screening_before_fit_is_refused() -> None:
    with pytest.raises(NotFittedError):
        Screener().screen(_ad("x"))


@pytest.mark.parametrize("kwargs", [{"flag_threshold": 1.5}, {"wage_ratio_limit": 1.0}])
def test_bad_screener_settings_are_refused(kwargs: dict[str, float]) -> None:
    with pytest.raises(InputError):
        Screener(**kwargs).fit()


# --- determinism and invariants -----------------------------------------------------------------------

PHRASES = [
    "We keep your passport safe.",
    "No fees are charged.",
    "Paid weekly.",
    "Rent is deducted from your wages.",
    "Only 2 places left, decide today!",
    "Free accommodation.",
    "Work 16 hours a day.",
    "Cleaners wanted",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(PHRASES), max_size=5), st.sampled_from(["", "Acme Ltd"]))
def test_score_and_evidence_invariants(lexical: Screener, phrases: list[str], employer: str) -> None:
    text = " ".join(phrases)
    result = lexical.screen(_ad(text, employer=employer))
    assert 0.0 <= result.score <= 1.0
    assert result.flagged is (result.score >= lexical.flag_threshold)
    assert len({f.indicator for f in result.flags}) == len(result.flags)
    for flag in result.flags:
        if flag.field == "description":
            assert text[flag.start : flag.end] == flag.evidence


@pytest.mark.model
def test_screening_is_deterministic_and_batch_independent(encoder: Any) -> None:
    ads = [_ad(p, id=str(n)) for n, p in enumerate(PHRASES)]
    first = Screener(encoder=encoder).fit().screen_many(ads)
    again = Screener(encoder=encoder).fit().screen_many(ads)
    one_by_one = [Screener(encoder=encoder).fit().screen(ad) for ad in ads[:3]]
    assert first == again
    assert first[:3] == one_by_one
    assert all(isinstance(r, ScreeningResult) for r in first)


# --- indicator data and the classifier ---------------------------------------------------------------


def test_packaged_indicators_are_complete() -> None:
    data = load_indicators()
    assert len(data.indicators) == 27
    for indicator in data.indicators:
        assert indicator.examples and indicator.counter_examples and indicator.description
        assert (indicator.fix_hint != "") is indicator.fixable


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("indicators: 3", "top-level 'indicators' list"),
        (
            "indicators:\n  - id: a\n    name: A\n    kind: ilo\n    description: d\n    examples: [x]",
            "'severity'",
        ),
        (
            "indicators:\n  - {id: a, name: A, kind: ilo, severity: grave, description: d, examples: [x]}",
            "severity must be",
        ),
        (
            "indicators:\n  - {id: a, name: A, kind: ilo, severity: high, description: d}",
            "at least one example",
        ),
        (
            "indicators:\n  - {id: a, name: A, kind: ilo, severity: high, description: d, examples: [x],"
            " fixable: true}",
            "no fix_hint",
        ),
        ("indicators: [\n", "not valid YAML"),
    ],
)
def test_malformed_indicator_file_is_refused(tmp_path: Path, yaml_text: str, message: str) -> None:
    path = tmp_path / "indicators.yaml"
    path.write_text(yaml_text)
    with pytest.raises(IndicatorDataError, match=message):
        load_indicators(path)


def test_missing_indicator_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(IndicatorDataError, match="Cannot read"):
        load_indicators(tmp_path / "absent.yaml")


def test_classifier_refuses_embeddings_of_another_width() -> None:
    clf = load_classifier()
    with pytest.raises(ModelLoadError, match="retrain"):
        clf.predict_proba(np.zeros((1, 10), dtype=np.float32))


def test_classifier_round_trips_through_json(tmp_path: Path) -> None:
    clf = SentenceClassifier((0.5, -0.25), 0.1, "m", 10.0, 3, 4)
    clf.save(tmp_path / "c.json")
    assert load_classifier(tmp_path / "c.json") == clf
