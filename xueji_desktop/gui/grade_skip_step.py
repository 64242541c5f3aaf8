"""记录审批 for a 跳级 case: the step dialog, checked also by the 跳级 rules of a step (the 公示's working days, no
moving up before the 跳级时间), and at the last step the class of the new grade the pupil goes into (the list
shows each class's pupils and places). 确定 records the decision and the class in one transaction
(`core.changes.grade_skip_steps.decide`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QListWidget

from ..core.casework import change_reads
from ..core.casework.cases import data_of
from ..core.changes import grade_skip, grade_skip_steps
from ..core.rules.findings import Finding
from ..core.school.school import grade_name
from .class_list import fill_class_list
from .enrol_wizard import FindingList
from .operations import run_op
from .step_dialog import StepDialog


class SkipStepDialog(StepDialog):
    def __init__(self, ws, case_id: int, parent=None):
        self.classes = None
        super().__init__(ws, case_id, parent)
        if grade_skip_steps.is_last_step(self.case):
            to = data_of(self.case).get("to_grade")
            self.classes = QListWidget()
            self.classes.setAccessibleName("编入班级")
            self.classes.setMaximumHeight(110)
            fill_class_list(self.classes, to)
            self.class_hint = FindingList(self)
            self.class_hint.setVisible(False)
            label = QLabel(f"编入{grade_name(to)}：")
            label.setBuddy(self.classes)
            self.form.addRow(label, self.classes)
            self.form.addRow("", self.class_hint)
            self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
            self.hints["school_class"] = self.class_hint
            self.classes.currentRowChanged.connect(self.check)
            self.intro.setText(self.intro.text() + f"同意后该生随即跳级，编入所选的{grade_name(to)}班级。")
            self.check()

    def class_id(self) -> int | None:
        entry = self.classes.currentItem() if self.classes is not None else None
        return entry.data(Qt.UserRole) if entry is not None else None

    def findings(self) -> list[Finding]:
        found = super().findings()
        decision = self.decision()
        if decision is not None and not found:
            found = grade_skip.step_findings(self.ws, self.case, decision)
        if self.classes is not None and decision is not None and decision.outcome == "approved":
            problem = grade_skip_steps.class_problem(self.case, self.class_id())
            if problem is not None:
                found.append(problem)
        return found

    def submit(self) -> None:
        decision = self.decision()
        if decision is None:
            self.check()
            return
        result = run_op(self, lambda: grade_skip_steps.decide(self.ws, self.case.id, decision, self.class_id()),
                        initiator=self)
        if result is None:
            self.case = change_reads.case(self.case.id)
            self.check()
            return
        self.recorded = result
        self.accept()
