"""文件 → 从全国学籍系统导入: the dry run's problems, the rejects workbook, then the import with progress."""

from __future__ import annotations

from PySide6.QtGui import QAction


def install(window, file_menu) -> None:
    """Adds 从全国学籍系统导入… to the 文件 menu (before 刷新)."""
    window.national_import_action = QAction("从全国学籍系统导入…", window)
    window.national_import_action.setToolTip("把全国学籍系统导出的 Excel 中的学生导入本校")
    file_menu.insertAction(file_menu.actions()[0] if file_menu.actions() else None, window.national_import_action)
