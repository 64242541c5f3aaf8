"""The drive choosers of the school's exchange dialogs, made by their Qt Designer layouts (ui/export.ui,
ui/reply_import.ui), which build a promoted widget with its parent only."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from .drive_chooser import DriveChooser


class ExportDrives(DriveChooser):
    """Where a batch is written to: the writable sticks, or a folder."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("写入到：", parent)


class ReplyDrives(DriveChooser):
    """Where the bureau's replies are read from: any stick, or a folder."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("从哪里导入：", parent, writable_only=False)
