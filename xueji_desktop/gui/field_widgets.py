"""Widgets built from core.pupils.fields: one editor per field, its findings shown right under it."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QStringListModel, Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ..core.pupils import regions
from ..core.pupils.fields import Field, Kind
from ..core.rules.findings import Finding, Severity

COLOURS = {Severity.BLOCK: "#c0392b", Severity.WARN: "#b9770e", Severity.INFO: "#1f618d"}
REQUIRED_MARK = "<span style='color:#c0392b'>*</span>"  # before the label of a field that must be filled
PLACEHOLDERS = {Kind.DATE: "YYYY-MM-DD", Kind.MONTH: "YYYY-MM", Kind.PHONE: "手机或固话",
                Kind.POSTCODE: "6 位数字", Kind.REGION: "输入县区名称或 6 位代码"}

def label_text(label: str, required: bool) -> str:
    return (REQUIRED_MARK if required else "") + label


def is_marked(label: QLabel) -> bool:
    return label.text().startswith(REQUIRED_MARK)


def _regions_model() -> QStringListModel:
    """One list of counties for every region field, owned by the application (dies with it)."""
    app = QCoreApplication.instance()
    model = app.findChild(QStringListModel, "xueji_regions")
    if model is None:
        model = QStringListModel([f"{r.code} {r.name}" for r in regions.current_counties()], app)
        model.setObjectName("xueji_regions")
    return model


class FieldEditor(QWidget):
    """One field: a combo for code tables, a line edit for the rest (IME-friendly)."""

    edited = Signal()

    def __init__(self, field: Field, parent=None):
        super().__init__(parent)
        self.field = field
        if field.kind is Kind.CODE:
            self.editor = QComboBox(self)
            if not field.required or not field.default:  # nothing chosen for the registrar
                self.editor.addItem("请选择" if field.required else "", "")
            for code, label in field.table.entries:
                self.editor.addItem(label, code)
            self.editor.currentIndexChanged.connect(self.edited)
        else:
            self.editor = QLineEdit(self)
            self.editor.setMaxLength(field.max_len)
            self.editor.setPlaceholderText(PLACEHOLDERS.get(field.kind, ""))
            self.editor.textChanged.connect(self.edited)
            if field.kind is Kind.REGION:
                completer = QCompleter(_regions_model(), self.editor)
                completer.setFilterMode(Qt.MatchContains)
                completer.setCaseSensitivity(Qt.CaseInsensitive)
                completer.setMaxVisibleItems(12)
                self.editor.setCompleter(completer)
        self.editor.setAccessibleName(field.label)
        self.setFocusProxy(self.editor)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(1)
        box.addWidget(self.editor)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.hide()
        box.addWidget(self.hint)
        if field.kind is Kind.REGION:
            self.editor.textChanged.connect(self._show_region)
        self.set_value(field.default)

    def value(self) -> str:
        if isinstance(self.editor, QComboBox):
            return self.editor.currentData() or ""
        text = self.editor.text().strip()
        if self.field.kind is Kind.REGION:
            return text[:6] if text[:6].isdigit() else text
        return text

    def set_value(self, value: str) -> None:
        if isinstance(self.editor, QComboBox):
            index = self.editor.findData(value or "")
            self.editor.setCurrentIndex(max(index, 0))
        else:
            if self.field.kind is Kind.REGION and value and regions.lookup(value):
                value = f"{value} {regions.name_of(value)}"
            self.editor.setText(value or "")

    def _show_region(self, text: str) -> None:
        code = text.strip()[:6]
        if code.isdigit() and len(code) == 6 and text.strip() == code:
            name = regions.name_of(code)
            self.editor.setToolTip(name)

    def show_findings(self, findings: list[Finding]) -> None:
        if not findings:
            self.hint.hide()
            self.editor.setStyleSheet("")
            return
        worst = min(findings, key=lambda f: list(COLOURS).index(f.severity))
        colour = COLOURS[worst.severity]
        self.hint.setText("\n".join(f.text for f in findings))
        self.hint.setStyleSheet(f"color: {colour};")
        self.hint.show()
        self.editor.setStyleSheet(f"border: 1px solid {colour};" if worst.severity is not Severity.INFO else "")


class FieldForm(QWidget):
    """A grid of labelled editors for some fields; keys are `prefix + field.key`."""

    edited = Signal()

    def __init__(self, fields: list[Field], prefix: str = "", columns: int = 2, parent=None,
                 required: Iterable[str] | None = None):
        """`required`: the keys to mark as required (the domain's set); by default each field's own flag."""
        super().__init__(parent)
        self.prefix = prefix
        self.editors: dict[str, FieldEditor] = {}
        self.labels: dict[str, QLabel] = {}  # by key (with the prefix)
        marked = {f.key for f in fields if f.required} if required is None else set(required)
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        for i, f in enumerate(fields):
            row, col = divmod(i, columns)
            label = QLabel(label_text(f.label, f.key in marked), self)
            label.setAlignment(Qt.AlignRight | Qt.AlignTop)
            label.setContentsMargins(0, 4, 0, 0)
            editor = FieldEditor(f, self)
            label.setBuddy(editor.editor)
            editor.edited.connect(self.edited)
            grid.addWidget(label, row, col * 2)
            grid.addWidget(editor, row, col * 2 + 1)
            self.editors[prefix + f.key] = editor
            self.labels[prefix + f.key] = label
        for col in range(columns):
            grid.setColumnStretch(col * 2 + 1, 1)

    def values(self) -> dict[str, str]:
        return {key[len(self.prefix):]: e.value() for key, e in self.editors.items()}

    def set_values(self, values: dict[str, str]) -> None:
        for key, value in values.items():
            editor = self.editors.get(self.prefix + key)
            if editor is not None:
                editor.blockSignals(True)
                editor.set_value(value)
                editor.blockSignals(False)

    def mark_required(self, keys: Iterable[str]) -> None:
        """Marks exactly these fields (keys without the prefix) as required."""
        wanted = set(keys)
        for key, label in self.labels.items():
            f = self.editors[key].field
            text = label_text(f.label, key[len(self.prefix):] in wanted)
            if label.text() != text:
                label.setText(text)

    def marked(self) -> set[str]:
        """The keys (without the prefix) whose label carries the required mark."""
        return {key[len(self.prefix):] for key, label in self.labels.items() if is_marked(label)}

    def editor(self, key: str) -> FieldEditor:
        return self.editors[self.prefix + key]

    def show_findings(self, findings: list[Finding]) -> list[Finding]:
        """Places each finding beside its field; returns those that belong to none of them."""
        by_key: dict[str, list[Finding]] = {k: [] for k in self.editors}
        rest = []
        for f in findings:
            (by_key[f.field] if f.field in by_key else rest).append(f)
        for key, editor in self.editors.items():
            editor.show_findings(by_key[key])
        return rest
