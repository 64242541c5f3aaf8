"""记录审批: one party's decision on a case, copied from the stamped form or the bureau's reply.

The dialog checks the decision as it is typed (`core.casework.cases.check_decision`: the order of the
chain, a date not before the previous step nor after today, a named person, a reason for 不同意)
and shows each problem under its field; 确定 records it through `transfer.record_step`, one
transaction with its event, and announces the change.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox

from ..core.casework import cases, change_reads
from ..core.casework.cases import StepDecision
from ..core.pupils.validation import parse_date
from ..core.rules.findings import Finding, Severity
from ..core.transfers import transfer
from .forms.ui_step_decision import Ui_StepDialog
from .operations import run_op


class StepDialog(QDialog, Ui_StepDialog):
    def __init__(self, ws, case_id: int, parent=None):
        super().__init__(parent)
        self.setupUi(self)
        self.ws = ws
        self.case = change_reads.case(case_id)
        self.recorded = None  # the Case after a decision was recorded
        self.setWindowTitle(f"记录审批 — {self.case.number}")

        pending = [s for s in cases.steps(self.case) if not s.outcome]
        for step in pending:
            self.party.addItem(cases.party_label(step.party), step.party)
        self.date.setText(ws.today().isoformat())
        # each field with its messages right under it, as in the wizards
        self.hints = {"party": self.party_hint, "done_on": self.date_hint, "person": self.person_hint,
                      "outcome": self.outcome_hint, "note": self.note_hint}
        self.intro.setText(f"申请 <b>{self.case.number}</b>：按审批顺序逐环节记录。"
                           f"{'最后一个环节同意后，申请办结，学籍随即变更。' if len(pending) == 1 else ''}")
        self.buttons.button(QDialogButtonBox.Ok).setText("记录")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject_dialog)
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
