"""新生注册 wizard: 注册方式 → 身份信息 → 家庭与监护人 → 编班 → 核对确认.

The draft and every rule live in core.admission.enrolment; this file only shows them. Nothing is
written before 确认注册 on the last page, and then in one transaction.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ..core.admission import enrolment
from ..core.admission.enrolment import EnrolmentDraft, page_of
from ..core.pupils import codes, ids, pupil_reads
from ..core.pupils.fields import GUARDIAN_FIELDS, PLACEMENT_REQUIRED, STUDENT, required_keys
from ..core.pupils.name_pinyin import name_pinyin
from ..core.pupils.records import draft_sections
from ..core.rules.findings import Finding, Severity
from ..core.school.school import grade_name, grades_taught, starting_grades
from .class_list import fill_class_list
from .draft_refresh import DraftRefresh
from .field_widgets import COLOURS, FieldForm, is_marked, label_text
from .font_size import points
from .operations import run_op
from .reasons_box import ReasonsBox
from .wizard_buttons import name_buttons

PAGE_ORDER = ("route", "identity", "family", "placement", "review")


def _scroll(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.NoFrame)
    area.setWidget(widget)
    return area


class FindingList(QLabel):
    """Findings that belong to no single field, as coloured lines."""

    def show_findings(self, findings: list[Finding]) -> None:
        self.setText("<br>".join(f"<span style='color:{COLOURS[f.severity]}'>{'■' if f.severity is Severity.BLOCK else '▲' if f.severity is Severity.WARN else '●'} "
                                 f"{f.text}</span>" for f in findings))
        self.setVisible(bool(findings))


class DraftPage(QWizardPage):
    """A page whose Next stays disabled while a block among its fields remains."""

    def __init__(self, wizard: "EnrolWizard", name: str, title: str, subtitle: str):
        super().__init__()
        self.wiz, self.name = wizard, name
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.touched: set[str] = set()
        self.forms: list[FieldForm] = []
        self.notes = FindingList()
        self.notes.setWordWrap(True)
        self.pending = QLabel()
        self.pending.setStyleSheet("color: #7f8c8d;")
        self.hints: dict[str, FindingList] = {}  # findings of a non-FieldForm widget, by field
        self.marks_required = False  # the pupil's own fields: mark those the domain requires

    def mark_required(self) -> None:
        """The required mark on this page's fields of the pupil, as the domain says given what is
        filled on the page (the 身份证件号 with the 证件类型, the 残疾人类型 with 随班就读)."""
        own = [form for form in self.forms if not form.prefix]
        values: dict[str, str] = {}
        for form in own:
            values.update(form.values())
        required = required_keys(values)
        for form in own:
            form.mark_required(required)

    def marked(self) -> set[str]:
        """The pupil's fields on this page shown as required (for the window's tests and checks)."""
        return {key for form in self.forms if not form.prefix for key in form.marked()}

    def set_body(self, *widgets: QWidget) -> None:
        """The page's widgets, then its notes and what is still missing, in a scroll area."""
        body = QWidget()
        layout = QVBoxLayout(body)
        for widget in dict.fromkeys((*widgets, self.notes, self.pending)):  # each once, in order
            layout.addWidget(widget)
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(_scroll(body))

    def add_form(self, form: FieldForm) -> FieldForm:
        self.forms.append(form)
        for key, editor in form.editors.items():
            editor.edited.connect(lambda k=key: self._edited(k))
        return form

    def _edited(self, key: str) -> None:
        self.touched.add(key)
        self.wiz.refresh()

    def mine(self, findings: list[Finding]) -> list[Finding]:
        return [f for f in findings if page_of(f) == self.name]

    def show_findings(self, findings: list[Finding]) -> None:
        if self.marks_required:
            self.mark_required()
        mine = self.mine(findings)
        visible = [f for f in mine if f.field in self.touched or not f.rule.startswith("field.")
                   or self.wiz.reveal_all]
        rest = visible
        for form in self.forms:
            rest = form.show_findings(rest)
        for key, hint in self.hints.items():
            hint.show_findings([f for f in rest if f.field == key])
        self.notes.show_findings([f for f in rest if f.field not in self.hints])
        hidden = [f for f in mine if f not in visible and f.severity is Severity.BLOCK]
        names = list(dict.fromkeys(f.message.split("不能为空")[0].split("：")[0] for f in hidden))
        self.pending.setText(f"还需填写：{'、'.join(names)}（填完后“下一步”才可用）" if hidden else "")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not any(f.severity is Severity.BLOCK for f in self.mine(self.wiz.findings))


class RoutePage(DraftPage):
    def __init__(self, wizard):
        super().__init__(wizard, "route", "注册方式", "新生在起始年级注册；转学以外的其他学生按年龄对应年级进行非新生注册。")
        ws = wizard.ws
        layout = QVBoxLayout(self)
        self.new = QRadioButton("新生注册（起始年级：" + "、".join(grade_name(g) for g in starting_grades(ws.kind, ws.system)) + "）")
        self.other = QRadioButton("非新生注册（注册到其他年级）")
        self.new.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.new)
        group.addButton(self.other)
        self.grade = QComboBox()
        self.grade.setAccessibleName("年级")
        row = QHBoxLayout()
        self.grade_label = QLabel(label_text("注册年级", "grade" in PLACEMENT_REQUIRED))
        row.addWidget(self.grade_label)
        row.addWidget(self.grade, 1)
        for w in (self.new, self.other):
            layout.addWidget(w)
        layout.addLayout(row)
        layout.addWidget(self.notes)
        layout.addStretch(1)
        self.new.toggled.connect(self._route_changed)
        self.grade.currentIndexChanged.connect(lambda: self._edited("grade"))
        self._route_changed()

    def _route_changed(self) -> None:
        ws = self.wiz.ws
        grades = starting_grades(ws.kind, ws.system) if self.new.isChecked() else grades_taught(ws.kind, ws.system)
        self.grade.blockSignals(True)
        self.grade.clear()
        for g in grades:
            self.grade.addItem(grade_name(g), g)
        self.grade.blockSignals(False)
        self._edited("route")

    def collect(self, draft: EnrolmentDraft) -> None:
        draft.new_pupil = self.new.isChecked()
        draft.grade = self.grade.currentData()

    def marked(self) -> set[str]:
        return {"grade"} if is_marked(self.grade_label) else set()


class IdentityPage(DraftPage):
    def __init__(self, wizard):
        super().__init__(wizard, "identity", "身份信息",
                         "输入 18 位身份证号后，出生日期、性别和出生地自动填写；请与户口簿核对。")
        fields = [STUDENT[k] for k in enrolment.IDENTITY_FIELDS]
        self.form = self.add_form(FieldForm(fields, columns=2, required=required_keys()))
        self.marks_required = True
        self.pinyin_filled = ""  # the 姓名拼音 last written from the name; typed over, it is left alone
        self.verified = QCheckBox("已与户口簿原件核对，身份信息核验通过（生成正式 G 学籍号；未核验则生成临时 L 学籍号）")
        self.verified.toggled.connect(lambda: self.wiz.refresh())
        self.form.editor("id_number").edited.connect(self._fill_from_id)
        self.form.editor("name").edited.connect(self._fill_pinyin)
        self.set_body(self.form, self.verified)

    def _fill_pinyin(self) -> None:
        """姓名拼音 follows 姓名 until the registrar writes it by hand."""
        current = self.form.editor("name_pinyin").value()
        if current and current != self.pinyin_filled:
            return
        spelled = name_pinyin(self.form.editor("name").value())
        self.pinyin_filled = spelled
        if spelled != current:
            self.form.set_values({"name_pinyin": spelled})
            self.wiz.refresh()

    def _fill_from_id(self) -> None:
        values = self.form.values()
        if values.get("id_type") != codes.RESIDENT_ID:
            return
        result = ids.check_resident_id(values.get("id_number", ""), self.wiz.ws.today())
        if not result.ok:
            return
        filled = {"birth_date": result.birth_date.isoformat(), "sex": result.sex_code}
        if result.region_name:
            filled["birthplace"] = result.region_code
            for key in ("native_place", "hukou_place"):
                if not values.get(key):
                    filled[key] = result.region_code
        self.form.set_values(filled)
        self.touched.update(filled)
        self.wiz.refresh()

    def collect(self, draft: EnrolmentDraft) -> None:
        draft.student.update(self.form.values())
        draft.identity_verified = self.verified.isChecked()


class FamilyPage(DraftPage):
    def __init__(self, wizard):
        super().__init__(wizard, "family", "家庭与监护人", "家庭成员 1 必填，且至少一名家庭成员为监护人。")
        self.form = self.add_form(FieldForm([STUDENT[k] for k in enrolment.FAMILY_FIELDS], columns=2,
                                            required=required_keys()))
        self.marks_required = True
        self.form.editor("address").edited.connect(self._copy_address)
        self.members, boxes = [], []
        for i in range(2):
            box = QGroupBox(f"家庭成员{i + 1}" + ("" if i == 0 else "（选填）"))
            member = self.add_form(FieldForm(list(GUARDIAN_FIELDS), prefix=f"guardians.{i}.", columns=2))
            QVBoxLayout(box).addWidget(member)
            boxes.append(box)
            self.members.append(member)
        self.set_body(self.form, *boxes)

    def _copy_address(self) -> None:
        """通信地址 and 家庭地址 follow 现住址 until the registrar types them differently."""
        address = self.form.editor("address").value()
        self.form.set_values({k: address for k in ("mail_address", "home_address") if k not in self.touched})
        self.wiz.refresh()

    def collect(self, draft: EnrolmentDraft) -> None:
        draft.student.update(self.form.values())
        draft.guardians = [m.values() for m in self.members]


class PlacementPage(DraftPage):
    def __init__(self, wizard):
        super().__init__(wizard, "placement", "编班", "选择班级；每个班级后列出已有人数、计划人数和剩余名额。")
        self.classes = QListWidget()
        self.classes.setAccessibleName("班级")
        self.classes.currentRowChanged.connect(lambda: self._edited("school_class"))
        self.class_hint = FindingList()
        self.class_hint.setWordWrap(True)
        self.hints["school_class"] = self.class_hint
        self.form = self.add_form(FieldForm([STUDENT[k] for k in enrolment.PLACEMENT_FIELDS if k in STUDENT], columns=2,
                                            required=required_keys()))
        self.marks_required = True
        self.class_label = QLabel(label_text("班级", "school_class" in PLACEMENT_REQUIRED))
        self.set_body(self.class_label, self.classes, self.class_hint, self.form)

    def marked(self) -> set[str]:
        return super().marked() | ({"school_class"} if is_marked(self.class_label) else set())

    def initializePage(self) -> None:
        fill_class_list(self.classes, self.wiz.draft.grade)
        if not self.form.values().get("entry_month"):
            self.form.set_values({"entry_month": f"{self.wiz.ws.today():%Y-%m}"})
        self.wiz.refresh()

    def collect(self, draft: EnrolmentDraft) -> None:
        item = self.classes.currentItem()
        draft.class_id = item.data(Qt.UserRole) if item else None
        draft.student.update(self.form.values())


class ReviewPage(DraftPage):
    reasons_changed = Signal()

    def __init__(self, wizard):
        super().__init__(wizard, "review", "核对确认", "请与家长一起核对。点击“确认注册”后一次性写入，并记入变更记录。")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.reason_box = ReasonsBox()
        self.reason_box.changed.connect(self.completeChanged)
        self.print_after = QCheckBox("注册后打印学生基本信息表（交监护人核对签字）")
        self.print_after.setChecked(True)
        # what still needs the registrar comes first, the record to check with the family after
        self.set_body(self.print_after, self.reason_box, self.notes, self.summary)
        self.setButtonText(QWizard.FinishButton, "确认注册")

    def initializePage(self) -> None:
        draft, ws = self.wiz.draft, self.wiz.ws
        klass = pupil_reads.class_row(draft.class_id)
        number = enrolment.student_number(ws, draft) if draft.value("birth_date") else ""
        head = (f"<p style='font-size:{points(13)}pt'><b>{escape(draft.value('name'))}</b>　"
                f"{'新生注册' if draft.new_pupil else '非新生注册'}到 <b>{klass.name if klass else ''}</b>　"
                f"将生成学籍号 <b>{number}</b>"
                f"{'（临时学籍号，身份核验后换发 G 学籍号）' if number.startswith('L') else ''}</p>")
        sections = []
        for title, rows in draft_sections(draft):
            cells = "".join(f"<tr><td style='color:#555;padding-right:6px' align='right'>{escape(label)}</td>"
                            f"<td style='padding-right:18px'>{escape(text)}</td></tr>" for label, text in rows if text)
            sections.append(f"<p style='margin-top:8px'><b>{title}</b></p><table>{cells}</table>")
        self.summary.setText(head + "".join(sections))
        self.reason_box.show_warnings(self.wiz.findings, draft.reasons)
        self.wiz.refresh()

    @property
    def reason_edits(self):
        return self.reason_box.edits

    def show_findings(self, findings):
        blocks = [f for f in findings if f.severity is Severity.BLOCK]
        infos = [f for f in findings if f.severity is Severity.INFO]
        self.notes.show_findings(blocks + infos)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        f = self.wiz.findings
        return not any(x.severity is Severity.BLOCK for x in f) and not enrolment.unexplained(f, self.wiz.draft.reasons)


class EnrolWizard(DraftRefresh, QWizard):
    enrolled = Signal(object)  # the new Student

    def __init__(self, ws, parent=None):
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle("新生注册 — 建立学籍")
        name_buttons(self)
        self.setWizardStyle(QWizard.ModernStyle)
        self.setOption(QWizard.NoBackButtonOnStartPage)
        self.resize(1000, 680)
        self.draft = EnrolmentDraft(entry_date=ws.today())
        self.student = None  # set once enrolled
        self.print_after_enrolment = False
        self.findings: list[Finding] = []
        self.reveal_all = False
        self._refreshing = False
        self.pages_by_name: dict[str, DraftPage] = {}
        for cls in (RoutePage, IdentityPage, FamilyPage, PlacementPage, ReviewPage):
            page = cls(self)
            self.pages_by_name[page.name] = page
            self.addPage(page)
        self.refresh()

    def ready(self) -> bool:
        return len(self.pages_by_name) == len(PAGE_ORDER)

    def marked_required(self) -> set[str]:
        """Every field of the pupil the wizard marks as required, over all its pages."""
        return set().union(*(page.marked() for page in self.pages_by_name.values()))

    def check_draft(self) -> list[Finding]:
        return enrolment.check(self.ws, self.draft)

    def accept(self) -> None:
        self.refresh()
        student = run_op(self, lambda: enrolment.enrol(self.ws, self.draft), initiator=self)
        if student is None:
            return  # refused: the message was shown, the draft is kept
        self.student = student
        self.print_after_enrolment = self.pages_by_name["review"].print_after.isChecked()
        self.enrolled.emit(student)
        super().accept()
