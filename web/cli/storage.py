"""``pathways init-db`` and ``pathways demo``: create the database, load the demo."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from web.cli.app import app_context

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@click.command("init-db")
def init_db() -> None:
    """Create or upgrade the database schema (safe to run again)."""
    from web.infra import db

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

    from web.infra import db
    from web.storage.demo_data import DEMO_DIR, DEMO_PASSWORD, DemoDataError, load_demo
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
        _prepare(session)
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


@click.command("prepare")
@click.option(
    "--market",
    is_flag=True,
    help="Also link postings and people to ESCO for the labour-market pages (minutes the first time).",
)
def prepare(market: bool) -> None:
    """Do now what the server does in the background: screen, embed, rank ahead (say, after a restore)."""
    from web.infra import db

    with app_context():
        _prepare(db.session(), through_esco=market)
        if market:
            _prepare_market(db.session())


def _prepare_market(session: Session) -> None:
    from web.infra import services
    from web.market import data as market_data
    from web.matching import vectors

    if not market_data.esco_configured():
        raise click.ClickException(
            "Set ESCO_DIR to the ESCO v1.1 CSV folder to prepare the labour-market pages."
        )
    click.echo("Reading the ESCO classification and linking postings and people to it...")
    done = market_data.prepare_market(session, services.esco(), vectors.keys(), lambda *_a, **_k: None)
    click.echo(f"Linked {done['postings_grounded']} postings and {done['people_grounded']} people to ESCO.")


def _prepare(session: Session, through_esco: bool = False) -> None:
    """Do at once what the server would do in the background: screen, embed, rank ahead.

    ``through_esco``: read ESCO first, to place people's words in other languages through it.
    """
    import time

    from sqlalchemy import select

    from web.infra import services
    from web.matching import preparation, vectors
    from web.storage.schema import Person

    shown: dict[str, float] = {"at": 0.0}

    def progress(fraction: float, message: str = "", **params: object) -> None:
        if message and time.monotonic() - shown["at"] > 5:
            shown["at"] = time.monotonic()
            click.echo(f"  {message % params if params else message}")

    click.echo("Screening vacancies and reading the words of every posting and person (loads the model)...")
    started = time.monotonic()
    key = vectors.keys()
    postings = preparation.prepare_postings(
        session, services.encoder, services.screener_or_none, key, progress
    )
    bridge = services.person_bridge(read=through_esco)
    people = preparation.prepare_people(session, services.encoder, key, progress=progress, bridge=bridge)
    everyone = list(session.scalars(select(Person.id)))
    ranked = preparation.warm_matches(session, everyone)
    click.echo(
        f"Prepared {postings} postings and {len(people)} people; ranked {ranked} people ahead "
        f"({time.monotonic() - started:.0f} s)."
    )
