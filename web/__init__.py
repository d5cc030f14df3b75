"""Pathways web application: one Flask app for counsellors, employers and cooperatives."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from importlib import import_module
from pathlib import Path
from typing import Any

from flask import Flask

DEFAULT_INSTANCE = Path(__file__).resolve().parent.parent / "instance"
ENV_OVERRIDES = (
    "DATABASE_URL",
    "PATHWAYS_MODEL",
    "ESCO_DIR",
    "REDIS_URL",
    "SECRET_KEY",
    "RETENTION_INACTIVE_PERSON_DAYS",
    "JOBS_PER_USER",
    "JOB_TIME_LIMIT_S",
    "JOB_THREADS",
    "IMPORT_MAX_ROWS",
    "IMPORT_MAX_MB",
    "IMPORT_BACKGROUND_ROWS",
    "PATHWAYS_OUTCOME_HORIZON",
)
#: every page's routes: modules with a ``bp`` blueprint, registered in this order (the sign-in
#: blueprint first: its ``before_app_request`` loads ``g.user`` for every other one)
BLUEPRINTS = (
    "web.accounts.views",
    "web.home.views",
    "web.people.views",
    "web.placements.views",
    "web.vacancies.views",
    "web.market.views",
    "web.coop.views",
    "web.api",
    "web.admin.views",
    "web.admin.change_pages",
    "web.accounts.totp",  # two-step sign-in (docs/security.md)
    "web.accounts.language",
    "web.books.views",  # cooperative books: meetings, passbooks, share-out, measures (issue 17)
)
#: environment name -> configuration key, where the two differ
ENV_ALIASES = {"PATHWAYS_PROXY_HOPS": "PROXY_FIX_HOPS"}


def _secret_key(instance_path: str) -> str:
    """The instance's session-signing key, made once and kept in ``instance/secret-key``."""
    path = Path(instance_path) / "secret-key"
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return path.read_text().strip()


def _make_instance_private(app: Flask) -> None:
    """Create the instance folder owner-only, and make what is already in it owner-only too."""
    from web.storage.files import make_private

    fixed = make_private(app.instance_path)
    if fixed.changed:
        app.logger.warning(
            "Made the instance folder private: %d files and %d folders were readable by other local "
            "users and are now owner-only (0600 files, 0700 folders).",
            fixed.files,
            fixed.folders,
        )
    if fixed.failed:
        app.logger.warning(
            "%d entries in the instance folder are readable by other local users and could not be "
            "changed (another owner?): make the folder and its files owner-only by hand.",
            fixed.failed,
        )


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the Pathways app (Flask's application-factory pattern).

    Configuration, lowest to highest precedence: the defaults below, ``instance/config.py``,
    the environment variables named in ``ENV_OVERRIDES`` (``DATABASE_URL``, ``REDIS_URL``, the
    job and import limits...) and ``PATHWAYS_PROXY_HOPS`` (for ``PROXY_FIX_HOPS``), then
    ``test_config``.
    """
    instance_path = os.environ.get("PATHWAYS_INSTANCE", str(DEFAULT_INSTANCE))
    if test_config and "INSTANCE_PATH" in test_config:
        instance_path = str(test_config["INSTANCE_PATH"])
    app = Flask(__name__, instance_path=instance_path, instance_relative_config=True)
    _make_instance_private(app)
    app.config.from_mapping(
        DATABASE_URL=f"sqlite:///{Path(app.instance_path) / 'pathways.sqlite3'}",
        PATHWAYS_MODEL=None,
        ESCO_DIR=None,
        REDIS_URL=None,
        LANGUAGES=("en", "es", "fr"),
        BABEL_DEFAULT_LOCALE="en",
        MAX_CONTENT_LENGTH=2 * 1024 * 1024,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=True,
        SESSION_COOKIE_NAME="pathways_session",
        PERMANENT_SESSION_LIFETIME=timedelta(
            minutes=30
        ),  # idle limit, kept on the server (web/infra/sessions.py)
        SESSION_MAX_AGE=timedelta(hours=12),  # however active, a session ends this long after sign-in
        # sign-in back-off (web/infra/sign_in_backoff.py): free failures, then waits of 1, 2, 4 ... seconds
        LOGIN_FREE_FAILURES_PER_ACCOUNT=5,  # per (username, address)
        LOGIN_FREE_FAILURES_PER_ADDRESS=30,  # per address, all usernames together; good sign-ins never count
        LOGIN_FIRST_DELAY_S=1,
        LOGIN_MAX_DELAY_S=900,
        LOGIN_FORGET_FAILURES_S=3600,  # a count starts again this long after its last failure
        SECOND_FACTOR_ROLES=("admin",),  # roles that must use two-step sign-in (web/accounts/totp.py)
        API_TOKEN_DAYS=90,  # a new API token's lifetime unless its maker chooses another (web/api/tokens.py)
        API_TOKEN_MAX_DAYS=365,
        PROXY_FIX_HOPS=0,  # reverse proxies in front whose X-Forwarded-* headers are trusted (infra/proxy.py)
        RETENTION_INACTIVE_PERSON_DAYS=730,  # ~24 months; 0 = keep until erased by hand (infra/retention.py)
        JOBS_PER_USER=2,  # background jobs one user may have running or waiting; 0 = no limit (infra/jobs.py)
        JOB_TIME_LIMIT_S=1800,  # a background job is stopped after this long
        JOB_THREADS=2,  # in-process job threads per web process (without REDIS_URL)
        IMPORT_MAX_ROWS=5000,  # rows in one uploaded CSV file (web/vacancies/imports.py)
        IMPORT_MAX_MB=10,  # size of one uploaded CSV file
        IMPORT_BACKGROUND_ROWS=100,  # larger uploads are stored by a background job, with progress
        PATHWAYS_OUTCOME_HORIZON=6,  # months: default horizon of "people still employed" (docs/outcomes.md)
        SCREENING_MULTILINGUAL=True,  # Spanish and French vacancies also read by meaning (docs/screening.md)
    )
    app.config.from_pyfile("config.py", silent=True)
    for name in ENV_OVERRIDES:
        if os.environ.get(name):
            app.config[name] = os.environ[name]
    for env_name, key in ENV_ALIASES.items():
        if os.environ.get(env_name):
            app.config[key] = os.environ[env_name]
    if test_config:
        app.config.from_mapping(test_config)
    if app.testing:
        from jinja2 import StrictUndefined

        app.jinja_env.undefined = StrictUndefined  # a missing template value fails the test
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _secret_key(app.instance_path)

    from web.infra import db, errors, jobs, proxy, retention, security, sessions
    from web.storage.crypto import install_keyring, load_keyring
    from web.vacancies import imports

    proxy.init_app(app)  # settings are checked first: a bad value stops the app with a clear message
    retention.init_app(app)
    imports.init_app(app)

    install_keyring(app.config.get("DATA_KEYRING") or load_keyring(app.instance_path))
    db.init_app(app)
    sessions.init_app(app)
    jobs.init_app(app)
    security.init_app(app)
    errors.init_app(app)

    from web import i18n
    from web.infra import forms, navigation

    i18n.init_app(app)
    forms.init_app(app)
    navigation.init_app(app)
    for name in BLUEPRINTS:
        app.register_blueprint(import_module(name).bp)
    return app
