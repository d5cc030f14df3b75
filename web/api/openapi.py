"""The OpenAPI 3.1 document of the Pathways API, built from the same column rules the API validates with.

Request bodies for people, vacancies and programmes are derived from the form columns
(:mod:`web.people.forms`, :mod:`web.vacancies.service`), so the document cannot drift
from what the server accepts. :func:`endpoint_list` feeds the plain docs page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from matcher.outcomes import HORIZONS
from matcher.records import PAY_PERIODS
from web.api.tokens import SCOPES
from web.infra.csvrows import Column
from web.people.forms import PROFILE_COLUMNS, PROTECTED_COLUMNS
from web.placements.by_outcome import OBJECTIVES
from web.placements.cohorts import METHODS
from web.placements.pipeline import PATHS
from web.placements.pipeline import STATES as STEP_STATES
from web.storage.schema import CONSENT_PURPOSES, ROLES, SHAREABLE_FIELDS, VacancyStatus
from web.vacancies.service import PROGRAMME_COLUMNS, VACANCY_COLUMNS

API_VERSION = "1.0.0"
MAX_ID = 2**31 - 1
STRING = {"type": "string"}
STRINGS = {"type": "array", "items": STRING}
NULL_STRING = {"type": ["string", "null"]}
NULL_NUMBER = {"type": ["number", "null"]}
ID = {"type": "integer"}
OBJECT = {"type": "object"}
STATES = sorted(STEP_STATES)


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _array(name: str) -> dict[str, Any]:
    return {"type": "array", "items": _ref(name)}


def column_input(column: Column) -> dict[str, Any]:
    """The JSON Schema of one form column as the API accepts it (``null`` means empty).

    Examples
    --------
    >>> column_input(Column("pay", "decimal", minimum=0))
    {'type': ['number', 'string', 'null'], 'minimum': 0}
    >>> column_input(Column("shift", "choice", choices=("day", "night")))["enum"]
    ['day', 'night', None]
    """
    kinds = {"int": "integer", "float": "number", "list": "array"}
    schema: dict[str, Any]
    if column.kind == "decimal":
        schema = {"type": ["number", "string", "null"]}
    else:
        schema = {"type": [kinds.get(column.kind, "string"), "null"]}
    if column.kind == "list":
        schema["items"] = {"type": "string", "maxLength": column.max_length}
    elif column.kind == "choice":
        schema["enum"] = [*column.choices, None]
    elif column.kind == "date":
        schema["format"] = "date"
    elif column.kind in ("str", "month"):
        schema["maxLength"] = column.max_length
    if column.minimum is not None:
        schema["minimum"] = column.minimum
    if column.maximum is not None:
        schema["maximum"] = column.maximum
    return schema


def column_output(column: Column) -> dict[str, Any]:
    """The JSON Schema of one column as the API returns it (money as a decimal string)."""
    kinds = {"int": "integer", "float": "number", "list": "array", "decimal": "string"}
    schema: dict[str, Any] = {"type": [kinds.get(column.kind, "string"), "null"]}
    if column.kind == "list":
        schema["items"] = STRING
    return schema


def input_schema(
    columns: Sequence[Column], *, required: bool, rename: dict[str, str] | None = None, **extra: Any
) -> dict[str, Any]:
    """An object schema accepting exactly ``columns`` (and ``extra`` properties)."""
    rename = rename or {}
    props = {rename.get(c.name, c.name): column_input(c) for c in columns} | extra
    schema: dict[str, Any] = {"type": "object", "properties": props, "additionalProperties": False}
    if required:
        schema["required"] = [rename.get(c.name, c.name) for c in columns if c.required]
    return schema


def output_schema(columns: Sequence[Column], skip: tuple[str, ...] = (), **extra: Any) -> dict[str, Any]:
    """An object schema of a returned record: its columns plus ``extra`` properties, all present."""
    props = {c.name: column_output(c) for c in columns if c.name not in skip} | extra
    return {"type": "object", "properties": props, "required": sorted(props)}


def _obj(**props: Any) -> dict[str, Any]:
    return {"type": "object", "properties": props, "required": sorted(props)}


def _schemas() -> dict[str, Any]:
    person_columns = PROFILE_COLUMNS + PROTECTED_COLUMNS
    consents = {"type": "array", "items": {"enum": list(CONSENT_PURPOSES)}}
    fields = {"type": "array", "items": {"enum": list(SHAREABLE_FIELDS)}}
    posting: dict[str, Any] = {
        "id": ID,
        "ref": STRING,
        "employer": STRING,
        "currency": NULL_STRING,
        "locality": NULL_STRING,
    }
    return {
        "Error": {
            "type": "object",
            "properties": {
                "error": STRING,
                "message": STRING,
                "fields": {"type": "object", "additionalProperties": STRING},
                "rows": {"type": "array", "items": _obj(line=ID, column=STRING, message=STRING)},
            },
            "required": ["error", "message"],
        },
        "Me": _obj(
            id=ID,
            username=STRING,
            display_name=STRING,
            role={"enum": list(ROLES)},
            language=STRING,
            organisation={"oneOf": [{"type": "null"}, _obj(id=ID, name=STRING, kind=STRING)]},
            authenticated_by={"enum": ["token", "session"]},
            token={
                "oneOf": [
                    {"type": "null"},
                    _obj(expires_at=STRING, scopes={"type": "array", "items": {"enum": list(SCOPES)}}),
                ]
            },
        ),
        "Case": _obj(
            id=ID,
            ref=STRING,
            pseudonym=STRING,
            locality=STRING,
            consents=consents,
            open_proposals=ID,
            latest_step={"type": ["string", "null"], "enum": [*STATES, None]},
            last_activity=NULL_STRING,
        ),
        "PersonInput": input_schema(person_columns, required=True, consents=consents, share_fields=fields),
        "PersonPatch": input_schema(person_columns, required=False),
        "Person": output_schema(
            person_columns,
            id=ID,
            ref=STRING,
            currency=NULL_STRING,
            consents=consents,
            share_fields=fields,
            created_at=STRING,
            updated_at=STRING,
        ),
        "ConsentInput": {
            "type": "object",
            "properties": {
                "purpose": {"enum": list(CONSENT_PURPOSES)},
                "fields": {"type": ["array", "null"], "items": {"enum": list(SHAREABLE_FIELDS)}},
            },
            "required": ["purpose"],
            "additionalProperties": False,
        },
        "Consents": _obj(person_id=ID, consents=consents, share_fields=fields),
        "Export": {
            "type": "object",
            "required": ["reference", "profile", "consents", "shared_with_employers"],
        },
        "Match": _obj(
            kind={"enum": ["vacancy", "programme"]},
            id=ID,
            ref=STRING,
            title=STRING,
            score={"type": "number"},
            reasons=STRINGS,
            gaps=STRINGS,
            fits={"type": "boolean"},
            not_a_fit=STRINGS,
            distance_km=NULL_NUMBER,
        ),
        "Matches": _obj(
            person_id=ID,
            matches=_array("Match"),
            not_a_fit=_array("Match"),
            excluded_count=ID,
            excluded_by_cause={"type": "object", "additionalProperties": ID},
            filtered_count=ID,
            elsewhere_count=ID,
            complete={"type": "boolean"},
            person_ready={"type": "boolean"},
            openings_waiting=ID,
            language_notes=STRINGS,
        ),
        "ProposeInput": {
            "type": "object",
            "properties": {
                "person_id": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                "programme_id": {"type": ["integer", "null"], "minimum": 1, "maximum": MAX_ID},
                "vacancy_id": {"type": ["integer", "null"], "minimum": 1, "maximum": MAX_ID},
                "score": NULL_NUMBER,
            },
            "required": ["person_id"],
            "additionalProperties": False,
        },
        "Proposal": _obj(
            id=ID,
            person_id=ID,
            programme_id={"type": ["integer", "null"]},
            vacancy_id={"type": ["integer", "null"]},
            state={"enum": STATES},
            score=NULL_NUMBER,
            shared_fields=fields,
            shared_since=NULL_STRING,
            shareable_fields=fields,
            path={"enum": sorted(PATHS)},
            next_steps=STRINGS,
            created_at=STRING,
            history={
                "type": "array",
                "items": _obj(**{"from": NULL_STRING, "to": STRING, "on": STRING, "at": STRING}),
            },
        ),
        "MoveInput": {
            "type": "object",
            "properties": {
                "to": {"enum": STATES},
                "reason": NULL_STRING,
                "on": {"type": ["string", "null"], "format": "date"},
                "share": {"type": ["array", "null"], "items": {"enum": list(SHAREABLE_FIELDS)}},
            },
            "required": ["to"],
            "additionalProperties": False,
        },
        "ShareInput": {
            "type": "object",
            "properties": {"share": fields},
            "required": ["share"],
            "additionalProperties": False,
        },
        "Introduction": _obj(
            proposal_id=ID,
            state={"enum": STATES},
            opening=STRING,
            summary=OBJECT,
            shared=OBJECT,
            introduced_on=NULL_STRING,
            next_steps=STRINGS,
        ),
        "CohortInput": {
            "type": "object",
            "properties": {
                "method": {"enum": list(METHODS)},
                "min_score": {"type": ["number", "null"], "minimum": 0, "maximum": 100},
                "objective": {"enum": list(OBJECTIVES)},
                "horizon": {"enum": list(HORIZONS)},
            },
            "additionalProperties": False,
        },
        "Job": _obj(
            job=STRING,
            state={"enum": ["queued", "running", "finished", "failed"]},
            progress={"type": "number"},
            message=STRING,
            result={"type": ["object", "null"]},
            error=NULL_STRING,
        ),
        "ConfirmInput": {
            "type": "object",
            "properties": {
                "pairs": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {"person": ID, "programme": ID},
                        "required": ["person", "programme"],
                        "additionalProperties": False,
                    },
                }
            },
            "required": ["pairs"],
            "additionalProperties": False,
        },
        "Proposed": _obj(proposed=ID),
        "ReviewInput": {
            "type": "object",
            "properties": {"decision": {"enum": ["approve", "reject"]}, "note": STRING},
            "required": ["decision", "note"],
            "additionalProperties": False,
        },
        "VacancyInput": input_schema(VACANCY_COLUMNS, required=True, rename={"id": "reference"}),
        "VacancyPatch": input_schema([c for c in VACANCY_COLUMNS if c.name != "id"], required=False),
        "Vacancy": output_schema(
            VACANCY_COLUMNS,
            skip=("id",),
            **posting,
            posted_on=NULL_STRING,
            status={"enum": list(VacancyStatus.ALL)},
            screened={"type": "boolean"},
            flags={"type": "array", "items": OBJECT},
            review_note=NULL_STRING,
        ),
        "ImportReport": _obj(created=ID, updated=ID, held=ID, unscreened=ID),
        "ProgrammeInput": input_schema(PROGRAMME_COLUMNS, required=True),
        "ProgrammePatch": input_schema(PROGRAMME_COLUMNS, required=False),
        "Programme": output_schema(PROGRAMME_COLUMNS, **posting, started={"type": "boolean"}),
        "PlanLine": _obj(id=ID, name=STRING, kind=STRING, created_at=STRING, ready={"type": "boolean"}),
        "Plans": _obj(cooperative=_obj(id=ID, name=STRING), plans=_array("PlanLine")),
        "Plan": _obj(
            id=ID,
            name=STRING,
            kind=STRING,
            created_at=STRING,
            ready={"type": "boolean"},
            inputs=OBJECT,
            summary={"type": ["object", "null"]},
        ),
    }


@dataclass(frozen=True)
class Operation:
    """One endpoint: method, path, who may call it, what it takes and returns."""

    method: str
    path: str
    operation_id: str
    summary: str
    roles: tuple[str, ...]
    ok: tuple[int, str | None]
    body: str | None = None
    params: tuple[dict[str, Any], ...] = ()
    errors: tuple[int, ...] = ()
    body_type: str = "application/json"
    extra: dict[str, Any] = field(default_factory=dict)
    scope: str | None = None  # the token scope the route needs (web.api.tokens.SCOPES)


def _path_id(name: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
    }


def _query(name: str, schema: dict[str, Any], required: bool = False) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": required, "schema": schema}


PERSON = (_path_id("person_id"),)
HANDLE = ({"name": "handle", "in": "path", "required": True, "schema": STRING},)
C, E, CE = ("counsellor",), ("employer",), ("counsellor", "employer")
COOP = ("coop_member", "coop_treasurer")
PLAN = (_path_id("plan_id"),)
NUMBER_FILTER = {"type": "number", "minimum": 0}
MATCH_FILTERS = (
    _query("max_distance_km", NUMBER_FILTER),
    _query("sector", STRING),
    _query("kind", {"enum": ["vacancy", "programme"]}),
    _query("min_hours", NUMBER_FILTER),
    _query("max_hours", NUMBER_FILTER),
    _query("min_pay", NUMBER_FILTER),
    _query("pay_period", {"enum": list(PAY_PERIODS)}),
)
OPERATIONS: tuple[Operation, ...] = (
    Operation("get", "/me", "getMe", "Who is calling: account, role, organisation", (), (200, "Me")),
    Operation(
        "get", "/people", "listPeople", "The organisation's caseload", C, (200, "Case[]"), scope="people:read"
    ),
    Operation(
        "post",
        "/people",
        "createPerson",
        "Register a person (form rules)",
        C,
        (201, "Person"),
        "PersonInput",
        scope="people:write",
    ),
    Operation(
        "get",
        "/people/{person_id}",
        "readPerson",
        "A person's profile and consent",
        C,
        (200, "Person"),
        params=PERSON,
        scope="people:read",
    ),
    Operation(
        "patch",
        "/people/{person_id}",
        "updatePerson",
        "Change fields of a profile (null empties)",
        C,
        (200, "Person"),
        "PersonPatch",
        PERSON,
        scope="people:write",
    ),
    Operation(
        "delete",
        "/people/{person_id}",
        "erasePerson",
        "Erase a person completely",
        C,
        (204, None),
        params=(*PERSON, _query("confirm", STRING, True)),
        errors=(422,),
        scope="people:write",
    ),
    Operation(
        "get",
        "/people/{person_id}/export",
        "exportPerson",
        "Everything held about a person",
        C,
        (200, "Export"),
        params=PERSON,
        scope="people:read",
    ),
    Operation(
        "post",
        "/people/{person_id}/consents",
        "grantConsent",
        "Record consent to a purpose",
        C,
        (200, "Consents"),
        "ConsentInput",
        PERSON,
        scope="people:write",
    ),
    Operation(
        "delete",
        "/people/{person_id}/consents/{purpose}",
        "withdrawConsent",
        "Withdraw consent to a purpose, at once",
        C,
        (200, "Consents"),
        params=(
            *PERSON,
            {"name": "purpose", "in": "path", "required": True, "schema": {"enum": list(CONSENT_PURPOSES)}},
        ),
        errors=(422,),
        scope="people:write",
    ),
    Operation(
        "get",
        "/people/{person_id}/matches",
        "personMatches",
        "Ranked openings with reasons and filters",
        C,
        (200, "Matches"),
        params=(*PERSON, *MATCH_FILTERS),
        errors=(422,),
        scope="people:read",
    ),
    Operation(
        "get",
        "/proposals",
        "listProposals",
        "Proposals of the caseload (the board)",
        C,
        (200, "Proposal[]"),
        scope="placements:read",
    ),
    Operation(
        "post",
        "/proposals",
        "propose",
        "Propose a programme place or a vacancy",
        C,
        (201, "Proposal"),
        "ProposeInput",
        errors=(404,),
        scope="placements:write",
    ),
    Operation(
        "post",
        "/proposals/{proposal_id}/moves",
        "moveProposal",
        "Record the next step (employers: placement, interview and offer outcomes; "
        "they receive the introduction view)",
        CE,
        (200, "Proposal"),
        "MoveInput",
        (_path_id("proposal_id"),),
        extra={"employer_response": "Introduction"},
        scope="placements:write",
    ),
    Operation(
        "post",
        "/proposals/{proposal_id}/disclosures",
        "shareWithEmployer",
        "Share with the employer of an open introduction what the person agrees to now ([]: stop sharing)",
        C,
        (200, "Proposal"),
        "ShareInput",
        (_path_id("proposal_id"),),
        scope="placements:write",
    ),
    Operation(
        "post",
        "/cohort-jobs",
        "startCohortJob",
        "Start filling programme places (background job)",
        C,
        (202, "Job"),
        "CohortInput",
        errors=(429,),
        scope="placements:write",
    ),
    Operation(
        "get",
        "/cohort-jobs/{handle}",
        "readCohortJob",
        "A cohort job's progress and result",
        C,
        (200, "Job"),
        params=HANDLE,
        scope="placements:read",
    ),
    Operation(
        "post",
        "/cohort-jobs/{handle}/confirm",
        "confirmCohortJob",
        "Propose the pairs kept from a finished job",
        C,
        (200, "Proposed"),
        "ConfirmInput",
        HANDLE,
        scope="placements:write",
    ),
    Operation(
        "get",
        "/review-queue",
        "reviewQueue",
        "Vacancies held by the safety screening in the counsellor's localities",
        C,
        (200, "Vacancy[]"),
        scope="vacancies:read",
    ),
    Operation(
        "post",
        "/vacancies/{vacancy_id}/review",
        "reviewVacancy",
        "Approve (with a note) or reject a held vacancy of the counsellor's localities",
        C,
        (200, "Vacancy"),
        "ReviewInput",
        (_path_id("vacancy_id"),),
        scope="vacancies:write",
    ),
    Operation(
        "get",
        "/vacancies",
        "listVacancies",
        "The employer's own vacancies",
        E,
        (200, "Vacancy[]"),
        scope="vacancies:read",
    ),
    Operation(
        "post",
        "/vacancies",
        "createVacancy",
        "Post a vacancy (screened on save)",
        E,
        (201, "Vacancy"),
        "VacancyInput",
        scope="vacancies:write",
    ),
    Operation(
        "get",
        "/vacancies/{vacancy_id}",
        "readVacancy",
        "One vacancy (employers: their own)",
        CE,
        (200, "Vacancy"),
        params=(_path_id("vacancy_id"),),
        scope="vacancies:read",
    ),
    Operation(
        "patch",
        "/vacancies/{vacancy_id}",
        "updateVacancy",
        "Change a vacancy (screened again)",
        E,
        (200, "Vacancy"),
        "VacancyPatch",
        (_path_id("vacancy_id"),),
        scope="vacancies:write",
    ),
    Operation(
        "post",
        "/vacancies/import",
        "importVacancies",
        "Upload vacancies as CSV, all or nothing (a large file: 202 and a background job)",
        E,
        (200, "ImportReport"),
        "CsvText",
        errors=(429,),
        body_type="text/csv",
        scope="vacancies:write",
        extra={"accepted": "Job"},
    ),
    Operation(
        "get",
        "/import-jobs/{handle}",
        "readImportJob",
        "A large import's progress, then what it did",
        E,
        (200, "Job"),
        params=HANDLE,
        scope="vacancies:read",
    ),
    Operation(
        "get",
        "/programmes",
        "listProgrammes",
        "The employer's own placement programmes",
        E,
        (200, "Programme[]"),
        scope="vacancies:read",
    ),
    Operation(
        "post",
        "/programmes",
        "createProgramme",
        "Offer a placement programme",
        E,
        (201, "Programme"),
        "ProgrammeInput",
        scope="vacancies:write",
    ),
    Operation(
        "get",
        "/programmes/{programme_id}",
        "readProgramme",
        "One of the employer's programmes",
        E,
        (200, "Programme"),
        params=(_path_id("programme_id"),),
        scope="vacancies:read",
    ),
    Operation(
        "patch",
        "/programmes/{programme_id}",
        "updateProgramme",
        "Change a programme",
        E,
        (200, "Programme"),
        "ProgrammePatch",
        (_path_id("programme_id"),),
        scope="vacancies:write",
    ),
    Operation(
        "get",
        "/introductions",
        "listIntroductions",
        "People introduced to the employer, as far as each agreed to share",
        E,
        (200, "Introduction[]"),
        scope="placements:read",
    ),
    Operation(
        "get",
        "/cooperative/plans",
        "listPlans",
        "Your cooperative's saved plans",
        COOP,
        (200, "Plans"),
        scope="cooperative:read",
    ),
    Operation(
        "get",
        "/cooperative/plans/{plan_id}",
        "readPlan",
        "A saved plan's inputs and result summary",
        COOP,
        (200, "Plan"),
        params=PLAN,
        scope="cooperative:read",
    ),
    Operation(
        "delete",
        "/cooperative/plans/{plan_id}",
        "deletePlan",
        "Delete a saved plan (treasurer only)",
        ("coop_treasurer",),
        (204, None),
        params=PLAN,
        scope="cooperative:write",
    ),
)
ERROR_TEXT = {
    400: "The body is not what this endpoint reads",
    401: "No valid token (or session)",
    403: "Your role, or the token's scopes, cannot use this endpoint",
    404: "No such record for you (other organisations' records included)",
    413: "The body is too large, or a CSV file has too many rows (`error` says which)",
    422: "Some fields need fixing; `fields` says which",
    429: "You already have as many background jobs running or waiting as one person may",
}


def _content(name: str) -> dict[str, Any]:
    schema = _array(name[:-2]) if name.endswith("[]") else _ref(name)
    return {"application/json": {"schema": schema}}


def _operation(op: Operation) -> dict[str, Any]:
    code, name = op.ok
    ok: dict[str, Any] = {"description": op.summary}
    if name is not None:
        ok["content"] = _content(name)
        if "employer_response" in op.extra:
            both = {"oneOf": [_ref(name), _ref(op.extra["employer_response"])]}
            ok["content"] = {"application/json": {"schema": both}}
    errors = {401, *op.errors}
    if op.roles:
        errors.add(403)
    if op.body is not None:
        errors |= {400, 413, 422}
    if any(p["in"] == "path" for p in op.params):
        errors.add(404)
    successes = {str(code): ok}
    if "accepted" in op.extra:
        successes["202"] = {
            "description": "Started as a background job",
            "content": _content(op.extra["accepted"]),
        }
    responses = successes | {
        str(e): {"description": ERROR_TEXT[e], "content": _content("Error")} for e in sorted(errors)
    }
    out: dict[str, Any] = {
        "operationId": op.operation_id,
        "summary": op.summary,
        "description": f"Roles: {', '.join(op.roles) or 'anyone signed in'}. "
        f"Token scope: {op.scope or 'any valid token'}.",
        "responses": responses,
    }
    if op.scope is not None:
        out["x-token-scope"] = op.scope
    if op.params:
        out["parameters"] = list(op.params)
    if op.body is not None:
        schema = {"type": "string"} if op.body_type == "text/csv" else _ref(op.body)
        out["requestBody"] = {"required": True, "content": {op.body_type: {"schema": schema}}}
    return out


def document() -> dict[str, Any]:
    """The whole OpenAPI 3.1 document (served at ``/api/v1/openapi.json``)."""
    paths: dict[str, dict[str, Any]] = {}
    for op in OPERATIONS:
        paths.setdefault(op.path, {})[op.method] = _operation(op)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Pathways API",
            "version": API_VERSION,
            "description": "The same operations as the Pathways pages, for counsellors and employers, "
            "under the same rules: your role and organisation decide what you reach, employers see people "
            "only as far as each agreed to share, and every call is audited. Make a personal token at "
            "/api/v1/tokens and send it as 'Authorization: Bearer <token>'.",
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearerAuth": []}],
        "paths": paths,
        "components": {
            "schemas": _schemas(),
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
        },
    }


@dataclass(frozen=True)
class EndpointLine:
    """One line of the plain docs page."""

    method: str
    path: str
    roles: str
    summary: str
    scope: str = ""


def endpoint_list() -> list[EndpointLine]:
    """Every endpoint, for the docs page.

    Examples
    --------
    >>> first = endpoint_list()[0]
    >>> first.method, first.path
    ('GET', '/api/v1/me')
    """
    return [
        EndpointLine(
            op.method.upper(),
            "/api/v1" + op.path,
            ", ".join(op.roles) or "anyone",
            op.summary,
            op.scope or "",
        )
        for op in OPERATIONS
    ]
