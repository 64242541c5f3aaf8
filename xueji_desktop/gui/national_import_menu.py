"""文件 → 从全国学籍系统导入…: the menu entry, which loads the dialog (and openpyxl under it) when first used,
not while the window starts."""

from __future__ import annotations

from PySide6.QtGui import QAction


def open_dialog(window, modal: bool = True):
    from .national_import_dialog import open_dialog as open_it

    return open_it(window, modal)


def install(window, file_menu) -> None:
    """Adds 从全国学籍系统导入… to the 文件 menu (before 刷新)."""
    window.national_import_action = QAction("从全国学籍系统导入…", window)
    tip = "把全国学籍系统导出的 Excel 中的学生导入本校：先逐行检查，再导入"
    window.national_import_action.setToolTip(tip)
    window.national_import_action.setStatusTip(tip)
    window.national_import_action.triggered.connect(lambda: open_dialog(window))
    first = file_menu.actions()[0] if file_menu.actions() else None
    file_menu.insertAction(first, window.national_import_action)
    if first is not None:
        file_menu.insertSeparator(first)
