"""学籍变动: one wizard for every status change (休学 … 关键信息变更), driven by the kind's definition
(`core.changes.status_change.CHANGES`) and the region's profile.

情形与材料 → 日期与去向 → 情况确认 (skipped when the rules ask nothing) → 核对确认. The draft
(`ChangeDraft`) is checked on every edit and the findings are placed beside their fields; nothing
is written before the last button, and then `open_change` opens the case in one transaction (a
kind without approvers takes effect at once). The scans chosen on the way are stored right after.

`refusal(ws, kind, student)` says why a kind cannot be started for a pupil (the region does not
offer it, the status machine forbids it, a case is already open): the wizard is then not opened and
`run_change` shows the reason instead.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMessageBox, QWidget, QWizard

from ..core.casework import attachments, change_reads
from ..core.casework.cases import CaseKind, CaseStatus
from ..core.changes import status_change
from ..core.changes import status_rules as change_rules
from ..core.changes.status_change import CHANGES, ChangeDraft
from ..core.pupils.status import Status
from ..core.rules.findings import Finding, Severity
from . import operations
from .change_menu import MENU, unavailable  # noqa: F401 — the menu's entries, kept light for the main window
from .change_pages import (
    ChangeReviewPage,
    DatesPage,
    DeclarePage,
    GroundPage,
    answers_html,
    chain_html,
    change_rows,
    rows_html,
)
from .draft_refresh import DraftRefresh
from .font_size import points
from .operations import run_op
from .wizard_buttons import name_buttons

FINISH_TEXT = {CaseKind.DEATH: "确认注销学籍"}


def refusal(ws, kind: CaseKind, student) -> list[Finding]:
    """Everything that stops the kind before the first page: `unavailable`, or a case already open."""
    first = unavailable(ws, kind, student)
    if first is not None:
        return [first]
    draft = ChangeDraft(kind=kind, student_id=student.id, applied_on=ws.today())
    return [f for f in status_change.check(ws, draft)  # the workflow's own pupil-level blocks (an open case)
            if f.severity is Severity.BLOCK and f.rule in ("change.student", "change.kind")]


class ChangeWizard(DraftRefresh, QWizard):
    opened = Signal(object)  # the new Case

    def __init__(self, ws, kind: CaseKind, student_id: int, parent=None):
        super().__init__(parent)
        self.ws, self.kind, self.spec = ws, CaseKind(kind), CHANGES[CaseKind(kind)]
        self.student = change_reads.pupil(student_id)
        self.setWindowTitle(f"{self.kind.label} — {self.student.name}")
        self.setWizardStyle(QWizard.ModernStyle)
        self.setOption(QWizard.NoBackButtonOnStartPage)
        self.resize(1000, 680)
        self.draft = ChangeDraft(kind=self.kind, student_id=student_id, applied_on=ws.today())
        self.case = None  # set once the case is opened
        self.print_after = False
        self.findings: list[Finding] = []
        self.questions: dict[str, str] = {}  # declared id → the question, as asked
        self.reveal_all = False
        self._refreshing = True  # until every page exists
        self.pages_by_name = {}
        self.page_ids = {}
        for cls in (GroundPage, DatesPage, DeclarePage, ChangeReviewPage):
            page = cls(self)
            self.pages_by_name[page.name] = page
            self.page_ids[page.name] = self.addPage(page)
        immediate = not status_change.parties(ws, self.kind)
        name_buttons(self, FINISH_TEXT.get(self.kind, "确认办理" if immediate else "提交申请"))
        self._refreshing = False
        self.refresh()

    # the draft ---------------------------------------------------------------------------------
    def check_draft(self) -> list[Finding]:
        return status_change.check(self.ws, self.draft) + self.pages_by_name["dates"].local_findings()

    def after_check(self, findings: list[Finding]) -> None:
        self._ask(findings)

    def _ask(self, findings: list[Finding]) -> None:
        """The rules' yes/no questions (`core.changes.status_rules.questions`), and any block that asks
        for an answer (field declared.<id>) the list did not name."""
        asked: list[tuple[str, str, str, bool]] = []
        for q in change_rules.questions(self.ws, self.draft):
            rule = self.ws.profile.rule(q.key) if q.key in self.ws.profile.keys() else None
            asked.append((q.id, q.text, rule.article if rule is not None else "", q.required))
        named = {a[0] for a in asked}
        for f in findings:
            qid = (f.field or "")[9:]
            if (f.field or "").startswith("declared.") and qid not in named and qid not in self.questions:
                text = f.message.split("请确认：", 1)[1] if "请确认：" in f.message else f.message
                asked.append((qid, text, f.article, True))
        for qid, text, *_ in asked:
            self.questions.setdefault(qid, text)
        self.pages_by_name["declare"].ask(asked)

    def nextId(self) -> int:
        following = super().nextId()
        if following == self.page_ids["declare"] and not self.pages_by_name["declare"].has_questions():
            return self.page_ids["review"]
        return following

    # what the review page shows ----------------------------------------------------------------
    def draft_data(self) -> dict:
        d = self.draft
        return {"ground_id": d.ground_id, "evidence_seen": d.evidence_seen,
                "applied_on": d.applied_on.isoformat() if d.applied_on else None,
                "effective_on": d.effective_on.isoformat() if d.effective_on else None,
                "until": d.until.isoformat() if d.until else None, "return_grade": d.return_grade,
                "changes": d.changes, "details": d.details, "declared": d.declared, "note": d.note}

    def summary_html(self) -> str:
        s = change_reads.pupil_line(self.student)
        target = self.spec.leads_to
        move = (f"“{Status(s.status).label}” → “{target.label}”" if target is not None and target.value != s.status
                else f"学籍状态不变（“{Status(s.status).label}”）")
        head = (f"<p style='font-size:{points(13)}pt; margin-top:12px'><b>{escape(s.name)}</b>　{escape(self.kind.label)}："
                f"{escape(move)}</p><p style='color:#555'>学籍号 {s.student_number}　{escape(s.place)}</p>")
        rows = change_rows(self.ws, self.kind, self.draft_data(), self.student, self.questions)
        scans = "、".join(label for label, _ in self.pages_by_name["ground"].files_to_attach())
        if scans:
            rows.append(("扫描件", scans))
        return (head + "<p style='margin-top:8px'><b>办理内容</b></p>" + rows_html(rows)
                + answers_html(self.draft_data(), self.questions))

    def deadlines_html(self) -> str:
        return chain_html(self.ws, self.kind, self.draft.applied_on or self.ws.today(), self.draft)

    # finishing ---------------------------------------------------------------------------------
    def accept(self) -> None:
        self.refresh()
        case = run_op(self, lambda: status_change.open_change(self.ws, self.draft), initiator=self)
        if case is None:
            return  # refused: the message was shown, the draft is kept
        self.case = case
        for label, path in self.pages_by_name["ground"].files_to_attach():
            run_op(self, lambda label=label, path=path: attachments.add_attachment(self.ws, case, label, path),
                   initiator=self)
        review = self.pages_by_name["review"]
        self.print_after = review.print_after.isVisibleTo(review) and review.print_after.isChecked()
        self.opened.emit(case)
        super().accept()


def explain(parent: QWidget | None, kind: CaseKind, found: list[Finding]) -> None:
    operations.show_message(parent, QMessageBox.Icon.Information, kind.label, f"不能办理{kind.label}：",
                            operations.findings_text(found))


def run_change(parent: QWidget | None, ws, kind: CaseKind, student_id: int | None) -> ChangeWizard | None:
    """Opens the wizard for the pupil, or says why it cannot be opened; prints the region's form after
    a case is opened when the registrar asked for it. Returns the wizard (its `case` set if opened)."""
    student = change_reads.find_pupil(student_id)
    found = refusal(ws, kind, student)
    if found:
        explain(parent, kind, found)
        return None
    wizard = ChangeWizard(ws, kind, student.id, parent)
    wizard.exec()
    if wizard.case is not None and wizard.print_after:
        from .case_dialog import print_case_forms

        print_case_forms(parent, ws, change_reads.case(wizard.case.id))
    return wizard


def done_text(case) -> str:
    """The status-bar line after the wizard (`case`: the case `open_change` returned)."""
    kind = CaseKind(case.kind)
    name = change_reads.case_line(case.id).student_name
    if case.status == CaseStatus.COMPLETED.value:
        return f"已办理{kind.label}：{name}（{case.number}），已记入变更记录"
    return f"已发起{kind.label}申请 {case.number}（{name}）；审批结果请在“申请”中逐环节记录"
