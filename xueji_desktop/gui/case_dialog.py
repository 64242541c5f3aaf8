"""The case page (申请): who moves where and why (a transfer) or what changes (休学 … 关键信息变更),
the approval chain with each party's working-day deadline, the proof kept with the case, the
region's forms for the kind to print, and the history.

Every write goes through run_op (记录审批 → StepDialog → transfer.record_step, 添加证明材料 →
attachments.add_attachment, 撤回申请 → transfer.withdraw); the page re-reads the case whenever the
hub names it among the changed cases.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QBrush, QColor, QDesktopServices, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.casework import attachments, case_reads, cases
from ..core.casework.case_reads import CaseRow
from ..core.casework.cases import CaseKind, CaseStatus
from ..core.changes.status_change import CHANGES
from ..core.dates.workdays import WorkCalendar, status_of
from ..core.forms.printing import print_case_form
from ..core.forms.transfer_forms import TRANSFER_FORMS
from ..core.pupils import codes, regions
from ..core.school.events import Changes
from ..core.school.school import grade_name
from ..core.transfers import transfer, transfer_rules
from .colours import AMBER, GREY, RED
from .font_size import points
from .hub import hub
from .operations import run_op
from .screen_fit import scroll_body

PENDING_BACKGROUND = QColor("#fff4d6")
STEP_HEADERS = ("环节", "期限", "日期", "经办人", "意见", "说明")
HISTORY_HEADERS = ("时间", "操作人", "内容", "依据条款", "原因")
STATUS_COLOURS = {CaseStatus.OPEN: "#1565c0", CaseStatus.COMPLETED: "#2e7d32", CaseStatus.REJECTED: RED,
                  CaseStatus.WITHDRAWN: "#757575"}


# ── what a deadline looks like ───────────────────────────────────────────────────────────────
def step_deadline(ws, case: CaseRow, step, cal: WorkCalendar) -> tuple[str, bool, str]:
    """(text, late, estimate warning) for one step's 期限 cell."""
    if step.due_on is None:
        if step.outcome:
            return "—", False, ""
        days = deadline_days(ws, case)
        first_open = case.pending
        if days is None or (case.status == CaseStatus.OPEN.value and first_open is not None
                            and first_open.id == step.id):
            return "本地区规定未设期限", False, ""
        return f"上一环节办结后 {days} 个工作日", False, ""
    if step.outcome:
        late = step.done_on is not None and step.done_on > step.due_on
        return f"{step.due_on:%Y-%m-%d}" + ("（逾期办结）" if late else "（按期办结）"), late, ""
    if case.status != CaseStatus.OPEN.value:
        return f"{step.due_on:%Y-%m-%d}", False, ""
    due = status_of(step.due_on, ws.today(), cal)
    return f"{step.due_on:%Y-%m-%d}（{due.label}）", due.overdue, due.warning if due.estimated else ""


TRANSFER_KINDS = (CaseKind.TRANSFER_IN.value, CaseKind.TRANSFER_OUT.value)


def is_transfer(case) -> bool:
    return case.kind in TRANSFER_KINDS


def deadline_days(ws, case) -> int | None:
    """Working days each party has, for the case's kind (None: the region sets none)."""
    if is_transfer(case):
        return ws.profile.value("transfer.deadline_working_days")
    key = CHANGES[CaseKind(case.kind)].deadline
    return ws.profile.value(key) if key and ws.profile.applies(key) else None


def party_text(case, party: str) -> str:
    """The party's name, marked （本校） where it is this school."""
    if not is_transfer(case):
        from .change_pages import party_text as change_party

        return change_party(party, CaseKind(case.kind))
    ours = "receiving_school" if case.kind == CaseKind.TRANSFER_IN.value else "sending_school"
    return cases.party_label(party) + ("（本校）" if party == ours else "")


def pupil_of(case: CaseRow) -> dict:
    return case.pupil


def other_school(case: CaseRow) -> str:
    """A transfer's other school; for any other case, what it changes in a few words."""
    data = case.data
    if not is_transfer(case):
        from .change_pages import change_brief

        return change_brief(CaseKind(case.kind), data)
    return data["from_school"] if case.kind == CaseKind.TRANSFER_IN.value else data["to_school"]


# ── the dialogs a test replaces ─────────────────────────────────────────────────────────────
def ask_save_path(parent, title: str, default: Path) -> str:
    path, _ = QFileDialog.getSaveFileName(parent, title, str(default), "PDF 文件 (*.pdf)")
    if path and not path.lower().endswith(".pdf"):
        path += ".pdf"
    return path


def ask_open_path(parent) -> str:
    path, _ = QFileDialog.getOpenFileName(parent, "选择扫描件或照片", str(Path.home()),
                                          "图片或 PDF (*.jpg *.jpeg *.png *.pdf)")
    return path


def ask_text(parent, title: str, label: str) -> str | None:
    text, ok = QInputDialog.getText(parent, title, label)
    return text if ok else None


def open_file(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def print_spec(ws, form_id: str, kind: CaseKind | None = None):
    """The form's print spec: its copies as the region's form entry says (营口 附件1 1 式 2 份, 附件2 1 式 3
    份), with the entry's article; 1 copy where the text says nothing."""
    from . import printing

    key = "forms.transfer" if form_id in TRANSFER_FORMS else CHANGES[kind].forms if kind is not None else None
    key, entry, article = (key or "").partition("/")[0], {}, ""
    known = ws.profile.keys()
    if key and key in known:
        rule = ws.profile.rule(key)
        entry = next((f for f in (rule.value if isinstance(rule.value, list) else [])
                      if isinstance(f, dict) and f.get("id") == form_id), {})
        article = rule.article
    return printing.spec_of(form_title(form_id), entry, article)


def print_form(parent, ws, form_id: str, case_list: list, blank: bool = False, to_printer: bool = False):
    """Asks where to save the form, writes the PDF (filled, or blank) and opens it; or, `to_printer`, shows
    it in the print preview to send to the printer in the copies the text asks for."""
    spec = TRANSFER_FORMS[form_id]
    chosen = [] if blank else case_list
    from .purpose_dialog import cancelled, purpose_question

    def make(target: Path) -> Path | None:
        return run_op(parent, cancelled(lambda: print_case_form(ws, form_id, chosen, target,
                                                                purpose=purpose_question(parent, ws))),
                      initiator=parent)

    if to_printer:
        from . import printing

        return printing.print_made(parent, ws, print_spec(ws, form_id), make)
    stem = "空白" if blank else (case_list[0].number if spec.kind == "case" and case_list
                                 else f"{ws.today():%Y-%m-%d}")
    path = ask_save_path(parent, f"保存《{spec.title}》", Path.home() / f"{spec.title}-{stem}.pdf")
    if not path:
        return None
    result = make(Path(path))
    if result is not None:
        open_file(result)
    return result


def roster_cases() -> list:
    """The open transfers in, for a roster form such as 安阳's 转学备案汇总表."""
    return case_reads.open_transfers_in()


def forms_of(ws, kind: CaseKind = CaseKind.TRANSFER_IN) -> list[dict]:
    """The region's forms for the kind that can be printed (transfer forms, or the status forms)."""
    if kind.value in TRANSFER_KINDS:
        return [f for f in ws.profile.value("forms.transfer") if f["id"] in TRANSFER_FORMS]
    from ..core.forms.grade_skip_forms import SKIP_FORMS
    from .change_pages import forms_of as change_forms

    if kind is CaseKind.SKIP_GRADE:  # the 学生跳级申请表 and the 学生跳级公示
        return [f for f in change_forms(ws.profile, kind) if f["id"] in SKIP_FORMS]
    from ..core.forms.status_forms import STATUS_FORMS

    return [f for f in change_forms(ws.profile, kind) if f["id"] in STATUS_FORMS]


def form_title(form_id: str) -> str:
    if form_id in TRANSFER_FORMS:
        return TRANSFER_FORMS[form_id].title
    from ..core.forms.grade_skip_forms import SKIP_FORMS

    if form_id in SKIP_FORMS:
        return SKIP_FORMS[form_id].title
    from ..core.forms.status_forms import STATUS_FORMS

    return STATUS_FORMS[form_id].title


def print_status(parent, ws, form_id: str, case, to_printer: bool = False, kind: CaseKind | None = None):
    """A status-change form (休学 … 关键信息变更) for the case, or blank: asks where, writes, opens; or,
    `to_printer`, previews it to send to the printer in the copies the text asks for."""
    from ..core.forms.grade_skip_forms import SKIP_FORMS, print_skip_form
    from ..core.forms.printing import print_status_form

    write = print_skip_form if form_id in SKIP_FORMS else print_status_form

    def make(target: Path) -> Path | None:
        return run_op(parent, lambda: write(ws, form_id, case, target), initiator=parent)

    if to_printer:
        from . import printing

        kind = kind or (CaseKind(case.kind) if case is not None else None)
        return printing.print_made(parent, ws, print_spec(ws, form_id, kind), make)
    title = form_title(form_id)
    stem = case.number if case is not None else "空白"
    path = ask_save_path(parent, f"保存《{title}》", Path.home() / f"{title}-{stem}.pdf")
    if not path:
        return None
    result = make(Path(path))
    if result is not None:
        open_file(result)
    return result


def print_case_forms(parent, ws, case) -> list[Path]:
    """Every form of the region for this case's kind (a roster form with all open transfers in);
    `case` is the case's id (or anything with the id as `.id`)."""
    case = case_reads.case_record(case if isinstance(case, int) else case.id)
    if not is_transfer(case):
        from ..core.forms.grade_skip_forms import ready_to_print

        done = [print_status(parent, ws, form["id"], case) for form in forms_of(ws, CaseKind(case.kind))
                if ready_to_print(case, form["id"])]  # 跳级: the 公示 after the expert panel's result
        return [p for p in done if p is not None]
    done = []
    for form in forms_of(ws):
        spec = TRANSFER_FORMS[form["id"]]
        chosen = roster_cases() if spec.kind == "roster" else [case]
        path = print_form(parent, ws, form["id"], chosen)
        if path is not None:
            done.append(path)
    return done


# ── the page ─────────────────────────────────────────────────────────────────────────────────
def _table(headers, stretch: int) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.Interactive)
    header.setSectionResizeMode(stretch, QHeaderView.Stretch)
    return table


def _cell(text: str, colour: str | None = None, bold: bool = False) -> QTableWidgetItem:
    entry = QTableWidgetItem(text)
    entry.setToolTip(text)
    if colour:
        entry.setForeground(QBrush(QColor(colour)))
    if bold:
        font = QFont()
        font.setBold(True)
        entry.setFont(font)
    return entry


class CaseDialog(QDialog):
    def __init__(self, ws, case_id: int, parent=None):
        super().__init__(parent)
        self.ws = ws
        self.case_id = case_id
        opened = case_reads.case_row(case_id)
        self.kind, self.case_uuid = CaseKind(opened.kind), opened.uuid
        self.setWindowTitle(f"{self.kind.label}申请")
        self.resize(1120, 690)

        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.steps_table = _table(STEP_HEADERS, 5)
        self.steps_table.setWordWrap(False)  # one line a party; the tooltip has the whole text
        self.steps_table.setSelectionMode(QAbstractItemView.NoSelection)
        self.steps_table.setFocusPolicy(Qt.NoFocus)
        for column, width in enumerate((250, 280, 90, 170, 56)):
            self.steps_table.setColumnWidth(column, width)
        self.steps_table.setAccessibleName("审批环节")
        self.estimate = QLabel()
        self.estimate.setWordWrap(True)
        self.estimate.setStyleSheet(f"color: {AMBER};")

        self.record_button = QPushButton("记录审批…")
        self.record_button.clicked.connect(self._record_clicked)
        self.withdraw_button = QPushButton("撤回申请…")
        self.withdraw_button.clicked.connect(self.withdraw)
        actions = QHBoxLayout()
        actions.addWidget(self.record_button)
        actions.addStretch(1)
        self.print_buttons: dict[tuple[str, bool], QPushButton] = {}  # 另存为 PDF (filled, blank)
        self.to_printer_buttons: dict[str, QPushButton] = {}  # 打印… (preview, then the printer)
        for form in forms_of(ws, self.kind):
            roster = form["id"] in TRANSFER_FORMS and TRANSFER_FORMS[form["id"]].kind == "roster"
            title = form_title(form["id"])
            filled = QPushButton(f"《{title}》" + ("（全部办理中的转入）" if roster else "") + "另存为 PDF…")
            filled.setToolTip(form.get("note", ""))
            blank = QPushButton("空白表")
            blank.setToolTip(f"把空白的《{title}》另存为 PDF，打印后手工填写")
            filled.clicked.connect(lambda _=False, f=form["id"]: self._print_clicked(f, False))
            blank.clicked.connect(lambda _=False, f=form["id"]: self._print_clicked(f, True))
            filled.setToolTip("另存为 PDF 并打开。" + form.get("note", ""))
            to_printer = QPushButton("打印…")
            copies = print_spec(ws, form["id"], self.kind).copies_note
            to_printer.setToolTip(f"预览《{title}》并送打印机" + (f"，{copies}" if copies else ""))
            to_printer.clicked.connect(lambda _=False, f=form["id"]: self.print(f, to_printer=True))
            actions.addWidget(filled)
            actions.addWidget(to_printer)
            actions.addWidget(blank)
            self.to_printer_buttons[form["id"]] = to_printer
            self.print_buttons[(form["id"], False)] = filled
            self.print_buttons[(form["id"], True)] = blank
        actions.addSpacing(16)
        actions.addWidget(self.withdraw_button)
        self.copies = QLabel()
        self.copies.setStyleSheet(f"color: {GREY};")

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_files(), "证明材料")
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.details.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.details.setContentsMargins(6, 6, 6, 6)
        self.tabs.addTab(self.details, "申请内容")
        self.history = _table(HISTORY_HEADERS, 2)
        self.history.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        for column, width in ((0, 120), (1, 70), (3, 190), (4, 200)):
            self.history.setColumnWidth(column, width)
        self.tabs.addTab(self.history, "办理记录")

        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(self.copies, 1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.steps_table)
        layout.addWidget(self.estimate)
        layout.addLayout(actions)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        scroll_body(self)  # at 125 %/150 % the page scrolls, 关闭 stays in sight
        hub().changed.connect(self.on_changes)
        self.reload()

    def _build_files(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        self.files = QListWidget()
        self.files.setAccessibleName("证明材料")
        self.files.itemDoubleClicked.connect(lambda entry: self.open_attachment(entry.data(Qt.UserRole)))
        row = QHBoxLayout()
        self.file_label = QComboBox()
        self.file_label.setEditable(True)
        self.file_label.setMinimumWidth(320)
        self.file_label.setAccessibleName("材料名称")
        self.add_button = QPushButton("添加证明材料…")
        self.add_button.clicked.connect(self.add_attachment)
        self.open_button = QPushButton("打开")
        self.open_button.clicked.connect(self._open_current)
        row.addWidget(QLabel("材料名称："))
        row.addWidget(self.file_label, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.open_button)
        layout.addWidget(self.files, 1)
        layout.addLayout(row)
        return box

    # reading ------------------------------------------------------------------------------------
    @property
    def case(self):
        """The stored case, for the core services that take one (attaching, printing)."""
        return case_reads.case_record(self.case_id)

    def reload(self) -> None:
        case = case_reads.case_row(self.case_id)
        data = case.data
        status = CaseStatus(case.status)
        self.setWindowTitle(f"{self.kind.label}申请 {case.number}")
        self._fill_header(case, data, status)
        self._fill_steps(case)
        self._fill_files(case, data)
        self._fill_details(case, data)
        self._fill_history(case)
        is_open = status is CaseStatus.OPEN
        self.record_button.setEnabled(is_open)
        self.withdraw_button.setEnabled(is_open)
        self.add_button.setEnabled(is_open)
        copies = [f"《{form_title(f['id'])}》1 式 {f['copies']} 份" for f in forms_of(self.ws, self.kind)
                  if f.get("copies", 1) > 1]
        self.copies.setText("；".join(copies) + ("，请打印相应份数。" if copies else ""))

    def _fill_header(self, case: CaseRow, data: dict, status: CaseStatus) -> None:
        pupil = pupil_of(case)
        kind = CaseKind(case.kind)
        grades = " → ".join(grade_name(g) for g in (data.get("grade_from"), data.get("grade_to")) if g)
        colour = STATUS_COLOURS[status]
        pending = case.pending
        now = (f"当前环节：<b>{escape(party_text(case, pending.party))}</b>"
               if pending is not None and status is CaseStatus.OPEN else "")
        closed = f"　{case.closed_on:%Y-%m-%d} {status.label}" if case.closed_on else ""
        badge = "#00897b" if kind is CaseKind.TRANSFER_IN else "#6d4c41"
        if not is_transfer(case):
            from .change_pages import change_brief, ground_label

            ground = ground_label(self.ws.profile, kind, data.get("ground_id"))
            line = escape("　".join(x for x in (change_brief(kind, data), f"情形：{ground}" if ground else "") if x))
        else:
            line = (f"{escape(data.get('from_school', ''))} → {escape(data.get('to_school', ''))}"
                    f"　{escape(grades)}　转学原因：{escape(data.get('reason_label', '') or '—')}")
        self.header.setText(
            f"<p style='font-size:{points(14)}pt; margin:0'><b>{case.number}</b>　"
            f"<span style='background:{badge}; color:white'>&nbsp;{kind.label}&nbsp;</span>　"
            f"<span style='background:{colour}; color:white'>&nbsp;{status.label}&nbsp;</span>"
            f"　<b>{escape(pupil.get('name', ''))}</b>　学籍号 {escape(pupil.get('student_number', '') or '—')}</p>"
            f"<p style='margin:4px 0 0 0'>{line}</p>"
            f"<p style='margin:2px 0 0 0; color:{GREY}'>申请日期 {case.opened_on:%Y-%m-%d}，"
            f"经办 {escape(case.opened_by)}{escape(closed)}</p>"
            + (f"<p style='margin:2px 0 0 0'>{now}</p>" if now else ""))

    def _fill_steps(self, case: CaseRow) -> None:
        cal = WorkCalendar.from_store()
        steps = case.steps
        pending = case.pending if case.status == CaseStatus.OPEN.value else None
        table = self.steps_table
        table.setRowCount(len(steps))
        warnings = []
        for row, step in enumerate(steps):
            text, late, warning = step_deadline(self.ws, case, step, cal)
            if warning:
                warnings.append(warning)
            current = pending is not None and step.id == pending.id
            outcome = cases.OUTCOME_LABELS.get(step.outcome, "")
            outcome_colour = {"approved": "#2e7d32", "rejected": RED}.get(step.outcome, GREY)
            cells = (_cell(("▶ " if current else "") + f"{row + 1}. {party_text(case, step.party)}", bold=current),
                     _cell(text, RED if late else None, bold=late),
                     _cell(f"{step.done_on:%Y-%m-%d}" if step.done_on else ""),
                     _cell(step.person), _cell(outcome, outcome_colour), _cell(step.note))
            for column, entry in enumerate(cells):
                if current:
                    entry.setBackground(QBrush(PENDING_BACKGROUND))
                table.setItem(row, column, entry)
        table.resizeRowsToContents()
        height = table.horizontalHeader().height() + sum(table.rowHeight(r) for r in range(table.rowCount())) + 4
        table.setFixedHeight(height)
        self.estimate.setText("▲ " + warnings[0] if warnings else "")
        self.estimate.setVisible(bool(warnings))

    def _fill_files(self, case: CaseRow, data: dict) -> None:
        self.files.clear()
        rows = case_reads.attachment_rows(case.id)
        for att in rows:
            entry = QListWidgetItem(f"{att.label}：{att.filename}（{att.size / 1024:.0f} KB，"
                                    f"{att.added_at:%Y-%m-%d} {att.added_by}添加）")
            entry.setData(Qt.UserRole, att.id)
            entry.setToolTip("双击打开")
            self.files.addItem(entry)
        if not rows:
            none = QListWidgetItem("（尚未添加扫描件或照片）")
            none.setData(Qt.UserRole, 0)
            none.setFlags(Qt.NoItemFlags)
            self.files.addItem(none)
        self.tabs.setTabText(0, f"证明材料（{len(rows)}）")
        if is_transfer(case):
            needed = transfer_rules.evidence_for(self.ws.profile, data.get("reason_id"), data.get("grade_from"))
        else:
            from .change_pages import evidence_for

            needed = evidence_for(self.ws, self.kind, data.get("ground_id"),
                                  case_reads.student_record(case.student_id))[0]
        current = self.file_label.currentText()
        self.file_label.clear()
        self.file_label.addItems(list(needed) + ["其他证明材料"])
        if current:
            self.file_label.setEditText(current)

    def _fill_details(self, case: CaseRow, data: dict) -> None:
        def row(label, text):
            return (f"<tr><td align='right' style='color:#555;padding-right:8px'>{escape(label)}</td>"
                    f"<td>{escape(text)}</td></tr>") if text else ""

        if not is_transfer(case):
            from .change_pages import answers_html, change_rows, question_list, rows_html

            warned = "".join(f"<li><span style='color:{AMBER}'>▲ {escape(w['message'])}（{escape(w['article'])}）</span>"
                             f"<br>理由：{escape(w['reason'])}</li>" for w in data.get("warnings", []))
            questions = {q.id: q.text for q in question_list(self.ws, case_reads.case_record(case.id))}
            self.details.setText(rows_html(change_rows(self.ws, self.kind, data,
                                                       case_reads.student_record(case.student_id)))
                                 + answers_html(data, questions)
                                 + (f"<p><b>已说明理由的提醒</b></p><ul>{warned}</ul>" if warned else ""))
            return
        pupil = data.get("pupil", {})
        other = data.get("other_school", {})
        area = regions.name_of(other.get("area_code", ""))
        refusal_labels = {r.id: r.label for r in transfer_rules.possible_questions(self.ws.profile)}
        rows = [row("学生", f"{pupil.get('name', '')}，{codes.SEX.label(pupil.get('sex'))}，"
                          f"出生日期 {pupil.get('birth_date', '')}"),
                row("身份证件号", pupil.get("id_number", "")),
                row("对方学校", f"{other.get('name', '')}" + (f"（{area}）" if area else "")),
                row("对方学校电话", other.get("phone", "")),
                row("转学原因", data.get("reason_label", "")),
                row("转学类型", data.get("transfer_type", "")),
                row("已查验原件", "、".join(data.get("evidence_seen", [])) or "（无）"),
                row("转学备案日期", data.get("filed_on") or ""),
                row("对方学校意见", {True: "已同意", False: "未同意"}.get(data.get("other_school_agreed"), ""))]
        for did, answer in data.get("declared", {}).items():
            rows.append(row(f"是否属“{refusal_labels.get(did, did)}”", "是" if answer else "否"))
        for g in data.get("guardians", []):
            rows.append(row(f"监护人（{codes.RELATION.label(g.get('relation'))}）",
                            "　".join(x for x in (g.get("name", ""), g.get("employer", ""), g.get("phone", "")) if x)))
        warned = "".join(f"<li><span style='color:{AMBER}'>▲ {escape(w['message'])}（{escape(w['article'])}）</span>"
                         f"<br>理由：{escape(w['reason'])}</li>" for w in data.get("warnings", []))
        self.details.setText(f"<table>{''.join(rows)}</table>"
                             + (f"<p><b>已说明理由的提醒</b></p><ul>{warned}</ul>" if warned else ""))

    def _fill_history(self, case: CaseRow) -> None:
        events = case_reads.history_rows(case.id)
        table = self.history
        table.setRowCount(len(events))
        for r, e in enumerate(events):
            warned = e.warnings
            reasons = ([f"{w['message']}——理由：{w['reason']}" for w in warned] if warned
                       else list(e.reasons))
            cells = (f"{e.created_at:%Y-%m-%d %H:%M}", e.author, e.summary,
                     "\n".join(e.articles), "\n".join(reasons))
            for c, text in enumerate(cells):
                table.setItem(r, c, _cell(text))
        self.tabs.setTabText(2, f"办理记录（{len(events)}）")

    def history_rows(self) -> list[tuple[str, ...]]:
        t = self.history
        return [tuple(t.item(r, c).text() for c in range(t.columnCount())) for r in range(t.rowCount())]

    def step_rows(self) -> list[tuple[str, ...]]:
        t = self.steps_table
        return [tuple(t.item(r, c).text() for c in range(t.columnCount())) for r in range(t.rowCount())]

    def on_changes(self, changes: Changes, initiator: object = None) -> None:
        if self.case_id not in changes.cases:
            return
        if case_reads.case_uuid(self.case_id) == self.case_uuid:  # the same case, not a namesake in another file
            self.reload()

    # actions (slots return nothing: PySide must not be handed a value for a void signal) ----------
    def _record_clicked(self) -> None:
        self.record_step()

    def _print_clicked(self, form_id: str, blank: bool) -> None:
        self.print(form_id, blank)

    def _open_current(self) -> None:
        row = self.files.currentRow()
        if row >= 0:
            self.open_attachment(self.files.item(row).data(Qt.UserRole))

    def record_step(self):
        from .grade_skip_step import SkipStepDialog
        from .step_dialog import StepDialog

        dialog = (SkipStepDialog if self.kind is CaseKind.SKIP_GRADE else StepDialog)(self.ws, self.case_id, self)
        dialog.exec()
        return dialog.recorded

    def add_attachment(self) -> None:
        label = self.file_label.currentText().strip()
        path = ask_open_path(self)
        if not path:
            return
        run_op(self, lambda: attachments.add_attachment(self.ws, self.case, label, path), initiator=self)

    def open_attachment(self, attachment_id: int | None) -> None:
        att = case_reads.attachment_row(attachment_id) if attachment_id else None
        if att is not None:
            open_file(attachments.stored_path(self.ws, att))

    def print(self, form_id: str, blank: bool = False, to_printer: bool = False):
        if self.kind.value not in TRANSFER_KINDS:
            return print_status(self, self.ws, form_id, None if blank else self.case, to_printer, self.kind)
        spec = TRANSFER_FORMS[form_id]
        chosen = roster_cases() if spec.kind == "roster" else [self.case]
        return print_form(self, self.ws, form_id, chosen, blank=blank, to_printer=to_printer)

    def withdraw(self) -> None:
        reason = ask_text(self, "撤回申请", f"撤回申请 {case_reads.case_row(self.case_id).number} 的理由（至少 4 个字，记入办理记录）：")
        if reason is None:
            return
        run_op(self, lambda: transfer.withdraw(self.ws, self.case_id, reason), initiator=self)
