"""The bureau's window (教育局端) for a 1366×768 screen: tabs 全县概况, 待审批, 回执, 学校; menu and
toolbar 导入学校批次…, 导出全国学籍系统…, 刷新.

The bureau's password is asked once per window, when first needed (`bureau_keys`), and the unlocked
keys are kept for the window's life. `XUEJI_BUREAU_PASSWORD` in the environment answers the question
(screenshots only). Questions go through `ask_password` and `choose_save_path`, which tests replace.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QToolBar,
    QWidget,
)

from ... import clock
from ...bureau import county, importer, review
from ...bureau.importer import BureauError
from ...core.exchange import keys
from .common import inform, warn
from .conflicts_tab import ConflictsTab
from .county_tab import CountyTab
from .import_dialog import ImportDialog
from .replies_tab import RepliesTab
from .review_tab import ReviewTab
from .schools_tab import SchoolsTab

log = logging.getLogger(__name__)

PASSWORD_ENV = "XUEJI_BUREAU_PASSWORD"
TAB_COUNTY, TAB_REVIEW, TAB_REPLIES, TAB_SCHOOLS, TAB_CONFLICTS = range(5)


def window_title(store) -> str:
    me = store.identity()
    return f"学籍桌面 · 教育局端 — {me.name}" if me is not None else "学籍桌面 · 教育局端"


class BureauWindow(QMainWindow):
    def __init__(self, store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self._keys: keys.BureauKeys | None = None
        self.import_dialog: ImportDialog | None = None
        self.setWindowTitle(window_title(store))

        self.county_tab = CountyTab(store)
        self.review_tab = ReviewTab(store)
        self.replies_tab = RepliesTab(store, self.bureau_keys)
        self.schools_tab = SchoolsTab(store)
        self.conflicts_tab = ConflictsTab(store)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.county_tab, "全县概况")
        self.tabs.addTab(self.review_tab, "待审批")
        self.tabs.addTab(self.replies_tab, "回执")
        self.tabs.addTab(self.schools_tab, "学校")
        self.tabs.addTab(self.conflicts_tab, "冲突")
        self.setCentralWidget(self.tabs)
        self._build_actions()
        self.status_label = QLabel(self)
        self.statusBar().addWidget(self.status_label, 1)

        self.review_tab.decided.connect(self.refresh)
        self.replies_tab.written.connect(self.refresh)
        self.schools_tab.changed.connect(self.refresh)
        self.conflicts_tab.changed.connect(self.refresh)
        self.refresh()
        self.resize(1366, 728)
        self.setMinimumSize(1000, 600)

    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(tip or text)
        action.setStatusTip(tip or text)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        self.import_action = self._action("导入学校批次…", self.open_import, "Ctrl+I",
                                          "从 U 盘、文件夹或文件导入各校的变更批次（先预演，确认后导入）")
        self.export_action = self._action("导出全国学籍系统…", self.export_national, "Ctrl+E",
                                          "导出全县在籍学生为全国学籍系统导入模板（Excel）")
        self.refresh_action = self._action("刷新", self.refresh, "F5", "重新读取全县数据")
        self.quit_action = self._action("退出", self.close, "Ctrl+Q")
        menu = self.menuBar()
        file_menu = menu.addMenu("文件(&F)")
        file_menu.addAction(self.refresh_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        batches = menu.addMenu("批次(&B)")
        batches.addAction(self.import_action)
        batches.addAction(self.export_action)
        bar = QToolBar("工具栏", self)
        bar.setMovable(False)
        bar.addAction(self.import_action)
        bar.addAction(self.export_action)
        bar.addSeparator()
        bar.addAction(self.refresh_action)
        self.addToolBar(bar)

    # what is shown ------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.county_tab.reload()
        self.review_tab.reload()
        self.replies_tab.reload()
        self.schools_tab.reload()
        self.conflicts_tab.reload()
        conflicts_open = self.conflicts_tab.open_count
        self.tabs.setTabText(TAB_CONFLICTS, f"冲突（{conflicts_open}）" if conflicts_open else "冲突")
        waiting = len(self.review_tab.items)
        self.tabs.setTabText(TAB_REVIEW, f"待审批（{waiting}）" if waiting else "待审批")
        owed = len(self.replies_tab.lines)
        self.tabs.setTabText(TAB_REPLIES, f"回执（{owed}）" if owed else "回执")
        me = self.store.identity()
        where = "PostgreSQL 数据库" if "postgres" in type(self.store.db).__name__.lower() else self.store.db.database
        self.status_label.setText(f"{me.name}（县代码 {me.county_code}），数据库：{where}" if me else "")

    # the password, once per window --------------------------------------------------------------
    def ask_password(self, prompt: str) -> str | None:  # tests replace this
        text, ok = QInputDialog.getText(self, "教育局私钥密码", prompt, QLineEdit.EchoMode.Password)
        return text if ok else None

    def bureau_keys(self) -> keys.BureauKeys | None:
        """The unlocked keys; asks the password the first time (again after a wrong one); None if cancelled."""
        if self._keys is not None:
            return self._keys
        given = os.environ.get(PASSWORD_ENV)
        if given:
            try:
                self._keys = importer.unlock(self.store, given)
                return self._keys
            except BureauError:
                log.warning("%s: wrong password", PASSWORD_ENV)
        prompt = "请输入教育局私钥密码（本窗口只问一次）："
        while True:
            password = self.ask_password(prompt)
            if password is None:
                return None
            try:
                self._keys = importer.unlock(self.store, password)
                return self._keys
            except BureauError as e:
                prompt = f"{e.message}。请重新输入教育局私钥密码："

    # actions ------------------------------------------------------------------------------------
    def make_import_dialog(self) -> ImportDialog:
        if self.import_dialog is not None:
            self.import_dialog.close()
            self.import_dialog.deleteLater()
        self.import_dialog = ImportDialog(self.store, self.bureau_keys, self)
        self.import_dialog.finished.connect(lambda _result: self.refresh())
        return self.import_dialog

    def open_import(self) -> ImportDialog:
        dialog = self.make_import_dialog()
        dialog.open()
        return dialog

    def choose_save_path(self, title: str, suggested: Path, file_filter: str) -> str | None:  # tests replace
        path, _ = QFileDialog.getSaveFileName(self, title, str(suggested), file_filter)
        return path or None

    def export_national(self) -> int | None:
        me = self.store.identity()
        name = f"全国学籍系统导入-{me.county_code if me else ''}-{self.store.now():%Y%m%d}.xlsx"
        path = self.choose_save_path("导出全国学籍系统", Path.home() / name, "Excel 文件 (*.xlsx)")
        if not path:
            return None
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        try:
            count = county.export_national(self.store, path)
        except OSError as e:
            warn(self, f"无法写入 {path}：{e.strerror or e}")
            return None
        inform(self, f"已导出 {count} 名在籍学生到\n{path}\n（全国学籍系统导入模板的列顺序，证件号、电话为文本）",
               "已导出")
        return count

    def pending_count(self) -> int:
        return len(review.pending(self.store))


def run_bureau_window(target: str | Path, now=clock.now) -> int:
    """`xueji bureau window`: opens the bureau store and its window; returns the exit code."""
    from ...bureau.views import open_bureau_store
    from .. import error_hook
    from ..qt_setup import make_app

    app = make_app(sys.argv)
    error_hook.install()  # an error no one caught: logged, shown in a box, the window keeps running
    try:
        store = open_bureau_store(target, now)
    except Exception as e:
        log.exception("cannot open %s", target)
        QMessageBox.critical(None, "无法打开数据库", f"无法打开教育局数据库：\n{target}\n\n{e}")
        return 1
    try:
        if store.identity() is None:
            QMessageBox.warning(None, "尚未初始化", "这个数据库还没有教育局密钥：请先运行 xueji bureau init。")
            return 1
        window = BureauWindow(store)
        window.show()
        return app.exec()
    except Exception as e:  # noqa: BLE001 — before the event loop: the same box, then stop
        error_hook.show_error(e, "打开教育局端窗口")
        return 1
    finally:
        store.close()
