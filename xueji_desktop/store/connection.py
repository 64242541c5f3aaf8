"""Opening the school's SQLite file: pragmas for an office PC that loses power now and then."""

from __future__ import annotations

from pathlib import Path

from peewee import SqliteDatabase

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


def open_database(path: str | Path) -> SqliteDatabase:
    """Opens (creating if needed) the database file and brings its schema up to date."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = SqliteDatabase(str(path), pragmas=PRAGMAS, lock_type="IMMEDIATE", check_same_thread=False)
    database.initialize(db)
    db.connect(reuse_if_open=True)
    migrate.upgrade(db)
    return db


def close_database() -> None:
    if database.obj is not None and not database.is_closed():
        database.close()
