"""``pathways serve``: serve the web application."""

from __future__ import annotations

import ipaddress

import click


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535), help="Port.")
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64), help="Worker threads.")
def serve(host: str, port: int, threads: int) -> None:
    """Serve Pathways with the waitress WSGI server.

    On a loopback address, plain HTTP is allowed for the session cookie; anywhere else,
    serve behind TLS (a reverse proxy) and the cookie is marked Secure.
    """
    from waitress import serve as waitress_serve

    from web import create_app, preparation

    app = create_app({"SESSION_COOKIE_SECURE": False} if _is_loopback(host) else None)
    preparation.start_in_background(app)  # what is missing is prepared while pages are served
    click.echo(f"Pathways is running on http://{host}:{port}/  (Ctrl+C to stop)")
    waitress_serve(app, host=host, port=port, threads=threads, ident="Pathways")
