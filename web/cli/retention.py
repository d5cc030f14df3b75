"""``pathways retention``: apply the configured retention periods (counts only on the screen)."""

from __future__ import annotations

import json

import click

from web.cli.app import app_context


@click.command("retention")
@click.option("--dry-run", is_flag=True, help="Count what is due for erasure; change nothing.")
def retention(dry_run: bool) -> None:
    """Erase people whose case has been inactive longer than RETENTION_INACTIVE_PERSON_DAYS."""
    from web.infra import retention as policy_module
    from web.infra.db import scrub_erased, session

    with app_context() as app:
        db = session()
        policy = policy_module.RetentionPolicy.from_config(app.config)
        report = policy_module.apply(db, policy, dry_run=dry_run)
        db.commit()
        if report.people_erased:
            scrub_erased()
    click.echo(
        json.dumps(
            {
                "dry_run": report.dry_run,
                "inactive_person_days": report.inactive_person_days,
                "cutoff": report.cutoff.isoformat() if report.cutoff else None,
                "people_due": report.people_due,
                "people_erased": report.people_erased,
            },
            indent=2,
            sort_keys=True,
        )
    )
