"""导入教育局回执: the registrar picks the stick (or a folder), types the password, and the bureau's
replies found there are verified and applied (core.exchange.replies); each reply's result is listed.

Questions go through `choose_folder` so tests can answer without a modal box.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import (
    QApplication, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPlainTextEdit, QProgressBar, QPushButton, QVBoxLayout, QWidget,
)

from ..core.exchange import replies, stick
from .exchange_dialogs import NO_STICK, _wrapping
from .operations import run_op


class ReplyImportDialog(QDialog):
    def __init__(self, ws, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.other_folder: str | None = None
        self.outcomes: list[replies.ReplyOutcome] | None = None
        self.setWindowTitle("导入教育局回执")
        self.setMinimumWidth(680)
        layout = QVBoxLayout(self)
        layout.addWidget(_wrapping("教育局的回执（批次回执、审批意见、转学请求、转来的学籍档案）在 U 盘的 xueji 文件夹里，"
                                   "文件名以 .xjr 结尾。导入过的回执再导入不会重复处理。", self))
        layout.addWidget(QLabel("从哪里导入：", self))
        self.source_list = QListWidget(self)
        self.source_list.setMaximumHeight(110)
        layout.addWidget(self.source_list)
        self.no_drive = _wrapping(NO_STICK, self)
        layout.addWidget(self.no_drive)
        row = QHBoxLayout()
        self.refresh_button = QPushButton("刷新", self)
        self.folder_button = QPushButton("选择其他文件夹…", self)
        row.addWidget(self.refresh_button)
        row.addWidget(self.folder_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.found_label = _wrapping(parent=self)
        layout.addWidget(self.found_label)

        row = QHBoxLayout()
        row.addWidget(QLabel("登录密码（解锁学校私钥）：", self))
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        row.addWidget(self.password, 1)
        layout.addLayout(row)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        layout.addWidget(self.progress)
        self.result_text = QPlainTextEdit(self)
        self.result_text.setReadOnly(True)
        self.result_text.setMinimumHeight(160)
        self.result_text.setPlaceholderText("导入结果会显示在这里")
        layout.addWidget(self.result_text, 1)

        buttons = QDialogButtonBox(self)
        self.import_button = buttons.addButton("导入", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close).clicked.connect(self.reject)
        self.import_button.clicked.connect(self.run_import)
        layout.addWidget(buttons)

        self.refresh_button.clicked.connect(self.refresh)
        self.folder_button.clicked.connect(self.pick_folder)
        self.source_list.currentRowChanged.connect(lambda _row: self._show_found())
        self.password.textChanged.connect(lambda _text: self._update_button())
        self.refresh()

    # what is shown ------------------------------------------------------------------------------
    def refresh(self) -> None:
        previous = self.source()
        self.source_list.clear()
        for drive in stick.removable_drives():
            item = QListWidgetItem(f"U 盘：{drive.text}", self.source_list)
            item.setData(Qt.ItemDataRole.UserRole, drive.path)
        has_drive = self.source_list.count() > 0
        if self.other_folder:
            item = QListWidgetItem(f"文件夹：{self.other_folder}", self.source_list)
            item.setData(Qt.ItemDataRole.UserRole, self.other_folder)
        self.no_drive.setVisible(not has_drive)
        self.source_list.setVisible(self.source_list.count() > 0)
        rows = [self.source_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.source_list.count())]
        if rows:
            self.source_list.setCurrentRow(rows.index(previous) if previous in rows else 0)
        self._show_found()

    def source(self) -> str | None:
        item = self.source_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

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

    def pick_folder(self) -> None:
        folder = self.choose_folder()
        if folder:
            self.other_folder = folder
            self.refresh()
            rows = [self.source_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.source_list.count())]
            self.source_list.setCurrentRow(rows.index(folder))

    # importing ----------------------------------------------------------------------------------
    def _progress(self, done: int, total: int) -> None:
        self.progress.setValue(int(100 * done / total) if total else 100)
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
