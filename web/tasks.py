"""Job functions the background queue may run (see :mod:`web.infra.jobs`).

Each runs in an app context as one unit of work: :func:`web.infra.jobs.execute` commits what a job
leaves when it returns, and rolls it back keeping its audit events when it fails, so a job neither
commits nor rolls back its own session (work stored in short transactions, like the preparation
lanes, commits its own batches).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from web.infra.db import session
from web.placements.cohorts import run_cohort


def prepare_postings() -> dict[str, int]:
    """Screen new vacancies and store the vectors of every posting whose words changed."""
    from web.infra import services
    from web.matching import preparation, vectors

    db = session()
    with preparation.in_background(), preparation.exclusive():
        done = preparation.prepare_postings(db, services.encoder, services.screener_or_none, vectors.keys())
    return {"postings": done}


def prepare_people(person_ids: list[int] | None = None, through_esco: bool = False) -> dict[str, int]:
    """Store the vectors of these people (or everyone whose words changed), then rank them ahead.

    Words in other languages go through ESCO when this process has read it (``through_esco``:
    read it first if configured).
    """
    from web.infra import services
    from web.matching import preparation, vectors

    db = session()
    with preparation.in_background():
        bridge = services.person_bridge(read=through_esco)
        with preparation.exclusive():
            done = preparation.prepare_people(db, services.encoder, vectors.keys(), person_ids, bridge=bridge)
        warmed = preparation.warm_matches(db, person_ids if person_ids is not None else done)
    return {"people": len(done), "ranked": warmed}


def prepare_market() -> dict[str, int]:
    """Ground in ESCO every posting and person whose words changed (reads ESCO first if needed)."""
    from web.infra import services
    from web.infra.jobs import report_progress
    from web.market import data as market_data
    from web.market.service import esco_tools
    from web.matching import preparation, vectors

    db = session()
    # One grounding at a time across the server's processes: one asked for by another worker's
    # page waits here, then finds nothing stale instead of encoding the same records again.
    with services.one_process_at_a_time("market-grounding.lock"):
        if not market_data.stale(db, vectors.keys()):
            return {"postings_grounded": 0, "people_grounded": 0}  # nothing to do: ESCO is not even read
        with preparation.in_background():
            return market_data.prepare_market(db, esco_tools(), vectors.keys(), report_progress)


def cohort_assignment(
    organisation_id: int,
    method: str,
    min_score: float | None = None,
    objective: str = "match_score",
    horizon: int = 6,
) -> dict[str, Any]:
    """Score the organisation's caseload against programmes and assign places (proposal only).

    ``objective`` ``expected_outcome``: by the expected number employed at ``horizon`` months.
    """
    db = session()
    return run_cohort(db, organisation_id, method, min_score, objective, horizon)


def outcome_backtest(horizon: int, since: str, until: str) -> dict[str, Any]:
    """Backtest proposing by expected outcome on the stored placement history (managers' page)."""
    from web.placements.backtests import run

    db = session()
    return run(db, horizon, since, until)


def coop_plan_futures(plan_id: int, runs: int) -> dict[str, int]:
    """Re-run a saved plan with more simulated futures (e.g. 10,000) and store the result on it."""
    from web.coop.plans import run_plan
    from web.i18n import N_
    from web.infra.jobs import report_progress
    from web.storage.schema import Cooperative, SavedPlan

    db = session()
    plan = db.get(SavedPlan, plan_id)
    if plan is None:
        raise LookupError("That plan was deleted.")
    report_progress(0.1, N_("Simulating %(runs)s futures"), runs=runs)
    inputs = dict(plan.inputs)
    if inputs.get("from_books") and not inputs.get("opening"):  # saved before plans kept their opening
        inputs["opening"] = (plan.summary or {}).get("opening")
    if inputs.get("from_books") and "books_settings" not in inputs:  # ... or what only the books tell
        from web.books.plans import start_on
        from web.coop.plans import books_only_settings

        day = dt.date.fromisoformat(str(inputs["from_books"]))
        coop = db.get(Cooperative, plan.cooperative_id)
        if coop is None:
            raise LookupError("That plan's cooperative was deleted.")
        inputs["books_settings"] = books_only_settings(start_on(db, coop, day).settings())
    result = run_plan(plan.kind, inputs, int(inputs["seed"]), runs)
    plan.summary = result
    plan.inputs = {**inputs, "runs": runs}
    report_progress(1.0, N_("Done"))
    return {"plan_id": plan_id, "runs": runs}


def coop_market_evidence(coop_id: int, business: str, form: dict[str, str]) -> dict[str, Any]:
    """Local labour-market evidence for a 3x6 group's business; ``form`` (the typed plan) comes back as is."""
    from web.coop.local_market import lookup
    from web.storage.schema import Cooperative

    db = session()
    coop = db.get(Cooperative, coop_id)
    if coop is None:
        raise LookupError("That cooperative is no longer there.")
    return {"evidence": lookup(db, coop, business), "form": form}


def import_vacancies(user_id: int, text: str, source: str) -> dict[str, Any]:
    """Check an employer's uploaded CSV again and store it in short transactions, with progress."""
    import io

    from web.infra import services
    from web.infra.jobs import report_progress
    from web.matching import preparation
    from web.storage.schema import User
    from web.vacancies import imports

    db = session()
    user = db.get(User, user_id)
    if user is None:
        raise LookupError("That account is no longer there.")
    upload = imports.check_upload(db, user, io.StringIO(text), source, None)
    if upload.errors:  # changed since the upload was checked (another employer took an id)
        return {**imports.ImportReport(errors=upload.errors).to_dict(), "source": source}
    total = len(upload.rows)
    report_progress(0.0, imports.STORING, done=0, total=total)

    def stored(done: int, total: int) -> None:
        report_progress(done / total, imports.STORING, done=done, total=total)

    report = imports.store_upload(db, user, upload, services.screener_or_none(), stored)
    preparation.request_postings()  # their phrases' vectors, on the preparation lane
    return {**report.to_dict(), "source": source}
