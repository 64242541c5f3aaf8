"""文件 → 备份与恢复…: the menu entry, which loads the dialog when first used. Shown to an account that may back
up or restore; the dialog itself offers only what the account may do."""

from __future__ import annotations

from PySide6.QtGui import QAction

from ..core.accounts.roles import Permission


def open_dialog(window):
    from .backup_dialog import open_dialog as open_it

    return open_it(window)


def install(window, file_menu) -> None:
    """Adds 备份与恢复… to the 文件 menu, before 退出."""
    window.backup_action = QAction("备份与恢复…", window)
    tip = "立即备份、加密备份到 U 盘、更改备份文件夹、恢复备份"
    window.backup_action.setToolTip(tip)
    window.backup_action.setStatusTip(tip)
    window.backup_action.triggered.connect(lambda: open_dialog(window))
    ws = window.ws
    window.backup_action.setVisible(ws.can(Permission.BACKUP) or ws.can(Permission.RESTORE))
    last = file_menu.actions()[-1] if file_menu.actions() else None
    file_menu.insertAction(last, window.backup_action)
    if last is not None:
        file_menu.insertSeparator(last)
