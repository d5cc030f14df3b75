"""Running behind reverse proxies: trust their ``X-Forwarded-*`` headers for a set number of hops.

With ``PROXY_FIX_HOPS`` (environment ``PATHWAYS_PROXY_HOPS``) above 0, the WSGI app is
wrapped in werkzeug's ``ProxyFix``: the client address (``X-Forwarded-For``, which the
sign-in rate limit counts by), the scheme (``X-Forwarded-Proto``: HSTS and secure cookies
see HTTPS), host and port are taken from the headers the last ``hops`` proxies added.
Headers a client sent itself sit further left and are ignored. With 0 (the default) no
forwarded header is trusted: the right setting when clients reach the app directly.
``X-Forwarded-Prefix`` is never trusted.
"""

from __future__ import annotations

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from web.infra.settings import whole_number

MAX_HOPS = 5


def init_app(app: Flask) -> None:
    """Check ``PROXY_FIX_HOPS`` and, when above 0, trust that many proxies' forwarded headers."""
    hops = whole_number(app.config, "PROXY_FIX_HOPS", minimum=0, maximum=MAX_HOPS)
    app.config["PROXY_FIX_HOPS"] = hops
    if hops:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops, x_prefix=0
        )
