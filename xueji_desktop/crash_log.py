"""Unexpected errors: the traceback goes to a log file, the user reads a Chinese message.

No Qt here, so the command line uses it too; `gui/error_hook.py` shows the same message in a box.

* `install()` attaches a daily-rotating log file (kept `KEEP_DAYS` days) to the package's logger,
  so every `log.exception(...)` of the program lands there too. The file is created on the first
  record only; a run without trouble writes nothing.
* `report(what, exc)` writes `exc`'s traceback with `what` failed (a command, a window's action) and
  returns the message for the user: what failed, that nothing was left half-written (every write of
  this program is one transaction, undone whole when it fails), and where the log file is, for the
  county's IT helper.

The folder is the user's log folder (platformdirs: `~/.local/state/xueji-desktop/log`,
`%LOCALAPPDATA%\\xueji-desktop\\Logs`), or `XUEJI_LOG_DIR` when set (tests, a portable install).
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import platform
import sys
import threading
from pathlib import Path

import platformdirs

from .paths import APP_NAME

LOG_DIR_ENV = "XUEJI_LOG_DIR"
LOG_NAME = "xueji.log"
KEEP_DAYS = 30
PACKAGE_LOGGER = "xueji_desktop"

log = logging.getLogger(__name__)


def log_dir() -> Path:
    override = os.environ.get(LOG_DIR_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def log_path() -> Path:
    return log_dir() / LOG_NAME


class _DailyFile(logging.handlers.TimedRotatingFileHandler):
    """A new file each day (the old ones renamed xueji.log.YYYY-MM-DD), the folder made on first use."""

    failed = False

    def _open(self):
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()

    def handleError(self, record) -> None:  # a log that cannot be written prints no traceback
        self.failed = True


_lock = threading.Lock()
_handler: _DailyFile | None = None


def install(directory: str | Path | None = None) -> Path:
    """Attaches the log file (in `directory`, else `log_dir()`) to the package's logger; returns its
    path. Calling it again with another folder moves the log there."""
    global _handler
    path = (Path(directory) if directory is not None else log_dir()) / LOG_NAME
    with _lock:
        logger = logging.getLogger(PACKAGE_LOGGER)
        if _handler is not None and Path(_handler.baseFilename) == path.absolute():
            return path
        if _handler is not None:
            logger.removeHandler(_handler)
            _handler.close()
        handler = _DailyFile(path, when="midnight", backupCount=KEEP_DAYS, encoding="utf-8", delay=True)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handler.setLevel(logging.WARNING)
        logger.addHandler(handler)
        _handler = handler
    return path


def _summary(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def record(what: str, exc: BaseException) -> Path | None:
    """Writes `exc` with its traceback to the log file; the file's path, or None when it could not
    be written (a full disk, a read-only folder)."""
    from . import __version__

    path = install() if _handler is None else Path(_handler.baseFilename)
    if _handler is not None:
        _handler.failed = False
    context = f"{what} failed (xueji-desktop {__version__}, Python {platform.python_version()}, " \
              f"{platform.platform()}; argv {sys.argv!r})"
    logging.getLogger(PACKAGE_LOGGER).error(context, exc_info=(type(exc), exc, exc.__traceback__))
    handler = _handler
    if handler is None or handler.failed or handler.stream is None:
        return None
    return path


def uninstall() -> None:
    """Detaches and closes the log file (tests)."""
    global _handler
    with _lock:
        if _handler is not None:
            logging.getLogger(PACKAGE_LOGGER).removeHandler(_handler)
            _handler.close()
            _handler = None


def message(what: str, exc: BaseException, path: Path | None) -> str:
    """The Chinese message for the user: what failed, why in one line, nothing half-written, the log."""
    lines = [f"{what}未能完成：程序遇到了意外的错误（{_summary(exc)}）。",
             "没有留下写了一半的数据：每次写入都是一个完整的事务，出错的那一步已整笔撤销。"]
    if path is not None:
        lines.append(f"详细情况已记入日志文件：{path}")
        lines.append("请把这个文件交给县教育局的信息技术人员。")
    else:
        lines.append(f"详细情况未能写入日志文件（{log_path()}），请把这段文字截图交给县教育局的信息技术人员。")
    return "\n".join(lines)


def report(what: str, exc: BaseException) -> str:
    """Logs `exc` and returns the message to show; never raises."""
    try:
        path = record(what, exc)
    except Exception:  # noqa: BLE001 — the message matters more than the log
        path = None
    return message(what, exc, path)


def install_thread_hook() -> None:
    """An error in a background thread goes to the log (a thread cannot show a window)."""

    def hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "?"
        try:
            record(f"background thread {name}", args.exc_value)
        except Exception:  # noqa: BLE001, S110 — nowhere left to tell
            pass

    threading.excepthook = hook
