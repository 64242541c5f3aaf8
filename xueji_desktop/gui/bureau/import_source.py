"""The import dialog's drive chooser as a widget its Qt Designer layout (ui/bureau_import.ui) holds."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ..drive_chooser import DriveChooser


class BatchSource(DriveChooser):
    """Where the schools' batches are read from: a USB stick or a folder (read-only ones too)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("从哪里导入（U 盘或文件夹中的 *.xjb 批次文件）：", parent, writable_only=False)
