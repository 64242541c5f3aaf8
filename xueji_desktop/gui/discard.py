"""Esc, 取消 or the close box on a record-entry dialog with something typed in it asks first.

`DiscardGuard` is mixed into a QDialog (a QWizard is one) before the Qt class. It remembers what each
input widget held when the dialog was first shown, and each wizard page as it is first shown (what a
page fills in for itself is not the registrar's typing); `reject()` — which Esc, 取消 and the close box
all come to — asks “放弃已填写的内容？” only when an input differs from that. An untouched dialog
closes at once; 继续填写 keeps it open with everything as it was.

    class DropoutWizard(DiscardGuard, QDialog): ...  # the wizards have it through DraftRefresh
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QListWidget, QMessageBox, QPlainTextEdit,
    QTableWidget, QTextEdit, QWidget, QWizard,
)
from shiboken6 import isValid

TITLE = "放弃已填写的内容？"
DISCARD, KEEP = "放弃", "继续填写"


def ask_discard(parent: QWidget | None) -> bool:
    """The question itself: True when the registrar chooses 放弃 (继续填写 is the default)."""
    box = QMessageBox(QMessageBox.Icon.Question, TITLE, TITLE, QMessageBox.StandardButton.NoButton, parent)
    box.setInformativeText("关闭后，本次已填写的内容不会保存。")
    discard = box.addButton(DISCARD, QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(KEEP, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is discard


def _state(widget: QWidget):
    """What an input widget holds, or None for a widget that takes no input."""
    if isinstance(widget, QLineEdit):
        parent = widget.parentWidget()
        if isinstance(parent, (QComboBox, QAbstractSpinBox)) or widget.isReadOnly():
            return None  # part of the combo or spin box, read as that
        return widget.text()
    if isinstance(widget, QComboBox):
        return widget.currentIndex(), widget.currentText() if widget.isEditable() else ""
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    if isinstance(widget, QAbstractButton):
        return widget.isChecked() if widget.isCheckable() else None
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return None if widget.isReadOnly() else widget.toPlainText()
    if isinstance(widget, QTableWidget):
        return tuple(widget.item(r, c).text() if widget.item(r, c) else ""
                     for r in range(widget.rowCount()) for c in range(widget.columnCount()))
    if isinstance(widget, QListWidget):
        return widget.currentRow()
    return None


def _inputs(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if _state(w) is not None]


class DiscardGuard:
    """Mixed into a QDialog before the Qt class. What the inputs hold when the dialog is first shown
    (and a wizard's page when it is first shown) counts as untouched."""

    _remembered: dict | None = None
    _seen_pages: set[int]

    def showEvent(self, event) -> None:
        if self._remembered is None:
            self._remembered = {}
            if isinstance(self, QWizard):
                self._seen_pages = {self.currentId()}
                self.currentIdChanged.connect(self._page_shown)
            self.remember_inputs()
        super().showEvent(event)

    def remember_inputs(self, root: QWidget | None = None) -> None:
        """What the inputs under `root` (the whole dialog by default) hold now counts as untouched."""
        if self._remembered is None:
            self._remembered = {}
        for widget in _inputs(root or self):
            self._remembered[widget] = _state(widget)

    def _page_shown(self, page_id: int) -> None:
        if page_id < 0 or page_id in self._seen_pages:
            return
        self._seen_pages.add(page_id)
        self.remember_inputs(self.page(page_id))  # filled in by the page itself, not typed

    def has_input(self) -> bool:
        """Whether any input differs from what it held when first shown."""
        remembered = self._remembered or {}
        for widget in _inputs(self):
            if not isValid(widget):
                continue
            now = _state(widget)
            if widget in remembered:
                if now != remembered[widget]:
                    return True
            elif now not in ("", False, -1, ()):  # an input added since (a reason box): typed in?
                return True
        return False

    def reject(self) -> None:
        if self.has_input() and not ask_discard(self):
            return  # 继续填写: the dialog stays, as it was
        super().reject()
