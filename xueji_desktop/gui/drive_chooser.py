"""The USB sticks present (and a folder chosen by hand), one selected: where a batch or a reply is
written to or read from. Shared by the school's export and reply dialogs and the bureau's windows."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.exchange import stick

NO_STICK = "未检测到 U 盘，请插入 U 盘后点“刷新”，或选择其他文件夹"
GREY = "#6b6b6b"


def wrapping(text: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


class DriveChooser(QWidget):
    """The USB sticks (and a folder chosen by hand), one selected; like the school's ExportDialog."""

    changed = Signal()

    def __init__(self, title: str, parent: QWidget | None = None, writable_only: bool = True):
        super().__init__(parent)
        self.writable_only = writable_only
        self.other_folder: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(title, self))
        self.list = QListWidget(self)
        self.list.setMaximumHeight(90)
        layout.addWidget(self.list)
        self.no_drive = wrapping(NO_STICK, self)
        self.no_drive.setStyleSheet(f"color: {GREY};")
        layout.addWidget(self.no_drive)
        row = QHBoxLayout()
        self.refresh_button = QPushButton("刷新", self)
        self.folder_button = QPushButton("选择其他文件夹…", self)
        row.addWidget(self.refresh_button)
        row.addWidget(self.folder_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.refresh_button.clicked.connect(self.refresh)
        self.folder_button.clicked.connect(self.pick_folder)
        self.list.currentRowChanged.connect(lambda _row: self.changed.emit())
        self.refresh()

    def refresh(self) -> None:
        previous = self.target()
        self.list.clear()
        for drive in stick.removable_drives():
            item = QListWidgetItem(f"U 盘：{drive.text}", self.list)
            item.setData(Qt.ItemDataRole.UserRole, drive.path)
            if self.writable_only and not drive.writable:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
        has_drive = self.list.count() > 0
        if self.other_folder:
            item = QListWidgetItem(f"文件夹：{self.other_folder}", self.list)
            item.setData(Qt.ItemDataRole.UserRole, self.other_folder)
        self.no_drive.setVisible(not has_drive)
        self.list.setVisible(self.list.count() > 0)
        self.select(previous)
        self.changed.emit()

    def select(self, path: str | None) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == path:
                self.list.setCurrentRow(i)
                return
        for i in range(self.list.count()):
            if self.list.item(i).flags() & Qt.ItemFlag.ItemIsEnabled:
                self.list.setCurrentRow(i)
                return

    def target(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def choose_folder(self) -> str | None:  # tests replace this
        path = QFileDialog.getExistingDirectory(self, "选择文件夹", str(Path.home()))
        return path or None

    def use_folder(self, folder: str) -> None:
        self.other_folder = str(folder)
        self.refresh()
        self.select(str(folder))

    def pick_folder(self) -> None:
        folder = self.choose_folder()
        if folder:
            self.use_folder(folder)
