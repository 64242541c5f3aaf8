"""The window's last line of defence: an error nothing else caught (in a slot, a timer, a dialog) is
written to the log file and shown in a Chinese message box; the window keeps running.

    error_hook.install()            # once, after the QApplication exists (school and bureau windows)
    error_hook.show_error(exc, "打开主窗口")   # for an error caught before the event loop runs

The message is `crash_log.message`: what failed (the active window's title), that nothing was left
half-written, where the log file is. A `RuleViolation` that escaped its operation is shown with its
findings as a warning, as `operations.run_op` shows it, and not logged.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from .. import crash_log

TITLE = "出错了"

_showing = False  # a second error while the box is open is logged, not stacked


def _action() -> str:
    """The action that failed, as the user knows it: the window it was started from."""
    widget = QApplication.activeModalWidget() or QApplication.activeWindow()
    title = widget.windowTitle().strip() if widget is not None else ""
    return f"“{title}”中的操作" if title else "窗口中的操作"


def show_error(exc: BaseException, what: str | None = None) -> str:
    """Logs `exc` and shows the message box; returns the message shown."""
    global _showing
    from ..core.rules.findings import RuleViolation

    parent = QApplication.activeModalWidget() or QApplication.activeWindow()
    if isinstance(exc, RuleViolation):
        text = "未写入任何内容，请先处理以下问题：\n" + "\n".join(f"• {f.text}" for f in exc.findings)
        icon_box = QMessageBox.warning
        title = "未能完成"
    else:
        text = crash_log.report(what or _action(), exc)
        icon_box = QMessageBox.critical
        title = TITLE
    if _showing:
        return text
    _showing = True
    try:
        icon_box(parent, title, text)
    finally:
        _showing = False
    return text


def _hook(exc_type, exc, tb) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        QApplication.quit()
        return
    if exc is None:
        exc = exc_type()
    if exc.__traceback__ is None:
        exc = exc.with_traceback(tb)
    try:
        show_error(exc)
    except Exception as failure:  # noqa: BLE001 — never a traceback on the user's screen
        try:
            crash_log.record("showing an error", failure)
        except Exception:  # noqa: BLE001, S110 — nowhere left to tell
            pass


def install() -> None:
    """Unhandled errors of this process: logged and shown in a box, the window keeps running."""
    crash_log.install()
    crash_log.install_thread_hook()
    sys.excepthook = _hook
