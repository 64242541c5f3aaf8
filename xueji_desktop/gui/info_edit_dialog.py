"""修改信息: the routine fields the region lets the registrar change at once (现住址, 联系电话 …),
with their current values; 保存 goes through `info_change.update_routine` (one transaction, the
change logged old → new). The key fields (姓名, 身份证件号 …) are listed with the way to change
them: 申请关键信息变更…, which closes this dialog and asks the window to open the change wizard.
"""

from __future__ import annotations

import itertools
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from ..core.casework import change_reads
from ..core.casework.cases import CaseKind
from ..core.changes import info_change
from ..core.changes.status_change import offered, status_problem
from ..core.pupils.fields import STUDENT, required_keys
from ..core.rules.findings import Finding, Severity
from .change_pages import GREY, key_field_keys
from .field_widgets import FieldForm
from .forms.ui_info_edit import Ui_InfoEditDialog
from .operations import run_op


def _focus_chain(window: QWidget) -> list[QWidget]:
    """The widgets of a window that take focus, in Tab order."""
    found, widget = [], window.nextInFocusChain()
    while widget is not window:
        if widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
            found.append(widget)
        widget = widget.nextInFocusChain()
    return found


class InfoEditDialog(QDialog, Ui_InfoEditDialog):
    def __init__(self, ws, student_id: int, parent=None):
        super().__init__(parent)
        self.setupUi(self)
        self.ws = ws
        self.student_id = student_id
        self.saved = None  # the Student after 保存
        self.wants_key_change = False  # 申请关键信息变更… was clicked: the caller opens the wizard
        student = self.student
        self.setWindowTitle(f"修改信息 — {student.name}")

        keys = info_change.routine_keys(ws.profile)
        rule = ws.profile.rule("info_change.routine_fields")
        self.intro.setText(f"<b>{escape(student.name)}</b>　学籍号 {student.student_number}<br>"
                           f"下列信息可直接修改，保存后立即生效并记入变更记录"
                           f"<span style='color:{GREY}'>（{escape(rule.article)}"
                           f"{'；' + escape(rule.note.rstrip('。')) if rule.note else ''}）</span>。")
        values = change_reads.record_values(student_id)
        self.form = FieldForm([STUDENT[k] for k in keys], columns=1, required=required_keys(values))
        self.original = {k: values.get(k, "") for k in keys}
        self.form.set_values(self.original)
        for editor in self.form.editors.values():
            editor.edited.connect(self.check)
        self.routine_layout.addWidget(self.form)
        self._tab_through_fields_first()

        key_labels = "、".join(STUDENT[k].label for k in key_field_keys(ws.profile))
        key_rule = ws.profile.rule("info_change.key_fields")
        self.key_note.setText(f"{escape(key_labels)}属于关键信息，不能在这里修改：须凭监护人申请和证明材料"
                              f"（如户口簿）办理关键信息变更，经审核后生效"
                              f"<span style='color:{GREY}'>（{escape(key_rule.article)}）</span>。")
        self.key_button.clicked.connect(self._key_change_clicked)
        why = offered(ws, CaseKind.KEY_INFO_CHANGE) or status_problem(student, CaseKind.KEY_INFO_CHANGE)
        self.key_button.setEnabled(why is None)
        self.key_button.setToolTip(why.text if why else "打开关键信息变更向导")

        self.buttons.button(QDialogButtonBox.Save).setText("保存")
        self.buttons.button(QDialogButtonBox.Cancel).setText("取消")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self._cancel_clicked)
        self.check()

    def _tab_through_fields_first(self) -> None:
        """The fields joined the window after the widgets below them; put them back first in the Tab order, so
        the first field has the focus when the dialog opens. Qt leaves an order alone when only unfocusable
        widgets (here the dialog itself) lie between the two widgets: the dialog takes Tab focus meanwhile."""
        fields = [w for w in _focus_chain(self) if self.form.isAncestorOf(w)]
        below = [self.key_button, self.buttons.button(QDialogButtonBox.Save), self.buttons.button(QDialogButtonBox.Cancel)]
        policy = self.focusPolicy()
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        for first, second in itertools.pairwise(fields[-1:] + below):
            QWidget.setTabOrder(first, second)
        self.setFocusPolicy(policy)

    @property
    def student(self):
        """The pupil's record as it is now (read again each time), for the core checks."""
        return change_reads.pupil(self.student_id)

    def changes(self) -> dict[str, str]:
        """The fields whose value differs from the record."""
        return {k: v for k, v in self.form.values().items() if v != self.original.get(k, "")}

    def findings(self) -> list[Finding]:
        changes = self.changes()
        if not changes:
            return []
        return info_change.check(self.ws, self.student, changes)

    def check(self) -> None:
        found = self.findings()
        rest = self.form.show_findings(found)
        self.notes.show_findings(rest)
        ready = bool(self.changes()) and not any(f.severity is Severity.BLOCK for f in found)
        save = self.buttons.button(QDialogButtonBox.Save)
        save.setEnabled(ready)
        save.setToolTip("" if ready else "没有任何修改" if not self.changes() else "请先处理标红的问题")

    def save(self) -> None:
        changes = self.changes()
        result = run_op(self, lambda: info_change.update_routine(self.ws, self.student_id, changes), initiator=self)
        if result is None:
            self.check()
            return
        self.saved = result
        self.accept()

    def _cancel_clicked(self) -> None:
        self.reject()

    def _key_change_clicked(self) -> None:
        self.wants_key_change = True
        self.done(QDialog.Rejected)

