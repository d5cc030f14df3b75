"""Migration 0008 (prepared data) upgrades and downgrades on both engines, keeping the postings' rows."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect, text

from web.storage import alembic_config, make_engine, upgrade

TABLES = {"phrase_vectors", "prepared_people", "match_results", "esco_labels"}
POSTING_COLUMNS = {"updated_at", "vectors_digest", "esco", "esco_digest"}
ORG = "('e', 'E', 'employer', '')"
VACANCY_COLUMNS = "ref, employer_id, title, sector, description, skills_required, languages_required, status"
VACANCY = "('v', 1, 'Cook', 'hospitality', 'Cook.', '[]', '[]', 'open')"


def test_the_prepared_data_migration_upgrades_and_downgrades(database_url: str) -> None:
    engine = make_engine(database_url)
    command.upgrade(alembic_config(engine), "0004")
    with engine.begin() as conn:
        conn.execute(text(f"INSERT INTO organisations (ref, name, kind, description) VALUES {ORG}"))
        conn.execute(text(f"INSERT INTO vacancies ({VACANCY_COLUMNS}) VALUES {VACANCY}"))
    upgrade(engine)
    inspector = inspect(engine)
    assert TABLES <= set(inspector.get_table_names())
    for table in ("vacancies", "placement_programmes"):
        assert POSTING_COLUMNS <= {c["name"] for c in inspector.get_columns(table)}
    with engine.connect() as conn:
        assert conn.execute(text("SELECT updated_at IS NOT NULL FROM vacancies")).scalar_one()
    command.downgrade(alembic_config(engine), "0006b")
    inspector = inspect(engine)
    assert not TABLES & set(inspector.get_table_names())
    assert not POSTING_COLUMNS & {c["name"] for c in inspector.get_columns("vacancies")}
    with engine.connect() as conn:
        assert conn.execute(text("SELECT title FROM vacancies")).scalar_one() == "Cook"
    upgrade(engine)
    engine.dispose()
