"""待审批: the cases of every school waiting for this bureau, oldest deadline first (late in red), the
selected case in full on the right, and 同意… / 不同意… opening the decision dialog (review.decide)."""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...bureau import access_log, accounts, review, views
from ...core.casework.cases import OUTCOME_LABELS, CaseKind, party_label
from ...core.pupils import codes, regions
from ...core.school.school import grade_name
from ..forms.ui_bureau_decision import Ui_DecisionDialog
from .common import AMBER, GREY, RED, REFUSALS, KeyRole, bold_label, cell, rows_of, table, warn

HEADERS = ("申请编号", "学校", "学生", "类型", "待谁审批", "期限")
WIDTHS = (112, 180, 76, 60, 190)
LATE = "已逾期"
VERDICTS = {"approved": "同意", "rejected": "不同意"}


def due_text(due: dt.date | None, today: dt.date) -> tuple[str, bool]:
    if due is None:
        return "无期限", False
    late = due < today
    return f"{due:%Y-%m-%d}" + (f"（{LATE}）" if late else ""), late


class DecisionDialog(QDialog, Ui_DecisionDialog):
    """经办人 (the signed-in account, not editable) and 意见 / 理由; `submit` calls review.decide and stays
    open, with the message, when the bureau's rules or the account's roles refuse."""

    decided = Signal(object)  # the BureauDecision

    def __init__(self, store, case, outcome: str, person: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setupUi(self)
        self.store, self.case_uuid, self.outcome = store, case.uuid, outcome
        self.decision = None
        verdict = VERDICTS[outcome]
        self.setWindowTitle(f"{verdict}：{case.number}")
        pending = case.pending_party
        self.heading.setText(f"{case.school.name} 的申请 {case.number}（{CaseKind(case.kind).label}，"
                             f"{views.pupil_name(case)}）\n本局以“{party_label(pending)}”的身份审批：{verdict}")
        self.person.setText(accounts.who(store))
        self.person.setReadOnly(True)
        if outcome == "rejected":
            self.note_label.setText("理由：")
            self.note.setPlaceholderText("不同意时须写明理由（至少 4 个字）")
        self.note.setFixedHeight(self.fontMetrics().height() * 5)
        self.ok_button = self.buttons.addButton(verdict, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).clicked.connect(self.reject)
        self.ok_button.clicked.connect(self.submit)
        self.note.setFocus()

    def submit(self) -> None:
        try:
            self.decision = review.decide(self.store, self.case_uuid, self.outcome, note=self.note.toPlainText())
        except REFUSALS as e:
            warn(self, e.message)
            return
        self.decided.emit(self.decision)
        self.accept()


class ReviewTab(QWidget):
    decided = Signal()

    def __init__(self, store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.last_person = ""
        self.opened: dict = {}  # the pupil whose opening was last logged (access_log.open_once)
        self.dialog: DecisionDialog | None = None
        self.items: list[review.Pending] = []
        self.title = bold_label(parent=self)
        self.late = QLabel(self)
        self.late.setStyleSheet(f"color: {RED};")
        bar = QHBoxLayout()
        bar.addWidget(self.title)
        bar.addSpacing(12)
        bar.addWidget(self.late)
        bar.addStretch(1)

        self.table = table(HEADERS, WIDTHS, stretch=len(HEADERS) - 1)
        self.empty = QLabel("没有等待本局审批的申请。", self)
        self.empty.setEnabled(False)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(bar)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.empty)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.detail = QTextBrowser(right)
        self.detail.setOpenLinks(False)
        right_layout.addWidget(self.detail, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.approve_button = QPushButton("同意…", right)
        self.reject_button = QPushButton("不同意…", right)
        row.addWidget(self.approve_button)
        row.addWidget(self.reject_button)
        right_layout.addLayout(row)

        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([790, 540])
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 2)
        layout.addWidget(split)

        self.table.itemSelectionChanged.connect(self._show_selected)
        self.table.doubleClicked.connect(lambda _i: self.start_decision("approved"))
        self.approve_button.clicked.connect(lambda: self.start_decision("approved"))
        self.reject_button.clicked.connect(lambda: self.start_decision("rejected"))
        self.reload()

    def today(self) -> dt.date:
        return self.store.now().date()

    # filling ------------------------------------------------------------------------------------
    def reload(self) -> None:
        selected = self.selected_uuid()
        today = self.today()
        self.items = items = review.pending(self.store)
        t = self.table
        t.setRowCount(len(items))
        late = 0
        for r, p in enumerate(items):
            c = p.case
            due, overdue = due_text(p.due_on, today)
            late += overdue
            cells = (cell(c.number, key=c.uuid), cell(c.school.name), cell(views.pupil_name(c)),
                     cell(CaseKind(c.kind).label, center=True), cell(p.label),
                     cell(due, RED if overdue else None, bold=overdue))
            for col, item in enumerate(cells):
                t.setItem(r, col, item)
        self.title.setText(f"等待本局审批的申请：{len(items)} 件")
        self.late.setText(f"其中 {late} 件已逾期" if late else "")
        self.empty.setVisible(not items)
        if not (selected and self.select(selected)) and items:
            t.selectRow(0)
        self._show_selected()

    def selected_uuid(self) -> str | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return item.data(KeyRole) if item is not None else None

    def select(self, uuid_or_number: str) -> bool:
        for r, p in enumerate(self.items):
            if uuid_or_number in (p.case.uuid, p.case.number):
                self.table.selectRow(r)
                return True
        return False

    def selected(self) -> review.Pending | None:
        uuid = self.selected_uuid()
        return next((p for p in self.items if p.case.uuid == uuid), None)

    def rows(self) -> list[tuple[str, ...]]:
        return rows_of(self.table)

    def _show_selected(self) -> None:
        p = self.selected()
        if p is not None and not self._log_opening(p):
            p = None
        self.approve_button.setEnabled(p is not None)
        self.reject_button.setEnabled(p is not None)
        self.detail.setHtml(case_html(p, self.today()) if p is not None else
                            f"<p style='color:{GREY}'>在左边选中一件申请，这里显示它的全部内容。</p>")

    def _log_opening(self, p: review.Pending) -> bool:
        """The case shows its pupil's identity (学籍号, 身份证件号): logged as 查看 once per case shown
        (查询登记); False, nothing shown, when the log cannot be written."""
        pupil = views.case_pupil(p.case)
        number = pupil["student_number"] or pupil["id_number"]
        try:
            access_log.open_once(self.store, f"审批申请 {p.case.number}（{p.case.school.name}）",
                                 access_log.Pupil(p.case.school.code, number, pupil["name"]), self.opened)
        except REFUSALS as e:
            warn(self, e.message)
            return False
        return True

    # deciding -----------------------------------------------------------------------------------
    def start_decision(self, outcome: str) -> DecisionDialog | None:
        p = self.selected()
        if p is None:
            return None
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        self.dialog = DecisionDialog(self.store, p.case, outcome, self.last_person, self.window())
        self.dialog.decided.connect(self._after_decision)
        self.dialog.open()
        return self.dialog

    def _after_decision(self, decision) -> None:
        self.last_person = decision.person
        self.reload()
        self.decided.emit()


def _row(label: str, text) -> str:
    return (f"<tr><td align='right' style='color:#555;padding-right:8px;white-space:nowrap'>{escape(label)}</td>"
            f"<td>{escape(str(text))}</td></tr>") if text else ""


def case_html(p: review.Pending, today: dt.date) -> str:
    """The whole case as the bureau reads it before deciding."""
    case = p.case
    data = case.data_dict()
    pupil = views.case_pupil(case)
    kind = CaseKind(case.kind)
    due, overdue = due_text(p.due_on, today)
    who = "，".join(x for x in (pupil["name"], codes.SEX.label(pupil["sex"]) if pupil["sex"] else "",
                               f"出生日期 {pupil['birth_date']}" if pupil["birth_date"] else "") if x)
    rows = [_row("学生", who), _row("学籍号", pupil["student_number"]), _row("身份证件号", pupil["id_number"]),
            _row("申请学校", f"{case.school.name}（{case.school.code}）"),
            _row("申请日期", f"{case.opened_on:%Y-%m-%d}")]
    if pupil["grade"]:
        rows.append(_row("年级班级", f"{grade_name(pupil['grade'])} {pupil['class_name']}".strip()))
    if case.kind in views.TRANSFERS:
        source, target = views.transfer_schools(case)
        other = data.get("other_school") or {}
        area = regions.name_of(other.get("area_code", "")) if other.get("area_code") else ""
        rows += [_row("转出学校", source), _row("转入学校", target),
                 _row("对方学校所在地", area),
                 _row("年级", f"{grade_name(data['grade_from'])} → {grade_name(data['grade_to'])}"
                      if data.get("grade_from") and data.get("grade_to") else ""),
                 _row("转学原因", views.ground_label(case)),
                 _row("学籍档案", "由本县学校经教育局转来（籍随人走）" if data.get("archive_from_county") else "")]
    else:
        rows += [_row("事由", views.ground_label(case)),
                 _row("起始日期", data.get("effective_on") or ""), _row("截止日期", data.get("until") or "")]
    rows += [_row("说明", data.get("note") or ""),
             _row("已查验原件", "、".join(data.get("evidence_seen") or []))]
    steps = []
    for s in case.step_list():
        party = party_label(s.get("party", ""))
        if s.get("outcome"):
            colour = RED if s["outcome"] == "rejected" else "#2e7d32"
            text = (f"<span style='color:{colour}'><b>{OUTCOME_LABELS.get(s['outcome'], s['outcome'])}</b></span>"
                    f"　{escape(s.get('person') or '')}　{escape(s.get('done_on') or '')}"
                    + (f"<br><span style='color:#555'>{escape(s['note'])}</span>" if s.get("note") else ""))
        elif s.get("party") == p.party:
            text = (f"<b>等待本局审批</b>　<span style='color:{RED if overdue else '#555'}'>期限 {escape(due)}</span>")
        else:
            text = f"<span style='color:{GREY}'>待办</span>"
        steps.append(f"<tr><td style='padding-right:10px;white-space:nowrap'>{escape(party)}</td><td>{text}</td></tr>")
    warned = "".join(f"<li><span style='color:{AMBER}'>▲ {escape(w.get('message', ''))}"
                     + (f"（{escape(w['article'])}）" if w.get("article") else "") + "</span>"
                     f"<br>理由：{escape(w.get('reason', ''))}</li>" for w in data.get("warnings") or [])
    head = (f"<h3 style='margin:0'>{escape(kind.label)} {escape(case.number)}</h3>"
            f"<p style='margin-top:2px'>等待“{escape(p.label)}”审批，期限 "
            f"<span style='color:{RED if overdue else 'black'}'>{escape(due)}</span></p>")
    return (head + f"<table>{''.join(rows)}</table>"
            + f"<p><b>审批环节</b></p><table>{''.join(steps)}</table>"
            + (f"<p><b>学校已说明理由的提醒</b></p><ul>{warned}</ul>" if warned
               else "<p style='color:#555'>学校办理时没有需要说明理由的提醒。</p>"))
