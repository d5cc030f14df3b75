"""The independent screening set (another author's adverts): loading, the fixed split, per-group figures.

A helper for ``bench/screening.py``, not a benchmark of its own. The set lives outside the repository
(``../shared/datasets/screening-external/``, never committed); ``PATHWAYS_SCREENING_EXTERNAL`` names another
folder. Its labels are ``risk``/``ok`` and its indicator names are the author's own; :data:`INDICATOR_GROUPS`
says which screener indicators stand for each of them.

The split is fixed by a seeded rule on ids alone, made before any advert was read: within each
(language, label) stratum the ids are ordered by the SHA-256 of ``SPLIT_SEED + id`` and dealt alternately to
``tune`` and ``held_out``. Tune on ``tune`` only; report on ``held_out``.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXTERNAL = Path(
    os.environ.get("PATHWAYS_SCREENING_EXTERNAL", ROOT.parent / "shared" / "datasets" / "screening-external")
)
#: Committed with the rule before any advert was read; changing it would make a new split.
SPLIT_SEED = "pathways-screening-external-2026-12"
PARTS = ("tune", "held_out")

#: The external author's indicator -> the screener indicators that name the same thing (the money-control
#: indicators added for issue 19 joined their groups after the "before" run, which had none of them).
INDICATOR_GROUPS: dict[str, frozenset[str]] = {
    "deception": frozenset({"deception", "pay_differs_from_contract"}),
    "debt_bondage": frozenset({"debt_bondage"}),
    "recruitment_fees": frozenset({"recruitment_fees", "work_related_charges"}),
    "document_retention": frozenset({"retention_of_identity_documents"}),
    "withheld_wages": frozenset(
        {"withholding_of_wages", "pay_withheld_until_end", "cash_or_third_party_pay", "control_of_pay"}
    ),
    "restricted_movement": frozenset({"restriction_of_movement"}),
    "isolation": frozenset({"isolation"}),
    "excessive_hours": frozenset({"excessive_overtime"}),
    "abusive_conditions": frozenset({"abusive_conditions", "wage_deductions"}),
    "sexual_exploitation": frozenset({"physical_sexual_violence"}),
    "threats": frozenset({"intimidation_threats"}),
    "abuse_of_vulnerability": frozenset({"abuse_of_vulnerability", "no_papers_needed"}),
    "fraud_scam": frozenset(
        {
            "too_good_to_be_true",
            "upfront_id_or_bank",
            "pressure_urgency",
            "unidentified_employer",
            "money_mule",
            "work_related_charges",
        }
    ),
}


@dataclass(frozen=True)
class Outcome:
    """One system's verdict on one advert: held or not, and the screener indicators it named."""

    flagged: bool
    indicators: frozenset[str] = frozenset()


def available() -> bool:
    """Whether the external set is on this machine."""
    return (EXTERNAL / "adverts.jsonl").is_file()


def load_external() -> list[dict]:
    """The adverts as screening records: ``label`` ``risky``/``legit`` (the author's ``risk``/``ok``)."""
    records = []
    with open(EXTERNAL / "adverts.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                raw = json.loads(line)
                records.append(raw | {"label": "risky" if raw["label"] == "risk" else "legit"})
    return records


def split_of(records: Sequence[dict]) -> dict[str, str]:
    """``id -> "tune" | "held_out"``: stratified by (language, label), ordered by a seeded hash of the id.

    Examples
    --------
    >>> rows = [{"id": f"a{n}", "language": "en", "label": "risky"} for n in range(4)]
    >>> sorted(split_of(rows).values())
    ['held_out', 'held_out', 'tune', 'tune']
    """
    strata: dict[tuple[str, str], list[str]] = {}
    for record in records:
        strata.setdefault((record["language"], record["label"]), []).append(str(record["id"]))
    part: dict[str, str] = {}
    for ids in strata.values():
        ranked = sorted(ids, key=lambda i: hashlib.sha256(f"{SPLIT_SEED}:{i}".encode()).hexdigest())
        for n, advert in enumerate(ranked):
            part[advert] = PARTS[n % 2]
    return part


def _prf(truth: Sequence[bool], pred: Sequence[bool]) -> tuple[float, float, int, int]:
    tp = sum(t and p for t, p in zip(truth, pred, strict=True))
    fp = sum(p and not t for t, p in zip(truth, pred, strict=True))
    fn = sum(t and not p for t, p in zip(truth, pred, strict=True))
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    return precision, recall, fp, fn


def report(
    title: str, records: Sequence[dict], systems: dict[str, Callable[[list[dict]], list[Outcome]]]
) -> dict[str, list[Outcome]]:
    """Print precision, recall and false alarms overall, per language and per indicator; return outcomes.

    Per indicator (the external author's): *recall* is the share of risky adverts labelled with it that are
    held; *named* the share where one of its screener indicators is among the flags; *raised* the adverts
    carrying one of its screener indicators, *precision* the risky share of those and *false alarms* the
    legitimate ones.
    """
    records = list(records)
    truth = [r["label"] == "risky" for r in records]
    outcomes = {name: run(records) for name, run in systems.items()}
    print(f"\n{title}: {len(records)} adverts ({sum(truth)} risky, {len(truth) - sum(truth)} legit)")
    print(f"{'system':<30}{'lang':>6}{'n':>5}{'risky':>7}{'precision':>11}{'recall':>8}{'false al.':>10}"
          f"{'missed':>8}")  # fmt: skip
    languages = sorted({r["language"] for r in records})
    for name, outs in outcomes.items():
        for language in ["all", *languages]:
            keep = [i for i, r in enumerate(records) if language in ("all", r["language"])]
            p, r, fp, fn = _prf([truth[i] for i in keep], [outs[i].flagged for i in keep])
            print(f"{name:<30}{language:>6}{len(keep):>5}{sum(truth[i] for i in keep):>7}{p:>11.3f}{r:>8.3f}"
                  f"{fp:>10d}{fn:>8d}")  # fmt: skip
    print(f"\nper indicator (external labels){'':<6}{'risky':>6}" + "".join(
        f"{n[:22]:>24}" for n in outcomes
    ))  # fmt: skip
    print(f"{'':<43}" + "".join(f"{'rec named prec f.a.':>24}" for _ in outcomes))
    for group, members in INDICATOR_GROUPS.items():
        labelled = [i for i, r in enumerate(records) if group in r.get("indicators", [])]
        cells = []
        for outs in outcomes.values():
            held = sum(outs[i].flagged for i in labelled)
            named = sum(bool(outs[i].indicators & members) for i in labelled)
            raised = [i for i, o in enumerate(outs) if o.indicators & members]
            risky_raised = sum(truth[i] for i in raised)
            recall = f"{held / len(labelled):.2f}" if labelled else "  - "
            name_rate = f"{named / len(labelled):.2f}" if labelled else "  - "
            precision = f"{risky_raised / len(raised):.2f}" if raised else "  - "
            if not any(o.indicators for o in outs):  # a system that names no indicator (keywords)
                name_rate, precision, false_alarms = "  - ", "  - ", "  -"
            else:
                false_alarms = f"{len(raised) - risky_raised:>3d}"
            cells.append(f"{recall:>6}{name_rate:>6}{precision:>6}{false_alarms:>6}")
        print(f"{group:<37}{len(labelled):>6}" + "".join(cells))
    return outcomes
