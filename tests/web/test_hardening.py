"""Headers the issue asks for that other tests do not check: HSTS only over TLS, no-store when signed in."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient


def test_hsts_is_sent_over_tls_only(client: FlaskClient) -> None:
    assert "Strict-Transport-Security" not in client.get("/auth/login").headers
    secure = client.get("/auth/login", base_url="https://pathways.example")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_signed_in_pages_are_never_cached(client: FlaskClient, auth: Any) -> None:
    auth.login("counsellor.a")
    for path in ("/counsellor", "/placements/", "/auth/totp/setup"):
        assert client.get(path).headers["Cache-Control"] == "no-store", path
