"""The placement history stored in the application's database, for ``pathways backtest --from-db``."""

from __future__ import annotations

from matcher.outcomes import History


def stored_history() -> History:
    """Real proposals with their dated outcomes and the stored outcome records (as the backtest page)."""
    from web.cli.app import app_context
    from web.infra.db import session
    from web.placements.history import load_history

    with app_context():
        db = session()
        try:
            return load_history(db)
        finally:
            db.rollback()
