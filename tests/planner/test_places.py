"""The figures of a place: sourced per country, asked for where no source exists, never borrowed."""

from __future__ import annotations

import pytest

from planner.comparison import compare_lenders, lender_offers
from planner.exceptions import MissingFigureError, UnknownCountryError
from planner.parameters import load_parameter_set, threex6_config
from planner.places import (
    COOPERATIVE_SETTINGS,
    available_countries,
    cooperative_figures,
    country_parameters,
    lender_choice,
    threex6_defaults,
)


@pytest.mark.parametrize("code", [code for code, _ in available_countries()])
def test_every_country_names_its_currency_and_lenders(code: str) -> None:
    place = country_parameters(code)
    assert len(place.currency) == 3 and place.lenders.startswith("lenders_")
    choice = lender_choice(place)
    assert len(choice.offers) + len(choice.ask) >= 3
    for section in place.parameters.sections.values():
        for entry in section.values():
            assert entry.source.strip()
            if entry.value is None:  # an unsourced figure says so, it does not pretend
                assert "no" in entry.source.lower()


def test_the_issue_four_countries_are_there() -> None:
    assert {name for _, name in available_countries()} >= {"Nepal", "Ethiopia", "Burundi", "United Kingdom"}


def test_an_eleven_member_group_in_nepal_plans_for_itself_at_the_legal_minimum() -> None:
    # issue 17: the 3x6 defaults enrolled 297 people in 27 groups at NPR 136.36 a day
    start = threex6_defaults(country_parameters("Nepal"), 11)
    config = threex6_config({**start.require(), "business": {}}, defaults="threex6_burundi")
    assert (config.participants, config.n_groups, config.group_size) == (11, 1, 11)
    assert config.daily_wage == country_parameters("NP").figure("wages", "minimum_wage_daily") == 665
    assert config.daily_wage * 26 == pytest.approx(17300, rel=0.01)


def test_a_big_cooperative_forms_several_groups() -> None:
    start = threex6_defaults(country_parameters("GB"), 75)
    assert (start.values["participants"], start.values["group_size"]) == (75, 30)


def test_ethiopia_asks_for_rates_instead_of_using_nepals() -> None:
    # issue 17: the Addis Ababa group's loan page compared ETB loans with Nepal Rastra Bank rates
    choice = lender_choice(country_parameters("ET"))
    assert choice.offers == ()
    said = [str(m) for m in choice.ask]
    assert all("type the rate the lender states" in s for s in said)
    assert not any("Nepal" in s for s in said)
    with pytest.raises(MissingFigureError, match="no sourced Commercial bank rate"):
        lender_offers("lenders_ethiopia")
    start = threex6_defaults(country_parameters("ET"), 12)
    assert "daily_wage" not in start.values and len(start.ask) == 2
    with pytest.raises(MissingFigureError, match="Ethiopia: no sourced figure for daily_wage"):
        start.require()


def test_a_figure_known_only_in_another_currency_is_asked_for() -> None:
    burundi = country_parameters("BI")
    in_francs = threex6_defaults(burundi, 10)
    assert "known in USD (2.4" in str(in_francs.ask[0]) and "please type it in BIF" in str(in_francs.ask[0])
    assert threex6_defaults(burundi, 10, currency="USD").values["daily_wage"] == 2.4


def test_the_uk_compares_a_credit_union_and_asks_for_the_rest() -> None:
    choice = lender_choice(country_parameters("UK"))
    assert [o.key for o in choice.offers] == ["cooperative"]
    rows = compare_lenders(1000, 12, choice.offers)
    assert rows[0].label == "Credit union" and rows[0].apr == pytest.approx(0.36, abs=1e-6)
    assert len(choice.ask) == 2
    assert country_parameters("GB").entry("wages", "minimum_wage_hourly").confirm


def test_an_unknown_country_is_named() -> None:
    with pytest.raises(UnknownCountryError, match="no figures for Narnia .it has Burundi, Ethiopia"):
        country_parameters("Narnia")


def test_a_savings_and_loans_plan_takes_nepals_rates_only_in_nepal() -> None:
    """The walk: an Addis Ababa group's plan paid the Nepal file's 5% a year on members' savings."""
    nepal = cooperative_figures(country_parameters("NP"))
    packaged = load_parameter_set("cooperative_nepal").values("cooperative")
    assert dict(nepal.values) == {s: packaged[s] for s in COOPERATIVE_SETTINGS} and not nepal.ask
    assert all(nepal.sources[s] for s in COOPERATIVE_SETTINGS)
    for code, name in available_countries():
        if code == "NP":
            continue
        figures = cooperative_figures(country_parameters(code))
        assert not figures.values and set(figures.ask) == set(COOPERATIVE_SETTINGS)
        said = str(figures.ask["savings_interest_rate_annual"])
        assert said.startswith(f"{name}: no sourced figure for savings_interest_rate_annual")
        assert "please type it" in said and "Nepal" not in said
