"""The bureau's window (教育局端) for a 1366×768 screen: tabs 全县概况, 待审批, 回执, 学校; menu and
toolbar 导入学校批次…, 导出全国学籍系统…, 刷新.

The window opens after a bureau account signs in (sign_in.SignInDialog) and shows what its roles allow
(an account without 查询 rights sees no county data); the account's password unlocks the bureau's key
through its own wrap, kept for the window's life. After `accounts.idle_lock_minutes()` without a key
press or a click the window locks: the same account's password again, or another account, which starts
the window afresh. 账号 → 用户… is the administrator's. Questions go through `ask_password` and
`choose_save_path`, which tests replace.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
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
from ...bureau import access_log, accounts, county, importer, review
from ...bureau.accounts import BureauPermission
from ...core.accounts.access_log import PurposeCancelled, PurposeRequired
from ...core.exchange import keys
from .. import purpose_dialog
from ..keyboard import add_mnemonics
from . import access_register
from .common import REFUSALS, inform, warn, wrapping
from .conflicts_tab import ConflictsTab
from .county_tab import CountyTab
from .duplicates_tab import DuplicatesTab
from .graduates_tab import GraduatesTab
from .import_dialog import ImportDialog
from .pupils_tab import PupilsTab
from .replies_tab import RepliesTab
from .review_tab import ReviewTab
from .schools_tab import SchoolsTab
from .sign_in import ChangePasswordDialog, SignInDialog
from .users_dialog import UsersDialog

log = logging.getLogger(__name__)

PASSWORD_ENV = "XUEJI_BUREAU_PASSWORD"
TAB_COUNTY, TAB_REVIEW, TAB_REPLIES, TAB_SCHOOLS, TAB_CONFLICTS = range(5)
TAB_DUPLICATES = 7


def window_title(store) -> str:
    me = store.identity()
    return f"学籍桌面 · 教育局端 — {me.name}" if me is not None else "学籍桌面 · 教育局端"


class _Activity(QObject):
    """Notes the moment of every key press and click anywhere in the application (the idle lock)."""

    KINDS = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel)

    def __init__(self, window: BureauWindow):
        super().__init__(window)
        self.window = window

    def eventFilter(self, obj, event) -> bool:
        if event.type() in self.KINDS and self.window.lock_dialog is None:
            self.window.last_activity = clock.now()
        return False


class BureauWindow(QMainWindow):
    IDLE_CHECK_MS = 20_000

    def __init__(self, store, parent: QWidget | None = None, *, keys_: keys.BureauKeys | None = None,
                 password: str = ""):
        super().__init__(parent)
        self.store = store
        self._keys: keys.BureauKeys | None = keys_
        self._password = password  # the signed-in account's: it unwraps the key, and wraps it for others
        self.import_dialog: ImportDialog | None = None
        self.users_dialog: UsersDialog | None = None
        self.lock_dialog: SignInDialog | None = None
        self.setWindowTitle(window_title(store))
        self.status_label = QLabel(self)
        self.statusBar().addWidget(self.status_label, 1)
        self._build_actions()
        add_mnemonics(self)  # Alt+letter on every menu entry
        self._build_tabs()
        self.resize(1366, 728)
        self.setMinimumSize(860, 440)  # fits 911×512, a 1366×768 screen at 150 % Windows scaling
        self.last_activity = clock.now()
        self._activity = _Activity(self)
        QApplication.instance().installEventFilter(self._activity)
        self.idle_timer = QTimer(self)
        self.idle_timer.timeout.connect(self.check_idle)
        self.idle_timer.start(self.IDLE_CHECK_MS)

    @property
    def reads(self) -> bool:
        return accounts.can(self.store, BureauPermission.READ)

    def _build_tabs(self) -> None:
        """The tabs for the signed-in account (again after another account signs in at the lock)."""
        self.tabs = QTabWidget(self)
        self.setCentralWidget(self.tabs)
        for name in ("county_tab", "review_tab", "replies_tab", "schools_tab", "conflicts_tab", "pupils_tab",
                     "duplicates_tab"):
            setattr(self, name, None)
        self._enable_actions()
        if not self.reads:  # where the window's reads start: no tab, so no read helper runs for this account
            refused = accounts.refusal(accounts.roles_of(self.store), accounts.READ_ACTION, BureauPermission.READ)
            note = wrapping(f"{refused}\n\n可在 账号 → 用户… 中管理教育局端的账号。", self)
            self.tabs.addTab(note, "账号")
            self.refresh()
            return
        self.county_tab = CountyTab(self.store)
        self.review_tab = ReviewTab(self.store)
        self.replies_tab = RepliesTab(self.store, self.bureau_keys)
        self.schools_tab = SchoolsTab(self.store)
        self.conflicts_tab = ConflictsTab(self.store)
        self.tabs.addTab(self.county_tab, "全县概况")
        self.tabs.addTab(self.review_tab, "待审批")
        self.tabs.addTab(self.replies_tab, "回执")
        self.tabs.addTab(self.schools_tab, "学校")
        self.tabs.addTab(self.conflicts_tab, "冲突")
        self.graduates_tab = GraduatesTab(self.store)  # 升学: graduates, their middle schools, admissions
        self.tabs.addTab(self.graduates_tab, "升学")
        self.graduates_tab.admitted.connect(self.refresh)
        self.pupils_tab = PupilsTab(self.store)  # 查找学生: reads nothing until something is typed
        self.tabs.addTab(self.pupils_tab, "查找学生")
        self.duplicates_tab = DuplicatesTab(self.store)  # 重复学籍: caught at import, settled through the replies
        self.tabs.addTab(self.duplicates_tab, "重复学籍")
        self.duplicates_tab.changed.connect(self.refresh)
        self.review_tab.decided.connect(self.refresh)
        self.replies_tab.written.connect(self.refresh)
        self.schools_tab.changed.connect(self.refresh)
        self.conflicts_tab.changed.connect(self.refresh)
        self.show_counts()  # each tab filled itself as it was made: not read a second time

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
        self.users_action = self._action("用户…", self.open_users,
                                         tip="添加账号、修改角色、停用或启用，重置密码，空闲锁定（管理员）")
        self.password_action = self._action("修改密码…", self.change_password)
        self.lock_action = self._action("锁定", self.lock, "Ctrl+L", "锁定窗口：输入密码继续，或换一个账号登录")
        self.find_action = self._action("查找学生…", self.find_pupil, "Ctrl+F",
                                        "在全县学生中按姓名、拼音、身份证件号或学籍号查找")
        menu = self.menuBar()
        file_menu = menu.addMenu("文件(&F)")
        file_menu.addAction(self.refresh_action)
        file_menu.addAction(self.find_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        batches = menu.addMenu("批次(&B)")
        batches.addAction(self.import_action)
        batches.addAction(self.export_action)
        account_menu = menu.addMenu("账号(&A)")
        account_menu.addAction(self.users_action)
        account_menu.addAction(self.password_action)
        account_menu.addAction(self.lock_action)
        access_register.install(self, account_menu)  # 科长: the 查阅登记簿 printed or saved
        bar = QToolBar("工具栏", self)
        bar.setMovable(False)
        bar.addAction(self.import_action)
        bar.addAction(self.export_action)
        bar.addSeparator()
        bar.addAction(self.refresh_action)
        self.addToolBar(bar)

    def _enable_actions(self) -> None:
        can = lambda p: accounts.can(self.store, p)
        self.import_action.setEnabled(can(BureauPermission.IMPORT))
        self.export_action.setEnabled(can(BureauPermission.EXPORT))
        self.refresh_action.setEnabled(can(BureauPermission.READ))
        self.find_action.setEnabled(can(BureauPermission.READ))
        self.users_action.setEnabled(can(BureauPermission.MANAGE_USERS))
        access_register.update(self)

    # what is shown ------------------------------------------------------------------------------
    def account_text(self) -> str:
        a = self.store.account
        return f"{a.display_name}（{a.username}，{accounts.roles_text(accounts.roles_of(self.store))}）" if a else ""

    def refresh(self) -> None:
        if not self.reads:
            self.status_label.setText(f"登录：{self.account_text()}")
            return
        self.county_tab.reload()
        self.review_tab.reload()
        self.replies_tab.reload()
        self.schools_tab.reload()
        self.conflicts_tab.reload()
        self.graduates_tab.reload()
        self.pupils_tab.reload()
        self.duplicates_tab.reload()
        self.show_counts()

    def show_counts(self) -> None:
        """The tabs' counts and the status line, from what the tabs hold."""
        conflicts_open = self.conflicts_tab.open_count
        self.tabs.setTabText(TAB_CONFLICTS, f"冲突（{conflicts_open}）" if conflicts_open else "冲突")
        waiting = len(self.review_tab.items)
        self.tabs.setTabText(TAB_REVIEW, f"待审批（{waiting}）" if waiting else "待审批")
        owed = len(self.replies_tab.lines)
        self.tabs.setTabText(TAB_REPLIES, f"回执（{owed}）" if owed else "回执")
        twice = self.duplicates_tab.open_count
        self.tabs.setTabText(TAB_DUPLICATES, f"重复学籍（{twice}）" if twice else "重复学籍")
        me = self.store.identity()
        where = "PostgreSQL 数据库" if "postgres" in type(self.store.db).__name__.lower() else self.store.db.database
        self.status_label.setText(f"{me.name}（县代码 {me.county_code}），数据库：{where}；登录：{self.account_text()}"
                                  if me else "")

    # the password, once per window --------------------------------------------------------------
    def ask_password(self, prompt: str) -> str | None:  # tests replace this
        text, ok = QInputDialog.getText(self, "教育局私钥密码", prompt, QLineEdit.EchoMode.Password)
        return text if ok else None

    def bureau_keys(self) -> keys.BureauKeys | None:
        """The unlocked keys; asks the password the first time (again after a wrong one); None if cancelled."""
        if self._keys is not None:
            return self._keys
        try:
            accounts.key_blob(self.store)  # an account without the key is told which role it needs
        except accounts.BureauPermissionDenied as e:
            warn(self, e.message)
            return None
        for given in (self._password, os.environ.get(PASSWORD_ENV)):
            if given:
                try:
                    self._keys = importer.unlock(self.store, given)
                    return self._keys
                except REFUSALS:
                    log.warning("the stored password does not unlock the key")
        prompt = "请输入您的登录密码以使用教育局私钥（本窗口只问一次）："
        while True:
            password = self.ask_password(prompt)
            if password is None:
                return None
            try:
                self._keys = importer.unlock(self.store, password)
                return self._keys
            except REFUSALS as e:
                prompt = f"{e.message}。请重新输入您的登录密码："

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
            count = county.export_national(self.store, path,
                                           purpose=purpose_dialog.purpose_question(self, access_log.scope()))
        except PurposeCancelled:
            return None  # nothing written, nothing more to say
        except (*REFUSALS, PurposeRequired) as e:
            warn(self, e.message)
            return None
        except OSError as e:
            warn(self, f"无法写入 {path}：{e.strerror or e}")
            return None
        inform(self, f"已导出 {count} 名在籍学生到\n{path}\n（全国学籍系统导入模板的列顺序，证件号、电话为文本）",
               "已导出")
        return count

    def find_pupil(self) -> None:
        if self.pupils_tab is not None:
            self.tabs.setCurrentWidget(self.pupils_tab)
            self.pupils_tab.focus_box()

    def pending_count(self) -> int:
        return len(review.pending(self.store))

    # accounts and the idle lock -------------------------------------------------------------------
    def open_users(self) -> UsersDialog | None:
        if not accounts.can(self.store, BureauPermission.MANAGE_USERS):
            warn(self, accounts.refusal(accounts.roles_of(self.store), "管理账号", BureauPermission.MANAGE_USERS))
            return None
        self.users_dialog = UsersDialog(self.store, self._password, self)
        self.users_dialog.finished.connect(lambda _result: self._enable_actions())  # one's own roles may change
        self.users_dialog.open()
        return self.users_dialog

    def change_password(self) -> ChangePasswordDialog:
        dialog = ChangePasswordDialog(self.store, parent=self)
        dialog.accepted.connect(lambda: self._password_changed(dialog.chosen_password))
        dialog.open()
        return dialog

    def _password_changed(self, password: str) -> None:
        self._password = password

    def check_idle(self, now=None) -> bool:
        """Locks the window after the bureau's idle minutes without a key press or a click; True if locked."""
        minutes = accounts.idle_lock_minutes()
        if self.lock_dialog is not None or not minutes:
            return False
        now = now or clock.now()
        if (now - self.last_activity).total_seconds() < minutes * 60:
            return False
        self.lock()
        return True

    def lock(self) -> SignInDialog:
        """Hides everything and asks: the same account's password, or another account (the window starts
        afresh for it); 退出 closes the window."""
        if self.lock_dialog is not None:
            return self.lock_dialog
        for dialog in (self.import_dialog, self.users_dialog):
            if dialog is not None:
                dialog.close()
        self.centralWidget().hide()
        self.menuBar().setEnabled(False)
        for bar in self.findChildren(QToolBar):
            bar.setEnabled(False)
        who = self.store.account.username if self.store.account else ""
        previous = self.store.account.id if self.store.account else None
        accounts.sign_out(self.store)
        self.lock_dialog = SignInDialog(self.store, self, locked_by=who)
        self.lock_dialog.accepted.connect(lambda: self._unlocked(previous))
        self.lock_dialog.rejected.connect(self.close)
        self.lock_dialog.open()
        return self.lock_dialog

    def _unlocked(self, previous: int | None) -> None:
        dialog, self.lock_dialog = self.lock_dialog, None
        self.last_activity = clock.now()
        self.menuBar().setEnabled(True)
        for bar in self.findChildren(QToolBar):
            bar.setEnabled(True)
        if self.store.account.id == previous:
            self._password = dialog.password_used
            self.centralWidget().show()
            return
        self._keys, self._password = dialog.keys, dialog.password_used  # another person: the window afresh
        self.import_dialog = self.users_dialog = None
        self._build_tabs()
        self.refresh()

    def closeEvent(self, event) -> None:
        QApplication.instance().removeEventFilter(self._activity)
        self.idle_timer.stop()
        super().closeEvent(event)


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
        if not accounts.has_accounts():
            QMessageBox.warning(None, "还没有账号", "这个教育局数据库还没有账号：请知道教育局私钥密码的人先运行\n"
                                "xueji bureau users add --first --login 登录名 --name 姓名")
            return 1
        sign_in = SignInDialog(store)
        if sign_in.exec() != SignInDialog.DialogCode.Accepted:
            return 0
        window = BureauWindow(store, keys_=sign_in.keys, password=sign_in.password_used)
        window.show()
        return app.exec()
    except Exception as e:  # noqa: BLE001 — before the event loop: the same box, then stop
        error_hook.show_error(e, "打开教育局端窗口")
        return 1
    finally:
        store.close()
