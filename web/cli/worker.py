"""``pathways worker``: run background jobs from the Redis queue (for multi-machine deployments)."""

from __future__ import annotations

import click


@click.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty instead of waiting for more jobs.")
def worker(burst: bool) -> None:
    """Run queued jobs (batch matching, cohort assignment, large simulations) from REDIS_URL."""
    from rq import Worker

    from web.cli.app import app_context
    from web.infra.jobs import RedisQueue, queue

    with app_context() as app:
        jobs = queue()
        if not isinstance(jobs, RedisQueue):
            raise click.ClickException(
                "Set REDIS_URL (e.g. redis://127.0.0.1:6379/0) to use workers; without it the web "
                "process runs jobs itself."
            )
        click.echo(f"Worker for {app.config['REDIS_URL']} queue {jobs.queue.name!r}")
        Worker([jobs.queue], connection=jobs.connection).work(burst=burst)
