"""Runs numbered scripts (0001_initial.py, …) from a directory, each once, each in one transaction.

The school's database uses `db/` (the default); the bureau's store uses `db/bureau/` on SQLite or
PostgreSQL. The applied numbers are kept in a `schema_version` table; a database whose version is
newer than the newest script is refused, never touched.

Before the first pending script touches an existing SQLite file, a checked copy is taken through the
online backup API into the school's backup folder (core.backups), or beside the file when no folder is
known yet (`<name>.before-0002.bak`), so a failed upgrade never costs the school its records. A PostgreSQL
database has no file to copy: there the transaction (DDL included) is the safety net, and the server's
own backups are the administrator's.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path

from peewee import Database, PostgresqlDatabase, SqliteDatabase

from ..paths import MIGRATIONS_DIR

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.py$")


@dataclass(frozen=True)
class Migration:
    number: int
    path: Path

    def run(self, database: Database) -> None:
        name = f"xueji_migration_{self.path.parent.name}_{self.number:04d}"
        spec = importlib.util.spec_from_file_location(name, self.path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.migrate(database)


class NewerDatabaseError(Exception):
    pass


def available(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    found = [Migration(int(m.group(1)), p) for p in sorted(Path(directory).glob("*.py"))
             if (m := _NAME.match(p.name))]
    numbers = [m.number for m in found]
    if numbers != list(range(1, len(numbers) + 1)):
        raise RuntimeError(f"迁移脚本编号不连续：{numbers}")
    return found


def current_version(database: Database) -> int:
    database.execute_sql("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = database.execute_sql("SELECT MAX(version) FROM schema_version").fetchone()
    return row[0] or 0


def mark_version(database: Database, number: int) -> None:
    database.execute_sql(f"INSERT INTO schema_version (version) VALUES ({database.param})", (number,))


def upgrade(database: Database, directory: Path = MIGRATIONS_DIR) -> list[int]:
    """Brings the schema to the newest version; returns the numbers applied."""
    migrations = available(directory)
    version = current_version(database)
    newest = migrations[-1].number if migrations else 0
    _refuse_newer(version, newest)
    pending = [m for m in migrations if m.number > version]
    if pending and version > 0:
        _backup(database, pending[0].number)
    applied = []
    for migration in pending:
        with database.atomic():
            if isinstance(database, PostgresqlDatabase):
                # Two programs opening the same server database at once: the second waits here, then
                # sees the first one's work and skips what is already done.
                database.execute_sql("LOCK TABLE schema_version IN SHARE ROW EXCLUSIVE MODE")
                now = current_version(database)
                _refuse_newer(now, newest)
                if now >= migration.number:
                    continue
            migration.run(database)
            mark_version(database, migration.number)
        applied.append(migration.number)
    return applied


def _refuse_newer(version: int, newest: int) -> None:
    if version > newest:
        raise NewerDatabaseError(
            f"此数据库由较新版本的学籍桌面创建（结构版本 {version}），本程序只认识到版本 {newest}，请升级程序。")


def _backup(database: Database, number: int) -> None:
    """A checked copy through SQLite's online backup API (core.backups.files.take): into the school's
    backup folder when its Setting names one, else beside the file (`<name>.before-0002.bak`)."""
    if not isinstance(database, SqliteDatabase) or database.database == ":memory:":
        return
    from .. import clock
    from ..core.backups import files

    path = Path(database.database)
    folder, code = _backup_folder(database)
    if folder is not None:
        try:
            final = files.free_name(folder, clock.now(), code, f"before_upgrade_{number:04d}")
            files.take(database.connection(), final)
            return
        except files.BackupError:
            pass  # the folder is gone (a stick, a second disk unplugged): the copy beside the file will do
    files.take(database.connection(), path.with_name(f"{path.name}.before-{number:04d}.bak"))


def _backup_folder(database: Database) -> tuple[Path | None, str]:
    """The backup folder the school's Setting names (core.backups.service.FOLDER_KEY) and its code."""
    try:
        row = database.execute_sql("SELECT value FROM setting WHERE key = 'backup_folder'").fetchone()
        code = database.execute_sql("SELECT code FROM school LIMIT 1").fetchone()
    except Exception:  # noqa: BLE001 — a bureau store or a very old file: no folder known yet
        return None, ""
    return (Path(row[0]) if row and row[0] else None), (code[0] if code else "")
