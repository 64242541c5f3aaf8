"""Running a domain call from the window (Anki's CollectionOp, kept small).

    from xueji_desktop.gui.operations import run_op
    student = run_op(self, lambda: enrolment.enrol(ws, draft), success=on_done, initiator=self)

`run_op` calls `call()` on the GUI thread (every service is one short SQLite transaction):

* the call returns `(result, Changes)` or a bare `Changes`: the changes are announced on the hub
  (`gui.hub.hub().changed`, reached from anywhere through `hub()`, re-exported here), then
  `success(result)` runs and `result` is returned (for a bare `Changes`, the changes are the result);
* the call returns anything else (e.g. the path of a printed PDF): nothing is announced, and
  `success(value)` runs with it;
* the call raises `RuleViolation`: a Chinese message box lists every finding's text, nothing was
  written, and `None` is returned; `PermissionDenied` likewise says which role the account lacks;
* the call raises anything else: a Chinese error box shows the message, the traceback goes to the
  log, and `None` is returned.

Message boxes are shown through `show_message`, which tests replace to read what the user would see.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QGridLayout, QMenu, QMessageBox, QSizePolicy, QSpacerItem, QStatusBar, QWidget

from .. import crash_log
from ..core.accounts.roles import PermissionDenied
from ..core.rules.findings import Finding, RuleViolation
from ..core.school.events import Changes
from .hub import hub

__all__ = ["run_op", "hub", "show_message", "findings_text", "explain_action", "MenuTips"]

log = logging.getLogger(__name__)
MESSAGE_WIDTH = 520
_CJK = re.compile(r"[\u3400-\u9fff]")


def show_message(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
                 details: str = "") -> None:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setInformativeText(details)
    layout = box.layout()  # widen the box: each finding is a sentence, not a word per line
    if isinstance(layout, QGridLayout):
        layout.addItem(QSpacerItem(MESSAGE_WIDTH, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding),
                       layout.rowCount(), 0, 1, layout.columnCount())
    box.exec()


def explain_action(action: QAction, why: Finding | str | None, tip: str) -> None:
    """Enables the action, or disables it saying why (the domain's finding, with its article) in its
    tooltip and its status-bar tip; `tip` says what it does when enabled."""
    reason = why.text if isinstance(why, Finding) else why or ""
    action.setEnabled(not reason)
    action.setToolTip(reason or tip)
    action.setStatusTip(reason or tip)


class MenuTips(QObject):
    """Shows the tooltip of every menu entry, and the status-bar tip of the entry under the mouse even
    when it is disabled (Qt shows none for a disabled entry): a greyed entry always says why."""

    def __init__(self, status_bar: QStatusBar):
        super().__init__(status_bar)
        self.status_bar = status_bar
        self._shown = ""

    def watch(self, menu: QMenu) -> None:
        menu.setToolTipsVisible(True)
        menu.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if isinstance(obj, QMenu) and event.type() == QEvent.Type.MouseMove:
            action = obj.actionAt(event.position().toPoint())
            if action is not None and not action.isEnabled():
                tip = action.statusTip() or action.toolTip()
                if tip and self.status_bar.currentMessage() != tip:
                    self.status_bar.showMessage(tip)
                    self._shown = tip
        elif isinstance(obj, QMenu) and event.type() == QEvent.Type.Hide:
            if self._shown and self.status_bar.currentMessage() == self._shown:
                self.status_bar.clearMessage()
            self._shown = ""
        return False


def findings_text(findings) -> str:
    return "\n".join(f"• {f.text}" for f in findings)


def _split(out: Any) -> tuple[Any, Changes | None]:
    if isinstance(out, Changes):
        return out, out
    if isinstance(out, tuple) and len(out) == 2 and isinstance(out[1], Changes):
        return out[0], out[1]
    return out, None


def run_op(parent: QWidget | None, call: Callable[[], Any], *, success: Callable[[Any], None] | None = None,
           initiator: object = None) -> Any:
    try:
        out = call()
    except RuleViolation as e:
        show_message(parent, QMessageBox.Icon.Warning, "未能完成",
                     "未写入任何内容，请先处理以下问题：", findings_text(e.findings))
        return None
    except PermissionDenied as e:
        show_message(parent, QMessageBox.Icon.Warning, "没有权限", "未写入任何内容。", e.message)
        return None
    except Exception as e:  # noqa: BLE001 — the registrar sees the message, the log keeps the rest
        if _CJK.search(str(e)):  # one of ours, already in words for the registrar
            log.exception("operation refused")
            show_message(parent, QMessageBox.Icon.Critical, "出错了", "操作未能完成。", str(e))
        else:  # a fault of the program: what failed, nothing half-written, where the log is
            show_message(parent, QMessageBox.Icon.Critical, "出错了", crash_log.report("这项操作", e))
        return None
    result, changes = _split(out)
    if changes is not None:
        hub().announce(changes, initiator)
    if success is not None:
        success(result)
    return result
