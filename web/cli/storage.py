"""``pathways init-db`` and ``pathways demo``: create the database, load the demo."""

from __future__ import annotations

import click

from web.cli.app import app_context


@click.command("init-db")
def init_db() -> None:
    """Create or upgrade the database schema (safe to run again)."""
    from web import db

    with app_context():
        db.migrate()
        click.echo(f"Database ready: {db.engine().url.render_as_string(hide_password=True)}")


@click.command("demo")
@click.option(
    "--directory",
    type=click.Path(exists=True, file_okay=False),
    default=None,
    help="Folder of demo CSV files (default: the bundled datasets/demo).",
)
def demo(directory: str | None) -> None:
    """Load the demo data (safe to run again: records are updated, never duplicated)."""
    from pathlib import Path

    from flask import current_app

    from web import db
    from web.demo_data import DEMO_DIR, DEMO_PASSWORD, DemoDataError, load_demo
    from web.storage.schema import User

    with app_context():
        db.migrate()
        session = db.session()
        try:
            report = load_demo(session, Path(directory) if directory else DEMO_DIR)
        except DemoDataError as exc:
            session.rollback()
            raise click.ClickException(str(exc)) from exc
        session.commit()
        from web import services
        from web.vacancies.service import screen_unscreened

        click.echo("Screening vacancies for signs of exploitation (loads the language model once)...")
        screened = screen_unscreened(session, services.screener())
        session.commit()
        if screened:
            click.echo(f"Screened {screened} vacancies.")
        created = sum(report.created.values())
        updated = sum(report.updated.values())
        click.echo(f"Demo data loaded: {created} records created, {updated} updated.")
        click.echo(f"\nDemo accounts (password for all: {DEMO_PASSWORD}):")
        required = set(current_app.config["SECOND_FACTOR_ROLES"])
        for user in session.query(User).order_by(User.role, User.username):
            notes = [
                *(["lead of its organisation: approves changes to its accounts"] if user.is_lead else []),
                *(["sets up two-step sign-in at first sign-in"] if user.role in required else []),
            ]
            click.echo(f"  {user.role:<15} {user.username}" + (f"  ({'; '.join(notes)})" if notes else ""))
        if required:
            click.echo(
                "Two-step sign-in: the page shows a key; add it to any authenticator app (or run "
                "'oathtool --totp -b KEY') and type the 6-digit code with the password."
            )
