"""Opening the school's SQLite file: pragmas for an office PC that loses power now and then, and the
checks every start makes first (core.backups.health): a network drive or a folder the user cannot write
is refused, the file is checked read-only (`quick_check`, or the full `integrity_check` when the marker
beside it says the last session did not end cleanly), and a damaged file is never written to."""

from __future__ import annotations

from pathlib import Path

from peewee import SqliteDatabase

from ..core.backups import health
from . import migrate
from .models import database

# WAL keeps readers going during a write; synchronous=FULL makes every commit durable across a
# power cut; IMMEDIATE transactions take the write lock up front so a commit never fails halfway.
PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": "full",
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "cache_size": -16000,
}

DamagedDatabaseError = health.DamagedDatabaseError
LocationRefused = health.LocationRefused


def open_database(path: str | Path) -> SqliteDatabase:
    """Opens (creating if needed) the database file and brings its schema up to date; raises
    LocationRefused or DamagedDatabaseError (nothing written) when the start checks fail."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    health.check_at_start(path)
    db = SqliteDatabase(str(path), pragmas=PRAGMAS, lock_type="IMMEDIATE", check_same_thread=False)
    database.initialize(db)
    db.connect(reuse_if_open=True)
    health.mark_open(path)
    migrate.upgrade(db)
    return db


def close_database() -> None:
    if database.obj is not None and not database.is_closed():
        path = database.obj.database
        database.close()
        if path != ":memory:":
            health.mark_closed(Path(path))
