"""The pages of the status-change wizard (休学 … 关键信息变更), and the widgets they share with the
transfer wizard's reason page: the evidence checkboxes and the list of scans to attach.

Pages: 情形与材料 → 日期与去向 → 情况确认 (only when the rules ask something) → 核对确认. What each
page shows comes from the kind's definition (`core.changes.status_change.CHANGES`) and the
region's profile; every rule lives in core, these pages only show findings beside their fields and
collect the draft.
"""

from __future__ import annotations

import datetime as dt
import re
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..core.admission import enrolment
from ..core.casework import cases, change_reads
from ..core.casework.cases import CaseKind
from ..core.changes import status_change
from ..core.changes import status_rules as change_rules
from ..core.changes.status_change import CHANGES, ChangeDraft
from ..core.changes.status_facts import OTHER_GROUND
from ..core.changes.status_facts import party as party_name
from ..core.changes.status_leaving import withdrawal_grounds
from ..core.dates.workdays import WorkCalendar
from ..core.dropout_control import dropout_rules
from ..core.pupils.fields import STUDENT, Field, Kind
from ..core.pupils.records import display
from ..core.pupils.status import Status
from ..core.pupils.validation import parse_date
from ..core.rules.findings import Finding, Severity
from ..core.school.school import grade_name, grades_taught
from .attachments_box import AttachmentsBox
from .class_list import fill_class_list
from .field_widgets import COLOURS, FieldEditor, FieldForm
from .font_size import points
from .reasons_box import ReasonsBox
from .transfer_pages import GREY, TransferPage, YesNo, _wrapped, article_html, chosen, current_data

RED = COLOURS[Severity.BLOCK]

# Which page shows a finding, by the first part of its field (the rest goes to 核对确认).
PAGE_FIELDS = {
    "ground": ("ground", "evidence", "attachment", "student", "kind"),
    "dates": ("applied_on", "effective_on", "until", "return_grade", "school_class", "changes", "details"),
    "declare": ("declared",),
}


def page_of(finding: Finding) -> str:
    key = (finding.field or "").split(".")[0]
    for page, keys in PAGE_FIELDS.items():
        if key in keys:
            return page
    return "review"


# ── what the profile says about a kind ─────────────────────────────────────────────────────────
def _rule(profile, key: str | None):
    """The rule where the region has it (a "key/item" path reads the table-valued rule `key`)."""
    key = key.partition("/")[0] if key else key
    if not key or key not in profile.keys():
        return None
    rule = profile.rule(key)
    return rule if rule.applies else None


def grounds_of(profile, kind: CaseKind, grade: int | None = None) -> list[dict]:
    """The region's grounds for the kind (休学's 情形, 退学's 情形, 借读's 情形), or [] where it has none; a 高中
    pupil's 退学 has its own where the region lists them (长治 第二十九条、第三十一条)."""
    if kind is CaseKind.WITHDRAWAL and grade is not None:
        listed = withdrawal_grounds(profile, grade)
        rule = profile.rule("withdrawal.high_grounds" if listed and listed[0].get("approvers") else "withdrawal.grounds")
        return [dict(g, article=g.get("article") or rule.article) for g in listed]
    rule = _rule(profile, CHANGES[kind].evidence)
    value = rule.value if rule else None
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return [dict(g, article=g.get("article") or rule.article) for g in value]
    return []


def ground_label(profile, kind: CaseKind, ground_id: str | None) -> str:
    ground = next((g for g in grounds_of(profile, kind) if g["id"] == ground_id), None)
    return ground.get("label", ground_id) if ground else ""


def evidence_for(ws, kind: CaseKind, ground_id: str | None, student=None) -> tuple[list[str], str]:
    """(papers to see in the original, article) for the kind and, where it has grounds, the chosen one:
    the rules' own list (`core.changes.status_rules.evidence_for`: the pupil's stage, the earlier
    suspension …) where the pupil is known, else the profile's."""
    profile = ws.profile
    spec = CHANGES[kind]
    rule = _rule(profile, spec.evidence)
    grade = student.grade if student is not None else None
    ground = next((g for g in grounds_of(profile, kind, grade) if g["id"] == ground_id), None)
    if ground is not None and "evidence" in ground:
        papers, article = list(ground["evidence"]), ground.get("article", "")
    elif rule is not None and not grounds_of(profile, kind):  # a list of papers (or 延长休学's dict)
        value = rule.value
        papers = list(value.get("evidence", [])) if isinstance(value, dict) else [p for p in value if isinstance(p, str)]
        article = rule.article
    else:  # 借读: one list of papers for every ground
        other = _rule(profile, f"{spec.workflow}.evidence")
        papers = list(other.value) if other is not None and ground is not None else []
        article = other.article if other is not None else ""
    if student is not None:
        draft = ChangeDraft(kind=kind, student_id=student.id, ground_id=ground_id, applied_on=ws.today())
        papers = list(change_rules.evidence_for(ws, draft))
    return papers, article


def other_ground(profile, kind: CaseKind) -> str:
    """Where the region lets a ground outside its list go on with a reason (凉山 休学, 黑龙江 退学),
    the text of that choice; else ""."""
    if kind is CaseKind.SUSPENSION:
        rule = _rule(profile, "suspension.grounds")
        if rule is not None and rule.force == "warn":
            return "其他原因（不在上列情形之内：须写明理由，由教育主管部门审核）"
    if kind is CaseKind.WITHDRAWAL:
        rule = _rule(profile, "withdrawal.other_grounds_allowed")
        if rule is not None and (rule.value or rule.force == "warn"):
            return "其他原因（不在上列情形之内：原则上不得退学，须写明理由）"
    return ""


def forms_of(profile, kind: CaseKind) -> list[dict]:
    """The region's forms for the kind (id, title, annex, copies, note), or []."""
    rule = _rule(profile, CHANGES[kind].forms)
    return list(rule.value) if rule and isinstance(rule.value, list) else []


def forms_text(forms: list[dict]) -> str:
    return "、".join(f"《{f['title']}》" + (f"（{f['annex']}）" if f.get("annex") else "")
                    + (f"1 式 {f['copies']} 份" if f.get("copies", 1) > 1 else "") for f in forms)


def key_field_keys(profile) -> list[str]:
    """The key fields (关键信息) of the region, as core.pupils.fields keys."""
    rule = _rule(profile, "info_change.key_fields")
    by_label = {f.label: f.key for f in STUDENT.values()}
    return [by_label[label] for label in (rule.value if rule else []) if label in by_label]


def birth_date_lock(profile):
    """The rule that keeps the birth date as it is, where the region has one."""
    return _rule(profile, "info_change.birth_date_locked")


def field_text(key: str, value) -> str:
    """A stored value (or draft text) as the registrar reads it."""
    f = STUDENT.get(key)
    if f is None:
        return str(value or "")
    if f.kind is Kind.DATE and isinstance(value, str):
        return value
    return display(f, value)


def _months(iso: str) -> int | None:
    found = re.fullmatch(r"P(?:(\d+)Y)?(?:(\d+)M)?", iso or "")
    if not found or not any(found.groups()):
        return None
    return int(found.group(1) or 0) * 12 + int(found.group(2) or 0)


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def default_until(profile, start: dt.date) -> dt.date | None:
    """The region's usual suspension term from `start` (the day before the same date a year on)."""
    rule = _rule(profile, "suspension.usual_length")
    months = _months(rule.value) if rule else None
    return add_months(start, months) - dt.timedelta(days=1) if months else None


# ── the date and detail inputs of each kind ─────────────────────────────────────────────────────
# (key, label, kind, required); keys are ChangeDraft fields or details.<key>
APPLIED = ("applied_on", "申请日期", Kind.DATE, True)
INPUTS: dict[CaseKind, tuple[tuple[str, str, Kind, bool], ...]] = {
    CaseKind.SUSPENSION: (APPLIED, ("effective_on", "休学开始日期", Kind.DATE, True),
                          ("until", "休学截止日期", Kind.DATE, True)),
    CaseKind.SUSPENSION_EXTENSION: (APPLIED, ("until", "延长至", Kind.DATE, True)),
    CaseKind.RESUMPTION: (APPLIED, ("effective_on", "复学日期", Kind.DATE, True)),
    CaseKind.ABROAD: (APPLIED, ("effective_on", "出境日期", Kind.DATE, True),
                      ("details.destination", "前往国家（地区）", Kind.TEXT, True),
                      ("details.purpose", "出境事由", Kind.TEXT, False)),
    CaseKind.RETURN_FROM_ABROAD: (APPLIED, ("effective_on", "入境复学日期", Kind.DATE, True)),
    CaseKind.WITHDRAWAL: (APPLIED, ("effective_on", "退学日期", Kind.DATE, True)),
    CaseKind.DEATH: (("effective_on", "死亡日期", Kind.DATE, True),
                     ("details.proof_issuer", "死亡证明出具单位", Kind.TEXT, True),
                     ("applied_on", "证明出具日期", Kind.DATE, True)),
    CaseKind.MISSING: (("applied_on", "报告日期", Kind.DATE, True),
                       ("effective_on", "离校日期", Kind.DATE, True),
                       ("details.circumstance", "情况说明", Kind.TEXT, True)),
    CaseKind.MISSING_RETURN: (APPLIED, ("effective_on", "返校日期", Kind.DATE, True)),
    CaseKind.BORROWED_STUDY: (APPLIED, ("details.host_school", "借读学校", Kind.TEXT, True),
                              ("effective_on", "借读开始日期", Kind.DATE, True),
                              ("until", "借读结束日期", Kind.DATE, True)),
    CaseKind.BORROWED_RETURN: (APPLIED, ("effective_on", "返回本校日期", Kind.DATE, True)),
    CaseKind.KEY_INFO_CHANGE: (APPLIED,),
    CaseKind.SKIP_GRADE: (APPLIED, ("effective_on", "跳级时间（学年开始）", Kind.DATE, True)),
    CaseKind.OTHER_LEAVE: (APPLIED, ("details.contacts", "联系记录（每次用“；”隔开：日期、联系人、方式、结果）",
                                     Kind.TEXT, True)),
    # 控辍保学: recorded in gui/dropout_wizard.py; these label its case on the case page
    **{k: (("applied_on", "登记日期", Kind.DATE, True), ("effective_on", "认定日期", Kind.DATE, False),
           ("details.measures", "采取的措施", Kind.TEXT, False))
       for k in (CaseKind.SUSPECTED_DROPOUT, CaseKind.DROPOUT, CaseKind.ABSENCE_LEAVE)},
    CaseKind.DROPOUT_RETURN: (("applied_on", "登记日期", Kind.DATE, True), ("effective_on", "返校日期", Kind.DATE, False)),
}
NOTE = ("note", "申请理由或说明", Kind.TEXT, False)  # the family's words, printed as the form's 申请理由
INPUTS = {kind: (*inputs, NOTE) for kind, inputs in INPUTS.items()}
PLACED = (CaseKind.RESUMPTION, CaseKind.RETURN_FROM_ABROAD, CaseKind.MISSING_RETURN)  # the grade and class on return
DATE_KEYS = ("applied_on", "effective_on", "until")
DETAIL_LABELS = {key.split(".", 1)[1]: label for spec in INPUTS.values() for key, label, _, _ in spec
                 if key.startswith("details.")}


def input_label(kind: CaseKind, key: str) -> str:
    return next((label for k, label, _, _ in INPUTS[kind] if k == key), key)


# ── widgets shared with the transfer wizard ─────────────────────────────────────────────────────
class EvidenceBox(QGroupBox):
    """已查验原件: one checkbox per paper; `changed` when one is ticked or the list changes."""

    changed = Signal()

    def __init__(self, title: str = "证明材料（查验原件后勾选）", empty: str = "请先选择情形。", parent=None):
        super().__init__(title, parent)
        self.layout_ = QVBoxLayout(self)
        self.checks: dict[str, QCheckBox] = {}
        self.article = QLabel()
        self.article.setStyleSheet(f"color: {GREY};")
        self.article.hide()
        self.empty = QLabel(empty)
        self.empty.setEnabled(False)
        self.layout_.addWidget(self.empty)
        self.layout_.addWidget(self.article)

    def set_papers(self, papers: list[str], article: str = "", empty: str = "") -> None:
        seen = set(self.seen())
        for check in self.checks.values():
            self.layout_.removeWidget(check)
            check.deleteLater()
        self.checks = {}
        if empty:
            self.empty.setText(empty)
        self.empty.setVisible(not papers)
        for paper in papers:
            check = QCheckBox(f"已查验原件：{paper}")
            check.setAccessibleName(f"已查验：{paper}")
            check.setChecked(paper in seen)
            check.toggled.connect(lambda _on: self.changed.emit())
            self.layout_.insertWidget(self.layout_.count() - 1, check)
            self.checks[paper] = check
        self.article.setText(f"依据：{article}" if article and papers else "")
        self.article.setVisible(bool(article and papers))
        self.changed.emit()

    def seen(self) -> list[str]:
        return [paper for paper, check in self.checks.items() if check.isChecked()]


# ── the pages ───────────────────────────────────────────────────────────────────────────────────
class ChangePage(TransferPage):
    """A page of the change wizard: findings placed by PAGE_FIELDS, blocks about untouched inputs
    listed as still to fill in (TransferPage)."""

    def mine(self, findings: list[Finding]) -> list[Finding]:
        return [f for f in findings if page_of(f) == self.name]


def pupil_line(student) -> str:
    row = change_reads.pupil_line(student)
    return (f"<p style='font-size:{points(12)}pt; margin:0'>学生：<b>{escape(row.name)}</b>　学籍号 {row.student_number}"
            f"　{escape(row.place)}　现为“{Status(row.status).label}”</p>")


class GroundPage(ChangePage):
    """情形与材料: the region's grounds (radio buttons with their article), the papers of the chosen
    ground checked in the original, and scans to keep with the case."""

    inputs = ("ground", "evidence")

    def __init__(self, wizard):
        kind, profile = wizard.kind, wizard.ws.profile
        self.grounds = grounds_of(profile, kind, wizard.student.grade if wizard.student else None)
        title = "情形与材料" if self.grounds else "证明材料"
        subtitle = ("只列本地区规定的情形；选定后逐项查验证明材料原件并勾选，可添加扫描件或照片，提交后与申请一并保存。"
                    if self.grounds else "逐项查验证明材料原件并勾选；可添加扫描件或照片，提交后与申请一并保存。")
        super().__init__(wizard, "ground", title, subtitle)
        widgets: list[QWidget] = [_wrapped(pupil_line(wizard.student)), self.hint("student")]
        self.ground_group = QButtonGroup(self)
        self.ground_buttons: dict[str, QRadioButton] = {}
        if self.grounds:
            shared = {g.get("article", "") for g in self.grounds}
            common = shared.pop() if len(shared) == 1 else ""  # one article for all: said once, in the title
            box = QGroupBox(f"{kind.label}情形" + (f"（{common}）" if common else ""))
            layout = QVBoxLayout(box)
            for n, ground in enumerate(self.grounds):
                gid = ground["id"]
                button = QRadioButton(ground.get("label", gid))
                button.setAccessibleName(f"情形：{ground.get('label', gid)}")
                self.ground_group.addButton(button, n)
                self.ground_buttons[gid] = button
                layout.addWidget(button)
                article = "" if common else ground.get("article", "")
                if article or ground.get("note"):
                    source = _wrapped(article_html("", article, ground.get("note") or ""))
                    source.setContentsMargins(22, 0, 0, 4)
                    layout.addWidget(source)
                button.toggled.connect(lambda on, g=gid: on and self._ground_chosen(g))
            other = other_ground(profile, kind)
            if other:
                button = QRadioButton(other)
                button.setAccessibleName("情形：其他原因")
                self.ground_group.addButton(button, len(self.grounds))
                self.ground_buttons[OTHER_GROUND] = button
                layout.addWidget(button)
                button.toggled.connect(lambda on: on and self._ground_chosen(OTHER_GROUND))
            layout.addWidget(self.hint("ground"))
            widgets.append(box)
        self.evidence = EvidenceBox(empty="请先选择情形。" if self.grounds else "本地区规定对此项业务未列明证明材料。")
        self.evidence.changed.connect(lambda: self._edited("evidence"))
        self.files = AttachmentsBox()
        widgets += [self.evidence, self.hint("evidence"), self.files, self.hint("attachment")]
        self.set_body(*widgets)
        if not self.grounds:
            self._show_papers(None)

    def _ground_chosen(self, ground_id: str) -> None:
        self._show_papers(ground_id)
        self._edited("ground")

    def _show_papers(self, ground_id: str | None) -> None:
        papers, article = evidence_for(self.wiz.ws, self.wiz.kind, ground_id, self.wiz.student)
        empty = ("本地区规定对该情形未列明证明材料。" if self.grounds and ground_id
                 else "请先选择情形。" if self.grounds else "本地区规定对此项业务未列明证明材料。")
        self.evidence.set_papers(papers, article, empty)
        self.files.set_labels(papers)

    def ground_id(self) -> str | None:
        return next((gid for gid, button in self.ground_buttons.items() if button.isChecked()), None)

    def collect(self, draft) -> None:
        draft.ground_id = self.ground_id()
        draft.evidence_seen = self.evidence.seen()

    def files_to_attach(self) -> list[tuple[str, str]]:
        return self.files.files_to_attach()


class KeyChangeGrid(QWidget):
    """关键信息变更: each key field with its value now and an editor for the new value; the birth
    date stays read-only where the region locks it. Keys are `changes.<field>` (the findings' fields)."""

    def __init__(self, profile, student, parent=None):
        super().__init__(parent)
        self.student = student
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        for column, text in enumerate(("", "现在的值", "变更为")):
            head = QLabel(f"<b>{text}</b>")
            grid.addWidget(head, 0, column)
        self.editors: dict[str, FieldEditor] = {}
        self.locked: dict[str, QLabel] = {}  # fields shown but not editable (the birth date, where locked)
        self.old: dict[str, str] = {}
        lock = birth_date_lock(profile)
        row = 1
        for key in key_field_keys(profile):
            f = STUDENT[key]
            value = getattr(student, key)
            self.old[key] = value.isoformat() if hasattr(value, "isoformat") else str(value or "")
            label = QLabel(f.label)
            label.setAlignment(Qt.AlignRight | Qt.AlignTop)
            label.setContentsMargins(0, 4, 0, 0)
            now = QLabel(field_text(key, value) or "—")
            now.setTextInteractionFlags(Qt.TextSelectableByMouse)
            now.setContentsMargins(0, 4, 0, 0)
            grid.addWidget(label, row, 0)
            grid.addWidget(now, row, 1, Qt.AlignTop)
            if key == "birth_date" and lock is not None:
                fixed = _wrapped(f"<span style='color:{GREY}'>不能变更：学籍建立后出生日期不予变更"
                                 f"（{escape(lock.article)}）；身份证件号中的出生日期也不能变更。</span>")
                grid.addWidget(fixed, row, 2)
                self.locked[key] = fixed
            else:
                editor = FieldEditor(f, self)
                editor.set_value(self.old[key])
                editor.editor.setAccessibleName(f"变更为：{f.label}")
                label.setBuddy(editor.editor)
                grid.addWidget(editor, row, 2)
                self.editors[f"changes.{key}"] = editor
            row += 1
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 2)

    def values(self) -> dict[str, str]:
        """The fields whose new value differs from the record."""
        changed = {}
        for name, editor in self.editors.items():
            key = name.split(".", 1)[1]
            if editor.value() != self.old[key]:
                changed[key] = editor.value()
        return changed

    def editor(self, key: str) -> FieldEditor:
        return self.editors[f"changes.{key}"]

    def show_findings(self, findings: list[Finding]) -> list[Finding]:
        rest = []
        by_key: dict[str, list[Finding]] = {k: [] for k in self.editors}
        for f in findings:
            (by_key[f.field] if f.field in by_key else rest).append(f)
        for key, editor in self.editors.items():
            editor.show_findings(by_key[key])
        return rest


class DatesPage(ChangePage):
    """日期与去向: only the inputs the kind uses (INPUTS), the grade and class on return, or the key
    fields to change."""

    def __init__(self, wizard):
        kind, ws = wizard.kind, wizard.ws
        titles = {CaseKind.KEY_INFO_CHANGE: ("变更内容", "只列本地区规定的关键信息；在“变更为”一栏改写需要变更的项目，"
                                                         "未改动的项目保持不变。"),
                  CaseKind.DEATH: ("死亡日期与证明", "按死亡证明填写；证明出具后须在规定的工作日内办理。")}
        title, subtitle = titles.get(kind, ("日期与去向", "按家长的书面申请和证明材料填写；日期格式 YYYY-MM-DD。"))
        super().__init__(wizard, "dates", title, subtitle)
        student = wizard.student
        self.inputs = tuple(key for key, *_ in INPUTS[kind]) + ("details", "return_grade", "school_class")
        fields = [Field(key, label, kind_, required=required,
                        max_len=400 if key == "details.contacts" else 200 if key == "note" else 60)
                  for key, label, kind_, required in INPUTS[kind]]
        self.form = self.add_form(FieldForm(fields, columns=2 if len(fields) > 1 else 1))
        today = ws.today()
        defaults = {"applied_on": today.isoformat()}
        if kind is not CaseKind.DEATH and any(k == "effective_on" for k, *_ in INPUTS[kind]):
            defaults["effective_on"] = today.isoformat()
        if kind is CaseKind.SKIP_GRADE:  # a school year's start, as the region counts it
            from ..core.changes.grade_skip import default_effective

            defaults["effective_on"] = default_effective(ws.profile, today).isoformat()
        if kind is CaseKind.SUSPENSION:
            until = default_until(ws.profile, today)
            if until:
                defaults["until"] = until.isoformat()
        self.form.set_values(defaults)
        if kind is CaseKind.SUSPENSION:
            self.form.editor("effective_on").edited.connect(self._start_changed)
        widgets: list[QWidget] = [self.form]
        if kind is CaseKind.SUSPENSION:
            rule = _rule(ws.profile, "suspension.usual_length")
            if rule is not None:
                months = _months(rule.value)
                widgets.append(_wrapped(f"<span style='color:{GREY}'>休学期限一般为 {months} 个月（{escape(rule.article)}）；"
                                        "截止日期已按此预填，可按申请修改。</span>"))
        if kind is CaseKind.SUSPENSION_EXTENSION:
            widgets.append(_wrapped(f"<span style='color:{GREY}'>{escape(self._term_text(student))}</span>"))

        self.grade = self.classes = None
        if kind in PLACED:
            box = QGroupBox("复学年级与班级（班级后为已有人数、计划人数和剩余名额）")
            layout = QVBoxLayout(box)
            row = QHBoxLayout()
            self.grade = QComboBox()
            self.grade.setAccessibleName("复学年级")
            before, allowed = self.grades_on_return()
            for g in grades_taught(ws.kind, ws.system):
                note = "（接续原年级）" if g == before else "（可选）" if g in allowed else ""
                self.grade.addItem(grade_name(g) + note, g)
            row.addWidget(QLabel("<span style='color:#c0392b'>*</span>复学年级："))
            row.addWidget(self.grade)
            row.addStretch(1)
            layout.addLayout(row)
            layout.addWidget(self.hint("return_grade"))
            self.classes = QListWidget()
            self.classes.setAccessibleName("复学班级")
            self.classes.setMinimumHeight(80)
            self.classes.setMaximumHeight(130)
            layout.addWidget(QLabel("<span style='color:#c0392b'>*</span>复学班级："))
            layout.addWidget(self.classes)
            layout.addWidget(self.hint("school_class"))
            widgets.append(box)
            index = self.grade.findData(self.continuing_grade())
            self.grade.setCurrentIndex(max(index, 0))
            self._fill_classes()
            self.grade.currentIndexChanged.connect(self._grade_changed)
            self.classes.currentRowChanged.connect(lambda: self._edited("school_class"))

        self.keys = None
        if kind is CaseKind.KEY_INFO_CHANGE:
            self.keys = self.add_form(KeyChangeGrid(ws.profile, student))
            box = QGroupBox("关键信息")
            QVBoxLayout(box).addWidget(self.keys)
            widgets.append(box)
            rule = _rule(ws.profile, "info_change.key_fields")
            if rule is not None:
                widgets.append(_wrapped(article_html("", rule.article, rule.note or "")))
        widgets.append(self.hint("details"))
        self.set_body(*widgets)

    def _start_changed(self) -> None:
        """The usual term follows the start date until the registrar types an end date of their own."""
        start = parse_date(self.form.values().get("effective_on", ""))
        until = default_until(self.wiz.ws.profile, start) if start else None
        if until is not None and "until" not in self.touched:
            self.form.set_values({"until": until.isoformat()})
            self.wiz.refresh()

    @staticmethod
    def _term_text(student) -> str:
        from ..core.changes.suspensions import current_terms

        term = next((t for t in current_terms() if t.student_id == student.id), None)
        return (f"现休学期限至 {term.until:%Y-%m-%d}（申请 {term.case_number}）；请填写延长后的截止日期。" if term
                else "请填写延长后的休学截止日期。")

    def grades_on_return(self) -> tuple[int, list[int]]:
        """(the grade the pupil left from, the grades the region allows on return), by the rules."""
        from ..core.changes import status_return

        before, allowed = status_return.grade_before, status_return.allowed_grades
        facts = change_rules.gather_facts(self.wiz.ws, self.wiz.draft, self.wiz.student)
        return before(facts), allowed(facts)

    def continuing_grade(self) -> int:
        return self.grades_on_return()[0]

    def _grade_changed(self) -> None:
        self._fill_classes()
        self._edited("return_grade")

    def _fill_classes(self) -> None:
        grade = chosen(self.grade)
        student = self.wiz.student
        current = current_data(self.classes) or (student.school_class_id if student.school_class_id else None)
        own = student.school_class_id if Status(student.status).on_roll else None
        fill_class_list(self.classes, grade, current, own_class_id=own)

    def local_findings(self) -> list[Finding]:
        """What only the screen knows: a date typed that is no date, a required box left empty."""
        found = []
        values = self.form.values()
        for key, label, kind_, required in INPUTS[self.wiz.kind]:
            text = values.get(key, "")
            if kind_ is Kind.DATE and text and parse_date(text) is None:
                found.append(Finding(f"gui.{key}", Severity.BLOCK, key, f"{label}：请按 YYYY-MM-DD 填写，如 2026-09-01"))
            elif required and not text:
                found.append(Finding(f"gui.{key}", Severity.BLOCK, key, f"{label}：不能为空"))
        return found

    def collect(self, draft) -> None:
        values = self.form.values()
        for key in DATE_KEYS:
            if key in values:
                setattr(draft, key, parse_date(values[key]))
        details = {k.split(".", 1)[1]: v for k, v in values.items() if k.startswith("details.") and v}
        if self.classes is not None:
            draft.return_grade = chosen(self.grade)
            class_id = current_data(self.classes)
            if class_id is not None:
                details["class_id"] = class_id
        draft.details = details
        draft.note = values.get("note", "")
        if self.keys is not None:
            draft.changes = self.keys.values()


class DeclarePage(ChangePage):
    """情况确认: the yes/no questions the rules ask (no record can show them), e.g. 是否由学校劝退.
    A question stays on the page once asked, so answering it does not make it vanish."""

    inputs = ()

    def __init__(self, wizard):
        super().__init__(wizard, "declare", "情况确认", "请逐项如实回答（依据本地区规定）；每一项都回答后“下一步”才可用。")
        self.box = QGroupBox("本次办理是否属于下列情形")
        self.box_layout = QVBoxLayout(self.box)
        self.answers: dict[str, YesNo] = {}
        self.required: set[str] = set()
        self.set_body(self.box)

    def ask(self, questions: list[tuple[str, str, str, bool]]) -> None:
        """Adds the questions (id, text, article, required) not yet on the page."""
        for qid, label, article, required in questions:
            if qid in self.answers:
                continue
            if not required:
                label += "（如有请回答）"
            else:
                self.required.add(qid)
            row = QWidget()
            inner = QVBoxLayout(row)
            inner.setContentsMargins(0, 0, 0, 4)
            inner.addWidget(_wrapped(f"<b>{escape(label)}</b>" + (f"<br><span style='color:{GREY}'>{escape(article)}</span>"
                                                                  if article else "")))
            pair = YesNo(label, lambda d=qid: self._edited(f"declared.{d}"))
            inner.addWidget(pair)
            inner.addWidget(self.hint(f"declared.{qid}"))
            self.box_layout.addWidget(row)
            self.answers[qid] = pair

    def has_questions(self) -> bool:
        return bool(self.answers)

    def unanswered(self) -> list[str]:
        return [qid for qid, pair in self.answers.items() if pair.answer() is None and qid in self.required]

    def collect(self, draft) -> None:
        draft.declared = {qid: a for qid, pair in self.answers.items() if (a := pair.answer()) is not None}

    def show_findings(self, findings: list[Finding]) -> None:
        # an open question not answered yet is the page's own business, not a red line under it
        findings = [f for f in findings if not (f.field or "").startswith("declared.")
                    or f.field[9:] not in self.answers or self.answers[f.field[9:]].answer() is not None]
        super().show_findings(findings)
        missing = self.unanswered()
        if missing:
            self.pending.setText(f"还有 {len(missing)} 项未回答（全部回答后“下一步”才可用）")

    def isComplete(self) -> bool:
        return super().isComplete() and not self.unanswered()


class ChangeReviewPage(ChangePage):
    """核对确认: the summary, the reasons for warnings, the approval chain with its deadlines, the
    region's form to print; for 死亡 the warning that it is final, confirmed by a checkbox."""

    def __init__(self, wizard):
        kind = wizard.kind
        spec = CHANGES[kind]
        immediate = not status_change.parties(wizard.ws, kind)
        super().__init__(wizard, "review", "核对确认",
                         "请与家长一起核对。" + ("本项业务无需审批，确认后立即生效，并记入变更记录。" if immediate
                                              else "点击“提交申请”后一次性写入，审批环节和期限随即开始计算。"))
        self.final = self.warning = None
        widgets: list[QWidget] = []
        if spec.final:
            self.warning = warning = _wrapped(f"<p style='color:{RED}; font-size:{points(12)}pt'><b>▲ 注意：{kind.label}注销是最终操作，不能撤销。</b></p>"
                               f"<p style='color:{RED}'>确认后该生学籍注销（死亡），此后任何业务都不能再变更这份学籍记录。"
                               "请再次核对死亡证明原件后再确认。</p>")
            warning.setStyleSheet(f"QLabel {{ border: 2px solid {RED}; background: #fdecea; padding: 6px; }}")
            self.final = QCheckBox("我已再次核对死亡证明原件，确认注销该生学籍（不可撤销）")
            self.final.setAccessibleName("确认注销")
            self.final.setStyleSheet(f"color: {RED}; font-weight: bold;")
            self.final.toggled.connect(lambda _on: self.completeChanged.emit())
            widgets += [warning, self.final]
        self.summary = _wrapped()
        self.summary.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.deadlines = _wrapped()
        self.reason_box = ReasonsBox(f"需要说明理由的提醒（每条至少 {enrolment.MIN_REASON} 个字，随申请保存并记入变更记录）")
        self.reason_box.changed.connect(self.completeChanged)
        forms = [f for f in forms_of(wizard.ws.profile, kind) if f["id"] != "skip_grade_notice"]  # 公示: later
        self.print_after = QCheckBox("提交后打印：" + forms_text(forms))
        self.print_after.setChecked(bool(forms))
        self.print_after.setVisible(bool(forms))
        widgets += [self.reason_box, self.notes, self.deadlines, self.print_after, self.summary]
        self.set_body(*widgets)

    def initializePage(self) -> None:
        self.wiz.refresh()
        self.summary.setText(self.wiz.summary_html())
        self.deadlines.setText(self.wiz.deadlines_html())
        self.reason_box.show_warnings(self.wiz.findings, self.wiz.draft.reasons)
        self.completeChanged.emit()

    @property
    def reason_edits(self):
        return self.reason_box.edits

    def show_findings(self, findings: list[Finding]) -> None:
        blocks = [f for f in findings if f.severity is Severity.BLOCK]  # wherever they are: they stop 提交
        infos = [f for f in findings if f.severity is Severity.INFO]
        self.notes.show_findings(blocks + infos)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        f = self.wiz.findings
        return (not any(x.severity is Severity.BLOCK for x in f) and not enrolment.unexplained(f, self.wiz.draft.reasons)
                and (self.final is None or self.final.isChecked()))


# ── the change as text: the review page and the case page read the same rows ────────────────────
def change_rows(ws, kind: CaseKind, data: dict, student,
                questions: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """(label, text) rows of a change, from the case data (or a draft put in the same shape);
    `questions` names the declared answers (id → the question asked)."""
    rows: list[tuple[str, str]] = []
    grade = getattr(student, "grade", None)
    ground = next((g for g in grounds_of(ws.profile, kind, grade) if g["id"] == data.get("ground_id")), None)
    if ground is not None:
        rows.append(("情形", ground.get("label", "")))
    elif data.get("ground_id") == OTHER_GROUND:
        rows.append(("情形", "其他原因"))
    for key in DATE_KEYS:
        if data.get(key):
            rows.append((input_label(kind, key), str(data[key])))
    if data.get("return_grade"):
        rows.append(("复学年级", grade_name(int(data["return_grade"]))))
    if data.get("to_grade"):  # 跳级
        moved = (grade_name(int(data["grade_from"])), grade_name(int(data["skipped_grade"])),
                 grade_name(int(data["to_grade"])))
        rows.append(("跳级", "{}，跳过{}，编入{}".format(*moved)))
    details = data.get("details") or {}
    for key, value in details.items():
        if key == "class_id":
            name = change_reads.class_name(value)
            rows.append(("编入班级" if data.get("to_grade") else "复学班级", name if name is not None else str(value)))
        elif key in dropout_rules.DETAIL_KEYS:
            rows += dropout_rules.detail_rows(key, value)
        elif value:
            rows.append((DETAIL_LABELS.get(key, key), str(value)))
    for key, new in (data.get("changes") or {}).items():
        f = STUDENT.get(key)
        old = field_text(key, getattr(student, key)) if student is not None and f else ""
        rows.append((f"{f.label if f else key}", f"{old or '（空）'} → {field_text(key, new) or '（空）'}"))
    rows.append(("已查验原件", "、".join(data.get("evidence_seen") or []) or "（无）"))
    if data.get("note"):
        rows.append(("申请理由或说明", data["note"]))
    return rows


def change_brief(kind: CaseKind, data: dict) -> str:
    """What a change does, in a few words (the cases list's 内容 column)."""
    details = data.get("details") or {}
    parts = []
    if details.get("destination"):
        parts.append(f"前往{details['destination']}")
    if details.get("host_school"):
        parts.append(f"借读于{details['host_school']}")
    if data.get("return_grade"):
        parts.append(f"复学到{grade_name(int(data['return_grade']))}")
    if data.get("to_grade"):
        parts.append(f"跳过{grade_name(int(data['skipped_grade']))}编入{grade_name(int(data['to_grade']))}")
    if kind is CaseKind.SUSPENSION and data.get("effective_on") and data.get("until"):
        parts.append(f"{data['effective_on']} 至 {data['until']}")
    elif data.get("until"):
        parts.append(f"至 {data['until']}")
    elif data.get("effective_on"):
        parts.append(f"{input_label(kind, 'effective_on')} {data['effective_on']}")
    for key, new in (data.get("changes") or {}).items():
        f = STUDENT.get(key)
        parts.append(f"{f.label if f else key}改为{field_text(key, new)}")
    return "，".join(parts)


def question_list(ws, case) -> list:
    """The rules' questions for a case already opened (to name its answers on the case page)."""
    data = cases.data_of(case)
    draft = ChangeDraft(kind=CaseKind(case.kind), student_id=case.student_id, ground_id=data.get("ground_id"),
                        applied_on=case.opened_on, declared=dict(data.get("declared") or {}),
                        details=dict(data.get("details") or {}))
    try:
        return list(change_rules.questions(ws, draft))
    except Exception:  # noqa: BLE001 — the answers are then shown by their ids
        return []


def answers_html(data: dict, questions: dict[str, str] | None = None) -> str:
    """The registrar's yes/no answers (情况确认), one line each: the questions are sentences."""
    answers = data.get("declared") or {}
    if not answers:
        return ""
    lines = "".join(f"<li>{escape((questions or {}).get(qid) or qid)}：<b>{'是' if answer else '否'}</b></li>"
                    for qid, answer in answers.items())
    return f"<p style='margin-top:8px'><b>情况确认</b></p><ul style='margin-top:0'>{lines}</ul>"


def rows_html(rows: list[tuple[str, str]]) -> str:
    return "<table>" + "".join(
        f"<tr><td style='color:#555;padding-right:8px' align='right'>{escape(label)}</td>"
        f"<td style='padding-right:18px'>{escape(text)}</td></tr>" for label, text in rows if text) + "</table>"


BORROW_PARTIES = {"receiving_school": "借读学校", "receiving_bureau": "借读学校主管教育行政部门"}


def party_text(party: str, kind: CaseKind | None = None) -> str:
    """The party's name, marked as this school where it is ("本校" already says so); for 借读 the
    receiving side is the host school, not a 转入学校."""
    label = BORROW_PARTIES.get(party) if kind is CaseKind.BORROWED_STUDY else None
    label = label or party_name(party)  # cases' labels, then the rules' (市级/州级教育行政部门 …)
    return label + ("（本校）" if party == "school" and "本校" not in label else "")


def chain_html(ws, kind: CaseKind, opened: dt.date, draft=None) -> str:
    """Each party of the region's chain for the kind (and the draft's ground), with its working-day deadline."""
    chain = status_change.parties(ws, kind, draft)
    key = CHANGES[kind].deadline
    rule = _rule(ws.profile, key)
    cal = WorkCalendar.from_store()
    if not chain:  # the kind's own deadline (死亡: from the date of death) is among the rules' findings
        return ("<p style='margin-top:8px'><b>审批</b></p><p>本地区规定此项业务无需审批：确认后立即生效，"
                "并记入变更记录。</p>")
    lines = []
    for n, party in enumerate(chain):
        if rule is None:
            text = "本地区规定未设期限"
        elif n == 0:
            due = status_change.due(ws, kind, opened, cal)
            text = f"{due:%Y-%m-%d} 前（自申请日起 {rule.value} 个工作日）"
        else:
            text = f"上一环节办结后 {rule.value} 个工作日内"
        if kind is CaseKind.SKIP_GRADE:  # the dates the text fixes (黑龙江: 公示, the list by 30 July)
            from ..core.changes.grade_skip import step_text

            text = step_text(ws.profile, party) or text
        lines.append(f"<tr><td align='right' style='color:#555;padding-right:6px'>{n + 1}. "
                     f"{escape(party_text(party, kind))}</td>"
                     f"<td>{escape(text)}</td></tr>")
    estimate = cal.add_working_days(opened, rule.value) if rule is not None else None
    warning = (f"<p style='color:#b9770e'>▲ {escape(estimate.warning)}</p>" if estimate is not None and estimate.estimated
               else "")
    article = rule.article if rule is not None else ""
    approvers = _rule(ws.profile, CHANGES[kind].approvers)
    source = article or (approvers.article if approvers else "")
    return (f"<p style='margin-top:8px'><b>审批环节与期限</b>　<span style='color:{GREY}'>{escape(source)}</span></p>"
            f"<table>{''.join(lines)}</table>{warning}")
