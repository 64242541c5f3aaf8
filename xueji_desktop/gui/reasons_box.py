"""Warnings that go on only with a recorded reason (原则上/一般): one line per warning, a reason box each."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit

from ..core.admission.enrolment import MIN_REASON
from ..core.rules.findings import Finding, Severity
from .field_widgets import COLOURS


class ReasonsBox(QGroupBox):
    """Writes each reason straight into the draft's `reasons` dict; `changed` after every keystroke."""

    changed = Signal()

    def __init__(self, title: str = f"需要说明理由的提醒（每条至少 {MIN_REASON} 个字，记入变更记录）", parent=None):
        super().__init__(title, parent)
        self.form = QFormLayout(self)
        self.edits: dict[str, QLineEdit] = {}
        self.hide()

    def show_warnings(self, findings: list[Finding], reasons: dict[str, str]) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.edits = {}
        for f in (f for f in findings if f.severity is Severity.WARN):
            edit = QLineEdit(reasons.get(f.rule, ""))
            edit.setPlaceholderText("请填写理由")
            edit.setAccessibleName(f"理由：{f.rule}")
            edit.textChanged.connect(lambda text, rule=f.rule: self._typed(reasons, rule, text))
            label = QLabel(f"<span style='color:{COLOURS[Severity.WARN]}'>▲ {escape(f.text)}</span>")
            label.setWordWrap(True)
            self.form.addRow(label)
            self.form.addRow("理由：", edit)
            self.edits[f.rule] = edit
        self.setVisible(bool(self.edits))

    def _typed(self, reasons: dict[str, str], rule: str, text: str) -> None:
        reasons[rule] = text
        self.changed.emit()
