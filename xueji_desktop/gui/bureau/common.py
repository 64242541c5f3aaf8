"""Small pieces the bureau's tabs share: colours, read-only tables, cells, the drive chooser."""

from __future__ import annotations

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ...bureau.accounts import BureauPermissionDenied
from ...bureau.importer import BureauError
from .. import operations
from ..drive_chooser import NO_STICK, DriveChooser  # noqa: F401 (shared with the school's dialogs)
from ..tables import table  # noqa: F401 (shared with the school's windows)

RED, AMBER, GREEN, GREY = "#c0392b", "#b9770e", "#2e7d32", "#6b6b6b"
KeyRole = Qt.ItemDataRole.UserRole + 1
REFUSALS = (BureauError, BureauPermissionDenied)  # refused by the bureau's rules or the account's roles


def cell(text, colour: str | None = None, bold: bool = False, center: bool = False, key=None,
         right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem("" if text is None else str(text))
    item.setToolTip(item.text())
    if colour:
        item.setForeground(QBrush(QColor(colour)))
    if bold:
        font = item.font()
        font.setBold(True)
        item.setFont(font)
    if center:
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
    elif right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if key is not None:
        item.setData(KeyRole, key)
    return item


def rows_of(t: QTableWidget) -> list[tuple[str, ...]]:
    return [tuple(t.item(r, c).text() if t.item(r, c) else "" for c in range(t.columnCount()))
            for r in range(t.rowCount())]


def bold_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label


def wrapping(text: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


def warn(parent, text: str, title: str = "未能完成") -> None:
    operations.show_message(parent, QMessageBox.Icon.Warning, title, text)


def inform(parent, text: str, title: str = "完成") -> None:
    operations.show_message(parent, QMessageBox.Icon.Information, title, text)


def keep_painting() -> None:
    QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)


