"""What identifies people, encrypted in existing databases too, and an owner-only instance folder (issue 14).

Migration 0005b encrypts account display names, cooperative member references and each
member's savings and loans in databases that held them in clear; afterwards neither the
tables (SQLite and PostgreSQL) nor the SQLite file hold the clear values. Member references
stay unique per cooperative and findable through a keyed blind index that follows key
rotation. The instance folder and its files are owner-only, old ones corrected at start.
"""

from __future__ import annotations

import datetime as dt
import logging
import stat
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, event, select, text
from sqlalchemy.exc import IntegrityError

from tests.web.conftest import TEST_KEYRING, make_test_app
from tests.web.test_raw_database import raw_column_texts
from web.coop import service as coop_service
from web.ops.keys import reencrypt
from web.storage import alembic_config, make_engine, make_sessionmaker, upgrade
from web.storage.crypto import active_keyring, install_keyring
from web.storage.schema import Cooperative, CoopMember, User, member_with_ref

NAME = "Kamala Gurung-Pseudonym"
REF = "kamala-gurung"
AMOUNT = "1234.56"
CROWD = 300  # more members, so that the rebuilt tables leave freed pages behind


def _crowd(n: int) -> tuple[str, str]:
    return f"member-ref-{n:04d}", f"Member Name {n:04d}"


def _database_at_0004(engine: Engine) -> None:
    """A database from before 0005b, holding a member's name, reference and books in clear."""
    command.upgrade(alembic_config(engine), "0004")
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    statements = [
        "INSERT INTO organisations (id, ref, name, kind, description) VALUES (1, 'coop-a', 'Mill Lane', "
        "'cooperative', '')",
        "INSERT INTO users (id, username, display_name, password_hash, role, organisation_id, language, "
        "active, failed_logins, created_at, session_epoch) "
        "VALUES (1, 'member.a', :name, 'x', 'coop_member', 1, 'en', true, 0, :now, 0)",
        "INSERT INTO cooperatives (id, ref, name, monthly_share, currency, max_loan_multiple, "
        "monthly_interest_rate, business) VALUES (1, 'c1', 'Mill Lane Savers', 20, 'GBP', 3, 0.01, '')",
        "INSERT INTO coop_members (id, cooperative_id, ref, user_id, role) VALUES (1, 1, :ref, 1, 'member')",
        "INSERT INTO coop_members (id, cooperative_id, ref, role) VALUES (2, 1, 'other-member', 'member')",
        "INSERT INTO coop_savings (id, member_id, month, saved, loan_taken, loan_repaid) "
        "VALUES (1, 1, '2026-01', :amount, 60, 0.5)",
        "INSERT INTO coop_savings (id, member_id, month, saved, loan_taken, loan_repaid) "
        "VALUES (2, 2, '2026-01', 20, 0, 0)",
    ]
    with engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement), {"name": NAME, "now": now, "ref": REF, "amount": float(AMOUNT)})
        for n in range(3, 3 + CROWD):
            ref, name = _crowd(n)
            conn.execute(
                text(
                    "INSERT INTO users (id, username, display_name, password_hash, role, language, active, "
                    "failed_logins, created_at, session_epoch) "
                    "VALUES (:n, :u, :name, 'x', 'coop_member', 'en', true, 0, :now, 0)"
                ),
                {"n": n, "u": f"member.{n}", "name": name, "now": now},
            )
            conn.execute(
                text("INSERT INTO coop_members (id, cooperative_id, ref, role) VALUES (:n, 1, :r, 'member')"),
                {"n": n, "r": ref},
            )


def _sqlite_file_bytes(engine: Engine) -> bytes:
    path = Path(str(engine.url.database))
    engine.dispose()
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


def _postgres_table_bytes(engine: Engine) -> bytes | None:
    """The on-disk files of the three tables, when the server's data folder is readable here."""
    with engine.connect() as conn:
        conn.execute(text("CHECKPOINT"))  # table pages from memory to their files
        folder = Path(conn.execute(text("SHOW data_directory")).scalar_one())
        files = [
            folder / conn.execute(text("SELECT pg_relation_filepath(:t)"), {"t": t}).scalar_one()
            for t in ("users", "coop_members", "coop_savings")
        ]
    try:
        return b"".join(p.read_bytes() for f in files for p in [f, *f.parent.glob(f.name + ".[0-9]*")])
    except OSError:
        return None


def _file_bytes(engine: Engine) -> bytes | None:
    return _sqlite_file_bytes(engine) if engine.dialect.name == "sqlite" else _postgres_table_bytes(engine)


@pytest.fixture()
def old_database(database_url: str) -> Iterator[Engine]:
    """An engine on a 0004 database holding clear identifying values."""
    install_keyring(TEST_KEYRING)
    engine = make_engine(database_url)
    if engine.dialect.name == "sqlite":
        # The worst case: an SQLite built without secure delete (Debian's has it), or with it turned
        # off. Freed pages then keep the clear values, unless the upgrade rewrites the file.
        event.listen(engine, "connect", lambda conn, _record: conn.execute("PRAGMA secure_delete=OFF"))
    _database_at_0004(engine)
    yield engine
    engine.dispose()


def test_the_migration_encrypts_existing_rows_and_leaves_no_clear_copy(
    old_database: Engine, database_url: str
) -> None:
    engine = old_database
    before = _file_bytes(engine)  # None: this PostgreSQL server's files are not readable here
    assert before is None or REF.encode() in before  # the file scan sees the clear value before
    with make_engine(database_url).connect() as elsewhere:
        elsewhere.execute(text("SELECT 1"))  # a transaction open elsewhere: VACUUM would keep old rows
        upgrade(engine)
    with make_sessionmaker(engine)() as db:
        columns = raw_column_texts(db)
        secrets = (NAME, REF, AMOUNT, *_crowd(3), *_crowd(2 + CROWD))
        leaks = [where for where, stored in columns.items() for s in secrets if s in stored]
        assert not leaks
        for column in (
            "users.display_name",
            "coop_members.ref",
            "coop_savings.saved",
            "coop_savings.loan_repaid",
        ):
            assert all(v.startswith("enc1:") for v in columns[column].split("\n")), column
        assert db.get(User, 1).display_name == NAME  # type: ignore[union-attr]
        member = db.execute(select(CoopMember).where(member_with_ref(1, REF))).scalar_one()
        assert member.id == 1 and member.ref == REF
        totals = coop_service.monthly_totals(db, db.get(Cooperative, 1))  # type: ignore[arg-type]
        assert [(t.saved, t.loans_taken, t.loans_repaid) for t in totals] == [
            (Decimal("1254.56"), Decimal("60.00"), Decimal("0.50"))
        ]
    raw = _file_bytes(engine)
    if before is not None:
        assert raw is not None and b"member.3" in raw  # a clear username: the scan reads the new files
        clear = [REF, NAME, *[s for n in range(3, 3 + CROWD) for s in _crowd(n)]]
        assert not [s for s in clear if s.encode() in raw], "clear values left in the database files"


def test_the_migration_downgrades_to_clear_values_and_upgrades_again(old_database: Engine) -> None:
    engine = old_database
    upgrade(engine)
    command.downgrade(alembic_config(engine), "0005")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT display_name FROM users WHERE id = 1")).scalar_one() == NAME
        assert conn.execute(text("SELECT ref FROM coop_members WHERE id = 1")).scalar_one() == REF
        saved = conn.execute(text("SELECT saved FROM coop_savings WHERE id = 1")).scalar_one()
        assert Decimal(str(saved)) == Decimal(AMOUNT)
        assert "ref_index" not in conn.execute(text("SELECT * FROM coop_members")).keys()
    with pytest.raises(IntegrityError):  # the old unique constraint is back
        with engine.begin() as conn:
            conn.execute(
                text("INSERT INTO coop_members (cooperative_id, ref, role) VALUES (1, :r, 'member')"),
                {"r": REF},
            )
    upgrade(engine)
    with make_sessionmaker(engine)() as db:
        assert db.get(User, 1).display_name == NAME  # type: ignore[union-attr]
        assert db.execute(select(CoopMember).where(member_with_ref(1, REF))).scalar_one().id == 1


def test_a_member_reference_stays_unique_per_cooperative(old_database: Engine) -> None:
    upgrade(old_database)
    with make_sessionmaker(old_database)() as db:
        db.add(CoopMember(cooperative_id=1, ref=REF, role="member"))
        with pytest.raises(IntegrityError):
            db.flush()


def test_rotation_recomputes_the_blind_index_and_the_member_is_still_found(old_database: Engine) -> None:
    upgrade(old_database)
    old = active_keyring()
    rotated = old.with_new_key()
    try:
        report = reencrypt(old_database, rotated)
        install_keyring(rotated)
        assert report.indexes == {"coop_members.ref_index": 2 + CROWD}
        assert report.values["coop_savings.saved"] == 2
        with make_sessionmaker(old_database)() as db:
            stored = db.execute(text("SELECT ref_index FROM coop_members WHERE id = 1")).scalar_one()
            assert stored.startswith(f"bi1:{rotated.current}:")
            assert db.execute(select(CoopMember).where(member_with_ref(1, REF))).scalar_one().ref == REF
        assert reencrypt(old_database, rotated).indexes == {}
    finally:
        install_keyring(old)


# --- the instance folder ----------------------------------------------------------------------------------


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_instance_folder_and_its_files_are_owner_only(tmp_path: Path) -> None:
    instance = tmp_path / "new" / "instance"
    try:
        app = make_test_app(
            f"sqlite:///{instance / 'pathways.sqlite3'}", instance, SECRET_KEY=None, DATA_KEYRING=None
        )
    finally:
        install_keyring(TEST_KEYRING)  # the app made and installed a ring of its own
    with app.app_context():
        from web.infra import db

        db.migrate()
        with db.engine().connect() as conn:
            conn.execute(text("SELECT 1"))
        assert _mode(instance) == 0o700
        written = sorted(p.name for p in instance.iterdir())
        assert {"pathways.sqlite3", "data-keys.json", "secret-key"} <= set(written)
        assert {p.name: _mode(p) for p in instance.iterdir()} == dict.fromkeys(written, 0o600)
    app.extensions["pathways.engine"].dispose()


def test_an_old_instance_folder_is_made_owner_only_at_start(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    instance = tmp_path / "instance"
    (instance / "embeddings").mkdir(parents=True)
    files = [
        instance / "pathways.sqlite3",
        instance / "secret-key",
        instance / "embeddings" / "embeddings-m.sqlite3",
    ]
    for path in files:
        path.write_text("x")
        path.chmod(0o644)
    instance.chmod(0o755)
    (instance / "embeddings").chmod(0o755)
    with caplog.at_level(logging.WARNING):
        make_test_app(f"sqlite:///{tmp_path / 'other.sqlite3'}", instance)
    assert _mode(instance) == _mode(instance / "embeddings") == 0o700
    assert all(_mode(p) == 0o600 for p in files)
    messages = [r.getMessage() for r in caplog.records if "instance folder" in r.getMessage()]
    assert messages == [
        "Made the instance folder private: 3 files and 2 folders were readable by other local users and are "
        "now owner-only (0600 files, 0700 folders)."
    ]
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        make_test_app(f"sqlite:///{tmp_path / 'other.sqlite3'}", instance)
    assert not [r for r in caplog.records if "instance folder" in r.getMessage()]  # nothing left to fix
