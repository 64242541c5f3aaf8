"""Scans or photos picked in a wizard before its case exists: checked at once, stored once the case
is opened (`core.casework.attachments.add_attachment`). Shared by the transfer and status-change wizards."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from ..core.casework import attachments
from . import operations


def ask_attachment_path(parent) -> str:
    path, _ = QFileDialog.getOpenFileName(parent, "选择扫描件或照片", str(Path.home()),
                                          "图片或 PDF (*.jpg *.jpeg *.png *.pdf)")
    return path


class AttachmentsBox(QGroupBox):
    """Scans or photos chosen before the case exists: each checked at once (nothing is stored yet),
    all stored with `core.casework.attachments.add_attachment` once the case is opened."""

    def __init__(self, title: str = "扫描件或照片（JPG、PNG 或 PDF；提交后保存到本机数据库的附件目录）", parent=None):
        super().__init__(title, parent)
        layout = QVBoxLayout(self)
        self.files = QListWidget()
        self.files.setAccessibleName("证明材料文件")
        self.files.setMaximumHeight(96)
        buttons = QHBoxLayout()
        self.file_label = QComboBox()
        self.file_label.setEditable(True)
        self.file_label.setAccessibleName("材料名称")
        self.file_label.setMinimumWidth(320)
        self.add_file = QPushButton("添加文件…")
        self.remove_file = QPushButton("移除所选")
        self.add_file.clicked.connect(self._choose_clicked)
        self.remove_file.clicked.connect(self._remove_clicked)
        buttons.addWidget(QLabel("材料名称："))
        buttons.addWidget(self.file_label, 1)
        buttons.addWidget(self.add_file)
        buttons.addWidget(self.remove_file)
        layout.addLayout(buttons)
        layout.addWidget(self.files)

    def set_labels(self, labels: list[str]) -> None:
        current = self.file_label.currentText()
        self.file_label.clear()
        self.file_label.addItems(list(dict.fromkeys([*labels, "其他证明材料"])))
        if current and current not in labels:
            self.file_label.setEditText(current)

    def _choose_clicked(self) -> None:
        path = ask_attachment_path(self)
        if path:
            self.add_file_path(path, self.file_label.currentText())

    def _remove_clicked(self) -> None:
        if self.files.currentRow() >= 0:
            self.files.takeItem(self.files.currentRow())

    def add_file_path(self, path: str, label: str) -> bool:
        """Checks the file now; False (with the message shown) if it is refused."""
        found = attachments.check_file(Path(path), label)
        if found:
            operations.show_message(self, QMessageBox.Icon.Warning, "不能添加该文件", "请处理以下问题：",
                                    operations.findings_text(found))
            return False
        entry = QListWidgetItem(f"{label.strip()}：{Path(path).name}")
        entry.setData(Qt.UserRole, (label.strip(), str(path)))
        self.files.addItem(entry)
        return True

    def files_to_attach(self) -> list[tuple[str, str]]:
        return [self.files.item(i).data(Qt.UserRole) for i in range(self.files.count())]
