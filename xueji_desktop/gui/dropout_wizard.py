"""控辍保学 dialogs: 疑似辍学 / 辍学 / 其他离校 (long absence) with the contact attempts the region's text
requires, and 辍学返校 to the grade that continues the pupil's schooling.

Everything is decided in core (`core.dropout_control.dropout_cases`, `core.dropout_control.dropout_rules`): the dialog shows the
proposed ground with its article and quote, the absence run, a table of contact attempts (日期, 联系人,
方式, 结果, 备注), the declarations, the measures, the findings and a reason box for each warning; 确认
records the status change and its events in one transaction. The 学籍 is kept.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.admission import enrolment
from ..core.casework.cases import CaseKind
from ..core.changes import status_change
from ..core.dropout_control import dropout_cases as wf
from ..core.dropout_control import dropout_rules as rules
from ..core.pupils.pupil_reads import pupil
from ..core.pupils.status import Status
from ..core.rules.findings import Severity
from ..core.school.school import grade_name
from . import operations
from .change_menu import DROPOUT_MENU, dropout_unavailable
from .class_list import fill_class_list
from .discard import DiscardGuard
from .enrol_wizard import FindingList
from .font_size import points
from .operations import run_op
from .reasons_box import ReasonsBox
from .screen_fit import scroll_body

# The entries of the 学籍变动 menu and the 控辍保学 menu, in order.
MENU = DROPOUT_MENU
unavailable = dropout_unavailable
DECLARATIONS = {
    "left_without_reason_unreachable": (rules.DECLARE_LEFT, "该生离校前未告知学校具体原因"),
    "family_refusal": (rules.DECLARE_FAMILY, "该生因家庭原因不到校，或明确表示不再读书"),
}
COLUMNS = ("日期", "联系人", "方式", "结果", "备注")


class AttemptsTable(QTableWidget):
    """The contact attempts, one row each: date and person typed, method and outcome chosen."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels(COLUMNS)
        self.setAccessibleName("联系记录")
        self.verticalHeader().setVisible(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.horizontalHeader()
        for col, mode in enumerate((QHeaderView.ResizeMode.Interactive, QHeaderView.ResizeMode.Interactive,
                                    QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch,
                                    QHeaderView.ResizeMode.Stretch)):
            header.setSectionResizeMode(col, mode)
        self.setColumnWidth(0, 110)
        self.setColumnWidth(1, 140)
        self.setMinimumHeight(150)

    def add_row(self, attempt: dict | None = None) -> int:
        a = attempt or {}
        row = self.rowCount()
        self.insertRow(row)
        date, person, note = QLineEdit(a.get("date", "")), QLineEdit(a.get("person", "")), QLineEdit(a.get("note", ""))
        date.setPlaceholderText("YYYY-MM-DD")
        person.setPlaceholderText("如 父亲 张建国")
        method = QComboBox()
        method.addItems(list(rules.METHODS))
        if a.get("method") in rules.METHODS:
            method.setCurrentText(a["method"])
        outcome = QComboBox()
        for key, label in rules.OUTCOMES.items():
            outcome.addItem(label, key)
        if a.get("outcome") in rules.OUTCOMES:
            outcome.setCurrentIndex(list(rules.OUTCOMES).index(a["outcome"]))
        for col, widget in enumerate((date, person, method, outcome, note)):
            widget.setAccessibleName(f"第{row + 1}次联系：{COLUMNS[col]}")
            self.setCellWidget(row, col, widget)
            signal = widget.textChanged if isinstance(widget, QLineEdit) else widget.currentIndexChanged
            signal.connect(lambda *_: self.changed.emit())
        self.changed.emit()
        return row

    def remove_selected(self) -> None:
        row = self.currentRow()
        if row >= 0:
            self.removeRow(row)
            self.changed.emit()

    def attempts(self) -> list[dict]:
        out = []
        for row in range(self.rowCount()):
            w = [self.cellWidget(row, c) for c in range(len(COLUMNS))]
            out.append({"date": w[0].text().strip(), "person": w[1].text().strip(), "method": w[2].currentText(),
                        "outcome": w[3].currentData(), "note": w[4].text().strip()})
        return out


class DropoutWizard(DiscardGuard, QDialog):
    """One dialog per kind: the proposal, the run, the attempts (or the return grade and class), confirm."""

    recorded = Signal(object)  # the Case

    def __init__(self, ws, kind: CaseKind, student_id: int, parent=None):
        super().__init__(parent)
        self.ws, self.kind = ws, CaseKind(kind)
        self.student = pupil(student_id)
        self.case = None
        self.draft = wf.new_draft(ws, self.kind, student_id)
        self.setWindowTitle(f"{self.kind.label} — {self.student.name}")
        self.resize(980, 660)
        layout = QVBoxLayout(self)
        s = self.student
        place = s.place
        target = status_change.CHANGES[self.kind].leads_to
        head = QLabel(f"<p style='font-size:{points(13)}pt'><b>{escape(s.name)}</b>　{escape(place)}　学籍号 {s.student_number}</p>"
                      f"<p>学籍状态：“{Status(s.status).label}” → “{target.label}”　（只改学籍状态，学籍保留）</p>")
        layout.addWidget(head)
        self.ground = QComboBox()
        self.ground.setAccessibleName("认定依据")
        self.basis = QLabel()
        self.basis.setWordWrap(True)
        self.basis.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.run_label = QLabel()
        self.run_label.setWordWrap(True)
        self.declares: dict[str, QCheckBox] = {}
        self.table = AttemptsTable()
        self.measures = QLineEdit()
        self.measures.setAccessibleName("采取的措施")
        self.measures.setPlaceholderText("如：班主任两次家访，已请村委会协助劝返")
        self.grade_label = QLabel()
        self.classes = QListWidget()
        self.classes.setAccessibleName("班级")
        if self.kind is CaseKind.DROPOUT_RETURN:
            layout.addWidget(self._return_box(), 1)
        else:
            layout.addWidget(self._leave_box(), 1)
        self.findings = FindingList()
        self.findings.setWordWrap(True)
        self.reasons = ReasonsBox()
        self.reasons.changed.connect(self.refresh)
        layout.addWidget(self.findings)
        layout.addWidget(self.reasons)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("确认登记" if self.kind is not CaseKind.DROPOUT_RETURN else "确认返校")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        scroll_body(self)  # at 150 % the form scrolls, 确认/取消 stay in sight
        self.refresh()

    # ── building ──
    def _leave_box(self) -> QWidget:
        box = QWidget()
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        for g in rules.grounds(self.ws.profile, self.kind):
            self.ground.addItem(g.label, g.id)
        if self.draft.ground_id:
            self.ground.setCurrentIndex(max(0, self.ground.findData(self.draft.ground_id)))
        self.ground.currentIndexChanged.connect(self._ground_chosen)
        form.addRow("认定依据：", self.ground)
        form.addRow("条文：", self.basis)
        form.addRow("缺勤情况：", self.run_label)
        col.addLayout(form)
        self.declare_row = QHBoxLayout()
        col.addLayout(self.declare_row)
        group = QGroupBox("联系家长、动员返校记录（每次联系一行）")
        inner = QVBoxLayout(group)
        inner.addWidget(self.table)
        row = QHBoxLayout()
        add, remove = QPushButton("添加一次联系"), QPushButton("删除所选")
        add.clicked.connect(lambda: self.table.add_row({"date": self.ws.today().isoformat()}))
        remove.clicked.connect(self.table.remove_selected)
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        inner.addLayout(row)
        col.addWidget(group, 1)
        measures = QFormLayout()
        measures.addRow("采取的措施：", self.measures)
        col.addLayout(measures)
        self.table.changed.connect(self.refresh)
        self.measures.textChanged.connect(self.refresh)
        self._ground_chosen()
        return box

    def _return_box(self) -> QWidget:
        box = QWidget()
        form = QFormLayout(box)
        before, due, left_on = wf.continuing_grade(self.ws, self.student.id)
        rule = self.ws.profile.rule("dropout.return_grade")
        self.grade_label.setWordWrap(True)
        self.grade_label.setText(
            f"{grade_name(due)}（离校时在{grade_name(before)}"
            + (f"，{left_on:%Y-%m-%d} 离校" if left_on else "") + "；按接续学业编入，不得降级、留级）")
        form.addRow("返校年级：", self.grade_label)
        if rule.applies:
            self.basis.setText(f"{escape(rule.article)}：“{escape(rule.quote or '')}”")
            form.addRow("条文：", self.basis)
        fill_class_list(self.classes, due, own_class_id=self.student.school_class_id
                        if self.student.school_class_id is not None and self.student.class_grade == due else None)
        self.classes.currentItemChanged.connect(self._class_chosen)
        form.addRow("编入班级：", self.classes)
        return box

    def _ground_chosen(self, *_):
        self.draft.ground_id = self.ground.currentData()
        g = rules.ground_of(self.ws.profile, self.kind, self.draft.ground_id)
        self.basis.setText(f"{escape(g.article)}：“{escape(g.quote)}”" if g else "")
        while self.declare_row.count():
            item = self.declare_row.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.declares = {}
        if g and g.condition in DECLARATIONS:
            qid, text = DECLARATIONS[g.condition]
            box = QCheckBox(text)
            box.setAccessibleName(text)
            box.setChecked(bool(self.draft.declared.get(qid)))
            box.toggled.connect(lambda on, q=qid: self._declared(q, on))
            self.declare_row.addWidget(box)
            self.declares[qid] = box
        self.refresh()

    def _declared(self, qid: str, on: bool) -> None:
        self.draft.declared = {**self.draft.declared, qid: on}
        self.refresh()

    def _class_chosen(self, item, _previous=None) -> None:
        details = dict(self.draft.details)
        details["class_id"] = item.data(Qt.ItemDataRole.UserRole) if item else None
        self.draft.details = details
        self.refresh()

    # ── the draft ──
    def refresh(self) -> None:
        if not hasattr(self, "ok"):
            return
        if self.kind is not CaseKind.DROPOUT_RETURN:
            self.draft.details = {**self.draft.details, "attempts": self.table.attempts(),
                                  "measures": self.measures.text().strip()}
        found = wf.check(self.ws, self.draft)
        run = self.draft.details.get("run") or {}
        if self.kind is not CaseKind.DROPOUT_RETURN:
            if run.get("days"):
                need = f"；认定须连续 {run['needed']} 个上课日" if run.get("needed") else ""
                self.run_label.setText(f"{run.get('first')} 起连续无故缺席 {run.get('days')} 个上课日"
                                       f"（至 {run.get('last')}，只计上课日，周末、节假日和寒暑假不计{need}）")
            else:
                self.run_label.setText("目前没有连续的无故缺席记录（考勤登记中登记“旷”）")
        shown = [f for f in found if f.rule not in ("dropout.keeps_status",)]
        self.findings.show_findings(shown)
        if set(self.reasons.edits) != {f.rule for f in found if f.severity is Severity.WARN}:
            self.reasons.show_warnings(found, self.draft.reasons)
        stop = [f for f in found if f.severity is Severity.BLOCK] + enrolment.unexplained(found, self.draft.reasons)
        self.ok.setEnabled(not stop)
        self.ok.setToolTip("；".join(f.message for f in stop[:3]))

    def accept(self) -> None:
        self.refresh()
        if not self.ok.isEnabled():
            return
        case = run_op(self, lambda: wf.record(self.ws, self.draft), initiator=self)
        if case is None:
            return
        self.case = case
        self.recorded.emit(case)
        super().accept()


def run_dropout(parent, ws, kind: CaseKind, student_id: int | None) -> DropoutWizard | None:
    """Opens the dialog for the pupil, or says why it cannot be opened."""
    student = pupil(student_id)
    why = unavailable(ws, kind, student)
    if why is None and student is not None:
        blocks = [f for f in status_change.check(ws, status_change.ChangeDraft(kind=kind, student_id=student.id))
                  if f.severity is Severity.BLOCK and f.rule in ("change.student", "change.kind")]
        why = blocks[0] if blocks else None
    if why is not None:
        operations.show_message(parent, QMessageBox.Icon.Information, kind.label, f"不能办理{kind.label}：", why.text)
        return None
    dialog = DropoutWizard(ws, kind, student.id, parent)
    dialog.exec()
    return dialog
