"""Parameters are data: every default has a unit and a source; bad values fail with clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.config import CooperativeConfig, ThreeBySixConfig
from planner.exceptions import CapacityError, ConfigError, ParameterError
from planner.parameters import (
    available_parameter_sets,
    cooperative_config,
    load_cooperative_plan,
    load_market_evidence,
    load_parameter_set,
    load_threex6_plan,
    threex6_config,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "planner" / "examples"


@pytest.mark.parametrize("name", available_parameter_sets())
def test_every_packaged_default_has_unit_and_source(name: str) -> None:
    params = load_parameter_set(name)
    assert params.sections
    for section in params.sections.values():
        for entry in section.values():
            assert entry.unit.strip() and entry.source.strip()


def test_packaged_sets_build_valid_configs() -> None:
    assert isinstance(cooperative_config(), CooperativeConfig)
    for name in ("threex6_burundi", "threex6_yemen"):
        assert isinstance(threex6_config(defaults=name), ThreeBySixConfig)


def test_burundi_and_yemen_values() -> None:
    burundi, yemen = threex6_config(), threex6_config(defaults="threex6_yemen")
    assert (burundi.daily_wage, burundi.match_ratio) == (2.4, 3.0)
    assert burundi.savings_share == pytest.approx(1 / 3)
    assert yemen.daily_wage == 10.0
    assert yemen.savings_share == pytest.approx(1 / 3)


@pytest.mark.parametrize(
    ("overrides", "error", "message"),
    [
        ({"loan_interest_rate_annual": -0.1}, ParameterError, "loan_interest_rate_annual"),
        ({"monthly_dropout_rate": 1.5}, ParameterError, "monthly_dropout_rate"),
        ({"dividend_payout_share": 2}, ParameterError, "dividend_payout_share"),
        ({"monthly_saving": -5}, ParameterError, "monthly_saving"),
        ({"months": 121}, ParameterError, "months"),
        ({"months": 12.5}, ParameterError, "months"),
        ({"initial_members": 80, "max_members": 60}, CapacityError, "room for only 60"),
        ({"recovery_rate_par30": 0.7, "write_off_rate_par30": 0.5}, ParameterError, "more than 100%"),
        ({"business": {"start_month": 200}}, ParameterError, "start_month"),
        ({"business": {"annual_failure_rate": 1.2}}, ParameterError, "annual_failure_rate"),
        ({"monthly_savings": 500}, ConfigError, "unknown setting"),
        ({"monthly_saving": "lots"}, ParameterError, "monthly_saving"),
        ({"monthly_saving": {"value": 500, "unit": "NPR"}}, ParameterError, "source"),
    ],
)
def test_cooperative_validation(overrides: dict, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        cooperative_config(overrides)


@pytest.mark.parametrize(
    ("overrides", "error", "message"),
    [
        ({"savings_share": 1.2}, ParameterError, "savings_share"),
        ({"daily_wage": -1}, ParameterError, "daily_wage"),
        ({"groups": 12, "group_size": 20, "participants": 300}, CapacityError, "240 places"),
        ({"group_size": 400}, CapacityError, "cannot be formed"),
        ({"min_group_size": 12}, CapacityError, "min_group_size"),
        (
            {"match_type": "gift"},
            ParameterError,
            "^threex6.match_type must be 'grant' or 'loan', got 'gift'$",
        ),
        ({"match_type": "loan", "match_loan_grace_months": 30}, ParameterError, "grace"),
    ],
)
def test_threex6_validation(overrides: dict, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        threex6_config(overrides)


def test_unknown_parameter_set_and_bad_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no packaged parameter set"):
        load_parameter_set("atlantis")
    bad = tmp_path / "bad.yaml"
    bad.write_text("cooperative: [1, 2\n")
    with pytest.raises(ConfigError, match="cannot read"):
        load_parameter_set(bad)
    nosource = tmp_path / "nosource.yaml"
    nosource.write_text("cooperative:\n  months: {value: 12, unit: months}\n")
    with pytest.raises(ParameterError, match="no source"):
        load_parameter_set(nosource)
    nomodel = tmp_path / "plan.yaml"
    nomodel.write_text("cooperative: {}\n")
    with pytest.raises(ConfigError, match="model"):
        load_cooperative_plan(nomodel)


def test_example_plans_load() -> None:
    coop = load_cooperative_plan(EXAMPLES / "coop_kathmandu.yaml")
    assert coop.initial_members == 30 and coop.business.enabled
    assert load_threex6_plan(EXAMPLES / "3x6_burundi.yaml").match_ratio == 3.0
    assert load_threex6_plan(EXAMPLES / "3x6_yemen_loan.yaml").match_type == "loan"
    evidence = load_market_evidence(EXAMPLES / "3x6_burundi.yaml")
    assert evidence is not None and evidence.related_employers == 6
    assert load_market_evidence(EXAMPLES / "3x6_yemen_loan.yaml") is None


def test_configs_are_frozen() -> None:
    cfg = cooperative_config()
    with pytest.raises(AttributeError):
        cfg.monthly_saving = 1  # type: ignore[misc]


def test_form_text_is_read_as_numbers_and_flags() -> None:
    cfg = cooperative_config({"monthly_saving": "750", "months": "60", "business": {"enabled": "off"}})
    assert cfg.monthly_saving == 750.0 and cfg.months == 60 and cfg.business.enabled is False
    with pytest.raises(ParameterError, match="monthly_saving"):
        cooperative_config({"monthly_saving": "seven hundred"})


def _bracket(template: str) -> str:
    return "[" + template + "]"


def test_a_refusal_names_its_settings_and_is_said_through_translate() -> None:
    with pytest.raises(CapacityError) as caught:
        cooperative_config({"initial_members": 80, "max_members": 60})
    error = caught.value
    assert error.settings == ("cooperative.max_members", "cooperative.initial_members")
    assert str(error).endswith("; settings: cooperative.max_members, cooperative.initial_members")
    assert error.message.text() in str(error)  # the English sentence, without the settings
    said = error.message.text(_bracket, numbers={"count": lambda n: f"#{n}"})
    assert said.startswith("[the cooperative starts with #80 members but has room for only #60:")


def test_a_value_of_the_wrong_kind_is_said_with_its_rule_through_translate() -> None:
    with pytest.raises(ParameterError) as caught:
        threex6_config({"months": 500})
    error = caught.value
    assert str(error) == "threex6.months must be a whole number of months from 1 to 120, got 500"
    assert error.settings == ("threex6.months",)
    assert error.message.text(_bracket) == (
        "[threex6.months must be [a whole number of months from 1 to 120], got 500]"
    )


def test_a_packaged_set_is_read_once_and_cannot_be_changed_by_a_caller() -> None:
    # Read once a process (a plan form read the same files about twenty times), so callers share one copy:
    # it must be read-only.
    first, again = load_parameter_set("cooperative_nepal"), load_parameter_set("cooperative_nepal")
    assert first is again
    with pytest.raises(TypeError):
        first.sections["cooperative"]["entry_share"] = first.sections["cooperative"]["monthly_saving"]  # type: ignore[index]
    with pytest.raises(TypeError):
        first.sections["extra"] = {}  # type: ignore[index]


def test_a_published_figure_carries_the_day_it_was_published(tmp_path: Path) -> None:
    import datetime as dt

    from planner import compare_lenders, lender_offers

    bank = load_parameter_set("lenders_nepal").sections["bank"]["annual_rate"]
    assert bank.as_of == dt.date(2025, 3, 11)  # the day its source published it
    costs = {c.key: c for c in compare_lenders(20_000, 12, lender_offers("lenders_nepal"))}
    assert costs["bank"].as_of == dt.date(2025, 3, 11)
    assert costs["bank"].to_dict()["as_of"] == "2025-03-11"
    undated = tmp_path / "undated.yaml"
    undated.write_text("title: t\nx:\n  rate: {value: 0.1, unit: share, source: s}\n")
    assert load_parameter_set(undated).sections["x"]["rate"].as_of is None
    for bad in ("March 2025", "2025-03-11 10:00:00"):
        wrong = tmp_path / "wrong.yaml"
        wrong.write_text(f"title: t\nx:\n  rate: {{value: 0.1, unit: share, source: s, as_of: {bad}}}\n")
        with pytest.raises(ConfigError, match=r"x.rate.as_of must be the day the figure was published"):
            load_parameter_set(wrong)
