"""The school's backups: the folder, the daily one and those before an irreversible operation, the
list with what each holds, copies sealed for a USB stick, and the restore.

- The folder is a Setting row (`backup_folder`), chosen at set-up; without one, `backups/` beside the
  database (for the default database: under the user's data folder).
- `daily_backup` at the window's first start of a day (in a thread, with its own connection), then
  rotation (`rotation`); `backup_before(ws, reason)` before an irreversible operation (a restore, the
  year-end promotion; a schema upgrade takes its own in store.migrate).
- `restore`: the chosen backup (a file of the folder, or a sealed copy with its passphrase) is copied
  beside the database and checked; the current database is backed up ("before_restore"), kept aside as
  `<name>.replaced-<time>`, and replaced by one atomic rename; then the restored database records the
  restore with an event and the `restore_marks` Setting (the numbers given out before, so none is given
  again).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from . import files, health, rotation, sealed
from .files import BackupError, BackupFile

FOLDER_KEY = "backup_folder"
MARKS_KEY = "restore_marks"
STALE_PART = dt.timedelta(hours=1)
REASON_LABELS = {"daily": "每日自动", "manual": "手动", "before_restore": "恢复前", "before_upgrade": "升级数据库前",
                 "before_promotion": "升年级前"}


def reason_label(reason: str) -> str:
    base = reason.rstrip("0123456789").rstrip("_")
    if base in REASON_LABELS:
        return REASON_LABELS[base]
    return f"{reason.removeprefix('before_')} 之前" if reason.startswith("before_") else reason


# the folder --------------------------------------------------------------------------------------
def default_folder(db_path: Path) -> Path:
    return Path(db_path).resolve().parent / "backups"


def folder_of(db_path: Path) -> Path:
    """The backup folder a database's Setting names (read-only, a damaged file tolerated), else the default."""
    try:
        con = files.read_only(db_path) if Path(db_path).exists() else None
        if con is not None:
            try:
                row = con.execute("SELECT value FROM setting WHERE key = ?", (FOLDER_KEY,)).fetchone()
            finally:
                con.close()
            if row and row[0]:
                return Path(row[0])
    except sqlite3.DatabaseError:
        pass
    return default_folder(db_path)


def backup_folder(ws) -> Path:
    from ...store.models import Setting

    row = Setting.get_or_none(Setting.key == FOLDER_KEY)
    return Path(row.value) if row and row.value else default_folder(ws.path)


def folder_problem(folder: Path) -> str | None:
    """Why a folder cannot take backups, in Chinese; None when it can (it is created if missing)."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        return f"无法建立备份文件夹 {folder}：{e.strerror or e}"
    if not health._writable_folder(folder):
        return f"备份文件夹不可写：{folder}"
    return None


def check_folder(folder: str | Path) -> Path:
    """The folder as it would be kept, or BackupError saying why it cannot take backups (it is created
    if missing)."""
    folder = Path(str(folder).strip()).expanduser()
    if not str(folder).strip() or not folder.is_absolute():
        raise BackupError(f"备份文件夹须写完整路径（如 D:\\学籍备份）：{folder}")
    problem = folder_problem(folder)
    if problem:
        raise BackupError(problem)
    return folder


def set_backup_folder(ws, folder: str | Path) -> Path:
    """Keeps the backup folder: 管理员 (修改设置), one transaction with a settings_changed event; the same
    folder again writes nothing."""
    from ...store.models import Setting
    from ..accounts.roles import Permission
    from ..school.events import EventKind, changing

    ws.require("更改备份文件夹", Permission.SETTINGS)
    folder = check_folder(folder)
    row = Setting.get_or_none(Setting.key == FOLDER_KEY)
    if row is not None and row.value == str(folder):
        return folder
    with changing(ws.db, ws.user, ws.now()) as tx:
        Setting.replace(key=FOLDER_KEY, value=str(folder)).execute()
        tx.record(EventKind.SETTINGS_CHANGED, f"备份文件夹：{folder}", {"backup_folder": str(folder)})
    return folder


def suggested_folder(db_path: Path) -> Path:
    """Where set-up proposes to keep backups: a second fixed disk when the PC has one (D:\\学籍备份), else
    `backups/` beside the database."""
    import sys

    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        system = os.environ.get("SystemDrive", "C:").upper()
        db_drive = os.path.splitdrive(str(Path(db_path).resolve()))[0].upper()
        mask = kernel32.GetLogicalDrives()
        for i in range(26):
            root = f"{chr(ord('A') + i)}:"
            if mask & (1 << i) and root not in (system, db_drive) \
                    and kernel32.GetDriveTypeW(ctypes.c_wchar_p(root + "\\")) == 3:  # DRIVE_FIXED
                return Path(root + "\\") / "学籍备份"
    return default_folder(db_path)


# taking backups ----------------------------------------------------------------------------------
def take_backup(ws, reason: str = "manual", folder: Path | None = None,
                progress: Callable[[int, int], None] | None = None) -> BackupFile:
    folder = Path(folder) if folder else backup_folder(ws)
    return take_from_path(ws.path, folder, ws.school.code if ws.school else "", reason, ws.now(), progress)


def take_from_path(db_path: Path, folder: Path, school_code: str, reason: str, now: dt.datetime,
                   progress: Callable[[int, int], None] | None = None) -> BackupFile:
    """A checked backup of the database file through its own read-only connection (safe in a thread while
    the window writes), then the folder's rotation."""
    final = files.free_name(Path(folder), now, school_code, reason)
    files.take(db_path, final, progress)
    rotate(folder, school_code, now)
    return files.parse_name(final)


def backup_before(ws, reason: str, progress: Callable[[int, int], None] | None = None) -> BackupFile:
    """The backup an irreversible operation takes first (`reason`: "promotion", "restore" …); raises
    BackupError, and the operation should not go on without it."""
    return take_backup(ws, f"before_{reason}", progress=progress)


def daily_due(folder: Path, school_code: str, today: dt.date) -> bool:
    return not any(b.taken_at.date() == today and b.reason in rotation.REGULAR
                   for b in files.listing(folder, school_code))


def daily_backup(db_path: Path, folder: Path, school_code: str, now: dt.datetime) -> BackupFile | None:
    """The first start of a day backs up; later starts that day do nothing. Uses only the paths, so a
    thread can run it with its own connection."""
    if not daily_due(folder, school_code, now.date()):
        return None
    return take_from_path(db_path, folder, school_code, "daily", now)


def rotate(folder: Path, school_code: str, now: dt.datetime) -> list[Path]:
    """Removes the backups rotation no longer keeps and any stale `.part`; returns what it removed."""
    folder = Path(folder)
    found = files.listing(folder, school_code)
    keep = rotation.to_keep(found, now)
    gone = [b.path for b in found if b not in keep] + files.stale_parts(folder, STALE_PART, now)
    for p in gone:
        files.remove(p)
    return gone


def backups(ws, folder: Path | None = None) -> list[BackupFile]:
    """The folder's complete, checked backups of this school, newest first."""
    code = ws.school.code if ws.school else None
    return list(reversed(files.listing(Path(folder) if folder else backup_folder(ws), code)))


# what a backup holds -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Summary:
    path: Path
    taken_at: dt.datetime | None
    school_code: str
    school_name: str
    pupils: int  # on roll (在校)
    last_change_at: dt.datetime | None
    last_change: str
    last_seq: int

    @property
    def text(self) -> str:
        when = self.taken_at.strftime("%Y-%m-%d %H:%M") if self.taken_at else "未知"
        last = (f"{self.last_change_at:%Y-%m-%d %H:%M} {self.last_change}" if self.last_change_at else "无")
        return (f"备份时间：{when}\n学校：{self.school_name}（{self.school_code}）\n在校学生：{self.pupils} 人\n"
                f"最后一项变更：{last}")


def _moment(text) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


def summarize(path: Path, taken_at: dt.datetime | None = None) -> Summary:
    """Date, school, pupils on roll and the last change, read from the backup file itself (read-only)."""
    path = Path(path)
    info = files.parse_name(path)
    try:
        con = files.read_only(path)
        try:
            school = con.execute("SELECT code, name FROM school LIMIT 1").fetchone()
            pupils = con.execute("SELECT COUNT(*) FROM student WHERE status = 'enrolled'").fetchone()[0]
            last = con.execute("SELECT created_at, summary, seq FROM event ORDER BY seq DESC LIMIT 1").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as e:
        raise BackupError(f"无法读取备份文件 {path.name}：不是学籍桌面的数据库或已损坏（{e}）") from e
    if school is None:
        raise BackupError(f"备份文件 {path.name} 中没有学校，不能用于恢复")
    when = taken_at or (info.taken_at if info else None)
    return Summary(path, when, school[0], school[1], pupils, _moment(last[0]) if last else None,
                   last[1] if last else "", last[2] if last else 0)


@dataclass(frozen=True)
class Lost:
    """What a restore would drop: the changes the current database holds after the backup's last one.
    `count` is None when the current database cannot be read (damaged); then only `since` is known."""
    count: int | None
    recent: list[tuple[dt.datetime | None, str]]  # the newest few (time, summary), newest first
    since: dt.datetime | None

    @property
    def text(self) -> str:
        since = f"{self.since:%Y-%m-%d %H:%M}" if self.since else "备份时"
        if self.count is None:
            return f"当前数据库无法读取，自 {since} 以后的变动都将丢失（无法列出是哪些）。"
        if self.count == 0:
            return "当前数据库在这份备份之后没有新的变动，恢复不会丢失任何记录。"
        return f"自 {since} 以后的 {self.count} 项变动将丢失。"


def lost_changes(db_path: Path, summary: Summary, shown: int = 8) -> Lost:
    """The events of the database at `db_path` after the backup's last one (seq above its last_seq), read
    read-only; a damaged or unreadable file gives count None."""
    since = summary.taken_at or summary.last_change_at
    try:
        con = files.read_live(db_path)
        try:
            count = con.execute("SELECT COUNT(*) FROM event WHERE seq > ?", (summary.last_seq,)).fetchone()[0]
            rows = con.execute("SELECT created_at, summary FROM event WHERE seq > ? ORDER BY seq DESC LIMIT ?",
                               (summary.last_seq, shown)).fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return Lost(None, [], since)
    return Lost(count, [(_moment(at), text) for at, text in rows], since)


def newest_good(folder: Path, school_code: str | None = None) -> BackupFile | None:
    """The newest backup in the folder that passes its check (a damaged database's school may be unknown:
    then any school's)."""
    for b in reversed(files.listing(Path(folder), school_code)):
        if not files.integrity_problems(b.path, quick=True):
            return b
    return None


def damaged_school(db_path: Path) -> str | None:
    """The school code of a damaged database, when that much can still be read."""
    return _current_school(Path(db_path))


def open_sealed(path: Path, passphrase: str, into: Path,
                progress: Callable[[int, int], None] | None = None) -> Path:
    """Decrypts a sealed backup into the file `into` (checked); raises SealError or BackupError and leaves
    nothing under `into` when it fails."""
    into = Path(into)
    try:
        with open(into, "wb") as out:
            out.writelines(sealed.unseal(path, passphrase, progress))
            out.flush()
            os.fsync(out.fileno())
        problems = files.integrity_problems(into)
        if problems:
            raise BackupError(f"解密后的备份未通过完整性检查（{'；'.join(problems[:3])}），不能用于恢复")
    except BaseException:
        files.remove(into)
        raise
    return into


# to a stick --------------------------------------------------------------------------------------
STICK_FOLDER = "xueji"


def write_sealed(ws, folder: str | Path, passphrase: str,
                 progress: Callable[[int, int], None] | None = None) -> Path:
    """A checked backup sealed with `passphrase` into `<folder>/xueji/`: written as `.part`, fsynced, read
    back and authenticated, then renamed, so a stick pulled out mid-write leaves nothing a restore takes.
    `progress(done, total)` over the three phases (copy, seal and write, read back)."""
    return write_sealed_from_path(ws.path, ws.school.code, ws.now(), folder, passphrase, progress)


def write_sealed_from_path(db_path: Path, school_code: str, now: dt.datetime, folder: str | Path,
                           passphrase: str, progress: Callable[[int, int], None] | None = None) -> Path:
    """`write_sealed` from the paths only (its own read-only connection), so a thread can run it; an
    exception raised by `progress` (a cancel) leaves nothing on the stick either."""
    if len(passphrase) < 8:
        raise BackupError("密码至少 8 个字符（恢复时须输入同一密码，请另行妥善保管）")
    directory = Path(folder) / STICK_FOLDER
    final = directory / (files.backup_name(now, school_code, "manual").removesuffix(files.SUFFIX) + sealed.SUFFIX)
    part = directory / (final.name + files.PART_SUFFIX)
    report = progress or (lambda done, total: None)
    with tempfile.TemporaryDirectory(prefix="xueji-backup-") as tmp:
        plain = files.take(db_path, Path(tmp) / files.backup_name(now, school_code, "manual"))
        size = plain.stat().st_size
        total = 3 * size
        report(size, total)
        try:
            directory.mkdir(parents=True, exist_ok=True)
            with open(plain, "rb") as src, open(part, "wb") as out:
                sealed.seal(src, size, out, passphrase, lambda done: report(size + done, total))
                out.flush()
                os.fsync(out.fileno())
            sealed.verify(part, passphrase, lambda done, all_: report(2 * size + done * size // all_, total))
            os.replace(part, final)
            files.fsync_directory(directory)
        except sealed.SealError as e:
            files.remove(part)
            raise BackupError(f"写入后校验失败：{e.message}。U 盘可能已损坏，请换一个 U 盘后重试。") from e
        except OSError as e:
            files.remove(part)
            raise BackupError(f"U 盘已拔出、已满或无法写入（{directory}）：{e.strerror or e}。"
                              f"请重新插好 U 盘后重试；没有留下可用于恢复的不完整文件。") from e
        except BaseException:
            files.remove(part)
            raise
    report(total, total)
    return final


def sealed_files(folder: str | Path) -> list[Path]:
    """The sealed backups in a folder or its xueji/ subfolder, newest name first."""
    folder = Path(folder)
    found = [p for d in (folder, folder / STICK_FOLDER) if d.is_dir() for p in d.iterdir()
             if p.is_file() and p.name.endswith(sealed.SUFFIX)]
    return sorted(found, key=lambda p: p.name, reverse=True)


# restore -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RestoreResult:
    summary: Summary
    kept_aside: Path
    before: BackupFile | None  # None when the database being replaced could not be backed up (damaged)
    marks: dict


def marks_of(db_path: Path) -> dict:
    """The highest batch number, event seq and chain head the database being replaced gave out (also
    those a previous restore recorded); None for what cannot be read."""
    out = {"last_batch_no": None, "last_seq": None, "chain_head": None}
    con = None
    for opener in (files.read_live, files.read_only):  # the write-ahead log first: it holds the newest numbers
        try:
            con = opener(db_path)
            con.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            break
        except sqlite3.DatabaseError:
            if con is not None:
                con.close()
            con = None
    if con is None:
        return out
    try:
        for key, sql in (("last_batch_no", "SELECT MAX(batch_no) FROM outbox_batch"),
                         ("last_seq", "SELECT MAX(seq) FROM event"),
                         ("chain_head", "SELECT hash FROM event ORDER BY seq DESC LIMIT 1")):
            try:
                row = con.execute(sql).fetchone()
                out[key] = row[0] if row else None
            except sqlite3.DatabaseError:
                pass
        try:
            row = con.execute("SELECT value FROM setting WHERE key = ?", (MARKS_KEY,)).fetchone()
            earlier = json.loads(row[0]) if row else {}
        except (sqlite3.DatabaseError, ValueError, TypeError):
            earlier = {}
        for key in ("last_batch_no", "last_seq"):
            if isinstance(earlier.get(key), int):
                out[key] = max(out[key] or 0, earlier[key])
    finally:
        con.close()
    return out


def check_restorer(db_path: Path, username: str, password: str) -> None:
    """The account must exist, be active, have this password and a role that may restore (管理员), in the
    database file given (read-only): the current one, or the backup when the current one is damaged.
    Raises PermissionDenied or BackupError."""
    from ..accounts.passwords import verify_password
    from ..accounts.roles import Permission, PermissionDenied, check, parse_roles

    try:
        con = files.read_live(db_path)
        try:
            row = con.execute("SELECT password_hash, role FROM user WHERE username = ? AND active = 1",
                              (username.strip(),)).fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as e:
        raise BackupError(f"无法读取账号以确认身份（{e}）") from e
    if row is None or not verify_password(row[0], password):
        raise PermissionDenied("用户名或密码不正确，未恢复")
    check(parse_roles(row[1]), "恢复备份", Permission.RESTORE)


def restore(db_path: Path, source: Path, username: str, password: str, now: dt.datetime,
            folder: Path | None = None, passphrase: str | None = None,
            progress: Callable[[int, int], None] | None = None) -> RestoreResult:
    """Replaces the (closed) database at `db_path` by the backup `source` and records the restore in it.
    `username`/`password` are checked (a role that may restore) against the current database, or against
    the backup when the current one is damaged or absent. Raises BackupError, SealError or PermissionDenied
    with nothing changed."""
    db_path, source = Path(db_path), Path(source)
    folder = Path(folder) if folder else folder_of(db_path)
    staged = db_path.with_name(f".{db_path.name}.restoring")
    files.remove(staged)
    try:
        if source.name.endswith(sealed.SUFFIX):
            open_sealed(source, passphrase or "", staged, progress)
        else:
            files.take(source, staged, progress)
        named = files.parse_name(source)
        summary = replace(summarize(staged, named.taken_at if named else None), path=source)
        damaged = not db_path.exists() or bool(health.check_problems(db_path, quick=True))
        check_restorer(staged if damaged else db_path, username, password)
        current = _current_school(db_path)
        if current and current != summary.school_code:
            raise BackupError(f"这份备份属于另一所学校（学校代码 {summary.school_code}），"
                              f"当前数据库是 {current} 的，不能恢复到这里")
        marks = marks_of(db_path)
        before = _before_restore(db_path, folder, current or summary.school_code, now)
        aside = _replace(db_path, staged, now)
    except BaseException:
        files.remove(staged)
        raise
    marks = {"restored_at": now.isoformat(timespec="seconds"),
             "backup_taken_at": (summary.taken_at or summary.last_change_at or now).isoformat(timespec="seconds"),
             **marks}
    _record(db_path, username, summary, marks, now)
    return RestoreResult(summary, aside, before, marks)


def _current_school(db_path: Path) -> str | None:
    try:
        con = files.read_only(db_path)
        try:
            row = con.execute("SELECT code FROM school LIMIT 1").fetchone()
        finally:
            con.close()
        return row[0] if row else None
    except sqlite3.DatabaseError:
        return None


def _before_restore(db_path: Path, folder: Path, code: str, now: dt.datetime) -> BackupFile | None:
    if not db_path.exists() or health.check_problems(db_path, quick=True):
        return None  # damaged: only kept aside as it is
    problem = folder_problem(folder)
    if problem:
        raise BackupError(f"恢复前须先备份当前数据库，但{problem}")
    return take_from_path(db_path, folder, code, "before_restore", now)


def _replace(db_path: Path, staged: Path, now: dt.datetime) -> Path:
    """Keeps the current file aside (a hard link, else a copy) and puts the staged one in its place with
    one atomic rename; the database path is never without a complete file."""
    aside = db_path.with_name(f"{db_path.name}.replaced-{now:%Y%m%d-%H%M%S}")
    wal = db_path.with_name(db_path.name + "-wal")
    shm = db_path.with_name(db_path.name + "-shm")
    if db_path.exists():
        if not health.check_problems(db_path, quick=True):
            _leave_wal(db_path)
        try:
            os.link(db_path, aside)
        except OSError:
            shutil.copy2(db_path, aside)
            files.fsync_file(aside)
        if wal.exists():  # a damaged file's log goes aside with it, never onto the restored file
            os.replace(wal, aside.with_name(aside.name + "-wal"))
    files.remove(shm)
    os.replace(staged, db_path)
    files.fsync_directory(db_path.parent)
    files.remove(health.marker_path(db_path))
    return aside


def _leave_wal(db_path: Path) -> None:
    """Folds the log into the file and leaves WAL mode, which SQLite allows only when no other program has
    the database open: a second window or command still using it refuses the restore."""
    try:
        con = sqlite3.connect(str(db_path), timeout=2)
        try:
            mode = con.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        finally:
            con.close()
    except sqlite3.OperationalError as e:
        raise BackupError(f"另一个学籍桌面窗口或命令正在使用这个数据库（{e}）：请先关闭它再恢复。未作任何改动。") from e
    if str(mode).lower() != "delete":
        raise BackupError("另一个学籍桌面窗口或命令正在使用这个数据库：请先关闭它再恢复。未作任何改动。")


def _record(db_path: Path, username: str, summary: Summary, marks: dict, now: dt.datetime) -> None:
    """In the restored database, one transaction: the restore_marks Setting and the backup_restored event."""
    from ...store.models import Setting, User
    from ..accounts.roles import Permission, parse_roles, permissions_of
    from ..school.events import EventKind, changing
    from ..school.workspace import Workspace

    ws = Workspace(db_path)
    try:
        # The account that restored, as the backup knows it; one made (or made 管理员) after the backup puts
        # the restore on the backup's first administrator's name (the payload still names who restored).
        active = list(User.select().where(User.active == True).order_by(User.id))
        may = [u for u in active if Permission.RESTORE in permissions_of(parse_roles(u.role))]
        user = next((u for u in may if u.username == username), may[0] if may else active[0])
        taken = summary.taken_at.strftime("%Y-%m-%d %H:%M") if summary.taken_at else "时间不详"
        with changing(ws.db, user, now) as tx:
            Setting.replace(key=MARKS_KEY, value=json.dumps(marks, ensure_ascii=False, sort_keys=True)).execute()
            tx.record(EventKind.BACKUP_RESTORED, f"恢复备份：{taken} 的备份（{summary.path.name}）",
                      {**marks, "backup": summary.path.name, "restored_by": username})
    finally:
        ws.close()
