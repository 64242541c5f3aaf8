"""The USB stick: which removable drives are present, and writing a sealed batch so that the stick
never holds a file an importer would accept unless it is complete and verified.

A batch is written as `<folder>/xueji/<school code>-<batch no:05d>.xjb`: first under the temporary
name `….xjb.part` → flush → fsync → read back from the device and verified → renamed (atomic) →
the directory fsynced → the final file read back and verified once more. Importers only ever accept
`*.xjb` (`batch_files`), so a `.part` left by a pulled stick or a killed program is never imported;
the next write simply overwrites it. A batch's bytes are kept in the outbox, so writing it again
gives the same file.
"""

from __future__ import annotations

import ctypes
import errno
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ...durable import fsync_directory

SUFFIX = ".xjb"  # a school's change batch
REPLY_SUFFIX = ".xjr"  # the bureau's reply to a school: neither side's importer lists the other's files
PART_SUFFIX = ".part"
SUBFOLDER = "xueji"
CHUNK = 64 * 1024

NO_SPACE = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), getattr(errno, "EFBIG", errno.ENOSPC))
READ_ONLY = (errno.EROFS, errno.EACCES, errno.EPERM)
# Windows error codes: 112 ERROR_DISK_FULL, 39 ERROR_HANDLE_DISK_FULL, 19 ERROR_WRITE_PROTECT,
# 5 ERROR_ACCESS_DENIED; anything else (21 not ready, 1167 device not connected …) reads as pulled out.
WIN_NO_SPACE = (112, 39)
WIN_READ_ONLY = (19, 5)


class SealedBatch(Protocol):  # store.models.OutboxBatch
    batch_no: int
    school_code: str
    data: bytes
    hash: str
    event_count: int


@dataclass(frozen=True)
class Drive:
    label: str  # the volume's name, or its mount point's last part
    path: str  # E:\ or /media/registrar/STICK
    free_bytes: int
    writable: bool

    @property
    def text(self) -> str:
        state = "" if self.writable else "，只读"
        return f"{self.label}（{self.path}，可用 {human_size(self.free_bytes)}{state}）"


@dataclass(frozen=True)
class WriteResult:
    batch_no: int
    event_count: int
    path: Path
    size: int
    hash: str

    @property
    def message(self) -> str:
        return f"第 {self.batch_no} 批，共 {self.event_count} 项变更，已写入 {self.path} 并校验无误"


class StickError(Exception):
    """The stick refused the batch: `message` in Chinese; no `.xjb` of this batch was left behind
    unless it was already there, complete, before the attempt."""

    def __init__(self, message: str, reason: str = "io"):
        super().__init__(message)
        self.message = message
        self.reason = reason  # no_space | read_only | gone | verify


def human_size(n: int) -> str:
    for unit, size in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= size:
            return f"{n / size:.1f} {unit}"
    return f"{n} 字节"


def file_name(batch: SealedBatch) -> str:
    if getattr(batch, "is_reply", False):
        return f"{batch.school_code}-回执-{batch.batch_no:05d}{REPLY_SUFFIX}"
    return f"{batch.school_code}-{batch.batch_no:05d}{SUFFIX}"


def batch_files(folder: str | Path, suffix: str = SUFFIX) -> list[Path]:
    """The files an importer may read in a folder (or its xueji/ subfolder): `*.xjb` only (replies:
    `*.xjr`)."""
    folder = Path(folder)
    found = [p for d in (folder, folder / SUBFOLDER) if d.is_dir() for p in d.iterdir()
             if p.is_file() and p.name.endswith(suffix)]
    return sorted(found)


# drives ------------------------------------------------------------------------------------------
def removable_drives() -> list[Drive]:
    """Removable drives present now: on Windows the DRIVE_REMOVABLE letters, on Linux the file
    systems mounted under /media and /run/media (where desktops mount sticks)."""
    try:
        if sys.platform == "win32":
            return _windows_drives()
        return _mounted_drives()
    except OSError:
        return []


def _unescape(field: str) -> str:  # /proc/mounts writes space, tab, newline, backslash as \ooo
    out, i = [], 0
    while i < len(field):
        if field[i] == "\\" and i + 3 < len(field) and field[i + 1:i + 4].isdigit():
            out.append(chr(int(field[i + 1:i + 4], 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def _mounted_drives(mounts: str = "/proc/mounts", roots=("/media/", "/run/media/")) -> list[Drive]:
    drives, seen = [], set()
    with open(mounts, encoding="utf-8", errors="replace") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 4:
                continue
            path, options = _unescape(parts[1]), parts[3].split(",")
            if not path.startswith(roots) or path in seen:
                continue
            seen.add(path)
            try:
                st = os.statvfs(path)
            except OSError:
                continue
            writable = "ro" not in options and os.access(path, os.W_OK)
            drives.append(Drive(Path(path).name, path, st.f_bavail * st.f_frsize, writable))
    return drives


def _windows_drives() -> list[Drive]:
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    drive_removable = 2
    mask = kernel32.GetLogicalDrives()
    drives = []
    for i in range(26):
        if not mask & (1 << i):
            continue
        root = f"{chr(ord('A') + i)}:\\"
        if kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)) != drive_removable:
            continue
        name = ctypes.create_unicode_buffer(261)
        flags = ctypes.c_ulong(0)
        if not kernel32.GetVolumeInformationW(ctypes.c_wchar_p(root), name, 261, None, None,
                                              ctypes.byref(flags), None, 0):
            continue  # a card reader with no card in it
        free = ctypes.c_ulonglong(0)
        kernel32.GetDiskFreeSpaceExW(ctypes.c_wchar_p(root), ctypes.byref(free), None, None)
        read_only = bool(flags.value & 0x00080000)  # FILE_READ_ONLY_VOLUME
        label = name.value or "U 盘"
        drives.append(Drive(f"{label} ({root[:2]})", root, free.value, not read_only))
    return drives


# writing -----------------------------------------------------------------------------------------
def explain(error: OSError, batch: SealedBatch, target: Path) -> StickError:
    code, win = error.errno, getattr(error, "winerror", None)
    if code in NO_SPACE or win in WIN_NO_SPACE:
        return StickError(f"U 盘空间不足：第 {batch.batch_no} 批需要 {human_size(len(batch.data))}，"
                          f"{target} 已写不下。请删除 U 盘上不需要的文件或换一个 U 盘后重试。", "no_space")
    if code in READ_ONLY or win in WIN_READ_ONLY:
        return StickError(f"U 盘为只读，无法写入 {target}。请检查 U 盘侧面的写保护开关，"
                          f"或换一个 U 盘后重试。", "read_only")
    return StickError(f"U 盘已拔出或无法写入（{target}）。请重新插好 U 盘后再导出；"
                      f"本批次仍保存在本机，不会丢失。", "gone")


def write_batch(batch: SealedBatch, folder: str | Path,
                progress: Callable[[int, int], None] | None = None) -> WriteResult:
    """Writes one sealed batch into `<folder>/xueji/` and verifies it; raises StickError.

    `progress(done, total)` is called as bytes go out (writing, then reading back); an exception it raises
    (the user's 取消) leaves no file behind, like a failed write."""
    directory = Path(folder) / SUBFOLDER
    final = directory / file_name(batch)
    part = directory / (final.name + PART_SUFFIX)
    data = bytes(batch.data)
    total = 2 * len(data)
    report = progress or (lambda done, total: None)
    renamed = False
    try:
        directory.mkdir(parents=True, exist_ok=True)
        _write_file(part, data, lambda done: report(done, total))
        _verify(part, batch, data)
        os.replace(part, final)
        renamed = True
        fsync_directory(directory)
        _verify(final, batch, data)
        report(total, total)
    except BaseException as e:
        _remove(part)
        if renamed:
            _remove(final)  # never leave an unverified file under the importable name
        if not isinstance(e, OSError) or isinstance(e, StickError):
            raise
        raise explain(e, batch, final) from e
    return WriteResult(batch.batch_no, batch.event_count, final, len(data), batch.hash)


def _write_file(path: Path, data: bytes, progress: Callable[[int], None]) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, 0o644)
    try:
        view, done = memoryview(data), 0
        while done < len(data):
            written = os.write(fd, view[done:done + CHUNK])
            if written <= 0:
                raise OSError(errno.EIO, "write returned 0")
            done += written
            progress(done)
        os.fsync(fd)
        if hasattr(os, "posix_fadvise"):  # drop the cached pages: the read-back comes from the stick
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            except OSError:
                pass
    finally:
        os.close(fd)


def _verify(path: Path, batch: SealedBatch, data: bytes) -> None:
    from . import batch_format

    back = path.read_bytes()
    problem = None
    if back != data:
        problem = f"读回 {len(back)} 字节，与应写入的 {len(data)} 字节不一致"
    else:
        try:
            batch_format.read_header(back)
        except Exception as e:  # noqa: BLE001 — any failure to parse is a failed check
            problem = f"文件头无法解析（{e}）"
        else:
            if batch_format.batch_hash(back) != batch.hash:
                problem = "校验值不一致"
    if problem:
        raise StickError(f"写入后校验失败：{problem}。U 盘可能已损坏，请换一个 U 盘后重试；"
                         f"本批次仍保存在本机，不会丢失。", "verify")


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
