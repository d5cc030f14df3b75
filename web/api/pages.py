"""The caller's account, the OpenAPI document, the endpoint list, and the token page.

The token page is for a signed-in browser session only (a token cannot make or revoke
tokens); its forms carry the CSRF token, and a new token is shown once, never stored.
"""

from __future__ import annotations

from flask import Response, flash, g, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as WerkzeugResponse

from web.api import openapi, shapes, tokens
from web.api.core import bp, roles
from web.auth import login_required
from web.db import session


@bp.get("/me")
@roles()
def me() -> Response:
    """Who is calling: account, role and organisation."""
    return jsonify(shapes.me(g.user, by_token=g.get("api_token") is not None))


@bp.get("/openapi.json")
def openapi_document() -> Response:
    """The OpenAPI 3.1 document of this API (public: it holds no data)."""
    return jsonify(openapi.document())


@bp.get("/docs")
def docs() -> str:
    """A plain page listing the endpoints, drawn from the OpenAPI document."""
    return render_template("api/docs.html", endpoints=openapi.endpoint_list())


def _tokens_page(new_secret: str | None = None, status: int = 200) -> tuple[str, int]:
    rows = tokens.tokens_of(session(), g.user)
    return render_template("api/tokens.html", tokens=rows, new_secret=new_secret), status


@bp.route("/tokens", methods=["GET", "POST"])
@login_required()
def tokens_page() -> tuple[str, int]:
    """List the user's API tokens; POST makes a new one and shows it once."""
    if request.method == "GET":
        return _tokens_page()
    db = session()
    try:
        made = tokens.create_token(db, g.user, request.form.get("name", ""))
    except tokens.TokenRefused as refusal:
        db.rollback()
        flash(str(refusal), "error")
        return _tokens_page(status=400)
    db.commit()
    return _tokens_page(made.secret, 201)


@bp.post("/tokens/<int:token_id>/revoke")
@login_required()
def revoke_token(token_id: int) -> WerkzeugResponse:
    """Revoke one of the user's tokens; it stops working at once."""
    db = session()
    tokens.revoke_token(db, g.user, token_id)
    db.commit()
    flash(_("Token revoked. Programs using it can no longer call the API."), "success")
    return redirect(url_for("api.tokens_page"))
