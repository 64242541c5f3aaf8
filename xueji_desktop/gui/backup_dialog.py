"""文件 → 备份与恢复…: the backup folder (shown, changed by the 管理员), its backups (time, kind, size), 立即备份,
and a copy sealed with a passphrase onto a USB stick, with a progress bar and 取消; 恢复备份… opens the
restore wizard (gui/restore_wizard.py) for an account that may restore.

The copies run in a thread (gui/background.py) with their own read-only connection, so the window keeps
painting; the dialog cannot be closed while one runs, except through 取消, which leaves no file behind.
Questions go through `choose_folder` so tests answer them without a modal box.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QHeaderView, QMessageBox, QTableWidgetItem, QWidget

from ..core.accounts.roles import Permission, PermissionDenied
from ..core.backups import service
from ..core.backups.files import BackupFile
from ..core.exchange.stick import human_size
from . import operations
from .background import Cancelled, Job, explain
from .forms.ui_backup import Ui_BackupDialog

__all__ = ["BackupDialog", "backup_row"]

TITLE = "备份与恢复"
RED = "#c0392b"
COL_TIME, COL_KIND, COL_SIZE = range(3)
MIN_PASSPHRASE = 8


def backup_row(b: BackupFile) -> tuple[str, str, str]:
    return f"{b.taken_at:%Y-%m-%d %H:%M:%S}", service.reason_label(b.reason), human_size(b.size)


def refusal(ws, action: str, permission: Permission) -> str:
    """Why the signed-in account may not do `action`, in the domain's words; "" when it may."""
    try:
        ws.require(action, permission)
    except PermissionDenied as e:
        return e.message
    return ""


class BackupDialog(QDialog, Ui_BackupDialog):
    def __init__(self, ws, parent: QWidget | None = None):
        super().__init__(parent)
        self.setupUi(self)
        self.ws = ws
        self.job: Job | None = None
        self.wants_restore = False  # 恢复备份… was clicked: the caller opens the wizard once this closes
        self.last_backup: BackupFile | None = None
        self.last_sealed: Path | None = None

        header = self.backups_table.horizontalHeader()
        header.setSectionResizeMode(COL_TIME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_KIND, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_SIZE, QHeaderView.ResizeMode.ResizeToContents)
        self.drives.choose_folder = lambda: self.choose_stick_folder()  # late-bound: tests replace it
        self.progress.setMaximum(1000)
        self.progress_box.hide()
        self.passphrase_problem.setStyleSheet(f"color: {RED};")

        self.no_backup = refusal(ws, "备份", Permission.BACKUP)
        self.no_settings = refusal(ws, "更改备份文件夹", Permission.SETTINGS)
        self.may_restore = ws.can(Permission.RESTORE)
        self.restore_button.setVisible(self.may_restore)
        if self.no_backup:
            for widget in (self.backup_now_button, self.stick_box):
                widget.setToolTip(self.no_backup)
        if self.no_settings:
            self.change_folder_button.setToolTip(self.no_settings)

        self.change_folder_button.clicked.connect(self.change_folder)
        self.open_folder_button.clicked.connect(self.open_folder)
        self.backup_now_button.clicked.connect(self.backup_now)
        self.write_stick_button.clicked.connect(self.write_stick)
        self.cancel_button.clicked.connect(self.cancel_job)
        self.restore_button.clicked.connect(self.ask_restore)
        self.close_button.clicked.connect(self.reject)
        self.drives.changed.connect(self._update_buttons)
        self.passphrase.textChanged.connect(lambda _t: self._update_buttons())
        self.passphrase_again.textChanged.connect(lambda _t: self._update_buttons())
        self.resize(940, 580)
        self.refresh()

    # questions (tests replace these) ------------------------------------------------------------
    def choose_folder(self, start: Path) -> str | None:
        path = QFileDialog.getExistingDirectory(self, "选择备份文件夹", str(start))
        return path or None

    def choose_stick_folder(self) -> str | None:
        path = QFileDialog.getExistingDirectory(self, "选择写入到的文件夹", str(Path.home()))
        return path or None

    # what is shown ------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.job is not None

    def folder(self) -> Path:
        return service.backup_folder(self.ws)

    def refresh(self) -> None:
        folder = self.folder()
        self.folder_path.setText(str(folder))
        self.folder_path.setToolTip(str(folder))
        found = service.backups(self.ws, folder)
        table = self.backups_table
        table.setRowCount(len(found))
        for row, b in enumerate(found):
            for column, text in enumerate(backup_row(b)):
                item = QTableWidgetItem(text)
                item.setToolTip(str(b.path))
                item.setData(Qt.ItemDataRole.UserRole, str(b.path))
                if column == COL_SIZE:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, column, item)
        if self.last_backup is not None:
            for row, b in enumerate(found):
                if b.path == self.last_backup.path:
                    table.selectRow(row)
        count = f"共 {len(found)} 份。" if found else "还没有备份。"
        self.list_box.setTitle(f"备份文件夹中的备份（最新的在前）— {count}")
        self._update_buttons()

    def listed(self) -> list[tuple[str, str, str]]:
        t = self.backups_table
        return [tuple(t.item(r, c).text() for c in range(3)) for r in range(t.rowCount())]

    def _passphrase_problem(self) -> str:
        first, again = self.passphrase.text(), self.passphrase_again.text()
        if not first and not again:
            return ""
        if len(first) < MIN_PASSPHRASE:
            return f"密码至少 {MIN_PASSPHRASE} 个字符（现在 {len(first)} 个）"
        if again and again != first:
            return "两次输入的密码不一致"
        return ""

    def _update_buttons(self) -> None:
        busy = self.busy
        problem = self._passphrase_problem()
        self.passphrase_problem.setText(problem)
        self.passphrase_problem.setVisible(bool(problem))
        may_backup = not self.no_backup and not busy
        self.backup_now_button.setEnabled(may_backup)
        self.stick_box.setEnabled(may_backup)
        ready = (bool(self.drives.target()) and len(self.passphrase.text()) >= MIN_PASSPHRASE
                 and self.passphrase.text() == self.passphrase_again.text())
        self.write_stick_button.setEnabled(may_backup and ready)
        self.change_folder_button.setEnabled(not self.no_settings and not busy)
        self.restore_button.setEnabled(not busy)
        self.close_button.setEnabled(not busy)

    # the folder ---------------------------------------------------------------------------------
    def change_folder(self) -> Path | None:
        chosen = self.choose_folder(self.folder())
        if not chosen:
            return None
        kept = operations.run_op(self, lambda: service.set_backup_folder(self.ws, chosen), initiator=self)
        if kept is not None:
            self.status_label.setText(f"备份文件夹已改为 {kept}。以后的自动备份和手动备份都存在这里；"
                                      f"原文件夹中的备份仍留在原处。")
            self.refresh()
        return kept

    def open_folder(self) -> None:
        folder = self.folder()
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # the copies ---------------------------------------------------------------------------------
    def _start(self, text: str, call, done, what: str) -> None:
        self.progress_label.setText(text)
        self.progress.setValue(0)
        self.cancel_button.setEnabled(True)
        self.progress_box.show()
        self.status_label.setText("")
        job = Job(call, self)
        job.progressed.connect(self._progressed)
        job.succeeded.connect(lambda result: self._finished(done, result))
        job.failed.connect(lambda e: self._failed(e, what))
        self.job = job
        self._update_buttons()
        job.start()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setValue(1000 * done // total if total else 0)

    def _finished(self, done, result) -> None:
        self.job = None
        self.progress.setValue(1000)
        self.progress_box.hide()
        done(result)
        self._update_buttons()

    def _failed(self, e: BaseException, what: str) -> None:
        self.job = None
        self.progress_box.hide()
        text = explain(e, what)
        self.status_label.setText(f"<span style='color:{RED}'>{text}</span>")
        self._update_buttons()
        if not isinstance(e, Cancelled):
            operations.show_message(self, QMessageBox.Icon.Warning, TITLE, f"未能{what}。", text)

    def cancel_job(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.progress_label.setText("正在取消…")

    def backup_now(self) -> None:
        if self.no_backup or self.busy:
            return
        ws, folder = self.ws, self.folder()
        path, code, now = ws.path, ws.school.code, ws.now()

        def done(taken: BackupFile) -> None:
            self.last_backup = taken
            self.status_label.setText(f"已备份并检查：{taken.path}")
            self.refresh()

        self._start("正在备份…", lambda progress: service.take_from_path(path, folder, code, "manual", now, progress),
                    done, "备份")

    def write_stick(self) -> None:
        target = self.drives.target()
        if self.no_backup or self.busy or not target:
            return
        if not Path(target).is_dir():
            self.status_label.setText(f"未写入：找不到 {target}（U 盘是否已拔出？请插好后点“刷新”）。")
            return
        passphrase = self.passphrase.text()
        ws = self.ws
        path, code, now = ws.path, ws.school.code, ws.now()

        def done(written: Path) -> None:
            self.last_sealed = written
            self.passphrase.clear()
            self.passphrase_again.clear()
            self.status_label.setText(f"已加密写入 U 盘并校验：{written}。恢复时须输入同一密码。")

        self._start("正在加密写入 U 盘…", lambda progress: service.write_sealed_from_path(
            path, code, now, target, passphrase, progress), done, "写入 U 盘")

    # closing ------------------------------------------------------------------------------------
    def ask_restore(self) -> None:
        if self.busy or not self.may_restore:
            return
        self.wants_restore = True
        self.accept()

    def reject(self) -> None:
        if self.busy:  # Esc or the title bar's close while a copy runs: 取消 first
            return
        super().reject()

    def closeEvent(self, event) -> None:
        if self.busy:
            event.ignore()
            return
        super().closeEvent(event)


def open_dialog(window) -> BackupDialog:
    """From the main window's menu: the dialog, then the restore wizard when 恢复备份… was clicked."""
    dialog = BackupDialog(window.ws, window)
    dialog.exec()
    if dialog.wants_restore:
        from .restore_wizard import open_from_window

        open_from_window(window)
    return dialog
