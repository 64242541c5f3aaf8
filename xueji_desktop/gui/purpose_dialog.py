"""用途: the question the domain asks (core.accounts.access_log) before a print or export of more than one
pupil: the region's short list and a free text for 其他, with the region's article and its words. Asked
before anything is written; closing it writes nothing and says nothing more. The layout is ui/purpose.ui."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QListWidgetItem, QWidget

from ..core.accounts.access_log import OTHER_ID, PurposeCancelled, Purposes, purposes
from .forms.ui_purpose import Ui_PurposeDialog

ID_ROLE = Qt.ItemDataRole.UserRole


class PurposeDialog(QDialog, Ui_PurposeDialog):
    """The region's purposes as a list; 其他 enables the text field, which must then be filled."""

    def __init__(self, choice: Purposes, count: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setupUi(self)
        self.choice = choice
        self.question.setText(f"本次打印或导出含 {count} 名学生的学籍信息，请选择用途（记入查询登记）。")
        quote = f"“{choice.quote}”" if choice.quote else "学籍信息须经批准方可提供"
        self.article_label.setText(f"依据{choice.article}：{quote}。")
        row_height = self.purpose_list.fontMetrics().height() + 12  # room between the lines of CJK text
        for ident, label in choice.items:
            item = QListWidgetItem(label)
            item.setData(ID_ROLE, ident)
            item.setSizeHint(QSize(0, row_height))
            self.purpose_list.addItem(item)
        self.purpose_list.setFixedHeight(min(len(choice.items), 10) * row_height + 2 * self.purpose_list.frameWidth() + 2)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("确定")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消（不打印、不导出）")
        self.purpose_list.itemSelectionChanged.connect(self._changed)
        self.purpose_list.itemDoubleClicked.connect(self._double_clicked)
        self.other_text.textChanged.connect(self._changed)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._changed()
        self.adjustSize()

    def chosen_item(self) -> QListWidgetItem | None:
        """The purpose selected (not merely the list's cursor, which sits on the first item once it has focus)."""
        selected = self.purpose_list.selectedItems()
        return selected[0] if selected else None

    def chosen_id(self) -> str | None:
        item = self.chosen_item()
        return item.data(ID_ROLE) if item is not None else None

    def choose(self, ident: str) -> None:
        """Selects the purpose `ident` (as a click on it would)."""
        for row in range(self.purpose_list.count()):
            if self.purpose_list.item(row).data(ID_ROLE) == ident:
                self.purpose_list.setCurrentRow(row)
                return
        raise KeyError(ident)

    def purpose(self) -> str:
        """The purpose as logged: the item's label, or the typed text for 其他; "" while none is given."""
        ident = self.chosen_id()
        if ident is None:
            return ""
        if ident == OTHER_ID:
            return self.other_text.text().strip()
        return self.chosen_item().text()

    def problem(self) -> str:
        if self.chosen_id() is None:
            return "请在上面选择一项用途。"
        if self.chosen_id() == OTHER_ID and not self.other_text.text().strip():
            return "选了“其他”：请在“其他用途”中写明用途。"
        return ""

    def _changed(self, *_args) -> None:
        other = self.chosen_id() == OTHER_ID
        self.other_text.setEnabled(other)
        if other and not self.other_text.hasFocus():
            self.other_text.setFocus()
        problem = self.problem()
        self.hint.setText(problem or f"用途：{self.purpose()}")
        self.ok_button.setEnabled(not problem)

    def _double_clicked(self, item: QListWidgetItem) -> None:
        if item.data(ID_ROLE) != OTHER_ID:
            self.accept()

    def accept(self) -> None:
        if self.problem():
            self._changed()
            return
        super().accept()


def ask_purpose(parent: QWidget | None, ws, count: int) -> str | None:
    """The purpose chosen (or typed) for `count` pupils, or None when the registrar closed the question."""
    dialog = PurposeDialog(purposes(ws.profile), count, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.purpose() or None


def purpose_question(parent: QWidget | None, ws) -> Callable[[int], str | None]:
    return lambda count: ask_purpose(parent, ws, count)


def cancelled(call: Callable[[], object]) -> Callable[[], object]:
    """`call` for run_op: a declined purpose question returns None quietly (nothing was written)."""
    def run():
        try:
            return call()
        except PurposeCancelled:
            return None
    return run
