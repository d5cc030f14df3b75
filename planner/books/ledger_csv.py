r"""Read a paper ledger typed up as CSV, one row per entry: all rows go into the books, or none.

Like the vacancy upload (``web/infra/csvrows.py``), every problem is reported at once, by line and column,
and nothing is recorded while any remains: first each cell on its own, then each row against the books
as they would stand (a member who has not joined, a repayment larger than the loan).

Columns (``date`` and ``kind`` are required in the header; the others only when a row needs them):

================  =============================================================================
column            meaning
================  =============================================================================
date              the meeting's date, ``2025-01-06``
kind              joined, left, present, absent, savings, social, withdrawal, loan, repayment,
                  write_off, fine, social_payout, income, cost, sales, business_cost, reversal,
                  share_out
entry             the entry's id (default ``line-N``); a reversal names it in ``reverses``
recorded_on       the day it was written down, if later than the meeting
member            the member's reference
amount            the amount as written (``1,250.50``); for a repayment, the principal repaid
interest          a repayment's interest
loan              the loan's number (for a loan, repayment or write-off)
rate_percent      a loan's interest rate per period, in percent (``1.5`` for 1.5% a month)
rule              a loan's interest rule: ``flat`` or ``declining``
term              a loan's number of repayment periods
frequency         ``monthly`` (default) or ``weekly``
reverses          the entry a reversal cancels
note              anything else (what an income or cost was, why an entry is reversed)
================  =============================================================================

A ``share_out`` row says the group shared out on that date by its constitution's method: the reader
works it out from the rows before it and records each member's payment. It ends its meeting.

Examples
--------
>>> text = ("date,kind,member,amount\n2025-01-06,joined,asha,\n2025-01-06,savings,asha,500\n"
...         "2025-01-06,savings,bina,5x\n")
>>> result = read_ledger(text, "ledger.csv", "NPR")
>>> result.books is None, [str(p) for p in result.problems]
(True, ["ledger.csv line 4, amount: should be a number, got '5x'"])
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from planner.books import entries as e
from planner.books.ledger import Books, check_entries
from planner.books.shareout import share_out, share_out_entries
from planner.exceptions import PlannerError
from planner.messages import N_, Message, NumberFormats, Translate, english

COLUMNS = (
    "date",
    "kind",
    "entry",
    "recorded_on",
    "member",
    "amount",
    "interest",
    "loan",
    "rate_percent",
    "rule",
    "term",
    "frequency",
    "reverses",
    "note",
)
REQUIRED_COLUMNS = ("date", "kind")
KINDS = (
    "joined",
    "left",
    "present",
    "absent",
    "savings",
    "social",
    "withdrawal",
    "loan",
    "repayment",
    "write_off",
    "fine",
    "social_payout",
    "income",
    "cost",
    "sales",
    "business_cost",
    "reversal",
    "share_out",
)
#: cells each kind needs, beyond date and kind
NEEDS: dict[str, tuple[str, ...]] = {
    "joined": ("member",),
    "left": ("member",),
    "present": ("member",),
    "absent": ("member",),
    "loan": ("member", "loan", "amount", "rate_percent", "rule", "term"),
    "repayment": ("loan",),
    "write_off": ("loan", "amount"),
    "reversal": ("reverses",),
    "share_out": (),
    **{k: ("member", "amount") for k in ("savings", "social", "withdrawal", "fine", "social_payout")},
    **{k: ("amount",) for k in ("income", "cost", "sales", "business_cost")},
}
#: the CSV column where an entry's field is written
FIELD_COLUMNS = {
    "principal": "amount",
    "rate": "rate_percent",
    "savings": "kind",
    "earnings": "kind",
    "social": "kind",
}


@dataclass(frozen=True)
class RowProblem:
    """A problem in one row (line 1 is the header), said in the reader's language by :meth:`text`."""

    source: str
    line: int
    column: str
    message: Message

    def text(self, translate: Translate | None = None, numbers: NumberFormats | None = None) -> str:
        """``ledger.csv line 12, amount: should be a number, got 'abc'`` in the reader's language."""
        say = translate or english
        where = (
            Message(N_("%(source)s line %(line)s"), {"source": self.source, "line": self.line})
            if self.line
            else None
        )
        place = where.text(say, numbers) if where else self.source
        message = self.message.text(say, numbers)
        return f"{place}, {self.column}: {message}" if self.column else f"{place}: {message}"

    def __str__(self) -> str:
        return self.text()

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {
            "source": self.source,
            "line": self.line,
            "column": self.column,
            "text": str(self),
            "message": self.message.to_dict(),
        }


@dataclass(frozen=True)
class LedgerImport:
    """The books made from the ledger (``None`` when any problem remains) and every problem found."""

    books: Books | None
    problems: tuple[RowProblem, ...]
    rows: int = 0

    @property
    def ok(self) -> bool:
        """No problem: the books can be stored."""
        return self.books is not None


@dataclass
class _Reader:
    source: str
    currency: str
    problems: list[RowProblem] = field(default_factory=list)

    def problem(self, line: int, column: str, template: str, values: Mapping[str, Any] | None = None) -> None:
        self.problems.append(RowProblem(self.source, line, column, Message(template, dict(values or {}))))

    def cell(self, row: Mapping[str, str], line: int, column: str, parse: Callable[[str], Any]) -> Any:
        raw = (row.get(column) or "").strip()
        if not raw:
            return None
        try:
            return parse(raw)
        except ValueError as exc:
            self.problems.append(
                RowProblem(
                    self.source,
                    line,
                    column,
                    exc.args[0] if isinstance(exc.args[0], Message) else Message(str(exc)),
                )
            )
            return None


def _date(raw: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError as exc:
        raise ValueError(
            Message(N_("should be a date like 2026-11-30, got %(value)s"), {"value": repr(raw)})
        ) from exc


def _choice(choices: tuple[str, ...]) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        if raw not in choices:
            raise ValueError(
                Message(
                    N_("should be one of %(choices)s, got %(value)s"),
                    {"choices": ", ".join(choices), "value": repr(raw)},
                )
            )
        return raw

    return parse


def _whole(raw: str) -> int:
    try:
        return int(raw)
    except ValueError as exc:
        raise ValueError(
            Message(N_("should be a whole number, got %(value)s"), {"value": repr(raw)})
        ) from exc


def _percent(raw: str) -> Decimal:
    try:
        value = Decimal(raw.rstrip("%").strip())
    except InvalidOperation as exc:
        raise ValueError(Message(N_("should be a number, got %(value)s"), {"value": repr(raw)})) from exc
    if not value.is_finite():
        raise ValueError(Message(N_("should be a number, got %(value)s"), {"value": repr(raw)}))
    return value / 100


def _amount(currency: str) -> Callable[[str], int]:
    from planner.money import minor_digits, parse_amount

    def parse(raw: str) -> int:
        try:
            return parse_amount(raw, currency)
        except ValueError as exc:
            if "decimals" in str(exc):
                raise ValueError(
                    Message(
                        N_("%(currency)s amounts have at most %(digits)s decimals, got %(value)s"),
                        {"currency": currency, "digits": minor_digits(currency), "value": repr(raw)},
                        {"digits": "count"},
                    )
                ) from exc
            raise ValueError(Message(N_("should be a number, got %(value)s"), {"value": repr(raw)})) from exc

    return parse


def _entry(kind: str, common: dict[str, Any], cells: dict[str, Any]) -> e.Entry | None:
    c = cells
    if kind in ("present", "absent"):
        return e.Attendance(**common, member=c["member"], present=kind == "present")
    if kind == "loan":
        return e.LoanDisbursed(
            **common,
            member=c["member"],
            loan_id=c["loan"],
            amount=c["amount"],
            rate=c["rate_percent"],
            rule=c["rule"],
            term=c["term"],
            frequency=c["frequency"] or "monthly",
        )
    if kind == "repayment":
        return e.Repayment(
            **common, loan_id=c["loan"], principal=c["amount"] or 0, interest=c["interest"] or 0
        )
    if kind == "write_off":
        return e.WriteOff(**common, loan_id=c["loan"], amount=c["amount"])
    if kind == "reversal":
        return e.Reversal(**common, reverses=c["reverses"])
    cls = e.BY_KIND[kind]
    if kind in ("joined", "left"):
        return cls(**common, member=c["member"])  # type: ignore[call-arg]
    if "member" in NEEDS[kind]:
        return cls(**common, member=c["member"], amount=c["amount"])  # type: ignore[call-arg]
    return cls(**common, amount=c["amount"])  # type: ignore[call-arg]


def _rows(reader: _Reader, text: str | Iterable[str]) -> list[tuple[int, str, dict[str, Any]]]:
    handle = io.StringIO(text) if isinstance(text, str) else text
    table = csv.DictReader(handle)
    header = [h.strip() for h in (table.fieldnames or [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    unknown = [c for c in header if c not in COLUMNS]
    if missing or unknown:
        parts = []
        if missing:
            parts.append(Message(N_("missing column(s) %(names)s"), {"names": ", ".join(missing)}))
        if unknown:
            parts.append(Message(N_("unknown column(s) %(names)s"), {"names": ", ".join(unknown)}))
        problems = Message(
            "; ".join(f"%(p{i})s" for i in range(len(parts))), {f"p{i}": p for i, p in enumerate(parts)}
        )
        reader.problem(
            1,
            "",
            N_("%(problems)s. Expected: %(names)s"),
            {"problems": problems, "names": ", ".join(COLUMNS)},
        )
        return []
    table.fieldnames = header
    parsers: dict[str, Callable[[str], Any]] = {
        "date": _date,
        "recorded_on": _date,
        "kind": _choice(KINDS),
        "amount": _amount(reader.currency),
        "interest": _amount(reader.currency),
        "rate_percent": _percent,
        "rule": _choice(e.INTEREST_RULES),
        "frequency": _choice(e.FREQUENCIES),
        "term": _whole,
    }
    out = []
    try:
        for raw in table:
            line = table.line_num
            if None in raw:
                reader.problem(line, "", N_("has more cells than the header"))
                continue
            if all(not (v or "").strip() for v in raw.values()):
                continue
            before = len(reader.problems)
            cells = {c: reader.cell(raw, line, c, parsers.get(c, str)) for c in COLUMNS}
            for column in ("date", "kind", *NEEDS.get(cells["kind"] or "", ())):
                if not (raw.get(column) or "").strip():
                    reader.problem(line, column, N_("is required"))
            if len(reader.problems) == before:
                out.append((line, cells["kind"], cells))
    except csv.Error as exc:
        reader.problem(table.line_num, "", N_("is not valid CSV (%(problem)s)"), {"problem": str(exc)})
    return out


def read_ledger(
    text: str | Iterable[str], source: str, currency: str, constitution: e.Constitution | None = None
) -> LedgerImport:
    r"""Read a paper ledger's CSV into books, or report every problem by line and column.

    Parameters
    ----------
    text : str or iterable of str
        The CSV (UTF-8 text), header first.
    source : str
        The file's name, as the report names it.
    currency : str
        The books' currency (ISO 4217); amounts may have as many decimals as it has.
    constitution : Constitution, optional
        The group's rules (share price, loan limit, share-out method).

    Examples
    --------
    >>> result = read_ledger("date,kind,member,amount\n2025-01-06,joined,asha,\n2025-01-06,savings,asha,5\n",
    ...                      "ledger.csv", "NPR")
    >>> result.ok, result.books.state_on(dt.date(2025, 1, 6)).cash
    (True, 500)
    """
    rules = constitution or e.Constitution()
    reader = _Reader(source, currency)
    rows = _rows(reader, text)
    entries: list[e.Entry] = []
    lines: dict[str, int] = {}
    for line, kind, cells in rows:
        entry_id = cells["entry"] or f"line-{line}"
        lines[entry_id] = line
        common = {
            "entry_id": entry_id,
            "date": cells["date"],
            "recorded_on": cells["recorded_on"],
            "note": cells["note"] or "",
        }
        if kind == "share_out":
            entries.extend(_share_out(reader, currency, rules, entries, cells["date"], entry_id, line, lines))
        else:
            entry = _entry(kind, common, cells)
            if entry is not None:
                entries.append(entry)
    if not reader.problems:
        for p in check_entries(currency, rules, entries):
            line = lines.get(p.entry_id, 0)
            column = (
                FIELD_COLUMNS.get(p.field, p.field) if p.field in COLUMNS or p.field in FIELD_COLUMNS else ""
            )
            reader.problems.append(RowProblem(source, line, column, p.message))
    if reader.problems:
        return LedgerImport(None, tuple(sorted(reader.problems, key=lambda p: p.line)), len(rows))
    return LedgerImport(Books(currency, rules, tuple(entries)), (), len(rows))


def _share_out(
    reader: _Reader,
    currency: str,
    rules: e.Constitution,
    entries: list[e.Entry],
    day: dt.date,
    entry_id: str,
    line: int,
    lines: dict[str, int],
) -> tuple[e.Entry, ...]:
    if reader.problems or check_entries(currency, rules, entries):
        return ()  # the rows before it are reported; the share-out is worked out once they are right
    books = Books(currency, rules, tuple(entries))
    try:
        made = share_out_entries(books, share_out(books, day), prefix=entry_id)
    except PlannerError as exc:
        reader.problems.append(RowProblem(reader.source, line, "kind", exc.message))
        return ()
    lines.update(dict.fromkeys((x.entry_id for x in made), line))
    return made
