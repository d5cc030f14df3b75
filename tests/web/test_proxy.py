"""Behind a reverse proxy (web/infra/proxy.py): PROXY_FIX_HOPS on and off, scheme, host and client address."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask, request, url_for
from flask.testing import FlaskClient
from werkzeug.middleware.proxy_fix import ProxyFix

from tests.web.conftest import app_on_demo_copy, make_test_app
from web.infra.settings import SettingError

FORWARDED = {
    "X-Forwarded-For": "203.0.113.7",
    "X-Forwarded-Proto": "https",
    "X-Forwarded-Host": "pathways.example.org",
}


def _app(demo_template: Path, tmp_path: Path, encoder: Any, **extra: Any) -> Flask:
    app = app_on_demo_copy(
        demo_template,
        tmp_path,
        encoder,
        LOGIN_FREE_FAILURES_PER_ADDRESS=2,
        LOGIN_FIRST_DELAY_S=60,
        **extra,
    )

    @app.get("/test-probe")
    def probe() -> dict[str, Any]:
        """What the app believes about this request (a route of this test's app only)."""
        return {
            "client": request.remote_addr,
            "secure": request.is_secure,
            "login_url": url_for("auth.login", _external=True),
        }

    return app


@pytest.fixture(params=[0, 1], ids=["direct", "one-proxy"])
def hops_app(request: pytest.FixtureRequest, demo_template: Path, tmp_path: Path, encoder: Any) -> Any:
    app = _app(demo_template, tmp_path, encoder, PROXY_FIX_HOPS=request.param)
    yield request.param, app
    app.extensions["pathways.engine"].dispose()


def test_forwarded_headers_count_only_when_hops_are_set(hops_app: tuple[int, Flask]) -> None:
    hops, app = hops_app
    client = app.test_client()
    seen = client.get("/test-probe", headers=FORWARDED).json
    page = client.get("/auth/login", headers=FORWARDED)
    if hops:
        assert seen == {
            "client": "203.0.113.7",
            "secure": True,
            "login_url": "https://pathways.example.org/auth/login",
        }
        assert page.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    else:
        assert seen == {"client": "127.0.0.1", "secure": False, "login_url": "http://localhost/auth/login"}
        assert "Strict-Transport-Security" not in page.headers


def test_only_the_address_the_proxy_added_is_trusted(hops_app: tuple[int, Flask]) -> None:
    hops, app = hops_app
    spoofed = {"X-Forwarded-For": "198.51.100.9, 203.0.113.7"}  # the client wrote the first one itself
    seen = app.test_client().get("/test-probe", headers=spoofed).json
    assert seen["client"] == ("203.0.113.7" if hops else "127.0.0.1")


def _failed_sign_in(client: FlaskClient, address: str) -> int:
    headers = {"X-Forwarded-For": address}
    client.get("/auth/login", headers=headers)
    with client.session_transaction() as sess:
        token = sess["csrf_token"]
    form = {"username": "employer.a", "password": "not the password", "csrf_token": token}
    return client.post("/auth/login", data=form, headers=headers).status_code


def test_the_sign_in_back_off_counts_the_real_client(hops_app: tuple[int, Flask]) -> None:
    hops, app = hops_app
    client = app.test_client()
    assert [_failed_sign_in(client, "203.0.113.7") for _ in range(3)] == [401, 401, 429]
    # Behind a proxy another client has its own count; without one, everyone is the proxy.
    assert _failed_sign_in(client, "203.0.113.8") == (401 if hops else 429)


def test_the_hops_come_from_the_environment(
    demo_template: Path, tmp_path: Path, encoder: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATHWAYS_PROXY_HOPS", "2")
    app = _app(demo_template, tmp_path, encoder)
    assert app.config["PROXY_FIX_HOPS"] == 2
    assert isinstance(app.wsgi_app, ProxyFix) and (app.wsgi_app.x_for, app.wsgi_app.x_prefix) == (2, 0)
    two = {"X-Forwarded-For": "198.51.100.9, 203.0.113.7, 10.0.0.2", "X-Forwarded-Proto": "https, http"}
    assert app.test_client().get("/test-probe", headers=two).json["client"] == "203.0.113.7"
    app.extensions["pathways.engine"].dispose()


@pytest.mark.parametrize("value", ["yes", "-1", 6, 1.0, True], ids=repr)
def test_a_bad_hop_count_stops_the_app(tmp_path: Path, value: object) -> None:
    with pytest.raises(SettingError, match="PROXY_FIX_HOPS must be a whole number from 0 to 5"):
        make_test_app(f"sqlite:///{tmp_path / 'x.sqlite3'}", tmp_path / "instance", PROXY_FIX_HOPS=value)
