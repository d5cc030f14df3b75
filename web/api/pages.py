"""The caller's account, the OpenAPI document, the endpoint list, and the token page.

The token page is for a signed-in browser session only (a token cannot make or revoke
tokens); its forms carry the CSRF token. Making a token asks for the password again (and a
current code when two-step sign-in is on), so a stolen session cannot mint one; the maker
chooses its scopes and lifetime, and it is shown once, never stored.
"""

from __future__ import annotations

from collections.abc import Sequence

from flask import Response, current_app, flash, g, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response as WerkzeugResponse

from web.accounts.access import login_required
from web.accounts.totp import confirm_identity
from web.api import openapi, shapes, tokens
from web.api.core import bp, roles
from web.infra.db import session


@bp.get("/me")
@roles()
def me() -> Response:
    """Who is calling: account, role and organisation."""
    return jsonify(shapes.me(g.user, g.get("api_token")))


@bp.get("/openapi.json")
def openapi_document() -> Response:
    """The OpenAPI 3.1 document of this API (public: it holds no data)."""
    return jsonify(openapi.document())


@bp.get("/docs")
def docs() -> str:
    """A plain page listing the endpoints, drawn from the OpenAPI document."""
    return render_template("api/docs.html", endpoints=openapi.endpoint_list())


#: What each area of the API covers, for the token form.
AREA_LABELS = {
    "people": _l("Caseload: people, consents, matches, exports"),
    "placements": _l("Proposals, introductions and programme places"),
    "vacancies": _l("Vacancies, programmes and their safety review"),
    "cooperative": _l("Cooperative plans"),
}
LEVEL_LABELS = {"read": _l("read"), "write": _l("change")}


def _tokens_page(
    new_secret: str | None = None, status: int = 200, chosen: Sequence[str] = (), days: str = ""
) -> tuple[str, int]:
    user = g.user
    offered = tokens.scopes_for(user.role)
    return render_template(
        "api/tokens.html",
        tokens=tokens.tokens_of(session(), user),
        new_secret=new_secret,
        scope_options=[
            (scope, f"{AREA_LABELS[scope.split(':')[0]]}: {LEVEL_LABELS[scope.split(':')[1]]}")
            for scope in offered
        ],
        chosen=set(chosen or offered),
        days=days or str(current_app.config["API_TOKEN_DAYS"]),
        max_days=current_app.config["API_TOKEN_MAX_DAYS"],
        needs_code=bool(user.totp_secret),
    ), status


@bp.route("/tokens", methods=["GET", "POST"])
@login_required()
def tokens_page() -> tuple[str, int]:
    """List the user's API tokens; POST makes a new one (password again first) and shows it once."""
    if request.method == "GET":
        return _tokens_page()
    form = request.form
    chosen, days = form.getlist("scope"), form.get("days", "").strip()
    refused = confirm_identity(g.user, form.get("password", ""), form.get("code", ""))
    if refused is not None:
        flash(refused, "error")
        return _tokens_page(status=400, chosen=chosen, days=days)
    db = session()
    try:
        made = tokens.create_token(
            db,
            g.user,
            form.get("name", ""),
            chosen,
            int(days) if days.isdigit() else 0,
            int(current_app.config["API_TOKEN_MAX_DAYS"]),
        )
    except tokens.TokenRefused as refusal:
        flash(_(refusal.message, **refusal.params), "error")
        return _tokens_page(status=400, chosen=chosen, days=days)
    return _tokens_page(made.secret, 201)


@bp.post("/tokens/<int:token_id>/revoke")
@login_required()
def revoke_token(token_id: int) -> WerkzeugResponse:
    """Revoke one of the user's tokens; it stops working at once."""
    db = session()
    tokens.revoke_token(db, g.user, token_id)
    flash(_("Token revoked. Programs using it can no longer call the API."), "success")
    return redirect(url_for("api.tokens_page"))
