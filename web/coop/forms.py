"""Request data of the cooperative pages: the plan form (with name and seed), plan choices, the loan form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy.orm import Session

from planner.books.plan import PlanStart
from planner.cooperative import OpeningBalances
from web.books import plans as books_plans
from web.coop import plans, service
from web.coop.feasibility import source_matches
from web.infra.csvrows import Column
from web.infra.forms import FormResult, parse_form
from web.storage.schema import Cooperative, User

NAME = Column("name", max_length=120)
SEED = Column("seed", "int", required=False, minimum=0, maximum=2**32 - 1)
PRINCIPAL = Column("principal", "float", minimum=1, maximum=1e10)
MONTHS = Column("months", "int", minimum=1, maximum=120)
#: the 3x6 business in words, for the labour-market look-up
BUSINESS = Column("business", max_length=200)
#: where the 3x6 market figures came from (see :func:`web.coop.feasibility.map_source`)
SOURCE = Column("evidence_source", required=False, max_length=120)
#: the day of the group's books a savings-and-loans plan starts from (empty: from nothing)
FROM_BOOKS = Column("from_books", "date", required=False)


@dataclass(frozen=True)
class PlanForm:
    """A parsed plan form: values in form units, errors per field, and the typed text to show again."""

    values: dict[str, Any]
    errors: dict[str, str]
    text: dict[str, str]
    name: str
    seed: int

    @property
    def ok(self) -> bool:
        """True when nothing needs fixing."""
        return not self.errors


def _text(form: Mapping[str, Any], names: Iterable[str]) -> dict[str, str]:
    return {n: str(form.get(n, "") or "").strip() for n in names}


def form_text(kind: str, form: Mapping[str, Any]) -> dict[str, str]:
    """Everything the plan form holds, as typed (inputs, seed, name, and for 3x6 the business and source)."""
    extra = ["seed", "name", "business", "evidence_source", "from_books"]
    return _text(form, [f.name for f in plans.FIELDS[kind]] + extra)


def parse_business(form: Mapping[str, Any]) -> FormResult:
    """The business described for the labour-market look-up (required, at most 200 characters)."""
    return parse_form(form, [BUSINESS])


def parse(
    kind: str,
    form: Mapping[str, Any],
    *,
    saving: bool,
    runs: int = plans.WEB_RUNS,
    opening: OpeningBalances | None = None,
) -> PlanForm:
    """Validate the plan inputs, the seed, and (when saving) the plan's name.

    Examples
    --------
    >>> facts = plans.CoopFacts("NPR", 1000, 3, 0.01, 20, country="NP")
    >>> text = plans.as_form_text(plans.defaults("3x6", facts))
    >>> parse("3x6", {**text, "seed": "7"}, saving=False).seed
    7
    >>> parse("3x6", {**text, "group_size": "0"}, saving=True).errors
    {'group_size': 'should be at least 1, got 0', 'name': 'is required'}
    """
    result = plans.parse_plan_form(kind, form, runs, opening)
    extra = parse_form(form, [SEED, SOURCE, NAME] if saving else [SEED, SOURCE])
    errors = {**result.errors, **extra.errors}
    seed = extra.values.get("seed")
    values = dict(result.values)
    source = extra.values.get("evidence_source") or ""
    if kind == "3x6" and source_matches(
        source, values.get("related_vacancies"), values.get("related_employers")
    ):
        values["evidence_source"] = source
    return PlanForm(
        values=values,
        errors=errors,
        text=form_text(kind, form),
        name=str(extra.values.get("name") or form.get("name", "") or "").strip()[:120],
        seed=plans.DEFAULT_SEED if seed is None else int(seed),
    )


def stored_inputs(
    parsed: PlanForm,
    currency: str,
    runs: int,
    start: PlanStart | None = None,
    other: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """What a saved plan keeps as its inputs: form values, currency, seed, runs, and where it starts.

    A plan from the books keeps their balances (``opening``), their day (``from_books``) and what
    they tell that the form has no field for (``books_settings``: an established business). A
    savings-and-loans plan keeps the other amounts it takes that the form has no field for, in the
    group's money (``other``: :func:`web.coop.plans.unshown_settings`).
    """
    inputs = {**parsed.values, "currency": currency, "seed": parsed.seed, "runs": runs}
    if other:
        inputs["other_settings"] = dict(other)
    if start is not None:
        inputs.update(
            from_books=start.on.isoformat(),
            opening=start.opening.to_dict(),
            books_settings=plans.books_only_settings(start.settings()),
        )
    return inputs


def books_day(form: Mapping[str, Any]) -> dt.date | None:
    """The day of the books a plan form starts from, or ``None`` (a plan from nothing).

    Raises ``ValueError`` for a day that is not a date.

    Examples
    --------
    >>> books_day({"from_books": "2026-11-15"}), books_day({})
    (datetime.date(2026, 11, 15), None)
    """
    result = parse_form(form, [FROM_BOOKS])
    if not result.ok:
        raise ValueError(result.errors["from_books"])
    day = result.values.get("from_books")
    return day if isinstance(day, dt.date) else None


def starting_values(
    db: Session, user: User, coop: Cooperative, kind: str, from_plan: int | None, from_books: bool = True
) -> dict[str, str]:
    """The form's first values: a saved plan's inputs (``from_plan``), the books, or the defaults.

    A savings-and-loans plan of a group that keeps its books here starts from the books as they stand
    today, unless ``from_books`` is false.
    """
    if from_plan is not None:
        plan = service.plan_for(db, user, coop, from_plan, "copy_plan")
        if plan.kind == kind:
            fresh = plans.defaults(kind, service.facts(coop))  # for fields added since it was saved
            inputs = {f.name: plan.inputs.get(f.name, fresh.get(f.name)) for f in plans.FIELDS[kind]}
            text = plans.as_form_text(inputs)
            text["evidence_source"] = str(plan.inputs.get("evidence_source") or "")
            text["from_books"] = str(plan.inputs.get("from_books") or "")
            text.update(
                seed=str(plan.inputs.get("seed", plans.DEFAULT_SEED)),
                name=_("%(name)s (changed)", name=plan.name),
            )
            return text
    start = books_plans.form_start(db, coop) if kind == "cooperative" and from_books else None
    if start is not None:
        text = plans.as_form_text(start[1])
        text["from_books"] = start[0].isoformat()
    else:
        text = plans.as_form_text(plans.defaults(kind, service.facts(coop)))
    text.update(seed=str(plans.DEFAULT_SEED), name="")
    return text


def plan_ids(raw: Iterable[str]) -> list[int]:
    """Distinct plan ids in the order given; anything not a number is ignored.

    Examples
    --------
    >>> plan_ids(["3", "1", "3", "x"])
    [3, 1]
    """
    ids: list[int] = []
    for value in raw:
        if value.strip().isdigit() and int(value) not in ids:
            ids.append(int(value))
    return ids


def loan_defaults(coop: Cooperative) -> dict[str, Any]:
    """A loan to start the comparison with: three times a year of monthly savings, over 12 months."""
    return {"principal": float(coop.monthly_share) * 36, "months": 12}


def parse_loan(form: Mapping[str, Any], defaults: Mapping[str, Any]) -> FormResult:
    """Amount and months of the loan to compare; the defaults when the form is empty.

    Examples
    --------
    >>> parse_loan({"principal": "-5", "months": "12"}, {}).errors
    {'principal': 'should be at least 1, got -5'}
    >>> parse_loan({}, {"principal": 100.0, "months": 6}).values
    {'principal': 100.0, 'months': 6}
    """
    if not any(str(form.get(n, "")).strip() for n in ("principal", "months")):
        return FormResult(values=dict(defaults))
    return parse_form(form, [PRINCIPAL, MONTHS])


def rate_field(key: str) -> str:
    """The loan form's field for the yearly rate typed for lender ``key``."""
    return f"rate_{key}"


def parse_rates(form: Mapping[str, Any], keys: Iterable[str]) -> tuple[dict[str, float], dict[str, str]]:
    """The yearly rates typed (in percent) for the lenders ``keys`` that have no sourced rate.

    Returns the rates as fractions by lender key (blank fields left out) and the errors by field.

    Examples
    --------
    >>> parse_rates({"rate_bank": "16.5", "rate_mfi": ""}, ["bank", "mfi"])
    ({'bank': 0.165}, {})
    >>> parse_rates({"rate_bank": "-2"}, ["bank"])[1]
    {'rate_bank': 'should be at least 0, got -2'}
    """
    columns = [Column(rate_field(k), "float", required=False, minimum=0, maximum=1000) for k in keys]
    result = parse_form(form, columns)
    rates = {k: float(v) / 100 for k in keys if (v := result.values.get(rate_field(k))) is not None}
    return (rates if result.ok else {}), dict(result.errors)


def loan_text(form: Mapping[str, Any], parsed: FormResult, rate_keys: Iterable[str] = ()) -> dict[str, str]:
    """The loan form's inputs as typed (or the defaults used), with any typed rates."""
    rates = _text(form, [rate_field(k) for k in rate_keys])
    if parsed.ok:
        return {**plans.as_form_text(parsed.values), **rates}
    return {**_text(form, ("principal", "months")), **rates}
