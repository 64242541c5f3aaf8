"""What every start checks before the database is used: where it lives (a network drive or a folder the
user cannot write is refused), whether the last session ended cleanly (a marker file beside the database,
written at open and removed at a clean close), and the file itself (`PRAGMA quick_check`, or the full
`integrity_check` after an unclean end), read-only, so that a damaged database is never written to.

Nothing of the project is imported here: `store.connection.open_database` calls it first.
"""

from __future__ import annotations

import ctypes
import os
import sys
import threading
from pathlib import Path

from .files import integrity_problems

MARKER_SUFFIX = ".open"  # xueji.sqlite3.open: the database is (or was, at a crash) open
NETWORK_TYPES = {"nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "afs", "9p", "fuse.sshfs"}
DRIVE_REMOTE = 4


class LocationRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class DamagedDatabaseError(Exception):
    """The database failed its check at start; nothing was written to it."""

    def __init__(self, path: Path, problems: list[str], full: bool):
        self.path = Path(path)
        self.problems = problems
        self.full = full
        shown = "；".join(problems[:3]) + ("……" if len(problems) > 3 else "")
        self.message = (f"数据库文件已损坏，为免损失扩大，本程序不会再写入它：{self.path}\n"
                        f"（{'完整性检查' if full else '快速检查'}发现：{shown}）\n"
                        f"请在窗口中用“恢复备份”恢复最近一份完好的备份，或运行 xueji backups --db … 查看备份、"
                        f"xueji restore --db … 备份文件 恢复。")
        super().__init__(self.message)


# where it lives ------------------------------------------------------------------------------------
def network_filesystem(path: Path, mounts: str = "/proc/mounts") -> str | None:
    """The network file system type `path` is on, or None (a local disk, or nothing to tell)."""
    path = Path(os.path.abspath(path))
    if sys.platform == "win32":
        text = str(path)
        if text.startswith("\\\\") and not text.startswith("\\\\?\\"):
            return "UNC"
        drive = os.path.splitdrive(text)[0]
        if drive and ctypes.windll.kernel32.GetDriveTypeW(ctypes.c_wchar_p(drive + "\\")) == DRIVE_REMOTE:  # type: ignore[attr-defined]
            return "网络驱动器"
        return None
    try:
        with open(mounts, encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
    except OSError:
        return None
    best, kind = "", None
    resolved = str(path.resolve())
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        inside = resolved == point or resolved.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, parts[2]
    return kind if kind in NETWORK_TYPES else None


def location_problem(db_path: Path, mounts: str = "/proc/mounts") -> str | None:
    """A Chinese message when the database may not live where it is, else None."""
    db_path = Path(db_path)
    folder = db_path.parent
    probe_at = folder if folder.exists() else next((p for p in folder.parents if p.exists()), folder)
    network = network_filesystem(probe_at, mounts)
    if network:
        return (f"数据库位于网络驱动器（{network}）上：{db_path}\n网络断开或多台电脑同时打开都会损坏数据库，"
                f"本程序不在网络驱动器上打开学籍数据库。请把数据库放在本机硬盘上（如 D:\\学籍\\），"
                f"再用 --db 指定它。")
    if folder.exists() and not _writable_folder(folder):
        return (f"无法在文件夹中写入：{folder}\n数据库所在的文件夹必须可写（保存、日志和恢复都要在这里建立文件）。"
                f"请换一个本人有写入权限的文件夹，或请电脑管理员开放这个文件夹的写入权限。")
    if db_path.is_file() and not _writable_file(db_path):
        return (f"数据库文件是只读的：{db_path}\n请去掉文件的“只读”属性，或请电脑管理员开放写入权限。")
    return None


def _writable_folder(folder: Path) -> bool:
    probe = folder / f".xueji-write-test-{os.getpid()}"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError:
        return False
    os.close(fd)
    try:
        probe.unlink()
    except OSError:
        pass
    return True


def _writable_file(path: Path) -> bool:
    try:
        with open(path, "r+b"):
            return True
    except OSError:
        return False


# a clean end ---------------------------------------------------------------------------------------
def marker_path(db_path: Path) -> Path:
    return Path(db_path).with_name(Path(db_path).name + MARKER_SUFFIX)


def ended_uncleanly(db_path: Path) -> bool:
    """The marker is there and names no running program (another program open on it is not a crash)."""
    marker = marker_path(db_path)
    try:
        text = marker.read_text("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return marker.exists()
    pid = int(text) if text.isdigit() else 0
    return not (pid and pid != os.getpid() and _alive(pid))


def _alive(pid: int) -> bool:
    if sys.platform == "win32":
        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong(0)
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def mark_open(db_path: Path) -> None:
    try:
        marker_path(db_path).write_text(str(os.getpid()), "ascii")
    except OSError:
        pass


def mark_closed(db_path: Path) -> None:
    marker = marker_path(db_path)
    try:
        if marker.read_text("ascii").strip() == str(os.getpid()):
            marker.unlink()
    except OSError:
        pass


def check_at_start(db_path: Path) -> None:
    """Raises LocationRefused or DamagedDatabaseError; a new (absent or empty) file passes."""
    db_path = Path(db_path)
    problem = location_problem(db_path)
    if problem:
        raise LocationRefused(problem)
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return  # new, or not a file at all: opening it says so
    full = ended_uncleanly(db_path)
    problems = _checked_ahead(db_path, full)
    if problems is None:
        problems = check_problems(db_path, quick=not full)
    if problems:
        raise DamagedDatabaseError(db_path, problems, full)


# the check begun early ---------------------------------------------------------------------------------------
_ahead: dict[Path, tuple[threading.Thread, dict]] = {}


def _file_state(db_path: Path) -> tuple:
    """What must not have changed for an earlier check to stand: the file's size and time, and how much its -wal
    holds (a read-only check may leave an empty -wal behind)."""
    def stat(path: Path):
        try:
            return path.stat()
        except OSError:
            return None

    main, wal = stat(db_path), stat(db_path.with_name(db_path.name + "-wal"))
    return (main.st_size, main.st_mtime_ns) if main else None, wal.st_size if wal else 0


def check_ahead(db_path: Path) -> None:
    """Begins the start's check of the file on a thread, so that SQLite reads it (without holding the
    interpreter) while the program imports the rest of itself; `check_at_start` then takes that result when the
    file and the clean-end marker are as they were, and checks again otherwise."""
    db_path = Path(db_path).resolve()
    if not db_path.is_file() or db_path.stat().st_size == 0 or location_problem(db_path):
        return
    found: dict = {}

    def run() -> None:
        full, state = ended_uncleanly(db_path), _file_state(db_path)
        problems = check_problems(db_path, quick=not full)
        if _file_state(db_path) == state:  # else it changed while being checked: check_at_start checks again
            found.update(full=full, state=state, problems=problems)

    thread = threading.Thread(target=run, name="start-check", daemon=True)
    _ahead[db_path] = (thread, found)
    thread.start()


def _checked_ahead(db_path: Path, full: bool) -> list[str] | None:
    """The problems the check begun by `check_ahead` found, or None when there is none to use."""
    entry = _ahead.pop(Path(db_path).resolve(), None)
    if entry is None:
        return None
    thread, found = entry
    thread.join()
    if found.get("full") != full or found.get("state") != _file_state(Path(db_path).resolve()):
        return None
    return found["problems"]


def check_problems(db_path: Path, quick: bool) -> list[str]:
    """The check through a read-only connection; it reads the -wal a crash left (a read-only connection
    may still replay it into its own view, never into the file)."""
    import sqlite3
    from urllib.parse import quote

    try:
        con = sqlite3.connect(f"file:{quote(str(db_path.resolve()))}?mode=ro", uri=True)
        try:
            rows = con.execute("PRAGMA quick_check" if quick else "PRAGMA integrity_check").fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError as e:
        return [str(e)]
    found = [str(r[0]) for r in rows]
    return [] if found == ["ok"] else found


__all__ = ["DamagedDatabaseError", "LocationRefused", "check_ahead", "check_at_start", "integrity_problems", "location_problem",
           "mark_closed", "mark_open"]
