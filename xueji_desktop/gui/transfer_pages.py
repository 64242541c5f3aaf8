"""The pages of the transfer wizard (转入 / 转出). The draft and every rule live in
core.transfers.transfer and core.transfers.transfer_rules; these pages only show them and collect input.

The identity and family pages are the enrolment wizard's, reused (the incoming pupil's record is an
EnrolmentDraft); the other pages are built on the same DraftPage base, so findings sit beside their
fields in the same colours and Next stays disabled while a block remains on the page.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..core.admission import enrolment
from ..core.admission.enrolment import FAMILY_FIELDS, IDENTITY_FIELDS, PLACEMENT_FIELDS
from ..core.casework import case_reads
from ..core.pupils import pupil_reads
from ..core.pupils.fields import STUDENT, Field, Kind
from ..core.pupils.status import ON_ROLL, Status
from ..core.pupils.validation import parse_date
from ..core.rules.findings import Finding, Severity
from ..core.school.coverage import grades_covered
from ..core.school.school import grade_name, grades_taught
from ..core.transfers import transfer, transfer_rules
from .attachments_box import AttachmentsBox
from .class_list import fill_class_list
from .enrol_wizard import DraftPage, FamilyPage, FindingList, IdentityPage
from .field_widgets import COLOURS, FieldForm
from .font_size import points
from .reasons_box import ReasonsBox

GREY = "#6b6b6b"
MIN_REASON = enrolment.MIN_REASON

# Which page shows a finding, by the first part of its field (the rest goes to 核对确认).
PAGE_FIELDS = {
    "identity": IDENTITY_FIELDS + ("incoming_number",),
    "family": FAMILY_FIELDS + ("guardians",),
    "school": PLACEMENT_FIELDS + ("other_school", "other_area", "other_phone", "grade", "grade_from", "grade_to",
                                  "applied_on", "window"),
    "reason": ("reason", "evidence", "attachment", "transfer_type"),
    "declare": ("declared", "filed_on", "other_school_agreed", "exam_period"),
}


def page_of(finding: Finding, direction: str) -> str:
    key = (finding.field or "").split(".")[0]
    if key == "student":  # the pupil: who is typed in (转入) or chosen (转出)
        return "identity" if direction == "in" else "school"
    if key == "school_class":
        return "school"
    for page, keys in PAGE_FIELDS.items():
        if key in keys:
            return page
    return "review"


def item(entry, key: str, default=""):
    """A profile list item (dict) or a rules dataclass, read the same way."""
    if isinstance(entry, dict):
        return entry.get(key, default)
    return getattr(entry, key, default)


def article_html(text: str, article: str = "", note: str = "") -> str:
    """The text, then its article and note in grey, each on a line of its own."""
    lines = [escape(text)] if text else []
    lines += [f"<span style='color:{GREY}'>{escape(x)}</span>" for x in (article, note) if x]
    return "<br>".join(lines)


def chosen(combo: QComboBox):
    """The current item's data, or None with nothing chosen. (PySide6 6.12 on Python 3.11 hands back
    None for an empty QVariant without a reference of its own: asking an empty combo drains None.)"""
    index = combo.currentIndex()
    return combo.itemData(index) if index >= 0 else None


def current_data(widget: QListWidget):
    """The current row's data, or None with no row chosen (see `chosen`)."""
    row = widget.currentRow()
    return widget.item(row).data(Qt.UserRole) if row >= 0 else None


def _wrapped(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.RichText)
    return label


class _Placed:
    """Findings placed by the transfer page map instead of the enrolment one."""

    def mine(self, findings: list[Finding]) -> list[Finding]:
        return [f for f in findings if page_of(f, self.wiz.direction) == self.name]

    def _hint_key(self, f: Finding) -> str | None:
        if f.field in self.hints:
            return f.field
        key = (f.field or "").split(".")[0]
        return key if key in self.hints else None

    def hint(self, key: str) -> FindingList:
        label = FindingList()
        label.setWordWrap(True)
        label.hide()
        self.hints[key] = label
        return label


class TransferPage(_Placed, DraftPage):
    """A page of the transfer wizard. A block about an input the registrar has not touched yet is
    listed as still to fill in, not shouted in red; every other finding shows at once."""

    inputs: tuple[str, ...] = ()  # the field keys this page lets the registrar set

    def show_findings(self, findings: list[Finding]) -> None:
        mine = self.mine(findings)

        def hidden(f: Finding) -> bool:
            key = (f.field or "").split(".")[0]
            return (f.severity is Severity.BLOCK and key in self.inputs and f.field not in self.touched
                    and key not in self.touched and not self.wiz.reveal_all)

        visible = [f for f in mine if not hidden(f)]
        rest = visible
        for form in self.forms:
            rest = form.show_findings(rest)
        for key, hint in self.hints.items():
            hint.show_findings([f for f in rest if self._hint_key(f) == key])
        self.notes.show_findings([f for f in rest if self._hint_key(f) is None])
        names = list(dict.fromkeys(f.message.split("不能为空")[0].split("：")[0] for f in mine if hidden(f)))
        self.pending.setText(f"还需填写：{'、'.join(names)}（填完后“下一步”才可用）" if names else "")
        self.completeChanged.emit()


# ── 学生信息 (转入) ─────────────────────────────────────────────────────────────────────────────
def _draft_values(student) -> tuple[dict[str, str], list[dict[str, str]]]:
    """A pupil already in this database (e.g. transferred out earlier), as draft text; `student` is
    the pupil's id (or anything with the id as `.id`)."""
    return case_reads.draft_values(student if isinstance(student, int) else student.id)


class PupilPage(_Placed, IdentityPage):
    """原学籍号 first, then the enrolment wizard's identity fields; a pupil this database already
    knows (by 学籍号 or ID number) fills the record from what it holds."""

    def set_body(self, *widgets: QWidget) -> None:  # called once by IdentityPage.__init__
        self.setTitle("学生信息")
        self.setSubTitle("先输入原学籍号（转出学校的学籍号，终身不变），再输入 18 位身份证号：出生日期、性别和出生地"
                         "自动填写；本校曾有该学生的记录时自动带出，请与户口簿核对。")
        self.verified.setText("已与户口簿原件核对，身份信息核验通过")
        self.prefilled_from: int | None = None
        box = QWidget()
        row = QGridLayout(box)
        row.setContentsMargins(0, 0, 0, 6)
        label = QLabel("<span style='color:#c0392b'>*</span>原学籍号")
        self.number = QLineEdit()
        self.number.setMaxLength(19)
        self.number.setPlaceholderText("G 或 L 开头，共 19 位")
        self.number.setAccessibleName("原学籍号")
        label.setBuddy(self.number)
        row.addWidget(label, 0, 0, Qt.AlignRight)
        row.addWidget(self.number, 0, 1)
        row.addWidget(self.hint("incoming_number"), 1, 1)
        self.archive_box = QCheckBox("档案经教育局转来（转出学校在本县使用学籍桌面）：只填身份信息，其余转入时自动填入")
        self.archive_box.setToolTip("籍随人走：转出学校同意后，教育局把该生的完整学籍档案随回执转来，不必重新录入")
        self.archive_box.setAccessibleName("档案经教育局转来")
        self.archive_box.toggled.connect(lambda _on: self.wiz.refresh())
        row.addWidget(self.archive_box, 2, 0, 1, 2)
        row.setColumnStretch(1, 1)
        self.known = _wrapped()
        self.known.hide()
        self.number.textChanged.connect(self._number_edited)
        self.form.editor("id_number").edited.connect(self._look_up)
        self.student_hint = self.hint("student")
        super().set_body(box, self.known, self.student_hint, *widgets)

    def _number_edited(self) -> None:
        self.touched.add("incoming_number")
        self._look_up()
        self.wiz.refresh()

    def _look_up(self) -> None:
        number = self.number.text().strip().upper()
        id_number = self.form.editor("id_number").value().upper()
        student = pupil_reads.known_pupil(number if len(number) == 19 else "",
                                          id_number if len(id_number) == 18 else "")
        if student is None or student.id == self.prefilled_from:
            return
        status = Status(student.status)
        if status in ON_ROLL:
            return  # the rules say so beside the ID: already a pupil here
        self.prefilled_from = student.id
        values, members = _draft_values(student.id)
        self.form.set_values({k: v for k, v in values.items() if k in IDENTITY_FIELDS})
        self.touched.update(k for k in IDENTITY_FIELDS if values.get(k))
        if not number:
            self.number.blockSignals(True)
            self.number.setText(student.student_number)
            self.number.blockSignals(False)
        self.wiz.prefill(values, members)
        self.known.setText(f"<span style='color:{COLOURS[Severity.INFO]}'>● 本校数据库中已有该学生的记录："
                           f"{escape(student.name)}，学籍号 {student.student_number}，状态“{status.label}”"
                           f"{'，' + escape(student.class_name) if student.class_name else ''}。"
                           "已据此填写身份和家庭信息，请与家长核对后修改变化之处。</span>")
        self.known.show()

    def collect(self, draft) -> None:
        super().collect(draft.pupil)
        draft.incoming_number = self.number.text().strip().upper()
        draft.archive_from_county = self.archive_box.isChecked()


class TransferFamilyPage(_Placed, FamilyPage):
    def collect(self, draft) -> None:
        super().collect(draft.pupil)

    def prefill(self, values: dict[str, str], members: list[dict[str, str]]) -> None:
        self.form.set_values({k: v for k, v in values.items() if k in FAMILY_FIELDS})
        for form, member in zip(self.members, members):
            form.set_values(member)


# ── 转出学校与年级 / 转入学校 ─────────────────────────────────────────────────────────────────────
class SchoolPage(TransferPage):
    """The other school, the grades, the date of application; for 转入 the class and the placement."""

    inputs = ("other_school", "other_area", "school_class", "entry_month", "grade_from", "grade_to")

    def __init__(self, wizard):
        incoming = wizard.direction == "in"
        super().__init__(wizard, "school", "转出学校与年级" if incoming else "转入学校",
                         "转学只能同年级互转（六三、五四学制按 1—9 年级对应）；每个班级后列出已有人数、计划人数和剩余名额。"
                         if incoming else "填写学生将要转入的学校；转学只能同年级互转。")
        ws = wizard.ws
        other = "转出学校" if incoming else "转入学校"
        self.other = self.add_form(FieldForm([
            Field("other_school", f"{other}名称", required=True, max_len=60),
            Field("other_area", "所在县（区）", Kind.REGION, required=True),
            Field("other_phone", f"{other}联系电话", Kind.PHONE, max_len=20),
            Field("applied_on", "申请日期", Kind.DATE, required=True),
        ], columns=2))
        self.other.set_values({"applied_on": ws.today().isoformat()})
        widgets: list[QWidget] = []
        if not incoming:
            self.pupil = _wrapped()
            widgets.append(self.pupil)
        widgets.append(self.other)

        grades = QWidget()
        grid = QGridLayout(grades)
        grid.setContentsMargins(0, 6, 0, 0)
        self.grade_from = QComboBox()
        self.grade_from.setAccessibleName("原年级")
        self.grade_to = QComboBox()
        self.grade_to.setAccessibleName("转入年级")
        covered = grades_covered(ws.profile)
        for g in covered:
            self.grade_from.addItem(grade_name(g), g)
        taught = grades_taught(ws.kind, ws.system) if incoming else covered
        for g in taught:
            self.grade_to.addItem(grade_name(g), g)
        self.grade_from.setCurrentIndex(-1)
        self.grade_to.setCurrentIndex(-1)
        grid.addWidget(QLabel("<span style='color:#c0392b'>*</span>原年级"), 0, 0, Qt.AlignRight)
        grid.addWidget(self.grade_from, 0, 1)
        grid.addWidget(QLabel("→  <span style='color:#c0392b'>*</span>转入年级"), 0, 2, Qt.AlignRight)
        grid.addWidget(self.grade_to, 0, 3)
        grid.addWidget(self.hint("grade_from"), 1, 0, 1, 4)  # full width: these sentences cite articles
        grid.addWidget(self.hint("grade_to"), 2, 0, 1, 4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        widgets.append(grades)
        self.grade_from.currentIndexChanged.connect(self._from_changed)
        self.grade_to.currentIndexChanged.connect(self._to_changed)
        self.window_hint = self.hint("window")
        widgets.append(self.window_hint)
        self.assignment = _wrapped()
        self.assignment.hide()
        widgets.append(self.assignment)

        self.classes = None
        if incoming:
            self.classes = QListWidget()
            self.classes.setAccessibleName("班级")
            self.classes.setMinimumHeight(80)
            self.classes.setMaximumHeight(140)
            self.classes.currentRowChanged.connect(lambda: self._edited("school_class"))
            rule = ws.profile.rule("transfer.class_assignment")
            if rule.applies and rule.value != "school":
                self.assignment.setText(f"<span style='color:{COLOURS[Severity.INFO]}'>● "
                                        f"{escape(rule.quote or '班级由教育行政部门指定')}（{escape(rule.article)}）："
                                        "请选择指定的班级。</span>")
                self.assignment.show()
            self.placement = self.add_form(FieldForm(
                [STUDENT[k] for k in PLACEMENT_FIELDS if k in STUDENT and k != "school_class"], columns=2))
            box = QGroupBox("就读信息（入学年月按原学校的记录填写）")
            QVBoxLayout(box).addWidget(self.placement)
            widgets += [QLabel("<span style='color:#c0392b'>*</span>转入班级"), self.classes,
                        self.hint("school_class"), box]
        else:
            widgets.append(self.hint("student"))
        self.set_body(*widgets)

    def initializePage(self) -> None:
        draft = self.wiz.draft
        if self.wiz.direction == "out":
            student = pupil_reads.pupil(draft.student_id)
            if student is not None:
                self.pupil.setText(
                    f"<p style='font-size:{points(12)}pt'>转出学生：<b>{escape(student.name)}</b>　学籍号 {student.student_number}　"
                    f"{escape(student.class_name or grade_name(student.grade))}　"
                    f"状态“{Status(student.status).label}”</p>")
                if self.grade_from.currentIndex() < 0:
                    self._select(self.grade_from, student.grade)
                    self.grade_from.setEnabled(False)
        self.wiz.refresh()

    @staticmethod
    def _select(combo: QComboBox, grade: int | None) -> None:
        index = combo.findData(grade)
        if index >= 0:
            combo.setCurrentIndex(index)

    def _from_changed(self) -> None:
        self.touched.add("grade_from")
        grade = chosen(self.grade_from)
        if grade is not None:  # same grade by default: the region's rule, and the usual case
            self._select(self.grade_to, grade)
        self._edited("grade_from")

    def _to_changed(self) -> None:
        self.touched.add("grade_to")
        self._fill_classes()
        self._edited("grade_to")

    def _fill_classes(self) -> None:
        if self.classes is None:
            return
        grade = chosen(self.grade_to)
        fill_class_list(self.classes, grade, current_data(self.classes))

    def collect(self, draft) -> None:
        values = self.other.values()
        other = draft.other_school
        other.name, other.area_code, other.phone = values["other_school"], values["other_area"], values["other_phone"]
        draft.applied_on = parse_date(values["applied_on"]) or None
        draft.grade_from = chosen(self.grade_from)
        draft.grade_to = chosen(self.grade_to)
        if self.classes is not None:
            draft.pupil.class_id = current_data(self.classes)
            draft.pupil.student.update(self.placement.values())

    def show_findings(self, findings: list[Finding]) -> None:
        values = self.other.values()
        if values["applied_on"] and parse_date(values["applied_on"]) is None:  # typed, but not a date
            findings = findings + [Finding("gui.applied_on", Severity.BLOCK, "applied_on",
                                           "申请日期：请按 YYYY-MM-DD 填写，如 2026-09-01")]
        super().show_findings(findings)

    def isComplete(self) -> bool:
        date = self.other.values()["applied_on"]
        return super().isComplete() and parse_date(date) is not None


# ── 转学原因与证明材料 ───────────────────────────────────────────────────────────────────────────
class ReasonPage(TransferPage):
    inputs = ("reason",)

    def __init__(self, wizard):
        super().__init__(wizard, "reason", "转学原因与证明材料",
                         "只列本地区规定准予转学的情形；选定原因后逐项查验证明材料原件，可添加扫描件或照片一并保存。")
        profile = wizard.ws.profile
        self.reason_group = QButtonGroup(self)
        reasons_box = QGroupBox("转学原因")
        layout = QVBoxLayout(reasons_box)
        self.reason_buttons: dict[str, QRadioButton] = {}
        for n, reason in enumerate(transfer_rules.allowed_reasons(profile)):
            rid = item(reason, "id")
            button = QRadioButton(item(reason, "label"))
            button.setAccessibleName(f"原因：{item(reason, 'label')}")
            self.reason_group.addButton(button, n)
            self.reason_buttons[rid] = button
            layout.addWidget(button)
            source = _wrapped(article_html("", item(reason, "article"), item(reason, "note") or ""))
            source.setContentsMargins(22, 0, 0, 4)
            layout.addWidget(source)
            button.toggled.connect(lambda on, r=rid: self._reason_toggled(on, r))
        layout.addWidget(self.hint("reason"))

        self.evidence_box = QGroupBox("证明材料（查验原件后勾选）")
        self.evidence_layout = QVBoxLayout(self.evidence_box)
        self.evidence_checks: dict[str, QCheckBox] = {}
        self.no_evidence = QLabel("请先选择转学原因。")
        self.no_evidence.setEnabled(False)
        self.evidence_layout.addWidget(self.no_evidence)
        self.evidence_hint = self.hint("evidence")

        self.types = None
        widgets: list[QWidget] = [reasons_box]
        type_rule = profile.rule("transfer.types")
        if type_rule.applies and type_rule.value:
            self.types = QComboBox()
            self.types.addItem("请选择", "")
            for label in type_rule.value:
                self.types.addItem(label, label)
            self.types.setAccessibleName("转学类型")
            self.types.currentIndexChanged.connect(lambda: self._edited("transfer_type"))
            row = QWidget()
            form = QFormLayout(row)
            form.setContentsMargins(0, 0, 0, 0)
            form.addRow(f"转学类型（{type_rule.article}）：", self.types)
            widgets += [row, self.hint("transfer_type")]
        widgets += [self.evidence_box, self.evidence_hint]

        self.attachments = AttachmentsBox("扫描件或照片（JPG、PNG 或 PDF；提交申请后保存到本机数据库的附件目录）")
        files = self.attachments
        widgets.append(files)

        self.set_body(*widgets)

    def _reason_toggled(self, on: bool, reason_id: str) -> None:
        if on:
            self._reason_chosen(reason_id)

    def _reason_chosen(self, reason_id: str) -> None:
        for check in self.evidence_checks.values():
            check.deleteLater()
        self.evidence_checks = {}
        d = self.wiz.draft
        needed = transfer_rules.evidence_for(self.wiz.ws.profile, reason_id,
                                             d.grade_from if d.grade_from is not None else d.grade_to)
        self.no_evidence.setText("本地区规定对该原因未列明证明材料。" if not needed else "")
        self.no_evidence.setVisible(not needed)
        for paper in needed:
            check = QCheckBox(f"已查验原件：{paper}")
            check.setAccessibleName(f"已查验：{paper}")
            check.toggled.connect(lambda _on: self._edited("evidence"))
            self.evidence_layout.addWidget(check)
            self.evidence_checks[paper] = check
        self.attachments.set_labels(list(needed))
        self._edited("reason")

    def add_file_path(self, path: str, label: str) -> bool:
        return self.attachments.add_file_path(path, label)

    def files_to_attach(self) -> list[tuple[str, str]]:
        return self.attachments.files_to_attach()

    def collect(self, draft) -> None:
        picked = [rid for rid, b in self.reason_buttons.items() if b.isChecked()]
        draft.reason_id = picked[0] if picked else None
        draft.evidence_seen = [paper for paper, check in self.evidence_checks.items() if check.isChecked()]
        if self.types is not None:
            draft.transfer_type = chosen(self.types) or ""


# ── 情况确认 ─────────────────────────────────────────────────────────────────────────────────────
class YesNo(QWidget):
    """是 / 否, neither chosen at first."""

    def __init__(self, name: str, on_change, yes: str = "是", no: str = "否"):
        super().__init__()
        self.on_change = on_change
        self.group = QButtonGroup(self)
        self.yes, self.no = QRadioButton(yes), QRadioButton(no)
        self.yes.setAccessibleName(f"{name}：{yes}")
        self.no.setAccessibleName(f"{name}：{no}")
        row = QHBoxLayout(self)
        row.setContentsMargins(22, 0, 0, 0)
        for button in (self.yes, self.no):
            self.group.addButton(button)
            row.addWidget(button)
            button.toggled.connect(self._toggled)
        row.addStretch(1)

    def _toggled(self, on: bool) -> None:
        if on:
            self.on_change()

    def answer(self) -> bool | None:
        return True if self.yes.isChecked() else False if self.no.isChecked() else None


class DeclarePage(TransferPage):
    """The region's refusals no record here can show, each answered 是/否 by the registrar (only
    those the facts leave open), and its procedure steps: 安阳's filing date, both schools agreeing."""

    inputs = ("filed_on",)

    def __init__(self, wizard):
        super().__init__(wizard, "declare", "情况确认",
                         "请逐项如实回答（依据本地区规定）；每一项都回答后“下一步”才可用。")
        ws = wizard.ws
        self.answers: dict[str, YesNo] = {}
        self.rows: dict[str, QWidget] = {}
        widgets: list[QWidget] = []
        self.refusal_box = QGroupBox("本次转学是否属于下列情形")
        layout = QVBoxLayout(self.refusal_box)
        for refusal in transfer_rules.possible_questions(ws.profile):  # each shown only while the facts leave it open
            row = QWidget()
            inner = QVBoxLayout(row)
            inner.setContentsMargins(0, 0, 0, 4)
            mark = {"block": "（属于则不能转学）", "warn": "（属于则原则上不得转学，确需办理须说明理由）"}.get(refusal.force, "")
            quote = f"“{refusal.quote}”　" if refusal.quote else ""
            inner.addWidget(_wrapped(f"<b>{escape(refusal.label)}</b>{escape(mark)}<br>"
                                     f"<span style='color:{GREY}'>{escape(quote)}{escape(refusal.article)}</span>"))
            pair = YesNo(refusal.label, lambda d=refusal.id: self._edited(f"declared.{d}"))
            inner.addWidget(pair)
            inner.addWidget(self.hint(f"declared.{refusal.id}"))
            layout.addWidget(row)
            row.hide()
            self.answers[refusal.id] = pair
            self.rows[refusal.id] = row
        widgets.append(self.refusal_box)
        self.filed_on = self.agreed = None
        filing = ws.profile.rule("transfer.weekly_filing")
        if filing.applies and filing.value and wizard.direction == "in":
            weekday = "一二三四五六日"[int(filing.value) - 1]
            box = QGroupBox(f"转学备案（{filing.article}）")
            form = QFormLayout(box)
            self.filed_on = QLineEdit()
            self.filed_on.setPlaceholderText("YYYY-MM-DD")
            self.filed_on.setAccessibleName("备案日期")
            self.filed_on.textChanged.connect(lambda: self._edited("filed_on"))
            form.addRow(_wrapped(escape(f"“{filing.quote}”：转入学校先将《转学备案汇总表》报区教育局备案，"
                                        f"审核通过后再发起转学申请。")))
            form.addRow(f"备案日期（星期{weekday}）：", self.filed_on)
            form.addRow(self.hint("filed_on"))
            widgets.append(box)
        agree = ws.profile.rule("transfer.both_schools_agree")
        if agree.applies and agree.value:
            other = "转出学校" if wizard.direction == "in" else "转入学校"
            box = QGroupBox(f"双方学校意见（{agree.article}）")
            layout = QVBoxLayout(box)
            layout.addWidget(_wrapped(escape(f"“{agree.quote}”。{other}是否已同意本次转学？")))
            self.agreed = YesNo(f"{other}已同意", lambda: self._edited("other_school_agreed"),
                                yes="已同意", no="未同意")
            layout.addWidget(self.agreed)
            layout.addWidget(self.hint("other_school_agreed"))
            widgets.append(box)
        self.nothing = QLabel("本地区规定没有需要逐项确认的情形。")
        self.nothing.setEnabled(False)
        widgets.append(self.nothing)
        self.set_body(*widgets)

    def open_questions(self) -> list[str]:
        """The refusal ids the facts leave open, in the profile's order."""
        wiz = self.wiz
        facts = transfer.gather_facts(wiz.ws, wiz.draft, transfer.our_student(wiz.draft))
        return [r.id for r in transfer_rules.declarations(wiz.ws.profile, facts)]

    def unanswered(self) -> list[str]:
        missing = [did for did, row in self.rows.items() if not row.isHidden() and self.answers[did].answer() is None]
        if self.agreed is not None and self.agreed.answer() is None:
            missing.append("other_school_agreed")
        return missing

    def collect(self, draft) -> None:
        draft.declared = {did: a for did, pair in self.answers.items() if (a := pair.answer()) is not None}
        draft.filed_on = parse_date(self.filed_on.text()) if self.filed_on is not None else None
        draft.other_school_agreed = self.agreed.answer() if self.agreed is not None else None

    def show_findings(self, findings: list[Finding]) -> None:
        asked = set(self.open_questions())
        for did, row in self.rows.items():
            row.setHidden(did not in asked)
        self.refusal_box.setVisible(bool(asked))
        self.nothing.setVisible(not asked and self.filed_on is None and self.agreed is None)
        if self.filed_on is not None and self.filed_on.text().strip() and parse_date(self.filed_on.text()) is None:
            findings = findings + [Finding("gui.filed_on", Severity.BLOCK, "filed_on",
                                           "备案日期：请按 YYYY-MM-DD 填写")]
        # an open question not answered yet is the page's own business, not a red line under it
        findings = [f for f in findings if not (f.field or "").startswith("declared.") or f.field[9:] not in asked
                    or self.answers[f.field[9:]].answer() is not None]
        findings = [f for f in findings if not (f.field == "other_school_agreed" and self.agreed is not None
                                                and self.agreed.answer() is None)]
        super().show_findings(findings)
        missing = self.unanswered()
        if missing:
            rest = self.pending.text().split("（")[0]
            self.pending.setText(f"还有 {len(missing)} 项未回答" + (f"；{rest}" if rest else "")
                                 + "（全部回答、填写后“下一步”才可用）")

    def isComplete(self) -> bool:
        return super().isComplete() and not self.unanswered()


# ── 核对确认 ─────────────────────────────────────────────────────────────────────────────────────
class TransferReviewPage(TransferPage):
    def __init__(self, wizard):
        super().__init__(wizard, "review", "核对确认",
                         "请与家长一起核对。点击“提交申请”后一次性写入，审批环节和期限随即开始计算。")
        self.summary = _wrapped()
        self.summary.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.deadlines = _wrapped()
        self.reason_box = ReasonsBox(f"需要说明理由的提醒（每条至少 {MIN_REASON} 个字，随申请保存并打印在变更记录中）")
        self.reason_box.changed.connect(self.completeChanged)
        self.print_after = QCheckBox("提交后打印转学表")
        self.print_after.setChecked(True)
        # what still needs the registrar first, then the deadlines, then the record to check with the family
        self.set_body(self.reason_box, self.notes, self.deadlines, self.print_after, self.summary)

    def initializePage(self) -> None:
        self.wiz.refresh()
        draft, ws = self.wiz.draft, self.wiz.ws
        self.summary.setText(self.wiz.summary_html())
        self.deadlines.setText(self.wiz.deadlines_html())
        self.reason_box.show_warnings(self.wiz.findings, draft.reasons)
        forms = ws.profile.value("forms.transfer")
        self.print_after.setText("提交后打印转学表：" + "、".join(
            f"《{f['title']}》" + (f"（1 式 {f['copies']} 份）" if f.get("copies", 1) > 1 else "") for f in forms))
        self.completeChanged.emit()

    @property
    def reason_edits(self):
        return self.reason_box.edits

    def show_findings(self, findings: list[Finding]) -> None:
        blocks = [f for f in findings if f.severity is Severity.BLOCK]  # wherever they are: they stop 提交
        infos = [f for f in self.mine(findings) if f.severity is Severity.INFO]
        self.notes.show_findings(blocks + infos)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        f = self.wiz.findings
        return not any(x.severity is Severity.BLOCK for x in f) and not enrolment.unexplained(f, self.wiz.draft.reasons)

