"""记录审批: one party's decision on a case, copied from the stamped form or the bureau's reply.

The dialog checks the decision as it is typed (`core.casework.cases.check_decision`: the order of the
chain, a date not before the previous step nor after today, a named person, a reason for 不同意)
and shows each problem under its field; 确定 records it through `transfer.record_step`, one
transaction with its event, and announces the change.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..core.casework import cases, change_reads
from ..core.casework.cases import StepDecision
from ..core.pupils.validation import parse_date
from ..core.rules.findings import Finding, Severity
from ..core.transfers import transfer
from .enrol_wizard import FindingList
from .operations import run_op


class StepDialog(QDialog):
    def __init__(self, ws, case_id: int, parent=None):
        super().__init__(parent)
        self.ws = ws
        self.case = change_reads.case(case_id)
        self.recorded = None  # the Case after a decision was recorded
        self.setWindowTitle(f"记录审批 — {self.case.number}")
        self.setMinimumWidth(700)

        pending = [s for s in cases.steps(self.case) if not s.outcome]
        self.party = QComboBox()
        self.party.setAccessibleName("环节")
        for step in pending:
            self.party.addItem(cases.party_label(step.party), step.party)
        self.date = QLineEdit(ws.today().isoformat())
        self.date.setPlaceholderText("YYYY-MM-DD")
        self.date.setAccessibleName("日期")
        self.person = QLineEdit()
        self.person.setPlaceholderText("签字或盖章的经办人姓名")
        self.person.setAccessibleName("经办人")
        self.approve_radio, self.reject_radio = QRadioButton("同意"), QRadioButton("不同意")
        self.approve_radio.setChecked(True)
        group = QButtonGroup(self)
        outcome = QWidget()
        row = QHBoxLayout(outcome)
        row.setContentsMargins(0, 0, 0, 0)
        for button in (self.approve_radio, self.reject_radio):
            group.addButton(button)
            row.addWidget(button)
        row.addStretch(1)
        self.note = QLineEdit()
        self.note.setPlaceholderText("不同意时必填：写明理由（至少 4 个字）")
        self.note.setAccessibleName("说明")

        self.hints = {key: FindingList() for key in ("party", "done_on", "person", "outcome", "note")}
        for hint in self.hints.values():
            hint.setWordWrap(True)
            hint.hide()
        form = QFormLayout()
        for label, widget, key in (("环节：", self.party, "party"), ("日期：", self.date, "done_on"),
                                   ("经办人：", self.person, "person"), ("意见：", outcome, "outcome"),
                                   ("说明：", self.note, "note")):
            cell = QWidget()  # the field with its messages right under it, as in the wizards
            box = QVBoxLayout(cell)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(1)
            box.addWidget(widget)
            box.addWidget(self.hints[key])
            form.addRow(label, cell)
        intro = QLabel(f"申请 <b>{self.case.number}</b>：按审批顺序逐环节记录。"
                       f"{'最后一个环节同意后，申请办结，学籍随即变更。' if len(pending) == 1 else ''}")
        intro.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText("记录")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject_dialog)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        for signal in (self.party.currentIndexChanged, self.date.textChanged, self.person.textChanged,
                       self.note.textChanged, self.approve_radio.toggled):
            signal.connect(self.check)
        self.check()

    def reject_dialog(self) -> None:
        QDialog.reject(self)

    def decision(self) -> StepDecision | None:
        day = parse_date(self.date.text())
        if day is None:
            return None
        index = self.party.currentIndex()
        return StepDecision(party=self.party.itemData(index) if index >= 0 else "", done_on=day, person=self.person.text().strip(),
                            outcome="approved" if self.approve_radio.isChecked() else "rejected",
                            note=self.note.text().strip())

    def findings(self) -> list[Finding]:
        decision = self.decision()
        if decision is None:
            return [Finding("gui.done_on", Severity.BLOCK, "done_on", "日期：请按 YYYY-MM-DD 填写，如 2026-09-08")]
        found = cases.check_decision(self.case, decision, self.ws.today())
        if not self.person.text().strip():  # not typed yet: say nothing, the button waits
            found = [f for f in found if f.field != "person"]
        if self.reject_radio.isChecked() and not self.note.text().strip():
            found = [f for f in found if f.field != "note"]
        return found

    def check(self) -> None:
        found = self.findings()
        for key, hint in self.hints.items():
            hint.show_findings([f for f in found if f.field == key])
        ready = (not any(f.severity is Severity.BLOCK for f in found) and bool(self.person.text().strip())
                 and (self.approve_radio.isChecked() or len(self.note.text().strip()) >= 4))
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(ready)

    def submit(self) -> None:
        """Records the decision; a refusal shows its message and keeps the dialog open."""
        decision = self.decision()
        if decision is None:
            self.check()
            return
        result = run_op(self, lambda: transfer.record_step(self.ws, self.case.id, decision), initiator=self)
        if result is None:
            self.case = change_reads.case(self.case.id)
            self.check()
            return
        self.recorded = result
        self.accept()
