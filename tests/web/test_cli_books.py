"""``pathways books import|share-out|measures``: a ledger CSV in, JSON out, no database."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main

LEDGER = (
    "date,kind,entry,member,amount,interest,loan,rate_percent,rule,term,frequency,reverses,note\n"
    "2025-01-06,joined,,asha,,,,,,,,,\n"
    "2025-01-06,joined,,bina,,,,,,,,,\n"
    "2025-01-06,present,,asha,,,,,,,,,\n"
    '2025-01-06,savings,,asha,"1,000.00",,,,,,,,\n'
    "2025-01-06,savings,s-bina,bina,500,,,,,,,,\n"
    "2025-01-13,loan,,asha,900,,L1,1.5,declining,4,monthly,,\n"
    "2025-02-13,repayment,,,900,18,L1,,,,,,\n"
    "2025-02-13,reversal,,,,,,,,,,s-bina,typed 500 for 50\n"
    "2025-02-13,savings,,bina,50,,,,,,,,\n"
    "2025-02-13,cost,,,35.50,,,,,,,,stationery\n"
)


@pytest.fixture()
def ledger(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.csv"
    path.write_text(LEDGER, encoding="utf-8")
    return path


def _run(*args: str) -> tuple[int, dict]:
    result = CliRunner().invoke(main, ["books", *args])
    return result.exit_code, json.loads(result.output) if result.output.strip().startswith("{") else {}


def test_import_prints_the_books_and_reads_them_back(ledger: Path, tmp_path: Path) -> None:
    code, out = _run("import", str(ledger), "--currency", "NPR")
    assert code == 0 and out["ok"]
    assert len(out["books"]["entries"]) == 10
    saved = tmp_path / "books.json"
    saved.write_text(json.dumps(out["books"]), encoding="utf-8")
    code, again = _run("measures", str(saved))
    assert code == 0 and again["member_savings"] == 105000


def test_import_reports_every_problem_by_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(LEDGER + "2025-02-20,savings,,nobody,5.005,,,,,,,,\n2025-02-20,teleport,,asha,1,,,,,,,,\n")
    code, out = _run("import", str(bad), "--currency", "NPR")
    assert code == 1 and not out["ok"]
    assert {p["line"] for p in out["problems"]} == {12, 13}


def test_share_out_accounts_for_every_unit(ledger: Path) -> None:
    code, out = _run("share-out", str(ledger), "--currency", "NPR")
    assert code == 0
    assert out["unaccounted"] == 0 and out["method"] == "shares_held"
    assert sum(p["savings"] for p in out["payouts"]) == out["member_savings"]


def test_measures_on_a_day(ledger: Path) -> None:
    code, out = _run("measures", str(ledger), "--currency", "NPR", "--on", "2025-01-31")
    assert code == 0 and out["end"] == "2025-01-31"


def test_a_ledger_needs_its_currency(ledger: Path) -> None:
    assert CliRunner().invoke(main, ["books", "measures", str(ledger)]).exit_code == 2


def test_the_command_needs_no_database() -> None:
    code = (
        "import sys, cli.books; "
        "print(any(m.startswith(('sqlalchemy', 'web.', 'flask')) for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
