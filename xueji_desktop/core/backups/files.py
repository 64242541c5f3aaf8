"""One backup file: its name, taking it through SQLite's online backup API, checking it, and putting it
in place so that a file under a backup's name is always complete and checked.

A backup is written as `.<name>.part` in the backup folder (the online backup copies a consistent
snapshot while the program keeps working), switched to a rollback journal so it is one self-contained
file, checked with `PRAGMA integrity_check`, fsynced, then renamed (atomic) to its final name and the
folder fsynced. Listings only ever take final names, so a copy cut short by a kill or a power cut is
never offered; a `.part` left behind is removed by the next rotation.

Names sort by time and say whose and why:
`xueji-2026-09-01-090000-2108110001-daily.xjbak` (taken at, school code, reason). Nothing of the
project is imported here: the store's schema upgrade uses it too.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from ...durable import fsync_directory, fsync_file

SUFFIX = ".xjbak"  # a plain SQLite file, checked
PART_SUFFIX = ".part"
_NAME = re.compile(r"^xueji-(\d{4}-\d{2}-\d{2}-\d{6})(?:-(\d+))?-([0-9A-Za-z]*)-([a-z0-9_]+)\.xjbak$")
_TIME = "%Y-%m-%d-%H%M%S"


class BackupError(Exception):
    """A backup could not be taken or read: `message` in Chinese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: dt.datetime
    school_code: str
    reason: str  # daily | manual | before_restore | before_upgrade_0012 | before_<operation>

    @property
    def size(self) -> int:
        try:
            return self.path.stat().st_size
        except OSError:
            return 0


def backup_name(taken_at: dt.datetime, school_code: str, reason: str, serial: int = 0) -> str:
    code = re.sub(r"[^0-9A-Za-z]", "", school_code or "")
    reason = re.sub(r"[^a-z0-9_]", "_", reason.lower())
    extra = f"-{serial}" if serial else ""
    return f"xueji-{taken_at.strftime(_TIME)}{extra}-{code}-{reason}{SUFFIX}"


def parse_name(path: Path) -> BackupFile | None:
    m = _NAME.match(path.name)
    if not m:
        return None
    try:
        taken_at = dt.datetime.strptime(m.group(1), _TIME)
    except ValueError:
        return None
    return BackupFile(path, taken_at, m.group(3), m.group(4))


def listing(folder: str | Path, school_code: str | None = None) -> list[BackupFile]:
    """The complete, checked backups in a folder, oldest first (a `.part` is never among them)."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = []
    for p in folder.iterdir():
        info = parse_name(p)
        if info is not None and p.is_file() and (school_code is None or info.school_code == school_code):
            found.append(info)
    return sorted(found, key=lambda b: (b.taken_at, b.path.name))


def free_name(folder: Path, taken_at: dt.datetime, school_code: str, reason: str) -> Path:
    """The final name for a new backup; a second one in the same second gets a serial number."""
    serial = 0
    while True:
        path = folder / backup_name(taken_at, school_code, reason, serial)
        if not path.exists():
            return path
        serial += 1


def read_only(path: str | Path) -> sqlite3.Connection:
    """Opens a database file read-only, creating nothing beside it (a backup is one self-contained file)."""
    uri = f"file:{quote(str(Path(path).resolve()))}?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True)


def read_live(path: str | Path) -> sqlite3.Connection:
    """Opens a database another connection may have open, read-only, its write-ahead log included (what
    `read_only` skips): the current school database while the window has it open."""
    return sqlite3.connect(f"file:{quote(str(Path(path).resolve()))}?mode=ro", uri=True)


def integrity_problems(path: str | Path, quick: bool = False) -> list[str]:
    """`PRAGMA integrity_check` (or quick_check) of a database file, read-only; [] when it is sound."""
    try:
        con = read_only(path)
        try:
            rows = con.execute("PRAGMA quick_check" if quick else "PRAGMA integrity_check").fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError as e:
        return [str(e)]
    found = [str(r[0]) for r in rows]
    return [] if found == ["ok"] else found


def take(source: sqlite3.Connection | str | Path, final: Path,
         progress: Callable[[int, int], None] | None = None) -> Path:
    """Copies the database behind `source` (an open connection or a file path) to `final`, checked;
    raises BackupError and leaves no file under `final` when anything fails."""
    final = Path(final)
    part = final.with_name(f".{final.name}{PART_SUFFIX}")
    own = not isinstance(source, sqlite3.Connection)
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        remove(part)
        src = sqlite3.connect(f"file:{quote(str(Path(source).resolve()))}?mode=ro", uri=True) if own else source
        try:
            target = sqlite3.connect(str(part))
            target.execute("PRAGMA synchronous=OFF")  # the whole file is fsynced once, after the check
            try:
                def step(status, remaining, total):
                    if progress:
                        progress(total - remaining, total)

                src.backup(target, pages=-1 if progress is None else 256, progress=step)
                target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
            finally:
                target.close()
        finally:
            if own:
                src.close()
        problems = integrity_problems(part)
        if problems:
            raise BackupError(f"备份副本检查未通过（{'；'.join(problems[:3])}），未保存。")
        fsync_file(part)
        os.replace(part, final)
        fsync_directory(final.parent)
    except sqlite3.DatabaseError as e:
        remove(part)
        raise BackupError(f"无法读取数据库以备份：{e}") from e
    except OSError as e:
        remove(part)
        raise BackupError(f"无法写入备份文件夹 {final.parent}：{e.strerror or e}") from e
    except BaseException:
        remove(part)
        raise
    return final


def remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def stale_parts(folder: Path, older_than: dt.timedelta, now: dt.datetime) -> list[Path]:
    """`.part` files (and their `-journal`) a killed or cut-off backup left, older than `older_than` (by the file's time)."""
    if not folder.is_dir():
        return []
    limit = (now - older_than).timestamp()
    return [p for p in folder.iterdir() if p.name.startswith(".xueji-") and PART_SUFFIX in p.name  # .part-journal too
            and p.stat().st_mtime < limit]
