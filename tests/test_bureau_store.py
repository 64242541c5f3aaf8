"""The bureau store's schema comes only from the numbered scripts in db/bureau/, on SQLite and on PostgreSQL:
a fresh store is at the newest version with exactly the live models' tables, an old store is upgraded with
its rows kept, a newer one is refused, and transactions nest (savepoints) the way the importer needs."""

from __future__ import annotations

import datetime as dt
import importlib.util
import shutil
from pathlib import Path

import pytest
from peewee import IntegrityError, SqliteDatabase

from xueji_desktop.bureau.store import (
    BUREAU_MIGRATIONS_DIR,
    BaseModel,
    HeldBatch,
    RegisteredSchool,
    open_store,
)
from xueji_desktop.store import migrate

WHEN = dt.datetime(2026, 9, 1, 9, 0)
NEWEST = len(migrate.available(BUREAU_MIGRATIONS_DIR))


def _raw(target: str):
    """A plain connection to the database, not through open_store (no migrations run)."""
    if "://" in target:
        from playhouse.db_url import connect

        return connect(target)
    return SqliteDatabase(target)


def _bureau_models():
    for name in ("case_models", "graduate_models", "duplicates"):
        if importlib.util.find_spec(f"xueji_desktop.bureau.{name}") is not None:
            importlib.import_module(f"xueji_desktop.bureau.{name}")
    found, todo = [], list(BaseModel.__subclasses__())
    while todo:
        model = todo.pop()
        found.append(model)
        todo.extend(model.__subclasses__())
    return sorted(found, key=lambda m: m._meta.table_name)


def _schema(db, tables):
    out = {}
    for table in tables:
        columns = {(c.name, c.data_type.lower(), c.null, c.primary_key) for c in db.get_columns(table)}
        indexes = {(tuple(i.columns), i.unique) for i in db.get_indexes(table)}
        foreign = {(f.column, f.dest_table, f.dest_column) for f in db.get_foreign_keys(table)}
        out[table] = (columns, indexes, foreign)
    return out


def _school_row(db, code="2108110001"):
    db.execute_sql(
        "INSERT INTO registered_school (code, name, county, signing_public, fingerprint, registered_at) "
        f"VALUES ({', '.join([db.param] * 6)})",
        (code, "测试学校", "210811", b"\x00\xffkey\x00", "12345", WHEN))


def test_fresh_store_is_at_the_newest_version_with_exactly_the_models_schema(bureau_backend, bureau_target,
                                                                           tmp_path):
    with open_store(bureau_target) as store:
        assert migrate.current_version(store.db) == NEWEST >= 1
        models = _bureau_models()
        tables = [m._meta.table_name for m in models]
        assert set(tables) <= set(store.db.get_tables())
        migrated = _schema(store.db, tables)
    reference = bureau_backend.new(tmp_path)  # the same models, created directly from the live classes
    try:
        db = _raw(reference)
        with db.bind_ctx(models):
            db.create_tables(models)
        expected = _schema(db, tables)
        db.close()
    finally:
        bureau_backend.drop(reference)
    for table in tables:
        assert migrated[table] == expected[table], table


def test_a_store_from_0001_is_upgraded_with_its_rows_kept(bureau_backend, bureau_target, tmp_path):
    first = tmp_path / "first"
    first.mkdir()
    shutil.copy(BUREAU_MIGRATIONS_DIR / "0001_initial.py", first)
    db = _raw(bureau_target)
    assert migrate.upgrade(db, first) == [1]
    _school_row(db)
    db.close()

    with open_store(bureau_target) as store:  # the shipped scripts: 0002… applied, the row kept
        assert migrate.current_version(store.db) == NEWEST
        row = RegisteredSchool.get(RegisteredSchool.code == "2108110001")
        assert bytes(row.signing_public) == b"\x00\xffkey\x00" and row.registered_at == WHEN

    later = tmp_path / "later"  # and a script newer than any shipped: run once, after a backup (SQLite)
    shutil.copytree(BUREAU_MIGRATIONS_DIR, later, ignore=shutil.ignore_patterns("__pycache__"))
    (later / f"{NEWEST + 1:04d}_school_note.py").write_text(
        "def migrate(database):\n    database.execute_sql('ALTER TABLE registered_school ADD COLUMN note TEXT')\n")
    db = _raw(bureau_target)
    assert migrate.upgrade(db, later) == [NEWEST + 1]
    assert migrate.upgrade(db, later) == []
    assert "note" in {c.name for c in db.get_columns("registered_school")}
    assert db.execute_sql("SELECT code FROM registered_school").fetchall() == [("2108110001",)]
    db.close()
    if bureau_backend.backend == "sqlite":
        assert Path(f"{bureau_target}.before-{NEWEST + 1:04d}.bak").exists()


def test_a_newer_store_is_refused_and_left_alone(bureau_target):
    with open_store(bureau_target) as store:
        migrate.mark_version(store.db, 99)
        tables = sorted(store.db.get_tables())
    with pytest.raises(migrate.NewerDatabaseError, match="较新版本"):
        open_store(bureau_target)
    db = _raw(bureau_target)
    assert sorted(db.get_tables()) == tables and migrate.current_version(db) == 99
    db.close()


def test_a_failed_script_leaves_the_schema_as_it_was(bureau_target, tmp_path):
    with open_store(bureau_target):
        pass
    scripts = tmp_path / "scripts"
    shutil.copytree(BUREAU_MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / f"{NEWEST + 1:04d}_broken.py").write_text(
        "def migrate(database):\n    database.execute_sql('CREATE TABLE half (x INTEGER)')\n"
        "    raise RuntimeError('boom')\n")
    db = _raw(bureau_target)
    with pytest.raises(RuntimeError, match="boom"):
        migrate.upgrade(db, scripts)
    assert migrate.current_version(db) == NEWEST and "half" not in db.get_tables()
    db.close()


def test_a_store_made_before_the_scripts_is_taken_as_version_1(bureau_target):
    db = _raw(bureau_target)  # tables exactly as 0001 makes them, but no schema_version
    migrate.available(BUREAU_MIGRATIONS_DIR)[0].run(db)
    _school_row(db)
    db.close()
    with open_store(bureau_target) as store:
        assert migrate.current_version(store.db) == NEWEST
        assert RegisteredSchool.select().count() == 1


def test_transactions_nest_with_savepoints_and_roll_back(bureau_target):
    """The importer's pattern: an outer transaction (a dry run, rolled back at the end) around one
    savepoint per batch, a refused batch rolling back only its own savepoint."""
    with open_store(bureau_target) as store:
        def school(code):
            return RegisteredSchool.create(code=code, name="学校", county="210811", signing_public=b"\x01" * 32,
                                           fingerprint="f", registered_at=WHEN)

        with store.db.atomic() as outer:
            school("A")
            with store.db.atomic() as inner:
                school("B")
                inner.rollback()
            with store.db.atomic():
                school("C")
            with pytest.raises(IntegrityError), store.db.atomic():  # spoils only its savepoint (PostgreSQL too)
                school("A")
            assert sorted(s.code for s in RegisteredSchool.select()) == ["A", "C"]
            outer.rollback()
        assert RegisteredSchool.select().count() == 0

        with store.db.atomic():
            a = school("A")
            with store.db.atomic() as inner:
                school("B")
                inner.rollback()
        assert [s.code for s in RegisteredSchool.select()] == ["A"]
        data = bytes(range(256)) * 3
        HeldBatch.create(school=a, batch_no=2, hash="h", data=data, received_at=WHEN)
        held = HeldBatch.get()
        assert bytes(held.data) == data and held.received_at == WHEN
        assert bytes(RegisteredSchool.get().signing_public) == b"\x01" * 32
    assert store.db.is_closed()
    with open_store(bureau_target) as again:  # reopened: nothing pending, the rows there
        assert migrate.upgrade(again.db, BUREAU_MIGRATIONS_DIR) == []
        assert HeldBatch.select().count() == 1
