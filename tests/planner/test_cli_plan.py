"""``pathways plan loan|coop|3x6`` through click's test runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "planner" / "examples"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_loan_contract(runner: CliRunner) -> None:
    out = runner.invoke(
        main, ["plan", "loan", "--principal", "1000", "--rate", "0.01", "--months", "12", "--method", "flat"]
    )
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert len(data["schedule"]) == 12
    assert data["apr"] == pytest.approx(0.2146, abs=5e-4)
    assert data["effective_annual_rate"] == pytest.approx(0.2370, abs=5e-4)


def test_loan_weekly_with_comparison(runner: CliRunner) -> None:
    args = [
        "plan",
        "loan",
        "--principal",
        "5000",
        "--rate",
        "0.003",
        "--months",
        "6",
        "--weekly",
        "--compare",
    ]
    out = runner.invoke(main, args)
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["frequency"] == "weekly" and data["periods"] == 26
    assert data["comparison"][-1]["key"] == "moneylender"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--rate", "-0.01"], "negative"),
        (["--rate", "5"], "fraction"),
        (["--grace", "12"], "grace"),
        (["--method", "balloon"], "balloon"),
        # regressions: a billion months hung; 1e308 printed "Infinity", which is not JSON
        (["--months", "1000000000"], "at most 600 monthly periods"),
        (["--principal", "1e308"], "principal must be at most"),
        (["--principal", "inf"], "finite"),
        (["--rate", "nan"], "finite"),
    ],
)
def test_loan_bad_input(runner: CliRunner, args: list[str], message: str) -> None:
    base = {"--principal": "1000", "--rate": "0.01", "--months": "12"}
    for flag, value in zip(args[::2], args[1::2], strict=True):
        base[flag] = value
    out = runner.invoke(main, ["plan", "loan", *[x for kv in base.items() for x in kv]])
    assert out.exit_code != 0
    assert message in out.output and "Infinity" not in out.output


def test_coop_contract_with_plot_and_seed(runner: CliRunner, tmp_path: Path) -> None:
    plot = tmp_path / "coop.png"
    args = ["plan", "coop", "--config", str(EXAMPLES / "coop_kathmandu.yaml"), "--runs", "60", "--seed", "4"]
    first = runner.invoke(main, [*args, "--plot", str(plot)])
    assert first.exit_code == 0, first.output
    data = json.loads(first.output)
    assert data["runs"] == 60 and data["seed"] == 4
    assert len(data["series"]["par30"]) == len(data["months"]) == 121
    assert "month_72" in data["summary"]["p_operating_profitable"]
    assert plot.read_bytes()[:4] == b"\x89PNG"
    assert runner.invoke(main, args).output == first.output


def test_threex6_contract(runner: CliRunner, tmp_path: Path) -> None:
    plot = tmp_path / "3x6.png"
    args = [
        "plan",
        "3x6",
        "--config",
        str(EXAMPLES / "3x6_burundi.yaml"),
        "--runs",
        "40",
        "--plot",
        str(plot),
    ]
    out = runner.invoke(main, args)
    assert out.exit_code == 0, out.output
    summary = json.loads(out.output)["summary"]
    planned = summary["planned_funding"]
    assert planned["savings_per_person"] == 52.8 and planned["pooled_savings_per_group"] == 528.0
    assert planned["matched_funds_per_group"] == 1584.0 and planned["total_investment_per_group"] == 2112.0
    assert summary["feasibility"]["applied"] is True
    assert plot.stat().st_size > 1000


@pytest.mark.parametrize(
    ("args", "plan", "named"),
    [
        (["plan", "coop"], "model: cooperative\ncooperative:\n  monthly_savngs: 500\n", "monthly_savngs"),
        (["plan", "3x6"], "model: 3x6\nthreex6:\n  savings_share: 1.5\n", "savings_share"),
        (["plan", "coop", "--runs", "0"], EXAMPLES / "coop_kathmandu.yaml", "runs"),
        (["plan", "coop"], EXAMPLES / "3x6_burundi.yaml", "pathways plan 3x6"),  # the wrong command
        (["plan", "coop"], "model: cooperative\ncooprative:\n  monthly_saving: 500\n", "cooprative"),
        (["plan", "coop"], "model: cooperative\nruns: many\n", "whole numbers"),
    ],
)
def test_a_bad_plan_file_names_what_is_wrong(
    runner: CliRunner, tmp_path: Path, args: list[str], plan: str | Path, named: str
) -> None:
    if isinstance(plan, str):
        (tmp_path / "plan.yaml").write_text(plan)
        plan = tmp_path / "plan.yaml"
    out = runner.invoke(main, [*args, "--config", str(plan)])
    assert out.exit_code != 0 and named in out.output
