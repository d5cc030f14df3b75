"""How records look in the API's JSON: plain, view-ready dicts built from what the pages show.

Money is a decimal string (``"12.50"``), dates are ISO strings, ids are integers.
What an employer receives about a person is only :func:`web.placements.service.disclose`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, TypedDict

from web.home.service import CaseRow
from web.matching.service import ShownMatch
from web.people.forms import PROFILE_COLUMNS, PROTECTED_COLUMNS
from web.people.service import consents_in_force, form_values
from web.placements import disclosure, service
from web.placements.pipeline import EMPLOYER_MAY_RECORD
from web.placements.service import Introduction
from web.storage.schema import ApiToken, Person, PlacementProgramme, PlacementProposal, User, Vacancy
from web.vacancies.service import PROGRAMME_COLUMNS, VACANCY_COLUMNS

CENTS = Decimal("0.01")
PERSON_FIELDS = tuple(c.name for c in PROFILE_COLUMNS + PROTECTED_COLUMNS)
VACANCY_FIELDS = tuple(c.name for c in VACANCY_COLUMNS if c.name != "id")
PROGRAMME_FIELDS = tuple(c.name for c in PROGRAMME_COLUMNS)


def plain(value: Any) -> Any:
    """A JSON-ready copy: decimals as strings, dates as ISO text, lists copied."""
    if isinstance(value, Decimal):
        return str(value.quantize(CENTS))  # as stored (NUMERIC(12, 2)), before and after a reload
    if isinstance(value, dt.datetime):  # always UTC with its offset (SQLite hands back naive UTC)
        aware = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
        return aware.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


class OrganisationRef(TypedDict):
    """The caller's organisation, as ``/me`` names it."""

    id: int
    name: str
    kind: str


class TokenInfo(TypedDict):
    """The calling token's expiry (ISO text) and scopes."""

    expires_at: str
    scopes: list[str]


class Me(TypedDict):
    """The body of ``GET /api/v1/me``."""

    id: int
    username: str
    display_name: str
    role: str
    language: str
    organisation: OrganisationRef | None
    authenticated_by: str  # "token" or "session"
    token: TokenInfo | None


class Case(TypedDict):
    """One row of the caseload list (``GET /api/v1/people``)."""

    id: int
    ref: str
    pseudonym: str
    locality: str
    consents: list[str]
    open_proposals: int
    latest_step: str | None
    last_activity: str | None


class MatchBody(TypedDict):
    """One ranked opening with its reasons (``GET /api/v1/people/<id>/matches``)."""

    kind: str  # "vacancy" or "programme"
    id: int
    ref: str
    title: str
    score: float
    reasons: list[str]
    gaps: list[str]
    fits: bool
    not_a_fit: list[str]
    distance_km: float | None


def me(user: User, token: ApiToken | None) -> Me:
    """The caller's own account (no password material), and the calling token's expiry and scopes."""
    org = user.organisation
    return {
        "id": user.id,
        "username": user.username,
        "display_name": user.display_name,
        "role": user.role,
        "language": user.language,
        "organisation": None if org is None else {"id": org.id, "name": org.name, "kind": org.kind},
        "authenticated_by": "token" if token is not None else "session",
        "token": None
        if token is None
        else {"expires_at": plain(token.expires_at), "scopes": list(token.scopes or [])},
    }


def case(row: CaseRow) -> Case:
    """One row of the caseload list."""
    return {
        "id": row.id,
        "ref": row.ref,
        "pseudonym": row.pseudonym,
        "locality": row.locality,
        "consents": list(row.consents),
        "open_proposals": row.open_proposals,
        "latest_step": row.latest_step,
        "last_activity": row.last_activity.isoformat() if row.last_activity else None,
    }


def person_input(person: Person) -> dict[str, Any]:
    """The person's current values in the shape the API accepts (for PATCH merging)."""
    values = form_values(person)
    out = {name: plain(values.get(name)) for name in PERSON_FIELDS}
    year = out.get("birth_year")
    out["birth_year"] = int(year) if isinstance(year, str) and year.isdigit() else None
    return out


def person(row: Person) -> dict[str, Any]:
    """A person's full profile for their counsellor (the edit form's fields plus consent)."""
    return {
        "id": row.id,
        "ref": row.ref,
        **person_input(row),
        "currency": row.currency,
        "consents": sorted(consents_in_force(row)),
        "share_fields": list(disclosure.agreed_fields(row)),
        "created_at": plain(row.created_at),
        "updated_at": plain(row.updated_at),
    }


def proposal(row: PlacementProposal) -> dict[str, Any]:
    """A proposal as the counsellor's board shows it (no reasons in words: they may be personal).

    ``shared_fields`` is what its employer sees now (the disclosure in force), ``shared_since``
    since when; ``shareable_fields`` what the person's consent in force lets the counsellor share.
    """
    current = disclosure.current(row)
    return {
        "id": row.id,
        "person_id": row.person_id,
        "programme_id": row.programme_id,
        "vacancy_id": row.vacancy_id,
        "state": row.state,
        "score": row.score,
        "shared_fields": list(current.fields) if current is not None else [],
        "shared_since": plain(current.granted_at) if current is not None else None,
        "shareable_fields": list(disclosure.agreed_fields(row.person)),
        "path": row.path,
        "next_steps": list(service.next_steps(row)),
        "created_at": plain(row.created_at),
        "history": [
            {"from": e.from_state, "to": e.to_state, "on": plain(e.happened_on), "at": plain(e.at)}
            for e in row.events
        ],
    }


def introduction(item: Introduction) -> dict[str, Any]:
    """Exactly what the employer's introductions page shows of one person."""
    return {
        "proposal_id": item.proposal_id,
        "state": item.state,
        "opening": item.opening,
        "summary": plain(item.summary),
        "shared": {k: plain(v) for k, v in item.shared.items()},
        "introduced_on": plain(item.introduced_on),
        "next_steps": [s for s in item.next_steps if s in EMPLOYER_MAY_RECORD],
    }


def _posting_input(row: Vacancy | PlacementProgramme, fields: tuple[str, ...]) -> dict[str, Any]:
    out = {name: plain(getattr(row, name, None)) for name in fields}
    out["locality"] = row.locality.ref if row.locality else None
    return out


def vacancy_input(row: Vacancy) -> dict[str, Any]:
    """A vacancy's current values in the shape the API accepts."""
    return _posting_input(row, VACANCY_FIELDS)


def vacancy(row: Vacancy) -> dict[str, Any]:
    """A vacancy with its review state and safety flags (as its page shows them).

    ``status`` is ``closed`` once the closing date has passed, whatever the employer last set.
    """
    return {
        "id": row.id,
        "ref": row.ref,
        "employer": row.employer.name,
        **vacancy_input(row),
        "currency": row.currency,
        "posted_on": plain(row.posted_on),
        "status": row.shown_status,
        "screened": row.screening is not None,
        "flags": list((row.screening or {}).get("flags", [])),
        "review_note": row.review_note,
    }


def programme_input(row: PlacementProgramme) -> dict[str, Any]:
    """A programme's current values in the shape the API accepts."""
    return _posting_input(row, PROGRAMME_FIELDS)


def programme(row: PlacementProgramme) -> dict[str, Any]:
    """A placement programme; ``started``: its start date has passed, so it takes no more proposals."""
    return {
        "id": row.id,
        "ref": row.ref,
        "employer": row.employer.name,
        **programme_input(row),
        "currency": row.currency,
        "started": row.has_started,
    }


def match(row: ShownMatch) -> MatchBody:
    """One ranked opening with its reasons."""
    return {
        "kind": row.kind,
        "id": row.row_id,
        "ref": row.ref,
        "title": row.title,
        "score": round(float(row.score), 1),
        "reasons": list(row.reasons),
        "gaps": list(row.gaps),
        "fits": row.fits,
        "not_a_fit": list(row.not_a_fit),
        "distance_km": None if row.distance_km is None else round(float(row.distance_km), 1),
    }
