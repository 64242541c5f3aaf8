"""导入教育局回执: the registrar picks the stick (or a folder), types the password, and the bureau's
replies found there are verified and applied (core.exchange.replies); each reply's result is listed.

Questions go through `choose_folder` so tests can answer without a modal box.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QWidget,
)

from ..core.exchange import replies
from .forms.ui_reply_import import Ui_ReplyImportDialog
from .operations import run_op


class ReplyImportDialog(QDialog, Ui_ReplyImportDialog):
    def __init__(self, ws, parent: QWidget | None = None):
        super().__init__(parent)
        self.setupUi(self)
        self.ws = ws
        self.outcomes: list[replies.ReplyOutcome] | None = None
        self.drives.choose_folder = lambda: self.choose_folder()  # late-bound: tests replace the dialog's
        self.no_drive, self.folder_button, self.refresh_button = (self.drives.no_drive, self.drives.folder_button,
                                                                  self.drives.refresh_button)

        self.import_button = self.buttons.addButton("导入", QDialogButtonBox.ButtonRole.AcceptRole)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)
        self.import_button.clicked.connect(self.run_import)

        self.drives.changed.connect(self._show_found)
        self.password.textChanged.connect(lambda _text: self._update_button())
        self._show_found()

    # what is shown ------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.drives.refresh()

    def source(self) -> str | None:
        return self.drives.target()

    def files(self) -> list[Path]:
        folder = self.source()
        return replies.reply_files([folder]) if folder and Path(folder).is_dir() else []

    def _show_found(self) -> None:
        found = self.files()
        if not self.source():
            self.found_label.setText("")
        elif found:
            self.found_label.setText(f"找到 {len(found)} 份回执文件：" + "、".join(p.name for p in found[:4])
                                     + ("……" if len(found) > 4 else ""))
        else:
            self.found_label.setText("这里没有教育局回执文件（*.xjr）。")
        self._update_button()

    def _update_button(self) -> None:
        self.import_button.setEnabled(bool(self.files()) and bool(self.password.text()))

    # questions (tests replace these) ------------------------------------------------------------
    def choose_folder(self) -> str | None:
        path = QFileDialog.getExistingDirectory(self, "选择回执所在的文件夹", str(Path.home()))
        return path or None

    # importing ----------------------------------------------------------------------------------
    def _progress(self, done: int, total: int) -> None:
        self.progress.setValue(int(100 * done / total) if total else 100)
        if done < total:  # each receipt is saved whole in its own transaction: no 取消 halfway
            self.result_text.setPlainText(f"正在导入第 {done + 1}/{total} 份回执…（每份回执单独完整保存）")
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)

    def run_import(self) -> None:
        folder = self.source()
        if not folder or not Path(folder).is_dir():
            self.result_text.setPlainText(f"未导入：找不到 {folder}（U 盘是否已拔出？请插好后点“刷新”）。")
            return
        password = self.password.text()
        self.progress.setValue(0)
        self.import_button.setEnabled(False)

        def call():
            outcomes = replies.import_replies(self.ws, password, [folder], self._progress)
            return outcomes, replies.changes_of(outcomes)

        outcomes = run_op(self, call, initiator=self)
        if outcomes is None:  # wrong password, old keys …: run_op showed why
            self.result_text.setPlainText("未导入。")
        else:
            self.outcomes = outcomes
            self.password.clear()
            self.progress.setValue(100)
            done = sum(o.status == replies.IMPORTED for o in outcomes)
            skipped = sum(o.status == replies.SKIPPED for o in outcomes)
            refused = sum(o.status == replies.REFUSED for o in outcomes)
            head = f"共 {len(outcomes)} 份回执：已导入 {done} 份，此前已导入 {skipped} 份，拒绝 {refused} 份。"
            self.result_text.setPlainText(head + "\n\n" + replies.import_summary(outcomes))
        self._update_button()
