"""The backtest: intervals cover the true gain in simulation, no gain is claimed without signal, JSON, CLI."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json

import numpy as np
import pytest
from click.testing import CliRunner

from cli import main
from matcher.exceptions import InputError
from matcher.outcomes import backtest, read_history, simulate_history, write_history

SINCE = dt.date(2025, 10, 1)
SIZE = {"months": 24, "people_per_month": 400}
FAST = {"n_bootstrap": 300, "model_params": {"max_iter": 150, "learning_rate": 0.1}}


@pytest.mark.parametrize("seed", [11, 12])
def test_interval_covers_the_true_gain_in_simulation(seed: int) -> None:
    sim = simulate_history(random_state=seed, **SIZE)
    result = backtest(sim.history, since=SINCE, truth=sim.truth.probability, random_state=seed, **FAST)
    truth = result.truth
    assert truth is not None and truth.gain > 0.03
    assert result.gain_doubly_robust.covers(truth.gain)
    assert result.significant_gain
    assert result.observed_rate.covers(truth.logging_rate)
    assert truth.learned_rate <= truth.oracle_rate + 1e-12
    assert result.n_cohorts == 3 and result.n_people == 3 * 400


@pytest.mark.parametrize("seed", [21, 22])
def test_no_signal_claims_no_significant_gain(seed: int) -> None:
    sim = simulate_history(signal=False, random_state=seed, **SIZE)
    result = backtest(sim.history, since=SINCE, truth=sim.truth.probability, random_state=seed, **FAST)
    assert not result.significant_gain
    assert result.gain_doubly_robust.covers(0.0) and result.gain_ips.low <= 0  # neither claims a gain
    assert result.truth is not None and result.truth.gain == pytest.approx(0.0)


@pytest.fixture(scope="module")
def small_sim():
    return simulate_history(months=20, people_per_month=200, random_state=5)


def test_same_seed_same_result_and_json_ready(small_sim) -> None:
    run = {
        "since": dt.date(2025, 6, 1),
        "n_bootstrap": 100,
        "random_state": 3,
        "model_params": {"min_outcomes": 200, "max_iter": 50},
    }
    first, second = backtest(small_sim.history, **run), backtest(small_sim.history, **run)
    assert first.to_dict() == second.to_dict()
    data = json.loads(json.dumps(first.to_dict()))
    assert data["since"] == "2025-06-01" and data["truth"] is None
    assert {"doubly_robust", "ips", "gain_doubly_robust", "subgroups", "validation"} <= set(data)


def test_subgroups_under_five_are_suppressed_and_come_only_from_audit(small_sim) -> None:
    history = small_sim.history
    audit = {person: dict(attrs) for person, attrs in history.audit.items()}
    later = [history.people[i] for i in history.person[history.proposed & (history.day >= 20240)]]
    for person in later[:3]:
        audit[person]["nationality"] = "Z"
    result = backtest(
        dataclasses.replace(history, audit=audit),
        since=dt.date(2025, 6, 1),
        n_bootstrap=50,
        random_state=0,
        model_params={"min_outcomes": 200, "max_iter": 50},
    )
    z = [g for g in result.subgroups if g.attribute == "nationality" and g.group == "Z"]
    assert z and z[0].n is None and z[0].learned_rate is None and z[0].observed_rate is None
    shown = [g for g in result.subgroups if g.n is not None]
    assert shown and all(g.n >= 5 for g in shown)
    assert {g.attribute for g in result.subgroups} == {"gender", "nationality", "age_band"}


def test_missing_propensities_are_refused_with_a_reason(small_sim) -> None:
    history = small_sim.history
    blind = dataclasses.replace(history, propensity=np.full(len(history), np.nan))
    with pytest.raises(InputError, match="propensities"):
        backtest(blind, since=dt.date(2025, 6, 1), model_params={"min_outcomes": 200, "max_iter": 20})


def test_history_file_round_trip(small_sim) -> None:
    history = small_sim.history.subset(small_sim.history.month <= small_sim.history.month.min() + 1)
    buffer = io.StringIO()
    write_history(history, buffer)
    again = read_history(io.StringIO(buffer.getvalue()))
    np.testing.assert_array_equal(again.features, history.features)
    np.testing.assert_array_equal(again.employed, history.employed)
    np.testing.assert_array_equal(again.known_on, history.known_on)
    np.testing.assert_allclose(again.propensity, history.propensity)
    assert again.capacities is not None and sum(again.capacities.values()) > 0
    assert again.audit["0"] == history.audit[0]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[1]", "format"),
        ('{"format": "pathways-placement-history/1", "records": [{"person": 1}]}', "missing key"),
        ("{", "not valid JSON"),
    ],
)
def test_bad_history_files_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_history(io.StringIO(text))


def test_cli_backtest_on_a_history_file_and_on_a_simulation(tmp_path) -> None:
    path = tmp_path / "history.json"
    with path.open("w") as stream:
        write_history(
            simulate_history(months=16, people_per_month=120, candidates=5, random_state=1).history, stream
        )
    runner = CliRunner()
    args = ["backtest", "--since", "2025-02-01", "--bootstrap", "50", "--min-outcomes", "200"]
    out = runner.invoke(main, [*args, "--history", str(path), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["horizon"] == 6 and data["n_people"] > 0 and data["truth"] is None
    out = runner.invoke(
        main, [*args, "--simulate", "--seed", "1", "--months", "16", "--people-per-month", "120"]
    )
    assert out.exit_code == 0, out.output
    assert "doubly robust" in out.output and "Simulation truth" in out.output
    out = runner.invoke(main, ["backtest", "--since", "2025-06-01"])
    assert out.exit_code != 0 and "exactly one of --history FILE, --from-db and --simulate" in out.output
    out = runner.invoke(
        main, ["backtest", "--since", "2030-01-01", "--simulate", "--months", "6", "--people-per-month", "20"]
    )
    assert out.exit_code != 0 and "match score" in out.output


def test_the_library_loads_no_web_database_or_torch() -> None:
    import subprocess
    import sys
    from pathlib import Path

    probe = (
        "import sys, matcher.outcomes, cli.backtest\n"
        "print(sorted(m for m in ('flask', 'sqlalchemy', 'torch', 'web') if m in sys.modules))"
    )
    root = Path(__file__).resolve().parents[2]
    run = subprocess.run([sys.executable, "-c", probe], cwd=root, capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"
