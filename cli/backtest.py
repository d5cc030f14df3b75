"""``pathways backtest``: learn from placement history before a date and replay the later cohorts.

History comes from a JSON file (``--history FILE``, format in docs/outcomes.md), from the
application's database (``--from-db``: proposals with their dated outcomes and the stored outcome
records, as the managers' backtest page reads them; only this option imports the web application) or
from the simulator (``--simulate --seed N``, a synthetic history with a known outcome model, so the
output also says what really would have happened). ``--json`` writes the whole result as JSON;
without it a short summary is printed.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
from typing import Any, TextIO

import click


def _summary(result: Any) -> str:
    def pct(e: Any) -> str:
        return f"{e.value:.1%} ({e.low:.1%} to {e.high:.1%})"

    lines = [
        f"Learned from {result.learned_from} proposals with a known {result.horizon}-month outcome "
        f"(validation AUC {result.validation.auc:.3f}, "
        f"match score alone {result.validation.auc_match_score:.3f}; "
        f"calibration error {result.validation.ece:.3f}).",
        f"Replayed {result.n_people} people in {result.n_cohorts} monthly cohorts from {result.since}.",
        f"Employed at {result.horizon} months, what happened:      {pct(result.observed_rate)}",
        f"Under the learned policy, doubly robust: {pct(result.doubly_robust)}",
        f"Under the learned policy, IPS:           {pct(result.ips)}",
        f"Gain (doubly robust): {pct(result.gain_doubly_robust)}"
        + (
            ""
            if result.significant_gain
            else "  - a significant loss"
            if result.significant_loss
            else "  - not significant: no gain is claimed"
        ),
    ]
    if result.truth is not None:
        t = result.truth
        share = "n/a" if t.share_of_oracle_gain is None else f"{t.share_of_oracle_gain:.0%}"
        lines.append(
            f"Simulation truth: gain {t.gain:.1%} (interval covers it: {t.dr_covers_gain}); "
            f"oracle gain {t.oracle_gain:.1%}; share of oracle gain {share}."
        )
    return "\n".join(lines)


def _stored_history() -> Any:
    """The history in the application's database; the web application is imported only here, by name.

    (Named as a string, like the web commands in ``cli/__init__.py``, so that the library command
    and its type check stay free of Flask.)
    """
    return importlib.import_module("web.cli.outcomes").stored_history()


@click.command("backtest")
@click.option(
    "--horizon",
    type=click.Choice(["3", "6", "12"]),
    default="6",
    show_default=True,
    help="Months after starting the job.",
)
@click.option(
    "--since", required=True, help="Train on history before this date (YYYY-MM-DD); replay from it."
)
@click.option("--until", default=None, help="Replay cohorts before this date only (YYYY-MM-DD).")
@click.option(
    "--history", "stream", type=click.File("r"), default=None, help="History JSON file ('-': stdin)."
)
@click.option(
    "--from-db",
    is_flag=True,
    help="Read the history stored in the application's database (DATABASE_URL, as 'pathways serve').",
)
@click.option("--simulate", is_flag=True, help="Use a simulated history with a known outcome model.")
@click.option(
    "--seed", type=int, default=0, show_default=True, help="Seed of the simulation and the bootstrap."
)
@click.option("--months", type=int, default=24, show_default=True, help="Simulated months (from 2024-01).")
@click.option("--people-per-month", type=int, default=1000, show_default=True, help="Simulated cohort size.")
@click.option("--no-signal", is_flag=True, help="Simulate outcomes that depend on nothing.")
@click.option("--bootstrap", type=click.IntRange(0), default=1000, show_default=True, help="Bootstrap draws.")
@click.option(
    "--min-outcomes",
    type=click.IntRange(1),
    default=500,
    show_default=True,
    help="Fewest known outcomes to learn from.",
)
@click.option("--json", "as_json", is_flag=True, help="Write the result as JSON.")
def backtest(
    horizon: str,
    since: str,
    until: str | None,
    stream: TextIO | None,
    from_db: bool,
    simulate: bool,
    seed: int,
    months: int,
    people_per_month: int,
    no_signal: bool,
    bootstrap: int,
    min_outcomes: int,
    as_json: bool,
) -> None:
    """Learn from placement history before DATE, replay the later cohorts, estimate the employment rate."""
    from matcher.exceptions import InputError, TooLittleHistoryError
    from matcher.outcomes import backtest as run_backtest
    from matcher.outcomes import read_history, simulate_history

    if sum((simulate, stream is not None, from_db)) != 1:
        raise click.UsageError("give exactly one of --history FILE, --from-db and --simulate")
    try:
        since_day = dt.date.fromisoformat(since)
        until_day = dt.date.fromisoformat(until) if until else None
    except ValueError as exc:
        raise click.BadParameter(f"dates are YYYY-MM-DD: {exc}") from exc
    truth = None
    try:
        if simulate:
            sim = simulate_history(
                months=months, people_per_month=people_per_month, signal=not no_signal, random_state=seed
            )
            history, truth = sim.history, sim.truth.probability
        elif from_db or stream is None:  # one of the three was given (checked above)
            history = _stored_history()
        else:
            history = read_history(stream)
        result = run_backtest(
            history,
            since=since_day,
            until=until_day,
            horizon=int(horizon),
            n_bootstrap=bootstrap,
            truth=truth,
            model_params={"min_outcomes": min_outcomes},
            random_state=seed,
        )
    except (InputError, TooLittleHistoryError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(json.dumps(result.to_dict(), indent=2) if as_json else _summary(result))
