"""The restore wizard: 选择备份 (a backup of the folder, or a sealed `.xjenc` from a stick with its passphrase)
→ 核对备份 (date, school, pupils on roll, last change; the changes a restore would drop) → 管理员确认并恢复
(an administrator's username and password, then `service.restore` in a thread with a progress bar).

Two ways in:
- from the main window (`open_from_window`, 管理员 only): the workspace is closed just before the restore;
  whatever happens then, the window's event loop ends with `REOPEN` and `gui.app.run_app` opens the
  database again and asks the user to sign in;
- at start, when the database failed its check (`offer_restore`): the newest good backup of the folder
  and what would be lost are offered first, then the wizard runs with no workspace open.

Questions go through `choose_file` and `ask_restore` so tests answer them without a modal box.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QWidget,
    QWizard,
    QWizardPage,
)

from .. import clock
from ..core.accounts.roles import Permission, PermissionDenied
from ..core.backups import files, sealed, service
from ..core.backups.files import BackupError, BackupFile
from ..core.backups.service import Lost, Summary
from ..core.exchange import stick
from ..core.exchange.stick import human_size
from . import operations
from .background import Job, explain
from .forms.ui_restore_check import Ui_RestoreCheckPage
from .forms.ui_restore_run import Ui_RestoreRunPage
from .forms.ui_restore_source import Ui_RestoreSourcePage
from .wizard_buttons import name_buttons

__all__ = ["REOPEN", "RestoreWizard", "damage_offer", "offer_restore", "open_from_window"]

REOPEN = 75  # the window's event loop ends with this: open the database again and sign in
TITLE = "恢复备份"
RED = "#c0392b"
LOST_SHOWN = 8


@dataclass(frozen=True)
class Choice:
    source: Path  # what service.restore takes: a .xjbak, or the .xjenc itself
    passphrase: str | None
    summary: Summary


def _when(moment) -> str:
    return f"{moment:%Y-%m-%d %H:%M}" if moment else "时间不详"


# 选择备份 ----------------------------------------------------------------------------------------
class SourcePage(QWizardPage, Ui_RestoreSourcePage):
    def __init__(self, wizard: RestoreWizard):
        super().__init__()
        self.setupUi(self)
        self.wiz = wizard
        self.found: list[BackupFile] = []
        header = self.backups_table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.problem.setStyleSheet(f"color: {RED};")
        self.open_progress.hide()
        self.folder_note.setText(f"备份文件夹：{wizard.folder}")
        self.from_folder.toggled.connect(self._mode_changed)
        self.backups_table.itemSelectionChanged.connect(self.completeChanged.emit)
        self.sealed_choice.currentIndexChanged.connect(lambda _i: self.completeChanged.emit())
        self.passphrase.textChanged.connect(lambda _t: self.completeChanged.emit())
        self.rescan_button.clicked.connect(self.rescan)
        self.pick_file_button.clicked.connect(self.pick_file)
        self._fill_folder()
        self.rescan()
        if not self.found and self.sealed_choice.count():
            self.from_stick.setChecked(True)
        self._mode_changed()

    def choose_file(self) -> str | None:  # tests replace this
        path, _ = QFileDialog.getOpenFileName(self, "选择加密备份", str(Path.home()), "加密备份 (*.xjenc);;所有文件 (*)")
        return path or None

    def _fill_folder(self) -> None:
        self.found = list(reversed(files.listing(self.wiz.folder, self.wiz.school_code)))
        table = self.backups_table
        table.setRowCount(len(self.found))
        for row, b in enumerate(self.found):
            cells = (f"{b.taken_at:%Y-%m-%d %H:%M:%S}", service.reason_label(b.reason), b.school_code, human_size(b.size))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(str(b.path))
                table.setItem(row, column, item)
        if not self.found:
            self.folder_note.setText(f"备份文件夹 {self.wiz.folder} 中没有本校的备份。")
        preselect = self.wiz.preselect
        rows = [r for r, b in enumerate(self.found) if preselect is not None and b.path == preselect]
        if rows or self.found:
            table.selectRow(rows[0] if rows else 0)

    def rescan(self) -> None:
        """The sealed backups in the xueji folder of every stick present, and any file picked by hand."""
        current = self.sealed_choice.currentData()
        picked = [self.sealed_choice.itemData(i) for i in range(self.sealed_choice.count())
                  if self.sealed_choice.itemData(i) in self.wiz.picked]
        found = [str(p) for drive in stick.removable_drives() for p in service.sealed_files(drive.path)]
        self.sealed_choice.clear()
        for path in dict.fromkeys(found + picked + list(self.wiz.picked)):
            self.sealed_choice.addItem(path, path)
        index = self.sealed_choice.findData(current)
        if index >= 0:
            self.sealed_choice.setCurrentIndex(index)
        if not self.sealed_choice.count():
            self.sealed_choice.setPlaceholderText("未找到 U 盘上的加密备份：插入 U 盘后点“刷新”，或点“选择文件…”")

    def pick_file(self) -> None:
        path = self.choose_file()
        if path:
            self.use_sealed(path)

    def use_sealed(self, path: str | Path) -> None:
        self.wiz.picked.append(str(path))
        self.rescan()
        self.sealed_choice.setCurrentIndex(self.sealed_choice.findData(str(path)))
        self.from_stick.setChecked(True)

    def _mode_changed(self, *_args) -> None:
        stick_mode = self.from_stick.isChecked()
        self.backups_table.setEnabled(not stick_mode)
        for widget in (self.sealed_choice, self.rescan_button, self.pick_file_button, self.passphrase,
                       self.passphrase_label):
            widget.setEnabled(stick_mode)
        self.problem.clear()
        self.completeChanged.emit()

    def selected_backup(self) -> BackupFile | None:
        rows = self.backups_table.selectionModel().selectedRows()
        return self.found[rows[0].row()] if rows else None

    def isComplete(self) -> bool:
        if self.from_stick.isChecked():
            return bool(self.sealed_choice.currentData()) and bool(self.passphrase.text())
        return self.selected_backup() is not None

    def validatePage(self) -> bool:
        self.problem.clear()
        try:
            self.wiz.choice = self._sealed_choice() if self.from_stick.isChecked() else self._folder_choice()
        except (BackupError, sealed.SealError) as e:
            self.problem.setText(e.message)
            return False
        return True

    def _folder_choice(self) -> Choice:
        b = self.selected_backup()
        return Choice(b.path, None, service.summarize(b.path))

    def _sealed_choice(self) -> Choice:
        path = Path(self.sealed_choice.currentData())
        passphrase = self.passphrase.text()
        if not path.is_file():
            raise BackupError(f"找不到 {path}（U 盘是否已拔出？请插好后点“刷新”）")
        plain = Path(self.wiz.scratch()) / (path.name.removesuffix(sealed.SUFFIX) + files.SUFFIX)
        self.open_progress.setMaximum(1000)
        self.open_progress.setValue(0)
        self.open_progress.show()

        def progress(done: int, total: int) -> None:  # a few MB: decrypted here, the window repainted
            self.open_progress.setValue(1000 * done // total if total else 0)
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)

        QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
        try:
            service.open_sealed(path, passphrase, plain, progress)
        finally:
            QApplication.restoreOverrideCursor()
            self.open_progress.hide()
        named = files.parse_name(plain)
        summary = service.summarize(plain, named.taken_at if named else None)
        return Choice(path, passphrase, summary)


# 核对备份 ----------------------------------------------------------------------------------------
class CheckPage(QWizardPage, Ui_RestoreCheckPage):
    def __init__(self, wizard: RestoreWizard):
        super().__init__()
        self.setupUi(self)
        self.wiz = wizard
        self.lost: Lost | None = None
        self.mismatch.setStyleSheet(f"color: {RED};")
        self.understood.toggled.connect(lambda _on: self.completeChanged.emit())
        if wizard.start_mode:
            self.kept_note.setText("已损坏的当前数据库不会删除：它原样另存在数据库旁（文件名含 replaced），"
                                   "需要时可交技术人员尝试找回其中的记录。")

    def initializePage(self) -> None:
        choice = self.wiz.choice
        s = choice.summary
        self.summary_text.setText(f"{s.text}\n文件：{choice.source}")
        current = self.wiz.school_code
        wrong = bool(current) and current != s.school_code
        self.mismatch.setText(f"这份备份属于另一所学校（学校代码 {s.school_code}），当前数据库是 {current} 的，"
                              f"不能恢复到这里。请返回选择本校的备份。" if wrong else "")
        self.mismatch.setVisible(wrong)
        self.lost = service.lost_changes(self.wiz.db_path, s, LOST_SHOWN)
        self.lost_text.setText(f"<b>恢复后将丢失：</b>{self.lost.text}")
        self.lost_list.clear()
        for at, text in self.lost.recent:
            self.lost_list.addItem(f"{_when(at)}  {text}")
        if self.lost.count and self.lost.count > len(self.lost.recent):
            self.lost_list.addItem(f"……（另有 {self.lost.count - len(self.lost.recent)} 项更早的变动）")
        self.lost_list.setVisible(self.lost_list.count() > 0)
        self.understood.setChecked(False)
        self.understood.setEnabled(not wrong)

    def isComplete(self) -> bool:
        return self.understood.isChecked() and not self.mismatch.text()


# 管理员确认并恢复 --------------------------------------------------------------------------------
COPYING = "停止恢复：已复制的部分删除，数据库不变"
SWAPPING = "备份已复制并检查，正在替换数据库文件：此时不能取消（替换中途停止会损坏数据库）"


class RunPage(QWizardPage, Ui_RestoreRunPage):
    def __init__(self, wizard: RestoreWizard):
        super().__init__()
        self.setupUi(self)
        self.wiz = wizard
        self.job: Job | None = None
        self.run_progress.setMaximum(1000)
        self.run_progress.hide()
        ws = wizard.ws
        if ws is not None and ws.user is not None and ws.can(Permission.RESTORE):
            self.username.setText(ws.user.username)
        if wizard.start_mode:
            self.setSubTitle("当前数据库已损坏：请输入备份中管理员的用户名和登录密码。")
        self.username.textChanged.connect(lambda _t: self._update())
        self.password.textChanged.connect(lambda _t: self._update())
        self.restore_button.clicked.connect(self.run)
        self.cancel_button = QPushButton("取消", self)  # while the backup is copied; not once the swap begins
        self.cancel_button.setObjectName("cancel_button")
        self.cancel_button.setToolTip(COPYING)
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel)
        self.run_row.insertWidget(1, self.cancel_button)

    def initializePage(self) -> None:
        choice = self.wiz.choice
        self.choice_text.setText(f"将用 {_when(choice.summary.taken_at)} 的备份（{choice.source.name}）"
                                 f"替换数据库 {self.wiz.db_path}。")
        if self.username.text():
            self.password.setFocus()
        self._update()

    def _update(self) -> None:
        idle = self.job is None and self.wiz.result is None
        self.restore_button.setEnabled(idle and bool(self.username.text().strip()) and bool(self.password.text()))
        self.username.setEnabled(idle)
        self.password.setEnabled(idle)

    def isComplete(self) -> bool:
        return self.wiz.result is not None

    def run(self) -> None:
        wiz = self.wiz
        choice, username, password = wiz.choice, self.username.text().strip(), self.password.text()
        if self.job is not None or wiz.result is not None or choice is None:
            return
        self.outcome.setText("")
        if wiz.ws is not None and not wiz.workspace_closed:
            try:  # refused before anything is closed: the window goes on as it was
                service.check_restorer(wiz.db_path, username, password)
            except (PermissionDenied, BackupError) as e:
                self.outcome.setText(f"<span style='color:{RED}'>未恢复：{e.message}</span>")
                return
            wiz.close_workspace()
        db_path, folder, now = wiz.db_path, wiz.folder, clock.now()
        self.run_progress.setValue(0)
        self.run_progress.show()
        self.outcome.setText("正在恢复……")
        job = Job(lambda progress: service.restore(db_path, choice.source, username, password, now, folder,
                                                   choice.passphrase, progress), self)
        job.progressed.connect(self._progressed)
        job.succeeded.connect(self._done)
        job.failed.connect(self._failed)
        self.job = job
        wiz.set_busy(True)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setToolTip(COPYING)
        self.cancel_button.show()
        self._update()
        job.start()

    def _progressed(self, done: int, total: int) -> None:
        self.run_progress.setValue(1000 * done // total if total else 0)
        if self.job is not None and not self.job.cancelled:
            if done < total:
                self.outcome.setText(f"正在复制备份… {done // 1024:,}/{total // 1024:,} KB")
            else:  # copied and checked: what follows replaces the database file, which must not stop halfway
                self.outcome.setText("正在替换数据库…此时不能取消（替换中途停止会损坏数据库）。")
                self.cancel_button.setEnabled(False)
                self.cancel_button.setToolTip(SWAPPING)

    def cancel(self) -> None:
        if self.job is not None and self.cancel_button.isEnabled():
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.outcome.setText("正在取消…")

    def _done(self, result: service.RestoreResult) -> None:
        self.job = None
        self.cancel_button.hide()
        self.wiz.result = result
        self.run_progress.setValue(1000)
        self.password.clear()
        where = f"已先备份到 {result.before.path}，并" if result.before else ""
        again = "点“完成”后请重新登录。"
        self.outcome.setText(f"<b>已恢复。</b><br>{result.summary.text.replace(chr(10), '<br>')}<br><br>"
                             f"原数据库{where}原样保留为 {result.kept_aside}。<br><b>{again}</b>")
        self.wiz.set_busy(False)
        self.wiz.finished_restore()
        self._update()
        self.completeChanged.emit()

    def _failed(self, e: BaseException) -> None:
        self.job = None
        self.cancel_button.hide()
        self.run_progress.hide()
        text = explain(e, "恢复备份")
        after = "数据库未改动。关闭本向导后请重新登录。" if self.wiz.workspace_closed else ""
        self.outcome.setText(f"<span style='color:{RED}'>未恢复：{text}</span>{after}")
        self.wiz.set_busy(False)
        self._update()


# the wizard -------------------------------------------------------------------------------------
class RestoreWizard(QWizard):
    def __init__(self, db_path: str | Path, folder: str | Path, *, ws=None, preselect: Path | None = None,
                 parent: QWidget | None = None):
        """`ws`: the signed-in workspace (from the window), closed just before the restore; None at start
        (a damaged database, nothing open)."""
        super().__init__(parent)
        self.db_path, self.folder, self.ws = Path(db_path), Path(folder), ws
        self.start_mode = ws is None
        self.preselect = Path(preselect) if preselect else None
        self.school_code = ws.school.code if ws is not None and ws.school else service.damaged_school(self.db_path)
        self.choice: Choice | None = None
        self.result: service.RestoreResult | None = None
        self.workspace_closed = False
        self.busy = False
        self.picked: list[str] = []
        self._scratch: tempfile.TemporaryDirectory | None = None
        self.setWindowTitle(f"{TITLE} — 学籍桌面")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        name_buttons(self)
        self.source_page, self.check_page, self.run_page = SourcePage(self), CheckPage(self), RunPage(self)
        for page in (self.source_page, self.check_page, self.run_page):
            self.addPage(page)
        self.resize(820, 600)

    def scratch(self) -> str:
        """A private temporary folder for a decrypted copy, removed when the wizard closes."""
        if self._scratch is None:
            self._scratch = tempfile.TemporaryDirectory(prefix="xueji-restore-")
        return self._scratch.name

    def close_workspace(self) -> None:
        self.ws.close()
        self.workspace_closed = True

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        for which in (QWizard.WizardButton.BackButton, QWizard.WizardButton.CancelButton):
            self.button(which).setEnabled(not busy)
        self.button(QWizard.WizardButton.CancelButton).setToolTip(
            "正在恢复：复制备份时可点本页的“取消”；替换数据库时不能取消" if busy else "")

    def finished_restore(self) -> None:
        self.button(QWizard.WizardButton.BackButton).setEnabled(False)
        self.setOption(QWizard.WizardOption.NoCancelButton, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)

    def reject(self) -> None:
        if self.busy:
            return
        super().reject()

    def closeEvent(self, event) -> None:
        if self.busy:
            event.ignore()
            return
        super().closeEvent(event)

    def done(self, code: int) -> None:
        if self._scratch is not None:
            self._scratch.cleanup()
            self._scratch = None
        super().done(code)


# from the window --------------------------------------------------------------------------------
def request_reopen() -> None:
    """Ends the window's event loop so that run_app opens the database again (tests replace this)."""
    app = QApplication.instance()
    if app is not None:
        app.exit(REOPEN)


def open_from_window(window, preselect: Path | None = None) -> RestoreWizard | None:
    """`preselect`: the backup to offer first (the one the year end took)."""
    ws = window.ws
    if not ws.can(Permission.RESTORE):
        try:
            ws.require("恢复备份", Permission.RESTORE)
        except PermissionDenied as e:
            operations.show_message(window, QMessageBox.Icon.Warning, TITLE, "不能恢复备份。", e.message)
        return None
    wizard = RestoreWizard(ws.path, service.backup_folder(ws), ws=ws, preselect=preselect, parent=window)
    wizard.exec()
    if wizard.workspace_closed:
        request_reopen()
    return wizard


# at start, a damaged database -------------------------------------------------------------------
@dataclass(frozen=True)
class DamageOffer:
    folder: Path
    backup: BackupFile | None
    summary: Summary | None
    lost: Lost | None
    text: str


def damage_offer(db_path: str | Path, error) -> DamageOffer:
    """The newest good backup of the damaged database's folder and what restoring it would lose, in words."""
    db_path = Path(db_path)
    folder = service.folder_of(db_path)
    backup = service.newest_good(folder, service.damaged_school(db_path))
    head = f"数据库文件已损坏，为免损失扩大，本程序不会再写入它：\n{db_path}"
    if backup is None:
        return DamageOffer(folder, None, None, None,
                           f"{head}\n\n备份文件夹 {folder} 中没有完好的备份。如有 U 盘上的加密备份，"
                           f"请点“恢复备份…”选择它；否则请联系技术人员，不要再用其他程序打开或改动这个文件。")
    try:
        summary = service.summarize(backup.path)
    except BackupError as e:
        return DamageOffer(folder, backup, None, None, f"{head}\n\n{e.message}")
    lost = service.lost_changes(db_path, summary)
    return DamageOffer(folder, backup, summary, lost,
                       f"{head}\n\n最近一份完好的备份：{_when(summary.taken_at)}（{service.reason_label(backup.reason)}），"
                       f"{summary.school_name}，在校学生 {summary.pupils} 人。\n"
                       f"恢复这份备份：{lost.text}\n\n点“恢复备份…”核对后恢复（须管理员的用户名和密码）。")


def ask_restore(offer: DamageOffer, error) -> bool:  # tests replace this
    box = QMessageBox(QMessageBox.Icon.Critical, "数据库已损坏", offer.text)
    box.setDetailedText("\n".join(getattr(error, "problems", []) or [str(error)]))
    restore = box.addButton("恢复备份…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("退出", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    return box.clickedButton() is restore


def run_wizard(wizard: RestoreWizard) -> None:  # tests replace this
    wizard.exec()


def offer_restore(db_path: str | Path, error) -> bool:
    """At start, a damaged database: offers the newest good backup; True once a backup was restored (the
    caller opens the database again)."""
    offer = damage_offer(db_path, error)
    if not ask_restore(offer, error):
        return False
    wizard = RestoreWizard(db_path, offer.folder, preselect=offer.backup.path if offer.backup else None)
    run_wizard(wizard)
    return wizard.result is not None
