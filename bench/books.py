"""Cooperative books: how long checking and reading three years of a group's meetings takes.

    .venv/bin/python bench/books.py           # about half a minute on 2 cores
    .venv/bin/python bench/books.py --quick   # fewer repeats

A 25-member group meeting every week for three years (156 meetings: attendance, savings and social
fund for everyone, five loans every four weeks repaid weekly, fines, a share-out every 52 weeks),
about 13,500 entries. Every change to the books re-checks them whole (nothing is edited in place), so
the time to record one more meeting is what a treasurer waits for in the web form. The peer figure is a
plain sum over the same entries' amounts with no checks: the floor any checking adds to.

Times are the best of several runs (the machine is shared); medians printed beside.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _machine import describe, timed  # noqa: E402

from planner.books import entries as e  # noqa: E402
from planner.books.ledger import Books  # noqa: E402
from planner.books.measures import Period, measures  # noqa: E402
from planner.books.plan import plan_start  # noqa: E402
from planner.books.plan_check import plan_against_actual  # noqa: E402
from planner.books.shareout import share_out, share_out_entries  # noqa: E402
from planner.books.statements import group_balances, passbooks  # noqa: E402
from planner.cooperative import simulate_cooperative  # noqa: E402

START = dt.date(2023, 11, 6)
MEMBERS = tuple(f"m{i:02d}" for i in range(25))


def lends(week: int) -> bool:
    """Five loans every four weeks, from week 5 of a cycle until a month before its share-out."""
    return week >= 0 and week % 4 == 1 and 5 <= week % 52 < 45


def meeting(k: int, books: Books | None = None) -> list[e.Entry]:
    """Week ``k``'s entries (a share-out closes weeks 51 and 103, worked out from ``books``)."""
    day = START + dt.timedelta(weeks=k)
    out: list[e.Entry] = []
    for i, m in enumerate(MEMBERS):
        out.append(e.Attendance(entry_id=f"w{k}a{m}", date=day, member=m, present=(i + k) % 9 != 0))
        out.append(e.Saving(entry_id=f"w{k}s{m}", date=day, member=m, amount=10000))
        out.append(e.SocialContribution(entry_id=f"w{k}c{m}", date=day, member=m, amount=1000))
    if lends(k):
        for j in range(5):
            loan = f"L{k}-{j}"
            out.append(
                e.LoanDisbursed(
                    entry_id=loan,
                    date=day,
                    member=MEMBERS[(5 * (k // 4) + j) % 25],
                    loan_id=loan,
                    amount=120000,
                    rate=Decimal("0.0125"),
                    rule="flat",
                    term=4,
                    frequency="weekly",
                )
            )
    for back in range(1, 5):
        if lends(k - back):
            loans = [f"L{k - back}-{j}" for j in range(5)]
            out += [
                e.Repayment(entry_id=f"w{k}r{x}", date=day, loan_id=x, principal=30000, interest=1500)
                for x in loans
            ]
    if k % 4 == 0:
        out.append(e.Fine(entry_id=f"w{k}f", date=day, member=MEMBERS[k % 25], amount=2000))
    if books is not None and k % 52 == 51:
        books = books.record(*out)
        out += share_out_entries(books, share_out(books, day), prefix=f"so{k}")
    return out


def build(weeks: int) -> Books:
    books = Books(
        "NPR",
        e.Constitution(share_price=5000, max_loan_multiple=Decimal(3)),
        tuple(e.MemberJoined(entry_id=f"j{m}", date=START, member=m) for m in MEMBERS),
    )
    for k in range(weeks):
        entries = meeting(k, books)
        books = Books(books.currency, books.constitution, books.entries + tuple(entries))
    return books


def show(label: str, best: float, median: float, cpu: float) -> None:
    print(
        f"{label:40s} best {best * 1000:7.1f} ms   median {median * 1000:7.1f} ms   CPU {cpu * 1000:7.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    repeats = 3 if args.quick else 7
    print(describe())
    books = build(155)
    last = START + dt.timedelta(weeks=155)
    entries = books.entries
    print(f"{len(entries):,} entries, {len(books.meeting_days)} meetings, last {last}")
    third = Period(START + dt.timedelta(weeks=103), last)
    rows = [
        ("check the whole books (Books(...))", lambda: Books(books.currency, books.constitution, entries)),
        ("record one more meeting", lambda: books.record(*meeting(156))),
        ("peer: sum every amount, no checks", lambda: sum(getattr(x, "amount", 0) for x in entries)),
        ("group balances on the last day", lambda: group_balances(books, last)),
        ("every member's passbook", lambda: passbooks(books, last)),
        ("measures of the third cycle", lambda: measures(books, third)),
        ("plan from the books (plan_start)", lambda: plan_start(books, last, overrides={"months": 60})),
    ]
    for label, fn in rows:
        best, median, cpu, _ = timed(fn, repeats)
        show(label, best, median, cpu)
    start = plan_start(books, START + dt.timedelta(weeks=103), overrides={"months": 24})
    outcome = simulate_cooperative(start.config, runs=1000, seed=1, opening=start.opening).outcome()
    best, median, cpu, _ = timed(lambda: plan_against_actual(outcome, books, last), repeats)
    show("plan against the books, 12 months", best, median, cpu)
    b = group_balances(books, last)
    print(
        f"balanced: {b.balanced}; savings NPR {b.member_savings / 100:,.2f}; cash NPR {b.cash_box / 100:,.2f}"
    )


if __name__ == "__main__":
    main()
