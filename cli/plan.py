"""``pathways plan loan|coop|3x6``: loan costs, cooperative and 3x6 plans as JSON (and charts)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click


def _emit(payload: dict[str, Any]) -> None:
    try:  # JSON has no Infinity or NaN: never print them as if they were numbers
        text = json.dumps(payload, indent=2, ensure_ascii=False, allow_nan=False)
    except ValueError as exc:
        raise click.ClickException(f"the result holds a number too large to write as JSON ({exc})") from exc
    click.echo(text)


def _runs_and_seed(path: str, runs: int | None, seed: int | None) -> tuple[int, int | None]:
    from planner.parameters import read_plan_file

    data = read_plan_file(path)
    try:
        runs = runs if runs is not None else int(data.get("runs", 1000))
        seed = seed if seed is not None else (None if data.get("seed") is None else int(data["seed"]))
    except (TypeError, ValueError) as exc:
        raise click.BadParameter(f"'runs' and 'seed' in {path} must be whole numbers ({exc})") from exc
    if runs < 1:
        raise click.BadParameter(f"runs must be at least 1, got {runs}", param_hint="--runs")
    return runs, seed


@click.group("plan")
def plan() -> None:
    """Plan a loan, a cooperative or a 3x6 programme (JSON on standard output)."""


@plan.command("loan")
@click.option("--principal", type=float, required=True, help="Amount borrowed.")
@click.option("--rate", type=float, required=True, help="Stated rate per period as a fraction (0.01 = 1%).")
@click.option("--months", type=int, required=True, help="Length of the loan in months.")
@click.option("--method", type=click.Choice(["flat", "declining"]), default="declining", show_default=True)
@click.option("--weekly", is_flag=True, help="Weekly instalments (--rate is then per week).")
@click.option(
    "--fee-rate", type=float, default=0.0, show_default=True, help="Up-front fee, share of principal."
)
@click.option("--fee", type=float, default=0.0, show_default=True, help="Up-front fixed fee.")
@click.option("--grace", type=int, default=0, show_default=True, help="Interest-only periods at the start.")
@click.option("--compare", is_flag=True, help="Add what the same loan costs from each lender (Nepal rates).")
def loan(
    principal: float,
    rate: float,
    months: int,
    method: str,
    weekly: bool,
    fee_rate: float,
    fee: float,
    grace: int,
    compare: bool,
) -> None:
    """Repayment schedule, APR and effective annual rate of a loan."""
    from planner.comparison import compare_lenders
    from planner.exceptions import PlannerError
    from planner.loans import loan_schedule

    frequency = "weekly" if weekly else "monthly"
    periods = round(months * 52 / 12) if weekly else months
    try:
        schedule = loan_schedule(
            principal,
            rate,
            periods,
            method=method,
            frequency=frequency,
            fee_rate=fee_rate,
            fee_flat=fee,
            grace_periods=grace,
        )
        payload = schedule.to_dict()
        if compare:
            payload["comparison"] = [
                row.to_dict() for row in compare_lenders(principal, months, frequency=frequency)
            ]
    except PlannerError as exc:
        raise click.ClickException(str(exc)) from exc
    _emit(payload)


def _write_plot(result: Any, plot: str | None) -> None:
    if plot is None:
        return
    from planner.charts import render_png

    try:
        Path(plot).write_bytes(render_png(result))
    except OSError as exc:
        raise click.ClickException(f"cannot write the chart to {plot}: {exc}") from exc


_CONFIG = click.option(
    "--config",
    "config_path",
    type=click.Path(exists=True, dir_okay=False),
    required=True,
    help="Plan file (YAML), e.g. planner/examples/coop_kathmandu.yaml.",
)
_RUNS = click.option(
    "--runs", type=int, default=None, help="Simulated futures (default: the file's, or 1000)."
)
_SEED = click.option(
    "--seed", type=int, default=None, help="Random seed; the same seed gives the same result."
)
_PLOT = click.option(
    "--plot", type=click.Path(dir_okay=False), default=None, help="Write the charts to this PNG."
)


@plan.command("coop")
@_CONFIG
@_RUNS
@_SEED
@_PLOT
def coop(config_path: str, runs: int | None, seed: int | None, plot: str | None) -> None:
    """Simulate a savings and credit cooperative: per-month series and summary measures."""
    from planner.cooperative import simulate_cooperative
    from planner.exceptions import PlannerError
    from planner.parameters import load_cooperative_plan

    try:
        config = load_cooperative_plan(config_path)
        runs, seed = _runs_and_seed(config_path, runs, seed)
        result = simulate_cooperative(config, runs=runs, seed=seed)
    except PlannerError as exc:
        raise click.ClickException(str(exc)) from exc
    _write_plot(result, plot)
    _emit(result.to_dict())


@plan.command("3x6")
@_CONFIG
@_RUNS
@_SEED
@_PLOT
def threex6(config_path: str, runs: int | None, seed: int | None, plot: str | None) -> None:
    """Simulate a UNDP 3x6 programme: per-person and per-group money, per-month series, summary."""
    from planner.exceptions import PlannerError
    from planner.parameters import load_market_evidence, load_threex6_plan
    from planner.threex6_results import simulate_threex6

    try:
        config = load_threex6_plan(config_path)
        evidence = load_market_evidence(config_path)
        runs, seed = _runs_and_seed(config_path, runs, seed)
        result = simulate_threex6(config, evidence, runs=runs, seed=seed)
    except PlannerError as exc:
        raise click.ClickException(str(exc)) from exc
    _write_plot(result, plot)
    _emit(result.to_dict())
