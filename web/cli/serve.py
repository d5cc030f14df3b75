"""``pathways serve``: serve the web application.

On Linux (and other systems with ``fork``) the default server is gunicorn with several worker
processes, each with a few threads, so one page that keeps a CPU busy (ranking matches, a
cohort's scores) does not hold up the others. Elsewhere, or with ``--server waitress``, it is
waitress: one process with threads, the simpler choice for a single user on a laptop.
"""

from __future__ import annotations

import ipaddress
import os
import sys
from typing import Any

import click

from matcher.threads import cores

MAX_DEFAULT_WORKERS = 8  # each worker loads its own copy of the model (a few hundred MB)
GUNICORN_THREADS = 4
WAITRESS_THREADS = 8


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def default_workers(available: int) -> int:
    """Worker processes for ``available`` cores: one a core, at least 2, at most 8.

    Examples
    --------
    >>> default_workers(1), default_workers(2), default_workers(6), default_workers(64)
    (2, 2, 6, 8)
    """
    return max(2, min(available, MAX_DEFAULT_WORKERS))


def default_server() -> str:
    """``gunicorn`` where it runs (systems with ``fork``: Linux, macOS), else ``waitress``."""
    return "gunicorn" if hasattr(os, "fork") and sys.platform != "win32" else "waitress"


def gunicorn_options(host: str, port: int, workers: int, threads: int) -> dict[str, Any]:
    """The gunicorn settings ``pathways serve`` uses.

    Forwarded headers are left to the app (``PATHWAYS_PROXY_HOPS``, web/infra/proxy.py): gunicorn
    itself trusts none. No access log is written (addresses and paths stay out of logs);
    errors go to standard error.
    """
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return {
        "bind": [bind],
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
        "timeout": 120,  # a worker silent this long is restarted (requests themselves may run longer)
        "graceful_timeout": 30,
        "keepalive": 5,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
        "proc_name": "pathways",
        "secure_scheme_headers": {},
        "forwarder_headers": "",
        "control_socket_disable": True,
    }


def _run_gunicorn(options: dict[str, Any], app_config: dict[str, Any] | None) -> None:
    from gunicorn.app.base import BaseApplication

    class PathwaysServer(BaseApplication):
        def load_config(self) -> None:
            for name, value in options.items():
                self.cfg.set(name, value)

        def load(self) -> Any:
            from web import create_app
            from web.infra import services
            from web.matching import preparation

            app = create_app(app_config)
            preparation.start_in_one_worker(app)
            services.start_reading_esco(app)  # each worker reads it once, from the start
            return app

    PathwaysServer(prog="pathways serve").run()


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535), help="Port.")
@click.option(
    "--server",
    type=click.Choice(["gunicorn", "waitress"]),
    envvar="PATHWAYS_SERVER",
    help="WSGI server [default: gunicorn on Linux and macOS, waitress on Windows].",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    envvar="PATHWAYS_WORKERS",
    help="gunicorn worker processes [default: one a CPU core, at least 2, at most 8].",
)
@click.option(
    "--threads",
    type=click.IntRange(1, 64),
    envvar="PATHWAYS_THREADS",
    help=f"Threads per process [default: {GUNICORN_THREADS} (gunicorn), {WAITRESS_THREADS} (waitress)].",
)
def serve(host: str, port: int, server: str | None, workers: int | None, threads: int | None) -> None:
    """Serve Pathways: gunicorn with several worker processes, or waitress in one process.

    On a loopback address, plain HTTP is allowed for the session cookie; anywhere else,
    serve behind TLS (a reverse proxy) and the cookie is marked Secure.
    """
    from web import create_app
    from web.infra import services
    from web.matching import preparation

    server = server or default_server()
    app_config = {"SESSION_COOKIE_SECURE": False} if _is_loopback(host) else None
    app = create_app(app_config)  # settings are checked here, once, with a clear message
    if server == "waitress":
        from waitress import serve as waitress_serve

        threads = threads or WAITRESS_THREADS
        click.echo(
            f"Pathways is running on http://{host}:{port}/  (waitress, {threads} threads; Ctrl+C to stop)"
        )
        preparation.start_in_background(app)  # what is missing is prepared while pages are served
        services.start_reading_esco(app)
        waitress_serve(app, host=host, port=port, threads=threads, ident="Pathways")
        return
    app.extensions["pathways.engine"].dispose()
    workers = workers or default_workers(cores())
    threads = threads or GUNICORN_THREADS
    # Each worker's PyTorch gets its share of the cores instead of all of them.
    os.environ.setdefault("OMP_NUM_THREADS", str(max(1, cores() // workers)))
    click.echo(
        f"Pathways is running on http://{host}:{port}/  "
        f"(gunicorn, {workers} worker processes x {threads} threads; Ctrl+C to stop)"
    )
    _run_gunicorn(gunicorn_options(host, port, workers, threads), app_config)
