import shutil

import pytest
from peewee import SqliteDatabase

from xueji_desktop.paths import MIGRATIONS_DIR
from xueji_desktop.store import migrate
from xueji_desktop.store.connection import close_database, open_database
from xueji_desktop.store.models import ALL_MODELS


def test_migrated_schema_has_every_column_the_models_map(tmp_path):
    db = open_database(tmp_path / "a.sqlite3")
    for model in ALL_MODELS:
        table = model._meta.table_name
        columns = {c.name for c in db.get_columns(table)}
        expected = {f.column_name for f in model._meta.sorted_fields}
        assert expected == columns, f"{table}: {expected ^ columns}"
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    close_database()


def test_pending_scripts_run_once_each_after_a_backup(tmp_path):
    scripts = tmp_path / "db"
    shutil.copytree(MIGRATIONS_DIR, scripts)
    path = tmp_path / "b.sqlite3"
    db = SqliteDatabase(str(path))
    shipped = len(migrate.available(scripts))
    assert migrate.upgrade(db, scripts) == list(range(1, shipped + 1))
    assert migrate.upgrade(db, scripts) == []
    nxt = shipped + 1
    (scripts / f"{nxt:04d}_add_note.py").write_text(
        "def migrate(database):\n    database.execute_sql('ALTER TABLE setting ADD COLUMN note TEXT')\n")
    assert migrate.upgrade(db, scripts) == [nxt]
    assert (tmp_path / f"b.sqlite3.before-{nxt:04d}.bak").exists()
    assert "note" in {c.name for c in db.get_columns("setting")}


def test_failed_script_leaves_the_schema_as_it_was(tmp_path):
    scripts = tmp_path / "db"
    shutil.copytree(MIGRATIONS_DIR, scripts)
    db = SqliteDatabase(str(tmp_path / "c.sqlite3"))
    migrate.upgrade(db, scripts)
    shipped = migrate.current_version(db)
    (scripts / f"{shipped + 1:04d}_broken.py").write_text(
        "def migrate(database):\n    database.execute_sql('CREATE TABLE half (x INTEGER)')\n"
        "    raise RuntimeError('boom')\n")
    with pytest.raises(RuntimeError):
        migrate.upgrade(db, scripts)
    assert migrate.current_version(db) == shipped
    assert "half" not in db.get_tables()


def test_a_newer_database_is_refused_by_name(tmp_path):
    db = SqliteDatabase(str(tmp_path / "d.sqlite3"))
    migrate.upgrade(db)
    db.execute_sql("INSERT INTO schema_version (version) VALUES (99)")
    with pytest.raises(migrate.NewerDatabaseError, match="较新版本"):
        migrate.upgrade(db)
