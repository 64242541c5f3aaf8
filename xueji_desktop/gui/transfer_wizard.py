"""办理转入 / 办理转出: the transfer wizard.

转入 (direction "in"): 学生信息 → 家庭与监护人 → 转出学校与年级 → 转学原因与证明材料 → 情况确认 → 核对确认.
转出 (direction "out", from the selected pupil): 转入学校 → 转学原因与证明材料 → 情况确认 → 核对确认.

The draft (core.transfers.transfer.TransferDraft) is checked on every edit and the findings are
placed beside their fields; nothing is written before 提交申请, and then `open_transfer` opens the
case in one transaction. The scans chosen on the way are stored right after, one by one.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWizard

from ..core.casework import attachments, case_reads, cases
from ..core.dates.workdays import WorkCalendar
from ..core.pupils import pupil_reads, regions
from ..core.pupils.records import draft_sections
from ..core.rules.findings import Finding
from ..core.school.school import grade_name
from ..core.transfers import transfer, transfer_rules
from ..core.transfers.transfer import TransferDraft
from .draft_refresh import DraftRefresh
from .font_size import points
from .operations import run_op
from .transfer_pages import (
    DeclarePage,
    PupilPage,
    ReasonPage,
    SchoolPage,
    TransferFamilyPage,
    TransferReviewPage,
    item,
)
from .wizard_buttons import name_buttons

PAGES = {"in": (PupilPage, TransferFamilyPage, SchoolPage, ReasonPage, DeclarePage, TransferReviewPage),
         "out": (SchoolPage, ReasonPage, DeclarePage, TransferReviewPage)}
# The enrolment field checks the transfer reuses ask for the grade and the class in enrolment words;
# the transfer's own 转入年级 / 转入班级 findings say the same for this wizard.


def _row(label: str, text: str) -> str:
    return (f"<tr><td style='color:#555;padding-right:6px' align='right'>{escape(label)}</td>"
            f"<td style='padding-right:18px'>{escape(text)}</td></tr>") if text else ""


class TransferWizard(DraftRefresh, QWizard):
    opened = Signal(object)  # the new Case

    def __init__(self, ws, direction: str, student_id: int | None = None, parent=None):
        super().__init__(parent)
        if direction not in PAGES:
            raise ValueError(f"direction: {direction!r}")
        self.ws, self.direction = ws, direction
        self.setWindowTitle("办理转入 — 发起转学申请" if direction == "in" else "办理转出 — 登记转学申请")
        name_buttons(self)
        self.setWizardStyle(QWizard.ModernStyle)
        self.setOption(QWizard.NoBackButtonOnStartPage)
        self.resize(1040, 700)
        self.draft = TransferDraft(direction=direction, student_id=student_id, applied_on=ws.today())
        self.case = None  # set once the case is opened
        self.print_after = False
        self.findings: list[Finding] = []
        self.reveal_all = False
        self._refreshing = True  # until every page exists
        self.pages_by_name = {}
        for cls in PAGES[direction]:
            page = cls(self)
            self.pages_by_name[page.name] = page
            self.addPage(page)
        self.setButtonText(QWizard.FinishButton, "提交申请")
        self._refreshing = False
        self.refresh()

    # the draft ---------------------------------------------------------------------------------
    def check_draft(self) -> list[Finding]:
        return transfer.check(self.ws, self.draft)

    def prefill(self, values: dict[str, str], members: list[dict[str, str]]) -> None:
        """From a pupil this database already holds: the family page and the 入学年月."""
        family = self.pages_by_name.get("family")
        if family is not None:
            family.prefill(values, members)
        school = self.pages_by_name.get("school")
        if school is not None and getattr(school, "classes", None) is not None:
            school.placement.set_values({k: values[k] for k in ("entry_month", "study_mode", "commute",
                                                                "distance_km") if values.get(k)})

    # what the review page shows ----------------------------------------------------------------
    def summary_html(self) -> str:
        d, ws = self.draft, self.ws
        student = pupil_reads.pupil(d.student_id)
        name = student.name if student else d.pupil.value("name")
        other = d.other_school
        other_text = other.name + (f"（{regions.name_of(other.area_code)}）" if regions.name_of(other.area_code) else "")
        here = ws.school.name
        source, target = (other_text, here) if self.direction == "in" else (here, other_text)
        klass = case_reads.class_name(d.pupil.class_id) if d.pupil.class_id else None
        head = (f"<p style='font-size:{points(13)}pt'><b>{escape(name)}</b>　{'转入' if self.direction == 'in' else '转出'}："
                f"{escape(source)} {grade_name(d.grade_from) if d.grade_from else ''} → "
                f"{escape(target)} {grade_name(d.grade_to) if d.grade_to else ''}"
                f"{('　' + escape(klass)) if klass else ''}</p>")
        reasons = {item(r, "id"): item(r, "label") for r in transfer_rules.allowed_reasons(ws.profile)}
        rows = [_row("学籍号", d.incoming_number if self.direction == "in" else student.student_number if student else ""),
                _row("申请日期", f"{d.applied_on:%Y-%m-%d}" if d.applied_on else ""),
                _row(("转出" if self.direction == "in" else "转入") + "学校电话", other.phone),
                _row("转学原因", reasons.get(d.reason_id, "")),
                _row("转学类型", d.transfer_type),
                _row("已查验原件", "、".join(d.evidence_seen) or "（无）"),
                _row("扫描件", "、".join(label for label, _ in self.pages_by_name["reason"].files_to_attach()))]
        declare = self.pages_by_name["declare"]
        labels = {r.id: r.label for r in transfer_rules.possible_questions(ws.profile)}
        for did in declare.open_questions():
            if did in d.declared:
                rows.append(_row(f"是否属“{labels[did]}”", "是" if d.declared[did] else "否"))
        if d.filed_on:
            rows.append(_row("转学备案日期", f"{d.filed_on:%Y-%m-%d}"))
        if d.other_school_agreed is not None:
            rows.append(_row("对方学校意见", "已同意" if d.other_school_agreed else "未同意"))
        html = head + f"<p style='margin-top:8px'><b>申请内容</b></p><table>{''.join(rows)}</table>"
        if self.direction == "in":
            for title, section in draft_sections(d.pupil):
                if title == "编班与就读":
                    section = [(label, text) for label, text in section if label != "班级"]
                cells = "".join(_row(label, text) for label, text in section)
                html += f"<p style='margin-top:8px'><b>{escape(title)}</b></p><table>{cells}</table>"
        return html

    def deadlines_html(self) -> str:
        """Each party of the region's approval chain, with its working-day deadline."""
        ws = self.ws
        cal = WorkCalendar.from_store()
        opened = self.draft.applied_on or ws.today()
        days = ws.profile.value("transfer.deadline_working_days")
        rule = ws.profile.rule("transfer.deadline_working_days")
        d = self.draft
        chain = transfer.parties(ws, d.grade_from if d.grade_from is not None else d.grade_to)
        lines = []
        for n, party in enumerate(chain):
            due = transfer.due_for(ws, party, opened, opened, cal)
            if n == 0 or ws.profile.value("transfer.deadline_scope") == "overall":
                text = f"{due:%Y-%m-%d} 前（自申请日起 {days} 个工作日）" if due else "本地区规定未设期限"
            else:
                text = f"上一环节办结后 {days} 个工作日内" if due else "本地区规定未设期限"
            ours = party == ("receiving_school" if self.direction == "in" else "sending_school")
            lines.append(f"<tr><td align='right' style='color:#555;padding-right:6px'>{n + 1}. "
                         f"{escape(cases.party_label(party))}{'（本校）' if ours else ''}</td>"
                         f"<td>{escape(text)}</td></tr>")
        estimate = cal.add_working_days(opened, days)
        warning = (f"<p style='color:#b9770e'>▲ {escape(estimate.warning)}</p>" if estimate.estimated else "")
        return (f"<p style='margin-top:8px'><b>审批环节与期限</b>　<span style='color:#6b6b6b'>{escape(rule.article)}"
                f"</span></p><table>{''.join(lines)}</table>{warning}")

    # finishing ---------------------------------------------------------------------------------
    def accept(self) -> None:
        self.refresh()
        case = run_op(self, lambda: transfer.open_transfer(self.ws, self.draft), initiator=self)
        if case is None:
            return  # refused: the message was shown, the draft is kept
        self.case = case
        for label, path in self.pages_by_name["reason"].files_to_attach():
            run_op(self, lambda label=label, path=path: attachments.add_attachment(self.ws, case, label, path),
                   initiator=self)
        self.print_after = self.pages_by_name["review"].print_after.isChecked()
        self.opened.emit(case)
        super().accept()

