"""Words that read as a warning only in another sense: tickets, documents, deposits, "any gender".

Handled by cause: a homonym guard says why the word names an ordinary thing in the sentence, for the
patterns and for the meaning-based route alike (which no longer passes such a sentence on to its next
nearest warning). The demo's two false alarms ("log and resolve tickets" on an IT service desk job held as
debt bondage; "patient people of any gender welcome" on a daycare job held as sexual exploitation) are
pinned here with different wordings of the same ordinary things, beside real warnings that use the same
words and must still be flagged.
"""

from __future__ import annotations

from typing import Any

import pytest

from matcher.screening import Screener, ScreeningResult
from matcher.screening.patterns import homonym_reason

ORDINARY = [
    ("Log, triage and close support tickets raised by ward staff.", "debt_bondage"),
    ("Handle customer tickets in the help desk system and escalate faults to second line.", "debt_bondage"),
    (
        "Prepare shipping documents and customs paperwork for each export order.",
        "retention_of_identity_documents",
    ),
    ("Keep the project documents and personnel files in order.", "retention_of_identity_documents"),
    ("Count the till and take the bank deposits to the branch each evening.", "work_related_charges"),
    ("Wages by direct deposit into your own bank account.", "withholding_of_wages"),
    ("Kind, calm people of any gender are welcome to apply.", "physical_sexual_violence"),
    ("We welcome women and men of all backgrounds.", "physical_sexual_violence"),
    ("Sports massage for the first team after matches.", "physical_sexual_violence"),
    ("Loan officer: assess applications and arrange repayments.", "debt_bondage"),
    ("No cold calling: every lead has asked for a visit.", "excessive_overtime"),
]

STILL_WARNINGS = [
    ("We lend you the money for the flight ticket and take it back from your wages.", "debt_bondage"),
    (
        "The agent keeps the workers' documents in the office until the contract ends.",
        "retention_of_identity_documents",
    ),
    ("A deposit of 100 pounds for the tools is paid on day one.", "work_related_charges"),
    ("Pretty girls wanted to sit with guests after the show.", "physical_sexual_violence"),
]


def _ad(n: int, description: str) -> dict[str, Any]:
    return {"id": str(n), "title": "Assistant", "employer": "Acme Ltd", "location": "Leeds",
            "description": description}  # fmt: skip


@pytest.mark.parametrize(("sentence", "indicator"), ORDINARY)
def test_each_homonym_is_explained_by_its_cause(sentence: str, indicator: str) -> None:
    assert homonym_reason(indicator, sentence) is not None


@pytest.mark.parametrize(("sentence", "indicator"), STILL_WARNINGS)
def test_a_real_warning_is_not_explained_away(sentence: str, indicator: str) -> None:
    assert homonym_reason(indicator, sentence) is None


@pytest.mark.parametrize(("sentence", "indicator"), ORDINARY)
def test_ordinary_senses_are_not_flagged_by_patterns(
    lexical: Screener, sentence: str, indicator: str
) -> None:
    assert not lexical.screen(_ad(0, sentence)).flagged


@pytest.mark.parametrize(("sentence", "indicator"), STILL_WARNINGS)
def test_warnings_with_the_same_words_are_flagged(lexical: Screener, sentence: str, indicator: str) -> None:
    assert indicator in {f.indicator for f in lexical.screen(_ad(0, sentence)).flags}


@pytest.fixture(scope="module")
def by_meaning(encoder: Any) -> list[ScreeningResult]:
    """The full screener (patterns and the meaning-based route) on the ordinary sentences, one batch."""
    return Screener(encoder=encoder).fit().screen_many([_ad(n, s) for n, (s, _) in enumerate(ORDINARY)])


@pytest.mark.model
@pytest.mark.parametrize("number", range(len(ORDINARY)))
def test_ordinary_senses_are_not_flagged_by_meaning(by_meaning: list[ScreeningResult], number: int) -> None:
    result = by_meaning[number]
    assert not result.flagged, (ORDINARY[number][0], result.flags)


@pytest.mark.model
def test_a_homonym_is_not_passed_on_to_the_next_nearest_warning(encoder: Any) -> None:
    """Before: with debt bondage cancelled, "resolve tickets by phone" became isolation (*phone taken*)."""
    text = "You will log and resolve tickets by phone and chat, and pass the hard ones to second line."
    result = Screener(encoder=encoder).fit().screen(_ad(1, text))
    assert result.flags == ()


# --- the most frightening label needs a word of its own --------------------------------------------


def test_sexual_violence_needs_one_of_its_words() -> None:
    from matcher.screening import load_indicators

    indicator = load_indicators().by_id("physical_sexual_violence")
    assert indicator.cued("Girls must entertain the guests after closing.")
    assert not indicator.cued("Run the store when the manager is off: open up, close down, cash office.")


@pytest.mark.model
def test_a_duty_drawn_near_sexual_violence_by_topic_words_is_not_flagged(encoder: Any) -> None:
    """Before the cue words: a shift lead's duties ("opening and closing when the manager is away") read as
    *private visits to clients after closing* once the classifier was retrained on the wider patterns."""
    text = "You will run the store when the manager is off: opening up, closing down and the cash office."
    result = Screener(encoder=encoder).fit().screen(_ad(2, text))
    assert "physical_sexual_violence" not in {f.indicator for f in result.flags}


#: Duties found ordinary in ESCO's English occupation descriptions (screened as adverts, patterns only):
#: "ids" inside "liquids" read as identity documents, entertaining hotel guests read as sexual
#: exploitation, calling the police about intruders read as a threat.
DUTIES_IN_OCCUPATION_DESCRIPTIONS = [
    "Install pumps to collect and remove liquids and chemicals from the site.",
    "Tourist animator: plan games and shows to entertain customers at the resort.",
    "Monitor the alarms and contact police in cases of trespassing.",
    # and in ESCO's English skill descriptions: cooking, sales targets, a guard's rounds, paperwork
    "Commis chef: beat eggs, whisk sauces and prepare the dough each morning.",
    "Sales executive: a team that likes to beat its targets.",
    "Night security: patrol the site and ensure gates and doors are locked.",
    "Keep the documents and records supporting each transaction.",
    "Inspect chimneys and notify the relevant authorities of any defect.",
]


@pytest.mark.parametrize("sentence", DUTIES_IN_OCCUPATION_DESCRIPTIONS)
def test_duties_from_occupation_descriptions_are_not_flagged(lexical: Screener, sentence: str) -> None:
    result = lexical.screen(_ad(1, sentence))
    assert not result.flagged, [f.indicator for f in result.flags]


@pytest.mark.parametrize(
    ("sentence", "indicator"),
    [
        ("The supervisor beats workers who are slow.", "physical_sexual_violence"),
        ("The doors are locked at night so that no one leaves.", "restriction_of_movement"),
        ("If you complain we will inform the authorities about your visa.", "intimidation_threats"),
        ("We keep the workers' documents until the contract ends.", "retention_of_identity_documents"),
    ],
)
def test_the_same_words_as_a_warning_still_flag(lexical: Screener, sentence: str, indicator: str) -> None:
    assert indicator in {f.indicator for f in lexical.screen(_ad(1, sentence)).flags}


def test_entertaining_clients_in_private_is_still_a_warning(lexical: Screener) -> None:
    """The guard for a tourist animator's duty does not cover hostesses entertaining clients privately."""
    result = lexical.screen(_ad(1, "Hostesses entertain clients in private rooms after the show."))
    assert "physical_sexual_violence" in {f.indicator for f in result.flags}
