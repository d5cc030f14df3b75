"""``pathways keys rotate``, ``audit verify``, ``audit checkpoint``, ``backup`` and ``restore``."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import click

from web.cli.app import app_context

#: The name of the environment variable that holds the passphrase (not a passphrase itself).
PASSPHRASE_ENV = "PATHWAYS_BACKUP_PASSPHRASE"  # nosec B105


def _echo(data: dict[str, Any]) -> None:
    click.echo(json.dumps(data, indent=2, sort_keys=True))


def _record(action: str, object_type: str, object_id: str, outcome: str = "ok") -> None:
    from web.infra import audit
    from web.infra.db import session

    db = session()
    audit.record(db, action, object_type=object_type, object_id=object_id, outcome=outcome)
    db.commit()


@click.group("keys")
def keys() -> None:
    """Manage the data keys that encrypt personal fields."""


@keys.command("rotate")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Where to write the new key ring (required when keys come from PATHWAYS_DATA_KEYS).",
)
def rotate(output: str | None) -> None:
    """Add a new data key and re-encrypt every personal field with it (old keys are kept)."""
    from web.infra import db
    from web.ops.keys import reencrypt
    from web.storage.crypto import ENV_KEYS, DataKeyError, active_keyring, install_keyring, save_keyring

    with app_context() as app:
        ring = active_keyring().with_new_key()
        if os.environ.get(ENV_KEYS) and output is None:
            raise click.UsageError(
                f"Keys come from {ENV_KEYS}: give --output FILE for the new ring, then put its contents "
                f"in {ENV_KEYS} and restart the app."
            )
        # The ring is saved before any row changes: if re-encryption fails, the new key is unused
        # but every value stays readable; saving after could lose the only copy of the new key.
        saved = _save_ring(ring, output, app.instance_path, save_keyring)
        try:
            report = reencrypt(db.engine(), ring)
        except DataKeyError as exc:
            raise click.ClickException(f"Nothing was changed: {exc}") from exc
        install_keyring(ring)
        _record("keys_rotate", "data_key", ring.current)
        _echo(
            {
                "key_id": report.key_id,
                "key_ring": str(saved),
                "values_reencrypted": report.values,
                "blind_indexes_recomputed": report.indexes,
                "rows_changed": report.rows,
                "total_values": report.total_values,
                "keys_in_ring": sorted(ring.keys),
                "next_step": "Restart the app so it uses the new ring; keep old keys for older backups.",
            }
        )


def _save_ring(ring: Any, output: str | None, instance_path: str, save_keyring: Any) -> Path:
    if output is None:
        saved: Path = save_keyring(ring, instance_path)
        return saved
    path = Path(output)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(ring.to_json())
    return path


@click.group("audit")
def audit_group() -> None:
    """Check the audit log and anchor its head outside the server."""


@audit_group.command("verify")
@click.option(
    "--checkpoint",
    "checkpoints",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="A checkpoint file from 'pathways audit checkpoint' (repeatable): prove nothing up to it changed.",
)
def verify(checkpoints: tuple[str, ...]) -> None:
    """Check the audit log's keyed chain; exit non-zero naming the first bad event.

    With checkpoints kept away from the server, also prove that no event up to each
    checkpoint's head was removed, changed or cut off (docs/security.md, "Audit log").
    """
    from web.infra import audit
    from web.infra.audit_checkpoint import Checkpoint, CheckpointError, check
    from web.infra.db import session

    with app_context():
        try:
            heads = [check(Checkpoint.from_json(Path(f).read_text(encoding="utf-8"))) for f in checkpoints]
        except CheckpointError as exc:
            raise click.ClickException(str(exc)) from exc
        report = audit.verify(session(), heads)
    if not report.ok:
        raise click.ClickException(
            f"Audit log broken at event {report.first_bad_id}: {report.problem} "
            f"({report.events} events checked)."
        )
    _echo(
        {
            "ok": True,
            "events": report.events,
            "keyed_since_event": report.keyed_since_id,
            "unkeyed_events_before_upgrade": report.legacy_events,
            "data_keys_used": list(report.key_ids),
            "checkpoints_matched": report.heads_checked,
        }
    )


@audit_group.command("checkpoint")
@click.option(
    "--out",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the checkpoint to this new file (else print it); keep it away from this server.",
)
def checkpoint(out: str | None) -> None:
    """Sign the audit log's head (events, last id and hash, time, key) for safekeeping elsewhere."""
    from web.infra.audit_checkpoint import CheckpointError, take
    from web.infra.db import session

    with app_context():
        db = session()
        try:
            made = take(db)
        except CheckpointError as exc:
            raise click.ClickException(str(exc)) from exc
        if out is not None:
            try:
                fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError as exc:
                raise click.ClickException(f"{out} exists; give a new name (keep every checkpoint).") from exc
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(made.to_json())
        db.commit()
    if out is None:
        click.echo(made.to_json(), nl=False)
        return
    _echo(
        {
            "file": out,
            "events": made.head.events,
            "last_id": made.head.last_id,
            "key_id": made.key_id,
            "public_key": made.public_key,
            "next_step": "Copy the file off this server; check with: pathways audit verify --checkpoint FILE",
        }
    )


def _passphrase(passphrase_file: str | None) -> str:
    if passphrase_file is not None:
        text = Path(passphrase_file).read_text(encoding="utf-8").rstrip("\r\n")
    else:
        text = os.environ.get(PASSPHRASE_ENV, "")
    if not text:
        raise click.UsageError(f"Give the backup passphrase with --passphrase-file FILE or {PASSPHRASE_ENV}.")
    return text


PASSPHRASE_OPTION = click.option(
    "--passphrase-file",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help=f"File holding the backup passphrase (else the {PASSPHRASE_ENV} environment variable).",
)


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False))
@PASSPHRASE_OPTION
def backup(file: str, passphrase_file: str | None) -> None:
    """Write an encrypted backup of the whole database to FILE."""
    from web.infra import db
    from web.ops.archive import BackupError
    from web.ops.backup import write_backup

    passphrase = _passphrase(passphrase_file)
    with app_context():
        try:
            report = write_backup(db.engine(), file, passphrase)
        except BackupError as exc:
            raise click.ClickException(str(exc)) from exc
        _record("backup", "database", report.schema_version)
    _echo(
        {
            "file": file,
            "schema_version": report.schema_version,
            "rows": report.rows,
            "total_rows": report.total_rows,
            "data_keys_needed": list(report.key_ids),
        }
    )


@click.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@PASSPHRASE_OPTION
@click.option("--force", is_flag=True, help="Replace everything in a database that already holds rows.")
def restore(file: str, passphrase_file: str | None, force: bool) -> None:
    """Restore the database from an encrypted backup FILE (into an empty database unless --force)."""
    from web.infra import db
    from web.ops.archive import BackupError
    from web.ops.backup import read_backup
    from web.ops.backup import restore as restore_snapshot
    from web.storage.crypto import active_keyring

    passphrase = _passphrase(passphrase_file)
    try:
        data = read_backup(file, passphrase)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    with app_context():
        missing = sorted(set(data.key_ids) - set(active_keyring().keys))
        if missing:
            raise click.ClickException(
                f"The data key ring lacks keys {', '.join(missing)} used in this backup; "
                "restore the key file that belongs with it first. Nothing was changed."
            )
        try:
            report = restore_snapshot(db.engine(), data, force=force)
        except BackupError as exc:
            raise click.ClickException(str(exc)) from exc
        _record("restore", "database", report.schema_version)
    _echo({"file": file, "schema_version": report.schema_version, "rows": report.rows})
